// SPDX-License-Identifier: GPL-2.0
/* NAME/addresses: the parser, the captured tree, the printed table, the
 * rate windows of top (time given by the test) and the top screen. */
#include <stdlib.h>
#include <string.h>
#include "addrfmt.h"
#include "addrhist.h"
#include "addrsfs.h"
#include "suites.h"
#include "topview.h"

#define HEADER "# address src_frames src_bytes dst_frames dst_bytes\n"
#define SEC 1000000000ull

static int parse(const char *text, struct pk_addrs *t, struct pk_err *err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc = pk_addrs_parse(f, "edge/addresses", t, err);

	fclose(f);
	return rc;
}

void assert_addr_counts(const struct pk_addr_counts *c, uint64_t sf,
			uint64_t sb, uint64_t df, uint64_t db)
{
	ck_assert_uint_eq(c->src_frames, sf);
	ck_assert_uint_eq(c->src_bytes, sb);
	ck_assert_uint_eq(c->dst_frames, df);
	ck_assert_uint_eq(c->dst_bytes, db);
}

const char *addr_text(const struct pk_addr *a)
{
	static char buf[PK_ADDR_TEXT];

	pk_addr_text(a, buf, sizeof(buf));
	return buf;
}

/* Sorted by family and address, a line twice summed, comments skipped,
 * spellings made canonical. */
START_TEST(addrs_parse_and_merge)
{
	struct pk_addrs t;
	struct pk_err err;

	ck_assert_int_eq(parse(HEADER
			       "fd00:0:0:1:0:0:0:0/64 1 2 3 4\n"
			       "10.0.1.5 3 300 1 100\n"
			       "# a comment of a newer module\n"
			       "10.0.2.0/24 5 7500 0 0\n"
			       "10.0.1.5 2 200 0 0\n"
			       "::ffff:10.0.0.1 1 1 1 1\n"
			       "other 7 700 8 800\n", &t, &err), 0);
	ck_assert_uint_eq(t.n, 4);
	ck_assert_str_eq(addr_text(&t.a[0]), "10.0.1.5");
	assert_addr_counts(&t.a[0].c, 5, 500, 1, 100);
	ck_assert_str_eq(addr_text(&t.a[1]), "10.0.2.0/24");
	ck_assert_uint_eq(t.a[1].prefix, 24);
	ck_assert_str_eq(addr_text(&t.a[2]), "::ffff:10.0.0.1");
	ck_assert_str_eq(addr_text(&t.a[3]), "fd00:0:0:1::/64");
	ck_assert_str_eq(pk_addr_family(&t.a[3]), "ipv6");
	assert_addr_counts(&t.a[3].c, 1, 2, 3, 4);
	assert_addr_counts(&t.other, 7, 700, 8, 800);
	pk_addrs_free(&t);
}
END_TEST

START_TEST(addrs_empty_table)
{
	struct pk_addrs t;
	struct pk_addr_counts sum;
	struct pk_err err;

	ck_assert_int_eq(parse(HEADER "other 0 0 0 0\n", &t, &err), 0);
	ck_assert_uint_eq(t.n, 0);
	pk_addrs_total(&t, &sum);
	assert_addr_counts(&sum, 0, 0, 0, 0);
	pk_addrs_free(&t);
}
END_TEST

