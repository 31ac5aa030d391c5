#!/bin/sh
# Runs harnesses for a bounded time each and says how they did.
#   run.sh SECONDS NAME...     each build/fuzz/fuzz_NAME for SECONDS on a
#                              copy of corpus/NAME (grown there, never in
#                              the tree); crashers go to build/fuzz/crashers/
#   run.sh --crashers NAME...  replays crashers/NAME/* (known bugs) against
#                              build/fuzz/known/fuzz_NAME, which keeps the
#                              checks the others skip: passes once all are fixed
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/../.." && pwd)/build/fuzz

if [ "$1" = --crashers ]; then
	shift
	status=0
	for name in "$@"; do
		for input in "$here/crashers/$name"/*; do
			[ -f "$input" ] || continue
			if "$out/known/fuzz_$name" "$input" >"$out/known/last.log" 2>&1; then
				echo "fixed:   crashers/$name/${input##*/} (drop it and its skip in fuzz_$name.c)"
			else
				echo "failing: crashers/$name/${input##*/}: $(grep -m1 -E 'invariant|ERROR' "$out/known/last.log")"
				status=1
			fi
		done
	done
	exit $status
fi

seconds=$1
shift
failed=
mkdir -p "$out/logs"
printf '%-8s %8s %8s %6s %6s %6s  %s\n' harness execs exec/s cov ft corpus result
for name in "$@"; do
	corpus=$out/corpus/$name
	crashers=$out/crashers/$name
	log=$out/logs/$name.log
	mkdir -p "$corpus" "$crashers"
	cp "$here/corpus/$name/"* "$corpus/"
	dict=
	[ -f "$here/dict/$name.dict" ] && dict=-dict=$here/dict/$name.dict
	# -timeout: one input may expand up to 10^7 buckets, well under it
	"$out/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$crashers/" $dict "$corpus" >"$log" 2>&1
	rc=$?
	stat() { sed -n "s/^stat::$1: *//p" "$log"; }
	last=$(grep -E '^#[0-9]+' "$log" | tail -n1)
	cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
	ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
	corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
	result=ok
	if [ $rc -ne 0 ]; then
		result="FAILED: $(grep -m1 -E 'invariant|ERROR' "$log")"
		failed="$failed $name"
	fi
	printf '%-8s %8s %8s %6s %6s %6s  %s\n' "$name" "$(stat number_of_executed_units)" \
		"$(stat average_exec_per_sec)" "$cov" "$ft" "$corp" "$result"
done
for name in $failed; do
	echo "--- fuzz_$name: $out/logs/$name.log, input saved in $out/crashers/$name/"
	grep -v '^#[0-9]' "$out/logs/$name.log" | tail -n 30
done
[ -z "$failed" ]
