#!/bin/sh
# graphite: pktstat sends to a real carbon-cache on 127.0.0.1; the whisper
# files it wrote must hold the values.
. "$(dirname "$0")/lib.sh"
need carbon-cache graphite-carbon
need whisper-fetch python3-whisper
need python3 python3
TMP=$(mktemp -d)
PIDS=""
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null || true; done
	for p in $PIDS; do wait "$p" 2>/dev/null || true; done
	rm -rf "$TMP"
}
trap cleanup EXIT
[ -z "${KEEP:-}" ] || trap "" EXIT
cp -r "$FIX/basic" "$TMP/tree"
mkdir -p "$TMP/conf" "$TMP/storage/whisper" "$TMP/log" "$TMP/run"
LPORT=$(free_port)
cat >"$TMP/conf/carbon.conf" <<EOC
[cache]
STORAGE_DIR = $TMP/storage/
LOCAL_DATA_DIR = $TMP/storage/whisper/
CONF_DIR = $TMP/conf/
LOG_DIR = $TMP/log/
PID_DIR = $TMP/run/
DATABASE = whisper
USER =
MAX_CACHE_SIZE = inf
MAX_UPDATES_PER_SECOND = 10000
MAX_CREATES_PER_MINUTE = 10000
LINE_RECEIVER_INTERFACE = 127.0.0.1
LINE_RECEIVER_PORT = $LPORT
ENABLE_UDP_LISTENER = False
PICKLE_RECEIVER_INTERFACE = 127.0.0.1
PICKLE_RECEIVER_PORT = $(free_port)
CACHE_QUERY_INTERFACE = 127.0.0.1
CACHE_QUERY_PORT = $(free_port)
WHISPER_AUTOFLUSH = True
LOG_LISTENER_CONN_SUCCESS = False
EOC
cat >"$TMP/conf/storage-schemas.conf" <<EOC
[default]
pattern = .*
retentions = 1s:10m
EOC
port_open() {
	python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $LPORT), 1)"
}
start_carbon() {
	carbon-cache --config="$TMP/conf/carbon.conf" --pidfile="$TMP/run/carbon.pid" \
		--debug start >>"$TMP/carbon.log" 2>&1 &
	CARBON=$!
	PIDS="$PIDS $CARBON"
	wait_for 30 port_open || fail "carbon-cache did not start: $(tail -n5 "$TMP/carbon.log")"
	ok
}
stop_carbon() {
	kill "$CARBON"
	wait "$CARBON" 2>/dev/null || true
	! port_open 2>/dev/null || fail "carbon-cache did not stop"
}
start_carbon

"$PKTSTAT" --proc "$TMP/tree" graphite "127.0.0.1:$LPORT" --prefix t --interval 1s --count 2 ||
	fail "pktstat graphite"
sed -i 's/^bytes 98765432$/bytes 98766432/' "$TMP/tree/web/info"
sleep 1
"$PKTSTAT" --proc "$TMP/tree" graphite "127.0.0.1:$LPORT" --prefix t --count 1 ||
	fail "pktstat graphite (second)"

# stored PATH: the distinct values stored, oldest first
stored() {
	f="$TMP/storage/whisper/$(echo "$1" | tr . /).wsp"
	[ -f "$f" ] || return 0
	whisper-fetch --from=$(($(date +%s) - 120)) "$f" |
		awk '$2 != "None" && (n++ == 0 || $2 != last) { printf "%s%s", sep, $2; sep = " "; last = $2 }'
}
stored_is() {
	[ "$(stored "$1")" = "$2" ]
}
wait_for 20 stored_is t.objects.web.bytes "98765432.000000 98766432.000000" ||
	fail "web bytes stored: [$(stored t.objects.web.bytes)]; $(tail -n5 "$TMP/carbon.log")"
