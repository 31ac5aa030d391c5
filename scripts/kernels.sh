#!/bin/sh
# Print the Debian kernels pktstat supports, one per line:
#   KERNEL_RELEASE IMAGE_PACKAGE HEADERS_PACKAGE
# 6.1 comes from bookworm (and its security updates), 6.12 from
# bookworm-backports; each in the generic and the PREEMPT_RT flavour.
# The names are resolved from the apt lists, so a newer ABI is picked up
# without editing this file.
set -eu

# versioned package that a meta package (linux-image-amd64, ...) depends on
resolve() { # META VERSION-or-empty
	if [ -n "$2" ]; then spec="$1=$2"; else spec="$1"; fi
	apt-cache depends "$spec" 2>/dev/null |
		awk '/Depends: linux-image-[0-9]/ { print $2; exit }'
}

bpo_version() {
	apt-cache madison "$1" | awk -F'|' '/bookworm-backports/ { gsub(/ /, "", $2); print $2; exit }'
}

for flavour in amd64 rt-amd64; do
	for suite in bookworm bookworm-backports; do
		ver=
		if [ "$suite" = bookworm-backports ]; then
			ver=$(bpo_version "linux-image-$flavour")
			[ -n "$ver" ] || { echo "kernels.sh: no bookworm-backports entry for linux-image-$flavour (see make deps)" >&2; exit 1; }
		fi
		image=$(resolve "linux-image-$flavour" "$ver")
		[ -n "$image" ] || { echo "kernels.sh: cannot resolve linux-image-$flavour $ver" >&2; exit 1; }
		release=${image#linux-image-}
		echo "$release $image linux-headers-$release"
	done
done
