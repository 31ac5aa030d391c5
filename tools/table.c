// SPDX-License-Identifier: GPL-2.0
/* Text tables with columns as wide as their cells (see table.h). */
#include <stdlib.h>
#include <string.h>
#include "table.h"

void pk_table_init(struct pk_table *t, const struct pk_col *col,
		   size_t ncols)
{
	if (ncols < 1 || ncols > PK_TABLE_MAX_COLS)
		abort();
	memset(t, 0, sizeof(*t));
	t->col = col;
	t->ncols = ncols;
}

void pk_table_row(struct pk_table *t, const char *const *cells)
{
	if (t->n + t->ncols > t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64 * t->ncols;
		t->cell = realloc(t->cell, t->cap * sizeof(*t->cell));
		if (!t->cell)
			abort();
	}
	for (size_t i = 0; i < t->ncols; i++) {
		t->cell[t->n] = strdup(cells[i]);
		if (!t->cell[t->n++])
			abort();
	}
}

/* Characters on a terminal: UTF-8 continuation bytes take no room. */
static size_t text_width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		w += ((unsigned char)*s & 0xc0) != 0x80;
	return w;
}

static size_t col_width(const struct pk_table *t, size_t c)
{
	size_t w = (size_t)t->col[c].min;

	for (size_t i = c; i < t->n; i += t->ncols)
		if (text_width(t->cell[i]) > w)
			w = text_width(t->cell[i]);
	return w;
}

static void print_cell(FILE *out, const struct pk_col *col, size_t width,
		       const char *s, int last)
{
	size_t pad = width - text_width(s);

	fprintf(out, "%*s", col->sep, "");
	if (!col->left)
		fprintf(out, "%*s", (int)pad, "");
	fputs(s, out);
	if (col->left && !last)
		fprintf(out, "%*s", (int)pad, "");
}

void pk_table_print(FILE *out, const struct pk_table *t)
{
	size_t width[PK_TABLE_MAX_COLS];

	for (size_t c = 0; c < t->ncols; c++)
		width[c] = col_width(t, c);
	for (size_t i = 0; i < t->n; i++) {
		size_t c = i % t->ncols;

		print_cell(out, &t->col[c], width[c], t->cell[i],
			   c == t->ncols - 1);
		if (c == t->ncols - 1)
			fputc('\n', out);
	}
}

void pk_table_free(struct pk_table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->cell[i]);
	free(t->cell);
	memset(t, 0, sizeof(*t));
}
