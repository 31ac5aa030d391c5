#!/bin/sh
# A reader that falls behind: with --samples 5 and a 1ms period only the 5
# newest closed buckets are kept; the read reports the rest in a "# lost"
# line, and read + lost is still exactly what the rule counted.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

# the ring does not depend on the family: both backends, both families, not every pair
COMBOS="legacy:4 nft:6"

PERIOD=1000000

overrun() {
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name o --period 1ms --samples 5 -m comment --comment o
	# 7 closed buckets of 48 bytes and a header per possible CPU
	header=$(ring_header o 5)
	expect_eq "memory_bytes" "$(info o memory_bytes)" $(((7 * 48 + header) * $(possible_cpus)))
	# spread over many more than 5 periods
	send 100 300 --gap-us 500
	sleep 0.1
	read_data o "$T/data"
	data_totals $PERIOD "$T/data"
	[ "$D_N" -le 5 ] || fail "$D_N buckets read, at most 5 kept"
	[ "$D_LOSTB" -ge 1 ] || fail "no lost buckets reported: $(cat "$T/data")"
	grep -q '^# lost buckets=' "$T/data" || fail "no # lost line"
	expect_eq "counter" "$(counter o)" "100 $((100 * $(ip_len 300)))"
	expect_eq "frames read + lost" "$D_ALLF" 100
	expect_eq "bytes read + lost" "$D_ALLY" $((100 * $(ip_len 300)))
	say "first read: $D_N buckets, lost $D_LOSTB buckets, $D_LOSTF frames"
	# a second round: the lost line accounts for exactly the missing
	# buckets between the two reads (data_totals checks the starts)
	send 50 300 --gap-us 500
	sleep 0.1
	read_data o "$T/data"
	data_totals $PERIOD "$T/data"
	expect_eq "frames read + lost, 2 reads" "$D_ALLF" 150
	expect_eq "bytes read + lost, 2 reads" "$D_ALLY" $((150 * $(ip_len 300)))
	expect_eq "counter" "$(counter o)" "150 $((150 * $(ip_len 300)))"
	expect_eq "info lost_frames" "$(info o lost_frames)" "$D_LOSTF"
	expect_eq "info lost_bytes" "$(info o lost_bytes)" "$D_LOSTY"
	expect_eq "info lost_buckets" "$(info o lost_buckets)" "$D_LOSTB"
	expect_eq "info read_frames" "$(info o read_frames)" "$D_FRAMES"
	expect_eq "info frames" "$(info o frames)" 150
	# one sample: each read holds at most one bucket
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name one --period 1ms --samples 1
	send 20 10 --gap-us 1000
	sleep 0.05
	read_data one "$T/one"
	data_totals $PERIOD "$T/one"
	[ "$D_N" -le 1 ] || fail "--samples 1: $D_N buckets read"
	expect_eq "--samples 1: read + lost" "$D_ALLF" 20
}

each_combo overrun
