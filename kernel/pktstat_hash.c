// SPDX-License-Identifier: GPL-2.0
/*
 * The namespace's hash tables: chains of one entry on average, at most
 * PKTSTAT_HASH_MAX_BITS bits. A table doubles (or more) when it holds more
 * entries than buckets and shrinks when it holds fewer than an eighth of
 * them, so each resize is paid for by as many adds or deletes as it moves
 * entries; an empty table is back to its small array.
 */
#include <linux/bitops.h>
#include <linux/jhash.h>
#include <linux/minmax.h>
#include <linux/random.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "pktstat_hash.h"

void pktstat_hash_init(struct pktstat_hash *h)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(h->small); i++)
		INIT_HLIST_HEAD(&h->small[i]);
	h->buckets = h->small;
	h->bits = PKTSTAT_HASH_MIN_BITS;
	h->count = 0;
	h->seed = get_random_u32();
}

u32 pktstat_hash_str(const struct pktstat_hash *h, const char *s, u64 salt)
{
	return jhash(s, strlen(s),
		     jhash_2words(lower_32_bits(salt), upper_32_bits(salt),
				  h->seed));
}

/*
 * Move every entry to a table sized for the count: twice to four times as
 * many buckets as entries. Under the caller's mutex, which nothing else
 * takes for long: rescheduling on the way is fine.
 */
static void pktstat_hash_resize(struct pktstat_hash *h)
{
	unsigned int bits = clamp(fls(h->count) + 1, PKTSTAT_HASH_MIN_BITS,
				  PKTSTAT_HASH_MAX_BITS);
	unsigned int i, old_size = 1U << h->bits;
	struct hlist_head *old = h->buckets, *buckets = h->small;
	struct pktstat_hnode *n;
	struct hlist_node *next;

	if (bits == h->bits)
		return;
	if (bits > PKTSTAT_HASH_MIN_BITS) {
		buckets = kvmalloc_array(1U << bits, sizeof(*buckets),
					 GFP_KERNEL_ACCOUNT | __GFP_NOWARN);
		if (!buckets)
			return;	/* longer chains: slower, still right */
	}
	for (i = 0; i < 1U << bits; i++)
		INIT_HLIST_HEAD(&buckets[i]);
	h->buckets = buckets;
	h->bits = bits;
	for (i = 0; i < old_size; i++) {
		hlist_for_each_entry_safe(n, next, &old[i], node)
			hlist_add_head(&n->node, pktstat_hash_bucket(h, n->hash));
		if (!(i % 1024))
			cond_resched();
	}
	if (old != h->small)
		kvfree(old);
}

void pktstat_hash_add(struct pktstat_hash *h, struct pktstat_hnode *n,
		      u32 hash)
{
	n->hash = hash;
	h->count++;
	if (h->count > 1U << h->bits && h->bits < PKTSTAT_HASH_MAX_BITS)
		pktstat_hash_resize(h);
	hlist_add_head(&n->node, pktstat_hash_bucket(h, hash));
}

void pktstat_hash_del(struct pktstat_hash *h, struct pktstat_hnode *n)
{
	hlist_del_init(&n->node);
	h->count--;
	if (h->bits > PKTSTAT_HASH_MIN_BITS && h->count < (1U << h->bits) / 8)
		pktstat_hash_resize(h);
}
