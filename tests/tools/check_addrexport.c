// SPDX-License-Identifier: GPL-2.0
/* The per-address exporters' pure parts: what a table counted between two
 * reads (csv --addresses), go-nflog-acctd's file layout, which addresses
 * get Prometheus series, and the hosts files that name them. */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include "acctcsv.h"
#include "addrdelta.h"
#include "addrseries.h"
#include "addrsfs.h"
#include "hosts.h"
#include "suites.h"

#define HEADER "# address src_frames src_bytes dst_frames dst_bytes\n"
#define T0 1795392000000000000ull	/* 2026-11-23 00:00:00 UTC */

static void table(const char *text, struct pk_addrs *t)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	struct pk_err err;

	ck_assert_int_eq(pk_addrs_parse(f, "test", t, &err), 0);
	fclose(f);
}

/* An address unchanged has no row, a new one counts all it has, a changed
 * one the difference; other likewise. */
START_TEST(delta_rows)
{
	struct pk_addrs then, now, d;

	table(HEADER "10.0.1.5 1 100 0 0\n10.0.1.6 2 200 2 200\n"
	      "other 1 10 1 10\n", &then);
	table(HEADER "10.0.1.5 3 300 1 50\n10.0.1.6 2 200 2 200\n"
	      "fd00:0:0:1::/64 0 0 4 4000\nother 1 10 2 30\n", &now);
	pk_addrs_delta(&then, &now, &d);
	ck_assert_uint_eq(d.n, 2);
	ck_assert_str_eq(addr_text(&d.a[0]), "10.0.1.5");
	assert_addr_counts(&d.a[0].c, 2, 200, 1, 50);
	ck_assert_str_eq(addr_text(&d.a[1]), "fd00:0:0:1::/64");
	assert_addr_counts(&d.a[1].c, 0, 0, 4, 4000);
	assert_addr_counts(&d.other, 0, 0, 1, 20);
	pk_addrs_free(&d);
	/* no earlier read: a new or recreated object counts all of now */
	pk_addrs_delta(NULL, &now, &d);
	ck_assert_uint_eq(d.n, 3);
	assert_addr_counts(&d.other, 1, 10, 2, 30);
	pk_addrs_free(&d);
	pk_addrs_free(&then);
	pk_addrs_free(&now);
}
END_TEST

/* Counters lower than before (never from the kernel): all they have. */
START_TEST(delta_lower_counts_whole)
{
	struct pk_addrs then, now, d;

	table(HEADER "10.0.1.5 5 500 5 500\nother 9 9 9 9\n", &then);
	table(HEADER "10.0.1.5 6 600 1 100\nother 1 1 1 1\n", &now);
	pk_addrs_delta(&then, &now, &d);
	ck_assert_uint_eq(d.n, 1);
	assert_addr_counts(&d.a[0].c, 6, 600, 1, 100);
	assert_addr_counts(&d.other, 1, 1, 1, 1);
	pk_addrs_free(&d);
	pk_addrs_free(&then);
	pk_addrs_free(&now);
}
END_TEST

static void set_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static char *acct_text(uint64_t start_ns, const struct pk_addrs *d)
{
	size_t len;

	return pk_acct_text(start_ns, d, &len);
}

/* go-nflog-acctd's columns, Time the interval's start in local time, IP
 * the masked address without its prefix, other only when it counted. */
START_TEST(acct_layout)
{
	struct pk_addrs d;
	char *text;

	set_tz("UTC");
	table(HEADER "192.168.1.20 1 100 2 3000\nfd00:0:0:1::/64 3 4500 0 0\n"
	      "other 0 0 1 60\n", &d);
	text = acct_text(T0 + 999000000, &d);
	ck_assert_str_eq(text, PK_ACCT_HEADER "\n"
			 "2026-11-23 00:00:00,192.168.1.20,100,1,3000,2\n"
			 "2026-11-23 00:00:00,fd00:0:0:1::,4500,3,0,0\n"
			 "2026-11-23 00:00:00,other,0,0,60,1\n");
	free(text);
	d.other = (struct pk_addr_counts){ 0 };
	d.n = 0;
	text = acct_text(T0, &d);
	ck_assert_str_eq(text, PK_ACCT_HEADER "\n");
	free(text);
	pk_addrs_free(&d);
}
END_TEST

