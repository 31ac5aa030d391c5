// SPDX-License-Identifier: GPL-2.0
/* Address tables: made with the object, filled by packets, read by /proc. */
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/jhash.h>
#include <linux/log2.h>
#include <linux/netfilter.h>
#include <linux/overflow.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/topology.h>
#include "xt_pktstat.h"
#include "pktstat_addr.h"

/*
 * Slots a packet looks at before it settles for "other". With at most half
 * the slots in use, linear probing rarely needs more than a few.
 */
#define PKTSTAT_ADDR_PROBES	16

static u32 pktstat_addrs_slots(u32 max_addresses)
{
	return roundup_pow_of_two(2 * max_addresses);
}

/* Keys, and each possible CPU's counters (one more: other). */
size_t pktstat_addrs_bytes(u32 max_addresses)
{
	size_t slots = pktstat_addrs_slots(max_addresses);
	size_t keys, per_cpu, bytes;

	if (check_mul_overflow(slots, sizeof(struct pktstat_addr_key), &keys) ||
	    check_mul_overflow(slots + 1, sizeof(struct pktstat_addr_count),
			       &per_cpu) ||
	    check_add_overflow(per_cpu, sizeof(struct pktstat_addr_cpu),
			       &per_cpu) ||
	    check_mul_overflow(per_cpu, (size_t)num_possible_cpus(), &bytes) ||
	    check_add_overflow(bytes, keys, &bytes))
		return SIZE_MAX;
	return bytes;
}

static __be32 pktstat_prefix_word(unsigned int bits)
{
	if (bits >= 32)
		return htonl(~0U);
	return bits ? htonl(~0U << (32 - bits)) : 0;
}

static void pktstat_addrs_masks(struct pktstat_addrs *t, u8 prefix4,
				u8 prefix6)
{
	int i;

	t->prefix4 = prefix4;
	t->prefix6 = prefix6;
	t->mask4 = pktstat_prefix_word(prefix4);
	for (i = 0; i < 4; i++)
		t->mask6[i] = pktstat_prefix_word(max(0, prefix6 - 32 * i));
}

int pktstat_addrs_init(struct pktstat_addrs *t, u32 max_addresses,
		       u8 prefix4, u8 prefix6)
{
	u32 slots = pktstat_addrs_slots(max_addresses);
	int cpu;

	t->mask = slots - 1;
	t->max = max_addresses;
	atomic_set(&t->used, 0);
	pktstat_addrs_masks(t, prefix4, prefix6);
	t->keys = kvcalloc(slots, sizeof(*t->keys), GFP_KERNEL_ACCOUNT);
	t->cpu = alloc_percpu_gfp(struct pktstat_addr_cpu, GFP_KERNEL_ACCOUNT);
	if (!t->keys || !t->cpu)
		goto fail;
	for_each_possible_cpu(cpu) {
		struct pktstat_addr_cpu *pc = per_cpu_ptr(t->cpu, cpu);

		u64_stats_init(&pc->syncp);
		pc->counts = kvzalloc_node(array_size(slots + 1,
						      sizeof(*pc->counts)),
					   GFP_KERNEL_ACCOUNT, cpu_to_node(cpu));
		if (!pc->counts)
			goto fail;
	}
	return 0;
fail:
	pktstat_addrs_destroy(t);
	return -ENOMEM;
}

void pktstat_addrs_destroy(struct pktstat_addrs *t)
{
	int cpu;

	if (t->cpu) {
		for_each_possible_cpu(cpu)
			kvfree(per_cpu_ptr(t->cpu, cpu)->counts);
		free_percpu(t->cpu);
		t->cpu = NULL;
	}
	kvfree(t->keys);
	t->keys = NULL;
}

