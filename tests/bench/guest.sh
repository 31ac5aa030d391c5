#!/bin/sh
# Runs inside the benchmark VM (as /guest.sh, from /init). Parameters come
# from the kernel command line: bench.rounds=N bench.k=K bench.secs=S
# bench.readn=B bench.reps=R bench.senders=1|2. Prints, for
# tests/bench/run.sh:
#   BENCHCLOCK clocksource=NAME
#   BENCH-CAL kind=KIND usec=U count=N     (calibration)
#   BENCH kind=KIND round=R k=K sent=N seen=C usec=U ok=0|1
#   BENCHMEM samples=N memory_bytes=B cpus=C
#   BENCHREAD lines=N bytes=B sec=S
#   BENCHDRAIN file=stream|data buckets=N busy=N lines=L bytes=B sec=S
#   BENCHIDLE period_ns=P cpu_us=U wall_us=W passes=N
#   BENCHSCALE step=STEP n=N sec=S [kib=K]  (the scale table, bench.scale)
# and BENCH-NOTE / BENCH-FAIL lines (something skipped / not measured).
set -u

rounds=7 k=100 secs=2 readn=1000000 reps=3 senders=1 scale=10000
read -r cmdline </proc/cmdline
for arg in $cmdline; do
	case $arg in
	bench.rounds=*) rounds=${arg#*=} ;;
	bench.k=*) k=${arg#*=} ;;
	bench.secs=*) secs=${arg#*=} ;;
	bench.readn=*) readn=${arg#*=} ;;
	bench.reps=*) reps=${arg#*=} ;;
	bench.senders=*) senders=${arg#*=} ;;
	bench.scale=*) scale=${arg#*=} ;;
	esac
done

fail() { echo "BENCH-FAIL $*"; exit 1; }

export XTABLES_LIBDIR
XTABLES_LIBDIR=$(cat /etc/xtlibdir)
# busybox's shell prefers its own applets: the real tools by full path
ip() { /usr/sbin/ip "$@"; }
XT=/usr/sbin/xtables-legacy-multi
NFACCT=/usr/sbin/nfacct
while read -r m; do
	insmod "/lib/modules/$m" 2>/tmp/insmod.err || {
		grep -q 'File exists' /tmp/insmod.err || fail "insmod $m: $(cat /tmp/insmod.err)"
	}
done </lib/modules/load.list

echo "BENCHCLOCK clocksource=$(cat /sys/devices/system/clocksource/clocksource0/current_clocksource 2>/dev/null)"

# veth0 (here, pktgen) -> veth1 (netns rx, the ruleset)
ip netns add rx || fail "ip netns add"
ip link add veth0 type veth peer name veth1 netns rx || fail "veth"
ip link set dev lo up
ip addr add 10.0.0.1/24 dev veth0
ip link set veth0 up
RX() {
	case $1 in
	ip) shift; set -- /usr/sbin/ip "$@" ;;
	iptables | iptables-restore) set -- $XT "$@" ;;
	nfacct) shift; set -- $NFACCT "$@" ;;
	esac
	nsenter --net=/run/netns/rx "$@"
}
RX ip link set lo up
RX ip addr add 10.0.0.2/24 dev veth1
RX ip link set veth1 up
mac=$(RX ip -o link show veth1 | sed -n 's,.*link/ether \([0-9a-f:]*\).*,\1,p')
[ -n "$mac" ] || fail "no MAC for veth1"
if [ -x $NFACCT ]; then
	i=1
	while [ "$i" -le "$k" ]; do
		RX nfacct add "acct$i" >/dev/null || fail "nfacct add"
		i=$((i + 1))
	done
	have_nfacct=1
else
	have_nfacct=
	echo "BENCH-NOTE no nfacct userspace tool: nfacct rules skipped"
fi

# pktgen: veth0 on the first CPU's thread and, with two senders, veth0@1
# (the same device) on the second CPU's. veth hands each packet to the
# receiving namespace on the CPU that sent it, so each sender's CPU runs the
# ruleset for its own packets.
PG=/proc/net/pktgen
devs=veth0
[ "$senders" = 2 ] && devs="veth0 veth0@1"
cpu=0
for dev in $devs; do
	[ -e $PG/kpktgend_$cpu ] || fail "no pktgen thread for CPU $cpu"
	echo "rem_device_all" >$PG/kpktgend_$cpu
	echo "add_device $dev" >$PG/kpktgend_$cpu || fail "pktgen: add_device $dev"
	cpu=$((cpu + 1))