/* File names: START_END in local time, to the second. */
START_TEST(acct_names)
{
	char name[80];

	set_tz("UTC");
	pk_acct_basename(name, sizeof(name), T0, T0 + 3600000000000ull);
	ck_assert_str_eq(name, "2026-11-23-000000_2026-11-23-010000");
	set_tz("IST-5:30");
	pk_acct_basename(name, sizeof(name), T0 + 250000000,
			 T0 + 3600999999999ull);
	ck_assert_str_eq(name, "2026-11-23-053000_2026-11-23-063000");
	set_tz("UTC");
}
END_TEST

static void read_many(struct pk_addrs *t)
{
	struct pk_proc p = { .dir = FIXTURES "/many_addresses" };
	struct pk_info info;
	struct pk_err err;

	ck_assert_int_eq(pk_proc_addresses(&p, "lan", &info, t, &err), 0);
	ck_assert_uint_eq(t->n, 12);
}

/* Each column of the series sums to the table's. */
static void assert_exact(const struct pk_addrs *out, const struct pk_addrs *t)
{
	struct pk_addr_counts a, b;

	pk_addrs_total(out, &a);
	pk_addrs_total(t, &b);
	assert_addr_counts(&a, b.src_frames, b.src_bytes, b.dst_frames,
			   b.dst_bytes);
}

/* The many_addresses table's series at the first read with at most max
 * of them, into out; how many went to other. Each column is exact. */
static size_t first_read(size_t max, struct pk_addrs *out)
{
	struct pk_aseries s;
	struct pk_addrs t;
	size_t folded;

	read_many(&t);
	pk_aseries_init(&s, max);
	pk_aseries_choose(&s, &t);
	pk_aseries_split(&s, &t, out, &folded);
	assert_exact(out, &t);
	pk_aseries_free(&s);
	pk_addrs_free(&t);
	return folded;
}

/* The most bytes, ties in address order (192.168.1.12 and .18 have 10000
 * each); the other seven in other. */
START_TEST(series_first_read)
{
	static const char *const want[] = {
		"192.168.1.10", "192.168.1.12", "192.168.1.15",
		"fd00:0:0:1::/64", "fd00:0:0:3::/64",
	};
	struct pk_addrs out;

	ck_assert_uint_eq(first_read(5, &out), 7);
	ck_assert_uint_eq(out.n, 5);
	for (size_t i = 0; i < 5; i++)
		ck_assert_str_eq(addr_text(&out.a[i]), want[i]);
	assert_addr_counts(&out.other, 17, 4360, 23, 12660);
	pk_addrs_free(&out);
}
END_TEST

/* --address-series 0: every address in other. */
START_TEST(series_none)
{
	struct pk_addrs out;

	ck_assert_uint_eq(first_read(0, &out), 12);
	ck_assert_uint_eq(out.n, 0);
	pk_addrs_free(&out);
}
END_TEST

/* New addresses take the room left, the most bytes first; once full, an
 * address in other stays there however much it counts, and no series
 * (other included) ever goes down. */