START_TEST(addrs_errors)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{ "", "edge/addresses: empty, expected header \"# address src_frames src_bytes dst_frames dst_bytes\"" },
		{ "# address frames bytes\n", "edge/addresses:1: expected header \"# address src_frames src_bytes dst_frames dst_bytes\"" },
		{ HEADER, "edge/addresses: no \"other\" line at the end (a truncated file?)" },
		{ HEADER "10.0.1.5 1 2 3\n", "edge/addresses:2: expected \"ADDRESS[/PREFIX] SRC_FRAMES SRC_BYTES DST_FRAMES DST_BYTES\"" },
		{ HEADER "10.0.1.5 1 2 3 4 5\n", "edge/addresses:2: expected \"ADDRESS[/PREFIX] SRC_FRAMES SRC_BYTES DST_FRAMES DST_BYTES\"" },
		{ HEADER "\n", "edge/addresses:2: expected \"ADDRESS[/PREFIX] SRC_FRAMES SRC_BYTES DST_FRAMES DST_BYTES\"" },
		{ HEADER "10.0.1.5 1 -2 3 4\n", "edge/addresses:2: src_bytes: \"-2\" is not a number" },
		{ HEADER "10.0.1.5 1 2 3 18446744073709551616\n", "edge/addresses:2: dst_bytes: \"18446744073709551616\" is not a number" },
		{ HEADER "10.0.1.256 1 2 3 4\n", "edge/addresses:2: \"10.0.1.256\" is not an IPv4 or IPv6 address" },
		{ HEADER "web 1 2 3 4\n", "edge/addresses:2: \"web\" is not an IPv4 or IPv6 address" },
		{ HEADER "fd00::1::2 1 2 3 4\n", "edge/addresses:2: \"fd00::1::2\" is not an IPv4 or IPv6 address" },
		{ HEADER "10.0.1.0/33 1 2 3 4\n", "edge/addresses:2: \"10.0.1.0/33\": the prefix of an IPv4 address is 0 to 32" },
		{ HEADER "fd00::/129 1 2 3 4\n", "edge/addresses:2: \"fd00::/129\": the prefix of an IPv6 address is 0 to 128" },
		{ HEADER "10.0.1.0/ 1 2 3 4\n", "edge/addresses:2: \"10.0.1.0/\": the prefix of an IPv4 address is 0 to 32" },
		{ HEADER "10.0.1.0/x 1 2 3 4\n", "edge/addresses:2: \"10.0.1.0/x\": the prefix of an IPv4 address is 0 to 32" },
		{ HEADER "other 1 2 3 4\n10.0.1.5 1 2 3 4\n", "edge/addresses:3: a line after \"other\", which must be the last" },
		{ HEADER "other 1 2 3 4\nother 1 2 3 4\n", "edge/addresses:3: \"other\" a second time" },
		{ HEADER "10.0.1.5 1 2 3 4\nother 1 2 3", "edge/addresses:3: truncated line" },
		{ HEADER "10.0.1.5 1 18446744073709551615 3 4\n10.0.1.5 1 1 3 4\nother 0 0 0 0\n", "edge/addresses: the lines of 10.0.1.5 sum to more than 2^64" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct pk_addrs t;
		struct pk_err err = { "" };

		ck_assert_msg(parse(cases[i].text, &t, &err) == -1, "case %zu parsed", i);
		ck_assert_str_eq(err.msg, cases[i].msg);
		pk_addrs_free(&t);
	}
}
END_TEST

static struct pk_addr addr(const char *text)
{
	char line[128];
	struct pk_addrs t;
	struct pk_addr a;
	struct pk_err err;

	snprintf(line, sizeof(line), HEADER "%s 0 0 0 0\nother 0 0 0 0\n", text);
	ck_assert_int_eq(parse(line, &t, &err), 0);
	a = t.a[0];
	pk_addrs_free(&t);
	return a;
}

START_TEST(addrs_order_and_find)
{
	struct pk_addr v4 = addr("10.0.0.9"), v4b = addr("10.0.1.0");
	struct pk_addr net = addr("10.0.1.0/24"), v6 = addr("::1");
	struct pk_addrs t;
	struct pk_err err;

	ck_assert_int_lt(pk_addr_cmp(&v4, &v4b), 0);
	ck_assert_int_lt(pk_addr_cmp(&net, &v4b), 0);
	ck_assert_int_lt(pk_addr_cmp(&v4b, &v6), 0);
	ck_assert_int_eq(pk_addr_cmp(&v6, &v6), 0);
	ck_assert_int_eq(parse(HEADER "10.0.1.0/24 1 1 1 1\n::1 2 2 2 2\n"
			       "other 0 0 0 0\n", &t, &err), 0);
	ck_assert_uint_eq(pk_addrs_find(&t, &v6)->c.src_bytes, 2);
	ck_assert_uint_eq(pk_addrs_find(&t, &net)->c.src_bytes, 1);
	ck_assert_ptr_null(pk_addrs_find(&t, &v4b));
	pk_addrs_free(&t);
}
END_TEST

/* Most bytes sent and received first, ties in address order; sums
 * above 2^64 compare right. */
