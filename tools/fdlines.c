// SPDX-License-Identifier: GPL-2.0
/* Lines read from a file descriptor (see fdlines.h). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fdlines.h"

#define FDLINES_MIN	16384	/* well below malloc's mmap threshold */

void pk_fdlines_init(struct pk_fdlines *r, int fd)
{
	memset(r, 0, sizeof(*r));
	r->fd = fd;
}

/* Room to read into after the part not returned yet, which is moved to
 * the front: the buffer grows only when that part fills it. One byte is
 * kept for the NUL that ends a last line without '\n'. */
static int make_room(struct pk_fdlines *r)
{
	size_t len = r->end - r->start;
	size_t cap = r->cap ? r->cap * 2 : FDLINES_MIN;
	char *nb;

	if (r->start) {
		memmove(r->buf, r->buf + r->start, len);
		r->start = 0;
		r->end = len;
	}
	if (len + 1 < r->cap)
		return 0;
	nb = realloc(r->buf, cap);
	if (!nb) {
		r->error = ENOMEM;
		return -1;
	}
	r->buf = nb;
	r->cap = cap;
	return 0;
}

/* One read(); sets eof or error when there is nothing more to read. */
static void fill(struct pk_fdlines *r)
{
	ssize_t n;

	if (make_room(r))
		return;
	do
		n = read(r->fd, r->buf + r->end, r->cap - r->end - 1);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		r->error = errno;
	else if (n == 0)
		r->eof = 1;
	else
		r->end += (size_t)n;
}

/* The line ending at buf[at] (a '\n', or the end of what was read). */
static ssize_t take(struct pk_fdlines *r, size_t at, char **line)
{
	size_t len = at - r->start;

	r->buf[at] = '\0';
	*line = r->buf + r->start;
	r->start = at < r->end ? at + 1 : at;
	return (ssize_t)len;
}

ssize_t pk_fdlines_next(struct pk_fdlines *r, char **line, int *complete)
{
	char *nl = NULL;

	for (;;) {
		if (r->end > r->start)
			nl = memchr(r->buf + r->start, '\n', r->end - r->start);
		if (nl || r->eof || r->error)
			break;
		fill(r);
	}
	*complete = !!nl;
	if (nl)
		return take(r, (size_t)(nl - r->buf), line);
	if (r->error || r->end == r->start)
		return -1;
	return take(r, r->end, line);	/* the pass ended in this line */
}

void pk_fdlines_free(struct pk_fdlines *r)
{
	free(r->buf);
	r->buf = NULL;
	r->cap = r->start = r->end = 0;
}
