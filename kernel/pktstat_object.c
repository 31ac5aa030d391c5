// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics objects, and the cursors their readers keep. NAME/data has one
 * cursor for all its readers, started with the object, so that its reads
 * (read_frames), plus what they reported lost, plus what is not read yet,
 * always equal what the rules counted; each NAME/stream file has its own.
 */
#include <linux/slab.h>
#include <linux/string.h>
#include "pktstat_object.h"

struct pktstat_object *pktstat_object_create(const char *name, bool anonymous,
					     u64 period_ns, u32 samples)
{
	struct pktstat_object *obj;

	obj = kzalloc(sizeof(*obj), GFP_KERNEL_ACCOUNT);
	if (!obj)
		return NULL;
	/* before the ring is made: its first bucket starts at most a period before */
	obj->created_ns = ktime_get_real_ns();
	if (pktstat_ring_init(&obj->ring, period_ns, samples)) {
		kfree(obj);
		return NULL;
	}
	strscpy(obj->name, name, sizeof(obj->name));
	obj->anonymous = anonymous;
	obj->samples = samples;
	obj->data = pktstat_object_cursor();
	if (!obj->data) {
		pktstat_ring_destroy(&obj->ring);
		kfree(obj);
		return NULL;
	}
	/* data reads start with the object: nothing counted comes before */
	pktstat_cursor_begin(obj->data, &obj->ring, obj->ring.geo.first);
	mutex_init(&obj->lock);
	INIT_LIST_HEAD(&obj->list);
	return obj;
}

void pktstat_object_free(struct pktstat_object *obj)
{
	pktstat_object_cursor_free(obj->data);
	pktstat_ring_destroy(&obj->ring);
	mutex_destroy(&obj->lock);
	kfree(obj);
}

size_t pktstat_object_memory(const struct pktstat_object *obj)
{
	return pktstat_ring_bytes(obj->samples);
}

/* A reader's cursor, for every possible CPU id; NULL: ENOMEM. */
struct pktstat_cursor *pktstat_object_cursor(void)
{
	struct pktstat_cursor *cur;

	cur = kvzalloc(pktstat_cursor_size(nr_cpu_ids), GFP_KERNEL_ACCOUNT);
	if (cur)
		pktstat_cursor_init(cur, nr_cpu_ids);
	return cur;
}

void pktstat_object_cursor_free(struct pktstat_cursor *cur)
{
	kvfree(cur);
}

void pktstat_object_begin(struct pktstat_object *obj,
			  struct pktstat_cursor *cur)
{
	pktstat_cursor_begin(cur, &obj->ring,
			     pktstat_ring_current_bucket(&obj->ring));
}
