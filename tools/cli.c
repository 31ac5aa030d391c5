// SPDX-License-Identifier: GPL-2.0
/* The command table, option parsing, help, and stopping on signals. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "addrs.h"
#include "cli.h"
#include "procfs.h"

static const struct pk_command commands[] = {
	{ "list", cmd_list, O_INTERVAL | O_UNIT | O_FORMAT, 0, 0,
	  "list [--interval DUR] [--format text|json]",
	  "Every statistics object and tag: totals and current rates. The\n"
	  "rates are the change of the counters in NAME/info and tags over\n"
	  "--interval (default 1s; 0 shows totals only). TAG_up/TAG_down\n"
	  "pairs are one row, sent and received; other tags a total of their\n"
	  "own. Does not drain data.\n" },
	{ "read", cmd_read, O_FORMAT | O_UNIT | O_ADDRESSES, 1, 1,
	  "read NAME [--addresses] [--format text|csv|json]",
	  "Prints each bucket NAME/stream still holds with its rate. Does\n"
	  "not drain: any number of readers, watch, bursts and cat NAME/data\n"
	  "each see every bucket (without NAME/stream: drains NAME/data).\n"
	  "--addresses: NAME/addresses instead, the frames and bytes each\n"
	  "address sent (src) and received (dst) since the object was made,\n"
	  "most bytes first, then other (what a full table could not place).\n" },
	{ "watch", cmd_watch, O_UNIT | O_INTERVAL | O_WINDOW | O_COUNT, 1, 1,
	  "watch NAME [--window DUR] [--interval DUR] [--count N]",
	  "Live view: one plot column per --window of buckets (default 1s,\n"
	  "rounded up to a multiple of the period), bar = mean rate, shade =\n"
	  "peak bucket; mean, peak, p50, p99 and peak/mean of the last\n"
	  "complete window. Keeps NAME/stream open (drains nothing), reads it\n"
	  "and redraws every --interval (default a quarter of the object's\n"
	  "period x samples, within 10ms..1s; a warning if it is longer than\n"
	  "half of that: buckets would be lost), --count times (default:\n"
	  "until interrupted).\n" },
	{ "top", cmd_top, O_UNIT | O_INTERVAL | O_COUNT | O_TOP, 1, 1,
	  "top NAME [--top N] [--interval DUR] [--count N]",
	  "Live view of NAME/addresses: reads it every --interval (default\n"
	  "1s) and shows the --top addresses (default 10) with the highest\n"
	  "rate over the last 2s, with their rates sent and received over 2s,\n"
	  "10s and 40s, then other and the total. --count blocks (default:\n"
	  "until interrupted); redrawn on a terminal, one after the other\n"
	  "otherwise.\n" },
	{ "bursts", cmd_bursts, O_UNIT | O_WINDOW | O_THRESHOLD | O_FORMAT |
	  O_FOLLOW | O_INTERVAL | O_COUNT | O_EVENTS | O_MERGE_GAP, 1, 1,
	  "bursts NAME [--window DUR | --events [--merge-gap N]] [--threshold RATE] [--format text|csv|json] [--follow]",
	  "Reads NAME/stream (drains nothing) and prints, per --window\n"
	  "(default 1s, rounded up to a multiple of the period): mean rate,\n"
	  "peak bucket rate, p99, and the buckets above --threshold (a rate in\n"
	  "--unit per second, e.g. 500M; default twice the window's mean);\n"
	  "json: one object per line. --follow keeps the stream open and\n"
	  "reads it every --interval (default as for watch), --count times or\n"
	  "until interrupted, and prints each window once complete.\n"
	  "--events: one line per burst instead: a run of buckets above\n"
	  "--threshold (default 0: any traffic), with at most --merge-gap\n"
	  "quiet buckets inside (default 0); lost buckets end a burst. Start\n"
	  "(UTC and ns), duration, buckets, peak bucket rate, frames, bytes.\n"
	  "With --follow each burst is printed when it ends, an open one at\n"
	  "the end (--count, SIGINT, SIGTERM).\n" },
	{ "prometheus", cmd_prometheus,
	  O_TEXTFILE | O_LISTEN | O_INTERVAL | O_COUNT | O_BURST_RATE |
	  O_BURST_THRESHOLD | O_ADDRESS_SERIES | O_HOSTS, 0, 0,
	  "prometheus (--textfile PATH [--interval DUR] | --listen ADDR:PORT)\n"
	  "                   [--burst-rate RATE[,RATE...]] [--burst-threshold RATE]\n"
	  "                   [--address-series N] [--hosts FILE]",
	  "Prometheus metrics: --textfile writes PATH atomically for\n"
	  "node_exporter's textfile collector (once, or every --interval);\n"
	  "--listen serves /metrics over HTTP (:PORT: IPv6 and IPv4; at most\n"
	  "256 connections, 16 per address, idle ones closed after 10s).\n"
	  "Does not drain data. Follows each object's NAME/stream (a reader\n"
	  "of its own, read every quarter of period x samples, 10ms..1s) for\n"
	  "the histogram pktstat_bucket_bytes (le: powers of 2 from 64 bytes\n"
	  "to a bucket at 100 Gbit/s, the largest 24; or the bytes a bucket\n"
	  "holds at each --burst-rate, in bit/s, at most 24), the busiest\n"
	  "bucket (bytes/s) over the last 10s and 60s, and the buckets and\n"
	  "bursts above --burst-threshold (bit/s, default 1G).\n"
	  "Objects with an address table: frames and bytes each address sent\n"
	  "and received, for at most --address-series addresses per object\n"
	  "(default 100; the most bytes when first seen, kept for good), the\n"
	  "others summed in address=\"other\"; a hostname label from --hosts\n"
	  "FILE (/etc/hosts, dnsmasq leases or dhcp-host lines; read again\n"
	  "when it changes).\n" },
	{ "graphite", cmd_graphite, O_INTERVAL | O_COUNT | O_PREFIX |
	  O_BURST_THRESHOLD, 1, 1,
	  "graphite HOST:PORT [--interval DUR] [--prefix P] [--count N] [--burst-threshold RATE]",
	  "Sends the counters with graphite's plaintext protocol every\n"
	  "--interval (default 60s), as P.objects.NAME.{frames,bytes,...}\n"
	  "and P.tags.FAMILY.TAG.{frames,bytes}; P (--prefix, default pktstat)\n"
	  "is letters, digits, _ and - with dots between parts. Lines not\n"
	  "sent wait for the next send, 16 MiB at most (the oldest dropped).\n"
	  "Follows each object's NAME/stream (drains nothing) and sends, for\n"
	  "each --interval window of buckets (at multiples of it since the\n"
	  "epoch) once complete, stamped with its start:\n"
	  "P.objects.NAME.bucket_{bytes,frames}_per_second.{mean,peak,p99}\n"
	  "(p99 within 0.8%) and P.objects.NAME.buckets_above_threshold\n"
	  "(--burst-threshold, bit/s, default 1G).\n" },
	{ "csv", cmd_csv, O_INTERVAL | O_COUNT | O_BURST_THRESHOLD | O_ADDRESSES,
	  1, 1,
	  "csv DIR [--interval DUR] [--count N] [--burst-threshold RATE | --addresses]",
	  "Writes DIR/pktstat_START_END.csv every --interval (default 60s),\n"
	  "at multiples of it since the epoch, with the frames and bytes each\n"
	  "object and tag counted in it and the interval's start and end; on\n"
	  "SIGTERM or SIGINT, the interval so far. Follows each object's\n"
	  "NAME/stream (drains nothing) and adds, from the buckets starting in\n"
	  "the interval: buckets read and lost, mean, peak and p99 bucket rate\n"
	  "(bytes/s), buckets above --burst-threshold (bit/s, default 1G),\n"
	  "and the same rates in frames/s.\n"
	  "--addresses: go-nflog-acctd's files instead, for each object with\n"
	  "an address table: DIR/NAME/START_END.csv (local time, as\n"
	  "2026-11-22-120000), Time,IP,SourceBytes,SourcePackets,DestBytes,\n"
	  "DestPackets, a row per address that counted anything in the\n"
	  "interval, and other (what a full table could not place) if it did.\n" },
	{ "munin", cmd_munin, 0, 0, 1, "munin [config|fetch|autoconf|suggest]",
	  "The munin traffic_accounting plugin, as the multigraph\n"
	  "traffic_accounting. Install it with the wrapper scripts of\n"
	  "PREFIX/share/munin/plugins (munin-node-configure --suggest, or\n"
	  "ln -s into /etc/munin/plugins), or link pktstat itself as\n"
	  "/etc/munin/plugins/traffic_accounting (see pktstat(1)).\n" },
	{ "munin-plugin", cmd_munin_plugin, 0, 1, 2,
	  "munin-plugin NAME [config|fetch|autoconf|suggest]",
	  "The munin plugin as if pktstat were linked as NAME:\n"
	  "traffic_accounting (multigraph), traffic_accounting_ipv4_TAG or\n"
	  "traffic_accounting_ipv6_TAG; for the wrapper scripts installed in\n"
	  "PREFIX/share/munin/plugins, which run it with their own name.\n" },
	{ "check", cmd_check, O_LOAD | O_QUIET, 0, 0, "check [--load] [--quiet]",
	  "Whether iptables can use -m pktstat here, for boot scripts to run\n"
	  "before iptables-restore (which refuses all the rules when one\n"
	  "match cannot load): the iptables plugin libxt_pktstat.so is\n"
	  "installed, and xt_pktstat is loaded (its files readable by the\n"
	  "caller), or built for the running kernel and, when the kernel\n"
	  "wants signed modules (Secure Boot), signed. --load: modprobe it\n"
	  "when not loaded. Status 0 and a line on stdout (none with\n"
	  "--quiet) when usable; 1 and what to do on stderr when not.\n" },
};

#define NCOMMANDS (sizeof(commands) / sizeof(*commands))

const struct pk_command *pk_command_find(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

void pk_usage(FILE *f)
{
	fprintf(f, "usage: pktstat [--proc DIR] [--unit bits|bytes|packets] "
		"COMMAND [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  pktstat %s\n", commands[i].usage);
	fprintf(f, "\nWith no command: list. 'pktstat COMMAND --help' for "
		"more; see pktstat(1).\nExit status: 0 ok, 1 failure (check: "
		"-m pktstat rules would fail), 2 usage error.\n");
}

void pk_command_usage(FILE *f, const struct pk_command *c)
{
	fprintf(f, "usage: pktstat [--proc DIR] [--unit bits|bytes|packets] "
		"%s\n\n%s\n--proc DIR reads DIR instead of %s.\n", c->usage,
		c->help, PK_PROC_DEFAULT);
}

static int vreport(const char *what, const char *fmt, va_list ap)
{
	fprintf(stderr, "pktstat: %s", what);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	return 0;
}

int pk_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
	return PK_EXIT_RUNTIME;
}

int pk_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport("", fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try 'pktstat --help'.\n");
	return PK_EXIT_USAGE;
}

static const struct option long_options[] = {
	{ "proc", required_argument, NULL, 'P' },
	{ "unit", required_argument, NULL, 'u' },
	{ "format", required_argument, NULL, 'f' },
	{ "interval", required_argument, NULL, 'i' },
	{ "window", required_argument, NULL, 'w' },
	{ "threshold", required_argument, NULL, 't' },
	{ "count", required_argument, NULL, 'c' },
	{ "textfile", required_argument, NULL, 'T' },
	{ "listen", required_argument, NULL, 'l' },
	{ "prefix", required_argument, NULL, 'p' },
	{ "follow", no_argument, NULL, 'F' },
	{ "events", no_argument, NULL, 'E' },
	{ "merge-gap", required_argument, NULL, 'g' },
	{ "burst-rate", required_argument, NULL, 'R' },
	{ "burst-threshold", required_argument, NULL, 'B' },
	{ "addresses", no_argument, NULL, 'A' },
	{ "top", required_argument, NULL, 'N' },
	{ "address-series", required_argument, NULL, 'S' },
	{ "hosts", required_argument, NULL, 'H' },
	{ "load", no_argument, NULL, 'L' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static unsigned int option_bit(int ch)
{
	switch (ch) {
	case 'u': return O_UNIT;
	case 'f': return O_FORMAT;
	case 'i': return O_INTERVAL;
	case 'w': return O_WINDOW;
	case 't': return O_THRESHOLD;
	case 'c': return O_COUNT;
	case 'T': return O_TEXTFILE;
	case 'l': return O_LISTEN;
	case 'p': return O_PREFIX;
	case 'F': return O_FOLLOW;
	case 'E': return O_EVENTS;
	case 'g': return O_MERGE_GAP;
	case 'R': return O_BURST_RATE;
	case 'B': return O_BURST_THRESHOLD;
	case 'A': return O_ADDRESSES;
	case 'N': return O_TOP;
	case 'S': return O_ADDRESS_SERIES;
	case 'H': return O_HOSTS;
	case 'L': return O_LOAD;
	case 'q': return O_QUIET;
	default: return 0;
	}
}

/* --count and --top: a number from 1 on. */
static int parse_count(const char *option, const char *arg, long *n)
{
	char *end;

	errno = 0;
	*n = strtol(arg, &end, 10);
	return (errno || *end || *n < 1) ?
		pk_usage_error("%s: \"%s\" is not a positive number", option, arg) : 0;
}

