// SPDX-License-Identifier: GPL-2.0
/* Which addresses get series of their own (see addrseries.h). */
#include <stdlib.h>
#include <string.h>
#include "addrseries.h"

void pk_aseries_init(struct pk_aseries *s, size_t max)
{
	memset(s, 0, sizeof(*s));
	s->max = max;
}

void pk_aseries_free(struct pk_aseries *s)
{
	free(s->a);
	memset(s, 0, sizeof(*s));
}

static int cmp_addr(const void *x, const void *y)
{
	return pk_addr_cmp(x, y);
}

/* Whether a is among the first n chosen (sorted). */
static int among(const struct pk_aseries *s, size_t n, const struct pk_addr *a)
{
	return n && bsearch(a, s->a, n, sizeof(*s->a), cmp_addr);
}

void pk_aseries_choose(struct pk_aseries *s, const struct pk_addrs *t)
{
	const struct pk_addr **order;
	size_t had = s->n;

	if (s->n == s->max)
		return;		/* full: whatever is new goes to other */
	/* t has each address once: those added here are not met again */
	order = pk_addrs_by_bytes(t);
	for (size_t i = 0; i < t->n && s->n < s->max; i++)
		if (!among(s, had, order[i]) &&
		    pk_push(&s->a, &s->n, &s->cap, order[i], sizeof(*s->a)))
			abort();
	free(order);
	if (s->n > had)
		qsort(s->a, s->n, sizeof(*s->a), cmp_addr);
}

void pk_aseries_split(const struct pk_aseries *s, const struct pk_addrs *t,
		      struct pk_addrs *out, size_t *folded)
{
	memset(out, 0, sizeof(*out));
	out->other = t->other;
	*folded = 0;
	for (size_t i = 0; i < t->n; i++) {
		if (!among(s, s->n, &t->a[i])) {
			pk_addr_counts_add(&out->other, &t->a[i].c);
			(*folded)++;
		} else if (pk_addrs_push(out, &t->a[i])) {
			abort();
		}
	}
}
