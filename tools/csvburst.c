// SPDX-License-Identifier: GPL-2.0
/* The bucket statistics of pktstat csv (see csvburst.h). */
#include <math.h>
#include <stdlib.h>
#include "csvburst.h"
#include "follow.h"
#include "pbfollow.h"

struct cobj {
	uint64_t period_ns;
	uint64_t from_ns;	/* older buckets predate the object's first interval */
	int have_next;
	uint64_t next_ns;	/* buckets before it were taken */
	int cur;		/* iv[cur]: the interval being filled; the other, the next */
	struct pk_csvb_iv iv[2];
	struct pk_csvb *c;
};

/*
 * The most bytes a bucket holds without its rate (8 x bytes / period)
 * being above bps bit/s. Exact for a whole number of bit/s, as thresholds
 * are (1G), where doubles could be a byte off.
 */
static uint64_t level_of(double bps, uint64_t period_ns)
{
	unsigned __int128 l;
	double level;

	/* no threshold (negative), or one above any bucket */
	if (!(bps >= 0 && bps < 0x1p64))
		return UINT64_MAX;
	if (bps != floor(bps)) {
		level = floor(bps * (double)period_ns / 8e9);
		return level < 0x1p64 ? (uint64_t)level : UINT64_MAX;
	}
	l = (unsigned __int128)(uint64_t)bps * period_ns / 8000000000u;
	return l > UINT64_MAX ? UINT64_MAX : (uint64_t)l;
}

static struct cobj *cobj_new(struct pk_csvb *c, const struct pk_pb_obj *o)
{
	struct cobj *co = calloc(1, sizeof(*co));
	uint64_t level;

	if (!co)
		return NULL;
	co->c = c;
	co->period_ns = o->period_ns;
	co->from_ns = c->start_ns;
	level = level_of(c->threshold_bps, o->period_ns);
	for (int i = 0; i < 2; i++) {
		pk_bstats_init(&co->iv[i].bytes, level);
		pk_bstats_init(&co->iv[i].frames, UINT64_MAX);
	}
	return co;
}

/* How many of n buckets from t on, one period p apart, start before x. */
static uint64_t starting_before(uint64_t x, uint64_t t, uint64_t n,
				uint64_t p)
{
	uint64_t k;

	if (x <= t)
		return 0;
	k = (x - t + p - 1) / p;
	return k < n ? k : n;
}

static void add(struct pk_csvb_iv *iv, const struct pk_bucket *b, uint64_t n)
{
	pk_bstats_add(&iv->bytes, b->bytes, n);
	pk_bstats_add(&iv->frames, b->frames, n);
}

/* n buckets from b on (n > 1: an idle run), split at from_ns and at the
 * interval's end, never walked bucket by bucket. */
static void take(const struct pk_bucket *b, uint64_t n, void *ctx)
{
	struct cobj *co = ctx;
	uint64_t t = b->start_ns, p = co->period_ns, skip, upto;

	if (co->have_next && t < co->next_ns)
		return;		/* read before: the stream was reopened */
	co->have_next = 1;
	co->next_ns = t + n * p;
	skip = starting_before(co->from_ns, t, n, p);
	upto = starting_before(co->c->end_ns, t, n, p);
	if (upto < skip)
		upto = skip;
	add(&co->iv[co->cur], b, upto - skip);
	add(&co->iv[!co->cur], b, n - upto);
}

static void feed(struct pk_pb_obj *o, const struct pk_data *d, void *ctx)
{
	struct cobj *co = o->user;

	if (!co) {
		co = cobj_new(ctx, o);
		o->user = co;
	}
	if (!co)
		return;
	pk_data_each(d, take, co);
	co->iv[co->cur].lost += d->lost.buckets;
}

static void drop(struct pk_pb_obj *o, void *ctx)
{
	struct cobj *co = o->user;

	(void)ctx;
	if (!co)
		return;
	for (int i = 0; i < 2; i++) {
		pk_bstats_free(&co->iv[i].bytes);
		pk_bstats_free(&co->iv[i].frames);
	}
	free(co);
	o->user = NULL;
}

void pk_csvb_init(struct pk_csvb *c, double threshold_bps, uint64_t start_ns)
{
	pk_pb_init(&c->pb, NULL, 0, threshold_bps);
	c->pb.feed = feed;
	c->pb.drop = drop;
	c->pb.ctx = c;
	c->threshold_bps = threshold_bps;
	c->start_ns = start_ns;
	c->end_ns = start_ns;
}

void pk_csvb_free(struct pk_csvb *c)
{
	pk_pb_free(&c->pb);
}

void pk_csvb_set_end(struct pk_csvb *c, uint64_t end_ns)
{
	c->end_ns = end_ns;
}

uint64_t pk_csvb_poll(struct pk_csvb *c, const struct pk_proc *p)
{
	return pk_pb_follow(&c->pb, p);
}

/* A failing stream, or none (an older module), is not waited for. */
static int waited_for(const struct pk_pb_obj *o)
{
	return !o->no_stream && !o->failing;
}

int pk_csvb_complete(const struct pk_csvb *c)
{
	for (size_t i = 0; i < c->pb.n; i++) {
		const struct cobj *co = c->pb.obj[i]->user;

		if (!waited_for(c->pb.obj[i]))
			continue;
		if (!co || !co->have_next || co->next_ns < c->end_ns)
			return 0;
	}
	return 1;
}

uint64_t pk_csvb_wait_ns(const struct pk_csvb *c)
{
	uint64_t longest = 0;

	for (size_t i = 0; i < c->pb.n; i++)
		if (waited_for(c->pb.obj[i]) && c->pb.obj[i]->period_ns > longest)
			longest = c->pb.obj[i]->period_ns;
	return longest + PK_FOLLOW_MAX_NS;
}

int pk_csvb_find(const struct pk_csvb *c, const char *name,
		 const struct pk_csvb_iv **iv, uint64_t *period_ns)
{
	const struct pk_pb_obj *o = pk_pb_find(&c->pb, name);
	const struct cobj *co = o && !o->no_stream ? o->user : NULL;

	if (!co)
		return 0;
	*iv = &co->iv[co->cur];
	*period_ns = co->period_ns;
	return 1;
}

void pk_csvb_next(struct pk_csvb *c)
{
	for (size_t i = 0; i < c->pb.n; i++) {
		struct cobj *co = c->pb.obj[i]->user;

		if (!co)
			continue;
		pk_bstats_reset(&co->iv[co->cur].bytes);
		pk_bstats_reset(&co->iv[co->cur].frames);
		co->iv[co->cur].lost = 0;
		co->cur = !co->cur;
	}
	c->start_ns = c->end_ns;
}
