/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tag counters: frames and bytes summed over every rule of a network
 * namespace and family that carries the same tag (the munin
 * traffic_accounting "=tag= description" convention).
 */
#ifndef _PKTSTAT_TAG_H
#define _PKTSTAT_TAG_H

#include <linux/list.h>
#include <linux/percpu.h>
#include <linux/u64_stats_sync.h>
#include "xt_pktstat.h"
#include "pktstat_hash.h"

struct pktstat_tag_cpu {
	u64_stats_t frames;
	u64_stats_t bytes;
	struct u64_stats_sync sync;
};

struct pktstat_tag {
	struct pktstat_tag_cpu __percpu *cpu;	/* the packet path's part */

	/* in the namespace, in order and by family and name, under its lock */
	struct list_head list;
	struct pktstat_hnode hnode;
	unsigned int rules;
	u8 family;
	char name[XT_PKTSTAT_NAME_LEN];
	char desc[XT_PKTSTAT_DESC_LEN];
};

struct pktstat_tag *pktstat_tag_create(u8 family, const char *name,
				       const char *desc);
void pktstat_tag_free(struct pktstat_tag *tag);
void pktstat_tag_totals(const struct pktstat_tag *tag, u64 *frames, u64 *bytes);
const char *pktstat_family_name(u8 family);

/* The packet path, between pktstat_update_begin() and _end(). */
static inline void pktstat_tag_account(struct pktstat_tag *tag,
				       unsigned int len)
{
	struct pktstat_tag_cpu *c = this_cpu_ptr(tag->cpu);

	u64_stats_update_begin(&c->sync);
	u64_stats_inc(&c->frames);
	u64_stats_add(&c->bytes, len);
	u64_stats_update_end(&c->sync);
}

#endif /* _PKTSTAT_TAG_H */
