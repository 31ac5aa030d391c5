// SPDX-License-Identifier: GPL-2.0
/* Bursts (burst.c) and burst events (burstev.c) on fixtures/burst. */
#include <stdlib.h>
#include <string.h>
#include "burstev.h"
#include "suites.h"

#define T0	1795392000000000000ull
#define US100	100000ull

static struct pk_data fixture(void)
{
	struct pk_data d = { 0 };
	struct pk_err err;
	FILE *f = fopen(FIXTURES "/burst/web/stream", "r");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(pk_data_parse(f, "stream", US100, &d, &err), 0);
	fclose(f);
	return d;
}

/* All the bursts of the fixture, the open one flushed at the end. */
static size_t bursts(double threshold, uint64_t gap, struct pk_burst *out,
		     size_t max)
{
	struct pk_data d = fixture();
	struct pk_burst_tracker t;
	size_t n = 0;

	pk_burst_init(&t, US100, PK_PACKETS, threshold, gap);
	for (size_t i = 0; i < d.n; i++)
		if (pk_burst_feed(&t, &d.b[i], &out[n]))
			ck_assert_uint_lt(++n, max);
	if (pk_burst_flush(&t, &out[n]))
		n++;
	ck_assert_uint_eq(t.bursts_total, n);
	pk_data_free(&d);
	return n;
}

struct want {
	uint64_t start, dur, buckets, above;
	double peak;
	uint64_t frames, bytes;
};

static void expect(double threshold, uint64_t gap, const struct want *w,
		   size_t nw)
{
	struct pk_burst b[16];
	size_t n = bursts(threshold, gap, b, 16);

	ck_assert_uint_eq(n, nw);
	for (size_t i = 0; i < n; i++) {
		ck_assert_uint_eq(b[i].start_ns, T0 + w[i].start * US100);
		ck_assert_uint_eq(b[i].end_ns - b[i].start_ns, w[i].dur * US100);
		ck_assert_uint_eq(b[i].buckets, w[i].buckets);
		ck_assert_uint_eq(b[i].above, w[i].above);
		ck_assert_double_eq(b[i].peak, w[i].peak);
		ck_assert_uint_eq(b[i].frames, w[i].frames);
		ck_assert_uint_eq(b[i].bytes, w[i].bytes);
	}
}

/* Above 15 kpps (2 frames in 100us) unless said: the quiet buckets a
 * burst may hold, and the bursts. */
static const struct {
	double threshold;
	uint64_t gap;
	size_t n;
	struct want w[5];
} cases[] = {
	/* no quiet bucket inside a burst */
	{ 15000, 0, 5, {
		{ 1, 2, 2, 2, 60000, 11, 16500 },
		{ 4, 1, 1, 1, 30000, 3, 4500 },
		{ 8, 1, 1, 1, 20000, 2, 3000 },
		{ 11, 1, 1, 1, 40000, 4, 6000 },
		{ 14, 1, 1, 1, 70000, 7, 10500 } } },
	/* one quiet bucket (1 frame) inside: in the burst's amounts */
	{ 15000, 1, 4, {
		{ 1, 4, 4, 3, 60000, 15, 22500 },
		{ 8, 1, 1, 1, 20000, 2, 3000 },
		{ 11, 1, 1, 1, 40000, 4, 6000 },
		{ 14, 1, 1, 1, 70000, 7, 10500 } } },
	/* however long the merge gap, the "# lost" hole splits the bursts */
	{ 15000, 3, 2, {
		{ 1, 8, 8, 4, 60000, 17, 25500 },
		{ 11, 4, 4, 2, 70000, 13, 19500 } } },
	{ 15000, 100, 2, {
		{ 1, 8, 8, 4, 60000, 17, 25500 },
		{ 11, 4, 4, 2, 70000, 13, 19500 } } },
	/* threshold 0, the default of --events: every bucket with traffic */
	{ 0, 0, 3, {
		{ 1, 4, 4, 4, 60000, 15, 22500 },
		{ 8, 1, 1, 1, 20000, 2, 3000 },
		{ 11, 4, 4, 4, 70000, 13, 19500 } } },
};

START_TEST(burst_fixture)
{
	expect(cases[_i].threshold, cases[_i].gap, cases[_i].w, cases[_i].n);
}
END_TEST

/* Bucket by bucket: a burst ends when the bucket after it is seen; the
 * open one only at the flush, once. */
START_TEST(burst_bucket_by_bucket)
{
	struct pk_data d = fixture();
	struct pk_burst_tracker t;
	struct pk_burst b;
	size_t ended = 0;

	pk_burst_init(&t, US100, PK_PACKETS, 15000, 1);
	for (size_t i = 0; i < d.n; i++)
		ended += pk_burst_feed(&t, &d.b[i], &b);
	ck_assert_uint_eq(ended, 3);
	ck_assert_int_eq(pk_burst_flush(&t, &b), 1);
	ck_assert_uint_eq(b.start_ns, T0 + 14 * US100);
	ck_assert_int_eq(pk_burst_flush(&t, &b), 0);
	ck_assert_uint_eq(t.above_total, 6);
	pk_data_free(&d);
}
END_TEST

