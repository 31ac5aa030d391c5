/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reads of NAME/addresses over the last 40 s, and the rates they give
 * each address over 2 s, 10 s and 40 s, as iftop shows them. Pure: the
 * caller gives each read's time, so that tests can.
 *
 * A rate over a window W compares the newest read with the kept read
 * nearest to W before it. Older reads are thinned: of the reads that may
 * still serve a window, the first in each W/20 (100ms, 500ms, 2s) is kept,
 * so that a window is W within 5% (or within the interval between reads,
 * if longer) and the history holds at most about 60 reads whatever the interval.
 */
#ifndef PKTSTAT_ADDRHIST_H
#define PKTSTAT_ADDRHIST_H

#include "addrs.h"
#include "units.h"

#define PK_RATE_WINDOWS	3

/* 2s, 10s, 40s */
extern const uint64_t pk_rate_window_ns[PK_RATE_WINDOWS];

struct pk_addrread {
	uint64_t t_ns;		/* when it was read (CLOCK_MONOTONIC) */
	struct pk_addrs tab;
};

struct pk_addrhist {
	struct pk_addrread *r;	/* oldest first */
	size_t n, cap;
	uint64_t created_ns;	/* of the object read */
};

/*
 * Adds tab (taken over: t is emptied), read at t_ns from an object
 * created at created_ns. Another created_ns is another object, made anew
 * under the same name: the reads before are forgotten. Reads no window
 * needs any more are dropped.
 */
void pk_addrhist_add(struct pk_addrhist *h, uint64_t t_ns,
		     uint64_t created_ns, struct pk_addrs *tab);
void pk_addrhist_free(struct pk_addrhist *h);
/* The read the newest is compared with over window_ns, or NULL while
 * there is only one. */
const struct pk_addrread *pk_addrhist_base(const struct pk_addrhist *h,
					   uint64_t window_ns);

/* Per second in the unit, over each of pk_rate_window_ns. */
struct pk_rates {
	double sent[PK_RATE_WINDOWS];
	double received[PK_RATE_WINDOWS];
};

struct pk_addr_rate {
	const struct pk_addr *a;	/* in the newest read */
	struct pk_rates r;
};

struct pk_addrrates {
	struct pk_addr_rate *a;	/* every address of the newest read */
	size_t n;
	struct pk_rates other;
	struct pk_rates total;	/* every address and other */
};

/*
 * The rates of the newest read. An address that a read lacks had counted
 * nothing then: the kernel never drops one, so an address that appears
 * later starts at 0. All 0 while there is only one read.
 */
void pk_addrhist_rates(const struct pk_addrhist *h, enum pk_unit u,
		       struct pk_addrrates *out);
void pk_addrrates_free(struct pk_addrrates *r);

#endif
