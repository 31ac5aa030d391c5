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

/*
 * Revision 0: buckets and tags (struct xt_pktstat_info). Revision 1 adds
 * per-address counters (struct xt_pktstat_info_v1). The kernel takes both.
 * The plugin has both too: libxtables uses the highest the kernel has, and
 * on a module without revision 1 falls back to revision 0, which takes
 * every option but the address ones.
 */
#define XT_PKTSTAT_REVISION	0
#define XT_PKTSTAT_REVISION_V1	1

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

/*
 * Revision 1 only: the object also counts frames and bytes per address
 * (masked to prefix4 or prefix6 bits) in a table of at most max_addresses
 * entries, and this rule counts each packet under the addresses that `by`
 * names. Needs XT_PKTSTAT_F_BUCKETS: the table belongs to the object.
 */
enum {
	XT_PKTSTAT_F_ADDRESSES	= 1 << 3,
};

#define XT_PKTSTAT_F_ALL_V1	(XT_PKTSTAT_F_ALL | XT_PKTSTAT_F_ADDRESSES)

/* info->by: which address of the packet a rule counts it under */
enum {
	XT_PKTSTAT_BY_SRC	= 1 << 0,
	XT_PKTSTAT_BY_DST	= 1 << 1,
};

/* --max-addresses, --prefix4, --prefix6 */
#define XT_PKTSTAT_ADDRESSES_MIN	1U
#define XT_PKTSTAT_ADDRESSES_MAX	65536U
#define XT_PKTSTAT_ADDRESSES_DEFAULT	1024U
#define XT_PKTSTAT_PREFIX4_DEFAULT	32
#define XT_PKTSTAT_PREFIX6_DEFAULT	64

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
 * Revision 1: revision 0's fields, then the address table's. Fields of the
 * table are zero without XT_PKTSTAT_F_ADDRESSES; with it, by is not zero,
 * prefix4 <= 32, prefix6 <= 128, max_addresses within its limits, and
 * reserved zero. Rules sharing an object agree on period, samples and the
 * table (max_addresses, prefix4, prefix6); by is the rule's own.
 */
struct xt_pktstat_info_v1 {
	__aligned_u64	period_ns;
	__u32		samples;
	__u32		flags;
	char		name[XT_PKTSTAT_NAME_LEN];
	char		tag[XT_PKTSTAT_NAME_LEN];
	char		desc[XT_PKTSTAT_DESC_LEN];
	__u32		max_addresses;
	__u8		by;
	__u8		prefix4;
	__u8		prefix6;
	__u8		reserved;

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
 *               and, for an object with an address table:
 *                 max_addresses N, prefix4 N, prefix6 N
 *                 addresses N          (entries in use)
 *   NAME/addresses  only for an object with an address table: counted
 *               since the object was made, one line per address or prefix
 *               in no particular order, then the line "other" last:
 *                 "# address src_frames src_bytes dst_frames dst_bytes"
 *                 "ADDRESS[/PREFIX] SF SB DF DB"       ADDRESS as inet_ntop
 *                                                      prints it; /PREFIX
 *                                                      when shorter than
 *                                                      32 or 128 bits
 *                 "other SF SB DF DB"                  what a full table
 *                                                      could not place
 *               src_* count packets of rules with --by src under their
 *               source address, dst_* those of rules with --by dst under
 *               their destination. Each column, other included, sums to
 *               what those rules counted: nothing is evicted or dropped.
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
#define XT_PKTSTAT_PROC_ADDRESSES "addresses"
#define XT_PKTSTAT_ADDRESSES_HEADER \
	"# address src_frames src_bytes dst_frames dst_bytes"
#define XT_PKTSTAT_ADDRESSES_OTHER "other"

#endif /* _XT_PKTSTAT_H */