/* The packet's source or destination address, masked; its slot state. */
static u32 pktstat_addr_of(const struct pktstat_addrs *t,
			   const struct sk_buff *skb, u8 family, bool src,
			   __be32 addr[4])
{
	int i;

	if (family == NFPROTO_IPV4) {
		const struct iphdr *iph = ip_hdr(skb);

		memset(addr, 0, 4 * sizeof(*addr));
		addr[0] = (src ? iph->saddr : iph->daddr) & t->mask4;
		return PKTSTAT_ADDR_IPV4;
	}
	for (i = 0; i < 4; i++) {
		const struct ipv6hdr *ip6h = ipv6_hdr(skb);
		const struct in6_addr *a = src ? &ip6h->saddr : &ip6h->daddr;

		addr[i] = a->s6_addr32[i] & t->mask6[i];
	}
	return PKTSTAT_ADDR_IPV6;
}

/*
 * Claim a free slot for an address, within max. A slot another CPU is
 * writing (BUSY) is waited for: that CPU runs with preemption and bottom
 * halves off, for the few stores between its cmpxchg and its release.
 */
static bool pktstat_addr_claim(struct pktstat_addrs *t,
			       struct pktstat_addr_key *k, u32 state,
			       const __be32 addr[4])
{
	if (atomic_inc_return(&t->used) > t->max) {
		atomic_dec(&t->used);
		return false;
	}
	if (cmpxchg(&k->state, PKTSTAT_ADDR_FREE, PKTSTAT_ADDR_BUSY) !=
	    PKTSTAT_ADDR_FREE) {
		atomic_dec(&t->used);
		return false;
	}
	memcpy(k->addr, addr, sizeof(k->addr));
	/* pairs with the acquire of readers: the address before the state */
	smp_store_release(&k->state, state);
	return true;
}

static u32 pktstat_addr_state(const struct pktstat_addr_key *k)
{
	u32 state;

	/* pairs with the claim's release: a state seen, its address too */
	while ((state = smp_load_acquire(&k->state)) == PKTSTAT_ADDR_BUSY)
		cpu_relax();
	return state;
}

/* The slot of an address, claimed if new; t->mask + 1 (other) if none. */
static u32 pktstat_addr_slot(struct pktstat_addrs *t, u32 state,
			     const __be32 addr[4])
{
	u32 h = jhash2((const u32 *)addr, 4, state);
	u32 i, s;

	for (i = 0; i < PKTSTAT_ADDR_PROBES; i++) {
		struct pktstat_addr_key *k = &t->keys[(h + i) & t->mask];

		s = pktstat_addr_state(k);
		if (s == PKTSTAT_ADDR_FREE) {
			if (pktstat_addr_claim(t, k, state, addr))
				return (h + i) & t->mask;
			if (atomic_read(&t->used) >= t->max)
				return t->mask + 1;
			/* another CPU took it first: maybe for this address */
			s = pktstat_addr_state(k);
		}
		if (s == state && !memcmp(k->addr, addr, sizeof(k->addr)))
			return (h + i) & t->mask;
	}
	return t->mask + 1;
}

static void pktstat_addr_add(struct pktstat_addr_cpu *pc, u32 slot, bool src,
			     unsigned int len)
{
	struct pktstat_addr_count *c = &pc->counts[slot];

	u64_stats_update_begin(&pc->syncp);
	if (src) {
		u64_stats_inc(&c->src_frames);
		u64_stats_add(&c->src_bytes, len);
	} else {
		u64_stats_inc(&c->dst_frames);
		u64_stats_add(&c->dst_bytes, len);
	}
	u64_stats_update_end(&pc->syncp);
}

void pktstat_addrs_account(struct pktstat_addrs *t, const struct sk_buff *skb,
			   u8 family, u8 by, unsigned int len)
{
	struct pktstat_addr_cpu *pc = this_cpu_ptr(t->cpu);
	__be32 addr[4];
	u32 state;

	if (by & XT_PKTSTAT_BY_SRC) {
		state = pktstat_addr_of(t, skb, family, true, addr);
		pktstat_addr_add(pc, pktstat_addr_slot(t, state, addr), true, len);
	}
	if (by & XT_PKTSTAT_BY_DST) {
		state = pktstat_addr_of(t, skb, family, false, addr);
		pktstat_addr_add(pc, pktstat_addr_slot(t, state, addr), false, len);
	}
}

/* --- NAME/addresses ---------------------------------------------------- */

