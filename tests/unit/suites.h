/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _PKTSTAT_UNIT_SUITES_H
#define _PKTSTAT_UNIT_SUITES_H

#include <check.h>

Suite *suite_check(void);	/* check_check.c: what checkentry accepts */
Suite *suite_bucket(void);	/* check_bucket.c: the packet-path arithmetic */
Suite *suite_cursor(void);	/* check_cursor.c: the readers, against a model */
Suite *suite_parse(void);	/* check_parse.c: option values */
Suite *suite_plugin(void);	/* check_plugin.c: the iptables plugin */

#endif
