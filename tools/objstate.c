// SPDX-License-Identifier: GPL-2.0
/* An exporter's state per object (see objstate.h). */
#include <stdlib.h>
#include <string.h>
#include "objstate.h"
#include "sorted.h"

static void free_data(const struct pk_ostates *s, struct pk_ostate *o)
{
	if (o->data)
		s->free_data(o->data);
	o->data = NULL;
}

void pk_ostates_begin(struct pk_ostates *s)
{
	for (size_t i = 0; i < s->n; i++)
		s->o[i].seen = 0;
}

static int cmp_state(const char *name, const void *elem)
{
	const struct pk_ostate *o = elem;

	return strcmp(name, o->name);
}

struct pk_ostate *pk_ostates_find(struct pk_ostates *s, const char *name)
{
	int found;
	size_t i = pk_sorted_find(s->o, s->n, sizeof(*s->o), name, cmp_state,
				  &found);

	if (!found)
		return NULL;
	s->o[i].seen = 1;
	return &s->o[i];
}

/* A fresh state for name, at i in s->o, where pk_sorted_find() put it. */
static struct pk_ostate *add(struct pk_ostates *s, size_t i, const char *name)
{
	struct pk_ostate o = { 0 };

	snprintf(o.name, sizeof(o.name), "%s", name);
	if (pk_sorted_insert(&s->o, &s->n, &s->cap, sizeof(o), i, &o))
		abort();
	return &s->o[i];
}

struct pk_ostate *pk_ostates_get(struct pk_ostates *s,
				 const struct pk_info *info)
{
	int found;
	size_t i = pk_sorted_find(s->o, s->n, sizeof(*s->o), info->name,
				  cmp_state, &found);
	struct pk_ostate *o = found ? &s->o[i] : add(s, i, info->name);

	if (found && o->created_ns != info->v[PK_I_CREATED_NS])
		free_data(s, o);
	o->seen = 1;
	o->created_ns = info->v[PK_I_CREATED_NS];
	return o;
}

void pk_ostates_end(struct pk_ostates *s)
{
	size_t k = 0;

	for (size_t i = 0; i < s->n; i++) {
		if (s->o[i].seen)
			s->o[k++] = s->o[i];
		else
			free_data(s, &s->o[i]);
	}
	s->n = k;
}

void pk_ostates_free(struct pk_ostates *s)
{
	for (size_t i = 0; i < s->n; i++)
		free_data(s, &s->o[i]);
	free(s->o);
	s->o = NULL;
	s->n = s->cap = 0;
}
