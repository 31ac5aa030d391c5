#!/bin/sh
# Hostile bytes in the info structure: fuzzinfo submits random and mutated
# structures (field boundaries, every flag, unterminated and odd strings,
# garbage in the kernel's own pointers, a few shared names with conflicting
# parameters) through IPT_SO_SET_REPLACE, IP6T_SO_SET_REPLACE and
# nft_compat, while traffic flows through the rules and readers read every
# /proc file. The kernel refuses with an error or accepts; the harness fails
# on any kernel report. Afterwards no object or tag is left and the module
# unloads. PKTSTAT_FUZZ_COUNT structures (default 2000), seed
# PKTSTAT_FUZZ_SEED (default: the time, printed).
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

COMBOS="legacy:4"
COUNT=${PKTSTAT_FUZZ_COUNT:-2000}
SEED=${PKTSTAT_FUZZ_SEED:-$(date +%s)}
PARAM=/sys/module/xt_pktstat/parameters/max_memory_mb

# every file of the namespace's directory, whole and cut short, until STOP
proc_readers() { # STOP
	# shellcheck disable=SC2016 # expanded by the inner shell
	in_ns rx sh -c '
		while [ ! -e "$1" ]; do
			for f in '"$PROC"'/*/* '"$PROC"'/tags; do
				cat "$f" >/dev/null 2>&1
				head -c 37 "$f" >/dev/null 2>&1
			done
		done' sh "$1" &
}

fuzz() {
	# large --samples are refused by the budget rather than allocated
	echo 16 >$PARAM
	# the legacy tables of the namespace exist before fuzzinfo asks for them
	in_ns rx iptables-legacy -L -n >/dev/null
	in_ns rx ip6tables-legacy -L -n >/dev/null
	proc_readers "$T/stop"
	readers=$!
	nsenter --net=/run/netns/tx sendpkts --count 0 --size 100 --gap-us 500 10.0.0.2 "$PORT" >"$T/s4" 2>&1 &
	s4=$!
	nsenter --net=/run/netns/tx sendpkts --count 0 --size 100 --gap-us 500 fd00::2 "$PORT" >"$T/s6" 2>&1 &
	s6=$!
	say "fuzzinfo --seed $SEED --count $COUNT"
	t0=$(date +%s)
	in_ns rx fuzzinfo --seed "$SEED" --count "$COUNT" >"$T/fuzz" 2>&1 ||
		fail "fuzzinfo (seed $SEED): $(tail -n 5 "$T/fuzz")"
	say "$(tr '\n' ';' <"$T/fuzz") in $(($(date +%s) - t0))s"
	touch "$T/stop"
	kill -TERM $s4 $s6
	wait $s4 || fail "sender: $(cat "$T/s4")"
	wait $s6 || fail "sender: $(cat "$T/s6")"
	wait $readers || true
	grep -q 'ipv4-legacy: [1-9][0-9]* accepted' "$T/fuzz" || fail "no ipv4 structure accepted: the fuzzer tests nothing"
	grep -q 'nft: [1-9][0-9]* accepted' "$T/fuzz" || fail "no nft structure accepted: the fuzzer tests nothing"
	# what fuzzinfo made, it took away: nothing is left
	expect_eq "entries after the flush" "$(entries)" "tags"
	expect_eq "tags after the flush" "$(in_ns rx cat "$PROC/tags" | grep -vc '^#' || true)" 0
	echo 256 >$PARAM
}

each_combo fuzz
