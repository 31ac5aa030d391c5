/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Names made safe for munin fields and graphs and graphite paths, without
 * two names ever giving the same result. A name of letters, digits, '_'
 * and the caller's extra characters, without "__", is kept as it is (the
 * names the munin traffic_accounting plugin used stay the same). Any other
 * name is escaped: "__", then each letter, digit and extra character as it
 * is, '_' as "__" and any other byte as '_' and two lowercase hex digits:
 * "web.v4" -> "__web_2ev4", ".web" -> "___2eweb", "a__b" -> "__a____b".
 */
#ifndef PKTSTAT_CLEANNAME_H
#define PKTSTAT_CLEANNAME_H

#include <stddef.h>
#include "proc.h"

/* Room for any name shorter than PK_NAME_LEN. */
#define PK_CLEAN_LEN	(2 + 3 * (PK_NAME_LEN - 1) + 1)

void pk_clean_name(char *out, size_t len, const char *name, const char *extra);

#endif
