/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Statistics of a stream of amounts per bucket (bytes or frames) in
 * constant memory, whatever the number of buckets: count, sum (so the
 * mean), peak and the buckets above a limit exactly, and percentiles from
 * a histogram. Amounts below PK_BSTATS_EXACT have a bin each (exact);
 * each power of two above is cut into PK_BSTATS_SUB bins of equal width,
 * allocated when first used, and a percentile is the middle of its bin:
 * within 1/(2 x PK_BSTATS_SUB) (0.8%) of the nearest-rank percentile of
 * the amounts (stats.h), and never above the peak. An idle run of n
 * buckets is one call. Memory: 1520 bytes, and 512 bytes for each power
 * of two that has held an amount (at most 57 of them, whatever the
 * number of buckets).
 */
#ifndef PKTSTAT_BSTATS_H
#define PKTSTAT_BSTATS_H

#include <stdint.h>

/* exact bins below 2^7; 2^6 bins in each power of two above */
#define PK_BSTATS_EXACT_BITS	7
#define PK_BSTATS_EXACT		(1u << PK_BSTATS_EXACT_BITS)	/* 128 */
#define PK_BSTATS_SUB_BITS	6
#define PK_BSTATS_SUB		(1u << PK_BSTATS_SUB_BITS)	/* 64 */
#define PK_BSTATS_OCTAVES	(64 - PK_BSTATS_EXACT_BITS)

/*
 * count buckets, sum of their amounts, the largest, and those above
 * limit; exact[a]: buckets of amount a; octave[o][i]: buckets in bin i
 * of [2^(o + PK_BSTATS_EXACT_BITS), 2^(o + PK_BSTATS_EXACT_BITS + 1)).
 */
struct pk_bstats {
	uint64_t count;
	uint64_t sum;
	uint64_t peak;
	uint64_t limit;
	uint64_t above;
	uint64_t exact[PK_BSTATS_EXACT];
	uint64_t *octave[PK_BSTATS_OCTAVES];
};

/* Empty; buckets of an amount above limit count in above. */
void pk_bstats_init(struct pk_bstats *s, uint64_t limit);
/* n buckets of amount v. */
void pk_bstats_add(struct pk_bstats *s, uint64_t v, uint64_t n);
/* sum / count, 0 when empty. */
double pk_bstats_mean(const struct pk_bstats *s);
/* The p-th percentile (p in [0, 100]) of the amounts, within the bound
 * above; 0 when empty. */
double pk_bstats_percentile(const struct pk_bstats *s, double p);
/* Empty again, keeping limit and the bins allocated. */
void pk_bstats_reset(struct pk_bstats *s);
/* Frees the bins; s is empty. */
void pk_bstats_free(struct pk_bstats *s);

#endif
