/* SPDX-License-Identifier: GPL-2.0 */
/* The counters in Prometheus' text exposition format (version 0.0.4). */
#ifndef PKTSTAT_PROM_H
#define PKTSTAT_PROM_H

#include <stdio.h>
#include "procfs.h"
#include "promaddr.h"
#include "promburst.h"

#define PK_PROM_CONTENT_TYPE "text/plain; version=0.0.4; charset=utf-8"

void pk_prom_write(FILE *out, const struct pk_snapshot *s);
/* ns as seconds in the shortest exact decimal: 10000 -> "0.00001". */
void pk_prom_seconds(FILE *out, uint64_t ns);
/* A label value with \\, " and newlines escaped. */
void pk_prom_label_value(FILE *out, const char *s);
/* The whole exposition in a malloc'ed string, or NULL with err set; with
 * pb, the objects' streams are read first and their burst metrics added;
 * with pa, the per-address metrics of the objects with a table. */
char *pk_prom_render(const char *proc_dir, struct pk_pb *pb, struct pk_pa *pa,
		     size_t *len, struct pk_err *err);
/* Writes path atomically: a temporary file in its directory, renamed. */
int pk_write_atomic(const char *path, const char *buf, size_t len,
		    struct pk_err *err);

#endif
