// SPDX-License-Identifier: GPL-2.0
/* Pure parsers for the files under /proc/net/xt_pktstat (see proc.h). */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "proc.h"

#define DATA_HEADER	"# start_ns frames bytes"

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

/* Reads one line without its '\n'; *complete is 0 when the stream ended
 * in the middle of a line (a truncated file). */
static ssize_t read_line(FILE *f, char **buf, size_t *cap, int *complete)
{
	ssize_t len = getline(buf, cap, f);

	if (len <= 0)
		return -1;
	*complete = (*buf)[len - 1] == '\n';
	if (*complete)
		(*buf)[--len] = '\0';
	return len;
}

/* Splits s in place into at most max space-separated fields. */
static int split_fields(char *s, char **fields, int max)
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

int pk_data_push(struct pk_data *d, const struct pk_bucket *b)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 256;
		struct pk_bucket *nb = realloc(d->b, cap * sizeof(*nb));

		if (!nb)
			return -1;
		d->b = nb;
		d->cap = cap;
	}
	d->b[d->n++] = *b;
	return 0;
}

void pk_data_free(struct pk_data *d)
{
	free(d->b);
	memset(d, 0, sizeof(*d));
}

static int parse_lost(const char *line, struct pk_lost *lost)
{
	unsigned long long b, f, y;
	int end = 0;

	if (sscanf(line, "# lost buckets=%llu frames=%llu bytes=%llu%n",
		   &b, &f, &y, &end) != 3 || line[end] != '\0')
		return -1;
	lost->buckets += b;
	lost->frames += f;
	lost->bytes += y;
	return 0;
}

static int parse_bucket(char *line, struct pk_bucket *b)
{
	char *f[3];

	if (split_fields(line, f, 3) != 3)
		return -1;
	if (pk_parse_u64(f[0], &b->start_ns) || pk_parse_u64(f[1], &b->frames) ||
	    pk_parse_u64(f[2], &b->bytes))
		return -1;
	return 0;
}

static int check_bucket(const struct pk_data *d, const struct pk_bucket *b,
			uint64_t period_ns, const char **why)
{
	if (period_ns && b->start_ns % period_ns) {
		*why = "start is not a multiple of the period";
		return -1;
	}
	if (d->n && b->start_ns <= d->b[d->n - 1].start_ns) {
		*why = "start is not after the previous bucket";
		return -1;
	}
	return 0;
}

static int data_line(char *line, unsigned long lineno, uint64_t period_ns,
		     struct pk_data *d, const char *file, struct pk_err *err)
{
	struct pk_bucket b;
	const char *why = NULL;

	if (line[0] == '#') {
		if (!strncmp(line, "# lost ", 7) && parse_lost(line, &d->lost)) {
			pk_err_set(err, "%s:%lu: malformed lost line \"%s\"",
				   file, lineno, line);
			return -1;
		}
		return 0;
	}
	if (parse_bucket(line, &b)) {
		pk_err_set(err, "%s:%lu: expected \"START_NS FRAMES BYTES\"",
			   file, lineno);
		return -1;
	}
	if (check_bucket(d, &b, period_ns, &why)) {
		pk_err_set(err, "%s:%lu: %s", file, lineno, why);
		return -1;
	}
	if (pk_data_push(d, &b)) {
		pk_err_set(err, "%s: out of memory", file);
		return -1;
	}
	return 0;
}

int pk_data_parse(FILE *f, const char *file, uint64_t period_ns,
		  struct pk_data *d, struct pk_err *err)
{
	char *line = NULL;
	size_t cap = 0;
	unsigned long lineno = 0;
	int complete = 1, rc = 0;

	while (rc == 0 && read_line(f, &line, &cap, &complete) >= 0) {
		lineno++;
		if (!complete) {
			pk_err_set(err, "%s:%lu: truncated line", file, lineno);
			rc = -1;
		} else if (lineno == 1 && strcmp(line, DATA_HEADER) &&
			   line[0] != '#') {
			pk_err_set(err, "%s:1: expected header \"%s\"", file,
				   DATA_HEADER);
			rc = -1;
		} else {
			rc = data_line(line, lineno, period_ns, d, file, err);
		}
	}
	if (rc == 0 && lineno == 0) {
		pk_err_set(err, "%s: empty, expected header \"%s\"", file,
			   DATA_HEADER);
		rc = -1;
	}
	free(line);
	return rc;
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
	while (rc == 0 && read_line(f, &line, &cap, &complete) >= 0) {
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

	while (rc == 0 && read_line(f, &line, &cap, &complete) >= 0) {
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
