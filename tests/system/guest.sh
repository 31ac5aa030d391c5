#!/bin/sh
# Runs inside the booted Debian system (tests/system/run.sh puts it on the
# second disk as run.sh, a systemd service starts it): installs the pktstat
# packages with apt, as a user would, and checks what they promise. Each
# check prints "SYSTEM ok: ..." or "SYSTEM FAIL: ..."; the last line is
# "SYSTEM DONE failed=N". The machine powers off when this script ends.
set -u
T=/mnt/test
release=$(uname -r)
release2=$(cat "$T/release2")
failed=0
export DEBIAN_FRONTEND=noninteractive PATH=/usr/sbin:/usr/bin:/sbin:/bin

ok() { echo "SYSTEM ok: $*"; }
fail() { echo "SYSTEM FAIL: $*"; failed=$((failed + 1)); }
# run COMMAND: ok when it succeeds, else FAIL with its output
run() { # WHAT COMMAND...
	what=$1
	shift
	if out=$("$@" 2>&1); then ok "$what"; else fail "$what: $(echo "$out" | tail -n 20)"; fi
}
expect_eq() { # WHAT EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then ok "$1 ($3)"; else fail "$1: expected '$2', got '$3'"; fi
}
info() { # NAME KEY: a value of /proc/net/xt_pktstat/NAME/info
	awk -v k="$2" '$1 == k { print $2 }' "/proc/net/xt_pktstat/$1/info"
}
# the packet and byte counters of the rule of CMD's OUTPUT chain using NAME
rule_counters() { # IPTABLES-CMD NAME
	$1 -L OUTPUT -v -x -n | awk -v n="$2" '$0 ~ "name " n "( |$)" { print $1, $2; exit }'
}
apt_install() {
	apt-get install -y -q -o Dpkg::Use-Pty=0 "$@" >>/root/apt.log 2>&1 ||
		{ tail -n 30 /root/apt.log; return 1; }
}

echo "SYSTEM start: $release, second kernel $release2"

