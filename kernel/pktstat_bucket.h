/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Time buckets of one CPU: the arithmetic and the packet-path update,
 * free of kernel dependencies so that the unit tests and the micro-benchmark
 * compile this very code in userspace.
 *
 * Bucket n covers [n * period, (n+1) * period) nanoseconds of Unix time.
 * Each CPU counts the bucket in progress (the open bucket) in its own header,
 * beside the time at which it closes: the packet path writes one cache line.
 * When the bucket closes, it is copied into the CPU's ring of slots, at slot
 * n % nslots, where it stays until the ring comes round again; it links to
 * the next bucket the CPU opened. Besides its
 * own frames and bytes, a bucket records what the CPU had counted before it
 * began (base_*): a reader can then tell exactly how much was overwritten
 * before it got there, without the packet path ever looking at the reader.
 */
#ifndef _PKTSTAT_BUCKET_H
#define _PKTSTAT_BUCKET_H

#ifdef __KERNEL__
#include <linux/compiler.h>
#include <linux/limits.h>
#include <linux/math64.h>
#include <linux/types.h>
#include <asm/barrier.h>
#else
#include "pktstat_user.h"
#endif

/*
 * No bucket: a slot never written, or being rewritten. Real bucket numbers
 * are Unix nanoseconds divided by at least 10us, far below it; bucket 0
 * (the first 10us of 1970) is a bucket like any other.
 */
#define PKTSTAT_NO_BUCKET	U64_MAX
/* What a slot holds while it is rewritten: newer than any real bucket. */
#define PKTSTAT_BUSY_BUCKET	(U64_MAX - 1)

/* A bucket of one CPU: the open one, or a reader's copy of a closed one. */
struct pktstat_slot {
	__u64 bucket;		/* bucket number, or PKTSTAT_NO_BUCKET */
	__u64 frames;
	__u64 bytes;
	__u64 base_frames;	/* this CPU's frames before the bucket began */
	__u64 base_bytes;
};

/* A closed bucket in the ring. */
struct pktstat_closed {
	struct pktstat_slot b;
	__u64 next;		/* the bucket this CPU opened after it */
};

/* Read-mostly parameters of an object, the same for every CPU. */
struct pktstat_geometry {
	__u64 period_ns;
	/*
	 * Unix time minus the bucketing clock, modulo 2^64: when the wall
	 * clock is behind the boot-time clock (a box booted without an RTC),
	 * it "wraps", and clock + offset is still the Unix time.
	 */
	__u64 offset_ns;
	__u64 nslots;
	__u64 first;		/* the bucket the object was created in */
};

/* One CPU's buckets; written only by that CPU. */
struct pktstat_ring_cpu {
	__u64 end_ns;			/* clock value at which open closes */
	struct pktstat_slot open;	/* the bucket in progress */
	struct pktstat_closed *slots;	/* closed buckets */
};

/* Slots kept beyond --samples: one for a CPU whose clock is ahead of the
 * reader's by the reader's guard, one for a CPU that moves on while a reader
 * works, so that --samples closed buckets are always there to be read.
 */
#define PKTSTAT_SPARE_SLOTS	2

static inline __u64 pktstat_bucket_of(const struct pktstat_geometry *g,
				      __u64 now)
{
	return div64_u64(now + g->offset_ns, g->period_ns);
}

static inline __u64 pktstat_bucket_start_ns(const struct pktstat_geometry *g,
					    __u64 bucket)
{
	return bucket * g->period_ns;
}

/*
 * The oldest bucket that may still be written at @now, when no CPU's clock
 * is more than @guard_ns behind: every bucket before it is closed.
 */
static inline __u64 pktstat_bucket_closed_at(const struct pktstat_geometry *g,
					     __u64 now, __u64 guard_ns)
{
	__u64 unix_ns = now + g->offset_ns;

	/* in the first moments of 1970, nothing is closed yet */
	if (unix_ns < guard_ns)
		return 0;
	return div64_u64(unix_ns - guard_ns, g->period_ns);
}

static inline struct pktstat_closed *
pktstat_slot_of(const struct pktstat_geometry *g, struct pktstat_closed *slots,
		__u64 bucket)
{
	__u64 idx;

	div64_u64_rem(bucket, g->nslots, &idx);
	return &slots[idx];
}

