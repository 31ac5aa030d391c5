// SPDX-License-Identifier: GPL-2.0
/* Host names from /etc/hosts, dnsmasq leases and dhcp-host lines (see
 * hosts.h). */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "hosts.h"

#define NAME_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" \
	"0123456789._-"

/* "10.0.0.1", "fd00::1", or "[fd00::1]" as dnsmasq writes IPv6. */
static int parse_ip(const char *s, struct pk_host *h)
{
	char buf[INET6_ADDRSTRLEN];
	size_t n = strlen(s);

	if (n >= 2 && n - 2 < sizeof(buf) && s[0] == '[' && s[n - 1] == ']') {
		snprintf(buf, sizeof(buf), "%.*s", (int)(n - 2), s + 1);
		s = buf;
	}
	memset(h->addr, 0, sizeof(h->addr));
	h->family = AF_INET;
	if (inet_pton(AF_INET, s, h->addr) == 1)
		return 0;
	h->family = AF_INET6;
	return inet_pton(AF_INET6, s, h->addr) == 1 ? 0 : -1;
}

/* A host name, and not an address (10.0.0.1 is made of name characters). */
static int is_name(const char *s)
{
	struct pk_host h;
	size_t n = strlen(s);

	return n && n < PK_HOST_LEN && strspn(s, NAME_CHARS) == n &&
	       parse_ip(s, &h) != 0;
}

/* dnsmasq's lease time in a dhcp-host line: 45m, 12h, infinite. */
static int lease_time(const char *s)
{
	size_t d = strspn(s, "0123456789");

	if (!strcmp(s, "infinite") || !strcmp(s, "deprecated"))
		return 1;
	return d && (!s[d] || (strchr("smhdw", s[d]) && !s[d + 1]));
}

static int set_name(struct pk_host *h, const char *name)
{
	if (!name || !is_name(name))
		return -1;
	snprintf(h->name, sizeof(h->name), "%s", name);
	return 0;
}

/* [dhcp-host=]MAC,...,ADDRESS,...,NAME,...: the first address, and the
 * first word that is a name, not a lease time nor "ignore" (MACs, id:,
 * set: and tag: have colons, which names do not). */
static int comma_line(char *line, struct pk_host *h)
{
	char *save = NULL, *tok;
	const char *name = NULL;
	int have_ip = 0;

	for (tok = strtok_r(line, ", \t", &save); tok;
	     tok = strtok_r(NULL, ", \t", &save)) {
		if (!have_ip && parse_ip(tok, h) == 0)
			have_ip = 1;
		else if (!name && is_name(tok) && !lease_time(tok) &&
			 strcmp(tok, "ignore"))
			name = tok;
	}
	return have_ip ? set_name(h, name) : -1;
}

/* ADDRESS NAME [ALIAS...], or EXPIRY MAC ADDRESS NAME CLIENT-ID. */
static int space_line(char *line, struct pk_host *h)
{
	char *f[5];
	int n = pk_split_fields(line, f, 5);

	if (n >= 2 && parse_ip(f[0], h) == 0)
		return set_name(h, f[1]);
	if (n >= 4 && strspn(f[0], "0123456789") == strlen(f[0]) &&
	    parse_ip(f[2], h) == 0)
		return set_name(h, f[3]);
	return -1;
}

/* One line, without its comment: 0 with h set, or -1 (not a host). */
static int parse_line(char *line, struct pk_host *h)
{
	char *hash = strchr(line, '#');

	if (hash)
		*hash = '\0';
	if (!strncmp(line, "dhcp-host=", 10))
		return comma_line(line + 10, h);
	if (strchr(line, '='))
		return -1;	/* another dnsmasq.conf setting */
	if (strchr(line, ','))
		return comma_line(line, h);
	return space_line(line, h);
}

/* IPv4 first, then by address, as pk_addr_cmp(). */
static int cmp_addr_only(const void *a, const void *b)
{
	const struct pk_host *x = a, *y = b;

	if (x->family != y->family)
		return x->family == AF_INET ? -1 : 1;
	return memcmp(x->addr, y->addr, sizeof(x->addr));
}

/* By address, then in file order. */
static int cmp_host(const void *a, const void *b)
{
	const struct pk_host *x = a, *y = b;
	int c = cmp_addr_only(a, b);

	return c ? c : (x->line > y->line) - (x->line < y->line);
}

/* Sorted, each address once: its first line's. */
static void index_hosts(struct pk_hosts *h)
{
	size_t out = 0;

	if (!h->n)
		return;
	qsort(h->h, h->n, sizeof(*h->h), cmp_host);
	for (size_t i = 1; i < h->n; i++)
		if (cmp_addr_only(&h->h[i], &h->h[out]))
			h->h[++out] = h->h[i];
	h->n = out + 1;
}

int pk_hosts_parse(FILE *f, struct pk_hosts *h)
{
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	struct pk_host e;
	int complete, rc = 0;

	memset(h, 0, sizeof(*h));
	while (rc == 0 && pk_read_line(f, &line, &cap, &complete) >= 0) {
		e.line = ++lineno;
		if (parse_line(line, &e) == 0)
			rc = pk_push(&h->h, &h->n, &h->cap, &e, sizeof(e));
	}
	free(line);
	index_hosts(h);
	return rc;
}

void pk_hosts_free(struct pk_hosts *h)
{
	free(h->h);
	memset(h, 0, sizeof(*h));
}

const char *pk_hosts_find(const struct pk_hosts *h, const struct pk_addr *a)
{
	struct pk_host key = { .family = a->family };
	const struct pk_host *e;

	if (!h->n || a->prefix != pk_addr_bits(a->family))
		return NULL;
	memcpy(key.addr, a->addr, sizeof(key.addr));
	e = bsearch(&key, h->h, h->n, sizeof(*h->h), cmp_addr_only);
	return e ? e->name : NULL;
}
