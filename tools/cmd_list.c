// SPDX-License-Identifier: GPL-2.0
/* pktstat list: objects and tags with totals and rates, from two
 * snapshots of the counters --interval apart (nothing is drained). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
#include "format.h"
#include "json.h"
#include "procfs.h"
#include "table.h"
#include "tagrows.h"

struct list {
	enum pk_unit unit;
	enum pk_format fmt;
	double seconds;		/* 0: no rates */
	uint64_t interval_ns;
};

/* One counter pair, now and --interval before (has: it exists). */
struct side {
	int has;
	uint64_t frames, bytes;
};

/* Per second in the unit; NAN without a rate (no interval, the counter
 * is new or went back: its object was recreated). */
static double side_rate(const struct list *l, struct side now, struct side then)
{
	if (l->seconds <= 0 || !now.has || !then.has ||
	    now.frames < then.frames || now.bytes < then.bytes)
		return NAN;
	return pk_unit_value(l->unit, now.frames - then.frames,
			     now.bytes - then.bytes) / l->seconds;
}

static void fmt_rate(char *buf, size_t len, const struct list *l, double r)
{
	if (isnan(r))
		snprintf(buf, len, "-");
	else
		pk_fmt_rate(buf, len, l->unit, r);
}

static void fmt_amount(char *buf, size_t len, const struct list *l,
		       struct side s)
{
	if (s.has)
		pk_fmt_amount(buf, len, l->unit,
			      pk_unit_value(l->unit, s.frames, s.bytes));
	else
		snprintf(buf, len, "-");
}

static struct side object_side(const struct pk_info *i)
{
	struct side s = { 0 };

	if (i)
		s = (struct side){ 1, i->v[PK_I_FRAMES], i->v[PK_I_BYTES] };
	return s;
}

/* up: sent, or a tag of its own; else received. */
static struct side row_side(const struct pk_tagrow *r, int up)
{
	struct side s = { 0 };

	if (r && up)
		s = (struct side){ r->has_up, r->up_frames, r->up_bytes };
	else if (r)
		s = (struct side){ r->has_down, r->down_frames, r->down_bytes };
	return s;
}

/* The objects and the tags, now and --interval before. */
struct lists {
	const struct pk_snapshot *s1, *s0;
	struct pk_tagrow *rows, *old;
	size_t n, nold;
};

static const struct pk_tagrow *old_row(const struct lists *ls, size_t i)
{
	return pk_tagrow_find(ls->old, ls->nold, &ls->rows[i]);
}

/* ---- text ---- */

static const struct pk_col object_cols[] = {
	{ 1, 16, 0 }, { 0, 6, 1 }, { 0, 12, 1 }, { 0, 15, 1 }, { 0, 13, 1 },
	{ 0, 6, 1 },
};

static void object_row(struct pk_table *t, const struct list *l,
		       const struct pk_info *now, const struct pk_info *then)
{
	char period[24], frames[24], bytes[24], rate[32], lost[24];
	const char *cells[] = { now->name, period, frames, bytes, rate, lost };

	pk_fmt_duration(period, sizeof(period), now->v[PK_I_PERIOD_NS]);
	snprintf(frames, sizeof(frames), "%llu",
		 (unsigned long long)now->v[PK_I_FRAMES]);
	snprintf(bytes, sizeof(bytes), "%llu",
		 (unsigned long long)now->v[PK_I_BYTES]);
	fmt_rate(rate, sizeof(rate), l,
		 side_rate(l, object_side(now), object_side(then)));
	snprintf(lost, sizeof(lost), "%llu",
		 (unsigned long long)now->v[PK_I_LOST_BUCKETS]);
	pk_table_row(t, cells);
}

