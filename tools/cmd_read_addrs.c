// SPDX-License-Identifier: GPL-2.0
/* pktstat read NAME --addresses: NAME/addresses, what the object counted
 * per address since it was made. Reading it takes nothing from anyone. */
#include "addrfmt.h"
#include "addrsfs.h"
#include "cli.h"
#include "output.h"

int cmd_read_addresses(const struct pk_opts *o)
{
	struct pk_proc p = { .dir = o->proc };
	enum pk_format fmt = PK_TEXT;
	struct pk_info info;
	struct pk_addrs t;
	struct pk_err err;
	int rc;

	if (pk_format_parse(o->format, &fmt))
		return pk_usage_error("--format: \"%s\": use text, csv or json", o->format);
	rc = pk_proc_addresses(&p, o->argv[0], &info, &t, &err);
	if (rc == 0)
		pk_print_addresses(stdout, fmt, &info, &t);
	pk_addrs_free(&t);
	return rc ? pk_fail("%s", err.msg) : pk_out_check();
}
