// SPDX-License-Identifier: GPL-2.0
/* Graphite plaintext lines and the queue of unsent lines (see graphite.h). */
#include <stdlib.h>
#include <string.h>
#include "cleanname.h"
#include "graphite.h"

static const struct {
	const char *name;
	enum pk_info_key key;
} obj_fields[] = {
	{ "frames", PK_I_FRAMES }, { "bytes", PK_I_BYTES },
	{ "lost_buckets", PK_I_LOST_BUCKETS },
	{ "lost_frames", PK_I_LOST_FRAMES }, { "lost_bytes", PK_I_LOST_BYTES },
};

/* A path component: '.' would add a level, ' ' end the path. */
static void component(FILE *out, const char *s)
{
	char clean[PK_CLEAN_LEN];

	pk_clean_name(clean, sizeof(clean), s, "-");
	fputs(clean, out);
}

static void object_lines(FILE *out, const struct pk_info *info,
			 const char *prefix, uint64_t ts)
{
	for (size_t i = 0; i < sizeof(obj_fields) / sizeof(*obj_fields); i++) {
		if (!(info->have & (1u << obj_fields[i].key)))
			continue;
		fprintf(out, "%s.objects.", prefix);
		component(out, info->name);
		fprintf(out, ".%s %llu %llu\n", obj_fields[i].name,
			(unsigned long long)info->v[obj_fields[i].key],
			(unsigned long long)ts);
	}
}

static void tag_line(FILE *out, const struct pk_tag *t, const char *prefix,
		     const char *what, uint64_t v, uint64_t ts)
{
	fprintf(out, "%s.tags.%s.", prefix, t->family);
	component(out, t->tag);
	fprintf(out, ".%s %llu %llu\n", what, (unsigned long long)v,
		(unsigned long long)ts);
}

void pk_graphite_write(FILE *out, const struct pk_snapshot *s,
		       const char *prefix, uint64_t epoch_s)
{
	for (size_t i = 0; i < s->nobj; i++)
		object_lines(out, &s->obj[i], prefix, epoch_s);
	for (size_t i = 0; i < s->tags.n; i++) {
		tag_line(out, &s->tags.t[i], prefix, "frames",
			 s->tags.t[i].frames, epoch_s);
		tag_line(out, &s->tags.t[i], prefix, "bytes",
			 s->tags.t[i].bytes, epoch_s);
	}
}

int pk_graphite_prefix_check(const char *prefix)
{
	static const char ok[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
				 "abcdefghijklmnopqrstuvwxyz0123456789_-.";
	size_t len = strlen(prefix);

	if (!len || strspn(prefix, ok) != len || prefix[0] == '.' ||
	    prefix[len - 1] == '.' || strstr(prefix, ".."))
		return -1;
	return 0;
}

static size_t count_lines(const char *s, size_t len)
{
	size_t n = 0;

	if (!len)
		return 0;
	for (const char *p = s; (p = memchr(p, '\n', len - (size_t)(p - s)));
	     p++)
		n++;
	return n;
}

/* Drops whole lines from the front until at most max bytes are left. */
static void drop_oldest(struct pk_gqueue *q)
{
	const char *cut;
	size_t skip;

	if (q->len <= q->max)
		return;
	cut = memchr(q->buf + (q->len - q->max - 1), '\n', q->max + 1);
	skip = cut ? (size_t)(cut - q->buf) + 1 : q->len;
	q->dropped += count_lines(q->buf, skip);
	memmove(q->buf, q->buf + skip, q->len - skip);
	q->len -= skip;
}

void pk_gqueue_add(struct pk_gqueue *q, const char *lines, size_t len)
{
	q->buf = realloc(q->buf, q->len + len + 1);
	if (!q->buf)
		abort();
	memcpy(q->buf + q->len, lines, len);
	q->len += len;
	drop_oldest(q);
}

size_t pk_gqueue_lines(const struct pk_gqueue *q)
{
	return count_lines(q->buf, q->len);
}

void pk_gqueue_clear(struct pk_gqueue *q)
{
	q->len = 0;
}
