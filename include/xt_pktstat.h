/* SPDX-License-Identifier: GPL-2.0 */
/*
 * xt_pktstat: the contract between the kernel match, the iptables plugin
 * and the reader tool. Everything userspace may rely on is here: the rule's
 * info structure, its limits, and the layout of /proc/net/xt_pktstat.
 * README.md ("The kernel interface") documents the same; change both or
 * neither, and bump the match revision when the structure changes.
 */
#ifndef _XT_PKTSTAT_H
#define _XT_PKTSTAT_H

#include <linux/types.h>

#define XT_PKTSTAT_REVISION	0

/* --name and --tag: 1 to 31 characters of [A-Za-z0-9_.-], NUL-terminated */
#define XT_PKTSTAT_NAME_LEN	32
/* description after "=tag=": printable ASCII, NUL-terminated */
#define XT_PKTSTAT_DESC_LEN	128

/* --period, in nanoseconds */
#define XT_PKTSTAT_PERIOD_MIN_NS	10000ULL		/* 10us */
#define XT_PKTSTAT_PERIOD_MAX_NS	60000000000ULL		/* 60s */
#define XT_PKTSTAT_PERIOD_DEFAULT_NS	10000000ULL		/* 10ms */

/* --samples: closed buckets kept for the reader */
#define XT_PKTSTAT_SAMPLES_MIN		1U
#define XT_PKTSTAT_SAMPLES_MAX		1000000U
#define XT_PKTSTAT_SAMPLES_DEFAULT	1000U

/* info->flags */
enum {
	/* the rule keeps time buckets: period_ns and samples are valid */
	XT_PKTSTAT_F_BUCKETS	= 1 << 0,
	/* the buckets belong to the object called name (else a numbered one) */
	XT_PKTSTAT_F_NAME	= 1 << 1,
	/* the rule adds into the tag counter called tag; desc may be empty */
	XT_PKTSTAT_F_TAG	= 1 << 2,
};

#define XT_PKTSTAT_F_ALL \
	(XT_PKTSTAT_F_BUCKETS | XT_PKTSTAT_F_NAME | XT_PKTSTAT_F_TAG)

struct pktstat_object;
struct pktstat_tag;

struct xt_pktstat_info {
	__aligned_u64	period_ns;
	__u32		samples;
	__u32		flags;
	char		name[XT_PKTSTAT_NAME_LEN];
	char		tag[XT_PKTSTAT_NAME_LEN];
	char		desc[XT_PKTSTAT_DESC_LEN];

	/* Used internally by the kernel: never copied to userspace. */
	struct pktstat_object	*object __attribute__((aligned(8)));
	struct pktstat_tag	*tagc __attribute__((aligned(8)));
};

/*
 * /proc/net/xt_pktstat/ (one directory per network namespace)
 *   NAME/stream closed buckets for any number of independent readers: each
 *               open() is a reader with a position of its own, and reading
 *               takes nothing from other readers or from data.
 *                 "# start_ns frames bytes [buckets]"     header, first line
 *                 "# before frames=F bytes=Y"             counted before the
 *                                                         reader's first bucket
 *                 "START_NS FRAMES BYTES"                 one bucket
 *                 "START_NS 0 0 N"                        N >= 2 empty buckets
 *                                                         from START_NS on
 *                 "# lost buckets=B frames=F bytes=Y"     what this reader
 *                                                         missed since its
 *                                                         last report
 *               A reader starts at the oldest bucket still held (at most
 *               samples closed buckets back). Each read() pass returns the
 *               buckets closed since the previous one and ends with one
 *               read() of 0 (end of file); a read() after that starts the
 *               next pass, so cat ends and a follower keeps the file open.
 *   NAME/data   closed buckets, drained by reading (one position shared by
 *               every reader of data, as the original module had):
 *                 "# start_ns frames bytes"              header, first line
 *                 "START_NS FRAMES BYTES"                one line a bucket
 *                 "# lost buckets=B frames=F bytes=Y"    what was dropped
 *                                                        since the last report
 *   NAME/info   "key value" lines, in this order:
 *                 name NAME            period_ns N          samples N
 *                 rules N              (rules using the object)
 *                 created_ns N         (Unix epoch)
 *                 frames N, bytes N    (counted since creation)
 *                 read_frames N, read_bytes N   (returned by data reads)
 *                 lost_buckets N, lost_frames N, lost_bytes N
 *                                      (reported by data reads so far)
 *                 memory_bytes N       (bucket memory of the object)
 *   tags        "# family tag frames bytes description" header, then
 *               "ipv4|ipv6 TAG FRAMES BYTES DESCRIPTION" (may be empty)
 * NAME is the rule's --name, or a number for rules without one.
 * Lines starting with "#" other than these may be added: readers skip them.
 */
#define XT_PKTSTAT_PROC_DIR	"xt_pktstat"
#define XT_PKTSTAT_PROC_TAGS	"tags"
#define XT_PKTSTAT_DATA_HEADER	"# start_ns frames bytes"
#define XT_PKTSTAT_STREAM_HEADER "# start_ns frames bytes [buckets]"
#define XT_PKTSTAT_BEFORE_FORMAT "# before frames=%llu bytes=%llu"
#define XT_PKTSTAT_LOST_FORMAT	"# lost buckets=%llu frames=%llu bytes=%llu"
#define XT_PKTSTAT_TAGS_HEADER	"# family tag frames bytes description"

#endif /* _XT_PKTSTAT_H */
