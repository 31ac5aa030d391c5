// SPDX-License-Identifier: GPL-2.0
/*
 * iptables plugin for the pktstat match:
 *   -m pktstat [--name NAME] [--period TIME] [--samples N]
 *              [--tag TAG | --tag "=TAG= description"]
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <xtables.h>
#include "xt_pktstat.h"
#include "pktstat_parse.h"

enum {
	O_NAME = 0,
	O_PERIOD,
	O_SAMPLES,
	O_TAG,
};

static const struct xt_option_entry pktstat_opts[] = {
	{ .name = "name", .id = O_NAME, .type = XTTYPE_STRING },
	{ .name = "period", .id = O_PERIOD, .type = XTTYPE_STRING },
	{ .name = "samples", .id = O_SAMPLES, .type = XTTYPE_STRING },
	{ .name = "tag", .id = O_TAG, .type = XTTYPE_STRING },
	XTOPT_TABLEEND,
};

static void pktstat_help(void)
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

static void pktstat_parse(struct xt_option_call *cb)
{
	struct xt_pktstat_info *info = cb->data;
	char err[PKTSTAT_ERR_LEN];
	int rc = 0;

	xtables_option_parse(cb);
	switch (cb->entry->id) {
	case O_NAME:
		rc = pktstat_parse_name(cb->arg, info->name, err, sizeof(err));
		info->flags |= XT_PKTSTAT_F_NAME | XT_PKTSTAT_F_BUCKETS;
		break;
	case O_PERIOD:
		rc = pktstat_parse_period(cb->arg, &info->period_ns, err, sizeof(err));
		info->flags |= XT_PKTSTAT_F_BUCKETS;
		break;
	case O_SAMPLES:
		rc = pktstat_parse_samples(cb->arg, &info->samples, err, sizeof(err));
		info->flags |= XT_PKTSTAT_F_BUCKETS;
		break;
	case O_TAG:
		rc = pktstat_parse_tag(cb->arg, info->tag, info->desc, err, sizeof(err));
		info->flags |= XT_PKTSTAT_F_TAG;
		break;
	}
	if (rc)
		xtables_error(PARAMETER_PROBLEM, "pktstat: --%s: %s",
			      cb->entry->name, err);
}

/* Without --tag, or with any bucket option, the rule keeps buckets. */
static void pktstat_final_check(struct xt_fcheck_call *cb)
{
	struct xt_pktstat_info *info = cb->data;

	if (!(info->flags & XT_PKTSTAT_F_TAG))
		info->flags |= XT_PKTSTAT_F_BUCKETS;
	if (!(info->flags & XT_PKTSTAT_F_BUCKETS))
		return;
	if (!info->period_ns)
		info->period_ns = XT_PKTSTAT_PERIOD_DEFAULT_NS;
	if (!info->samples)
		info->samples = XT_PKTSTAT_SAMPLES_DEFAULT;
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

static struct xtables_match pktstat_match = {
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
};

static void __attribute__((constructor)) pktstat_register(void)
{
	xtables_register_match(&pktstat_match);
}
