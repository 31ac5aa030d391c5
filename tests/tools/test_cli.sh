#!/bin/sh
# The command line: output on the captured trees, errors and exit codes.
. "$(dirname "$0")/lib.sh"
need man man-db
need python3 python3
need setpriv util-linux
P="$PKTSTAT --proc $FIX/basic"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

run 0 $P list --interval 0
expect_eq "list web row" "web               100us       123456        98765432             -      3" \
	"$(grep '^web ' "$TMP/out")"
expect_eq "list web4 pair" "web4           ipv4  1.20 Mbit  2.40 Mbit             -             -  Web traffic to/from local web server" \
	"$(grep '^web4 ' "$TMP/out")"
expect_eq "list: a tag of its own has a total, not sent" "TAG            IP        TOTAL          RATE  DESCRIPTION
dns4           ipv4  5.12 kbit             -  DNS traffic to local server" "$(sed -n '/TOTAL/,$p' "$TMP/out")"
run 0 $P list --interval 0 --format json
expect_eq "list json" "web 98765432 1795391000 0 None | dns4 None 640 | web4 150000 300000" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
o = d["objects"][1]
t = {r["tag"]: r for r in d["tags"] if r["family"] == "ipv4"}
print(o["name"], o["bytes"], o["created_s"], o["created_ns_frac"], o["rate"], "|",
      "dns4", t["dns4"]["sent"], t["dns4"]["total"]["bytes"], "|",
      "web4", t["web4"]["sent"]["bytes"], t["web4"]["received"]["bytes"])' "$TMP/out")"
run 0 $P --unit bytes list --interval 100ms
expect_eq "list rate of a still object" "0 B/s" "$(awk '$1 == "web" { print $5, $6 }' "$TMP/out")"
run 0 $P
grep -q '^OBJECT' "$TMP/out" || fail "pktstat without a command lists"

run 0 $P read web --format csv --unit bytes
expect_eq "read csv rows" 21 "$(wc -l <"$TMP/out")"
expect_eq "read csv peak" "1795392000000900000,6,9000,90000000" "$(sed -n 11p "$TMP/out")"
run 0 $P read 7 --format json --unit packets
grep -q '"rate":600}' "$TMP/out" || fail "read json: $(cat "$TMP/out")"
run 0 $PKTSTAT --proc "$FIX/lost" read web --format json
expect_eq "read json parses" "3 8 240000000.0" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["buckets"]), d["lost"]["buckets"], float(d["buckets"][2]["rate"]))' "$TMP/out")"
run 0 $PKTSTAT --proc "$FIX/lost" read web
expect_eq "read text lost" "# lost buckets=8 frames=14 bytes=19560" "$(tail -n1 "$TMP/out")"

# NAME/stream: runs of empty buckets, a before line, a lost line
S="$PKTSTAT --proc $FIX/stream"
run 0 $S read web
expect_eq "stream read text head" "# web: 18 buckets of 100us
# before frames=40 bytes=52000" "$(head -n 2 "$TMP/out")"
expect_eq "stream run expanded" "2026-11-23T00:00:00.000800Z            0              0        0 bit/s" "$(sed -n 12p "$TMP/out")"
expect_eq "stream read text lost" "# lost buckets=3 frames=4 bytes=6000" "$(tail -n1 "$TMP/out")"
run 0 $S read web --format json
expect_eq "stream read json" "18 3 40 52000" "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["buckets"]), d["lost"]["buckets"], d["before"]["frames"], d["before"]["bytes"])' "$TMP/out")"
run 0 $S read web --format csv
expect_eq "stream read csv rows" 19 "$(wc -l <"$TMP/out")"
run 0 $S bursts web --window 1ms --format csv
expect_eq "stream bursts" "1795392000001000000,7,51428571.4285714,240000000,0,240000000,2" "$(sed -n 3p "$TMP/out")"
run 0 $S watch web --window 1ms --count 2 --interval 10ms
expect_eq "stream watch: lost counted once" "18 buckets, 3 lost" "$(head -n1 "$TMP/out" | sed 's/.*   //')"

