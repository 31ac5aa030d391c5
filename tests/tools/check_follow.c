// SPDX-License-Identifier: GPL-2.0
/* The exporters' polls (pbfollow.c): the streams at every poll, the object
 * list once a second or once an object went away. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "follow.h"
#include "pbfollow.h"
#include "suites.h"

#define STREAM	"# start_ns frames bytes [buckets]\n"
#define T0	"1795392000000000000"

struct tree {
	char dir[64];
	struct pk_proc p;
};

static void tree_make(struct tree *t)
{
	snprintf(t->dir, sizeof(t->dir), "/tmp/pktstat-check-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(t->dir));
	t->p.dir = t->dir;
}

static void put(const struct tree *t, const char *name, const char *file,
		const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", t->dir, name);
	mkdir(path, 0700);
	snprintf(path, sizeof(path), "%s/%s/%s", t->dir, name, file);
	f = fopen(path, "a");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

/* An object of 10us buckets created at created_ns, with this stream. */
static void object(const struct tree *t, const char *name,
		   unsigned long long created_ns, const char *stream)
{
	char info[256];

	snprintf(info, sizeof(info), "name %s\nperiod_ns 10000\nsamples 1000\n"
		 "created_ns %llu\nframes 0\nbytes 0\n", name, created_ns);
	put(t, name, "info", info);
	put(t, name, "stream", stream);
}

static void object_remove(const struct tree *t, const char *name)
{
	static const char *const files[] = { "info", "stream" };
	char path[256];

	for (size_t i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s/%s", t->dir, name, files[i]);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/%s", t->dir, name);
	rmdir(path);
}

static void tree_free(struct tree *t)
{
	DIR *d = opendir(t->dir);
	struct dirent *de;

	while (d && (de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			object_remove(t, de->d_name);
	if (d)
		closedir(d);
	rmdir(t->dir);
}

static const struct pk_pb_obj *find(const struct pk_pb *pb, const char *name)
{
	for (size_t i = 0; i < pb->n; i++)
		if (!strcmp(pb->obj[i]->name, name))
			return pb->obj[i];
	return NULL;
}

/* name is followed, as the object created at created_ns, and has read
 * count buckets holding sum bytes. */
static void expect_followed(const struct pk_pb *pb, const char *name,
			    uint64_t created_ns, uint64_t count, uint64_t sum)
{
	const struct pk_pb_obj *o = find(pb, name);

	ck_assert_ptr_nonnull(o);
	ck_assert_uint_eq(o->created_ns, created_ns);
	ck_assert_uint_eq(o->count, count);
	ck_assert_uint_eq(o->sum, sum);
}

/* A follower of t, after its first poll. */
static void follow_start(struct pk_pb *pb, const struct tree *t)
{
	pk_pb_init(pb, NULL, 0, 1e9);
	pk_pb_follow(pb, &t->p);
}

/* A poll a second after the last list: the list is read again. */
static void follow_listing(struct pk_pb *pb, const struct tree *t)
{
	pb->listed_ns -= PK_PB_LIST_NS;
	pk_pb_follow(pb, &t->p);
}

static void follow_end(struct pk_pb *pb, struct tree *t)
{
	pk_pb_free(pb);
	tree_free(t);
}

/* Read system calls of this process so far (/proc/self/io). */
static unsigned long long read_syscalls(void)
{
	unsigned long long n = 0;
	FILE *f = fopen("/proc/self/io", "r");
	char line[128];

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "syscr: %llu", &n) == 1)
			break;
	fclose(f);
	return n;
}

/* Between two lists, a poll of 100 idle objects reads their 100 streams,
 * not their 100 info files too (which took 3 reads an object). */
START_TEST(polls_read_streams_not_the_list)
{
	enum { OBJECTS = 100, POLLS = 20 };
	struct tree t;
	struct pk_pb pb;
	unsigned long long before;
	char name[16];

	tree_make(&t);
	for (int i = 0; i < OBJECTS; i++) {
		snprintf(name, sizeof(name), "o%d", i);
		object(&t, name, 1, STREAM);
	}
	follow_start(&pb, &t);
	ck_assert_uint_eq(pb.n, OBJECTS);
	ck_assert_uint_eq(pb.interval_ns, PK_FOLLOW_MIN_NS);
	before = read_syscalls();
	for (int i = 0; i < POLLS; i++)
		pk_pb_follow(&pb, &t.p);
	/* one list, if a second went by, is 3 reads an object */
	ck_assert_uint_le(read_syscalls() - before,
			  POLLS * OBJECTS + 4 * OBJECTS);
	follow_end(&pb, &t);
}
END_TEST

/* An object created after a list is followed from the next one, from the
 * first bucket its stream holds. */
START_TEST(new_object_at_next_list)
{
	struct tree t;
	struct pk_pb pb;

	tree_make(&t);
	object(&t, "a", 1, STREAM);
	follow_start(&pb, &t);
	object(&t, "b", 1, STREAM T0 " 1 100\n1795392000000010000 0 0 4\n");
	pk_pb_follow(&pb, &t.p);
	ck_assert_ptr_null(find(&pb, "b"));
	follow_listing(&pb, &t);
	expect_followed(&pb, "b", 1, 5, 100);
	follow_end(&pb, &t);
}
END_TEST

/* The same name with another created_ns is another object: its counts
 * start again, with its own stream. */
