// SPDX-License-Identifier: GPL-2.0
/* Parsing of the proc files, from strings and from the captured trees. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "proc.h"
#include "procfs.h"
#include "suites.h"

#define T0 "1795392000000000000"
#define T0_NS 1795392000000000000ull
#define STREAM "# start_ns frames bytes [buckets]\n"

static int parse_data(const char *text, uint64_t period, struct pk_data *d,
		      struct pk_err *err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc;

	memset(d, 0, sizeof(*d));
	rc = pk_data_parse(f, "web/data", period, d, err);
	fclose(f);
	return rc;
}

struct error_case {
	const char *text, *msg;
};

/* Each text fails to parse with exactly msg. */
static void expect_errors(const struct error_case *cases, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		struct pk_data d;
		struct pk_err err = { "" };

		ck_assert_msg(parse_data(cases[i].text, 100000, &d, &err) == -1,
			      "case %zu parsed", i);
		ck_assert_str_eq(err.msg, cases[i].msg);
		pk_data_free(&d);
	}
}

START_TEST(data_buckets_and_lost)
{
	struct pk_data d;
	struct pk_err err;

	ck_assert_int_eq(parse_data("# start_ns frames bytes\n"
				    "# lost buckets=2 frames=3 bytes=4\n"
				    T0 " 1 1500\n"
				    "1795392000000100000 0 0\n"
				    "# some future comment\n"
				    "# lost buckets=1 frames=10 bytes=20\n",
				    100000, &d, &err), 0);
	ck_assert_uint_eq(d.n, 2);
	ck_assert_uint_eq(d.b[0].start_ns, 1795392000000000000ull);
	ck_assert_uint_eq(d.b[0].frames, 1);
	ck_assert_uint_eq(d.b[0].bytes, 1500);
	ck_assert_uint_eq(d.b[1].bytes, 0);
	ck_assert_uint_eq(d.lost.buckets, 3);
	ck_assert_uint_eq(d.lost.frames, 13);
	ck_assert_uint_eq(d.lost.bytes, 24);
	ck_assert_int_eq(d.have_before, 0);
	pk_data_free(&d);
}
END_TEST

static void assert_lost(const struct pk_lost *l, uint64_t buckets,
			uint64_t frames, uint64_t bytes)
{
	ck_assert_uint_eq(l->buckets, buckets);
	ck_assert_uint_eq(l->frames, frames);
	ck_assert_uint_eq(l->bytes, bytes);
}

/* Runs are expanded, "# before" is kept, "# lost" moves the next start. */
START_TEST(stream_runs_before_lost)
{
	struct pk_data d;
	struct pk_err err;

	ck_assert_int_eq(parse_data(STREAM
				    "# before frames=40 bytes=52000\n"
				    T0 " 1 1500\n"
				    "1795392000000100000 0 0 3\n"
				    "1795392000000400000 2 3000\n"
				    "# lost buckets=2 frames=5 bytes=7\n"
				    "1795392000000700000 0 0 2\n"
				    "# some future comment\n"
				    "1795392000000900000 1 1\n",
				    100000, &d, &err), 0);
	ck_assert_uint_eq(d.n, 8);
	for (size_t i = 1; i <= 3; i++) {
		ck_assert_uint_eq(d.b[i].start_ns, T0_NS + i * 100000);
		ck_assert_uint_eq(d.b[i].frames, 0);
		ck_assert_uint_eq(d.b[i].bytes, 0);
	}
	ck_assert_uint_eq(d.b[4].start_ns, T0_NS + 400000);
	ck_assert_uint_eq(d.b[4].bytes, 3000);
	ck_assert_uint_eq(d.b[5].start_ns, T0_NS + 700000);
	ck_assert_uint_eq(d.b[6].start_ns, T0_NS + 800000);
	ck_assert_uint_eq(d.b[6].frames, 0);
	ck_assert_uint_eq(d.b[7].start_ns, T0_NS + 900000);
	ck_assert_int_eq(d.have_before, 1);
	ck_assert_uint_eq(d.before_frames, 40);
	ck_assert_uint_eq(d.before_bytes, 52000);
	assert_lost(&d.lost, 2, 5, 7);
	pk_data_free(&d);
}
END_TEST

