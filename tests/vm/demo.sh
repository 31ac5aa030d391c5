#!/bin/sh
# make demo: a rule with a named object and two tags, bursts of traffic,
# then what the kernel and the reader show.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

use_combo legacy 4
pktstat_load
net_up
ipt_ok -A INPUT -i vrx -p udp --dport 5000 -m pktstat --name demo --period 100ms --samples 100 --tag "=web4_down= Web traffic"
ipt_ok -A INPUT -i vrx -p udp --dport 5001 -m pktstat --name demo --period 100ms --samples 100 --tag "=web4_down= Web traffic"
say "# iptables-legacy -L INPUT -v -n"
ipt -L INPUT -v -n
for burst in 1 2 3 4 5; do
	send $((burst * 200)) 512
	send_from tx "$DST" 5001 100 1200
	sleep 0.3
done
settle 100000000
if [ -x /usr/bin/pktstat ]; then
	say "# pktstat list"
	in_ns rx pktstat list
	say "# pktstat read demo"
	in_ns rx pktstat read demo
	say "# cat $PROC/demo/stream    (a reader of its own: idle runs are one line)"
	in_ns rx cat "$PROC/demo/stream"
else
	say "# cat $PROC/demo/data"
	in_ns rx cat "$PROC/demo/data"
fi
say "# cat $PROC/demo/info"
in_ns rx cat "$PROC/demo/info"
say "# cat $PROC/tags"
in_ns rx cat "$PROC/tags"
net_down
pktstat_unload
