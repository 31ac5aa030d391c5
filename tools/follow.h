/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Defaults for the commands that read an object's buckets by windows, and
 * follow its stream (watch, bursts --follow). An object keeps samples
 * closed buckets, period x samples of time (its ring): a reader that
 * comes back later than that loses buckets.
 */
#ifndef PKTSTAT_FOLLOW_H
#define PKTSTAT_FOLLOW_H

#include "cli.h"
#include "proc.h"

#define PK_FOLLOW_MIN_NS	10000000ull	/* 10ms */
#define PK_FOLLOW_MAX_NS	1000000000ull	/* 1s */
#define PK_WINDOW_MIN_NS	1000000000ull	/* 1s */

/* period x samples (1000, the module's default, when info has none). */
uint64_t pk_ring_ns(const struct pk_info *info);
/* --interval, or a quarter of the ring within [10ms, 1s]; warns on stderr
 * when it is longer than half the ring. */
uint64_t pk_follow_interval(const struct pk_opts *o,
			    const struct pk_info *info);
/* --window, which must be a multiple of the period, or the smallest
 * multiple of the period of at least 1s; PK_EXIT_USAGE with a message. */
int pk_follow_window(const struct pk_opts *o, const struct pk_info *info,
		     uint64_t *window_ns);
/* Calls poll(arg), which returns the time to call it next, until
 * next_ns, then sleeps until next_ns; -1 when asked to stop. */
int pk_poll_until(uint64_t (*poll)(void *arg), void *arg, uint64_t next_ns);

#endif
