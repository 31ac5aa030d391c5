#!/bin/sh
# Build the module with DKMS for every installed kernel header set, as a
# server would on install; nothing is loaded on this host.
set -eu
cd "$(dirname "$0")/.."
version=$1
src=/usr/src/pktstat-$version

[ "$(grep -o '^PACKAGE_VERSION="[^"]*"' dkms.conf)" = "PACKAGE_VERSION=\"$version\"" ] ||
	{ echo "dkms-test: dkms.conf and the Makefile disagree on the version" >&2; exit 1; }

cleanup() { dkms remove "pktstat/$version" --all >/dev/null 2>&1 || true; rm -rf "$src"; }
cleanup
trap cleanup EXIT
mkdir -p "$src"
cp -r dkms.conf Kbuild kernel include "$src/"
dkms add "pktstat/$version"
n=0
for build in /lib/modules/*/build; do
	krel=$(basename "$(dirname "$build")")
	dkms build "pktstat/$version" -k "$krel"
	ls "/var/lib/dkms/pktstat/$version/$krel/x86_64/module/"xt_pktstat.ko* >/dev/null
	echo "dkms: built for $krel"
	n=$((n + 1))
done
[ "$n" -gt 0 ] || { echo "dkms-test: no kernel headers installed (make deps)" >&2; exit 1; }
