#!/bin/sh
# Reading drains: a second read returns only buckets closed since the
# first; cat terminates while traffic keeps coming; reads in small pieces
# (dd bs=13) lose and repeat nothing.
# (timeout runs busybox applets first: hence nsenter there)
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

# reading does not depend on the family: both backends, both families, not every pair
COMBOS="legacy:4 nft:6"

PERIOD=10000000

drain() {
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name d -m comment --comment d
	send 100 50
	settle $PERIOD
	read_data d "$T/1"
	read_data d "$T/2"
	data_totals $PERIOD "$T/1"
	expect_eq "first read frames" "$D_FRAMES" 100
	data_totals $PERIOD "$T/2"
	expect_eq "second read frames" "$D_FRAMES" 0
	# no bucket of the first read comes again
	first_end=$(awk '/^[0-9]/ { s = $1 } END { print s }' "$T/1")
	if [ -n "$first_end" ]; then
		awk -v e="$first_end" '/^[0-9]/ && $1 <= e { exit 1 }' "$T/2" ||
			fail "second read repeats buckets up to $first_end: $(head -n 3 "$T/2")"
	fi

	# traffic in the background while reading: every cat must end
	in_ns tx sendpkts --count 400 --size 50 --gap-us 1000 "$DST" "$PORT" >"$T/sent" 2>&1 &
	sender=$!
	i=0
	while [ $i -lt 10 ]; do
		echo "@read" >>"$T/3"
		timeout -s KILL 10 nsenter --net=/run/netns/rx cat "$PROC/d/data" >>"$T/3" || fail "cat $PROC/d/data did not end"
		echo "@read" >>"$T/3"
		timeout -s KILL 10 nsenter --net=/run/netns/rx dd if="$PROC/d/data" bs=13 2>/dev/null >>"$T/3" ||
			fail "dd bs=13 of $PROC/d/data did not end"
		sleep 0.05
		i=$((i + 1))
	done
	wait $sender || fail "sender: $(cat "$T/sent")"
	expect_eq "sender" "$(cat "$T/sent")" "sent 400"
	settle $PERIOD
	read_data d "$T/3"
	cat "$T/1" "$T/2" "$T/3" >"$T/all"
	data_totals $PERIOD "$T/all"
	expect_eq "lost buckets" "$D_LOSTB" 0
	expect_eq "frames of all reads" "$D_FRAMES" 500
	expect_eq "bytes of all reads" "$D_BYTES" $((500 * $(ip_len 50)))
	expect_eq "counter" "$(counter d)" "500 $((500 * $(ip_len 50)))"
	expect_eq "info read_frames" "$(info d read_frames)" 500
}

each_combo drain
