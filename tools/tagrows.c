// SPDX-License-Identifier: GPL-2.0
/* Grouping tags into sent/received rows (see tagrows.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "tagrows.h"

/* Ends stem at the suffix; a tag too long for stem was cut shorter. */
static void cut(char stem[PK_NAME_LEN], size_t at)
{
	if (at < PK_NAME_LEN)
		stem[at] = '\0';
}

int pk_tag_direction(const char *tag, char stem[PK_NAME_LEN])
{
	size_t len = strlen(tag);
	int dir = 0;

	snprintf(stem, PK_NAME_LEN, "%s", tag);
	if (len > 3 && !strcasecmp(tag + len - 3, "_up")) {
		dir = 1;
		cut(stem, len - 3);
	} else if (len > 5 && !strcasecmp(tag + len - 5, "_down")) {
		dir = -1;
		cut(stem, len - 5);
	}
	return dir;
}

static void add_tag(struct pk_tagrow *r, const struct pk_tag *t, int dir)
{
	if (dir >= 0) {
		r->has_up = 1;
		r->up_frames += t->frames;
		r->up_bytes += t->bytes;
	} else {
		r->has_down = 1;
		r->down_frames += t->frames;
		r->down_bytes += t->bytes;
	}
	if (!r->desc[0] && t->desc[0])
		snprintf(r->desc, sizeof(r->desc), "%s", t->desc);
}

/* Rows in order: family, name, then a tag of its own before a pair. */
static int cmp_key(const char *family1, const char *stem1, int pair1,
		   const char *family2, const char *stem2, int pair2)
{
	int c = strcmp(family1, family2);

	if (!c)
		c = strcmp(stem1, stem2);
	return c ? c : pair1 - pair2;
}

static int cmp_rows(const void *a, const void *b)
{
	const struct pk_tagrow *x = a, *y = b;

	return cmp_key(x->family, x->stem, x->pair, y->family, y->stem,
		       y->pair);
}

/* A tag with the key of its row, and its line in the tags file (the first
 * description of a row's tags is its description). */
struct keyed {
	const struct pk_tag *t;
	char stem[PK_NAME_LEN];
	int dir;
	size_t line;
};

static int cmp_keyed(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;
	int c = cmp_key(x->t->family, x->stem, x->dir != 0, y->t->family,
			y->stem, y->dir != 0);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

static struct keyed *sorted_tags(const struct pk_tags *tags)
{
	struct keyed *k = calloc(tags->n ? tags->n : 1, sizeof(*k));

	if (!k)
		abort();
	for (size_t i = 0; i < tags->n; i++) {
		k[i].t = &tags->t[i];
		k[i].dir = pk_tag_direction(tags->t[i].tag, k[i].stem);
		k[i].line = i;
	}
	qsort(k, tags->n, sizeof(*k), cmp_keyed);
	return k;
}

/* Sorting, then summing neighbours: O(n log n) for any number of tags. */
size_t pk_tagrows(const struct pk_tags *tags, struct pk_tagrow **rows)
{
	struct keyed *k = sorted_tags(tags);
	struct pk_tagrow *r = NULL;
	size_t n = 0;

	*rows = calloc(tags->n ? tags->n : 1, sizeof(**rows));
	for (size_t i = 0; i < tags->n; i++) {
		if (!r || cmp_key(k[i].t->family, k[i].stem, k[i].dir != 0,
				  r->family, r->stem, r->pair)) {
			r = &(*rows)[n++];
			snprintf(r->family, sizeof(r->family), "%s", k[i].t->family);
			snprintf(r->stem, sizeof(r->stem), "%s", k[i].stem);
			r->pair = k[i].dir != 0;
		}
		add_tag(r, k[i].t, k[i].dir);
	}
	free(k);
	for (size_t i = 0; i < n; i++)
		if (!(*rows)[i].desc[0])
			snprintf((*rows)[i].desc, sizeof((*rows)[i].desc), "%s",
				 (*rows)[i].stem);
	return n;
}

const struct pk_tagrow *pk_tagrow_find(const struct pk_tagrow *rows,
				       size_t n, const struct pk_tagrow *key)
{
	return n ? bsearch(key, rows, n, sizeof(*rows), cmp_rows) : NULL;
}
