// SPDX-License-Identifier: GPL-2.0
/* Pure parsers for the files under /proc/net/xt_pktstat (see proc.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "proc.h"

#define DATA_HEADER	"# start_ns frames bytes"
#define STREAM_HEADER	"# start_ns frames bytes [buckets]"

static const char *const info_keys[PK_I_COUNT] = {
	[PK_I_PERIOD_NS] = "period_ns",
	[PK_I_SAMPLES] = "samples",
	[PK_I_RULES] = "rules",
	[PK_I_CREATED_NS] = "created_ns",
	[PK_I_FRAMES] = "frames",
	[PK_I_BYTES] = "bytes",
	[PK_I_READ_FRAMES] = "read_frames",
	[PK_I_READ_BYTES] = "read_bytes",
	[PK_I_LOST_BUCKETS] = "lost_buckets",
	[PK_I_LOST_FRAMES] = "lost_frames",
	[PK_I_LOST_BYTES] = "lost_bytes",
	[PK_I_MEMORY_BYTES] = "memory_bytes",
	[PK_I_MAX_ADDRESSES] = "max_addresses",
	[PK_I_PREFIX4] = "prefix4",
	[PK_I_PREFIX6] = "prefix6",
	[PK_I_ADDRESSES] = "addresses",
};

/* Without these an object cannot be shown or exported. */
static const enum pk_info_key required_keys[] = {
	PK_I_PERIOD_NS, PK_I_FRAMES, PK_I_BYTES,
};

void pk_err_set(struct pk_err *err, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
}

const char *pk_info_key_name(enum pk_info_key k)
{
	return k < PK_I_COUNT ? info_keys[k] : "?";
}

int pk_parse_u64(const char *s, uint64_t *out)
{
	uint64_t v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		unsigned int digit;

		if (*s < '0' || *s > '9')
			return -1;
		digit = (unsigned int)(*s - '0');
		if (v > (UINT64_MAX - digit) / 10)
			return -1;
		v = v * 10 + digit;
	}
	*out = v;
	return 0;
}

int pk_valid_name(const char *s)
{
	size_t len = strlen(s);

	if (len < 1 || len >= PK_NAME_LEN)
		return 0;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		      "0123456789_.-") == len;
}

ssize_t pk_read_line(FILE *f, char **buf, size_t *cap, int *complete)
{
	ssize_t len = getline(buf, cap, f);

	if (len <= 0)
		return -1;
	*complete = (*buf)[len - 1] == '\n';
	if (*complete)
		(*buf)[--len] = '\0';
	return len;
}

int pk_split_fields(char *s, char **fields, int max)
{
	int n = 0;
	char *save = NULL;

	for (char *tok = strtok_r(s, " \t", &save); tok;
	     tok = strtok_r(NULL, " \t", &save)) {
		if (n == max)
			return max + 1;
		fields[n++] = tok;
	}
	return n;
}

void *pk_grow(void *arr, size_t n, size_t *cap, size_t size)
{
	size_t c = *cap ? *cap * 2 : 256;
	void *p;

	if (n < *cap)
		return arr;
	p = realloc(arr, c * size);
	if (p)
		*cap = c;
	return p;
}

int pk_push(void *arrp, size_t *n, size_t *cap, const void *e, size_t size)
{
	void *arr;

	memcpy(&arr, arrp, sizeof(arr));
	arr = pk_grow(arr, *n, cap, size);
	if (!arr)
		return -1;
	memcpy(arrp, &arr, sizeof(arr));
	memcpy((char *)arr + *n * size, e, size);
	(*n)++;
	return 0;
}

int pk_data_push(struct pk_data *d, const struct pk_bucket *b)
{
	struct pk_bucket *nb = pk_grow(d->b, d->n, &d->cap, sizeof(*nb));

	if (!nb)
		return -1;
	d->b = nb;
	d->b[d->n++] = *b;
	return 0;
}

void pk_data_free(struct pk_data *d)
{
	free(d->b);
	free(d->runs);
	memset(d, 0, sizeof(*d));
}

static int runs_push(struct pk_data *d, const struct pk_run *r)
{
	struct pk_run *nr = pk_grow(d->runs, d->nruns, &d->runs_cap,
				    sizeof(*nr));

	if (!nr)
		return -1;
	d->runs = nr;
	d->runs[d->nruns++] = *r;
	return 0;
}

void pk_data_each(const struct pk_data *d,
		  void (*fn)(const struct pk_bucket *b, uint64_t n, void *ctx),
		  void *ctx)
{
	size_t r = 0;

	for (size_t i = 0; i <= d->n; i++) {
		for (; r < d->nruns && d->runs[r].at == i; r++) {
			struct pk_bucket idle = { d->runs[r].start_ns, 0, 0 };

			fn(&idle, d->runs[r].n, ctx);
		}
		if (i < d->n)
			fn(&d->b[i], 1, ctx);
	}
}

