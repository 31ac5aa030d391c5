// SPDX-License-Identifier: GPL-2.0
/* Allocation of the per-CPU rings, and the reader's view of them. */
#include <linux/cpumask.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/topology.h>
#include "pktstat_ring.h"

size_t pktstat_ring_bytes(u32 samples)
{
	return (((size_t)samples + PKTSTAT_SPARE_SLOTS) *
		sizeof(struct pktstat_slot) + sizeof(struct pktstat_percpu)) *
	       num_possible_cpus();
}

/*
 * Bucket starts are multiples of the period in Unix time, but the buckets are
 * driven by a clock that never steps: the offset between the two is taken
 * once, when the object is created.
 */
static u64 pktstat_clock_offset(void)
{
	return ktime_get_real_ns() - pktstat_clock_ns();
}

int pktstat_ring_init(struct pktstat_ring *ring, u64 period_ns, u32 samples)
{
	int cpu;

	ring->geo.period_ns = period_ns;
	ring->geo.offset_ns = pktstat_clock_offset();
	ring->geo.nslots = (u64)samples + PKTSTAT_SPARE_SLOTS;
	ring->cpu = alloc_percpu(struct pktstat_percpu);
	if (!ring->cpu)
		return -ENOMEM;

	for_each_possible_cpu(cpu) {
		struct pktstat_percpu *pc = per_cpu_ptr(ring->cpu, cpu);

		seqcount_init(&pc->seq);
		pc->ring.slots = kvzalloc_node(array_size(ring->geo.nslots,
							  sizeof(struct pktstat_slot)),
					       GFP_KERNEL_ACCOUNT, cpu_to_node(cpu));
		if (!pc->ring.slots) {
			pktstat_ring_destroy(ring);
			return -ENOMEM;
		}
	}
	return 0;
}

void pktstat_ring_destroy(struct pktstat_ring *ring)
{
	int cpu;

	if (!ring->cpu)
		return;
	for_each_possible_cpu(cpu)
		kvfree(per_cpu_ptr(ring->cpu, cpu)->ring.slots);
	free_percpu(ring->cpu);
	ring->cpu = NULL;
}

/*
 * A writer reads the clock inside its sequence count, but its opening store
 * may become visible to other CPUs a little after that read, and CPUs' clocks
 * may differ by a little: a bucket counts as closed only this long after its
 * end, so that no packet can still be on its way into it.
 */
#define PKTSTAT_CLOSE_GUARD_NS	10000

u64 pktstat_ring_current_bucket(const struct pktstat_ring *ring)
{
	return pktstat_bucket_of(&ring->geo,
				 pktstat_clock_ns() - PKTSTAT_CLOSE_GUARD_NS);
}

/* @bucket on one CPU, read consistently; false if the CPU does not hold it. */
static bool pktstat_read_bucket(const struct pktstat_ring *ring, int cpu,
				u64 bucket, struct pktstat_slot *out)
{
	const struct pktstat_percpu *pc = per_cpu_ptr(ring->cpu, cpu);
	unsigned int seq;
	bool held;

	do {
		seq = read_seqcount_begin(&pc->seq);
		held = pktstat_cpu_bucket(&pc->ring, &ring->geo, bucket, out);
	} while (read_seqcount_retry(&pc->seq, seq));
	return held;
}

/* The CPU's open bucket, read consistently; bucket 0 before its first packet. */
static void pktstat_read_open(const struct pktstat_ring *ring, int cpu,
			      struct pktstat_slot *out)
{
	const struct pktstat_percpu *pc = per_cpu_ptr(ring->cpu, cpu);
	unsigned int seq;

	do {
		seq = read_seqcount_begin(&pc->seq);
		*out = pc->ring.open;
	} while (read_seqcount_retry(&pc->seq, seq));
}

void pktstat_ring_bucket(const struct pktstat_ring *ring, u64 bucket,
			 u64 *frames, u64 *bytes)
{
	struct pktstat_slot slot;
	int cpu;

	*frames = 0;
	*bytes = 0;
	for_each_possible_cpu(cpu) {
		if (!pktstat_read_bucket(ring, cpu, bucket, &slot))
			continue;
		*frames += slot.frames;
		*bytes += slot.bytes;
	}
}

/*
 * What one CPU had counted before @bucket began: the base of the first
 * bucket from @bucket on that the CPU still holds, or all it counted if it
 * has not reached @bucket. Buckets overwritten since are thereby counted
 * as before @bucket: they can no longer be read.
 */
static void pktstat_cpu_before(const struct pktstat_ring *ring, int cpu,
			       u64 bucket, u64 *frames, u64 *bytes)
{
	struct pktstat_slot open, slot;
	u64 b;

	for (;;) {
		pktstat_read_open(ring, cpu, &open);
		if (open.bucket < bucket) {
			pktstat_counted_by(&open, frames, bytes);
			return;
		}
		/* older buckets than a ring's worth are gone for sure */
		b = max(bucket, open.bucket - ring->geo.nslots);
		for (; b <= open.bucket; b++) {
			if (pktstat_read_bucket(ring, cpu, b, &slot)) {
				*frames = slot.base_frames;
				*bytes = slot.base_bytes;
				return;
			}
		}
		/* the CPU moved on past open while we scanned: look again */
	}
}

void pktstat_ring_before(const struct pktstat_ring *ring, u64 bucket,
			 u64 *frames, u64 *bytes)
{
	u64 f, b;
	int cpu;

	*frames = 0;
	*bytes = 0;
	for_each_possible_cpu(cpu) {
		pktstat_cpu_before(ring, cpu, bucket, &f, &b);
		*frames += f;
		*bytes += b;
	}
}

void pktstat_ring_totals(const struct pktstat_ring *ring, u64 *frames,
			 u64 *bytes)
{
	struct pktstat_slot open;
	u64 f, b;
	int cpu;

	*frames = 0;
	*bytes = 0;
	for_each_possible_cpu(cpu) {
		pktstat_read_open(ring, cpu, &open);
		pktstat_counted_by(&open, &f, &b);
		*frames += f;
		*bytes += b;
	}
}
