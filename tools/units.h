/* SPDX-License-Identifier: GPL-2.0 */
/* Units (--unit bits|bytes|packets), durations and human-readable numbers. */
#ifndef PKTSTAT_UNITS_H
#define PKTSTAT_UNITS_H

#include <stddef.h>
#include <stdint.h>

enum pk_unit { PK_BITS, PK_BYTES, PK_PACKETS };

int pk_unit_parse(const char *s, enum pk_unit *u);
const char *pk_unit_name(enum pk_unit u);
/* The amount of traffic in unit u. */
double pk_unit_value(enum pk_unit u, uint64_t frames, uint64_t bytes);
/* "12.3 Mbit/s", "1.23 MB/s", "3.40 kpps" */
void pk_fmt_rate(char *buf, size_t len, enum pk_unit u, double per_sec);
/* "12.3 Mbit", "1.23 MB", "3.40 kpkt" */
void pk_fmt_amount(char *buf, size_t len, enum pk_unit u, double v);
/* 3 significant digits with an SI prefix: "999", "1.23 k", "45.6 M" */
void pk_fmt_si(char *buf, size_t len, double v, const char *suffix);

/* "1s", "250ms", "100us", "500ns", "2m"; a bare number is seconds. */
int pk_parse_duration(const char *s, uint64_t *ns);
/* "100M", "1.5k", "2G", "42" */
int pk_parse_si(const char *s, double *v);
/* The largest unit that shows ns exactly: "100us", "1s". */
void pk_fmt_duration(char *buf, size_t len, uint64_t ns);
/* ISO 8601 UTC with microseconds: "2026-11-22T12:00:00.000100Z" */
void pk_fmt_time(char *buf, size_t len, uint64_t epoch_ns);

#endif
