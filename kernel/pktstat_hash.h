/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A hash table of a network namespace's objects, tags or lender pools, used
 * only under the namespace's lock (a mutex): no RCU, since nothing looks an
 * entry up without that lock. It grows and shrinks with its count, so that a
 * lookup stays O(1) for any number of rules, and adding never fails: a table
 * that cannot be enlarged is only slower.
 *
 * Not rhashtable: its buckets are allocated without __GFP_ACCOUNT (by its
 * own worker, or atomically when an insert finds it full), so a namespace's
 * rules would take memory not charged to whoever added them; an insert
 * could fail where a rule's destroy cannot; and it must be destroyed after
 * the namespace's last rule, which may come after the namespace's exit.
 * These buckets are charged like the rest, and an empty table holds no
 * memory of its own.
 */
#ifndef _PKTSTAT_HASH_H
#define _PKTSTAT_HASH_H

#include <linux/list.h>
#include <linux/types.h>

#define PKTSTAT_HASH_MIN_BITS	4
#define PKTSTAT_HASH_MAX_BITS	26

/* An entry: its hash is kept, so that resizing needs no callback. */
struct pktstat_hnode {
	struct hlist_node node;
	u32 hash;
};

struct pktstat_hash {
	struct hlist_head *buckets;	/* small, or an array of its own */
	unsigned int bits;
	unsigned int count;
	u32 seed;			/* random: names cannot be made to collide */
	struct hlist_head small[1 << PKTSTAT_HASH_MIN_BITS];
};

void pktstat_hash_init(struct pktstat_hash *h);
/* The hash of a string and a number (family, size) that go with it. */
u32 pktstat_hash_str(const struct pktstat_hash *h, const char *s, u64 salt);
void pktstat_hash_add(struct pktstat_hash *h, struct pktstat_hnode *n,
		      u32 hash);
void pktstat_hash_del(struct pktstat_hash *h, struct pktstat_hnode *n);

/* The chain entries of this hash are on (with others: compare the key). */
static inline struct hlist_head *
pktstat_hash_bucket(const struct pktstat_hash *h, u32 hash)
{
	return &h->buckets[hash & ((1U << h->bits) - 1)];
}

#endif /* _PKTSTAT_HASH_H */
