#!/bin/sh
# Install everything pktstat needs to build and test on Debian 12 (idempotent):
# compilers and libraries, the four kernels' headers, qemu and busybox for the
# VM tests, and the kernel images themselves, unpacked into $PKTSTAT_CACHE
# (they are booted under qemu, never installed on the host).
set -eu
cd "$(dirname "$0")/.."

# --if-needed: do nothing when this script already ran to the end and
# nothing it installs has gone (make test and make demo use it).
cache=${PKTSTAT_CACHE:-/var/cache/pktstat}
stamp=$cache/deps.stamp
want=$(cat scripts/deps.sh scripts/kernels.sh | md5sum | cut -d' ' -f1)
if [ "${1:-}" = --if-needed ] && [ "$(cat "$stamp" 2>/dev/null)" = "$want" ]; then
	ok=1
	for release in $(sh scripts/kernels.sh 2>/dev/null | awk '{ print $1 }'); do
		[ -d "/lib/modules/$release/build" ] && [ -f "$cache/kernels/$release/boot/vmlinuz-$release" ] || ok=
	done
	[ -n "$ok" ] && exit 0
fi

[ "$(id -u)" = 0 ] || { echo "deps.sh: run as root (apt-get)" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive

bpo=/etc/apt/sources.list.d/bookworm-backports.sources
if ! grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then
	uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
	[ -n "$uri" ] || uri=http://deb.debian.org/debian
	printf 'Types: deb\nURIs: %s\nSuites: bookworm-backports\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uri" >"$bpo"
fi
apt-get update -q

# build, unit tests, kernel style checks
pkgs="build-essential pkg-config libxtables-dev iptables iproute2 check sparse
dkms kmod linux-source-6.1 xz-utils"
# VM tests
pkgs="$pkgs qemu-system-x86 busybox-static cpio gzip"
# reader tool and its exporters (tools/)
pkgs="$pkgs libmicrohttpd-dev"
# make deb: Debian packages and lintian (systemd-analyze, from systemd, checks their units)
pkgs="$pkgs debhelper dh-dkms lintian"
# make test-system: the Debian system it boots, made with mmdebstrap
pkgs="$pkgs mmdebstrap e2fsprogs"
# libFuzzer harnesses (tests/fuzz): clang, its fuzzer and sanitizer runtimes
pkgs="$pkgs clang libclang-rt-14-dev"
# the real consumers the exporters are tested against, and the screenshot
pkgs="$pkgs prometheus munin-node graphite-carbon python3-whisper python3 curl man-db tmux"
# make bench: the upstream accounting match it compares with, instruction counts
pkgs="$pkgs nfacct valgrind"

kernels=$(sh scripts/kernels.sh)
headers=$(echo "$kernels" | awk '{ print $3 }')
apt-get install -y -q --no-install-recommends $pkgs $headers

# checkpatch.pl comes from the kernel source tarball
mkdir -p "$cache/checkpatch/scripts" "$cache/kernels"
if [ ! -x "$cache/checkpatch/scripts/checkpatch.pl" ]; then
	tar -C "$cache/checkpatch" -xJf /usr/src/linux-source-6.1.tar.xz --strip-components=1 \
		--wildcards '*/scripts/checkpatch.pl' '*/scripts/spelling.txt' '*/scripts/const_structs.checkpatch'
fi

# kernel images to boot in the VM
echo "$kernels" | while read -r release image _; do
	dir=$cache/kernels/$release
	[ -f "$dir/boot/vmlinuz-$release" ] && continue
	tmp=$(mktemp -d)
	(cd "$tmp" && apt-get download -q "$image")
	rm -rf "$dir.tmp" && mkdir -p "$dir.tmp"
	dpkg -x "$tmp"/*.deb "$dir.tmp"
	rm -rf "$tmp" "$dir" && mv "$dir.tmp" "$dir"
done
echo "$want" >"$stamp"
echo "deps: ok"
