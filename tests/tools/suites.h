/* SPDX-License-Identifier: GPL-2.0 */
#ifndef PKTSTAT_TEST_SUITES_H
#define PKTSTAT_TEST_SUITES_H

#include <check.h>
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

/* Runs f(out, arg) on a memory stream and returns what it wrote. */
char *capture(void (*f)(FILE *out, const void *arg), const void *arg);

#endif
