#!/bin/sh
# Scale: 10,000 named objects, each with a tag of its own, made by one
# restore and gone with one flush; unnamed rules numbered among named ones
# (a rule named "3" is passed over, a freed number is taken again);
# iptables-legacy reloads of unnamed rules within a budget that holds them
# once, not twice; and a namespace deleted with rules in place. Only exact
# facts are checked: the times are printed, for comparing kernels and
# versions, never judged.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

# nothing here depends on the family: both backends, both families, not every pair
COMBOS="legacy:4 nft:6"
N=10000
BUDGET=/sys/module/xt_pktstat/parameters/max_memory_mb

# milliseconds since boot, to 10 ms: busybox's date has no %N
ms() {
	read -r _up _idle </proc/uptime
	_cs=${_up#*.}
	echo $((${_up%.*} * 1000 + ${_cs#0} * 10))
}

# the object directories, sorted, one a line
objects() {
	in_ns rx ls -A "$PROC" | grep -vx tags | sort || true
}

tag_lines() {
	in_ns rx cat "$PROC/tags" | grep -vc '^#' || true
}

# N rules in a chain nothing jumps to, each with an object and a tag of its own
named() {
	awk -v n=$N 'BEGIN {
		print "*filter"
		print ":SCALE - [0:0]"
		for (i = 0; i < n; i++)
			printf "-A SCALE -m pktstat --name o%d --period 1s --samples 1 --tag t%d\n", i, i
		print "COMMIT"
	}' >"$T/big"
	t0=$(ms)
	ipt_restore <"$T/big" >"$T/err" 2>&1 || fail "restore of $N rules: $(cat "$T/err")"
	say "restore of $N named rules with tags: $(($(ms) - t0)) ms"
	awk -v n=$N 'BEGIN { for (i = 0; i < n; i++) print "o" i }' | sort >"$T/want"
	objects >"$T/got"
	cmp -s "$T/want" "$T/got" ||
		fail "objects after the restore: $(wc -l <"$T/got") of $N, or other names: $(diff "$T/want" "$T/got" | head -n 5)"
	expect_eq "rules of o1234" "$(info o1234 rules)" 1
	expect_eq "period of o$((N - 1))" "$(info o$((N - 1)) period_ns)" 1000000000
	expect_eq "tag lines" "$(tag_lines)" $N
	expect_eq "tag t4321" "$(in_ns rx cat "$PROC/tags" | grep "^ipv$F t4321 " | sed 's/ *$//')" "ipv$F t4321 0 0"

	# iptables-legacy checks the whole table again for one rule more
	t0=$(ms)
	ipt_ok -A SCALE -m pktstat --name o5 --period 1s --samples 1
	say "one rule more beside them: $(($(ms) - t0)) ms"
	expect_eq "rules of o5" "$(info o5 rules)" 2
	expect_eq "objects after one rule more" "$(objects | wc -l)" $N
	ipt_ok -D SCALE -m pktstat --name o5 --period 1s --samples 1
	expect_eq "rules of o5 after its delete" "$(info o5 rules)" 1

	t0=$(ms)
	ipt_ok -F SCALE
	say "flush of $N rules: $(($(ms) - t0)) ms"
	ipt_ok -X SCALE
	expect_eq "objects after the flush" "$(objects | wc -l)" 0
	expect_eq "tags after the flush" "$(tag_lines)" 0
}

# Unnamed rules take the smallest number no object uses, named ones included.
numbering() {
	{
		echo "*mangle"
		echo ":NUM - [0:0]"
		echo "-A NUM -m pktstat --name 3 --period 1s --samples 1"
		for u in 0 1 2 3 4; do
			echo "-A NUM -m pktstat --period 1s --samples 1 -m comment --comment u$u"
		done
		echo "COMMIT"
	} >"$T/num"
	ipt_restore <"$T/num" >"$T/err" 2>&1 || fail "restore: $(cat "$T/err")"
	expect_eq "named 3 passed over" "$(entries)" "0 1 2 3 4 5 tags"
	# 3 is a name: a rule naming it shares it; 0 is an unnamed rule's
	ipt_ok -t mangle -A NUM -m pktstat --name 3 --period 1s --samples 1
	expect_eq "rules of 3" "$(info 3 rules)" 2
	expect_refused '.' ipt -t mangle -A NUM -m pktstat --name 0 --period 1s --samples 1
	ipt_ok -t mangle -D NUM -m pktstat --name 3 --period 1s --samples 1
	# the rule that got 1 goes; iptables-legacy renumbers the others
	# after the numbers their old objects still hold
	ipt_ok -t mangle -D NUM -m pktstat --period 1s --samples 1 -m comment --comment u1
	if [ "$B" = legacy ]; then
		expect_eq "1 deleted" "$(entries)" "3 6 7 8 9 tags"
	else
		expect_eq "1 deleted" "$(entries)" "0 2 3 4 5 tags"
	fi
	ipt_ok -t mangle -A NUM -m pktstat --period 1s --samples 1 -m comment --comment u5
	expect_eq "1 taken again" "$(entries)" "0 1 2 3 4 5 tags"
	ipt_ok -t mangle -F NUM
	ipt_ok -t mangle -X NUM
	expect_eq "entries after the flush" "$(entries)" "tags"
}

# RULES unnamed rules of 10000 samples in mangle's chain LEND
lend_ruleset() { # RULES
	echo "*mangle"
	echo ":LEND - [0:0]"
	i=0
	while [ $i -lt "$1" ]; do
		echo "-A LEND -m pktstat --period 1s --samples 10000 -m comment --comment l$i"
		i=$((i + 1))
	done
	echo "COMMIT"
}

# iptables-legacy checks a whole new table before the old one goes: its new
# unnamed objects take over the charges of the old ones (README, "Unnamed
# rules"), so that a budget holding them once is enough for every reload.
lending() {
	lend_ruleset 10 >"$T/lend10"
	lend_ruleset 20 >"$T/lend20"
	ipt_restore <"$T/lend10" >"$T/err" 2>&1 || fail "restore: $(cat "$T/err")"
	expect_eq "first restore" "$(entries)" "0 1 2 3 4 5 6 7 8 9 tags"
	total=$((10 * $(info 0 memory_bytes)))
	mb=$(((total * 3 / 2 + 1048575) / 1048576))
	if [ $((mb * 1048576)) -lt $total ] || [ $((mb * 1048576)) -ge $((2 * total)) ]; then
		fail "no budget in MiB holds $total bytes once but not twice"
	fi
	old=$(cat "$BUDGET")
	echo "$mb" >"$BUDGET"
	say "budget $mb MiB for 10 unnamed objects of $total bytes in all"
	ipt_restore <"$T/lend10" >"$T/err" 2>&1 || fail "reload within the budget: $(cat "$T/err")"
	expect_eq "second restore" "$(entries)" "10 11 12 13 14 15 16 17 18 19 tags"
	ipt_restore <"$T/lend10" >"$T/err" 2>&1 || fail "reload within the budget: $(cat "$T/err")"
	expect_eq "third restore" "$(entries)" "0 1 2 3 4 5 6 7 8 9 tags"
	# ten more than the old table had do not fit: refused, the old kept
	expect_refused '.' ipt_restore <"$T/lend20"
	expect_eq "after the refused restore" "$(entries)" "0 1 2 3 4 5 6 7 8 9 tags"
	echo "$old" >"$BUDGET"
}

scale() {
	named
	numbering
	if [ "$B" = legacy ]; then
		lending
	else
		lend_ruleset 10 >"$T/lend10"
		ipt_restore <"$T/lend10" >"$T/err" 2>&1 || fail "restore: $(cat "$T/err")"
	fi
	# ten unnamed objects are left to the namespace's deletion, which may
	# end /proc/net/xt_pktstat before the rules: the module must unload
	# after it all the same
}

each_combo scale
