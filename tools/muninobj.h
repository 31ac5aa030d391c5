/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The munin plugin's graph per object (multigraph only), beside the tag
 * graphs: PLUGIN.NAME_bursts (the name cleaned, cleanname.h; tag graphs
 * end in _ipv4 or _ipv6, so the two never meet), with the fields mean
 * and peak: the object's mean rate and its busiest bucket's rate since
 * the previous fetch (pollrate.h), per second in env.what (bits drawn
 * from bytes with a cdef, as the tag graphs do). GAUGE: the rates are
 * computed here, over the poll interval.
 */
#ifndef PKTSTAT_MUNINOBJ_H
#define PKTSTAT_MUNINOBJ_H

#include <stdio.h>
#include "munin.h"
#include "pollrate.h"

struct pk_munin_obj {
	char name[PK_NAME_LEN];
	uint64_t period_ns;
	uint64_t ring_ns;	/* period x samples: how far back a peak is seen */
	struct pk_pollrate r;	/* fetch only */
};

void pk_munin_obj_config(FILE *out, const struct pk_munin *m,
			 const struct pk_munin_obj *o, size_t n);
void pk_munin_obj_fetch(FILE *out, const struct pk_munin *m,
			const struct pk_munin_obj *o, size_t n);

#endif
