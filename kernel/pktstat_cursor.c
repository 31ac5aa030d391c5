// SPDX-License-Identifier: GPL-2.0
/* A reader's position in an object's buckets (see pktstat_cursor.h). */
#include "pktstat_cursor.h"

/* Look at this many slots between two chances to reschedule. */
#define PKTSTAT_SCAN_BATCH	1024

void pktstat_cursor_init(struct pktstat_cursor *cur, unsigned int ncpus)
{
	unsigned int i;

	cur->ncpus = ncpus;
	for (i = 0; i < ncpus; i++) {
		cur->cpu[i].next = PKTSTAT_NO_BUCKET;
		cur->cpu[i].last = PKTSTAT_NO_BUCKET;
	}
}

static __u64 pktstat_samples(const struct pktstat_ring *ring)
{
	return ring->geo.nslots - PKTSTAT_SPARE_SLOTS;
}

/*
 * Copy @bucket as CPU @c had it into @out, with its link (NO_BUCKET for the
 * open bucket of the pass's snapshot); false if it is gone.
 */
static bool pktstat_cpu_get(const struct pktstat_ring *ring,
			    const struct pktstat_cursor_cpu *cc, int cpu,
			    __u64 bucket, struct pktstat_slot *out, __u64 *next)
{
	const struct pktstat_ring_cpu *r = pktstat_ring_cpu_of(ring, cpu);
	__u64 seen;

	if (bucket == cc->open.bucket) {
		*out = cc->open;
		*next = PKTSTAT_NO_BUCKET;
		return true;
	}
	return pktstat_slot_read(pktstat_slot_of(&ring->geo, r->slots, bucket),
				 bucket, out, next, &seen);
}

/*
 * Find CPU @cpu's first bucket from @from on that it still holds, as its
 * next, with its base in @found. Returns the bucket from which on the reader
 * can vouch for this CPU's part: after the last bucket the CPU may have had
 * and overwritten; @from if none.
 */
static __u64 pktstat_resync(const struct pktstat_ring *ring,
			    struct pktstat_cursor_cpu *cc, int cpu, __u64 from,
			    struct pktstat_slot *found)
{
	const struct pktstat_ring_cpu *r = pktstat_ring_cpu_of(ring, cpu);
	const __u64 open = cc->open.bucket;
	__u64 b, next, seen, sure;

	if (open < from) {
		/* nothing from @from on yet: follow the open bucket's link */
		cc->next = PKTSTAT_NO_BUCKET;
		cc->last = open;
		pktstat_counted_by(&cc->open, &found->base_frames,
				   &found->base_bytes);
		return from;
	}
	/* older than a ring's worth: gone, or never there, nobody can tell */
	b = from;
	if (open - from >= ring->geo.nslots)
		b = open - ring->geo.nslots + 1;
	sure = b;
	for (; b < open; b++) {
		if (pktstat_slot_read(pktstat_slot_of(&ring->geo, r->slots, b),
				      b, found, &next, &seen)) {
			cc->next = b;
			return sure;
		}
		/* a newer bucket in the slot: ours may have been there */
		if (seen > b && seen != PKTSTAT_NO_BUCKET)
			sure = b + 1;
		if ((b - from) % PKTSTAT_SCAN_BATCH == PKTSTAT_SCAN_BATCH - 1)
			pktstat_yield();
	}
	cc->next = open;
	*found = cc->open;
	return sure;
}

/* What CPU @cpu counted up to @base was lost: none of it was read. */
static void pktstat_lose_upto(struct pktstat_cursor *cur,
			      struct pktstat_cursor_cpu *cc, __u64 frames,
			      __u64 bytes)
{
	cur->pend_frames += frames - cc->seen_frames;
	cur->pend_bytes += bytes - cc->seen_bytes;
	cc->seen_frames = frames;
	cc->seen_bytes = bytes;
}

/*
 * Move the reader on to @to (or not, if it is there already): the buckets
 * in between are lost, and so is whatever a CPU counted in them (reported
 * when the reader reaches the CPU's next bucket). A CPU whose next bucket is
 * behind the reader looks for the first one it still holds; one that cannot
 * vouch for its part beyond the reader moves the reader further.
 */
static void pktstat_skip_to(struct pktstat_cursor *cur,
			    const struct pktstat_ring *ring, __u64 to)
{
	struct pktstat_slot found;
	__u64 further;
	int cpu;

	cur->min_known = false;

	for (;;) {
		if (to > cur->pos) {
			cur->pend_buckets += to - cur->pos;
			cur->pos = to;
		}
		further = cur->pos;
		pktstat_for_each_cpu(cpu, ring) {
			struct pktstat_cursor_cpu *cc = &cur->cpu[cpu];

			if (cc->next == PKTSTAT_NO_BUCKET || cc->next >= cur->pos)
				continue;
			further = max_t(__u64, further,
					pktstat_resync(ring, cc, cpu, cur->pos,
						       &found));
		}
		if (further == cur->pos)
			return;
		to = further;
	}
}

