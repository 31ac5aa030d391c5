# shellcheck shell=sh
# Shell library of the VM scenarios (sourced; runs inside the guest).
#
# The test network: netns "tx" sends UDP over a veth pair to netns "rx",
# where the rules live, so every packet crosses rx's PREROUTING and INPUT.
#   tx: vtx 10.0.0.1/24 fd00::1/64   <->   rx: vrx 10.0.0.2/24 fd00::2/64
# Rules match "-p udp" so that nothing but the test traffic is counted
# (neighbour discovery is ICMPv6 and would cross ip6tables INPUT).
#
# Globals set by use_combo: B (legacy|nft), F (4|6), DST, COMBO.

PROC=/proc/net/xt_pktstat
# Debian's static busybox runs its own applets before searching PATH, and
# its ip cannot make veth pairs or namespaces: always iproute2's.
ip() { /sbin/ip "$@"; }
KO=/lib/xt_pktstat.ko
PORT=5000
BACKENDS="legacy nft"
# backend:family pairs each_combo runs; a scenario testing what does not
# depend on the family may set COMBOS="legacy:4 nft:6" (both backends and
# both families, in half the time)
COMBOS="legacy:4 legacy:6 nft:4 nft:6"
B=legacy
F=4
DST=10.0.0.2
COMBO="legacy ipv4"
T=$(mktemp -d /tmp/scenario.XXXXXX)

fail() {
	echo "FAIL: [$COMBO] $*"
	echo "[$COMBO] $*" >>"$T.fails"
	exit 1
}

# Run FUNC in a subshell: a failure ends it, not the scenario, so that the
# other backends and families still run; the_end reports them all.
try() { # FUNC
	("$1") || true
}

# Report every failure seen: status 1 if any.
the_end() {
	[ -s "$T.fails" ] || return 0
	echo "FAIL: $(awk '{ printf "%s%s", sep, $0; sep = "; " }' "$T.fails")"
	return 1
}

say() {
	echo "$*"
}

# Run a command in netns NS. busybox nsenter execs it directly: cheaper
# than "ip netns exec" (which forks, remounts /sys, and under emulation
# every exec counts), and a signal sent to it reaches the command.
in_ns() { # NS COMMAND...
	_ns=$1
	shift
	nsenter --net="/run/netns/$_ns" "$@"
}

# --- module and network -----------------------------------------------------

pktstat_load() {
	grep -q '^xt_pktstat ' /proc/modules || insmod "$KO" || fail "insmod $KO"
}

# rmmod, retrying while deleted namespaces are still being torn down
pktstat_unload() {
	_i=0
	while grep -q '^xt_pktstat ' /proc/modules; do
		rmmod xt_pktstat 2>/dev/null && return 0
		_i=$((_i + 1))
		[ $_i -lt 50 ] || fail "rmmod xt_pktstat: $(rmmod xt_pktstat 2>&1)"
		sleep 0.1
	done
}

net_down() {
	ip netns delete tx 2>/dev/null || true
	ip netns delete rx 2>/dev/null || true
}

# Fresh tx and rx namespaces joined by a veth pair; static neighbour entries
# so that no packet waits for (or is dropped behind) ARP/ND resolution.
net_up() {
	net_down
	ip netns add tx || fail "ip netns add tx"
	ip netns add rx || fail "ip netns add rx"
	ip link add vtx netns tx type veth peer name vrx netns rx || fail "ip link add veth"
	for _ns in tx rx; do
		ip -n $_ns link set lo up
		# no duplicate address detection: addresses usable at once
		in_ns $_ns sysctl -qw net.ipv6.conf.all.accept_dad=0 net.ipv6.conf.default.accept_dad=0
	done
	ip -n tx addr add 10.0.0.1/24 dev vtx
	ip -n rx addr add 10.0.0.2/24 dev vrx
	ip -n tx addr add fd00::1/64 dev vtx nodad
	ip -n rx addr add fd00::2/64 dev vrx nodad
	ip -n tx link set vtx up
	ip -n rx link set vrx up
	_mac_tx=$(ip -n tx -o link show vtx | sed 's,.*link/ether \([^ ]*\).*,\1,')
	_mac_rx=$(ip -n rx -o link show vrx | sed 's,.*link/ether \([^ ]*\).*,\1,')
	ip -n tx neigh replace 10.0.0.2 lladdr "$_mac_rx" dev vtx nud permanent
	ip -n tx neigh replace fd00::2 lladdr "$_mac_rx" dev vtx nud permanent
	ip -n rx neigh replace 10.0.0.1 lladdr "$_mac_tx" dev vrx nud permanent
	ip -n rx neigh replace fd00::1 lladdr "$_mac_tx" dev vrx nud permanent
}

