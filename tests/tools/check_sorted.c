// SPDX-License-Identifier: GPL-2.0
/* Arrays kept sorted by name (sorted.c) and the per-object states kept in
 * them: an exporter's (objstate.c) and the munin plugin's (mstate.c). */
#include <stdlib.h>
#include <string.h>
#include "mstate.h"
#include "objstate.h"
#include "sorted.h"
#include "suites.h"

struct named {
	char name[PK_NAME_LEN];
	int v;
};

static int cmp_named(const char *name, const void *elem)
{
	const struct named *e = elem;

	return strcmp(name, e->name);
}

/* Inserts name with v where pk_sorted_find() says, unless it is there. */
static void insert(struct named **arr, size_t *n, size_t *cap,
		   const char *name, int v)
{
	struct named e = { .v = v };
	int found;
	size_t at = pk_sorted_find(*arr, *n, sizeof(e), name, cmp_named,
				   &found);

	if (found)
		return;
	snprintf(e.name, sizeof(e.name), "%s", name);
	ck_assert_int_eq(pk_sorted_insert(arr, n, cap, sizeof(e), at, &e), 0);
}

static size_t find(const struct named *arr, size_t n, const char *name,
		   int *found)
{
	return pk_sorted_find(arr, n, sizeof(*arr), name, cmp_named, found);
}

/* Where a name is, or goes: before the first name not below it. */
START_TEST(find_in_empty_and_between)
{
	static const struct named arr[] = { { "b", 0 }, { "d", 0 }, { "f", 0 } };
	int found = -1;

	ck_assert_uint_eq(find(NULL, 0, "a", &found), 0);
	ck_assert_int_eq(found, 0);
	ck_assert_uint_eq(find(arr, 3, "a", &found), 0);
	ck_assert_int_eq(found, 0);
	ck_assert_uint_eq(find(arr, 3, "b", &found), 0);
	ck_assert_int_eq(found, 1);
	ck_assert_uint_eq(find(arr, 3, "c", &found), 1);
	ck_assert_int_eq(found, 0);
	ck_assert_uint_eq(find(arr, 3, "d", &found), 1);
	ck_assert_int_eq(found, 1);
	ck_assert_uint_eq(find(arr, 3, "f", &found), 2);
	ck_assert_int_eq(found, 1);
	ck_assert_uint_eq(find(arr, 3, "g", &found), 3);
	ck_assert_int_eq(found, 0);
	/* strcmp()'s order, as a snapshot's: bytes, not letters */
	ck_assert_uint_eq(find(arr, 3, "B", &found), 0);
	ck_assert_uint_eq(find(arr, 3, "b.", &found), 1);
	ck_assert_int_eq(found, 0);
}
END_TEST

/* Names in any order end up sorted, each with its own value, past the
 * first growth of the array. */
START_TEST(insert_in_any_order)
{
	enum { N = 1000 };
	struct named *arr = NULL;
	size_t n = 0, cap = 0;
	char name[PK_NAME_LEN];
	int found;

	for (int i = 0; i < N; i++) {
		/* 0, 999, 1, 998, ...: at the front, at the end, between */
		int k = i % 2 ? N - 1 - i / 2 : i / 2;

		snprintf(name, sizeof(name), "o%d", k);
		insert(&arr, &n, &cap, name, k);
	}
	insert(&arr, &n, &cap, "o5", -1);	/* there already */
	ck_assert_uint_eq(n, N);
	for (size_t i = 1; i < n; i++)
		ck_assert_int_lt(strcmp(arr[i - 1].name, arr[i].name), 0);
	for (int k = 0; k < N; k++) {
		snprintf(name, sizeof(name), "o%d", k);
		ck_assert_int_eq(arr[find(arr, n, name, &found)].v, k);
		ck_assert_int_eq(found, 1);
	}
	free(arr);
}
END_TEST

