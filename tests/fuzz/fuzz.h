/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the harnesses share: a check that aborts, so that libFuzzer reports
 * a broken invariant as it reports a crash, and ways to hand the input to
 * parsers that take strings or FILEs.
 */
#ifndef PKTSTAT_FUZZ_H
#define PKTSTAT_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FUZZ_CHECK(cond, ...)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: invariant \"%s\" broken: ", \
				__FILE__, __LINE__, #cond);		\
			fprintf(stderr, __VA_ARGS__);			\
			fputc('\n', stderr);				\
			abort();					\
		}							\
	} while (0)

/* The input as a C string (it ends at its first NUL, as argv words and
 * environment values do); free() it. */
char *fuzz_str(const uint8_t *data, size_t size);
/* The input as a file open for reading, as /proc and pipes give it. */
FILE *fuzz_file(const uint8_t *data, size_t size);
/* Takes the bytes up to sep (or the end) off the front of the input, as
 * a string of *len bytes (NULs included); NULL once the input is used up. */
char *fuzz_take(const uint8_t **data, size_t *size, char sep, size_t *len);
/* Runs f with stderr going nowhere: the code under test warns there, and
 * one message per input would drown libFuzzer's own output. */
void fuzz_quiet(void (*f)(void *arg), void *arg);

#endif
