// SPDX-License-Identifier: GPL-2.0
/* Interval CSV files (see csvdir.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "csvdir.h"

/* UTC in fmt (strftime's), then milliseconds if ms, then Z. */
static void stamp(char *buf, size_t len, const char *fmt, uint64_t ns, int ms)
{
	time_t t = (time_t)(ns / 1000000000ull);
	struct tm tm;
	char day[32];

	gmtime_r(&t, &tm);
	strftime(day, sizeof(day), fmt, &tm);
	if (ms)
		snprintf(buf, len, "%s.%03lluZ", day,
			 (unsigned long long)(ns % 1000000000ull / 1000000));
	else
		snprintf(buf, len, "%sZ", day);
}

/* Milliseconds only when the interval needs them to keep names apart. */
static int need_ms(uint64_t start_ns, uint64_t end_ns, uint64_t interval_ns)
{
	const uint64_t s = 1000000000ull;

	return interval_ns % s || start_ns % s || end_ns % s;
}

void pk_csv_filename(char *buf, size_t len, uint64_t start_ns, uint64_t end_ns,
		     uint64_t interval_ns)
{
	int ms = need_ms(start_ns, end_ns, interval_ns);
	char a[40], b[40];

	stamp(a, sizeof(a), "%Y%m%dT%H%M%S", start_ns, ms);
	stamp(b, sizeof(b), "%Y%m%dT%H%M%S", end_ns, ms);
	snprintf(buf, len, "pktstat_%s_%s.csv", a, b);
}

uint64_t pk_csv_boundary(uint64_t t_ns, uint64_t interval_ns)
{
	return (t_ns / interval_ns + 1) * interval_ns;
}

uint64_t pk_csv_interval_end(uint64_t start_ns, uint64_t now_ns,
			     uint64_t interval_ns, int stopping)
{
	uint64_t b = now_ns / interval_ns * interval_ns;

	if (!stopping && b > start_ns)
		return b;
	return now_ns > start_ns ? now_ns : start_ns;
}

/* s0's objects (family "") and tags, sorted for bsearch(). */
struct entry {
	const char *family, *name;
	size_t i;
};

static int entry_cmp(const void *a, const void *b)
{
	const struct entry *x = a, *y = b;
	int c = strcmp(x->family, y->family);

	return c ? c : strcmp(x->name, y->name);
}

static struct entry *index_of(const struct pk_snapshot *s)
{
	size_t n = s->nobj + s->tags.n;
	struct entry *e = calloc(n ? n : 1, sizeof(*e));

	if (!e)
		abort();
	for (size_t i = 0; i < s->nobj; i++)
		e[i] = (struct entry){ "", s->obj[i].name, i };
	for (size_t i = 0; i < s->tags.n; i++)
		e[s->nobj + i] = (struct entry){ s->tags.t[i].family,
						 s->tags.t[i].tag, i };
	qsort(e, n, sizeof(*e), entry_cmp);
	return e;
}

static const struct entry *lookup(const struct entry *idx,
				  const struct pk_snapshot *s,
				  const char *family, const char *name)
{
	struct entry key = { family, name, 0 };

	return bsearch(&key, idx, s->nobj + s->tags.n, sizeof(key), entry_cmp);
}

/* What a counter counted in the interval: a recreated one (fresh, or
 * whose counters went down) all it has. */
struct counts {
	uint64_t frames, bytes;
};

static struct counts counted(int fresh, struct counts then, struct counts now)
{
	if (fresh || now.frames < then.frames || now.bytes < then.bytes)
		return now;
	return (struct counts){ now.frames - then.frames,
				now.bytes - then.bytes };
}

/* The start and end cells of every row of a file. */
struct times {
	char start[40], end[40];
};

static void row(FILE *out, const char *kind, const char *family,
		const char *name, struct counts c, const struct times *t)
{
	fprintf(out, "%s,%s,%s,%llu,%llu,%s,%s", kind, family, name,
		(unsigned long long)c.frames, (unsigned long long)c.bytes,
		t->start, t->end);
}

