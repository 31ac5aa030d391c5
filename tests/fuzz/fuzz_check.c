// SPDX-License-Identifier: GPL-2.0
/*
 * kernel/pktstat_check.h on any bytes userspace may send as the rule's
 * struct: it must never read past a field, and what it accepts must be
 * within the documented bounds (include/xt_pktstat.h) and be a rule the
 * plugin writes back as iptables-save words that give the same bytes.
 */
#include <string.h>
#include "fuzz.h"
#include "pktstat_check.h"
#include "xtplugin.h"

/* A string field that passed: a NUL inside, zeros after it, and only the
 * characters allowed. */
static size_t check_field(const char *s, size_t size, int name)
{
	size_t len = strnlen(s, size);

	FUZZ_CHECK(len < size, "field of %zu bytes without a NUL", size);
	for (size_t i = len; i < size; i++)
		FUZZ_CHECK(!s[i], "byte %zu after the NUL is %d", i, s[i]);
	for (size_t i = 0; i < len; i++)
		FUZZ_CHECK(name ? pktstat_name_char(s[i]) : s[i] >= 0x20 && s[i] <= 0x7e,
			   "character %d at %zu", s[i], i);
	return len;
}

static void check_accepted(const struct xt_pktstat_info *in)
{
	FUZZ_CHECK(!(in->flags & ~XT_PKTSTAT_F_ALL), "flags %#x", in->flags);
	FUZZ_CHECK(in->flags & (XT_PKTSTAT_F_BUCKETS | XT_PKTSTAT_F_TAG),
		   "flags %#x: nothing to count", in->flags);
	if (in->flags & XT_PKTSTAT_F_BUCKETS) {
		FUZZ_CHECK(in->period_ns >= XT_PKTSTAT_PERIOD_MIN_NS &&
			   in->period_ns <= XT_PKTSTAT_PERIOD_MAX_NS,
			   "period %llu", (unsigned long long)in->period_ns);
		FUZZ_CHECK(in->samples >= XT_PKTSTAT_SAMPLES_MIN &&
			   in->samples <= XT_PKTSTAT_SAMPLES_MAX,
			   "samples %u", in->samples);
	} else {
		FUZZ_CHECK(!in->period_ns && !in->samples && !(in->flags & XT_PKTSTAT_F_NAME),
			   "bucket fields without buckets");
	}
	if (in->flags & XT_PKTSTAT_F_NAME) {
		size_t len = check_field(in->name, sizeof(in->name), 1);

		FUZZ_CHECK(len > 0 && strcmp(in->name, ".") && strcmp(in->name, "..") &&
			   strcmp(in->name, XT_PKTSTAT_PROC_TAGS), "name \"%s\"", in->name);
	} else {
		FUZZ_CHECK(!in->name[0] && !check_field(in->name, sizeof(in->name), 1),
			   "name bytes without a name");
	}
	if (in->flags & XT_PKTSTAT_F_TAG) {
		FUZZ_CHECK(check_field(in->tag, sizeof(in->tag), 1) > 0, "empty tag");
		check_field(in->desc, sizeof(in->desc), 0);
	} else {
		FUZZ_CHECK(!check_field(in->tag, sizeof(in->tag), 1) &&
			   !check_field(in->desc, sizeof(in->desc), 0),
			   "tag bytes without a tag");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xt_pktstat_info *info = malloc(sizeof(*info));

	if (!info)
		abort();
	/* a short input is the start of a struct, zeros after it; the
	 * kernel's own pointers after the fields are not zero, so that a
	 * string read without its bound runs into ASan's redzone */
	memset(info, 0, XTP_INFO_SIZE);
	memset((char *)info + XTP_INFO_SIZE, 0xff, sizeof(*info) - XTP_INFO_SIZE);
	memcpy(info, data, size < XTP_INFO_SIZE ? size : XTP_INFO_SIZE);
	if (!pktstat_check_info(info)) {
		check_accepted(info);
		xtp_check_roundtrip(info);
	}
	free(info);
	return 0;
}
