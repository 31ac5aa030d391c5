// SPDX-License-Identifier: GPL-2.0
/* munin traffic_accounting output (see munin.h). */
#include <string.h>
#include "cleanname.h"
#include "munin.h"

#define WILDCARD_PREFIX "traffic_accounting_"

int pk_munin_wildcard(const char *plugin, char *family, size_t flen,
		      char *stem, size_t slen)
{
	size_t plen = strlen(WILDCARD_PREFIX);

	if (strncmp(plugin, WILDCARD_PREFIX, plen))
		return -1;
	plugin += plen;
	if ((strncmp(plugin, "ipv4_", 5) && strncmp(plugin, "ipv6_", 5)) ||
	    !plugin[5])
		return -1;
	snprintf(family, flen, "%.4s", plugin);
	snprintf(stem, slen, "%s", plugin + 5);
	return 0;
}

/* FIELD_LEN holds "ipv4_" + a cleaned stem + "_down" */
#define FIELD_LEN	(PK_CLEAN_LEN + 16)

/* munin field names: FAMILY_STEM, [A-Za-z0-9_] (see cleanname.h) */
static void field(char *buf, size_t len, const struct pk_tagrow *r)
{
	char stem[PK_CLEAN_LEN];

	pk_clean_name(stem, sizeof(stem), r->stem, "");
	snprintf(buf, len, "%s_%s", r->family, stem);
}

/* "#\nmultigraph traffic_accounting.STEM_FAMILY" */
static void multigraph(FILE *out, const struct pk_munin *m,
		       const struct pk_tagrow *r)
{
	char stem[PK_CLEAN_LEN];

	pk_clean_name(stem, sizeof(stem), r->stem, "");
	fprintf(out, "#\nmultigraph %s.%s_%s\n", m->plugin, stem, r->family);
}

static const char *what_name(enum pk_unit u)
{
	return pk_unit_name(u);
}

/* A wildcard link names the tag as it is or cleaned. */
static int selected(const struct pk_munin *m, const struct pk_tagrow *r)
{
	char stem[PK_CLEAN_LEN];

	if (m->multigraph)
		return 1;
	if (!m->family || strcmp(m->family, r->family))
		return 0;
	pk_clean_name(stem, sizeof(stem), r->stem, "");
	return !strcmp(m->stem, r->stem) || !strcmp(m->stem, stem);
}

static void item_config(FILE *out, const struct pk_munin *m,
			const struct pk_tagrow *r, int root)
{
	char f[FIELD_LEN];

	field(f, sizeof(f), r);
	if (root)
		fprintf(out, "%s_up.label %s (%s)\n", f, r->desc, r->family);
	else
		fprintf(out, "%s_up.label %s (%s)\n", f, what_name(m->what), r->family);
	fprintf(out, "%s_up.type DERIVE\n%s_up.min 0\n", f, f);
	if (m->what == PK_BITS)
		fprintf(out, "%s_up.cdef %s_up,8,*\n", f, f);
	if (!r->pair)
		return;
	fprintf(out, "%s_up.negative %s_down\n", f, f);
	if (!root)
		fprintf(out, "graph_order %s_down %s_up\n", f, f);
	fprintf(out, "%s_down.label %s (%s)\n%s_down.type DERIVE\n"
		"%s_down.min 0\n%s_down.graph no\n", f, r->desc, r->family, f, f, f);
	if (m->what == PK_BITS)
		fprintf(out, "%s_down.cdef %s_down,8,*\n", f, f);
}

static void graph_config(FILE *out, const struct pk_munin *m,
			 const struct pk_tagrow *r)
{
	if (m->multigraph)
		multigraph(out, m, r);
	fprintf(out, "graph_title %s (%s)\ngraph_info %s (%s)\n"
		"graph_args --base 1000 -l 0\ngraph_category network\n",
		r->desc, r->family, r->desc, r->family);
	if (r->pair)
		fprintf(out, "graph_vlabel %s in (-) / out (+) per ${graph_period}\n",
			what_name(m->what));
	else
		fprintf(out, "graph_vlabel %s per ${graph_period}\n",
			what_name(m->what));
}

static void root_config(FILE *out, const struct pk_munin *m,
			const struct pk_tagrow *rows, size_t n)
{
	int updown = 0;
	char f[FIELD_LEN];

	fputs("graph_title Root traffic accounting graph (allprotos)\n"
	      "graph_info Root traffic accounting graph (allprotos)\n"
	      "graph_args --base 1000 -l 0\ngraph_category network\n"
	      "graph_order", out);
	for (size_t i = 0; i < n; i++) {
		field(f, sizeof(f), &rows[i]);
		if (rows[i].pair)
			fprintf(out, " %s_down", f);
		fprintf(out, " %s_up", f);
		updown |= rows[i].pair;
	}
	fprintf(out, "\ngraph_vlabel %s%s per ${graph_period}\n",
		what_name(m->what), updown ? " in (-) / out (+)" : "");
	for (size_t i = 0; i < n; i++)
		item_config(out, m, &rows[i], 1);
}

void pk_munin_config(FILE *out, const struct pk_munin *m,
		     const struct pk_tagrow *rows, size_t n)
{
	if (m->multigraph)
		root_config(out, m, rows, n);
	for (size_t i = 0; i < n; i++) {
		if (!selected(m, &rows[i]))
			continue;
		graph_config(out, m, &rows[i]);
		item_config(out, m, &rows[i], 0);
	}
}

/* A half that has no rule is unknown, not zero. */
static void value(FILE *out, const char *f, const char *half, int has,
		  uint64_t v)
{
	if (has)
		fprintf(out, "%s_%s.value %llu\n", f, half, (unsigned long long)v);
	else
		fprintf(out, "%s_%s.value U\n", f, half);
}

static void item_value(FILE *out, const struct pk_munin *m,
		       const struct pk_tagrow *r, int root)
{
	int packets = m->what == PK_PACKETS;
	char f[FIELD_LEN];

	field(f, sizeof(f), r);
	if (!root && m->multigraph)
		multigraph(out, m, r);
	value(out, f, "up", r->has_up, packets ? r->up_frames : r->up_bytes);
	if (r->pair)
		value(out, f, "down", r->has_down,
		      packets ? r->down_frames : r->down_bytes);
}

void pk_munin_fetch(FILE *out, const struct pk_munin *m,
		    const struct pk_tagrow *rows, size_t n)
{
	if (m->multigraph)
		for (size_t i = 0; i < n; i++)
			item_value(out, m, &rows[i], 1);
	for (size_t i = 0; i < n; i++)
		if (selected(m, &rows[i]))
			item_value(out, m, &rows[i], 0);
}

void pk_munin_suggest(FILE *out, const struct pk_tagrow *rows, size_t n)
{
	char f[FIELD_LEN];

	for (size_t i = 0; i < n; i++) {
		field(f, sizeof(f), &rows[i]);
		fprintf(out, "%s\n", f);
	}
}
