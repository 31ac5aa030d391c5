// SPDX-License-Identifier: GPL-2.0
/*
 * munin's reading of iptables-save -c (tools/iptsave.c), as the munin
 * plugin does it for users of the old traffic_accounting plugin: the
 * first line of the input is the chain, the rest the saved ruleset, read
 * for both families into one list of tags. Every tag it takes must be one
 * the rows and the munin output can hold.
 */
#include <string.h>
#include "fuzz.h"
#include "iptsave.h"
#include "tagcheck.h"

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

static void check_tag(const struct pk_tag *t)
{
	size_t len = strlen(t->tag), dlen = strlen(t->desc);

	FUZZ_CHECK(len > 0 && len < sizeof(t->tag) && !strchr(t->tag, '='),
		   "tag \"%s\"", t->tag);
	/* a description cut to fit may end in a blank: the plugin would
	 * refuse one this long */
	FUZZ_CHECK(!strchr(t->desc, '\n') && !blank(t->desc[0]) &&
		   (!dlen || dlen == sizeof(t->desc) - 1 || !blank(t->desc[dlen - 1])),
		   "description \"%s\" not trimmed", t->desc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const families[] = { "ipv4", "ipv6" };
	struct pk_tags tags = { 0 };
	size_t len;
	char *chain = fuzz_take(&data, &size, '\n', &len);

	if (!chain)
		return 0;
	for (int i = 0; i < 2; i++) {
		FILE *f = fuzz_file(data, size);

		pk_iptsave_parse(f, chain, families[i], &tags);
		fclose(f);
	}
	for (size_t i = 0; i < tags.n; i++)
		check_tag(&tags.t[i]);
	tagcheck_rows(&tags);
	pk_tags_free(&tags);
	free(chain);
	return 0;
}
