#!/bin/sh
# make deb: the Debian packages xt-pktstat and xt-pktstat-dkms (debian/), built
# with dpkg-buildpackage from a copy of the tree in build/deb/pktstat-VERSION
# (it writes beside its tree), then lintian, which must find no error and
# no warning, and tests/deb/contents.sh. Leaves build/deb/*.deb and the
# .changes; the build's output is in build/deb/build.log.
set -eu
cd "$(dirname "$0")/.."
version=$1
out=build/deb
src=$out/pktstat-$version

debversion=$(dpkg-parsechangelog --show-field Version)
[ "${debversion%-*}" = "$version" ] ||
	{ echo "deb: debian/changelog ($debversion) and the Makefile ($version) disagree on the version" >&2; exit 1; }
grep -qx "PACKAGE_VERSION=\"$version\"" dkms.conf ||
	{ echo "deb: dkms.conf and the Makefile disagree on the version" >&2; exit 1; }

# The tree as it is, without what builds leave in it (debian/rules clean
# removes the rest).
rm -rf "$out"
mkdir -p "$src"
tar -cf - --exclude=./.git --exclude=./build \
	--exclude='*.o' --exclude='*.a' --exclude='*.so' --exclude='*.ko' \
	--exclude=./tools/pktstat --exclude=./tests/unit/check_core \
	--exclude=./tests/tools/check_tools --exclude=./tests/vm/sendpkts \
	--exclude=./debian/.debhelper --exclude=./debian/tmp --exclude=./debian/files \
	--exclude=./debian/xt-pktstat --exclude=./debian/xt-pktstat-dkms \
	--exclude='./debian/*.substvars' --exclude='./debian/*.debhelper.log' \
	--exclude=./debian/debhelper-build-stamp . | tar -C "$src" -xf -

# No -dbgsym package: apt install ./build/deb/*.deb installs what is there.
if ! (cd "$src" && DEB_BUILD_OPTIONS="${DEB_BUILD_OPTIONS:+$DEB_BUILD_OPTIONS }noautodbgsym" \
	dpkg-buildpackage -us -uc -b -j"$(nproc)") >"$out/build.log" 2>&1; then
	tail -n 40 "$out/build.log" >&2
	echo "deb: dpkg-buildpackage failed, see $out/build.log" >&2
	exit 1
fi
changes=$out/xt-pktstat_${debversion}_$(dpkg --print-architecture).changes
for f in "$out"/*.deb; do echo "deb: $f"; done

# Errors and warnings fail; overrides are in debian/*.lintian-overrides.
status=0
lintian --fail-on error,warning "$changes" >"$out/lintian.log" 2>&1 || status=$?
grep -v '^running with root privileges' "$out/lintian.log" >&2 || true
[ "$status" = 0 ] || { echo "deb: lintian found errors or warnings" >&2; exit 1; }
echo "deb: lintian: no error, no warning"

sh tests/deb/contents.sh "$out" "$version"
