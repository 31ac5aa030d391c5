/* SPDX-License-Identifier: GPL-2.0 */
/* A text table whose columns are as wide as their widest cell, so that
 * long names do not push the columns after them out of line. */
#ifndef PKTSTAT_TABLE_H
#define PKTSTAT_TABLE_H

#include <stdio.h>

#define PK_TABLE_MAX_COLS	16

struct pk_col {
	int left;	/* aligned left (the last column is then not padded) */
	int min;	/* width at least */
	int sep;	/* spaces before it */
};

struct pk_table {
	const struct pk_col *col;
	size_t ncols;
	char **cell;	/* row after row, ncols cells each */
	size_t n, cap;	/* cells */
};

void pk_table_init(struct pk_table *t, const struct pk_col *col,
		   size_t ncols);
/* Adds a row of ncols cells (copied). */
void pk_table_row(struct pk_table *t, const char *const *cells);
void pk_table_print(FILE *out, const struct pk_table *t);
void pk_table_free(struct pk_table *t);

#endif
