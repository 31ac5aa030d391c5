/* SPDX-License-Identifier: GPL-2.0 */
/*
 * An object's address table as text, CSV or JSON (read --addresses): one
 * row per address, most bytes sent and received first, then "other".
 */
#ifndef PKTSTAT_ADDRFMT_H
#define PKTSTAT_ADDRFMT_H

#include <stdio.h>
#include "addrs.h"
#include "format.h"

void pk_print_addresses(FILE *out, enum pk_format fmt,
			const struct pk_info *info, const struct pk_addrs *t);

#endif
