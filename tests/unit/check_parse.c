// SPDX-License-Identifier: GPL-2.0
/* Option values as the iptables plugin parses and prints them. */
#include <check.h>
#include "suites.h"
#include <stdlib.h>
#include <string.h>
#include "pktstat_parse.h"

static char err[PKTSTAT_ERR_LEN];

static __u64 period(const char *s)
{
	__u64 ns = 0;

	ck_assert_msg(!pktstat_parse_period(s, &ns, err, sizeof(err)),
		      "refused %s: %s", s, err);
	return ns;
}

static const char *period_error(const char *s)
{
	__u64 ns;

	ck_assert_msg(pktstat_parse_period(s, &ns, err, sizeof(err)),
		      "accepted %s", s);
	return err;
}

START_TEST(periods)
{
	ck_assert_uint_eq(period("10us"), 10000);
	ck_assert_uint_eq(period("10000ns"), 10000);
	ck_assert_uint_eq(period("100us"), 100000);
	ck_assert_uint_eq(period("0.5ms"), 500000);
	ck_assert_uint_eq(period("250"), 250000000);	/* bare number: ms */
	ck_assert_uint_eq(period("1.5"), 1500000);
	ck_assert_uint_eq(period("60s"), 60000000000ULL);
	ck_assert_uint_eq(period("0.000012s"), 12000);
	ck_assert_uint_eq(period(".5s"), 500000000);
}
END_TEST

START_TEST(bad_periods)
{
	ck_assert_ptr_nonnull(strstr(period_error("0"), "out of range"));
	ck_assert_ptr_nonnull(strstr(period_error("9us"), "10us to 60s"));
	ck_assert_ptr_nonnull(strstr(period_error("60.000000001s"), "out of range"));
	ck_assert_ptr_nonnull(strstr(period_error("61s"), "out of range"));
	ck_assert_ptr_nonnull(strstr(period_error("99999999999999999999999s"), "too long"));
	ck_assert_ptr_nonnull(strstr(period_error("10xs"), "unknown unit \"xs\""));
	ck_assert_ptr_nonnull(strstr(period_error("10 us"), "unknown unit"));
	ck_assert_ptr_nonnull(strstr(period_error("-1ms"), "not a duration"));
	ck_assert_ptr_nonnull(strstr(period_error(""), "not a duration"));
	ck_assert_ptr_nonnull(strstr(period_error("ms"), "not a duration"));
	ck_assert_ptr_nonnull(strstr(period_error("1.ms"), "decimals"));
	ck_assert_ptr_nonnull(strstr(period_error("10.5ns"), "whole number of nanoseconds"));
	ck_assert_ptr_nonnull(strstr(period_error("0.0000000001s"), "decimals"));
}
END_TEST

START_TEST(period_round_trip)
{
	static const char *const forms[] = { "10us", "100us", "1ms", "2s", "60s",
					     "1500us", "12345ns" };
	char buf[32];
	size_t i;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		pktstat_format_period(period(forms[i]), buf, sizeof(buf));
		ck_assert_str_eq(buf, forms[i]);
	}
	pktstat_format_period(period("0.5ms"), buf, sizeof(buf));
	ck_assert_str_eq(buf, "500us");
	pktstat_format_period(period("1000ms"), buf, sizeof(buf));
	ck_assert_str_eq(buf, "1s");
}
END_TEST

