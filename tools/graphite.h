/* SPDX-License-Identifier: GPL-2.0 */
/* The counters as graphite plaintext lines: "PATH VALUE TIMESTAMP", and
 * the bounded queue of lines not sent yet. */
#ifndef PKTSTAT_GRAPHITE_H
#define PKTSTAT_GRAPHITE_H

#include <stdio.h>
#include "procfs.h"

/* PREFIX.objects.NAME.{frames,bytes,lost_buckets,lost_frames,lost_bytes}
 * PREFIX.tags.FAMILY.TAG.{frames,bytes}; NAME and TAG cleaned by
 * pk_clean_name() with '-' kept (cleanname.h): "a.b" -> "__a_2eb". */
void pk_graphite_write(FILE *out, const struct pk_snapshot *s,
		       const char *prefix, uint64_t epoch_s);
/* 0 for a prefix of [A-Za-z0-9_-] components joined by single dots. */
int pk_graphite_prefix_check(const char *prefix);

/* Lines not sent yet, oldest first, at most max bytes of them: adding
 * more drops the oldest whole lines, counted in dropped. */
#define PK_GRAPHITE_QUEUE_MAX	(16u << 20)

struct pk_gqueue {
	char *buf;
	size_t len;
	size_t max;
	uint64_t dropped;	/* lines, since the counter was reset */
};

void pk_gqueue_add(struct pk_gqueue *q, const char *lines, size_t len);
size_t pk_gqueue_lines(const struct pk_gqueue *q);
void pk_gqueue_clear(struct pk_gqueue *q);

#endif
