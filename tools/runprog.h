/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Running another program with its output on a pipe, for a bounded time:
 * modprobe for `pktstat check --load`, PROG-save for the munin plugin.
 * The bound is an alarm set in the child, which survives exec: a program
 * that hangs is ended by SIGALRM, and pk_child_wait() says it took too long.
 */
#ifndef PKTSTAT_RUNPROG_H
#define PKTSTAT_RUNPROG_H

#include <sys/types.h>
#include "proc.h"

struct pk_child {
	pid_t pid;
	int fd;			/* its output; -1 once closed */
	unsigned int timeout_s;
	int timed_out;		/* pk_child_wait(): it was ended by the bound */
	char what[256];		/* argv[0], for messages */
};

/* Starts path with argv (argv[0] included; NULL-terminated), its stdout
 * and, with with_stderr, its stderr on r->fd; timeout_s 0: no bound. */
int pk_child_start(struct pk_child *r, const char *path, char *const argv[],
		 int with_stderr, unsigned int timeout_s, struct pk_err *err);
/* Reads the rest of r->fd away and closes it, then waits: 0 if the
 * program exited with status 0; else -1 and err says how it ended. */
int pk_child_wait(struct pk_child *r, struct pk_err *err);

#endif