START_TEST(stream_errors_name_file_and_line)
{
	static const struct error_case cases[] = {
		{ STREAM T0 " 1 0 5\n",
		  "web/data:2: a run of 5 empty buckets must have 0 frames and 0 bytes" },
		{ STREAM T0 " 0 1 5\n",
		  "web/data:2: a run of 5 empty buckets must have 0 frames and 0 bytes" },
		{ STREAM T0 " 0 0 1\n",
		  "web/data:2: a run must have at least 2 buckets, not 1" },
		{ STREAM T0 " 0 0 0\n",
		  "web/data:2: a run must have at least 2 buckets, not 0" },
		{ STREAM T0 " 0 0 x\n",
		  "web/data:2: expected \"START_NS FRAMES BYTES [BUCKETS]\"" },
		{ STREAM T0 " 0 0 -3\n",
		  "web/data:2: expected \"START_NS FRAMES BYTES [BUCKETS]\"" },
		{ STREAM T0 " 0 0 2 7\n",
		  "web/data:2: expected \"START_NS FRAMES BYTES [BUCKETS]\"" },
		{ STREAM T0 " 0 0 10000001\n",
		  "web/data:2: a run of 10000001 buckets: more than 10000000 in one read" },
		{ STREAM T0 " 0 0 18446744073709551615\n",
		  "web/data:2: a run of 18446744073709551615 buckets: more than 10000000 in one read" },
		{ STREAM "18446744073709500000 0 0 3\n",
		  "web/data:2: a run of 3 buckets ends after 2^64 ns" },
		{ STREAM T0 " 1 2\n1795392000000200000 1 2\n",
		  "web/data:3: start is 1795392000000200000, expected 1795392000000100000 (the end of the previous line)" },
		{ STREAM T0 " 0 0 3\n1795392000000200000 1 2\n",
		  "web/data:3: start is not after the previous bucket" },
		{ STREAM T0 " 0 0 3\n1795392000000400000 1 2\n",
		  "web/data:3: start is 1795392000000400000, expected 1795392000000300000 (the end of the previous line)" },
		{ STREAM T0 " 1 2\n# lost buckets=2 frames=1 bytes=1\n1795392000000100000 1 2\n",
		  "web/data:4: start is 1795392000000100000, expected 1795392000000300000 (the end of the previous line)" },
		{ STREAM T0 " 1 2\n# lost buckets=2 frames=1 bytes=1\n1795392000000200000 1 2\n",
		  "web/data:4: start is 1795392000000200000, expected 1795392000000300000 (the end of the previous line)" },
		{ STREAM "# before frames=x\n",
		  "web/data:2: malformed before line \"# before frames=x\"" },
		{ STREAM "# before frames=+1 bytes=2\n",
		  "web/data:2: malformed before line \"# before frames=+1 bytes=2\"" },
		{ STREAM T0 " 1 2\n# lost buckets=-2 frames=0 bytes=0\n",
		  "web/data:3: malformed lost line \"# lost buckets=-2 frames=0 bytes=0\"" },
		{ STREAM T0 " 1 2\n# lost buckets= 2 frames=0 bytes=0\n",
		  "web/data:3: malformed lost line \"# lost buckets= 2 frames=0 bytes=0\"" },
		{ STREAM T0 " 1 2\n# lost buckets=166513520737095 frames=0 bytes=0\n",
		  "web/data:3: 166513520737095 lost buckets end after 2^64 ns" },
		{ "# start_ns frames bytes\n" T0 " 0 0 5\n",
		  "web/data:2: expected \"START_NS FRAMES BYTES\"" },
	};

	expect_errors(cases, sizeof(cases) / sizeof(*cases));
}
END_TEST

/* One pass of a stream, runs kept whole or not; the cursor carries what
 * the passes share. */
static int parse_pass_of(const char *text, uint64_t period, int keep_runs,
			 struct pk_cursor *c, struct pk_data *d,
			 struct pk_err *err)
{
	FILE *f = tmpfile();
	int rc;

	fputs(text, f);
	rewind(f);
	memset(d, 0, sizeof(*d));
	d->keep_runs = keep_runs;
	rc = pk_data_parse_pass(f, "web/stream", period, c, d, err);
	fclose(f);
	return rc;
}

