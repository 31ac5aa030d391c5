/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Burst events (pktstat bursts --events): the bursts of struct
 * pk_burst_tracker printed one per line as text (a header, then a row per
 * burst), CSV (column names, then rows) or JSON Lines (an object per
 * burst, complete in itself).
 */
#ifndef PKTSTAT_BURSTEV_H
#define PKTSTAT_BURSTEV_H

#include <stdio.h>
#include "burst.h"
#include "format.h"

struct pk_evfmt {
	enum pk_format fmt;
	const char *name;
	uint64_t period_ns;
	enum pk_unit unit;
	double threshold;
	uint64_t max_gap;
};

void pk_print_burst_header(FILE *out, const struct pk_evfmt *f);
void pk_print_burst(FILE *out, const struct pk_evfmt *f,
		    const struct pk_burst *b);
/* Feeds d's buckets to t and prints each burst that ended. */
void pk_burst_events(FILE *out, const struct pk_evfmt *f,
		     struct pk_burst_tracker *t, const struct pk_data *d);

#endif
