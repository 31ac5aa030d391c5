// SPDX-License-Identifier: GPL-2.0
/* pktstat_check_info(): what the kernel accepts in a rule, whatever the bytes. */
#include <check.h>
#include "suites.h"
#include <stdlib.h>
#include <string.h>
#include "pktstat_check.h"

static struct xt_pktstat_info valid_buckets(void)
{
	struct xt_pktstat_info info;

	memset(&info, 0, sizeof(info));
	info.flags = XT_PKTSTAT_F_BUCKETS | XT_PKTSTAT_F_NAME;
	info.period_ns = 100000;
	info.samples = 1000;
	strcpy(info.name, "web");
	return info;
}

static struct xt_pktstat_info valid_tag(void)
{
	struct xt_pktstat_info info;

	memset(&info, 0, sizeof(info));
	info.flags = XT_PKTSTAT_F_TAG;
	strcpy(info.tag, "web4_up");
	strcpy(info.desc, "Web traffic");
	return info;
}

START_TEST(accepts_valid_rules)
{
	struct xt_pktstat_info info = valid_buckets();

	ck_assert_ptr_null(pktstat_check_info(&info));
	info = valid_tag();
	ck_assert_ptr_null(pktstat_check_info(&info));
	info.flags |= XT_PKTSTAT_F_BUCKETS;
	info.period_ns = XT_PKTSTAT_PERIOD_MIN_NS;
	info.samples = XT_PKTSTAT_SAMPLES_MAX;
	ck_assert_ptr_null(pktstat_check_info(&info));
	info.period_ns = XT_PKTSTAT_PERIOD_MAX_NS;
	info.samples = XT_PKTSTAT_SAMPLES_MIN;
	ck_assert_ptr_null(pktstat_check_info(&info));
}
END_TEST

START_TEST(refuses_bad_flags)
{
	struct xt_pktstat_info info = valid_buckets();

	info.flags |= 1u << 7;
	ck_assert_str_eq(pktstat_check_info(&info), "unknown flags");
	info.flags = 0;
	ck_assert_str_eq(pktstat_check_info(&info), "neither buckets nor a tag requested");
	info = valid_buckets();
	info.flags = XT_PKTSTAT_F_NAME | XT_PKTSTAT_F_TAG;
	strcpy(info.tag, "t");
	ck_assert_str_eq(pktstat_check_info(&info), "a name without buckets");
}
END_TEST

START_TEST(refuses_out_of_range)
{
	struct xt_pktstat_info info = valid_buckets();

	info.period_ns = XT_PKTSTAT_PERIOD_MIN_NS - 1;
	ck_assert_ptr_nonnull(pktstat_check_info(&info));
	info.period_ns = XT_PKTSTAT_PERIOD_MAX_NS + 1;
	ck_assert_ptr_nonnull(pktstat_check_info(&info));
	info.period_ns = 0;
	ck_assert_ptr_nonnull(pktstat_check_info(&info));
	info = valid_buckets();
	info.samples = 0;
	ck_assert_ptr_nonnull(pktstat_check_info(&info));
	info.samples = XT_PKTSTAT_SAMPLES_MAX + 1;
	ck_assert_ptr_nonnull(pktstat_check_info(&info));
	info = valid_tag();	/* no buckets: period and samples must be 0 */
	info.samples = 5;
	ck_assert_str_eq(pktstat_check_info(&info), "period or samples without buckets");
}
END_TEST

START_TEST(refuses_bad_names)
{
	static const char *const bad[] = { "", ".", "..", "tags", "a/b", "a b",
					   "x\n", "\xc3\xa9" };
	struct xt_pktstat_info info;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		info = valid_buckets();
		memset(info.name, 0, sizeof(info.name));
		strcpy(info.name, bad[i]);
		ck_assert_msg(pktstat_check_info(&info), "accepted name \"%s\"", bad[i]);
	}
	info = valid_buckets();		/* no terminating NUL */
	memset(info.name, 'a', sizeof(info.name));
	ck_assert_str_eq(pktstat_check_info(&info), "invalid name");
	info = valid_buckets();		/* name bytes without the name flag */
	info.flags = XT_PKTSTAT_F_BUCKETS;
	ck_assert_str_eq(pktstat_check_info(&info), "name bytes set without a name");
}
END_TEST

