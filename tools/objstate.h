/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An exporter's state per object, kept while the object lives: found by
 * name at each listing of the objects, started afresh when the object was
 * made anew under the same name (another created_ns), forgotten when it
 * is no longer listed.
 */
#ifndef PKTSTAT_OBJSTATE_H
#define PKTSTAT_OBJSTATE_H

#include "proc.h"

struct pk_ostate {
	char name[PK_NAME_LEN];
	uint64_t created_ns;
	int seen;		/* in the listing going on */
	int failing;		/* the exporter's: a read failed (and was said) */
	void *data;		/* the exporter's; NULL for a fresh object */
};

struct pk_ostates {
	struct pk_ostate *o;	/* sorted by name (sorted.h) */
	size_t n, cap;
	void (*free_data)(void *data);	/* frees data (never NULL) */
};

/* A listing starts: no object seen yet. */
void pk_ostates_begin(struct pk_ostates *s);
/* The state of the object called name, marked seen, or NULL. */
struct pk_ostate *pk_ostates_find(struct pk_ostates *s, const char *name);
/* The state of info's object, marked seen: a new one, or one whose
 * created_ns changed (its data freed), has data NULL. Valid until the
 * next call. Aborts when out of memory. */
struct pk_ostate *pk_ostates_get(struct pk_ostates *s,
				 const struct pk_info *info);
/* The listing is over: objects not seen are forgotten. */
void pk_ostates_end(struct pk_ostates *s);
void pk_ostates_free(struct pk_ostates *s);

#endif
