# Turns the raw lines of a benchmark run (tests/bench/run.sh writes them to
# build/bench/raw.txt) into the table and the targets.
#   awk -f tests/bench/report.awk build/bench/raw.txt

function median(list, n,    i, j, t, v) {
	# list: "a b c" -> median of the numbers
	n = split(list, v, " ")
	if (n == 0)
		return ""
	for (i = 2; i <= n; i++) {
		t = v[i] + 0
		for (j = i - 1; j >= 1 && v[j] + 0 > t; j--)
			v[j + 1] = v[j]
		v[j + 1] = t
	}
	return n % 2 ? v[(n + 1) / 2] + 0 : (v[n / 2] + v[n / 2 + 1]) / 2
}
function minof(list,    n, i, v, m) {
	n = split(list, v, " "); m = v[1] + 0
	for (i = 2; i <= n; i++) if (v[i] + 0 < m) m = v[i] + 0
	return m
}
function maxof(list,    n, i, v, m) {
	n = split(list, v, " "); m = v[1] + 0
	for (i = 2; i <= n; i++) if (v[i] + 0 > m) m = v[i] + 0
	return m
}
function kv(line, key,    n, i, f) {
	n = split(line, f, " ")
	for (i = 1; i <= n; i++)
		if (index(f[i], key "=") == 1)
			return substr(f[i], length(key) + 2)
	return ""
}
function verdict(value, limit, strict) {
	if (value == "")
		return "not measured"
	if (strict ? value < limit : value <= limit)
		return "met"
	return sprintf("MISSED by %.0f%%", (value / limit - 1) * 100)
}
function verdict_min(value, limit) {
	if (value == "")
		return "not measured"
	if (value >= limit)
		return "met"
	return sprintf("MISSED by %.0f%%", (1 - value / limit) * 100)
}
function fmt(v, f) { return v == "" ? "-" : sprintf(f, v) }
function perrule(st) { return skib[st] == "" ? "-" : sprintf("%.0f", skib[st] * 1024 / scale_n) }

BEGIN {
	desc["base"] = "(baseline: the DROP rule alone)"
	desc["comment"] = "-m comment --comment ruleN"
	desc["nfacct"] = "-m nfacct --nfacct-name acctN"
	desc["quota"] = "-m quota --quota 10^15"
	desc["statistic"] = "-m statistic --mode nth --every 10^9"
	desc["tag"] = "-m pktstat --tag tagN"
	desc["buckets"] = "-m pktstat --period 100us"
	desc["both"] = "-m pktstat --period 100us --tag tagN"
	desc["shared"] = "-m pktstat --name shared --period 100us"
	desc["addresses"] = "-m pktstat --period 100us --by src (one source)"
	norder = split("base comment nfacct quota statistic tag buckets both shared addresses", order, " ")
}