# A follower keeps NAME/stream open: what is added is its next pass.
cp -r "$FIX/stream" "$TMP/follow"
$PKTSTAT --proc "$TMP/follow" bursts web --window 1ms --format csv --follow \
	--interval 20ms --count 100 >"$TMP/follow.out" 2>"$TMP/follow.err" &
pid=$!
sleep 0.5
printf '%s\n' "1795392000002100000 0 0 9" "1795392000003000000 3 4500" >>"$TMP/follow/web/stream"
wait $pid || fail "bursts --follow: $(cat "$TMP/follow.err")"
expect_eq "follow: the next pass" "1795392000002000000,10,12000000,120000000,0,120000000,1" "$(sed -n 4p "$TMP/follow.out")"
expect_eq "follow: lost reported once" "pktstat: web: 3 buckets lost (4 frames, 6000 bytes)" "$(cat "$TMP/follow.err")"

run 0 $P bursts web --window 1ms --format csv
expect_eq "bursts csv" "1795392000000000000,10,80000000,720000000,0,720000000,1" "$(sed -n 2p "$TMP/out")"
run 0 $P --unit packets bursts web --window 500us --threshold 5k
expect_eq "bursts above threshold" "1 1 5 5" "$(awk 'NR > 2 { printf "%s%s", sep, $NF; sep = " " }' "$TMP/out")"

run 0 $P bursts web --window 1ms --format csv --follow --count 3 --interval 10ms
expect_eq "bursts follow: complete windows only" "start_ns,buckets,mean_bits_per_second,peak_bits_per_second,p50_bits_per_second,p99_bits_per_second,above
1795392000000000000,10,80000000,720000000,0,720000000,1" "$(cat "$TMP/out")"
run 2 $P bursts web --count 2

run 0 $P watch web --window 1ms --count 1
grep -q '^last .*80.0 Mbit/s *720 Mbit/s *0 bit/s *720 Mbit/s *9.0$' "$TMP/out" ||
	fail "watch stats: $(cat "$TMP/out")"
expect_eq "watch fits 24 lines" 23 "$(wc -l <"$TMP/out")"
expect_eq "watch fits 80 columns" 79 "$(python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$TMP/out")"

# runtime errors: 1, with a message naming what is wrong
run 1 $PKTSTAT --proc "$FIX/bad_line" read web
expect_eq "bad line" "pktstat: $FIX/bad_line/web/data:4: expected \"START_NS FRAMES BYTES\"" "$(cat "$TMP/err")"
run 1 $PKTSTAT --proc "$FIX/bad_line" read web --format csv
expect_eq "bad line: the buckets before it are printed" "start_ns,frames,bytes,bits_per_second
1795392000000000000,1,1500,120000000
1795392000000100000,0,0,0" "$(cat "$TMP/out")"
run 1 $PKTSTAT --proc "$FIX/bad_stream" bursts web --window 100us --format csv
expect_eq "bad stream: the windows before it are printed" 2 "$(wc -l <"$TMP/out")"
run 1 $PKTSTAT --proc "$FIX/bad_stream" read web
expect_eq "bad stream" "pktstat: $FIX/bad_stream/web/stream:3: a run of 4 empty buckets must have 0 frames and 0 bytes" "$(cat "$TMP/err")"
run 1 $PKTSTAT --proc "$FIX/truncated" read web
expect_eq "truncated" "pktstat: $FIX/truncated/web/data:4: truncated line" "$(cat "$TMP/err")"
run 1 $PKTSTAT --proc "$FIX/missing_key" read web
expect_eq "missing key" "pktstat: $FIX/missing_key/web/info: missing key \"period_ns\"" "$(cat "$TMP/err")"
run 1 $P read nope
expect_eq "no such name" "pktstat: no statistics object called \"nope\" in $FIX/basic (see pktstat list)" "$(cat "$TMP/err")"
run 1 $PKTSTAT --proc "$TMP/none" list
expect_eq "no such tree" "pktstat: $TMP/none: no such directory" "$(cat "$TMP/err")"
cp -r "$FIX/basic" "$TMP/private"
chmod 0600 "$TMP/private/web/data"
chmod 0755 "$TMP" "$TMP/private" "$TMP/private/web"
run 1 setpriv --reuid=nobody --regid=nogroup --clear-groups $PKTSTAT --proc "$TMP/private" read web
expect_eq "permission denied" "pktstat: $TMP/private/web/data: permission denied (run pktstat as root, or give its user access with the xt_pktstat module parameters proc_uid, proc_gid, proc_perms)" "$(cat "$TMP/err")"
cp -r "$FIX/stream" "$TMP/private_stream"
chmod 0600 "$TMP/private_stream/web/stream"
chmod 0755 "$TMP/private_stream" "$TMP/private_stream/web"
run 1 setpriv --reuid=nobody --regid=nogroup --clear-groups $PKTSTAT --proc "$TMP/private_stream" watch web --count 1
expect_eq "stream permission denied" "pktstat: $TMP/private_stream/web/stream: permission denied (run pktstat as root, or give its user access with the xt_pktstat module parameters proc_uid, proc_gid, proc_perms)" "$(cat "$TMP/err")"

