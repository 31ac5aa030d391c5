#!/bin/sh
# Line coverage of the code under test by the harnesses' corpora (seeds,
# and what make fuzz added under build/fuzz/corpus/): llvm-cov's report
# for the sources the harnesses exercise.
#   cover.sh NAME...   (build/fuzz/cover/fuzz_NAME, built by make cover)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
out=$top/build/fuzz/cover
rm -f "$out"/*.profraw
objects="$out/fuzz_$1"
for name in "$@"; do
	dirs=$here/corpus/$name
	[ -d "$top/build/fuzz/corpus/$name" ] && dirs="$dirs $top/build/fuzz/corpus/$name"
	LLVM_PROFILE_FILE=$out/$name.profraw "$out/fuzz_$name" -runs=0 $dirs >/dev/null 2>&1
	[ "$out/fuzz_$name" = "${objects%% *}" ] || objects="$objects -object $out/fuzz_$name"
done
llvm-profdata merge -sparse "$out"/*.profraw -o "$out/all.profdata"
# shellcheck disable=SC2086 # one -object word pair per harness
llvm-cov report -instr-profile="$out/all.profdata" $objects \
	"$top"/lib/pktstat_parse.c "$top"/kernel/pktstat_check.h "$top"/iptables/libxt_pktstat.c \
	"$top"/tools/proc.c "$top"/tools/procfs.c "$top"/tools/fdlines.c \
	"$top"/tools/follow.c "$top"/tools/iptsave.c "$top"/tools/tagrows.c \
	"$top"/tools/cleanname.c "$top"/tools/munin.c "$top"/tools/units.c
