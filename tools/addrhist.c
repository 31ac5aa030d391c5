// SPDX-License-Identifier: GPL-2.0
/* Reads of NAME/addresses over time and their rates (see addrhist.h). */
#include <stdlib.h>
#include <string.h>
#include "addrhist.h"

#define SEC	1000000000ull

const uint64_t pk_rate_window_ns[PK_RATE_WINDOWS] = {
	2 * SEC, 10 * SEC, 40 * SEC,
};

/* The spacing of the reads kept for each window: a twentieth of it. */
static uint64_t step_ns(int w)
{
	return pk_rate_window_ns[w] / 20;
}

/* The shortest window read at age may serve, or -1 if none. */
static int level_of(uint64_t age)
{
	for (int w = 0; w < PK_RATE_WINDOWS; w++)
		if (age <= pk_rate_window_ns[w] + step_ns(w))
			return w;
	return -1;
}

static void forget(struct pk_addrhist *h, size_t from, size_t to)
{
	for (size_t i = from; i < to; i++)
		pk_addrs_free(&h->r[i].tab);
}

/* Whether read i, not the newest, is kept; out reads are kept before it. */
static int needed(const struct pk_addrhist *h, size_t i, size_t out)
{
	uint64_t now = h->r[h->n - 1].t_ns, t = h->r[i].t_ns;
	int w = level_of(now - t);

	/* older than every window: still the nearest to the longest while
	 * the next read is younger than it (reads far apart) */
	if (w < 0)
		return now - h->r[i + 1].t_ns <
		       pk_rate_window_ns[PK_RATE_WINDOWS - 1];
	return out == 0 || h->r[out - 1].t_ns / step_ns(w) != t / step_ns(w);
}

/* Keeps the newest read and those needed; frees the others. */
static void thin(struct pk_addrhist *h)
{
	size_t out = 0;

	for (size_t i = 0; i + 1 < h->n; i++) {
		if (needed(h, i, out))
			h->r[out++] = h->r[i];
		else
			forget(h, i, i + 1);
	}
	h->r[out++] = h->r[h->n - 1];
	h->n = out;
}

void pk_addrhist_add(struct pk_addrhist *h, uint64_t t_ns,
		     uint64_t created_ns, struct pk_addrs *tab)
{
	if (h->n && created_ns != h->created_ns) {
		forget(h, 0, h->n);
		h->n = 0;
	}
	h->created_ns = created_ns;
	if (h->n == h->cap) {
		h->cap = h->cap ? h->cap * 2 : 64;
		h->r = realloc(h->r, h->cap * sizeof(*h->r));
		if (!h->r)
			abort();
	}
	h->r[h->n++] = (struct pk_addrread){ t_ns, *tab };
	memset(tab, 0, sizeof(*tab));
	thin(h);
}

void pk_addrhist_free(struct pk_addrhist *h)
{
	forget(h, 0, h->n);
	free(h->r);
	memset(h, 0, sizeof(*h));
}

static uint64_t distance(uint64_t a, uint64_t b)
{
	return a > b ? a - b : b - a;
}

const struct pk_addrread *pk_addrhist_base(const struct pk_addrhist *h,
					   uint64_t window_ns)
{
	const struct pk_addrread *best = NULL;
	uint64_t now;

	if (h->n < 2)
		return NULL;
	now = h->r[h->n - 1].t_ns;
	/* distance(t + W, now): t - (now - W) without going below 0 */
	for (size_t i = 0; i + 1 < h->n; i++)
		if (!best || distance(h->r[i].t_ns + window_ns, now) <
			     distance(best->t_ns + window_ns, now))
			best = &h->r[i];
	return best;
}

/* What was counted from then to now, per second, in the unit. Counters
 * lower than before (a recreated object not seen yet) count as 0. */
static double rate(enum pk_unit u, uint64_t frames_now, uint64_t bytes_now,
		   uint64_t frames_then, uint64_t bytes_then, uint64_t dt_ns)
{
	uint64_t frames = frames_now > frames_then ? frames_now - frames_then : 0;
	uint64_t bytes = bytes_now > bytes_then ? bytes_now - bytes_then : 0;

	return dt_ns ? pk_unit_value(u, frames, bytes) * 1e9 / (double)dt_ns : 0;
}

static void window_rates(enum pk_unit u, const struct pk_addr_counts *now,
			 const struct pk_addr_counts *then, uint64_t dt_ns,
			 int w, struct pk_rates *r)
{
	r->sent[w] = rate(u, now->src_frames, now->src_bytes,
			  then->src_frames, then->src_bytes, dt_ns);
	r->received[w] = rate(u, now->dst_frames, now->dst_bytes,
			      then->dst_frames, then->dst_bytes, dt_ns);
}

/* Every rate over window w, from base to the newest read. */
static void rates_over(const struct pk_addrread *newest,
		       const struct pk_addrread *base, enum pk_unit u, int w,
		       struct pk_addrrates *out)
{
	static const struct pk_addr_counts zero;
	uint64_t dt = newest->t_ns - base->t_ns;
	struct pk_addr_counts total_now, total_then;

	for (size_t i = 0; i < out->n; i++) {
		const struct pk_addr *then = pk_addrs_find(&base->tab, out->a[i].a);

		window_rates(u, &out->a[i].a->c, then ? &then->c : &zero, dt,
			     w, &out->a[i].r);
	}
	window_rates(u, &newest->tab.other, &base->tab.other, dt, w,
		     &out->other);
	pk_addrs_total(&newest->tab, &total_now);
	pk_addrs_total(&base->tab, &total_then);
	window_rates(u, &total_now, &total_then, dt, w, &out->total);
}

void pk_addrhist_rates(const struct pk_addrhist *h, enum pk_unit u,
		       struct pk_addrrates *out)
{
	const struct pk_addrread *newest = h->n ? &h->r[h->n - 1] : NULL;

	memset(out, 0, sizeof(*out));
	if (!newest)
		return;
	out->n = newest->tab.n;
	out->a = calloc(out->n ? out->n : 1, sizeof(*out->a));
	if (!out->a)
		abort();
	for (size_t i = 0; i < out->n; i++)
		out->a[i].a = &newest->tab.a[i];
	for (int w = 0; w < PK_RATE_WINDOWS; w++) {
		const struct pk_addrread *base = pk_addrhist_base(h, pk_rate_window_ns[w]);

		if (base)
			rates_over(newest, base, u, w, out);
	}
}

void pk_addrrates_free(struct pk_addrrates *r)
{
	free(r->a);
	memset(r, 0, sizeof(*r));
}
