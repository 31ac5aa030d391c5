#!/bin/sh
# Build the debug kernel of the VM tests (make debug-kernel, make test-debug)
# from Debian's linux-source-6.1: a small config (tinyconfig plus what
# tests/vm needs) with KASAN, lockdep, PROVE_RCU, DEBUG_ATOMIC_SLEEP,
# kmemleak, UBSAN, DEBUG_LIST and debug objects.
#
#   sh scripts/debug-kernel.sh            build it unless cached; print the release
#   sh scripts/debug-kernel.sh --release  print the release of the built kernel
#
# Under $PKTSTAT_CACHE (default /var/cache/pktstat):
#   debug-kernel/linux-source-6.1/  source and build tree (make -C it M=DIR)
#   debug-kernel/build.log          the last build's output
#   debug-kernel/stamp              what was built: a hash of this script
#                                   (it holds the config), the source
#                                   package's version and the compiler
#   debug-kernel/release            e.g. 6.1.192-pktstat-debug
#   kernels/RELEASE/boot/vmlinuz-RELEASE and lib/modules/RELEASE/ (modules
#   stripped; build -> the tree): where tests/vm/run.sh boots kernels from
# The kernel is rebuilt only when the stamp changes. The build runs with
# nice -n 19 and make -j2 (PKTSTAT_DEBUG_JOBS): other jobs share the CPUs.
# Progress goes to stderr, the release alone to stdout.
set -eu
cd "$(dirname "$0")/.."
cache=${PKTSTAT_CACHE:-/var/cache/pktstat}
dir=$cache/debug-kernel
tree=$dir/linux-source-6.1
tarball=/usr/src/linux-source-6.1.tar.xz
jobs=${PKTSTAT_DEBUG_JOBS:-2}

say() { echo "debug-kernel: $*" >&2; }
die() { say "$*"; exit 1; }

if [ "${1:-}" = --release ]; then
	[ -s "$dir/release" ] || die "not built (make debug-kernel)"
	cat "$dir/release"
	exit 0
fi

