// SPDX-License-Identifier: GPL-2.0
/*
 * iptables plugin for the pktstat match:
 *   -m pktstat [--name NAME] [--period TIME] [--samples N]
 *              [--tag TAG | --tag "=TAG= description"]
 *              [--by src|dst|src,dst [--prefix4 N] [--prefix6 N]
 *               [--max-addresses K]]
 *
 * Revision 0 has the options up to --tag; revision 1 adds the per-address
 * ones. libxtables uses the highest revision the kernel's module has, so a
 * rule without --by loads on a module with only revision 0 as well, and
 * there --by is refused with what to upgrade.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <xtables.h>
#include "xt_pktstat.h"
#include "pktstat_check.h"
#include "pktstat_parse.h"

enum {
	O_NAME = 0,
	O_PERIOD,
	O_SAMPLES,
	O_TAG,
	O_BY,			/* the address options, revision 1 only */
	O_PREFIX4,
	O_PREFIX6,
	O_MAX_ADDRESSES,
};

#define O_ADDRESS_OPTIONS \
	(1u << O_BY | 1u << O_PREFIX4 | 1u << O_PREFIX6 | 1u << O_MAX_ADDRESSES)

/*
 * One table for both revisions: revision 0 knows the address options too,
 * so that it can say they need revision 1 instead of "unknown option".
 */
static const struct xt_option_entry pktstat_opts[] = {
	{ .name = "name", .id = O_NAME, .type = XTTYPE_STRING },
	{ .name = "period", .id = O_PERIOD, .type = XTTYPE_STRING },
	{ .name = "samples", .id = O_SAMPLES, .type = XTTYPE_STRING },
	{ .name = "tag", .id = O_TAG, .type = XTTYPE_STRING },
	{ .name = "by", .id = O_BY, .type = XTTYPE_STRING },
	{ .name = "prefix4", .id = O_PREFIX4, .type = XTTYPE_STRING },
	{ .name = "prefix6", .id = O_PREFIX6, .type = XTTYPE_STRING },
	{ .name = "max-addresses", .id = O_MAX_ADDRESSES, .type = XTTYPE_STRING },
	XTOPT_TABLEEND,
};

/*
 * Revision 1 starts with revision 0's fields, so the code for those serves
 * both: it works on a revision 0 copy of them (copied, not cast, as the two
 * are distinct types to the compiler).
 */
#define PKTSTAT_COMMON_LEN	offsetof(struct xt_pktstat_info_v1, max_addresses)

_Static_assert(offsetof(struct xt_pktstat_info, desc) ==
	       offsetof(struct xt_pktstat_info_v1, desc) &&
	       offsetof(struct xt_pktstat_info, desc) + XT_PKTSTAT_DESC_LEN ==
	       PKTSTAT_COMMON_LEN,
	       "revision 1 must begin with revision 0's fields");

static void pktstat_common_get(struct xt_pktstat_info *common,
			       const struct xt_pktstat_info_v1 *info)
{
	memset(common, 0, sizeof(*common));
	memcpy(common, info, PKTSTAT_COMMON_LEN);
}

static void pktstat_common_put(struct xt_pktstat_info_v1 *info,
			       const struct xt_pktstat_info *common)
{
	memcpy(info, common, PKTSTAT_COMMON_LEN);
}

static void pktstat_help_common(void)
{
	printf(
"pktstat match options (the match counts, and always matches):\n"
"  --period TIME      time bucket width: a number and a unit ns, us, ms or s\n"
"                     (no unit: ms), 10us to 60s [default 10ms]\n"
"  --samples N        closed buckets kept for the reader, 1 to 1000000\n"
"                     [default 1000]\n"
"  --name NAME        buckets in /proc/net/xt_pktstat/NAME, shared by every\n"
"                     rule that names it; 1 to 31 of A-Z a-z 0-9 _ . -\n"
"                     [default: numbered 0, 1, ...]\n"
"  --tag TAG          add into the tag counter TAG (/proc/net/xt_pktstat/tags);\n"
"  --tag \"=TAG= text\" munin traffic_accounting style, with a description\n"
"A rule with only --tag keeps no time buckets.\n");
}

