/* SPDX-License-Identifier: GPL-2.0 */
/* Interval CSV files: what each object and tag counted between two
 * snapshots, in a file named by the interval's start and end. */
#ifndef PKTSTAT_CSVDIR_H
#define PKTSTAT_CSVDIR_H

#include <stdio.h>
#include "procfs.h"

/* "pktstat_20261122T120000Z_20261122T120100Z.csv", with milliseconds
 * ("...T120000.250Z") when the interval or a bound is not whole seconds */
void pk_csv_filename(char *buf, size_t len, uint64_t start_ns, uint64_t end_ns,
		     uint64_t interval_ns);
/* The first multiple of interval_ns (since the epoch) after t_ns. */
uint64_t pk_csv_boundary(uint64_t t_ns, uint64_t interval_ns);
/*
 * Header "kind,family,name,frames,bytes" then one row per object (kind
 * object, empty family) and tag of s1, with what it counted since s0.
 * One that s0 does not have, or that was recreated since (another
 * created_ns, or counters lower than in s0), counted all it has in the
 * interval.
 */
void pk_csv_write(FILE *out, const struct pk_snapshot *s0,
		  const struct pk_snapshot *s1);

#endif
