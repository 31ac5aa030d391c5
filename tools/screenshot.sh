#!/bin/sh
# Makes watch-screenshot.txt: pktstat watch on a synthetic 1ms-bucket
# capture (steady traffic with microbursts), in an 80x24 tmux pane.
set -eu
cd "$(dirname "$0")"
TMP=$(mktemp -d)
SESSION=pktstat-shot-$$
trap 'tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$TMP"' EXIT
mkdir -p "$TMP/web"
start=1795392000000000000
cat >"$TMP/web/info" <<EOF2
name web
period_ns 1000000
samples 20000
rules 1
created_ns $start
frames 0
bytes 0
EOF2
awk 'BEGIN {
	srand(42)
	print "# start_ns frames bytes"
	for (i = 0; i < 17750; i++) {
		bytes = int(20000 + 10000 * sin(i / 1500) + rand() * 8000)
		if (i % 1900 < 4 + int(rand() * 3) && i > 100)
			bytes += int(700000 + rand() * 400000)	# a microburst
		printf "17953920%011.0f %d %d\n", i * 1000000, int(bytes / 1200) + 1, bytes
	}
}' >"$TMP/web/data"
tmux new-session -d -s "$SESSION" -x 80 -y 24 \
	"./pktstat --proc $TMP watch web --window 250ms --count 1; sleep 30"
sleep 2
tmux capture-pane -p -t "$SESSION" >watch-screenshot.txt
cat watch-screenshot.txt
