#!/bin/sh
# A soak: senders on every CPU, three readers (two stream followers and a
# data loop), an iptables-restore every second that keeps the named object
# and its tag, and network namespaces with rules of their own made and
# destroyed meanwhile, for PKTSTAT_SOAK_SECONDS per backend (default 15).
# At the end every reader's sums are exact and the kernel log is clean (the
# harness reads it).
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

COMBOS="legacy:4 nft:6"
SECONDS_EACH=${PKTSTAT_SOAK_SECONDS:-15}
PERIOD=1000000

ruleset() { # N
	cat <<EOR
*filter
:INPUT ACCEPT [0:0]
-A INPUT -i vrx -p udp -m pktstat --name soak --period 1ms --samples 2000 --tag "=soak_down= soak" -m nfacct --nfacct-name ref
-A INPUT -i vrx -p udp --dport 9 -m pktstat --name other$1 --period 100us
-A INPUT -i vrx -p udp --dport 9 -m pktstat --samples $((100 + $1))
COMMIT
EOR
}

# restore one of two rulesets every second until STOP
reloader() { # STOP
	while [ ! -e "$1" ]; do
		ruleset $(($(date +%s) % 2)) | ipt_restore || { echo "restore failed" >"$T/reload.err"; break; }
		sleep 1
	done &
}

# namespaces with rules and loopback traffic, made and destroyed until STOP
churn() { # STOP
	while [ ! -e "$1" ]; do
		for n in 1 2 3; do
			ip netns add "soak$n"
			ip -n "soak$n" link set lo up
			ip netns exec "soak$n" "$(ipt_cmd)" -A OUTPUT -m pktstat --name n$n --period 10us >/dev/null 2>&1
			ip netns exec "soak$n" "$(ipt_cmd)" -A OUTPUT -m pktstat --samples 10 --tag "=n_up= x" >/dev/null 2>&1
			ip netns exec "soak$n" sendpkts --count 20 --size 50 127.0.0.1 9 >/dev/null 2>&1
		done
		for n in 1 2 3; do
			ip netns delete "soak$n"
		done
	done &
}

soak() {
	command -v nfacct >/dev/null || fail "nfacct is missing: it is the reference"
	in_ns rx nfacct add ref || fail "nfacct add ref"
	ruleset 0 | ipt_restore || fail "first restore"
	in_ns rx follow --interval-ms 50 --until "$T/stop" "$PROC/soak/stream" >"$T/f1" 2>"$T/f1.err" &
	f1=$!
	in_ns rx follow --interval-ms 200 --chunk 29 --until "$T/stop" "$PROC/soak/stream" >"$T/f2" 2>"$T/f2.err" &
	f2=$!
	cat_loop soak "$T/cat" "$T/stop"
	cats=$!
	reloader "$T/stopload"
	reloads=$!
	churn "$T/stopload"
	churns=$!
	senders=
	cpu=0
	while [ $cpu -lt "$(nproc)" ]; do
		nsenter --net=/run/netns/tx sendpkts --cpu $cpu --count 0 --size $((100 + cpu * 300)) \
			--gap-us 400 "$DST" "$PORT" >"$T/s$cpu" 2>&1 &
		senders="$senders $!"
		cpu=$((cpu + 1))
	done
	sleep "$SECONDS_EACH"
	# shellcheck disable=SC2086 # a list of pids
	kill -TERM $senders
	sent=0
	bytes=0
	cpu=0
	for pid in $senders; do
		wait "$pid" || fail "sender $cpu: $(cat "$T/s$cpu")"
		n=$(sed -n 's/^sent //p' "$T/s$cpu")
		sent=$((sent + n))
		bytes=$((bytes + n * $(ip_len $((100 + cpu * 300)))))
		cpu=$((cpu + 1))
	done
	touch "$T/stopload"
	wait $reloads || true
	wait $churns || true
	[ ! -e "$T/reload.err" ] || fail "an iptables-restore failed"
	settle $PERIOD
	sleep 0.3
	touch "$T/stop"
	for pid in $f1 $f2; do wait "$pid" || fail "follower $pid failed"; done
	wait $cats || true
	read_data soak "$T/cat"

	# nfacct lives on through the reloads as the object does. nft may run
	# a packet twice through the rule while a restore swaps the ruleset
	# (see 110-reload), nfacct as well: with legacy it equals what was sent
	ref=$(in_ns rx nfacct get ref | sed -n 's/.*pkts = 0*\([0-9][0-9]*\), bytes = 0*\([0-9][0-9]*\).*/\1 \2/p')
	say "$SECONDS_EACH s: sent $sent packets $bytes bytes, nfacct counted $ref"
	[ "$B" = legacy ] && expect_eq "nfacct" "$ref" "$sent $bytes"
	ref_f=${ref% *}
	ref_y=${ref#* }
	[ "$ref_f" -ge "$sent" ] || fail "nfacct counted $ref_f of $sent packets"
	expect_eq "info frames" "$(info soak frames) $(info soak bytes)" "$ref_f $ref_y"
	for f in f1 f2; do
		expect_eq "$f errors" "$(cat "$T/$f.err")" ""
		stream_totals $PERIOD "$T/$f"
		say "$f: read $S_FRAMES frames in $S_N buckets, lost $S_LOSTF"
		expect_eq "$f: before + read + lost" "$S_ALLF $S_ALLY" "$ref_f $ref_y"
	done
	data_totals $PERIOD "$T/cat"
	say "data: read $D_FRAMES frames, lost $D_LOSTF"
	expect_eq "data: read + lost" "$D_ALLF $D_ALLY" "$ref_f $ref_y"
	expect_eq "tag" "$(in_ns rx cat "$PROC/tags" | grep soak_down | awk '{ print $3, $4 }')" "$ref_f $ref_y"
}

each_combo soak
