/* SPDX-License-Identifier: GPL-2.0 */
/* The top screen: the addresses with the highest rates, iftop-like. */
#ifndef PKTSTAT_TOPVIEW_H
#define PKTSTAT_TOPVIEW_H

#include <stdio.h>
#include "addrhist.h"

struct pk_topview {
	const char *name;
	enum pk_unit unit;
	uint64_t max_addresses;	/* the table's size, from info */
	size_t rows;		/* addresses shown at most */
	const struct pk_addrrates *r;	/* sorted by pk_addrrates_sort() */
};

/* Highest rate sent and received first over 2s, then over 10s and 40s,
 * then most bytes counted (pk_addr_cmp_bytes()). */
void pk_addrrates_sort(struct pk_addrrates *r);
/* A header, the first v->rows addresses, other and the total. */
void pk_top_print(FILE *out, const struct pk_topview *v);

#endif
