// SPDX-License-Identifier: GPL-2.0
/* The reader commands' pieces: JSON, follow defaults, list tables and
 * lookups. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "follow.h"
#include "format.h"
#include "json.h"
#include "procfs.h"
#include "suites.h"
#include "table.h"
#include "tagrows.h"

static void json_string(FILE *out, const void *arg)
{
	pk_json_string(out, arg);
}

/* Names and descriptions come from files: every byte must stay JSON. */
START_TEST(json_escapes_strings)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "web", "\"web\"" },
		{ "a \"b\" \\c", "\"a \\\"b\\\" \\\\c\"" },
		{ "tab\there\nnl\x01\x1f\x7f", "\"tab\\u0009here\\u000anl\\u0001\\u001f\\u007f\"" },
		{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"" },
		{ "bad \xff \xc3 \xc0\x80 \xed\xa0\x80!", "\"bad \\ufffd \\ufffd \\ufffd\\ufffd \\ufffd\\ufffd\\ufffd!\"" },
		{ "", "\"\"" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *text = capture(json_string, cases[i].in);

		ck_assert_str_eq(text, cases[i].out);
		free(text);
	}
}
END_TEST

static void json_time(FILE *out, const void *arg)
{
	pk_json_time(out, "start", *(const uint64_t *)arg);
}

/* 1.8e18 ns is above 2^53: as doubles, two 10us buckets are 9984 ns or
 * 10240 ns apart; seconds and nanoseconds stay exact. */
START_TEST(json_time_is_exact)
{
	uint64_t t0 = 1795392000999990000ull, t1 = t0 + 10000;
	char *text = capture(json_time, &t1);
	volatile double d0 = (double)t0, d1 = (double)t1;

	ck_assert_str_eq(text, "\"start_ns\":1795392001000000000,"
			 "\"start_s\":1795392001,\"start_ns_frac\":0");
	free(text);
	ck_assert_double_ne(d1 - d0, 10000.0);
	ck_assert_double_eq(((double)(t1 / 1000000000) - (double)(t0 / 1000000000)) * 1e9 +
			    (double)(t1 % 1000000000) - (double)(t0 % 1000000000),
			    10000.0);
}
END_TEST

static void read_json(FILE *out, const void *arg)
{
	pk_print_data(out, PK_JSON, "we\"b\\", 100000, PK_BITS, arg);
}

START_TEST(read_json_escapes_name)
{
	struct pk_data d = { 0 };
	char *text = capture(read_json, &d);

	ck_assert_str_eq(text, "{\"name\":\"we\\\"b\\\\\",\"period_ns\":100000,"
			 "\"unit\":\"bits\",\"buckets\":[],\n"
			 "\"lost\":{\"buckets\":0,\"frames\":0,\"bytes\":0}}\n");
	free(text);
}
END_TEST

static void window_json(FILE *out, const void *arg)
{
	struct pk_winfmt f = {
		PK_JSON, "we\"b", 100000, 1000000, PK_BYTES, -1,
	};

	pk_print_windows_header(out, &f);
	pk_print_window_row(out, &f, arg);
}

/* bursts --format json: JSON Lines, each window complete in itself. */
START_TEST(bursts_json_lines)
{
	struct pk_window w = {
		.start_ns = 1795392000001000000ull, .buckets = 10,
		.mean = 1500000, .peak = 15000000, .p50 = 0, .p99 = 0.5,
		.above = 1,
	};
	char *text = capture(window_json, &w);

	ck_assert_str_eq(text, "{\"name\":\"we\\\"b\",\"start_ns\":1795392000001000000,"
			 "\"start_s\":1795392000,\"start_ns_frac\":1000000,"
			 "\"window_ns\":1000000,\"period_ns\":100000,\"buckets\":10,"
			 "\"unit\":\"bytes\",\"mean\":1500000,\"peak\":15000000,"
			 "\"p50\":0,\"p99\":0.5,\"above\":1}\n");
	free(text);
}
END_TEST

static struct pk_info object(uint64_t period_ns, uint64_t samples)
{
	struct pk_info info;

	memset(&info, 0, sizeof(info));
	strcpy(info.name, "web");
	info.v[PK_I_PERIOD_NS] = period_ns;
	info.v[PK_I_SAMPLES] = samples;
	info.have = 1u << PK_I_PERIOD_NS | 1u << PK_I_SAMPLES;
	return info;
}

