#!/bin/sh
# Steady traffic while the ruleset is restored 100 times (iptables-restore,
# iptables-nft-restore; 100 tables in one input, each COMMIT a replacement): the named object and the tag live on through every
# reload, and read + lost frames equal the packets sent, exactly.
#
# Measured: while iptables-nft-restore swaps the ruleset, nf_tables runs a
# few packets through the rule twice (1 to 11 in 100 swaps, on all four
# kernels), and an nfacct counter on the same rule counts them twice too. So with the
# nft backend the reference is that nfacct counter (exactly equal), and the
# packets sent a lower bound; with legacy both are exact.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

PERIOD=10000000
RELOADS=100
# With nfacct at hand, the same rule also feeds an nfacct object, which
# survives reloads too: a reference when the numbers disagree.
NFACCT=
if command -v nfacct >/dev/null; then
	NFACCT=" -m nfacct --nfacct-name ref"
fi

ruleset() { # N
	cat <<EOR
*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
-A INPUT -i vrx -p udp -m pktstat --name r --period 10ms --samples 100000 --tag "=reload_down= reloaded" -m comment --comment r$NFACCT
-A INPUT -i vrx -p udp --dport 9 -m pktstat --name other$1
COMMIT
EOR
}

reload() {
	if [ -n "$NFACCT" ]; then
		in_ns rx nfacct add ref || fail "nfacct add ref"
	fi
	ruleset 0 >"$T/rules0"
	ipt_restore <"$T/rules0" || fail "first restore"
	# 100 tables, alternating two rulesets so that every one changes the
	# table: one restore process commits (replaces the table) at each
	# COMMIT, which spares 100 slow execs under emulation
	i=1
	while [ $i -le $RELOADS ]; do
		ruleset $((i % 2))
		i=$((i + 1))
	done >"$T/reloads"
	send 10 200
	# one sender for the whole time: it counts what it sent until stopped
	# (nsenter, not the in_ns function: $! must be sendpkts itself)
	nsenter --net=/run/netns/tx sendpkts --count 0 --size 200 --gap-us 1000 "$DST" "$PORT" >"$T/sent" 2>&1 &
	sender=$!
	# and a reader draining meanwhile
	(while [ ! -f "$T/stop" ]; do read_data r "$T/data"; sleep 0.1; done) &
	reader=$!
	sleep 0.2
	ipt_restore <"$T/reloads" >"$T/log" 2>&1 || fail "restore: $(cat "$T/log")"
	sleep 0.2
	touch "$T/stop"
	wait $reader || fail "reader"
	kill -TERM $sender
	wait $sender || fail "sender: $(cat "$T/sent")"
	sent=$(($(sed -n 's/^sent //p' "$T/sent") + 10))
	settle $PERIOD
	read_data r "$T/data"
	data_totals $PERIOD "$T/data"
	want=$sent
	if [ -n "$NFACCT" ]; then
		ref=$(in_ns rx nfacct get ref | sed -n 's/.*pkts = 0*\([0-9][0-9]*\),.*/\1/p')
		say "$RELOADS restores, sent $sent, nfacct counted $ref"
		[ "$ref" -ge "$sent" ] || fail "nfacct counted $ref of $sent packets sent"
		[ "$B" = nft ] && want=$ref
		[ "$B" = nft ] && [ "$ref" != "$sent" ] &&
			say "nft: $((ref - sent)) packets evaluated twice during the swaps (nfacct and pktstat alike)"
	fi
	say "read $D_FRAMES frames in $D_N buckets, lost $D_LOSTF"
	expect_eq "frames read + lost" "$D_ALLF" "$want"
	expect_eq "bytes read + lost" "$D_ALLY" $((want * $(ip_len 200)))
	expect_eq "info frames" "$(info r frames)" "$want"
	expect_eq "tag" "$(in_ns rx cat "$PROC/tags" | grep -v '^#')" "ipv$F reload_down $want $((want * $(ip_len 200))) reloaded"
	expect_eq "rules of r" "$(info r rules)" 1
	expect_eq "entries" "$(entries)" "other0 r tags"
}

each_combo reload
