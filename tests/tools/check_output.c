// SPDX-License-Identifier: GPL-2.0
/* What the commands and exporters print, from fixed inputs. */
#include <stdlib.h>
#include <string.h>
#include "cleanname.h"
#include "csvdir.h"
#include "format.h"
#include "graphite.h"
#include "iptsave.h"
#include "munin.h"
#include "prom.h"
#include "suites.h"
#include "tagrows.h"

static struct pk_tag tag(const char *family, const char *name, uint64_t f,
			 uint64_t b, const char *desc)
{
	struct pk_tag t;

	memset(&t, 0, sizeof(t));
	snprintf(t.family, sizeof(t.family), "%s", family);
	snprintf(t.tag, sizeof(t.tag), "%s", name);
	snprintf(t.desc, sizeof(t.desc), "%s", desc);
	t.frames = f;
	t.bytes = b;
	return t;
}

static struct pk_tag sample_tags[] = {
	{ "ipv6", "web6_down", 9, 9000, "" },
	{ "ipv4", "web4_down", 200, 300000, "Web traffic" },
	{ "ipv4", "web4_UP", 100, 150000, "dummy" },
	{ "ipv4", "dns4", 5, 640, "" },
	{ "ipv4", "dns4", 1, 60, "DNS" },
};

START_TEST(tag_rows)
{
	struct pk_tags tags = { sample_tags, 5, 5 };
	struct pk_tagrow *r;
	size_t n = pk_tagrows(&tags, &r);

	ck_assert_uint_eq(n, 3);
	ck_assert_str_eq(r[0].stem, "dns4");
	ck_assert_int_eq(r[0].pair, 0);
	ck_assert_uint_eq(r[0].up_frames, 6);
	ck_assert_uint_eq(r[0].up_bytes, 700);
	ck_assert_str_eq(r[0].desc, "DNS");
	ck_assert_str_eq(r[1].stem, "web4");
	ck_assert_int_eq(r[1].pair, 1);
	ck_assert_uint_eq(r[1].up_bytes, 150000);
	ck_assert_uint_eq(r[1].down_bytes, 300000);
	ck_assert_str_eq(r[1].desc, "Web traffic");
	ck_assert_str_eq(r[2].family, "ipv6");
	ck_assert_int_eq(r[2].has_up, 0);
	ck_assert_int_eq(r[2].has_down, 1);
	ck_assert_str_eq(r[2].desc, "web6");
	free(r);
}
END_TEST

/* A tag longer than a stem holds is cut, never written past. */
START_TEST(tag_direction_long_tag)
{
	struct {
		char stem[PK_NAME_LEN];
		char after[16];
	} s;
	static const char tag[] = "a_tag_name_much_longer_than_31_bytes_up";

	memset(&s, 'x', sizeof(s));
	ck_assert_int_eq(pk_tag_direction(tag, s.stem), 1);
	ck_assert_str_eq(s.stem, "a_tag_name_much_longer_than_31_");
	ck_assert_int_eq(memcmp(s.after, "xxxxxxxxxxxxxxxx", sizeof(s.after)), 0);
	ck_assert_int_eq(pk_tag_direction("web4_DOWN", s.stem), -1);
	ck_assert_str_eq(s.stem, "web4");
}
END_TEST

static struct pk_snapshot small_snapshot(void)
{
	static struct pk_info info;
	static struct pk_tag t[2];
	struct pk_snapshot s;

	memset(&s, 0, sizeof(s));
	memset(&info, 0, sizeof(info));
	strcpy(info.name, "web");
	info.v[PK_I_PERIOD_NS] = 100000;
	info.v[PK_I_FRAMES] = 123456;
	info.v[PK_I_BYTES] = 98765432;
	info.have = 1u << PK_I_PERIOD_NS | 1u << PK_I_FRAMES | 1u << PK_I_BYTES;
	t[0] = tag("ipv4", "web4_up", 100, 150000, "Web \"quoted\" \\ path");
	t[1] = tag("ipv6", "dns6", 3, 4, "");
	s.obj = &info;
	s.nobj = 1;
	s.tags.t = t;
	s.tags.n = 2;
	return s;
}

static void prom(FILE *out, const void *arg)
{
	pk_prom_write(out, arg);
}

static void seconds(FILE *out, const void *arg)
{
	pk_prom_seconds(out, *(const uint64_t *)arg);
}