static void objects_text(const struct list *l, const struct lists *ls)
{
	static const char *const head[] = {
		"OBJECT", "PERIOD", "FRAMES", "BYTES", "RATE", "LOST",
	};
	struct pk_table t;

	if (!ls->s1->nobj) {
		printf("no statistics objects (add a rule with -m pktstat --name NAME)\n");
		return;
	}
	pk_table_init(&t, object_cols, 6);
	pk_table_row(&t, head);
	for (size_t i = 0; i < ls->s1->nobj; i++)
		object_row(&t, l, &ls->s1->obj[i],
			   pk_snapshot_find(ls->s0, ls->s1->obj[i].name));
	pk_table_print(stdout, &t);
	pk_table_free(&t);
}

/* _up/_down pairs: sent and received; other tags: a total of their own. */
static const struct pk_col pair_cols[] = {
	{ 1, 14, 0 }, { 1, 4, 1 }, { 0, 10, 1 }, { 0, 10, 1 }, { 0, 13, 1 },
	{ 0, 13, 1 }, { 1, 0, 2 },
};
static const struct pk_col own_cols[] = {
	{ 1, 14, 0 }, { 1, 4, 1 }, { 0, 10, 1 }, { 0, 13, 1 }, { 1, 0, 2 },
};

static void pair_row(struct pk_table *t, const struct list *l,
		     const struct pk_tagrow *r, const struct pk_tagrow *o)
{
	char up[32], down[32], uprate[32], downrate[32];
	const char *cells[] = { r->stem, r->family, up, down, uprate, downrate,
				r->desc };

	fmt_amount(up, sizeof(up), l, row_side(r, 1));
	fmt_amount(down, sizeof(down), l, row_side(r, 0));
	fmt_rate(uprate, sizeof(uprate), l,
		 side_rate(l, row_side(r, 1), row_side(o, 1)));
	fmt_rate(downrate, sizeof(downrate), l,
		 side_rate(l, row_side(r, 0), row_side(o, 0)));
	pk_table_row(t, cells);
}

static void own_row(struct pk_table *t, const struct list *l,
		    const struct pk_tagrow *r, const struct pk_tagrow *o)
{
	char total[32], rate[32];
	const char *cells[] = { r->stem, r->family, total, rate, r->desc };

	fmt_amount(total, sizeof(total), l, row_side(r, 1));
	fmt_rate(rate, sizeof(rate), l,
		 side_rate(l, row_side(r, 1), row_side(o, 1)));
	pk_table_row(t, cells);
}

/* A table after a blank line if it has rows besides its header; freed. */
static void print_section(struct pk_table *t)
{
	if (t->n > t->ncols) {
		putchar('\n');
		pk_table_print(stdout, t);
	}
	pk_table_free(t);
}

static void tags_text(const struct list *l, const struct lists *ls)
{
	static const char *const pair_head[] = {
		"TAG", "IP", "SENT", "RECEIVED", "SENT RATE", "RECV RATE",
		"DESCRIPTION",
	};
	static const char *const own_head[] = {
		"TAG", "IP", "TOTAL", "RATE", "DESCRIPTION",
	};
	struct pk_table pairs, own;

	pk_table_init(&pairs, pair_cols, 7);
	pk_table_init(&own, own_cols, 5);
	pk_table_row(&pairs, pair_head);
	pk_table_row(&own, own_head);
	for (size_t i = 0; i < ls->n; i++) {
		if (ls->rows[i].pair)
			pair_row(&pairs, l, &ls->rows[i], old_row(ls, i));
		else
			own_row(&own, l, &ls->rows[i], old_row(ls, i));
	}
	print_section(&pairs);
	print_section(&own);
}

/* ---- JSON ---- */

static void json_info(const struct list *l, const struct pk_info *now,
		      const struct pk_info *then)
{
	fputs("{\"name\":", stdout);
	pk_json_string(stdout, now->name);
	for (int k = 0; k < PK_I_COUNT; k++) {
		if (!(now->have & (1u << k)))
			continue;
		fputc(',', stdout);
		if (k == PK_I_CREATED_NS)
			pk_json_time(stdout, "created", now->v[k]);
		else
			printf("\"%s\":%llu", pk_info_key_name(k),
			       (unsigned long long)now->v[k]);
	}
	fputs(",\"rate\":", stdout);
	pk_json_number(stdout, side_rate(l, object_side(now), object_side(then)));
	fputc('}', stdout);
}

