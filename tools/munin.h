/* SPDX-License-Identifier: GPL-2.0 */
/*
 * munin output compatible with the traffic_accounting plugin: the same
 * graph and field names, so that existing graphs continue. Multigraph: a
 * root graph with every tag, plus PLUGIN.STEM_FAMILY per tag; else a
 * single graph for the tag the plugin is linked as. _up/_down rows are
 * drawn sent (+) / received (-) with munin's negative field. Tags are
 * cleaned into field and graph names by pk_clean_name() (cleanname.h);
 * a tag of its own beside a pair of the same stem ("web4" beside
 * "web4_up") is named by pk_clean_other() ("__web4"), apart from the pair.
 */
#ifndef PKTSTAT_MUNIN_H
#define PKTSTAT_MUNIN_H

#include <stdio.h>
#include "tagrows.h"
#include "units.h"

struct pk_munin {
	const char *plugin;	/* "traffic_accounting" */
	enum pk_unit what;
	int multigraph;
	const char *family;	/* single graph: "ipv4" */
	const char *stem;	/* single graph: the tag */
};

/* "traffic_accounting_ipv4_web4" -> ipv4, web4; -1 if not of that form.
 * The stem may be a row's munin name (as suggested) or, when it is none,
 * its tag as it is. */
int pk_munin_wildcard(const char *plugin, char *family, size_t flen,
		      char *stem, size_t slen);
void pk_munin_config(FILE *out, const struct pk_munin *m,
		     const struct pk_tagrow *rows, size_t n);
void pk_munin_fetch(FILE *out, const struct pk_munin *m,
		    const struct pk_tagrow *rows, size_t n);
/* FAMILY_STEM per row, the stem cleaned: traffic_accounting_ + this is a
 * wildcard link's name */
void pk_munin_suggest(FILE *out, const struct pk_tagrow *rows, size_t n);

#endif