START_TEST(addrs_by_bytes)
{
	struct pk_addrs t;
	struct pk_err err;
	const struct pk_addr **order;

	ck_assert_int_eq(parse(HEADER
			       "::1 0 0 0 6000\n"
			       "10.0.0.2 0 3000 0 3000\n"
			       "10.0.0.1 0 100 0 100\n"
			       "10.0.0.3 0 18446744073709551615 0 1\n"
			       "10.0.0.4 0 6000 0 0\n"
			       "other 0 0 0 0\n", &t, &err), 0);
	order = pk_addrs_by_bytes(&t);
	ck_assert_str_eq(addr_text(order[0]), "10.0.0.3");
	ck_assert_str_eq(addr_text(order[1]), "10.0.0.2");
	ck_assert_str_eq(addr_text(order[2]), "10.0.0.4");
	ck_assert_str_eq(addr_text(order[3]), "::1");
	ck_assert_str_eq(addr_text(order[4]), "10.0.0.1");
	free(order);
	pk_addrs_free(&t);
}
END_TEST

START_TEST(addrs_tree)
{
	struct pk_proc p = { .dir = FIXTURES "/addresses" };
	struct pk_info info;
	struct pk_addrs t;
	struct pk_addr_counts sum;
	struct pk_err err;

	ck_assert_int_eq(pk_proc_addresses(&p, "edge", &info, &t, &err), 0);
	ck_assert_uint_eq(info.v[PK_I_MAX_ADDRESSES], 1024);
	ck_assert_uint_eq(info.v[PK_I_PREFIX4], 32);
	ck_assert_uint_eq(info.v[PK_I_PREFIX6], 64);
	ck_assert_uint_eq(info.v[PK_I_ADDRESSES], 6);
	ck_assert_uint_eq(t.n, 5);
	/* each column sums to what the rules counted: info's totals */
	pk_addrs_total(&t, &sum);
	ck_assert_uint_eq(sum.src_frames + sum.dst_frames, info.v[PK_I_FRAMES]);
	ck_assert_uint_eq(sum.src_bytes + sum.dst_bytes, info.v[PK_I_BYTES]);
	pk_addrs_free(&t);
}
END_TEST

