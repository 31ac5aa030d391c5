/* SPDX-License-Identifier: GPL-2.0 */
/* Reading NAME/addresses from a /proc/net/xt_pktstat tree. */
#ifndef PKTSTAT_ADDRSFS_H
#define PKTSTAT_ADDRSFS_H

#include "addrs.h"
#include "procfs.h"

/* Whether info is that of an object with an address table (it has the
 * max_addresses key, as the kernel writes for those only). */
int pk_info_has_addresses(const struct pk_info *info);
/* NAME/info, then NAME/addresses into t (to pk_addrs_free() also after
 * an error). An object without an address table is an error that says
 * so. */
int pk_proc_addresses(const struct pk_proc *p, const char *name,
		      struct pk_info *info, struct pk_addrs *t,
		      struct pk_err *err);

#endif
