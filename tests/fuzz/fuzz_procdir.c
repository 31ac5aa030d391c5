// SPDX-License-Identifier: GPL-2.0
/*
 * The reader on a whole /proc/net/xt_pktstat directory (tools/procfs.c):
 * listing the objects, a snapshot of every info and the tags, draining
 * data and following stream, on a tree made from the input:
 *
 *   @web/info          a file, its content up to the next line starting
 *   name web           with '@'
 *   @web/stream
 *   # start_ns frames bytes [buckets]
 *   @tags
 *   @empty/            a directory
 *
 * Paths are one or two components (no "." or ".."), under a directory of
 * the harness's own on tmpfs, made afresh for every input.
 */
#include <dirent.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fuzz.h"
#include "procfs.h"
#include "tagcheck.h"

#define MAX_ENTRIES	32

static char root[64];

static void remove_tree(const char *path, int depth)
{
	DIR *dir = depth < 3 ? opendir(path) : NULL;
	struct dirent *de;
	char sub[4096];

	while (dir && (de = readdir(dir))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
		if (unlink(sub))
			remove_tree(sub, depth + 1);
	}
	if (dir)
		closedir(dir);
	rmdir(path);
}

static void remove_root(void)
{
	remove_tree(root, 0);
}

/* A component of a path in the tree, or NULL. */
static int component_ok(const char *c)
{
	return c[0] && strcmp(c, ".") && strcmp(c, "..") && strlen(c) < 64;
}

/* "@DIR/FILE", "@FILE" or "@DIR/" with its content; the object's name
 * (the directory) into names. */
static void make_entry(const char *base, char *path, const uint8_t *content,
		       size_t len, char **names, size_t *nnames)
{
	char *slash = strchr(path, '/'), full[4096];
	int fd;

	if (slash) {
		*slash = '\0';
		if (!component_ok(path))
			return;
		snprintf(full, sizeof(full), "%s/%s", base, path);
		if (mkdir(full, 0755) == 0 && *nnames < MAX_ENTRIES)
			names[(*nnames)++] = strdup(path);
		if (!slash[1])
			return;
		*slash = '/';
		if (!component_ok(slash + 1) || strchr(slash + 1, '/'))
			return;
	} else if (!component_ok(path)) {
		return;
	}
	snprintf(full, sizeof(full), "%s/%s", base, path);
	fd = open(full, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return;
	if (write(fd, content, len) != (ssize_t)len)
		abort();
	close(fd);
}

/* The next line that starts with '@', from the newline at p on, or end. */
static const uint8_t *next_entry(const uint8_t *p, const uint8_t *end)
{
	while ((p = memchr(p, '\n', (size_t)(end - p))) && p + 1 < end && p[1] != '@')
		p++;
	return p && p + 1 < end ? p + 1 : end;
}

/* The tree of the input under base; returns the directories' names. */
static size_t make_tree(const char *base, const uint8_t *data, size_t size,
			char **names)
{
	const uint8_t *p = data, *end = data + size;
	size_t nnames = 0;

	for (int entries = 0; p < end && entries < MAX_ENTRIES; entries++) {
		const uint8_t *nl = memchr(p, '\n', (size_t)(end - p)), *next;
		char *path;

		if (!nl)
			nl = end;
		next = nl < end ? next_entry(nl, end) : end;
		if (*p == '@') {
			path = fuzz_str(p + 1, (size_t)(nl - p - 1));
			if (nl < end)
				nl++;
			make_entry(base, path, nl, (size_t)(next - nl), names, &nnames);
			free(path);
		}
		p = next;
	}
	return nnames;
}

static void check_snapshot(const struct pk_proc *proc, size_t ndirs)
{
	struct pk_snapshot s;
	struct pk_err err = { "" };

	if (pk_snapshot_take(proc, &s, &err)) {
		FUZZ_CHECK(err.msg[0], "snapshot failed without a message");
		return;
	}
	FUZZ_CHECK(s.nobj <= ndirs, "%zu objects in %zu directories", s.nobj, ndirs);
	for (size_t i = 0; i < s.nobj; i++) {
		const struct pk_info *found = pk_snapshot_find(&s, s.obj[i].name);

		FUZZ_CHECK(i == 0 || strcmp(s.obj[i - 1].name, s.obj[i].name) <= 0,
			   "objects out of order");
		FUZZ_CHECK(found && !strcmp(found->name, s.obj[i].name),
			   "object \"%s\" not found", s.obj[i].name);
	}
	tagcheck_rows(&s.tags);
	pk_snapshot_free(&s);
}

/* What pktstat read, watch and the exporters do with one object. */
static void read_object(const struct pk_proc *proc, const char *name)
{
	struct pk_err err = { "" };
	struct pk_info info;
	struct pk_data d = { 0 };
	struct pk_stream s;
	uint64_t period = 100000;

	if (pk_proc_info(proc, name, &info, &err) == 0)
		period = info.v[PK_I_PERIOD_NS];
	else
		FUZZ_CHECK(err.msg[0], "info of \"%s\" failed without a message", name);
	if (pk_proc_data(proc, name, period, &d, &err))
		FUZZ_CHECK(err.msg[0], "data of \"%s\" failed without a message", name);
	pk_data_free(&d);
	if (pk_stream_open(&s, proc, name, period, &err) == 0) {
		for (int pass = 0; pass < 2; pass++)
			if (pk_stream_read(&s, &d, &err))
				FUZZ_CHECK(err.msg[0], "stream of \"%s\" failed "
					   "without a message", name);
		pk_data_free(&d);
	}
	pk_stream_close(&s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char base[sizeof(root) + 8], *names[MAX_ENTRIES];
	struct pk_proc proc = { base };
	struct pk_err err = { "" };
	size_t n;

	if (!root[0]) {
		const char *tmp = access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm";

		snprintf(root, sizeof(root), "%s/pktstat-fuzz-XXXXXX", tmp);
		if (!mkdtemp(root))
			abort();
		atexit(remove_root);
	}
	snprintf(base, sizeof(base), "%s/proc", root);
	if (mkdir(base, 0755))
		abort();
	n = make_tree(base, data, size, names);
	FUZZ_CHECK(pk_proc_check(&proc, &err) == 0, "%s: %s", base, err.msg);
	check_snapshot(&proc, n);
	for (size_t i = 0; i < n; i++) {
		read_object(&proc, names[i]);
		free(names[i]);
	}
	remove_tree(base, 0);
	return 0;
}
