/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which addresses of a table get Prometheus series of their own: at most
 * max per object, so that a table of 65536 addresses cannot make 262144
 * series. The others are summed into address="other" with the table's
 * own other.
 *
 * Counters must never go back, so an address's place never changes:
 * once given a series, it keeps it for the exporter's life (the object's,
 * if shorter); once summed into other, it stays there. An address is
 * placed when first seen: while fewer than max have series, it gets one,
 * the most bytes (sent and received) first among those first seen in the
 * same read, ties in address order; after that, every new address goes
 * to other. Since nothing ever leaves the table, only the chosen need to
 * be remembered: every address not chosen was seen once the choice was
 * full. Pure, for the tests.
 */
#ifndef PKTSTAT_ADDRSERIES_H
#define PKTSTAT_ADDRSERIES_H

#include "addrs.h"

struct pk_aseries {
	struct pk_addr *a;	/* the chosen, in pk_addr_cmp() order */
	size_t n, cap, max;
};

void pk_aseries_init(struct pk_aseries *s, size_t max);
void pk_aseries_free(struct pk_aseries *s);
/* Places the addresses of t seen for the first time. Aborts when out of
 * memory. */
void pk_aseries_choose(struct pk_aseries *s, const struct pk_addrs *t);
/*
 * t as exported, into out (to pk_addrs_free()): the chosen addresses with
 * their counts, and as other t's other and every address not chosen
 * (*folded of them). Every column sums to t's. Aborts when out of memory.
 */
void pk_aseries_split(const struct pk_aseries *s, const struct pk_addrs *t,
		      struct pk_addrs *out, size_t *folded);

#endif
