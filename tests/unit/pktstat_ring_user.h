/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The ring as the unit tests build it, with the accessors the reader
 * (kernel/pktstat_cursor.c) uses: every CPU's ring in one array, read by a
 * single thread that interleaves writers and readers step by step.
 */
#ifndef _PKTSTAT_RING_USER_H
#define _PKTSTAT_RING_USER_H

#include "pktstat_bucket.h"

#define min_t(type, a, b)	((type)(a) < (type)(b) ? (type)(a) : (type)(b))
#define max_t(type, a, b)	((type)(a) > (type)(b) ? (type)(a) : (type)(b))

struct pktstat_ring {
	struct pktstat_geometry geo;
	struct pktstat_ring_cpu *cpus;
	unsigned int ncpus;
};

#define pktstat_for_each_cpu(cpu, ring) \
	for ((cpu) = 0; (cpu) < (int)(ring)->ncpus; (cpu)++)
#define pktstat_yield()		do { } while (0)

static inline const struct pktstat_ring_cpu *
pktstat_ring_cpu_of(const struct pktstat_ring *ring, int cpu)
{
	return &ring->cpus[cpu];
}

static inline void pktstat_ring_read_open(const struct pktstat_ring *ring,
					  int cpu, struct pktstat_slot *out)
{
	*out = ring->cpus[cpu].open;
}

#endif
