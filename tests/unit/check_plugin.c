// SPDX-License-Identifier: GPL-2.0
/*
 * The iptables plugin, driven through libxtables as iptables drives it: each
 * option through xtables_option_mpcall(), then xtables_option_mfcall(); the
 * save text read back the way iptables-restore splits a line.
 */
#include <check.h>
#include "suites.h"
#include <getopt.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "libxt_pktstat.c"

#define REV0	(&pktstat_matches[0])
#define REV1	(&pktstat_matches[1])
#define MAX_ARGS	32

static sigjmp_buf on_error;
static char error[512];

static void __attribute__((noreturn))
record_error(enum xtables_exittype status, const char *fmt, ...)
{
	va_list ap;

	(void)status;
	va_start(ap, fmt);
	vsnprintf(error, sizeof(error), fmt, ap);
	va_end(ap);
	siglongjmp(on_error, 1);
}

static struct xtables_globals globals = {
	.program_name = "check_plugin",
	.exit_err = record_error,
};

static void setup(void)
{
	xtables_set_params(&globals);
}

/* A line split as iptables-restore splits it: blanks, "quotes", \ in quotes. */
static int split(const char *line, char *buf, char **argv)
{
	bool quoted = false, in_word = false;
	const char *p;
	int argc = 0;

	for (p = line; *p; p++) {
		if (!quoted && (*p == ' ' || *p == '\t')) {
			if (in_word)
				*buf++ = '\0';
			in_word = false;
			continue;
		}
		if (!in_word) {
			ck_assert_int_lt(argc, MAX_ARGS);
			argv[argc++] = buf;
			in_word = true;
		}
		if (*p == '"')
			quoted = !quoted;
		else if (quoted && *p == '\\' && p[1])
			*buf++ = *++p;
		else
			*buf++ = *p;
	}
	*buf = '\0';
	ck_assert_msg(!quoted, "unterminated quote in %s", line);
	return argc;
}

static const struct xt_option_entry *option(const char *arg)
{
	const struct xt_option_entry *entry;

	ck_assert_msg(!strncmp(arg, "--", 2), "not an option: %s", arg);
	for (entry = pktstat_opts; entry->name; entry++)
		if (!strcmp(entry->name, arg + 2))
			return entry;
	ck_abort_msg("unknown option %s", arg);
	return NULL;
}

/* The options of one "-m pktstat", as iptables hands them to the plugin. */
static void run_options(struct xtables_match *m, char **argv, int argc)
{
	int i;

	for (i = 0; i < argc; i += 2) {
		ck_assert_msg(i + 1 < argc, "%s without a value", argv[i]);
		optarg = argv[i + 1];
		xtables_option_mpcall(option(argv[i])->id + m->option_offset,
				      argv, false, m, NULL);
	}
	xtables_option_mfcall(m);
}

/* The match's data for the options in line, or NULL with error set. */
static const void *parse(struct xtables_match *m, const char *line)
{
	static char buf[1024];
	static char *argv[MAX_ARGS];
	int argc;

	ck_assert_uint_lt(strlen(line), sizeof(buf));
	argc = split(line, buf, argv);
	free(m->m);
	m->m = calloc(1, XT_ALIGN(sizeof(struct xt_entry_match)) + m->size);
	ck_assert_ptr_nonnull(m->m);
	m->m->u.match_size = XT_ALIGN(sizeof(struct xt_entry_match)) + m->size;
	m->m->u.user.revision = m->revision;
	m->mflags = 0;
	error[0] = '\0';
	if (sigsetjmp(on_error, 0))
		return NULL;
	run_options(m, argv, argc);
	return m->m->data;
}

static const void *parse_ok(struct xtables_match *m, const char *line)
{
	const void *data = parse(m, line);

	ck_assert_msg(data, "refused %s: %s", line, error);
	return data;
}

