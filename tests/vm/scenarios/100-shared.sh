#!/bin/sh
# Rules naming the same object add into it (rules counts them); a rule
# naming it with another --period or --samples is refused (iptables-legacy)
# or waits for the old rules to go (iptables-nft), and the kernel log says
# which value differs.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

# naming does not depend on the family: both backends, both families, not every pair
COMBOS="legacy:4 nft:6"

PERIOD=2000000

kmsgs() {
	dmesg | grep -c 'xt_pktstat: ' || true
}

# iptables-legacy checks the whole table anew at each change: a rule that
# disagrees with one of the same table is refused, and the log says why
disagree() {
	before=$(kmsgs)
	expect_refused '.' ipt -A INPUT -i vrx -p udp -m pktstat --name s --period 3ms --samples 500
	dmesg | grep 'xt_pktstat: ' | tail -n +$((before + 1)) >"$T/k1"
	grep -q 'period' "$T/k1" || fail "no kernel message about the period: $(cat "$T/k1")"
	grep -q 's' "$T/k1" || fail "kernel message does not name the object: $(cat "$T/k1")"
	say "kernel: $(cat "$T/k1")"
	before=$(kmsgs)
	expect_refused '.' ipt -A INPUT -i vrx -p udp -m pktstat --name s --period 2ms --samples 501
	dmesg | grep 'xt_pktstat: ' | tail -n +$((before + 1)) >"$T/k2"
	grep -q 'samples' "$T/k2" || fail "no kernel message about the samples: $(cat "$T/k2")"
	say "kernel: $(cat "$T/k2")"
	# --name alone means the defaults, which differ too
	expect_refused '.' ipt -A INPUT -i vrx -p udp -m pktstat --name s
}

# iptables-nft adds the rule alone: a rule with other parameters waits, as
# the successor of the name, for the old rules to go; deleting it undoes it
pending() {
	before=$(kmsgs)
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name s --period 3ms --samples 500
	dmesg | grep 'xt_pktstat: ' | tail -n +$((before + 1)) >"$T/k1"
	grep -q 's: period 3000000ns samples 500 replace period 2000000ns samples 500' "$T/k1" ||
		fail "no kernel message about the pending change: $(cat "$T/k1")"
	say "kernel: $(cat "$T/k1")"
	before=$(kmsgs)
	expect_refused '.' ipt -A INPUT -i vrx -p udp -m pktstat --name s --period 2ms --samples 501
	dmesg | grep 'xt_pktstat: ' | tail -n +$((before + 1)) >"$T/k2"
	grep -q 'another rule changes it to period 3000000ns' "$T/k2" ||
		fail "no kernel message about the change under way: $(cat "$T/k2")"
	ipt_ok -D INPUT -i vrx -p udp -m pktstat --name s --period 3ms --samples 500
	expect_eq "period kept" "$(info s period_ns)" 2000000
	expect_eq "samples kept" "$(info s samples)" 500
}

shared() {
	ipt_ok -A INPUT -i vrx -p udp --dport 5000 -m pktstat --name s --period 2ms --samples 500 -m comment --comment a
	ipt_ok -A INPUT -i vrx -p udp --dport 5001 -m pktstat --name s --period 2ms --samples 500 -m comment --comment b
	expect_eq "rules" "$(info s rules)" 2
	send 120 100
	send_from tx "$DST" 5001 80 1000
	settle $PERIOD
	read_data s "$T/data"
	data_totals $PERIOD "$T/data"
	expect_eq "rule a" "$(counter a)" "120 $((120 * $(ip_len 100)))"
	expect_eq "rule b" "$(counter b)" "80 $((80 * $(ip_len 1000)))"
	expect_eq "frames of both" "$D_FRAMES" 200
	expect_eq "bytes of both" "$D_BYTES" $((120 * $(ip_len 100) + 80 * $(ip_len 1000)))

	if [ "$B" = legacy ]; then
		disagree
	else
		pending
	fi
	expect_eq "rules after refusals" "$(info s rules)" 2
	expect_eq "rules in the table" "$(ipt -S INPUT | grep -c 'name s ')" 2
	# the defaults spelled out are the same object as none given
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name dflt
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name dflt --period 10ms --samples 1000
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name dflt --period 10000us
	expect_eq "dflt rules" "$(info dflt rules)" 3
	# still counting after the refusals
	send 30 100
	settle $PERIOD
	read_data s "$T/data"
	data_totals $PERIOD "$T/data"
	expect_eq "frames after refusals" "$D_FRAMES" 230
	ipt_ok -D INPUT -i vrx -p udp --dport 5000 -m pktstat --name s --period 2ms --samples 500 -m comment --comment a
	expect_eq "rules after delete" "$(info s rules)" 1
	send_from tx "$DST" 5001 5 1000
	settle $PERIOD
	read_data s "$T/data"
	data_totals $PERIOD "$T/data"
	expect_eq "frames after delete" "$D_FRAMES" 235
	expect_eq "info frames" "$(info s frames)" 235
}

each_combo shared