START_TEST(refuses_bad_tags)
{
	struct xt_pktstat_info info = valid_tag();

	memset(info.tag, 'a', sizeof(info.tag));
	ck_assert_str_eq(pktstat_check_info(&info), "invalid tag");
	info = valid_tag();
	memset(info.tag, 0, sizeof(info.tag));
	strcpy(info.tag, "tags");	/* fine as a tag: tags are not files */
	ck_assert_ptr_null(pktstat_check_info(&info));
	info = valid_tag();
	memset(info.desc, 'd', sizeof(info.desc));
	ck_assert_str_eq(pktstat_check_info(&info), "invalid description");
	info = valid_tag();
	strcpy(info.desc, "two\nlines");
	ck_assert_str_eq(pktstat_check_info(&info), "invalid description");
	/* the plugin trims these: they could not be saved and restored */
	info = valid_tag();
	strcpy(info.desc, " Web");
	ck_assert_str_eq(pktstat_check_info(&info), "invalid description");
	info = valid_tag();
	strcpy(info.desc, "Web ");
	ck_assert_str_eq(pktstat_check_info(&info), "invalid description");
	info = valid_tag();
	strcpy(info.desc, "Web  traffic");	/* inside: kept as given */
	ck_assert_ptr_null(pktstat_check_info(&info));
	info = valid_buckets();
	strcpy(info.desc, "orphan");
	ck_assert_str_eq(pktstat_check_info(&info), "tag bytes set without a tag");
}
END_TEST

/*
 * Bytes after a string's NUL would give one rule many byte forms, and
 * iptables -C and -D, which compare bytes, could not find a rule a raw
 * client inserted.
 */
START_TEST(refuses_bytes_after_the_nul)
{
	struct xt_pktstat_info info = valid_buckets();

	info.name[sizeof(info.name) - 1] = 'x';
	ck_assert_str_eq(pktstat_check_info(&info),
			 "bytes after the end of a string are not zero");
	info = valid_tag();
	info.tag[strlen(info.tag) + 1] = 1;
	ck_assert_str_eq(pktstat_check_info(&info),
			 "bytes after the end of a string are not zero");
	info = valid_tag();
	info.desc[sizeof(info.desc) - 1] = ' ';
	ck_assert_str_eq(pktstat_check_info(&info),
			 "bytes after the end of a string are not zero");
}
END_TEST

/* Random bytes must never be accepted unless they are consistent. */
START_TEST(random_bytes_are_checked)
{
	struct xt_pktstat_info info;
	unsigned char *p = (unsigned char *)&info;
	int round;
	size_t i;

	srand(12345);
	for (round = 0; round < 200000; round++) {
		for (i = 0; i < offsetof(struct xt_pktstat_info, object); i++)
			p[i] = (unsigned char)rand();
		info.flags &= XT_PKTSTAT_F_ALL | (round & 1 ? 0 : 0xff00);
		if (pktstat_check_info(&info))
			continue;
		/* accepted: every string field is terminated and in range */
		ck_assert(!(info.flags & ~XT_PKTSTAT_F_ALL));
		ck_assert_uint_lt(strnlen(info.name, sizeof(info.name)), sizeof(info.name));
		ck_assert_uint_lt(strnlen(info.tag, sizeof(info.tag)), sizeof(info.tag));
		ck_assert_uint_lt(strnlen(info.desc, sizeof(info.desc)), sizeof(info.desc));
		ck_assert(pktstat_field_is_padded(info.name, sizeof(info.name)));
		ck_assert(pktstat_field_is_padded(info.desc, sizeof(info.desc)));
	}
}
END_TEST

/* Revision 1: a valid bucket rule with an address table. */
static struct xt_pktstat_info_v1 valid_addresses(void)
{
	struct xt_pktstat_info_v1 info;
	struct xt_pktstat_info common = valid_buckets();

	memset(&info, 0, sizeof(info));
	memcpy(&info, &common, offsetof(struct xt_pktstat_info, object));
	info.flags |= XT_PKTSTAT_F_ADDRESSES;
	info.by = XT_PKTSTAT_BY_SRC;
	info.prefix4 = 32;
	info.prefix6 = 64;
	info.max_addresses = 1024;
	return info;
}

START_TEST(v1_accepts_address_tables)
{
	struct xt_pktstat_info_v1 info = valid_addresses();

	ck_assert_ptr_null(pktstat_check_info_v1(&info));
	info.by = XT_PKTSTAT_BY_SRC | XT_PKTSTAT_BY_DST;
	info.prefix4 = 0;
	info.prefix6 = 128;
	info.max_addresses = XT_PKTSTAT_ADDRESSES_MAX;
	ck_assert_ptr_null(pktstat_check_info_v1(&info));
	info.max_addresses = XT_PKTSTAT_ADDRESSES_MIN;
	ck_assert_ptr_null(pktstat_check_info_v1(&info));
	/* and revision 0's rules, with the table's fields zero */
	info = valid_addresses();
	info.flags &= ~XT_PKTSTAT_F_ADDRESSES;
	info.by = info.prefix4 = info.prefix6 = 0;
	info.max_addresses = 0;
	ck_assert_ptr_null(pktstat_check_info_v1(&info));
}
END_TEST