/* Exact, shortest: no binary floating point on the way. */
START_TEST(prometheus_seconds)
{
	static const struct {
		uint64_t ns;
		const char *s;
	} cases[] = {
		{ 10000, "0.00001" }, { 100000, "0.0001" }, { 0, "0" },
		{ 60000000000ull, "60" }, { 1, "0.000000001" },
		{ 1795391000123456789ull, "1795391000.123456789" },
		{ 1500000000, "1.5" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *text = capture(seconds, &cases[i].ns);

		ck_assert_str_eq(text, cases[i].s);
		free(text);
	}
}
END_TEST

START_TEST(prometheus_exposition)
{
	struct pk_snapshot s = small_snapshot();
	char *text = capture(prom, &s);

	ck_assert_str_eq(text,
		"# HELP pktstat_frames_total Frames the object counted since it was created.\n"
		"# TYPE pktstat_frames_total counter\n"
		"pktstat_frames_total{name=\"web\"} 123456\n"
		"# HELP pktstat_bytes_total Bytes the object counted since it was created.\n"
		"# TYPE pktstat_bytes_total counter\n"
		"pktstat_bytes_total{name=\"web\"} 98765432\n"
		"# HELP pktstat_read_frames_total Frames returned by reads of the object's data file.\n"
		"# TYPE pktstat_read_frames_total counter\n"
		"# HELP pktstat_read_bytes_total Bytes returned by reads of the object's data file.\n"
		"# TYPE pktstat_read_bytes_total counter\n"
		"# HELP pktstat_lost_buckets_total Buckets dropped because the reader fell behind.\n"
		"# TYPE pktstat_lost_buckets_total counter\n"
		"# HELP pktstat_lost_frames_total Frames in dropped buckets.\n"
		"# TYPE pktstat_lost_frames_total counter\n"
		"# HELP pktstat_lost_bytes_total Bytes in dropped buckets.\n"
		"# TYPE pktstat_lost_bytes_total counter\n"
		"# HELP pktstat_period_seconds Length of one time bucket.\n"
		"# TYPE pktstat_period_seconds gauge\n"
		"pktstat_period_seconds{name=\"web\"} 0.0001\n"
		"# HELP pktstat_samples Closed buckets kept for the reader.\n"
		"# TYPE pktstat_samples gauge\n"
		"# HELP pktstat_rules Rules using the object.\n"
		"# TYPE pktstat_rules gauge\n"
		"# HELP pktstat_created_timestamp_seconds When the object was created, in seconds since the Unix epoch.\n"
		"# TYPE pktstat_created_timestamp_seconds gauge\n"
		"# HELP pktstat_memory_bytes Bucket memory of the object.\n"
		"# TYPE pktstat_memory_bytes gauge\n"
		"# HELP pktstat_addresses Entries of the object's address table in use.\n"
		"# TYPE pktstat_addresses gauge\n"
		"# HELP pktstat_max_addresses Entries the object's address table holds at most (--max-addresses).\n"
		"# TYPE pktstat_max_addresses gauge\n"
		"# HELP pktstat_tag_frames_total Frames counted by the rules with the tag.\n"
		"# TYPE pktstat_tag_frames_total counter\n"
		"pktstat_tag_frames_total{family=\"ipv4\",tag=\"web4_up\"} 100\n"
		"pktstat_tag_frames_total{family=\"ipv6\",tag=\"dns6\"} 3\n"
		"# HELP pktstat_tag_bytes_total Bytes counted by the rules with the tag.\n"
		"# TYPE pktstat_tag_bytes_total counter\n"
		"pktstat_tag_bytes_total{family=\"ipv4\",tag=\"web4_up\"} 150000\n"
		"pktstat_tag_bytes_total{family=\"ipv6\",tag=\"dns6\"} 4\n"
		"# HELP pktstat_tag_info The description of a tag.\n"
		"# TYPE pktstat_tag_info gauge\n"
		"pktstat_tag_info{family=\"ipv4\",tag=\"web4_up\",description=\"Web \\\"quoted\\\" \\\\ path\"} 1\n"
		"pktstat_tag_info{family=\"ipv6\",tag=\"dns6\",description=\"\"} 1\n");
	free(text);
}
END_TEST

static void graphite(FILE *out, const void *arg)
{
	pk_graphite_write(out, arg, "pk", 1795392000);
}

START_TEST(graphite_lines)
{
	struct pk_snapshot s = small_snapshot();
	char *text;

	strcpy(s.obj[0].name, "a.b");
	text = capture(graphite, &s);
	ck_assert_str_eq(text,
		"pk.objects.__a_2eb.frames 123456 1795392000\n"
		"pk.objects.__a_2eb.bytes 98765432 1795392000\n"
		"pk.tags.ipv4.web4_up.frames 100 1795392000\n"
		"pk.tags.ipv4.web4_up.bytes 150000 1795392000\n"
		"pk.tags.ipv6.dns6.frames 3 1795392000\n"
		"pk.tags.ipv6.dns6.bytes 4 1795392000\n");
	free(text);
}
END_TEST

START_TEST(graphite_prefix)
{
	ck_assert_int_eq(pk_graphite_prefix_check("pktstat"), 0);
	ck_assert_int_eq(pk_graphite_prefix_check("net.fw-1.pk_stat"), 0);
	ck_assert_int_eq(pk_graphite_prefix_check("a b"), -1);
	ck_assert_int_eq(pk_graphite_prefix_check(""), -1);
	ck_assert_int_eq(pk_graphite_prefix_check("a..b"), -1);
	ck_assert_int_eq(pk_graphite_prefix_check(".a"), -1);
	ck_assert_int_eq(pk_graphite_prefix_check("a."), -1);
	ck_assert_int_eq(pk_graphite_prefix_check("a\nb"), -1);
}
END_TEST

/* Beyond max bytes, the oldest whole lines go, counted. */
START_TEST(graphite_queue)
{
	struct pk_gqueue q = { .max = 10 };

	pk_gqueue_add(&q, "a 1 1\n", 6);
	pk_gqueue_add(&q, "b 2 2\n", 6);
	ck_assert_uint_eq(q.len, 6);
	ck_assert_uint_eq(q.dropped, 1);
	ck_assert_int_eq(memcmp(q.buf, "b 2 2\n", 6), 0);
	pk_gqueue_add(&q, "c 3\nd 4\n", 8);
	ck_assert_uint_eq(q.len, 8);
	ck_assert_uint_eq(q.dropped, 2);
	ck_assert_uint_eq(pk_gqueue_lines(&q), 2);
	pk_gqueue_add(&q, "e 5 5 5 5 5\n", 12);
	ck_assert_uint_eq(q.len, 0);
	ck_assert_uint_eq(q.dropped, 5);
	pk_gqueue_clear(&q);
	ck_assert_uint_eq(pk_gqueue_lines(&q), 0);
	free(q.buf);
}
END_TEST

/* Injective: names that munin's or graphite's usual cleaning would merge
 * stay apart; plain ones are kept. */
START_TEST(clean_names)
{
	static const char *const names[] = {
		"web.v4", "web_v4", "web-v4", ".web", "_web", "web__v4",
		"__web_2ev4", "web v4", "",
	};
	static const char *const munin[] = {
		"__web_2ev4", "web_v4", "__web_2dv4", "___2eweb", "_web",
		"__web____v4", "______web__2ev4", "__web_20v4", "",
	};
	char out[sizeof(names) / sizeof(*names)][PK_CLEAN_LEN], g[PK_CLEAN_LEN];

	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		pk_clean_name(out[i], sizeof(out[i]), names[i], "");
		ck_assert_str_eq(out[i], munin[i]);
		for (size_t j = 0; j < i; j++)
			ck_assert_str_ne(out[i], out[j]);
	}
	pk_clean_name(g, sizeof(g), "web-v4", "-");
	ck_assert_str_eq(g, "web-v4");
	pk_clean_name(g, sizeof(g), "0123456789012345678901234567890", "");
	ck_assert_str_eq(g, "0123456789012345678901234567890");
	pk_clean_name(g, sizeof(g), "...............................", "");
	ck_assert_uint_eq(strlen(g), 2 + 3 * 31);
}
END_TEST

