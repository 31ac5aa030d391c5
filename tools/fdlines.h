/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Lines read from a file descriptor, for a file read pass after pass while
 * it stays open (NAME/stream: the kernel keeps each reader's position per
 * open file). A pass is read() until it returns 0; the next one, with a
 * reader of its own, goes on from where the descriptor is. No stdio: glibc
 * links every open FILE in one list that each fclose() walks from the
 * newest, so that closing 10,000 streams kept open as FILEs cost O(n^2).
 */
#ifndef PKTSTAT_FDLINES_H
#define PKTSTAT_FDLINES_H

#include <stddef.h>
#include <sys/types.h>

struct pk_fdlines {
	int fd;
	char *buf;
	size_t cap;
	size_t start, end;	/* buf[start, end): read, not returned yet */
	int eof;		/* read() returned 0 */
	int error;		/* the errno of a read that failed, or 0 */
};

/* The buffer is allocated at the first read, and grows only for a line
 * longer than it. */
void pk_fdlines_init(struct pk_fdlines *r, int fd);
/* The next line without its '\n' (its length), NUL-terminated in r's
 * buffer until the next call; -1 at the end of the pass, or after a read
 * error (r->error, ENOMEM when out of memory: the lines after it are not
 * read). *complete is 0 when the pass ended in the middle of the line.
 * A read interrupted by a signal is retried. */
ssize_t pk_fdlines_next(struct pk_fdlines *r, char **line, int *complete);
/* Frees the buffer; the descriptor stays open. Unread lines are lost. */
void pk_fdlines_free(struct pk_fdlines *r);

#endif
