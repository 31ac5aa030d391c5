/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Buckets arriving over several reads, grouped into windows by their
 * start time: a window is summarised once a bucket of a later window
 * arrives. Buckets not newer than the last one seen are skipped (a data
 * file in a --proc copy is not drained, so the same buckets come back at
 * every read).
 */
#ifndef PKTSTAT_WINACC_H
#define PKTSTAT_WINACC_H

#include "stats.h"

struct pk_winacc {
	uint64_t period_ns, window_ns;
	enum pk_unit unit;
	double threshold;	/* as for pk_window_stats() */
	struct pk_data open;	/* buckets of the window not yet complete */
	uint64_t last_start;	/* newest bucket taken */
	uint64_t buckets;	/* buckets taken */
	uint64_t lost;		/* buckets the kernel dropped */
	void (*closed)(const struct pk_window *w, void *ctx);
	void *ctx;
};

void pk_winacc_add(struct pk_winacc *a, const struct pk_data *d);
/* Summary of the open window; 0 if it is empty. */
int pk_winacc_open(const struct pk_winacc *a, struct pk_window *w);
void pk_winacc_free(struct pk_winacc *a);

#endif
