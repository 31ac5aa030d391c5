#!/bin/sh
# What the packages of make deb must hold: their files, their relations,
# their maintainer scripts, units that systemd-analyze accepts and the
# modprobe.d install command (modprobe.sh).
# Usage: contents.sh DIR VERSION: DIR holds the .deb files and the sources
# they were built from, DIR/pktstat-VERSION.
set -eu
cd "$(dirname "$0")/../.."
dir=$1
version=$2
src=$dir/pktstat-$version
arch=$(dpkg --print-architecture)
deb=$(ls "$dir"/xt-pktstat_"$version"-*_"$arch".deb)
dkms=$(ls "$dir"/xt-pktstat-dkms_"$version"-*_all.deb)
xtlibdir=$(pkg-config --variable=xtlibdir xtables)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "deb contents: $*" >&2; fail=1; }

# has DEB LIST PATH...: the package holds each PATH
has() {
	name=$(basename "$1")
	list=$2
	shift 2
	for path; do
		grep -qxF "$path" "$list" || bad "$name: no $path"
	done
}

# relation DEB FIELD PACKAGE...: FIELD names each PACKAGE
relation() {
	name=$(basename "$1")
	field=$2
	value=$(dpkg-deb --field "$1" "$field")
	shift 2
	for pkg; do
		echo "$value" | tr ',|' '\n' | sed 's/^ *//; s/[ (].*//' | grep -qxF "$pkg" ||
			bad "$name: $field ($value) lacks $pkg"
	done
}

for d in "$deb" "$dkms"; do
	n=$(basename "$d" .deb)
	mkdir -p "$tmp/$n"
	dpkg-deb --extract "$d" "$tmp/$n"
	dpkg-deb --control "$d" "$tmp/$n/DEBIAN"
	dpkg-deb --fsys-tarfile "$d" | tar -t | sed 's,^\./,/,; s,/$,,' >"$tmp/$n.list"
	grep -E '\.(ko|o|mod)$' "$tmp/$n.list" | sed "s/^/$n: built object /" >"$tmp/objs" || true
	[ -s "$tmp/objs" ] && bad "$(cat "$tmp/objs")"
done
p=$tmp/$(basename "$deb" .deb)
k=$tmp/$(basename "$dkms" .deb)

# pktstat: plugin, reader, man pages, units, modprobe.d, defaults, munin
has "$deb" "$p.list" \
	"$xtlibdir/libxt_pktstat.so" \
	/usr/bin/pktstat \
	/usr/share/man/man1/pktstat.1.gz \
	/usr/share/man/man8/iptables-pktstat.8.gz \
	/lib/systemd/system/pktstat-exporter.service \
	/lib/systemd/system/pktstat-textfile.service \
	/lib/modprobe.d/pktstat.conf \
	/etc/default/pktstat-exporter \
	/etc/default/pktstat-textfile
for plugin in "$src"/tools/munin/*; do
	[ -f "$plugin" ] || continue
	has "$deb" "$p.list" "/usr/share/munin/plugins/$(basename "$plugin")"
	[ -x "$p/usr/share/munin/plugins/$(basename "$plugin")" ] ||
		bad "$(basename "$deb"): munin plugin $(basename "$plugin") is not executable"
done
[ -x "$p/usr/bin/pktstat" ] || bad "$(basename "$deb"): /usr/bin/pktstat is not executable"
relation "$deb" Depends iptables adduser libc6 libmicrohttpd12 libxtables12
relation "$deb" Recommends xt-pktstat-dkms
relation "$deb" Suggests munin-node prometheus-node-exporter
grep -q 'adduser --system --group' "$p/DEBIAN/postinst" || bad "$(basename "$deb"): postinst creates no pktstat user"
for f in /etc/default/pktstat-exporter /etc/default/pktstat-textfile; do
	grep -qxF "$f" "$p/DEBIAN/conffiles" || bad "$(basename "$deb"): $f is not a conffile"
done

# xt-pktstat-dkms: dkms.conf and the module's sources, added to DKMS on install
usrsrc=/usr/src/pktstat-$version
has "$dkms" "$k.list" "$usrsrc/dkms.conf" "$usrsrc/Kbuild" "$usrsrc/include/xt_pktstat.h"
for f in "$src"/kernel/*.c "$src"/kernel/*.h; do
	has "$dkms" "$k.list" "$usrsrc/kernel/$(basename "$f")"
done
cmp -s "$src/dkms.conf" "$k$usrsrc/dkms.conf" || bad "$(basename "$dkms"): dkms.conf differs from the tree's"
grep -qx "PACKAGE_VERSION=\"$version\"" "$k$usrsrc/dkms.conf" || bad "$(basename "$dkms"): dkms.conf is not version $version"
grep -qx 'AUTOINSTALL="yes"' "$k$usrsrc/dkms.conf" || bad "$(basename "$dkms"): dkms.conf lacks AUTOINSTALL"
relation "$dkms" Depends dkms
[ "$(dpkg-deb --field "$dkms" Architecture)" = all ] || bad "$(basename "$dkms"): not Architecture: all"
grep -q 'common.postinst' "$k/DEBIAN/postinst" || bad "$(basename "$dkms"): postinst does not run dkms"
grep -q 'dkms remove' "$k/DEBIAN/prerm" || bad "$(basename "$dkms"): prerm does not remove it from dkms"

# Units: systemd-analyze verify, with the package's own pktstat.
if command -v systemd-analyze >/dev/null; then
	for u in pktstat-exporter pktstat-textfile; do
		sed "s,/usr/bin/pktstat,$p/usr/bin/pktstat," "$p/lib/systemd/system/$u.service" >"$tmp/$u.service"
	done
	if ! systemd-analyze verify --man=no "$tmp/pktstat-exporter.service" "$tmp/pktstat-textfile.service" \
		>"$tmp/verify" 2>&1 || grep -q '^pktstat-' "$tmp/verify"; then
		bad "systemd-analyze verify: $(grep '^pktstat-' "$tmp/verify" || cat "$tmp/verify")"
	fi
fi

sh tests/deb/modprobe.sh "$p/lib/modprobe.d/pktstat.conf" >/dev/null || fail=1

[ "$fail" = 0 ] || exit 1
echo "deb: contents ok"