static const char *parse_error(struct xtables_match *m, const char *line)
{
	ck_assert_msg(!parse(m, line), "accepted %s", line);
	return error;
}

/* What print (save: false) or save writes for the match's data. */
static const char *output(struct xtables_match *m, bool save)
{
	static char text[1024];
	int saved_stdout = dup(STDOUT_FILENO);
	FILE *f = tmpfile();
	size_t len;

	ck_assert_ptr_nonnull(f);
	fflush(stdout);
	dup2(fileno(f), STDOUT_FILENO);
	if (save)
		m->save(NULL, m->m);
	else
		m->print(NULL, m->m, 0);
	fflush(stdout);
	dup2(saved_stdout, STDOUT_FILENO);
	close(saved_stdout);
	rewind(f);
	len = fread(text, 1, sizeof(text) - 1, f);
	text[len] = '\0';
	fclose(f);
	return text;
}

static const char *save_of(struct xtables_match *m, const char *line)
{
	parse_ok(m, line);
	return output(m, true);
}

static const struct xt_pktstat_info_v1 *v1(const char *line)
{
	return parse_ok(REV1, line);
}

START_TEST(address_defaults)
{
	const struct xt_pktstat_info_v1 *info = v1("--by src");

	ck_assert_uint_eq(info->flags, XT_PKTSTAT_F_BUCKETS | XT_PKTSTAT_F_ADDRESSES);
	ck_assert_uint_eq(info->period_ns, XT_PKTSTAT_PERIOD_DEFAULT_NS);
	ck_assert_uint_eq(info->samples, XT_PKTSTAT_SAMPLES_DEFAULT);
	ck_assert_uint_eq(info->by, XT_PKTSTAT_BY_SRC);
	ck_assert_uint_eq(info->prefix4, 32);
	ck_assert_uint_eq(info->prefix6, 64);
	ck_assert_uint_eq(info->max_addresses, 1024);
	ck_assert_uint_eq(info->reserved, 0);
	ck_assert_str_eq(output(REV1, true), " --period 10ms --samples 1000"
			 " --by src --prefix4 32 --prefix6 64 --max-addresses 1024");
	ck_assert_str_eq(output(REV1, false), " pktstat period 10ms samples 1000"
			 " by src prefix4 32 prefix6 64 max-addresses 1024");
}
END_TEST

START_TEST(address_values)
{
	const struct xt_pktstat_info_v1 *info;

	ck_assert_uint_eq(v1("--by dst")->by, XT_PKTSTAT_BY_DST);
	ck_assert_uint_eq(v1("--by src,dst")->by, XT_PKTSTAT_BY_SRC | XT_PKTSTAT_BY_DST);
	ck_assert_uint_eq(v1("--by dst,src")->by, XT_PKTSTAT_BY_SRC | XT_PKTSTAT_BY_DST);
	info = v1("--by src --prefix4 0 --prefix6 0 --max-addresses 1");
	ck_assert_uint_eq(info->prefix4, 0);	/* 0 is a value, not "unset" */
	ck_assert_uint_eq(info->prefix6, 0);
	ck_assert_uint_eq(info->max_addresses, 1);
	info = v1("--prefix6 128 --max-addresses 65536 --prefix4 24 --by dst");
	ck_assert_uint_eq(info->prefix4, 24);
	ck_assert_uint_eq(info->prefix6, 128);
	ck_assert_uint_eq(info->max_addresses, 65536);
	info = v1("--tag t --name web --by src");
	ck_assert_uint_eq(info->flags, XT_PKTSTAT_F_BUCKETS | XT_PKTSTAT_F_NAME |
			  XT_PKTSTAT_F_TAG | XT_PKTSTAT_F_ADDRESSES);
	ck_assert_uint_eq(v1("--tag t --period 1ms --by src")->flags,
			  XT_PKTSTAT_F_BUCKETS | XT_PKTSTAT_F_TAG | XT_PKTSTAT_F_ADDRESSES);
}
END_TEST