ok
wait_for 10 stored_is t.objects.web.frames "123456.000000" || fail "web frames: [$(stored t.objects.web.frames)]"
ok
wait_for 10 stored_is t.objects.7.lost_buckets "0.000000" || fail "7 lost: [$(stored t.objects.7.lost_buckets)]"
ok
wait_for 10 stored_is t.tags.ipv4.web4_down.bytes "300000.000000" || fail "tag: [$(stored t.tags.ipv4.web4_down.bytes)]"
ok
expect_eq "points of web bytes" 3 "$(whisper-fetch --from=$(($(date +%s) - 120)) "$TMP/storage/whisper/t/objects/web/bytes.wsp" | grep -vc None)"
expect_eq "metrics stored" 20 "$(find "$TMP/storage/whisper/t" -name '*.wsp' | wc -l)"

# --prefix must keep lines whole and paths as meant
for prefix in "a b" "a..b" ".a" "a/b" ""; do
	set +e
	"$PKTSTAT" --proc "$TMP/tree" graphite "127.0.0.1:$LPORT" --prefix "$prefix" --count 1 2>"$TMP/err"
	rc=$?
	set -e
	expect_eq "--prefix \"$prefix\" refused" 2 "$rc"
	grep -q "^pktstat: graphite: --prefix \"$prefix\": use letters, digits" "$TMP/err" ||
		fail "--prefix message: $(cat "$TMP/err")"
done

# names that differ only by '.' or '_' stay apart
mkdir "$TMP/names"
for n in web.v4 web_v4 web-v4; do
	cp -r "$TMP/tree/7" "$TMP/names/$n"
	sed -i "s/^name 7\$/name $n/" "$TMP/names/$n/info"
done
sed -i 's/^frames 10$/frames 11/' "$TMP/names/web_v4/info"
"$PKTSTAT" --proc "$TMP/names" graphite "127.0.0.1:$LPORT" --prefix n --count 1 || fail "graphite names"
wait_for 10 stored_is n.objects.__web_2ev4.frames "10.000000" || fail "web.v4: [$(stored n.objects.__web_2ev4.frames)]"
ok
wait_for 10 stored_is n.objects.web_v4.frames "11.000000" || fail "web_v4: [$(stored n.objects.web_v4.frames)]"
ok
wait_for 10 stored_is n.objects.web-v4.frames "10.000000" || fail "web-v4: [$(stored n.objects.web-v4.frames)]"
ok

# A connect that never completes (a listener whose queue is full drops
# the SYN) gives up after 5 s.
python3 -c '
import socket, sys, time
l = socket.socket()
l.bind(("127.0.0.1", 0))
l.listen(0)
fill = [socket.socket() for i in range(4)]
for s in fill:
    s.setblocking(False)
    s.connect_ex(l.getsockname())
print(l.getsockname()[1], flush=True)
time.sleep(60)' >"$TMP/blackhole" &
PIDS="$PIDS $!"
wait_for 10 grep -q . "$TMP/blackhole" || fail "no blackhole listener"
(
	t0=$(date +%s%N)
	set +e
	"$PKTSTAT" --proc "$TMP/tree" graphite "127.0.0.1:$(cat "$TMP/blackhole")" --count 1 2>"$TMP/timeout.err"
	echo "$? $((($(date +%s%N) - t0) / 100000000))" >"$TMP/timeout"
) &
PIDS="$PIDS $!"

# Carbon goes away: the lines wait and arrive once it is back. The value
# 98767432 is only there while carbon is down.
stop_carbon
"$PKTSTAT" --proc "$TMP/tree" graphite "127.0.0.1:$LPORT" --prefix r --interval 1s --count 7 2>"$TMP/restart.err" &
SENDER=$!
PIDS="$PIDS $SENDER"
sleep 0.5
sed -i 's/^bytes 98766432$/bytes 98767432/' "$TMP/tree/web/info"
sleep 2
sed -i 's/^bytes 98767432$/bytes 98766432/' "$TMP/tree/web/info"
sleep 1
start_carbon
wait "$SENDER" || fail "graphite after carbon came back: $(cat "$TMP/restart.err")"
ok
wait_for 20 stored_is r.objects.web.bytes "98766432.000000 98767432.000000 98766432.000000" ||
	fail "values sent while carbon was down: [$(stored r.objects.web.bytes)]"
ok
grep -q "^pktstat: 127.0.0.1:$LPORT: Connection refused ([0-9]* lines waiting)$" "$TMP/restart.err" ||
	fail "carbon down message: $(cat "$TMP/restart.err")"
ok

