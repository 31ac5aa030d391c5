/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bursts: runs of buckets whose rate is above a threshold, followed bucket
 * by bucket. Two runs separated by at most max_gap buckets at or below the
 * threshold are one burst (the gap's buckets count in its duration and
 * amounts); a gap in the data itself (buckets reported lost) ends a burst.
 * Pure: buckets in, bursts out, so that it is tested on its own and shared
 * by pktstat bursts --events and the exporters.
 */
#ifndef PKTSTAT_BURST_H
#define PKTSTAT_BURST_H

#include <stdint.h>
#include "proc.h"
#include "units.h"

struct pk_burst {
	uint64_t start_ns;	/* the first bucket above the threshold */
	uint64_t end_ns;	/* the end of the last one */
	uint64_t buckets;	/* buckets from start to end */
	uint64_t above;		/* of which above the threshold */
	uint64_t frames;
	uint64_t bytes;
	double peak;		/* the busiest bucket's rate, per second */
};

struct pk_burst_tracker {
	uint64_t period_ns;
	enum pk_unit unit;
	double threshold;	/* rate per second in unit */
	uint64_t max_gap;	/* buckets at or below it inside one burst */
	int open;		/* a burst is under way */
	struct pk_burst cur;
	uint64_t next_ns;	/* where the next bucket must start */
	uint64_t gap;		/* quiet buckets since the last above */
	uint64_t gap_frames, gap_bytes;
	uint64_t above_total;	/* buckets above the threshold, ever */
	uint64_t bursts_total;	/* bursts ended, ever */
};

void pk_burst_init(struct pk_burst_tracker *t, uint64_t period_ns,
		   enum pk_unit unit, double threshold, uint64_t max_gap);
/*
 * One bucket, in order. Returns 1 and fills *done when a burst ended before
 * this bucket (a quiet gap longer than max_gap, or a hole in the data).
 */
int pk_burst_feed(struct pk_burst_tracker *t, const struct pk_bucket *b,
		  struct pk_burst *done);
/*
 * n buckets from b on, one period apart: b alone, or a run of n empty
 * buckets, as n calls of pk_burst_feed() would take them but in O(1). An
 * empty bucket is never above a threshold, which is not negative.
 */
int pk_burst_feed_run(struct pk_burst_tracker *t, const struct pk_bucket *b,
		      uint64_t n, struct pk_burst *done);
/* The end of the data: returns 1 and fills *done if a burst was open. */
int pk_burst_flush(struct pk_burst_tracker *t, struct pk_burst *done);

#endif
