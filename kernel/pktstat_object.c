// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics objects, and the cursors their readers keep. NAME/data has one
 * cursor for all its readers, started with the object, so that its reads
 * (read_frames), plus what they reported lost, plus what is not read yet,
 * always equal what the rules counted; each NAME/stream file has its own.
 */
#include <linux/overflow.h>
#include <linux/slab.h>
#include <linux/string.h>
#include "pktstat_object.h"

struct pktstat_object *pktstat_object_create(const char *name,
					     const struct pktstat_params *p)
{
	struct pktstat_object *obj;

	obj = kzalloc(sizeof(*obj), GFP_KERNEL_ACCOUNT);
	if (!obj)
		return NULL;
	/* before the ring is made: its first bucket starts at most a period before */
	obj->created_ns = ktime_get_real_ns();
	if (pktstat_ring_init(&obj->ring, p->period_ns, p->samples))
		goto fail;
	if (p->max_addresses &&
	    pktstat_addrs_init(&obj->addrs, p->max_addresses, p->prefix4,
			       p->prefix6))
		goto fail;
	strscpy(obj->name, name, sizeof(obj->name));
	obj->anonymous = !p->name;
	obj->samples = p->samples;
	obj->data = pktstat_object_cursor();
	if (!obj->data)
		goto fail;
	/* data reads start with the object: nothing counted comes before */
	pktstat_cursor_begin(obj->data, &obj->ring, obj->ring.geo.first);
	mutex_init(&obj->lock);
	INIT_LIST_HEAD(&obj->list);
	INIT_HLIST_NODE(&obj->hnode.node);
	INIT_LIST_HEAD(&obj->lend);
	obj->number = -1;
	return obj;
fail:
	pktstat_addrs_destroy(&obj->addrs);
	pktstat_ring_destroy(&obj->ring);
	kfree(obj);
	return NULL;
}

void pktstat_object_free(struct pktstat_object *obj)
{
	pktstat_object_cursor_free(obj->data);
	pktstat_addrs_destroy(&obj->addrs);
	pktstat_ring_destroy(&obj->ring);
	mutex_destroy(&obj->lock);
	kfree(obj);
}

size_t pktstat_params_memory(const struct pktstat_params *p)
{
	size_t bytes = pktstat_ring_bytes(p->samples);

	if (p->max_addresses &&
	    check_add_overflow(bytes, pktstat_addrs_bytes(p->max_addresses),
			       &bytes))
		return SIZE_MAX;
	return bytes;
}

size_t pktstat_object_memory(const struct pktstat_object *obj)
{
	size_t bytes = pktstat_ring_bytes(obj->samples);

	if (pktstat_object_has_addrs(obj))
		bytes += pktstat_addrs_bytes(obj->addrs.max);
	return bytes;
}

bool pktstat_object_agrees(const struct pktstat_object *obj,
			   const struct pktstat_params *p)
{
	const struct pktstat_addrs *t = &obj->addrs;

	if (obj->ring.geo.period_ns != p->period_ns ||
	    obj->samples != p->samples)
		return false;
	if (!pktstat_object_has_addrs(obj))
		return !p->max_addresses;
	return t->max == p->max_addresses && t->prefix4 == p->prefix4 &&
	       t->prefix6 == p->prefix6;
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
