#!/bin/sh
# make bench: the per-packet cost of a pktstat rule, side by side with
# upstream matches, measured in one VM boot; the update path's instructions
# and its scaling in userspace; the reader's speed and memory.
#
#   sh tests/bench/run.sh [--kernel RELEASE] [--rounds N] [--rules K]
#                         [--secs S] [--read-buckets N] [--senders N]
#                         [--no-vm]
#
#   --kernel        a release from scripts/kernels.sh (default: the 6.1
#                   generic one); env BENCH_KERNEL
#   --rounds N      rounds of every kind, median taken (default 7;
#                   1 is a quick smoke run); env BENCH_ROUNDS
#   --rules K       rules of each kind (default 100); env BENCH_RULES
#   --secs S        seconds of traffic per measurement (default 2,
#                   1 with --rounds 1); env BENCH_SECS
#   --read-buckets  buckets the reader benchmarks read (default 1000000,
#                   100000 with --rounds 1); env BENCH_READ_BUCKETS
#   --scale N       objects, tags and nfacct objects of the scale table
#                   (default 10000; 0: no scale table); env BENCH_SCALE
#   --clocksource   the guest's clocksource (default tsc, as on real
#                   hardware; the kernel's own choice under TCG is hpet,
#                   whose every read is an emulated MMIO access: "auto"
#                   keeps it); env BENCH_CLOCKSOURCE
#   --senders N     1 (default): pktgen on the first vCPU only; 2: one
#                   pktgen thread per vCPU, so two CPUs run the ruleset at
#                   once and rules that write shared state contend;
#                   env BENCH_SENDERS
#   --variants[=NAMES]  also measure experimental builds of the module, one
#                   per tests/bench/variants/NAME.sed (all of them, or the
#                   NAMES, "a b"; env BENCH_VARIANTS=1 or NAMES) (applied to a copy of
#                   kernel/), as rows tag@NAME and buckets@NAME
#   --no-vm         only the userspace parts
#   --readme FILE   put the report in FILE (README.md) between the lines
#                   "<!-- make bench: begin -->" and "<!-- make bench: end -->"
#                   ("make bench BENCH_SENDERS=2" in them for 2 senders),
#                   when everything could be measured (make bench does)
#
# Prints figures, never judges them: the exit status is non-zero only when
# something could not be measured (no VM boot, a ruleset refused, ...).
# Raw lines and the report are kept in build/bench/.
set -eu

cd "$(dirname "$0")/../.."
top=$PWD
here=$top/tests/bench

kernel=${BENCH_KERNEL:-}
rounds=${BENCH_ROUNDS:-7}
rules=${BENCH_RULES:-100}
secs=${BENCH_SECS:-}
readn=${BENCH_READ_BUCKETS:-}
clocksource=${BENCH_CLOCKSOURCE:-tsc}
variants=${BENCH_VARIANTS:-}
senders=${BENCH_SENDERS:-1}
scale=${BENCH_SCALE:-10000}
readme=
vm=1

usage() { awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$here/run.sh"; }
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=$2; shift 2 ;;
	--kernel=*) kernel=${1#*=}; shift ;;
	--rounds) rounds=$2; shift 2 ;;
	--rounds=*) rounds=${1#*=}; shift ;;
	--rules) rules=$2; shift 2 ;;
	--rules=*) rules=${1#*=}; shift ;;
	--secs) secs=$2; shift 2 ;;
	--secs=*) secs=${1#*=}; shift ;;
	--read-buckets) readn=$2; shift 2 ;;
	--read-buckets=*) readn=${1#*=}; shift ;;
	--clocksource) clocksource=$2; shift 2 ;;
	--clocksource=*) clocksource=${1#*=}; shift ;;
	--senders) senders=$2; shift 2 ;;
	--senders=*) senders=${1#*=}; shift ;;
	--scale) scale=$2; shift 2 ;;
	--scale=*) scale=${1#*=}; shift ;;
	--variants) variants=1; shift ;;
	--variants=*) variants=${1#*=}; shift ;;
	--no-vm) vm=; shift ;;
	--readme) readme=$2; shift 2 ;;
	--readme=*) readme=${1#*=}; shift ;;
	--bench) shift ;;	# as handed over by tests/vm/run.sh --bench
	-h | --help) usage; exit 0 ;;
	*) echo "bench: unknown argument $1" >&2; usage >&2; exit 2 ;;
	esac
done
for v in "$rounds" "$rules" "${secs:-1}" "${readn:-1}"; do
	case $v in '' | *[!0-9]* | 0) echo "bench: not a positive number: '$v'" >&2; exit 2 ;; esac
done
case $scale in
'' | *[!0-9]*) echo "bench: --scale is a number of rules, not '$scale'" >&2; exit 2 ;;
esac
case $senders in
1 | 2) ;;
*) echo "bench: --senders is 1 or 2 (the VM has 2 vCPUs), not '$senders'" >&2; exit 2 ;;
esac
if [ "$rounds" = 1 ]; then
	: "${secs:=1}" "${readn:=100000}"
