/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The iptables plugin (iptables/libxt_pktstat.c) driven as iptables and
 * iptables-restore drive it, with the real libxtables: words in, the
 * struct the kernel would get out, and back to words as iptables-save
 * writes them.
 */
#ifndef PKTSTAT_XTPLUGIN_H
#define PKTSTAT_XTPLUGIN_H

#include <stddef.h>
#include "xt_pktstat.h"

/* The bytes the plugin fills in and the kernel checks (the rest is the
 * kernel's own). */
#define XTP_INFO_SIZE	offsetof(struct xt_pktstat_info, object)

/* Splits a line into words as iptables-restore does ("..." with \ escapes
 * inside); returns the number of words, at most max (more are dropped). */
int xtp_words(char *line, char **words, int max);
/* Parses "--OPTION VALUE" words into a zeroed *info as iptables does;
 * 0, or -1 where iptables would refuse the rule. */
int xtp_parse(char **words, int n, struct xt_pktstat_info *info);
/* What iptables-save writes for the match (" --name web --period ..."),
 * malloc'd. */
char *xtp_save(const struct xt_pktstat_info *info);
/* Aborts unless iptables-save's words for info parse back into the same
 * bytes: iptables -D and -C compare them, and a restore must not change a
 * rule. */
void xtp_check_roundtrip(const struct xt_pktstat_info *info);

#endif
