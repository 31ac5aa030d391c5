/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PKTSTAT_TEST_SUITES_H
#define PKTSTAT_TEST_SUITES_H

#include <check.h>
#include <stdint.h>
#include <stdio.h>

Suite *parse_suite(void);
Suite *stats_suite(void);
Suite *output_suite(void);
Suite *reader_suite(void);
Suite *burst_suite(void);
Suite *bstats_suite(void);
Suite *follow_suite(void);
Suite *mstate_suite(void);
Suite *addrs_suite(void);
Suite *addrexport_suite(void);
Suite *modcheck_suite(void);
Suite *sorted_suite(void);
Suite *fdlines_suite(void);
Suite *runprog_suite(void);

struct pk_addr;
struct pk_addr_counts;
/* An address as the kernel prints it (a static buffer). */
const char *addr_text(const struct pk_addr *a);
/* c is src frames sf and bytes sb, dst frames df and bytes db. */
void assert_addr_counts(const struct pk_addr_counts *c, uint64_t sf,
			uint64_t sb, uint64_t df, uint64_t db);

/* Runs f(out, arg) on a memory stream and returns what it wrote. */
char *capture(void (*f)(FILE *out, const void *arg), const void *arg);

#endif
