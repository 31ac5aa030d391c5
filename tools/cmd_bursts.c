// SPDX-License-Identifier: GPL-2.0
/* pktstat bursts: windows of buckets with their mean, peak, p99 and the
 * buckets above a threshold, or (--events) one line per burst; once, or
 * following NAME/stream. */
#include <stdlib.h>
#include "burstev.h"
#include "cli.h"
#include "follow.h"
#include "format.h"
#include "output.h"
#include "procfs.h"
#include "winacc.h"

struct bursts {
	struct pk_proc proc;
	const char *arg;	/* NAME as given; f.name is info's */
	struct pk_winfmt f;
	struct pk_winacc acc;
	int events;
	struct pk_evfmt ev;
	struct pk_burst_tracker tr;
};

/* The bursts the buckets ended; at the end (last), the open one too. */
static void take(struct bursts *b, const struct pk_data *d, int last)
{
	struct pk_burst done;

	if (!b->events) {
		pk_winacc_add(&b->acc, d);
		return;
	}
	pk_burst_events(stdout, &b->ev, &b->tr, d);
	if (last && pk_burst_flush(&b->tr, &done))
		pk_print_burst(stdout, &b->ev, &done);
}

static void header(const struct bursts *b)
{
	if (b->events)
		pk_print_burst_header(stdout, &b->ev);
	else
		pk_print_windows_header(stdout, &b->f);
}

static void print_window(const struct pk_window *w, void *ctx)
{
	struct bursts *b = ctx;

	pk_print_window_row(stdout, &b->f, w);
}

/* The windows of what was read are printed, even when a bad line ended
 * the read. */
static int once(struct bursts *b)
{
	struct pk_data d = { 0 };
	struct pk_window *w;
	struct pk_stream s;
	struct pk_err err;
	size_t n;
	int failed;

	if (pk_stream_open(&s, &b->proc, b->arg, b->f.period_ns, &err))
		return pk_fail("%s", err.msg);
	failed = pk_stream_read(&s, &d, &err);
	pk_stream_close(&s);
	if (b->events) {
		header(b);
		take(b, &d, 1);
		pk_warn_lost(b->f.name, &d.lost);
		pk_data_free(&d);
		return pk_out_then(failed, err.msg);
	}
	n = pk_windows(d.b, d.n, b->f.period_ns, b->f.window_ns, b->f.unit,
		       b->f.threshold, &w);
	pk_print_windows(stdout, &b->f, w, n, &d.lost);
	free(w);
	pk_data_free(&d);
	return pk_out_then(failed, err.msg);
}

/* Lost buckets are reported on stderr as they are seen; the buckets read
 * before a bad line are taken in before the error. */
static int follow_pass(struct bursts *b, struct pk_stream *s)
{
	struct pk_data d = { 0 };
	struct pk_err err;
	int failed = pk_stream_read(s, &d, &err);

	pk_warn_lost(b->f.name, &d.lost);
	take(b, &d, 0);
	pk_data_free(&d);
	return pk_out_then(failed, err.msg);
}

/* NAME/stream stays open; each window (each burst) is printed once
 * complete; a burst still open at the end (--count, SIGINT, SIGTERM, a
 * bad line) is printed then. */
static int follow(struct bursts *b, const struct pk_opts *o,
		  uint64_t interval)
{
	uint64_t next = pk_now_ns();
	struct pk_stream s;
	struct pk_err err;
	int rc = PK_EXIT_OK;

	if (pk_stream_open(&s, &b->proc, b->arg, b->f.period_ns, &err))
		return pk_fail("%s", err.msg);
	header(b);
	for (long i = 0; rc == PK_EXIT_OK && (!o->count || i < o->count); i++) {
		if (i && pk_sleep_until(next))
			break;
		rc = follow_pass(b, &s);
		next += interval;
	}
	if (b->events) {
		take(b, &(struct pk_data){ 0 }, 1);
		rc = rc ? rc : pk_out_check();
	}
	pk_stream_close(&s);
	pk_winacc_free(&b->acc);
	return rc;
}

static int events_setup(struct bursts *b, const struct pk_opts *o)
{
	if (o->window_ns)
		return pk_usage_error("bursts: --window does not apply to --events");
	b->events = 1;
	b->ev = (struct pk_evfmt){
		.fmt = b->f.fmt, .name = b->f.name,
		.period_ns = b->f.period_ns, .unit = o->unit,
		.threshold = o->threshold < 0 ? 0 : o->threshold,
		.max_gap = o->merge_gap,
	};
	pk_burst_init(&b->tr, b->ev.period_ns, o->unit, b->ev.threshold,
		      o->merge_gap);
	return 0;
}

int cmd_bursts(const struct pk_opts *o)
{
	struct bursts b = { .proc = { .dir = o->proc }, .arg = o->argv[0] };
	struct pk_info info;
	struct pk_err err;
	int rc;

	if (pk_format_parse(o->format, &b.f.fmt))
		return pk_usage_error("--format: \"%s\": use text, csv or json", o->format);
	if ((o->interval_set || o->count) && !o->follow)
		return pk_usage_error("bursts: --interval and --count need --follow");
	if (o->merge_gap_set && !o->events)
		return pk_usage_error("bursts: --merge-gap needs --events");
	if (pk_proc_info(&b.proc, b.arg, &info, &err))
		return pk_fail("%s", err.msg);
	b.f.name = info.name;
	b.f.period_ns = info.v[PK_I_PERIOD_NS];
	b.f.unit = o->unit;
	b.f.threshold = o->threshold;
	rc = o->events ? events_setup(&b, o) :
			 pk_follow_window(o, &info, &b.f.window_ns);
	if (rc)
		return rc;
	b.acc = (struct pk_winacc){
		.period_ns = b.f.period_ns, .window_ns = b.f.window_ns,
		.unit = o->unit, .threshold = o->threshold,
		.closed = print_window, .ctx = &b,
	};
	return o->follow ? follow(&b, o, pk_follow_interval(o, &info)) :
			   once(&b);
}
