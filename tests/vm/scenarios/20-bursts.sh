#!/bin/sh
# Bursts separated by idle gaps: with a 1ms period and 30ms gaps the data
# shows each burst as busy buckets (with exactly the burst's frames) and the
# gaps as runs of zero buckets.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

# bucketing does not depend on the family: both backends, both families, not every pair
COMBOS="legacy:4 nft:6"

PERIOD=1000000
BURSTS="10 20 30 40 50"

# Busy runs separated by at least 20 zero buckets (a stall inside a burst
# under emulation can leave a few): the frames of each run.
runs() { # LOG
	awk '/^[0-9]/ {
		if ($2 > 0) { if (zeros >= 20 && sum) { printf "%d ", sum; sum = 0 } sum += $2; zeros = 0 }
		else zeros++
	} END { printf "%d\n", sum }' "$1"
}

bursts() {
	# warm up the path (emulation translates code on first use: slow)
	send_from tx "$DST" 5001 20 200
	ipt_ok -A INPUT -i vrx -p udp --dport 5000 -m pktstat --name b --period 1ms --samples 100000 -m comment --comment b
	for n in $BURSTS; do
		send "$n" 200
		sleep 0.03
	done
	settle $PERIOD
	read_data b "$T/data"
	data_totals $PERIOD "$T/data"
	expect_eq "lost buckets" "$D_LOSTB" 0
	expect_eq "frames" "$D_FRAMES" 150
	expect_eq "counter" "$(counter b)" "150 $((150 * $(ip_len 200)))"
	expect_eq "bytes" "$D_BYTES" $((150 * $(ip_len 200)))
	expect_eq "frames of each burst" "$(runs "$T/data")" "$BURSTS"
	zeros=$((D_N - D_BUSY))
	# four gaps of 30ms each hold at least 29 whole idle buckets
	[ "$zeros" -ge 116 ] || fail "only $zeros zero buckets"
	say "$D_N buckets: $D_BUSY busy, $zeros zero"
}

each_combo bursts