static void json_side(const struct list *l, const char *key, struct side now,
		      struct side then)
{
	printf(",\"%s\":", key);
	if (!now.has) {
		fputs("null", stdout);
		return;
	}
	printf("{\"frames\":%llu,\"bytes\":%llu,\"rate\":",
	       (unsigned long long)now.frames, (unsigned long long)now.bytes);
	pk_json_number(stdout, side_rate(l, now, then));
	fputc('}', stdout);
}

/* A pair has "sent" and "received", a tag of its own "total"; the others
 * are null. */
static void json_row(const struct list *l, const struct pk_tagrow *r,
		     const struct pk_tagrow *o)
{
	struct side none = { 0 };

	printf("{\"family\":\"%s\",\"tag\":", r->family);
	pk_json_string(stdout, r->stem);
	fputs(",\"description\":", stdout);
	pk_json_string(stdout, r->desc);
	json_side(l, "sent", r->pair ? row_side(r, 1) : none, row_side(o, 1));
	json_side(l, "received", r->pair ? row_side(r, 0) : none, row_side(o, 0));
	json_side(l, "total", r->pair ? none : row_side(r, 1), row_side(o, 1));
	fputc('}', stdout);
}

static void list_json(const struct list *l, const struct lists *ls)
{
	printf("{\"unit\":\"%s\",\"interval_ns\":%llu,\"objects\":[",
	       pk_unit_name(l->unit), (unsigned long long)l->interval_ns);
	for (size_t i = 0; i < ls->s1->nobj; i++) {
		fputs(i ? ",\n" : "\n", stdout);
		json_info(l, &ls->s1->obj[i],
			  pk_snapshot_find(ls->s0, ls->s1->obj[i].name));
	}
	fputs("],\n\"tags\":[", stdout);
	for (size_t i = 0; i < ls->n; i++) {
		fputs(i ? ",\n" : "\n", stdout);
		json_row(l, &ls->rows[i], old_row(ls, i));
	}
	fputs("]}\n", stdout);
}

static void print_lists(const struct list *l, const struct pk_snapshot *s1,
			const struct pk_snapshot *s0)
{
	struct lists ls = { .s1 = s1, .s0 = s0 };

	ls.n = pk_tagrows(&s1->tags, &ls.rows);
	ls.nold = pk_tagrows(&s0->tags, &ls.old);
	if (l->fmt == PK_JSON) {
		list_json(l, &ls);
	} else {
		objects_text(l, &ls);
		tags_text(l, &ls);
	}
	free(ls.rows);
	free(ls.old);
}

int cmd_list(const struct pk_opts *o)
{
	struct pk_proc p = { .dir = o->proc };
	struct pk_snapshot s0, s1;
	struct pk_err err;
	struct list l = {
		.unit = o->unit,
		.interval_ns = o->interval_set ? o->interval_ns : 1000000000ull,
	};

	if (pk_format_parse(o->format, &l.fmt) || l.fmt == PK_CSV)
		return pk_usage_error("--format: \"%s\": use text or json", o->format);
	if (pk_snapshot_take(&p, &s0, &err))
		return pk_fail("%s", err.msg);
	s1 = s0;
	if (l.interval_ns) {
		if (pk_sleep_until(s0.when_ns + l.interval_ns) ||
		    pk_snapshot_take(&p, &s1, &err)) {
			pk_snapshot_free(&s0);
			return pk_stopping() ? PK_EXIT_RUNTIME : pk_fail("%s", err.msg);
		}
		l.seconds = (double)(s1.when_ns - s0.when_ns) / 1e9;
	}
	print_lists(&l, &s1, &s0);
	if (l.interval_ns)
		pk_snapshot_free(&s1);
	pk_snapshot_free(&s0);
	return PK_EXIT_OK;
}
