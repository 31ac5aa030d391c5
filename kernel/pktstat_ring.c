// SPDX-License-Identifier: GPL-2.0
/* Allocation of the per-CPU rings, and the reader's view of them. */
#include <linux/cpumask.h>
#include <linux/minmax.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/topology.h>
#include "pktstat_ring.h"

/* SIZE_MAX if it does not fit in a size_t (a 32-bit kernel). */
size_t pktstat_ring_bytes(u32 samples)
{
	size_t per_cpu, bytes;

	if (check_mul_overflow((size_t)samples + PKTSTAT_SPARE_SLOTS,
			       sizeof(struct pktstat_closed), &per_cpu) ||
	    check_add_overflow(per_cpu, sizeof(struct pktstat_percpu),
			       &per_cpu) ||
	    check_mul_overflow(per_cpu, (size_t)num_possible_cpus(), &bytes))
		return SIZE_MAX;
	return bytes;
}

/*
 * Bucket starts are multiples of the period in Unix time, but the buckets are
 * driven by a clock that never steps: the offset between the two is taken
 * once, when the object is created. It comes from the timekeeper's own
 * offsets, not from two clock reads a moment apart: every object made while
 * the wall clock was not stepped has the very same offset, so that rules
 * which count a packet at the same time count it in the same bucket.
 */
static u64 pktstat_clock_offset(void)
{
	return (u64)ktime_to_ns(ktime_mono_to_any(0, TK_OFFS_REAL)) -
	       (u64)ktime_to_ns(ktime_mono_to_any(0, TK_OFFS_BOOT));
}

int pktstat_ring_init(struct pktstat_ring *ring, u64 period_ns, u32 samples)
{
	int cpu;

	ring->geo.period_ns = period_ns;
	ring->geo.offset_ns = pktstat_clock_offset();
	ring->geo.nslots = (u64)samples + PKTSTAT_SPARE_SLOTS;
	ring->geo.first = pktstat_bucket_of(&ring->geo, pktstat_clock_ns());
	ring->cpu = alloc_percpu_gfp(struct pktstat_percpu, GFP_KERNEL_ACCOUNT);
	if (!ring->cpu)
		return -ENOMEM;

	for_each_possible_cpu(cpu) {
		struct pktstat_percpu *pc = per_cpu_ptr(ring->cpu, cpu);

		seqcount_init(&pc->seq);
		pc->ring.slots = kvmalloc_node(array_size(ring->geo.nslots,
							  sizeof(struct pktstat_closed)),
					       GFP_KERNEL_ACCOUNT, cpu_to_node(cpu));
		if (!pc->ring.slots) {
			pktstat_ring_destroy(ring);
			return -ENOMEM;
		}
		pktstat_ring_cpu_init(&pc->ring, &ring->geo);
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
	return pktstat_bucket_closed_at(&ring->geo, pktstat_clock_ns(),
					PKTSTAT_CLOSE_GUARD_NS);
}

void pktstat_ring_read_open(const struct pktstat_ring *ring, int cpu,
			    struct pktstat_slot *out)
{
	const struct pktstat_percpu *pc = per_cpu_ptr(ring->cpu, cpu);
	unsigned int seq;

	do {
		seq = read_seqcount_begin(&pc->seq);
		*out = pc->ring.open;
	} while (read_seqcount_retry(&pc->seq, seq));
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
		pktstat_ring_read_open(ring, cpu, &open);
		pktstat_counted_by(&open, &f, &b);
		*frames += f;
		*bytes += b;
	}
}