# carbon down to the end: a runtime error naming the address and the
# lines not sent
stop_carbon
set +e
"$PKTSTAT" --proc "$TMP/tree" graphite "127.0.0.1:$LPORT" --count 1 2>"$TMP/err"
rc=$?
set -e
expect_eq "carbon down exit" 1 "$rc"
expect_eq "carbon down message" "pktstat: 127.0.0.1:$LPORT: Connection refused (20 lines waiting)
pktstat: 20 lines not sent to 127.0.0.1:$LPORT" "$(cat "$TMP/err")"

wait_for 15 grep -q . "$TMP/timeout" || fail "connect timeout: still waiting"
expect_eq "connect timeout after 5 s" "1 1" "$(awk '{ print $1, ($2 >= 50 && $2 < 60) }' "$TMP/timeout")"
expect_eq "connect timeout message" "pktstat: 127.0.0.1:$(cat "$TMP/blackhole"): Connection timed out (20 lines waiting)" \
	"$(head -n1 "$TMP/timeout.err")"

# bucket statistics per --interval window, from NAME/stream (100ms
# buckets): the window [T, T+1s) completes when the bucket at T+1s is read;
# the open window is not sent
cp -r "$FIX/stream" "$TMP/win"
sed -i 's/^period_ns .*/period_ns 100000000/; s/^samples .*/samples 100/' "$TMP/win/web/info"
printf '%s\n' '# start_ns frames bytes [buckets]' '1795392000000000000 1 1000' \
	'1795392000100000000 0 0 8' '1795392000900000000 10 20000' \
	'1795392001000000000 2 3000' >"$TMP/win/web/stream"
cat >"$TMP/sink.py" <<'EOP'
import socket, sys
l = socket.socket()
l.bind(("127.0.0.1", 0))
l.listen(5)
print(l.getsockname()[1], flush=True)
with open(sys.argv[1], "ab") as f:
    while True:
        c, _ = l.accept()
        while True:
            d = c.recv(65536)
            if not d:
                break
            f.write(d)
            f.flush()
        c.close()
EOP
python3 "$TMP/sink.py" "$TMP/win.lines" >"$TMP/sink.port" &
PIDS="$PIDS $!"
wait_for 10 grep -q . "$TMP/sink.port" || fail "no sink"
"$PKTSTAT" --proc "$TMP/win" graphite "127.0.0.1:$(cat "$TMP/sink.port")" --interval 1s \
	--count 2 --burst-threshold 1M || fail "graphite to the sink"
expect_eq "window statistics" 'pktstat.objects.web.bucket_bytes_per_second.mean 21000 1795392000
pktstat.objects.web.bucket_bytes_per_second.peak 200000 1795392000
pktstat.objects.web.bucket_bytes_per_second.p99 200000 1795392000
pktstat.objects.web.buckets_above_threshold 1 1795392000
pktstat.objects.web.bucket_frames_per_second.mean 11 1795392000
pktstat.objects.web.bucket_frames_per_second.peak 100 1795392000
pktstat.objects.web.bucket_frames_per_second.p99 100 1795392000' \
	"$(grep -E '\.bucket_|above' "$TMP/win.lines")"

