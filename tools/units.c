// SPDX-License-Identifier: GPL-2.0
/* Units, durations and human-readable numbers (see units.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "units.h"

int pk_unit_parse(const char *s, enum pk_unit *u)
{
	if (!strcmp(s, "bits"))
		*u = PK_BITS;
	else if (!strcmp(s, "bytes"))
		*u = PK_BYTES;
	else if (!strcmp(s, "packets"))
		*u = PK_PACKETS;
	else
		return -1;
	return 0;
}

const char *pk_unit_name(enum pk_unit u)
{
	return u == PK_BITS ? "bits" : u == PK_BYTES ? "bytes" : "packets";
}

double pk_unit_value(enum pk_unit u, uint64_t frames, uint64_t bytes)
{
	if (u == PK_BITS)
		return (double)bytes * 8.0;
	if (u == PK_BYTES)
		return (double)bytes;
	return (double)frames;
}

void pk_fmt_si(char *buf, size_t len, double v, const char *suffix)
{
	static const char prefixes[] = " kMGTPE";
	int i = 0;

	while (fabs(v) >= 999.5 && i < 6) {
		v /= 1000.0;
		i++;
	}
	if (i == 0)
		snprintf(buf, len, "%.*f %s", v == floor(v) ? 0 : 2, v, suffix);
	else
		snprintf(buf, len, "%.*f %c%s",
			 fabs(v) >= 99.95 ? 0 : fabs(v) >= 9.995 ? 1 : 2, v,
			 prefixes[i], suffix);
}

void pk_fmt_rate(char *buf, size_t len, enum pk_unit u, double per_sec)
{
	pk_fmt_si(buf, len, per_sec,
		  u == PK_BITS ? "bit/s" : u == PK_BYTES ? "B/s" : "pps");
}

void pk_fmt_amount(char *buf, size_t len, enum pk_unit u, double v)
{
	pk_fmt_si(buf, len, v, u == PK_BITS ? "bit" : u == PK_BYTES ? "B" : "pkt");
}

int pk_parse_si(const char *s, double *v)
{
	char *end;
	double x = strtod(s, &end);

	if (end == s || x < 0)
		return -1;
	switch (*end) {
	case 'k': case 'K': x *= 1e3; end++; break;
	case 'M': x *= 1e6; end++; break;
	case 'G': x *= 1e9; end++; break;
	case 'T': x *= 1e12; end++; break;
	default: break;
	}
	/* after the suffix: "1e300T" is a finite number times 1e12 */
	if (*end || !isfinite(x))
		return -1;
	*v = x;
	return 0;
}

int pk_parse_duration(const char *s, uint64_t *ns)
{
	static const struct { const char *suffix; double ns; } units[] = {
		{ "ns", 1 }, { "us", 1e3 }, { "ms", 1e6 }, { "s", 1e9 },
		{ "m", 60e9 }, { "", 1e9 },
	};
	char *end;
	double x = strtod(s, &end);

	if (end == s || !isfinite(x) || x <= 0 || *s == '-')
		return -1;
	for (size_t i = 0; i < sizeof(units) / sizeof(*units); i++) {
		if (strcmp(end, units[i].suffix))
			continue;
		x = round(x * units[i].ns);
		if (x < 1 || x > 1e18)
			return -1;
		*ns = (uint64_t)x;
		return 0;
	}
	return -1;
}

void pk_fmt_duration(char *buf, size_t len, uint64_t ns)
{
	if (ns % 1000000000ull == 0)
		snprintf(buf, len, "%llus", (unsigned long long)(ns / 1000000000ull));
	else if (ns % 1000000ull == 0)
		snprintf(buf, len, "%llums", (unsigned long long)(ns / 1000000ull));
	else if (ns % 1000ull == 0)
		snprintf(buf, len, "%lluus", (unsigned long long)(ns / 1000ull));
	else
		snprintf(buf, len, "%lluns", (unsigned long long)ns);
}

void pk_fmt_time(char *buf, size_t len, uint64_t epoch_ns)
{
	time_t sec = (time_t)(epoch_ns / 1000000000ull);
	struct tm tm;
	char day[32];

	gmtime_r(&sec, &tm);
	strftime(day, sizeof(day), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, len, "%s.%06lluZ", day,
		 (unsigned long long)(epoch_ns % 1000000000ull / 1000));
}
