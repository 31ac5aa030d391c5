#!/bin/sh
# Run the kernel tests inside qemu, one Debian kernel after the other.
#
#   sh tests/vm/run.sh [--kernel RELEASE]... [--demo] [SCENARIO...]
#   sh tests/vm/run.sh --bench [ARGS...]     (hands over to tests/bench/run.sh)
#
# Default: every kernel scripts/kernels.sh lists, every tests/vm/scenarios/*.sh.
# A SCENARIO is a file name with or without .sh ("10-basic").
# For each kernel: build the module, build an initramfs (the kernel-independent
# part is cached under build/vm/), boot it under TCG with a hard timeout and
# read the results from the serial console. Prints one PASS/FAIL line per
# scenario and kernel, then "N passed, N failed"; exits non-zero on any
# failure, a missing end marker (timeout, panic) or a kernel splat.
#
# Environment: PKTSTAT_CACHE (kernel images, default /var/cache/pktstat),
# PKTSTAT_VM_TIMEOUT (seconds per kernel, default 600),
# PKTSTAT_VM_SCENARIO_TIMEOUT (seconds per scenario, default 240),
# PKTSTAT_VM_KEEP=1 (print the whole console log of every kernel);
# passed on to the guest: PKTSTAT_FUZZ_COUNT, PKTSTAT_FUZZ_SEED
# (180-fuzz), PKTSTAT_SOAK_SECONDS (190-soak).
# A kernel built with kmemleak (make debug-kernel) is also failed on any
# object its scans at the end report unreferenced.
set -eu
cd "$(dirname "$0")/../.."
top=$(pwd)
vmdir=$top/tests/vm
out=$top/build/vm
cache=${PKTSTAT_CACHE:-/var/cache/pktstat}
timeout_s=${PKTSTAT_VM_TIMEOUT:-600}
scenario_timeout_s=${PKTSTAT_VM_SCENARIO_TIMEOUT:-240}

die() { echo "vm: $*" >&2; exit 1; }

if [ "${1:-}" = --bench ]; then
	shift
	[ -f tests/bench/run.sh ] || die "tests/bench/run.sh is not there (no benchmark yet)"
	exec sh tests/bench/run.sh "$@"
fi

kernels=
demo=
scenarios=
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) [ $# -ge 2 ] || die "--kernel needs a release"; kernels="$kernels $2"; shift 2 ;;
	--kernel=*) kernels="$kernels ${1#--kernel=}"; shift ;;
	--demo) demo=1; shift ;;
	-h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
	-*) die "unknown option $1" ;;
	*) scenarios="$scenarios ${1%.sh}"; shift ;;
	esac
