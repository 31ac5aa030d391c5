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
# a failing ip6tables-save leaves the IPv4 graphs, says why on stderr
chmod -x "$TMP/bin/ipt6-save"
mrun conf.exec traffic_accounting fetch >"$TMP/exec4.fetch"
expect_eq "IPv4 graphs without ip6tables-save" "$(grep -v -e ipv6 -e '^#$' "$TMP/old.fetch")" \
	"$(grep -v '^#$' "$TMP/exec4.fetch")"
grep -q "ipt6-save -c -t filter failed; the ipv6 graphs are left out" "$TMP/err" ||
	fail "ip6tables-save error: $(cat "$TMP/err")"
ok
# both failing: exit 1
chmod -x "$TMP/bin/ipt4-save"
set +e
munin-run --servicedir "$TMP/plugins" --sconfdir "$TMP/conf.exec" traffic_accounting fetch >/dev/null 2>"$TMP/err"
rc=$?
set -e
[ $rc -ne 0 ] || fail "no family read must fail the plugin"
grep -q "ipt4-save -c -t filter failed; the ipv4 graphs are left out" "$TMP/err" ||
	fail "iptables-save error: $(cat "$TMP/err")"
ok

# env.multigraph no: only the wildcard links draw; the plugin itself says
# why it has nothing to draw and fails, as munin plugins do
echo "env.multigraph no" >>"$TMP/conf.old/traffic_accounting"
set +e
munin-run --servicedir "$TMP/plugins" --sconfdir "$TMP/conf.old" traffic_accounting config >"$TMP/out" 2>"$TMP/err"
rc=$?
set -e
expect_eq "no multigraph, no wildcard: exit" 1 "$rc"
expect_eq "no multigraph, no wildcard: output" "" "$(cat "$TMP/out")"
grep -q "traffic_accounting: env.multigraph is no, and not linked as traffic_accounting_ipv4_TAG" "$TMP/err" ||
	fail "no multigraph message: $(cat "$TMP/err")"
ok
expect_eq "no multigraph, wildcard" "ipv4_dns4_up.value 640" "$(mrun conf.old traffic_accounting_ipv4_dns4 fetch)"
expect_eq "no multigraph, suggest" "ipv4_dns4
ipv4_web4
ipv6_web6" "$(mrun conf.old traffic_accounting suggest)"
# a node without multigraph support (run by hand, or munin-node < 1.4)
set +e
env -u MUNIN_CAP_MULTIGRAPH proc="$TMP/tree" "$PKTSTAT" munin fetch >"$TMP/out" 2>"$TMP/err"
rc=$?
set -e
expect_eq "node without multigraph: exit" 1 "$rc"
grep -q "munin-node did not offer multigraph" "$TMP/err" || fail "no multigraph support message: $(cat "$TMP/err")"
ok

# Names: tags that clean to the same characters get apart names, every
# field and graph name is one munin accepts
cat >>"$TMP/tree/tags" <<EOC
ipv4 .web_up 1 10
ipv4 web.v4 2 20
ipv4 web_v4 3 30
ipv4 web-v4 4 40
ipv4 web__v4 5 50
EOC
mrun conf.d traffic_accounting config >"$TMP/config"
mrun conf.d traffic_accounting fetch >"$TMP/fetch"
expect_eq "clean graph names" "multigraph traffic_accounting.___2eweb_ipv4
multigraph traffic_accounting.__web_2dv4_ipv4
multigraph traffic_accounting.__web_2ev4_ipv4
multigraph traffic_accounting.__web____v4_ipv4
multigraph traffic_accounting.dns4_ipv4
multigraph traffic_accounting.web4_ipv4
multigraph traffic_accounting.web6_ipv6
multigraph traffic_accounting.web_v4_ipv4" "$(grep '^multigraph' "$TMP/config" | sort)"
expect_eq "bad field names" "" \
	"$(sed -n 's/^\([^ ]*\)\.\(label\|value\|type\) .*/\1/p' "$TMP/config" "$TMP/fetch" | grep -v '^[A-Za-z_][A-Za-z0-9_]*$' || true)"
expect_eq "distinct values" "ipv4____2eweb_down.value U
ipv4____2eweb_up.value 10
ipv4___web_2dv4_up.value 40
ipv4___web_2ev4_up.value 20
ipv4___web____v4_up.value 50
ipv4_web_v4_up.value 30" "$(sed -n '/^#$/q; /web.*v4\|2eweb/p' "$TMP/fetch" | sort)"
expect_eq "suggest clean names" "ipv4____2eweb
ipv4___web_2dv4
ipv4___web_2ev4
ipv4___web____v4
ipv4_web_v4" "$(mrun conf.d traffic_accounting suggest | grep 'web.*v4\|2eweb' | sort)"
for name in ipv4___web_2ev4 ipv4_web.v4; do
	ln -s "$PKTSTAT" "$TMP/plugins/traffic_accounting_$name"
	expect_eq "wildcard link $name" "ipv4___web_2ev4_up.value 20" "$(mrun conf.d "traffic_accounting_$name" fetch)"
done

echo "test_munin: $PASSED checks passed"
