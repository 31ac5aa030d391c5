#!/bin/sh
# munin: munin-run runs pktstat as the traffic_accounting plugin, reading
# /proc tags and, as the old plugin did, =tag= comments of plain rules.
. "$(dirname "$0")/lib.sh"
need munin-run munin-node
need munin-node-configure munin-node
need podchecker perl
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

# plugin_conf CONFDIR LINE...: a configuration of the plugins, as root
plugin_conf() {
	mkdir "$TMP/$1"
	conf=$TMP/$1/traffic_accounting
	shift
	printf '%s\n' '[traffic_accounting*]' 'user root' "$@" >"$conf"
}

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
# an ip6tables-save that fails after some output: none of it is kept
cat >"$TMP/bin/ipt6bad-save" <<EOC
#!/bin/sh
cat "$FIX/iptables-save.v6"
echo "ip6tables-save: Table does not exist (do you need to insmod?)" >&2
exit 1
EOC
chmod +x "$TMP/bin/ipt6bad-save"
sed "s|^env.ip6tables .*|env.ip6tables $TMP/bin/ipt6bad|" "$TMP/conf.exec/traffic_accounting" >"$TMP/conf.d/bad6"
mkdir "$TMP/conf.bad6"
mv "$TMP/conf.d/bad6" "$TMP/conf.bad6/traffic_accounting"
chmod +x "$TMP/bin/ipt6-save"
mrun conf.bad6 traffic_accounting fetch >"$TMP/bad6.fetch"
expect_eq "IPv4 graphs beside a failing ip6tables-save" "$(grep -v -e ipv6 -e '^#$' "$TMP/old.fetch")" \
	"$(grep -v '^#$' "$TMP/bad6.fetch")"
expect_eq "IPv4 wildcard beside a failing ip6tables-save" "ipv4_web4_up.value 150000
ipv4_web4_down.value 300000" "$(mrun conf.bad6 traffic_accounting_ipv4_web4 fetch)"
expect_eq "autoconf with iptables-save only" yes "$(mrun conf.bad6 traffic_accounting autoconf)"
# an ip6tables-save that hangs is ended after env.save_timeout seconds
cat >"$TMP/bin/ipt6hang-save" <<EOC
#!/bin/sh
exec sleep 60
EOC
chmod +x "$TMP/bin/ipt6hang-save"
mkdir "$TMP/conf.hang6"
sed "s|^env.ip6tables .*|env.ip6tables $TMP/bin/ipt6hang\nenv.save_timeout 1|" \
	"$TMP/conf.exec/traffic_accounting" >"$TMP/conf.hang6/traffic_accounting"
start=$(date +%s)
mrun conf.hang6 traffic_accounting fetch >"$TMP/hang6.fetch"
took=$(($(date +%s) - start))
expect_eq "IPv4 graphs beside a hanging ip6tables-save" "$(grep -v -e ipv6 -e '^#$' "$TMP/old.fetch")" \
	"$(grep -v '^#$' "$TMP/hang6.fetch")"
grep -q "ipt6hang-save -c -t filter took more than 1 s (env.save_timeout); the ipv6 graphs are left out" "$TMP/err" ||
	fail "hanging ip6tables-save: $(cat "$TMP/err")"
[ "$took" -le 10 ] || fail "a hanging ip6tables-save held the plugin ${took} s"
ok
# and the other way round: only env.chain6, no iptables-save at all
plugin_conf conf.only6 "env.chain6 ACCT6" "env.iptables $TMP/bin/absent" \
	"env.ip6tables $TMP/bin/ipt6"
mrun conf.only6 traffic_accounting fetch >"$TMP/only6.fetch"
expect_eq "IPv6 graphs without iptables-save" "$(grep -v -e ipv4 -e '^#$' "$TMP/old.fetch")" \
	"$(grep -v '^#$' "$TMP/only6.fetch")"
grep -q "absent-save -c -t filter failed; the ipv4 graphs are left out" "$TMP/err" ||
	fail "iptables-save absent: $(cat "$TMP/err")"
ok
expect_eq "autoconf with ip6tables-save only" yes "$(mrun conf.only6 traffic_accounting autoconf)"
sed -i "s|^env.ip6tables .*|env.ip6tables $TMP/bin/absent6|" "$TMP/conf.only6/traffic_accounting"
expect_eq "autoconf without either" "no ($TMP/bin/absent-save and $TMP/bin/absent6-save not found)" \
	"$(mrun conf.only6 traffic_accounting autoconf)"
