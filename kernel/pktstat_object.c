// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics objects and how their buckets are drained.
 *
 * Nothing is lost silently: frames returned by reads (read_frames), plus
 * frames reported lost, plus frames in buckets not yet returned, always equal
 * what the rules counted. Losses are not counted on the packet path; the
 * reader derives them from what each CPU had counted before the next bucket
 * it will return (see pktstat_ring_before()).
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
	if (pktstat_ring_init(&obj->ring, period_ns, samples)) {
		kfree(obj);
		return NULL;
	}
	strscpy(obj->name, name, sizeof(obj->name));
	obj->anonymous = anonymous;
	obj->samples = samples;
	obj->created_ns = ktime_get_real_ns();
	obj->next = pktstat_ring_current_bucket(&obj->ring);
	mutex_init(&obj->lock);
	INIT_LIST_HEAD(&obj->list);
	return obj;
}

void pktstat_object_free(struct pktstat_object *obj)
{
	pktstat_ring_destroy(&obj->ring);
	mutex_destroy(&obj->lock);
	kfree(obj);
}

size_t pktstat_object_memory(const struct pktstat_object *obj)
{
	return pktstat_ring_bytes(obj->samples);
}

/*
 * Begin a read: returns the end of the pass, the bucket in progress now.
 * Of the buckets closed before it, at most --samples are still held; older
 * ones are skipped, to be reported as lost.
 */
u64 pktstat_object_start_pass(struct pktstat_object *obj)
{
	u64 end = pktstat_ring_current_bucket(&obj->ring);

	lockdep_assert_held(&obj->lock);
	if (end > obj->next + obj->samples) {
		obj->skipped += end - obj->samples - obj->next;
		obj->next = end - obj->samples;
	}
	return end;
}

/* Return the next closed bucket and move past it. */
void pktstat_object_take(struct pktstat_object *obj, u64 *start_ns,
			 u64 *frames, u64 *bytes)
{
	lockdep_assert_held(&obj->lock);
	pktstat_ring_bucket(&obj->ring, obj->next, frames, bytes);
	*start_ns = pktstat_bucket_start_ns(&obj->ring.geo, obj->next);
	obj->read_frames += *frames;
	obj->read_bytes += *bytes;
	obj->next++;
}

/*
 * What was lost since the last report; false if nothing. Everything counted
 * before the next bucket and not returned by a read is lost for good.
 */
bool pktstat_object_losses(struct pktstat_object *obj, u64 *buckets,
			   u64 *frames, u64 *bytes)
{
	u64 before_frames, before_bytes;

	lockdep_assert_held(&obj->lock);
	pktstat_ring_before(&obj->ring, obj->next, &before_frames, &before_bytes);
	*buckets = obj->skipped;
	*frames = before_frames - obj->read_frames - obj->lost_frames;
	*bytes = before_bytes - obj->read_bytes - obj->lost_bytes;
	if (!*buckets && !*frames && !*bytes)
		return false;
	obj->skipped = 0;
	obj->lost_buckets += *buckets;
	obj->lost_frames += *frames;
	obj->lost_bytes += *bytes;
	return true;
}
