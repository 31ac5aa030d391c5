// SPDX-License-Identifier: GPL-2.0
/* Bucket statistics for pktstat graphite (see gwin.h). */
#include <math.h>
#include <stdlib.h>
#include "bstats.h"
#include "cleanname.h"
#include "gwin.h"
#include "pbfollow.h"

enum { BYTES, FRAMES };

struct gobj {
	struct pk_gwin *g;
	const char *name;
	uint64_t period_ns;
	int open;		/* the window at start_ns has buckets */
	uint64_t start_ns;
	int have_next;
	uint64_t next_ns;	/* buckets before it were taken */
	struct pk_bstats st[2];	/* amounts per bucket: bytes, frames */
};

static void line(const struct gobj *go, const char *what, double v)
{
	char clean[PK_CLEAN_LEN];

	pk_clean_name(clean, sizeof(clean), go->name, "-");
	fprintf(go->g->out, "%s.objects.%s.%s %.15g %llu\n", go->g->prefix,
		clean, what, v,
		(unsigned long long)(go->start_ns / 1000000000ull));
}

/* An amount per bucket as a rate per second. */
static double rate(const struct gobj *go, double amount)
{
	return amount * 1e9 / (double)go->period_ns;
}

static void rates(const struct gobj *go, const char *unit,
		  const struct pk_bstats *st)
{
	static const char *const stat[] = { "mean", "peak", "p99" };
	const double v[] = { pk_bstats_mean(st), (double)st->peak,
			     pk_bstats_percentile(st, 99) };
	char what[64];

	for (size_t i = 0; i < 3; i++) {
		snprintf(what, sizeof(what), "bucket_%s_per_second.%s", unit,
			 stat[i]);
		line(go, what, rate(go, v[i]));
	}
}

static void close_window(struct gobj *go)
{
	rates(go, "bytes", &go->st[BYTES]);
	line(go, "buckets_above_threshold", (double)go->st[BYTES].above);
	rates(go, "frames", &go->st[FRAMES]);
	pk_bstats_reset(&go->st[BYTES]);
	pk_bstats_reset(&go->st[FRAMES]);
	go->open = 0;
}

/* The largest amount per bucket whose rate (as rate() computes it) is
 * not above bps: the same comparison as a rate's, in integers. */
static uint64_t limit_of(const struct gobj *go, double bps)
{
	double top = floor(bps * (double)go->period_ns / 1e9);
	uint64_t a;

	if (!(top >= 0))	/* no threshold: no bucket is above it */
		return UINT64_MAX;
	a = top >= 0x1p64 ? UINT64_MAX : (uint64_t)top;

	while (a < UINT64_MAX && rate(go, (double)(a + 1)) <= bps)
		a++;
	while (a && rate(go, (double)a) > bps)
		a--;
	return a;
}

static struct gobj *gobj_new(struct pk_gwin *g, const struct pk_pb_obj *o)
{
	struct gobj *go = calloc(1, sizeof(*go));

	if (!go)
		return NULL;
	go->g = g;
	go->name = o->name;
	go->period_ns = o->period_ns;
	pk_bstats_init(&go->st[BYTES], limit_of(go, g->threshold_bps / 8));
	pk_bstats_init(&go->st[FRAMES], UINT64_MAX);
	return go;
}

/* n buckets from b on (an idle run when n > 1), each in the window of its
 * start: a run is split at window ends, never walked bucket by bucket. */
static void take(const struct pk_bucket *b, uint64_t n, void *ctx)
{
	struct gobj *go = ctx;
	uint64_t p = go->period_ns, w = go->g->window_ns, t = b->start_ns;

	if (go->have_next && t < go->next_ns)
		return;		/* read before (a stream file read again) */
	while (n) {
		uint64_t start = t - t % w, k = (start + w - t + p - 1) / p;

		if (k > n)
			k = n;
		if (go->open && start != go->start_ns)
			close_window(go);
		go->open = 1;
		go->start_ns = start;
		pk_bstats_add(&go->st[BYTES], b->bytes, k);
		pk_bstats_add(&go->st[FRAMES], b->frames, k);
		t += k * p;
		n -= k;
	}
	go->have_next = 1;
	go->next_ns = t;
}

static void feed(struct pk_pb_obj *o, const struct pk_data *d, void *ctx)
{
	struct gobj *go = o->user;

	if (!go)
		go = o->user = gobj_new(ctx, o);
	if (go)
		pk_data_each(d, take, go);
}

static void drop(struct pk_pb_obj *o, void *ctx)
{
	struct gobj *go = o->user;

	(void)ctx;
	if (!go)
		return;
	pk_bstats_free(&go->st[BYTES]);
	pk_bstats_free(&go->st[FRAMES]);
	free(go);
	o->user = NULL;
}

void pk_gwin_init(struct pk_gwin *g, const char *prefix, uint64_t window_ns,
		  double threshold_bps, struct pk_gqueue *queue)
{
	pk_pb_init(&g->pb, NULL, 0, threshold_bps);
	g->pb.feed = feed;
	g->pb.drop = drop;
	g->pb.ctx = g;
	g->prefix = prefix;
	g->window_ns = window_ns;
	g->threshold_bps = threshold_bps;
	g->queue = queue;
	g->out = NULL;
}

/* The lines of a poll are queued at once: a full queue moves what it
 * holds to drop its oldest lines, and queued one by one, the window lines
 * of 10,000 objects moved 16 MiB 70,000 times. */
uint64_t pk_gwin_poll(struct pk_gwin *g, const struct pk_proc *p)
{
	char *buf = NULL;
	size_t len = 0;
	uint64_t next;

	g->out = open_memstream(&buf, &len);
	if (!g->out)
		abort();
	next = pk_pb_follow(&g->pb, p);
	fclose(g->out);
	g->out = NULL;
	if (len)
		pk_gqueue_add(g->queue, buf, len);
	free(buf);
	return next;
}

void pk_gwin_free(struct pk_gwin *g)
{
	pk_pb_free(&g->pb);
}
