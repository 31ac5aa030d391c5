// SPDX-License-Identifier: GPL-2.0
/* Loading a kernel module with modprobe (modload.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "modload.h"
#include "pathfind.h"
#include "runprog.h"

/* Loading a module takes well under a second; a modprobe stuck on a
 * module's init (or a dependency's) is not waited for longer than this. */
#define MODPROBE_TIMEOUT_S	60

static int find_modprobe(char *path, size_t len)
{
	if (pk_path_find(getenv("PATH"), "modprobe", X_OK, path, len) == 0)
		return 0;
	return pk_path_find("/sbin:/usr/sbin", "modprobe", X_OK, path, len);
}

/* The first len - 1 bytes the child writes (pk_child_wait() reads the
 * rest away, so that it never blocks on a full pipe). */
static void read_some(int fd, char *buf, size_t len)
{
	size_t n = 0;
	ssize_t r;

	while (n + 1 < len) {
		r = read(fd, buf + n, len - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
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

int pk_modprobe(const char *name, char *msg, size_t len)
{
	char path[4096], out[4096];
	char *argv[] = { "modprobe", (char *)name, NULL };
	const char *said;
	struct pk_child run;
	struct pk_err err;

	if (find_modprobe(path, sizeof(path))) {
		snprintf(msg, len, "modprobe not found in PATH, /sbin or "
			 "/usr/sbin (Debian package kmod)");
		return -1;
	}
	if (pk_child_start(&run, path, argv, 1, MODPROBE_TIMEOUT_S, &err)) {
		snprintf(msg, len, "%s", err.msg);
		return -1;
	}
	read_some(run.fd, out, sizeof(out));
	if (pk_child_wait(&run, &err) == 0)
		return 0;
	said = last_line(out);
	/* what it said, unless it was ended for taking too long */
	snprintf(msg, len, "%s", *said && !run.timed_out ? said : err.msg);
	return -1;
}