/* a slot's counters, summed over the CPUs */
static void pktstat_addr_sum(const struct pktstat_addrs *t, u32 slot,
			     u64 sum[4])
{
	int cpu;

	memset(sum, 0, 4 * sizeof(*sum));
	for_each_possible_cpu(cpu) {
		const struct pktstat_addr_cpu *pc = per_cpu_ptr(t->cpu, cpu);
		const struct pktstat_addr_count *c = &pc->counts[slot];
		u64 sf, sb, df, db;
		unsigned int seq;

		do {
			seq = u64_stats_fetch_begin(&pc->syncp);
			sf = u64_stats_read(&c->src_frames);
			sb = u64_stats_read(&c->src_bytes);
			df = u64_stats_read(&c->dst_frames);
			db = u64_stats_read(&c->dst_bytes);
		} while (u64_stats_fetch_retry(&pc->syncp, seq));
		sum[0] += sf;
		sum[1] += sb;
		sum[2] += df;
		sum[3] += db;
	}
}

/*
 * Positions: 0 the header, 1 + slot for a slot in use, 2 + mask for other.
 * Free slots are skipped, with a pause now and then: a table has up to
 * 131072 slots. Returns the first position from @pos that has a line.
 */
static loff_t pktstat_addrs_seek(const struct pktstat_addrs *t, loff_t pos)
{
	u64 slot;

	if (pos == 0)
		return 0;
	for (slot = pos - 1; slot <= t->mask; slot++) {
		/* pairs with the claim's release, as pktstat_addr_state() */
		if (smp_load_acquire(&t->keys[slot].state) >= PKTSTAT_ADDR_IPV4)
			break;
		if (!(slot % 1024))
			cond_resched();
	}
	return slot + 1;
}

/* proc_create_seq_data() leaves the data with the inode, not in m->private */
static const struct pktstat_addrs *pktstat_addrs_of(struct seq_file *m)
{
	return pde_data(file_inode(m->file));
}

static void *pktstat_addrs_at(struct seq_file *m, loff_t *pos)
{
	const struct pktstat_addrs *t = pktstat_addrs_of(m);

	*pos = pktstat_addrs_seek(t, *pos);
	if (*pos == 0)
		return SEQ_START_TOKEN;
	if (*pos > (loff_t)t->mask + 2)
		return NULL;
	/* the slot after the last stands for other */
	return (void *)&t->keys[*pos - 1];
}

static void *pktstat_addrs_start(struct seq_file *m, loff_t *pos)
{
	return pktstat_addrs_at(m, pos);
}

static void *pktstat_addrs_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return pktstat_addrs_at(m, pos);
}

static void pktstat_addrs_stop(struct seq_file *m, void *v)
{
}

static void pktstat_addr_print(struct seq_file *m,
			       const struct pktstat_addrs *t,
			       const struct pktstat_addr_key *k)
{
	if (k->state == PKTSTAT_ADDR_IPV4) {
		seq_printf(m, "%pI4", k->addr);
		if (t->prefix4 < 32)
			seq_printf(m, "/%u", t->prefix4);
	} else {
		seq_printf(m, "%pI6c", k->addr);
		if (t->prefix6 < 128)
			seq_printf(m, "/%u", t->prefix6);
	}
}

static int pktstat_addrs_show(struct seq_file *m, void *v)
{
	const struct pktstat_addrs *t = pktstat_addrs_of(m);
	const struct pktstat_addr_key *k = v;
	u32 slot;
	u64 sum[4];

	if (v == SEQ_START_TOKEN) {
		seq_puts(m, XT_PKTSTAT_ADDRESSES_HEADER "\n");
		return 0;
	}
	slot = k - t->keys;
	if (slot > t->mask)
		seq_puts(m, XT_PKTSTAT_ADDRESSES_OTHER);
	else
		pktstat_addr_print(m, t, k);
	pktstat_addr_sum(t, slot, sum);
	seq_printf(m, " %llu %llu %llu %llu\n", sum[0], sum[1], sum[2], sum[3]);
	return 0;
}

const struct seq_operations pktstat_addrs_seq_ops = {
	.start	= pktstat_addrs_start,
	.next	= pktstat_addrs_next,
	.stop	= pktstat_addrs_stop,
	.show	= pktstat_addrs_show,
};
