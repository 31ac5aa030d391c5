#!/bin/sh
# csv: interval files aligned to the clock, with every object and tag that
# exists at the end of an interval, recreated objects counted whole, the
# interval in progress written on SIGTERM/SIGINT, and the bucket
# statistics of each object's stream by interval.
. "$(dirname "$0")/lib.sh"
TMP=$(mktemp -d)
PIDS=""
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null || true; done
	rm -rf "$TMP"
}
trap cleanup EXIT
cp -r "$FIX/basic" "$TMP/tree"

# csv_run DIR ARGS...: pktstat csv DIR in the background, $CSV its pid
csv_run() {
	mkdir "$TMP/$1"
	d=$1
	shift
	"$PKTSTAT" --proc "$TMP/tree" csv "$TMP/$d" "$@" 2>"$TMP/$d.err" &
	CSV=$!
	PIDS="$PIDS $CSV"
}
# bounds DIR: "START END" of each file, in milliseconds of the day
bounds() {
	ls "$TMP/$1" | sed -n 's/^pktstat_[0-9]\{8\}T\([0-9]\{2\}\)\([0-9]\{2\}\)\([0-9]\{2\}\)\.\([0-9]\{3\}\)Z_[0-9]\{8\}T\([0-9]\{2\}\)\([0-9]\{2\}\)\([0-9]\{2\}\)\.\([0-9]\{3\}\)Z\.csv$/\1 \2 \3 \4 \5 \6 \7 \8/p' |
		awk '{ printf "%d %d\n", (($1 * 60 + $2) * 60 + $3) * 1000 + $4, (($5 * 60 + $6) * 60 + $7) * 1000 + $8 }'
}
# sum DIR KIND NAME: frames and bytes of NAME over all files
sum() {
	cat "$TMP/$1"/*.csv | awk -F, -v k="$2" -v n="$3" \
		'$1 == k && $3 == n { f += $4; b += $5 } END { printf "%d %d", f, b }'
}

# aligned: every bound but the first start is a multiple of the interval
# (days are whole multiples of 200 ms); the files follow each other
mkdir "$TMP/aligned"
"$PKTSTAT" --proc "$TMP/tree" csv "$TMP/aligned" --interval 200ms --count 4 || fail "csv --count 4"
expect_eq "aligned files" 4 "$(bounds aligned | wc -l)"
expect_eq "aligned bounds" "" "$(bounds aligned | awk 'NR > 1 && $1 % 200 { print } $2 % 200 { print }')"
expect_eq "contiguous" "" "$(bounds aligned | awk 'NR > 1 && $1 != end { print } { end = $2 }')"

# created during an interval: a new object and a new tag count from 0;
# web recreated with a higher count than before counts its whole count
csv_run created --interval 500ms --count 3
sleep 0.6
cp -r "$TMP/tree/7" "$TMP/tree/new"
sed -i 's/^name 7$/name new/; s/^created_ns .*/created_ns 1795392000000000000/' "$TMP/tree/new/info"
echo "ipv4 fresh 4 400 Fresh tag" >>"$TMP/tree/tags"
sed -i 's/^created_ns .*/created_ns 1795392000000000000/; s/^frames 123456$/frames 123460/; s/^bytes 98765432$/bytes 98766000/' "$TMP/tree/web/info"
sed -i 's/^ipv4 web4_up 100 150000/ipv4 web4_up 101 150100/' "$TMP/tree/tags"
wait "$CSV" || fail "csv: $(cat "$TMP/created.err")"
ok
expect_eq "new object counted whole" "10 1000" "$(sum created object new)"
expect_eq "new tag counted whole" "4 400" "$(sum created tag fresh)"
expect_eq "recreated object counted whole" "123460 98766000" "$(sum created object web)"
expect_eq "tag counted by difference" "1 100" "$(sum created tag web4_up)"
expect_eq "still object" "0 0" "$(sum created object 7)"

# SIGTERM and SIGINT: the interval in progress is written, exit 0
for sig in TERM INT; do
	csv_run "sig$sig" --interval 60m
	sleep 0.5
	frames=$(sed -n 's/^frames //p' "$TMP/tree/7/info")
	sed -i "s/^frames $frames\$/frames $((frames + 100))/" "$TMP/tree/7/info"
	kill -"$sig" "$CSV"
	set +e
	wait "$CSV"
	rc=$?
	set -e
	expect_eq "exit on SIG$sig" 0 "$rc"
	expect_eq "partial interval on SIG$sig" 1 "$(bounds "sig$sig" | wc -l)"
	expect_eq "partial interval length on SIG$sig" 1 \
		"$(bounds "sig$sig" | awk '{ print ($2 - $1 >= 400 && $2 - $1 < 5000) }')"
	expect_eq "SIG$sig counts" "100 0" "$(sum "sig$sig" object 7)"
done

# bucket statistics from NAME/stream (200ms buckets, 2s intervals), by
# interval of their start, with lines added to the streams as the kernel
# would return them: web has buckets in the second and third intervals;
# lossy a lost range, and an idle run across the end of the second, which
# that interval's file waits for; 7 has no stream (an older module):
# empty cells, as tags
cp -r "$FIX/basic" "$TMP/bursts"
sed -i 's/^period_ns .*/period_ns 200000000/; s/^samples .*/samples 100/' "$TMP/bursts/web/info"
cp -r "$TMP/bursts/web" "$TMP/bursts/lossy"
rm "$TMP/bursts/web/data" "$TMP/bursts/lossy/data"
sed -i 's/^name web$/name lossy/' "$TMP/bursts/lossy/info"
# sleep_until SECONDS.FRACTION (since the epoch)
sleep_until() {
	python3 -c 'import sys, time; d = float(sys.argv[1]) - time.time(); d > 0 and time.sleep(d)' "$1"
}
# start at least 0.6s before a boundary B1, the end of the first interval
python3 -c 'import time; f = time.time() % 2; f > 1.4 and time.sleep(2.05 - f)'
B1=$(python3 -c 'import time; print(int(time.time()) // 2 * 2 + 2)')
B=${B1}000000000
P=200000000
# stream OBJECT LINE...: lines the kernel closed since the last ones
stream() {
	o=$1
	shift
	printf '%s\n' "$@" >>"$TMP/bursts/$o/stream"
}
stream web '# start_ns frames bytes [buckets]' "$B 1 1000" "$((B + P)) 0 0 8" "$((B + 9 * P)) 10 20000"
stream lossy '# start_ns frames bytes [buckets]' "$((B - 10 * P)) 0 0 10"
mkdir "$TMP/b"
"$PKTSTAT" --proc "$TMP/bursts" csv "$TMP/b" --interval 2s --count 3 --burst-threshold 500k 2>"$TMP/b.err" &
CSV=$!
PIDS="$PIDS $CSV"
sleep_until "$B1.5"
stream lossy "$B 0 0 3" '# lost buckets=2 frames=9 bytes=13500' "$((B + 5 * P)) 4 6000"
sleep_until "$((B1 + 2)).2"
stream lossy "$((B + 6 * P)) 0 0 14"
stream web "$((B + 10 * P)) 2 3000" "$((B + 11 * P)) 0 0 9"
wait "$CSV" || fail "csv with streams: $(cat "$TMP/b.err")"
ok
day() { date -u -d "@$1" +"$2"; }
f2="$TMP/b/pktstat_$(day $B1 %Y%m%dT%H%M%SZ)_$(day $((B1 + 2)) %Y%m%dT%H%M%SZ).csv"
f3="$TMP/b/pktstat_$(day $((B1 + 2)) %Y%m%dT%H%M%SZ)_$(day $((B1 + 4)) %Y%m%dT%H%M%SZ).csv"
t1=$(day $B1 %Y-%m-%dT%H:%M:%SZ)
t2=$(day $((B1 + 2)) %Y-%m-%dT%H:%M:%SZ)
t3=$(day $((B1 + 4)) %Y-%m-%dT%H:%M:%SZ)
[ -f "$f2" ] && [ -f "$f3" ] || fail "csv with streams: files $(ls "$TMP/b")"
H=kind,family,name,frames,bytes,start,end,buckets,lost_buckets,bucket_bytes_per_second_mean,bucket_bytes_per_second_peak,bucket_bytes_per_second_p99,buckets_above_threshold,bucket_frames_per_second_mean,bucket_frames_per_second_peak,bucket_frames_per_second_p99
expect_eq "bucket statistics, second interval" "$H
object,,7,0,0,$t1,$t2,,,,,,,,,
object,,lossy,0,0,$t1,$t2,8,2,3750,30000,30000,0,2.5,20,20
object,,web,0,0,$t1,$t2,10,0,10500,100000,100000,1,5.5,50,50
tag,ipv4,web4_up,0,0,$t1,$t2,,,,,,,,,
tag,ipv4,web4_down,0,0,$t1,$t2,,,,,,,,,
tag,ipv4,dns4,0,0,$t1,$t2,,,,,,,,,
tag,ipv6,web6_up,0,0,$t1,$t2,,,,,,,,,
tag,ipv6,web6_down,0,0,$t1,$t2,,,,,,,,," "$(cat "$f2")"
expect_eq "bucket statistics, third interval" "object,,7,0,0,$t2,$t3,,,,,,,,,
object,,lossy,0,0,$t2,$t3,10,0,0,0,0,0,0,0,0
object,,web,0,0,$t2,$t3,10,0,1500,15000,15000,0,1,10,10" "$(grep '^object' "$f3")"
expect_eq "no bucket read in the first interval" "0,0,,,,,,," \
	"$(ls "$TMP"/b/*.csv | head -n1 | xargs grep '^object,,web' | cut -d, -f8-)"

echo "test_csv: $PASSED checks passed"
