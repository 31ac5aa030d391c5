// SPDX-License-Identifier: GPL-2.0
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
/* The per-namespace registry of objects and tags. */
#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/netfilter/x_tables.h>
#include <linux/sched.h>
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

static void pktstat_reload_current(struct pktstat_reload *reload)
{
	reload->tgid = task_tgid_nr(current);
	reload->start_time = current->group_leader->start_time;
}

static bool pktstat_reload_is_current(const struct pktstat_reload *reload)
{
	struct pktstat_reload now;

	pktstat_reload_current(&now);
	return reload->tgid == now.tgid && reload->start_time == now.start_time;
}

static bool pktstat_object_agrees(const struct pktstat_object *obj,
				  const struct xt_pktstat_info *info)
{
	return obj->ring.geo.period_ns == info->period_ns &&
	       obj->samples == info->samples;
}

static int pktstat_object_disagree(const struct pktstat_object *obj,
				   const struct xt_pktstat_info *info,
				   const char *why)
{
	pr_info_ratelimited("%s: period %lluns samples %u refused: %s period %lluns samples %u\n",
			    obj->name, info->period_ns, info->samples, why,
			    obj->ring.geo.period_ns, obj->samples);
	return -EINVAL;
}

/*
 * Under pn->lock: for an unnamed rule checked by an iptables-legacy table
 * replace, an unnamed object of the same size and table that this replace
 * did not make: its rule is being replaced, and goes when the call ends.
 * (iptables-nft changes only the rules it names: no such certainty.)
 */
static struct pktstat_object *pktstat_lender_find(struct pktstat_net *pn,
						  const struct xt_mtchk_param *par,
						  u32 samples)
{
	struct pktstat_object *obj;

	if (par->nft_compat)
		return NULL;
	list_for_each_entry(obj, &pn->objects, list)
		if (obj->anonymous && obj->samples == samples &&
		    obj->family == par->family &&
		    !strcmp(obj->table, par->table) &&
		    !obj->lender && !obj->borrower &&
		    !pktstat_reload_is_current(&obj->touched))
			return obj;
	return NULL;
}

static int pktstat_object_new(struct pktstat_net *pn,
			      const struct xt_mtchk_param *par,
			      const struct xt_pktstat_info *info,
			      struct pktstat_object **objp)
{
	bool anonymous = !(info->flags & XT_PKTSTAT_F_NAME);
	size_t bytes = pktstat_ring_bytes(info->samples);
	struct pktstat_object *obj, *lender = NULL;
	char name[XT_PKTSTAT_NAME_LEN];
	int err;

	if (anonymous) {
		pktstat_anonymous_name(pn, name, sizeof(name));
		lender = pktstat_lender_find(pn, par, info->samples);
	} else {
		strscpy(name, info->name, sizeof(name));
	}
	if (!lender) {
		err = pktstat_memory_charge(pn, name, bytes);
		if (err)
			return err;
	}
	obj = pktstat_object_create(name, anonymous, info->period_ns,
				    info->samples);
	if (!obj) {
		if (!lender)
			pktstat_memory_uncharge(pn, bytes);
		return -ENOMEM;
	}
	if (lender) {
		obj->lender = lender;
		lender->borrower = obj;
	}
	strscpy(obj->table, par->table, sizeof(obj->table));
	obj->family = par->family;
	*objp = obj;
	return 0;
}

/* The charge of an object that goes: kept by its partner if it has one. */
static void pktstat_object_uncharge(struct pktstat_net *pn,
				    struct pktstat_object *obj)
{
	if (obj->borrower)
		obj->borrower->lender = NULL;
	else if (obj->lender)
		obj->lender->borrower = NULL;
	else
		pktstat_memory_uncharge(pn, pktstat_object_memory(obj));
}

static int pktstat_object_publish(struct pktstat_net *pn,
				  struct pktstat_object *obj)
{
	int err = pktstat_proc_object_add(pn, obj);

	if (err)
		return err;
	list_add_tail(&obj->list, &pn->objects);
	return 0;
}

static void pktstat_object_discard(struct pktstat_net *pn,
				   struct pktstat_object *obj)
{
	pktstat_object_uncharge(pn, obj);
	pktstat_object_free(obj);
}

