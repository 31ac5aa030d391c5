// SPDX-License-Identifier: GPL-2.0
/* Reading NAME/addresses from the proc tree (see addrsfs.h). */
#include <errno.h>
#include <string.h>
#include "addrsfs.h"

int pk_info_has_addresses(const struct pk_info *info)
{
	return !!(info->have & (1u << PK_I_MAX_ADDRESSES));
}

static int read_table(const struct pk_proc *p, const char *name,
		      struct pk_addrs *t, struct pk_err *err)
{
	char path[4096];
	FILE *f = pk_proc_open(p, name, "addresses", path, sizeof(path), err);
	int rc;

	memset(t, 0, sizeof(*t));
	if (!f)
		return -1;
	rc = pk_addrs_parse(f, path, t, err);
	if (rc == 0 && ferror(f)) {
		pk_err_set(err, "%s: %s", path, strerror(errno));
		rc = -1;
	}
	fclose(f);
	return rc;
}

int pk_proc_addresses(const struct pk_proc *p, const char *name,
		      struct pk_info *info, struct pk_addrs *t,
		      struct pk_err *err)
{
	memset(t, 0, sizeof(*t));
	if (pk_proc_info(p, name, info, err))
		return -1;
	if (!pk_info_has_addresses(info)) {
		pk_err_set(err, "%s has no address table: none of its rules "
			   "has --by (see iptables-pktstat(8))", info->name);
		return -1;
	}
	return read_table(p, name, t, err);
}