START_TEST(series_never_move)
{
	struct pk_aseries s;
	struct pk_addrs t, out;
	struct pk_addr_counts other;
	size_t folded;

	pk_aseries_init(&s, 3);
	table(HEADER "10.0.0.1 1 100 0 0\n10.0.0.2 1 50 0 0\n"
	      "other 0 0 0 0\n", &t);
	pk_aseries_choose(&s, &t);
	pk_addrs_free(&t);
	table(HEADER "10.0.0.1 1 100 0 0\n10.0.0.2 1 50 0 0\n"
	      "10.0.0.3 1 1000 0 0\n10.0.0.4 1 5000 0 0\nother 0 0 0 0\n", &t);
	pk_aseries_choose(&s, &t);
	pk_aseries_split(&s, &t, &out, &folded);
	ck_assert_uint_eq(out.n, 3);
	ck_assert_str_eq(addr_text(&out.a[2]), "10.0.0.4");
	ck_assert_uint_eq(folded, 1);
	other = out.other;
	assert_addr_counts(&other, 1, 1000, 0, 0);
	pk_addrs_free(&out);
	pk_addrs_free(&t);
	table(HEADER "10.0.0.1 1 100 0 0\n10.0.0.2 1 50 0 0\n"
	      "10.0.0.3 9 9000000 0 0\n10.0.0.4 1 5000 0 0\n"
	      "10.0.0.5 1 1 0 0\nother 0 0 0 0\n", &t);
	pk_aseries_choose(&s, &t);
	pk_aseries_split(&s, &t, &out, &folded);
	ck_assert_uint_eq(out.n, 3);
	ck_assert_str_eq(addr_text(&out.a[0]), "10.0.0.1");
	ck_assert_str_eq(addr_text(&out.a[1]), "10.0.0.2");
	ck_assert_str_eq(addr_text(&out.a[2]), "10.0.0.4");
	ck_assert_uint_eq(folded, 2);
	assert_addr_counts(&out.other, 10, 9000001, 0, 0);
	ck_assert_uint_ge(out.other.src_bytes, other.src_bytes);
	assert_exact(&out, &t);
	pk_addrs_free(&out);
	pk_addrs_free(&t);
	pk_aseries_free(&s);
}
END_TEST

static void hosts_of(const char *file, struct pk_hosts *h)
{
	char path[4096];
	FILE *f;

	snprintf(path, sizeof(path), FIXTURES "/hosts/%s", file);
	f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(pk_hosts_parse(f, h), 0);
	fclose(f);
}

/* The name of text (an address, or ADDRESS/PREFIX), or "-". */
static const char *name_of(const struct pk_hosts *h, const char *text)
{
	char buf[PK_ADDR_TEXT + 64];
	struct pk_addrs t;
	const char *name;

	snprintf(buf, sizeof(buf), HEADER "%s 1 1 1 1\nother 0 0 0 0\n", text);
	table(buf, &t);
	name = pk_hosts_find(h, &t.a[0]);
	pk_addrs_free(&t);
	return name ? name : "-";
}

/* Each form: the names found, "-" for none. /etc/hosts: the first name
 * of the first line of an address; comments, zones, bad names and lines
 * without a name skipped, and a prefix is no host. dnsmasq leases, IPv4
 * and IPv6: "*" is no name, the duid line none. dhcp-host lines: the
 * address and the name wherever they stand among MACs, ids, tags and
 * lease times; other settings skipped. */
START_TEST(hosts_forms)
{
	static const struct {
		const char *file;
		size_t n;
		const char *names[8][2];
	} cases[] = {
		{ "hosts", 4, {
			{ "127.0.0.1", "localhost" }, { "::1", "localhost" },
			{ "192.168.1.10", "nas.lan" }, { "192.168.1.15", "tv" },
			{ "192.168.1.12", "-" }, { "192.168.1.99", "-" },
			{ "192.168.1.10/24", "-" } } },
		{ "dnsmasq.leases", 2, {
			{ "192.168.1.12", "laptop" }, { "192.168.1.13", "-" },
			{ "fd00::1:5", "phone" } } },
		{ "dhcp-hosts", 4, {
			{ "192.168.1.14", "printer" }, { "192.168.1.16", "camera" },
			{ "fd00::1:6", "fred" }, { "192.168.1.17", "thermostat" },
			{ "192.168.1.50", "-" } } },
	};
	struct pk_hosts h;

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		hosts_of(cases[i].file, &h);
		ck_assert_uint_eq(h.n, cases[i].n);
		for (size_t k = 0; k < 8 && cases[i].names[k][0]; k++)
			ck_assert_str_eq(name_of(&h, cases[i].names[k][0]),
					 cases[i].names[k][1]);
		pk_hosts_free(&h);
	}
}
END_TEST

Suite *addrexport_suite(void)
{
	Suite *s = suite_create("addrexport");
	TCase *tc = tcase_create("core");
	const TTest *tests[] = {
		delta_rows, delta_lower_counts_whole, acct_layout, acct_names,
		series_first_read, series_never_move, series_none, hosts_forms,
	};

	for (size_t i = 0; i < sizeof(tests) / sizeof(*tests); i++)
		tcase_add_test(tc, tests[i]);
	suite_add_tcase(s, tc);
	return s;
}