/* The second names: none is any name's first, nor another's second. */
START_TEST(clean_other_names)
{
	static const char *const names[] = {
		"web4", "web.4", "web_4", "a_", "__web4", "__web_2e4", "web4_",
	};
	static const char *const other[] = {
		"__web4", "__web_2e4_", "__web__4", "__a__", "______web4_",
		"______web__2e4_", "__web4__",
	};
	size_t n = sizeof(names) / sizeof(*names);
	char first[sizeof(names) / sizeof(*names)][PK_CLEAN_LEN];
	char second[sizeof(names) / sizeof(*names)][PK_CLEAN_LEN];

	for (size_t i = 0; i < n; i++) {
		pk_clean_name(first[i], sizeof(first[i]), names[i], "");
		pk_clean_other(second[i], sizeof(second[i]), names[i], "");
		ck_assert_str_eq(second[i], other[i]);
	}
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < n; j++) {
			ck_assert_str_ne(second[i], first[j]);
			if (i != j)
				ck_assert_str_ne(second[i], second[j]);
		}
	pk_clean_other(first[0], sizeof(first[0]), "...............................", "");
	ck_assert_uint_eq(strlen(first[0]), 2 + 3 * 31 + 1);
}
END_TEST

/* [2026-11-23T00:00:00Z, +60s) */
#define CSV_T0	1795392000000000000ull
#define CSV_COLS(fn) { CSV_T0, CSV_T0 + 60000000000ull, 60000000000ull, fn, NULL }
#define CSV_NONE ",2026-11-23T00:00:00Z,2026-11-23T00:01:00Z,,,,,,,,,\n"

