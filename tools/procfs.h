/* SPDX-License-Identifier: GPL-2.0 */
/* Reading a /proc/net/xt_pktstat directory (or a copy given by --proc). */
#ifndef PKTSTAT_PROCFS_H
#define PKTSTAT_PROCFS_H

#include "proc.h"

#define PK_PROC_DEFAULT	"/proc/net/xt_pktstat"

struct pk_proc {
	const char *dir;
};

/* Every object's info and the tags, at one moment. */
struct pk_snapshot {
	struct pk_info *obj;
	size_t nobj;
	struct pk_tags tags;
	uint64_t when_ns;	/* CLOCK_MONOTONIC */
	uint64_t real_ns;	/* CLOCK_REALTIME */
};

/* The message for a missing directory; module_dir: the module's own. */
void pk_proc_missing(const char *dir, int module_dir, struct pk_err *err);
int pk_proc_check(const struct pk_proc *p, struct pk_err *err);
/* Opens NAME/file (path: its path, for messages), or NULL with a message
 * (no such object, permission denied, ...). */
FILE *pk_proc_open(const struct pk_proc *p, const char *name,
		   const char *file, char *path, size_t len, struct pk_err *err);
int pk_proc_info(const struct pk_proc *p, const char *name,
		 struct pk_info *info, struct pk_err *err);
/* Drains NAME/data. */
int pk_proc_data(const struct pk_proc *p, const char *name, uint64_t period_ns,
		 struct pk_data *d, struct pk_err *err);

/*
 * A reader of NAME/stream, kept open: each pk_stream_read() is one pass,
 * the buckets closed since the previous one, taken from no other reader.
 * A module without NAME/stream (older) has draining set: every read then
 * drains NAME/data, reopened each time. The file is held as a descriptor,
 * not a FILE (see fdlines.h): an exporter keeps one per object open.
 */
struct pk_stream {
	struct pk_proc proc;
	char name[PK_NAME_LEN];
	uint64_t period_ns;
	char path[4096];	/* the file read, for messages */
	int fd;			/* -1 when closed */
	struct pk_cursor cur;
	int draining;
};

int pk_stream_open(struct pk_stream *s, const struct pk_proc *p,
		   const char *name, uint64_t period_ns, struct pk_err *err);
/* One pass, added to d. A pass that fails (at a bad line, the rest of it
 * is not read) leaves the stream good only for pk_stream_close(). */
int pk_stream_read(struct pk_stream *s, struct pk_data *d,
		   struct pk_err *err);
/* Safe after a failed pk_stream_open(). */
void pk_stream_close(struct pk_stream *s);
/* Opens, reads one pass (the buckets still held), closes. */
int pk_proc_stream(const struct pk_proc *p, const char *name,
		   uint64_t period_ns, struct pk_data *d, struct pk_err *err);
/* A missing tags file is an empty list. */
int pk_proc_tags(const struct pk_proc *p, struct pk_tags *tags,
		 struct pk_err *err);
int pk_snapshot_take(const struct pk_proc *p, struct pk_snapshot *s,
		     struct pk_err *err);
void pk_snapshot_free(struct pk_snapshot *s);
const struct pk_info *pk_snapshot_find(const struct pk_snapshot *s,
				       const char *name);
uint64_t pk_now_ns(void);
uint64_t pk_realtime_ns(void);

#endif
