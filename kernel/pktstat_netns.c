// SPDX-License-Identifier: GPL-2.0
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
/* The per-namespace registry of objects and tags. */
#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/netfilter/x_tables.h>
#include <net/netns/generic.h>
#include "pktstat_netns.h"
#include "pktstat_proc.h"

static unsigned int max_memory_mb = 256;
module_param(max_memory_mb, uint, 0644);
MODULE_PARM_DESC(max_memory_mb,
		 "bucket memory the objects of one network namespace may use, in MiB (default 256)");

static unsigned int pktstat_net_id __read_mostly;

struct pktstat_net *pktstat_pernet(struct net *net)
{
	return net_generic(net, pktstat_net_id);
}

/*
 * Reserve an object's bucket memory against max_memory_mb, which each
 * network namespace has for itself: what an unprivileged user's namespace
 * takes is not the host's to lose (the memory is also charged to the
 * memory cgroup of whoever added the rule). Under pn->lock.
 */
static int pktstat_memory_charge(struct pktstat_net *pn, const char *name,
				 size_t bytes)
{
	u64 limit = (u64)READ_ONCE(max_memory_mb) << 20;

	lockdep_assert_held(&pn->lock);
	if (bytes <= limit && pn->memory_used <= limit - bytes) {
		pn->memory_used += bytes;
		return 0;
	}
	pr_info_ratelimited("%s needs %zu KiB of bucket memory, but only %llu KiB of max_memory_mb=%llu are free in this network namespace\n",
			    name, bytes >> 10,
			    (limit - min(limit, pn->memory_used)) >> 10,
			    limit >> 20);
	return -ENOMEM;
}

static void pktstat_memory_uncharge(struct pktstat_net *pn, size_t bytes)
{
	lockdep_assert_held(&pn->lock);
	pn->memory_used -= bytes;
}

static struct pktstat_object *pktstat_object_find(struct pktstat_net *pn,
						  const char *name)
{
	struct pktstat_object *obj;

	list_for_each_entry(obj, &pn->objects, list)
		if (!strcmp(obj->name, name))
			return obj;
	return NULL;
}

/* Unnamed rules get the smallest number no object uses, as they always did. */
static void pktstat_anonymous_name(struct pktstat_net *pn, char *name,
				   size_t size)
{
	unsigned int n;

	for (n = 0; ; n++) {
		snprintf(name, size, "%u", n);
		if (!pktstat_object_find(pn, name))
			return;
	}
}

/* A rule naming an existing object must agree with it. */
static int pktstat_object_match(const struct pktstat_object *obj,
				const struct xt_pktstat_info *info)
{
	if (obj->anonymous) {
		pr_info_ratelimited("name %s is taken by an unnamed rule\n",
				    obj->name);
		return -EEXIST;
	}
	if (obj->ring.geo.period_ns != info->period_ns) {
		pr_info_ratelimited("%s: period %lluns differs from the object's %lluns\n",
				    obj->name, info->period_ns,
				    obj->ring.geo.period_ns);
		return -EINVAL;
	}
	if (obj->samples != info->samples) {
		pr_info_ratelimited("%s: samples %u differs from the object's %u\n",
				    obj->name, info->samples, obj->samples);
		return -EINVAL;
	}
	return 0;
}

static int pktstat_object_new(struct pktstat_net *pn,
			      const struct xt_pktstat_info *info,
			      struct pktstat_object **objp)
{
	bool anonymous = !(info->flags & XT_PKTSTAT_F_NAME);
	char name[XT_PKTSTAT_NAME_LEN];
	struct pktstat_object *obj;
	size_t bytes = pktstat_ring_bytes(info->samples);
	int err;

	if (anonymous)
		pktstat_anonymous_name(pn, name, sizeof(name));
	else
		strscpy(name, info->name, sizeof(name));

	err = pktstat_memory_charge(pn, name, bytes);
	if (err)
		return err;
	obj = pktstat_object_create(name, anonymous, info->period_ns,
				    info->samples);
	if (!obj) {
		pktstat_memory_uncharge(pn, bytes);
		return -ENOMEM;
	}
	err = pktstat_proc_object_add(pn, obj);
	if (err) {
		pktstat_object_free(obj);
		pktstat_memory_uncharge(pn, bytes);
		return err;
	}
	list_add_tail(&obj->list, &pn->objects);
	*objp = obj;
	return 0;
}

