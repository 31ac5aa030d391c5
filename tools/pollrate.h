/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the munin plugin draws for an object: its rates since the
 * previous fetch (mstate.h), from one pass of its stream opened now,
 * which starts at the oldest bucket the ring still holds (samples x
 * period back at most) with a "# before" line.
 *
 * The mean comes from the counters: what the object counted up to the
 * end of the last bucket read (before + buckets read + buckets reported
 * lost), less what it had counted at the previous fetch's end, over the
 * time between. It is exact over the whole poll interval: buckets the
 * ring no longer holds and lost ranges count in it. The peak is the
 * busiest bucket read that starts at or after the previous fetch's end:
 * buckets older than the ring's depth, and those of a lost range, cannot
 * be seen (so with a ring shorter than the poll interval, the peak is
 * that of the last period x samples only, and may be below the mean).
 * Without a state (the first fetch, or another created_ns), both are
 * over the buckets the pass read.
 */
#ifndef PKTSTAT_POLLRATE_H
#define PKTSTAT_POLLRATE_H

#include "mstate.h"

struct pk_pollrate {
	int have_mean, have_peak;	/* 0: no bucket ended since (U) */
	double mean_frames, mean_bytes;	/* per second */
	double peak_frames, peak_bytes;	/* the busiest buckets', per second */
};

/*
 * info: the object's; d: the pass; prev: the state of the previous fetch
 * (NULL: none). *next: the state to keep, prev's again when no bucket
 * ended since; 0 when there is nothing to keep (no bucket, no prev).
 */
int pk_pollrate(const struct pk_info *info, const struct pk_data *d,
		const struct pk_mstate_ent *prev, struct pk_pollrate *r,
		struct pk_mstate_ent *next);

#endif