struct csv_case {
	const struct pk_snapshot *s;	/* s[0], s[1] */
	int (*bursts)(const void *ctx, const char *name,
		      const struct pk_csvb_iv **iv, uint64_t *period_ns);
};

static void csv(FILE *out, const void *arg)
{
	const struct csv_case *c = arg;
	const struct pk_csv_cols x = CSV_COLS(c->bursts);

	pk_csv_write(out, &c->s[0], &c->s[1], &x);
}

START_TEST(csv_interval)
{
	struct pk_snapshot s[2];
	struct pk_info info0;
	struct pk_tag t0[2];
	char *text, name[80];

	s[1] = small_snapshot();
	s[0] = s[1];
	info0 = s[1].obj[0];
	info0.v[PK_I_FRAMES] = 123000;
	info0.v[PK_I_BYTES] = 98000000;
	s[0].obj = &info0;
	memcpy(t0, s[1].tags.t, sizeof(t0));
	t0[0].frames = 90;
	t0[0].bytes = 100000;
	t0[1].bytes = 10;	/* recreated: counts from zero */
	s[0].tags.t = t0;
	text = capture(csv, &(struct csv_case){ s, NULL });
	ck_assert_str_eq(text, "kind,family,name,frames,bytes,start,end,"
			 "buckets,lost_buckets,bucket_bytes_per_second_mean,"
			 "bucket_bytes_per_second_peak,"
			 "bucket_bytes_per_second_p99,buckets_above_threshold,"
			 "bucket_frames_per_second_mean,"
			 "bucket_frames_per_second_peak,"
			 "bucket_frames_per_second_p99\n"
			 "object,,web,456,765432" CSV_NONE
			 "tag,ipv4,web4_up,10,50000" CSV_NONE
			 "tag,ipv6,dns6,3,4" CSV_NONE);
	free(text);
	pk_csv_filename(name, sizeof(name), 1795392000000000000ull,
			1795392060000000000ull, 60000000000ull);
	ck_assert_str_eq(name, "pktstat_20261123T000000Z_20261123T000100Z.csv");
	pk_csv_filename(name, sizeof(name), 1795392000250000000ull,
			1795392000500000000ull, 250000000ull);
	ck_assert_str_eq(name, "pktstat_20261123T000000.250Z_20261123T000000.500Z.csv");
	/* a partial interval: milliseconds on both bounds */
	pk_csv_filename(name, sizeof(name), 1795392000000000000ull,
			1795392017412000000ull, 60000000000ull);
	ck_assert_str_eq(name, "pktstat_20261123T000000.000Z_20261123T000017.412Z.csv");
	ck_assert_uint_eq(pk_csv_boundary(1795392017412000000ull, 60000000000ull),
			  1795392060000000000ull);
	ck_assert_uint_eq(pk_csv_boundary(1795392060000000000ull, 60000000000ull),
			  1795392120000000000ull);
}
END_TEST

/* Created during the interval: all of it; recreated (another created_ns)
 * with more than before: all of it too; a tag new in s1 as well. */
START_TEST(csv_created)
{
	struct pk_snapshot s[2];
	struct pk_info info1[2];
	char *text;

	s[0] = small_snapshot();
	s[0].obj[0].v[PK_I_CREATED_NS] = 1795391000000000000ull;
	s[0].obj[0].have |= 1u << PK_I_CREATED_NS;
	s[1] = s[0];
	info1[0] = s[0].obj[0];
	info1[0].v[PK_I_CREATED_NS] = 1795392000000000000ull;
	info1[0].v[PK_I_FRAMES] += 1;
	info1[0].v[PK_I_BYTES] += 100;
	info1[1] = info1[0];
	strcpy(info1[1].name, "new");
	s[1].obj = info1;
	s[1].nobj = 2;
	s[0].tags.n = 1;
	text = capture(csv, &(struct csv_case){ s, NULL });
	ck_assert_str_eq(text, PK_CSV_HEADER "\n"
			 "object,,web,123457,98765532" CSV_NONE
			 "object,,new,123457,98765532" CSV_NONE
			 "tag,ipv4,web4_up,0,0" CSV_NONE
			 "tag,ipv6,dns6,3,4" CSV_NONE);
	free(text);
}
END_TEST

