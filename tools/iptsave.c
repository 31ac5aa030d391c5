// SPDX-License-Identifier: GPL-2.0
/* iptables-save -c parsing (see iptsave.h). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "iptsave.h"

/* Reads a double-quoted iptables-save string with \" \\ \' escapes. */
static int quoted(const char *s, char *out, size_t len)
{
	size_t n = 0;

	if (*s++ != '"')
		return -1;
	for (; *s && *s != '"'; s++) {
		if (*s == '\\' && s[1])
			s++;
		if (n + 1 < len)
			out[n++] = *s;
	}
	out[n] = '\0';
	return *s == '"' ? 0 : -1;
}

/* "=tag=desc" -> tag, desc */
static int split_comment(const char *c, struct pk_tag *t)
{
	const char *end;
	size_t len;

	if (c[0] != '=')
		return -1;
	end = strchr(c + 1, '=');
	if (!end || end == c + 1 || (size_t)(end - c - 1) >= sizeof(t->tag))
		return -1;
	snprintf(t->tag, sizeof(t->tag), "%.*s", (int)(end - c - 1), c + 1);
	/* trimmed, as the iptables plugin stores --tag descriptions */
	end += 1 + strspn(end + 1, " \t");
	len = strlen(end);
	while (len && (end[len - 1] == ' ' || end[len - 1] == '\t'))
		len--;
	snprintf(t->desc, sizeof(t->desc), "%.*s", (int)len, end);
	return 0;
}

/* One decimal counter up to @stop; no sign, no space, no overflow. */
static const char *counter(const char *s, char stop, uint64_t *v)
{
	const char *start = s;

	for (*v = 0; *s >= '0' && *s <= '9'; s++) {
		if (*v > (UINT64_MAX - (uint64_t)(*s - '0')) / 10)
			return NULL;
		*v = *v * 10 + (uint64_t)(*s - '0');
	}
	return s > start && *s == stop ? s + 1 : NULL;
}

/* "[packets:bytes]", as iptables-save -c writes them. */
static int counters(const char *line, struct pk_tag *t, const char **rest)
{
	const char *s = line;

	if (*s++ != '[' || !(s = counter(s, ':', &t->frames)) ||
	    !(s = counter(s, ']', &t->bytes)))
		return -1;
	*rest = s;
	return 0;
}

int pk_iptsave_line(const char *line, const char *chain, const char *family,
		    struct pk_tag *t)
{
	const char *rest, *comment;
	size_t clen = strlen(chain);
	char text[512];

	memset(t, 0, sizeof(*t));
	if (counters(line, t, &rest) || strncmp(rest, " -A ", 4))
		return 0;
	rest += 4;
	if (strncmp(rest, chain, clen) || rest[clen] != ' ')
		return 0;
	comment = strstr(rest, " --comment ");
	if (!comment || quoted(comment + 11, text, sizeof(text)) ||
	    split_comment(text, t))
		return 0;
	snprintf(t->family, sizeof(t->family), "%s", family);
	return 1;
}

int pk_iptsave_parse(FILE *f, const char *chain, const char *family,
		     struct pk_tags *tags)
{
	char *line = NULL;
	size_t cap = 0;
	struct pk_tag t;

	while (getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		if (!pk_iptsave_line(line, chain, family, &t))
			continue;
		if (tags->n == tags->cap) {
			tags->cap = tags->cap ? tags->cap * 2 : 16;
			tags->t = realloc(tags->t, tags->cap * sizeof(*tags->t));
			if (!tags->t)
				abort();
		}
		tags->t[tags->n++] = t;
	}
	free(line);
	return 0;
}
