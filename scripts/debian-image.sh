#!/bin/sh
# A Debian 12 system to boot under qemu for tests/system (make test-system):
# systemd as init, Debian's 6.1 kernel with its headers, DKMS, iptables,
# munin-node and everything the pktstat packages depend on, so that the test
# installs them with apt and no network. Beside it, the .debs of a second
# kernel's headers (the RT flavour of the same release) for the test to
# install, to see DKMS build the module for a kernel that arrives later.
#
# Built once with mmdebstrap from Debian's mirror, then cached in
# $PKTSTAT_CACHE/debian-system/KEY/ (KEY changes with this script and the
# kernels): root.img (ext4), vmlinuz, initrd.img, release, release2, extra/.
# Prints that directory (and nothing else on stdout).
set -eu
cd "$(dirname "$0")/.."
exec 3>&1 1>&2

cache=${PKTSTAT_CACHE:-/var/cache/pktstat}
kernels=$(sh scripts/kernels.sh)
release=$(echo "$kernels" | awk '$1 !~ /-rt-/ { print $1; exit }')
release2=$(echo "$kernels" | awk -v r="$release" '$1 == substr(r, 1, length(r) - 5) "rt-amd64" { print $1 }')
if [ -z "$release" ] || [ -z "$release2" ]; then
	echo "debian-image.sh: cannot find the kernels (scripts/kernels.sh)" >&2
	exit 1
fi
key=$({ cat scripts/debian-image.sh; echo "$release $release2"; } | md5sum | cut -c1-12)
dir=$cache/debian-system/$key
if [ -f "$dir/done" ]; then
	echo "$dir" >&3
	exit 0
fi

[ "$(id -u)" = 0 ] || { echo "debian-image.sh: run as root (mmdebstrap, mkfs)" >&2; exit 1; }
for tool in mmdebstrap mkfs.ext4 apt-get; do
	command -v "$tool" >/dev/null || { echo "debian-image.sh: $tool is missing (make deps)" >&2; exit 1; }
done

mirror=$(awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
security=$(awk '/^URIs:/ && $2 ~ /security/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$security" ] || security=http://deb.debian.org/debian-security

# systems of older versions of this script or of older kernels go
rm -rf "$cache/debian-system"
mkdir -p "$dir/extra"
tmp=$(mktemp -d /var/tmp/pktstat-debian.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

# What the packages need at install time is installed here, since the guest
# has no network: DKMS and its compiler, the running kernel's headers,
# iptables, munin-node, libmicrohttpd. curl and ping are for the test.
pkgs="systemd-sysv,udev,kmod,procps,iproute2,iptables,iputils-ping,curl,adduser"
pkgs="$pkgs,initramfs-tools,linux-image-$release,linux-headers-$release,dkms,openssl"
pkgs="$pkgs,libmicrohttpd12,libxtables12,munin-node"

# The test service: runs /run.sh from the second disk once the system is up,
# its output on the console, then powers the machine off at once whatever
# happened (the root disk is a throwaway snapshot: nothing to sync).
cat >"$tmp/pktstat-system-test.service" <<'EOF'
[Unit]
Description=pktstat system test (second disk)
After=basic.target munin-node.service systemd-user-sessions.service
ConditionPathExists=/dev/vdb

[Service]
Type=oneshot
ExecStart=/bin/sh -c 'mkdir -p /mnt/test && mount -o ro /dev/vdb /mnt/test && /bin/sh /mnt/test/run.sh; echo o >/proc/sysrq-trigger'
StandardOutput=journal+console
StandardError=journal+console
TimeoutStartSec=infinity

[Install]
WantedBy=multi-user.target
EOF

# the hooks' $1 is mmdebstrap's: the root being made
# shellcheck disable=SC2016
mmdebstrap --variant=minbase --mode=root \
	--aptopt='APT::Install-Recommends "false"' \
	--include="$pkgs" \
	--customize-hook='echo pktstat-test >"$1/etc/hostname"' \
	--customize-hook='echo "/dev/vda / ext4 rw,errors=remount-ro 0 1" >"$1/etc/fstab"' \
	--customize-hook='chroot "$1" passwd -d root' \
	--customize-hook="cp $tmp/pktstat-system-test.service \"\$1/etc/systemd/system/\"" \
	--customize-hook='chroot "$1" systemctl enable pktstat-system-test.service' \
	--customize-hook='chroot "$1" systemctl mask apt-daily.timer apt-daily-upgrade.timer man-db.timer e2scrub_all.timer fstrim.timer dpkg-db-backup.timer' \
	bookworm "$tmp/root" \
	"deb $mirror bookworm main" \
	"deb $mirror bookworm-updates main" \
	"deb $security bookworm-security main"

cp "$tmp/root/boot/vmlinuz-$release" "$dir/vmlinuz"
cp "$tmp/root/boot/initrd.img-$release" "$dir/initrd.img"
# room for the packages, two DKMS builds and the second kernel's headers
mkfs.ext4 -q -F -L root -d "$tmp/root" "$dir/root.img" 6G

# The second kernel's headers and the common files they need (the compiler
# and kbuild packages are those of the first kernel, already installed).
common=$(apt-cache depends "linux-headers-$release2" | awk '/Depends: linux-headers-.*-common/ { print $2; exit }')
[ -n "$common" ] || { echo "debian-image.sh: no common headers package for $release2" >&2; exit 1; }
(cd "$dir/extra" && apt-get download -q "linux-headers-$release2" "$common")

echo "$release" >"$dir/release"
echo "$release2" >"$dir/release2"
touch "$dir/done"
echo "$dir" >&3
