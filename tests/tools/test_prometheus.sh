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

# burst metrics of a stream with known buckets (100us; 18 read, 3 lost):
# exact histogram, peak of the busiest bucket (9000 bytes), and the buckets
# and bursts above 100 Mbit/s (1250 bytes a bucket)
cp -r "$FIX/stream" "$TMP/stream"
"$PKTSTAT" --proc "$TMP/stream" prometheus --textfile "$TMP/stream.prom" --burst-threshold 100M
promtool check metrics <"$TMP/stream.prom" || fail "promtool check metrics (stream)"
ok
expect_eq "bucket histogram" 'pktstat_bucket_bytes_bucket{name="web",le="64"} 13
pktstat_bucket_bytes_bucket{name="web",le="1024"} 13
pktstat_bucket_bytes_bucket{name="web",le="2048"} 16
pktstat_bucket_bytes_bucket{name="web",le="4096"} 17
pktstat_bucket_bytes_bucket{name="web",le="8192"} 17
pktstat_bucket_bytes_bucket{name="web",le="16384"} 18
pktstat_bucket_bytes_bucket{name="web",le="2097152"} 18
pktstat_bucket_bytes_bucket{name="web",le="+Inf"} 18
pktstat_bucket_bytes_sum{name="web"} 16500
pktstat_bucket_bytes_count{name="web"} 18
pktstat_peak_bucket_bytes_per_second{name="web",window="10s"} 90000000
pktstat_peak_bucket_bytes_per_second{name="web",window="60s"} 90000000
pktstat_buckets_above_threshold_total{name="web"} 5
pktstat_bursts_total{name="web"} 4
pktstat_lost_buckets_seen_total{name="web"} 3' \
	"$(grep -E '^pktstat_(bucket_bytes|peak|buckets_above|bursts|lost_buckets_seen)' "$TMP/stream.prom" |
	   grep -vE 'le="(128|256|512|32768|65536|131072|262144|524288|1048576)"')"
expect_eq "le buckets: powers of 2 from 64 to 100 Gbit/s" 17 \
	"$(grep -c '^pktstat_bucket_bytes_bucket{name="web"' "$TMP/stream.prom")"
"$PKTSTAT" --proc "$TMP/stream" prometheus --textfile "$TMP/rate.prom" --burst-rate 100M,1G,10G
expect_eq "--burst-rate boundaries" 'pktstat_bucket_bytes_bucket{name="web",le="1250"} 13
pktstat_bucket_bytes_bucket{name="web",le="12500"} 18
pktstat_bucket_bytes_bucket{name="web",le="125000"} 18
pktstat_bucket_bytes_bucket{name="web",le="+Inf"} 18' \
	"$(grep '^pktstat_bucket_bytes_bucket' "$TMP/rate.prom")"
expect_eq "default threshold 1 Gbit/s" 'pktstat_buckets_above_threshold_total{name="web"} 0' \
	"$(grep '^pktstat_buckets_above' "$TMP/rate.prom")"
"$PKTSTAT" --proc "$TMP/stream" prometheus --textfile "$TMP/x.prom" --burst-rate 1G,x 2>/dev/null &&
	fail "--burst-rate 1G,x accepted"
ok
# a bucket's bytes at the rate must fit a u64, at any period
"$PKTSTAT" --proc "$TMP/stream" prometheus --textfile "$TMP/x.prom" --burst-rate 1G,3e18 2>"$TMP/err" &&
	fail "--burst-rate 1G,3e18 accepted"
expect_eq "--burst-rate too high" 'pktstat: --burst-rate: "1G,3e18": 3e18 is above the highest rate, 1e+18 bit/s' \
	"$(head -n1 "$TMP/err")"
# the peak windows slide with bucket time: 100000 bytes 30 s before the
# last bucket (1000 bytes) are in the 60s window, not in the 10s one
cp -r "$FIX/stream" "$TMP/slow"
sed -i 's/^period_ns .*/period_ns 1000000000/' "$TMP/slow/web/info"
printf '%s\n' '# start_ns frames bytes [buckets]' '1795392000000000000 10 100000' \
	'1795392001000000000 0 0 29' '1795392030000000000 1 1000' >"$TMP/slow/web/stream"
"$PKTSTAT" --proc "$TMP/slow" prometheus --textfile "$TMP/slow.prom"
expect_eq "peak windows" 'pktstat_peak_bucket_bytes_per_second{name="web",window="10s"} 1000
pktstat_peak_bucket_bytes_per_second{name="web",window="60s"} 100000' \
	"$(grep '^pktstat_peak' "$TMP/slow.prom")"