else
	: "${secs:=2}" "${readn:=1000000}"
fi

out=$top/build/bench
mkdir -p "$out"
raw=$out/raw.txt
: >"$raw"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say() { printf 'bench: %s\n' "$*" >&2; }

cache=${PKTSTAT_CACHE:-/var/cache/pktstat}
if [ -z "$kernel" ]; then
	kernel=$(sh scripts/kernels.sh 2>/dev/null | awk '$1 ~ /^6\.1\./ && $1 !~ /-rt-/ { print $1; exit }') || true
	if [ -z "$kernel" ]; then
		for d in "$cache"/kernels/6.1.*; do
			case $d in *-rt-*) ;; *) [ -d "$d" ] && kernel=${d##*/} ;; esac
		done
	fi
	[ -n "$kernel" ] || { say "no 6.1 kernel found (make deps), or give --kernel"; exit 1; }
fi
kroot=$cache/kernels/$kernel
vmlinuz=$kroot/boot/vmlinuz-$kernel
if [ -n "$vm" ]; then
	[ -f "$vmlinuz" ] || { say "no $vmlinuz (make deps)"; exit 1; }
	[ -d "/lib/modules/$kernel/build" ] || { say "no headers for $kernel (make deps)"; exit 1; }
	command -v qemu-system-x86_64 >/dev/null || { say "no qemu-system-x86_64 (make deps)"; exit 1; }
	command -v nfacct >/dev/null || say "no nfacct tool (apt-get install nfacct): the nfacct rows are left out"
fi

printf 'META %s kernel %s, qemu TCG %s vCPU, host %s, %s rules/kind, %s round(s) of %ss, %s sender(s)\n' \
	"$(date -u +%Y-%m-%d)" "$kernel" 2 "$(nproc)-core $(sed -n 's/^PRETTY_NAME="\(.*\)"/\1/p' /etc/os-release)" \
	"$rules" "$rounds" "$secs" "$senders" >>"$raw"

# ---- the userspace micro-benchmark --------------------------------------
say "building the micro-benchmark"
${CC:-cc} -std=c11 -O2 -g -Wall -Wextra -Werror -I"$top/kernel" -I"$top/include" -I"$top/lib" \
	-pthread -o "$work/ubench" "$here/ubench.c"

if command -v valgrind >/dev/null; then
	say "counting instructions per update (callgrind)"
	for mode in fast mpps roll ring; do
		for n in 100000 200000; do
			valgrind --tool=callgrind --toggle-collect=bench_update \
				--toggle-collect=bench_update_ring \
				--callgrind-out-file="$work/cg.$mode.$n" \
				"$work/ubench" count "$mode" "$n" >/dev/null 2>"$work/cg.log" ||
				{ say "callgrind failed: $(tail -n 3 "$work/cg.log")"; exit 1; }
		done
		awk -v mode="$mode" '
			FNR == 1 { f++ }
			/^totals:/ { t[f] = $2 }
			END { printf "CALLGRIND mode=%s ir_per_update=%.2f\n", mode, (t[2] - t[1]) / 100000 }' \
			"$work/cg.$mode.100000" "$work/cg.$mode.200000" >>"$raw"
	done
else
	say "no valgrind: instruction counts not measured (apt-get install valgrind)"
fi
say "threads: 1 and 2, own rings vs one shared counter"
"$work/ubench" threads 2 0.5 >>"$raw"

# ---- the reader ------------------------------------------------------------
if [ -x tools/pktstat ] && tools/pktstat read --help >/dev/null 2>&1; then
	say "reader: $readn buckets of 10us"
	proc=$work/proc
	mkdir -p "$proc/bench"
	"$work/ubench" gendata "$readn" 10000 >"$proc/bench/data"
	# the same buckets as NAME/stream, which pktstat read reads
	{ echo "# start_ns frames bytes [buckets]"; echo "# before frames=0 bytes=0"
	  tail -n +2 "$proc/bench/data"; } >"$proc/bench/stream"
	printf '%s\n' "name bench" "period_ns 10000" "samples $readn" "rules 1" \
		"created_ns 1763769600000000000" "frames 0" "bytes 0" "read_frames 0" \
		"read_bytes 0" "lost_buckets 0" "lost_frames 0" "lost_bytes 0" \
		"memory_bytes 0" >"$proc/bench/info"
	: >"$proc/tags"
	for format in text csv json; do
		"$work/ubench" rusage tools/pktstat --proc "$proc" read bench --format "$format" \
			2>"$work/rusage" || true
		sed -n "s/^rusage /READER format=$format buckets=$readn /p" "$work/rusage" >>"$raw"
	done
else
	echo "READER-NOTE tools/pktstat read not available: reader not measured on the host" >>"$raw"
fi

# ---- the VM --------------------------------------------------------------
if [ -n "$vm" ]; then
	say "building xt_pktstat.ko for $kernel and the plugin"
	make --no-print-directory -s kmod KREL="$kernel" >"$work/make.log" 2>&1 ||
		{ cat "$work/make.log" >&2; exit 1; }
	make --no-print-directory -s plugin >"$work/make.log" 2>&1 ||
		{ cat "$work/make.log" >&2; exit 1; }
	set --
	if [ -n "$variants" ]; then
		if [ "$variants" = 1 ]; then
			seds=$(ls "$here"/variants/*.sed)
		else
			seds=$(for v in $variants; do echo "$here/variants/$v.sed"; done)
		fi
		for sed in $seds; do
			[ -f "$sed" ] || { echo "bench: no variant $sed" >&2; exit 2; }
			name=$(basename "$sed" .sed)
			say "building variant $name"
			mkdir -p "$work/var/$name"
			cp -r Kbuild kernel include "$work/var/$name/"
			for f in "$work/var/$name"/kernel/*; do sed -i -f "$sed" "$f"; done
			make -C "/lib/modules/$kernel/build" M="$work/var/$name" modules \
				>"$work/make.log" 2>&1 || { cat "$work/make.log" >&2; exit 1; }
			cp "$work/var/$name/xt_pktstat.ko" "$work/$name.ko"
			set -- "$@" "$work/$name.ko"
		done
	fi
	say "building the initramfs"
	sh "$here/initramfs.sh" "$work/initrd.gz" "$kernel" "$kroot" \
		"build/modules/$kernel/xt_pktstat.ko" iptables/libxt_pktstat.so "$here/guest.sh" "$@"
	# calibration ~40 s, rounds x 9 kinds x (secs + ~1.5 s), reader ~readn/100000 s
	nkinds=$((9 + 2 * $#))
	# the scale table: about 40 restores, lists and scrapes of $scale rules
	limit=$((300 + rounds * nkinds * (secs + 5) + readn / 20000 + scale / 20))
	say "booting $kernel under qemu (TCG): $rounds round(s), $rules rules/kind, up to ${limit}s"
	case $clocksource in
	auto) csargs= ;;
	tsc) csargs="clocksource=tsc tsc=reliable" ;;
	*) csargs="clocksource=$clocksource" ;;
	esac
	rc=0
	# entropy at boot, as in tests/vm/run.sh: no late static-key patching
	timeout "$limit" qemu-system-x86_64 -m 1024 -smp 2 -nographic -no-reboot \
		-kernel "$vmlinuz" -initrd "$work/initrd.gz" -cpu qemu64,+rdrand \
		-append "console=ttyS0 quiet panic=-1 rdinit=/init random.trust_cpu=on $csargs bench.rounds=$rounds bench.k=$rules bench.secs=$secs bench.readn=$readn bench.senders=$senders bench.scale=$scale" \
		>"$out/console.log" 2>&1 </dev/null || rc=$?
	tr -d '\r' <"$out/console.log" | grep -a -o 'BENCH.*' >>"$raw" || true
	if [ "$rc" != 0 ]; then
		say "qemu exited with $rc (124: timed out); console in $out/console.log"
	fi
fi

# FILE with the report between its two marker lines, in a code block: the
# markers of a run with two senders say so
put_report() { # FILE
	m="make bench"
	[ "$senders" = 1 ] || m="make bench BENCH_SENDERS=$senders"
	if ! grep -qx "<!-- $m: begin -->" "$1" || ! grep -qx "<!-- $m: end -->" "$1"; then
		say "$1 has no <!-- $m: begin/end --> lines: not written"
		return 1
	fi
	awk -v rep="$out/report.txt" -v b="<!-- $m: begin -->" -v e="<!-- $m: end -->" '
		$0 == b {
			print; print "```"
			while ((getline l <rep) > 0) print l
			print "```"; skip = 1; next
		}
		$0 == e { skip = 0 }
		!skip { print }' "$1" >"$1.tmp" && mv "$1.tmp" "$1"
}

awk -f "$here/report.awk" "$raw" >"$out/report.txt" || { say "report failed"; exit 1; }
cat "$out/report.txt"

# could it measure?
status=0
if [ -n "$vm" ]; then
	grep -q '^BENCH-END status=0' "$raw" || { say "the VM run did not finish (see $out/console.log)"; status=1; }
	grep -q '^BENCH-FAIL' "$raw" && { say "$(grep '^BENCH-FAIL' "$raw" | head -n 3)"; status=1; }
	grep -q '^BENCH kind=base ' "$raw" || status=1
fi
grep -q '^threads kind=ring ' "$raw" || status=1
if [ -n "$readme" ] && [ "$status" = 0 ]; then
	put_report "$readme" && say "report written into $readme"
fi
exit "$status"
