#!/bin/sh
# The clock of a long chain: 100 pktstat rules with 10us buckets on one
# packet path (object "first", 98 rules sharing "mid", object "last"), two
# stream followers polling "first" and "last" without pause while 1000
# packets go through.
#
# iptables-legacy reads the clock once per packet per table traversal
# (kernel/pktstat_clock.h): every rule of the chain counts a packet in the
# same bucket, so "first" and "last" hold the same buckets line by line,
# and "mid" 98 times their frames (over the buckets all three reads hold). iptables-nft reads it at each rule: the
# two may differ where a packet crossed a bucket's end inside the chain
# (printed, not judged). On both, every follower's before + read + lost is
# what was sent: a packet that reached a bucket a follower had already
# returned (a chain slower than the readers' guard) is reported lost, never
# dropped. The late packets each follower saw are printed.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

COMBOS="legacy:4 nft:6 legacy:6"
PERIOD=10000
N=1000
SIZE=60
# first and last: 10us x 1,000,000, 10s of buckets, the whole run even on a
# debug kernel (96 MB each on 2 CPUs); mid: 1s of them, all the budget
# leaves (a slow kernel may overwrite its oldest: the data read then
# reports them lost)
SAMPLES=1000000
MID_SAMPLES=100000

chain() {
	awk -v s=$SAMPLES -v ms=$MID_SAMPLES -v dev=vrx 'BEGIN {
		print "*filter"
		print ":INPUT ACCEPT [0:0]"
		r = "-A INPUT -i " dev " -p udp -m pktstat"
		printf "%s --name first --period 10us --samples %d -m comment --comment first\n", r, s
		for (i = 0; i < 98; i++)
			printf "%s --name mid --period 10us --samples %d\n", r, ms
		printf "%s --name last --period 10us --samples %d\n", r, s
		print "COMMIT"
	}' >"$T/rules"
	ipt_restore <"$T/rules" >"$T/err" 2>&1 || fail "restore: $(cat "$T/err")"
	# warm the path up (emulation translates code on first use), then count
	# from a clean start: the followers' "before" line holds these
	send 20 $SIZE
	for o in first last; do
		in_ns rx follow --interval-ms 0 --until "$T/stop" "$PROC/$o/stream" >"$T/f.$o" 2>"$T/f.$o.err" &
		eval "f_$o=\$!"
	done
	send $N $SIZE --gap-us 0
	settle $PERIOD
	touch "$T/stop"
	# shellcheck disable=SC2154 # set by eval above
	wait "$f_first" || fail "follower of first: $(cat "$T/f.first.err")"
	# shellcheck disable=SC2154
	wait "$f_last" || fail "follower of last: $(cat "$T/f.last.err")"
	# the three at once: each returns the last SAMPLES buckets before it
	# began, and one after the other, on a slow kernel, they would hold
	# different stretches of time
	for o in first mid last; do
		read_data $o "$T/d.$o" &
	done
	wait

	all=$((N + 20))
	want="$all $((all * $(ip_len $SIZE)))"
	expect_eq "counter" "$(counter first)" "$want"
	for o in first last; do
		stream_totals $PERIOD "$T/f.$o"
		expect_eq "follower of $o: before + read + lost" "$S_ALLF $S_ALLY" "$want"
		say "follower of $o: $S_LOSTF late packets reported lost in $S_LOSTB buckets"
		data_totals $PERIOD "$T/d.$o"
		expect_eq "data of $o: read + lost" "$D_ALLF $D_ALLY" "$want"
	done
	data_totals $PERIOD "$T/d.mid"
	expect_eq "data of mid: read + lost" "$D_ALLF" "$((98 * all))"
	# The busy buckets of each, one "START FRAMES" a line, from the first
	# bucket both first and last hold, and mid's from the first it holds
	# (START: 19 digits, compared as strings: awk's doubles do not hold them).
	start() { awk '/^[0-9]/ { print $1; exit }' "$T/d.$1"; }
	from=$(printf '%s\n' "$(start first)" "$(start last)" | sort | tail -n 1)
	mfrom=$(printf '%s\n' "$from" "$(start mid)" | sort | tail -n 1)
	busy() { # OBJECT FROM
		awk -v from="$2" '/^[0-9]/ && $2 > 0 && $1 "" >= from "" { print $1, $2 }' "$T/d.$1"
	}
	busy first "$from" >"$T/b.first"
	busy last "$from" >"$T/b.last"
	busy mid "$mfrom" >"$T/b.mid"
	# a comparison of next to nothing proves nothing
	[ "$(wc -l <"$T/b.first")" -ge 50 ] ||
		fail "only $(wc -l <"$T/b.first") busy buckets held by all three objects: too few to compare"
	differ=$(diff -U0 "$T/b.first" "$T/b.last" | grep -c '^[-+][0-9]' || true)
	say "$(wc -l <"$T/b.first") busy buckets; first and last differ in $differ lines"
	if [ "$B" = legacy ]; then
		expect_eq "buckets of last (one clock reading per traversal)" "$(cat "$T/b.last")" "$(cat "$T/b.first")"
		expect_eq "buckets of mid (98 rules)" "$(cat "$T/b.mid")" \
			"$(awk -v from="$mfrom" '$1 "" >= from "" { print $1, $2 * 98 }' "$T/b.first")"
	fi
	ipt_ok -F INPUT
	expect_eq "objects left" "$(entries)" "tags"
}

each_combo chain