static int parse_pass(const char *text, struct pk_cursor *c,
		      struct pk_data *d, struct pk_err *err)
{
	return parse_pass_of(text, 100000, 0, c, d, err);
}

struct pass_case {
	uint64_t period;
	int keep_runs;
	const char *passes[2];
	const char *msg;	/* of the second pass */
};

/*
 * Each pass in a pk_data of its own, runs kept whole or not: a bucket
 * before one of an earlier pass, or a "# lost" count that would take the
 * next start past 2^64 ns (and round to an earlier one), is refused.
 */
START_TEST(stream_passes_never_back_in_time)
{
	static const struct pass_case cases[] = {
		{ 100000, 0, { "# start_ns frames bytes\n" T0 " 1 2\n",
			       "1795391000000000000 1 2\n" },
		  "web/stream:3: start is not after the previous bucket" },
		{ 100000, 1, { "# start_ns frames bytes\n" T0 " 1 2\n", T0 " 1 2\n" },
		  "web/stream:3: start is not after the previous bucket" },
		{ 1ull << 63, 0, { STREAM "9223372036854775808 1 2\n", "0 1 2\n" },
		  "web/stream:3: start is not after the previous bucket" },
		{ 1, 1, { STREAM "200 0 0 5\n",
			  "# lost buckets=18446744073709551612 frames=0 bytes=0\n201 1 1\n" },
		  "web/stream:3: 18446744073709551612 lost buckets end after 2^64 ns" },
		{ 1, 0, { STREAM "200 1 1\n",
			  "# lost buckets=18446744073709551614 frames=0 bytes=0\n199 1 1\n" },
		  "web/stream:3: 18446744073709551614 lost buckets end after 2^64 ns" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		const struct pass_case *pc = &cases[i];
		struct pk_cursor c = { 0 };
		struct pk_data d;
		struct pk_err err = { "" };

		ck_assert_msg(parse_pass_of(pc->passes[0], pc->period, pc->keep_runs,
					    &c, &d, &err) == 0, "case %zu: %s", i, err.msg);
		pk_data_free(&d);
		ck_assert_msg(parse_pass_of(pc->passes[1], pc->period, pc->keep_runs,
					    &c, &d, &err) == -1, "case %zu parsed", i);
		ck_assert_str_eq(err.msg, pc->msg);
		pk_data_free(&d);
	}
}
END_TEST

START_TEST(stream_passes_continue)
{
	static const struct {
		const char *text;
		size_t n;
	} passes[] = {
		{ STREAM T0 " 1 1500\n1795392000000100000 0 0 4\n", 5 },
		{ "", 0 },	/* nothing closed since */
		{ "1795392000000500000 2 3000\n", 1 },
		{ "# lost buckets=3 frames=1 bytes=2\n"
		  "1795392000000900000 0 0 2\n", 2 },
	};
	struct pk_cursor c = { 0 };
	struct pk_data d;
	struct pk_err err = { "" };

	for (size_t i = 0; i < sizeof(passes) / sizeof(*passes); i++) {
		ck_assert_msg(parse_pass(passes[i].text, &c, &d, &err) == 0,
			      "pass %zu: %s", i, err.msg);
		ck_assert_uint_eq(d.n, passes[i].n);
		pk_data_free(&d);
	}
	ck_assert_uint_eq(c.lineno, 6);
	ck_assert_uint_eq(c.next_ns, T0_NS + 1100000);
	ck_assert_int_eq(parse_pass("1795392000001200000 1 1\n", &c, &d, &err), -1);
	ck_assert_str_eq(err.msg, "web/stream:7: start is 1795392000001200000, "
			 "expected 1795392000001100000 (the end of the previous line)");
	pk_data_free(&d);
}
END_TEST

static void expand(const struct pk_bucket *b, uint64_t n, void *ctx)
{
	struct pk_data *out = ctx;
	struct pk_bucket e = *b;

	for (uint64_t i = 0; i < n; i++, e.start_ns += 100000)
		ck_assert_int_eq(pk_data_push(out, &e), 0);
}

/* Runs kept whole are the same buckets, in the same order, in O(1) each:
 * a run of 10^12 buckets parses. */
START_TEST(stream_runs_kept_whole)
{
	static const char text[] = STREAM T0 " 1 1500\n"
		"1795392000000100000 0 0 3\n1795392000000400000 0 0 2\n"
		"1795392000000600000 2 3000\n1795392000000700000 0 0 1000000000000\n";
	struct pk_data runs = { .keep_runs = 1 }, each = { 0 }, all = { 0 };
	struct pk_err err = { "" };
	FILE *f = fmemopen((void *)text, strlen(text), "r");

	ck_assert_int_eq(pk_data_parse(f, "web/stream", 100000, &runs, &err), 0);
	fclose(f);
	ck_assert_uint_eq(runs.n, 2);
	ck_assert_uint_eq(runs.nruns, 3);
	ck_assert_uint_eq(runs.runs[2].at, 2);
	ck_assert_uint_eq(runs.runs[2].n, 1000000000000ull);
	runs.runs[2].n = 4;
	pk_data_each(&runs, expand, &each);
	ck_assert_int_eq(parse_data(text, 100000, &all, &err), -1);
	ck_assert_uint_eq(each.n, 11);
	ck_assert_mem_eq(each.b, all.b, 7 * sizeof(*all.b));
	ck_assert_uint_eq(each.b[10].start_ns, T0_NS + 1000000);
	pk_data_free(&runs);
	pk_data_free(&each);
	pk_data_free(&all);
}
END_TEST

START_TEST(data_header_only)
{
	struct pk_data d;
	struct pk_err err;

	ck_assert_int_eq(parse_data("# start_ns frames bytes\n", 100000, &d, &err), 0);
	ck_assert_uint_eq(d.n, 0);
	pk_data_free(&d);
}
END_TEST

START_TEST(data_errors_name_file_and_line)
{
	static const struct error_case cases[] = {
		{ "", "web/data: empty, expected header \"# start_ns frames bytes\"" },
		{ T0 " 1 2\n", "web/data:1: expected header \"# start_ns frames bytes\"" },
		{ "# start_ns frames bytes\n" T0 " 1\n",
		  "web/data:2: expected \"START_NS FRAMES BYTES\"" },
		{ "# start_ns frames bytes\n" T0 " 1 2 3\n",
		  "web/data:2: expected \"START_NS FRAMES BYTES\"" },
		{ "# start_ns frames bytes\n" T0 " -1 2\n",
		  "web/data:2: expected \"START_NS FRAMES BYTES\"" },
		{ "# start_ns frames bytes\n" T0 " 1 18446744073709551616\n",
		  "web/data:2: expected \"START_NS FRAMES BYTES\"" },
		{ "# start_ns frames bytes\n" T0 " 1 2",
		  "web/data:2: truncated line" },
		{ "# start_ns frames bytes\n1795392000000000001 1 2\n",
		  "web/data:2: start is not a multiple of the period" },
		{ "# start_ns frames bytes\n" T0 " 1 2\n" T0 " 1 2\n",
		  "web/data:3: start is not after the previous bucket" },
		{ "# start_ns frames bytes\n# lost buckets=x\n",
		  "web/data:2: malformed lost line \"# lost buckets=x\"" },
		{ "# start_ns frames bytes\n# lost buckets=1 frames=-1 bytes=0\n",
		  "web/data:2: malformed lost line \"# lost buckets=1 frames=-1 bytes=0\"" },
	};

	expect_errors(cases, sizeof(cases) / sizeof(*cases));
}
END_TEST

START_TEST(u64_limits)
{
	uint64_t v;

	ck_assert_int_eq(pk_parse_u64("18446744073709551615", &v), 0);
	ck_assert_uint_eq(v, UINT64_MAX);
	ck_assert_int_eq(pk_parse_u64("18446744073709551616", &v), -1);
	ck_assert_int_eq(pk_parse_u64("", &v), -1);
	ck_assert_int_eq(pk_parse_u64("+1", &v), -1);
	ck_assert_int_eq(pk_parse_u64("1a", &v), -1);
}
END_TEST

static int parse_info(const char *text, struct pk_info *info, struct pk_err *err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc = pk_info_parse(f, "web/info", info, err);

	fclose(f);
	return rc;
}

START_TEST(info_keys)
{
	struct pk_info info;
	struct pk_err err;

	ck_assert_int_eq(parse_info("name web\nperiod_ns 100000\nsamples 1000\n"
				    "new_key_from_the_future 7 8 9\n"
				    "frames 5\nbytes 600\nlost_buckets 2\n",
				    &info, &err), 0);
	ck_assert_str_eq(info.name, "web");
	ck_assert_uint_eq(info.v[PK_I_PERIOD_NS], 100000);
	ck_assert_uint_eq(info.v[PK_I_SAMPLES], 1000);
	ck_assert_uint_eq(info.v[PK_I_FRAMES], 5);
	ck_assert_uint_eq(info.v[PK_I_BYTES], 600);
	ck_assert_uint_eq(info.v[PK_I_LOST_BUCKETS], 2);
	ck_assert(!(info.have & (1u << PK_I_MEMORY_BYTES)));
}
END_TEST

START_TEST(info_errors)
{
	struct pk_info info;
	struct pk_err err;

	ck_assert_int_eq(parse_info("name web\nframes 5\nbytes 6\n", &info, &err), -1);
	ck_assert_str_eq(err.msg, "web/info: missing key \"period_ns\"");
	ck_assert_int_eq(parse_info("period_ns 0\nframes 5\nbytes 6\n", &info, &err), -1);
	ck_assert_str_eq(err.msg, "web/info: period_ns is 0");
	ck_assert_int_eq(parse_info("period_ns 10\nframes five\n", &info, &err), -1);
	ck_assert_str_eq(err.msg, "web/info:2: frames: \"five\" is not a number");
	ck_assert_int_eq(parse_info("period_ns\n", &info, &err), -1);
	ck_assert_str_eq(err.msg, "web/info:1: expected \"KEY VALUE\"");
}
END_TEST

START_TEST(tags_descriptions)
{
	const char *text = "# family tag frames bytes description\n"
			   "ipv4 web4_up 1 2 Web traffic to/from  server\n"
			   "ipv6 dns6 3 4\n"
			   "ipv6 x 5 6 \n";
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	struct pk_tags tags = { 0 };
	struct pk_err err;

	ck_assert_int_eq(pk_tags_parse(f, "tags", &tags, &err), 0);
	fclose(f);
	ck_assert_uint_eq(tags.n, 3);
	ck_assert_str_eq(tags.t[0].family, "ipv4");
	ck_assert_str_eq(tags.t[0].tag, "web4_up");
	ck_assert_uint_eq(tags.t[0].frames, 1);
	ck_assert_uint_eq(tags.t[0].bytes, 2);
	ck_assert_str_eq(tags.t[0].desc, "Web traffic to/from  server");
	ck_assert_str_eq(tags.t[1].desc, "");
	ck_assert_str_eq(tags.t[2].desc, "");
	pk_tags_free(&tags);
}
END_TEST

START_TEST(tags_errors)
{
	const char *bad[] = { "ipv5 t 1 2 d\n", "ipv4 t 1\n", "ipv4 t x 2\n",
			      "ipv4 bad/name 1 2\n" };

	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		FILE *f = fmemopen((void *)bad[i], strlen(bad[i]), "r");
		struct pk_tags tags = { 0 };
		struct pk_err err;

		ck_assert_int_eq(pk_tags_parse(f, "tags", &tags, &err), -1);
		ck_assert_str_eq(err.msg, "tags:1: expected \"FAMILY TAG FRAMES BYTES DESCRIPTION\"");
		fclose(f);
		pk_tags_free(&tags);
	}
}
END_TEST

