// SPDX-License-Identifier: GPL-2.0
/* Bucket statistics (see stats.h for the definitions). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "stats.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double pk_percentile(double *v, size_t n, double p)
{
	size_t rank;

	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), cmp_double);
	rank = (size_t)ceil(p / 100.0 * (double)n);
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return v[rank - 1];
}

double pk_bucket_rate(const struct pk_bucket *b, uint64_t period_ns,
		      enum pk_unit u)
{
	return pk_unit_value(u, b->frames, b->bytes) * 1e9 / (double)period_ns;
}

void pk_window_stats(const struct pk_bucket *b, size_t n, uint64_t period_ns,
		     enum pk_unit u, double threshold, struct pk_window *w)
{
	double *rates = malloc((n ? n : 1) * sizeof(*rates));

	memset(w, 0, sizeof(*w));
	w->buckets = n;
	for (size_t i = 0; i < n; i++) {
		rates[i] = pk_bucket_rate(&b[i], period_ns, u);
		w->total += pk_unit_value(u, b[i].frames, b[i].bytes);
		if (rates[i] > w->peak)
			w->peak = rates[i];
	}
	if (n)
		w->mean = w->total * 1e9 / ((double)n * (double)period_ns);
	if (threshold < 0)
		threshold = 2 * w->mean;
	for (size_t i = 0; i < n; i++)
		if (rates[i] > threshold)
			w->above++;
	w->p50 = pk_percentile(rates, n, 50);
	w->p99 = pk_percentile(rates, n, 99);
	free(rates);
}

size_t pk_windows(const struct pk_bucket *b, size_t n, uint64_t period_ns,
		  uint64_t window_ns, enum pk_unit u, double threshold,
		  struct pk_window **out)
{
	size_t count = 0, i = 0;

	*out = calloc(n ? n : 1, sizeof(**out));
	while (i < n) {
		uint64_t start = b[i].start_ns - b[i].start_ns % window_ns;
		size_t j = i;

		while (j < n && b[j].start_ns - b[j].start_ns % window_ns == start)
			j++;
		pk_window_stats(&b[i], j - i, period_ns, u, threshold,
				&(*out)[count]);
		(*out)[count++].start_ns = start;
		i = j;
	}
	return count;
}
