// SPDX-License-Identifier: GPL-2.0
/* An address table: order, lookups, text and sums (see addrs.h). */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "addrs.h"

unsigned int pk_addr_bits(int family)
{
	return family == AF_INET ? 32 : 128;
}

int pk_addr_cmp(const struct pk_addr *x, const struct pk_addr *y)
{
	int c;

	if (x->family != y->family)
		return x->family == AF_INET ? -1 : 1;
	c = memcmp(x->addr, y->addr, sizeof(x->addr));
	if (c)
		return c;
	return (x->prefix > y->prefix) - (x->prefix < y->prefix);
}

static int cmp_entries(const void *a, const void *b)
{
	return pk_addr_cmp(a, b);
}

const struct pk_addr *pk_addrs_find(const struct pk_addrs *t,
				    const struct pk_addr *key)
{
	return t->n ? bsearch(key, t->a, t->n, sizeof(*t->a), cmp_entries) :
		      NULL;
}

const char *pk_addr_family(const struct pk_addr *a)
{
	return a->family == AF_INET ? "ipv4" : "ipv6";
}

void pk_addr_ip(const struct pk_addr *a, char *buf, size_t len)
{
	if (!inet_ntop(a->family, a->addr, buf, (socklen_t)len))
		snprintf(buf, len, "?");
}

void pk_addr_text(const struct pk_addr *a, char *buf, size_t len)
{
	char ip[INET6_ADDRSTRLEN];

	pk_addr_ip(a, ip, sizeof(ip));
	if (a->prefix < pk_addr_bits(a->family))
		snprintf(buf, len, "%s/%u", ip, a->prefix);
	else
		snprintf(buf, len, "%s", ip);
}

/* x's bytes sent and received against y's, in 65 bits: never wraps. */
static int cmp_bytes(const struct pk_addr_counts *x,
		     const struct pk_addr_counts *y)
{
	uint64_t sx = x->src_bytes + x->dst_bytes;
	uint64_t sy = y->src_bytes + y->dst_bytes;
	int cx = sx < x->src_bytes, cy = sy < y->src_bytes;

	if (cx != cy)
		return cx - cy;
	return (sx > sy) - (sx < sy);
}

int pk_addr_cmp_bytes(const struct pk_addr *x, const struct pk_addr *y)
{
	int c = cmp_bytes(&y->c, &x->c);

	return c ? c : pk_addr_cmp(x, y);
}

static int cmp_most_bytes(const void *a, const void *b)
{
	return pk_addr_cmp_bytes(*(const struct pk_addr *const *)a,
				 *(const struct pk_addr *const *)b);
}

const struct pk_addr **pk_addrs_by_bytes(const struct pk_addrs *t)
{
	const struct pk_addr **order = malloc((t->n ? t->n : 1) *
					      sizeof(*order));

	if (!order)
		abort();
	for (size_t i = 0; i < t->n; i++)
		order[i] = &t->a[i];
	if (t->n)
		qsort(order, t->n, sizeof(*order), cmp_most_bytes);
	return order;
}

void pk_addr_counts_add(struct pk_addr_counts *sum,
			const struct pk_addr_counts *c)
{
	sum->src_frames += c->src_frames;
	sum->src_bytes += c->src_bytes;
	sum->dst_frames += c->dst_frames;
	sum->dst_bytes += c->dst_bytes;
}

void pk_addrs_total(const struct pk_addrs *t, struct pk_addr_counts *sum)
{
	*sum = t->other;
	for (size_t i = 0; i < t->n; i++)
		pk_addr_counts_add(sum, &t->a[i].c);
}

int pk_addrs_push(struct pk_addrs *t, const struct pk_addr *a)
{
	return pk_push(&t->a, &t->n, &t->cap, a, sizeof(*a));
}

void pk_addrs_free(struct pk_addrs *t)
{
	free(t->a);
	memset(t, 0, sizeof(*t));
}