done
[ -n "$kernels" ] || kernels=$(sh scripts/kernels.sh | awk '{ print $1 }')
[ -n "$kernels" ] || die "no kernels (scripts/kernels.sh printed nothing)"
if [ -z "$scenarios" ]; then
	scenarios=$(for f in "$vmdir"/scenarios/*.sh; do basename "$f" .sh; done | sort -n)
fi
for s in $scenarios; do
	[ -f "$vmdir/scenarios/$s.sh" ] || die "no scenario tests/vm/scenarios/$s.sh"
done
if [ -n "$demo" ]; then
	# one VM is enough to show it: the first kernel asked for
	for k in $kernels; do kernels=$k; break; done
fi
for tool in qemu-system-x86_64 cpio gzip gcc ldd modprobe depmod; do
	command -v "$tool" >/dev/null || die "$tool is missing (make deps)"
done
mkdir -p "$out/logs"

# --- the kernel-independent part of the initramfs ------------------------

# Copy FILE (following symlinks) to the same path under the staging root.
stage_file() { # ROOT FILE
	mkdir -p "$1$(dirname "$2")"
	cp -L "$2" "$1$2"
}

# Copy the shared libraries FILE... need, as ldd resolves them.
stage_libs() { # ROOT FILE...
	root=$1
	shift
	ldd "$@" 2>/dev/null | awk '/=> \// { print $3 } /^[ \t]*\/[^ ]*ld-linux/ { print $1 }' |
		sort -u | while read -r lib; do
			[ -e "$root$lib" ] || stage_file "$root" "$lib"
		done
}

base_inputs() {
	ls -d /bin/busybox /usr/sbin/xtables-legacy-multi /usr/sbin/xtables-nft-multi \
		/bin/ip /usr/sbin/nfacct "$xtlibdir"/*.so iptables/libxt_pktstat.so \
		"$vmdir"/*.sh "$vmdir"/sendpkts.c "$vmdir"/follow.c "$vmdir"/fuzzinfo.c include/xt_pktstat.h "$vmdir"/scenarios/*.sh tools/pktstat 2>/dev/null
}

build_base() {
	root=$out/base.root
	rm -rf "$root" && mkdir -p "$root"
	# merged /usr like Debian: ldd's /lib/... paths and the plugin dir agree
	(cd "$root" && mkdir -p bin sbin usr/bin usr/sbin usr/lib/x86_64-linux-gnu lib64 \
		etc proc sys dev run tmp root var tests/scenarios &&
		ln -s usr/lib lib && ln -s ../run var/run)

	# iproute2's ip first: busybox's cannot create veth pairs
	cp /bin/ip "$root/sbin/ip"
	cp /bin/busybox "$root/bin/busybox"
	# every applet as a symlink, but never over a file already there
	# (the list contains bin/busybox itself: overwriting it breaks /init)
	/bin/busybox --list-full | while read -r applet; do
		[ -e "$root/$applet" ] || [ -L "$root/$applet" ] || ln -s /bin/busybox "$root/$applet"
	done

	cp /usr/sbin/xtables-legacy-multi /usr/sbin/xtables-nft-multi "$root/usr/sbin/"
	for v in iptables ip6tables; do
		for suffix in "" -save -restore; do
			ln -s xtables-legacy-multi "$root/usr/sbin/$v-legacy$suffix"
			ln -s xtables-nft-multi "$root/usr/sbin/$v-nft$suffix"
		done
	done
	mkdir -p "$root$xtlibdir"
	cp "$xtlibdir"/*.so "$root$xtlibdir/"
	cp iptables/libxt_pktstat.so "$root$xtlibdir/"

	gcc -static -O2 -Wall -Wextra -Werror -o "$root/usr/bin/sendpkts" "$vmdir/sendpkts.c"
	gcc -static -O2 -Wall -Wextra -Werror -o "$root/usr/bin/follow" "$vmdir/follow.c"
	gcc -static -O2 -Wall -Wextra -Werror -Iinclude -o "$root/usr/bin/fuzzinfo" "$vmdir/fuzzinfo.c"
	bins="$root/sbin/ip $root/usr/sbin/xtables-legacy-multi $root/usr/sbin/xtables-nft-multi"
	if [ -x tools/pktstat ]; then
		cp tools/pktstat "$root/usr/bin/pktstat"
		bins="$bins $root/usr/bin/pktstat"
	fi
	# nfacct (optional): a reference counter that also survives reloads
	if [ -x /usr/sbin/nfacct ]; then
		cp /usr/sbin/nfacct "$root/usr/sbin/nfacct"
		bins="$bins $root/usr/sbin/nfacct"
	fi
	# shellcheck disable=SC2086 # word splitting wanted: a list of files
	stage_libs "$root" $bins "$root$xtlibdir"/*.so
	for f in /etc/protocols /etc/services /etc/nsswitch.conf /etc/ethertypes; do
		if [ -f "$f" ]; then cp "$f" "$root/etc/"; fi
	done
	echo "root:x:0:0:root:/root:/bin/sh" >"$root/etc/passwd"

	cp "$vmdir/init.sh" "$root/init"
	chmod 755 "$root/init"
	cp "$vmdir/lib.sh" "$vmdir/demo.sh" "$root/tests/"
	cp "$vmdir"/scenarios/*.sh "$root/tests/scenarios/"
	(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 >"$out/base.cpio.gz.tmp"
	mv "$out/base.cpio.gz.tmp" "$out/base.cpio.gz"
	rm -rf "$root"
}

xtlibdir=$(pkg-config --variable=xtlibdir xtables 2>/dev/null || echo /usr/lib/x86_64-linux-gnu/xtables)
[ -f iptables/libxt_pktstat.so ] || make --no-print-directory plugin >&2 || die "make plugin failed"
# cached: rebuilt only when one of its inputs changed
key=$(base_inputs | xargs md5sum | md5sum | cut -d' ' -f1)
if [ "$(cat "$out/base.key" 2>/dev/null)" != "$key" ] || [ ! -f "$out/base.cpio.gz" ]; then
	build_base
	echo "$key" >"$out/base.key"
fi

# --- the part for one kernel ---------------------------------------------

# netfilter and friends the guest loads at boot (those built in are skipped)
MODULES="x_tables ip_tables ip6_tables iptable_filter ip6table_filter iptable_raw
ip6table_raw iptable_mangle ip6table_mangle nf_tables nft_compat nf_conntrack
nft_chain_nat nf_reject_ipv4 nf_reject_ipv6 veth xt_comment xt_tcpudp xt_multiport
nfnetlink_acct xt_nfacct xt_quota xt_statistic xt_conntrack pktgen"

# The modules to load, in order, each once: paths relative to DIR. Not the
# x86 crypto accelerators: qemu's default CPU lacks their instructions, and
# the generic code they would replace is loaded anyway.
module_list() { # DIR RELEASE
	for m in $MODULES; do
		modprobe -d "$1" -S "$2" --show-depends "$m" 2>/dev/null |
			awk '$1 == "insmod" { print $2 }'
	done | sed "s,^$1,," | grep -v '/arch/x86/crypto/' | awk '!seen[$0]++'
}

# Was RELEASE built with kmemleak (make debug-kernel)? Debian's are not.
has_kmemleak() { # RELEASE
	grep -qx 'CONFIG_DEBUG_KMEMLEAK=y' "$cache/kernels/$1/boot/config-$1" 2>/dev/null
}

# Build the initramfs of RELEASE into FILE.
build_initrd() { # RELEASE FILE
	rel=$1
	kdir=$cache/kernels/$rel
	root=$out/$rel.root
	[ -f "$kdir/boot/vmlinuz-$rel" ] || die "no kernel image $kdir/boot/vmlinuz-$rel (make deps)"
	[ -f "$kdir/lib/modules/$rel/modules.dep" ] || depmod -b "$kdir" "$rel"
	rm -rf "$root" && mkdir -p "$root/usr/lib" "$root/etc"
	module_list "$kdir" "$rel" >"$out/$rel.modules"
	[ -s "$out/$rel.modules" ] || die "$rel: modprobe resolved no modules"
	# stored uncompressed: busybox insmod does not unpack .ko.xz
	while read -r m; do
		dst=$root/usr${m%.xz}
		dst=${dst%.zst}
		mkdir -p "$(dirname "$dst")"
		case $m in
		*.xz) xz -dc "$kdir$m" >"$dst" ;;
		*.zst) zstd -qdc "$kdir$m" >"$dst" ;;
		*) cp "$kdir$m" "$dst" ;;
		esac
		echo "${m%.xz}" | sed 's,\.zst$,,'
	done <"$out/$rel.modules" >"$root/etc/modules.load"
	cp "build/modules/$rel/xt_pktstat.ko" "$root/usr/lib/xt_pktstat.ko"
	{
		echo "KREL='$rel'"
		echo "MODE='$([ -n "$demo" ] && echo demo || echo test)'"
		echo "SCENARIOS='$(echo "$scenarios" | xargs)'"
		echo "SCENARIO_TIMEOUT='$scenario_timeout_s'"
		if has_kmemleak "$rel"; then echo "KMEMLEAK='1'"; fi
		# what the long runs (make fuzz-kernel, make soak) ask of the guest
		for v in PKTSTAT_FUZZ_COUNT PKTSTAT_FUZZ_SEED PKTSTAT_SOAK_SECONDS; do
			eval "val=\${$v:-}"
			[ -z "$val" ] || echo "export $v='$val'"
		done
	} >"$root/etc/vmtest.conf"
	# a second gzip member: the kernel unpacks concatenated archives in turn
	{ cat "$out/base.cpio.gz"; (cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1; } >"$2"
	rm -rf "$root"
}

boot() { # RELEASE INITRD LOG
	# mitigations=off: page-table isolation is slow under TCG, and is not
	# what is tested here
	# rdrand and random.trust_cpu seed the CRNG at boot: otherwise it becomes
	# ready minutes later and the kernel text-patches a hot static key while
	# the other vCPU runs it, which TCG can turn into an int3 Oops
	# loglevel=5 on a debug kernel: its lockdep and WARN reports reach the
	# console even if the guest never gets to dump its kernel log
	debug_args=
	if has_kmemleak "$1"; then debug_args=" loglevel=5"; fi
	timeout -k 10 "$timeout_s" qemu-system-x86_64 -m 1024 -smp 2 -nographic -no-reboot \
		-kernel "$cache/kernels/$1/boot/vmlinuz-$1" -initrd "$2" \
		-cpu qemu64,+rdrand \
		-append "console=ttyS0 quiet$debug_args panic=-1 rdinit=/init mitigations=off random.trust_cpu=on" \
		</dev/null 2>&1 | stdbuf -oL tr -d '\r' | tee "$3"
}

# Kernel log lines that mean the kernel is unhappy, whatever the scenario said
# (but not the boot banners of a debug kernel's checkers, NOT_SPLAT).
NOT_SPLAT='RCU lockdep checking is enabled'
SPLAT='WARNING:|BUG:|Oops|possible recursive locking|inconsistent lock state|lockdep|RCU stall|detected stalls|self-detected stall|suspicious RCU usage|soft lockup|hung task|blocked for more than|general protection|scheduling while atomic|sleeping function called from invalid context|refcount_t:|list_add corruption|list_del corruption|UBSAN|KASAN|Kernel panic|kernel BUG|double fault|stack-protector|Unable to handle'

passed=0
failed=0
result() { # PASS|FAIL RELEASE WHAT [REASON]
	echo "$*"
	if [ "$1" = PASS ]; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
}

# Judge the console log of RELEASE: one result per scenario, then the kernel.
judge() { # RELEASE LOG
	rel=$1
	log=$2
	for s in $scenarios; do
		line=$(grep -a "@@RESULT $s " "$log" | tail -n1 | sed 's/.*@@RESULT //')
		case $line in
		"$s PASS") result PASS "$rel" "$s" ;;
		"$s FAIL"*)
			result FAIL "$rel" "$s" "${line#"$s FAIL "}"
			echo "---- $rel $s: console (last 40 lines of the scenario)"
			grep -a "^$s| " "$log" | tail -n 40
			echo "----" ;;
		*) result FAIL "$rel" "$s" "no result (guest timed out or died)" ;;
		esac
	done
	if ! grep -aq '@@DONE' "$log"; then
		result FAIL "$rel" boot "no end marker: timeout after ${timeout_s}s, panic or hang"
		echo "---- $rel: last 60 console lines"
		tail -n 60 "$log"
		echo "----"
	fi
	# scenario output is prefixed "NAME| ", the kernel's is not
	splat=$(sed '/@@KMEMLEAK-BEGIN/,/@@KMEMLEAK-END/d' "$log" | grep -av '^[^ ]*| ' |
		grep -aE "$SPLAT" | grep -avE "$NOT_SPLAT" || true)
	if [ -n "$splat" ]; then
		result FAIL "$rel" kernel-log "$(echo "$splat" | head -n1)"
		echo "---- $rel: kernel log"
		sed -n '/@@DMESG-BEGIN/,/@@DMESG-END/p' "$log" | grep -aE -B5 -A30 "$SPLAT" | head -n 120
		echo "----"
	fi
	if has_kmemleak "$rel"; then
		leaks=$(sed -n '/@@KMEMLEAK-BEGIN/,/@@KMEMLEAK-END/p' "$log")
		n=$(echo "$leaks" | grep -ac '^unreferenced object' || true)
		if ! grep -aq '@@KMEMLEAK-END' "$log"; then
			result FAIL "$rel" kmemleak "no kmemleak list in the console log"
		elif [ "$n" -gt 0 ]; then
			result FAIL "$rel" kmemleak "$n unreferenced objects"
			echo "---- $rel: kmemleak"
			echo "$leaks" | head -n 200
			echo "----"
		else
			result PASS "$rel" kmemleak
		fi
	fi
}

for rel in $kernels; do
	t0=$(date +%s)
	make --no-print-directory kmod KREL="$rel" >"$out/logs/$rel.build" 2>&1 || {
		tail -n 30 "$out/logs/$rel.build"
		for s in $scenarios; do result FAIL "$rel" "$s" "make kmod KREL=$rel failed"; done
		continue
	}
	build_initrd "$rel" "$out/$rel.initrd.gz"
	log=$out/logs/$rel.log
	if [ -n "$demo" ]; then
		echo "vm: booting $rel for the demo" >&2
		boot "$rel" "$out/$rel.initrd.gz" "$log" >/dev/null
		# what the demo printed: after the start marker, before the kernel log
		sed -n '/@@START/,/@@DMESG-BEGIN/p' "$log" | grep -av '@@'
		grep -aq '@@DONE status=0' "$log" || die "demo failed (console log: $log)"
		exit 0
	fi
	echo "vm: booting $rel" >&2
	boot "$rel" "$out/$rel.initrd.gz" "$log" >/dev/null
	[ "${PKTSTAT_VM_KEEP:-}" = 1 ] && cat "$log"
	judge "$rel" "$log"
	echo "time $rel $(($(date +%s) - t0))s (console log: build/vm/logs/$rel.log)"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