# Select backend and family for the helpers below.
use_combo() { # legacy|nft 4|6
	B=$1
	F=$2
	if [ "$F" = 4 ]; then DST=10.0.0.2; else DST=fd00::2; fi
	COMBO="$B ipv$F"
}

# Run FUNC once per backend and family ($COMBOS), each on a fresh network
# and with the module freshly loaded; then check it unloads.
each_combo() { # FUNC
	for _c in $COMBOS; do
		use_combo "${_c%:*}" "${_c#*:}"
		rm -rf "$T"/*
		[ "${NO_PKTSTAT:-}" ] || pktstat_load
		net_up
		say "== $COMBO"
		try "$1"
		net_down
		[ "${NO_PKTSTAT:-}" ] || pktstat_unload
	done
	the_end
}

# Run FUNC once per backend, both families at hand (use_combo switches).
each_backend() { # FUNC
	for _b in $BACKENDS; do
		use_combo "$_b" 4
		rm -rf "$T"/*
		pktstat_load
		net_up
		say "== $_b"
		try "$1"
		net_down
		pktstat_unload
	done
	the_end
}

# --- iptables ---------------------------------------------------------------

ipt_cmd() { # [SUFFIX] -> iptables-legacy, ip6tables-nft-save, ...
	if [ "$F" = 4 ]; then echo "iptables-$B${1:-}"; else echo "ip6tables-$B${1:-}"; fi
}

# iptables of the current combo, inside rx
ipt() {
	in_ns rx "$(ipt_cmd)" "$@"
}

# shellcheck disable=SC2120 # options are optional
ipt_save() {
	in_ns rx "$(ipt_cmd -save)" "$@"
}

# shellcheck disable=SC2120
ipt_restore() {
	in_ns rx "$(ipt_cmd -restore)" "$@"
}

# ipt that must succeed
ipt_ok() {
	ipt "$@" >"$T/ipt.err" 2>&1 || fail "$(ipt_cmd) $*: $(cat "$T/ipt.err")"
}

# "PACKETS BYTES" of the rule carrying "-m comment --comment ID"
counter() { # ID
	ipt_save -c >"$T/save" || fail "$(ipt_cmd -save) -c failed"
	_c=$(grep -- "--comment \"\{0,1\}$1\"\{0,1\}\( \|$\)" "$T/save" | sed -n 's/^\[\([0-9]*\):\([0-9]*\)\].*/\1 \2/p')
	[ -n "$_c" ] || fail "no rule with comment $1 in: $(cat "$T/save")"
	[ "$(echo "$_c" | wc -l)" = 1 ] || fail "several rules with comment $1"
	echo "$_c"
}

# --- traffic ----------------------------------------------------------------

# IP packet length of a UDP datagram with SIZE bytes of payload
ip_len() { # SIZE
	if [ "$F" = 4 ]; then echo $(($1 + 28)); else echo $(($1 + 48)); fi
}

# Send exactly COUNT datagrams of SIZE bytes from netns NS to ADDR PORT;
# extra sendpkts options may follow (--cpu K, --gap-us U).
send_from() { # NS ADDR PORT COUNT SIZE [OPTIONS...]
	_from=$1
	_addr=$2
	_port=$3
	_n=$4
	_size=$5
	shift 5
	_r=$(in_ns "$_from" sendpkts --count "$_n" --size "$_size" "$@" "$_addr" "$_port" 2>&1) ||
		fail "sendpkts: $_r"
	[ "$_r" = "sent $_n" ] || fail "sendpkts: $_r (wanted sent $_n)"
}

# from tx to rx's $DST $PORT
send() { # COUNT SIZE [OPTIONS...]
	send_from tx "$DST" "$PORT" "$@"
}

# --- /proc/net/xt_pktstat ---------------------------------------------------

# Append one read of NAME/data to LOG, as one "@read" block.
read_data() { # NAME LOG
	echo "@read" >>"$2"
	in_ns rx cat "$PROC/$1/data" >>"$2" || fail "cannot read $PROC/$1/data"
}

# In the background: read_data NAME LOG every 50ms until STOP exists
# (the caller waits for $!, then does a last read_data).
cat_loop() { # NAME LOG STOP
	while [ ! -e "$3" ]; do
		read_data "$1" "$2"
		sleep 0.05
	done &
}

