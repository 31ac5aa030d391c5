// SPDX-License-Identifier: GPL-2.0
/* Interval CSV files (see csvdir.h). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "csvdir.h"

/* Milliseconds only when the interval needs them to keep names apart. */
static void stamp(char *buf, size_t len, uint64_t ns, int ms)
{
	time_t t = (time_t)(ns / 1000000000ull);
	struct tm tm;
	char day[32];

	gmtime_r(&t, &tm);
	strftime(day, sizeof(day), "%Y%m%dT%H%M%S", &tm);
	if (ms)
		snprintf(buf, len, "%s.%03lluZ", day,
			 (unsigned long long)(ns % 1000000000ull / 1000000));
	else
		snprintf(buf, len, "%sZ", day);
}

void pk_csv_filename(char *buf, size_t len, uint64_t start_ns, uint64_t end_ns,
		     uint64_t interval_ns)
{
	const uint64_t s = 1000000000ull;
	int ms = interval_ns % s || start_ns % s || end_ns % s;
	char a[40], b[40];

	stamp(a, sizeof(a), start_ns, ms);
	stamp(b, sizeof(b), end_ns, ms);
	snprintf(buf, len, "pktstat_%s_%s.csv", a, b);
}

uint64_t pk_csv_boundary(uint64_t t_ns, uint64_t interval_ns)
{
	return (t_ns / interval_ns + 1) * interval_ns;
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

static void row(FILE *out, const char *kind, const char *family,
		const char *name, struct counts c)
{
	fprintf(out, "%s,%s,%s,%llu,%llu\n", kind, family, name,
		(unsigned long long)c.frames, (unsigned long long)c.bytes);
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
		       const struct pk_info *then)
{
	struct counts c = info_counts(now);

	if (then)
		c = counted(created_apart(then, now), info_counts(then), c);
	row(out, "object", "", now->name, c);
}

static void tag_row(FILE *out, const struct pk_tag *now,
		    const struct pk_tag *then)
{
	struct counts c = { now->frames, now->bytes };

	if (then)
		c = counted(0, (struct counts){ then->frames, then->bytes }, c);
	row(out, "tag", now->family, now->tag, c);
}

void pk_csv_write(FILE *out, const struct pk_snapshot *s0,
		  const struct pk_snapshot *s1)
{
	struct entry *idx = index_of(s0);
	const struct entry *e;

	fputs("kind,family,name,frames,bytes\n", out);
	for (size_t i = 0; i < s1->nobj; i++) {
		e = lookup(idx, s0, "", s1->obj[i].name);
		object_row(out, &s1->obj[i], e ? &s0->obj[e->i] : NULL);
	}
	for (size_t i = 0; i < s1->tags.n; i++) {
		e = lookup(idx, s0, s1->tags.t[i].family, s1->tags.t[i].tag);
		tag_row(out, &s1->tags.t[i], e ? &s0->tags.t[e->i] : NULL);
	}
	free(idx);
}
