/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host names for addresses, from the files that name the hosts of a LAN.
 * Each line is read in whichever of these forms it has (so one option
 * takes any of the files, and lines of other forms are skipped):
 *
 *   /etc/hosts            ADDRESS NAME [ALIAS...]        (# comments)
 *   dnsmasq leases        EXPIRY MAC|IAID ADDRESS NAME|* CLIENT-ID
 *   dnsmasq dhcp-host     [dhcp-host=]MAC,...,ADDRESS,...,NAME,...
 *                         (dnsmasq.conf, or a --dhcp-hostsfile; IPv6 as
 *                         [ADDRESS])
 *
 * A name is 1 to 253 of [A-Za-z0-9._-], so that it needs no escaping
 * wherever it is shown; a line with another is skipped. The first line
 * that names an address wins, as in a resolver's reading of /etc/hosts.
 * Pure (a stream in, a table out), for the tests.
 */
#ifndef PKTSTAT_HOSTS_H
#define PKTSTAT_HOSTS_H

#include <stdio.h>
#include "addrs.h"

#define PK_HOST_LEN	254

struct pk_host {
	int family;		/* AF_INET or AF_INET6 */
	unsigned char addr[16];
	size_t line;		/* the first line wins */
	char name[PK_HOST_LEN];
};

struct pk_hosts {
	struct pk_host *h;	/* by family and address, each once */
	size_t n, cap;
};

/* Reads f to its end into h (emptied first); -1 when out of memory. */
int pk_hosts_parse(FILE *f, struct pk_hosts *h);
void pk_hosts_free(struct pk_hosts *h);
/* The name of a whole address (not a prefix), or NULL. */
const char *pk_hosts_find(const struct pk_hosts *h, const struct pk_addr *a);

#endif
