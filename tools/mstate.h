/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The munin plugin's state: where each object's stream was when the
 * previous fetch read it, so that the next fetch reports the buckets
 * since then. munin runs the plugin every 5 minutes and a stream opened
 * anew starts at the oldest bucket its ring still holds; the state says
 * which of those were seen already, and what the object had counted up
 * to there (for the mean over the whole poll interval, exact even for
 * the buckets the ring no longer holds).
 *
 * The file: a "# pktstat munin state 1" line, then one line per object,
 * "NAME CREATED_NS NEXT_NS FRAMES BYTES" (NEXT_NS: the end of the last
 * bucket seen; FRAMES, BYTES: what the object had counted before it). It
 * is a hint: a line that does not parse is skipped, and an object whose
 * created_ns differs is started afresh.
 */
#ifndef PKTSTAT_MSTATE_H
#define PKTSTAT_MSTATE_H

#include <stdio.h>
#include "proc.h"

struct pk_mstate_ent {
	char name[PK_NAME_LEN];
	uint64_t created_ns;
	uint64_t next_ns;
	uint64_t frames, bytes;
};

/* Sorted by name (sorted.h), each name once. */
struct pk_mstate {
	struct pk_mstate_ent *e;
	size_t n, cap;
};

void pk_mstate_parse(FILE *f, struct pk_mstate *s);
void pk_mstate_write(FILE *out, const struct pk_mstate *s);
/* Inserted by name: at the end when added in order, as the objects of a
 * snapshot and the lines of a file this wrote are; an entry whose name s
 * has already is ignored (the first line of a name in a file counts). */
void pk_mstate_add(struct pk_mstate *s, const struct pk_mstate_ent *e);
const struct pk_mstate_ent *pk_mstate_find(const struct pk_mstate *s,
					   const char *name);
void pk_mstate_free(struct pk_mstate *s);
/*
 * munin's name for a plugin's state file, $MUNIN_PLUGSTATE/PLUGIN-
 * $MUNIN_MASTER_IP: one per master, so that two masters polling the node
 * each get the buckets since their own previous poll. -1 when
 * MUNIN_PLUGSTATE is not set (run by hand): no state is kept.
 */
int pk_mstate_path(char *buf, size_t len, const char *plugin);
/* A missing file is an empty state. */
int pk_mstate_load(const char *path, struct pk_mstate *s, struct pk_err *err);
/* Atomically: a temporary file in the same directory, renamed. */
int pk_mstate_save(const char *path, const struct pk_mstate *s,
		   struct pk_err *err);

#endif
