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
#include "xt_pktstat.h"
#include "pktstat_cursor.h"
#include "pktstat_ring.h"

struct pktstat_object {
	struct pktstat_ring ring;	/* the packet path reads only this */

	struct list_head list;		/* in the namespace, under its lock */
	unsigned int rules;		/* rules using it, under that lock */
	bool anonymous;			/* numbered, not named by the user */
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
