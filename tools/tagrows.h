/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tags grouped as the munin traffic_accounting plugin groups them: TAG_up
 * and TAG_down (any case) are the sent and received halves of one row
 * called TAG; other tags are rows of their own (counted as "up"). A row's
 * description is the first non-empty one of its tags, else its name.
 */
#ifndef PKTSTAT_TAGROWS_H
#define PKTSTAT_TAGROWS_H

#include "proc.h"

struct pk_tagrow {
	char family[8];
	char stem[PK_NAME_LEN];
	char desc[PK_DESC_LEN];
	int pair;		/* from _up/_down tags */
	int has_up, has_down;
	uint64_t up_frames, up_bytes;
	uint64_t down_frames, down_bytes;
};

/* Rows sorted by family, name, then pair (a tag of its own first); *rows
 * is allocated. Tags with the same family and name are summed (several
 * rules may share a tag). O(n log n). */
size_t pk_tagrows(const struct pk_tags *tags, struct pk_tagrow **rows);
/* The row of rows (from pk_tagrows()) with key's family, name and pair. */
const struct pk_tagrow *pk_tagrow_find(const struct pk_tagrow *rows,
				       size_t n, const struct pk_tagrow *key);
/* Splits "web4_up" into "web4" and +1 (up), -1 (down) or 0 (no suffix). */
int pk_tag_direction(const char *tag, char stem[PK_NAME_LEN]);

#endif
