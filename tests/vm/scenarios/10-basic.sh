#!/bin/sh
# Exact sums: a known number of packets, read back from NAME/data, equal the
# rule's own packet and byte counters and what info reports; bucket starts
# are multiples of the period and consecutive.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

PERIOD=10000000	# the default, 10ms

basic() {
	ipt_ok -A INPUT -i vrx -p udp -m pktstat -m comment --comment basic
	exists "$PROC/0/data" || fail "no $PROC/0 for the unnamed rule"
	expect_eq "period_ns" "$(info 0 period_ns)" "$PERIOD"
	expect_eq "samples" "$(info 0 samples)" 1000
	expect_eq "rules" "$(info 0 rules)" 1
	expect_eq "name" "$(info 0 name)" 0
	send 500 100
	send 300 1000 --gap-us 100
	settle $PERIOD
	read_data 0 "$T/data"
	data_totals $PERIOD "$T/data"
	want_bytes=$((500 * $(ip_len 100) + 300 * $(ip_len 1000)))
	expect_eq "counter" "$(counter basic)" "800 $want_bytes"
	expect_eq "data frames" "$D_FRAMES" 800
	expect_eq "data bytes" "$D_BYTES" "$want_bytes"
	expect_eq "lost buckets" "$D_LOSTB" 0
	[ "$D_BUSY" -ge 1 ] || fail "no busy bucket"
	expect_eq "info frames" "$(info 0 frames)" 800
	expect_eq "info bytes" "$(info 0 bytes)" "$want_bytes"
	expect_eq "info read_frames" "$(info 0 read_frames)" 800
	expect_eq "info read_bytes" "$(info 0 read_bytes)" "$want_bytes"
	expect_eq "info lost_frames" "$(info 0 lost_frames)" 0
	say "read $D_N buckets, $D_BUSY busy: 800 frames, $want_bytes bytes"
	# the first bucket is not older than the object
	first=$(awk '/^[0-9]/ { print $1; exit }' "$T/data")
	created=$(info 0 created_ns)
	[ "$first" -ge $((created - PERIOD)) ] || fail "first bucket $first before created_ns $created"
	# a named rule and an explicit period: another object, the numbered one stays
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name b.x-1_ --period 0.5ms --samples 20000
	expect_eq "period_ns of b.x-1_" "$(info b.x-1_ period_ns)" 500000
	expect_eq "samples of b.x-1_" "$(info b.x-1_ samples)" 20000
	send 100 10
	settle 500000
	read_data b.x-1_ "$T/named"
	data_totals 500000 "$T/named"
	expect_eq "b.x-1_ frames" "$D_FRAMES" 100
	expect_eq "b.x-1_ bytes" "$D_BYTES" $((100 * $(ip_len 10)))
	ipt_ok -F INPUT
}

each_combo basic
