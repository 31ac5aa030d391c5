// SPDX-License-Identifier: GPL-2.0
/* An address table as text, CSV or JSON (see addrfmt.h). */
#include <stdlib.h>
#include "addrfmt.h"
#include "json.h"
#include "table.h"

/* One row: the address (or "other") and its counters. */
struct row {
	const char *address;
	const struct pk_addr *a;	/* NULL for other */
	const struct pk_addr_counts *c;
};

typedef void (*row_fn)(FILE *out, const struct row *r, int first,
		       void *ctx);

/* Calls f for each address, most bytes first, then for other. */
static void each_row(FILE *out, const struct pk_addrs *t, row_fn f,
		     void *ctx)
{
	const struct pk_addr **order = pk_addrs_by_bytes(t);
	char text[PK_ADDR_TEXT];
	struct row r;

	for (size_t i = 0; i < t->n; i++) {
		pk_addr_text(order[i], text, sizeof(text));
		r = (struct row){ text, order[i], &order[i]->c };
		f(out, &r, i == 0, ctx);
	}
	free(order);
	r = (struct row){ PK_ADDRS_OTHER, NULL, &t->other };
	f(out, &r, t->n == 0, ctx);
}

static const struct pk_col text_cols[] = {
	{ 1, 15, 0 }, { 0, 11, 2 }, { 0, 10, 2 }, { 0, 15, 2 }, { 0, 14, 2 },
};

static void text_row(FILE *out, const struct row *r, int first, void *ctx)
{
	char n[4][24];
	const char *cells[5] = { r->address, n[0], n[1], n[2], n[3] };

	(void)out;
	(void)first;
	snprintf(n[0], sizeof(n[0]), "%llu", (unsigned long long)r->c->src_frames);
	snprintf(n[1], sizeof(n[1]), "%llu", (unsigned long long)r->c->src_bytes);
	snprintf(n[2], sizeof(n[2]), "%llu", (unsigned long long)r->c->dst_frames);
	snprintf(n[3], sizeof(n[3]), "%llu", (unsigned long long)r->c->dst_bytes);
	pk_table_row(ctx, cells);
}

static void addresses_text(FILE *out, const struct pk_info *info,
			   const struct pk_addrs *t)
{
	static const char *const head[5] = {
		"ADDRESS", "SENT FRAMES", "SENT BYTES", "RECEIVED FRAMES",
		"RECEIVED BYTES",
	};
	struct pk_table tab;

	fprintf(out, "# %s: %zu addresses of at most %llu (IPv4 /%llu, "
		"IPv6 /%llu)\n", info->name, t->n,
		(unsigned long long)info->v[PK_I_MAX_ADDRESSES],
		(unsigned long long)info->v[PK_I_PREFIX4],
		(unsigned long long)info->v[PK_I_PREFIX6]);
	pk_table_init(&tab, text_cols, 5);
	pk_table_row(&tab, head);
	each_row(out, t, text_row, &tab);
	pk_table_print(out, &tab);
	pk_table_free(&tab);
}

static void csv_row(FILE *out, const struct row *r, int first, void *ctx)
{
	(void)first;
	(void)ctx;
	fprintf(out, "%s,%llu,%llu,%llu,%llu\n", r->address,
		(unsigned long long)r->c->src_frames,
		(unsigned long long)r->c->src_bytes,
		(unsigned long long)r->c->dst_frames,
		(unsigned long long)r->c->dst_bytes);
}

/* "sent":{"frames":F,"bytes":B},"received":{...} */
static void json_counts(FILE *out, const struct pk_addr_counts *c)
{
	fprintf(out, "\"sent\":{\"frames\":%llu,\"bytes\":%llu},"
		"\"received\":{\"frames\":%llu,\"bytes\":%llu}",
		(unsigned long long)c->src_frames,
		(unsigned long long)c->src_bytes,
		(unsigned long long)c->dst_frames,
		(unsigned long long)c->dst_bytes);
}

/* Addresses in the array "addresses", other as an object of its own
 * after it: it is no address. */
static void json_row(FILE *out, const struct row *r, int first, void *ctx)
{
	(void)ctx;
	if (!r->a) {
		fputs("],\n\"other\":{", out);
		json_counts(out, r->c);
		fputc('}', out);
		return;
	}
	fputs(first ? "\n{\"address\":" : ",\n{\"address\":", out);
	pk_json_string(out, r->address);
	fprintf(out, ",\"family\":\"%s\",\"prefix\":%u,",
		pk_addr_family(r->a), r->a->prefix);
	json_counts(out, r->c);
	fputc('}', out);
}

static void addresses_json(FILE *out, const struct pk_info *info,
			   const struct pk_addrs *t)
{
	fputs("{\"name\":", out);
	pk_json_string(out, info->name);
	fprintf(out, ",\"max_addresses\":%llu,\"prefix4\":%llu,"
		"\"prefix6\":%llu,\"addresses\":[",
		(unsigned long long)info->v[PK_I_MAX_ADDRESSES],
		(unsigned long long)info->v[PK_I_PREFIX4],
		(unsigned long long)info->v[PK_I_PREFIX6]);
	each_row(out, t, json_row, NULL);
	fputs("}\n", out);
}

void pk_print_addresses(FILE *out, enum pk_format fmt,
			const struct pk_info *info, const struct pk_addrs *t)
{
	if (fmt == PK_CSV) {
		fputs("address,src_frames,src_bytes,dst_frames,dst_bytes\n", out);
		each_row(out, t, csv_row, NULL);
	} else if (fmt == PK_JSON) {
		addresses_json(out, info, t);
	} else {
		addresses_text(out, info, t);
	}
}
