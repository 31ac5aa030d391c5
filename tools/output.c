// SPDX-License-Identifier: GPL-2.0
/* Checked writes to standard output (see output.h). */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "cli.h"
#include "output.h"

static int out_errno;	/* the first failure, 0 while all went out */

/* A pipe or socket whose reader is gone, even when nothing is written. */
static int reader_gone(void)
{
	struct pollfd p = { .fd = STDOUT_FILENO, .events = 0 };

	return poll(&p, 1, 0) == 1 && (p.revents & (POLLERR | POLLHUP));
}

static int flush_errno(void)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return reader_gone() ? EPIPE : 0;
	return errno ? errno : EIO;
}

int pk_out_check(void)
{
	int first = !out_errno;

	if (first)
		out_errno = flush_errno();
	if (out_errno == EPIPE)
		pk_stop();
	else if (out_errno)
		return first ? pk_fail("writing output: %s", strerror(out_errno)) :
			       PK_EXIT_RUNTIME;
	return PK_EXIT_OK;
}

int pk_out_then(int failed, const char *msg)
{
	int rc = pk_out_check();

	return failed ? pk_fail("%s", msg) : rc;
}

int pk_out_finish(int rc)
{
	int out = pk_out_check();

	if (fclose(stdout) != 0 && !out_errno && errno != EBADF)
		out = pk_fail("writing output: %s", strerror(errno));
	return rc ? rc : out;
}