START_TEST(address_errors)
{
	static const struct {
		const char *line, *error;
	} bad[] = {
		{ "--by src --prefix4 33", "pktstat: --prefix4: 33 bits is out of range: 0 to 32" },
		{ "--by src --prefix6 129", "0 to 128" },
		{ "--by src --prefix4 -1", "not a whole number of bits" },
		{ "--by src --prefix6 /64", "not a whole number of bits" },
		{ "--by src --max-addresses 0", "1 to 65536" },
		{ "--by src --max-addresses 65537", "1 to 65536" },
		{ "--by src --max-addresses 99999999999999999999", "out of range" },
		{ "--by both", "pktstat: --by: \"both\" is not src, dst or src,dst" },
		{ "--by SRC", "not src, dst or src,dst" },
		{ "--by src,", "not src, dst or src,dst" },
		{ "--by \"\"", "not src, dst or src,dst" },
		{ "--by src,src", "src twice" },
		{ "--by src --by dst", "only be used once" },
		{ "--prefix4 24", "pktstat: --prefix4 needs --by" },
		{ "--name n --prefix6 48", "pktstat: --prefix6 needs --by" },
		{ "--max-addresses 5", "pktstat: --max-addresses needs --by" },
		{ "--tag t --by src", "a rule with only --tag has none" },
	};
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(strstr(parse_error(REV1, bad[i].line), bad[i].error),
			      "%s: \"%s\", not \"%s\"", bad[i].line, error, bad[i].error);
}
END_TEST

/*
 * iptables-save output read back by iptables-restore gives the same bytes
 * and the same text again; iptables -D and -C compare those bytes.
 */
static void assert_fixed_point(struct xtables_match *m, const char *line)
{
	char first[1024], text[1024];
	unsigned char bytes[256];

	ck_assert_uint_le(m->userspacesize, sizeof(bytes));
	memcpy(bytes, parse_ok(m, line), m->userspacesize);
	snprintf(first, sizeof(first), "%s", output(m, true));
	snprintf(text, sizeof(text), "%s", save_of(m, first));
	ck_assert_msg(!memcmp(bytes, m->m->data, m->userspacesize),
		      "%s saved as %s reads back other bytes", line, first);
	ck_assert_str_eq(text, first);
}

static const char *const rules[] = {
	"--tag t",
	"--tag \"=web4_up= Web \\\"quoted\\\" \\\\ traffic\"",
	"--name web --period 0.5ms --samples 7",
	"--period 60s --tag =x=",
	"--by src",
	"--by dst --name up_down --tag \"=t= desc\"",
	"--by dst,src --prefix4 0 --prefix6 128 --max-addresses 65536",
	"--max-addresses 1 --prefix4 24 --prefix6 48 --by src,dst --period 100us",
};

START_TEST(save_restore_is_a_fixed_point)
{
	size_t i;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		assert_fixed_point(REV1, rules[i]);
		if (!strstr(rules[i], "--by"))
			assert_fixed_point(REV0, rules[i]);
	}
}
END_TEST

/* Spellings of one rule: the same bytes, for -D and -C. */
START_TEST(one_byte_form)
{
	static const char *const same[] = {
		"--by src,dst",
		"--by dst,src --prefix4 32",
		"--prefix6 64 --by src,dst --max-addresses 1024 --samples 1000",
		"--by src,dst --period 10ms --prefix4 32 --prefix6 64 --max-addresses 1024",
	};
	struct xt_pktstat_info_v1 first;
	size_t i;

	memcpy(&first, v1(same[0]), sizeof(first));
	for (i = 1; i < sizeof(same) / sizeof(same[0]); i++)
		ck_assert_msg(!memcmp(&first, v1(same[i]), REV1->userspacesize),
			      "%s differs from %s", same[i], same[0]);
}
END_TEST