/* pk_follow_interval() with stderr captured into warning. */
static uint64_t interval_of(uint64_t given, struct pk_info info,
			    char *warning, size_t len)
{
	struct pk_opts o = { .interval_ns = given, .interval_set = given != 0 };
	FILE *tmp = tmpfile();
	int saved = dup(STDERR_FILENO);
	uint64_t ns;
	size_t n;

	fflush(stderr);
	dup2(fileno(tmp), STDERR_FILENO);
	ns = pk_follow_interval(&o, &info);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(tmp);
	n = fread(warning, 1, len - 1, tmp);
	warning[n] = '\0';
	fclose(tmp);
	return ns;
}

/* A quarter of the ring, within 10ms..1s; a warning past half of it. */
START_TEST(follow_interval_from_ring)
{
	char w[512];

	ck_assert_uint_eq(interval_of(0, object(100000, 1000), w, sizeof(w)), 25000000);
	ck_assert_str_eq(w, "");
	ck_assert_uint_eq(interval_of(0, object(60000000000ull, 1000), w, sizeof(w)), 1000000000);
	ck_assert_str_eq(w, "");
	ck_assert_uint_eq(interval_of(0, object(10000, 100000), w, sizeof(w)), 250000000);
	ck_assert_uint_eq(interval_of(0, object(10000, 1000), w, sizeof(w)), 10000000);
	ck_assert_str_eq(w, "pktstat: warning: web keeps 10ms of buckets (1000 x 10us): "
			 "read every 10ms, buckets will be lost; use --interval 5ms "
			 "or less, or a larger --samples in its rule\n");
	ck_assert_uint_eq(interval_of(1000000000, object(100000, 1000), w, sizeof(w)), 1000000000);
	ck_assert_str_eq(w, "pktstat: warning: web keeps 100ms of buckets (1000 x 100us): "
			 "read every 1s, buckets will be lost; use --interval 50ms "
			 "or less\n");
	ck_assert_uint_eq(interval_of(50000000, object(100000, 1000), w, sizeof(w)), 50000000);
	ck_assert_str_eq(w, "");
}
END_TEST

/* An info without samples (older module): the module's default, 1000. */
START_TEST(follow_ring_default_samples)
{
	struct pk_info info = object(100000, 0);

	info.have = 1u << PK_I_PERIOD_NS;
	ck_assert_uint_eq(pk_ring_ns(&info), 100000000);
	info = object(60000000000ull, 1000000);
	ck_assert_uint_eq(pk_ring_ns(&info), 60000000000000000ull);
	info = object(UINT64_MAX / 2, 3);
	ck_assert_uint_eq(pk_ring_ns(&info), UINT64_MAX);
}
END_TEST

/* At least one period: a 60s object works with the defaults. */
START_TEST(follow_window_default)
{
	struct pk_opts o = { 0 };
	struct pk_info info = object(60000000000ull, 1000);
	uint64_t w;

	ck_assert_int_eq(pk_follow_window(&o, &info, &w), 0);
	ck_assert_uint_eq(w, 60000000000ull);
	info = object(100000, 1000);
	ck_assert_int_eq(pk_follow_window(&o, &info, &w), 0);
	ck_assert_uint_eq(w, 1000000000);
	info = object(300000, 1000);
	ck_assert_int_eq(pk_follow_window(&o, &info, &w), 0);
	ck_assert_uint_eq(w, 1000200000);
	info = object(UINT64_MAX - 1, 1);
	ck_assert_int_eq(pk_follow_window(&o, &info, &w), 0);
	ck_assert_uint_eq(w, UINT64_MAX - 1);
	o.window_ns = 150000;
	info = object(100000, 1000);
	ck_assert_ptr_nonnull(freopen("/dev/null", "w", stderr));	/* the message */
	ck_assert_int_eq(pk_follow_window(&o, &info, &w), PK_EXIT_USAGE);
}
END_TEST

/* A tag of its own and a pair with the same stem are two rows, found by
 * binary search; the first description in file order wins. */
