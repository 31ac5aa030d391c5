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
	struct pktstat_ring ring;	/* the packet path reads only this */

	struct list_head list;		/* in the namespace, under its lock */
	unsigned int rules;		/* rules using it, under that lock */
	bool anonymous;			/* numbered, not named by the user */
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
	 */
	struct pktstat_object *lender;
	struct pktstat_object *borrower;
	char table[XT_TABLE_MAXNAMELEN];	/* of an unnamed object's rule */
	u8 family;
	u32 samples;
	char name[XT_PKTSTAT_NAME_LEN];
	u64 created_ns;
	struct proc_dir_entry *dir;

	/* NAME/data: one reader shared by every file, under lock */
	struct mutex lock;
	struct pktstat_cursor *data;
};

struct pktstat_object *pktstat_object_create(const char *name, bool anonymous,
					     u64 period_ns, u32 samples);
void pktstat_object_free(struct pktstat_object *obj);
size_t pktstat_object_memory(const struct pktstat_object *obj);

static inline void pktstat_object_account(struct pktstat_object *obj,
					  unsigned int len)
{
	pktstat_ring_account(&obj->ring, len);
}

/* A reader's cursor, positioned by its first pass; NULL: ENOMEM. */
struct pktstat_cursor *pktstat_object_cursor(void);
void pktstat_object_cursor_free(struct pktstat_cursor *cur);
/* Begin a pass of @cur: every bucket closed by now. */
void pktstat_object_begin(struct pktstat_object *obj,
			  struct pktstat_cursor *cur);

#endif /* _PKTSTAT_OBJECT_H */
