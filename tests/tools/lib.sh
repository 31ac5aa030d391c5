# Helpers for the tools tests (sourced).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
PKTSTAT=${PKTSTAT:-$(cd "$HERE/../../tools" && pwd)/pktstat}
FIX=$HERE/fixtures
PASSED=0
PATH=$PATH:/usr/sbin:/sbin
# timeout(1) sends TERM: exit so that the EXIT traps clean up
trap 'exit 1' INT TERM HUP

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

need() {
	command -v "$1" >/dev/null 2>&1 ||
		fail "$1 not found: run 'make deps' (Debian package $2)"
}

ok() {
	PASSED=$((PASSED + 1))
}

# run EXPECTED_RC ARGS...: stdout in $TMP/out, stderr in $TMP/err (the
# caller's temporary directory)
run() {
	want=$1
	shift
	set +e
	"$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	set -e
	[ "$rc" = "$want" ] || fail "$*: exit $rc, expected $want ($(cat "$TMP/err"))"
	ok
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	[ "$2" = "$3" ] || fail "$1: expected [$2], got [$3]"
	ok
}

# A free TCP port on 127.0.0.1.
# A TCP port free on IPv4 and IPv6, below the kernel's ephemeral range
# (32768 and up): an ephemeral one could be taken as the source port of a
# connection (the tests open hundreds) before the test binds it.
free_port() {
	python3 -c '
import random, socket
lo = int(open("/proc/sys/net/ipv4/ip_local_port_range").read().split()[0])
for _ in range(1000):
    p = random.randrange(10000, max(lo, 10001))
    try:
        s = socket.socket(socket.AF_INET6)
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        s.bind(("::", p))
        s.close()
        print(p)
        break
    except OSError:
        pass
'
}

# wait_for SECONDS COMMAND...: retries COMMAND every 0.2s.
wait_for() {
	t=$(($1 * 5))
	shift
	while ! "$@" >/dev/null 2>&1; do
		t=$((t - 1))
		[ $t -gt 0 ] || return 1
		sleep 0.2
	done
}
