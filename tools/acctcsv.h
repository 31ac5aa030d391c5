/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-address CSV files in go-nflog-acctd's layout, so that scripts
 * written for it read pktstat's (github.com/ncw/go-nflog-acctd, main.go:
 * FileTimeFormat, CsvTimeFormat and IpMap.Dump):
 *
 *   2026-11-22-120000_2026-11-22-130000.csv   START_END, local time
 *   Time,IP,SourceBytes,SourcePackets,DestBytes,DestPackets
 *   2026-11-22 12:00:00,192.168.1.20,1000,10,50000,40
 *
 * Time is the interval's start, local time, on every row; IP the address
 * masked to the object's prefix, without the prefix length, as
 * go-nflog-acctd writes it; Source* what it sent (rules with --by src),
 * Dest* what it received (--by dst). Local time is what go-nflog-acctd
 * uses (Go's time.Now()): TZ=UTC gives UTC.
 */
#ifndef PKTSTAT_ACCTCSV_H
#define PKTSTAT_ACCTCSV_H

#include <stdio.h>
#include "addrs.h"

#define PK_ACCT_HEADER "Time,IP,SourceBytes,SourcePackets,DestBytes,DestPackets"
/* The IP cell of what a full table could not place: no address. */
#define PK_ACCT_OTHER "other"

/* "2026-11-22-120000_2026-11-22-130000" (no ".csv"): seconds, local time. */
void pk_acct_basename(char *buf, size_t len, uint64_t start_ns,
		      uint64_t end_ns);
/* A file's text (to free()): the header, then a row per address of d
 * (what each counted in the interval starting at start_ns), then other
 * when it counted anything. */
char *pk_acct_text(uint64_t start_ns, const struct pk_addrs *d, size_t *len);

#endif