chmod -x "$TMP/bin/ipt6-save"
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
# a tag of its own beside a pair of the same stem (web4 beside web4_up and
# web4_down) is named apart, __web4: munin would keep one of the two
echo "ipv4 web4 6 60 Web too" >>"$TMP/tree/tags"
mrun conf.d traffic_accounting config >"$TMP/config"
mrun conf.d traffic_accounting fetch >"$TMP/fetch"
expect_eq "own and pair graphs" "multigraph traffic_accounting.__web4_ipv4
multigraph traffic_accounting.web4_ipv4" "$(grep -E '^multigraph traffic_accounting\.(__)?web4_ipv4$' "$TMP/config")"
expect_eq "own and pair values" "ipv4___web4_up.value 60
ipv4_web4_up.value 150000
ipv4_web4_down.value 300000" "$(sed -n '/^#$/q; /web4_/p' "$TMP/fetch")"
expect_eq "no field twice" "" "$(sed -n '/^#$/q; s/\..*//p' "$TMP/fetch" | sort | uniq -d)"
expect_eq "no field configured twice" "" "$(sed -n '/^#$/q; s/\.label .*//p' "$TMP/config" | sort | uniq -d)"
ln -s "$PKTSTAT" "$TMP/plugins/traffic_accounting_ipv4___web4"
expect_eq "wildcard link of the tag of its own" "ipv4___web4_up.value 60" \
	"$(mrun conf.d traffic_accounting_ipv4___web4 fetch)"
expect_eq "wildcard link of the pair" "ipv4_web4_up.value 150000
ipv4_web4_down.value 300000" "$(mrun conf.d traffic_accounting_ipv4_web4 fetch)"

# A graph per object with a stream (multigraph): mean and peak bucket rate
# since the previous fetch, which the state file in MUNIN_PLUGSTATE
# remembers. web and 7 have no stream (an older module): no graph.
cp -r "$FIX/basic" "$TMP/otree"
cp -r "$TMP/otree/web" "$TMP/otree/burst"
rm "$TMP/otree/burst/data"
sed -i 's/^name web$/name burst/' "$TMP/otree/burst/info"
T=1795392000000000000
P=100000
# stream LINES...: a pass of burst's stream, opened anew
stream() {
	printf '%s\n' '# start_ns frames bytes [buckets]' "$@" >"$TMP/otree/burst/stream"
}
stream '# before frames=40 bytes=52000' "$T 1 1500" "$((T + P)) 0 0 8" "$((T + 9 * P)) 6 9000"
mkdir "$TMP/state"
plugin_conf conf.obj "env.proc $TMP/otree" "env.MUNIN_PLUGSTATE $TMP/state"
# objgraph: the object graphs of munin-run's output
objgraph() {
	mrun conf.obj traffic_accounting "$1" | sed -n '/^multigraph traffic_accounting.burst_bursts$/,$p'
}
expect_eq "object graph config" "multigraph traffic_accounting.burst_bursts
graph_title burst: mean and peak 100us bucket
graph_info The mean rate of the pktstat object burst since the previous poll, and its busiest 100us bucket among the last 100ms (its ring) at most
graph_args --base 1000 -l 0
graph_category network
graph_vlabel bytes per second
graph_order mean peak
mean.label mean
mean.type GAUGE
mean.min 0
peak.label peak 100us bucket
peak.type GAUGE
peak.min 0" "$(objgraph config)"
expect_eq "tag graphs beside" 3 "$(mrun conf.obj traffic_accounting config | grep -c '^multigraph traffic_accounting\..*_ipv[46]$')"
# first fetch, no state: over the buckets held, 10500 bytes in 1ms, the
# busiest 9000 bytes in 100us
expect_eq "first fetch" "multigraph traffic_accounting.burst_bursts
mean.value 10500000
peak.value 90000000" "$(objgraph fetch)"
expect_eq "state file" "# pktstat munin state 1
burst 1795391000000000000 $((T + 10 * P)) 47 62500" "$(cat "$TMP/state/traffic_accounting-")"
# the ring moved on; the 9000-byte bucket was seen; 1000 bytes, then a
# lost bucket of 24000 bytes, then idle: the mean counts the lost bytes,
# the peak cannot see them
stream '# before frames=41 bytes=53500' "$((T + 5 * P)) 0 0 4" "$((T + 9 * P)) 6 9000" \
	"$((T + 10 * P)) 1 1000" '# lost buckets=1 frames=10 bytes=24000' "$((T + 12 * P)) 0 0 8"
