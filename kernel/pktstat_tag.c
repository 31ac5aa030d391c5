// SPDX-License-Identifier: GPL-2.0
#include <linux/netfilter.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "pktstat_tag.h"

struct pktstat_tag *pktstat_tag_create(u8 family, const char *name,
				       const char *desc)
{
	struct pktstat_tag *tag;
	int cpu;

	tag = kzalloc(sizeof(*tag), GFP_KERNEL_ACCOUNT);
	if (!tag)
		return NULL;
	tag->cpu = alloc_percpu_gfp(struct pktstat_tag_cpu, GFP_KERNEL_ACCOUNT);
	if (!tag->cpu) {
		kfree(tag);
		return NULL;
	}
	for_each_possible_cpu(cpu)
		u64_stats_init(&per_cpu_ptr(tag->cpu, cpu)->sync);
	tag->family = family;
	strscpy(tag->name, name, sizeof(tag->name));
	strscpy(tag->desc, desc, sizeof(tag->desc));
	INIT_LIST_HEAD(&tag->list);
	INIT_HLIST_NODE(&tag->hnode.node);
	return tag;
}

void pktstat_tag_free(struct pktstat_tag *tag)
{
	free_percpu(tag->cpu);
	kfree(tag);
}

void pktstat_tag_totals(const struct pktstat_tag *tag, u64 *frames, u64 *bytes)
{
	unsigned int start;
	u64 f, b;
	int cpu;

	*frames = 0;
	*bytes = 0;
	for_each_possible_cpu(cpu) {
		const struct pktstat_tag_cpu *c = per_cpu_ptr(tag->cpu, cpu);

		do {
			start = u64_stats_fetch_begin(&c->sync);
			f = u64_stats_read(&c->frames);
			b = u64_stats_read(&c->bytes);
		} while (u64_stats_fetch_retry(&c->sync, start));
		*frames += f;
		*bytes += b;
	}
}

const char *pktstat_family_name(u8 family)
{
	return family == NFPROTO_IPV6 ? "ipv6" : "ipv4";
}
