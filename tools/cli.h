/* SPDX-License-Identifier: GPL-2.0 */
/* Command-line options shared by the commands, and the commands. */
#ifndef PKTSTAT_CLI_H
#define PKTSTAT_CLI_H

#include <stdint.h>
#include <stdio.h>
#include "units.h"

enum {
	PK_EXIT_OK = 0,
	PK_EXIT_RUNTIME = 1,
	PK_EXIT_USAGE = 2,
};

enum pk_opt_bit {
	O_UNIT = 1 << 0,
	O_FORMAT = 1 << 1,
	O_INTERVAL = 1 << 2,
	O_WINDOW = 1 << 3,
	O_THRESHOLD = 1 << 4,
	O_COUNT = 1 << 5,
	O_TEXTFILE = 1 << 6,
	O_LISTEN = 1 << 7,
	O_PREFIX = 1 << 8,
	O_FOLLOW = 1 << 9,
	O_EVENTS = 1 << 10,
	O_MERGE_GAP = 1 << 11,
	O_BURST_RATE = 1 << 12,
	O_BURST_THRESHOLD = 1 << 13,
	O_ADDRESSES = 1 << 14,
	O_TOP = 1 << 15,
	O_ADDRESS_SERIES = 1 << 16,
	O_HOSTS = 1 << 17,
	O_LOAD = 1 << 18,
	O_QUIET = 1 << 19,
};

struct pk_opts {
	const char *proc;
	enum pk_unit unit;
	const char *format;
	uint64_t interval_ns;	/* 0: not given, or "0" */
	int interval_set;
	uint64_t window_ns;
	double threshold;	/* < 0: not given */
	long count;		/* 0: forever */
	const char *textfile;
	const char *listen;
	const char *prefix;
	int follow;
	int events;		/* bursts --events */
	uint64_t merge_gap;	/* bursts --merge-gap */
	int merge_gap_set;
	const char *burst_rate;	/* prometheus --burst-rate */
	double burst_threshold;	/* --burst-threshold (exporters), < 0: not given */
	int addresses;		/* read and csv --addresses */
	long top;		/* top --top, 0: not given */
	long address_series;	/* prometheus --address-series, < 0: not given */
	const char *hosts;	/* prometheus --hosts */
	int load;		/* check --load */
	int quiet;		/* check --quiet */
	int argc;		/* positional arguments after the command */
	char **argv;
};

struct pk_command {
	const char *name;
	int (*run)(const struct pk_opts *o);
	unsigned int options;	/* enum pk_opt_bit */
	int min_args, max_args;
	const char *usage;
	const char *help;
};

const struct pk_command *pk_command_find(const char *name);
void pk_usage(FILE *f);
void pk_command_usage(FILE *f, const struct pk_command *c);
/* 0 ok, PK_EXIT_USAGE with a message printed, or -1 after --help. */
int pk_opts_parse(int argc, char **argv, const struct pk_command *c,
		  struct pk_opts *o);
int pk_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int pk_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Loops stop at SIGINT/SIGTERM. */
void pk_signals_init(void);
int pk_stopping(void);
/* Asks the loops to stop, as SIGINT does (the output's reader is gone). */
void pk_stop(void);
/* Sleeps until CLOCK_MONOTONIC reaches t_ns; -1 when asked to stop. */
int pk_sleep_until(uint64_t t_ns);
/* The same with CLOCK_REALTIME (ns since the epoch). */
int pk_sleep_until_real(uint64_t t_ns);

int cmd_list(const struct pk_opts *o);
int cmd_read(const struct pk_opts *o);
int cmd_read_addresses(const struct pk_opts *o);
int cmd_top(const struct pk_opts *o);
int cmd_watch(const struct pk_opts *o);
int cmd_bursts(const struct pk_opts *o);
int cmd_prometheus(const struct pk_opts *o);
int cmd_graphite(const struct pk_opts *o);
int cmd_csv(const struct pk_opts *o);
/* csv DIR --addresses, with the interval csv chose */
int cmd_csv_addresses(const struct pk_opts *o, uint64_t interval_ns);
int cmd_munin(const struct pk_opts *o);
/* munin-plugin NAME [ARG]: the plugin as if linked as NAME */
int cmd_munin_plugin(const struct pk_opts *o);
int cmd_check(const struct pk_opts *o);
/* munin plugin mode, when called as traffic_accounting or
 * traffic_accounting_ipv4_TAG: argv[0] is the plugin name */
int pk_munin_main(const char *plugin, int argc, char **argv);

#endif
