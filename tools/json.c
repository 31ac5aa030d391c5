// SPDX-License-Identifier: GPL-2.0
/* Pieces of JSON output (see json.h). */
#include <math.h>
#include "json.h"

/* The length of the valid UTF-8 sequence at s (RFC 3629: no overlong
 * forms, no surrogates, at most U+10FFFF), or 0. */
static int utf8_len(const unsigned char *s)
{
	int n = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
	unsigned int min = n == 4 ? 0x10000 : n == 3 ? 0x800 : 0x80;
	unsigned int cp = s[0] & (0x7f >> n);

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	for (int i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

void pk_json_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', out);
	while (*p) {
		int n = *p < 0x80 ? 1 : utf8_len(p);

		if (*p == '"' || *p == '\\')
			fprintf(out, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(out, "\\u%04x", *p);
		else if (n)
			fwrite(p, 1, (size_t)n, out);
		else
			fputs("\\ufffd", out);
		p += n ? n : 1;
	}
	fputc('"', out);
}

void pk_json_time(FILE *out, const char *key, uint64_t ns)
{
	fprintf(out, "\"%s_ns\":%llu,\"%s_s\":%llu,\"%s_ns_frac\":%llu", key,
		(unsigned long long)ns, key,
		(unsigned long long)(ns / 1000000000ull), key,
		(unsigned long long)(ns % 1000000000ull));
}

void pk_json_number(FILE *out, double v)
{
	if (!isfinite(v))
		fputs("null", out);
	else if (v >= 0 && v < 9007199254740992.0 && v == (double)(uint64_t)v)
		fprintf(out, "%llu", (unsigned long long)v);
	else
		fprintf(out, "%.15g", v);
}