# awk for data_totals and stream_totals: "# lost" lines add up into lb, lf,
# ly (buckets, frames, bytes) and since (buckets skipped before the next
# line); other comment lines are errors.
LOST_AWK='
	/^# lost / {
		if (!match($0, /^# lost buckets=[0-9]+ frames=[0-9]+ bytes=[0-9]+$/)) bad("lost line")
		split($0, a, /[ =]/)
		lb += a[4]; lf += a[6]; ly += a[8]; since += a[4]
		next
	}
	/^#/ { bad("unknown comment line") }'

# Check the format of LOG (reads by read_data) and set its totals:
#   D_FRAMES D_BYTES (in data lines), D_LOSTB D_LOSTF D_LOSTY (reported lost
#   buckets, frames, bytes), D_N (data lines), D_BUSY (lines with frames),
#   D_ALLF D_ALLY (frames and bytes, read + lost)
# Every read starts with the header; starts are multiples of PERIOD; each
# bucket starts exactly one period after the previous one, plus one period
# per bucket reported lost in between.
data_totals() { # PERIOD_NS LOG
	# busybox awk computes in doubles: the ns timestamps (~1.8e18) are
	# split into seconds and nanoseconds, and taken relative to the first
	awk -v p="$1" '
	function bad(m) { print "bad data (line " FNR "): " m ": \"" $0 "\" after \"" prev "\""; err = 1; exit 1 }
	function modp(s,   i, r) { r = 0; for (i = 1; i <= length(s); i++) r = (r * 10 + substr(s, i, 1)) % p; return r }
	function num(s) { sub(/^0+/, "", s); return s + 0 }	# "010" is octal to busybox awk
	function rel(s,   l) { l = length(s); return (num(substr(s, 1, l - 9)) - bhi) * 1000000000 + (num(substr(s, l - 8)) - blo) }
	/^@read$/ { hdr = 1; next }
	hdr {
		if ($0 != "# start_ns frames bytes") bad("first line is not the header")
		hdr = 0; next
	}
	'"$LOST_AWK"'
	{
		if (NF != 3 || $1 !~ /^[0-9]+$/ || $2 !~ /^[0-9]+$/ || $3 !~ /^[0-9]+$/) bad("not START FRAMES BYTES")
		if (length($1) < 10) bad("start before 1970 + 1s")
		if (!n) {
			if (modp($1) != 0) bad("start not a multiple of " p)
			l = length($1); bhi = num(substr($1, 1, l - 9)); blo = num(substr($1, l - 8))
		}
		t = rel($1)
		if (t % p != 0) bad("start not a multiple of " p)
		if (n && t != last + (since + 1) * p) bad("start is not " (since + 1) " periods after the previous line")
		if ($2 == 0 && $3 != 0) bad("bytes without frames")
		if ($2 != 0 && $3 < $2 * 20) bad("fewer bytes than 20 a frame")
		prev = $0; last = t; since = 0; n++; fr += $2; by += $3; if ($2) busy++
	}
	END { if (!err) print fr + 0, by + 0, lb + 0, lf + 0, ly + 0, n + 0, busy + 0 }
	' "$2" >"$T/totals" || fail "$(cat "$T/totals")"
	# shellcheck disable=SC2034 # read by the scenarios
	read -r D_FRAMES D_BYTES D_LOSTB D_LOSTF D_LOSTY D_N D_BUSY <"$T/totals"
	# shellcheck disable=SC2034
	D_ALLF=$((D_FRAMES + D_LOSTF))
	# shellcheck disable=SC2034
	D_ALLY=$((D_BYTES + D_LOSTY))
}

# Check the format of LOG (what one reader of NAME/stream read, all its
# passes) and set its totals: S_BEFOREF S_BEFOREY (the "# before" line),
# S_FRAMES S_BYTES (in bucket lines), S_LOSTB S_LOSTF S_LOSTY (reported
# lost), S_N (buckets covered by lines), S_LINES, S_ALLF S_ALLY (before +
# read + lost). The header and the before line come first; each line starts
# where the previous one ended (START + COUNT periods), plus one period per
# bucket reported lost in between; runs of empty buckets have COUNT >= 2.
stream_totals() { # PERIOD_NS LOG
	awk -v p="$1" '
	function bad(m) { print "bad stream (line " FNR "): " m ": \"" $0 "\" after \"" prev "\""; err = 1; exit 1 }
	function num(s) { sub(/^0+/, "", s); return s + 0 }
	function rel(s,   l) { l = length(s); return (num(substr(s, 1, l - 9)) - bhi) * 1000000000 + (num(substr(s, l - 8)) - blo) }
	FNR == 1 { if ($0 != "# start_ns frames bytes [buckets]") bad("first line is not the header"); next }
	FNR == 2 {
		if (!match($0, /^# before frames=[0-9]+ bytes=[0-9]+$/)) bad("second line is not # before")
		split($0, a, /[ =]/); bf = a[4]; by0 = a[6]; next
	}
	'"$LOST_AWK"'
	{
		if (NF < 3 || NF > 4 || $1 !~ /^[0-9]+$/ || $2 !~ /^[0-9]+$/ || $3 !~ /^[0-9]+$/) bad("not START FRAMES BYTES [COUNT]")
		c = 1
		if (NF == 4) { c = $4 + 0; if (c < 2 || $2 != 0 || $3 != 0) bad("bad run") }
		if (!lines) { l = length($1); bhi = num(substr($1, 1, l - 9)); blo = num(substr($1, l - 8)) }
		t = rel($1)
		if (t % p != 0) bad("start not a multiple of " p)
		if (lines && t != next_t + since * p) bad("start is not where the previous line ended")
		if ($2 == 0 && $3 != 0) bad("bytes without frames")
		prev = $0; next_t = t + c * p; since = 0; lines++; n += c; fr += $2; by += $3
	}
	END { if (!err) print bf + 0, by0 + 0, fr + 0, by + 0, lb + 0, lf + 0, ly + 0, n + 0, lines + 0 }
	' "$2" >"$T/stotals" || fail "$2: $(cat "$T/stotals")"
	read -r S_BEFOREF S_BEFOREY S_FRAMES S_BYTES S_LOSTB S_LOSTF S_LOSTY S_N S_LINES <"$T/stotals"
	# shellcheck disable=SC2034 # read by the scenarios
	S_ALLF=$((S_BEFOREF + S_FRAMES + S_LOSTF))
	# shellcheck disable=SC2034
	S_ALLY=$((S_BEFOREY + S_BYTES + S_LOSTY))
}

# value of KEY in NAME/info
info() { # NAME KEY
	_v=$(in_ns rx cat "$PROC/$1/info" | awk -v k="$2" '$1 == k { print $2 }')
	[ -n "$_v" ] || fail "no $2 in $PROC/$1/info"
	echo "$_v"
}

# Sleep long enough that every bucket with traffic so far is closed.
possible_cpus() { # the kernel's num_possible_cpus(), from "0" or "0-N"
	awk -F- '{ print ($2 == "" ? 1 : $2 + 1) }' /sys/devices/system/cpu/possible
}

# Bytes of an object's per-CPU header: one 64-byte cache line, more with
# lockdep (its seqcount carries a map): then measured on object NAME, and
# checked to be whole cache lines.
ring_header() { # NAME SAMPLES
	if [ ! -e /proc/lockdep ]; then
		echo 64
		return
	fi
	_h=$(($(info "$1" memory_bytes) / $(possible_cpus) - ($2 + 2) * 48))
	if [ $((_h % 64)) != 0 ] || [ "$_h" -le 64 ]; then
		fail "lockdep: a per-CPU header of $_h bytes"
	fi
	echo "$_h"
}

settle() { # PERIOD_NS
	# two periods plus 50ms of slack (TCG timers are coarse)
	_ms=$(($1 * 2 / 1000000 + 50))
	sleep "$((_ms / 1000)).$(printf %03d $((_ms % 1000)))"
}

# --- assertions -------------------------------------------------------------

expect_eq() { # WHAT GOT WANT
	[ "$2" = "$3" ] || fail "$1: got $2, want $3"
}

# COMMAND must fail, with a message on stderr matching the ERE; nothing
# may be left in the ruleset.
expect_refused() { # ERE COMMAND...
	_re=$1
	shift
	if "$@" >"$T/out" 2>&1; then
		fail "accepted: $*"
	fi
	grep -qiE -- "$_re" "$T/out" || fail "message for '$*' does not match /$_re/: $(cat "$T/out")"
	say "refused: $* -> $(head -n1 "$T/out")"
}

# the entries of /proc/net/xt_pktstat in NS (default rx, "-": the initial
# namespace), sorted, on one line
# shellcheck disable=SC2120 # the argument is optional
entries() { # [NS]
	if [ "${1:-rx}" = - ]; then
		ls -A "$PROC"
	else
		in_ns "${1:-rx}" ls -A "$PROC"
	fi | sort | tr '\n' ' ' | sed 's/ $//'
}

exists() { # PATH (inside rx)
	in_ns rx test -e "$1"
}
