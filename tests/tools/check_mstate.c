// SPDX-License-Identifier: GPL-2.0
/* The munin plugin's state file (mstate.c) and its rates since the
 * previous fetch (pollrate.c). */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "pollrate.h"
#include "suites.h"

#define T0	1795392000000000000ull
#define US100	100000ull
#define CREATED	1795391000000000000ull

static void state_text(FILE *out, const void *arg)
{
	pk_mstate_write(out, arg);
}

static struct pk_mstate parse_text(const char *text)
{
	struct pk_mstate s = { 0 };
	FILE *f = fmemopen((void *)text, strlen(text), "r");

	pk_mstate_parse(f, &s);
	fclose(f);
	return s;
}

/* Lines that do not parse are skipped: the state is a hint. */
START_TEST(state_round_trip)
{
	struct pk_mstate s = parse_text(
		"# pktstat munin state 1\n"
		"web 1795391000000000000 1795392000001000000 47 62500\n"
		"bad name 1 2 3 4\n"
		"short 1 2 3\n"
		"trailing 1 2 3 4 5\n"
		"minus -1 2 3 4\n"
		"0123456789012345678901234567890123 1 2 3 4\n"
		"# a comment\n"
		"web.v4 1 2 3 18446744073709551615\n");
	char *text = capture(state_text, &s);

	ck_assert_str_eq(text, "# pktstat munin state 1\n"
			 "web 1795391000000000000 1795392000001000000 47 62500\n"
			 "web.v4 1 2 3 18446744073709551615\n");
	ck_assert_uint_eq(pk_mstate_find(&s, "web.v4")->created_ns, 1);
	ck_assert_ptr_null(pk_mstate_find(&s, "bad"));
	free(text);
	pk_mstate_free(&s);
}
END_TEST

/* munin's own name for the file, one per master; none when run by hand. */
START_TEST(state_path)
{
	char path[4096];

	unsetenv("MUNIN_PLUGSTATE");
	ck_assert_int_eq(pk_mstate_path(path, sizeof(path), "traffic_accounting"), -1);
	setenv("MUNIN_PLUGSTATE", "/var/lib/munin-node/plugin-state/root", 1);
	unsetenv("MUNIN_MASTER_IP");
	ck_assert_int_eq(pk_mstate_path(path, sizeof(path), "traffic_accounting"), 0);
	ck_assert_str_eq(path, "/var/lib/munin-node/plugin-state/root/traffic_accounting-");
	setenv("MUNIN_MASTER_IP", "192.0.2.1", 1);
	pk_mstate_path(path, sizeof(path), "traffic_accounting");
	ck_assert_str_eq(path, "/var/lib/munin-node/plugin-state/root/traffic_accounting-192.0.2.1");
	unsetenv("MUNIN_PLUGSTATE");
	unsetenv("MUNIN_MASTER_IP");
}
END_TEST

static size_t files_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* Saved by rename: no temporary file left; a missing file is empty. */
START_TEST(state_save_load)
{
	char dir[] = "/tmp/check_mstate.XXXXXX", path[4096];
	struct pk_mstate_ent e = { "web", CREATED, T0, 1, 2 };
	struct pk_mstate s = { 0 }, back = { 0 };
	struct pk_err err;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/traffic_accounting-", dir);
	ck_assert_int_eq(pk_mstate_load(path, &back, &err), 0);
	ck_assert_uint_eq(back.n, 0);
	pk_mstate_add(&s, &e);
	ck_assert_int_eq(pk_mstate_save(path, &s, &err), 0);
	ck_assert_uint_eq(files_in(dir), 1);
	ck_assert_int_eq(pk_mstate_load(path, &back, &err), 0);
	ck_assert_uint_eq(back.n, 1);
	ck_assert_uint_eq(back.e[0].bytes, 2);
	unlink(path);
	rmdir(dir);
	snprintf(path, sizeof(path), "%s/traffic_accounting-", dir);
	ck_assert_int_eq(pk_mstate_save(path, &s, &err), -1);
	pk_mstate_free(&s);
	pk_mstate_free(&back);
}
END_TEST

static struct pk_info info_of(uint64_t created)
{
	struct pk_info info = { .name = "burst" };

	info.v[PK_I_PERIOD_NS] = US100;
	info.v[PK_I_CREATED_NS] = created;
	return info;
}

/* A pass of a stream opened now, runs kept whole as munin reads them. */
static struct pk_data pass(const char *text)
{
	struct pk_data d = { .keep_runs = 1 };
	struct pk_err err;
	FILE *f = fmemopen((void *)text, strlen(text), "r");

	ck_assert_int_eq(pk_data_parse(f, "stream", US100, &d, &err), 0);
	fclose(f);
	return d;
}

/* 1ms of buckets, 10500 bytes: 10.5 MB/s; the busiest 9000 bytes in
 * 100us: 90 MB/s. */
static const char first[] =
	"# start_ns frames bytes [buckets]\n"
	"# before frames=40 bytes=52000\n"
	"1795392000000000000 1 1500\n"
	"1795392000000100000 0 0 8\n"
	"1795392000000900000 6 9000\n";

