/* SPDX-License-Identifier: GPL-2.0 */
/* The counters as graphite plaintext lines: "PATH VALUE TIMESTAMP". */
#ifndef PKTSTAT_GRAPHITE_H
#define PKTSTAT_GRAPHITE_H

#include <stdio.h>
#include "procfs.h"

/* PREFIX.objects.NAME.{frames,bytes,lost_buckets,lost_frames,lost_bytes}
 * PREFIX.tags.FAMILY.TAG.{frames,bytes}; dots in names become '_'. */
void pk_graphite_write(FILE *out, const struct pk_snapshot *s,
		       const char *prefix, uint64_t epoch_s);

#endif
