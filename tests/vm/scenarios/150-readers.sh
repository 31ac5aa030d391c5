#!/bin/sh
# Several readers of one object at once: three followers of NAME/stream
# (one reading in 13-byte pieces, one too slow for the ring on purpose) and
# a cat loop on NAME/data, while senders on both vCPUs send. No reader takes
# anything from another: for each, before + read + lost equals what the rule
# counted, exactly, and its lines are contiguous in time. A data file closed
# mid-line gives its bucket back: the next read reports it lost. pktstat
# read, bursts and watch run beside them and see all frames too.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

COMBOS="legacy:4 nft:6"
PERIOD=1000000
N=600

readers() {
	[ "$(nproc)" -ge 2 ] || fail "needs 2 CPUs, has $(nproc)"
	# 300 buckets of 1ms: the 20ms followers keep up, the 1s one cannot
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name r --period 1ms --samples 300 -m comment --comment r
	in_ns rx follow --interval-ms 20 --until "$T/stop" "$PROC/r/stream" >"$T/f1" 2>"$T/f1.err" &
	f1=$!
	in_ns rx follow --interval-ms 30 --chunk 13 --until "$T/stop" "$PROC/r/stream" >"$T/f2" 2>"$T/f2.err" &
	f2=$!
	in_ns rx follow --interval-ms 1000 --until "$T/stop" "$PROC/r/stream" >"$T/f3" 2>"$T/f3.err" &
	f3=$!
	cat_loop r "$T/cat" "$T/stop"
	cats=$!
	in_ns tx sendpkts --cpu 0 --count $N --size 100 --gap-us 3000 "$DST" "$PORT" >"$T/s0" 2>&1 &
	s0=$!
	in_ns tx sendpkts --cpu 1 --count $N --size 700 --gap-us 3000 "$DST" "$PORT" >"$T/s1" 2>&1 &
	s1=$!
	wait $s0 || fail "sender on cpu 0: $(cat "$T/s0")"
	wait $s1 || fail "sender on cpu 1: $(cat "$T/s1")"
	expect_eq "cpu 0 sender" "$(cat "$T/s0")" "sent $N"
	expect_eq "cpu 1 sender" "$(cat "$T/s1")" "sent $N"
	settle $PERIOD
	touch "$T/stop"
	for pid in $f1 $f2 $f3; do wait "$pid" || fail "follower $pid failed"; done
	wait $cats || true
	read_data r "$T/cat"

	want_bytes=$((N * $(ip_len 100) + N * $(ip_len 700)))
	expect_eq "counter" "$(counter r)" "$((2 * N)) $want_bytes"
	for f in f1 f2 f3; do
		expect_eq "$f errors" "$(cat "$T/$f.err")" ""
		stream_totals $PERIOD "$T/$f"
		say "$f: before $S_BEFOREF, read $S_FRAMES in $S_LINES lines for $S_N buckets, lost $S_LOSTB buckets $S_LOSTF frames"
		expect_eq "$f: before + read + lost frames" "$S_ALLF" $((2 * N))
		expect_eq "$f: before + read + lost bytes" "$S_ALLY" "$want_bytes"
	done
	stream_totals $PERIOD "$T/f1"
	expect_eq "f1 lost" "$S_LOSTB $S_LOSTF" "0 0"
	stream_totals $PERIOD "$T/f3"
	[ "$S_LOSTF" -gt 0 ] || fail "the slow follower lost nothing: the test did not overrun it"
	data_totals $PERIOD "$T/cat"
	say "cat data: read $D_FRAMES in $D_N lines, lost $D_LOSTB buckets $D_LOSTF frames"
	expect_eq "cat data: read + lost frames" "$D_ALLF" $((2 * N))
	expect_eq "cat data: read + lost bytes" "$D_ALLY" "$want_bytes"
	expect_eq "info read_frames" "$(info r read_frames)" "$D_FRAMES"
	expect_eq "info lost_frames" "$(info r lost_frames)" "$D_LOSTF"
}

# pktstat's own readers, side by side on one object with a cat loop
tools_side_by_side() {
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name t --period 1ms --samples 100000 -m comment --comment t
	# both end by themselves (a process left in rx would keep its rules)
	in_ns rx pktstat bursts t --window 100ms --follow --interval 200ms --count 15 \
		--format csv --unit packets >"$T/bursts" 2>&1 &
	b=$!
	in_ns rx pktstat watch t --interval 200ms --count 15 >"$T/watch" 2>&1 &
	w=$!
	send 400 200 --gap-us 1000
	read_data t "$T/cat"
	settle $PERIOD
	sleep 0.5
	read_data t "$T/cat"
	in_ns rx pktstat read t --format csv >"$T/read" 2>&1 || fail "pktstat read: $(cat "$T/read")"
	wait $b || fail "pktstat bursts: $(tail -n 3 "$T/bursts")"
	wait $w || fail "pktstat watch: $(tail -n 3 "$T/watch")"
	want="400 $((400 * $(ip_len 200)))"
	expect_eq "counter" "$(counter t)" "$want"
	data_totals $PERIOD "$T/cat"
	expect_eq "cat data beside the tools" "$D_FRAMES $D_BYTES" "$want"
	expect_eq "pktstat read beside them" \
		"$(awk -F, 'NR > 1 { f += $2; b += $3 } END { print f, b }' "$T/read")" "$want"
	# bursts' CSV: per window, buckets and the mean in packets/s of 1ms buckets
	got=$(awk -F, 'NR > 1 && $1 !~ /^#/ { f += $2 * $3 / 1000 } END { printf "%d\n", f + 0.5 }' "$T/bursts")
	expect_eq "pktstat bursts --follow beside them (frames)" "$got" 400
	grep -qi "error" "$T/watch" && fail "pktstat watch: $(grep -i error "$T/watch" | head -n 1)"
	[ -s "$T/watch" ] || fail "pktstat watch printed nothing"
}

