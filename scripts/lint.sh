#!/bin/sh
# Kernel style: checkpatch clean and sparse clean (W=1 is part of every build).
set -eu
cd "$(dirname "$0")/.."
cache=${PKTSTAT_CACHE:-/var/cache/pktstat}
cpl=$cache/checkpatch/scripts/checkpatch.pl
[ -x "$cpl" ] || { echo "lint: $cpl missing (make deps)" >&2; exit 1; }

checkpatch() { "$cpl" --no-tree --quiet --show-types --strict \
	--ignore FILE_PATH_CHANGES,SPDX_LICENSE_TAG "$@"; }
# The contract is also a userspace header: no kernel-only attribute macros.
checkpatch --ignore PREFER_DEFINED_ATTRIBUTE_MACRO -f include/xt_pktstat.h
# Version tests are what the compat header is for.
checkpatch --ignore LINUX_VERSION_CODE,CONSTANT_COMPARISON -f kernel/pktstat_compat.h
# pktstat_bucket.h and pktstat_check.h are compiled in userspace too,
# hence their __u64 types.
checkpatch --ignore PREFER_KERNEL_TYPES -f $(ls kernel/*.c kernel/*.h | grep -v pktstat_compat.h)
files="include/xt_pktstat.h $(ls kernel/*.c kernel/*.h)"
echo "lint: checkpatch clean ($(echo $files | wc -w) files)"

for krel in $(sh scripts/kernels.sh | awk '{ print $1 }' | grep -v -- -rt-); do
	out=build/sparse/$krel
	rm -rf "$out" && mkdir -p "$out"
	cp -r Kbuild kernel include "$out/"
	make -s -C "/lib/modules/$krel/build" M="$PWD/$out" C=1 W=1 modules >"$out/log" 2>&1 ||
		{ cat "$out/log"; exit 1; }
	if grep -E 'warning|error' "$out/log"; then
		echo "lint: sparse/W=1 warnings on $krel" >&2
		exit 1
	fi
	echo "lint: sparse and W=1 clean on $krel"
done
