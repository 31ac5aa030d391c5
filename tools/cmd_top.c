// SPDX-License-Identifier: GPL-2.0
/* pktstat top: reads NAME/addresses every --interval and shows the
 * addresses with the highest rates over 2s, 10s and 40s, as iftop does.
 * Reading NAME/addresses takes nothing from anyone. */
#include <unistd.h>
#include "addrhist.h"
#include "addrsfs.h"
#include "cli.h"
#include "output.h"
#include "term.h"
#include "topview.h"

#define DEFAULT_INTERVAL_NS	1000000000ull
#define DEFAULT_TOP		10
/* the lines of a frame besides the addresses, and one for the cursor */
#define FIXED_LINES		5

struct top {
	struct pk_proc proc;
	const char *name;
	enum pk_unit unit;
	size_t rows;		/* --top */
	int tty;
	uint64_t max_addresses;
	struct pk_addrhist hist;
};

/* One read of NAME/addresses into the history. */
static int read_table(struct top *s, struct pk_err *err)
{
	struct pk_info info;
	struct pk_addrs t;
	int rc = pk_proc_addresses(&s->proc, s->name, &info, &t, err);

	if (rc == 0) {
		s->max_addresses = info.v[PK_I_MAX_ADDRESSES];
		pk_addrhist_add(&s->hist, pk_now_ns(),
				info.v[PK_I_CREATED_NS], &t);
	}
	pk_addrs_free(&t);
	return rc;
}

/* On a terminal, no more rows than it has. */
static size_t rows_shown(const struct top *s)
{
	int w, h;

	if (!s->tty)
		return s->rows;
	pk_term_size(&w, &h);
	return h > FIXED_LINES && (size_t)(h - FIXED_LINES) < s->rows ?
	       (size_t)(h - FIXED_LINES) : s->rows;
}

static void draw_top(FILE *out, void *ctx)
{
	struct top *s = ctx;
	struct pk_addrrates r;
	struct pk_topview v = {
		.name = s->name, .unit = s->unit,
		.max_addresses = s->max_addresses, .rows = rows_shown(s),
		.r = &r,
	};

	pk_addrhist_rates(&s->hist, s->unit, &r);
	pk_addrrates_sort(&r);
	pk_top_print(out, &v);
	if (!s->tty)
		fputc('\n', out);	/* blocks one after the other */
	pk_addrrates_free(&r);
}

static int tick(struct top *s)
{
	struct pk_err err;

	if (read_table(s, &err))
		return pk_fail("%s", err.msg);
	pk_term_frame(s->tty, draw_top, s);
	return pk_out_check();
}

static int setup(struct top *s, const struct pk_opts *o, uint64_t *interval)
{
	struct pk_err err;

	if (o->interval_set && !o->interval_ns)
		return pk_usage_error("top: --interval must be more than 0");
	*interval = o->interval_set ? o->interval_ns : DEFAULT_INTERVAL_NS;
	s->proc.dir = o->proc;
	s->name = o->argv[0];
	s->unit = o->unit;
	s->rows = o->top ? (size_t)o->top : DEFAULT_TOP;
	s->tty = isatty(STDOUT_FILENO);
	/* the first read only starts the history: rates need two */
	return read_table(s, &err) ? pk_fail("%s", err.msg) : PK_EXIT_OK;
}

int cmd_top(const struct pk_opts *o)
{
	struct top s = { 0 };
	uint64_t interval = 0, next;
	int rc = setup(&s, o, &interval);

	if (rc)
		return rc;
	next = pk_now_ns();
	pk_term_cursor(s.tty, 1);
	for (long i = 0; rc == PK_EXIT_OK && (!o->count || i < o->count); i++) {
		next += interval;
		if (pk_sleep_until(next))
			break;
		rc = tick(&s);
	}
	pk_term_cursor(s.tty, 0);
	pk_addrhist_free(&s.hist);
	return rc;
}