# The config: tinyconfig, then this fragment, then olddefconfig. Every line
# must hold in the final .config (checked below): a symbol that Kconfig
# drops silently fails the build instead.
fragment() {
	cat <<'EOF'
# --- a 64-bit SMP kernel booting an initramfs on qemu's serial console
CONFIG_64BIT=y
CONFIG_SMP=y
CONFIG_NR_CPUS=8
CONFIG_PREEMPT=y
CONFIG_HIGH_RES_TIMERS=y
CONFIG_NO_HZ_IDLE=y
CONFIG_LOCALVERSION="-pktstat-debug"
# CONFIG_LOCALVERSION_AUTO is not set
CONFIG_CC_OPTIMIZE_FOR_PERFORMANCE=y
CONFIG_KERNEL_GZIP=y
CONFIG_SLUB=y
CONFIG_UNWINDER_ORC=y
# CONFIG_RANDOMIZE_BASE is not set
CONFIG_PRINTK=y
CONFIG_PRINTK_TIME=y
CONFIG_BUG=y
CONFIG_KALLSYMS=y
CONFIG_KALLSYMS_ALL=y
CONFIG_MULTIUSER=y
CONFIG_SYSVIPC=y
CONFIG_FUTEX=y
CONFIG_EPOLL=y
CONFIG_SIGNALFD=y
CONFIG_TIMERFD=y
CONFIG_EVENTFD=y
CONFIG_SHMEM=y
CONFIG_AIO=y
CONFIG_RSEQ=y
CONFIG_FILE_LOCKING=y
CONFIG_POSIX_TIMERS=y
CONFIG_PROC_FS=y
CONFIG_PROC_SYSCTL=y
CONFIG_SYSFS=y
CONFIG_TMPFS=y
CONFIG_DEVTMPFS=y
CONFIG_INOTIFY_USER=y
CONFIG_BLK_DEV_INITRD=y
CONFIG_RD_GZIP=y
CONFIG_BINFMT_ELF=y
CONFIG_BINFMT_SCRIPT=y
CONFIG_TTY=y
CONFIG_SERIAL_8250=y
CONFIG_SERIAL_8250_CONSOLE=y
CONFIG_PCI=y
# ACPI: poweroff -f ends the VM
CONFIG_ACPI=y
# a wall clock: the tests' timestamps must be well after 1970
CONFIG_RTC_CLASS=y
CONFIG_RTC_HCTOSYS=y
CONFIG_RTC_DRV_CMOS=y
CONFIG_MODULES=y
CONFIG_MODULE_UNLOAD=y
# CONFIG_MODULE_SIG is not set
CONFIG_NAMESPACES=y
CONFIG_UTS_NS=y
CONFIG_IPC_NS=y
CONFIG_USER_NS=y
CONFIG_PID_NS=y
CONFIG_NET_NS=y
# --- network: what tests/vm/run.sh loads (MODULES) as modules, as Debian has them
CONFIG_NET=y
CONFIG_UNIX=y
CONFIG_INET=y
CONFIG_IPV6=y
CONFIG_NETDEVICES=y
CONFIG_NET_CORE=y
CONFIG_VETH=m
CONFIG_DUMMY=m
CONFIG_TUN=m
CONFIG_NET_PKTGEN=m
CONFIG_NETFILTER=y
CONFIG_NETFILTER_ADVANCED=y
CONFIG_NETFILTER_NETLINK_ACCT=m
CONFIG_NF_CONNTRACK=m
CONFIG_NF_NAT=m
CONFIG_NF_TABLES=m
CONFIG_NF_TABLES_INET=y
CONFIG_NF_TABLES_IPV4=y
CONFIG_NF_TABLES_IPV6=y
CONFIG_NFT_CT=m
CONFIG_NFT_NAT=m
CONFIG_NFT_REJECT=m
CONFIG_NFT_COMPAT=m
CONFIG_NETFILTER_XTABLES=m
CONFIG_NETFILTER_XT_MATCH_COMMENT=m
CONFIG_NETFILTER_XT_MATCH_CONNTRACK=m
CONFIG_NETFILTER_XT_MATCH_MULTIPORT=m
CONFIG_NETFILTER_XT_MATCH_NFACCT=m
CONFIG_NETFILTER_XT_MATCH_QUOTA=m
CONFIG_NETFILTER_XT_MATCH_STATISTIC=m
CONFIG_IP_NF_IPTABLES=m
CONFIG_IP_NF_FILTER=m
CONFIG_IP_NF_TARGET_REJECT=m
CONFIG_IP_NF_MANGLE=m
CONFIG_IP_NF_RAW=m
CONFIG_IP6_NF_IPTABLES=m
CONFIG_IP6_NF_FILTER=m
CONFIG_IP6_NF_TARGET_REJECT=m
CONFIG_IP6_NF_MANGLE=m
CONFIG_IP6_NF_RAW=m
# --- debugging
CONFIG_DEBUG_KERNEL=y
# line numbers for the reports (scripts/faddr2line), no BTF
CONFIG_DEBUG_INFO_DWARF_TOOLCHAIN_DEFAULT=y
CONFIG_DEBUG_INFO_REDUCED=y
# CONFIG_DEBUG_INFO_BTF is not set
CONFIG_DEBUG_FS=y
CONFIG_KASAN=y
CONFIG_KASAN_GENERIC=y
CONFIG_KASAN_INLINE=y
# the module's rings and cursors may be kvmalloc'ed
CONFIG_KASAN_VMALLOC=y
CONFIG_PROVE_LOCKING=y
CONFIG_PROVE_RCU=y
CONFIG_LOCKDEP_BITS=16
CONFIG_LOCKDEP_CHAINS_BITS=17
CONFIG_LOCKDEP_STACK_TRACE_BITS=20
CONFIG_DEBUG_ATOMIC_SLEEP=y
CONFIG_DEBUG_PREEMPT=y
CONFIG_DEBUG_KMEMLEAK=y
CONFIG_DEBUG_KMEMLEAK_MEM_POOL_SIZE=16000
# CONFIG_DEBUG_KMEMLEAK_DEFAULT_OFF is not set
# tests/vm/init.sh scans once the scenarios are done
# CONFIG_DEBUG_KMEMLEAK_AUTO_SCAN is not set
CONFIG_UBSAN=y
CONFIG_UBSAN_BOUNDS=y
CONFIG_UBSAN_SHIFT=y
CONFIG_UBSAN_DIV_ZERO=y
CONFIG_UBSAN_BOOL=y
CONFIG_UBSAN_ENUM=y
CONFIG_UBSAN_SANITIZE_ALL=y
# CONFIG_UBSAN_TRAP is not set
# CONFIG_UBSAN_ALIGNMENT is not set
CONFIG_DEBUG_LIST=y
CONFIG_DEBUG_OBJECTS=y
CONFIG_DEBUG_OBJECTS_FREE=y
CONFIG_DEBUG_OBJECTS_TIMERS=y
CONFIG_DEBUG_OBJECTS_WORK=y
CONFIG_DEBUG_OBJECTS_RCU_HEAD=y
CONFIG_DEBUG_OBJECTS_PERCPU_COUNTER=y
CONFIG_DEBUG_NET=y
CONFIG_HARDENED_USERCOPY=y
CONFIG_FORTIFY_SOURCE=y
CONFIG_STACKPROTECTOR=y
CONFIG_STACKPROTECTOR_STRONG=y
CONFIG_SCHED_STACK_END_CHECK=y
CONFIG_SOFTLOCKUP_DETECTOR=y
CONFIG_DETECT_HUNG_TASK=y
# TCG is slow: a stall report must mean a stall
CONFIG_RCU_CPU_STALL_TIMEOUT=60
EOF
}

