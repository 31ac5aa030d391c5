// SPDX-License-Identifier: GPL-2.0
/* Input helpers shared by the harnesses (see fuzz.h). */
#include <string.h>
#include "fuzz.h"

char *fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

FILE *fuzz_file(const uint8_t *data, size_t size)
{
	/* fmemopen() refuses an empty buffer */
	FILE *f = size ? fmemopen((void *)data, size, "r") : fopen("/dev/null", "r");

	if (!f)
		abort();
	return f;
}

char *fuzz_take(const uint8_t **data, size_t *size, char sep, size_t *len)
{
	const uint8_t *end;
	char *s;

	if (!*data)
		return NULL;
	end = memchr(*data, sep, *size);
	*len = end ? (size_t)(end - *data) : *size;
	s = fuzz_str(*data, *len);
	if (end) {
		*size -= *len + 1;
		*data = end + 1;
	} else {
		*data = NULL;
		*size = 0;
	}
	return s;
}

void fuzz_quiet(void (*f)(void *arg), void *arg)
{
	static FILE *null;
	FILE *saved = stderr;

	if (!null && !(null = fopen("/dev/null", "w")))
		abort();
	stderr = null;
	f(arg);
	stderr = saved;
}
