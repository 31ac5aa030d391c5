/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The time a packet is counted at: read once per packet per iptables table
 * traversal, whatever the number of pktstat rules the packet crosses there.
 *
 * Reading the clock is most of what a bucket rule costs. While an x_tables
 * table is traversed (ipt_do_table(), ip6t_do_table()), the CPU's xt_recseq
 * is odd and keeps one value, and no other traversal can start on this CPU
 * (bottom halves are off; on PREEMPT_RT the CPU's softirq lock is held,
 * which pktstat_update_begin() would wait for). So the first pktstat rule
 * that sees a packet in a traversal reads the clock and keeps the value per
 * CPU with the sequence value and the skb; the next rules of the same
 * traversal and the same skb take it. A packet sent from within the
 * traversal (REJECT, TEE) is another skb: it reads the clock again, and so
 * does the first packet after it. A reading is also never taken more than a
 * second (HZ jiffies) after it was made, so that a sequence value that came
 * round again (2^31 traversals later) with an skb at the same address cannot
 * match: that many traversals do not fit in a second. (Not "the same tick":
 * a chain that runs across a tick would then read the clock twice.)
 *
 * nf_tables (iptables-nft) leaves xt_recseq alone: there, the sequence is
 * even and every rule reads the clock.
 *
 * What this changes: the later rules of a long chain count the packet at
 * the time the first one saw it. If a reader returned that bucket in the
 * meantime (a chain longer than PKTSTAT_CLOSE_GUARD_NS to run), the packet
 * is reported lost by the next read, as any late packet is.
 */
#ifndef _PKTSTAT_CLOCK_H
#define _PKTSTAT_CLOCK_H

#include <linux/jiffies.h>
#include <linux/netfilter/x_tables.h>
#include <linux/percpu.h>
#include <linux/skbuff.h>
#include "pktstat_ring.h"

struct pktstat_clock_cache {
	u64 now;
	const struct sk_buff *skb;
	unsigned long tick;	/* jiffies when now was read */
	unsigned int seq;
};

DECLARE_PER_CPU(struct pktstat_clock_cache, pktstat_clock_cache);

/* Between pktstat_update_begin() and _end(): this CPU's cache is ours. */
static inline u64 pktstat_packet_clock(const struct sk_buff *skb)
{
	struct pktstat_clock_cache *c = this_cpu_ptr(&pktstat_clock_cache);
	unsigned int seq = __this_cpu_read(xt_recseq.sequence);
	unsigned long tick = READ_ONCE(jiffies);

	if (!(seq & 1))
		return pktstat_clock_ns();
	if (c->seq != seq || c->skb != skb || time_after(tick, c->tick + HZ)) {
		c->now = pktstat_clock_ns();
		c->seq = seq;
		c->skb = skb;
		c->tick = tick;
	}
	return c->now;
}

#endif /* _PKTSTAT_CLOCK_H */
