// SPDX-License-Identifier: GPL-2.0
/* pktstat bursts: windows of buckets with their mean, peak, p99 and the
 * buckets above a threshold; once, or following NAME/stream. */
#include <stdlib.h>
#include "cli.h"
#include "format.h"
#include "procfs.h"
#include "winacc.h"

struct bursts {
	struct pk_proc proc;
	const char *name;
	enum pk_format fmt;
	struct pk_winacc acc;
};

static void print_window(const struct pk_window *w, void *ctx)
{
	struct bursts *b = ctx;

	pk_print_window_row(stdout, b->fmt, b->acc.unit, w);
	fflush(stdout);
}

static int once(struct bursts *b)
{
	struct pk_data d = { 0 };
	struct pk_window *w;
	struct pk_err err;
	size_t n;

	if (pk_proc_stream(&b->proc, b->name, b->acc.period_ns, &d, &err)) {
		pk_data_free(&d);
		return pk_fail("%s", err.msg);
	}
	n = pk_windows(d.b, d.n, b->acc.period_ns, b->acc.window_ns,
		       b->acc.unit, b->acc.threshold, &w);
	pk_print_windows(stdout, b->fmt, b->name, b->acc.period_ns,
			 b->acc.window_ns, b->acc.unit, b->acc.threshold, w, n,
			 &d.lost);
	free(w);
	pk_data_free(&d);
	return PK_EXIT_OK;
}

static int follow_pass(struct bursts *b, struct pk_stream *s)
{
	struct pk_data d = { 0 };
	struct pk_err err;
	int rc = PK_EXIT_OK;

	if (pk_stream_read(s, &d, &err)) {
		rc = pk_fail("%s", err.msg);
	} else {
		if (d.lost.buckets)
			fprintf(stderr, "pktstat: %s: %llu buckets lost\n",
				b->name, (unsigned long long)d.lost.buckets);
		pk_winacc_add(&b->acc, &d);
	}
	pk_data_free(&d);
	return rc;
}

/* NAME/stream stays open; lost buckets are reported as they are seen, on
 * stderr. */
static int follow(struct bursts *b, const struct pk_opts *o)
{
	uint64_t interval = o->interval_ns ? o->interval_ns : 1000000000ull;
	uint64_t next = pk_now_ns();
	struct pk_stream s;
	struct pk_err err;
	int rc = PK_EXIT_OK;

	if (pk_stream_open(&s, &b->proc, b->name, b->acc.period_ns, &err))
		return pk_fail("%s", err.msg);
	pk_print_windows_header(stdout, b->fmt, b->name, b->acc.period_ns,
				b->acc.window_ns, b->acc.unit, b->acc.threshold);
	for (long i = 0; rc == PK_EXIT_OK && (!o->count || i < o->count); i++) {
		if (i && pk_sleep_until(next))
			break;
		rc = follow_pass(b, &s);
		next += interval;
	}
	pk_stream_close(&s);
	pk_winacc_free(&b->acc);
	return rc;
}

int cmd_bursts(const struct pk_opts *o)
{
	struct bursts b = { .proc = { .dir = o->proc }, .name = o->argv[0] };
	struct pk_info info;
	struct pk_err err;

	if (pk_format_parse(o->format, &b.fmt) || b.fmt == PK_JSON)
		return pk_usage_error("--format: \"%s\": use text or csv", o->format);
	if ((o->interval_set || o->count) && !o->follow)
		return pk_usage_error("bursts: --interval and --count need --follow");
	if (pk_proc_info(&b.proc, b.name, &info, &err))
		return pk_fail("%s", err.msg);
	b.acc = (struct pk_winacc){
		.period_ns = info.v[PK_I_PERIOD_NS],
		.window_ns = o->window_ns ? o->window_ns : 1000000000ull,
		.unit = o->unit, .threshold = o->threshold,
		.closed = print_window, .ctx = &b,
	};
	if (b.acc.window_ns % b.acc.period_ns)
		return pk_usage_error("--window must be a multiple of %s's period (%llu ns)",
				      info.name, (unsigned long long)b.acc.period_ns);
	return o->follow ? follow(&b, o) : once(&b);
}