/* --address-series: 0 (every address in other) up to the largest table. */
static int parse_series(const char *arg, long *n)
{
	uint64_t v;

	if (pk_parse_u64(arg, &v) || v > PK_ADDRESSES_MAX)
		return pk_usage_error("--address-series: \"%s\" is not a number "
				      "from 0 to %u", arg, PK_ADDRESSES_MAX);
	*n = (long)v;
	return 0;
}

static int set_option(int ch, const char *arg, struct pk_opts *o)
{
	switch (ch) {
	case 'P': o->proc = arg; return 0;
	case 'u':
		return pk_unit_parse(arg, &o->unit) ?
			pk_usage_error("--unit: \"%s\": use bits, bytes or packets", arg) : 0;
	case 'f': o->format = arg; return 0;
	case 'i':
		o->interval_set = 1;
		if (!strcmp(arg, "0")) {
			o->interval_ns = 0;
			return 0;
		}
		return pk_parse_duration(arg, &o->interval_ns) ?
			pk_usage_error("--interval: \"%s\" is not a duration (e.g. 1s, 250ms)", arg) : 0;
	case 'w':
		return pk_parse_duration(arg, &o->window_ns) ?
			pk_usage_error("--window: \"%s\" is not a duration (e.g. 1s, 100ms)", arg) : 0;
	case 't':
		return pk_parse_si(arg, &o->threshold) ?
			pk_usage_error("--threshold: \"%s\" is not a rate (e.g. 500M)", arg) : 0;
	case 'c': return parse_count("--count", arg, &o->count);
	case 'T': o->textfile = arg; return 0;
	case 'l': o->listen = arg; return 0;
	case 'p': o->prefix = arg; return 0;
	case 'F': o->follow = 1; return 0;
	case 'E': o->events = 1; return 0;
	case 'g':
		o->merge_gap_set = 1;
		return pk_parse_u64(arg, &o->merge_gap) ?
			pk_usage_error("--merge-gap: \"%s\" is not a number of buckets", arg) : 0;
	case 'R': o->burst_rate = arg; return 0;
	case 'B':
		return pk_parse_si(arg, &o->burst_threshold) ?
			pk_usage_error("--burst-threshold: \"%s\" is not a rate (e.g. 1G)", arg) : 0;
	case 'A': o->addresses = 1; return 0;
	case 'N': return parse_count("--top", arg, &o->top);
	case 'S': return parse_series(arg, &o->address_series);
	case 'H': o->hosts = arg; return 0;
	case 'L': o->load = 1; return 0;
	case 'q': o->quiet = 1; return 0;
	default: return PK_EXIT_USAGE;
	}
}