/* 100 buckets of 100us for web: 98 idle, 1000 and 20000 bytes (1 and 10
 * frames), 3 lost; new is followed but had no bucket yet. */
static int some_bursts(const void *ctx, const char *name,
		       const struct pk_csvb_iv **iv, uint64_t *period_ns)
{
	static struct pk_csvb_iv web, none;

	(void)ctx;
	pk_bstats_init(&web.bytes, 12500);	/* 1 Gbit/s */
	pk_bstats_init(&web.frames, UINT64_MAX);
	pk_bstats_add(&web.bytes, 0, 98);
	pk_bstats_add(&web.frames, 0, 98);
	pk_bstats_add(&web.bytes, 1000, 1);
	pk_bstats_add(&web.frames, 1, 1);
	pk_bstats_add(&web.bytes, 20000, 1);
	pk_bstats_add(&web.frames, 10, 1);
	web.lost = 3;
	pk_bstats_init(&none.bytes, 12500);
	pk_bstats_init(&none.frames, UINT64_MAX);
	*period_ns = 100000;
	*iv = !strcmp(name, "web") ? &web : &none;
	return strcmp(name, "gone") != 0;
}

/* Rates in bytes and frames per second; p99 of 100 buckets is the 99th
 * smallest, 1000 bytes, as the middle of its bin (bstats.h), 1003.5. */
START_TEST(csv_bursts)
{
	struct pk_snapshot s[2];
	struct pk_info info[3];
	char *text;

	s[0] = small_snapshot();
	s[0].tags.n = 0;
	info[0] = info[1] = info[2] = s[0].obj[0];
	strcpy(info[1].name, "new");
	strcpy(info[2].name, "gone");
	s[1] = s[0];
	s[1].obj = info;
	s[1].nobj = 3;
	text = capture(csv, &(struct csv_case){ s, some_bursts });
	ck_assert_str_eq(text, PK_CSV_HEADER "\n"
			 "object,,web,0,0,2026-11-23T00:00:00Z,"
			 "2026-11-23T00:01:00Z,100,3,2100000,200000000,"
			 "10035000,1,1100,100000,10000\n"
			 "object,,new,123456,98765432,2026-11-23T00:00:00Z,"
			 "2026-11-23T00:01:00Z,0,0,,,,,,,\n"
			 "object,,gone,123456,98765432" CSV_NONE);
	free(text);
}
END_TEST

struct munin_case {
	struct pk_munin m;
	int config;
	struct pk_tag *tags;	/* NULL: sample_tags */
	size_t ntags;
};

static void munin(FILE *out, const void *arg)
{
	const struct munin_case *c = arg;
	struct pk_tags tags = { sample_tags, 5, 5 };
	struct pk_tagrow *r;
	size_t n;

	if (c->tags)
		tags = (struct pk_tags){ c->tags, c->ntags, c->ntags };
	n = pk_tagrows(&tags, &r);
	if (c->config)
		pk_munin_config(out, &c->m, r, n);
	else
		pk_munin_fetch(out, &c->m, r, n);
	free(r);
}

START_TEST(munin_single_graph)
{
	struct munin_case c = {
		{ "traffic_accounting", PK_BITS, 0, "ipv4", "web4" }, 1, NULL, 0,
	};
	char *text = capture(munin, &c);

	ck_assert_str_eq(text,
		"graph_title Web traffic (ipv4)\n"
		"graph_info Web traffic (ipv4)\n"
		"graph_args --base 1000 -l 0\n"
		"graph_category network\n"
		"graph_vlabel bits in (-) / out (+) per ${graph_period}\n"
		"ipv4_web4_up.label bits (ipv4)\n"
		"ipv4_web4_up.type DERIVE\n"
		"ipv4_web4_up.min 0\n"
		"ipv4_web4_up.cdef ipv4_web4_up,8,*\n"
		"ipv4_web4_up.negative ipv4_web4_down\n"
		"graph_order ipv4_web4_down ipv4_web4_up\n"
		"ipv4_web4_down.label Web traffic (ipv4)\n"
		"ipv4_web4_down.type DERIVE\n"
		"ipv4_web4_down.min 0\n"
		"ipv4_web4_down.graph no\n"
		"ipv4_web4_down.cdef ipv4_web4_down,8,*\n");
	free(text);
	c.config = 0;
	text = capture(munin, &c);
	ck_assert_str_eq(text, "ipv4_web4_up.value 150000\nipv4_web4_down.value 300000\n");
	free(text);
}
END_TEST

