#!/bin/sh
# iptables-save prints every option so that restoring its output recreates
# the same rules: save, flush, restore, save again: identical; the objects
# come back with the same period and samples.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

# the rules without counters and the "# Generated/Completed" comments
rules() {
	ipt_save | grep -v '^#' | sed 's/\[[0-9]*:[0-9]*\]//'
}

RULES='-A INPUT -i vrx -p udp -m pktstat
-A INPUT -i vrx -p udp -m pktstat --name web --period 250us --samples 77
-A INPUT -i vrx -p udp -m pktstat --period 1.5s
-A INPUT -i vrx -p udp -m pktstat --period 0.5ms --samples 1 --name half
-A INPUT -i vrx -p udp -m pktstat --period 1000000ns --samples 1000000
-A INPUT -i vrx -p udp -m pktstat --period 60s --name long-name.with_all-31-chars.x
-A INPUT -i vrx -p udp -m pktstat --period 10us --name min
-A INPUT -i vrx -p udp -m pktstat --period 42 --name bare
-A INPUT -i vrx -p udp -m pktstat --tag ssh_up
-A INPUT -i vrx -p udp -m pktstat --tag "=web4_up= Web traffic, \"quoted\" too"
-A INPUT -i vrx -p udp -m pktstat --name both --period 100ms --tag "=web4_down= Web traffic"
-N sub
-A sub -m pktstat --name web --period 250us --samples 77'

# IPv4: one command each; IPv6: the same lines in one restore (quicker
# under emulation, and the restore parser's quoting is tested too)
add_rules() {
	if [ "$F" = 4 ]; then
		echo "$RULES" | while read -r line; do
			eval "ipt_ok $line"
		done
	else
		printf '*filter\n%s\nCOMMIT\n' "$RULES" | ipt_restore --noflush ||
			fail "restore --noflush of the rules failed"
	fi
}

saverestore() {
	add_rules
	rules >"$T/before"
	expect_eq "pktstat rules saved" "$(grep -c -- '-m pktstat' "$T/before")" 12
	grep -q -- '--tag "=web4_up= Web traffic, \\"quoted\\" too"' "$T/before" ||
		fail "description not saved quoted: $(grep web4_up "$T/before")"
	ipt -L INPUT -n >"$T/list" || fail "$(ipt_cmd) -L failed"
	grep -q 'pktstat name web period 250us samples 77' "$T/list" ||
		fail "-L does not show the options: $(cat "$T/list")"
	# periods as given, in the unit that shows them whole
	for p in "period 1.5s\|period 1500ms" "period 500us" "period 1ms" "period 60s" "period 10us" "period 42ms"; do
		grep -q -- "--$p" "$T/before" || fail "no --$p in: $(cat "$T/before")"
	done
	expect_eq "bare number is ms" "$(info bare period_ns)" 42000000
	expect_eq "0.5ms" "$(info half period_ns)" 500000
	expect_eq "period of 60s" "$(info long-name.with_all-31-chars.x period_ns)" 60000000000

	ipt_ok -F
	ipt_ok -X
	expect_eq "entries after flush" "$(entries)" "tags"
	ipt_restore <"$T/before" || fail "restore of the saved rules failed"
	rules >"$T/after"
	diff "$T/before" "$T/after" >"$T/diff" || fail "save after restore differs: $(cat "$T/diff")"
	expect_eq "web period_ns" "$(info web period_ns)" 250000
	expect_eq "web samples" "$(info web samples)" 77
	expect_eq "web rules" "$(info web rules)" 2
	expect_eq "both period_ns" "$(info both period_ns)" 100000000
	# restored into an empty table: numbered from 0 again
	expect_eq "entries" "$(entries)" "0 1 2 bare both half long-name.with_all-31-chars.x min tags web"
	# and restoring over itself changes nothing either
	ipt_restore <"$T/after" || fail "second restore failed"
	rules >"$T/again"
	diff "$T/before" "$T/again" >"$T/diff" || fail "second restore differs: $(cat "$T/diff")"
}

each_combo saverestore
