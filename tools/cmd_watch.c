// SPDX-License-Identifier: GPL-2.0
/* pktstat watch: reads NAME/stream, kept open, every --interval, groups the
 * buckets in windows by their start time, and redraws the plot. */
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "follow.h"
#include "output.h"
#include "plot.h"
#include "procfs.h"
#include "term.h"
#include "winacc.h"

#define MAX_WINDOWS	512

struct watch {
	struct pk_proc proc;
	const char *name;
	struct pk_stream stream;
	struct pk_winacc acc;
	struct pk_window w[MAX_WINDOWS + 1];	/* + the open window */
	size_t n;				/* complete windows */
};

static void keep_window(const struct pk_window *w, void *ctx)
{
	struct watch *s = ctx;

	if (s->n == MAX_WINDOWS)
		memmove(s->w, s->w + 1, --s->n * sizeof(*s->w));
	s->w[s->n++] = *w;
}

static void draw_plot(FILE *out, void *ctx)
{
	struct watch *s = ctx;
	struct pk_screen sc = {
		.name = s->name, .period_ns = s->acc.period_ns,
		.window_ns = s->acc.window_ns, .unit = s->acc.unit, .w = s->w,
		.n = s->n, .last = s->n ? &s->w[s->n - 1] : NULL,
		.buckets = s->acc.buckets, .lost_buckets = s->acc.lost,
	};

	/* the open window is drawn, not summarised in the statistics */
	sc.n += pk_winacc_open(&s->acc, &s->w[s->n]);
	pk_term_size(&sc.width, &sc.height);
	pk_plot(out, &sc);
}

/* The buckets read before a bad line are drawn before the error. */
static int tick(struct watch *s, int tty)
{
	struct pk_data d = { 0 };
	struct pk_err err;
	int failed = pk_stream_read(&s->stream, &d, &err);

	pk_winacc_add(&s->acc, &d);
	pk_data_free(&d);
	pk_term_frame(tty, draw_plot, s);
	return pk_out_then(failed, err.msg);
}

static int setup(struct watch *s, const struct pk_opts *o,
		 uint64_t *interval)
{
	struct pk_info info;
	struct pk_err err;
	int rc;

	s->proc.dir = o->proc;
	s->name = o->argv[0];
	if (pk_proc_info(&s->proc, s->name, &info, &err))
		return pk_fail("%s", err.msg);
	s->acc = (struct pk_winacc){
		.period_ns = info.v[PK_I_PERIOD_NS],
		.unit = o->unit, .threshold = -1,
		.closed = keep_window, .ctx = s,
	};
	rc = pk_follow_window(o, &info, &s->acc.window_ns);
	if (rc)
		return rc;
	*interval = pk_follow_interval(o, &info);
	if (pk_stream_open(&s->stream, &s->proc, s->name, s->acc.period_ns,
			   &err))
		return pk_fail("%s", err.msg);
	return PK_EXIT_OK;
}

int cmd_watch(const struct pk_opts *o)
{
	static struct watch s;
	uint64_t interval = 0, next = pk_now_ns();
	int tty = isatty(STDOUT_FILENO), rc = setup(&s, o, &interval);

	if (rc)
		return rc;
	pk_term_cursor(tty, 1);
	for (long i = 0; rc == PK_EXIT_OK && (!o->count || i < o->count); i++) {
		if (i && pk_sleep_until(next))
			break;
		rc = tick(&s, tty);
		next += interval;
	}
	pk_term_cursor(tty, 0);
	pk_stream_close(&s.stream);
	pk_winacc_free(&s.acc);
	return rc;
}
