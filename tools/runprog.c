// SPDX-License-Identifier: GPL-2.0
/* Running another program with its output on a pipe (runprog.h). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "runprog.h"

/* In the child: never returns. */
static void exec_child(const char *path, char *const argv[], int fds[2],
		       int with_stderr, unsigned int timeout_s)
{
	dup2(fds[1], STDOUT_FILENO);
	if (with_stderr)
		dup2(fds[1], STDERR_FILENO);
	close(fds[0]);
	close(fds[1]);
	signal(SIGALRM, SIG_DFL);
	alarm(timeout_s);
	execv(path, argv);
	fprintf(stderr, "cannot run %s: %s\n", path, strerror(errno));
	_exit(127);
}

int pk_child_start(struct pk_child *r, const char *path, char *const argv[],
		 int with_stderr, unsigned int timeout_s, struct pk_err *err)
{
	int fds[2];

	snprintf(r->what, sizeof(r->what), "%s", argv[0]);
	r->timeout_s = timeout_s;
	r->timed_out = 0;
	r->fd = -1;
	r->pid = -1;
	if (pipe(fds)) {
		pk_err_set(err, "pipe: %s", strerror(errno));
		return -1;
	}
	fflush(NULL);	/* nothing buffered is written twice */
	r->pid = fork();
	if (r->pid == 0)
		exec_child(path, argv, fds, with_stderr, timeout_s);
	close(fds[1]);
	if (r->pid < 0) {
		pk_err_set(err, "fork: %s", strerror(errno));
		close(fds[0]);
		return -1;
	}
	r->fd = fds[0];
	return 0;
}

/* What is left in the pipe: read, so that the child never blocks on it. */
static void drain(int fd)
{
	char buf[512];
	ssize_t n;

	do
		n = read(fd, buf, sizeof(buf));
	while (n > 0 || (n < 0 && errno == EINTR));
}

int pk_child_wait(struct pk_child *r, struct pk_err *err)
{
	int status;

	if (r->fd >= 0) {
		drain(r->fd);
		close(r->fd);
		r->fd = -1;
	}
	while (waitpid(r->pid, &status, 0) < 0) {
		if (errno != EINTR) {
			pk_err_set(err, "waiting for %s: %s", r->what, strerror(errno));
			return -1;
		}
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	r->timed_out = WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM &&
		       r->timeout_s;
	if (r->timed_out)
		pk_err_set(err, "%s took more than %u s", r->what, r->timeout_s);
	else if (WIFEXITED(status))
		pk_err_set(err, "%s exited with status %d", r->what, WEXITSTATUS(status));
	else
		pk_err_set(err, "%s was killed by signal %d", r->what, WTERMSIG(status));
	return -1;
}
