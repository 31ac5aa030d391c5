#!/bin/sh
# Senders pinned to each vCPU at once, and a reader draining meanwhile:
# the per-CPU counting still adds up exactly.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

PERIOD=1000000
N=1500

multicpu() {
	[ "$(nproc)" -ge 2 ] || fail "needs 2 CPUs, has $(nproc)"
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name m --period 1ms --samples 100000 -m comment --comment m
	in_ns tx sendpkts --cpu 0 --count $N --size 100 "$DST" "$PORT" >"$T/s0" 2>&1 &
	s0=$!
	in_ns tx sendpkts --cpu 1 --count $N --size 700 "$DST" "$PORT" >"$T/s1" 2>&1 &
	s1=$!
	# read while they send
	for i in 1 2 3 4 5 6; do
		read_data m "$T/data"
		sleep 0.05
		: "$i"
	done
	wait $s0 || fail "sender on cpu 0: $(cat "$T/s0")"
	wait $s1 || fail "sender on cpu 1: $(cat "$T/s1")"
	expect_eq "cpu 0 sender" "$(cat "$T/s0")" "sent $N"
	expect_eq "cpu 1 sender" "$(cat "$T/s1")" "sent $N"
	settle $PERIOD
	read_data m "$T/data"
	data_totals $PERIOD "$T/data"
	want_bytes=$((N * $(ip_len 100) + N * $(ip_len 700)))
	expect_eq "counter" "$(counter m)" "$((2 * N)) $want_bytes"
	expect_eq "lost" "$D_LOSTB" 0
	expect_eq "frames" "$D_FRAMES" $((2 * N))
	expect_eq "bytes" "$D_BYTES" "$want_bytes"
	expect_eq "info frames" "$(info m frames)" $((2 * N))
	expect_eq "info bytes" "$(info m bytes)" "$want_bytes"
	say "$D_N buckets, $D_BUSY busy"
}

each_combo multicpu
