#!/bin/sh
# Each network namespace has its own /proc/net/xt_pktstat: its own objects
# (numbered from 0), its own tags, and sees nothing of the others'.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

# namespaces do not depend on the family: both backends, both families, not every pair
COMBOS="legacy:4 nft:6"

in_other() {
	in_ns other "$(ipt_cmd)" "$@" >"$T/err" 2>&1 || fail "other: $(ipt_cmd) $*: $(cat "$T/err")"
}

netns() {
	ip netns add other || fail "ip netns add other"
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name shared --period 1ms --tag "=t= in rx"
	ipt_ok -A INPUT -i vrx -p udp -m pktstat -m comment --comment unnamed
	# the same names with other values: no conflict across namespaces
	# (the unnamed rules last: 80-lifecycle tests their numbering)
	in_other -A INPUT -p udp -m pktstat --name shared --period 5ms --tag "=t= in other"
	in_other -A INPUT -p udp -m pktstat --name only-other
	in_other -A INPUT -p udp -m pktstat
	expect_eq "rx entries" "$(entries)" "0 shared tags"
	expect_eq "other entries" "$(entries other)" "0 only-other shared tags"
	expect_eq "rx period" "$(info shared period_ns)" 1000000
	expect_eq "other period" "$(in_ns other cat "$PROC/shared/info" | awk '$1 == "period_ns" { print $2 }')" 5000000
	if [ -d "$PROC" ]; then
		expect_eq "root netns entries" "$(entries -)" "tags"
	fi
	send 100 100
	settle 10000000
	read_data shared "$T/rx"
	data_totals 1000000 "$T/rx"
	expect_eq "rx shared frames" "$D_FRAMES" 100
	expect_eq "rx 0 frames" "$(info 0 frames)" 100
	in_ns other cat "$PROC/shared/data" >"$T/other"
	expect_eq "other shared frames" "$(awk '/^[0-9]/ { f += $2 } END { print f + 0 }' "$T/other")" 0
	expect_eq "other 0 frames" "$(in_ns other cat "$PROC/0/info" | awk '$1 == "frames" { print $2 }')" 0
	expect_eq "rx tag" "$(in_ns rx cat "$PROC/tags" | grep -v '^#')" "ipv$F t 100 $((100 * $(ip_len 100))) in rx"
	expect_eq "other tag" "$(in_ns other cat "$PROC/tags" | grep -v '^#')" "ipv$F t 0 0 in other"
	# a namespace going away with its rules in place leaves rx alone
	ip netns delete other
	send 10 100
	settle 10000000
	expect_eq "rx 0 frames after other went" "$(info 0 frames)" 110
	expect_eq "rx entries after other went" "$(entries)" "0 shared tags"
}

each_combo netns