expect_eq "le buckets bounded" 24 "$(grep -c '^pktstat_bucket_bytes_bucket{name="web",le="[0-9]' "$TMP/slow.prom")"
# --interval: the stream is followed between writes, nothing counted twice
"$PKTSTAT" --proc "$TMP/stream" prometheus --textfile "$TMP/twice.prom" --interval 300ms --count 2
expect_eq "followed between writes" 'pktstat_bucket_bytes_sum{name="web"} 16500
pktstat_bucket_bytes_count{name="web"} 18' "$(grep -E '^pktstat_bucket_bytes_(sum|count)' "$TMP/twice.prom")"
# an object recreated while the exporter runs (same name, another
# created_ns) counts again from its own stream; one created appears
cp -r "$FIX/stream" "$TMP/again"
"$PKTSTAT" --proc "$TMP/again" prometheus --textfile "$TMP/again.prom" --interval 1s --count 3 &
AGAIN=$!
sleep 0.5
mkdir "$TMP/re"
sed 's/^created_ns .*/created_ns 1795391000000000001/' "$TMP/again/web/info" >"$TMP/re/info"
printf '%s\n' '# start_ns frames bytes [buckets]' '1795392000000000000 1 700' \
	'1795392000000100000 0 0 4' >"$TMP/re/stream"
cp -r "$TMP/re" "$TMP/new"
sed -i 's/^name web$/name new/' "$TMP/new/info"
rm -r "$TMP/again/web"
mv "$TMP/re" "$TMP/again/web"
mv "$TMP/new" "$TMP/again/new"
wait "$AGAIN" || fail "prometheus with an object recreated"
expect_eq "recreated and created objects" 'pktstat_bucket_bytes_sum{name="new"} 700
pktstat_bucket_bytes_count{name="new"} 5
pktstat_bucket_bytes_sum{name="web"} 700
pktstat_bucket_bytes_count{name="web"} 5' "$(grep -E '^pktstat_bucket_bytes_(sum|count)' "$TMP/again.prom")"
# a bad stream: what was parsed counts, the error is said once, not at
# every poll
"$PKTSTAT" --proc "$FIX/bad_stream" prometheus --textfile "$TMP/bad.prom" --interval 100ms \
	--count 5 2>"$TMP/bad.err"
expect_eq "bad stream reported once" 1 "$(grep -c 'must have 0 frames' "$TMP/bad.err")"
expect_eq "bad stream counted so far" 'pktstat_bucket_bytes_count{name="web"} 1' \
	"$(grep '^pktstat_bucket_bytes_count' "$TMP/bad.prom")"
# per-address series: at most --address-series addresses per object (the
# most bytes when first seen; 192.168.1.12 and .18 tie, address order
# decides), the rest with the table's other in address="other", every
# metric summing to the table's column; a hostname from --hosts
cp -r "$FIX/many_addresses" "$TMP/many"
cp "$FIX/hosts/dnsmasq.leases" "$TMP/leases"
# asum FILE METRIC: the sum of METRIC's series of lan, and how many
asum() {
	awk -v m="$2" 'index($0, m "{name=\"lan\"") == 1 { s += $2; n++ } END { printf "%d %d", s, n }' "$1"
}
# tsum COLUMN: the sum of a column of lan's table, other included
tsum() {
	awk -v c="$1" '!/^#/ { s += $c } END { printf "%d", s }' "$TMP/many/lan/addresses"
}
"$PKTSTAT" --proc "$TMP/many" prometheus --textfile "$TMP/addr.prom" --address-series 5 \
	--hosts "$TMP/leases" --interval 1s --count 2 2>"$TMP/addr.err" &
ADDR=$!
sleep 0.5
# before the second write: a folded address becomes the busiest, a lease
# is renamed; series keep their addresses, other grows
sed -i 's/^192\.168\.1\.18 .*/192.168.1.18 900 900000 10 10000/' "$TMP/many/lan/addresses"
sed 's/ laptop / laptop2 /' "$FIX/hosts/dnsmasq.leases" >"$TMP/leases.new"
mv "$TMP/leases.new" "$TMP/leases"
wait "$ADDR" || fail "prometheus with addresses: $(cat "$TMP/addr.err")"
promtool check metrics <"$TMP/addr.prom" || fail "promtool check metrics (addresses)"
ok
expect_eq "address series kept, hostname read again" 'pktstat_address_sent_bytes_total{name="lan",address="192.168.1.10",family="ipv4"} 10000
pktstat_address_sent_bytes_total{name="lan",address="192.168.1.12",family="ipv4",hostname="laptop2"} 5000
pktstat_address_sent_bytes_total{name="lan",address="192.168.1.15",family="ipv4"} 7000
pktstat_address_sent_bytes_total{name="lan",address="fd00:0:0:1::/64",family="ipv6"} 40000
pktstat_address_sent_bytes_total{name="lan",address="fd00:0:0:3::/64",family="ipv6"} 9000
pktstat_address_sent_bytes_total{name="lan",address="other"} 904360' \
	"$(grep '^pktstat_address_sent_bytes_total' "$TMP/addr.prom")"
