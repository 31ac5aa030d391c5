// SPDX-License-Identifier: GPL-2.0
/* Bucket statistics for pktstat graphite (see gwin.h). */
#include <stdlib.h>
#include "cleanname.h"
#include "follow.h"
#include "gwin.h"
#include "winacc.h"

struct gobj {
	struct pk_gwin *g;
	const char *name;
	struct pk_winacc acc[2];	/* bytes, frames */
};

static void line(const struct gobj *go, const char *what, double v,
		 uint64_t start_ns)
{
	char clean[PK_CLEAN_LEN], *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	pk_clean_name(clean, sizeof(clean), go->name, "-");
	fprintf(out, "%s.objects.%s.%s %.15g %llu\n", go->g->prefix, clean,
		what, v, (unsigned long long)(start_ns / 1000000000ull));
	fclose(out);
	pk_gqueue_add(go->g->queue, buf, len);
	free(buf);
}

static void rates(const struct gobj *go, const char *unit,
		  const struct pk_window *w)
{
	static const char *const stat[] = { "mean", "peak", "p99" };
	const double v[] = { w->mean, w->peak, w->p99 };
	char what[64];

	for (size_t i = 0; i < 3; i++) {
		snprintf(what, sizeof(what), "bucket_%s_per_second.%s", unit,
			 stat[i]);
		line(go, what, v[i], w->start_ns);
	}
}

static void closed_bytes(const struct pk_window *w, void *ctx)
{
	const struct gobj *go = ctx;

	rates(go, "bytes", w);
	line(go, "buckets_above_threshold", (double)w->above, w->start_ns);
}

static void closed_frames(const struct pk_window *w, void *ctx)
{
	rates(ctx, "frames", w);
}

static void acc_init(struct pk_winacc *a, const struct pk_gwin *g,
		     uint64_t period_ns, enum pk_unit u, double threshold)
{
	a->period_ns = period_ns;
	a->window_ns = g->window_ns;
	a->unit = u;
	a->threshold = threshold;
}

static struct gobj *gobj_new(struct pk_gwin *g, const struct pk_pb_obj *o)
{
	struct gobj *go = calloc(1, sizeof(*go));

	if (!go)
		return NULL;
	go->g = g;
	go->name = o->name;
	acc_init(&go->acc[0], g, o->period_ns, PK_BYTES, g->threshold_bps / 8);
	go->acc[0].closed = closed_bytes;
	acc_init(&go->acc[1], g, o->period_ns, PK_PACKETS, -1);
	go->acc[1].closed = closed_frames;
	go->acc[0].ctx = go->acc[1].ctx = go;
	return go;
}

static void feed(struct pk_pb_obj *o, const struct pk_data *d, void *ctx)
{
	struct gobj *go = o->user;

	if (!go)
		go = o->user = gobj_new(ctx, o);
	if (!go)
		return;
	pk_winacc_add(&go->acc[0], d);
	pk_winacc_add(&go->acc[1], d);
}

static void drop(struct pk_pb_obj *o, void *ctx)
{
	struct gobj *go = o->user;

	(void)ctx;
	if (!go)
		return;
	pk_winacc_free(&go->acc[0]);
	pk_winacc_free(&go->acc[1]);
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
}

uint64_t pk_gwin_poll(struct pk_gwin *g, const struct pk_proc *p)
{
	return pk_pb_follow(&g->pb, p);
}

void pk_gwin_free(struct pk_gwin *g)
{
	pk_pb_free(&g->pb);
}
