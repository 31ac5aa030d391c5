#!/bin/sh
# Objects live as long as a rule uses them: numbered ones take the smallest
# free number (see numbered_legacy for what a table replace does), a directory goes with its last rule, tags with theirs; an
# open data file survives its object; the module is in use while a rule
# exists and unloads once none is left.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

# Numbered objects take the smallest free number when their rule is checked.
# iptables-nft adds and deletes single rules: each object keeps its number and
# its buckets while its rule stays, and a freed number is reused.
numbered_nft() {
	ipt_ok -A INPUT -i vrx -p udp -m pktstat -m comment --comment r0
	send 10 10
	ipt_ok -A INPUT -i vrx -p udp -m pktstat -m comment --comment r1
	ipt_ok -A INPUT -i vrx -p udp -m pktstat -m comment --comment r2
	expect_eq "three numbered" "$(entries)" "0 1 2 tags"
	expect_eq "frames of 0, kept while rules were added" "$(info 0 frames)" 10
	ipt_ok -D INPUT -i vrx -p udp -m pktstat -m comment --comment r1
	expect_eq "1 deleted" "$(entries)" "0 2 tags"
	ipt_ok -A INPUT -i vrx -p udp -m pktstat -m comment --comment r1b
	expect_eq "1 reused" "$(entries)" "0 1 2 tags"
}

# iptables-legacy replaces the whole table on every change, checking the new
# rules before destroying the old: unnamed objects are made anew each time
# (fresh counters), numbered after the ones still held by the old table.
numbered_legacy() {
	ipt_ok -A INPUT -i vrx -p udp -m pktstat -m comment --comment r0
	send 10 10
	expect_eq "one numbered" "$(entries)" "0 tags"
	expect_eq "frames of 0" "$(info 0 frames)" 10
	ipt_ok -A INPUT -i vrx -p udp -m pktstat -m comment --comment r1
	expect_eq "two numbered, renumbered" "$(entries)" "1 2 tags"
	ipt_ok -A INPUT -i vrx -p udp -m pktstat -m comment --comment r2
	expect_eq "three numbered, renumbered" "$(entries)" "0 3 4 tags"
	expect_eq "r0's object counts afresh" "$(info 0 frames)" 0
	send 10 10
	expect_eq "each rule its own object" \
		"$(info 0 frames) $(info 3 frames) $(info 4 frames)" "10 10 10"
	ipt_ok -D INPUT -i vrx -p udp -m pktstat -m comment --comment r1
	expect_eq "1 deleted" "$(entries)" "1 2 tags"
	ipt_ok -A INPUT -i vrx -p udp -m pktstat -m comment --comment r1b
	expect_eq "numbers reused" "$(entries)" "0 3 4 tags"
}

numbered() {
	"numbered_$B"
	ipt_ok -F INPUT
}

lifecycle() {
	ipt_ok -A INPUT -i vrx -p udp -m pktstat -m comment --comment u0
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name n -m comment --comment n1
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name n --tag tg -m comment --comment n2
	expect_eq "n rules" "$(info n rules)" 2
	ipt_ok -D INPUT -i vrx -p udp -m pktstat --name n -m comment --comment n1
	expect_eq "n rules after one delete" "$(info n rules)" 1
	in_ns rx grep -q "^ipv$F tg " "$PROC/tags" || fail "tag tg missing"
	ipt_ok -D INPUT -i vrx -p udp -m pktstat --name n --tag tg -m comment --comment n2
	in_ns rx test -e "$PROC/n" && fail "$PROC/n still there"
	in_ns rx grep -q "^ipv$F tg " "$PROC/tags" && fail "tag tg still listed"

	# the module is in use while rules exist
	rmmod xt_pktstat 2>/dev/null && fail "rmmod succeeded with rules in place"

	# a reader holding data open while its object goes: no crash, and
	# reading afterwards ends (with an error or nothing)
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name held
	send 20 10
	in_ns rx sh -c "exec 3<$PROC/held/data; sleep 0.6; timeout -s KILL 5 cat <&3 >/dev/null; echo held-read-ended" >"$T/held" 2>&1 &
	reader=$!
	sleep 0.3
	ipt_ok -F INPUT
	expect_eq "entries after flush" "$(entries)" "tags"
	wait $reader || true
	grep -q held-read-ended "$T/held" || fail "read of a removed object did not end: $(cat "$T/held")"
	net_down
	pktstat_unload
	grep -q '^xt_pktstat ' /proc/modules && fail "module still loaded"
	# and it loads again
	pktstat_load
	net_up
	numbered
}

each_combo lifecycle
