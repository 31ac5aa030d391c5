/* SPDX-License-Identifier: GPL-2.0 */
/*
 * When the exporters read what: each followed stream every pk_pb.interval_ns
 * (a quarter of the shortest ring, 10ms..1s), and the object list (the
 * directory and every NAME/info) only every PK_PB_LIST_NS, or at the next
 * poll once an object went away. Reading the list at every poll cost 100
 * objects' info files 100 times a second; an object created since the
 * last list is followed from the next one, from the oldest bucket its
 * ring still holds.
 */
#ifndef PKTSTAT_PBFOLLOW_H
#define PKTSTAT_PBFOLLOW_H

#include "promburst.h"

#define PK_PB_LIST_NS	1000000000ull	/* 1s */

/* One poll under pb->lock: the list and the streams when the list is due,
 * the streams alone otherwise. The next poll's time (CLOCK_MONOTONIC). */
uint64_t pk_pb_follow(struct pk_pb *pb, const struct pk_proc *p);

#endif