# A data file closed in the middle of a line gives its bucket back.
closed_mid_line() {
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name c --period 1ms --samples 10000 -m comment --comment c
	send 50 100 --gap-us 2000
	settle $PERIOD
	# the header (24 bytes) and part of the first bucket line
	in_ns rx dd if="$PROC/c/data" bs=30 count=1 2>/dev/null >"$T/part"
	read_data c "$T/rest"
	data_totals $PERIOD "$T/rest"
	# the bucket cut in two is reported lost (empty, if the sender had not
	# begun by then: a slow kernel), and nothing is dropped silently
	[ "$D_LOSTB" -gt 0 ] || fail "the bucket cut in two was not reported: $(head -n 3 "$T/rest")"
	expect_eq "read + lost after a cut line" "$D_ALLF" 50
	expect_eq "info read + lost" "$(($(info c read_frames) + $(info c lost_frames)))" 50
}

# An object made while the wall clock reads 1970 (a box without an RTC,
# before NTP): bucket numbers near 0 (a 60s period: bucket 0 or 1, fewer
# than the ring's slots), reads end, the rule and module go away. Linux
# refuses a wall clock behind its uptime (EINVAL): a few seconds after it
# is the earliest there is; the unit tests cover a clock behind boot time.
near_1970() {
	now=$(date +%s)
	up=$(awk '{ printf "%d", $1 }' /proc/uptime)
	set1970=$((up + 3))
	date -s "@$set1970" >/dev/null || fail "date -s @$set1970"
	ipt -A INPUT -i vrx -p udp -m pktstat --name old --period 10us -m comment --comment old >"$T/err" 2>&1 ||
		{ date -s "@$now" >/dev/null; fail "rule refused: $(cat "$T/err")"; }
	ipt -A INPUT -i vrx -p udp -m pktstat --name zero --period 60s -m comment --comment zero >"$T/err" 2>&1 ||
		{ date -s "@$now" >/dev/null; fail "rule refused: $(cat "$T/err")"; }
	send 30 100
	settle 1000000
	timeout -s KILL 20 nsenter --net=/run/netns/rx cat "$PROC/old/data" >"$T/old" || fail "cat old/data hung"
	timeout -s KILL 20 nsenter --net=/run/netns/rx cat "$PROC/old/stream" >"$T/olds" || fail "cat old/stream hung"
	timeout -s KILL 20 nsenter --net=/run/netns/rx cat "$PROC/zero/stream" >"$T/zeros" || fail "cat zero/stream hung"
	timeout -s KILL 20 nsenter --net=/run/netns/rx cat "$PROC/zero/info" >"$T/zeroi" || fail "cat zero/info hung"
	date -s "@$now" >/dev/null
	first=$(awk '!/^#/ { print $1; exit }' "$T/old")
	# within the minutes after the time set (the uptime: a slow kernel has
	# been up longer when this scenario comes)
	first_s=$(( ${first:-0} / 1000000000 ))
	[ -n "$first" ] && [ "$first_s" -ge "$((set1970 - 1))" ] && [ "$first_s" -le "$((set1970 + 600))" ] ||
		fail "old/data does not start near 1970 + $set1970 s: $(head -n 3 "$T/old")"
	# bucket 0 or 1 of 60s is still open: nothing to return yet
	expect_eq "zero/stream" "$(grep -vc '^#' "$T/zeros")" 0
	expect_eq "zero/info frames" "$(awk '$1 == "frames" { print $2 }' "$T/zeroi")" 30
	got=$(awk '!/^#/ { f += $2 } /^# lost/ { split($0, a, /[ =]/); f += a[6] } END { print f + 0 }' "$T/old")
	expect_eq "frames near 1970" "$got" 30
	got=$(awk '!/^#/ { f += $2 } /^# (lost|before)/ { for (i = 1; i <= NF; i++) if ($i ~ /^frames=/) f += substr($i, 8) } END { print f + 0 }' "$T/olds")
	expect_eq "stream frames near 1970" "$got" 30
	timeout -s KILL 20 nsenter --net=/run/netns/rx "$(ipt_cmd)" -F INPUT || fail "flush hung or failed"
	expect_eq "objects left" "$(entries)" "tags"
}

each_combo readers
each_combo tools_side_by_side
each_combo closed_mid_line
each_combo near_1970
