// SPDX-License-Identifier: GPL-2.0
/* Bursts: runs of buckets above a threshold (see burst.h). */
#include <string.h>
#include "burst.h"
#include "stats.h"

void pk_burst_init(struct pk_burst_tracker *t, uint64_t period_ns,
		   enum pk_unit unit, double threshold, uint64_t max_gap)
{
	memset(t, 0, sizeof(*t));
	t->period_ns = period_ns;
	t->unit = unit;
	t->threshold = threshold;
	t->max_gap = max_gap;
}

int pk_burst_flush(struct pk_burst_tracker *t, struct pk_burst *done)
{
	if (!t->open)
		return 0;
	*done = t->cur;
	t->open = 0;
	t->gap = 0;
	t->gap_frames = 0;
	t->gap_bytes = 0;
	t->bursts_total++;
	return 1;
}

static void burst_start(struct pk_burst_tracker *t, const struct pk_bucket *b,
			double rate)
{
	memset(&t->cur, 0, sizeof(t->cur));
	t->cur.start_ns = b->start_ns;
	t->cur.peak = rate;
	t->open = 1;
}

/* An above-threshold bucket: the quiet gap before it joins the burst. */
static void burst_extend(struct pk_burst_tracker *t, const struct pk_bucket *b,
			 double rate)
{
	struct pk_burst *c = &t->cur;

	c->buckets += t->gap + 1;
	c->frames += t->gap_frames + b->frames;
	c->bytes += t->gap_bytes + b->bytes;
	c->above++;
	c->end_ns = b->start_ns + t->period_ns;
	if (rate > c->peak)
		c->peak = rate;
	t->gap = 0;
	t->gap_frames = 0;
	t->gap_bytes = 0;
}

int pk_burst_feed(struct pk_burst_tracker *t, const struct pk_bucket *b,
		  struct pk_burst *done)
{
	double rate = pk_bucket_rate(b, t->period_ns, t->unit);
	int ended = 0;

	/* a hole in the data: what was in it is not known */
	if (t->open && b->start_ns != t->next_ns)
		ended = pk_burst_flush(t, done);
	t->next_ns = b->start_ns + t->period_ns;
	if (rate > t->threshold) {
		t->above_total++;
		if (!t->open)
			burst_start(t, b, rate);
		burst_extend(t, b, rate);
		return ended;
	}
	if (!t->open)
		return ended;
	t->gap++;
	t->gap_frames += b->frames;
	t->gap_bytes += b->bytes;
	if (t->gap > t->max_gap)
		ended = pk_burst_flush(t, done);
	return ended;
}

/* After the run's first bucket, its others only lengthen a quiet gap. */
int pk_burst_feed_run(struct pk_burst_tracker *t, const struct pk_bucket *b,
		      uint64_t n, struct pk_burst *done)
{
	int ended = pk_burst_feed(t, b, done);

	if (n < 2)
		return ended;
	t->next_ns += (n - 1) * t->period_ns;
	if (!t->open)
		return ended;
	t->gap += n - 1;
	if (t->gap > t->max_gap)
		ended = pk_burst_flush(t, done);
	return ended;
}
