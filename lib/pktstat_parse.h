/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsing and printing of the pktstat option values, shared by the iptables
 * plugin and the tests. Each parser returns 0, or -1 with a message in err
 * that says what is wrong and what is allowed.
 */
#ifndef _PKTSTAT_PARSE_H
#define _PKTSTAT_PARSE_H

#include <stddef.h>
#include <stdint.h>
#include "xt_pktstat.h"

#define PKTSTAT_ERR_LEN	160

/* "100us", "0.5ms", "2s", "250" (ms); 10us to 60s in whole nanoseconds */
int pktstat_parse_period(const char *s, __u64 *ns, char *err, size_t errlen);
/* 1 to 1000000 */
int pktstat_parse_samples(const char *s, __u32 *n, char *err, size_t errlen);
/* --max-addresses: 1 to 65536 */
int pktstat_parse_max_addresses(const char *s, __u32 *n, char *err, size_t errlen);
/* --prefix4, --prefix6: 0 to max (32 or 128) bits */
int pktstat_parse_prefix(const char *s, unsigned int max, __u8 *bits,
			 char *err, size_t errlen);
/* --by: "src", "dst", "src,dst" or "dst,src", into XT_PKTSTAT_BY_* bits */
int pktstat_parse_by(const char *s, __u8 *by, char *err, size_t errlen);
/* 1 to 31 of [A-Za-z0-9_.-], not ".", ".." or "tags" */
int pktstat_parse_name(const char *s, char name[XT_PKTSTAT_NAME_LEN],
		       char *err, size_t errlen);
/* "TAG", "=TAG=" or "=TAG= description" (munin traffic_accounting) */
int pktstat_parse_tag(const char *s, char tag[XT_PKTSTAT_NAME_LEN],
		      char desc[XT_PKTSTAT_DESC_LEN], char *err, size_t errlen);

/* The one spelling of valid --by bits: "src", "dst" or "src,dst". */
const char *pktstat_format_by(__u8 by);
/* The period in the largest unit that shows it exactly: "100us", "2s". */
void pktstat_format_period(__u64 ns, char *buf, size_t len);

#endif /* _PKTSTAT_PARSE_H */
