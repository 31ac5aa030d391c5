/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The objects the munin plugin draws a graph for (muninobj.h): those of
 * env.proc that have a NAME/stream (an older module's NAME/data would be
 * drained by reading it: such objects are left out). For a fetch, each
 * stream is opened, read once and closed, against the state the previous
 * fetch kept (mstate.h, pollrate.h), and the state is written again when
 * there is one to keep. Problems go to stderr (munin-node logs them) and
 * leave the tag graphs alone; without the module, there are no object
 * graphs, silently (the tags may come from iptables rules).
 */
#ifndef PKTSTAT_MUNINREAD_H
#define PKTSTAT_MUNINREAD_H

#include "muninobj.h"

/* *out is allocated, sorted by name; plugin names the state file. */
size_t pk_munin_objects(const char *proc, const char *plugin, int fetch,
			struct pk_munin_obj **out);

#endif
