// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pktstat_check.h"
#include "pktstat_parse.h"

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
	return -1;
}

static const struct {
	const char *name;
	uint64_t ns;
} period_units[] = {
	{ "s", 1000000000ULL },
	{ "ms", 1000000ULL },
	{ "us", 1000ULL },
	{ "ns", 1ULL },
};

static int unit_ns(const char *unit, uint64_t *ns)
{
	size_t i;

	if (*unit == '\0') {	/* a bare number is milliseconds */
		*ns = 1000000ULL;
		return 0;
	}
	for (i = 0; i < sizeof(period_units) / sizeof(period_units[0]); i++) {
		if (!strcmp(unit, period_units[i].name)) {
			*ns = period_units[i].ns;
			return 0;
		}
	}
	return -1;
}

/* Digits into *v, refusing overflow; returns the first non-digit. */
static const char *parse_digits(const char *s, uint64_t *v, int *ndigits,
				int *overflow)
{
	*v = 0;
	*ndigits = 0;
	for (; isdigit((unsigned char)*s); s++, (*ndigits)++) {
		if (*v > (UINT64_MAX - 9) / 10)
			*overflow = 1;
		else
			*v = *v * 10 + (uint64_t)(*s - '0');
	}
	return s;
}

int pktstat_parse_period(const char *s, __u64 *ns, char *err, size_t errlen)
{
	static const char range[] = "a period is from 10us to 60s";
	uint64_t whole, frac, scale, frac_div = 1;
	int nwhole, nfrac = 0, overflow = 0, i;
	const char *p;

	p = parse_digits(s, &whole, &nwhole, &overflow);
	frac = 0;
	if (*p == '.') {
		p = parse_digits(p + 1, &frac, &nfrac, &overflow);
		if (nfrac == 0 || nfrac > 9)
			return fail(err, errlen, "\"%s\" is not a number with up to 9 decimals", s);
		for (i = 0; i < nfrac; i++)
			frac_div *= 10;
	}
	if (nwhole == 0 && nfrac == 0)
		return fail(err, errlen, "\"%s\" is not a duration (e.g. 100us, 0.5ms, 2s)", s);
	if (unit_ns(p, &scale))
		return fail(err, errlen, "unknown unit \"%s\" in \"%s\": use ns, us, ms or s (no unit: ms)", p, s);
	if (overflow || whole > XT_PKTSTAT_PERIOD_MAX_NS / scale + 1)
		return fail(err, errlen, "\"%s\" is too long: %s", s, range);
	if (frac * scale % frac_div)
		return fail(err, errlen, "\"%s\" is not a whole number of nanoseconds", s);
	*ns = whole * scale + frac * scale / frac_div;
	if (*ns < XT_PKTSTAT_PERIOD_MIN_NS || *ns > XT_PKTSTAT_PERIOD_MAX_NS)
		return fail(err, errlen, "\"%s\" is out of range: %s", s, range);
	return 0;
}

/* A whole number from min to max; the messages name what it counts. */
static int parse_count(const char *s, uint32_t min, uint32_t max,
		       const char *what, __u32 *n, char *err, size_t errlen)
{
	int ndigits, overflow = 0;
	uint64_t v;
	const char *p = parse_digits(s, &v, &ndigits, &overflow);

	if (ndigits == 0 || *p != '\0')
		return fail(err, errlen, "\"%s\" is not a whole number of %s (%" PRIu32 " to %" PRIu32 ")",
			    s, what, min, max);
	if (overflow || v < min || v > max)
		return fail(err, errlen, "%s %s is out of range: %" PRIu32 " to %" PRIu32,
			    s, what, min, max);
	*n = (__u32)v;
	return 0;
}

int pktstat_parse_samples(const char *s, __u32 *n, char *err, size_t errlen)
{
	return parse_count(s, XT_PKTSTAT_SAMPLES_MIN, XT_PKTSTAT_SAMPLES_MAX,
			   "samples", n, err, errlen);
}

int pktstat_parse_max_addresses(const char *s, __u32 *n, char *err, size_t errlen)
{
	return parse_count(s, XT_PKTSTAT_ADDRESSES_MIN, XT_PKTSTAT_ADDRESSES_MAX,
			   "addresses", n, err, errlen);
}

int pktstat_parse_prefix(const char *s, unsigned int max, __u8 *bits,
			 char *err, size_t errlen)
{
	__u32 n;

	if (parse_count(s, 0, max, "bits", &n, err, errlen))
		return -1;
	*bits = (__u8)n;
	return 0;
}

