/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-address metrics of pktstat prometheus, for each object with an
 * address table: frames and bytes each address sent and received since
 * the object was made, from NAME/addresses at each scrape or write,
 *
 *   pktstat_address_{sent,received}_{frames,bytes}_total
 *     {name="OBJ",address="10.0.1.5",family="ipv4",hostname="nas"}
 *
 * (address as the kernel prints it, /PREFIX for a prefix; hostname only
 * when --hosts names the address), for at most max_series addresses per
 * object (addrseries.h says which, and why they never change); the rest,
 * with the table's own other, in {name="OBJ",address="other"}, so that
 * each metric sums over an object's series to what its rules counted.
 * pktstat_addresses_folded{name="OBJ"} says how many addresses other
 * holds. Series per object: 4 x (max_series + 1) + 1 at most.
 */
#ifndef PKTSTAT_PROMADDR_H
#define PKTSTAT_PROMADDR_H

#include <pthread.h>
#include <stdio.h>
#include "addrseries.h"
#include "hostsfile.h"
#include "objstate.h"
#include "procfs.h"

#define PK_PA_SERIES	100	/* default --address-series */

/* Each object's data is its choice of addresses (a struct pk_aseries),
 * for as long as it lives. */
struct pk_pa {
	size_t max_series;
	struct pk_ostates objs;
	struct pk_hostsfile hosts;
	pthread_mutex_t lock;	/* renders (--listen) against each other */
};

/* hosts: the --hosts file, or NULL. */
void pk_pa_init(struct pk_pa *pa, size_t max_series, const char *hosts);
void pk_pa_free(struct pk_pa *pa);
/* Reads the table of each object of s that has one, and writes the
 * metrics. A hosts file or a table that cannot be read is said on stderr
 * when that starts, not at every scrape. */
void pk_pa_write(FILE *out, struct pk_pa *pa, const struct pk_proc *p,
		 const struct pk_snapshot *s);

#endif