START_TEST(samples)
{
	__u32 n;

	ck_assert_int_eq(pktstat_parse_samples("1", &n, err, sizeof(err)), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(pktstat_parse_samples("1000000", &n, err, sizeof(err)), 0);
	ck_assert_uint_eq(n, 1000000);
	ck_assert_int_eq(pktstat_parse_samples("0", &n, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "1 to 1000000"));
	ck_assert_int_eq(pktstat_parse_samples("1000001", &n, err, sizeof(err)), -1);
	ck_assert_int_eq(pktstat_parse_samples("-3", &n, err, sizeof(err)), -1);
	ck_assert_int_eq(pktstat_parse_samples("12a", &n, err, sizeof(err)), -1);
	ck_assert_int_eq(pktstat_parse_samples("", &n, err, sizeof(err)), -1);
	ck_assert_int_eq(pktstat_parse_samples("99999999999999999999999", &n, err, sizeof(err)), -1);
}
END_TEST

START_TEST(names)
{
	char name[XT_PKTSTAT_NAME_LEN];

	ck_assert_int_eq(pktstat_parse_name("web-4.in_1", name, err, sizeof(err)), 0);
	ck_assert_str_eq(name, "web-4.in_1");
	ck_assert_int_eq(pktstat_parse_name("0123456789012345678901234567890", name, err, sizeof(err)), 0);
	ck_assert_int_eq(pktstat_parse_name("01234567890123456789012345678901", name, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "longer than 31"));
	ck_assert_int_eq(pktstat_parse_name("", name, err, sizeof(err)), -1);
	ck_assert_int_eq(pktstat_parse_name(".", name, err, sizeof(err)), -1);
	ck_assert_int_eq(pktstat_parse_name("..", name, err, sizeof(err)), -1);
	ck_assert_int_eq(pktstat_parse_name("tags", name, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "reserved"));
	ck_assert_int_eq(pktstat_parse_name("a/b", name, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "A-Z a-z 0-9 _ . -"));
}
END_TEST

static void tag_ok(const char *s, const char *want_tag, const char *want_desc)
{
	char tag[XT_PKTSTAT_NAME_LEN], desc[XT_PKTSTAT_DESC_LEN];

	ck_assert_msg(!pktstat_parse_tag(s, tag, desc, err, sizeof(err)),
		      "refused \"%s\": %s", s, err);
	ck_assert_str_eq(tag, want_tag);
	ck_assert_str_eq(desc, want_desc);
}

static const char *tag_error(const char *s)
{
	char tag[XT_PKTSTAT_NAME_LEN], desc[XT_PKTSTAT_DESC_LEN];

	ck_assert_msg(pktstat_parse_tag(s, tag, desc, err, sizeof(err)),
		      "accepted \"%s\"", s);
	return err;
}

/* The munin traffic_accounting comment convention, and its pitfalls. */
START_TEST(tags)
{
	tag_ok("unauthssh", "unauthssh", "");
	tag_ok("=web4_up= Web traffic (HTTP, HTTPS)", "web4_up", "Web traffic (HTTP, HTTPS)");
	tag_ok("=web6=", "web6", "");
	tag_ok("=web6=   ", "web6", "");			/* empty description */
	tag_ok("  =web6ssl=  IPv6  HTTPS  ", "web6ssl", "IPv6  HTTPS");
	tag_ok("=a=b=c", "a", "b=c");			/* only the first pair delimits */
	tag_ok("=x=desc", "x", "desc");
}
END_TEST

START_TEST(bad_tags)
{
	char overlong[200];

	ck_assert_ptr_nonnull(strstr(tag_error("=web4_up Web"), "no closing '='"));
	ck_assert_ptr_nonnull(strstr(tag_error("==desc"), "empty"));
	ck_assert_ptr_nonnull(strstr(tag_error(""), "empty"));
	ck_assert_ptr_nonnull(strstr(tag_error("=web 4= x"), "A-Z a-z"));
	ck_assert_ptr_nonnull(strstr(tag_error("web 4"), "A-Z a-z"));
	ck_assert_ptr_nonnull(strstr(tag_error("=0123456789012345678901234567890123=d"),
				     "longer than 31"));
	memset(overlong, 'd', sizeof(overlong));
	memcpy(overlong, "=t= ", 4);
	overlong[sizeof(overlong) - 1] = '\0';
	ck_assert_ptr_nonnull(strstr(tag_error(overlong), "longer than 127"));
	ck_assert_ptr_nonnull(strstr(tag_error("=t= tab\there"), "printable"));
}
END_TEST

START_TEST(address_numbers)
{
	__u32 n;
	__u8 bits;

	ck_assert_int_eq(pktstat_parse_max_addresses("1", &n, err, sizeof(err)), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(pktstat_parse_max_addresses("65536", &n, err, sizeof(err)), 0);
	ck_assert_uint_eq(n, 65536);
	ck_assert_int_eq(pktstat_parse_max_addresses("0", &n, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "0 addresses is out of range: 1 to 65536");
	ck_assert_int_eq(pktstat_parse_max_addresses("65537", &n, err, sizeof(err)), -1);
	ck_assert_int_eq(pktstat_parse_max_addresses("1k", &n, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "\"1k\" is not a whole number of addresses (1 to 65536)");
	ck_assert_int_eq(pktstat_parse_prefix("0", 32, &bits, err, sizeof(err)), 0);
	ck_assert_uint_eq(bits, 0);
	ck_assert_int_eq(pktstat_parse_prefix("32", 32, &bits, err, sizeof(err)), 0);
	ck_assert_uint_eq(bits, 32);
	ck_assert_int_eq(pktstat_parse_prefix("128", 128, &bits, err, sizeof(err)), 0);
	ck_assert_uint_eq(bits, 128);
	ck_assert_int_eq(pktstat_parse_prefix("33", 32, &bits, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "33 bits is out of range: 0 to 32");
	ck_assert_int_eq(pktstat_parse_prefix("129", 128, &bits, err, sizeof(err)), -1);
	ck_assert_int_eq(pktstat_parse_prefix("256", 128, &bits, err, sizeof(err)), -1);
	ck_assert_int_eq(pktstat_parse_prefix("", 32, &bits, err, sizeof(err)), -1);
	ck_assert_int_eq(pktstat_parse_prefix("/24", 32, &bits, err, sizeof(err)), -1);
}
END_TEST

START_TEST(by)
{
	static const char *const forms[] = { "src", "dst", "src,dst" };
	__u8 by;
	size_t i;

	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		ck_assert_int_eq(pktstat_parse_by(forms[i], &by, err, sizeof(err)), 0);
		ck_assert_uint_eq(by, i + 1);
		ck_assert_str_eq(pktstat_format_by(by), forms[i]);
	}
	ck_assert_int_eq(pktstat_parse_by("dst,src", &by, err, sizeof(err)), 0);
	ck_assert_uint_eq(by, XT_PKTSTAT_BY_SRC | XT_PKTSTAT_BY_DST);
	ck_assert_int_eq(pktstat_parse_by("dst,dst", &by, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "\"dst,dst\" gives dst twice");
	ck_assert_int_eq(pktstat_parse_by("src dst", &by, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "\"src dst\" is not src, dst or src,dst");
	ck_assert_int_eq(pktstat_parse_by(",src", &by, err, sizeof(err)), -1);
	ck_assert_int_eq(pktstat_parse_by("sr", &by, err, sizeof(err)), -1);
	ck_assert_int_eq(pktstat_parse_by("srcx", &by, err, sizeof(err)), -1);
	ck_assert_int_eq(pktstat_parse_by("", &by, err, sizeof(err)), -1);
	ck_assert_str_eq(pktstat_format_by(0), "invalid");
	ck_assert_str_eq(pktstat_format_by(4), "invalid");
}
END_TEST

Suite *suite_parse(void)
{
	Suite *s = suite_create("pktstat_parse");
	TCase *tc = tcase_create("options");

	tcase_add_test(tc, periods);
	tcase_add_test(tc, bad_periods);
	tcase_add_test(tc, period_round_trip);
	tcase_add_test(tc, samples);
	tcase_add_test(tc, names);
	tcase_add_test(tc, tags);
	tcase_add_test(tc, bad_tags);
	tcase_add_test(tc, address_numbers);
	tcase_add_test(tc, by);
	suite_add_tcase(s, tc);
	return s;
}
