// SPDX-License-Identifier: GPL-2.0
/* The munin plugin's state file (see mstate.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include "mstate.h"
#include "prom.h"
#include "sorted.h"

#define MSTATE_HEADER	"# pktstat munin state 1"

static int cmp_ent(const char *name, const void *elem)
{
	const struct pk_mstate_ent *e = elem;

	return strcmp(name, e->name);
}

void pk_mstate_add(struct pk_mstate *s, const struct pk_mstate_ent *e)
{
	int found;
	size_t i = pk_sorted_find(s->e, s->n, sizeof(*s->e), e->name, cmp_ent,
				  &found);

	if (found)
		return;
	if (pk_sorted_insert(&s->e, &s->n, &s->cap, sizeof(*e), i, e))
		abort();
}

/* "NAME CREATED_NS NEXT_NS FRAMES BYTES", numbers digits only. */
static int parse_line(char *line, struct pk_mstate_ent *e)
{
	uint64_t *v[] = { &e->created_ns, &e->next_ns, &e->frames, &e->bytes };
	char *save = NULL, *tok[6];
	size_t n = 0;

	for (char *t = strtok_r(line, " ", &save); t && n < 6;
	     t = strtok_r(NULL, " ", &save))
		tok[n++] = t;
	if (n != 5 || !pk_valid_name(tok[0]))
		return -1;
	for (size_t i = 0; i < 4; i++)
		if (pk_parse_u64(tok[i + 1], v[i]))
			return -1;
	memcpy(e->name, tok[0], strlen(tok[0]) + 1);	/* 31 at most */
	return 0;
}

void pk_mstate_parse(FILE *f, struct pk_mstate *s)
{
	char *line = NULL;
	size_t cap = 0;
	struct pk_mstate_ent e;

	while (getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] != '#' && parse_line(line, &e) == 0)
			pk_mstate_add(s, &e);
	}
	free(line);
}

void pk_mstate_write(FILE *out, const struct pk_mstate *s)
{
	fputs(MSTATE_HEADER "\n", out);
	for (size_t i = 0; i < s->n; i++)
		fprintf(out, "%s %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64
			"\n", s->e[i].name, s->e[i].created_ns, s->e[i].next_ns,
			s->e[i].frames, s->e[i].bytes);
}

const struct pk_mstate_ent *pk_mstate_find(const struct pk_mstate *s,
					   const char *name)
{
	int found;
	size_t i = pk_sorted_find(s->e, s->n, sizeof(*s->e), name, cmp_ent,
				  &found);

	return found ? &s->e[i] : NULL;
}

void pk_mstate_free(struct pk_mstate *s)
{
	free(s->e);
	memset(s, 0, sizeof(*s));
}

int pk_mstate_path(char *buf, size_t len, const char *plugin)
{
	const char *dir = getenv("MUNIN_PLUGSTATE");
	const char *master = getenv("MUNIN_MASTER_IP");

	if (!dir || !*dir)
		return -1;
	snprintf(buf, len, "%s/%s-%s", dir, plugin, master ? master : "");
	return 0;
}

int pk_mstate_load(const char *path, struct pk_mstate *s, struct pk_err *err)
{
	FILE *f = fopen(path, "r");

	if (!f && errno == ENOENT)
		return 0;
	if (!f) {
		pk_err_set(err, "%s: %s", path, strerror(errno));
		return -1;
	}
	pk_mstate_parse(f, s);
	fclose(f);
	return 0;
}

int pk_mstate_save(const char *path, const struct pk_mstate *s,
		   struct pk_err *err)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	int rc;

	pk_mstate_write(out, s);
	fclose(out);
	rc = pk_write_atomic(path, buf, len, err);
	free(buf);
	return rc;
}
