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

# csv --addresses: go-nflog-acctd's files, DIR/NAME/START_END.csv per
# object with an address table, in local time (a zone half an hour off
# UTC shows it), a row per address that counted anything in the interval,
# summing to what the tables counted meanwhile
ATZ=IST-5:30
cat >"$TMP/acct.py" <<'EOP'
# acct.py DIR INTERVAL_S: checks every file of DIR as go-nflog-acctd's
# readers would, then prints the sums per IP: "IP SB SP DB DP"
import calendar, ipaddress, os, re, sys, time
d, interval = sys.argv[1], int(sys.argv[2])
stamp = r"(\d{4}-\d\d-\d\d-\d{6})"
files = sorted(os.listdir(d))
assert files, "no file in " + d
sums, bounds = {}, []
def epoch(s, fmt="%Y-%m-%d-%H%M%S"):
    return int(time.mktime(time.strptime(s, fmt)))
for f in files:
    m = re.fullmatch(stamp + "_" + stamp + r"(\.\d+)?\.csv", f)
    assert m, "file name " + f
    start, end = epoch(m.group(1)), epoch(m.group(2))
    bounds.append((start, end))
    lines = open(os.path.join(d, f)).read().split("\n")
    assert lines[0] == "Time,IP,SourceBytes,SourcePackets,DestBytes,DestPackets", lines[0]
    assert lines[-1] == "", "no newline at the end of " + f
    seen = set()
    for line in lines[1:-1]:
        c = line.split(",")
        assert len(c) == 6, line
        assert epoch(c[0], "%Y-%m-%d %H:%M:%S") == start, "Time " + line
        if c[1] != "other":
            ipaddress.ip_address(c[1])
        assert c[1] not in seen, "twice: " + line
        seen.add(c[1])
        v = [int(x) for x in c[2:]]
        assert min(v) >= 0 and max(v) > 0, "empty row: " + line
        s = sums.setdefault(c[1], [0, 0, 0, 0])
        for i in range(4):
            s[i] += v[i]
for i, (start, end) in enumerate(bounds):
    assert end >= start, "bounds of " + files[i]
    if i:
        assert start == bounds[i - 1][1], "not contiguous: " + files[i]
        assert start % interval == 0, "not aligned: " + files[i]
for ip in sorted(sums):
    print(ip, *sums[ip])
EOP
# table OBJECT SED: NAME/addresses edited in place, atomically
table() {
	sed "$2" "$TMP/atree/$1/addresses" >"$TMP/atree/$1/addresses.new"
	mv "$TMP/atree/$1/addresses.new" "$TMP/atree/$1/addresses"
}
cp -r "$FIX/many_addresses" "$TMP/atree"
cp -r "$FIX/addresses/edge" "$TMP/atree/edge"
mkdir "$TMP/acct"
TZ=$ATZ "$PKTSTAT" --proc "$TMP/atree" csv "$TMP/acct" --addresses --interval 2s --count 2 \
	2>"$TMP/acct.err" &
CSV=$!
PIDS="$PIDS $CSV"
sleep 0.4
table lan 's/^192\.168\.1\.10 .*/192.168.1.10 12 13000 25 260000/; /^other /i192.168.1.30 1 70 0 0'
sleep 0.8
table lan 's/^fd00:0:0:2::\/64 .*/fd00:0:0:2::\/64 5 1400 4 400/; s/^other .*/other 6 600 5 500/'
# edge made anew: lower counts, another created_ns; all it has counts
printf '%s\n' '# address src_frames src_bytes dst_frames dst_bytes' '10.0.1.5 1 40 0 0' \
	'fd00:0:0:1::/64 0 0 2 120' 'other 0 0 0 0' >"$TMP/atree/edge/addresses.new"
