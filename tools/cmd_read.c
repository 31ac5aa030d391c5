// SPDX-License-Identifier: GPL-2.0
/* pktstat read: one pass of NAME/stream (the buckets still held, taken
 * from no other reader), printed bucket by bucket. */
#include <stdio.h>
#include "cli.h"
#include "format.h"
#include "output.h"
#include "procfs.h"

/* What was read is printed, also when a bad line ended the read (the
 * older NAME/data drains: its buckets would be gone), then the error. */
static int print_buckets(const struct pk_opts *o, enum pk_format fmt,
			 const struct pk_info *info)
{
	struct pk_proc p = { .dir = o->proc };
	struct pk_data d = { 0 };
	struct pk_stream s;
	struct pk_err err;
	int failed;

	if (pk_stream_open(&s, &p, o->argv[0], info->v[PK_I_PERIOD_NS], &err))
		return pk_fail("%s", err.msg);
	failed = pk_stream_read(&s, &d, &err);
	pk_stream_close(&s);
	pk_print_data(stdout, fmt, info->name, info->v[PK_I_PERIOD_NS],
		      o->unit, &d);
	if (fmt == PK_CSV)
		pk_warn_lost(info->name, &d.lost);
	pk_data_free(&d);
	return pk_out_then(failed, err.msg);
}

int cmd_read(const struct pk_opts *o)
{
	struct pk_proc p = { .dir = o->proc };
	struct pk_info info;
	struct pk_err err;
	enum pk_format fmt;

	if (o->addresses)
		return cmd_read_addresses(o);
	if (pk_format_parse(o->format, &fmt))
		return pk_usage_error("--format: \"%s\": use text, csv or json", o->format);
	if (pk_proc_info(&p, o->argv[0], &info, &err))
		return pk_fail("%s", err.msg);
	return print_buckets(o, fmt, &info);
}
