// SPDX-License-Identifier: GPL-2.0
/* pktstat read: one pass of NAME/stream (the buckets still held, taken
 * from no other reader), printed bucket by bucket. */
#include <stdio.h>
#include "cli.h"
#include "format.h"
#include "procfs.h"

static int get_info(const struct pk_opts *o, struct pk_info *info)
{
	struct pk_proc p = { .dir = o->proc };
	struct pk_err err;

	if (pk_proc_info(&p, o->argv[0], info, &err))
		return pk_fail("%s", err.msg);
	return PK_EXIT_OK;
}

static int read_buckets(const struct pk_opts *o, const struct pk_info *info,
			struct pk_data *d)
{
	struct pk_proc p = { .dir = o->proc };
	struct pk_err err;

	if (pk_proc_stream(&p, o->argv[0], info->v[PK_I_PERIOD_NS], d, &err))
		return pk_fail("%s", err.msg);
	return PK_EXIT_OK;
}

int cmd_read(const struct pk_opts *o)
{
	struct pk_info info;
	struct pk_data d = { 0 };
	enum pk_format fmt;
	int rc;

	if (pk_format_parse(o->format, &fmt))
		return pk_usage_error("--format: \"%s\": use text, csv or json", o->format);
	rc = get_info(o, &info);
	if (rc == PK_EXIT_OK)
		rc = read_buckets(o, &info, &d);
	if (rc == PK_EXIT_OK)
		pk_print_data(stdout, fmt, info.name, info.v[PK_I_PERIOD_NS],
			      o->unit, &d);
	if (rc == PK_EXIT_OK && fmt == PK_CSV && d.lost.buckets)
		fprintf(stderr, "pktstat: %s: %llu buckets lost (%llu frames, "
			"%llu bytes): read more often\n", info.name,
			(unsigned long long)d.lost.buckets,
			(unsigned long long)d.lost.frames,
			(unsigned long long)d.lost.bytes);
	pk_data_free(&d);
	return rc;
}
