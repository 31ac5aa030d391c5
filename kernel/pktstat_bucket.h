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
 * n % nslots, where it stays until the ring comes round again. Besides its
 * own frames and bytes, a bucket records what the CPU had counted before it
 * began (base_*): a reader can then tell exactly how much was overwritten
 * before it got there, without the packet path ever looking at the reader.
 */
#ifndef _PKTSTAT_BUCKET_H
#define _PKTSTAT_BUCKET_H

#ifdef __KERNEL__
#include <linux/compiler.h>
#include <linux/math64.h>
#include <linux/types.h>
#else
#include <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#ifndef unlikely
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif
static inline __u64 div64_u64(__u64 a, __u64 b) { return a / b; }
static inline __u64 div64_u64_rem(__u64 a, __u64 b, __u64 *rem)
{
	*rem = a % b;
	return a / b;
}
#endif

struct pktstat_slot {
	__u64 bucket;		/* bucket number; 0 (1970) means never used */
	__u64 frames;
	__u64 bytes;
	__u64 base_frames;	/* this CPU's frames before the bucket began */
	__u64 base_bytes;
};

/* Read-mostly parameters of an object, the same for every CPU. */
struct pktstat_geometry {
	__u64 period_ns;
	__u64 offset_ns;	/* Unix time minus the bucketing clock */
	__u64 nslots;
};

/* One CPU's buckets; written only by that CPU. */
struct pktstat_ring_cpu {
	__u64 end_ns;			/* clock value at which open closes */
	struct pktstat_slot open;	/* bucket 0 until the first packet */
	struct pktstat_slot *slots;	/* closed buckets */
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

static inline struct pktstat_slot *
pktstat_slot_of(const struct pktstat_geometry *g, struct pktstat_slot *slots,
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

/*
 * @bucket as this CPU holds it, open or closed, into @out; false if the CPU
 * never had it or has overwritten it.
 */
static inline bool pktstat_cpu_bucket(const struct pktstat_ring_cpu *r,
				      const struct pktstat_geometry *g,
				      __u64 bucket, struct pktstat_slot *out)
{
	const struct pktstat_slot *slot = &r->open;

	if (slot->bucket != bucket)
		slot = pktstat_slot_of(g, r->slots, bucket);
	if (slot->bucket != bucket)
		return false;
	*out = *slot;
	return true;
}

/*
 * Close the open bucket and open the one that @now falls in. One division,
 * no loop however long the CPU was idle: the buckets it skipped are simply
 * empty.
 */
static inline void pktstat_roll(struct pktstat_ring_cpu *r,
				const struct pktstat_geometry *g, __u64 now)
{
	__u64 bucket = pktstat_bucket_of(g, now);

	if (r->open.bucket)
		*pktstat_slot_of(g, r->slots, r->open.bucket) = r->open;
	r->open.base_frames += r->open.frames;
	r->open.base_bytes += r->open.bytes;
	r->open.frames = 0;
	r->open.bytes = 0;
	r->open.bucket = bucket;
	r->end_ns = (bucket + 1) * g->period_ns - g->offset_ns;
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
