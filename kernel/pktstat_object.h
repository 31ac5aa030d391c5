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

	/* the reader's side, under lock */
	struct mutex lock;
	u64 next;			/* next bucket to return */
	u64 read_frames, read_bytes;
	u64 skipped;			/* buckets dropped, not yet reported */
	u64 lost_buckets, lost_frames, lost_bytes;
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

/* The reader, with obj->lock held. */
u64 pktstat_object_start_pass(struct pktstat_object *obj);
void pktstat_object_take(struct pktstat_object *obj, u64 *start_ns,
			 u64 *frames, u64 *bytes);
bool pktstat_object_losses(struct pktstat_object *obj, u64 *buckets,
			   u64 *frames, u64 *bytes);

#endif /* _PKTSTAT_OBJECT_H */