done
pg() { for dev in $devs; do echo "$1" >"$PG/$dev" || fail "pktgen $dev: $1"; done; }
# the run's time: the slower sender's (both start together)
pg_usec() {
	for dev in $devs; do
		sed -n 's/.*Result: OK: \([0-9]*\)(.*/\1/p' "$PG/$dev"
	done | sort -n | tail -n 1
}
pg "clone_skb 0"
pg "pkt_size 60"
pg "delay 0"
pg "dst 10.0.0.2"
pg "dst_mac $mac"
pg "udp_src_min 9"
pg "udp_src_max 9"
pg "udp_dst_min 9"
pg "udp_dst_max 9"

# A ruleset of K rules of one kind in raw PREROUTING, then one counting
# DROP rule (the end of the path: no routing, no socket lookup).
ruleset() { # KIND
	echo "*raw"
	echo ":PREROUTING ACCEPT [0:0]"
	echo ":OUTPUT ACCEPT [0:0]"
	i=1
	[ "$1" = base ] && i=$((k + 1))
	while [ "$i" -le "$k" ]; do
		case ${1%@*} in
		comment) echo "-A PREROUTING -m comment --comment rule$i" ;;
		nfacct) echo "-A PREROUTING -m nfacct --nfacct-name acct$i" ;;
		quota) echo "-A PREROUTING -m quota --quota 1000000000000000" ;;
		statistic) echo "-A PREROUTING -m statistic --mode nth --every 1000000000 --packet 0" ;;
		tag) echo "-A PREROUTING -m pktstat --tag tag$i" ;;
		buckets) echo "-A PREROUTING -m pktstat --period 100us" ;;
		both) echo "-A PREROUTING -m pktstat --period 100us --tag tag$i" ;;
		shared) echo "-A PREROUTING -m pktstat --name shared --period 100us" ;;
		addresses) echo "-A PREROUTING -m pktstat --period 100us --by src" ;;
		esac
		i=$((i + 1))
	done
	echo "-A PREROUTING -j DROP"
	echo "COMMIT"
}

# KIND@VARIANT: the same rules with /lib/modules/variants/VARIANT.ko in
# place of xt_pktstat.ko (tests/bench/run.sh --variants)
loaded=xt_pktstat
use_module() { # NAME
	[ "$1" = "$loaded" ] && return 0
	rmmod xt_pktstat || fail "rmmod xt_pktstat"
	if [ "$1" = xt_pktstat ]; then
		insmod /lib/modules/xt_pktstat.ko || fail "insmod xt_pktstat.ko"
	else
		insmod "/lib/modules/variants/$1.ko" || fail "insmod variant $1"
	fi
	loaded=$1
}

load() { # KIND
	case $1 in
	*@*) use_module "${1#*@}" ;;
	*) use_module xt_pktstat ;;
	esac
	ruleset "$1" >/tmp/rules
	RX iptables-restore /tmp/rules 2>/tmp/restore.err || {
		echo "BENCH-FAIL iptables-restore $1: $(head -n 3 /tmp/restore.err | tr '\n' ' ')"
		return 1
	}
}

# packets counted by the last (DROP) rule and the first rule
counters() {
	RX iptables -t raw -L PREROUTING -v -x -n | awk '
		$1 ~ /^[0-9]+$/ { if (first == "") first = $1; last = $1 }
		END { print first + 0, last + 0 }'
}

# RUN KIND ROUND COUNT: one measurement
run() {
	kind=$1 round=$2 count=$3
	load "$kind" || return 1
	# the fastest of a few short runs: a busy host only ever slows one down
	res="" rep=1
	pg "count $count"
	while [ "$rep" -le "$reps" ]; do
		echo start >$PG/pgctrl
		u=$(pg_usec)
		[ -n "$u" ] && { [ -z "$res" ] || [ "$u" -lt "$res" ]; } && res=$u
		rep=$((rep + 1))
	done
	read -r first seen <<EOT
$(counters)
EOT
	# packets sent in all: pktgen's count is per sender
	count=$((count * reps * senders))
	ok=1
	[ "$seen" = "$count" ] || ok=0
	# (statistic --every 10^9 matches no packet here)
	case $kind in
	base) ;;
	statistic) ;;
	*) [ "$first" = "$count" ] || ok=0 ;;
	esac
	# the accounting itself saw every packet
	case ${kind%@*} in
	tag | both)
		tagsum=$(RX cat /proc/net/xt_pktstat/tags | awk '$1 == "ipv4" { s += $3 } END { print s + 0 }')
		[ "$tagsum" = $((count * k)) ] || ok=0 ;;
	esac
	case ${kind%@*} in
	buckets | both | shared | addresses)
		fr=$(RX sh -c 'cat /proc/net/xt_pktstat/*/info' | awk '$1 == "frames" { s += $2 } END { print s + 0 }')
		[ "$fr" = $((count * k)) ] || ok=0 ;;
	esac
	echo "BENCH kind=$kind round=$round k=$k sent=$((count / reps)) seen=$((seen / reps)) usec=${res:-0} ok=$ok"
	RX iptables -t raw -F
}

