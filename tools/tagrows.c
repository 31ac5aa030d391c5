// SPDX-License-Identifier: GPL-2.0
/* Grouping tags into sent/received rows (see tagrows.h). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "tagrows.h"

int pk_tag_direction(const char *tag, char stem[PK_NAME_LEN])
{
	size_t len = strlen(tag);
	int dir = 0;

	snprintf(stem, PK_NAME_LEN, "%s", tag);
	if (len > 3 && !strcasecmp(tag + len - 3, "_up")) {
		dir = 1;
		stem[len - 3] = '\0';
	} else if (len > 5 && !strcasecmp(tag + len - 5, "_down")) {
		dir = -1;
		stem[len - 5] = '\0';
	}
	return dir;
}

static struct pk_tagrow *find_row(struct pk_tagrow *rows, size_t n,
				  const char *family, const char *stem, int pair)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(rows[i].family, family) &&
		    !strcmp(rows[i].stem, stem) && rows[i].pair == pair)
			return &rows[i];
	return NULL;
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

static int cmp_rows(const void *a, const void *b)
{
	const struct pk_tagrow *x = a, *y = b;
	int c = strcmp(x->family, y->family);

	return c ? c : strcmp(x->stem, y->stem);
}

size_t pk_tagrows(const struct pk_tags *tags, struct pk_tagrow **rows)
{
	size_t n = 0;

	*rows = calloc(tags->n ? tags->n : 1, sizeof(**rows));
	for (size_t i = 0; i < tags->n; i++) {
		const struct pk_tag *t = &tags->t[i];
		char stem[PK_NAME_LEN];
		int dir = pk_tag_direction(t->tag, stem);
		struct pk_tagrow *r = find_row(*rows, n, t->family, stem, dir != 0);

		if (!r) {
			r = &(*rows)[n++];
			snprintf(r->family, sizeof(r->family), "%s", t->family);
			snprintf(r->stem, sizeof(r->stem), "%s", stem);
			r->pair = dir != 0;
		}
		add_tag(r, t, dir);
	}
	for (size_t i = 0; i < n; i++)
		if (!(*rows)[i].desc[0])
			snprintf((*rows)[i].desc, sizeof((*rows)[i].desc), "%s",
				 (*rows)[i].stem);
	qsort(*rows, n, sizeof(**rows), cmp_rows);
	return n;
}