/* What a CPU had counted when @b ended; of its open bucket, all it counted. */
static inline void pktstat_counted_by(const struct pktstat_slot *b,
				      __u64 *frames, __u64 *bytes)
{
	*frames = b->base_frames + b->frames;
	*bytes = b->base_bytes + b->bytes;
}

/* Open the bucket that @now falls in; it closes at its end on this clock. */
static inline void pktstat_open(struct pktstat_ring_cpu *r,
				const struct pktstat_geometry *g, __u64 bucket)
{
	r->open.bucket = bucket;
	r->end_ns = (bucket + 1) * g->period_ns - g->offset_ns;
}

/* A CPU's ring at creation: no closed bucket, the creation bucket open. */
static inline void pktstat_ring_cpu_init(struct pktstat_ring_cpu *r,
					 const struct pktstat_geometry *g)
{
	__u64 i;

	for (i = 0; i < g->nslots; i++)
		r->slots[i].b.bucket = PKTSTAT_NO_BUCKET;
	r->open = (struct pktstat_slot){ 0 };
	pktstat_open(r, g, g->first);
}

/*
 * Store a closed bucket in its slot. The slot's bucket number works as its
 * sequence count: it reads PKTSTAT_BUSY_BUCKET while the rest changes, so a
 * reader that sees the same number before and after copying the slot has a
 * consistent copy (pktstat_slot_read()), without the writer ever waiting.
 */
static inline void pktstat_slot_publish(struct pktstat_closed *slot,
					const struct pktstat_slot *b,
					__u64 next)
{
	WRITE_ONCE(slot->b.bucket, PKTSTAT_BUSY_BUCKET);
	smp_wmb();	/* busy before the new contents: pktstat_slot_read() */
	slot->b.frames = b->frames;
	slot->b.bytes = b->bytes;
	slot->b.base_frames = b->base_frames;
	slot->b.base_bytes = b->base_bytes;
	slot->next = next;
	smp_wmb();	/* the new contents before their bucket number */
	WRITE_ONCE(slot->b.bucket, b->bucket);
}

/*
 * Copy @slot into @out and its link into @next; false if it does not hold
 * @bucket; @seen then says why: PKTSTAT_NO_BUCKET or a bucket before
 * @bucket if the CPU never closed @bucket, a later one (or
 * PKTSTAT_BUSY_BUCKET) if @bucket may have been there and is overwritten.
 */
static inline bool pktstat_slot_read(const struct pktstat_closed *slot,
				     __u64 bucket, struct pktstat_slot *out,
				     __u64 *next, __u64 *seen)
{
	*seen = READ_ONCE(slot->b.bucket);
	if (*seen != bucket)
		return false;
	smp_rmb();	/* the number before the contents: pktstat_slot_publish() */
	out->frames = READ_ONCE(slot->b.frames);
	out->bytes = READ_ONCE(slot->b.bytes);
	out->base_frames = READ_ONCE(slot->b.base_frames);
	out->base_bytes = READ_ONCE(slot->b.base_bytes);
	*next = READ_ONCE(slot->next);
	smp_rmb();	/* the contents before the number again */
	*seen = READ_ONCE(slot->b.bucket);
	out->bucket = bucket;
	return *seen == bucket;
}

/*
 * Close the open bucket and open the one that @now falls in. One division,
 * no loop however long the CPU was idle: the buckets it skipped are simply
 * empty, and the closed bucket links to the next one the CPU had, so that
 * readers walk only the buckets with traffic.
 */
static inline void pktstat_roll(struct pktstat_ring_cpu *r,
				const struct pktstat_geometry *g, __u64 now)
{
	__u64 bucket = pktstat_bucket_of(g, now);

	pktstat_slot_publish(pktstat_slot_of(g, r->slots, r->open.bucket),
			     &r->open, bucket);
	r->open.base_frames += r->open.frames;
	r->open.base_bytes += r->open.bytes;
	r->open.frames = 0;
	r->open.bytes = 0;
	pktstat_open(r, g, bucket);
}

/*
 * Count one packet of @len bytes seen at @now. The clock only moves this
 * CPU forward: a @now before the open bucket (another CPU's clock read a
 * little behind) counts in the open bucket.
 */
static inline void pktstat_account(struct pktstat_ring_cpu *r,
				   const struct pktstat_geometry *g,
				   __u64 now, unsigned int len)
{
	if (unlikely(now >= r->end_ns))
		pktstat_roll(r, g, now);
	r->open.frames++;
	r->open.bytes += len;
}

#endif /* _PKTSTAT_BUCKET_H */
