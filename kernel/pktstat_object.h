/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A statistics object: the time buckets behind /proc/net/xt_pktstat/NAME,
 * shared by every rule of a network namespace that names it, and the state
 * of the reader draining them.
 */
#ifndef _PKTSTAT_OBJECT_H
#define _PKTSTAT_OBJECT_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/proc_fs.h>
#include <linux/netfilter/x_tables.h>
#include "xt_pktstat.h"
#include "pktstat_cursor.h"
#include "pktstat_ring.h"
#include "pktstat_addr.h"
#include "pktstat_hash.h"

struct pktstat_lenders;

/* What a rule asks of its object; rules sharing one agree on all of it. */
struct pktstat_params {
	const char *name;		/* NULL: a numbered object */
	u64 period_ns;
	u32 samples;
	u32 max_addresses;		/* 0: no address table */
	u8 prefix4;
	u8 prefix6;
};

/*
 * Which reload took a rule: the process (thread group and its start time)
 * that submitted the ruleset. iptables and iptables-restore submit each
 * ruleset from a process of their own.
 */
struct pktstat_reload {
	pid_t tgid;
	u64 start_time;
};

struct pktstat_object {
	struct pktstat_ring ring;	/* the packet path reads only these */
	struct pktstat_addrs addrs;	/* keys NULL: none */

	/*
	 * The namespace's list and names hold the objects that own their
	 * names: found by name, and skipped by the numbering. All of this is
	 * under the namespace's lock.
	 */
	struct list_head list;
	struct pktstat_hnode hnode;	/* in the names: hashed while listed */
	unsigned int rules;		/* rules using it */
	bool anonymous;			/* numbered, not named by the user */
	/*
	 * -1, or the number it holds in the namespace's numbering: an unnamed
	 * object its own, a named one called by a number that the numbering
	 * met, until it goes.
	 */
	int number;
	/*
	 * A reload that changes a name's period or samples: the new rules'
	 * object waits, off the list and without files, for the last rule of
	 * the old one to go. Both links under the namespace's lock.
	 */
	struct pktstat_object *successor;
	struct pktstat_object *predecessor;
	struct pktstat_reload touched;	/* the last reload to take a rule */
	/*
	 * iptables-legacy replaces a whole table at each change, checking
	 * every rule anew before the old ones go: an unnamed object it makes
	 * shares the memory budget of one of the same table it replaces, and
	 * one charge stands for both until the old one goes, in the same call.
	 * An unnamed object of an iptables-legacy rule is in the pool of its
	 * rule's family and table and its memory, and on the pool's free list
	 * while it has neither.
	 */
	struct pktstat_object *lender;
	struct pktstat_object *borrower;
	struct pktstat_lenders *pool;	/* or NULL */
	struct list_head lend;		/* in pool->free, or empty */
	u32 samples;
	char name[XT_PKTSTAT_NAME_LEN];
	u64 created_ns;
	struct proc_dir_entry *dir;

	/* NAME/data: one reader shared by every file, under lock */
	struct mutex lock;
	struct pktstat_cursor *data;
};

struct pktstat_object *pktstat_object_create(const char *name,
					     const struct pktstat_params *p);
void pktstat_object_free(struct pktstat_object *obj);
size_t pktstat_object_memory(const struct pktstat_object *obj);
/* SIZE_MAX if it does not fit */
size_t pktstat_params_memory(const struct pktstat_params *p);
bool pktstat_object_agrees(const struct pktstat_object *obj,
			   const struct pktstat_params *p);

static inline bool pktstat_object_has_addrs(const struct pktstat_object *obj)
{
	return obj->addrs.keys;
}

static inline void pktstat_object_account(struct pktstat_object *obj,
					  u64 now, unsigned int len)
{
	pktstat_ring_account(&obj->ring, now, len);
}

/* A reader's cursor, positioned by its first pass; NULL: ENOMEM. */
struct pktstat_cursor *pktstat_object_cursor(void);
void pktstat_object_cursor_free(struct pktstat_cursor *cur);
/* Begin a pass of @cur: every bucket closed by now. */
void pktstat_object_begin(struct pktstat_object *obj,
			  struct pktstat_cursor *cur);

#endif /* _PKTSTAT_OBJECT_H */
