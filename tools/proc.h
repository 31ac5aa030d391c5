/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The /proc/net/xt_pktstat layout as data: buckets from NAME/stream or
 * NAME/data, counters from NAME/info, and the tags file. The parsers are
 * pure (streams in, structures out) so that captured files can be tested.
 */
#ifndef PKTSTAT_PROC_H
#define PKTSTAT_PROC_H

#include <stdint.h>
#include <stdio.h>
#include <stddef.h>
#include <sys/types.h>

#define PK_NAME_LEN	32
#define PK_DESC_LEN	128
#define PK_ERR_LEN	512

struct pk_err {
	char msg[PK_ERR_LEN];
};

struct pk_bucket {
	uint64_t start_ns;
	uint64_t frames;
	uint64_t bytes;
};

struct pk_lost {
	uint64_t buckets;
	uint64_t frames;
	uint64_t bytes;
};

/* n empty buckets, one period apart from start_ns. */
struct pk_run {
	size_t at;		/* they come before pk_data.b[at] */
	uint64_t start_ns;
	uint64_t n;
};

/* One pass of NAME/stream or one drain of NAME/data. A run of empty
 * buckets ("START_NS 0 0 N" in a stream) is expanded into N buckets, or,
 * with keep_runs set before parsing, kept whole in runs: an idle 10us
 * object then costs one entry per pass, not 100,000 a second. */
struct pk_data {
	struct pk_bucket *b;
	size_t n;
	size_t cap;
	struct pk_lost lost;	/* sum of the "# lost" lines */
	int have_before;	/* a "# before" line was read */
	uint64_t before_frames;	/* counted before the reader's first bucket */
	uint64_t before_bytes;
	int keep_runs;
	struct pk_run *runs;
	size_t nruns, runs_cap;
};

/* The most buckets one pass may hold once runs are expanded. */
#define PK_DATA_MAX	10000000u

/*
 * Where a reader is in a file read pass after pass (NAME/stream): lines
 * read, the format, where the last bucket started and where the next one
 * must start. Zeroed for a new file, whose first pass starts with a
 * header. Each pass goes into a pk_data of its own, and runs kept whole
 * are not in its buckets: only the cursor sees every bucket before.
 */
struct pk_cursor {
	unsigned long lineno;
	int stream;		/* stream header: runs, contiguous lines */
	int have_next;
	uint64_t next_ns;	/* the start the next bucket line must have */
	int have_last;
	uint64_t last_ns;	/* start of the last bucket (of a run too) */
};

enum pk_info_key {
	PK_I_PERIOD_NS,
	PK_I_SAMPLES,
	PK_I_RULES,
	PK_I_CREATED_NS,
	PK_I_FRAMES,
	PK_I_BYTES,
	PK_I_READ_FRAMES,
	PK_I_READ_BYTES,
	PK_I_LOST_BUCKETS,
	PK_I_LOST_FRAMES,
	PK_I_LOST_BYTES,
	PK_I_MEMORY_BYTES,
	/* objects with an address table only */
	PK_I_MAX_ADDRESSES,
	PK_I_PREFIX4,
	PK_I_PREFIX6,
	PK_I_ADDRESSES,
	PK_I_COUNT
};

struct pk_info {
	char name[PK_NAME_LEN];
	uint64_t v[PK_I_COUNT];
	unsigned int have;	/* bit per enum pk_info_key found */
};

struct pk_tag {
	char family[8];		/* "ipv4" or "ipv6" */
	char tag[PK_NAME_LEN];
	uint64_t frames;
	uint64_t bytes;
	char desc[PK_DESC_LEN];
};

struct pk_tags {
	struct pk_tag *t;
	size_t n;
	size_t cap;
};

/* "123" -> 123; digits only, no sign, no overflow. */
int pk_parse_u64(const char *s, uint64_t *out);
/* A valid object or tag name: 1-31 of [A-Za-z0-9_.-]. */
int pk_valid_name(const char *s);
/* One line without its '\n' (length, or -1 at the end); *complete is 0
 * when the stream ended in the middle of it (a truncated file). */
ssize_t pk_read_line(FILE *f, char **buf, size_t *cap, int *complete);
/* Splits s in place at spaces and tabs into at most max fields; returns
 * how many, or max + 1 when there are more. */
int pk_split_fields(char *s, char **fields, int max);

/* arr with room for n + 1 elements of size (doubling *cap, from 256), or
 * NULL (arr is then left as it was). */
void *pk_grow(void *arr, size_t n, size_t *cap, size_t size);
/* Appends the size bytes at e to the array at *arrp (a T **, with n
 * elements of size, room for *cap), grown by pk_grow(); -1 when out of
 * memory. */
int pk_push(void *arrp, size_t *n, size_t *cap, const void *e, size_t size);

/* Parses a whole NAME/data or NAME/stream file (its first pass); file
 * names the source in messages. */
int pk_data_parse(FILE *f, const char *file, uint64_t period_ns,
		  struct pk_data *d, struct pk_err *err);
/* Parses f up to its end, continuing where c is, into d. */
int pk_data_parse_pass(FILE *f, const char *file, uint64_t period_ns,
		       struct pk_cursor *c, struct pk_data *d,
		       struct pk_err *err);
/* Where the lines of a pass come from, as pk_read_line() gives them: a
 * line without its '\n' (its length, or -1 at the end), writable, valid
 * until the next call. */
typedef ssize_t pk_next_line_fn(void *src, char **line, int *complete);
/* pk_data_parse_pass() of the lines next() gives until it returns -1. */
int pk_data_parse_lines(pk_next_line_fn *next, void *src, const char *file,
			uint64_t period_ns, struct pk_cursor *c,
			struct pk_data *d, struct pk_err *err);
void pk_data_free(struct pk_data *d);
int pk_data_push(struct pk_data *d, const struct pk_bucket *b);
/* fn for each bucket of d in order: n is 1, or the length of a run kept
 * whole (b then is its first bucket, empty). */
void pk_data_each(const struct pk_data *d,
		  void (*fn)(const struct pk_bucket *b, uint64_t n, void *ctx),
		  void *ctx);

/* Parses NAME/info; unknown keys are ignored, required ones checked. */
int pk_info_parse(FILE *f, const char *file, struct pk_info *info,
		  struct pk_err *err);
const char *pk_info_key_name(enum pk_info_key k);

int pk_tags_parse(FILE *f, const char *file, struct pk_tags *tags,
		  struct pk_err *err);
void pk_tags_free(struct pk_tags *tags);

void pk_err_set(struct pk_err *err, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
