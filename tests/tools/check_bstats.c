// SPDX-License-Identifier: GPL-2.0
/* Streaming bucket statistics (bstats.c) against exact computations. */
#include <stdlib.h>
#include "bstats.h"
#include "stats.h"
#include "suites.h"

/* The bound bstats.h documents for a percentile. */
static void assert_within(double got, double exact)
{
	ck_assert_msg(got >= exact - exact / (2 * PK_BSTATS_SUB) &&
		      got <= exact + exact / (2 * PK_BSTATS_SUB),
		      "got %.17g, exact %.17g", got, exact);
}

START_TEST(exact_count_sum_peak_above)
{
	static const uint64_t v[] = { 0, 7, 127, 128, 1000, 1000, 65537,
				      12345678901ull, 3 };
	struct pk_bstats s;

	pk_bstats_init(&s, 1000);
	for (size_t i = 0; i < sizeof(v) / sizeof(*v); i++)
		pk_bstats_add(&s, v[i], 1);
	pk_bstats_add(&s, 5000, 3);
	ck_assert_uint_eq(s.count, 12);
	ck_assert_uint_eq(s.sum, 12345761703ull);
	ck_assert_double_eq(pk_bstats_mean(&s), 12345761703.0 / 12);
	ck_assert_uint_eq(s.peak, 12345678901ull);
	ck_assert_uint_eq(s.above, 5);	/* above 1000, not at it */
	ck_assert_double_eq(pk_bstats_percentile(&s, 100), 12345678901.0);
	ck_assert_double_eq(pk_bstats_percentile(&s, 0), 0);
	pk_bstats_free(&s);
}
END_TEST

/* Amounts below PK_BSTATS_EXACT have a bin each; the largest of fewer
 * than 100 buckets is the p99 and is exact. */
START_TEST(exact_small_amounts_and_few_buckets)
{
	struct pk_bstats s;
	double v[99];

	pk_bstats_init(&s, UINT64_MAX);
	for (uint64_t i = 0; i < 99; i++) {
		v[i] = (double)(i % 120);
		pk_bstats_add(&s, i % 120, 1);
	}
	for (double p = 0; p <= 100; p += 0.5)
		ck_assert_double_eq(pk_bstats_percentile(&s, p),
				    pk_percentile(v, 99, p));
	pk_bstats_add(&s, 1000003, 1);
	ck_assert_double_eq(pk_bstats_percentile(&s, 99), 98);
	pk_bstats_reset(&s);
	pk_bstats_add(&s, 1000003, 1);
	ck_assert_double_eq(pk_bstats_percentile(&s, 99), 1000003);
	ck_assert_uint_eq(s.above, 0);
	pk_bstats_free(&s);
}
END_TEST

/* xorshift64*: the same numbers on every run. */
static uint64_t next_random(uint64_t *x)
{
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * 2685821657736338717ull;
}

/* Amounts spread over many powers of two, some idle, some repeated. */
static uint64_t random_amount(uint64_t *x, int kind)
{
	uint64_t r = next_random(x);

	switch (kind) {
	case 0:		/* uniform up to 10 us at 100 Gbit/s */
		return r % 125001;
	case 1:		/* log-uniform over 2^0 .. 2^50 */
		return (r >> 14) >> (r % 64 < 14 ? 14 : r % 64);
	default:	/* mostly idle, bursts of a few sizes */
		return r % 10 < 8 ? 0 : 1500 * (1 + r % 40);
	}
}

START_TEST(percentiles_within_bound)
{
	enum { N = 20000 };
	static const double ps[] = { 1, 10, 50, 90, 99, 99.9, 99.99 };
	uint64_t x = 0x9e3779b97f4a7c15ull + (uint64_t)_i;
	double *v = malloc(N * sizeof(*v));
	struct pk_bstats s;

	pk_bstats_init(&s, 3000);
	for (size_t i = 0; i < N; i++) {
		uint64_t a = random_amount(&x, _i);

		v[i] = (double)a;
		pk_bstats_add(&s, a, 1);
	}
	for (size_t i = 0; i < sizeof(ps) / sizeof(*ps); i++)
		assert_within(pk_bstats_percentile(&s, ps[i]),
			      pk_percentile(v, N, ps[i]));
	ck_assert_double_eq(pk_bstats_percentile(&s, 100), v[N - 1]);
	ck_assert_double_eq((double)s.peak, v[N - 1]);
	pk_bstats_free(&s);
	free(v);
}
END_TEST

/* 10^9 idle buckets at a time: O(1), or this would not end in time. */
START_TEST(idle_runs_in_constant_time)
{
	struct pk_bstats s;

	pk_bstats_init(&s, 0);
	for (int i = 0; i < 1000; i++)
		pk_bstats_add(&s, 0, 1000000000ull);
	pk_bstats_add(&s, 100000, 1);
	pk_bstats_add(&s, 100, 20000000000ull);
	ck_assert_uint_eq(s.count, 1020000000001ull);
	ck_assert_uint_eq(s.sum, 2000000100000ull);
	ck_assert_uint_eq(s.above, 20000000001ull);
	ck_assert_double_eq(pk_bstats_mean(&s), 2000000100000.0 / 1020000000001.0);
	ck_assert_double_eq(pk_bstats_percentile(&s, 50), 0);
	ck_assert_double_eq(pk_bstats_percentile(&s, 99), 100);
	ck_assert_double_eq(pk_bstats_percentile(&s, 100), 100000);
	pk_bstats_free(&s);
}
END_TEST

Suite *bstats_suite(void)
{
	Suite *s = suite_create("bstats");
	TCase *tc = tcase_create("bstats");

	tcase_add_test(tc, exact_count_sum_peak_above);
	tcase_add_test(tc, exact_small_amounts_and_few_buckets);
	tcase_add_loop_test(tc, percentiles_within_bound, 0, 3);
	tcase_add_test(tc, idle_runs_in_constant_time);
	suite_add_tcase(s, tc);
	return s;
}