for m in sent_frames:2 sent_bytes:3 received_frames:4 received_bytes:5; do
	expect_eq "pktstat_address_${m%:*}_total sums to the table" "$(tsum "${m#*:}") 6" \
		"$(asum "$TMP/addr.prom" "pktstat_address_${m%:*}_total")"
done
expect_eq "folded addresses" 'pktstat_addresses_folded{name="lan"} 7' \
	"$(grep '^pktstat_addresses_folded' "$TMP/addr.prom")"
expect_eq "table gauges" 'pktstat_addresses{name="lan"} 12
pktstat_max_addresses{name="lan"} 12' "$(grep -E '^pktstat_(max_)?addresses\{' "$TMP/addr.prom")"
expect_eq "no address series without a table" "" "$(grep '^pktstat_address.*name="plain"' "$TMP/addr.prom")"
"$PKTSTAT" --proc "$TMP/many" prometheus --textfile "$TMP/x.prom" --address-series 0
expect_eq "--address-series 0: other alone" 'pktstat_address_received_bytes_total{name="lan",address="other"} 1096660' \
	"$(grep '^pktstat_address_received_bytes_total' "$TMP/x.prom")"
"$PKTSTAT" --proc "$TMP/many" prometheus --textfile "$TMP/x.prom" --address-series 65537 2>/dev/null &&
	fail "--address-series 65537 accepted"
ok
"$PKTSTAT" --proc "$TMP/many" prometheus --textfile "$TMP/x.prom" --hosts "$TMP/nothing" 2>"$TMP/err" &&
	fail "--hosts with no file accepted"
expect_eq "--hosts with no file" "pktstat: --hosts: $TMP/nothing: No such file or directory" "$(cat "$TMP/err")"

SPORT=$(free_port)
"$PKTSTAT" --proc "$TMP/stream" prometheus --listen "127.0.0.1:$SPORT" --burst-threshold 100M \
	2>"$TMP/pktstat-stream.log" &
PIDS="$PIDS $!"
APORT=$(free_port)
"$PKTSTAT" --proc "$FIX/many_addresses" prometheus --listen "127.0.0.1:$APORT" --address-series 5 \
	--hosts "$FIX/hosts/hosts" 2>"$TMP/pktstat-addr.log" &
PIDS="$PIDS $!"

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
  - job_name: stream
    static_configs:
      - targets: ['127.0.0.1:$SPORT']
  - job_name: addr
    static_configs:
      - targets: ['127.0.0.1:$APORT']
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
expect_eq "stored bytes" 98765432 "$(query 'pktstat_bytes_total{job="pktstat",name="web"}')"
expect_eq "stored frames" 10 "$(query 'pktstat_frames_total{job="pktstat",name="7"}')"
expect_eq "stored period" 0.0001 "$(query 'pktstat_period_seconds{job="pktstat",name="web"}')"
expect_eq "stored lost" 3 "$(query 'pktstat_lost_buckets_total{job="pktstat",name="web"}')"
expect_eq "stored tag" 9000 "$(query 'pktstat_tag_bytes_total{family="ipv6",tag="web6_down"}')"
expect_eq "stored tag info" 1 "$(query 'pktstat_tag_info{tag="web4_up",description="Web traffic to/from local web server"}')"
expect_eq "series count (no NAME/stream: no burst metrics)" 39 "$(query 'count({__name__=~"pktstat_.*",job="pktstat"})')"
wait_for 20 has_value 'up{job="stream"}' 1 || fail "prometheus did not scrape the stream exporter"
ok
expect_eq "stored _sum" 16500 "$(query 'pktstat_bucket_bytes_sum{job="stream"}')"
expect_eq "stored _count" 18 "$(query 'pktstat_bucket_bytes_count{job="stream"}')"
expect_eq "stored le 2048" 16 "$(query 'pktstat_bucket_bytes_bucket{job="stream",le="2048"}')"
expect_eq "stored peak" 90000000 "$(query 'pktstat_peak_bucket_bytes_per_second{job="stream",window="60s"}')"
expect_eq "stored bursts" 4 "$(query 'pktstat_bursts_total{job="stream"}')"
expect_eq "stored p100 from the histogram" 16384 \
	"$(query 'histogram_quantile(1, pktstat_bucket_bytes_bucket{job="stream"})')"
wait_for 20 has_value 'up{job="addr"}' 1 || fail "prometheus did not scrape the address exporter"
ok
expect_eq "stored address series (5 and other)" 6 \
	"$(query 'count(pktstat_address_received_bytes_total{job="addr"})')"
expect_eq "stored address sum" 1096660 \
	"$(query 'sum(pktstat_address_received_bytes_total{job="addr"})')"
expect_eq "stored hostname" 200000 \
	"$(query 'pktstat_address_received_bytes_total{job="addr",hostname="nas.lan"}')"
expect_eq "stored other" 4360 \
	"$(query 'pktstat_address_sent_bytes_total{job="addr",address="other"}')"

# counters move: the next scrapes see the new values
sed -i 's/^bytes 98765432$/bytes 98766432/' "$TMP/tree/web/info"
wait_for 20 has_value 'pktstat_bytes_total{job="pktstat",name="web"}' 98766432 || fail "new value not scraped"
ok
expect_eq "rate over the change" 1 "$(query 'count(increase(pktstat_bytes_total{job="pktstat",name="web"}[1m]) > 0)')"

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
