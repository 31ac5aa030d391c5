// SPDX-License-Identifier: GPL-2.0
/*
 * Option values on both sides, from one string: the plugin's --period,
 * --samples and --name, and the reader's durations (--interval, --window)
 * and rates (--threshold). What parses must print back into a string
 * that parses into the same value; a period iptables -L prints must mean
 * the same to the reader; a name the kernel allows, the reader must take.
 * The first 8 bytes also go to the printers as a number.
 */
#include <math.h>
#include <string.h>
#include "fuzz.h"
#include "pktstat_check.h"
#include "pktstat_parse.h"
#include "proc.h"
#include "units.h"

static void check_duration(const char *s)
{
	uint64_t ns, again;
	char buf[32];

	if (pk_parse_duration(s, &ns))
		return;
	FUZZ_CHECK(ns >= 1 && ns <= 1000000000000000000ull, "\"%s\": %llu ns",
		   s, (unsigned long long)ns);
	pk_fmt_duration(buf, sizeof(buf), ns);
	FUZZ_CHECK(!pk_parse_duration(buf, &again) && again == ns,
		   "\"%s\" is %llu ns, printed \"%s\"", s, (unsigned long long)ns, buf);
}

static void check_period(const char *s)
{
	char err[PKTSTAT_ERR_LEN] = "", plugin[32], reader[32];
	__u64 ns, again;
	uint64_t read;

	if (pktstat_parse_period(s, &ns, err, sizeof(err))) {
		FUZZ_CHECK(err[0], "\"%s\" refused without a message", s);
		return;
	}
	FUZZ_CHECK(ns >= XT_PKTSTAT_PERIOD_MIN_NS && ns <= XT_PKTSTAT_PERIOD_MAX_NS,
		   "\"%s\": %llu ns", s, (unsigned long long)ns);
	pktstat_format_period(ns, plugin, sizeof(plugin));
	FUZZ_CHECK(!pktstat_parse_period(plugin, &again, err, sizeof(err)) && again == ns,
		   "\"%s\" is %llu ns, printed \"%s\"", s, (unsigned long long)ns, plugin);
	pk_fmt_duration(reader, sizeof(reader), ns);
	FUZZ_CHECK(!strcmp(plugin, reader) && !pk_parse_duration(plugin, &read) && read == ns,
		   "%llu ns: the plugin prints \"%s\", the reader \"%s\"",
		   (unsigned long long)ns, plugin, reader);
}

static void check_samples_and_name(const char *s)
{
	char err[PKTSTAT_ERR_LEN] = "", buf[16];
	char *name = malloc(XT_PKTSTAT_NAME_LEN);	/* ASan sees past it */
	__u32 n, again;

	if (!name)
		abort();
	if (!pktstat_parse_samples(s, &n, err, sizeof(err))) {
		snprintf(buf, sizeof(buf), "%u", n);
		FUZZ_CHECK(n >= XT_PKTSTAT_SAMPLES_MIN && n <= XT_PKTSTAT_SAMPLES_MAX &&
			   !pktstat_parse_samples(buf, &again, err, sizeof(err)) && again == n,
			   "\"%s\": %u samples", s, n);
	}
	if (!pktstat_parse_name(s, name, err, sizeof(err)))
		FUZZ_CHECK(!pktstat_check_object_name(name, XT_PKTSTAT_NAME_LEN) &&
			   pk_valid_name(name), "name \"%s\" from \"%s\"", name, s);
	free(name);
}

static void check_rate(const char *s)
{
	char buf[64];
	double v;

	if (pk_parse_si(s, &v))
		return;
	FUZZ_CHECK(isfinite(v) && v >= 0, "\"%s\": %g", s, v);
	pk_fmt_rate(buf, sizeof(buf), PK_BITS, v);
}

/* Any number printed: no overflow of the buffer, no undefined behaviour. */
static void check_printers(const uint8_t *data, size_t size)
{
	char buf[64];
	uint64_t ns, again;
	double v;

	if (size < sizeof(ns))
		return;
	memcpy(&ns, data, sizeof(ns));
	memcpy(&v, data, sizeof(v));
	pk_fmt_duration(buf, sizeof(buf), ns);
	/* the reader parses durations as doubles: exact below 2^53 ns */
	FUZZ_CHECK(!ns || ns >= 1ull << 53 || (!pk_parse_duration(buf, &again) && again == ns),
		   "%llu ns printed \"%s\"", (unsigned long long)ns, buf);
	pk_fmt_time(buf, sizeof(buf), ns);
	FUZZ_CHECK(strlen(buf) == 27, "%llu ns is \"%s\"", (unsigned long long)ns, buf);
	pk_fmt_si(buf, sizeof(buf), v, "B/s");
	pk_fmt_amount(buf, sizeof(buf), PK_PACKETS, v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_str(data, size);

	check_duration(s);
	check_period(s);
	check_samples_and_name(s);
	check_rate(s);
	check_printers(data, size);
	free(s);
	return 0;
}
