/* SPDX-License-Identifier: GPL-2.0 */
/* The watch screen: a bar plot of windows and their statistics. */
#ifndef PKTSTAT_PLOT_H
#define PKTSTAT_PLOT_H

#include <stdio.h>
#include "stats.h"

struct pk_screen {
	const char *name;
	uint64_t period_ns;
	uint64_t window_ns;
	enum pk_unit unit;
	int width, height;	/* terminal size */
	const struct pk_window *w;	/* oldest first, sorted by start */
	size_t n;
	const struct pk_window *last;	/* last complete window, or NULL */
	uint64_t buckets, lost_buckets;
};

/* One column per window up to the newest; the bar is the window's mean
 * rate (eighth blocks), the shade above it reaches its peak bucket. */
void pk_plot(FILE *out, const struct pk_screen *s);
/* Rounds up to 1, 2 or 5 times a power of ten. */
double pk_nice_ceil(double v);

#endif
