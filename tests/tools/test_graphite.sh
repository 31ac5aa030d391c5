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
carbon-cache --config="$TMP/conf/carbon.conf" --pidfile="$TMP/run/carbon.pid" \
	--debug start >"$TMP/carbon.log" 2>&1 &
PIDS="$PIDS $!"
port_open() {
	python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $LPORT), 1)"
}
wait_for 30 port_open || fail "carbon-cache did not start: $(tail -n5 "$TMP/carbon.log")"
ok

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

# carbon down: a runtime error naming the address
for p in $PIDS; do kill "$p"; wait "$p" 2>/dev/null || true; done
PIDS=""
set +e
"$PKTSTAT" --proc "$TMP/tree" graphite "127.0.0.1:$LPORT" --count 1 2>"$TMP/err"
rc=$?
set -e
expect_eq "carbon down exit" 1 "$rc"
expect_eq "carbon down message" "pktstat: 127.0.0.1:$LPORT: Connection refused" "$(cat "$TMP/err")"

echo "test_graphite: $PASSED checks passed"