static void pktstat_help(void)
{
	pktstat_help_common();
	printf(
"--by, --prefix4, --prefix6 and --max-addresses need xt_pktstat with\n"
"revision 1, which the kernel does not have (an older module, or none).\n");
}

static void pktstat_help_v1(void)
{
	pktstat_help_common();
	printf(
"Per-address counters, in the object's table (/proc/net/xt_pktstat/NAME/addresses):\n"
"  --by src|dst|src,dst  count the packet under its source address,\n"
"                     destination address, or both; needs time buckets\n"
"  --prefix4 N        IPv4 addresses masked to N bits, 0 to 32 [default 32]\n"
"  --prefix6 N        IPv6 addresses masked to N bits, 0 to 128 [default 64]\n"
"  --max-addresses K  entries in the table, 1 to 65536 [default 1024];\n"
"                     what a full table cannot place counts as \"other\"\n");
}

static void __attribute__((noreturn))
pktstat_option_error(const struct xt_option_call *cb, const char *err)
{
	xtables_error(PARAMETER_PROBLEM, "pktstat: --%s: %s", cb->entry->name, err);
}

/* The options of revision 0, into its fields. */
static int pktstat_parse_common(const struct xt_option_call *cb,
				struct xt_pktstat_info *info,
				char *err, size_t errlen)
{
	int rc = 0;

	switch (cb->entry->id) {
	case O_NAME:
		rc = pktstat_parse_name(cb->arg, info->name, err, errlen);
		info->flags |= XT_PKTSTAT_F_NAME | XT_PKTSTAT_F_BUCKETS;
		break;
	case O_PERIOD:
		rc = pktstat_parse_period(cb->arg, &info->period_ns, err, errlen);
		info->flags |= XT_PKTSTAT_F_BUCKETS;
		break;
	case O_SAMPLES:
		rc = pktstat_parse_samples(cb->arg, &info->samples, err, errlen);
		info->flags |= XT_PKTSTAT_F_BUCKETS;
		break;
	case O_TAG:
		rc = pktstat_parse_tag(cb->arg, info->tag, info->desc, err, errlen);
		info->flags |= XT_PKTSTAT_F_TAG;
		break;
	}
	return rc;
}

static void pktstat_parse(struct xt_option_call *cb)
{
	char err[PKTSTAT_ERR_LEN];

	xtables_option_parse(cb);
	if ((1u << cb->entry->id) & O_ADDRESS_OPTIONS)
		xtables_error(PARAMETER_PROBLEM,
			      "pktstat: --%s needs xt_pktstat with revision 1 "
			      "(per-address counters), and the kernel has no "
			      "such module: install a current xt_pktstat and "
			      "(re)load it",
			      cb->entry->name);
	if (pktstat_parse_common(cb, cb->data, err, sizeof(err)))
		pktstat_option_error(cb, err);
}

static void pktstat_parse_v1(struct xt_option_call *cb)
{
	struct xt_pktstat_info_v1 *info = cb->data;
	struct xt_pktstat_info common;
	char err[PKTSTAT_ERR_LEN];
	int rc;

	xtables_option_parse(cb);
	switch (cb->entry->id) {
	case O_BY:
		rc = pktstat_parse_by(cb->arg, &info->by, err, sizeof(err));
		break;
	case O_PREFIX4:
		rc = pktstat_parse_prefix(cb->arg, 32, &info->prefix4, err, sizeof(err));
		break;
	case O_PREFIX6:
		rc = pktstat_parse_prefix(cb->arg, 128, &info->prefix6, err, sizeof(err));
		break;
	case O_MAX_ADDRESSES:
		rc = pktstat_parse_max_addresses(cb->arg, &info->max_addresses,
						 err, sizeof(err));
		break;
	default:
		pktstat_common_get(&common, info);
		rc = pktstat_parse_common(cb, &common, err, sizeof(err));
		pktstat_common_put(info, &common);
		break;
	}
	if (rc)
		pktstat_option_error(cb, err);
}

