/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the reader makes of a list of tags, whichever parser gave it (the
 * tags file, or iptables-save for munin users): the sent/received rows
 * and the munin plugin's output, checked.
 */
#ifndef PKTSTAT_TAGCHECK_H
#define PKTSTAT_TAGCHECK_H

#include "proc.h"

void tagcheck_rows(const struct pk_tags *tags);

#endif