want=$({ cat scripts/debug-kernel.sh; dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null; gcc --version | head -n1; } |
	md5sum | cut -d' ' -f1)
if [ "$(cat "$dir/stamp" 2>/dev/null)" = "$want" ] && [ -s "$dir/release" ]; then
	rel=$(cat "$dir/release")
	if [ -f "$cache/kernels/$rel/boot/vmlinuz-$rel" ] && [ -f "$tree/Module.symvers" ]; then
		say "$rel is up to date ($cache/kernels/$rel)"
		echo "$rel"
		exit 0
	fi
fi

# what building needs: the source, kbuild's tools, objtool's libelf
missing=
[ -f "$tarball" ] || missing=linux-source-6.1
for p in flex bison bc make gcc perl xz-utils libelf-dev libssl-dev kmod; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
	[ "$(id -u)" = 0 ] || die "missing packages:$missing (run as root to install them)"
	say "installing$missing"
	# shellcheck disable=SC2086 # a list of packages
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing >&2
fi
[ -f "$tarball" ] || die "no $tarball"
mkdir -p "$dir" "$cache/kernels"

t0=$(date +%s)
src=$(dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null || stat -c %Y "$tarball")
if [ "$(cat "$dir/source" 2>/dev/null)" != "$src" ] || [ ! -f "$tree/Makefile" ]; then
	say "extracting $tarball ($src)"
	rm -rf "$tree" "$dir/source"
	tar -C "$dir" -xJf "$tarball"
	echo "$src" >"$dir/source"
fi

# the kernel's make must not see the calling make's flags and variables
unset MAKEFLAGS MAKELEVEL MFLAGS MAKEOVERRIDES
kmake() { nice -n 19 make -C "$tree" ARCH=x86_64 "$@"; }

log=$dir/build.log
fragment >"$dir/fragment.config"
{
	kmake tinyconfig
	(cd "$tree" && ARCH=x86_64 scripts/kconfig/merge_config.sh -m .config "$dir/fragment.config")
	kmake olddefconfig
} >"$log" 2>&1 || { tail -n 30 "$log" >&2; die "configuring failed (log: $log)"; }
bad=$(grep -E '^(CONFIG_|# CONFIG_.* is not set)' "$dir/fragment.config" | while read -r line; do
	case $line in
	"# CONFIG_"*)
		sym=${line#\# }
		sym=${sym%% *}
		if grep -q "^$sym=" "$tree/.config"; then echo "$line (got $(grep "^$sym=" "$tree/.config"))"; fi ;;
	*)
		if ! grep -qxF "$line" "$tree/.config"; then
			sym=${line%%=*}
			echo "$line (got $(grep -E "^$sym=|^# $sym is not set" "$tree/.config" || echo nothing))"
		fi ;;
	esac
done)
[ -z "$bad" ] || die "the config does not hold:
$bad"

say "building with -j$jobs (log: $log)"
kmake -j"$jobs" bzImage modules >>"$log" 2>&1 || { tail -n 40 "$log" >&2; die "build failed (log: $log)"; }
rel=$(cat "$tree/include/config/kernel.release")
case $rel in *-pktstat-debug) ;; *) die "unexpected release $rel" ;; esac

# install where run.sh looks for kernels; modules stripped (the tree keeps
# the debug info), build -> the tree for make kmod
kdir=$cache/kernels/$rel
rm -rf "$kdir.tmp"
mkdir -p "$kdir.tmp/boot"
kmake INSTALL_MOD_PATH="$kdir.tmp" INSTALL_MOD_STRIP=1 modules_install >>"$log" 2>&1 ||
	{ tail -n 20 "$log" >&2; die "modules_install failed (log: $log)"; }
cp "$tree/arch/x86/boot/bzImage" "$kdir.tmp/boot/vmlinuz-$rel"
cp "$tree/.config" "$kdir.tmp/boot/config-$rel"
cp "$tree/System.map" "$kdir.tmp/boot/System.map-$rel"
ln -sfn "$tree" "$kdir.tmp/lib/modules/$rel/build"
rm -f "$kdir.tmp/lib/modules/$rel/source"
# older debug kernels (another source version) go
for old in "$cache"/kernels/*-pktstat-debug; do
	[ "$old" = "$kdir" ] || rm -rf "$old"
done
rm -rf "$kdir" && mv "$kdir.tmp" "$kdir"
# a module built against the previous build of this release would not fit
rm -rf "build/modules/$rel"
echo "$rel" >"$dir/release"
echo "$want" >"$dir/stamp"
t=$(($(date +%s) - t0))
say "built $rel in $((t / 60))m$((t % 60))s ($kdir)"
echo "$rel"