START_TEST(tag_rows_own_and_pairs)
{
	struct pk_tag t[] = {
		{ "ipv4", "web_up", 1, 10, "" }, { "ipv4", "web", 1, 20, "own" },
		{ "ipv4", "web_down", 1, 30, "pair" },
		{ "ipv4", "web_UP", 1, 40, "later" }, { "ipv6", "a", 1, 50, "" },
		{ "ipv4", "z", 1, 60, "" },
	};
	static const struct {
		const char *family, *stem;
		int pair;
		uint64_t up, down;
		const char *desc;
	} want[] = {
		{ "ipv4", "web", 0, 20, 0, "own" },
		{ "ipv4", "web", 1, 50, 30, "pair" },
		{ "ipv4", "z", 0, 60, 0, "z" },
		{ "ipv6", "a", 0, 50, 0, "a" },
	};
	struct pk_tags tags = { t, 6, 6 };
	struct pk_tagrow *r, key = { .family = "ipv4", .stem = "web", .pair = 1 };
	size_t n = pk_tagrows(&tags, &r);

	ck_assert_uint_eq(n, 4);
	for (size_t i = 0; i < n; i++) {
		ck_assert_str_eq(r[i].family, want[i].family);
		ck_assert_str_eq(r[i].stem, want[i].stem);
		ck_assert_int_eq(r[i].pair, want[i].pair);
		ck_assert_uint_eq(r[i].up_bytes, want[i].up);
		ck_assert_uint_eq(r[i].down_bytes, want[i].down);
		ck_assert_str_eq(r[i].desc, want[i].desc);
	}
	ck_assert_ptr_eq(pk_tagrow_find(r, n, &key), &r[1]);
	key.pair = 0;
	ck_assert_ptr_eq(pk_tagrow_find(r, n, &key), &r[0]);
	strcpy(key.stem, "nope");
	ck_assert_ptr_null(pk_tagrow_find(r, n, &key));
	ck_assert_ptr_null(pk_tagrow_find(r, 0, &key));
	free(r);
}
END_TEST

static void table(FILE *out, const void *arg)
{
	static const struct pk_col cols[] = {
		{ 1, 6, 0 }, { 0, 5, 1 }, { 1, 0, 2 },
	};
	const char *const (*rows)[3] = arg;
	struct pk_table t;

	pk_table_init(&t, cols, 3);
	for (size_t i = 0; i < 3; i++)
		pk_table_row(&t, rows[i]);
	pk_table_print(out, &t);
	pk_table_free(&t);
}

/* A long name widens its column instead of shifting its row. */
START_TEST(table_columns_fit_cells)
{
	static const char *const rows[3][3] = {
		{ "NAME", "RATE", "DESCRIPTION" },
		{ "a", "1", "x" },
		{ "a.very-long_name", "123456", "caf\xc3\xa9" },
	};
	char *text = capture(table, rows);

	ck_assert_str_eq(text, "NAME               RATE  DESCRIPTION\n"
			 "a                     1  x\n"
			 "a.very-long_name 123456  caf\xc3\xa9\n");
	free(text);
}
END_TEST

START_TEST(snapshot_find_by_name)
{
	char dir[4096];
	struct pk_proc p = { .dir = dir };
	struct pk_snapshot s;
	struct pk_err err;

	snprintf(dir, sizeof(dir), "%s/basic", FIXTURES);
	ck_assert_int_eq(pk_snapshot_take(&p, &s, &err), 0);
	ck_assert_ptr_eq(pk_snapshot_find(&s, "web"), &s.obj[1]);
	ck_assert_ptr_eq(pk_snapshot_find(&s, "7"), &s.obj[0]);
	ck_assert_ptr_null(pk_snapshot_find(&s, "nope"));
	pk_snapshot_free(&s);
	ck_assert_ptr_null(pk_snapshot_find(&s, "web"));
}
END_TEST

Suite *reader_suite(void)
{
	const TTest *tests[] = {
		json_escapes_strings, json_time_is_exact, read_json_escapes_name,
		bursts_json_lines, follow_interval_from_ring,
		follow_ring_default_samples, follow_window_default,
		tag_rows_own_and_pairs, table_columns_fit_cells,
		snapshot_find_by_name,
	};
	Suite *s = suite_create("reader");
	TCase *tc = tcase_create("core");

	for (size_t i = 0; i < sizeof(tests) / sizeof(*tests); i++)
		tcase_add_test(tc, tests[i]);
	suite_add_tcase(s, tc);
	return s;
}