kinds="base comment"
[ -n "$have_nfacct" ] && kinds="$kinds nfacct"
kinds="$kinds quota statistic tag buckets both shared addresses"
for v in /lib/modules/variants/*.ko; do
	[ -f "$v" ] || continue
	v=${v##*/}
	kinds="$kinds tag@${v%.ko} buckets@${v%.ko}"
done

# Calibration: a short run of each kind sets its packet count, so that
# each measurement (bench.reps runs, the fastest kept) lasts about
# bench.secs seconds.
for kind in $kinds; do
	load "$kind" || fail "cannot load $kind rules"
	pg "count 2000"
	echo start >$PG/pgctrl
	usec=$(pg_usec)
	RX iptables -t raw -F
	[ "${usec:-0}" -gt 0 ] || fail "pktgen gave no result for $kind"
	n=$((2000 * secs * 1000000 / usec / reps))
	[ "$n" -lt 2000 ] && n=2000
	eval "count_$(echo "$kind" | tr @ _)=$n"
	echo "BENCH-CAL kind=$kind usec=$usec count=$n"
done

# Rounds: every kind once per round, the order rotated each round so that
# drift falls on every kind alike.
r=1
nk=$(echo "$kinds" | wc -w)
while [ "$r" -le "$rounds" ]; do
	shift_by=$(((r - 1) % nk))
	order=$(echo "$kinds" | awk -v s="$shift_by" '{ for (i = 0; i < NF; i++) printf "%s ", $(((i + s) % NF) + 1) }')
	for kind in $order; do
		eval "n=\$count_$(echo "$kind" | tr @ _)"
		run "$kind" "$r" "$n"
	done
	r=$((r + 1))
done

# Memory of one object, from the module: default and largest --samples
use_module xt_pktstat
for s in 1000 1000000; do
	RX iptables -t raw -A PREROUTING -m pktstat --name mem$s --samples $s || fail "rule --samples $s"
	mb=$(RX cat "/proc/net/xt_pktstat/mem$s/info" | awk '$1 == "memory_bytes" { print $2 }')
	echo "BENCHMEM samples=$s memory_bytes=${mb:-0} cpus=$(grep -c ^processor /proc/cpuinfo)"
	RX iptables -t raw -F
done

# The kernel's side of reading: readn closed 10us buckets from NAME/data
RX iptables -t raw -A PREROUTING -m pktstat --name rd --period 10us --samples "$readn" || fail "rule rd"
# fill the ring: readn buckets of 10us, and a little more
sleep $((readn / 100000 + 1))
t0=$(cut -d' ' -f1 /proc/uptime)
RX cat /proc/net/xt_pktstat/rd/data >/tmp/rd.data
t1=$(cut -d' ' -f1 /proc/uptime)
echo "BENCHREAD lines=$(wc -l </tmp/rd.data) bytes=$(wc -c </tmp/rd.data) sec=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')"
rm -f /tmp/rd.data
RX iptables -t raw -F

# Draining with 10% of the buckets busy: one packet every 100us into 10us
# buckets, for readn buckets; then each of stream and data read in full.
RX iptables -t raw -A PREROUTING -m pktstat --name busy --period 10us --samples "$readn" ||
	fail "rule busy"
pg "count $((readn / 10 / senders))"
pg "delay $((100000 * senders))"
echo start >$PG/pgctrl
pg "delay 0"
# (follow reads one pass, as cat does, and times it in microseconds)
for file in stream data; do
	RX follow --stats "/proc/net/xt_pktstat/busy/$file" >/tmp/busy 2>/tmp/busy.stats
	us=$(sed -n 's/.*wall_us=\([0-9]*\).*/\1/p' /tmp/busy.stats)
	awk -v f="$file" -v us="${us:-0}" -v bytes="$(wc -c </tmp/busy)" '
		/^#/ { next }
		{ n += (NF == 4 ? $4 : 1); if ($2 > 0) busy++; lines++ }
		END { printf "BENCHDRAIN file=%s buckets=%d busy=%d lines=%d bytes=%d sec=%.6f\n", f, n, busy, lines, bytes, us / 1e6 }' /tmp/busy
done
rm -f /tmp/busy
RX iptables -t raw -F

# What following an idle 10us object costs a reader: passes every 250ms
RX iptables -t raw -A PREROUTING -m pktstat --name idle --period 10us || fail "rule idle"
RX follow --interval-ms 250 --stats --until /tmp/idle.stop /proc/net/xt_pktstat/idle/stream \
	>/dev/null 2>/tmp/idle.stats &
idler=$!
sleep "$((secs < 5 ? 5 : secs))"
touch /tmp/idle.stop
wait $idler
sed -n 's/^follow /BENCHIDLE period_ns=10000 /p' /tmp/idle.stats
RX iptables -t raw -F