/*
 * A rule asks @obj's name for other parameters. Within one reload (the same
 * process), every rule that names it must agree: a rule of this reload
 * already holds @obj, or the change is already under way with other values.
 * Otherwise the rules of the reload share a successor, which takes over the
 * name when the last rule with the old parameters goes.
 */
static int pktstat_object_change(struct pktstat_net *pn,
				 const struct xt_mtchk_param *par,
				 struct pktstat_object *obj,
				 const struct xt_pktstat_info *info,
				 struct pktstat_object **objp)
{
	struct pktstat_object *next = obj->successor;
	int err;

	if (next) {
		if (!pktstat_object_agrees(next, info))
			return pktstat_object_disagree(next, info,
						       "another rule changes it to");
		*objp = next;
		return 0;
	}
	if (pktstat_reload_is_current(&obj->touched))
		return pktstat_object_disagree(obj, info,
					       "another rule of this ruleset has");
	err = pktstat_object_new(pn, par, info, &next);
	if (err)
		return err;
	next->predecessor = obj;
	obj->successor = next;
	pr_info_ratelimited("%s: period %lluns samples %u replace period %lluns samples %u when the last rule with those goes\n",
			    obj->name, info->period_ns, info->samples,
			    obj->ring.geo.period_ns, obj->samples);
	*objp = next;
	return 0;
}

/* Under pn->lock: the object @info's rule is to count into. */
static int pktstat_object_lookup(struct pktstat_net *pn,
				 const struct xt_mtchk_param *par,
				 const struct xt_pktstat_info *info,
				 struct pktstat_object **objp)
{
	struct pktstat_object *obj = NULL;
	int err;

	if (info->flags & XT_PKTSTAT_F_NAME)
		obj = pktstat_object_find(pn, info->name);
	if (!obj) {
		err = pktstat_object_new(pn, par, info, &obj);
		if (err)
			return err;
		err = pktstat_object_publish(pn, obj);
		if (err) {
			pktstat_object_discard(pn, obj);
			return err;
		}
		*objp = obj;
		return 0;
	}
	if (obj->anonymous) {
		pr_info_ratelimited("name %s is taken by an unnamed rule\n",
				    obj->name);
		return -EEXIST;
	}
	if (!pktstat_object_agrees(obj, info))
		return pktstat_object_change(pn, par, obj, info, objp);
	if (obj->successor)
		return pktstat_object_disagree(obj->successor, info,
					       "another rule changes it to");
	*objp = obj;
	return 0;
}

int pktstat_object_get(const struct xt_mtchk_param *par,
		       const struct xt_pktstat_info *info,
		       struct pktstat_object **objp)
{
	struct pktstat_net *pn = pktstat_pernet(par->net);
	struct pktstat_object *obj;
	int err;

	mutex_lock(&pn->lock);
	err = pktstat_object_lookup(pn, par, info, &obj);
	if (!err) {
		obj->rules++;
		pktstat_reload_current(&obj->touched);
		*objp = obj;
	}
	mutex_unlock(&pn->lock);
	return err;
}

/*
 * The old parameters' last rule went: the successor takes the name and gets
 * its files. The old object's unread buckets go with it, as when the last
 * rule of a name is deleted.
 */
static void pktstat_object_promote(struct pktstat_net *pn,
				   struct pktstat_object *next)
{
	int err;

	next->predecessor = NULL;
	if (!pn->dir) {		/* the namespace is going: no files */
		list_add_tail(&next->list, &pn->objects);
		return;
	}
	err = pktstat_object_publish(pn, next);
	if (err) {
		/* counted still, and freed with its rules; but not readable */
		pr_warn("%s: no /proc files for the new parameters (error %d)\n",
			next->name, err);
		INIT_LIST_HEAD(&next->list);
	}
}

void pktstat_object_put(struct net *net, struct pktstat_object *obj)
{
	struct pktstat_net *pn = pktstat_pernet(net);

	mutex_lock(&pn->lock);
	if (--obj->rules) {
		mutex_unlock(&pn->lock);
		return;
	}
	if (obj->predecessor) {
		/* a reload that changed the parameters failed: undo it */
		obj->predecessor->successor = NULL;
	} else {
		list_del(&obj->list);
		if (obj->dir)
			pktstat_proc_object_remove(obj);
		if (obj->successor)
			pktstat_object_promote(pn, obj->successor);
	}
	pktstat_object_uncharge(pn, obj);
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