START_TEST(v1_refuses_bad_tables)
{
	struct xt_pktstat_info_v1 info = valid_addresses();

	info.by = 0;
	ck_assert_str_eq(pktstat_check_info_v1(&info), "by must be src, dst or both");
	info.by = 4;
	ck_assert_str_eq(pktstat_check_info_v1(&info), "by must be src, dst or both");
	info = valid_addresses();
	info.prefix4 = 33;
	ck_assert_str_eq(pktstat_check_info_v1(&info), "prefix4 out of range (0 to 32)");
	info = valid_addresses();
	info.prefix6 = 129;
	ck_assert_str_eq(pktstat_check_info_v1(&info), "prefix6 out of range (0 to 128)");
	info = valid_addresses();
	info.max_addresses = 0;
	ck_assert_str_eq(pktstat_check_info_v1(&info), "max_addresses out of range (1 to 65536)");
	info.max_addresses = XT_PKTSTAT_ADDRESSES_MAX + 1;
	ck_assert_str_eq(pktstat_check_info_v1(&info), "max_addresses out of range (1 to 65536)");
	info = valid_addresses();
	info.reserved = 1;
	ck_assert_str_eq(pktstat_check_info_v1(&info), "reserved byte set");
	info = valid_addresses();
	info.flags = XT_PKTSTAT_F_TAG | XT_PKTSTAT_F_ADDRESSES;
	info.period_ns = 0;
	info.samples = 0;
	memset(info.name, 0, sizeof(info.name));
	strcpy(info.tag, "t");
	ck_assert_str_eq(pktstat_check_info_v1(&info), "addresses without buckets");
	/* table fields without the flag: one byte form per rule */
	info = valid_addresses();
	info.flags &= ~XT_PKTSTAT_F_ADDRESSES;
	ck_assert_str_eq(pktstat_check_info_v1(&info), "address fields set without addresses");
	info = valid_addresses();
	info.flags |= 1 << 4;
	ck_assert_str_eq(pktstat_check_info_v1(&info), "unknown flags");
	/* revision 0 has no such flag */
	{
		struct xt_pktstat_info v0 = valid_buckets();

		v0.flags |= XT_PKTSTAT_F_ADDRESSES;
		ck_assert_str_eq(pktstat_check_info(&v0), "unknown flags");
	}
}
END_TEST

/* Random bytes of revision 1: accepted only when every field is in range. */
START_TEST(v1_random_bytes_are_checked)
{
	struct xt_pktstat_info_v1 info;
	unsigned char *p = (unsigned char *)&info;
	int round;
	size_t i;

	srand(54321);
	for (round = 0; round < 200000; round++) {
		info = valid_addresses();
		/* mostly one byte of a valid rule changed, some all random */
		if (round % 8)
			p[rand() % offsetof(struct xt_pktstat_info_v1, object)] = (unsigned char)rand();
		else
			for (i = 0; i < offsetof(struct xt_pktstat_info_v1, object); i++)
				p[i] = (unsigned char)rand();
		if (pktstat_check_info_v1(&info))
			continue;
		ck_assert(!(info.flags & ~XT_PKTSTAT_F_ALL_V1));
		if (info.flags & XT_PKTSTAT_F_ADDRESSES) {
			ck_assert(info.flags & XT_PKTSTAT_F_BUCKETS);
			ck_assert(info.by >= 1 && info.by <= 3);
			ck_assert_uint_le(info.prefix4, 32);
			ck_assert_uint_le(info.prefix6, 128);
			ck_assert_uint_ge(info.max_addresses, XT_PKTSTAT_ADDRESSES_MIN);
			ck_assert_uint_le(info.max_addresses, XT_PKTSTAT_ADDRESSES_MAX);
		} else {
			ck_assert(!info.by && !info.prefix4 && !info.prefix6 &&
				  !info.max_addresses);
		}
		ck_assert_uint_eq(info.reserved, 0);
		ck_assert_uint_lt(strnlen(info.name, sizeof(info.name)), sizeof(info.name));
	}
}
END_TEST

Suite *suite_check(void)
{
	Suite *s = suite_create("pktstat_check");
	TCase *tc = tcase_create("info");

	tcase_add_test(tc, accepts_valid_rules);
	tcase_add_test(tc, refuses_bad_flags);
	tcase_add_test(tc, refuses_out_of_range);
	tcase_add_test(tc, refuses_bad_names);
	tcase_add_test(tc, refuses_bad_tags);
	tcase_add_test(tc, refuses_bytes_after_the_nul);
	tcase_add_test(tc, random_bytes_are_checked);
	tcase_add_test(tc, v1_accepts_address_tables);
	tcase_add_test(tc, v1_refuses_bad_tables);
	tcase_add_test(tc, v1_random_bytes_are_checked);
	suite_add_tcase(s, tc);
	return s;
}
