/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The bucket statistics of pktstat csv. Each object's NAME/stream is
 * followed (promburst.h, pbfollow.h: a reader of its own, drains nothing)
 * and each bucket is summed up, as it arrives, in the interval its start
 * falls in (bstats.h: exact count, mean, peak and buckets above the
 * threshold, p99 within 0.8%), so that an interval of millions of buckets
 * costs no more memory than one of ten: a few KB per object.
 *
 * An interval [start, end) is written once every followed object's
 * buckets starting before its end have been read (complete), or after
 * waiting for that as long as pk_csvb_wait_ns() says (the caller may wait
 * less: pktstat csv waits half an interval at most). A bucket that
 * starts before the end but is read later (the wait was cut short, or
 * the stream was read again after an error) counts in the interval being
 * filled when it is read; a bucket that starts at or after the end counts
 * in the next. Buckets older than the interval in which an object was
 * first seen (what its ring held when pktstat started) are left out.
 */
#ifndef PKTSTAT_CSVBURST_H
#define PKTSTAT_CSVBURST_H

#include "bstats.h"
#include "promburst.h"

/* One object's buckets in one interval: amounts per bucket, and the
 * buckets its reader was told it lost ("# lost" lines) meanwhile. */
struct pk_csvb_iv {
	struct pk_bstats bytes, frames;
	uint64_t lost;
};

struct pk_csvb {
	struct pk_pb pb;
	double threshold_bps;	/* bytes above it count in bytes.above */
	uint64_t start_ns, end_ns;	/* the interval being filled */
};

void pk_csvb_init(struct pk_csvb *c, double threshold_bps, uint64_t start_ns);
void pk_csvb_free(struct pk_csvb *c);
/* Where the interval being filled ends (it may move: a stop ends it
 * early). */
void pk_csvb_set_end(struct pk_csvb *c, uint64_t end_ns);
/* Reads the streams (and the object list when due); the next poll's time
 * (CLOCK_MONOTONIC). */
uint64_t pk_csvb_poll(struct pk_csvb *c, const struct pk_proc *p);
/* 1 once every followed object (not failing) has been read up to end. */
int pk_csvb_complete(const struct pk_csvb *c);
/* How long to wait for that after the end: the longest period of the
 * objects followed, and a second for the clocks, so that an interval
 * that is not a multiple of a period still gets its last bucket. */
uint64_t pk_csvb_wait_ns(const struct pk_csvb *c);
/* The interval's buckets of the object called name, and its period; 0
 * when it is not followed (no NAME/stream, or not seen yet). */
int pk_csvb_find(const struct pk_csvb *c, const char *name,
		 const struct pk_csvb_iv **iv, uint64_t *period_ns);
/* The interval is written: the next one starts at its end. */
void pk_csvb_next(struct pk_csvb *c);

#endif
