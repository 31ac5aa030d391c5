// SPDX-License-Identifier: GPL-2.0
/* Interval CSV files (see csvdir.h). */
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
	int ms = interval_ns % 1000000000ull != 0;
	char a[40], b[40];

	stamp(a, sizeof(a), start_ns, ms);
	stamp(b, sizeof(b), end_ns, ms);
	snprintf(buf, len, "pktstat_%s_%s.csv", a, b);
}

/* A counter that went down was recreated: count from zero. */
static uint64_t delta(uint64_t then, uint64_t now)
{
	return now >= then ? now - then : now;
}

static const struct pk_tag *find_tag(const struct pk_tags *tags,
				     const struct pk_tag *t)
{
	for (size_t i = 0; i < tags->n; i++)
		if (!strcmp(tags->t[i].family, t->family) &&
		    !strcmp(tags->t[i].tag, t->tag))
			return &tags->t[i];
	return NULL;
}

void pk_csv_write(FILE *out, const struct pk_snapshot *s0,
		  const struct pk_snapshot *s1)
{
	fputs("kind,family,name,frames,bytes\n", out);
	for (size_t i = 0; i < s1->nobj; i++) {
		const struct pk_info *now = &s1->obj[i];
		const struct pk_info *then = pk_snapshot_find(s0, now->name);

		if (!then)
			continue;
		fprintf(out, "object,,%s,%llu,%llu\n", now->name,
			(unsigned long long)delta(then->v[PK_I_FRAMES], now->v[PK_I_FRAMES]),
			(unsigned long long)delta(then->v[PK_I_BYTES], now->v[PK_I_BYTES]));
	}
	for (size_t i = 0; i < s1->tags.n; i++) {
		const struct pk_tag *now = &s1->tags.t[i];
		const struct pk_tag *then = find_tag(&s0->tags, now);

		if (!then)
			continue;
		fprintf(out, "tag,%s,%s,%llu,%llu\n", now->family, now->tag,
			(unsigned long long)delta(then->frames, now->frames),
			(unsigned long long)delta(then->bytes, now->bytes));
	}
}
