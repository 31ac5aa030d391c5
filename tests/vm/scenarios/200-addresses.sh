#!/bin/sh
# Per-address accounting: 20 hosts (addresses on the sender's veth) send
# 1 to 20 packets each. The object's addresses file has each host's frames
# and bytes exactly; /24 and /64 prefixes aggregate them exactly; a table
# smaller than the number of hosts puts the rest in "other", and every
# column still sums to what the rule counted; a --by src rule on INPUT and
# a --by dst rule on OUTPUT of one object give each host's upload and
# download.
set -eu
# shellcheck source=tests/vm/lib.sh
. /tests/lib.sh

COMBOS="legacy:4 nft:6 nft:4 legacy:6"
SIZE=100
HOSTS=20

# the address of host I (1..20): ten in each of two /24s or /64s
host() { # I
	_net=$(( ($1 - 1) / 10 + 1 ))
	_h=$(( ($1 - 1) % 10 + 1 ))
	if [ "$F" = 4 ]; then echo "10.0.$_net.$_h"; else echo "fd00:0:0:$_net::$_h"; fi
}

prefix_of() { # I
	_net=$(( ($1 - 1) / 10 + 1 ))
	if [ "$F" = 4 ]; then echo "10.0.$_net.0/24"; else echo "fd00:0:0:$_net::/64"; fi
}

hosts_up() {
	i=1
	while [ $i -le $HOSTS ]; do
		if [ "$F" = 4 ]; then
			ip -n tx addr add "$(host $i)/32" dev vtx
		else
			ip -n tx addr add "$(host $i)/128" dev vtx nodad
		fi
		i=$((i + 1))
	done
}

# host I sends I packets
send_all() {
	i=1
	while [ $i -le $HOSTS ]; do
		send $i $SIZE --from "$(host $i)"
		i=$((i + 1))
	done
}

# "ADDRESS SF SB DF DB" lines of NAME's addresses file, sorted, header checked
addresses() { # NAME
	in_ns rx cat "$PROC/$1/addresses" >"$T/addr.$1" || fail "cannot read $PROC/$1/addresses"
	expect_eq "$1: header" "$(head -n 1 "$T/addr.$1")" "# address src_frames src_bytes dst_frames dst_bytes"
	expect_eq "$1: other is last" "$(tail -n 1 "$T/addr.$1" | cut -d' ' -f1)" other
	tail -n +2 "$T/addr.$1" | sort
}

# the column sums of NAME's addresses file, other included
column_sums() { # NAME
	addresses "$1" | awk '{ sf += $2; sb += $3; df += $4; db += $5 } END { print sf + 0, sb + 0, df + 0, db + 0 }'
}

# The exporters on object each: go-nflog-acctd's CSV files (read by a
# parser of their columns) and Prometheus' per-address counters, scraped
# over HTTP, with 5 series and the rest in other.
# csv counts from its first read: it starts before the hosts send. nsenter,
# not in_ns: $! must be the exporter itself, which SIGTERM ends.
csv_start() {
	mkdir -p "$T/csv"
	nsenter --net=/run/netns/rx pktstat csv "$T/csv" --addresses --interval 1s >"$T/csv.err" 2>&1 &
	csv=$!
	sleep 1
}

