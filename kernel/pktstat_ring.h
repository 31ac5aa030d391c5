/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-CPU rings of time buckets: the packet path writes its own CPU's ring
 * and nothing else; readers merge the CPUs without stopping them, each CPU's
 * state read under that CPU's sequence count.
 */
#ifndef _PKTSTAT_RING_H
#define _PKTSTAT_RING_H

#include <linux/cache.h>
#include <linux/minmax.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/seqlock.h>
#include <linux/timekeeping.h>
#include "pktstat_bucket.h"

/*
 * What the packet path writes: one cache line of this CPU's own (64 bytes
 * without lockdep, whose seqcount carries more).
 */
struct pktstat_percpu {
	seqcount_t seq;
	struct pktstat_ring_cpu ring;
} ____cacheline_aligned_in_smp;

struct pktstat_ring {
	struct pktstat_geometry geo;
	struct pktstat_percpu __percpu *cpu;
};

/* The bucketing clock: monotonic, and counts time spent suspended. */
static inline u64 pktstat_clock_ns(void)
{
	return ktime_get_boottime_ns();
}

int pktstat_ring_init(struct pktstat_ring *ring, u64 period_ns, u32 samples);
void pktstat_ring_destroy(struct pktstat_ring *ring);
size_t pktstat_ring_bytes(u32 samples);

/* The oldest bucket that may still be written; every one before is closed. */
u64 pktstat_ring_current_bucket(const struct pktstat_ring *ring);
/* Everything counted so far, over all CPUs. */
void pktstat_ring_totals(const struct pktstat_ring *ring,
			 u64 *frames, u64 *bytes);
/* The CPU's open bucket, read consistently. */
void pktstat_ring_read_open(const struct pktstat_ring *ring, int cpu,
			    struct pktstat_slot *out);

/* What the reader (pktstat_cursor.c) needs of the ring, in the kernel. */
#define pktstat_for_each_cpu(cpu, ring)	for_each_possible_cpu(cpu)
#define pktstat_yield()			cond_resched()

static inline const struct pktstat_ring_cpu *
pktstat_ring_cpu_of(const struct pktstat_ring *ring, int cpu)
{
	return &per_cpu_ptr(ring->cpu, cpu)->ring;
}

/*
 * The packet path, between pktstat_update_begin() and _end(); @now is
 * pktstat_packet_clock()'s (pktstat_clock.h).
 */
static inline void pktstat_ring_account(struct pktstat_ring *ring, u64 now,
					unsigned int len)
{
	struct pktstat_percpu *pc = this_cpu_ptr(ring->cpu);

	write_seqcount_begin(&pc->seq);
	pktstat_account(&pc->ring, &ring->geo, now, len);
	write_seqcount_end(&pc->seq);
}

#endif /* _PKTSTAT_RING_H */