/^META / { meta = substr($0, 6) }
/^BENCH kind=/ {
	kind = kv($0, "kind"); r = kv($0, "round") + 0
	seen = kv($0, "seen") + 0; usec = kv($0, "usec") + 0
	K = kv($0, "k") + 0
	if (seen > 0 && usec > 0) {
		nsp[kind, r] = usec * 1000 / seen
		pps[kind] = pps[kind] " " seen * 1e6 / usec
	}
	if (kv($0, "ok") != "1")
		bad[kind]++
	runs[kind]++
	if (r > rounds)
		rounds = r
	if (!(kind in known)) {
		known[kind] = 1
		if (index(kind, "@")) {
			order[++norder] = kind
			split(kind, kp, "@")
			desc[kind] = "as " kp[1] ", module variant " kp[2]
		}
	}
}
/^BENCH-NOTE / { notes = notes "  note: " substr($0, 12) "\n" }
/^BENCH-FAIL / { notes = notes "  FAILED: " substr($0, 12) "\n" }
/^BENCHMEM / { mem[kv($0, "samples")] = kv($0, "memory_bytes"); cpus = kv($0, "cpus") }
/^BENCHDRAIN / { f = kv($0, "file"); drain[f] = 1; dn[f] = kv($0, "buckets"); dbusy[f] = kv($0, "busy"); dlines[f] = kv($0, "lines"); dsec[f] = kv($0, "sec"); if (dsec[f] > 0) drate[f] = dn[f] / dsec[f] / 1e6 }
/^BENCHIDLE / { idle_cpu = kv($0, "cpu_us"); idle_wall = kv($0, "wall_us"); idle_passes = kv($0, "passes"); if (idle_wall > 0) idle_pct = idle_cpu / idle_wall * 100 }
/^BENCHREAD / { kread_lines = kv($0, "lines"); kread_sec = kv($0, "sec"); kread_bytes = kv($0, "bytes") }
/^BENCHCLOCK / { clocksource = kv($0, "clocksource") }
/^BENCHSCALE / { st = kv($0, "step"); ssec[st] = kv($0, "sec"); skib[st] = kv($0, "kib"); scale_n = kv($0, "n") }
/^CALLGRIND / { ir[kv($0, "mode")] = kv($0, "ir_per_update") }
/^threads / {
	thr[kv($0, "kind"), kv($0, "threads")] = kv($0, "updates_per_s")
	spd[kv($0, "kind"), kv($0, "threads")] = kv($0, "speedup")
	cspd[kv($0, "kind"), kv($0, "threads")] = kv($0, "cpu_speedup")
}
/^READER / { rd[kv($0, "format")] = kv($0, "sec") " " kv($0, "maxrss_kb"); rdn = kv($0, "buckets"); if (kv($0, "status") != "0") rdbad = 1 }
/^READER-NOTE / { rdnote = substr($0, 13) }

