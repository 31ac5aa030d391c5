// SPDX-License-Identifier: GPL-2.0
/*
 * Tags in the munin traffic_accounting convention ("=web4_up= Web") as the
 * plugin's --tag parses them, and what the reader makes of a tag: munin's
 * comment parser must read the same tag and description from the same
 * text, _up/_down split off the stem exactly, the cleaned munin and
 * graphite names must never make two names meet (they decode back), and
 * a munin wildcard link's name must split into its family and tag.
 */
#include <ctype.h>
#include <string.h>
#include "cleanname.h"
#include "fuzz.h"
#include "iptsave.h"
#include "munin.h"
#include "pktstat_check.h"
#include "pktstat_parse.h"
#include "tagrows.h"
#include "xtplugin.h"

/* An rule of iptables-save -c with text as its comment, quoted and
 * escaped as xtables_save_string() writes it. */
static void save_line(char *buf, size_t len, const char *text)
{
	size_t n = (size_t)snprintf(buf, len, "[1:2] -A ACCT -m comment --comment \"");

	for (; *text && n + 4 < len; text++) {
		if (strchr("\"\\'", *text))
			buf[n++] = '\\';
		buf[n++] = *text;
	}
	snprintf(buf + n, len - n, "\"");
}

/* munin's parser reads what the plugin reads, for text both accept: a
 * comment (at most 256 bytes in iptables) of printable ASCII. */
static void check_munin_agrees(const char *s, const char *tag, const char *desc)
{
	char line[1024];
	struct pk_tag t;

	if (s[0] != '=' || strlen(s) >= 256)
		return;
	for (const char *p = s; *p; p++)
		if (*p < 0x20 || *p > 0x7e)
			return;
	save_line(line, sizeof(line), s);
	FUZZ_CHECK(pk_iptsave_line(line, "ACCT", "ipv4", &t) == 1,
		   "munin's parser skips \"%s\"", line);
	FUZZ_CHECK(!strcmp(t.tag, tag) && !strcmp(t.desc, desc),
		   "\"%s\": the plugin reads tag \"%s\" desc \"%s\", munin's "
		   "parser \"%s\" \"%s\"", s, tag, desc, t.tag, t.desc);
}

static void check_direction(const char *tag)
{
	char stem[PK_NAME_LEN];
	size_t len = strlen(tag);
	int dir = pk_tag_direction(tag, stem);
	size_t cut = dir > 0 ? 3 : dir < 0 ? 5 : 0;

	FUZZ_CHECK(strlen(stem) + cut == len && !strncmp(stem, tag, len - cut),
		   "\"%s\" split into \"%s\" and %d", tag, stem, dir);
	FUZZ_CHECK(!dir || (stem[0] && !strcasecmp(tag + len - cut, dir > 0 ? "_up" : "_down")),
		   "\"%s\" split into \"%s\" and %d", tag, stem, dir);
}

static int hex(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* cleanname.h's escaping undone; -1 if clean is not of its form. */
static int unclean(const char *clean, char *out, size_t len)
{
	size_t n = 0;

	if (strncmp(clean, "__", 2)) {
		snprintf(out, len, "%s", clean);
		return 0;
	}
	for (const char *c = clean + 2; *c && n + 1 < len; n++) {
		if (c[0] != '_') {
			out[n] = *c++;
		} else if (c[1] == '_') {
			out[n] = '_';
			c += 2;
		} else if (hex(c[1]) >= 0 && hex(c[2]) >= 0) {
			out[n] = (char)(hex(c[1]) * 16 + hex(c[2]));
			c += 3;
		} else {
			return -1;
		}
	}
	out[n] = '\0';
	return 0;
}

static void check_clean(const char *name, const char *extra)
{
	char clean[PK_CLEAN_LEN], back[PK_CLEAN_LEN];

	pk_clean_name(clean, sizeof(clean), name, extra);
	for (const char *c = clean; *c; c++)
		FUZZ_CHECK(isalnum((unsigned char)*c) || *c == '_' || strchr(extra, *c),
			   "\"%s\" cleaned into \"%s\"", name, clean);
	FUZZ_CHECK(!unclean(clean, back, sizeof(back)) && !strcmp(back, name),
		   "\"%s\" cleaned into \"%s\", which reads back as \"%s\"",
		   name, clean, back);
}

/* "traffic_accounting_ipv4_web4": the name of the link, parts and all. */
static void check_wildcard(const char *plugin)
{
	char family[8], stem[256], again[512];

	if (strlen(plugin) >= sizeof(stem) ||
	    pk_munin_wildcard(plugin, family, sizeof(family), stem, sizeof(stem)))
		return;
	snprintf(again, sizeof(again), "traffic_accounting_%s_%s", family, stem);
	FUZZ_CHECK(!strcmp(again, plugin) && stem[0] &&
		   (!strcmp(family, "ipv4") || !strcmp(family, "ipv6")),
		   "\"%s\" split into \"%s\" and \"%s\"", plugin, family, stem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xt_pktstat_info info = { .flags = XT_PKTSTAT_F_TAG };
	char *s = fuzz_str(data, size), err[PKTSTAT_ERR_LEN] = "";
	/* buffers of their own, so that ASan sees a write past either */
	char *tag = malloc(sizeof(info.tag)), *desc = malloc(sizeof(info.desc));

	if (!tag || !desc)
		abort();
	if (strlen(s) < PK_NAME_LEN) {
		check_direction(s);
		check_clean(s, "");
		check_clean(s, "-");
	}
	check_wildcard(s);
	if (pktstat_parse_tag(s, tag, desc, err, sizeof(err))) {
		FUZZ_CHECK(err[0], "\"%s\" refused without a message", s);
	} else {
		memcpy(info.tag, tag, sizeof(info.tag));
		memcpy(info.desc, desc, sizeof(info.desc));
		FUZZ_CHECK(!pktstat_check_info(&info), "\"%s\": the kernel would "
			   "refuse tag \"%s\" desc \"%s\"", s, info.tag, info.desc);
		xtp_check_roundtrip(&info);
		check_munin_agrees(s, info.tag, info.desc);
	}
	free(tag);
	free(desc);
	free(s);
	return 0;
}
