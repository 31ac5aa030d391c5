/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A reader's position in an object's buckets. Every open NAME/stream file
 * has one, NAME/data shares one: no reader takes anything from another.
 *
 * The reader merges the CPUs' rings without stopping them. For each CPU it
 * keeps the next bucket that CPU had (closed buckets link to the next one,
 * so idle time costs nothing) and what the CPU had counted before it
 * (seen_*). When the reader takes a bucket, what the CPU counted between
 * seen_* and the bucket's base was overwritten before the reader got there:
 * it is reported lost, exactly. So, per reader and at every step:
 *
 *   before + read + lost + pending = what the CPUs counted before their next
 *
 * and once a pass has ended, "next" is past every closed bucket: read + lost
 * + before equals everything counted in closed buckets.
 *
 * A bucket is returned whole or not at all: when a CPU's part of it is gone
 * (overwritten, or the reader fell more than --samples behind), the reader
 * skips the buckets it cannot vouch for and reports them as lost buckets,
 * with the frames and bytes they held.
 *
 * This file compiles in userspace too (tests/unit): the kernel's ring
 * accessors come from pktstat_ring.h, the tests' from pktstat_ring_user.h.
 */
#ifndef _PKTSTAT_CURSOR_H
#define _PKTSTAT_CURSOR_H

#ifdef __KERNEL__
#include "pktstat_ring.h"
#else
#include "pktstat_ring_user.h"
#endif

struct pktstat_cursor_cpu {
	struct pktstat_slot open;	/* the CPU's open bucket at the pass's start */
	__u64 next;		/* its next bucket to take; NO_BUCKET: after last */
	__u64 last;		/* the last bucket of it taken or passed */
	__u64 seen_frames;	/* what it counted before next */
	__u64 seen_bytes;
};

struct pktstat_cursor {
	__u64 pos;		/* the next bucket to return */
	__u64 end;		/* buckets before it are closed: the pass's end */
	bool started;
	bool settled;		/* losses up to end are reported */
	bool min_known;		/* min_next is up to date */
	__u64 min_next;		/* the earliest next bucket of any CPU */
	__u64 before_frames;	/* counted before the reader's first bucket */
	__u64 before_bytes;
	__u64 read_frames, read_bytes;
	__u64 lost_buckets, lost_frames, lost_bytes;	/* reported */
	__u64 pend_buckets, pend_frames, pend_bytes;	/* not reported yet */
	unsigned int ncpus;
	struct pktstat_cursor_cpu cpu[];
};

#define pktstat_cursor_size(ncpus) \
	(sizeof(struct pktstat_cursor) + \
	 (size_t)(ncpus) * sizeof(struct pktstat_cursor_cpu))

enum pktstat_record_kind {
	PKTSTAT_REC_END,	/* the pass is over */
	PKTSTAT_REC_BUCKET,	/* one bucket with frames and bytes */
	PKTSTAT_REC_IDLE,	/* count empty buckets from bucket on */
	PKTSTAT_REC_LOST,	/* count buckets, frames and bytes lost */
};

struct pktstat_record {
	enum pktstat_record_kind kind;
	__u64 bucket;
	__u64 count;
	__u64 frames;
	__u64 bytes;
};

/* A cursor for @ncpus CPU ids, zeroed memory of pktstat_cursor_size(). */
void pktstat_cursor_init(struct pktstat_cursor *cur, unsigned int ncpus);

/*
 * Begin a pass ending at @end, the oldest bucket that may still be written
 * (taken from the clock before the call). The first pass of a reader starts
 * at the oldest bucket every CPU still holds.
 */
void pktstat_cursor_begin(struct pktstat_cursor *cur,
			  const struct pktstat_ring *ring, __u64 end);

/* The pass's next record: lost, bucket or idle run, then END. */
void pktstat_cursor_next(struct pktstat_cursor *cur,
			 const struct pktstat_ring *ring,
			 struct pktstat_record *rec);

/*
 * A record the reader formatted but never delivered (its file closed first):
 * what it counted is reported lost at the next opportunity.
 */
void pktstat_cursor_undeliver(struct pktstat_cursor *cur,
			      const struct pktstat_record *rec);

#endif /* _PKTSTAT_CURSOR_H */