# Every write is checked: output that cannot be written is an error.
for cmd in "read web" "read web --format json" "bursts web" "list --interval 0" \
	"watch web --count 1" "--help" "--proc $FIX/addresses read edge --addresses" \
	"--proc $FIX/addresses read edge --addresses --format json" \
	"--proc $FIX/addresses top edge --count 1 --interval 10ms"; do
	set +e
	$S $cmd >/dev/full 2>"$TMP/err"
	rc=$?
	set -e
	expect_eq "$cmd >/dev/full" "1 pktstat: writing output: No space left on device" "$rc $(cat "$TMP/err")"
done

# ms_since START_NS: milliseconds elapsed
ms_since() {
	echo $((($(date +%s%N) - $1) / 1000000))
}

# A follower whose reader went away (| head -1) ends at once, status 0,
# also when it has nothing new to write.
for cmd in "watch web" "bursts web --follow" "bursts web --follow --window 1ms --format json" \
	"bursts web --events --follow" "--proc $FIX/addresses top edge --interval 100ms"; do
	t0=$(date +%s%N)
	( set +e; timeout 10 $S $cmd 2>"$TMP/err"; echo $? >"$TMP/rc" ) | head -n1 >/dev/null
	[ "$(ms_since "$t0")" -lt 3000 ] || fail "$cmd | head -1 took $(ms_since "$t0") ms"
	expect_eq "$cmd | head -1: status" 0 "$(cat "$TMP/rc")"
	! grep -q "output" "$TMP/err" || fail "$cmd | head -1: $(cat "$TMP/err")"
done

# The drain interval: a quarter of period x samples (25ms for 1000 x 100us),
# and a warning when --interval is longer than half of it.
t0=$(date +%s%N)
run 0 $S watch web --window 1ms --count 5
[ "$(ms_since "$t0")" -lt 1500 ] || fail "watch --count 5 took $(ms_since "$t0") ms: not 4 x 25ms"
expect_eq "watch: no warning by default" "" "$(cat "$TMP/err")"
warning="pktstat: warning: web keeps 100ms of buckets (1000 x 100us): read every 1s, buckets will be lost; use --interval 50ms or less"
run 0 $S watch web --window 1ms --count 1 --interval 1s
expect_eq "watch: interval warning" "$warning" "$(cat "$TMP/err")"
run 0 $S bursts web --follow --count 1 --interval 1s
expect_eq "bursts --follow: interval warning" "$warning" "$(head -n1 "$TMP/err")"

