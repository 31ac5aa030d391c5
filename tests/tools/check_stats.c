// SPDX-License-Identifier: GPL-2.0
/* Percentiles, windows, units and durations. */
#include <stdlib.h>
#include <string.h>
#include "plot.h"
#include "stats.h"
#include "suites.h"
#include "units.h"
#include "winacc.h"

START_TEST(percentile_nearest_rank)
{
	double v[] = { 5, 1, 4, 2, 3, 10, 9, 8, 7, 6 };

	ck_assert_double_eq(pk_percentile(v, 10, 50), 5);
	ck_assert_double_eq(pk_percentile(v, 10, 99), 10);
	ck_assert_double_eq(pk_percentile(v, 10, 90), 9);
	ck_assert_double_eq(pk_percentile(v, 10, 0), 1);
	ck_assert_double_eq(pk_percentile(v, 1, 99), 1);
	ck_assert_double_eq(pk_percentile(v, 0, 99), 0);
}
END_TEST

/* The buckets of fixtures/basic/web/data. */
static size_t basic_buckets(struct pk_bucket *b)
{
	for (size_t i = 0; i < 20; i++) {
		b[i].start_ns = 1795392000000000000ull + i * 100000;
		b[i].frames = i == 0 ? 1 : i == 9 ? 6 : i >= 10 ? 1 : 0;
		b[i].bytes = i == 0 ? 1000 : i == 9 ? 9000 : i >= 10 ? 1500 : 0;
	}
	return 20;
}

START_TEST(windows_of_buckets)
{
	struct pk_bucket b[20];
	struct pk_window *w;
	size_t n = pk_windows(b, basic_buckets(b), 100000, 1000000, PK_BITS, -1, &w);

	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(w[0].start_ns, 1795392000000000000ull);
	ck_assert_uint_eq(w[0].buckets, 10);
	ck_assert_double_eq(w[0].total, 80000);
	ck_assert_double_eq_tol(w[0].mean, 80e6, 1e-3);
	ck_assert_double_eq_tol(w[0].peak, 720e6, 1e-3);
	ck_assert_double_eq(w[0].p50, 0);
	ck_assert_double_eq_tol(w[0].p99, 720e6, 1e-3);
	ck_assert_uint_eq(w[0].above, 1);
	ck_assert_uint_eq(w[1].start_ns, 1795392000001000000ull);
	ck_assert_double_eq_tol(w[1].mean, 120e6, 1e-3);
	ck_assert_double_eq_tol(w[1].peak, 120e6, 1e-3);
	ck_assert_uint_eq(w[1].above, 0);
	free(w);
	n = pk_windows(b, 20, 100000, 500000, PK_PACKETS, 5000, &w);
	ck_assert_uint_eq(n, 4);
	ck_assert_double_eq_tol(w[1].peak, 60000, 1e-6);
	ck_assert_uint_eq(w[1].above, 1);	/* 60000 pps > 5000 */
	ck_assert_uint_eq(w[2].above, 5);	/* 10000 pps each */
	free(w);
}
END_TEST

static void count_window(const struct pk_window *w, void *ctx)
{
	struct pk_window *seen = ctx;

	seen[seen[0].buckets++ + 1] = *w;
}

START_TEST(windows_across_drains)
{
	struct pk_bucket b[20];
	struct pk_window seen[4] = { { 0 } }, open;
	struct pk_winacc a = {
		.period_ns = 100000, .window_ns = 500000, .unit = PK_PACKETS,
		.threshold = 5000, .closed = count_window, .ctx = seen,
	};
	struct pk_data first = { .b = b, .n = 7, .cap = 7, .lost = { 1, 2, 3 } };
	struct pk_data again = { .b = b, .n = 12, .cap = 12 };

	basic_buckets(b);
	pk_winacc_add(&a, &first);	/* buckets 0-6: window 0 closes */
	ck_assert_uint_eq(seen[0].buckets, 1);
	ck_assert_uint_eq(seen[1].buckets, 5);
	ck_assert_uint_eq(seen[1].above, 1);
	pk_winacc_add(&a, &again);	/* 0-6 again are skipped */
	ck_assert_uint_eq(seen[0].buckets, 2);
	ck_assert_uint_eq(seen[2].start_ns, 1795392000000500000ull);
	ck_assert_uint_eq(seen[2].buckets, 5);
	ck_assert_double_eq_tol(seen[2].peak, 60000, 1e-6);
	ck_assert_uint_eq(a.buckets, 12);
	ck_assert_uint_eq(a.lost, 1);
	ck_assert_int_eq(pk_winacc_open(&a, &open), 1);
	ck_assert_uint_eq(open.buckets, 2);
	ck_assert_uint_eq(open.start_ns, 1795392000001000000ull);
	pk_winacc_free(&a);
	ck_assert_int_eq(pk_winacc_open(&a, &open), 0);
}
END_TEST

