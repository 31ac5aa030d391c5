/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Each network namespace keeps its own objects and tags, found by name when
 * a rule is checked and released when the rule is destroyed. Both iptables
 * backends check a new ruleset before destroying the old one, so an object
 * named in both lives on through iptables-restore with its buckets intact.
 */
#ifndef _PKTSTAT_NETNS_H
#define _PKTSTAT_NETNS_H

#include <linux/idr.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netfilter/x_tables.h>
#include <net/net_namespace.h>
#include "pktstat_hash.h"
#include "pktstat_object.h"
#include "pktstat_tag.h"

/*
 * Checking a rule walks neither the objects nor the tags: objects, tags and
 * lender pools are found in hash tables, and unnamed rules are numbered by
 * an IDA. The lists keep the order of creation for the walks over all (the
 * tags file, the namespace's exit).
 */
struct pktstat_net {
	struct mutex lock;		/* the lists and tables, and rule counts */
	struct list_head objects;	/* those that own their names */
	struct pktstat_hash names;	/* the same, by name */
	struct ida numbers;		/* see pktstat_object.number */
	struct pktstat_hash lenders;	/* pools of unnamed objects */
	struct list_head tags;
	struct pktstat_hash tag_names;	/* tags by family and name */
	struct proc_dir_entry *dir;	/* NULL once the namespace exits */
	struct user_namespace *user_ns;	/* the namespace's owner */
	u64 memory_used;		/* bucket memory, under lock */
};

struct pktstat_net *pktstat_pernet(struct net *net);

int pktstat_netns_register(void);
void pktstat_netns_unregister(void);

int pktstat_object_get(const struct xt_mtchk_param *par,
		       const struct pktstat_params *p,
		       struct pktstat_object **objp);
void pktstat_object_put(struct net *net, struct pktstat_object *obj);
int pktstat_tag_get(struct net *net, u8 family, const char *name,
		    const char *desc, struct pktstat_tag **tagp);
void pktstat_tag_put(struct net *net, struct pktstat_tag *tag);

#endif /* _PKTSTAT_NETNS_H */
