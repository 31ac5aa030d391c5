/* SPDX-License-Identifier: GPL-2.0 */
/*
 * NAME/addresses as data: the frames and bytes an object counted per
 * address (or prefix) since it was made, under it as the source (what the
 * address sent) and as the destination (what it received), and "other",
 * what a full table could not place. The parser is pure (a stream in, a
 * table out) so that captured files can be tested.
 */
#ifndef PKTSTAT_ADDRS_H
#define PKTSTAT_ADDRS_H

#include <stdint.h>
#include <stdio.h>
#include "proc.h"

#define PK_ADDRS_HEADER	"# address src_frames src_bytes dst_frames dst_bytes"
#define PK_ADDRS_OTHER	"other"
/* The most entries a table has (XT_PKTSTAT_ADDRESSES_MAX). */
#define PK_ADDRESSES_MAX	65536u
/* an IPv6 address as inet_ntop prints it, "/128" and the NUL */
#define PK_ADDR_TEXT	56

struct pk_addr_counts {
	uint64_t src_frames, src_bytes;	/* sent */
	uint64_t dst_frames, dst_bytes;	/* received */
};

struct pk_addr {
	int family;		/* AF_INET or AF_INET6 */
	unsigned int prefix;	/* bits: 32 or 128 for a single address */
	unsigned char addr[16];	/* network order; IPv4 in the first 4 */
	struct pk_addr_counts c;
};

/* One read of NAME/addresses: each address once, in pk_addr_cmp() order. */
struct pk_addrs {
	struct pk_addr *a;
	size_t n, cap;
	struct pk_addr_counts other;
};

/* Parses a whole NAME/addresses; file names it in messages. Lines for
 * one address are summed: in a rare race the kernel gives an address two
 * slots, each with its own counts. */
int pk_addrs_parse(FILE *f, const char *file, struct pk_addrs *t,
		   struct pk_err *err);
void pk_addrs_free(struct pk_addrs *t);
/* Appends a copy of a; -1 when out of memory. */
int pk_addrs_push(struct pk_addrs *t, const struct pk_addr *a);

/* The bits of an address of family (AF_INET: 32, AF_INET6: 128). */
unsigned int pk_addr_bits(int family);
/* IPv4 before IPv6, then by address, then by prefix. */
int pk_addr_cmp(const struct pk_addr *x, const struct pk_addr *y);
/* The entry of t with key's family, address and prefix, or NULL. */
const struct pk_addr *pk_addrs_find(const struct pk_addrs *t,
				    const struct pk_addr *key);
/* "ipv4" or "ipv6", as in the tags file. */
const char *pk_addr_family(const struct pk_addr *a);
/* "10.0.1.5", "10.0.1.0/24", "fd00:0:0:1::/64": /PREFIX when shorter
 * than the whole address, as the kernel prints it. */
void pk_addr_text(const struct pk_addr *a, char *buf, size_t len);
/* The (masked) address alone, without /PREFIX: "fd00:0:0:1::". */
void pk_addr_ip(const struct pk_addr *a, char *buf, size_t len);

/* Most bytes sent and received first, then pk_addr_cmp(). */
int pk_addr_cmp_bytes(const struct pk_addr *x, const struct pk_addr *y);
/* The entries of t in pk_addr_cmp_bytes() order: an array of t->n
 * pointers, to free(). */
const struct pk_addr **pk_addrs_by_bytes(const struct pk_addrs *t);

/* c added to sum. */
void pk_addr_counts_add(struct pk_addr_counts *sum,
			const struct pk_addr_counts *c);
/* Every address and other: all that the rules counted per address. */
void pk_addrs_total(const struct pk_addrs *t, struct pk_addr_counts *sum);

#endif