START_TEST(munin_multigraph_fetch)
{
	struct munin_case c = {
		{ "traffic_accounting", PK_PACKETS, 1, NULL, NULL }, 0, NULL, 0,
	};
	char *text = capture(munin, &c);

	ck_assert_str_eq(text,
		"ipv4_dns4_up.value 6\n"
		"ipv4_web4_up.value 100\n"
		"ipv4_web4_down.value 200\n"
		"ipv6_web6_up.value U\n"
		"ipv6_web6_down.value 9\n"
		"#\nmultigraph traffic_accounting.dns4_ipv4\n"
		"ipv4_dns4_up.value 6\n"
		"#\nmultigraph traffic_accounting.web4_ipv4\n"
		"ipv4_web4_up.value 100\n"
		"ipv4_web4_down.value 200\n"
		"#\nmultigraph traffic_accounting.web6_ipv6\n"
		"ipv6_web6_up.value U\n"
		"ipv6_web6_down.value 9\n");
	free(text);
}
END_TEST

/* Tags of their own beside pairs of the same stem: "web4" beside
 * "web4_up", "web.4" beside "web.4_up" (whose names are escaped). */
static struct pk_tag own_and_pair_tags[] = {
	{ "ipv4", "web4_up", 100, 150000, "Web" },
	{ "ipv4", "web4_down", 200, 300000, "Web" },
	{ "ipv4", "web4", 5, 640, "DNS" },
	{ "ipv4", "web.4_up", 1, 10, "" },
	{ "ipv4", "web.4", 2, 20, "" },
};

static char *own_and_pair(const char *stem, int config)
{
	struct munin_case c = {
		{ "traffic_accounting", PK_BITS, !stem, stem ? "ipv4" : NULL, stem },
		config, own_and_pair_tags, 5,
	};

	return capture(munin, &c);
}

/* Each tag of its own takes its second name; the pairs keep theirs. */
START_TEST(munin_own_and_pair_tag)
{
	char *text = own_and_pair(NULL, 0);

	ck_assert_str_eq(text,
		"ipv4___web_2e4__up.value 20\n"
		"ipv4___web_2e4_up.value 10\n"
		"ipv4___web_2e4_down.value U\n"
		"ipv4___web4_up.value 640\n"
		"ipv4_web4_up.value 150000\n"
		"ipv4_web4_down.value 300000\n"
		"#\nmultigraph traffic_accounting.__web_2e4__ipv4\n"
		"ipv4___web_2e4__up.value 20\n"
		"#\nmultigraph traffic_accounting.__web_2e4_ipv4\n"
		"ipv4___web_2e4_up.value 10\n"
		"ipv4___web_2e4_down.value U\n"
		"#\nmultigraph traffic_accounting.__web4_ipv4\n"
		"ipv4___web4_up.value 640\n"
		"#\nmultigraph traffic_accounting.web4_ipv4\n"
		"ipv4_web4_up.value 150000\n"
		"ipv4_web4_down.value 300000\n");
	free(text);
	text = own_and_pair(NULL, 1);
	ck_assert_ptr_nonnull(strstr(text, "\ngraph_order ipv4___web_2e4__up "
				     "ipv4___web_2e4_down ipv4___web_2e4_up "
				     "ipv4___web4_up ipv4_web4_down ipv4_web4_up\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nipv4___web4_up.label DNS (ipv4)\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nipv4_web4_up.label Web (ipv4)\n"));
	free(text);
}
END_TEST

static size_t count(const char *text, const char *word)
{
	size_t n = 0;

	for (const char *p = text; (p = strstr(p, word)); p++)
		n++;
	return n;
}

/* A wildcard link draws one row: by its munin name, else by its tag, the
 * pair rather than the tag of its own. */