/* The first pass: start at the oldest bucket every CPU still holds. */
static void pktstat_cursor_start(struct pktstat_cursor *cur,
				 const struct pktstat_ring *ring)
{
	struct pktstat_slot found;
	__u64 from, sure;
	int cpu;

	from = cur->end > pktstat_samples(ring) ?
	       cur->end - pktstat_samples(ring) : 0;
	from = max_t(__u64, from, ring->geo.first);
	for (;;) {
		sure = from;
		cur->before_frames = 0;
		cur->before_bytes = 0;
		pktstat_for_each_cpu(cpu, ring) {
			struct pktstat_cursor_cpu *cc = &cur->cpu[cpu];

			sure = max_t(__u64, sure,
				     pktstat_resync(ring, cc, cpu, from, &found));
			cc->seen_frames = found.base_frames;
			cc->seen_bytes = found.base_bytes;
			cur->before_frames += found.base_frames;
			cur->before_bytes += found.base_bytes;
		}
		if (sure == from)
			break;
		/* a CPU cannot vouch for the start: start later */
		from = sure;
	}
	cur->pos = from;
	cur->started = true;
}

/* A CPU's next bucket after the last one taken, from its link. */
static void pktstat_derive_next(struct pktstat_cursor *cur,
				const struct pktstat_ring *ring, int cpu)
{
	struct pktstat_cursor_cpu *cc = &cur->cpu[cpu];
	struct pktstat_slot slot, found;
	__u64 next;

	if (cc->next != PKTSTAT_NO_BUCKET || cc->last == cc->open.bucket)
		return;
	if (pktstat_cpu_get(ring, cc, cpu, cc->last, &slot, &next)) {
		cc->next = next;
		return;
	}
	/* the link is overwritten: look for what is left */
	pktstat_skip_to(cur, ring,
			pktstat_resync(ring, cc, cpu, cur->pos, &found));
}

void pktstat_cursor_begin(struct pktstat_cursor *cur,
			  const struct pktstat_ring *ring, __u64 end)
{
	int cpu;

	pktstat_for_each_cpu(cpu, ring)
		pktstat_ring_read_open(ring, cpu, &cur->cpu[cpu].open);
	cur->end = max_t(__u64, cur->end, end);
	cur->settled = false;
	cur->min_known = false;
	if (!cur->started) {
		pktstat_cursor_start(cur, ring);
		return;
	}
	pktstat_for_each_cpu(cpu, ring)
		pktstat_derive_next(cur, ring, cpu);
	/* older buckets than --samples may be gone on some CPU: skip them */
	if (cur->end > cur->pos + pktstat_samples(ring))
		pktstat_skip_to(cur, ring, cur->end - pktstat_samples(ring));
	else
		pktstat_skip_to(cur, ring, cur->pos);
}

/*
 * Add CPU @cpu's part of bucket @b (its next) into @rec; false if it is
 * gone, the reader then skipped past what the CPU cannot vouch for.
 */
static bool pktstat_take(struct pktstat_cursor *cur,
			 const struct pktstat_ring *ring, int cpu, __u64 b,
			 struct pktstat_record *rec)
{
	struct pktstat_cursor_cpu *cc = &cur->cpu[cpu];
	struct pktstat_slot slot, found;
	__u64 next, sure;

	if (!pktstat_cpu_get(ring, cc, cpu, b, &slot, &next)) {
		/* what the other CPUs gave for b is lost with it */
		cur->pend_frames += rec->frames;
		cur->pend_bytes += rec->bytes;
		sure = pktstat_resync(ring, cc, cpu, b + 1, &found);
		pktstat_skip_to(cur, ring, max_t(__u64, sure, b + 1));
		return false;
	}
	pktstat_lose_upto(cur, cc, slot.base_frames, slot.base_bytes);
	pktstat_counted_by(&slot, &cc->seen_frames, &cc->seen_bytes);
	cc->last = b;
	cc->next = next;
	rec->frames += slot.frames;
	rec->bytes += slot.bytes;
	return true;
}

/*
 * The bucket at the reader's position from every CPU that had it; the
 * earliest next bucket of any CPU is known afterwards. The CPUs are walked
 * by index (a CPU that is not possible never has a next bucket): this runs
 * once per bucket with traffic.
 */
static bool pktstat_take_bucket(struct pktstat_cursor *cur,
				const struct pktstat_ring *ring,
				struct pktstat_record *rec)
{
	const __u64 b = cur->pos;
	__u64 m = PKTSTAT_NO_BUCKET;
	unsigned int cpu;

