#!/bin/sh
# The test bed itself, without the module: an ordinary "-m comment" rule
# counts exactly the packets sendpkts says it sent, on both backends and
# families, from one CPU and from both at once.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh
# shellcheck disable=SC2034 # read by each_combo
NO_PKTSTAT=1

smoke() {
	ipt_ok -A INPUT -i vrx -p udp -m comment --comment smoke
	send 300 100
	send 200 1 --cpu 0 &
	a=$!
	send 200 1 --cpu 1 &
	b=$!
	wait $a || fail "sender on cpu 0"
	wait $b || fail "sender on cpu 1"
	expect_eq "packets, bytes" "$(counter smoke)" "700 $((300 * $(ip_len 100) + 400 * $(ip_len 1)))"
}

each_combo smoke
