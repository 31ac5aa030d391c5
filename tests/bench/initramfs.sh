#!/bin/sh
# Build the benchmark's initramfs (newc cpio, gzip):
#   initramfs.sh OUT.gz KREL KERNEL_ROOT XT_PKTSTAT_KO PLUGIN_SO GUEST_SH [VARIANT.ko...]
# KERNEL_ROOT holds lib/modules/KREL (a dpkg -x of Debian's image package).
# Contents: static busybox, xtables-legacy-multi, iproute2's ip, nfacct and
# their libraries (found with ldd), the xtables plugins plus ours, the
# upstream modules compared against, xt_pktstat.ko, the follow reader and
# the guest script.
set -eu

out=$1 krel=$2 kroot=$3 ko=$4 plugin=$5 guest=$6
shift 6
moddir=$kroot/lib/modules/$krel
[ -d "$moddir" ] || { echo "initramfs.sh: no $moddir" >&2; exit 1; }
[ -f "$moddir/modules.dep.bin" ] || depmod -b "$kroot" "$krel"

busybox=$(command -v busybox)
if ldd "$busybox" >/dev/null 2>&1; then
	echo "initramfs.sh: $busybox is not static (apt-get install busybox-static)" >&2
	exit 1
fi
xtlib=$(pkg-config --variable=xtlibdir xtables 2>/dev/null || echo /usr/lib/x86_64-linux-gnu/xtables)

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root/bin" "$root/sbin" "$root/lib/modules" "$root/proc" "$root/sys" \
	"$root/dev" "$root/run/netns" "$root/tmp" "$root/etc" "$root/var" "$root$xtlib"
ln -s ../run "$root/var/run"
cp "$busybox" "$root/bin/busybox"
for applet in $("$busybox" --list); do
	case $applet in busybox) continue ;; esac
	[ -e "$root/bin/$applet" ] || ln -s busybox "$root/bin/$applet"
done

# dynamically linked tools and everything they load
copy_with_libs() { # FILE...
	for f in "$@"; do
		mkdir -p "$root$(dirname "$f")"
		cp -L "$f" "$root$f"
		ldd "$f" 2>/dev/null | awk '/=> \// { print $3 } /^[ \t]*\// { print $1 }' |
		while read -r lib; do
			[ -e "$root$lib" ] && continue
			mkdir -p "$root$(dirname "$lib")"
			cp -L "$lib" "$root$lib"
		done
	done
}
xt=$(command -v xtables-legacy-multi)
ip=$(command -v ip)
copy_with_libs "$xt" "$ip"
rm -f "$root/bin/ip"
ln -sf "$ip" "$root/bin/ip"
for name in iptables iptables-restore iptables-save; do
	rm -f "$root/bin/$name"
	ln -s "$xt" "$root/bin/$name"
done
if nfacct=$(command -v nfacct); then
	copy_with_libs "$nfacct"
	ln -sf "$nfacct" "$root/bin/nfacct"
fi
# the plugins iptables will load, and ours
plugins=
for p in "$xtlib"/libxt_*.so "$xtlib"/libipt_*.so; do plugins="$plugins $p"; done
# shellcheck disable=SC2086
copy_with_libs $plugins
cp "$plugin" "$root$xtlib/libxt_pktstat.so"
printf '%s\n' "$xtlib" >"$root/etc/xtlibdir"

# modules in load order, each once
: >"$root/lib/modules/load.list"
for m in veth pktgen x_tables ip_tables iptable_raw iptable_filter xt_comment \
	nfnetlink nfnetlink_acct xt_nfacct xt_quota xt_statistic; do
	modprobe -d "$kroot" -S "$krel" --show-depends "$m" | awk '$1 == "insmod" { print $2 }'
done | while read -r path; do
	base=$(basename "$path")
	grep -qx "$base" "$root/lib/modules/load.list" && continue
	case $path in
	*.xz) xz -dc "$path" >"$root/lib/modules/${base%.xz}"; base=${base%.xz} ;;
	*.zst) zstd -qdc "$path" >"$root/lib/modules/${base%.zst}"; base=${base%.zst} ;;
	*) cp "$path" "$root/lib/modules/$base" ;;
	esac
	echo "$base" >>"$root/lib/modules/load.list"
done
cp "$ko" "$root/lib/modules/xt_pktstat.ko"
echo xt_pktstat.ko >>"$root/lib/modules/load.list"
# experimental builds of the module, swapped in by the guest script
for v in "$@"; do
	mkdir -p "$root/lib/modules/variants"
	cp "$v" "$root/lib/modules/variants/"
done

cp "$guest" "$root/guest.sh"
# a reader that keeps NAME/stream open, as the tools do (tests/vm/follow.c)
gcc -static -O2 -Wall -Wextra -Werror -o "$root/bin/follow" "$(dirname "$0")/../vm/follow.c"
# the scale table: the reader, and ubench's "rusage" to time commands
top=$(cd "$(dirname "$0")/../.." && pwd)
copy_with_libs "$top/tools/pktstat"
ln -sf "$top/tools/pktstat" "$root/bin/pktstat"
gcc -std=c11 -static -O2 -Wall -Wextra -Werror -I"$top/kernel" -I"$top/include" -I"$top/lib" \
	-pthread -o "$root/bin/ubench" "$top/tests/bench/ubench.c"
cat >"$root/init" <<'INIT'
#!/bin/sh
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /run
mkdir -p /run/netns
mount -t tmpfs tmpfs /tmp
sh /guest.sh
echo "BENCH-END status=$?"
poweroff -f
INIT
chmod 0755 "$root/init" "$root/guest.sh"
(cd "$root" && find . | cpio -o -H newc --quiet) | gzip -1 >"$out"
