/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bucket statistics. A bucket's rate is its amount divided by the period;
 * percentiles use the nearest-rank method (p99 of 100 buckets is the 99th
 * smallest); a window's mean is its total over the time its buckets cover.
 */
#ifndef PKTSTAT_STATS_H
#define PKTSTAT_STATS_H

#include <stddef.h>
#include <stdint.h>
#include "proc.h"
#include "units.h"

struct pk_window {
	uint64_t start_ns;	/* window start, a multiple of the window */
	size_t buckets;		/* buckets seen in it */
	double total;		/* amount in the unit */
	double mean;		/* per second */
	double peak;		/* highest bucket rate, per second */
	double p50, p99;	/* bucket rate percentiles, per second */
	size_t above;		/* buckets with a rate above the threshold */
};

/* p in [0, 100]; sorts v in place; 0 for n == 0. */
double pk_percentile(double *v, size_t n, double p);
double pk_bucket_rate(const struct pk_bucket *b, uint64_t period_ns,
		      enum pk_unit u);
/* Summarises buckets b[0..n), all in one window. */
void pk_window_stats(const struct pk_bucket *b, size_t n, uint64_t period_ns,
		     enum pk_unit u, double threshold, struct pk_window *w);
/* Splits sorted buckets into windows of window_ns (by their start time)
 * and summarises each; returns the number of windows written to out,
 * which is allocated. threshold < 0 means twice the window's mean. */
size_t pk_windows(const struct pk_bucket *b, size_t n, uint64_t period_ns,
		  uint64_t window_ns, enum pk_unit u, double threshold,
		  struct pk_window **out);

#endif
