#!/bin/sh
# pktstat check: on trees made here that stand for /sys, /proc and
# /lib/modules (PKTSTAT_CHECK_ROOT, PKTSTAT_CHECK_RELEASE), with a fake
# modprobe first in PATH for --load: the real one is never run.
. "$(dirname "$0")/lib.sh"
need setpriv util-linux
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
chmod 0755 "$TMP"
REL=6.1.0-28-amd64
R=$TMP/root
XT=$TMP/xtables
MOD=$R/lib/modules/$REL/updates/dkms
export PKTSTAT_CHECK_ROOT="$R" PKTSTAT_CHECK_RELEASE="$REL" XTABLES_LIBDIR="$XT"
SIGNED="~Module signature appended~"

# tree FILE: a kernel with the module built as FILE, not loaded, no
# signatures enforced; and the plugin installed
tree() {
	rm -rf "$R" "$XT"
	mkdir -p "$R/sys/module/module/parameters" "$R/sys/kernel/security" \
		"$R/proc/net" "$MOD" "$XT"
	echo N >"$R/sys/module/module/parameters/sig_enforce"
	echo "[none] integrity confidentiality" >"$R/sys/kernel/security/lockdown"
	printf '%s\n' "kernel/net/netfilter/x_tables.ko:" \
		"updates/dkms/$1: kernel/net/netfilter/x_tables.ko" \
		>"$R/lib/modules/$REL/modules.dep"
	printf '\177ELF unsigned\n' >"$MOD/$1"
	: >"$XT/libxt_pktstat.so"
}

# loaded: as the module does when it loads
loaded() {
	mkdir -p "$R/sys/module/xt_pktstat" "$R/proc/net/xt_pktstat"
	echo "# family tag frames bytes description" >"$R/proc/net/xt_pktstat/tags"
}

C="$PKTSTAT check"
PLUGIN=", plugin $XT/libxt_pktstat.so"

# built, not loaded
tree xt_pktstat.ko
run 0 $C
expect_eq "built" "xt_pktstat: built for $REL ($MOD/xt_pktstat.ko; not loaded: iptables loads it on first use)$PLUGIN" \
	"$(cat "$TMP/out")"
expect_eq "built: nothing on stderr" "" "$(cat "$TMP/err")"
run 0 $C --quiet
expect_eq "quiet" "" "$(cat "$TMP/out" "$TMP/err")"

# loaded; its files readable or not
loaded
run 0 $C
expect_eq "loaded" "xt_pktstat: loaded for $REL$PLUGIN" "$(cat "$TMP/out")"
run 0 $C --quiet
expect_eq "loaded, quiet" "" "$(cat "$TMP/out" "$TMP/err")"
chmod 0755 "$R" "$R/proc" "$R/proc/net" "$R/proc/net/xt_pktstat"
chmod 0440 "$R/proc/net/xt_pktstat/tags"
chmod -R a+rX "$XT"
run 1 setpriv --reuid=nobody --regid=nogroup --clear-groups env PKTSTAT_CHECK_ROOT="$R" $C
expect_eq "loaded, not readable" "pktstat: $R/proc/net/xt_pktstat/tags: permission denied (it belongs to uid 0 gid 0, mode 0440: run pktstat as root, or give its user access with the xt_pktstat module parameters proc_uid, proc_gid, proc_perms)" \
	"$(cat "$TMP/err")"
expect_eq "loaded, not readable: no stdout" "" "$(cat "$TMP/out")"
chgrp nogroup "$R/proc/net/xt_pktstat/tags"
run 0 setpriv --reuid=nobody --regid=nogroup --clear-groups env PKTSTAT_CHECK_ROOT="$R" $C --quiet
# --proc names the directory whose files are checked
mkdir "$TMP/copy"
run 1 $C --proc "$TMP/copy"
expect_eq "--proc" "pktstat: $TMP/copy/tags: No such file or directory" "$(cat "$TMP/err")"
run 0 $PKTSTAT --proc "$R/proc/net/xt_pktstat" check
rm -r "$R/proc/net/xt_pktstat"
run 1 $C
expect_eq "loaded, no proc dir" "pktstat: xt_pktstat is loaded, but $R/proc/net/xt_pktstat is missing" "$(cat "$TMP/err")"

# not built for this kernel, or not installed
tree xt_pktstat.ko
sed -i '/xt_pktstat/d' "$R/lib/modules/$REL/modules.dep"
run 1 $C
expect_eq "not built" "pktstat: xt_pktstat is not built for kernel $REL: install linux-headers-$REL so that DKMS builds it (or: dkms autoinstall -k $REL)" \
	"$(cat "$TMP/err")"