START_TEST(munin_own_and_pair_links)
{
	static const struct {
		const char *stem, *fetch;
	} cases[] = {
		{ "web4", "ipv4_web4_up.value 150000\nipv4_web4_down.value 300000\n" },
		{ "__web4", "ipv4___web4_up.value 640\n" },
		{ "web.4", "ipv4___web_2e4_up.value 10\nipv4___web_2e4_down.value U\n" },
		{ "__web_2e4", "ipv4___web_2e4_up.value 10\nipv4___web_2e4_down.value U\n" },
		{ "__web_2e4_", "ipv4___web_2e4__up.value 20\n" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		char *text = own_and_pair(cases[i].stem, 0);

		ck_assert_str_eq(text, cases[i].fetch);
		free(text);
		text = own_and_pair(cases[i].stem, 1);
		ck_assert_uint_eq(count(text, "graph_title "), 1);
		free(text);
	}
}
END_TEST

START_TEST(munin_wildcard_names)
{
	char family[8], stem[32];

	ck_assert_int_eq(pk_munin_wildcard("traffic_accounting_ipv6_web_6", family,
					   sizeof(family), stem, sizeof(stem)), 0);
	ck_assert_str_eq(family, "ipv6");
	ck_assert_str_eq(stem, "web_6");
	ck_assert_int_eq(pk_munin_wildcard("traffic_accounting", family,
					   sizeof(family), stem, sizeof(stem)), -1);
	ck_assert_int_eq(pk_munin_wildcard("traffic_accounting_ipv5_x", family,
					   sizeof(family), stem, sizeof(stem)), -1);
}
END_TEST

START_TEST(iptables_save_lines)
{
	struct pk_tag t;

	ck_assert_int_eq(pk_iptsave_line("[12:3456] -A ACCT4 -p tcp -m tcp --sport 80 "
					 "-m comment --comment \"=web4_up=Web \\\"x\\\" traffic\"",
					 "ACCT4", "ipv4", &t), 1);
	ck_assert_str_eq(t.tag, "web4_up");
	ck_assert_str_eq(t.desc, "Web \"x\" traffic");
	ck_assert_uint_eq(t.frames, 12);
	ck_assert_uint_eq(t.bytes, 3456);
	ck_assert_str_eq(t.family, "ipv4");
	ck_assert_int_eq(pk_iptsave_line("[1:2] -A ACCT4 -m comment --comment \"=dns4=\"",
					 "ACCT4", "ipv4", &t), 1);
	ck_assert_str_eq(t.desc, "");
	ck_assert_int_eq(pk_iptsave_line("[1:2] -A ACCT4 -m comment --comment \"=dns4=  DNS  \"",
					 "ACCT4", "ipv4", &t), 1);
	ck_assert_str_eq(t.desc, "DNS");
	ck_assert_int_eq(pk_iptsave_line("[1:2] -A ACCT44 -m comment --comment \"=a=b\"",
					 "ACCT4", "ipv4", &t), 0);
	ck_assert_int_eq(pk_iptsave_line("[1:2] -A ACCT4 -m comment --comment \"plain\"",
					 "ACCT4", "ipv4", &t), 0);
	ck_assert_int_eq(pk_iptsave_line("[1:2] -A ACCT4 -p udp", "ACCT4", "ipv4", &t), 0);
	ck_assert_int_eq(pk_iptsave_line("-A ACCT4 -m comment --comment \"=a=b\"",
					 "ACCT4", "ipv4", &t), 0);
	ck_assert_int_eq(pk_iptsave_line(":ACCT4 - [0:0]", "ACCT4", "ipv4", &t), 0);
	/* counters are plain decimals: no sign, no space, no overflow */
	ck_assert_int_eq(pk_iptsave_line("[-1:2] -A ACCT4 -m comment --comment \"=a=b\"",
					 "ACCT4", "ipv4", &t), 0);
	ck_assert_int_eq(pk_iptsave_line("[1:+2] -A ACCT4 -m comment --comment \"=a=b\"",
					 "ACCT4", "ipv4", &t), 0);
	ck_assert_int_eq(pk_iptsave_line("[ 1:2] -A ACCT4 -m comment --comment \"=a=b\"",
					 "ACCT4", "ipv4", &t), 0);
	ck_assert_int_eq(pk_iptsave_line("[1:18446744073709551616] -A ACCT4 -m comment --comment \"=a=b\"",
					 "ACCT4", "ipv4", &t), 0);
	ck_assert_int_eq(pk_iptsave_line("[18446744073709551615:0] -A ACCT4 -m comment --comment \"=a=b\"",
					 "ACCT4", "ipv4", &t), 1);
	ck_assert_uint_eq(t.frames, UINT64_MAX);
}
END_TEST

static void read_csv(FILE *out, const void *arg)
{
	pk_print_data(out, PK_CSV, "web", 100000, PK_BYTES, arg);
}

static void read_json(FILE *out, const void *arg)
{
	pk_print_data(out, PK_JSON, "web", 100000, PK_BITS, arg);
}

static void read_text(FILE *out, const void *arg)
{
	pk_print_data(out, PK_TEXT, "web", 100000, PK_BITS, arg);
}

START_TEST(read_formats)
{
	struct pk_bucket b[2] = {
		{ 1795392000000000000ull, 1, 1500 },
		{ 1795392000000100000ull, 0, 0 },
	};
	struct pk_data d = { .b = b, .n = 2, .cap = 2, .lost = { 5, 6, 7 } };
	char *text = capture(read_csv, &d);

	ck_assert_str_eq(text, "start_ns,frames,bytes,bytes_per_second\n"
			 "1795392000000000000,1,1500,15000000\n"
			 "1795392000000100000,0,0,0\n");
	free(text);
	text = capture(read_json, &d);
	ck_assert_str_eq(text, "{\"name\":\"web\",\"period_ns\":100000,\"unit\":\"bits\",\"buckets\":[\n"
			 "{\"start_ns\":1795392000000000000,\"start_s\":1795392000,\"start_ns_frac\":0,"
			 "\"frames\":1,\"bytes\":1500,\"rate\":120000000},\n"
			 "{\"start_ns\":1795392000000100000,\"start_s\":1795392000,\"start_ns_frac\":100000,"
			 "\"frames\":0,\"bytes\":0,\"rate\":0}],\n"
			 "\"lost\":{\"buckets\":5,\"frames\":6,\"bytes\":7}}\n");
	free(text);
}
END_TEST

/* What a stream counted before the reader's first bucket: a comment line
 * in text, a field in JSON; CSV rows stay buckets only. */
START_TEST(read_before)
{
	struct pk_bucket b = { 1795392000000000000ull, 1, 1500 };
	struct pk_data d = {
		.b = &b, .n = 1, .cap = 1, .have_before = 1,
		.before_frames = 40, .before_bytes = 52000,
	};
	char *text = capture(read_text, &d);

	ck_assert_str_eq(text, "# web: 1 buckets of 100us\n"
			 "# before frames=40 bytes=52000\n"
			 "START (UTC)                       FRAMES          BYTES           RATE\n"
			 "2026-11-23T00:00:00.000000Z            1           1500     120 Mbit/s\n");
	free(text);
	text = capture(read_json, &d);
	ck_assert_str_eq(text, "{\"name\":\"web\",\"period_ns\":100000,\"unit\":\"bits\",\"buckets\":[\n"
			 "{\"start_ns\":1795392000000000000,\"start_s\":1795392000,\"start_ns_frac\":0,"
			 "\"frames\":1,\"bytes\":1500,\"rate\":120000000}],\n"
			 "\"lost\":{\"buckets\":0,\"frames\":0,\"bytes\":0},\n"
			 "\"before\":{\"frames\":40,\"bytes\":52000}}\n");
	free(text);
	text = capture(read_csv, &d);
	ck_assert_str_eq(text, "start_ns,frames,bytes,bytes_per_second\n"
			 "1795392000000000000,1,1500,15000000\n");
	free(text);
}
END_TEST

Suite *output_suite(void)
{
	Suite *s = suite_create("output");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, tag_rows);
	tcase_add_test(tc, tag_direction_long_tag);
	tcase_add_test(tc, prometheus_exposition);
	tcase_add_test(tc, prometheus_seconds);
	tcase_add_test(tc, graphite_lines);
	tcase_add_test(tc, graphite_prefix);
	tcase_add_test(tc, graphite_queue);
	tcase_add_test(tc, clean_names);
	tcase_add_test(tc, clean_other_names);
	tcase_add_test(tc, csv_interval);
	tcase_add_test(tc, csv_created);
	tcase_add_test(tc, csv_bursts);
	tcase_add_test(tc, munin_single_graph);
	tcase_add_test(tc, munin_multigraph_fetch);
	tcase_add_test(tc, munin_own_and_pair_tag);
	tcase_add_test(tc, munin_own_and_pair_links);
	tcase_add_test(tc, munin_wildcard_names);
	tcase_add_test(tc, iptables_save_lines);
	tcase_add_test(tc, read_formats);
	tcase_add_test(tc, read_before);
	suite_add_tcase(s, tc);
	return s;
}
