#!/bin/sh
# An unprivileged user in a network namespace of their own (unshare -Urn,
# allowed by default in Debian): their objects count against their own
# namespace's max_memory_mb, so filling it cannot make the host's rules fail;
# the container's root reads its own rules' files (owned by the namespace's
# root, as the rest of its /proc/net); module parameters that would make
# procfs fall back to 0444 are refused, and none changes at run time.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

COMBOS="legacy:4 nft:6"
U=/tmp/userns
PARAMS=/sys/module/xt_pktstat/parameters

# The user's script, run as uid 1000 mapped to root in its own namespaces.
inside_script() { # BACKEND SAMPLES
	cat <<EOF
export XTABLES_LOCKFILE=$U/xtables.lock
ip link set lo up
iptables-$1 -A INPUT -m pktstat --name u1 --samples $2 || exit 11
iptables-$1 -A INPUT -m pktstat --name u2 --samples $2 || exit 12
# a third is beyond this namespace's 64 MiB
if iptables-$1 -A INPUT -m pktstat --name u3 --samples $2 2>$U/u3.err; then exit 13; fi
cat /proc/net/xt_pktstat/u1/info >$U/info || exit 14
cat /proc/net/xt_pktstat/u1/stream >$U/stream || exit 15
cat /proc/net/xt_pktstat/tags >$U/tags || exit 16
ls -ln /proc/net/xt_pktstat/u1/info >$U/ls || exit 17
echo \$\$ >$U/pid
touch $U/ready
# the namespace, and its objects, live until the host has tried
while [ ! -e $U/done ]; do sleep 0.1; done
EOF
}

userns() {
	pktstat_unload
	insmod "$KO" max_memory_mb=64 || fail "insmod max_memory_mb=64"
	for p in proc_perms proc_uid proc_gid; do
		if (echo 0440 >"$PARAMS/$p") 2>/dev/null; then fail "$p is writable at run time"; fi
	done
	rm -rf "$U" && mkdir -p "$U" && chmod 1777 "$U"
	# objects of about 25 MiB: two fit in 64 MiB, three do not
	samples=$((25 * 1048576 / (48 * $(possible_cpus))))
	inside_script "$B" "$samples" >"$U/inside.sh"
	grep -q '^user:' /etc/passwd || echo "user:x:1000:1000:user:$U:/bin/sh" >>/etc/passwd
	grep -q '^user:' /etc/group 2>/dev/null || echo "user:x:1000:" >>/etc/group
	su -s /bin/sh user -c "unshare -r -n sh $U/inside.sh" >"$U/out" 2>&1 &
	user=$!
	i=0
	while [ ! -e "$U/ready" ]; do
		kill -0 $user 2>/dev/null || { wait $user || true; fail "the user's script failed: $(cat "$U/out" "$U"/*.err 2>/dev/null)"; }
		i=$((i + 1))
		[ $i -lt 600 ] || fail "the user's script did not get ready"
		sleep 0.1
	done
	grep -qi "memory" "$U/u3.err" || fail "u3 refused without a memory message: $(cat "$U/u3.err")"
	# the host's namespace still has its whole budget
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name h1 --samples "$samples"
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name h2 --samples "$samples"
	# the files: the container's root inside, the user outside
	expect_eq "owner seen inside" "$(awk '{ print $3, $4 }' "$U/ls")" "0 0"
	expect_eq "owner seen from the host" \
		"$(stat -c '%u %g %a' "/proc/$(cat "$U/pid")/net/xt_pktstat/u1/info")" "1000 1000 440"
	expect_eq "the container read its info" "$(awk '$1 == "name" { print $2 }' "$U/info")" u1
	expect_eq "the container read its stream" "$(head -n 1 "$U/stream")" "# start_ns frames bytes [buckets]"
	touch "$U/done"
	wait $user || fail "the user's script: status $?: $(cat "$U/out")"
	ipt -F INPUT
}

# Modes without a read bit, or beyond 0666, and uid -1 are refused at load.
bad_params() {
	pktstat_unload
	for p in proc_perms=0 proc_perms=0200 proc_perms=0777 proc_uid=4294967295 proc_gid=4294967295; do
		if insmod "$KO" "$p" 2>"$T/err"; then
			rmmod xt_pktstat
			fail "insmod $p accepted"
		fi
		say "refused: insmod $p"
	done
	insmod "$KO" proc_perms=0444 proc_uid=1000 || fail "insmod proc_perms=0444 proc_uid=1000"
	expect_eq "proc_perms" "$(cat "$PARAMS/proc_perms")" 292
}

each_combo userns
COMBOS="legacy:4"
each_combo bad_params