	*rec = (struct pktstat_record){ .kind = PKTSTAT_REC_BUCKET,
					.bucket = b, .count = 1 };
	for (cpu = 0; cpu < cur->ncpus; cpu++) {
		if (cur->cpu[cpu].next == b &&
		    !pktstat_take(cur, ring, cpu, b, rec))
			return false;
		m = min_t(__u64, m, cur->cpu[cpu].next);
	}
	cur->read_frames += rec->frames;
	cur->read_bytes += rec->bytes;
	cur->pos = b + 1;
	cur->min_next = m;
	cur->min_known = true;
	return true;
}

/*
 * The pass is over: what each CPU counted before its next bucket (all it
 * counted, if it has none yet) has been read or is lost by now. A next
 * bucket overwritten already is lost with what came before it.
 */
static void pktstat_settle(struct pktstat_cursor *cur,
			   const struct pktstat_ring *ring)
{
	struct pktstat_slot slot;
	__u64 next, frames, bytes;
	int cpu;

	pktstat_for_each_cpu(cpu, ring) {
		struct pktstat_cursor_cpu *cc = &cur->cpu[cpu];

		if (cc->next != PKTSTAT_NO_BUCKET &&
		    !pktstat_cpu_get(ring, cc, cpu, cc->next, &slot, &next))
			pktstat_skip_to(cur, ring,
					pktstat_resync(ring, cc, cpu,
						       cc->next + 1, &slot));
	}
	pktstat_for_each_cpu(cpu, ring) {
		struct pktstat_cursor_cpu *cc = &cur->cpu[cpu];

		if (cc->next == PKTSTAT_NO_BUCKET) {
			pktstat_counted_by(&cc->open, &frames, &bytes);
			pktstat_lose_upto(cur, cc, frames, bytes);
		} else if (pktstat_cpu_get(ring, cc, cpu, cc->next, &slot,
					   &next)) {
			pktstat_lose_upto(cur, cc, slot.base_frames,
					  slot.base_bytes);
		}
		/* else overwritten this very moment: the next pass tells */
	}
	cur->settled = true;
	cur->min_known = false;
}

/* The earliest next bucket of any CPU. */
static __u64 pktstat_min_next(struct pktstat_cursor *cur)
{
	unsigned int cpu;

	if (!cur->min_known) {
		cur->min_next = PKTSTAT_NO_BUCKET;
		for (cpu = 0; cpu < cur->ncpus; cpu++)
			cur->min_next = min_t(__u64, cur->min_next,
					      cur->cpu[cpu].next);
		cur->min_known = true;
	}
	return cur->min_next;
}

static bool pktstat_report_lost(struct pktstat_cursor *cur,
				struct pktstat_record *rec)
{
	if (!cur->pend_buckets && !cur->pend_frames && !cur->pend_bytes)
		return false;
	*rec = (struct pktstat_record){
		.kind = PKTSTAT_REC_LOST, .count = cur->pend_buckets,
		.frames = cur->pend_frames, .bytes = cur->pend_bytes };
	cur->lost_buckets += cur->pend_buckets;
	cur->lost_frames += cur->pend_frames;
	cur->lost_bytes += cur->pend_bytes;
	cur->pend_buckets = 0;
	cur->pend_frames = 0;
	cur->pend_bytes = 0;
	return true;
}

void pktstat_cursor_next(struct pktstat_cursor *cur,
			 const struct pktstat_ring *ring,
			 struct pktstat_record *rec)
{
	__u64 m;

	for (;;) {
		if (pktstat_report_lost(cur, rec))
			return;
		if (cur->pos >= cur->end) {
			if (cur->settled)
				break;
			pktstat_settle(cur, ring);
			continue;
		}
		m = pktstat_min_next(cur);
		if (m < cur->pos) {
			/* cannot happen: every next is at or after pos */
			pktstat_skip_to(cur, ring, cur->pos);
			continue;
		}
		if (m > cur->pos) {
			*rec = (struct pktstat_record){
				.kind = PKTSTAT_REC_IDLE, .bucket = cur->pos,
				.count = min_t(__u64, m, cur->end) - cur->pos };
			cur->pos += rec->count;
			return;
		}
		if (pktstat_take_bucket(cur, ring, rec))
			return;
		cur->min_known = false;	/* the reader skipped */
	}
	*rec = (struct pktstat_record){ .kind = PKTSTAT_REC_END };
}

void pktstat_cursor_undeliver(struct pktstat_cursor *cur,
			      const struct pktstat_record *rec)
{
	switch (rec->kind) {
	case PKTSTAT_REC_BUCKET:
	case PKTSTAT_REC_IDLE:
		cur->read_frames -= rec->frames;
		cur->read_bytes -= rec->bytes;
		break;
	case PKTSTAT_REC_LOST:
		cur->lost_buckets -= rec->count;
		cur->lost_frames -= rec->frames;
		cur->lost_bytes -= rec->bytes;
		break;
	case PKTSTAT_REC_END:
		return;
	}
	cur->pend_buckets += rec->count;
	cur->pend_frames += rec->frames;
	cur->pend_bytes += rec->bytes;
}
