// SPDX-License-Identifier: GPL-2.0
/* An exporter's state per object (see objstate.h). */
#include <stdlib.h>
#include <string.h>
#include "objstate.h"

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

struct pk_ostate *pk_ostates_find(struct pk_ostates *s, const char *name)
{
	for (size_t i = 0; i < s->n; i++) {
		if (!strcmp(s->o[i].name, name)) {
			s->o[i].seen = 1;
			return &s->o[i];
		}
	}
	return NULL;
}

static struct pk_ostate *add(struct pk_ostates *s, const char *name)
{
	struct pk_ostate *o = pk_grow(s->o, s->n, &s->cap, sizeof(*o));

	if (!o)
		abort();
	s->o = o;
	o = &s->o[s->n++];
	memset(o, 0, sizeof(*o));
	snprintf(o->name, sizeof(o->name), "%s", name);
	return o;
}

struct pk_ostate *pk_ostates_get(struct pk_ostates *s,
				 const struct pk_info *info)
{
	struct pk_ostate *o = pk_ostates_find(s, info->name);

	if (!o)
		o = add(s, info->name);
	else if (o->created_ns != info->v[PK_I_CREATED_NS])
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
