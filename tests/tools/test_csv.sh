#!/bin/sh
# csv: interval files aligned to the clock, with every object and tag that
# exists at the end of an interval, recreated objects counted whole, and
# the interval in progress written on SIGTERM/SIGINT.
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
	csv_run "sig$sig" --interval 60s
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

echo "test_csv: $PASSED checks passed"
