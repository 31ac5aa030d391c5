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

/* A row with its names in munin: graph STEM_FAMILY, fields FIELD_up and
 * FIELD_down, [A-Za-z0-9_] (see cleanname.h). */
struct item {
	const struct pk_tagrow *r;
	int shadowed;
	char stem[PK_CLEAN_LEN];
	char field[FIELD_LEN];	/* FAMILY_STEM */
};

/*
 * A tag of its own and an _up/_down pair with the same stem in one family
 * ("web4", "web4_up") would both be field FAMILY_STEM_up and graph
 * STEM_FAMILY, and munin keeps only one. Rows sort the tag of its own
 * just before the pair; it alone takes pk_clean_other()'s name, which no
 * tag cleans into, so that every other name stays the old plugin's.
 */
static int shadowed(const struct pk_tagrow *rows, size_t n, size_t i)
{
	return !rows[i].pair && i + 1 < n && rows[i + 1].pair &&
	       !strcmp(rows[i].family, rows[i + 1].family) &&
	       !strcmp(rows[i].stem, rows[i + 1].stem);
}

static void item_at(struct item *it, const struct pk_tagrow *rows, size_t n,
		    size_t i)
{
	it->r = &rows[i];
	it->shadowed = shadowed(rows, n, i);
	if (it->shadowed)
		pk_clean_other(it->stem, sizeof(it->stem), rows[i].stem, "");
	else
		pk_clean_name(it->stem, sizeof(it->stem), rows[i].stem, "");
	snprintf(it->field, sizeof(it->field), "%s_%s", rows[i].family,
		 it->stem);
}

/* "#\nmultigraph traffic_accounting.STEM_FAMILY" */
static void multigraph(FILE *out, const struct pk_munin *m,
		       const struct item *it)
{
	fprintf(out, "#\nmultigraph %s.%s_%s\n", m->plugin, it->stem,
		it->r->family);
}

static const char *what_name(enum pk_unit u)
{
	return pk_unit_name(u);
}

/* Whether a wildcard link names a row by its munin name (what suggest
 * lists): else it names one by its tag as it is ("web.v4"). */
static int link_by_name(const struct pk_munin *m, const struct pk_tagrow *rows,
			size_t n)
{
	struct item it;

	for (size_t i = 0; !m->multigraph && m->family && i < n; i++) {
		item_at(&it, rows, n, i);
		if (!strcmp(m->family, rows[i].family) && !strcmp(m->stem, it.stem))
			return 1;
	}
	return 0;
}

/* One row at most for a wildcard link (names are unique in a family; by
 * tag, the pair is the row of its stem, not the tag of its own). */
static int selected(const struct pk_munin *m, const struct item *it,
		    int by_name)
{
	if (m->multigraph)
		return 1;
	if (!m->family || strcmp(m->family, it->r->family))
		return 0;
	if (by_name)
		return !strcmp(m->stem, it->stem);
	return !it->shadowed && !strcmp(m->stem, it->r->stem);
}

static void item_config(FILE *out, const struct pk_munin *m,
			const struct item *it, int root)
{
	const struct pk_tagrow *r = it->r;
	const char *f = it->field;

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
			 const struct item *it)
{
	const struct pk_tagrow *r = it->r;

	if (m->multigraph)
		multigraph(out, m, it);
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
	struct item it;

	fputs("graph_title Root traffic accounting graph (allprotos)\n"
	      "graph_info Root traffic accounting graph (allprotos)\n"
	      "graph_args --base 1000 -l 0\ngraph_category network\n"
	      "graph_order", out);
	for (size_t i = 0; i < n; i++) {
		item_at(&it, rows, n, i);
		if (rows[i].pair)
			fprintf(out, " %s_down", it.field);
		fprintf(out, " %s_up", it.field);
		updown |= rows[i].pair;
	}
	fprintf(out, "\ngraph_vlabel %s%s per ${graph_period}\n",
		what_name(m->what), updown ? " in (-) / out (+)" : "");
	for (size_t i = 0; i < n; i++) {
		item_at(&it, rows, n, i);
		item_config(out, m, &it, 1);
	}
}

void pk_munin_config(FILE *out, const struct pk_munin *m,
		     const struct pk_tagrow *rows, size_t n)
{
	int by_name = link_by_name(m, rows, n);
	struct item it;

	if (m->multigraph)
		root_config(out, m, rows, n);
	for (size_t i = 0; i < n; i++) {
		item_at(&it, rows, n, i);
		if (!selected(m, &it, by_name))
			continue;
		graph_config(out, m, &it);
		item_config(out, m, &it, 0);
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
		       const struct item *it, int root)
{
	const struct pk_tagrow *r = it->r;
	int packets = m->what == PK_PACKETS;

	if (!root && m->multigraph)
		multigraph(out, m, it);
	value(out, it->field, "up", r->has_up, packets ? r->up_frames : r->up_bytes);
	if (r->pair)
		value(out, it->field, "down", r->has_down,
		      packets ? r->down_frames : r->down_bytes);
}

void pk_munin_fetch(FILE *out, const struct pk_munin *m,
		    const struct pk_tagrow *rows, size_t n)
{
	int by_name = link_by_name(m, rows, n);
	struct item it;

	for (size_t i = 0; m->multigraph && i < n; i++) {
		item_at(&it, rows, n, i);
		item_value(out, m, &it, 1);
	}
	for (size_t i = 0; i < n; i++) {
		item_at(&it, rows, n, i);
		if (selected(m, &it, by_name))
			item_value(out, m, &it, 0);
	}
}

void pk_munin_suggest(FILE *out, const struct pk_tagrow *rows, size_t n)
{
	struct item it;

	for (size_t i = 0; i < n; i++) {
		item_at(&it, rows, n, i);
		fprintf(out, "%s\n", it.field);
	}
}