# A 60 s window of 10us buckets, 6,000,000 of them (100,000 with traffic,
# then an idle run), is summed up as it is read, in constant memory: mean,
# peak and buckets above exact, p99 within 1/128 of the exact nearest-rank
# value (holding the window's buckets took 500 MB here).
mkdir -p "$TMP/big/web"
printf 'name web\nperiod_ns 10000\nsamples 1000000\ncreated_ns 1\nframes 0\nbytes 0\n' >"$TMP/big/web/info"
: >"$TMP/big/tags"
cat >"$TMP/big.py" <<'EOP'
import random, sys
T0, P, BUSY, ALL = 1795392000000000000, 10000, 100000, 6000000
random.seed(7)
amounts = []
with open(sys.argv[1], "w") as f:
    f.write("# start_ns frames bytes [buckets]\n")
    for i in range(BUSY):
        b = int(2 ** random.uniform(6, 17))
        amounts.append((b, b // 1000 + 1))
        f.write("%d %d %d\n" % (T0 + i * P, b // 1000 + 1, b))
    f.write("%d 0 0 %d\n" % (T0 + BUSY * P, ALL - BUSY))
    f.write("%d 1 100\n" % (T0 + ALL * P))
def rate(v):
    return v * 1e9 / P
def p99(v):    # nearest rank, the idle buckets included
    v = sorted(v + [0] * (ALL - BUSY))
    return rate(v[-(-99 * ALL // 100) - 1])
with open(sys.argv[2], "w") as f:
    for k, unit in enumerate(("bytes", "frames")):
        v = [a[k] for a in amounts]
        f.write("bucket_%s_per_second.mean %.15g\n" % (unit, rate(sum(v) / ALL)))
        f.write("bucket_%s_per_second.peak %.15g\n" % (unit, rate(max(v))))
        f.write("bucket_%s_per_second.p99 %r\n" % (unit, p99(v)))
    f.write("buckets_above_threshold %d\n" % sum(a[0] > 10000 for a in amounts))
EOP
python3 "$TMP/big.py" "$TMP/big/web/stream" "$TMP/big.want"
cat >"$TMP/rss.py" <<'EOP'
import resource, subprocess, sys
rc = subprocess.call(sys.argv[1:])
print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)
EOP
python3 "$TMP/rss.py" "$PKTSTAT" --proc "$TMP/big" graphite "127.0.0.1:$(cat "$TMP/sink.port")" \
	--prefix big --interval 60s --count 1 --burst-threshold 8G >"$TMP/big.rss"
read -r rc rss <"$TMP/big.rss"
expect_eq "graphite on 6,000,000 buckets" 0 "$rc"
[ "$rss" -lt 40 ] || fail "6,000,000 buckets in one window took $rss MB"
ok
# got STAT: the value sent for the window at 1795392000
got() {
	awk -v m="big.objects.web.$1" '$1 == m && $3 == 1795392000 { print $2 }' "$TMP/win.lines"
}
want() {
	awk -v m="$1" '$1 == m { print $2 }' "$TMP/big.want"
}
wait_for 5 grep -q '^big.objects.web.bucket_frames_per_second.p99 ' "$TMP/win.lines" ||
	fail "no window statistics for 6,000,000 buckets"
for stat in bucket_bytes_per_second.mean bucket_bytes_per_second.peak buckets_above_threshold \
	bucket_frames_per_second.mean bucket_frames_per_second.peak; do
	expect_eq "$stat of 6,000,000 buckets" "$(want $stat)" "$(got $stat)"
done
for unit in bytes frames; do
	stat=bucket_${unit}_per_second.p99
	awk -v g="$(got $stat)" -v w="$(want $stat)" 'BEGIN { exit !(w > 0 && g - w <= w / 128 && w - g <= w / 128) }' ||
		fail "$stat: $(got $stat), exact $(want $stat): more than 1/128 apart"
	ok
done

# An object created while graphite runs is followed from the next list of
# objects (once a second), without restarting it.
cp -r "$TMP/win" "$TMP/late"
"$PKTSTAT" --proc "$TMP/late" graphite "127.0.0.1:$(cat "$TMP/sink.port")" --prefix late \
	--interval 1s --count 4 2>"$TMP/late.err" &
LATE=$!
PIDS="$PIDS $LATE"
sleep 0.3
mkdir "$TMP/new"
sed 's/^name web$/name new/' "$TMP/win/web/info" >"$TMP/new/info"
printf '%s\n' '# start_ns frames bytes [buckets]' '1795392000000000000 3 4000' \
	'1795392000100000000 0 0 9' '1795392001000000000 1 1000' >"$TMP/new/stream"
mv "$TMP/new" "$TMP/late/new"
wait "$LATE" || fail "graphite with an object created: $(cat "$TMP/late.err")"
ok
expect_eq "window of an object created meanwhile" 'late.objects.new.bucket_bytes_per_second.mean 4000 1795392000
late.objects.new.bucket_bytes_per_second.peak 40000 1795392000
late.objects.new.buckets_above_threshold 0 1795392000' \
	"$(grep -E '^late\.objects\.new\.(bucket_bytes|buckets_above)' "$TMP/win.lines" | grep -v p99)"

echo "test_graphite: $PASSED checks passed"