expect_eq "since the previous fetch" "multigraph traffic_accounting.burst_bursts
mean.value 25000000
peak.value 10000000" "$(objgraph fetch)"
expect_eq "nothing new" "multigraph traffic_accounting.burst_bursts
mean.value U
peak.value U" "$(objgraph fetch)"
expect_eq "state written by rename" "traffic_accounting-" "$(ls -A "$TMP/state")"
# env.what packets: frames per second, no cdef
stream '# before frames=58 bytes=87500' "$((T + 20 * P)) 3 4500" "$((T + 21 * P)) 0 0 9"
echo "env.what packets" >>"$TMP/conf.obj/traffic_accounting"
expect_eq "packets" "multigraph traffic_accounting.burst_bursts
mean.value 3000
peak.value 30000" "$(objgraph fetch)"
expect_eq "packets config" "graph_vlabel packets per second" "$(objgraph config | grep vlabel)"
sed -i 's/^env.what packets$/env.what bits/' "$TMP/conf.obj/traffic_accounting"
expect_eq "bits by cdef" "mean.cdef mean,8,*
peak.cdef peak,8,*" "$(objgraph config | grep cdef)"
# run by hand, without MUNIN_PLUGSTATE: over the buckets held, no state
cp "$TMP/state/traffic_accounting-" "$TMP/state.before"
expect_eq "no state: over the ring" "multigraph traffic_accounting.burst_bursts
mean.value 4500000
peak.value 45000000" "$(env -u MUNIN_PLUGSTATE MUNIN_CAP_MULTIGRAPH=1 proc="$TMP/otree" "$PKTSTAT" munin fetch |
	sed -n '/^multigraph traffic_accounting.burst_bursts$/,$p')"
cmp -s "$TMP/state/traffic_accounting-" "$TMP/state.before" || fail "state changed by a run without MUNIN_PLUGSTATE"
ok
# a wildcard link has no object graph
expect_eq "wildcard: tag graph only" "ipv4_dns4_up.value 640" "$(mrun conf.obj traffic_accounting_ipv4_dns4 fetch)"

# munin-plugin NAME: the plugin under the name a wrapper script gives,
# the same as a link of that name
cp -r "$FIX/basic" "$TMP/wtree"
for name in traffic_accounting traffic_accounting_ipv4_web4 traffic_accounting_ipv6_web6; do
	for arg in config fetch suggest autoconf; do
		ln -sf "$PKTSTAT" "$TMP/$name"
		env MUNIN_CAP_MULTIGRAPH=1 proc="$TMP/wtree" "$TMP/$name" $arg >"$TMP/link.out" 2>&1 || true
		env MUNIN_CAP_MULTIGRAPH=1 proc="$TMP/wtree" "$PKTSTAT" munin-plugin "$name" $arg >"$TMP/cmd.out" 2>&1 || true
		cmp -s "$TMP/link.out" "$TMP/cmd.out" || fail "munin-plugin $name $arg: $(diff "$TMP/link.out" "$TMP/cmd.out")"
		ok
	done
done
expect_eq "munin-plugin: fetch by default" "ipv4_web4_up.value 150000
ipv4_web4_down.value 300000" "$(proc="$TMP/wtree" "$PKTSTAT" munin-plugin traffic_accounting_ipv4_web4)"
expect_eq "munin-plugin: --proc as env.proc" "ipv4_dns4_up.value 640" \
	"$(env -u proc "$PKTSTAT" --proc "$TMP/wtree" munin-plugin traffic_accounting_ipv4_dns4 fetch)"

# The wrapper scripts, as make install puts them in munin's plugin
# library: they run pktstat munin-plugin under their own name
make -s -C "$HERE/../../tools" install PREFIX="$TMP/prefix" >"$TMP/install.out" 2>&1 ||
	fail "make install: $(cat "$TMP/install.out")"
LIB=$TMP/prefix/share/munin/plugins
for w in traffic_accounting traffic_accounting_; do
	expect_eq "$w installed" "-rwxr-xr-x" "$(ls -l "$LIB/$w" | cut -c1-10)"
	expect_eq "$w runs BINDIR/pktstat" "exec $TMP/prefix/bin/pktstat munin-plugin \"\${0##*/}\" \"\$@\"" \
		"$(grep '^exec ' "$LIB/$w")"
	podchecker "$LIB/$w" >/dev/null 2>"$TMP/pod" || fail "$w: POD: $(cat "$TMP/pod")"
	ok
