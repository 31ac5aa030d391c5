// SPDX-License-Identifier: GPL-2.0
/* Graphite plaintext lines (see graphite.h). */
#include "graphite.h"

static const struct {
	const char *name;
	enum pk_info_key key;
} obj_fields[] = {
	{ "frames", PK_I_FRAMES }, { "bytes", PK_I_BYTES },
	{ "lost_buckets", PK_I_LOST_BUCKETS },
	{ "lost_frames", PK_I_LOST_FRAMES }, { "lost_bytes", PK_I_LOST_BYTES },
};

/* A path component: '.' would add a level. */
static void component(FILE *out, const char *s)
{
	for (; *s; s++)
		fputc(*s == '.' ? '_' : *s, out);
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

static void tag_lines(FILE *out, const struct pk_tag *t, const char *prefix,
		      uint64_t ts)
{
	fprintf(out, "%s.tags.%s.", prefix, t->family);
	component(out, t->tag);
	fprintf(out, ".frames %llu %llu\n", (unsigned long long)t->frames,
		(unsigned long long)ts);
	fprintf(out, "%s.tags.%s.", prefix, t->family);
	component(out, t->tag);
	fprintf(out, ".bytes %llu %llu\n", (unsigned long long)t->bytes,
		(unsigned long long)ts);
}

void pk_graphite_write(FILE *out, const struct pk_snapshot *s,
		       const char *prefix, uint64_t epoch_s)
{
	for (size_t i = 0; i < s->nobj; i++)
		object_lines(out, &s->obj[i], prefix, epoch_s);
	for (size_t i = 0; i < s->tags.n; i++)
		tag_lines(out, &s->tags.t[i], prefix, epoch_s);
}