START_TEST(addrs_tree_errors)
{
	static const struct {
		const char *tree, *name, *msg;
	} cases[] = {
		{ FIXTURES "/basic", "web", "web has no address table: none of its rules has --by (see iptables-pktstat(8))" },
		{ FIXTURES "/addresses", "nope", "no statistics object called \"nope\" in " },
		{ FIXTURES "/missing_key", "web", "missing_key/web/info: missing key \"period_ns\"" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct pk_proc p = { .dir = cases[i].tree };
		struct pk_info info;
		struct pk_addrs t;
		struct pk_err err = { "" };

		ck_assert_int_eq(pk_proc_addresses(&p, cases[i].name, &info, &t, &err), -1);
		ck_assert_msg(strstr(err.msg, cases[i].msg), "case %zu: \"%s\"", i, err.msg);
		pk_addrs_free(&t);
	}
}
END_TEST

/* The table read --addresses prints. */
struct printed {
	enum pk_format fmt;
	const struct pk_info *info;
	const struct pk_addrs *t;
};

static void print_table(FILE *out, const void *arg)
{
	const struct printed *p = arg;

	pk_print_addresses(out, p->fmt, p->info, p->t);
}

START_TEST(addrs_print)
{
	struct pk_info info = { .name = "e\"dge" };
	struct pk_addrs t;
	struct pk_err err;
	struct printed p = { PK_TEXT, &info, &t };
	char *text;

	info.v[PK_I_MAX_ADDRESSES] = 16;
	info.v[PK_I_PREFIX4] = 24;
	info.v[PK_I_PREFIX6] = 64;
	ck_assert_int_eq(parse(HEADER "10.0.1.0/24 1 100 2 200\n"
			       "fd00::/64 3 18446744073709551615 0 0\n"
			       "other 4 400 5 500\n", &t, &err), 0);
	text = capture(print_table, &p);
	ck_assert_str_eq(text,
		"# e\"dge: 2 addresses of at most 16 (IPv4 /24, IPv6 /64)\n"
		"ADDRESS          SENT FRAMES            SENT BYTES  RECEIVED FRAMES  RECEIVED BYTES\n"
		"fd00::/64                  3  18446744073709551615                0               0\n"
		"10.0.1.0/24                1                   100                2             200\n"
		"other                      4                   400                5             500\n");
	free(text);
	p.fmt = PK_CSV;
	text = capture(print_table, &p);
	ck_assert_str_eq(text, "address,src_frames,src_bytes,dst_frames,dst_bytes\n"
			 "fd00::/64,3,18446744073709551615,0,0\n"
			 "10.0.1.0/24,1,100,2,200\n"
			 "other,4,400,5,500\n");
	free(text);
	p.fmt = PK_JSON;
	text = capture(print_table, &p);
	ck_assert_str_eq(text, "{\"name\":\"e\\\"dge\",\"max_addresses\":16,\"prefix4\":24,\"prefix6\":64,\"addresses\":[\n"
			 "{\"address\":\"fd00::/64\",\"family\":\"ipv6\",\"prefix\":64,\"sent\":{\"frames\":3,\"bytes\":18446744073709551615},\"received\":{\"frames\":0,\"bytes\":0}},\n"
			 "{\"address\":\"10.0.1.0/24\",\"family\":\"ipv4\",\"prefix\":24,\"sent\":{\"frames\":1,\"bytes\":100},\"received\":{\"frames\":2,\"bytes\":200}}],\n"
			 "\"other\":{\"sent\":{\"frames\":4,\"bytes\":400},\"received\":{\"frames\":5,\"bytes\":500}}}\n");
	free(text);
	pk_addrs_free(&t);
}
END_TEST

START_TEST(addrs_print_no_address)
{
	struct pk_info info = { .name = "edge" };
	struct pk_addrs t;
	struct pk_err err;
	struct printed p = { PK_JSON, &info, &t };
	char *text;

	ck_assert_int_eq(parse(HEADER "other 1 2 3 4\n", &t, &err), 0);
	text = capture(print_table, &p);
	ck_assert_str_eq(text, "{\"name\":\"edge\",\"max_addresses\":0,\"prefix4\":0,\"prefix6\":0,\"addresses\":[],\n"
			 "\"other\":{\"sent\":{\"frames\":1,\"bytes\":2},\"received\":{\"frames\":3,\"bytes\":4}}}\n");
	free(text);
	pk_addrs_free(&t);
}
END_TEST

/* ---- rate windows ---- */

/* Adds a read of text at t seconds. */
static void add_read(struct pk_addrhist *h, double t, uint64_t created,
		     const char *text)
{
	char buf[1024];
	struct pk_addrs tab;
	struct pk_err err;

	snprintf(buf, sizeof(buf), HEADER "%s", text);
	ck_assert_int_eq(parse(buf, &tab, &err), 0);
	pk_addrhist_add(h, (uint64_t)(t * 1e9), created, &tab);
	ck_assert_uint_eq(tab.n, 0);
}

enum { OTHER = -1, TOTAL = -2 };	/* rows that are no address */
enum { SENT, RECEIVED };

/* The rates of row (an address of the newest read, OTHER or TOTAL) sent
 * or received, in unit u, over 2s, 10s and 40s. */
static void expect_rates(const struct pk_addrhist *h, enum pk_unit u,
			 int row, int received, double w2, double w10,
			 double w40)
{
	const double want[PK_RATE_WINDOWS] = { w2, w10, w40 };
	const struct pk_rates *x;
	struct pk_addrrates r;

	pk_addrhist_rates(h, u, &r);
	ck_assert_int_lt(row, (int)r.n);
	x = row == OTHER ? &r.other : row == TOTAL ? &r.total : &r.a[row].r;
	for (int w = 0; w < PK_RATE_WINDOWS; w++)
		ck_assert_double_eq(received ? x->received[w] : x->sent[w],
				    want[w]);
	pk_addrrates_free(&r);
}

/* One address whose sent bytes are 1000 per second from 0 s to 100 s,
 * read every second: every window is measured in full, and the rate
 * comes out exact in bytes, bits and packets. */
START_TEST(hist_steady_rate)
{
	struct pk_addrhist h = { 0 };
	char line[128];

	for (int s = 0; s <= 100; s++) {
		snprintf(line, sizeof(line), "10.0.0.1 %d %d 0 0\nother 0 0 %d 0\n",
			 s, s * 1000, s);
		add_read(&h, 100 + s, 1, line);
	}
	for (int w = 0; w < PK_RATE_WINDOWS; w++) {
		const struct pk_addrread *b = pk_addrhist_base(&h, pk_rate_window_ns[w]);

		ck_assert_uint_eq(h.r[h.n - 1].t_ns - b->t_ns, pk_rate_window_ns[w]);
	}
	expect_rates(&h, PK_BYTES, 0, SENT, 1000, 1000, 1000);
	expect_rates(&h, PK_BYTES, 0, RECEIVED, 0, 0, 0);
	expect_rates(&h, PK_BYTES, OTHER, RECEIVED, 0, 0, 0);
	expect_rates(&h, PK_BYTES, TOTAL, SENT, 1000, 1000, 1000);
	expect_rates(&h, PK_BITS, 0, SENT, 8000, 8000, 8000);
	expect_rates(&h, PK_PACKETS, 0, SENT, 1, 1, 1);
	expect_rates(&h, PK_PACKETS, OTHER, RECEIVED, 1, 1, 1);
	pk_addrhist_free(&h);
}
END_TEST

/* A burst of 20000 bytes 1 s ago: 10000 B/s over 2 s, 2000 over 10 s,
 * 500 over 40 s. Before a second read, every rate is 0. */
START_TEST(hist_windows)
{
	struct pk_addrhist h = { 0 };

	add_read(&h, 0, 1, "10.0.0.1 0 0 0 0\nother 0 0 0 0\n");
	ck_assert_ptr_null(pk_addrhist_base(&h, 2 * SEC));
	expect_rates(&h, PK_BYTES, 0, SENT, 0, 0, 0);
	for (int s = 1; s <= 40; s++)
		add_read(&h, s, 1, s < 39 ? "10.0.0.1 0 0 0 0\nother 0 0 0 0\n" :
			 "10.0.0.1 0 0 10 20000\nother 0 0 0 0\n");
	expect_rates(&h, PK_BYTES, 0, RECEIVED, 10000, 2000, 500);
	expect_rates(&h, PK_BYTES, TOTAL, RECEIVED, 10000, 2000, 500);
	pk_addrhist_free(&h);
}
END_TEST

/* Shorter than a window: measured over what there is. An address that
 * appears later had counted nothing before: all it has is in its rate. */
START_TEST(hist_new_address_starts_at_zero)
{
	struct pk_addrhist h = { 0 };

	add_read(&h, 0, 1, "10.0.0.1 1 1000 0 0\nother 0 0 0 0\n");
	add_read(&h, 0.5, 1, "10.0.0.1 1 1000 0 0\n10.0.0.2 2 3000 1 500\n"
		 "other 1 100 0 0\n");
	expect_rates(&h, PK_BYTES, 0, SENT, 0, 0, 0);
	expect_rates(&h, PK_BYTES, 1, SENT, 6000, 6000, 6000);
	expect_rates(&h, PK_BYTES, 1, RECEIVED, 1000, 1000, 1000);
	expect_rates(&h, PK_BYTES, OTHER, SENT, 200, 200, 200);
	expect_rates(&h, PK_BYTES, TOTAL, SENT, 6200, 6200, 6200);
	pk_addrhist_free(&h);
}
END_TEST

/* Another created_ns: the reads of the old object are forgotten, and
 * its higher counters do not make negative or huge rates. */
START_TEST(hist_recreated_object)
{
	struct pk_addrhist h = { 0 };

	add_read(&h, 0, 1, "10.0.0.1 0 1000000 0 0\nother 0 0 0 0\n");
	add_read(&h, 1, 1, "10.0.0.1 0 2000000 0 0\nother 0 0 0 0\n");
	add_read(&h, 2, 2, "10.0.0.1 0 100 0 0\nother 0 0 0 0\n");
	ck_assert_uint_eq(h.n, 1);
	ck_assert_uint_eq(h.created_ns, 2);
	add_read(&h, 3, 2, "10.0.0.1 0 300 0 0\nother 0 0 0 0\n");
	expect_rates(&h, PK_BYTES, 0, SENT, 200, 200, 200);
	/* counters that went down unseen by created_ns count as nothing */
	add_read(&h, 4, 2, "10.0.0.1 0 50 0 0\nother 0 0 0 0\n");
	expect_rates(&h, PK_BYTES, 0, SENT, 0, 0, 0);
	pk_addrhist_free(&h);
}
END_TEST

/* Reads every 10 ms for a minute: about 60 are kept, and each window's
 * base is within a twentieth of it. */
START_TEST(hist_thinned)
{
	struct pk_addrhist h = { 0 };

	for (int i = 0; i <= 6000; i++) {
		struct pk_addrs tab = { 0 };

		pk_addrhist_add(&h, 5 * SEC + (uint64_t)i * 10000000ull, 1, &tab);
		ck_assert_uint_le(h.n, 64);
	}
	ck_assert_uint_ge(h.n, 40);
	for (int w = 0; w < PK_RATE_WINDOWS; w++) {
		uint64_t W = pk_rate_window_ns[w];
		uint64_t dt = h.r[h.n - 1].t_ns - pk_addrhist_base(&h, W)->t_ns;

		ck_assert_uint_ge(dt, W - W / 20);
		ck_assert_uint_le(dt, W + W / 20);
	}
	pk_addrhist_free(&h);
}
END_TEST

/* Reads further apart than the longest window: the one before is kept. */
START_TEST(hist_reads_far_apart)
{
	struct pk_addrhist h = { 0 };

	add_read(&h, 0, 1, "10.0.0.1 0 0 0 0\nother 0 0 0 0\n");
	add_read(&h, 60, 1, "10.0.0.1 0 0 0 0\nother 0 0 0 0\n");
	add_read(&h, 120, 1, "10.0.0.1 0 6000 0 0\nother 0 0 0 0\n");
	ck_assert_uint_eq(h.n, 2);
	expect_rates(&h, PK_BYTES, 0, SENT, 100, 100, 100);
	pk_addrhist_free(&h);
}
END_TEST

/* ---- the top screen ---- */

static void print_top(FILE *out, const void *arg)
{
	pk_top_print(out, arg);
}

START_TEST(top_sorted_and_cut)
{
	struct pk_addrhist h = { 0 };
	struct pk_addrrates r;
	struct pk_topview v = {
		.name = "edge", .unit = PK_BITS, .max_addresses = 1024,
		.rows = 3, .r = &r,
	};
	char *text;

	add_read(&h, 0, 1, "10.0.0.1 0 0 0 0\n10.0.0.2 0 0 0 0\n"
		 "10.0.0.3 0 0 0 0\nfd00::/64 0 0 0 0\nother 0 0 0 0\n");
	add_read(&h, 1, 1, "10.0.0.1 0 0 0 0\n10.0.0.2 1 1000 0 0\n"
		 "10.0.0.3 0 0 1 150000\nfd00::/64 9 125000000 0 0\n"
		 "other 0 0 0 1\n");
	pk_addrhist_rates(&h, PK_BITS, &r);
	pk_addrrates_sort(&r);
	text = capture(print_top, &v);
	ck_assert_str_eq(text,
		"pktstat top edge   4 addresses of at most 1024   bits/s\n"
		"ADDRESS          SENT 2s    10s    40s  RECEIVED 2s    10s    40s\n"
		"fd00::/64          1.00G  1.00G  1.00G            0      0      0\n"
		"10.0.0.3               0      0      0        1.20M  1.20M  1.20M\n"
		"10.0.0.2           8.00k  8.00k  8.00k            0      0      0\n"
		"other                  0      0      0            8      8      8\n"
		"total              1.00G  1.00G  1.00G        1.20M  1.20M  1.20M\n");
	free(text);
	pk_addrrates_free(&r);
	pk_addrhist_free(&h);
}
END_TEST

Suite *addrs_suite(void)
{
	const TTest *tests[] = {
		addrs_parse_and_merge, addrs_empty_table, addrs_errors,
		addrs_order_and_find, addrs_by_bytes, addrs_tree,
		addrs_tree_errors, addrs_print, addrs_print_no_address,
		hist_steady_rate, hist_windows, hist_new_address_starts_at_zero,
		hist_recreated_object, hist_thinned, hist_reads_far_apart,
		top_sorted_and_cut,
	};
	Suite *s = suite_create("addresses");
	TCase *tc = tcase_create("core");

	for (size_t i = 0; i < sizeof(tests) / sizeof(*tests); i++)
		tcase_add_test(tc, tests[i]);
	suite_add_tcase(s, tc);
	return s;
}
