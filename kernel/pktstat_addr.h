/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An object's address table: frames and bytes per source or destination
 * address (masked to a prefix), counted on the packet path without locks
 * and without allocation. Slots are made when the object is, twice as many
 * as addresses allowed; a new address claims a free slot with one cmpxchg.
 * What finds no slot (the table is full, or a rare long probe) is counted
 * in "other", so that every column sums to what the rules counted.
 */
#ifndef _PKTSTAT_ADDR_H
#define _PKTSTAT_ADDR_H

#include <linux/atomic.h>
#include <linux/percpu.h>
#include <linux/skbuff.h>
#include <linux/u64_stats_sync.h>

struct seq_file;

/* what a slot holds: nothing yet, being written, or an address */
enum {
	PKTSTAT_ADDR_FREE,
	PKTSTAT_ADDR_BUSY,
	PKTSTAT_ADDR_IPV4,
	PKTSTAT_ADDR_IPV6,
};

struct pktstat_addr_key {
	u32 state;
	__be32 addr[4];		/* masked; an IPv4 address in addr[0] */
};

struct pktstat_addr_count {
	u64_stats_t src_frames, src_bytes;
	u64_stats_t dst_frames, dst_bytes;
};

/* each CPU's counters: one per slot, then other */
struct pktstat_addr_cpu {
	struct u64_stats_sync syncp;
	struct pktstat_addr_count *counts;
};

struct pktstat_addrs {
	u32 mask;			/* slots - 1 */
	u32 max;			/* addresses allowed */
	atomic_t used;			/* slots claimed */
	__be32 mask4;
	__be32 mask6[4];
	u8 prefix4, prefix6;
	struct pktstat_addr_key *keys;
	struct pktstat_addr_cpu __percpu *cpu;
};

size_t pktstat_addrs_bytes(u32 max_addresses);
int pktstat_addrs_init(struct pktstat_addrs *t, u32 max_addresses,
		       u8 prefix4, u8 prefix6);
void pktstat_addrs_destroy(struct pktstat_addrs *t);

/* The packet path, between pktstat_update_begin() and _end(). */
void pktstat_addrs_account(struct pktstat_addrs *t, const struct sk_buff *skb,
			   u8 family, u8 by, unsigned int len);

/* seq_file operations of NAME/addresses, whose proc data is the table */
extern const struct seq_operations pktstat_addrs_seq_ops;

#endif /* _PKTSTAT_ADDR_H */