int pktstat_object_get(struct net *net, const struct xt_pktstat_info *info,
		       struct pktstat_object **objp)
{
	struct pktstat_net *pn = pktstat_pernet(net);
	struct pktstat_object *obj = NULL;
	int err = 0;

	mutex_lock(&pn->lock);
	if (info->flags & XT_PKTSTAT_F_NAME)
		obj = pktstat_object_find(pn, info->name);
	if (obj)
		err = pktstat_object_match(obj, info);
	else
		err = pktstat_object_new(pn, info, &obj);
	if (!err) {
		obj->rules++;
		*objp = obj;
	}
	mutex_unlock(&pn->lock);
	return err;
}

void pktstat_object_put(struct net *net, struct pktstat_object *obj)
{
	struct pktstat_net *pn = pktstat_pernet(net);

	mutex_lock(&pn->lock);
	if (--obj->rules) {
		mutex_unlock(&pn->lock);
		return;
	}
	list_del(&obj->list);
	if (pn->dir)
		pktstat_proc_object_remove(obj);
	pktstat_memory_uncharge(pn, pktstat_object_memory(obj));
	mutex_unlock(&pn->lock);

	pktstat_object_free(obj);
}

static struct pktstat_tag *pktstat_tag_find(struct pktstat_net *pn, u8 family,
					    const char *name)
{
	struct pktstat_tag *tag;

	list_for_each_entry(tag, &pn->tags, list)
		if (tag->family == family && !strcmp(tag->name, name))
			return tag;
	return NULL;
}

/* The first rule to bring a tag gives it its description, as munin does. */
int pktstat_tag_get(struct net *net, u8 family,
		    const struct xt_pktstat_info *info, struct pktstat_tag **tagp)
{
	struct pktstat_net *pn = pktstat_pernet(net);
	struct pktstat_tag *tag;

	mutex_lock(&pn->lock);
	tag = pktstat_tag_find(pn, family, info->tag);
	if (!tag) {
		tag = pktstat_tag_create(family, info->tag, info->desc);
		if (!tag) {
			mutex_unlock(&pn->lock);
			return -ENOMEM;
		}
		list_add_tail(&tag->list, &pn->tags);
	}
	tag->rules++;
	*tagp = tag;
	mutex_unlock(&pn->lock);
	return 0;
}

void pktstat_tag_put(struct net *net, struct pktstat_tag *tag)
{
	struct pktstat_net *pn = pktstat_pernet(net);
	bool last;

	mutex_lock(&pn->lock);
	last = !--tag->rules;
	if (last)
		list_del(&tag->list);
	mutex_unlock(&pn->lock);
	if (last)
		pktstat_tag_free(tag);
}

static int __net_init pktstat_net_init(struct net *net)
{
	struct pktstat_net *pn = pktstat_pernet(net);

	mutex_init(&pn->lock);
	INIT_LIST_HEAD(&pn->objects);
	INIT_LIST_HEAD(&pn->tags);
	pn->user_ns = net->user_ns;
	return pktstat_proc_net_init(net, pn);
}

/*
 * May run before the namespace's rules are destroyed: take the /proc entries
 * away now, and leave the objects to their rules' destroy.
 */
static void __net_exit pktstat_net_exit(struct net *net)
{
	struct pktstat_net *pn = pktstat_pernet(net);
	struct pktstat_object *obj;

	/* not under pn->lock: removal waits for tags readers, who take it */
	pktstat_proc_net_exit(net, pn);
	mutex_lock(&pn->lock);
	pn->dir = NULL;
	list_for_each_entry(obj, &pn->objects, list)
		obj->dir = NULL;
	mutex_unlock(&pn->lock);
}

static struct pernet_operations pktstat_net_ops = {
	.init	= pktstat_net_init,
	.exit	= pktstat_net_exit,
	.id	= &pktstat_net_id,
	.size	= sizeof(struct pktstat_net),
};

int pktstat_netns_register(void)
{
	return register_pernet_subsys(&pktstat_net_ops);
}

void pktstat_netns_unregister(void)
{
	unregister_pernet_subsys(&pktstat_net_ops);
}
