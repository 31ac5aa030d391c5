/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The burst metrics of pktstat prometheus: the exporter follows each
 * object's NAME/stream as a reader of its own and accumulates, per object,
 * a histogram of the bytes per bucket, the busiest bucket over sliding
 * windows of bucket time, and the buckets above a threshold and the bursts
 * (runs of them, see burst.h). Per object: PK_PB_MAX_LE + 1 histogram
 * series at most, _sum, _count, 2 peak gauges and 3 counters. An object
 * without NAME/stream (an older module) is left out: its NAME/data would
 * be drained.
 */
#ifndef PKTSTAT_PROMBURST_H
#define PKTSTAT_PROMBURST_H

#include <pthread.h>
#include <stdio.h>
#include "burst.h"
#include "procfs.h"

#define PK_PB_MAX_LE		24	/* le boundaries, +Inf aside */
#define PK_PB_MIN_LE		64	/* bytes: the smallest default */
#define PK_PB_TOP_BPS		100e9	/* default boundaries up to this */
#define PK_PB_THRESHOLD_BPS	1e9	/* default --burst-threshold */
#define PK_PB_SECONDS		60	/* the longest peak window */
/* The highest --burst-rate: a bucket of the longest period (60 s) holds
 * 7.5e18 bytes at it, a u64 up to 1.8e19. */
#define PK_PB_MAX_BPS		1e18

struct pk_pb_obj {
	char name[PK_NAME_LEN];
	uint64_t created_ns;
	uint64_t period_ns;
	struct pk_stream st;
	int st_open;
	int have_next;
	uint64_t next_ns;	/* buckets before it were counted */
	size_t nle;
	uint64_t le[PK_PB_MAX_LE];
	uint64_t in[PK_PB_MAX_LE + 1];	/* buckets per le (not cumulative) */
	uint64_t sum, count, lost;
	struct pk_burst_tracker burst;
	uint64_t sec[PK_PB_SECONDS];	/* second + 1 of the slot, 0: none */
	uint64_t sec_max[PK_PB_SECONDS];	/* its busiest bucket's bytes */
	uint64_t last_sec;
	int seen;		/* in the last snapshot */
	int no_stream;		/* a module without NAME/stream: not followed */
	void *user;		/* pk_pb.feed's, freed by pk_pb.drop */
	int failing;		/* the last read failed (and was reported) */
};

struct pk_pb {
	double rates[PK_PB_MAX_LE];	/* --burst-rate, bit/s; n 0: default */
	size_t nrates;
	double threshold;	/* bit/s */
	struct pk_pb_obj **obj;	/* sorted by name (sorted.h) */
	size_t n, cap;
	pthread_mutex_t lock;	/* polls against renders (--listen) */
	/* Optional, for other exporters: each pass's buckets of an object
	 * (idle runs kept whole: read them with pk_data_each()), and an
	 * object dropped (gone, or recreated). */
	void (*feed)(struct pk_pb_obj *o, const struct pk_data *d, void *ctx);
	void (*drop)(struct pk_pb_obj *o, void *ctx);
	void *ctx;
	/* The object list: read at listed_ns (CLOCK_MONOTONIC, 0: never),
	 * to be read again at the next poll when relist is set; the streams
	 * of the objects it had are read every interval_ns. */
	uint64_t listed_ns;
	int relist;
	uint64_t interval_ns;
};

/* "1G,10G": ascending after sorting, at most PK_PB_MAX_LE, each at most
 * PK_PB_MAX_BPS; -1 with a message if not. */
int pk_pb_parse_rates(const char *s, double *rates, size_t *n,
		      struct pk_err *err);
void pk_pb_init(struct pk_pb *pb, const double *rates, size_t nrates,
		double threshold);
void pk_pb_free(struct pk_pb *pb);
/* Follows the objects of s (new ones opened, gone ones dropped) and reads
 * each stream once; a failing stream is reopened next time, and reported
 * on stderr when it starts failing (not at every poll), unless its object
 * went away: relist is then set. */
void pk_pb_poll(struct pk_pb *pb, const struct pk_proc *p,
		const struct pk_snapshot *s);
/* Reads the stream of each object followed, as pk_pb_poll() does, without
 * reading the object list. */
void pk_pb_read(struct pk_pb *pb, const struct pk_proc *p);
/* The object followed under name, or NULL. */
struct pk_pb_obj *pk_pb_find(const struct pk_pb *pb, const char *name);
/* How often to poll: a quarter of the shortest ring, 10ms..1s. */
uint64_t pk_pb_interval(const struct pk_snapshot *s);
/* The metrics of the objects polled last. */
void pk_pb_write(FILE *out, struct pk_pb *pb);

#endif
