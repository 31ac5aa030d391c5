#!/bin/sh
# Tags: rules with the same tag and family add into one counter, listed in
# /proc/net/xt_pktstat/tags with the description of the first rule; the
# munin traffic_accounting example: unauthssh alone, web4_down and web4_up
# summed over ports 80 and 443, web6 and web6ssl separate for IPv6.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

# tags without the header, sorted, trailing blanks removed
tags() {
	in_ns rx cat "$PROC/tags" >"$T/tags"
	head -n 1 "$T/tags" | grep -qx '# family tag frames bytes description' ||
		fail "tags header: $(head -n 1 "$T/tags")"
	tail -n +2 "$T/tags" | sed 's/ *$//' | sort
}

tagged() {
	use_combo "$B" 4
	ipt_ok -A INPUT -i vrx -p udp --dport 22 -m pktstat --tag "=unauthssh= Unauthorized SSH" -m comment --comment ssh
	ipt_ok -A INPUT -i vrx -p udp --dport 80 -m pktstat --tag "=web4_down= Web traffic in" -m comment --comment w80
	ipt_ok -A INPUT -i vrx -p udp --dport 443 -m pktstat --tag "=web4_down= second description" -m comment --comment w443
	ipt_ok -A INPUT -i vrx -p udp --dport 7 -m pktstat --tag dual
	# "up": what rx sends out, in its OUTPUT chain
	ipt_ok -A OUTPUT -o vrx -p udp --dport 80 -m pktstat --tag "=web4_up= Web traffic out"
	ipt_ok -A OUTPUT -o vrx -p udp --dport 443 -m pktstat --name up443 --tag web4_up
	# a tag-only rule keeps no buckets: only up443 has a directory
	expect_eq "entries" "$(entries)" "tags up443"
	send_from tx 10.0.0.2 22 10 100
	send_from tx 10.0.0.2 80 20 200
	send_from tx 10.0.0.2 443 30 300
	send_from tx 10.0.0.2 8080 5 300
	send_from tx 10.0.0.2 7 3 10
	send_from rx 10.0.0.1 80 40 400
	send_from rx 10.0.0.1 443 50 500
	use_combo "$B" 6
	ipt_ok -A INPUT -i vrx -p udp --dport 80 -m pktstat --tag "=web6= IPv6 web"
	ipt_ok -A INPUT -i vrx -p udp --dport 443 -m pktstat --tag web6ssl
	ipt_ok -A INPUT -i vrx -p udp --dport 7 -m pktstat --tag dual
	send_from tx fd00::2 80 7 100
	send_from tx fd00::2 443 9 100
	send_from tx fd00::2 7 4 10
	tags >"$T/got"
	cat >"$T/want" <<EOW
ipv4 dual 3 $((3 * 38))
ipv4 unauthssh 10 $((10 * 128)) Unauthorized SSH
ipv4 web4_down 50 $((20 * 228 + 30 * 328)) Web traffic in
ipv4 web4_up 90 $((40 * 428 + 50 * 528)) Web traffic out
ipv6 dual 4 $((4 * 58))
ipv6 web6 7 $((7 * 148)) IPv6 web
ipv6 web6ssl 9 $((9 * 148))
EOW
	sort "$T/want" -o "$T/want"
	diff "$T/want" "$T/got" >"$T/diff" || fail "tags differ (- want, + got): $(cat "$T/diff")"
	# the tag equals the sum of its rules' own counters
	use_combo "$B" 4
	# shellcheck disable=SC2046 # two "PACKETS BYTES" pairs, split
	set -- $(counter w80) $(counter w443)
	expect_eq "web4_down = w80 + w443" "50 $((20 * 228 + 30 * 328))" "$(($1 + $3)) $(($2 + $4))"
	# deleting the first rule keeps the tag (and its description) while
	# another rule uses it
	ipt_ok -D INPUT -i vrx -p udp --dport 80 -m pktstat --tag "=web4_down= Web traffic in" -m comment --comment w80
	tags | grep -q '^ipv4 web4_down 50 .* Web traffic in$' || fail "web4_down changed: $(cat "$T/tags")"
	# flush: gone, per family
	ipt_ok -F
	tags >"$T/got"
	grep -q '^ipv4' "$T/got" && fail "ipv4 tags left after flush: $(cat "$T/got")"
	grep -q '^ipv6 web6 ' "$T/got" || fail "ipv6 tags went with the ipv4 flush: $(cat "$T/got")"
	use_combo "$B" 6
	ipt_ok -F
	expect_eq "tags after both flushes" "$(tags)" ""
	use_combo "$B" 4
}

each_backend tagged