END {
	printf "pktstat bench: %s\n\n", meta
	# per round: cost per rule against the same round's baseline
	for (i = 1; i <= norder; i++) {
		kind = order[i]
		for (r = 1; r <= rounds; r++) {
			if (!((kind, r) in nsp) || !(("base", r) in nsp))
				continue
			c = (nsp[kind, r] - nsp["base", r]) / K
			cost[kind, r] = c
			costs[kind] = costs[kind] " " c
		}
	}
	for (i = 1; i <= norder; i++) {
		kind = order[i]
		for (r = 1; r <= rounds; r++) {
			if (!((kind, r) in cost))
				continue
			if (("nfacct", r) in cost && cost["nfacct", r] > 0)
				rn[kind] = rn[kind] " " cost[kind, r] / cost["nfacct", r]
			if (("comment", r) in cost && cost["comment", r] > 0)
				rc[kind] = rc[kind] " " cost[kind, r] / cost["comment", r]
			if (("buckets", r) in cost && cost["buckets", r] > 0)
				rb[kind] = rb[kind] " " cost[kind, r] / cost["buckets", r]
		}
	}
	printf "Packets through %d rules of each kind (raw PREROUTING of the receiving netns), %d round(s), median;\nns/rule = (ns per packet - baseline's ns per packet) / %d, same round; range over rounds.\n\n", K, rounds, K
	kw = 10
	for (i = 1; i <= norder; i++)
		if (length(order[i]) > kw)
			kw = length(order[i])
	row = "%-" kw "s %-41s %7.4f %8s %15s %9s %10s %s\n"
	printf "%-" kw "s %-41s %7s %8s %15s %9s %10s %s\n", "kind", "each rule", "Mpps", "ns/rule", "(range)", "/nfacct", "/comment", "counted"
	for (i = 1; i <= norder; i++) {
		kind = order[i]
		if (!(kind in runs))
			continue
		m = median(pps[kind])
		if (kind == "base") {
			printf row, "none", desc[kind], m / 1e6, "-", "", "-", "-", bad[kind] ? "LOST" : "all"
			continue
		}
		c = median(costs[kind])
		range = costs[kind] == "" ? "" : sprintf("(%.0f..%.0f)", minof(costs[kind]), maxof(costs[kind]))
		med_n[kind] = median(rn[kind]); med_c[kind] = median(rc[kind]); med_b[kind] = median(rb[kind])
		printf row, kind, desc[kind], m / 1e6, fmt(c, "%.0f"), range, fmt(med_n[kind], "%.2f"), fmt(med_c[kind], "%.2f"), bad[kind] ? "LOST" : "all"
	}
	if (clocksource != "")
		printf "\nguest clocksource: %s\n", clocksource
	printf "%s", notes

	printf "\nMemory per object (memory_bytes from /proc/net/xt_pktstat/NAME/info, %s CPUs):\n", cpus == "" ? "?" : cpus
	for (s in mem)
		printf "  --samples %-8s %12d bytes  (%.1f bytes per sample per CPU)\n", s, mem[s], (cpus > 0 && s > 0 ? mem[s] / cpus / s : 0)
	printf "  a rule with only --tag keeps no buckets; rules with one --name share one object\n"

	printf "\nUpdate path micro-benchmark (kernel/pktstat_bucket.h compiled in userspace):\n"
	printf "  instructions per update (callgrind, deterministic):\n"
	printf "    %-44s %s\n", "in the open bucket (fast path)", fmt(ir["fast"], "%.1f")
	printf "    %-44s %s\n", "1 Mpps into 100us buckets (amortised)", fmt(ir["mpps"], "%.1f")
	printf "    %-44s %s\n", "every packet opens a new bucket", fmt(ir["roll"], "%.1f")
	printf "    %-44s %s\n", "1 Mpps, with seqcount + preempt/bh counts", fmt(ir["ring"], "%.1f")
	printf "  throughput, one object, each thread its own ring (best of 3; 2 threads vs 1,\n"
	printf "  by wall clock and by each thread's own CPU time, which a busy host does not skew):\n"
	split("ring ring+clock shared-atomic", tk, " ")
	tl["ring"] = "per-thread rings"
	tl["ring+clock"] = "per-thread rings + clock_gettime each"
	tl["shared-atomic"] = "contrast: one shared atomic counter"
	for (i = 1; i <= 3; i++)
		if ((tk[i], 1) in thr)
			printf "    %-38s 1 thread %6.1f M/s  2 threads %6.1f M/s  x%s wall  x%s CPU time\n", tl[tk[i]], thr[tk[i], 1] / 1e6, thr[tk[i], 2] / 1e6, spd[tk[i], 2], cspd[tk[i], 2]
	printf "\nReader:\n"
	for (f in rd) {
		split(rd[f], v, " ")
		printf "  pktstat read --format %-5s %d buckets: %.2f s, %.2f M buckets/s, peak RSS %.1f MiB%s\n", f, rdn, v[1], (v[1] > 0 ? rdn / v[1] / 1e6 : 0), v[2] / 1024, rdbad ? " (FAILED)" : ""
	}
	if (rdnote != "")
		printf "  %s\n", rdnote
	if (kread_lines != "")
		printf "  kernel side (in the VM): cat NAME/data, %d lines (%.1f MB) of 10us buckets in %.2f s: %.2f M lines/s\n", kread_lines, kread_bytes / 1e6, kread_sec, (kread_sec > 0 ? kread_lines / kread_sec / 1e6 : 0)

	for (f in drain)
		printf "  kernel side (in the VM): NAME/%-6s read whole, %d buckets of 10us, %.0f%% busy, in %d lines, %.3f s: %.2f M buckets/s\n", f, dn[f], (dn[f] > 0 ? dbusy[f] / dn[f] * 100 : 0), dlines[f], dsec[f], drate[f]
	if (idle_wall != "")
		printf "  following an idle 10us object (NAME/stream every 250ms, %d passes): %.2f%% of a CPU\n", idle_passes, idle_pct

	if (scale_n != "") {
		printf "\nScale: %d rules in a chain nothing jumps to (fastest of 3, seconds; memory: what one\nrestore adds to the kernel's Slab + Percpu + VmallocUsed, per rule):\n", scale_n
		printf "  %-34s %16s %16s %16s\n", "", "pktstat --name", "pktstat --tag", "nfacct"
		printf "  %-34s %16s %16s %16s\n", "nfacct restore (the objects)", "-", "-", fmt(ssec["create-nfacct"], "%.3f")
		printf "  %-34s %16s %16s %16s\n", "iptables-restore", fmt(ssec["restore-objects"], "%.3f"), fmt(ssec["restore-tags"], "%.3f"), fmt(ssec["restore-nfacct"], "%.3f")
		printf "  %-34s %16s %16s %16s\n", "pktstat list / nfacct list", fmt(ssec["list-objects"], "%.3f"), fmt(ssec["list-tags"], "%.3f"), fmt(ssec["list-nfacct"], "%.3f")
		printf "  %-34s %16s %16s %16s\n", "pktstat prometheus --textfile", fmt(ssec["scrape-objects"], "%.3f"), fmt(ssec["scrape-tags"], "%.3f"), "-"
		printf "  %-34s %16s %16s %16s\n", "bytes per rule", perrule("restore-objects"), perrule("restore-tags"), (skib["create-nfacct"] == "" ? "-" : sprintf("%.0f+%.0f", skib["create-nfacct"] * 1024 / scale_n, skib["restore-nfacct"] * 1024 / scale_n))
		# nfacct's ruleset is its objects and its rules: two commands
		if (ssec["restore-objects"] != "" && ssec["restore-nfacct"] + ssec["create-nfacct"] > 0)
			r_restore = ssec["restore-objects"] / (ssec["restore-nfacct"] + ssec["create-nfacct"])
		if (ssec["scrape-objects"] != "" && ssec["list-nfacct"] > 0)
			r_scrape = ssec["scrape-objects"] / ssec["list-nfacct"]
		if (ssec["scrape-objects"] != "")
			scrape_ms = ssec["scrape-objects"] * 1000
	}

	printf "\nTargets:\n"
	printf "  %-52s %8s  %s\n", "pktstat --period 100us / nfacct <= 1.00", fmt(med_n["buckets"], "%.2f"), verdict(med_n["buckets"], 1.0, 0)
	printf "  %-52s %8s  %s\n", "pktstat --tag / comment <= 1.50", fmt(med_c["tag"], "%.2f"), verdict(med_c["tag"], 1.5, 0)
	printf "  %-52s %8s  %s\n", "one shared --name / separate objects <= 1.00", fmt(med_b["shared"], "%.2f"), verdict(med_b["shared"], 1.0, 0)
	printf "  %-52s %8s  %s\n", "update path instructions per packet < 60", fmt(ir["mpps"], "%.1f"), verdict(ir["mpps"], 60, 1)
	printf "  %-52s %8s  %s\n", "NAME/stream drain, 10% busy >= 5 M buckets/s", fmt(drate["stream"], "%.2f"), verdict_min(drate["stream"], 5)
	printf "  %-52s %8s  %s\n", "idle 10us object, following reader <= 1% CPU", fmt(idle_pct, "%.2f"), verdict(idle_pct, 1, 0)
	if (scale_n != "") {
		printf "  %-52s %8s  %s\n", "restore " scale_n " --name / nfacct objects+rules <= 1", fmt(r_restore, "%.2f"), verdict(r_restore, 1.0, 0)
		printf "  %-52s %8s  %s\n", "scrape of " scale_n " objects / nfacct list <= 1.00", fmt(r_scrape, "%.2f"), verdict(r_scrape, 1.0, 0)
		printf "  %-52s %8s  %s\n", "scrape of " scale_n " objects < 200 ms", fmt(scrape_ms, "%.0f"), verdict(scrape_ms, 200, 1)
	}
	printf "  (also: --period 100us --tag / nfacct = %s; per-thread rings, 2 threads: x%s wall, x%s CPU time)\n", fmt(med_n["both"], "%.2f"), ((("ring", 2) in spd) ? spd["ring", 2] : "-"), ((("ring", 2) in cspd) ? cspd["ring", 2] : "-")
}
