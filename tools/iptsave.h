/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tags from plain iptables rules, as the munin traffic_accounting plugin
 * reads them: "[PACKETS:BYTES] -A CHAIN ... --comment "=tag= desc"" lines of
 * iptables-save -c.
 */
#ifndef PKTSTAT_IPTSAVE_H
#define PKTSTAT_IPTSAVE_H

#include <stdio.h>
#include "proc.h"

/* Parses one line; 1 with *t filled for a tagged rule in chain, else 0. */
int pk_iptsave_line(const char *line, const char *chain, const char *family,
		    struct pk_tag *t);
/* Adds the tagged rules of chain in an iptables-save -c stream to tags. */
int pk_iptsave_parse(FILE *f, const char *chain, const char *family,
		     struct pk_tags *tags);

#endif
