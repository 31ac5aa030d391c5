/* SPDX-License-Identifier: GPL-2.0 */
/* Loading a kernel module with modprobe, keeping what it said. */
#ifndef PKTSTAT_MODLOAD_H
#define PKTSTAT_MODLOAD_H

#include <stddef.h>

/*
 * Runs modprobe name, the first modprobe in PATH, else in /sbin or
 * /usr/sbin: 0 once it succeeded; else -1 with, in msg, the last line it
 * printed ("modprobe: ERROR: could not insert 'xt_pktstat': Required key
 * not available"), or why it could not run or how it ended.
 */
int pk_modprobe(const char *name, char *msg, size_t len);

#endif