# The default window is at least one period: a 60s object works.
run 0 $PKTSTAT --proc "$FIX/slow" bursts web --format csv
expect_eq "60s object: bursts" "1795391940000000000,1,2000,2000,2000,2000,0" "$(sed -n 2p "$TMP/out")"
expect_eq "60s object: windows" 5 "$(wc -l <"$TMP/out")"
run 0 $PKTSTAT --proc "$FIX/slow" watch web --count 1
grep -q '^60s  *MEAN' "$TMP/out" || fail "60s object: watch: $(cat "$TMP/out")"

# JSON: exact starts beside start_ns, which is above 2^53 (JavaScript and
# jq read it as a double, here parse_int=float)
run 0 $S read web --format json
expect_eq "json: exact start" "100000 True True" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
b, f = d["buckets"], json.load(open(sys.argv[1]), parse_int=float)["buckets"]
print(int((f[1]["start_s"] - f[0]["start_s"]) * 1e9 + f[1]["start_ns_frac"] - f[0]["start_ns_frac"]),
      f[1]["start_ns"] - f[0]["start_ns"] != 100000,
      all(x["start_ns"] == x["start_s"] * 10**9 + x["start_ns_frac"] for x in b))' "$TMP/out")"
run 0 $S bursts web --window 1ms --format json
expect_eq "bursts json lines" "3 7 2 1795392000 1000000 bits" "$(python3 -c '
import json, sys
w = [json.loads(l) for l in open(sys.argv[1])]
print(len(w), w[1]["buckets"], w[1]["above"], w[1]["start_s"], w[1]["start_ns_frac"], w[1]["unit"])' "$TMP/out")"
expect_eq "bursts json: lost on stderr" "pktstat: web: 3 buckets lost (4 frames, 6000 bytes)" "$(cat "$TMP/err")"

# Every JSON string is escaped: names and descriptions come from files.
E="$PKTSTAT --proc $FIX/escape"
name="'we\"b\\\\\\x01\\ufffd'"
run 0 $E list --interval 0 --format json
expect_eq "list json: escaped" "$name 'DNS \"resolver\" C:\\\\dns\\x01 caf\\xe9 \\ufffd'" \
	"$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(ascii(d["objects"][0]["name"]), ascii(d["tags"][0]["description"]))' "$TMP/out")"
for cmd in "read web --format json" "bursts web --format json"; do
	run 0 $E $cmd
	expect_eq "$cmd: escaped" "$name" "$(python3 -c 'import json, sys; print(ascii(json.JSONDecoder().raw_decode(open(sys.argv[1]).read())[0]["name"]))' "$TMP/out")"
done

# list: long names widen their column; 5,000 objects and 20,000 tags in
# under 1 s (lookups by binary search, not a scan per row: 2.6 s before)
python3 - "$TMP/big" <<'EOF'
import os, sys
root = sys.argv[1]
os.mkdir(root)
for i in range(5000):
    name = "o%05d" % i if i != 7 else "n" * 31
    os.mkdir(os.path.join(root, name))
    with open(os.path.join(root, name, "info"), "w") as f:
        f.write("name %s\nperiod_ns 100000\nsamples 1000\nframes %d\nbytes %d\n" % (name, i, i * 100))
