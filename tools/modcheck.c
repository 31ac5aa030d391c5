// SPDX-License-Identifier: GPL-2.0
/* Whether a kernel can load a module, from its files (modcheck.h). */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "modcheck.h"

static const char *const suffixes[] = { ".ko", ".ko.xz", ".ko.zst", ".ko.gz" };

#define NSUFFIXES	(sizeof(suffixes) / sizeof(*suffixes))

/* modprobe takes '-' and '_' in module names as the same character. */
static int same_char(char a, char b)
{
	return a == b || ((a == '-' || a == '_') && (b == '-' || b == '_'));
}

/* Whether the base name file (n bytes) is name and a module suffix. */
static int module_file(const char *file, size_t n, const char *name)
{
	size_t i = 0;

	for (; name[i] && i < n; i++)
		if (!same_char(file[i], name[i]))
			return 0;
	if (name[i])
		return 0;
	for (size_t s = 0; s < NSUFFIXES; s++)
		if (n - i == strlen(suffixes[s]) &&
		    !memcmp(file + i, suffixes[s], n - i))
			return 1;
	return 0;
}

/* Whether a line "FILE: DEPS..." is name's: FILE is up to the colon. */
static int line_is(const char *line, const char *name, size_t *flen)
{
	const char *colon = strchr(line, ':');
	const char *base = colon;

	if (!colon)
		return 0;
	*flen = (size_t)(colon - line);
	while (base > line && base[-1] != '/')
		base--;
	return module_file(base, (size_t)(colon - base), name);
}

int pk_moddep_find(FILE *dep, const char *name, char *path, size_t len)
{
	char line[4096];
	size_t flen;

	while (fgets(line, sizeof(line), dep)) {
		if (!line_is(line, name, &flen))
			continue;
		if (flen >= len)
			return -1;
		memcpy(path, line, flen);
		path[flen] = '\0';
		return 0;
	}
	return -1;
}

int pk_mod_compressed(const char *path)
{
	size_t n = strlen(path);

	for (size_t s = 1; s < NSUFFIXES; s++) {
		size_t k = strlen(suffixes[s]);

		if (n >= k && !strcmp(path + n - k, suffixes[s]))
			return 1;
	}
	return 0;
}

int pk_mod_signed(int fd)
{
	char tail[sizeof(PK_MOD_SIG_MARKER) - 1];
	struct stat st;

	if (fstat(fd, &st))
		return -1;
	if (st.st_size < (off_t)sizeof(tail))
		return 0;
	if (pread(fd, tail, sizeof(tail), st.st_size - (off_t)sizeof(tail)) !=
	    (ssize_t)sizeof(tail))
		return -1;
	return !memcmp(tail, PK_MOD_SIG_MARKER, sizeof(tail));
}

/* The bracketed word of "none [integrity] confidentiality", into mode. */
static int lockdown_mode(const char *text, char *mode, size_t len)
{
	const char *open = strchr(text, '[');
	const char *close = open ? strchr(open, ']') : NULL;

	if (!close)
		return -1;
	snprintf(mode, len, "%.*s", (int)(close - open - 1), open + 1);
	return 0;
}

int pk_sig_required(const char *sig_enforce, const char *lockdown,
		    char *why, size_t len)
{
	char mode[32];

	if (sig_enforce && (sig_enforce[0] == 'Y' || sig_enforce[0] == '1')) {
		snprintf(why, len, "module.sig_enforce");
		return 1;
	}
	if (!lockdown || lockdown_mode(lockdown, mode, sizeof(mode)) ||
	    (strcmp(mode, "integrity") && strcmp(mode, "confidentiality")))
		return 0;
	snprintf(why, len, "lockdown=%s, as under Secure Boot", mode);
	return 1;
}