sed 's/^created_ns .*/created_ns 1795392000000000000/' "$TMP/atree/edge/info" >"$TMP/atree/edge/info.new"
mv "$TMP/atree/edge/info.new" "$TMP/atree/edge/info"
mv "$TMP/atree/edge/addresses.new" "$TMP/atree/edge/addresses"
wait "$CSV" || fail "csv --addresses: $(cat "$TMP/acct.err")"
ok
expect_eq "a directory per object with a table" "edge lan" "$(ls "$TMP/acct" | tr '\n' ' ' | sed 's/ $//')"
expect_eq "files per object" "2 2" "$(ls "$TMP/acct/edge" | wc -l) $(ls "$TMP/acct/lan" | wc -l)"
expect_eq "sums of lan's rows" "192.168.1.10 3000 2 60000 5
192.168.1.30 70 1 0 0
fd00:0:0:2:: 1000 1 0 0
other 0 0 200 2" "$(TZ=$ATZ python3 "$TMP/acct.py" "$TMP/acct/lan" 2)"
expect_eq "sums of edge's rows, made anew" "10.0.1.5 40 1 0 0
fd00:0:0:1:: 0 0 120 2" "$(TZ=$ATZ python3 "$TMP/acct.py" "$TMP/acct/edge" 2)"
# just_ended DIR MAX: 1 if the last file's END, read in local time, is
# now (not 5.5 hours off) and its interval shorter than MAX seconds
just_ended() {
	ls "$1" | tail -n1 | TZ=$ATZ python3 -c '
import sys, time
s, e = [time.mktime(time.strptime(x, "%Y-%m-%d-%H%M%S"))
        for x in sys.stdin.read().strip()[:-4].split("_")]
print(int(abs(e - time.time()) < 10 and 0 <= e - s < int(sys.argv[1])))' "$2"
}
expect_eq "file names in local time" 1 "$(just_ended "$TMP/acct/lan" 3)"

# SIGTERM: the interval so far, exit 0
mkdir "$TMP/acctterm"
TZ=$ATZ "$PKTSTAT" --proc "$TMP/atree" csv "$TMP/acctterm" --addresses --interval 3600s \
	2>"$TMP/acctterm.err" &
CSV=$!
PIDS="$PIDS $CSV"
sleep 0.5
table lan 's/^192\.168\.1\.11 .*/192.168.1.11 1 100 3 1200/'
kill -TERM "$CSV"
set +e
wait "$CSV"
rc=$?
set -e
expect_eq "csv --addresses exit on SIGTERM" 0 "$rc"
expect_eq "csv --addresses partial interval" "192.168.1.11 0 0 1000 1" \
	"$(TZ=$ATZ python3 "$TMP/acct.py" "$TMP/acctterm/lan" 3600)"
expect_eq "partial interval length" 1 "$(just_ended "$TMP/acctterm/lan" 5)"

# a name already taken (an hour repeated when daylight saving time ends)
# is not replaced: the file takes the next free one
mkdir -p "$TMP/taken/lan" "$TMP/taken/edge"
now=$(date +%s)
for t in $now $((now + 1)) $((now + 2)) $((now + 3)); do
	n=$(TZ=$ATZ date -d "@$t" +%Y-%m-%d-%H%M%S)_$(TZ=$ATZ date -d "@$((t + 1))" +%Y-%m-%d-%H%M%S)
	echo taken >"$TMP/taken/lan/$n.csv"
done
TZ=$ATZ "$PKTSTAT" --proc "$TMP/atree" csv "$TMP/taken" --addresses --interval 1s --count 1 ||
	fail "csv --addresses beside taken names"
expect_eq "taken names kept" "taken taken taken taken" \
	"$(cat "$TMP"/taken/lan/*[0-9][0-9].csv | tr '\n' ' ' | sed 's/ $//')"
expect_eq "the next free name" 1 "$(ls "$TMP/taken/lan" | grep -c '\.2\.csv$')"

# what --addresses does not take
"$PKTSTAT" --proc "$TMP/atree" csv "$TMP/taken" --addresses --interval 500ms 2>/dev/null &&
	fail "csv --addresses --interval 500ms accepted"
ok
"$PKTSTAT" --proc "$TMP/atree" csv "$TMP/taken" --addresses --burst-threshold 1G 2>/dev/null &&
	fail "csv --addresses --burst-threshold accepted"
ok

echo "test_csv: $PASSED checks passed"