/*
 * What iptables sends is what the kernel will check: say what is wrong
 * here, rather than leave the user an EINVAL.
 */
static void pktstat_validate(const char *why)
{
	if (why)
		xtables_error(PARAMETER_PROBLEM, "pktstat: invalid rule: %s", why);
}

/* Without --tag, or with any bucket option, the rule keeps buckets. */
static void pktstat_finish_common(struct xt_pktstat_info *info)
{
	if (!(info->flags & XT_PKTSTAT_F_TAG))
		info->flags |= XT_PKTSTAT_F_BUCKETS;
	if (!(info->flags & XT_PKTSTAT_F_BUCKETS))
		return;
	if (!info->period_ns)
		info->period_ns = XT_PKTSTAT_PERIOD_DEFAULT_NS;
	if (!info->samples)
		info->samples = XT_PKTSTAT_SAMPLES_DEFAULT;
}

static void pktstat_final_check(struct xt_fcheck_call *cb)
{
	struct xt_pktstat_info *info = cb->data;

	pktstat_finish_common(info);
	pktstat_validate(pktstat_check_info(info));
}

/* The first address option given without --by, or NULL. */
static const char *pktstat_address_option_without_by(unsigned int xflags)
{
	const struct xt_option_entry *entry;

	if (xflags & (1u << O_BY))
		return NULL;
	for (entry = pktstat_opts; entry->name; entry++)
		if ((xflags & O_ADDRESS_OPTIONS) & (1u << entry->id))
			return entry->name;
	return NULL;
}

/*
 * The table belongs to the rule's object, which a rule with only --tag does
 * not have. Defaults are filled in, so that a rule has one byte form whether
 * or not they were given (the kernel takes nothing else; -D and -C compare).
 */
static void pktstat_finish_addresses(struct xt_pktstat_info_v1 *info,
				     unsigned int xflags)
{
	const char *option = pktstat_address_option_without_by(xflags);

	if (option)
		xtables_error(PARAMETER_PROBLEM, "pktstat: --%s needs --by", option);
	if (!(xflags & (1u << O_BY)))
		return;
	if (!(info->flags & XT_PKTSTAT_F_BUCKETS))
		xtables_error(PARAMETER_PROBLEM,
			      "pktstat: --by counts into the rule's object, and a "
			      "rule with only --tag has none: add --name (or "
			      "--period or --samples)");
	info->flags |= XT_PKTSTAT_F_ADDRESSES;
	if (!(xflags & (1u << O_PREFIX4)))
		info->prefix4 = XT_PKTSTAT_PREFIX4_DEFAULT;
	if (!(xflags & (1u << O_PREFIX6)))
		info->prefix6 = XT_PKTSTAT_PREFIX6_DEFAULT;
	if (!(xflags & (1u << O_MAX_ADDRESSES)))
		info->max_addresses = XT_PKTSTAT_ADDRESSES_DEFAULT;
}

static void pktstat_final_check_v1(struct xt_fcheck_call *cb)
{
	struct xt_pktstat_info_v1 *info = cb->data;
	struct xt_pktstat_info common;

	pktstat_common_get(&common, info);
	pktstat_finish_common(&common);
	pktstat_common_put(info, &common);
	pktstat_finish_addresses(info, cb->xflags);
	pktstat_validate(pktstat_check_info_v1(info));
}

static void pktstat_print_tag(const struct xt_pktstat_info *info,
			      const char *option)
{
	char buf[XT_PKTSTAT_NAME_LEN + XT_PKTSTAT_DESC_LEN + 4];

	if (!info->desc[0]) {
		printf(" %s %s", option, info->tag);
		return;
	}
	snprintf(buf, sizeof(buf), "=%s= %s", info->tag, info->desc);
	printf(" %s", option);
	xtables_save_string(buf);
}