static int check_args(const struct pk_command *c, const struct pk_opts *o)
{
	if (o->argc < c->min_args)
		return pk_usage_error("%s: missing argument: pktstat %s",
				      c->name, c->usage);
	if (o->argc > c->max_args)
		return pk_usage_error("%s: unexpected argument \"%s\"", c->name,
				      o->argv[c->max_args]);
	return 0;
}

int pk_opts_parse(int argc, char **argv, const struct pk_command *c,
		  struct pk_opts *o)
{
	int ch, rc, idx;

	optind = 1;
	opterr = 0;
	while ((ch = getopt_long(argc, argv, "h", long_options, &idx)) != -1) {
		if (ch == 'h') {
			pk_command_usage(stdout, c);
			return -1;
		}
		if (ch == '?' || ch == ':')
			return pk_usage_error("%s: unknown option or missing value: %s",
					      c->name, argv[optind - 1]);
		/* by its name: argv[optind - 1] may be its value */
		if (option_bit(ch) && !(c->options & option_bit(ch)))
			return pk_usage_error("%s does not take --%s", c->name,
					      long_options[idx].name);
		rc = set_option(ch, optarg, o);
		if (rc)
			return rc;
	}
	o->argc = argc - optind;
	o->argv = argv + optind;
	return check_args(c, o);
}

static volatile sig_atomic_t stop_flag;

static void on_signal(int sig)
{
	(void)sig;
	stop_flag = 1;
}

void pk_signals_init(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
}

int pk_stopping(void)
{
	return stop_flag;
}

void pk_stop(void)
{
	stop_flag = 1;
}

static int sleep_until(clockid_t clock, uint64_t t_ns)
{
	struct timespec ts = {
		.tv_sec = (time_t)(t_ns / 1000000000ull),
		.tv_nsec = (long)(t_ns % 1000000000ull),
	};

	while (!stop_flag &&
	       clock_nanosleep(clock, TIMER_ABSTIME, &ts, NULL) == EINTR)
		;
	return stop_flag ? -1 : 0;
}

int pk_sleep_until(uint64_t t_ns)
{
	return sleep_until(CLOCK_MONOTONIC, t_ns);
}

int pk_sleep_until_real(uint64_t t_ns)
{
	return sleep_until(CLOCK_REALTIME, t_ns);
}
