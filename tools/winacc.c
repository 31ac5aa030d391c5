// SPDX-License-Identifier: GPL-2.0
/* Windows of buckets across reads (see winacc.h). */
#include "winacc.h"

static uint64_t window_of(const struct pk_winacc *a, uint64_t t)
{
	return t - t % a->window_ns;
}

static void summarise(const struct pk_winacc *a, struct pk_window *w)
{
	pk_window_stats(a->open.b, a->open.n, a->period_ns, a->unit,
			a->threshold, w);
	w->start_ns = window_of(a, a->open.b[0].start_ns);
}

static void close_window(struct pk_winacc *a)
{
	struct pk_window w;

	if (!a->open.n)
		return;
	summarise(a, &w);
	a->open.n = 0;
	if (a->closed)
		a->closed(&w, a->ctx);
}

void pk_winacc_add(struct pk_winacc *a, const struct pk_data *d)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct pk_bucket *b = &d->b[i];

		if (a->buckets && b->start_ns <= a->last_start)
			continue;
		if (a->open.n && window_of(a, b->start_ns) !=
				 window_of(a, a->open.b[0].start_ns))
			close_window(a);
		pk_data_push(&a->open, b);
		a->last_start = b->start_ns;
		a->buckets++;
	}
	a->lost += d->lost.buckets;
}

int pk_winacc_open(const struct pk_winacc *a, struct pk_window *w)
{
	if (!a->open.n)
		return 0;
	summarise(a, w);
	return 1;
}

void pk_winacc_free(struct pk_winacc *a)
{
	pk_data_free(&a->open);
}
