/* SPDX-License-Identifier: GPL-2.0 */
/* Interval CSV files: what each object and tag counted between two
 * snapshots, in a file named by the interval's start and end. */
#ifndef PKTSTAT_CSVDIR_H
#define PKTSTAT_CSVDIR_H

#include <stdio.h>
#include "csvburst.h"
#include "procfs.h"

/* "pktstat_20261122T120000Z_20261122T120100Z.csv", with milliseconds
 * ("...T120000.250Z") when the interval or a bound is not whole seconds */
void pk_csv_filename(char *buf, size_t len, uint64_t start_ns, uint64_t end_ns,
		     uint64_t interval_ns);
/* The first multiple of interval_ns (since the epoch) after t_ns. */
uint64_t pk_csv_boundary(uint64_t t_ns, uint64_t interval_ns);
/* Where an interval from start_ns, closed at now_ns, ends: the boundary
 * just passed, or now_ns when stopping (or if the clock went back). */
uint64_t pk_csv_interval_end(uint64_t start_ns, uint64_t now_ns,
			     uint64_t interval_ns, int stopping);

#define PK_CSV_HEADER "kind,family,name,frames,bytes,start,end,buckets," \
	"lost_buckets,bucket_bytes_per_second_mean," \
	"bucket_bytes_per_second_peak,bucket_bytes_per_second_p99," \
	"buckets_above_threshold,bucket_frames_per_second_mean," \
	"bucket_frames_per_second_peak,bucket_frames_per_second_p99"

/* What a file's rows show besides the counters. */
struct pk_csv_cols {
	uint64_t start_ns, end_ns, interval_ns;	/* the interval */
	/* An object's buckets in the interval and its period; 0 when it has
	 * none (not followed). NULL: no object has any. */
	int (*bursts)(const void *ctx, const char *name,
		      const struct pk_csvb_iv **iv, uint64_t *period_ns);
	const void *ctx;
};

/*
 * PK_CSV_HEADER, then one row per object (kind object, empty family) and
 * tag of s1: what it counted since s0 (frames, bytes; one that s0 does not
 * have, or that was recreated since, with another created_ns or counters
 * lower than in s0, counted all it has), the interval (RFC 3339 UTC, with
 * milliseconds as in the file name), and for an object followed, from
 * the buckets read in the interval: how many, how many its reader lost,
 * mean, peak and p99 bucket rates (bytes/s; empty when no bucket was
 * read), the buckets above the threshold, and the same rates in
 * frames/s. Tags and objects not followed have these 9 cells empty.
 */
void pk_csv_write(FILE *out, const struct pk_snapshot *s0,
		  const struct pk_snapshot *s1, const struct pk_csv_cols *x);

#endif
