// SPDX-License-Identifier: GPL-2.0
/* Loading a kernel module with modprobe (modload.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "modload.h"
#include "pathfind.h"

static int find_modprobe(char *path, size_t len)
{
	if (pk_path_find(getenv("PATH"), "modprobe", X_OK, path, len) == 0)
		return 0;
	return pk_path_find("/sbin:/usr/sbin", "modprobe", X_OK, path, len);
}

/* All the child writes, the first len - 1 bytes kept: the rest is read
 * too, so that it never blocks on a full pipe. */
static void read_all(int fd, char *buf, size_t len)
{
	char discard[512];
	size_t n = 0;
	ssize_t r;

	for (;;) {
		if (n + 1 < len)
			r = read(fd, buf + n, len - 1 - n);
		else
			r = read(fd, discard, sizeof(discard));
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (n + 1 < len)
			n += (size_t)r;
	}
	buf[n] = '\0';
}

/* The last line of out with text, without its newline. */
static const char *last_line(char *out)
{
	size_t n = strlen(out);
	char *nl;

	while (n && (out[n - 1] == '\n' || out[n - 1] == '\r' || out[n - 1] == ' '))
		out[--n] = '\0';
	nl = strrchr(out, '\n');
	return nl ? nl + 1 : out;
}

static pid_t start(const char *path, const char *name, int fds[2])
{
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid != 0)
		return pid;
	dup2(fds[1], STDOUT_FILENO);
	dup2(fds[1], STDERR_FILENO);
	close(fds[0]);
	close(fds[1]);
	execl(path, "modprobe", name, (char *)NULL);
	fprintf(stderr, "cannot run %s: %s\n", path, strerror(errno));
	_exit(127);
}

static int wait_for(pid_t pid, const char *out, char *msg, size_t len)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			snprintf(msg, len, "waiting for modprobe: %s", strerror(errno));
			return -1;
		}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (*out)
		snprintf(msg, len, "%s", out);
	else if (WIFEXITED(status))
		snprintf(msg, len, "modprobe exited with status %d", WEXITSTATUS(status));
	else
		snprintf(msg, len, "modprobe was killed by signal %d", WTERMSIG(status));
	return -1;
}

int pk_modprobe(const char *name, char *msg, size_t len)
{
	char path[4096], out[4096];
	int fds[2];
	pid_t pid;

	if (find_modprobe(path, sizeof(path))) {
		snprintf(msg, len, "modprobe not found in PATH, /sbin or "
			 "/usr/sbin (Debian package kmod)");
		return -1;
	}
	if (pipe(fds)) {
		snprintf(msg, len, "pipe: %s", strerror(errno));
		return -1;
	}
	pid = start(path, name, fds);
	close(fds[1]);
	if (pid < 0) {
		snprintf(msg, len, "fork: %s", strerror(errno));
		close(fds[0]);
		return -1;
	}
	read_all(fds[0], out, sizeof(out));
	close(fds[0]);
	return wait_for(pid, last_line(out), msg, len);
}
