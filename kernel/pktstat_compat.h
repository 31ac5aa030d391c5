/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Differences between the kernels xt_pktstat supports (6.1 to 6.12). Every
 * version test lives here, keyed on the API rather than scattered in the code.
 */
#ifndef _PKTSTAT_COMPAT_H
#define _PKTSTAT_COMPAT_H

#include <linux/fs.h>
#include <linux/version.h>

#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "xt_pktstat needs Linux 6.1 or later"
#endif

/*
 * 6.12 dropped no_llseek: a file opened with nonseekable_open() refuses
 * lseek() by itself.
 */
#if LINUX_VERSION_CODE < KERNEL_VERSION(6, 12, 0)
#define pktstat_no_llseek	no_llseek
#else
#define pktstat_no_llseek	NULL
#endif

#endif /* _PKTSTAT_COMPAT_H */