/* The same words for -L (prefix "") and iptables-save (prefix "--"). */
static void pktstat_dump(const struct xt_pktstat_info *info, const char *prefix)
{
	char period[32];

	if (info->flags & XT_PKTSTAT_F_NAME)
		printf(" %sname %s", prefix, info->name);
	if (info->flags & XT_PKTSTAT_F_BUCKETS) {
		pktstat_format_period(info->period_ns, period, sizeof(period));
		printf(" %speriod %s %ssamples %u", prefix, period, prefix,
		       info->samples);
	}
	if (info->flags & XT_PKTSTAT_F_TAG) {
		char option[8];

		snprintf(option, sizeof(option), "%stag", prefix);
		pktstat_print_tag(info, option);
	}
}

static void pktstat_print(const void *ip, const struct xt_entry_match *match,
			  int numeric)
{
	(void)ip;
	(void)numeric;
	printf(" pktstat");
	pktstat_dump((const void *)match->data, "");
}

static void pktstat_save(const void *ip, const struct xt_entry_match *match)
{
	(void)ip;
	pktstat_dump((const void *)match->data, "--");
}

/*
 * Revision 0's words, then the address options, defaults included: a saved
 * rule keeps its table's values even if a later plugin changes the
 * defaults, and rules sharing an object must agree on them.
 */
static void pktstat_dump_v1(const struct xt_pktstat_info_v1 *info,
			    const char *prefix)
{
	struct xt_pktstat_info common;

	pktstat_common_get(&common, info);
	pktstat_dump(&common, prefix);
	if (!(info->flags & XT_PKTSTAT_F_ADDRESSES))
		return;
	printf(" %sby %s %sprefix4 %u %sprefix6 %u %smax-addresses %u",
	       prefix, pktstat_format_by(info->by), prefix, info->prefix4,
	       prefix, info->prefix6, prefix, info->max_addresses);
}

static void pktstat_print_v1(const void *ip, const struct xt_entry_match *match,
			     int numeric)
{
	(void)ip;
	(void)numeric;
	printf(" pktstat");
	pktstat_dump_v1((const void *)match->data, "");
}

static void pktstat_save_v1(const void *ip, const struct xt_entry_match *match)
{
	(void)ip;
	pktstat_dump_v1((const void *)match->data, "--");
}

static struct xtables_match pktstat_matches[] = {
	{
		.family		= NFPROTO_UNSPEC,
		.name		= "pktstat",
		.revision	= XT_PKTSTAT_REVISION,
		.version	= XTABLES_VERSION,
		.size		= XT_ALIGN(sizeof(struct xt_pktstat_info)),
		.userspacesize	= offsetof(struct xt_pktstat_info, object),
		.help		= pktstat_help,
		.x6_parse	= pktstat_parse,
		.x6_fcheck	= pktstat_final_check,
		.x6_options	= pktstat_opts,
		.print		= pktstat_print,
		.save		= pktstat_save,
	},
	{
		.family		= NFPROTO_UNSPEC,
		.name		= "pktstat",
		.revision	= XT_PKTSTAT_REVISION_V1,
		.version	= XTABLES_VERSION,
		.size		= XT_ALIGN(sizeof(struct xt_pktstat_info_v1)),
		.userspacesize	= offsetof(struct xt_pktstat_info_v1, object),
		.help		= pktstat_help_v1,
		.x6_parse	= pktstat_parse_v1,
		.x6_fcheck	= pktstat_final_check_v1,
		.x6_options	= pktstat_opts,
		.print		= pktstat_print_v1,
		.save		= pktstat_save_v1,
	},
};

static void __attribute__((constructor)) pktstat_register(void)
{
	xtables_register_matches(pktstat_matches,
				 sizeof(pktstat_matches) / sizeof(pktstat_matches[0]));
}
