/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Each network namespace keeps its own objects and tags, found by name when
 * a rule is checked and released when the rule is destroyed. Both iptables
 * backends check a new ruleset before destroying the old one, so an object
 * named in both lives on through iptables-restore with its buckets intact.
 */
#ifndef _PKTSTAT_NETNS_H
#define _PKTSTAT_NETNS_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netfilter/x_tables.h>
#include <net/net_namespace.h>
#include "pktstat_object.h"
#include "pktstat_tag.h"

struct pktstat_net {
	struct mutex lock;		/* the lists, and rule counts */
	struct list_head objects;
	struct list_head tags;
	struct proc_dir_entry *dir;	/* NULL once the namespace exits */
	struct user_namespace *user_ns;	/* the namespace's owner */
	u64 memory_used;		/* bucket memory, under lock */
};

struct pktstat_net *pktstat_pernet(struct net *net);

int pktstat_netns_register(void);
void pktstat_netns_unregister(void);

int pktstat_object_get(const struct xt_mtchk_param *par,
		       const struct xt_pktstat_info *info,
		       struct pktstat_object **objp);
void pktstat_object_put(struct net *net, struct pktstat_object *obj);
int pktstat_tag_get(struct net *net, u8 family,
		    const struct xt_pktstat_info *info, struct pktstat_tag **tagp);
void pktstat_tag_put(struct net *net, struct pktstat_tag *tag);

#endif /* _PKTSTAT_NETNS_H */