/* The captured trees under fixtures/. */
static struct pk_proc fixture(const char *name)
{
	static char dir[4096];

	snprintf(dir, sizeof(dir), "%s/%s", FIXTURES, name);
	return (struct pk_proc){ .dir = dir };
}

START_TEST(tree_basic)
{
	struct pk_proc p = fixture("basic");
	struct pk_snapshot s;
	struct pk_data d = { 0 };
	struct pk_err err;

	ck_assert_int_eq(pk_snapshot_take(&p, &s, &err), 0);
	ck_assert_uint_eq(s.nobj, 2);
	ck_assert_str_eq(s.obj[0].name, "7");
	ck_assert_str_eq(s.obj[1].name, "web");
	ck_assert_uint_eq(s.obj[1].v[PK_I_BYTES], 98765432);
	ck_assert_uint_eq(s.obj[1].v[PK_I_MEMORY_BYTES], 24576);
	ck_assert_uint_eq(s.tags.n, 5);
	ck_assert_str_eq(s.tags.t[3].tag, "web6_up");
	ck_assert_str_eq(s.tags.t[3].desc, "");
	ck_assert_int_eq(pk_proc_data(&p, "web", 100000, &d, &err), 0);
	ck_assert_uint_eq(d.n, 20);
	ck_assert_uint_eq(d.b[9].bytes, 9000);
	pk_data_free(&d);
	pk_snapshot_free(&s);
}
END_TEST

