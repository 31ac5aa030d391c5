/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bucket statistics for pktstat graphite: each object's NAME/stream is
 * followed (promburst.h) and its buckets grouped in windows of the send
 * interval (aligned to multiples of it since the epoch, a bucket in the
 * window of its start), summed up as they arrive (bstats.h: exact mean,
 * peak and buckets above, p99 within 0.8%) so that a window of millions
 * of buckets costs no more memory than one of ten; each window, once
 * complete (a later bucket read), gives the lines
 *   P.objects.NAME.bucket_bytes_per_second.{mean,peak,p99}
 *   P.objects.NAME.bucket_frames_per_second.{mean,peak,p99}
 *   P.objects.NAME.buckets_above_threshold
 * stamped with the window's start.
 */
#ifndef PKTSTAT_GWIN_H
#define PKTSTAT_GWIN_H

#include "graphite.h"
#include "promburst.h"

struct pk_gwin {
	struct pk_pb pb;
	const char *prefix;
	uint64_t window_ns;
	double threshold_bps;
	struct pk_gqueue *queue;	/* where the lines go */
	FILE *out;		/* during a poll, its lines: queued at its end */
};

void pk_gwin_init(struct pk_gwin *g, const char *prefix, uint64_t window_ns,
		  double threshold_bps, struct pk_gqueue *queue);
/* Reads the streams; the lines of the windows completed go to the queue.
 * The next poll's time (CLOCK_MONOTONIC). */
uint64_t pk_gwin_poll(struct pk_gwin *g, const struct pk_proc *p);
void pk_gwin_free(struct pk_gwin *g);

#endif