START_TEST(durations)
{
	uint64_t ns;
	char buf[32];

	ck_assert_int_eq(pk_parse_duration("1s", &ns), 0);
	ck_assert_uint_eq(ns, 1000000000ull);
	ck_assert_int_eq(pk_parse_duration("250ms", &ns), 0);
	ck_assert_uint_eq(ns, 250000000ull);
	ck_assert_int_eq(pk_parse_duration("100us", &ns), 0);
	ck_assert_uint_eq(ns, 100000ull);
	ck_assert_int_eq(pk_parse_duration("0.5", &ns), 0);
	ck_assert_uint_eq(ns, 500000000ull);
	ck_assert_int_eq(pk_parse_duration("2m", &ns), 0);
	ck_assert_uint_eq(ns, 120000000000ull);
	ck_assert_int_eq(pk_parse_duration("0", &ns), -1);
	ck_assert_int_eq(pk_parse_duration("-1s", &ns), -1);
	ck_assert_int_eq(pk_parse_duration("1h", &ns), -1);
	ck_assert_int_eq(pk_parse_duration("s", &ns), -1);
	pk_fmt_duration(buf, sizeof(buf), 100000);
	ck_assert_str_eq(buf, "100us");
	pk_fmt_duration(buf, sizeof(buf), 60000000000ull);
	ck_assert_str_eq(buf, "60s");
	pk_fmt_duration(buf, sizeof(buf), 1500);
	ck_assert_str_eq(buf, "1500ns");
}
END_TEST

START_TEST(human_numbers)
{
	char buf[32];
	double v;

	pk_fmt_rate(buf, sizeof(buf), PK_BITS, 720e6);
	ck_assert_str_eq(buf, "720 Mbit/s");
	pk_fmt_rate(buf, sizeof(buf), PK_BYTES, 1234567);
	ck_assert_str_eq(buf, "1.23 MB/s");
	pk_fmt_rate(buf, sizeof(buf), PK_PACKETS, 12.5);
	ck_assert_str_eq(buf, "12.50 pps");
	pk_fmt_rate(buf, sizeof(buf), PK_BITS, 0);
	ck_assert_str_eq(buf, "0 bit/s");
	pk_fmt_amount(buf, sizeof(buf), PK_BYTES, 98765432);
	ck_assert_str_eq(buf, "98.8 MB");
	pk_fmt_si(buf, sizeof(buf), 999.6, "x");
	ck_assert_str_eq(buf, "1.00 kx");
	ck_assert_int_eq(pk_parse_si("500M", &v), 0);
	ck_assert_double_eq(v, 500e6);
	ck_assert_int_eq(pk_parse_si("1.5k", &v), 0);
	ck_assert_double_eq(v, 1500);
	ck_assert_int_eq(pk_parse_si("5X", &v), -1);
	/* finite, until the suffix multiplies it */
	ck_assert_int_eq(pk_parse_si("1e300T", &v), -1);
	ck_assert_int_eq(pk_parse_si("1.7e308k", &v), -1);
	ck_assert_int_eq(pk_parse_si("inf", &v), -1);
	ck_assert_int_eq(pk_parse_si("1e290T", &v), 0);
	ck_assert_double_eq(v, 1e290 * 1e12);
	ck_assert_double_eq(pk_unit_value(PK_BITS, 3, 100), 800);
	ck_assert_double_eq(pk_unit_value(PK_PACKETS, 3, 100), 3);
}
END_TEST

START_TEST(times)
{
	char buf[40];

	pk_fmt_time(buf, sizeof(buf), 1795392000000100000ull);
	ck_assert_str_eq(buf, "2026-11-23T00:00:00.000100Z");
}
END_TEST

START_TEST(nice_axis)
{
	ck_assert_double_eq(pk_nice_ceil(720e6), 1e9);
	ck_assert_double_eq(pk_nice_ceil(120e6), 200e6);
	ck_assert_double_eq(pk_nice_ceil(400), 500);
	ck_assert_double_eq(pk_nice_ceil(1000), 1000);
	ck_assert_double_eq(pk_nice_ceil(0), 1);
}
END_TEST

Suite *stats_suite(void)
{
	Suite *s = suite_create("stats");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, percentile_nearest_rank);
	tcase_add_test(tc, windows_of_buckets);
	tcase_add_test(tc, windows_across_drains);
	tcase_add_test(tc, durations);
	tcase_add_test(tc, human_numbers);
	tcase_add_test(tc, times);
	tcase_add_test(tc, nice_axis);
	suite_add_tcase(s, tc);
	return s;
}
