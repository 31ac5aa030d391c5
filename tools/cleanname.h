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

/* Room for any name shorter than PK_NAME_LEN, cleaned either way. */
#define PK_CLEAN_LEN	(2 + 3 * (PK_NAME_LEN - 1) + 2)

void pk_clean_name(char *out, size_t len, const char *name, const char *extra);
/*
 * A second name for name that pk_clean_name() gives no name at all, for
 * when two things share one (munin.c): for a plain name, its escaped form
 * ("web4" -> "__web4", escaped forms being of names that are not plain);
 * else the escaped form and one more '_' ("web.4" -> "__web_2e4_"): in an
 * escaped form each '_' after the leading "__" begins "__" or "_hh", and
 * that last one begins neither. Distinct names get distinct second names.
 */
void pk_clean_other(char *out, size_t len, const char *name, const char *extra);

#endif
