#!/bin/sh
# Every bad value is refused by iptables, with a message that names the
# problem, and nothing is created; the edge values are accepted.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

refused() { # ERE ARGS...
	re=$1
	shift
	expect_refused "$re" ipt -A INPUT -i vrx -p udp -m pktstat "$@"
}

long32=abcdefghijabcdefghijabcdefghij12
long31=abcdefghijabcdefghijabcdefghij1
desc128=$(printf '%0128d' 0)
desc127=$(printf '%0127d' 0)

badinput() {
	# the parser is the same for every backend and family: the whole list
	# once, one case of each kind for the others
	if [ "$COMBO" != "legacy ipv4" ]; then
		refused 'period.*10us.*60s' --period 9us
		refused 'period.*unit' --period 10m
		refused 'samples.*1.*1000000' --samples 0
		refused 'name.*(reserved|tags)' --name tags
		refused 'tag.*31' --tag $long32
		refused 'description.*127' --tag "=t=$desc128"
	else
		all_refused
	fi
	check_none_created
	accepted
}

all_refused() {
	refused 'period.*(10us|range)' --period 0
	refused 'period' --period -1
	refused 'period.*10us.*60s' --period 9us
	refused 'period.*10us.*60s' --period 9999ns
	refused 'period.*10us.*60s' --period 61s
	refused 'period.*10us.*60s' --period 60001ms
	refused 'period.*unit.*(ns|us|ms)' --period 10xs
	refused 'period.*unit' --period 10m
	refused 'period' --period abc
	refused 'period' --period ""
	refused 'period.*(whole|nanosecond)' --period 1.5ns
	refused 'period.*(whole|nanosecond|decimal)' --period 0.0000000001s
	refused 'period' --period 1e3
	refused 'period' --period 99999999999999999999999s
	refused 'samples.*1.*1000000' --samples 0
	refused 'samples' --samples -1
	refused 'samples.*1.*1000000' --samples 1000001
	refused 'samples.*1.*1000000' --samples 4294967297
	refused 'samples' --samples abc
	refused 'samples' --samples 1e3
	refused 'samples' --samples ""
	refused 'name.*(A-Z|character|letter)' --name "a b"
	refused 'name' --name "a/b"
	refused 'name' --name "ä"
	refused 'name.*31' --name $long32
	refused 'name' --name .
	refused 'name' --name ..
	refused 'name.*(reserved|tags)' --name tags
	refused 'name' --name ""
	refused 'tag.*31' --tag $long32
	refused 'tag' --tag "a b"
	refused 'tag' --tag "=a b= x"
	refused 'tag' --tag "== x"
	refused 'tag' --tag "=web x"
	refused 'tag' --tag ""
	refused 'description.*127' --tag "=t=$desc128"
}

check_none_created() {
	expect_eq "rules after refusals" "$(ipt -S INPUT | grep -c pktstat || true)" 0
	expect_eq "entries after refusals" "$(entries)" "tags"
	expect_eq "tags after refusals" "$(in_ns rx cat "$PROC/tags")" "# family tag frames bytes description"
}

# the limits themselves are fine
accepted() {
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name e1 --period 10us --samples 1
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name e2 --period 60s --samples 1000000
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name $long31 --tag $long31
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name ... --tag "=d127= $desc127"
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name e3 --period 0.01ms
	expect_eq "entries" "$(entries)" "... $long31 e1 e2 e3 tags"
	expect_eq "samples 1000000" "$(info e2 samples)" 1000000
	expect_eq "60s" "$(info e2 period_ns)" 60000000000
	expect_eq "10us" "$(info e1 period_ns)" 10000
	expect_eq "0.01ms" "$(info e3 period_ns)" 10000
	expect_eq "description of 127" "$(in_ns rx cat "$PROC/tags" | awk '$2 == "d127" { print length($5) }')" 127
}

each_combo badinput
