// SPDX-License-Identifier: GPL-2.0
/* The iptables plugin under libxtables (see xtplugin.h). */
#include <getopt.h>
#include <setjmp.h>
#include <string.h>
#include <xtables.h>
#include "fuzz.h"
#include "xtplugin.h"

/* Registration would need libxtables' protocol tables (xtables_init_all);
 * the harness calls the plugin's match structure directly instead. */
static void xtp_register(struct xtables_match *m, unsigned int n)
{
	(void)m;
	(void)n;
}

#define xtables_register_matches(m, n) xtp_register(m, n)
#include "libxt_pktstat.c"
#undef xtables_register_matches

static jmp_buf xtp_refused;

/* xtables_error() and libxtables' own checks end here: iptables would
 * print the message and exit. */
static void __attribute__((noreturn, format(printf, 2, 3)))
xtp_exit(enum xtables_exittype status, const char *msg, ...)
{
	(void)status;
	(void)msg;
	longjmp(xtp_refused, 1);
}

static struct xtables_globals xtp_globals = {
	.program_name = "iptables",
	.program_version = "fuzz",
	.exit_err = xtp_exit,
};

int xtp_words(char *line, char **words, int max)
{
	char *in = line, *out = line, *word = NULL;
	int n = 0, quoted = 0;

	for (; *in; in++) {
		if (quoted && *in == '\\') {
			if (!*++in)
				break;
			*out++ = *in;
			continue;
		}
		if (*in == '"') {
			/* a closing quote ends the word, even an empty one */
			if (!quoted)
				word = word ? word : out;
			quoted = !quoted;
			if (quoted)
				continue;
		} else if (!quoted && (*in == ' ' || *in == '\t' || *in == '\n')) {
			if (!word)
				continue;
		} else {
			word = word ? word : out;
			*out++ = *in;
			continue;
		}
		*out++ = '\0';
		if (n < max)
			words[n++] = word;
		word = NULL;
	}
	if (word) {
		*out = '\0';
		if (n < max)
			words[n++] = word;
	}
	return n;
}

static const struct xt_option_entry *xtp_option(const char *word)
{
	const struct xt_option_entry *e;

	if (strncmp(word, "--", 2))
		return NULL;
	for (e = pktstat_opts; e->name; e++)
		if (!strcmp(word + 2, e->name))
			return e;
	return NULL;
}

/* pktstat_matches[0] is revision 0, whose structure the harnesses fill */
int xtp_parse(char **words, int n, struct xt_pktstat_info *info)
{
	static int ready;
	struct xt_fcheck_call fc = { .ext_name = "pktstat", .data = info };
	unsigned int xflags = 0;

	if (!ready && xtables_set_params(&xtp_globals) == 0)
		ready = 1;
	memset(info, 0, sizeof(*info));
	if (setjmp(xtp_refused))
		return -1;
	for (int i = 0; i < n; i += 2) {
		struct xt_option_call cb = {
			.ext_name = "pktstat", .data = info, .xflags = xflags,
		};

		cb.entry = xtp_option(words[i]);
		if (!cb.entry || i + 1 == n)
			return -1;	/* unknown, or no value: getopt says so */
		cb.arg = optarg = words[i + 1];
		pktstat_matches[0].x6_parse(&cb);
		xflags = cb.xflags;
	}
	fc.xflags = xflags;
	pktstat_matches[0].x6_fcheck(&fc);
	return 0;
}

char *xtp_save(const struct xt_pktstat_info *info)
{
	struct xt_entry_match *m = calloc(1, sizeof(*m) + sizeof(*info));
	FILE *saved = stdout;
	char *out = NULL;
	size_t len = 0;

	if (!m)
		abort();
	memcpy(m->data, info, sizeof(*info));
	/* glibc's stdout is a variable: libxtables prints into the buffer */
	stdout = open_memstream(&out, &len);
	if (!stdout)
		abort();
	pktstat_matches[0].save(NULL, m);
	fclose(stdout);
	stdout = saved;
	free(m);
	return out;
}

void xtp_check_roundtrip(const struct xt_pktstat_info *info)
{
	struct xt_pktstat_info again;
	char *line = xtp_save(info), *words[16];
	int n = xtp_words(line, words, 16);

	FUZZ_CHECK(xtp_parse(words, n, &again) == 0,
		   "iptables-save wrote \"%s\", which the plugin refuses",
		   xtp_save(info));
	FUZZ_CHECK(!memcmp(info, &again, XTP_INFO_SIZE),
		   "iptables-save wrote \"%s\", which parses into other bytes",
		   xtp_save(info));
	free(line);
}
