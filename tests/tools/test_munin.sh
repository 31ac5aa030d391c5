#!/bin/sh
# munin: munin-run runs pktstat as the traffic_accounting plugin, reading
# /proc tags and, as the old plugin did, =tag= comments of plain rules.
. "$(dirname "$0")/lib.sh"
need munin-run munin-node
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
cp -r "$FIX/basic" "$TMP/tree"
mkdir "$TMP/plugins" "$TMP/conf.d" "$TMP/conf.old"
for name in traffic_accounting traffic_accounting_ipv4_web4 traffic_accounting_ipv4_dns4; do
	ln -s "$PKTSTAT" "$TMP/plugins/$name"
done
cat >"$TMP/conf.d/pktstat" <<EOC
[traffic_accounting*]
user root
env.proc $TMP/tree
EOC
cat >"$TMP/conf.old/traffic_accounting" <<EOC
[traffic_accounting*]
user root
env.chain4 ACCT4
env.chain6 ACCT6
env.iptables_save4 $FIX/iptables-save.v4
env.iptables_save6 $FIX/iptables-save.v6
EOC

# mrun CONFDIR PLUGIN [ARG] [ENV=VALUE...]
mrun() {
	conf=$1 plugin=$2 arg=$3
	shift 3
	env "$@" munin-run --servicedir "$TMP/plugins" --sconfdir "$TMP/$conf" \
		"$plugin" $arg 2>"$TMP/err" || fail "munin-run $plugin $arg: $(cat "$TMP/err")"
}

expect_eq "multigraph fetch" "ipv4_dns4_up.value 640
ipv4_web4_up.value 150000
ipv4_web4_down.value 300000
ipv6_web6_up.value 7000
ipv6_web6_down.value 9000
#
multigraph traffic_accounting.dns4_ipv4
ipv4_dns4_up.value 640
#
multigraph traffic_accounting.web4_ipv4
ipv4_web4_up.value 150000
ipv4_web4_down.value 300000
#
multigraph traffic_accounting.web6_ipv6
ipv6_web6_up.value 7000
ipv6_web6_down.value 9000" "$(mrun conf.d traffic_accounting fetch)"

mrun conf.d traffic_accounting config >"$TMP/config"
expect_eq "root graph order" "graph_order ipv4_dns4_up ipv4_web4_down ipv4_web4_up ipv6_web6_down ipv6_web6_up" \
	"$(grep '^graph_order' "$TMP/config" | head -n1)"
expect_eq "sent/received pair" "ipv4_web4_up.negative ipv4_web4_down" \
	"$(grep '^ipv4_web4_up.negative' "$TMP/config" | head -n1)"
expect_eq "received half hidden" 2 "$(grep -c '^ipv4_web4_down.graph no$' "$TMP/config")"
expect_eq "graphs" "multigraph traffic_accounting.dns4_ipv4
multigraph traffic_accounting.web4_ipv4
multigraph traffic_accounting.web6_ipv6" "$(grep '^multigraph' "$TMP/config")"
expect_eq "empty description falls back" "graph_title Web traffic (v6) (ipv6)" \
	"$(grep '^graph_title Web traffic (v6)' "$TMP/config")"

# env.what
cat >>"$TMP/conf.d/pktstat" <<EOC
env.what packets
EOC
expect_eq "packets" "ipv4_web4_up.value 100
ipv4_web4_down.value 200" "$(mrun conf.d traffic_accounting_ipv4_web4 fetch)"
sed -i 's/^env.what packets$/env.what bits/' "$TMP/conf.d/pktstat"
expect_eq "bits are bytes times 8 by cdef" "ipv4_web4_up.cdef ipv4_web4_up,8,*
ipv4_web4_down.cdef ipv4_web4_down,8,*" "$(mrun conf.d traffic_accounting_ipv4_web4 config | grep cdef)"
expect_eq "bits fetch bytes" "ipv4_dns4_up.value 640" "$(mrun conf.d traffic_accounting_ipv4_dns4 fetch)"
expect_eq "wildcard config" "graph_title DNS traffic to local server (ipv4)
graph_info DNS traffic to local server (ipv4)
graph_args --base 1000 -l 0
graph_category network
graph_vlabel bits per \${graph_period}
ipv4_dns4_up.label bits (ipv4)
ipv4_dns4_up.type DERIVE
ipv4_dns4_up.min 0
ipv4_dns4_up.cdef ipv4_dns4_up,8,*" "$(mrun conf.d traffic_accounting_ipv4_dns4 config)"
expect_eq "suggest" "ipv4_dns4
ipv4_web4
ipv6_web6" "$(mrun conf.d traffic_accounting suggest)"
expect_eq "autoconf" "yes" "$(mrun conf.d traffic_accounting autoconf)"
sed -i "s|^env.proc .*|env.proc $TMP/missing|" "$TMP/conf.d/pktstat"
expect_eq "autoconf without module" "no ($TMP/missing: no such directory)" "$(mrun conf.d traffic_accounting autoconf)"

# The old plugin's rules give the same graphs.
sed -i "s|^env.proc .*|env.proc $TMP/tree|; /^env.what/d" "$TMP/conf.d/pktstat"
for arg in config fetch; do
	mrun conf.d traffic_accounting $arg >"$TMP/new.$arg"
	mrun conf.old traffic_accounting $arg >"$TMP/old.$arg"
	cmp -s "$TMP/new.$arg" "$TMP/old.$arg" || fail "iptables rules $arg differs: $(diff "$TMP/new.$arg" "$TMP/old.$arg")"
	ok
done
expect_eq "rules summed per tag" "ipv4_web4_up.value 150000
ipv4_web4_down.value 300000" "$(mrun conf.old traffic_accounting_ipv4_web4 fetch)"
# without saved files, PROG-save -c -t filter is run
mkdir "$TMP/bin" "$TMP/conf.exec"
for v in 4 6; do
	cat >"$TMP/bin/ipt$v-save" <<EOC
#!/bin/sh
[ "\$*" = "-c -t filter" ] || { echo "bad arguments: \$*" >&2; exit 1; }
cat "$FIX/iptables-save.v$v"
EOC
	chmod +x "$TMP/bin/ipt$v-save"
done
cat >"$TMP/conf.exec/traffic_accounting" <<EOC
[traffic_accounting*]
user root
env.chain4 ACCT4
env.iptables $TMP/bin/ipt4
env.ip6tables $TMP/bin/ipt6
EOC
mrun conf.exec traffic_accounting fetch >"$TMP/exec.fetch"
cmp -s "$TMP/exec.fetch" "$TMP/old.fetch" || fail "iptables-save run: $(diff "$TMP/exec.fetch" "$TMP/old.fetch")"
ok
chmod -x "$TMP/bin/ipt6-save"
set +e
munin-run --servicedir "$TMP/plugins" --sconfdir "$TMP/conf.exec" traffic_accounting fetch >/dev/null 2>"$TMP/err"
rc=$?
set -e
[ $rc -ne 0 ] || fail "a failing ip6tables-save must fail the plugin"
grep -q "ipt6-save -c -t filter failed" "$TMP/err" || fail "ip6tables-save error: $(cat "$TMP/err")"
ok

# env.multigraph no: only the wildcard links draw
echo "env.multigraph no" >>"$TMP/conf.old/traffic_accounting"
expect_eq "no multigraph, no wildcard" "" "$(mrun conf.old traffic_accounting fetch)"
expect_eq "no multigraph, wildcard" "ipv4_dns4_up.value 640" "$(mrun conf.old traffic_accounting_ipv4_dns4 fetch)"

echo "test_munin: $PASSED checks passed"
