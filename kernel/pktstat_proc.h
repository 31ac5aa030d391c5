/* SPDX-License-Identifier: GPL-2.0 */
/* /proc/net/xt_pktstat: the directory of a namespace and its entries. */
#ifndef _PKTSTAT_PROC_H
#define _PKTSTAT_PROC_H

#include "pktstat_netns.h"

int pktstat_proc_net_init(struct net *net, struct pktstat_net *pn);
void pktstat_proc_net_exit(struct net *net, struct pktstat_net *pn);
int pktstat_proc_object_add(struct pktstat_net *pn, struct pktstat_object *obj);
void pktstat_proc_object_remove(struct pktstat_object *obj);

#endif /* _PKTSTAT_PROC_H */