/* Opened again: from 500us on (the ring moved), the 9000-byte bucket
 * seen already; 1000 bytes then 24000 lost, then idle to 2ms. */
static const char second[] =
	"# start_ns frames bytes [buckets]\n"
	"# before frames=41 bytes=53500\n"
	"1795392000000500000 0 0 4\n"
	"1795392000000900000 6 9000\n"
	"1795392000001000000 1 1000\n"
	"# lost buckets=1 frames=10 bytes=24000\n"
	"1795392000001200000 0 0 8\n";

static void rates_are(const struct pk_pollrate *r, double mean_f,
		      double mean_b, double peak_f, double peak_b)
{
	ck_assert(r->have_mean && r->have_peak);
	ck_assert_double_eq_tol(r->mean_frames, mean_f, 1e-6);
	ck_assert_double_eq_tol(r->mean_bytes, mean_b, 1e-6);
	ck_assert_double_eq_tol(r->peak_frames, peak_f, 1e-6);
	ck_assert_double_eq_tol(r->peak_bytes, peak_b, 1e-6);
}

START_TEST(rates_since_previous_fetch)
{
	struct pk_info info = info_of(CREATED);
	struct pk_data d1 = pass(first), d2 = pass(second);
	struct pk_mstate_ent s1, s2, s3;
	struct pk_pollrate r;

	ck_assert_int_eq(pk_pollrate(&info, &d1, NULL, &r, &s1), 1);
	rates_are(&r, 7000, 10500000, 60000, 90000000);
	ck_assert_str_eq(s1.name, "burst");
	ck_assert_uint_eq(s1.created_ns, CREATED);
	ck_assert_uint_eq(s1.next_ns, T0 + 10 * US100);
	ck_assert_uint_eq(s1.frames, 47);
	ck_assert_uint_eq(s1.bytes, 62500);
	/* the lost bucket counts in the mean, not in the peak; the bucket
	 * seen at the previous fetch counts in neither */
	ck_assert_int_eq(pk_pollrate(&info, &d2, &s1, &r, &s2), 1);
	rates_are(&r, 11000, 25000000, 10000, 10000000);
	ck_assert_uint_eq(s2.next_ns, T0 + 20 * US100);
	ck_assert_uint_eq(s2.bytes, 87500);
	/* nothing ended since: U, the state kept */
	ck_assert_int_eq(pk_pollrate(&info, &d2, &s2, &r, &s3), 1);
	ck_assert(!r.have_mean && !r.have_peak);
	ck_assert_mem_eq(&s3, &s2, sizeof(s2));
	pk_data_free(&d1);
	pk_data_free(&d2);
}
END_TEST

/* The ring moved past the previous fetch's end: the mean still covers
 * the time between, from the counters; the peak what is held. */
START_TEST(rates_beyond_the_ring)
{
	struct pk_info info = info_of(CREATED);
	struct pk_mstate_ent prev = { "burst", CREATED, T0 + 10 * US100, 47, 62500 };
	struct pk_data d = pass("# start_ns frames bytes [buckets]\n"
				"# before frames=52 bytes=72500\n"
				"1795392000001900000 2 4000\n");
	struct pk_mstate_ent next;
	struct pk_pollrate r;

	ck_assert_int_eq(pk_pollrate(&info, &d, &prev, &r, &next), 1);
	rates_are(&r, 7000, 14000000, 20000, 40000000);
	pk_data_free(&d);
}
END_TEST

/* Another created_ns, or counters below the state's: started afresh,
 * over the buckets read. No bucket and no state: nothing to keep. */
START_TEST(rates_afresh)
{
	struct pk_info info = info_of(CREATED + 1);
	struct pk_mstate_ent prev = { "burst", CREATED, T0 + 10 * US100, 47, 62500 };
	struct pk_data d = pass(first), none = pass("# start_ns frames bytes [buckets]\n");
	struct pk_mstate_ent next;
	struct pk_pollrate r;

	ck_assert_int_eq(pk_pollrate(&info, &d, &prev, &r, &next), 1);
	rates_are(&r, 7000, 10500000, 60000, 90000000);
	info = info_of(CREATED);
	prev.bytes = 62501;
	ck_assert_int_eq(pk_pollrate(&info, &d, &prev, &r, &next), 1);
	rates_are(&r, 7000, 10500000, 60000, 90000000);
	ck_assert_int_eq(pk_pollrate(&info, &none, NULL, &r, &next), 0);
	ck_assert(!r.have_mean && !r.have_peak);
	ck_assert_int_eq(pk_pollrate(&info, &none, &prev, &r, &next), 1);
	ck_assert_uint_eq(next.bytes, 62501);
	pk_data_free(&d);
	pk_data_free(&none);
}
END_TEST

Suite *mstate_suite(void)
{
	Suite *s = suite_create("mstate");
	TCase *tc = tcase_create("mstate");

	tcase_add_test(tc, state_round_trip);
	tcase_add_test(tc, state_path);
	tcase_add_test(tc, state_save_load);
	tcase_add_test(tc, rates_since_previous_fetch);
	tcase_add_test(tc, rates_beyond_the_ring);
	tcase_add_test(tc, rates_afresh);
	suite_add_tcase(s, tc);
	return s;
}
