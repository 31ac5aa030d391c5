/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What an address table counted between two reads of it. The kernel never
 * drops an entry, so an address the earlier read lacks had counted
 * nothing then: all it has is new. Pure, for the tests.
 */
#ifndef PKTSTAT_ADDRDELTA_H
#define PKTSTAT_ADDRDELTA_H

#include "addrs.h"

/* Whether c counted anything. */
int pk_addr_counts_any(const struct pk_addr_counts *c);

/*
 * Into out (emptied first, to pk_addrs_free()): each address of now that
 * counted anything since then, with what it counted, in now's order, and
 * other likewise. then NULL (an object new, or made anew: another
 * created_ns) counts all of now. An address whose counters are lower than
 * in then (which the kernel never does) counts all it has, as a
 * recreated object would. Aborts when out of memory.
 */
void pk_addrs_delta(const struct pk_addrs *then, const struct pk_addrs *now,
		    struct pk_addrs *out);

#endif
