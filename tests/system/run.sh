#!/bin/sh
# make test-system: the packages of `make deb` on a booted Debian 12 system.
# Boots the system of scripts/debian-image.sh (systemd, Debian's 6.1 kernel,
# its root disk copy-on-write, so the cached image stays clean) with a second
# disk holding the .debs, the second kernel's headers and tests/system/guest.sh,
# which a service in the image runs once the system is up. Passes when every
# check of guest.sh passed and the kernel logged no warning.
#
# PKTSTAT_SYSTEM_TIMEOUT: seconds for the whole boot (default 1800).
set -eu
cd "$(dirname "$0")/../.."

die() { echo "test-system: $*" >&2; exit 1; }
for tool in qemu-system-x86_64 mkfs.ext4; do
	command -v "$tool" >/dev/null || die "$tool is missing (make deps)"
done
set -- build/deb/xt-pktstat_*_amd64.deb build/deb/xt-pktstat-dkms_*_all.deb
if [ ! -f "$1" ] || [ ! -f "$2" ]; then die "no packages in build/deb (make deb)"; fi

# one run at a time: they share build/system
exec 9>/tmp/pktstat-system.lock
flock 9
image=$(sh scripts/debian-image.sh)
out=build/system
rm -rf "$out"
mkdir -p "$out/disk/debs" "$out/disk/extra"
cp "$@" "$out/disk/debs/"
cp "$image"/extra/*.deb "$out/disk/extra/"
cp "$image/release2" "$out/disk/release2"
cp tests/system/guest.sh "$out/disk/run.sh"
mkfs.ext4 -q -F -L test -d "$out/disk" "$out/disk.img" 256M

echo "test-system: booting Debian 12 ($(cat "$image/release")), console in $out/console.log"
start=$(date +%s)
timeout -k 10 "${PKTSTAT_SYSTEM_TIMEOUT:-1800}" qemu-system-x86_64 -m 2048 -smp 2 \
	-nographic -no-reboot -cpu qemu64,+rdrand -nic none \
	-kernel "$image/vmlinuz" -initrd "$image/initrd.img" \
	-append "root=/dev/vda rw console=ttyS0 quiet panic=-1 mitigations=off random.trust_cpu=on" \
	-drive "file=$image/root.img,format=raw,if=virtio,snapshot=on" \
	-drive "file=$out/disk.img,format=raw,if=virtio,readonly=on" \
	</dev/null 2>&1 | stdbuf -oL tr -d '\r' >"$out/console.log" || true

grep -E 'SYSTEM (ok|FAIL|start|note)' "$out/console.log" | sed 's/^/  /' || true
echo "test-system: $(($(date +%s) - start)) s"
grep -q 'SYSTEM DONE failed=0$' "$out/console.log" ||
	die "failed (see $out/console.log$(grep -q 'SYSTEM DONE' "$out/console.log" || echo ': the test did not finish'))"
echo "test-system: passed"
