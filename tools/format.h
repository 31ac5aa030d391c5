/* SPDX-License-Identifier: GPL-2.0 */
/* Printing buckets read and burst windows as text, CSV or JSON. */
#ifndef PKTSTAT_FORMAT_H
#define PKTSTAT_FORMAT_H

#include <stdio.h>
#include "proc.h"
#include "stats.h"
#include "units.h"

enum pk_format { PK_TEXT, PK_CSV, PK_JSON };

/* NULL means text; -1 for an unknown name */
int pk_format_parse(const char *s, enum pk_format *f);
void pk_print_data(FILE *out, enum pk_format fmt, const char *name,
		   uint64_t period_ns, enum pk_unit u, const struct pk_data *d);
void pk_print_windows_header(FILE *out, enum pk_format fmt, const char *name,
			     uint64_t period_ns, uint64_t window_ns,
			     enum pk_unit u, double threshold);
void pk_print_window_row(FILE *out, enum pk_format fmt, enum pk_unit u,
			 const struct pk_window *w);
void pk_print_windows(FILE *out, enum pk_format fmt, const char *name,
		      uint64_t period_ns, uint64_t window_ns, enum pk_unit u,
		      double threshold, const struct pk_window *w, size_t n,
		      const struct pk_lost *lost);

#endif
