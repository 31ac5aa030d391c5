/* SPDX-License-Identifier: GPL-2.0 */
/* Finding a file in a colon-separated list of directories, as PATH. */
#ifndef PKTSTAT_PATHFIND_H
#define PKTSTAT_PATHFIND_H

#include <stddef.h>

/*
 * The first DIR/name of dirs that access(2) allows with mode (X_OK for a
 * program, R_OK for a file to read), into path: 0, or -1 when none does.
 * Empty entries are skipped: an empty PATH entry would mean the current
 * directory, which nothing here should search.
 */
int pk_path_find(const char *dirs, const char *name, int mode, char *path,
		 size_t len);

#endif