done
expect_eq "multigraph plugin markers" "#%# family=auto
#%# capabilities=autoconf multigraph" "$(sed -n 's/^ *\(#%#.*\)/\1/p' "$LIB/traffic_accounting")"
expect_eq "wildcard plugin markers" "#%# family=manual
#%# capabilities=autoconf suggest" "$(sed -n 's/^ *\(#%#.*\)/\1/p' "$LIB/traffic_accounting_")"
mkdir "$TMP/wplugins" "$TMP/conf.wrap"
ln -s "$LIB/traffic_accounting" "$TMP/wplugins/traffic_accounting"
ln -s "$LIB/traffic_accounting_" "$TMP/wplugins/traffic_accounting_"
printf '%s\n' '[traffic_accounting*]' 'user root' "env.proc $TMP/wtree" >"$TMP/conf.wrap/pktstat"
# wrun SERVICEDIR PLUGIN ARG: munin-run's output
wrun() {
	munin-run --servicedir "$1" --sconfdir "$TMP/conf.wrap" "$2" "$3" 2>"$TMP/err" ||
		fail "munin-run $1 $2 $3: $(cat "$TMP/err")"
}
# the wildcard's suggestions, one a line, each a plugin to link
expect_eq "wrapper suggest" "ipv4_dns4
ipv4_web4
ipv6_web6" "$(wrun "$TMP/wplugins" traffic_accounting_ suggest)"
for s in $(wrun "$TMP/wplugins" traffic_accounting_ suggest); do
	ln -s "$LIB/traffic_accounting_" "$TMP/wplugins/traffic_accounting_$s"
	ln -sf "$PKTSTAT" "$TMP/plugins/traffic_accounting_$s"
done
for name in traffic_accounting traffic_accounting_ipv4_dns4 traffic_accounting_ipv4_web4 traffic_accounting_ipv6_web6; do
	for arg in config fetch; do
		wrun "$TMP/wplugins" "$name" $arg >"$TMP/wrap.out"
		wrun "$TMP/plugins" "$name" $arg >"$TMP/link.out"
		[ -s "$TMP/link.out" ] || fail "munin-run $name $arg: no output"
		cmp -s "$TMP/wrap.out" "$TMP/link.out" || fail "wrapper $name $arg: $(diff "$TMP/wrap.out" "$TMP/link.out")"
		ok
	done
done
expect_eq "wrapper autoconf" yes "$(wrun "$TMP/wplugins" traffic_accounting autoconf)"

# munin-node-configure offers the multigraph plugin (family auto) when
# there are tags to draw, and not the wildcard one (family manual)
mnc() {
	munin-node-configure --libdir "$LIB" --servicedir "$TMP/wservices" \
		--sconfdir "$TMP/conf.wrap" "$@" 2>"$TMP/err" || fail "munin-node-configure $*: $(cat "$TMP/err")"
}
mkdir "$TMP/wservices"
mnc --suggest >"$TMP/mnc.out"
expect_eq "munin-node-configure --suggest" "traffic_accounting|no|yes" \
	"$(sed -n 's/ *| */|/g; s/ *$//; /^traffic_accounting/p' "$TMP/mnc.out")"
expect_eq "munin-node-configure --shell" "ln -s '$LIB/traffic_accounting' '$TMP/wservices/traffic_accounting'" \
	"$(mnc --shell)"
expect_eq "munin-node-configure: no errors" "" "$(grep -i 'error\|junk' "$TMP/mnc.out" || true)"
mnc --shell | sh
expect_eq "once linked" "traffic_accounting|yes|yes" \
	"$(mnc --suggest | sed -n 's/ *| */|/g; s/ *$//; /^traffic_accounting/p')"
expect_eq "nothing more to link" "" "$(mnc --shell)"
rm "$TMP/wservices/traffic_accounting"
# without the module: no, and why
sed -i "s|^env.proc .*|env.proc $TMP/wnone|" "$TMP/conf.wrap/pktstat"
expect_eq "munin-node-configure without the module" "traffic_accounting|no|no [$TMP/wnone: no such directory]" \
	"$(mnc --suggest | sed -n 's/ *| */|/g; s/ *$//; /^traffic_accounting/p')"
expect_eq "nothing to link without the module" "" "$(mnc --shell)"

echo "test_munin: $PASSED checks passed"
