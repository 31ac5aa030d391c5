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

echo "test_prometheus: $PASSED checks passed"