exporters() {
	nsenter --net=/run/netns/rx pktstat prometheus --listen 127.0.0.1:9812 --address-series 5 >"$T/prom.err" 2>&1 &
	prom=$!
	sleep 1.5
	in_ns rx busybox wget -q -O "$T/metrics" http://127.0.0.1:9812/metrics ||
		fail "scrape: $(cat "$T/prom.err")"
	kill -TERM "$csv" $prom
	wait "$csv" || fail "pktstat csv --addresses: $(cat "$T/csv.err")"
	wait $prom || true
	# every file: the header, then Time,IP,bytes and packets both ways
	cat "$T"/csv/each/*.csv | awk -F, -v hosts=$HOSTS -v len="$L" '
		FNR == 1 || $1 == "Time" {
			if ($0 != "Time,IP,SourceBytes,SourcePackets,DestBytes,DestPackets") { print "header: " $0; exit 1 }
			next
		}
		NF != 6 || $4 !~ /^[0-9]+$/ || $3 !~ /^[0-9]+$/ { print "row: " $0; exit 1 }
		{ pk[$2] += $4; by[$2] += $3 }
		END {
			for (ip in pk) { n++; if (ip != "other" && by[ip] != pk[ip] * len) { print ip ": bytes " by[ip]; exit 1 } }
			for (ip in pk) print ip, pk[ip]
		}' | sort >"$T/csvsum" || fail "csv: $(cat "$T/csvsum")"
	i=1
	while [ $i -le $HOSTS ]; do
		echo "$(host $i) $i"
		i=$((i + 1))
	done | sort >"$T/csvwant"
	diff "$T/csvwant" "$T/csvsum" >"$T/diff" || fail "csv --addresses: $(cat "$T/diff")"
	# Prometheus: 5 series and other, summing to every frame
	grep '^pktstat_address_sent_frames_total{' "$T/metrics" | grep 'name="each"' >"$T/series"
	expect_eq "prometheus: series of each" "$(wc -l <"$T/series")" 6
	expect_eq "prometheus: frames of each" "$(awk '{ s += $2 } END { print s }' "$T/series")" "$total"
	expect_eq "prometheus: the busiest host" \
		"$(grep "address=\"$(host $HOSTS)\"" "$T/series" | awk '{ print $2 }')" $HOSTS
}

per_address() {
	hosts_up
	L=$(ip_len $SIZE)
	total=$((HOSTS * (HOSTS + 1) / 2))
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name each --by src --prefix6 128 -m comment --comment each
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name nets --by src --prefix4 24 --prefix6 64 --max-addresses 4
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name small --by src --prefix6 128 --max-addresses 8
	# one object, two rules: what hosts send (src) and what they receive (dst)
	ipt_ok -A INPUT -i vrx -p udp -m pktstat --name updown --by src --prefix6 128 --max-addresses 64
	ipt_ok -A OUTPUT -o vrx -p udp -m pktstat --name updown --by dst --prefix6 128 --max-addresses 64
	csv_start
	send_all
	expect_eq "rule counter" "$(counter each)" "$total $((total * L))"

	# every host exactly, nothing in other
	i=1
	while [ $i -le $HOSTS ]; do
		echo "$(host $i) $i $((i * L)) 0 0"
		i=$((i + 1))
	done >"$T/want"
	echo "other 0 0 0 0" >>"$T/want"
	sort "$T/want" >"$T/want.sorted"
	addresses each >"$T/got"
	diff "$T/want.sorted" "$T/got" >"$T/diff" || fail "each: addresses differ: $(cat "$T/diff")"
	expect_eq "each: info addresses" "$(info each addresses)" $HOSTS

	# two prefixes: 1..10 and 11..20
	a=$((10 * 11 / 2))
	b=$((total - a))
	printf '%s\n' "$(prefix_of 1) $a $((a * L)) 0 0" "$(prefix_of 11) $b $((b * L)) 0 0" \
		"other 0 0 0 0" | sort >"$T/want"
	addresses nets >"$T/got"
	diff "$T/want" "$T/got" >"$T/diff" || fail "nets: prefixes differ: $(cat "$T/diff")"

	exporters

	# 8 entries, the rest in other, every column summing to the total
	expect_eq "small: entries" "$(addresses small | grep -vc '^other ')" 8
	expect_eq "small: info addresses" "$(info small addresses)" 8
	expect_eq "small: column sums" "$(column_sums small)" "$total $((total * L)) 0 0"
	other=$(addresses small | awk '$1 == "other" { print $2 }')
	[ "$other" -gt 0 ] || fail "small: nothing in other with 20 hosts and 8 entries"
	say "small: 8 entries, other $other frames"

	# download: rx sends to three hosts, each a different number
	if [ "$F" = 4 ]; then
		ip -n rx route add 10.0.0.0/14 dev vrx
	else
		ip -n rx route add fd00::/32 dev vrx
	fi
	for i in 3 7 15; do
		# shellcheck disable=SC2154 # set by net_up
		ip -n rx neigh replace "$(host $i)" lladdr "$_mac_tx" dev vrx nud permanent
	done
	for i in 3 7 15; do
		send_from rx "$(host $i)" "$PORT" $((i * 2)) $SIZE
	done
	addresses updown >"$T/got"
	for i in 3 7 15; do
		expect_eq "updown: host $i" "$(grep "^$(host $i) " "$T/got")" \
			"$(host $i) $i $((i * L)) $((i * 2)) $((i * 2 * L))"
	done
	expect_eq "updown: column sums" "$(column_sums updown)" \
		"$total $((total * L)) $((2 * 25)) $((2 * 25 * L))"
	ipt_ok -F INPUT
	ipt_ok -F OUTPUT
	expect_eq "entries after flush" "$(entries)" "tags"
}

each_combo per_address