/* Buckets, with idle runs, fed whole and bucket by bucket: the same
 * bursts, the same state after each. */
START_TEST(burst_idle_runs_whole)
{
	static const struct { uint64_t frames, n; } in[] = {
		{ 3, 1 }, { 0, 2 }, { 3, 1 }, { 0, 1 }, { 3, 1 }, { 0, 5 },
		{ 1, 1 }, { 3, 1 }, { 0, 3 }, { 4, 1 }, { 0, 9 },
	};
	struct pk_burst_tracker whole, each;
	struct pk_burst a, b;
	uint64_t t = T0;

	pk_burst_init(&whole, US100, PK_PACKETS, 15000, _i);
	pk_burst_init(&each, US100, PK_PACKETS, 15000, _i);
	for (size_t i = 0; i < sizeof(in) / sizeof(*in); i++) {
		struct pk_bucket bk = { t, in[i].frames, in[i].frames * 1500 };
		int ended = pk_burst_feed_run(&whole, &bk, in[i].n, &a), n = 0;

		for (uint64_t k = 0; k < in[i].n; k++, bk.start_ns += US100)
			n += pk_burst_feed(&each, &bk, &b);
		ck_assert_int_eq(ended, n);
		ck_assert_mem_eq(&whole, &each, sizeof(whole));
		if (n)
			ck_assert_mem_eq(&a, &b, sizeof(a));
		t += in[i].n * US100;
	}
}
END_TEST

static void events(FILE *out, const void *arg)
{
	const struct pk_evfmt *f = arg;
	struct pk_data d = fixture();
	struct pk_burst_tracker t;
	struct pk_burst b;

	pk_burst_init(&t, f->period_ns, f->unit, f->threshold, f->max_gap);
	pk_print_burst_header(out, f);
	pk_burst_events(out, f, &t, &d);
	if (pk_burst_flush(&t, &b))
		pk_print_burst(out, f, &b);
	pk_data_free(&d);
}

/* The same bursts (merge gap 3) in each format. */
static const struct {
	struct pk_evfmt f;
	const char *want;
} formats[] = {
	{ { PK_CSV, "web", US100, PK_PACKETS, 15000, 3 },
	  "start_ns,duration_ns,buckets,above,peak_packets_per_second,frames,bytes\n"
	  "1795392000000100000,800000,8,4,60000,17,25500\n"
	  "1795392000001100000,400000,4,2,70000,13,19500\n" },
	{ { PK_JSON, "web", US100, PK_BITS, 150e6, 3 },
	  "{\"name\":\"web\",\"start_ns\":1795392000000100000,\"start_s\":1795392000,"
	  "\"start_ns_frac\":100000,\"duration_ns\":800000,\"period_ns\":100000,"
	  "\"buckets\":8,\"above\":4,\"unit\":\"bits\",\"peak\":720000000,"
	  "\"frames\":17,\"bytes\":25500}\n"
	  "{\"name\":\"web\",\"start_ns\":1795392000001100000,\"start_s\":1795392000,"
	  "\"start_ns_frac\":1100000,\"duration_ns\":400000,\"period_ns\":100000,"
	  "\"buckets\":4,\"above\":2,\"unit\":\"bits\",\"peak\":840000000,"
	  "\"frames\":13,\"bytes\":19500}\n" },
	{ { PK_TEXT, "web", US100, PK_BITS, 150e6, 3 },
	  "# web: 100us buckets, bursts above 150 Mbit/s, at most 3 quiet buckets inside one\n"
	  "START (UTC)                            START_NS   DURATION BUCKETS ABOVE           PEAK    FRAMES        BYTES\n"
	  "2026-11-23T00:00:00.000100Z 1795392000000100000      800us       8     4     720 Mbit/s        17        25500\n"
	  "2026-11-23T00:00:00.001100Z 1795392000001100000      400us       4     2     840 Mbit/s        13        19500\n" },
};

START_TEST(burst_event_formats)
{
	char *text = capture(events, &formats[_i].f);

	ck_assert_str_eq(text, formats[_i].want);
	free(text);
}
END_TEST

Suite *burst_suite(void)
{
	Suite *s = suite_create("burst");
	TCase *tc = tcase_create("burst");

	tcase_add_loop_test(tc, burst_fixture, 0,
			    sizeof(cases) / sizeof(*cases));
	tcase_add_test(tc, burst_bucket_by_bucket);
	tcase_add_loop_test(tc, burst_idle_runs_whole, 0, 6);
	tcase_add_loop_test(tc, burst_event_formats, 0,
			    sizeof(formats) / sizeof(*formats));
	suite_add_tcase(s, tc);
	return s;
}
