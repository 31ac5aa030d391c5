#!/bin/sh
# The reader tool on the real module: what `pktstat read` returns and what
# `list` and the Prometheus exporter report equal the rules' own counters;
# _up/_down tags make one row; errors name the problem.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

COMBOS="legacy:4 nft:6"

reader() {
	[ -x /usr/bin/pktstat ] || fail "pktstat is not in the initramfs (make tools)"
	# 100 s of 1 ms buckets: a slow emulated machine must not overwrite any
	# before the reader comes
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name rd --period 1ms \
		--samples 100000 --tag "=web_down= Web traffic" -m comment --comment down
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --tag "=web_up= Web traffic" \
		-m comment --comment up
	send 300 100
	send 200 1000 --gap-us 200
	settle 1000000
	want=$(counter down)
	expect_eq "up counter" "$(counter up)" "$want"
	expect_eq "packets counted" "${want% *}" 500

	in_ns rx pktstat read rd --format csv >"$T/csv" 2>"$T/csv.err" || fail "pktstat read: $(cat "$T/csv.err")"
	expect_eq "read warnings" "$(cat "$T/csv.err")" ""
	expect_eq "csv header" "$(head -n 1 "$T/csv")" "start_ns,frames,bytes,bits_per_second"
	expect_eq "read sums" "$(awk -F, 'NR > 1 { f += $2; b += $3 } END { print f, b }' "$T/csv")" "$want"
	# read never drains: a second reader sees the same buckets, and so does data
	expect_eq "second read" "$(in_ns rx pktstat read rd --format csv | awk -F, 'NR > 1 { f += $2; b += $3 } END { print f, b }')" "$want"
	read_data rd "$T/data"
	data_totals 1000000 "$T/data"
	expect_eq "data after two reads" "$D_FRAMES $D_BYTES" "$want"

	fam=ipv$F
	in_ns rx pktstat list --interval 0 >"$T/list" 2>&1 || fail "pktstat list: $(cat "$T/list")"
	grep -q "^rd .* ${want% *} *${want#* } " "$T/list" || fail "rd not listed with $want: $(cat "$T/list")"
	grep -q "^web  *$fam .*Web traffic" "$T/list" || fail "no web sent/received row: $(cat "$T/list")"

	in_ns rx pktstat prometheus --textfile "$T/prom" || fail "pktstat prometheus failed"
	expect_eq "prometheus frames" \
		"$(awk '/^pktstat_frames_total\{name="rd"\}/ { print $2 }' "$T/prom")" "${want% *}"
	expect_eq "prometheus bytes" \
		"$(awk '/^pktstat_bytes_total\{name="rd"\}/ { print $2 }' "$T/prom")" "${want#* }"
	for tag in web_up web_down; do
		expect_eq "prometheus $tag frames" \
			"$(grep "^pktstat_tag_frames_total{" "$T/prom" | grep "tag=\"$tag\"" | grep "family=\"$fam\"" | awk '{ print $2 }')" \
			"${want% *}"
	done

	if in_ns rx pktstat read nosuch >"$T/err" 2>&1; then fail "read of a missing object succeeded"; fi
	grep -q 'no statistics object called "nosuch"' "$T/err" || fail "unclear error: $(cat "$T/err")"
	ipt_ok -F INPUT
}

# Before the module is loaded, the reader says so.
no_module() {
	grep -q '^xt_pktstat ' /proc/modules && fail "xt_pktstat is loaded already"
	if pktstat list --interval 0 >"$T/err" 2>&1; then fail "list without the module succeeded"; fi
	grep -q "module is not loaded" "$T/err" || fail "unclear error: $(cat "$T/err")"
}
COMBO="no module"
try no_module

each_combo reader
