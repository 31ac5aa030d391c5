// SPDX-License-Identifier: GPL-2.0
/* An object's rates since the previous munin fetch (see pollrate.h). */
#include <string.h>
#include "pollrate.h"

/* One pass: its extent, what it read, and the busiest bucket from `from`
 * on. Runs of idle buckets count as one step. */
struct pass {
	uint64_t period_ns, from_ns;
	int any, any_new;
	uint64_t first_ns, end_ns;
	uint64_t frames, bytes;
	uint64_t peak_frames, peak_bytes;
};

static void scan(const struct pk_bucket *b, uint64_t n, void *ctx)
{
	struct pass *p = ctx;

	if (!p->any)
		p->first_ns = b->start_ns;
	p->any = 1;
	p->end_ns = b->start_ns + n * p->period_ns;
	p->frames += b->frames * n;
	p->bytes += b->bytes * n;
	if (p->end_ns - p->period_ns < p->from_ns)
		return;
	p->any_new = 1;
	if (b->frames > p->peak_frames)
		p->peak_frames = b->frames;
	if (b->bytes > p->peak_bytes)
		p->peak_bytes = b->bytes;
}

static void scan_from(const struct pk_info *info, const struct pk_data *d,
		      uint64_t from_ns, struct pass *p)
{
	memset(p, 0, sizeof(*p));
	p->period_ns = info->v[PK_I_PERIOD_NS];
	p->from_ns = from_ns;
	pk_data_each(d, scan, p);
}

/* What the object had counted up to the end of the pass. */
static struct pk_mstate_ent counted(const struct pk_info *info,
				    const struct pk_data *d,
				    const struct pass *p)
{
	struct pk_mstate_ent now = {
		.created_ns = info->v[PK_I_CREATED_NS],
		.next_ns = p->end_ns,
		.frames = d->before_frames + p->frames + d->lost.frames,
		.bytes = d->before_bytes + p->bytes + d->lost.bytes,
	};

	snprintf(now.name, sizeof(now.name), "%s", info->name);
	return now;
}

/* A state that cannot be this object's past (the counters went down):
 * started afresh. */
static int fits(const struct pk_mstate_ent *prev,
		const struct pk_mstate_ent *now)
{
	return prev->next_ns <= now->next_ns && prev->frames <= now->frames &&
	       prev->bytes <= now->bytes;
}

static double per_second(uint64_t amount, uint64_t ns)
{
	return (double)amount * 1e9 / (double)ns;
}

static void rates(const struct pass *p, const struct pk_mstate_ent *o,
		  const struct pk_mstate_ent *now, struct pk_pollrate *r)
{
	uint64_t ns = now->next_ns - o->next_ns;

	r->have_mean = 1;
	r->mean_frames = per_second(now->frames - o->frames, ns);
	r->mean_bytes = per_second(now->bytes - o->bytes, ns);
	r->have_peak = p->any_new;
	r->peak_frames = per_second(p->peak_frames, p->period_ns);
	r->peak_bytes = per_second(p->peak_bytes, p->period_ns);
}

int pk_pollrate(const struct pk_info *info, const struct pk_data *d,
		const struct pk_mstate_ent *prev, struct pk_pollrate *r,
		struct pk_mstate_ent *next)
{
	struct pk_mstate_ent now, o;
	struct pass p;

	memset(r, 0, sizeof(*r));
	if (prev && prev->created_ns != info->v[PK_I_CREATED_NS])
		prev = NULL;
	scan_from(info, d, prev ? prev->next_ns : 0, &p);
	if (!p.any) {
		if (prev)
			*next = *prev;
		return prev != NULL;
	}
	now = counted(info, d, &p);
	if (prev && !fits(prev, &now)) {
		prev = NULL;
		scan_from(info, d, 0, &p);
	}
	o = prev ? *prev : (struct pk_mstate_ent){ .next_ns = p.first_ns,
		.frames = d->before_frames, .bytes = d->before_bytes };
	*next = now;
	if (o.next_ns == now.next_ns)
		*next = o;	/* no bucket ended since */
	else
		rates(&p, &o, &now, r);
	return 1;
}