/* An amount per bucket as a rate per second. */
static void rate_cell(FILE *out, double amount, uint64_t period_ns)
{
	fprintf(out, ",%.15g", amount * 1e9 / (double)period_ns);
}

static void rate_cells(FILE *out, const struct pk_bstats *s,
		       uint64_t period_ns)
{
	rate_cell(out, pk_bstats_mean(s), period_ns);
	rate_cell(out, (double)s->peak, period_ns);
	rate_cell(out, pk_bstats_percentile(s, 99), period_ns);
}

/* Rates are left empty when no bucket was read. */
static void burst_cells(FILE *out, const struct pk_csvb_iv *iv,
			uint64_t period_ns)
{
	fprintf(out, ",%llu,%llu", (unsigned long long)iv->bytes.count,
		(unsigned long long)iv->lost);
	if (!iv->bytes.count) {
		fputs(",,,,,,,\n", out);
		return;
	}
	rate_cells(out, &iv->bytes, period_ns);
	fprintf(out, ",%llu", (unsigned long long)iv->bytes.above);
	rate_cells(out, &iv->frames, period_ns);
	fputc('\n', out);
}

/* Tags, and objects not followed, have no bucket statistics. */
static void no_burst_cells(FILE *out)
{
	fputs(",,,,,,,,,\n", out);
}

static struct counts info_counts(const struct pk_info *i)
{
	return (struct counts){ i->v[PK_I_FRAMES], i->v[PK_I_BYTES] };
}

static int created_apart(const struct pk_info *a, const struct pk_info *b)
{
	unsigned int bit = 1u << PK_I_CREATED_NS;

	return (a->have & b->have & bit) &&
	       a->v[PK_I_CREATED_NS] != b->v[PK_I_CREATED_NS];
}

/* then: NULL when the object is new */
static void object_row(FILE *out, const struct pk_info *now,
		       const struct pk_info *then, const struct times *t,
		       const struct pk_csv_cols *x)
{
	struct counts c = info_counts(now);
	const struct pk_csvb_iv *iv;
	uint64_t period_ns;

	if (then)
		c = counted(created_apart(then, now), info_counts(then), c);
	row(out, "object", "", now->name, c, t);
	if (x->bursts && x->bursts(x->ctx, now->name, &iv, &period_ns))
		burst_cells(out, iv, period_ns);
	else
		no_burst_cells(out);
}

static void tag_row(FILE *out, const struct pk_tag *now,
		    const struct pk_tag *then, const struct times *t)
{
	struct counts c = { now->frames, now->bytes };

	if (then)
		c = counted(0, (struct counts){ then->frames, then->bytes }, c);
	row(out, "tag", now->family, now->tag, c, t);
	no_burst_cells(out);
}

static void times_of(struct times *t, const struct pk_csv_cols *x)
{
	int ms = need_ms(x->start_ns, x->end_ns, x->interval_ns);

	stamp(t->start, sizeof(t->start), "%Y-%m-%dT%H:%M:%S", x->start_ns, ms);
	stamp(t->end, sizeof(t->end), "%Y-%m-%dT%H:%M:%S", x->end_ns, ms);
}

void pk_csv_write(FILE *out, const struct pk_snapshot *s0,
		  const struct pk_snapshot *s1, const struct pk_csv_cols *x)
{
	struct entry *idx = index_of(s0);
	const struct entry *e;
	struct times t;

	times_of(&t, x);
	fputs(PK_CSV_HEADER "\n", out);
	for (size_t i = 0; i < s1->nobj; i++) {
		e = lookup(idx, s0, "", s1->obj[i].name);
		object_row(out, &s1->obj[i], e ? &s0->obj[e->i] : NULL, &t, x);
	}
	for (size_t i = 0; i < s1->tags.n; i++) {
		e = lookup(idx, s0, s1->tags.t[i].family, s1->tags.t[i].tag);
		tag_row(out, &s1->tags.t[i], e ? &s0->tags.t[e->i] : NULL, &t);
	}
	free(idx);
}
