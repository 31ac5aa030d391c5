#!/bin/sh
# The memory cap: an object that would take bucket memory beyond
# max_memory_mb is refused with a message and a kernel log line saying how
# much it needed; memory_bytes is exact; rules sharing a name or with only a
# tag cost no bucket memory; deleting the last rule of an object gives its
# memory back.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

# the cap does not depend on the family: both backends, both families, not every pair
COMBOS="legacy:4 nft:6"

PARAM=/sys/module/xt_pktstat/parameters/max_memory_mb

# log lines of the module refusing object NAME
refusals() { # NAME
	dmesg | grep -c "xt_pktstat: $1 needs [0-9]* KiB of bucket memory, but only [0-9]* KiB of max_memory_mb=1 are free" || true
}

memory() {
	expect_eq "default cap" "$(cat $PARAM)" 256
	echo 1 >$PARAM
	cpus=$(possible_cpus)
	# one object takes more than half of the 1 MiB cap
	samples=$((524288 / (48 * cpus) + 1))
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name m1 --samples $samples
	header=$(ring_header m1 $samples)
	bytes=$((((samples + 2) * 48 + header) * cpus))
	expect_eq "memory_bytes" "$(info m1 memory_bytes)" $bytes
	before=$(refusals m2)
	expect_refused 'memory' ipt -A INPUT -i vrx -p udp -m pktstat --name m2 --samples $samples
	expect_eq "log lines for m2" "$(refusals m2)" $((before + 1))
	! exists "$PROC/m2" || fail "$PROC/m2 created for a refused rule"
	# sharing m1 or keeping only a tag takes no more bucket memory
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name m1 --samples $samples
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --tag t
	expect_eq "rules of m1" "$(info m1 rules)" 2
	# a small object still fits
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name small --samples 1
	expect_eq "memory_bytes" "$(info small memory_bytes)" $(((3 * 48 + header) * cpus))

	# the last rule of m1 gone, its memory is free again
	ipt -D INPUT -i vrx -p udp -m pktstat --name m1 --samples $samples
	expect_refused 'memory' ipt -A INPUT -i vrx -p udp -m pktstat --name m2 --samples $samples
	ipt -D INPUT -i vrx -p udp -m pktstat --name m1 --samples $samples
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name m2 --samples $samples
	expect_eq "entries" "$(entries)" "m2 small tags"
	ipt -F INPUT
	echo 256 >$PARAM
}

each_combo memory