expect_eq "not built: no stdout" "" "$(cat "$TMP/out")"
run 1 $C --quiet
grep -q "not built for kernel" "$TMP/err" || fail "--quiet keeps the errors: $(cat "$TMP/err")"
ok
run 1 env PKTSTAT_CHECK_RELEASE=6.12.0-1-amd64 $C
expect_eq "no modules for the kernel" "pktstat: $R/lib/modules/6.12.0-1-amd64/modules.dep: No such file or directory (no modules installed for kernel 6.12.0-1-amd64?)" \
	"$(cat "$TMP/err")"
run 1 env -u PKTSTAT_CHECK_RELEASE $C
grep -q "/lib/modules/$(uname -r)/modules.dep: No such file" "$TMP/err" || fail "uname's release: $(cat "$TMP/err")"
ok
tree xt_pktstat.ko
rm "$MOD/xt_pktstat.ko"
run 1 $C
expect_eq "listed, missing" "pktstat: $MOD/xt_pktstat.ko: No such file or directory, though modules.dep lists it (run depmod -a $REL)" \
	"$(cat "$TMP/err")"

# signatures: the kernel enforces them, by sig_enforce or by lockdown
tree xt_pktstat.ko
echo Y >"$R/sys/module/module/parameters/sig_enforce"
run 1 $C
expect_eq "unsigned, sig_enforce" "pktstat: $MOD/xt_pktstat.ko is not signed, and kernel $REL loads only signed modules (module.sig_enforce): build it with DKMS, which signs it, and enroll DKMS's key in Secure Boot's MOK list once: mokutil --import /var/lib/dkms/mok.pub, then reboot" \
	"$(cat "$TMP/err")"
printf '%s\n' "$SIGNED" >>"$MOD/xt_pktstat.ko"
run 0 $C
grep -q "^xt_pktstat: built for $REL" "$TMP/out" || fail "signed, sig_enforce: $(cat "$TMP/out")"
ok
tree xt_pktstat.ko
echo "none [integrity] confidentiality" >"$R/sys/kernel/security/lockdown"
run 1 $C
grep -q "is not signed, and kernel $REL loads only signed modules (lockdown=integrity, as under Secure Boot): .*mokutil --import /var/lib/dkms/mok.pub" "$TMP/err" ||
	fail "unsigned, lockdown=integrity: $(cat "$TMP/err")"
ok
echo "none integrity [confidentiality]" >"$R/sys/kernel/security/lockdown"
run 1 $C
grep -q "(lockdown=confidentiality, " "$TMP/err" || fail "lockdown=confidentiality: $(cat "$TMP/err")"
ok
printf '%s\n' "$SIGNED" >>"$MOD/xt_pktstat.ko"
run 0 $C --quiet
# without the files (no CONFIG_MODULE_SIG, no securityfs): not enforced
tree xt_pktstat.ko
rm "$R/sys/module/module/parameters/sig_enforce" "$R/sys/kernel/security/lockdown"
run 0 $C --quiet
# a compressed module cannot be told cheaply: let through
for z in xz zst gz; do
	tree "xt_pktstat.ko.$z"
	echo Y >"$R/sys/module/module/parameters/sig_enforce"
	run 0 $C
	expect_eq "compressed .$z" "xt_pktstat: built for $REL ($MOD/xt_pktstat.ko.$z; not loaded: iptables loads it on first use)$PLUGIN" \
		"$(cat "$TMP/out")"
done
# a module loaded already is not looked at
tree xt_pktstat.ko
echo Y >"$R/sys/module/module/parameters/sig_enforce"
loaded
run 0 $C --quiet

# the iptables plugin: XTABLES_LIBDIR, a list as for iptables, else the
# directory built in (under the root)
tree xt_pktstat.ko
rm "$XT/libxt_pktstat.so"
run 1 $C
expect_eq "plugin missing" "pktstat: the iptables plugin libxt_pktstat.so is not in $XT: iptables would refuse every -m pktstat rule (install it there: make install-user)" \
	"$(cat "$TMP/err")"
mkdir "$TMP/xt2"
: >"$TMP/xt2/libxt_pktstat.so"
run 0 env XTABLES_LIBDIR="$XT::$TMP/xt2" $C
expect_eq "plugin in a list" "xt_pktstat: built for $REL ($MOD/xt_pktstat.ko; not loaded: iptables loads it on first use), plugin $TMP/xt2/libxt_pktstat.so" \
	"$(cat "$TMP/out")"
run 1 env -u XTABLES_LIBDIR $C
grep -q "^pktstat: the iptables plugin libxt_pktstat.so is not in $R/.*/xtables: " "$TMP/err" ||
	fail "plugin in the built-in directory: $(cat "$TMP/err")"