START_TEST(tree_errors)
{
	static const struct {
		const char *tree, *name, *msg;
	} cases[] = {
		{ "bad_line", "web", "bad_line/web/data:4: expected \"START_NS FRAMES BYTES\"" },
		{ "bad_stream", "web", "bad_stream/web/stream:3: a run of 4 empty buckets must have 0 frames and 0 bytes" },
		{ "truncated", "web", "truncated/web/data:4: truncated line" },
		{ "missing_key", "web", "missing_key/web/info: missing key \"period_ns\"" },
		{ "basic", "nope", "no statistics object called \"nope\" in " },
		{ "basic", "../x", "\"../x\" is not a valid name" },
		{ "no_such_tree", "web", "no_such_tree: no such directory" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct pk_proc p = fixture(cases[i].tree);
		struct pk_info info;
		struct pk_data d = { 0 };
		struct pk_err err = { "" };
		int rc = pk_proc_info(&p, cases[i].name, &info, &err);

		if (rc == 0)
			rc = pk_proc_stream(&p, cases[i].name, 100000, &d, &err);
		ck_assert_int_eq(rc, -1);
		ck_assert_msg(strstr(err.msg, cases[i].msg), "case %zu: \"%s\"", i, err.msg);
		pk_data_free(&d);
	}
}
END_TEST

START_TEST(module_not_loaded)
{
	struct pk_err err;

	pk_proc_missing(PK_PROC_DEFAULT, 1, &err);
	ck_assert_str_eq(err.msg, "the xt_pktstat module is not loaded "
			 "(/proc/net/xt_pktstat is missing): modprobe xt_pktstat, "
			 "or add an iptables rule with -m pktstat");
}
END_TEST

START_TEST(tree_lost)
{
	struct pk_proc p = fixture("lost");
	struct pk_data d = { 0 };
	struct pk_err err;

	ck_assert_int_eq(pk_proc_data(&p, "web", 100000, &d, &err), 0);
	ck_assert_uint_eq(d.n, 3);
	ck_assert_uint_eq(d.b[2].start_ns, 1795392000000700000ull);
	ck_assert_uint_eq(d.lost.buckets, 8);
	ck_assert_uint_eq(d.lost.frames, 14);
	ck_assert_uint_eq(d.lost.bytes, 19560);
	pk_data_free(&d);
}
END_TEST

/* NAME/stream is preferred to NAME/data; a pass at its end is empty. */
START_TEST(tree_stream)
{
	struct pk_proc p = fixture("stream");
	struct pk_stream s;
	struct pk_data d = { 0 };
	struct pk_err err;

	ck_assert_int_eq(pk_stream_open(&s, &p, "web", 100000, &err), 0);
	ck_assert_int_eq(s.draining, 0);
	ck_assert_int_eq(pk_stream_read(&s, &d, &err), 0);
	ck_assert_uint_eq(d.n, 18);
	ck_assert_uint_eq(d.b[8].start_ns, T0_NS + 800000);
	ck_assert_uint_eq(d.b[9].bytes, 9000);
	ck_assert_uint_eq(d.b[11].start_ns, T0_NS + 1400000);
	ck_assert_uint_eq(d.b[17].start_ns, T0_NS + 2000000);
	ck_assert_uint_eq(d.before_bytes, 52000);
	ck_assert_uint_eq(d.lost.buckets, 3);
	pk_data_free(&d);
	ck_assert_int_eq(pk_stream_read(&s, &d, &err), 0);
	ck_assert_uint_eq(d.n, 0);
	pk_stream_close(&s);
	pk_data_free(&d);
}
END_TEST

static void append(const char *path, const char *text)
{
	FILE *f = fopen(path, "a");

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* The file stays open: what is added after its end is the next pass. */
START_TEST(tree_stream_follow)
{
	char dir[] = "/tmp/pktstat-check-XXXXXX", web[4096], path[4200];
	struct pk_proc p = { .dir = dir };
	struct pk_stream s;
	struct pk_data d = { 0 };
	struct pk_err err;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(web, sizeof(web), "%s/web", dir);
	ck_assert_int_eq(mkdir(web, 0700), 0);
	snprintf(path, sizeof(path), "%s/stream", web);
	append(path, STREAM T0 " 1 1500\n1795392000000100000 2 3000\n");
	ck_assert_int_eq(pk_stream_open(&s, &p, "web", 100000, &err), 0);
	ck_assert_int_eq(pk_stream_read(&s, &d, &err), 0);
	ck_assert_uint_eq(d.n, 2);
	pk_data_free(&d);
	append(path, "1795392000000200000 0 0 3\n");
	ck_assert_int_eq(pk_stream_read(&s, &d, &err), 0);
	ck_assert_uint_eq(d.n, 3);
	ck_assert_uint_eq(d.b[2].start_ns, T0_NS + 400000);
	pk_data_free(&d);
	append(path, "1795392000000600000 1 2\n");
	ck_assert_int_eq(pk_stream_read(&s, &d, &err), -1);
	ck_assert_msg(strstr(err.msg, "/web/stream:5: start is 1795392000000600000, "
			     "expected 1795392000000500000"), "%s", err.msg);
	pk_stream_close(&s);
	pk_data_free(&d);
	unlink(path);
	rmdir(web);
	rmdir(dir);
}
END_TEST

/* Without NAME/stream (an older module), every read drains NAME/data. */
START_TEST(tree_stream_fallback)
{
	struct pk_proc p = fixture("basic");
	struct pk_stream s;
	struct pk_err err;

	ck_assert_int_eq(pk_stream_open(&s, &p, "web", 100000, &err), 0);
	ck_assert_int_eq(s.draining, 1);
	ck_assert_ptr_nonnull(strstr(s.path, "basic/web/data"));
	for (int i = 0; i < 2; i++) {
		struct pk_data d = { 0 };

		ck_assert_int_eq(pk_stream_read(&s, &d, &err), 0);
		ck_assert_uint_eq(d.n, 20);
		pk_data_free(&d);
	}
	pk_stream_close(&s);
}
END_TEST

START_TEST(tree_empty)
{
	struct pk_proc p = fixture("empty");
	struct pk_snapshot s;
	struct pk_err err;

	ck_assert_int_eq(pk_snapshot_take(&p, &s, &err), 0);
	ck_assert_uint_eq(s.nobj, 0);
	ck_assert_uint_eq(s.tags.n, 0);
	pk_snapshot_free(&s);
}
END_TEST

Suite *parse_suite(void)
{
	Suite *s = suite_create("parse");
	TCase *tc = tcase_create("strings");
	TCase *tree = tcase_create("trees");

	tcase_add_test(tc, data_buckets_and_lost);
	tcase_add_test(tc, data_header_only);
	tcase_add_test(tc, data_errors_name_file_and_line);
	tcase_add_test(tc, stream_runs_before_lost);
	tcase_add_test(tc, stream_errors_name_file_and_line);
	tcase_add_test(tc, stream_passes_continue);
	tcase_add_test(tc, stream_passes_never_back_in_time);
	tcase_add_test(tc, stream_runs_kept_whole);
	tcase_add_test(tc, u64_limits);
	tcase_add_test(tc, info_keys);
	tcase_add_test(tc, info_errors);
	tcase_add_test(tc, tags_descriptions);
	tcase_add_test(tc, tags_errors);
	tcase_add_test(tree, tree_basic);
	tcase_add_test(tree, tree_errors);
	tcase_add_test(tree, tree_lost);
	tcase_add_test(tree, tree_stream);
	tcase_add_test(tree, tree_stream_follow);
	tcase_add_test(tree, tree_stream_fallback);
	tcase_add_test(tree, module_not_loaded);
	tcase_add_test(tree, tree_empty);
	suite_add_tcase(s, tc);
	suite_add_tcase(s, tree);
	return s;
}
