// SPDX-License-Identifier: GPL-2.0
/* The parser of NAME/addresses (see addrs.h): strict, since a line that
 * does not parse means a reader and the kernel disagree. */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include "addrs.h"

#define ENTRY_FORMAT \
	"ADDRESS[/PREFIX] SRC_FRAMES SRC_BYTES DST_FRAMES DST_BYTES"

/* "10.0.1.0/24" or "fd00::1"; s is cut at the slash. */
static int parse_address(char *s, struct pk_addr *a, struct pk_err *err)
{
	char *slash = strchr(s, '/');
	uint64_t prefix;

	if (slash)
		*slash++ = '\0';
	memset(a, 0, sizeof(*a));
	a->family = strchr(s, ':') ? AF_INET6 : AF_INET;
	a->prefix = pk_addr_bits(a->family);
	if (inet_pton(a->family, s, a->addr) != 1) {
		pk_err_set(err, "\"%s\" is not an IPv4 or IPv6 address", s);
		return -1;
	}
	if (!slash)
		return 0;
	if (pk_parse_u64(slash, &prefix) || prefix > a->prefix) {
		pk_err_set(err, "\"%s/%s\": the prefix of an %s address is 0 "
			   "to %u", s, slash, a->family == AF_INET ? "IPv4" :
			   "IPv6", a->prefix);
		return -1;
	}
	a->prefix = (unsigned int)prefix;
	return 0;
}

static int parse_counts(char *const *f, struct pk_addr_counts *c,
			struct pk_err *err)
{
	static const char *const names[4] = {
		"src_frames", "src_bytes", "dst_frames", "dst_bytes",
	};
	uint64_t *v[4] = {
		&c->src_frames, &c->src_bytes, &c->dst_frames, &c->dst_bytes,
	};

	for (int i = 0; i < 4; i++) {
		if (pk_parse_u64(f[i], v[i])) {
			pk_err_set(err, "%s: \"%s\" is not a number", names[i],
				   f[i]);
			return -1;
		}
	}
	return 0;
}

/* The file being parsed: where it is and what it has seen. */
struct parse {
	unsigned long lineno;
	int have_other;
	struct pk_addrs *t;
	struct pk_err *err;
};

/* "ADDRESS[/PREFIX] SF SB DF DB" or "other SF SB DF DB", other last. */
static int entry_line(struct parse *ps, char *line)
{
	char *f[5];
	struct pk_addr a;

	if (pk_split_fields(line, f, 5) != 5) {
		pk_err_set(ps->err, "expected \"%s\"", ENTRY_FORMAT);
		return -1;
	}
	if (ps->have_other) {
		pk_err_set(ps->err, strcmp(f[0], PK_ADDRS_OTHER) ?
			   "a line after \"other\", which must be the last" :
			   "\"other\" a second time");
		return -1;
	}
	if (!strcmp(f[0], PK_ADDRS_OTHER)) {
		ps->have_other = 1;
		return parse_counts(f + 1, &ps->t->other, ps->err);
	}
	if (parse_address(f[0], &a, ps->err) ||
	    parse_counts(f + 1, &a.c, ps->err))
		return -1;
	if (pk_addrs_push(ps->t, &a)) {
		pk_err_set(ps->err, "out of memory");
		return -1;
	}
	return 0;
}

static int parse_line(struct parse *ps, char *line, int complete)
{
	if (!complete) {
		pk_err_set(ps->err, "truncated line");
		return -1;
	}
	if (ps->lineno == 1) {
		if (strcmp(line, PK_ADDRS_HEADER)) {
			pk_err_set(ps->err, "expected header \"%s\"",
				   PK_ADDRS_HEADER);
			return -1;
		}
		return 0;
	}
	if (line[0] == '#')
		return 0;	/* a newer module's comment */
	return entry_line(ps, line);
}

static int add_checked(uint64_t *sum, uint64_t v)
{
	if (*sum > UINT64_MAX - v)
		return -1;
	*sum += v;
	return 0;
}

static int counts_add_checked(struct pk_addr_counts *sum,
			      const struct pk_addr_counts *c)
{
	return add_checked(&sum->src_frames, c->src_frames) ||
	       add_checked(&sum->src_bytes, c->src_bytes) ||
	       add_checked(&sum->dst_frames, c->dst_frames) ||
	       add_checked(&sum->dst_bytes, c->dst_bytes);
}

static int cmp_addrs(const void *a, const void *b)
{
	return pk_addr_cmp(a, b);
}

/* Sorts the entries and sums those of one address into one. */
static int merge(struct pk_addrs *t, const char *file, struct pk_err *err)
{
	char text[PK_ADDR_TEXT];
	size_t out = 0;

	if (!t->n)
		return 0;
	qsort(t->a, t->n, sizeof(*t->a), cmp_addrs);
	for (size_t i = 1; i < t->n; i++) {
		if (pk_addr_cmp(&t->a[out], &t->a[i])) {
			t->a[++out] = t->a[i];
		} else if (counts_add_checked(&t->a[out].c, &t->a[i].c)) {
			pk_addr_text(&t->a[i], text, sizeof(text));
			pk_err_set(err, "%s: the lines of %s sum to more than "
				   "2^64", file, text);
			return -1;
		}
	}
	t->n = out + 1;
	return 0;
}

/* The end of the file: a header was read, and other last. */
static int check_end(const struct parse *ps, const char *file)
{
	if (ps->lineno == 0) {
		pk_err_set(ps->err, "%s: empty, expected header \"%s\"", file,
			   PK_ADDRS_HEADER);
		return -1;
	}
	if (!ps->have_other) {
		pk_err_set(ps->err, "%s: no \"other\" line at the end (a "
			   "truncated file?)", file);
		return -1;
	}
	return merge(ps->t, file, ps->err);
}

int pk_addrs_parse(FILE *f, const char *file, struct pk_addrs *t,
		   struct pk_err *err)
{
	struct parse ps = { 0, 0, t, err };
	char *line = NULL, why[PK_ERR_LEN];
	size_t cap = 0;
	int complete, rc = 0;

	memset(t, 0, sizeof(*t));
	while (rc == 0 && pk_read_line(f, &line, &cap, &complete) >= 0) {
		ps.lineno++;
		rc = parse_line(&ps, line, complete);
	}
	free(line);
	if (rc && err) {
		snprintf(why, sizeof(why), "%s", err->msg);
		pk_err_set(err, "%s:%lu: %s", file, ps.lineno, why);
	}
	return rc ? rc : check_end(&ps, file);
}