ok
# the plugin first: nothing is loaded without it
loaded
rm -r "$R/sys/module/xt_pktstat"
mkdir "$TMP/bin"
cat >"$TMP/bin/modprobe" <<EOF
#!/bin/sh
echo run >"$TMP/modprobe.ran"
EOF
chmod +x "$TMP/bin/modprobe"
run 1 env PATH="$TMP/bin:$PATH" $C --load
[ ! -e "$TMP/modprobe.ran" ] || fail "modprobe run without the plugin"
ok

# usage errors
run 2 $C --bogus
expect_eq "bad option" "pktstat: check: unknown option or missing value: --bogus
Try 'pktstat --help'." "$(cat "$TMP/err")"
run 2 $C extra
run 2 $C --format json
expect_eq "option of another command" "pktstat: check does not take --format
Try 'pktstat --help'." "$(cat "$TMP/err")"
run 2 $C -q
run 0 $C --help
grep -q '^usage: pktstat .*check \[--load\] \[--quiet\]' "$TMP/out" || fail "check --help"
ok

# --load: modprobe (the first in PATH) when not loaded
tree xt_pktstat.ko
cat >"$TMP/bin/modprobe" <<EOF
#!/bin/sh
[ "\$*" = xt_pktstat ] || { echo "modprobe: bad arguments: \$*" >&2; exit 1; }
mkdir -p "$R/sys/module/xt_pktstat" "$R/proc/net/xt_pktstat"
: >"$R/proc/net/xt_pktstat/tags"
EOF
run 0 env PATH="$TMP/bin:$PATH" $C --load
expect_eq "--load" "xt_pktstat: loaded for $REL by modprobe$PLUGIN" "$(cat "$TMP/out")"
[ -d "$R/sys/module/xt_pktstat" ] || fail "--load: modprobe not run"
ok
run 0 $C
expect_eq "after --load" "xt_pktstat: loaded for $REL$PLUGIN" "$(cat "$TMP/out")"
# loaded already: modprobe is not run
cat >"$TMP/bin/modprobe" <<EOF
#!/bin/sh
echo "modprobe: must not be run" >&2
exit 1
EOF
run 0 env PATH="$TMP/bin:$PATH" $C --load --quiet
expect_eq "--load, loaded: quiet" "" "$(cat "$TMP/out" "$TMP/err")"
# not built: not run either, the reason is known
sed -i '/xt_pktstat/d' "$R/lib/modules/$REL/modules.dep"
rm -r "$R/sys/module/xt_pktstat"
run 1 env PATH="$TMP/bin:$PATH" $C --load
grep -q "is not built for kernel $REL" "$TMP/err" || fail "--load, not built: $(cat "$TMP/err")"
ok
# modprobe's own message, and what to do about it
tree xt_pktstat.ko
for msg in "Required key not available" "Key was rejected by service"; do
	cat >"$TMP/bin/modprobe" <<EOF
#!/bin/sh
echo "modprobe: ERROR: could not insert 'xt_pktstat': $msg" >&2
exit 1
EOF
	run 1 env PATH="$TMP/bin:$PATH" $C --load
	expect_eq "--load: $msg" "pktstat: modprobe xt_pktstat failed: modprobe: ERROR: could not insert 'xt_pktstat': $msg (the kernel loads only modules signed with a key it trusts, as under Secure Boot: enroll DKMS's key once, mokutil --import /var/lib/dkms/mok.pub, then reboot)" \
		"$(cat "$TMP/err")"
	expect_eq "--load: $msg: no stdout" "" "$(cat "$TMP/out")"
done
cat >"$TMP/bin/modprobe" <<EOF
#!/bin/sh
echo "modprobe: ERROR: could not insert 'xt_pktstat': Operation not permitted"
exit 1
EOF
run 1 env PATH="$TMP/bin:$PATH" $C --load --quiet
expect_eq "--load as a user" "pktstat: modprobe xt_pktstat failed: modprobe: ERROR: could not insert 'xt_pktstat': Operation not permitted (load it as root)" \
	"$(cat "$TMP/err")"
printf '#!/bin/sh\nexit 3\n' >"$TMP/bin/modprobe"
run 1 env PATH="$TMP/bin:$PATH" $C --load
expect_eq "--load, silent failure" "pktstat: modprobe xt_pktstat failed: modprobe exited with status 3" "$(cat "$TMP/err")"
# modprobe succeeded, but the module made no files
printf '#!/bin/sh\nexit 0\n' >"$TMP/bin/modprobe"
run 1 env PATH="$TMP/bin:$PATH" $C --load
expect_eq "--load, no proc dir" "pktstat: xt_pktstat is loaded, but $R/proc/net/xt_pktstat is missing" "$(cat "$TMP/err")"

echo "test_check: $PASSED checks passed"
