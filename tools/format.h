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
/* "pktstat: NAME: B buckets lost (F frames, Y bytes)" on stderr, if any. */
void pk_warn_lost(const char *name, const struct pk_lost *l);

/* How burst windows are printed: text (a header, then a row per window),
 * CSV (column names, then rows) or JSON Lines (an object per window, each
 * with its name, start, window, unit and rates). */
struct pk_winfmt {
	enum pk_format fmt;
	const char *name;
	uint64_t period_ns, window_ns;
	enum pk_unit unit;
	double threshold;	/* < 0: twice the window's mean */
};

void pk_print_windows_header(FILE *out, const struct pk_winfmt *f);
void pk_print_window_row(FILE *out, const struct pk_winfmt *f,
			 const struct pk_window *w);
/* Header, rows, then what was lost: a "# lost" line in text, else on
 * stderr. */
void pk_print_windows(FILE *out, const struct pk_winfmt *f,
		      const struct pk_window *w, size_t n,
		      const struct pk_lost *lost);

#endif
