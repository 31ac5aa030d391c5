#!/bin/sh
# /init of the test VM (tests/vm/run.sh builds the initramfs around it).
# Loads the netfilter modules, runs the scenarios named in /etc/vmtest.conf
# (or the demo), then dumps the kernel log and powers off. Everything the
# host reads comes over the serial console:
#   NAME| ...                 a scenario's own output
#   @@RESULT NAME PASS        or  @@RESULT NAME FAIL reason
#   @@KMEMLEAK-BEGIN ... @@KMEMLEAK-END   (KMEMLEAK=1: what kmemleak found)
#   @@DMESG-BEGIN ... @@DMESG-END
#   @@DONE status=N           N = failed scenarios; missing = the VM died
export PATH=/sbin:/usr/sbin:/bin:/usr/bin
export HOME=/root
# Debian's static busybox runs its own applets before searching PATH, and
# its ip cannot make veth pairs or namespaces: always iproute2's.
ip() { /sbin/ip "$@"; }
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mount -t tmpfs tmpfs /run
mount -t tmpfs tmpfs /tmp
mkdir -p /run/netns /dev/pts
SCENARIO_TIMEOUT=240
KMEMLEAK=
# shellcheck source=/dev/null
. /etc/vmtest.conf

# no modprobe in here: a module the kernel asks for must have been loaded
echo /bin/false >/proc/sys/kernel/modprobe
# veth hands packets to the per-CPU backlog: make it deep enough that a
# fast sender never overflows it (the tests count every packet)
sysctl -qw net.core.netdev_max_backlog=100000

while read -r m; do
	insmod "$m" || echo "init: insmod $m failed"
done </etc/modules.load
ip link set lo up

# Leave nothing behind for the next scenario, whatever this one did.
cleanup() {
	for ns in $(ip netns list 2>/dev/null | awk '{ print $1 }'); do
		ip netns delete "$ns"
	done
	for t in iptables-legacy ip6tables-legacy iptables-nft ip6tables-nft; do
		for table in filter raw mangle; do
			"$t" -t "$table" -F 2>/dev/null
			"$t" -t "$table" -X 2>/dev/null
		done
	done
	# netns teardown is asynchronous: give the module a moment to lose users
	i=0
	while grep -q '^xt_pktstat ' /proc/modules && [ $i -lt 50 ]; do
		rmmod xt_pktstat 2>/dev/null && break
		sleep 0.1
		i=$((i + 1))
	done
}

run_scenario() { # NAME
	out=/tmp/$1.out
	rm -f /tmp/rc
	t0=$(date +%s)
	# A hung scenario must not eat the whole VM's time. It runs in a
	# session of its own: once it ends (or is killed), whatever it left
	# running is killed too, or it would hold the pipe below open.
	rm -f /tmp/scenario.pid
	{
		# shellcheck disable=SC2016 # expanded by the inner sh
		timeout -s KILL "$SCENARIO_TIMEOUT" setsid sh -c \
			'echo $$ >/tmp/scenario.pid; exec sh "/tests/scenarios/$0.sh"' "$1"
		echo $? >/tmp/rc
		[ -s /tmp/scenario.pid ] && kill -KILL -- "-$(cat /tmp/scenario.pid)" 2>/dev/null
	} 2>&1 | tee "$out" | sed "s/^/$1| /"
	rc=$(cat /tmp/rc 2>/dev/null || echo 99)
	echo "$1| took $(($(date +%s) - t0))s"
	if [ "$rc" = 0 ]; then
		echo "@@RESULT $1 PASS"
		return 0
	fi
	reason=$(grep '^FAIL: ' "$out" | tail -n1 | sed 's/^FAIL: //')
	[ -n "$reason" ] || reason="exit status $rc"
	[ "$rc" = 137 ] && reason="killed after ${SCENARIO_TIMEOUT}s ($reason)"
	echo "@@RESULT $1 FAIL $reason"
	return 1
}

failed=0
echo "@@START kernel=$(uname -r) cpus=$(nproc)"
if [ "$MODE" = demo ]; then
	sh /tests/demo.sh || failed=1
else
	for s in $SCENARIOS; do
		run_scenario "$s" || failed=$((failed + 1))
		cleanup
	done
fi
# Kernels with kmemleak (KMEMLEAK=1, make test-debug): an object counts as
# leaked once two scans found it unreferenced and unchanged; the list goes
# to run.sh.
if [ "$KMEMLEAK" = 1 ]; then
	mount -t debugfs debugfs /sys/kernel/debug
	echo scan >/sys/kernel/debug/kmemleak
	sleep 6
	echo scan >/sys/kernel/debug/kmemleak
	echo "@@KMEMLEAK-BEGIN"
	cat /sys/kernel/debug/kmemleak
	echo "@@KMEMLEAK-END"
fi
echo "@@DMESG-BEGIN"
dmesg
echo "@@DMESG-END"
echo "@@DONE status=$failed"
sync
poweroff -f
