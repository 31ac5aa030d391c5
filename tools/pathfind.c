// SPDX-License-Identifier: GPL-2.0
/* Finding a file in a colon-separated list of directories (pathfind.h). */
#include <string.h>
#include <stdio.h>
#include <unistd.h>
#include "pathfind.h"

int pk_path_find(const char *dirs, const char *name, int mode, char *path,
		 size_t len)
{
	const char *p = dirs ? dirs : "";

	while (*p) {
		size_t n = strcspn(p, ":");
		int w = snprintf(path, len, "%.*s/%s", (int)n, p, name);

		if (n && w > 0 && (size_t)w < len && access(path, mode) == 0)
			return 0;
		p += n;
		if (*p == ':')
			p++;
	}
	return -1;
}