/* What the kernel checks, the plugin has checked: every parsed rule passes. */
START_TEST(parsed_rules_pass_the_kernel_check)
{
	size_t i;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++)
		ck_assert_ptr_null(pktstat_check_info_v1(v1(rules[i])));
}
END_TEST

/* Without --by, revision 1 carries revision 0's bytes and words. */
START_TEST(without_by_as_revision_0)
{
	static const char *const lines[] = { "--tag t", "--name n --tag \"=a= b\"",
					     "--period 2s" };
	struct xt_pktstat_info_v1 zero;
	char text0[1024];
	size_t i;

	memset(&zero, 0, sizeof(zero));
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		const struct xt_pktstat_info_v1 *info;

		snprintf(text0, sizeof(text0), "%s", save_of(REV0, lines[i]));
		info = v1(lines[i]);
		ck_assert(!memcmp(info, REV0->m->data, PKTSTAT_COMMON_LEN));
		ck_assert(!memcmp(&info->max_addresses, &zero.max_addresses,
				  REV1->userspacesize - PKTSTAT_COMMON_LEN));
		ck_assert_str_eq(output(REV1, true), text0);
	}
}
END_TEST

START_TEST(revision_0_unchanged)
{
	const struct xt_pktstat_info *info;

	ck_assert_uint_eq(REV0->revision, 0);
	ck_assert_uint_eq(REV0->size, XT_ALIGN(sizeof(struct xt_pktstat_info)));
	ck_assert_uint_eq(REV0->userspacesize, offsetof(struct xt_pktstat_info, object));
	ck_assert_uint_eq(REV1->revision, 1);
	ck_assert_uint_eq(REV1->userspacesize, offsetof(struct xt_pktstat_info_v1, object));
	info = parse_ok(REV0, "--name web --period 100us --tag \"=web4_down= Web traffic\"");
	ck_assert_uint_eq(info->flags, XT_PKTSTAT_F_BUCKETS | XT_PKTSTAT_F_NAME | XT_PKTSTAT_F_TAG);
	ck_assert_uint_eq(info->period_ns, 100000);
	ck_assert_uint_eq(info->samples, 1000);
	ck_assert_str_eq(output(REV0, true), " --name web --period 100us --samples 1000"
			 " --tag \"=web4_down= Web traffic\"");
	ck_assert_str_eq(save_of(REV0, "--tag unauthssh"), " --tag unauthssh");
	ck_assert_str_eq(output(REV0, false), " pktstat tag unauthssh");
	ck_assert_str_eq(save_of(REV0, ""), " --period 10ms --samples 1000");
	ck_assert_ptr_nonnull(strstr(parse_error(REV0, "--samples 0"), "1 to 1000000"));
	ck_assert_ptr_nonnull(strstr(parse_error(REV0, "--name tags"), "reserved"));
}
END_TEST

/* A module without revision 1: the address options say what they need. */
START_TEST(revision_0_refuses_addresses)
{
	static const char *const lines[] = { "--by src", "--name n --prefix4 24",
					     "--prefix6 48", "--max-addresses 9" };
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		ck_assert_ptr_nonnull(strstr(parse_error(REV0, lines[i]),
					     "needs xt_pktstat with revision 1"));
}
END_TEST

Suite *suite_plugin(void)
{
	Suite *s = suite_create("libxt_pktstat");
	TCase *tc = tcase_create("revisions");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, address_defaults);
	tcase_add_test(tc, address_values);
	tcase_add_test(tc, address_errors);
	tcase_add_test(tc, save_restore_is_a_fixed_point);
	tcase_add_test(tc, one_byte_form);
	tcase_add_test(tc, parsed_rules_pass_the_kernel_check);
	tcase_add_test(tc, without_by_as_revision_0);
	tcase_add_test(tc, revision_0_unchanged);
	tcase_add_test(tc, revision_0_refuses_addresses);
	suite_add_tcase(s, tc);
	return s;
}
