#!/bin/sh
# Prometheus: promtool checks the exposition, and a real prometheus server
# on 127.0.0.1 scrapes pktstat --listen; the values it stored must match.
. "$(dirname "$0")/lib.sh"
need promtool prometheus
need prometheus prometheus
need curl curl
need python3 python3
TMP=$(mktemp -d)
PIDS=""
cleanup() {
	for p in $PIDS; do kill "$p" 2>/dev/null || true; done
	for p in $PIDS; do wait "$p" 2>/dev/null || true; done
	rm -rf "$TMP"
}
trap cleanup EXIT
cp -r "$FIX/basic" "$TMP/tree"

# textfile: written atomically, valid for promtool
"$PKTSTAT" --proc "$TMP/tree" prometheus --textfile "$TMP/pktstat.prom"
promtool check metrics <"$TMP/pktstat.prom" || fail "promtool check metrics (textfile)"
ok
expect_eq "no temporary left" "pktstat.prom" "$(ls "$TMP" | grep prom)"
expect_eq "textfile sample" 'pktstat_tag_bytes_total{family="ipv4",tag="web4_down"} 300000' \
	"$(grep '^pktstat_tag_bytes_total{family="ipv4",tag="web4_down"}' "$TMP/pktstat.prom")"

# seconds from nanoseconds: the shortest exact decimal
cp -r "$TMP/tree" "$TMP/ns"
sed -i 's/^period_ns .*/period_ns 10000/; s/^created_ns .*/created_ns 1795391000123456789/' "$TMP/ns/web/info"
sed -i 's/^period_ns .*/period_ns 60000000000/' "$TMP/ns/7/info"
"$PKTSTAT" --proc "$TMP/ns" prometheus --textfile "$TMP/ns.prom"
expect_eq "exact seconds" 'pktstat_period_seconds{name="7"} 60
pktstat_period_seconds{name="web"} 0.00001
pktstat_created_timestamp_seconds{name="7"} 1795391000
pktstat_created_timestamp_seconds{name="web"} 1795391000.123456789' \
	"$(grep -E '^pktstat_(period|created_timestamp)_seconds' "$TMP/ns.prom")"

# --listen, scraped by curl and by prometheus
PORT=$(free_port)
"$PKTSTAT" --proc "$TMP/tree" prometheus --listen "127.0.0.1:$PORT" 2>"$TMP/pktstat.log" &
PIDS="$PIDS $!"
wait_for 10 curl -sf "http://127.0.0.1:$PORT/metrics" || fail "pktstat --listen did not come up: $(cat "$TMP/pktstat.log")"
curl -sf "http://127.0.0.1:$PORT/metrics" >"$TMP/scrape"
promtool check metrics <"$TMP/scrape" || fail "promtool check metrics (/metrics)"
cmp -s "$TMP/scrape" "$TMP/pktstat.prom" || fail "/metrics differs from the textfile"
ok
expect_eq "404 elsewhere" 404 "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/nothing")"
expect_eq "content type" "text/plain; version=0.0.4; charset=utf-8" \
	"$(curl -s -o /dev/null -w '%{content_type}' "http://127.0.0.1:$PORT/metrics")"
# a lone idle connection is closed after 10 s (checked at the end)
python3 -c '
import socket, sys, time
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
t = time.time()
s.recv(1)
print(round(time.time() - t))' "$PORT" >"$TMP/timeout" &
PIDS="$PIDS $!"

PPORT=$(free_port)
cat >"$TMP/prometheus.yml" <<EOC
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: pktstat
    static_configs:
      - targets: ['127.0.0.1:$PORT']
EOC
prometheus --config.file="$TMP/prometheus.yml" --storage.tsdb.path="$TMP/data" \
	--web.listen-address="127.0.0.1:$PPORT" >"$TMP/prometheus.log" 2>&1 &
PIDS="$PIDS $!"

# query EXPR: the value of the single result, or nothing
query() {
	curl -sf --get "http://127.0.0.1:$PPORT/api/v1/query" --data-urlencode "query=$1" |
		python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(r[0]["value"][1] if len(r)==1 else "")'
}
has_value() {
	[ "$(query "$1")" = "$2" ]
}

wait_for 40 has_value 'up{job="pktstat"}' 1 ||
	fail "prometheus did not scrape pktstat: $(tail -n5 "$TMP/prometheus.log")"
