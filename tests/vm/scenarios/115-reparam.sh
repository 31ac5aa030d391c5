#!/bin/sh
# Reloads that change a named object's --period or --samples: the rules of
# the new ruleset share a successor that takes over the name when the old
# rules go (iptables-restore, -R, and a rule added in another table before
# the old one is deleted), counting exactly from its first rule on. Two
# rules of one ruleset that disagree are refused whichever comes first, and
# a refused reload leaves the old object as it was. Unnamed objects renewed
# by an iptables-legacy table replace share the budget of the ones they
# replace (with nft, a reload needs their memory twice).
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

COMBOS="legacy:4 nft:6"
PARAM=/sys/module/xt_pktstat/parameters/max_memory_mb

ruleset() { # RULE...
	echo '*filter'
	echo ':INPUT ACCEPT [0:0]'
	for _r in "$@"; do
		echo "-A INPUT -i vrx -p udp $_r"
	done
	echo COMMIT
}

kmsg_since() { # COUNT -> the module's log lines after the first COUNT
	dmesg | grep 'xt_pktstat: ' | tail -n +$(($1 + 1))
}

kmsgs() {
	dmesg | grep -c 'xt_pktstat: ' || true
}

# restore, then count PACKETS on the object with PERIOD_NS
counts() { # PERIOD_NS PACKETS
	send "$2" 100
	settle "$1"
	# one log per object: each has its own period
	read_data p "$T/data.$1"
	data_totals "$1" "$T/data.$1"
}

change() {
	ruleset "-m pktstat --name p --period 2ms --samples 500 -m comment --comment a" >"$T/r1"
	ipt_restore <"$T/r1" || fail "first restore"
	counts 2000000 50
	expect_eq "frames before the change" "$D_FRAMES" 50

	ruleset "-m pktstat --name p --period 5ms --samples 300 -m comment --comment a" >"$T/r2"
	ipt_restore <"$T/r2" || fail "restore with new parameters"
	expect_eq "period after restore" "$(info p period_ns)" 5000000
	expect_eq "samples after restore" "$(info p samples)" 300
	expect_eq "rules after restore" "$(info p rules)" 1
	counts 5000000 30
	expect_eq "frames after the change" "$D_FRAMES" 30
	expect_eq "info frames" "$(info p frames)" 30
	expect_eq "entries" "$(entries)" "p tags"

	# two rules of one ruleset disagree: refused in either order, or when
	# both change it differently; the live object stays as it was
	created=$(info p created_ns)
	for pair in "5ms 7ms" "7ms 5ms" "7ms 8ms"; do
		# shellcheck disable=SC2086 # two words wanted
		set -- $pair
		ruleset "-m pktstat --name p --period $1 --samples 300" \
			"-m pktstat --name p --period $2 --samples 300" >"$T/bad"
		before=$(kmsgs)
		expect_refused '.' ipt_restore <"$T/bad"
		kmsg_since "$before" >"$T/k"
		grep -q 'p: period .* refused: another rule' "$T/k" ||
			fail "$pair: kernel log does not say why: $(cat "$T/k")"
		expect_eq "$pair: created_ns kept" "$(info p created_ns)" "$created"
		expect_eq "$pair: period kept" "$(info p period_ns)" 5000000
		expect_eq "$pair: rules kept" "$(info p rules)" 1
	done
	counts 5000000 20
	expect_eq "frames after the refusals" "$(info p frames)" 50

	# -R replaces the rule in place
	ipt_ok -R INPUT 1 -i vrx -p udp -m pktstat --name p --period 10ms --samples 300 -m comment --comment a
	expect_eq "period after -R" "$(info p period_ns)" 10000000
	expect_eq "rules after -R" "$(info p rules)" 1
	counts 10000000 10
	expect_eq "frames after -R" "$(info p frames)" 10

	# make before break: a rule in another table with new parameters counts
	# into the successor until the old rule goes, then its files appear
	before=$(kmsgs)
	ipt_ok -t mangle -A PREROUTING -i vrx -p udp -m pktstat --name p --period 4ms --samples 300
	kmsg_since "$before" >"$T/k"
	grep -q 'p: period 4000000ns samples 300 replace period 10000000ns' "$T/k" ||
		fail "no log line for the pending change: $(cat "$T/k")"
	counts 10000000 15
	expect_eq "old object counts" "$(info p frames)" 25
	ipt_ok -D INPUT 1
	expect_eq "period after the old rule went" "$(info p period_ns)" 4000000
	expect_eq "frames of the successor" "$(info p frames)" 15
	counts 4000000 5
	expect_eq "frames of the successor" "$(info p frames)" 20
	ipt_ok -t mangle -F PREROUTING
	expect_eq "entries at the end" "$(entries)" "tags"
}

unnamed() {
	echo 1 >$PARAM
	cpus=$(possible_cpus)
	# three unnamed objects take 90% of the 1 MiB cap
	samples=$((943718 / 3 / (48 * cpus) - 3))
	ruleset "-m pktstat --samples $samples" "-m pktstat --samples $samples" \
		"-m pktstat --samples $samples" >"$T/u"
	ipt_restore <"$T/u" || fail "unnamed restore"
	expect_eq "entries" "$(entries)" "0 1 2 tags"
	if [ "$B" = legacy ]; then
		# renewed by a table replace: each new one shares the budget of
		# the one it replaces
		ipt_restore <"$T/u" || fail "unnamed restore again"
		expect_eq "entries after reload" "$(entries)" "3 4 5 tags"
	else
		# nft swaps only what the batch names: no sharing, twice the memory
		expect_refused 'memory' ipt_restore <"$T/u"
		expect_eq "entries after refused reload" "$(entries)" "0 1 2 tags"
	fi
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name small --samples 1
	# and nothing was counted twice or forgotten: a fourth is too many
	expect_refused 'memory' ipt -A INPUT -i vrx -p udp -m pktstat --samples $samples
	ipt_ok -F INPUT
	expect_eq "entries after flush" "$(entries)" "tags"
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name big --samples $((samples * 3))
	ipt_ok -F INPUT
	echo 256 >$PARAM
}

reparam() {
	change
	unnamed
}

each_combo reparam