with open(os.path.join(root, "tags"), "w") as f:
    for i in range(20000):
        stem = "t%05d" % (i // 8) if i != 9 else "s" * 26
        suffix = ["_up", "_down", "", "_x"][i // 2 % 4]
        f.write("ipv%d %s%s %d %d desc %d\n" % (4 + 2 * (i % 2), stem, suffix, i, i * 10, i))
EOF
t0=$(date +%s%N)
run 0 $PKTSTAT --proc "$TMP/big" list --interval 10ms
[ "$(ms_since "$t0")" -lt 1000 ] || fail "list of 5,000 objects and 20,000 tags took $(ms_since "$t0") ms"
expect_eq "list big: rows and alignment" "5001 1 5002 1 10001 1" "$(python3 -c '
import sys
tables = [t.splitlines() for t in open(sys.argv[1]).read().split("\n\n")]
print(len(tables[0]), len({len(l) for l in tables[0]}),
      len(tables[1]), len({l.rfind("  ") for l in tables[1]}),
      len(tables[2]), len({l.rfind("  ") for l in tables[2]}))' "$TMP/out")"

# the exporters on 10,000 objects with a stream each, in under 1 s each:
# per-object state found by binary search, and no stdio stream kept per
# object (closing 10,000 FILEs is quadratic in glibc); prometheus took
# 1.4 s and csv 2 s before, 0.3 s after
python3 - "$TMP/big10k" <<'EOF'
import os, sys
root = sys.argv[1]
os.mkdir(root)
for i in range(10000):
    d = os.path.join(root, "o%05d" % i)
    os.mkdir(d)
    with open(os.path.join(d, "info"), "w") as f:
        f.write("name o%05d\nperiod_ns 1000000000\nsamples 10\nframes %d\nbytes %d\n" % (i, i, i * 100))
    with open(os.path.join(d, "stream"), "w") as f:
        f.write("# start_ns frames bytes [buckets]\n# before frames=0 bytes=0\n")
open(os.path.join(root, "tags"), "w").close()
EOF
t0=$(date +%s%N)
run 0 $PKTSTAT --proc "$TMP/big10k" prometheus --textfile "$TMP/big.prom"
[ "$(ms_since "$t0")" -lt 1000 ] || fail "prometheus of 10,000 objects took $(ms_since "$t0") ms"
expect_eq "prometheus big: objects" 10000 "$(grep -c '^pktstat_frames_total{' "$TMP/big.prom")"
mkdir "$TMP/bigcsv"
t0=$(date +%s%N)
run 0 $PKTSTAT --proc "$TMP/big10k" csv "$TMP/bigcsv" --interval 10ms --count 1
[ "$(ms_since "$t0")" -lt 1000 ] || fail "csv of 10,000 objects took $(ms_since "$t0") ms"
expect_eq "csv big: objects" 10000 "$(cat "$TMP"/bigcsv/*.csv | grep -c '^object,')"

# usage errors: 2
run 2 $P frobnicate
run 2 $P read
run 2 $P read web extra
run 2 $P read web --format xml
run 2 $P --unit furlongs list
run 2 $P list --window 1s
run 2 $P bursts web --window 150us
run 2 $P prometheus
run 2 $P prometheus --listen nowhere
run 2 $P graphite localhost
run 0 $PKTSTAT --help
grep -q '^usage: pktstat' "$TMP/out" || fail "--help"
grep -q '^  pktstat check \[--load\] \[--quiet\]$' "$TMP/out" || fail "--help: check"
grep -q '^  pktstat munin-plugin NAME \[config|fetch|autoconf|suggest\]$' "$TMP/out" || fail "--help: munin-plugin"
ok
# munin-plugin NAME: a plugin name, and at most its one argument
run 2 $P munin-plugin
run 2 $P munin-plugin if_eth0 config
expect_eq "munin-plugin: not a plugin name" "pktstat: munin-plugin: \"if_eth0\" is not a plugin name: traffic_accounting, traffic_accounting_ipv4_TAG or traffic_accounting_ipv6_TAG
Try 'pktstat --help'." "$(cat "$TMP/err")"
run 2 $P munin-plugin traffic_accounting config extra
run 2 $P munin-plugin traffic_accounting bogus
run 2 $P munin-plugin traffic_accounting --unit bytes
for c in list read watch top bursts prometheus graphite csv munin munin-plugin check; do
	run 0 $PKTSTAT $c --help
	grep -q "^usage: pktstat .*$c" "$TMP/out" || fail "$c --help"
done
MANWIDTH=80 man -l "$HERE/../../tools/pktstat.1" >"$TMP/man" 2>"$TMP/manerr" || fail "man page: $(cat "$TMP/manerr")"
[ ! -s "$TMP/manerr" ] || fail "man page warnings: $(cat "$TMP/manerr")"
ok

# csv files per interval
mkdir "$TMP/csv"
run 0 $P csv "$TMP/csv" --interval 200ms --count 2
expect_eq "csv files" 2 "$(ls "$TMP/csv" | grep -c '^pktstat_[0-9]\{8\}T[0-9]\{6\}\.[0-9]\{3\}Z_[0-9]\{8\}T[0-9]\{6\}\.[0-9]\{3\}Z\.csv$')"
# the first five columns keep their places; the others come after them
expect_eq "csv content" "kind,family,name,frames,bytes
object,,7,0,0
object,,web,0,0
tag,ipv4,web4_up,0,0
tag,ipv4,web4_down,0,0
tag,ipv4,dns4,0,0
tag,ipv6,web6_up,0,0
tag,ipv6,web6_down,0,0" "$(cut -d, -f1-5 "$TMP/csv/$(ls "$TMP/csv" | head -n1)")"
expect_eq "csv columns after bytes" "start,end,buckets,lost_buckets,bucket_bytes_per_second_mean,bucket_bytes_per_second_peak,bucket_bytes_per_second_p99,buckets_above_threshold,bucket_frames_per_second_mean,bucket_frames_per_second_peak,bucket_frames_per_second_p99" \
	"$(head -n1 "$TMP/csv/$(ls "$TMP/csv" | sed -n 2p)" | cut -d, -f6-)"
expect_eq "csv times and no stream" "" \
	"$(grep -hv '^kind,' "$TMP/csv/"*.csv | cut -d, -f6- | grep -v '^20[0-9-]*T[0-9:.]*Z,20[0-9-]*T[0-9:.]*Z,,,,,,,,,$' || true)"

# Burst events (fixtures/burst: above 15 kpps, the "# lost" hole ends one).
B="$PKTSTAT --proc $FIX/burst --unit packets"
run 0 $B bursts web --events --threshold 15k --format csv
expect_eq "bursts --events csv" "start_ns,duration_ns,buckets,above,peak_packets_per_second,frames,bytes
1795392000000100000,200000,2,2,60000,11,16500
1795392000000400000,100000,1,1,30000,3,4500
1795392000000800000,100000,1,1,20000,2,3000
1795392000001100000,100000,1,1,40000,4,6000
1795392000001400000,100000,1,1,70000,7,10500" "$(cat "$TMP/out")"
expect_eq "bursts --events: lost on stderr" "pktstat: web: 2 buckets lost (9 frames, 13500 bytes)" "$(cat "$TMP/err")"
run 0 $B bursts web --events --threshold 15k --merge-gap 100 --format json
expect_eq "bursts --events json, merged up to the hole" "1795392000000100000 800000 17 25500 | 1795392000001100000 400000 13 19500" "$(python3 -c '
import json, sys
r = [json.loads(l) for l in open(sys.argv[1])]
print(" | ".join("%d %d %d %d" % (e["start_s"] * 10**9 + e["start_ns_frac"], e["duration_ns"], e["frames"], e["bytes"]) for e in r))' "$TMP/out")"
run 0 $B bursts web --events
expect_eq "bursts --events: default threshold 0, frames" "15 2 13" "$(awk 'NR > 2 { printf "%s%s", sep, $(NF - 1); sep = " " }' "$TMP/out")"
set +e
$B bursts web --events >/dev/full 2>"$TMP/err"
rc=$?
set -e
expect_eq "bursts --events >/dev/full" "1 pktstat: writing output: No space left on device" "$rc $(tail -n1 "$TMP/err")"
run 0 $B bursts web --events --threshold 15k --merge-gap 1 --follow --count 2 --interval 10ms --format csv
expect_eq "bursts --events --follow: the open burst at the end" "1795392000001400000,100000,1,1,70000,7,10500" "$(tail -n1 "$TMP/out")"
expect_eq "bursts --events --follow: 4 bursts and the header" 5 "$(wc -l <"$TMP/out")"
$B bursts web --events --threshold 15k --follow --format csv >"$TMP/out" 2>/dev/null &
pid=$!
sleep 0.3
kill -TERM $pid
wait $pid || fail "bursts --events --follow: status $? after SIGTERM"
expect_eq "bursts --events --follow: the open burst at SIGTERM" "1795392000001400000,100000,1,1,70000,7,10500" "$(tail -n1 "$TMP/out")"
# a bad line: the burst read before it is printed, then the error
for f in "" "--follow --count 2 --interval 10ms"; do
	# shellcheck disable=SC2086 # $f is options
	run 1 $PKTSTAT --proc "$FIX/bad_stream" --unit packets bursts web --events --format csv $f
	expect_eq "bursts --events $f: the burst before a bad line" "1795392000000000000,100000,1,1,10000,1,1500" "$(tail -n1 "$TMP/out")"
done
run 2 $B bursts web --merge-gap 1
expect_eq "bursts --merge-gap needs --events" "pktstat: bursts: --merge-gap needs --events" "$(head -n1 "$TMP/err")"
run 2 $B bursts web --events --window 1ms
run 2 $B bursts web --events --merge-gap x

# Per-address accounting: NAME/addresses (fixtures/addresses: 10.0.1.5 on
# two lines, summed; a comment line; IPv6 /64 prefixes)
A="$PKTSTAT --proc $FIX/addresses"
run 0 $A read edge --addresses
expect_eq "read --addresses text" "# edge: 5 addresses of at most 1024 (IPv4 /32, IPv6 /64)
ADDRESS          SENT FRAMES  SENT BYTES  RECEIVED FRAMES  RECEIVED BYTES
fd00:0:0:1::/64           10       15000               20           30000
10.0.1.7                   2        3000                2            3000
192.168.1.20               0           0                4            6000
2001:db8::/64              0           0                4            6000
10.0.1.5                   5         500                1             100
other                      7         700                8             800" "$(cat "$TMP/out")"
run 0 $A read edge --addresses --format csv
expect_eq "read --addresses csv" "address,src_frames,src_bytes,dst_frames,dst_bytes
fd00:0:0:1::/64,10,15000,20,30000
10.0.1.7,2,3000,2,3000
192.168.1.20,0,0,4,6000
2001:db8::/64,0,0,4,6000
10.0.1.5,5,500,1,100
other,7,700,8,800" "$(cat "$TMP/out")"
run 0 $A read edge --addresses --format json
expect_eq "read --addresses json: every byte counted once" "edge 1024 5 fd00:0:0:1::/64 ipv6 64 30000 10.0.1.5 5 800 65100" "$(python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
a = d["addresses"]
print(d["name"], d["max_addresses"], len(a), a[0]["address"], a[0]["family"], a[0]["prefix"],
      a[0]["received"]["bytes"], a[-1]["address"], a[-1]["sent"]["frames"], d["other"]["received"]["bytes"],
      sum(x["sent"]["bytes"] + x["received"]["bytes"] for x in a + [d["other"]]))' "$TMP/out")"
run 1 $P read web --addresses
expect_eq "read --addresses: no table" "pktstat: web has no address table: none of its rules has --by (see iptables-pktstat(8))" "$(cat "$TMP/err")"
run 1 $A read nope --addresses
cp -r "$FIX/addresses" "$TMP/bad_addresses"
echo "10.0.9.9 1 2 3 4" >>"$TMP/bad_addresses/edge/addresses"
run 1 $PKTSTAT --proc "$TMP/bad_addresses" read edge --addresses
expect_eq "read --addresses: a line after other" "pktstat: $TMP/bad_addresses/edge/addresses:10: a line after \"other\", which must be the last" "$(cat "$TMP/err")"
expect_eq "read --addresses: nothing printed before the error" "" "$(cat "$TMP/out")"
run 1 $PKTSTAT --proc "$TMP/bad_addresses" top edge --count 1
expect_eq "top: a bad file" "pktstat: $TMP/bad_addresses/edge/addresses:10: a line after \"other\", which must be the last" "$(cat "$TMP/err")"

# top: not on a terminal, one block after the other, each after a read
t0=$(date +%s%N)
run 0 $A top edge --count 2 --interval 100ms
[ "$(ms_since "$t0")" -ge 200 ] || fail "top --count 2 --interval 100ms took $(ms_since "$t0") ms"
block="pktstat top edge   5 addresses of at most 1024   bits/s
ADDRESS          SENT 2s    10s    40s  RECEIVED 2s    10s    40s
fd00:0:0:1::/64        0      0      0            0      0      0
10.0.1.7               0      0      0            0      0      0
192.168.1.20           0      0      0            0      0      0
2001:db8::/64          0      0      0            0      0      0
10.0.1.5               0      0      0            0      0      0
other                  0      0      0            0      0      0
total                  0      0      0            0      0      0"
expect_eq "top: two blocks" "$block

$block" "$(cat "$TMP/out")"
expect_eq "top: each block ends with a blank line" 20 "$(wc -l <"$TMP/out")"
run 0 $A --unit packets top edge --count 1 --interval 10ms --top 2
expect_eq "top --top 2" "packets/s|fd00:0:0:1::/64|10.0.1.7|other|total" \
	"$(awk 'NR == 1 { printf "%s", $NF } NR > 2 && NF { printf "|%s", $1 }' "$TMP/out")"
run 1 $P top web --count 1
expect_eq "top: no table" "pktstat: web has no address table: none of its rules has --by (see iptables-pktstat(8))" "$(cat "$TMP/err")"
run 2 $A top edge --interval 0
run 2 $A top edge --top 0
run 2 $A top edge --format json
run 2 $A top
run 2 $A read edge --addresses --format xml
run 2 $A watch edge --addresses

# top on a changing table: an address that appears later starts at 0 (all
# it counted is in its rates); a recreated object (another created_ns)
# starts afresh, however high its counters
cp -r "$FIX/addresses" "$TMP/top"
cp -r "$FIX/addresses" "$TMP/recreated"
$PKTSTAT --proc "$TMP/top" --unit bytes top edge --count 3 --interval 400ms >"$TMP/top.out" 2>"$TMP/top.err" &
pid=$!
$PKTSTAT --proc "$TMP/recreated" top edge --count 3 --interval 400ms >"$TMP/recreated.out" 2>"$TMP/recreated.err" &
pid2=$!
sleep 0.5
sed '/^other /i10.9.9.9 100 150000 0 0' "$FIX/addresses/edge/addresses" >"$TMP/top/edge/addresses.new"
mv "$TMP/top/edge/addresses.new" "$TMP/top/edge/addresses"
sed 's/^10\.0\.1\.7 .*/10.0.1.7 90 90000 90 90000/' "$FIX/addresses/edge/addresses" >"$TMP/recreated/edge/addresses.new"
mv "$TMP/recreated/edge/addresses.new" "$TMP/recreated/edge/addresses"
sed 's/^created_ns .*/created_ns 1795392000000000000/' "$FIX/addresses/edge/info" >"$TMP/recreated/edge/info.new"
mv "$TMP/recreated/edge/info.new" "$TMP/recreated/edge/info"
wait $pid || fail "top on a changing table: $(cat "$TMP/top.err")"
wait $pid2 || fail "top on a recreated object: $(cat "$TMP/recreated.err")"
expect_eq "top: a new address first, counted from 0" "10.9.9.9 sent 1 received 0" \
	"$(awk 'BEGIN { RS = "" } END { split($0, l, "\n"); split(l[3], f, " +"); print f[1], "sent", f[2] != "0", "received", f[5] }' "$TMP/top.out")"
expect_eq "top: a recreated object starts afresh" "10.0.1.7 0 0 0 0 0 0" \
	"$(awk 'BEGIN { RS = "" } END { split($0, l, "\n"); print l[3] }' "$TMP/recreated.out" | tr -s ' ')"

echo "test_cli: $PASSED checks passed"
