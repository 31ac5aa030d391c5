/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A hosts file (hosts.h) kept up to date: read again when it changes, as
 * a DHCP server's leases do all day. A change is another file at the path
 * (one replaced by rename), another size, or another modification or
 * change time.
 */
#ifndef PKTSTAT_HOSTSFILE_H
#define PKTSTAT_HOSTSFILE_H

#include <sys/stat.h>
#include "hosts.h"

struct pk_hostsfile {
	const char *path;	/* NULL: no file, no names */
	struct pk_hosts hosts;
	int have_stat;
	struct stat st;		/* of the file read last */
	int failing;		/* the last attempt failed (and was said) */
};

void pk_hostsfile_init(struct pk_hostsfile *f, const char *path);
void pk_hostsfile_free(struct pk_hostsfile *f);
/* Reads the file if it changed since it was read last. When it cannot
 * be read, the names read before stay, and -1 with a message. */
int pk_hostsfile_refresh(struct pk_hostsfile *f, struct pk_err *err);

#endif