/* Index: the XT_PKTSTAT_BY_* bits; what pktstat_parse_by reads back. */
static const char *const by_names[] = {
	[XT_PKTSTAT_BY_SRC] = "src",
	[XT_PKTSTAT_BY_DST] = "dst",
	[XT_PKTSTAT_BY_SRC | XT_PKTSTAT_BY_DST] = "src,dst",
};

/* The bit of one word of a --by list, or 0 if it is not "src" or "dst". */
static __u8 by_bit(const char *word, size_t len)
{
	__u8 bit;

	for (bit = XT_PKTSTAT_BY_SRC; bit <= XT_PKTSTAT_BY_DST; bit <<= 1)
		if (strlen(by_names[bit]) == len && !strncmp(word, by_names[bit], len))
			return bit;
	return 0;
}

int pktstat_parse_by(const char *s, __u8 *by, char *err, size_t errlen)
{
	const char *word = s;
	__u8 bits = 0, bit;
	size_t len;

	for (;; word += len + 1) {
		len = strcspn(word, ",");
		bit = by_bit(word, len);
		if (!bit)
			return fail(err, errlen, "\"%s\" is not src, dst or src,dst", s);
		if (bits & bit)
			return fail(err, errlen, "\"%s\" gives %s twice", s, by_names[bit]);
		bits |= bit;
		if (word[len] == '\0')
			break;
	}
	*by = bits;
	return 0;
}

const char *pktstat_format_by(__u8 by)
{
	if (by >= sizeof(by_names) / sizeof(by_names[0]) || !by_names[by])
		return "invalid";
	return by_names[by];
}

static int copy_name(const char *what, const char *s, size_t len,
		     char out[XT_PKTSTAT_NAME_LEN], int object,
		     char *err, size_t errlen)
{
	char buf[XT_PKTSTAT_NAME_LEN];
	const char *why;

	if (len >= sizeof(buf))
		return fail(err, errlen, "%s \"%.*s\" is longer than 31 characters", what, (int)len, s);
	memcpy(buf, s, len);
	buf[len] = '\0';
	why = object ? pktstat_check_object_name(buf, sizeof(buf))
		     : pktstat_check_name(buf, sizeof(buf));
	if (why)
		return fail(err, errlen, "%s \"%s\" %s", what, buf, why);
	memset(out, 0, XT_PKTSTAT_NAME_LEN);
	memcpy(out, buf, len + 1);
	return 0;
}

int pktstat_parse_name(const char *s, char name[XT_PKTSTAT_NAME_LEN],
		       char *err, size_t errlen)
{
	return copy_name("name", s, strlen(s), name, 1, err, errlen);
}

static const char *skip_space(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return s;
}

static int copy_desc(const char *s, char desc[XT_PKTSTAT_DESC_LEN],
		     char *err, size_t errlen)
{
	size_t len;
	const char *why;

	s = skip_space(s);
	len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (len >= XT_PKTSTAT_DESC_LEN)
		return fail(err, errlen, "description is longer than 127 characters");
	memset(desc, 0, XT_PKTSTAT_DESC_LEN);
	memcpy(desc, s, len);
	why = pktstat_check_desc(desc, XT_PKTSTAT_DESC_LEN);
	if (why)
		return fail(err, errlen, "description %s", why);
	return 0;
}

int pktstat_parse_tag(const char *s, char tag[XT_PKTSTAT_NAME_LEN],
		      char desc[XT_PKTSTAT_DESC_LEN], char *err, size_t errlen)
{
	const char *start = skip_space(s), *end;

	if (*start != '=') {	/* a plain TAG, no description */
		memset(desc, 0, XT_PKTSTAT_DESC_LEN);
		end = start + strlen(start);
		while (end > start && isspace((unsigned char)end[-1]))
			end--;
		return copy_name("tag", start, (size_t)(end - start), tag, 0, err, errlen);
	}
	start++;
	end = strchr(start, '=');
	if (!end)
		return fail(err, errlen, "tag \"%s\" has no closing '=': write =TAG= description", s);
	if (end == start)
		return fail(err, errlen, "tag \"%s\" is empty: write =TAG= description", s);
	if (copy_name("tag", start, (size_t)(end - start), tag, 0, err, errlen))
		return -1;
	return copy_desc(end + 1, desc, err, errlen);
}

void pktstat_format_period(__u64 ns, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(period_units) / sizeof(period_units[0]); i++) {
		if (ns % period_units[i].ns == 0) {
			snprintf(buf, len, "%llu%s", (unsigned long long)(ns / period_units[i].ns),
				 period_units[i].name);
			return;
		}
	}
}