/* In order (a snapshot's), each name goes at the end. */
START_TEST(insert_in_order_appends)
{
	struct named *arr = NULL;
	size_t n = 0, cap = 0;
	char name[PK_NAME_LEN];
	int found;

	for (int k = 0; k < 300; k++) {
		snprintf(name, sizeof(name), "o%03d", k);
		ck_assert_uint_eq(find(arr, n, name, &found), n);
		insert(&arr, &n, &cap, name, k);
		ck_assert_int_eq(arr[n - 1].v, k);
	}
	free(arr);
}
END_TEST

static int freed;

static void count_free(void *data)
{
	freed++;
	free(data);
}

static struct pk_info info_of(const char *name, uint64_t created_ns)
{
	struct pk_info info = { 0 };

	snprintf(info.name, sizeof(info.name), "%s", name);
	info.v[PK_I_CREATED_NS] = created_ns;
	return info;
}

static void get(struct pk_ostates *s, const char *name, uint64_t created_ns)
{
	struct pk_info info = info_of(name, created_ns);
	struct pk_ostate *o = pk_ostates_get(s, &info);

	ck_assert_str_eq(o->name, name);
	if (!o->data)
		o->data = malloc(1);
}

/* An exporter's states: found by name in any listing order, a recreated
 * object's data freed, those not listed forgotten, the rest in order. */
START_TEST(object_states)
{
	struct pk_ostates s = { .free_data = count_free };
	const char *const order[] = { "a", "b.x", "c", "d" };

	freed = 0;
	pk_ostates_begin(&s);
	get(&s, "c", 1);
	get(&s, "a", 1);
	get(&s, "d", 1);
	get(&s, "b.x", 1);
	pk_ostates_end(&s);
	ck_assert_uint_eq(s.n, 4);
	for (size_t i = 0; i < 4; i++)
		ck_assert_str_eq(s.o[i].name, order[i]);

	pk_ostates_begin(&s);
	get(&s, "a", 1);
	get(&s, "c", 2);	/* made anew */
	ck_assert_int_eq(freed, 1);
	ck_assert_ptr_nonnull(pk_ostates_find(&s, "d"));
	ck_assert_ptr_null(pk_ostates_find(&s, "b"));
	pk_ostates_end(&s);	/* b.x forgotten */
	ck_assert_int_eq(freed, 2);
	ck_assert_uint_eq(s.n, 3);
	ck_assert_str_eq(s.o[0].name, "a");
	ck_assert_str_eq(s.o[1].name, "c");
	ck_assert_uint_eq(s.o[1].created_ns, 2);
	ck_assert_str_eq(s.o[2].name, "d");
	pk_ostates_free(&s);
	ck_assert_int_eq(freed, 5);
}
END_TEST

static void state_text(FILE *out, const void *arg)
{
	pk_mstate_write(out, arg);
}

/* A state file out of order, with a name twice: sorted, the first line
 * of a name kept. */
START_TEST(munin_state_sorted)
{
	static const char text[] =
		"# pktstat munin state 1\n"
		"web 1 2 3 4\n"
		"dns 5 6 7 8\n"
		"web 9 9 9 9\n"
		"db 1 1 1 1\n";
	struct pk_mstate s = { 0 };
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	char *out;

	pk_mstate_parse(f, &s);
	fclose(f);
	out = capture(state_text, &s);
	ck_assert_str_eq(out, "# pktstat munin state 1\n"
			 "db 1 1 1 1\n"
			 "dns 5 6 7 8\n"
			 "web 1 2 3 4\n");
	ck_assert_uint_eq(pk_mstate_find(&s, "web")->created_ns, 1);
	ck_assert_uint_eq(pk_mstate_find(&s, "dns")->next_ns, 6);
	ck_assert_ptr_null(pk_mstate_find(&s, "dn"));
	free(out);
	pk_mstate_free(&s);
}
END_TEST

Suite *sorted_suite(void)
{
	Suite *s = suite_create("sorted");
	TCase *tc = tcase_create("sorted");

	tcase_add_test(tc, find_in_empty_and_between);
	tcase_add_test(tc, insert_in_any_order);
	tcase_add_test(tc, insert_in_order_appends);
	tcase_add_test(tc, object_states);
	tcase_add_test(tc, munin_state_sorted);
	suite_add_tcase(s, tc);
	return s;
}