/* One pass being parsed: where messages point and what is filled in. */
struct parse {
	const char *file;
	uint64_t period_ns;
	struct pk_cursor *c;
	struct pk_data *d;
	struct pk_err *err;
};

static int bad_line(const struct parse *ps, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "FILE:LINE: why"; returns -1. */
static int bad_line(const struct parse *ps, const char *fmt, ...)
{
	char why[PK_ERR_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	pk_err_set(ps->err, "%s:%lu: %s", ps->file, ps->c->lineno, why);
	return -1;
}

/*
 * " KEY=N" for each of keys, up to the end of s, N digits only: a sign
 * ("-2", which sscanf's %llu takes as 2^64 - 2) or a space is refused.
 */
static int parse_counts(const char *s, const char *const *keys, size_t n,
			uint64_t *v)
{
	for (size_t i = 0; i < n; i++) {
		size_t klen = strlen(keys[i]), dlen;
		char digits[24];

		if (*s++ != ' ' || strncmp(s, keys[i], klen) || s[klen] != '=')
			return -1;
		s += klen + 1;
		dlen = strcspn(s, " ");
		if (dlen >= sizeof(digits))
			return -1;
		memcpy(digits, s, dlen);
		digits[dlen] = '\0';
		if (pk_parse_u64(digits, &v[i]))
			return -1;
		s += dlen;
	}
	return *s ? -1 : 0;
}

static int parse_lost(const char *line, struct pk_lost *lost)
{
	static const char *const keys[] = { "buckets", "frames", "bytes" };
	uint64_t v[3];

	if (strncmp(line, "# lost", 6) || parse_counts(line + 6, keys, 3, v))
		return -1;
	lost->buckets = v[0];
	lost->frames = v[1];
	lost->bytes = v[2];
	return 0;
}

static int parse_before(const char *line, struct pk_data *d)
{
	static const char *const keys[] = { "frames", "bytes" };
	uint64_t v[2];

	if (strncmp(line, "# before", 8) || parse_counts(line + 8, keys, 2, v))
		return -1;
	d->before_frames = v[0];
	d->before_bytes = v[1];
	d->have_before = 1;
	return 0;
}

/* In a stream, the next bucket starts B periods after a "# lost" line;
 * past 2^64 ns it would wrap around to a start long gone. */
static int lost_line(struct parse *ps, const char *line)
{
	struct pk_lost l;
	uint64_t p = ps->period_ns;

	if (parse_lost(line, &l))
		return bad_line(ps, "malformed lost line \"%s\"", line);
	if (p && l.buckets > (UINT64_MAX - ps->c->next_ns) / p)
		return bad_line(ps, "%llu lost buckets end after 2^64 ns",
				(unsigned long long)l.buckets);
	ps->d->lost.buckets += l.buckets;
	ps->d->lost.frames += l.frames;
	ps->d->lost.bytes += l.bytes;
	ps->c->next_ns += l.buckets * p;
	return 0;
}

static int comment_line(struct parse *ps, const char *line)
{
	if (!strncmp(line, "# lost ", 7))
		return lost_line(ps, line);
	if (!strncmp(line, "# before ", 9) && parse_before(line, ps->d))
		return bad_line(ps, "malformed before line \"%s\"", line);
	return 0;
}

/* "START_NS FRAMES BYTES", or with runs "START_NS 0 0 N"; returns the
 * number of fields, or -1. */
static int parse_bucket(char *line, int runs, struct pk_bucket *b,
			uint64_t *count)
{
	char *f[4];
	int n = pk_split_fields(line, f, 4);

	*count = 1;
	if (n != 3 && !(n == 4 && runs))
		return -1;
	if (pk_parse_u64(f[0], &b->start_ns) || pk_parse_u64(f[1], &b->frames) ||
	    pk_parse_u64(f[2], &b->bytes))
		return -1;
	if (n == 4 && pk_parse_u64(f[3], count))
		return -1;
	return n;
}

/* In time order across passes and runs, where the stream says. */
static int check_bucket(const struct parse *ps, const struct pk_bucket *b)
{
	const struct pk_cursor *c = ps->c;

	if (ps->period_ns && b->start_ns % ps->period_ns)
		return bad_line(ps, "start is not a multiple of the period");
	if (c->have_last && b->start_ns <= c->last_ns)
		return bad_line(ps, "start is not after the previous bucket");
	if (c->stream && c->have_next && ps->period_ns &&
	    b->start_ns != c->next_ns)
		return bad_line(ps, "start is %llu, expected %llu (the end of "
				"the previous line)",
				(unsigned long long)b->start_ns,
				(unsigned long long)c->next_ns);
	return 0;
}

static int check_run(const struct parse *ps, const struct pk_bucket *b,
		     uint64_t n)
{
	if (b->frames || b->bytes)
		return bad_line(ps, "a run of %llu empty buckets must have 0 "
				"frames and 0 bytes", (unsigned long long)n);
	if (n < 2)
		return bad_line(ps, "a run must have at least 2 buckets, "
				"not %llu", (unsigned long long)n);
	if (!ps->d->keep_runs && (n > PK_DATA_MAX || ps->d->n + n > PK_DATA_MAX))
		return bad_line(ps, "a run of %llu buckets: more than %u in "
				"one read", (unsigned long long)n, PK_DATA_MAX);
	if (!ps->period_ns)
		return bad_line(ps, "a run of buckets needs the period");
	if (n - 1 > (UINT64_MAX - b->start_ns) / ps->period_ns)
		return bad_line(ps, "a run of %llu buckets ends after 2^64 ns",
				(unsigned long long)n);
	return 0;
}

/* Where the last bucket started and the next must: nowhere past 2^64 ns
 * (UINT64_MAX then, which no start after last can be on the period). */
static void moved_to(struct pk_cursor *c, uint64_t last, uint64_t period_ns)
{
	c->last_ns = last;
	c->have_last = 1;
	c->next_ns = last <= UINT64_MAX - period_ns ? last + period_ns : UINT64_MAX;
	c->have_next = 1;
}

/* Adds n buckets from b on, one period apart (check_run() keeps the last
 * within 2^64 ns): a run in one entry when runs are kept. */
static int push_buckets(struct parse *ps, struct pk_bucket b, uint64_t n)
{
	uint64_t last = b.start_ns + (n - 1) * ps->period_ns;
	int rc = 0;

	if (n > 1 && ps->d->keep_runs) {
		struct pk_run run = { ps->d->n, b.start_ns, n };

		rc = runs_push(ps->d, &run);
		n = 0;
	}
	for (; n && !rc; n--, b.start_ns += ps->period_ns)
		rc = pk_data_push(ps->d, &b);
	if (rc) {
		pk_err_set(ps->err, "%s: out of memory", ps->file);
		return -1;
	}
	moved_to(ps->c, last, ps->period_ns);
	return 0;
}

static int data_line(struct parse *ps, char *line)
{
	struct pk_bucket b;
	uint64_t n;
	int fields;

	if (line[0] == '#')
		return comment_line(ps, line);
	fields = parse_bucket(line, ps->c->stream, &b, &n);
	if (fields < 0)
		return bad_line(ps, "expected \"START_NS FRAMES BYTES%s\"",
				ps->c->stream ? " [BUCKETS]" : "");
	if (check_bucket(ps, &b) || (fields == 4 && check_run(ps, &b, n)))
		return -1;
	return push_buckets(ps, b, n);
}

/* The first line: either header, or at least a comment. */
static int header_line(struct parse *ps, char *line)
{
	if (line[0] != '#')
		return bad_line(ps, "expected header \"%s\"", DATA_HEADER);
	ps->c->stream = !strcmp(line, STREAM_HEADER);
	return comment_line(ps, line);
}

int pk_data_parse_lines(pk_next_line_fn *next, void *src, const char *file,
			uint64_t period_ns, struct pk_cursor *c,
			struct pk_data *d, struct pk_err *err)
{
	struct parse ps = { file, period_ns, c, d, err };
	char *line;
	int complete = 1, rc = 0;

	while (rc == 0 && next(src, &line, &complete) >= 0) {
		c->lineno++;
		if (!complete)
			rc = bad_line(&ps, "truncated line");
		else if (c->lineno == 1)
			rc = header_line(&ps, line);
		else
			rc = data_line(&ps, line);
	}
	if (rc == 0 && c->lineno == 0) {
		pk_err_set(err, "%s: empty, expected header \"%s\"", file,
			   DATA_HEADER);
		rc = -1;
	}
	return rc;
}

/* A FILE as a source of lines. */
struct file_lines {
	FILE *f;
	char *buf;
	size_t cap;
};

static ssize_t file_next_line(void *src, char **line, int *complete)
{
	struct file_lines *fl = src;
	ssize_t len = pk_read_line(fl->f, &fl->buf, &fl->cap, complete);

	*line = fl->buf;
	return len;
}

int pk_data_parse_pass(FILE *f, const char *file, uint64_t period_ns,
		       struct pk_cursor *c, struct pk_data *d,
		       struct pk_err *err)
{
	struct file_lines fl = { f, NULL, 0 };
	int rc = pk_data_parse_lines(file_next_line, &fl, file, period_ns, c,
				     d, err);

	free(fl.buf);
	return rc;
}

int pk_data_parse(FILE *f, const char *file, uint64_t period_ns,
		  struct pk_data *d, struct pk_err *err)
{
	struct pk_cursor c = { 0 };

	return pk_data_parse_pass(f, file, period_ns, &c, d, err);
}

static int info_key(const char *key)
{
	for (int k = 0; k < PK_I_COUNT; k++)
		if (!strcmp(key, info_keys[k]))
			return k;
	return -1;
}

static int info_line(char *line, unsigned long lineno, struct pk_info *info,
		     const char *file, struct pk_err *err)
{
	char *value = strchr(line, ' ');
	int k;

	if (!value) {
		pk_err_set(err, "%s:%lu: expected \"KEY VALUE\"", file, lineno);
		return -1;
	}
	*value++ = '\0';
	if (!strcmp(line, "name")) {
		snprintf(info->name, sizeof(info->name), "%s", value);
		return 0;
	}
	k = info_key(line);
	if (k < 0)
		return 0;	/* a newer module: ignore what we don't know */
	if (pk_parse_u64(value, &info->v[k])) {
		pk_err_set(err, "%s:%lu: %s: \"%s\" is not a number", file,
			   lineno, line, value);
		return -1;
	}
	info->have |= 1u << k;
	return 0;
}

static int info_check(const struct pk_info *info, const char *file,
		      struct pk_err *err)
{
	for (size_t i = 0; i < sizeof(required_keys) / sizeof(*required_keys); i++) {
		enum pk_info_key k = required_keys[i];

		if (!(info->have & (1u << k))) {
			pk_err_set(err, "%s: missing key \"%s\"", file,
				   info_keys[k]);
			return -1;
		}
	}
	if (info->v[PK_I_PERIOD_NS] == 0) {
		pk_err_set(err, "%s: period_ns is 0", file);
		return -1;
	}
	return 0;
}

int pk_info_parse(FILE *f, const char *file, struct pk_info *info,
		  struct pk_err *err)
{
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	int complete, rc = 0;

	memset(info, 0, sizeof(*info));
	while (rc == 0 && pk_read_line(f, &line, &cap, &complete) >= 0) {
		lineno++;
		if (!complete) {
			pk_err_set(err, "%s:%lu: truncated line", file, lineno);
			rc = -1;
		} else if (line[0] && line[0] != '#') {
			rc = info_line(line, lineno, info, file, err);
		}
	}
	free(line);
	return rc ? rc : info_check(info, file, err);
}

static int tags_push(struct pk_tags *tags, const struct pk_tag *t)
{
	if (tags->n == tags->cap) {
		size_t cap = tags->cap ? tags->cap * 2 : 16;
		struct pk_tag *nt = realloc(tags->t, cap * sizeof(*nt));

		if (!nt)
			return -1;
		tags->t = nt;
		tags->cap = cap;
	}
	tags->t[tags->n++] = *t;
	return 0;
}

void pk_tags_free(struct pk_tags *tags)
{
	free(tags->t);
	memset(tags, 0, sizeof(*tags));
}

/* "FAMILY TAG FRAMES BYTES DESCRIPTION..." where the description is the
 * rest of the line, spaces included, possibly empty. */
static int parse_tag(char *line, struct pk_tag *t)
{
	char *f[4], *rest = line;

	memset(t, 0, sizeof(*t));
	for (int i = 0; i < 4; i++) {
		rest += strspn(rest, " ");
		if (!*rest)
			return -1;
		f[i] = rest;
		rest += strcspn(rest, " ");
		if (*rest)
			*rest++ = '\0';
	}
	if (strcmp(f[0], "ipv4") && strcmp(f[0], "ipv6"))
		return -1;
	if (!pk_valid_name(f[1]) || pk_parse_u64(f[2], &t->frames) ||
	    pk_parse_u64(f[3], &t->bytes))
		return -1;
	snprintf(t->family, sizeof(t->family), "%s", f[0]);
	snprintf(t->tag, sizeof(t->tag), "%s", f[1]);
	snprintf(t->desc, sizeof(t->desc), "%s", rest);
	return 0;
}

int pk_tags_parse(FILE *f, const char *file, struct pk_tags *tags,
		  struct pk_err *err)
{
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	int complete, rc = 0;
	struct pk_tag t;

	while (rc == 0 && pk_read_line(f, &line, &cap, &complete) >= 0) {
		lineno++;
		if (!complete) {
			pk_err_set(err, "%s:%lu: truncated line", file, lineno);
			rc = -1;
		} else if (line[0] == '#' || !line[0]) {
			continue;
		} else if (parse_tag(line, &t)) {
			pk_err_set(err, "%s:%lu: expected \"FAMILY TAG FRAMES BYTES DESCRIPTION\"",
				   file, lineno);
			rc = -1;
		} else if (tags_push(tags, &t)) {
			pk_err_set(err, "%s: out of memory", file);
			rc = -1;
		}
	}
	free(line);
	return rc;
}
