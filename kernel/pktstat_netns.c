// SPDX-License-Identifier: GPL-2.0
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
/* The per-namespace registry of objects and tags. */
#include <linux/atomic.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/netfilter/x_tables.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
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

/* The object that owns @name: only those on pn->objects do. */
static struct pktstat_object *pktstat_object_find(struct pktstat_net *pn,
						  const char *name)
{
	u32 hash = pktstat_hash_str(&pn->names, name, 0);
	struct pktstat_object *obj;

	lockdep_assert_held(&pn->lock);
	hlist_for_each_entry(obj, pktstat_hash_bucket(&pn->names, hash),
			     hnode.node)
		if (obj->hnode.hash == hash && !strcmp(obj->name, name))
			return obj;
	return NULL;
}

/*
 * Unnamed rules get the smallest number no object uses, as they always did:
 * the smallest number that neither the IDA holds nor a listed object is
 * called. The IDA holds the numbers of unnamed objects, and those of named
 * objects called by a number that this search met: it reserves that number
 * for the object until the object goes, so each named object is passed
 * over once in its life and a search is O(log n), not a walk per number.
 * A negative error if the IDA cannot grow, or the caller is killed.
 */
static int pktstat_anonymous_number(struct pktstat_net *pn)
{
	char name[XT_PKTSTAT_NAME_LEN];
	struct pktstat_object *owner;
	int n;

	for (;;) {
		n = ida_alloc(&pn->numbers, GFP_KERNEL_ACCOUNT);
		if (n < 0)
			return n;
		snprintf(name, sizeof(name), "%d", n);
		owner = pktstat_object_find(pn, name);
		if (!owner)
			return n;
		/* a named object: it keeps n until it goes */
		owner->number = n;
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
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

/* "period 10000ns samples 1000 addresses 1024/32/64" */
static void pktstat_params_text(const struct pktstat_params *p, char *buf,
				size_t size)
{
	int n = snprintf(buf, size, "period %lluns samples %u", p->period_ns,
			 p->samples);

	if (p->max_addresses)
		snprintf(buf + n, size - n, " addresses %u/%u/%u",
			 p->max_addresses, p->prefix4, p->prefix6);
}

static void pktstat_object_params(const struct pktstat_object *obj,
				  struct pktstat_params *p)
{
	p->name = obj->name;
	p->period_ns = obj->ring.geo.period_ns;
	p->samples = obj->samples;
	p->max_addresses = obj->addrs.keys ? obj->addrs.max : 0;
	p->prefix4 = obj->addrs.prefix4;
	p->prefix6 = obj->addrs.prefix6;
}

#define PKTSTAT_PARAMS_TEXT	80

static int pktstat_object_disagree(const struct pktstat_object *obj,
				   const struct pktstat_params *p,
				   const char *why)
{
	char want[PKTSTAT_PARAMS_TEXT], has[PKTSTAT_PARAMS_TEXT];
	struct pktstat_params op;

	pktstat_object_params(obj, &op);
	pktstat_params_text(p, want, sizeof(want));
	pktstat_params_text(&op, has, sizeof(has));
	pr_info_ratelimited("%s: %s refused: %s %s\n", obj->name, want, why, has);
	return -EINVAL;
}

/*
 * The unnamed objects that iptables-legacy rules of one family and table
 * made, of one memory: what a lender and its borrower share. free holds
 * those that have neither a lender nor a borrower, in the order they came
 * to be so; each such object keeps its pool from its creation to its end.
 * iptables-nft's objects have none: the rules of an nft table that has the
 * same name are not replaced with the legacy table, and their objects stay.
 */
struct pktstat_lenders {
	struct pktstat_hnode hnode;	/* in pn->lenders */
	struct list_head free;		/* of pktstat_object.lend */
	unsigned int users;		/* unnamed objects in the pool */
	size_t memory;
	u8 family;
	char table[XT_TABLE_MAXNAMELEN];
};

static int pktstat_lenders_get(struct pktstat_net *pn,
			       const struct xt_mtchk_param *par, size_t memory,
			       struct pktstat_lenders **poolp)
{
	u64 salt = memory ^ ((u64)par->family << 56);
	u32 hash = pktstat_hash_str(&pn->lenders, par->table, salt);
	struct pktstat_lenders *pool;

	lockdep_assert_held(&pn->lock);
	hlist_for_each_entry(pool, pktstat_hash_bucket(&pn->lenders, hash),
			     hnode.node)
		if (pool->hnode.hash == hash && pool->memory == memory &&
		    pool->family == par->family &&
		    !strcmp(pool->table, par->table)) {
			pool->users++;
			*poolp = pool;
			return 0;
		}
	pool = kzalloc(sizeof(*pool), GFP_KERNEL_ACCOUNT);
	if (!pool)
		return -ENOMEM;
	INIT_LIST_HEAD(&pool->free);
	pool->users = 1;
	pool->memory = memory;
	pool->family = par->family;
	strscpy(pool->table, par->table, sizeof(pool->table));
	pktstat_hash_add(&pn->lenders, &pool->hnode, hash);
	*poolp = pool;
	return 0;
}

static void pktstat_lenders_put(struct pktstat_net *pn,
				struct pktstat_lenders *pool)
{
	if (--pool->users)
		return;
	pktstat_hash_del(&pn->lenders, &pool->hnode);
	kfree(pool);
}

/* @obj, in a pool and listed, has neither lender nor borrower (any more). */
static void pktstat_lender_free(struct pktstat_object *obj)
{
	list_add_tail(&obj->lend, &obj->pool->free);
}

/*
 * Under pn->lock: for an unnamed rule checked by an iptables-legacy table
 * replace, an unnamed object of the same memory and table that this replace
 * did not make: its rule is being replaced, and goes when the call ends.
 * (iptables-nft changes only the rules it names: no such certainty; its
 * objects neither borrow nor lend.)
 *
 * Only the first free object of the pool is looked at, so that a replace
 * of n unnamed rules costs O(n), not O(n^2), and it finds what a walk over
 * all objects would: a replace checks all its rules before any of its
 * table goes, so the objects it has made are behind every object it may
 * borrow from (each was appended when made), and any of these will do,
 * since they have the same memory and all go with the table replaced.
 * Only two processes changing one table at once, which iptables' own lock
 * prevents, could put a lender behind an object of this replace: the rule
 * then pays for its memory itself, as if none were left.
 */
static struct pktstat_object *pktstat_lender_find(struct pktstat_lenders *pool)
{
	struct pktstat_object *obj;

	obj = list_first_entry_or_null(&pool->free, struct pktstat_object,
				       lend);
	if (!obj || pktstat_reload_is_current(&obj->touched))
		return NULL;
	return obj;
}

static int pktstat_object_new(struct pktstat_net *pn,
			      const struct xt_mtchk_param *par,
			      const struct pktstat_params *p,
			      struct pktstat_object **objp)
{
	size_t bytes = pktstat_params_memory(p);
	struct pktstat_object *obj, *lender = NULL;
	struct pktstat_lenders *pool = NULL;
	char name[XT_PKTSTAT_NAME_LEN];
	int number = -1;
	int err;

	if (!p->name) {
		number = pktstat_anonymous_number(pn);
		if (number < 0)
			return number;
		snprintf(name, sizeof(name), "%d", number);
	} else {
		strscpy(name, p->name, sizeof(name));
	}
	if (!p->name && !par->nft_compat) {
		err = pktstat_lenders_get(pn, par, bytes, &pool);
		if (err)
			goto fail_number;
		lender = pktstat_lender_find(pool);
	}
	if (!lender) {
		err = pktstat_memory_charge(pn, name, bytes);
		if (err)
			goto fail_pool;
	}
	obj = pktstat_object_create(name, p);
	if (!obj) {
		err = -ENOMEM;
		goto fail_charge;
	}
	obj->number = number;
	obj->pool = pool;
	if (lender) {
		list_del_init(&lender->lend);
		obj->lender = lender;
		lender->borrower = obj;
	}
	*objp = obj;
	return 0;
fail_charge:
	if (!lender)
		pktstat_memory_uncharge(pn, bytes);
fail_pool:
	if (pool)
		pktstat_lenders_put(pn, pool);
fail_number:
	if (number >= 0)
		ida_free(&pn->numbers, number);
	return err;
}

/*
 * What an object that goes gives back: its charge, kept by its partner if it
 * has one (who may then lend in turn), its number, its pool.
 */
static void pktstat_object_release(struct pktstat_net *pn,
				   struct pktstat_object *obj)
{
	if (obj->borrower) {
		obj->borrower->lender = NULL;
		pktstat_lender_free(obj->borrower);
	} else if (obj->lender) {
		obj->lender->borrower = NULL;
		pktstat_lender_free(obj->lender);
	} else {
		pktstat_memory_uncharge(pn, pktstat_object_memory(obj));
	}
	if (obj->number >= 0)
		ida_free(&pn->numbers, obj->number);
	if (obj->pool) {
		list_del_init(&obj->lend);
		pktstat_lenders_put(pn, obj->pool);
	}
}

/* @obj owns its name from now on. */
static void pktstat_object_list(struct pktstat_net *pn,
				struct pktstat_object *obj)
{
	list_add_tail(&obj->list, &pn->objects);
	pktstat_hash_add(&pn->names, &obj->hnode,
			 pktstat_hash_str(&pn->names, obj->name, 0));
	if (obj->pool && !obj->lender && !obj->borrower)
		pktstat_lender_free(obj);
}

static void pktstat_object_unlist(struct pktstat_net *pn,
				  struct pktstat_object *obj)
{
	if (hlist_unhashed(&obj->hnode.node))
		return;		/* a successor that got no files */
	list_del_init(&obj->list);
	pktstat_hash_del(&pn->names, &obj->hnode);
}

static int pktstat_object_publish(struct pktstat_net *pn,
				  struct pktstat_object *obj)
{
	int err = pktstat_proc_object_add(pn, obj);

	if (err)
		return err;
	pktstat_object_list(pn, obj);
	return 0;
}

static void pktstat_object_discard(struct pktstat_net *pn,
				   struct pktstat_object *obj)
{
	pktstat_object_release(pn, obj);
	pktstat_object_free(obj);
}

static void pktstat_object_announce(const struct pktstat_object *obj,
				    const struct pktstat_params *p)
{
	char want[PKTSTAT_PARAMS_TEXT], has[PKTSTAT_PARAMS_TEXT];
	struct pktstat_params op;

	pktstat_object_params(obj, &op);
	pktstat_params_text(p, want, sizeof(want));
	pktstat_params_text(&op, has, sizeof(has));
	pr_info_ratelimited("%s: %s replace %s when the last rule with those goes\n",
			    obj->name, want, has);
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
				 const struct pktstat_params *p,
				 struct pktstat_object **objp)
{
	struct pktstat_object *next = obj->successor;
	int err;

	if (next) {
		if (!pktstat_object_agrees(next, p))
			return pktstat_object_disagree(next, p,
						       "another rule changes it to");
		*objp = next;
		return 0;
	}
	if (pktstat_reload_is_current(&obj->touched))
		return pktstat_object_disagree(obj, p,
					       "another rule of this ruleset has");
	err = pktstat_object_new(pn, par, p, &next);
	if (err)
		return err;
	next->predecessor = obj;
	obj->successor = next;
	pktstat_object_announce(obj, p);
	*objp = next;
	return 0;
}

/* Under pn->lock: the object a rule asking for @p is to count into. */
static int pktstat_object_lookup(struct pktstat_net *pn,
				 const struct xt_mtchk_param *par,
				 const struct pktstat_params *p,
				 struct pktstat_object **objp)
{
	struct pktstat_object *obj = NULL;
	int err;

	if (p->name)
		obj = pktstat_object_find(pn, p->name);
	if (!obj) {
		err = pktstat_object_new(pn, par, p, &obj);
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
	if (!pktstat_object_agrees(obj, p))
		return pktstat_object_change(pn, par, obj, p, objp);
	if (obj->successor)
		return pktstat_object_disagree(obj->successor, p,
					       "another rule changes it to");
	*objp = obj;
	return 0;
}

int pktstat_object_get(const struct xt_mtchk_param *par,
		       const struct pktstat_params *p,
		       struct pktstat_object **objp)
{
	struct pktstat_net *pn = pktstat_pernet(par->net);
	struct pktstat_object *obj;
	int err;

	mutex_lock(&pn->lock);
	err = pktstat_object_lookup(pn, par, p, &obj);
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
		pktstat_object_list(pn, next);
		return;
	}
	err = pktstat_object_publish(pn, next);
	if (err) {
		/* counted still, and freed with its rules; but not readable */
		pr_warn("%s: no /proc files for the new parameters (error %d)\n",
			next->name, err);
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
		pktstat_object_unlist(pn, obj);
		if (obj->dir)
			pktstat_proc_object_remove(obj);
		if (obj->successor)
			pktstat_object_promote(pn, obj->successor);
	}
	pktstat_object_release(pn, obj);
	mutex_unlock(&pn->lock);

	pktstat_object_free(obj);
}

static struct pktstat_tag *pktstat_tag_find(struct pktstat_net *pn, u8 family,
					    const char *name, u32 hash)
{
	struct pktstat_tag *tag;

	lockdep_assert_held(&pn->lock);
	hlist_for_each_entry(tag, pktstat_hash_bucket(&pn->tag_names, hash),
			     hnode.node)
		if (tag->hnode.hash == hash && tag->family == family &&
		    !strcmp(tag->name, name))
			return tag;
	return NULL;
}

/* The first rule to bring a tag gives it its description, as munin does. */
int pktstat_tag_get(struct net *net, u8 family, const char *name,
		    const char *desc, struct pktstat_tag **tagp)
{
	struct pktstat_net *pn = pktstat_pernet(net);
	u32 hash = pktstat_hash_str(&pn->tag_names, name, family);
	struct pktstat_tag *tag;

	mutex_lock(&pn->lock);
	tag = pktstat_tag_find(pn, family, name, hash);
	if (!tag) {
		tag = pktstat_tag_create(family, name, desc);
		if (!tag) {
			mutex_unlock(&pn->lock);
			return -ENOMEM;
		}
		list_add_tail(&tag->list, &pn->tags);
		pktstat_hash_add(&pn->tag_names, &tag->hnode, hash);
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
	if (last) {
		list_del(&tag->list);
		pktstat_hash_del(&pn->tag_names, &tag->hnode);
	}
	mutex_unlock(&pn->lock);
	if (last)
		pktstat_tag_free(tag);
}

static int __net_init pktstat_net_init(struct net *net)
{
	struct pktstat_net *pn = pktstat_pernet(net);

	mutex_init(&pn->lock);
	INIT_LIST_HEAD(&pn->objects);
	pktstat_hash_init(&pn->names);
	ida_init(&pn->numbers);
	pktstat_hash_init(&pn->lenders);
	INIT_LIST_HEAD(&pn->tags);
	pktstat_hash_init(&pn->tag_names);
	pn->user_ns = net->user_ns;
	return pktstat_proc_net_init(net, pn);
}

/*
 * May run before the namespace's rules are destroyed: take the /proc entries
 * away now, and leave the objects to their rules' destroy. Nor is there
 * anything else to free: the hash tables and the IDA hold memory only for
 * the objects, tags and pools in them, each of which takes itself out when
 * its last rule goes, possibly after this. (ida_destroy() here would be
 * followed by ida_free() of numbers it no longer knows.)
 */
static void __net_exit pktstat_net_exit(struct net *net)
{
	struct pktstat_net *pn = pktstat_pernet(net);
	struct pktstat_object *obj;

	/* not under pn->lock: removal waits for tags readers, who take it */
	pktstat_proc_net_exit(net, pn);
	mutex_lock(&pn->lock);
	pn->dir = NULL;
	list_for_each_entry(obj, &pn->objects, list) {
		obj->dir = NULL;
		cond_resched();
	}
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