START_TEST(recreated_object_at_next_list)
{
	struct tree t;
	struct pk_pb pb;

	tree_make(&t);
	object(&t, "web", 1, STREAM T0 " 1 100\n");
	follow_start(&pb, &t);
	expect_followed(&pb, "web", 1, 1, 100);
	object_remove(&t, "web");
	object(&t, "web", 2, STREAM T0 " 1 7\n1795392000000010000 1 8\n");
	follow_listing(&pb, &t);
	expect_followed(&pb, "web", 2, 2, 15);
	follow_end(&pb, &t);
}
END_TEST

/* Objects are kept in name order whenever they appear (found by binary
 * search: pk_pb_find()); a recreated one takes the old one's place. */
START_TEST(followed_in_name_order)
{
	static const char *const names[] = { "a", "b", "b.1", "c" };
	struct tree t;
	struct pk_pb pb;

	tree_make(&t);
	object(&t, "b", 1, STREAM);
	object(&t, "c", 1, STREAM);
	follow_start(&pb, &t);
	object(&t, "b.1", 1, STREAM);
	object(&t, "a", 1, STREAM);
	follow_listing(&pb, &t);
	ck_assert_uint_eq(pb.n, 4);
	for (size_t i = 0; i < 4; i++) {
		ck_assert_str_eq(pb.obj[i]->name, names[i]);
		ck_assert_ptr_eq(pk_pb_find(&pb, names[i]), pb.obj[i]);
	}
	ck_assert_ptr_null(pk_pb_find(&pb, "b.0"));
	ck_assert_ptr_null(pk_pb_find(&pb, "d"));
	object_remove(&t, "b");
	object(&t, "b", 2, STREAM T0 " 1 7\n");
	follow_listing(&pb, &t);
	ck_assert_uint_eq(pb.n, 4);
	ck_assert_str_eq(pb.obj[1]->name, "b");
	expect_followed(&pb, "b", 2, 1, 7);
	follow_end(&pb, &t);
}
END_TEST

/* A stream that fails because its object is gone (the kernel's file then
 * reads EIO; here, a line that does not parse) is no error: the list is
 * read at the next poll, which drops it. */
START_TEST(gone_object_relists_quietly)
{
	struct tree t;
	struct pk_pb pb;
	FILE *err = tmpfile();
	int saved = dup(2);
	struct stat st;

	tree_make(&t);
	object(&t, "web", 1, STREAM T0 " 1 100\n");
	object(&t, "db", 1, STREAM);
	follow_start(&pb, &t);
	put(&t, "web", "stream", "garbage\n");
	object_remove(&t, "web");
	dup2(fileno(err), 2);
	pk_pb_follow(&pb, &t.p);
	ck_assert_int_eq(pb.relist, 1);
	pk_pb_follow(&pb, &t.p);
	fflush(stderr);
	dup2(saved, 2);
	ck_assert_int_eq(pb.relist, 0);
	ck_assert_ptr_null(find(&pb, "web"));
	expect_followed(&pb, "db", 1, 0, 0);
	ck_assert_int_eq(fstat(fileno(err), &st), 0);
	ck_assert_int_eq(st.st_size, 0);
	close(saved);
	fclose(err);
	follow_end(&pb, &t);
}
END_TEST

/* --burst-rate: at most PK_PB_MAX_BPS, with a message saying so. */
START_TEST(burst_rates_bounded)
{
	double rates[PK_PB_MAX_LE];
	struct pk_err err = { "" };
	size_t n;

	ck_assert_int_eq(pk_pb_parse_rates("1e18,10G", rates, &n, &err), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_double_eq(rates[1], 1e18);
	ck_assert_int_eq(pk_pb_parse_rates("1G,2.5e18", rates, &n, &err), -1);
	ck_assert_str_eq(err.msg, "\"1G,2.5e18\": 2.5e18 is above the highest "
			 "rate, 1e+18 bit/s");
	ck_assert_int_eq(pk_pb_parse_rates("1e300T", rates, &n, &err), -1);
	ck_assert_str_eq(err.msg, "\"1e300T\": 1 to 24 rates in bit/s, e.g. 1G,10G");
	ck_assert_int_eq(pk_pb_parse_rates(",", rates, &n, &err), -1);
}
END_TEST

/* A period longer than the kernel allows (a malformed info): a rate's
 * bytes per bucket do not fit a u64, and the boundary is the largest. */
START_TEST(burst_boundary_of_a_long_period)
{
	double rate = 1e12;
	struct tree t;
	struct pk_pb pb;
	const struct pk_pb_obj *o;

	tree_make(&t);
	put(&t, "slow", "info", "name slow\nperiod_ns 4611686018427387904\n"
	    "created_ns 1\nframes 0\nbytes 0\n");
	put(&t, "slow", "stream", STREAM);
	pk_pb_init(&pb, &rate, 1, 1e9);
	pk_pb_follow(&pb, &t.p);
	o = find(&pb, "slow");
	ck_assert_ptr_nonnull(o);
	ck_assert_uint_eq(o->nle, 1);
	ck_assert_uint_eq(o->le[0], UINT64_MAX);
	follow_end(&pb, &t);
}
END_TEST

Suite *follow_suite(void)
{
	Suite *s = suite_create("follow");
	TCase *tc = tcase_create("follow");

	tcase_add_test(tc, polls_read_streams_not_the_list);
	tcase_add_test(tc, new_object_at_next_list);
	tcase_add_test(tc, recreated_object_at_next_list);
	tcase_add_test(tc, followed_in_name_order);
	tcase_add_test(tc, gone_object_relists_quietly);
	tcase_add_test(tc, burst_rates_bounded);
	tcase_add_test(tc, burst_boundary_of_a_long_period);
	suite_add_tcase(s, tc);
	return s;
}
