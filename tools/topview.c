// SPDX-License-Identifier: GPL-2.0
/* The top screen (see topview.h). */
#include <stdlib.h>
#include <string.h>
#include "table.h"
#include "topview.h"

static int cmp_rates(const void *a, const void *b)
{
	const struct pk_addr_rate *x = a, *y = b;

	for (int w = 0; w < PK_RATE_WINDOWS; w++) {
		double rx = x->r.sent[w] + x->r.received[w];
		double ry = y->r.sent[w] + y->r.received[w];

		if (rx != ry)
			return rx < ry ? 1 : -1;
	}
	return pk_addr_cmp_bytes(x->a, y->a);
}

void pk_addrrates_sort(struct pk_addrrates *r)
{
	if (r->n)
		qsort(r->a, r->n, sizeof(*r->a), cmp_rates);
}

/* "1.23M", "950k", "0": three digits, no unit (the header has it), so
 * that six rates and an IPv4 address fit 80 columns. */
static void rate_cell(char *buf, size_t len, double v)
{
	char *sp;

	pk_fmt_si(buf, len, v, "");
	while ((sp = strchr(buf, ' ')))
		memmove(sp, sp + 1, strlen(sp));
}

static const struct pk_col cols[] = {
	{ 1, 15, 0 }, { 0, 7, 2 }, { 0, 6, 1 }, { 0, 6, 1 },
	{ 0, 11, 2 }, { 0, 6, 1 }, { 0, 6, 1 },
};

static void rates_row(struct pk_table *t, const char *label,
		      const struct pk_rates *r)
{
	char cell[2 * PK_RATE_WINDOWS][16];
	const char *cells[1 + 2 * PK_RATE_WINDOWS] = { label };

	for (int w = 0; w < PK_RATE_WINDOWS; w++) {
		rate_cell(cell[w], sizeof(cell[w]), r->sent[w]);
		rate_cell(cell[PK_RATE_WINDOWS + w], sizeof(cell[0]),
			  r->received[w]);
	}
	for (int i = 0; i < 2 * PK_RATE_WINDOWS; i++)
		cells[1 + i] = cell[i];
	pk_table_row(t, cells);
}

void pk_top_print(FILE *out, const struct pk_topview *v)
{
	static const char *const head[] = {
		"ADDRESS", "SENT 2s", "10s", "40s", "RECEIVED 2s", "10s", "40s",
	};
	const struct pk_addrrates *r = v->r;
	char text[PK_ADDR_TEXT];
	struct pk_table t;

	fprintf(out, "pktstat top %s   %zu addresses of at most %llu   %s/s\n",
		v->name, r->n, (unsigned long long)v->max_addresses,
		pk_unit_name(v->unit));
	pk_table_init(&t, cols, sizeof(cols) / sizeof(*cols));
	pk_table_row(&t, head);
	for (size_t i = 0; i < r->n && i < v->rows; i++) {
		pk_addr_text(r->a[i].a, text, sizeof(text));
		rates_row(&t, text, &r->a[i].r);
	}
	rates_row(&t, PK_ADDRS_OTHER, &r->other);
	rates_row(&t, "total", &r->total);
	pk_table_print(out, &t);
	pk_table_free(&t);
}