# --- install ------------------------------------------------------------------
# the guest has no network: apt finds every dependency installed already
if ! apt_install "$T"/debs/*.deb; then
	fail "apt install xt-pktstat xt-pktstat-dkms"
	echo "SYSTEM DONE failed=$failed"
	exit 1
fi
ok "apt install xt-pktstat xt-pktstat-dkms"
status=$(dkms status pktstat 2>&1)
case "$status" in
*"$release, x86_64: installed"*) ok "DKMS built and installed the module for $release" ;;
*) fail "dkms status after install: $status" ;;
esac
run "modinfo finds the DKMS module" sh -c 'modinfo -n xt_pktstat | grep -q /updates/dkms/'
run "the plugin is where iptables looks" test -f /usr/lib/x86_64-linux-gnu/xtables/libxt_pktstat.so
run "user and group pktstat exist" sh -c 'getent passwd pktstat && getent group pktstat'
run "pktstat check before loading" pktstat check

# Secure Boot: DKMS signs with its own key, the one mokutil --import enrolls
signer=$(modinfo -F signer xt_pktstat 2>/dev/null)
if [ -n "$signer" ]; then ok "module signed by '$signer'"; else fail "module not signed by DKMS"; fi
run "DKMS's public key is at /var/lib/dkms/mok.pub (DER)" \
	openssl x509 -inform DER -in /var/lib/dkms/mok.pub -noout -subject

# --- the module and both iptables backends --------------------------------------
run "modprobe xt_pktstat" modprobe xt_pktstat
run "pktstat check after loading" pktstat check
run "iptables-nft rule" iptables-nft -A OUTPUT -o lo -p icmp --icmp-type echo-request \
	-m pktstat --name nft4 --period 1ms --tag "=ping4_up= ping over loopback"
run "iptables-legacy rule" iptables-legacy -A OUTPUT -o lo -p icmp --icmp-type echo-request \
	-m pktstat --name legacy4 --period 1ms
run "ip6tables-nft rule" ip6tables-nft -A OUTPUT -o lo -p ipv6-icmp --icmpv6-type echo-request \
	-m pktstat --name nft6 --period 1ms --tag "=ping6_up= ping over loopback"
expect_eq "files of the pktstat group (modprobe.d)" "root:pktstat 440" \
	"$(stat -c '%U:%G %a' /proc/net/xt_pktstat/nft4/info)"
run "ping 127.0.0.1" ping -q -c 25 -i 0.02 127.0.0.1
run "ping ::1" ping -q -c 15 -i 0.02 ::1
expect_eq "nft4 frames" 25 "$(info nft4 frames)"
expect_eq "legacy4 frames" 25 "$(info legacy4 frames)"
expect_eq "nft6 frames" 15 "$(info nft6 frames)"
expect_eq "nft4 = its rule's counters" "$(rule_counters iptables-nft nft4)" "$(info nft4 frames) $(info nft4 bytes)"
expect_eq "legacy4 = its rule's counters" "$(rule_counters iptables-legacy legacy4)" "$(info legacy4 frames) $(info legacy4 bytes)"
expect_eq "nft6 = its rule's counters" "$(rule_counters ip6tables-nft nft6)" "$(info nft6 frames) $(info nft6 bytes)"
bytes4=$(info nft4 bytes)
bytes6=$(info nft6 bytes)

# --- the exporter service -----------------------------------------------------------
run "systemctl start pktstat-exporter" systemctl start pktstat-exporter
metrics=
for _ in $(seq 1 60); do
	metrics=$(curl -sf http://127.0.0.1:9811/metrics) && break
	sleep 1
done
expect_eq "scrape: nft4 frames" 'pktstat_frames_total{name="nft4"} 25' \
	"$(echo "$metrics" | grep '^pktstat_frames_total{name="nft4"}')"
expect_eq "scrape: legacy4 bytes" "pktstat_bytes_total{name=\"legacy4\"} $(info legacy4 bytes)" \
	"$(echo "$metrics" | grep '^pktstat_bytes_total{name="legacy4"}')"
expect_eq "the exporter runs as pktstat" pktstat "$(ps -o user= -C pktstat | sort -u)"
run "systemctl stop pktstat-exporter" systemctl stop pktstat-exporter

# the textfile variant, into the directory prometheus-node-exporter reads
mkdir -p /var/lib/prometheus/node-exporter
run "systemctl start pktstat-textfile" systemctl start pktstat-textfile
prom=/var/lib/prometheus/node-exporter/pktstat.prom
for _ in $(seq 1 60); do
	grep -q '^pktstat_frames_total{name="nft4"}' "$prom" 2>/dev/null && break
	sleep 1
done
expect_eq "textfile: nft4 frames" 'pktstat_frames_total{name="nft4"} 25' \
	"$(grep '^pktstat_frames_total{name="nft4"}' "$prom" 2>&1)"
run "systemctl stop pktstat-textfile" systemctl stop pktstat-textfile
run "the link goes with the service" sh -c "! test -e $prom && ! test -L $prom"

# --- munin ----------------------------------------------------------------------------
suggest=$(munin-node-configure --suggest 2>&1)
if echo "$suggest" | grep -Eq '^traffic_accounting +\| no +\| yes'; then
	ok "munin-node-configure --suggest offers traffic_accounting"
else
	fail "munin-node-configure --suggest: $suggest"
fi
run "link the munin plugin" ln -sf /usr/share/munin/plugins/traffic_accounting /etc/munin/plugins/traffic_accounting
fetch=$(munin-run traffic_accounting 2>&1)
expect_eq "munin-run: ping4_up" "ipv4_ping4_up.value $bytes4" "$(echo "$fetch" | grep -m1 '^ipv4_ping4_up.value')"
expect_eq "munin-run: ping6_up" "ipv6_ping6_up.value $bytes6" "$(echo "$fetch" | grep -m1 '^ipv6_ping6_up.value')"

# --- a kernel that arrives later --------------------------------------------------------
run "apt install the headers of $release2" apt_install "$T"/extra/*.deb
status=$(dkms status pktstat 2>&1)
case "$status" in
*"$release2, x86_64: installed"*) ok "DKMS built the module for $release2" ;;
*) fail "dkms status after the second kernel's headers: $status" ;;
esac
expect_eq "its vermagic" "$release2" \
	"$(modinfo -F vermagic "/lib/modules/$release2/updates/dkms/xt_pktstat.ko" 2>&1 | cut -d' ' -f1)"

# --- a kernel that enforces signatures, without DKMS's key enrolled -------------------
iptables-nft -F OUTPUT
ip6tables-nft -F OUTPUT
iptables-legacy -F OUTPUT
for _ in $(seq 1 20); do rmmod xt_pktstat 2>/dev/null && break; sleep 0.5; done
run "xt_pktstat unloaded" sh -c '! test -d /sys/module/xt_pktstat'
echo Y >/sys/module/module/parameters/sig_enforce
out=$(pktstat check --load 2>&1)
rc=$?
expect_eq "pktstat check --load refuses under enforcement" 1 "$rc"
case "$out" in
*mokutil*) ok "and says how to enroll the key: $out" ;;
*) fail "pktstat check --load says: $out" ;;
esac
echo "SYSTEM note: the kernel says: $(dmesg | grep -i -E 'xt_pktstat|key|sig' | tail -n 3 | tr '\n' ' ')"
run "no rule was half-made" sh -c '! iptables-nft -A OUTPUT -m pktstat --name x 2>/dev/null'

# --- purge ------------------------------------------------------------------------------
run "apt purge" sh -c 'apt-get purge -y -q xt-pktstat xt-pktstat-dkms >>/root/apt.log 2>&1'
expect_eq "dkms status after purge" "" "$(dkms status 2>/dev/null | grep pktstat)"
expect_eq "modules left" "" "$(find /lib/modules -name 'xt_pktstat.ko*')"
expect_eq "files left" "" "$(ls -d /usr/src/pktstat-* /usr/bin/pktstat \
	/usr/lib/x86_64-linux-gnu/xtables/libxt_pktstat.so /usr/share/munin/plugins/traffic_accounting* \
	/lib/systemd/system/pktstat* /etc/systemd/system/*/pktstat-exporter* /etc/systemd/system/*/pktstat-textfile* /etc/default/pktstat* \
	/etc/modprobe.d/pktstat* /lib/modprobe.d/pktstat* /etc/munin/plugin-conf.d/pktstat /usr/lib/modprobe.d/pktstat* 2>/dev/null)"

# --- the kernel's own view --------------------------------------------------------------
splat=$(dmesg | grep -E 'WARNING:|BUG:|Oops|UBSAN|KASAN|refcount_t:|general protection|Kernel panic' | head -n 5)
expect_eq "no kernel warning" "" "$splat"

echo "SYSTEM DONE failed=$failed"