ok
expect_eq "stored bytes" 98765432 "$(query 'pktstat_bytes_total{name="web"}')"
expect_eq "stored frames" 10 "$(query 'pktstat_frames_total{name="7"}')"
expect_eq "stored period" 0.0001 "$(query 'pktstat_period_seconds{name="web"}')"
expect_eq "stored lost" 3 "$(query 'pktstat_lost_buckets_total{name="web"}')"
expect_eq "stored tag" 9000 "$(query 'pktstat_tag_bytes_total{family="ipv6",tag="web6_down"}')"
expect_eq "stored tag info" 1 "$(query 'pktstat_tag_info{tag="web4_up",description="Web traffic to/from local web server"}')"
expect_eq "series count" 39 "$(query 'count({__name__=~"pktstat_.*"})')"

# counters move: the next scrapes see the new values
sed -i 's/^bytes 98765432$/bytes 98766432/' "$TMP/tree/web/info"
wait_for 20 has_value 'pktstat_bytes_total{name="web"}' 98766432 || fail "new value not scraped"
ok
expect_eq "rate over the change" 1 "$(query 'count(increase(pktstat_bytes_total{name="web"}[1m]) > 0)')"

# Misbehaving clients do not blind /metrics: 1200 idle connections from one
# address (at most 16 are kept), then 1200 from 100 addresses (256 in all,
# idle ones closed after 1 s once 64 are open); a scrape from elsewhere
# gets through within seconds. Linux routes all of 127/8 to lo.
cat >"$TMP/idle.py" <<'EOP'
import resource, socket, sys, time
hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
port, n, srcs = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
conns = []
for i in range(n):
    s = socket.socket()
    s.bind((srcs[i % len(srcs)], 0))
    s.setblocking(False)
    s.connect_ex(("127.0.0.1", port))
    conns.append(s)
print("open", flush=True)
time.sleep(60)
EOP
# idle N SOURCE...: N idle connections (sources in turn), kept until killed
idle() {
	python3 "$TMP/idle.py" "$PORT" "$@" >"$TMP/idle.out" &
	IDLE=$!
	PIDS="$PIDS $IDLE"
	wait_for 10 grep -q open "$TMP/idle.out" || fail "idle connections not opened"
	sleep 1
}
# scrape_from SOURCE: within 8 s
scrape_from() {
	curl -sf -m 8 --interface "$1" "http://127.0.0.1:$PORT/metrics" >"$TMP/busy" &&
		grep -q '^pktstat_bytes_total{name="web"} 98766432$' "$TMP/busy"
}
idle 1200 127.0.0.1
scrape_from 127.0.0.2 || fail "scrape beside 1200 idle connections from one address"
ok
kill "$IDLE"
wait "$IDLE" 2>/dev/null || true
idle 1200 $(seq -f 127.0.1.%g 1 100)
scrape_from 127.0.0.2 || fail "scrape beside 1200 idle connections from 100 addresses"
ok
kill "$IDLE"
wait "$IDLE" 2>/dev/null || true

# --listen :PORT is IPv6 and IPv4; [::1]:PORT is IPv6
PORT6=$(free_port)
"$PKTSTAT" --proc "$TMP/tree" prometheus --listen ":$PORT6" 2>"$TMP/pktstat6.log" &
PIDS="$PIDS $!"
wait_for 10 curl -sfg "http://[::1]:$PORT6/metrics" || fail "--listen :PORT over IPv6: $(cat "$TMP/pktstat6.log")"
curl -sfg "http://[::1]:$PORT6/metrics" >"$TMP/scrape6"
cmp -s "$TMP/scrape6" "$TMP/busy" || fail "/metrics over IPv6"
ok
curl -sf "http://127.0.0.1:$PORT6/metrics" | cmp -s - "$TMP/busy" || fail "/metrics over IPv4 on :PORT"
ok
PORT7=$(free_port)
"$PKTSTAT" --proc "$TMP/tree" prometheus --listen "[::1]:$PORT7" 2>"$TMP/pktstat7.log" &
PIDS="$PIDS $!"
wait_for 10 curl -sfg "http://[::1]:$PORT7/metrics" || fail "--listen [::1]:PORT: $(cat "$TMP/pktstat7.log")"
ok

wait_for 15 grep -q . "$TMP/timeout" || fail "an idle connection was not closed"
expect_eq "idle connection closed after" 10 "$(cat "$TMP/timeout")"

echo "test_prometheus: $PASSED checks passed"