# ---- Scale: bench.scale objects, tags, nfacct objects ----------------------
# Rules in a chain nothing jumps to: only the control plane is measured.
# Each step is timed by ubench rusage (wall clock), the fastest of 3 with a
# flush between; kib is the kernel memory one more restore adds (Slab +
# Percpu + VmallocUsed from /proc/meminfo).

kernel_kib() {
	awk '$1 == "Slab:" || $1 == "Percpu:" || $1 == "VmallocUsed:" { s += $2 } END { print s + 0 }' /proc/meminfo
}

# "sec" of a command's run, through ubench rusage
timed() { # CMD [ARG...]
	ubench rusage "$@" 2>/tmp/rusage.out >/dev/null || {
		# on stderr: stdout is the caller's $(...)
		echo "BENCH-FAIL scale: $* failed: $(head -n 3 /tmp/rusage.out | tr '\n' ' ')" >&2
		return 1
	}
	sed -n 's/^rusage sec=\([0-9.]*\) .*/\1/p' /tmp/rusage.out
}

# "sec" of the fastest of three
fastest() { # CMD [ARG...]
	_best=
	for _i in 1 2 3; do
		_t=$(timed "$@") || return 1
		_best=$(awk -v a="$_best" -v b="$_t" 'BEGIN { print (a == "" || b < a) ? b : a }')
	done
	echo "$_best"
}

scale_rules() { # RULE-FORMAT (%d: the number)
	awk -v n="$scale" -v f="$1" 'BEGIN {
		print "*raw"; print ":SCALE - [0:0]"
		for (i = 0; i < n; i++) printf "-A SCALE " f "\n", i
		print "COMMIT"
	}'
}

# STEP RULE-FORMAT: restore the rules (3 times, flushed between), then list
# and scrape what is there
scale_step() {
	scale_rules "$2" >/tmp/scale.rules
	best=
	for _i in 1 2 3 4; do
		RX iptables -t raw -F SCALE 2>/dev/null
		RX iptables -t raw -X SCALE 2>/dev/null
		# the last: memory, once what the flush freed after a grace
		# period is gone
		[ "$_i" = 4 ] && { sleep 2; kib0=$(kernel_kib); }
		t=$(timed nsenter --net=/run/netns/rx $XT iptables-restore -n /tmp/scale.rules) || return 1
		[ "$_i" = 4 ] && break
		best=$(awk -v a="$best" -v b="$t" 'BEGIN { print (a == "" || b < a) ? b : a }')
	done
	echo "BENCHSCALE step=restore-$1 n=$scale sec=$best kib=$(($(kernel_kib) - kib0))"
	if [ "$1" = nfacct ]; then
		t=$(fastest nsenter --net=/run/netns/rx nfacct list) || return 1
		echo "BENCHSCALE step=list-$1 n=$scale sec=$t"
	else
		t=$(fastest nsenter --net=/run/netns/rx pktstat list --interval 0) || return 1
		echo "BENCHSCALE step=list-$1 n=$scale sec=$t"
		t=$(fastest nsenter --net=/run/netns/rx pktstat prometheus --textfile /tmp/scale.prom) || return 1
		echo "BENCHSCALE step=scrape-$1 n=$scale sec=$t lines=$(grep -vc '^#' /tmp/scale.prom)"
	fi
	RX iptables -t raw -F SCALE
	RX iptables -t raw -X SCALE
}

if [ "$scale" -gt 0 ]; then
	# an exporter keeps a stream open per object: more than the kernel's
	# default hard limit (4096) of descriptors, which pktstat raises its
	# soft limit to (systemd's hard limit is 524288)
	# shellcheck disable=SC3045 # busybox sh has it
	ulimit -n 65536 || echo "BENCH-NOTE cannot raise the descriptor limit: scrapes of more than 4000 objects fail"
	use_module xt_pktstat
	scale_step objects "-m pktstat --name o%d --period 1s --samples 10"
	scale_step tags "-m pktstat --tag t%d"
	if [ -n "$have_nfacct" ]; then
		# the nfacct objects first: nfacct restore reads "nfacct list" lines
		awk -v n="$scale" 'BEGIN { for (i = 0; i < n; i++)
			printf "{ pkts = 00000000000000000000, bytes = 00000000000000000000 } = s%d;\n", i }' >/tmp/nfacct.list
		kib0=$(kernel_kib)
		t=$(timed sh -c 'nsenter --net=/run/netns/rx nfacct restore </tmp/nfacct.list') || exit 1
		echo "BENCHSCALE step=create-nfacct n=$scale sec=$t kib=$(($(kernel_kib) - kib0))"
		scale_step nfacct "-m nfacct --nfacct-name s%d"
		RX nfacct flush
	fi
fi
exit 0
