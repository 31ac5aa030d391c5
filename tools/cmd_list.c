// SPDX-License-Identifier: GPL-2.0
/* pktstat list: objects and tags with totals and rates, from two
 * snapshots of the counters --interval apart (nothing is drained). */
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "procfs.h"
#include "tagrows.h"

struct rate_ctx {
	enum pk_unit unit;
	double seconds;		/* 0: no rates */
};

static void fmt_rate_delta(char *buf, size_t len, const struct rate_ctx *rc,
			   uint64_t f0, uint64_t b0, uint64_t f1, uint64_t b1)
{
	if (rc->seconds <= 0 || f1 < f0 || b1 < b0) {
		snprintf(buf, len, "-");
		return;
	}
	pk_fmt_rate(buf, len, rc->unit,
		    pk_unit_value(rc->unit, f1 - f0, b1 - b0) / rc->seconds);
}

static void print_object(const struct pk_info *now, const struct pk_info *then,
			 const struct rate_ctx *rc)
{
	char period[24], rate[32];
	const uint64_t *v = now->v;

	pk_fmt_duration(period, sizeof(period), v[PK_I_PERIOD_NS]);
	if (then)
		fmt_rate_delta(rate, sizeof(rate), rc, then->v[PK_I_FRAMES],
			       then->v[PK_I_BYTES], v[PK_I_FRAMES], v[PK_I_BYTES]);
	else
		snprintf(rate, sizeof(rate), "-");
	printf("%-16s %6s %12llu %15llu %13s %6llu\n", now->name, period,
	       (unsigned long long)v[PK_I_FRAMES],
	       (unsigned long long)v[PK_I_BYTES], rate,
	       (unsigned long long)v[PK_I_LOST_BUCKETS]);
}

static void print_objects(const struct pk_snapshot *s1,
			  const struct pk_snapshot *s0, const struct rate_ctx *rc)
{
	if (!s1->nobj) {
		printf("no statistics objects (add a rule with -m pktstat --name NAME)\n");
		return;
	}
	printf("%-16s %6s %12s %15s %13s %6s\n", "OBJECT", "PERIOD", "FRAMES",
	       "BYTES", "RATE", "LOST");
	for (size_t i = 0; i < s1->nobj; i++)
		print_object(&s1->obj[i], pk_snapshot_find(s0, s1->obj[i].name), rc);
}

static const struct pk_tagrow *find_tagrow(const struct pk_tagrow *rows,
					   size_t n, const struct pk_tagrow *r)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rows[i].family, r->family) &&
		    !strcmp(rows[i].stem, r->stem) && rows[i].pair == r->pair)
			return &rows[i];
	return NULL;
}

/* One half (up: sent, or down: received) of a row, then and now. */
struct side {
	int has;
	uint64_t frames, bytes;
};

static struct side row_side(const struct pk_tagrow *r, int up)
{
	struct side s = { 0 };

	if (r && up)
		s = (struct side){ r->has_up, r->up_frames, r->up_bytes };
	else if (r)
		s = (struct side){ r->has_down, r->down_frames, r->down_bytes };
	return s;
}

static void fmt_side(char *amount, char *rate, size_t len,
		     const struct rate_ctx *rc, struct side now, struct side then)
{
	snprintf(amount, len, "-");
	snprintf(rate, len, "-");
	if (!now.has)
		return;
	pk_fmt_amount(amount, len, rc->unit,
		      pk_unit_value(rc->unit, now.frames, now.bytes));
	if (then.has)
		fmt_rate_delta(rate, len, rc, then.frames, then.bytes,
			       now.frames, now.bytes);
}

static void print_tagrow(const struct pk_tagrow *r, const struct pk_tagrow *o,
			 const struct rate_ctx *rc)
{
	char up[32], uprate[32], down[32], downrate[32];

	fmt_side(up, uprate, sizeof(up), rc, row_side(r, 1), row_side(o, 1));
	fmt_side(down, downrate, sizeof(down), rc, row_side(r, 0), row_side(o, 0));
	printf("%-14s %-4s %10s %10s %13s %13s  %s\n", r->stem, r->family, up,
	       down, uprate, downrate, r->desc);
}

static void print_tags(const struct pk_snapshot *s1,
		       const struct pk_snapshot *s0, const struct rate_ctx *rc)
{
	struct pk_tagrow *rows, *old;
	size_t n = pk_tagrows(&s1->tags, &rows);
	size_t nold = pk_tagrows(&s0->tags, &old);

	if (n) {
		printf("\n%-14s %-4s %10s %10s %13s %13s  %s\n", "TAG", "IP",
		       "SENT", "RECEIVED", "SENT RATE", "RECV RATE",
		       "DESCRIPTION");
		for (size_t i = 0; i < n; i++)
			print_tagrow(&rows[i], find_tagrow(old, nold, &rows[i]), rc);
	}
	free(rows);
	free(old);
}

int cmd_list(const struct pk_opts *o)
{
	struct pk_proc p = { .dir = o->proc };
	struct pk_snapshot s0, s1;
	struct pk_err err;
	struct rate_ctx rc = { .unit = o->unit };
	uint64_t interval = o->interval_set ? o->interval_ns : 1000000000ull;

	if (pk_snapshot_take(&p, &s0, &err))
		return pk_fail("%s", err.msg);
	s1 = s0;
	if (interval) {
		if (pk_sleep_until(s0.when_ns + interval) ||
		    pk_snapshot_take(&p, &s1, &err)) {
			pk_snapshot_free(&s0);
			return pk_stopping() ? PK_EXIT_RUNTIME : pk_fail("%s", err.msg);
		}
		rc.seconds = (double)(s1.when_ns - s0.when_ns) / 1e9;
	}
	print_objects(&s1, &s0, &rc);
	print_tags(&s1, &s0, &rc);
	if (interval)
		pk_snapshot_free(&s1);
	pk_snapshot_free(&s0);
	return PK_EXIT_OK;
}
