// SPDX-License-Identifier: GPL-2.0
/* Streaming bucket statistics (see bstats.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "bstats.h"

void pk_bstats_init(struct pk_bstats *s, uint64_t limit)
{
	memset(s, 0, sizeof(*s));
	s->limit = limit;
}

/* The octave of v >= PK_BSTATS_EXACT: its power of two, from 0. */
static unsigned int octave_of(uint64_t v)
{
	return 63u - (unsigned int)__builtin_clzll(v) - PK_BSTATS_EXACT_BITS;
}

/* The bits below a bin in that octave. */
static unsigned int shift_of(unsigned int octave)
{
	return octave + PK_BSTATS_EXACT_BITS - PK_BSTATS_SUB_BITS;
}

static uint64_t *bin(struct pk_bstats *s, uint64_t v)
{
	unsigned int o;

	if (v < PK_BSTATS_EXACT)
		return &s->exact[v];
	o = octave_of(v);
	if (!s->octave[o])
		s->octave[o] = calloc(PK_BSTATS_SUB, sizeof(uint64_t));
	if (!s->octave[o])
		abort();
	return &s->octave[o][(v >> shift_of(o)) & (PK_BSTATS_SUB - 1)];
}

/* An idle run of n buckets costs one call, not n. */

void pk_bstats_add(struct pk_bstats *s, uint64_t v, uint64_t n)
{
	if (!n)
		return;
	*bin(s, v) += n;
	s->count += n;
	s->sum += v * n;
	if (v > s->peak)
		s->peak = v;
	if (v > s->limit)
		s->above += n;
}

double pk_bstats_mean(const struct pk_bstats *s)
{
	return s->count ? (double)s->sum / (double)s->count : 0;
}

/* The middle of the amounts of bin i of octave o. */
static double middle(unsigned int o, unsigned int i)
{
	unsigned int shift = shift_of(o);
	uint64_t lo = (uint64_t)(PK_BSTATS_SUB + i) << shift;

	return (double)lo + (double)((1ull << shift) - 1) / 2;
}

/* The middle of the bin of the rank-th smallest amount. */
static double ranked(const struct pk_bstats *s, uint64_t rank)
{
	uint64_t seen = 0;

	for (unsigned int v = 0; v < PK_BSTATS_EXACT; v++)
		if ((seen += s->exact[v]) >= rank)
			return v;
	for (unsigned int o = 0; o < PK_BSTATS_OCTAVES; o++)
		for (unsigned int i = 0; s->octave[o] && i < PK_BSTATS_SUB; i++)
			if ((seen += s->octave[o][i]) >= rank)
				return middle(o, i);
	return (double)s->peak;
}

double pk_bstats_percentile(const struct pk_bstats *s, double p)
{
	uint64_t rank;
	double v;

	if (!s->count)
		return 0;
	rank = (uint64_t)ceil(p / 100.0 * (double)s->count);
	if (rank < 1)
		rank = 1;
	if (rank >= s->count)	/* the largest: the peak, exact */
		return (double)s->peak;
	v = ranked(s, rank);
	return v < (double)s->peak ? v : (double)s->peak;
}

void pk_bstats_reset(struct pk_bstats *s)
{
	s->count = s->sum = s->peak = s->above = 0;
	memset(s->exact, 0, sizeof(s->exact));
	for (unsigned int o = 0; o < PK_BSTATS_OCTAVES; o++)
		if (s->octave[o])
			memset(s->octave[o], 0, PK_BSTATS_SUB * sizeof(uint64_t));
}

void pk_bstats_free(struct pk_bstats *s)
{
	for (unsigned int o = 0; o < PK_BSTATS_OCTAVES; o++)
		free(s->octave[o]);
	pk_bstats_init(s, s->limit);
}
