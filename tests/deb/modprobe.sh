#!/bin/sh
# The install command of debian/modprobe.d/pktstat.conf (or the file given),
# run by the real modprobe on a module tree of its own (nothing is loaded):
# it must load xt_pktstat with proc_gid=GID of the pktstat group when the
# group exists, without proc_gid when it does not, with every other option
# (options lines and the command line, after proc_gid so that they win),
# and fail when the module does not load.
set -eu
cd "$(dirname "$0")/../.."
conf=${1:-debian/modprobe.d/pktstat.conf}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin" "$tmp/lib/modules/0.0.0"

# modprobe as the command runs it: records its arguments, fails on demand.
cat >"$tmp/bin/modprobe" <<EOF
#!/bin/sh
echo "\$*" >"$tmp/args"
exit \${FAKE_STATUS:-0}
EOF
# getent: the pktstat group with gid FAKE_GID, or no such group (status 2).
cat >"$tmp/bin/getent" <<'EOF'
#!/bin/sh
[ "$*" = "-s files group pktstat" ] || { echo "getent: unexpected $*" >&2; exit 1; }
[ -n "${FAKE_GID:-}" ] || exit 2
echo "pktstat:x:$FAKE_GID:"
EOF
chmod +x "$tmp/bin/modprobe" "$tmp/bin/getent"

grep -q '^install xt_pktstat .*/sbin/modprobe --ignore-install xt_pktstat ' "$conf" ||
	{ echo "modprobe.sh: $conf: no install command for xt_pktstat" >&2; exit 1; }
# The same command, calling the fake modprobe, and an options line.
sed "s,/sbin/modprobe,$tmp/bin/modprobe," "$conf" >"$tmp/pktstat.conf"
echo "options xt_pktstat proc_perms=0400" >>"$tmp/pktstat.conf"

# The real modprobe parses the file...
/sbin/modprobe --showconfig --config="$conf" | grep -q '^install xt_pktstat ' ||
	{ echo "modprobe.sh: modprobe --showconfig does not show the install command" >&2; exit 1; }

fail=0
run() { # run GID STATUS EXPECTED-ARGS EXPECTED-STATUS [modprobe arguments]
	FAKE_GID=$1 FAKE_STATUS=$2
	export FAKE_GID FAKE_STATUS
	want=$3 want_status=$4
	shift 4
	rm -f "$tmp/args"
	status=0
	PATH=$tmp/bin:$PATH /sbin/modprobe --dirname="$tmp" --set-version=0.0.0 \
		--config="$tmp/pktstat.conf" xt_pktstat "$@" 2>"$tmp/err" || status=$?
	got=$(cat "$tmp/args" 2>/dev/null || echo "(not run)")
	if [ "$got" != "$want" ] || [ "$status" != "$want_status" ]; then
		echo "modprobe.sh: group id '$FAKE_GID', modprobe status $FAKE_STATUS, modprobe xt_pktstat $*:" >&2
		echo "  ran: modprobe $got (status $status)" >&2
		echo "  expected: modprobe $want (status $want_status)" >&2
		sed 's/^/  /' "$tmp/err" >&2
		fail=1
	fi
}

# ...and runs the command, through sh: with the group, without, with
# options on the command line, and when the module does not load.
run 123 0 "--ignore-install xt_pktstat proc_gid=123 proc_perms=0400" 0
run 123 0 "--ignore-install xt_pktstat proc_gid=123 proc_perms=0400 proc_gid=0" 0 proc_gid=0
run "" 0 "--ignore-install xt_pktstat proc_perms=0400" 0
run "" 0 "--ignore-install xt_pktstat proc_perms=0400 proc_uid=7" 0 proc_uid=7
run 123 1 "--ignore-install xt_pktstat proc_gid=123 proc_perms=0400" 1

[ "$fail" = 0 ] || exit 1
echo "deb: modprobe.d install command ok"
