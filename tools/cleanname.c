// SPDX-License-Identifier: GPL-2.0
/* Injective cleaning of names (see cleanname.h). */
#include <stdio.h>
#include <string.h>
#include "cleanname.h"

static int kept(char c, const char *extra)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || (c && strchr(extra, c));
}

static int plain(const char *s, const char *extra)
{
	if (strstr(s, "__"))
		return 0;
	for (; *s; s++)
		if (*s != '_' && !kept(*s, extra))
			return 0;
	return 1;
}

/* "__", then name escaped: letters, digits and extra as they are, '_' as
 * "__", any other byte as "_hh". */
static void escape(char *out, size_t len, const char *name, const char *extra)
{
	size_t n = (size_t)snprintf(out, len, "__");

	for (; *name && n + 4 <= len; name++) {
		if (kept(*name, extra))
			out[n++] = *name;
		else if (*name == '_')
			n += (size_t)snprintf(out + n, len - n, "__");
		else
			n += (size_t)snprintf(out + n, len - n, "_%02x",
					      (unsigned char)*name);
	}
	out[n < len ? n : len - 1] = '\0';
}

void pk_clean_name(char *out, size_t len, const char *name, const char *extra)
{
	if (plain(name, extra))
		snprintf(out, len, "%s", name);
	else
		escape(out, len, name, extra);
}

void pk_clean_other(char *out, size_t len, const char *name, const char *extra)
{
	size_t n;

	escape(out, len, name, extra);
	if (plain(name, extra))
		return;
	/* pk_clean_name() gives this escaped form already: a last '_',
	 * beginning neither "__" nor "_hh", sets it apart */
	n = strlen(out);
	if (n + 1 < len) {
		out[n] = '_';
		out[n + 1] = '\0';
	}
}
