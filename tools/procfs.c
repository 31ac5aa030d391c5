// SPDX-License-Identifier: GPL-2.0
/* File access for the proc tree, with errors a person can act on. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "fdlines.h"
#include "procfs.h"

static int is_default(const struct pk_proc *p)
{
	return !strcmp(p->dir, PK_PROC_DEFAULT);
}

static void open_error(const char *path, int e, struct pk_err *err)
{
	if (e == EACCES || e == EPERM)
		pk_err_set(err, "%s: permission denied (run pktstat as root, "
			   "or give its user access with the xt_pktstat module "
			   "parameters proc_uid, proc_gid, proc_perms)", path);
	else
		pk_err_set(err, "%s: %s", path, strerror(e));
}

void pk_proc_missing(const char *dir, int module_dir, struct pk_err *err)
{
	if (module_dir)
		pk_err_set(err, "the xt_pktstat module is not loaded (%s is "
			   "missing): modprobe xt_pktstat, or add an "
			   "iptables rule with -m pktstat", dir);
	else
		pk_err_set(err, "%s: no such directory", dir);
}

int pk_proc_check(const struct pk_proc *p, struct pk_err *err)
{
	struct stat st;

	if (stat(p->dir, &st) == 0 && S_ISDIR(st.st_mode))
		return 0;
	if (errno == ENOENT)
		pk_proc_missing(p->dir, is_default(p), err);
	else
		open_error(p->dir, errno, err);
	return -1;
}

static int object_path(const struct pk_proc *p, const char *name,
		       const char *file, char *path, size_t len,
		       struct pk_err *err)
{
	snprintf(path, len, "%s/%s/%s", p->dir, name, file);
	if (pk_valid_name(name))
		return 0;
	pk_err_set(err, "\"%s\" is not a valid name (1-31 of "
		   "A-Z a-z 0-9 _ . -)", name);
	return -1;
}

/* Why NAME/file (path) could not be opened: e, its errno. */
static void object_open_error(const struct pk_proc *p, const char *name,
			      const char *path, int e, struct pk_err *err)
{
	if (e == ENOENT) {
		if (pk_proc_check(p, err) == 0)
			pk_err_set(err, "no statistics object called \"%s\" in "
				   "%s (see pktstat list)", name, p->dir);
	} else {
		open_error(path, e, err);
	}
}

static FILE *open_object_file(const struct pk_proc *p, const char *name,
			      const char *file, char *path, size_t len,
			      struct pk_err *err)
{
	FILE *f;

	if (object_path(p, name, file, path, len, err))
		return NULL;
	f = fopen(path, "r");
	if (!f)
		object_open_error(p, name, path, errno, err);
	return f;
}

/* NAME/file as a descriptor, for files read pass after pass (fdlines.h). */
static int open_object_fd(const struct pk_proc *p, const char *name,
			  const char *file, char *path, size_t len,
			  struct pk_err *err)
{
	int fd;

	if (object_path(p, name, file, path, len, err))
		return -1;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		object_open_error(p, name, path, errno, err);
	return fd;
}

FILE *pk_proc_open(const struct pk_proc *p, const char *name,
		   const char *file, char *path, size_t len, struct pk_err *err)
{
	return open_object_file(p, name, file, path, len, err);
}

int pk_proc_info(const struct pk_proc *p, const char *name,
		 struct pk_info *info, struct pk_err *err)
{
	char path[4096];
	FILE *f = open_object_file(p, name, "info", path, sizeof(path), err);
	int rc;

	if (!f)
		return -1;
	rc = pk_info_parse(f, path, info, err);
	fclose(f);
	if (rc == 0 && !info->name[0])
		snprintf(info->name, sizeof(info->name), "%s", name);
	return rc;
}

static ssize_t next_line(void *src, char **line, int *complete)
{
	return pk_fdlines_next(src, line, complete);
}

/* Parses one pass of fd, read() until it returns 0; a read error names
 * the file. After a bad line, the rest of the pass is not read. */
static int read_pass(int fd, const char *path, uint64_t period_ns,
		     struct pk_cursor *c, struct pk_data *d, struct pk_err *err)
{
	struct pk_fdlines in;
	int rc;

	pk_fdlines_init(&in, fd);
	rc = pk_data_parse_lines(next_line, &in, path, period_ns, c, d, err);
	if (rc == 0 && in.error) {
		open_error(path, in.error, err);
		rc = -1;
	}
	pk_fdlines_free(&in);
	return rc;
}

/* Read-only: close() has nothing to report that a read did not. */
static void close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

int pk_proc_data(const struct pk_proc *p, const char *name, uint64_t period_ns,
		 struct pk_data *d, struct pk_err *err)
{
	char path[4096];
	int fd = open_object_fd(p, name, "data", path, sizeof(path), err);
	struct pk_cursor c = { 0 };
	int rc;

	if (fd < 0)
		return -1;
	rc = read_pass(fd, path, period_ns, &c, d, err);
	close_fd(&fd);
	return rc;
}

int pk_stream_open(struct pk_stream *s, const struct pk_proc *p,
		   const char *name, uint64_t period_ns, struct pk_err *err)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->proc = *p;
	snprintf(s->name, sizeof(s->name), "%s", name);
	s->period_ns = period_ns;
	if (object_path(p, name, "stream", s->path, sizeof(s->path), err))
		return -1;
	s->fd = open(s->path, O_RDONLY | O_CLOEXEC);
	if (s->fd >= 0)
		return 0;
	if (errno != ENOENT) {
		open_error(s->path, errno, err);
		return -1;
	}
	s->draining = 1;	/* a module older than NAME/stream */
	s->fd = open_object_fd(p, name, "data", s->path, sizeof(s->path), err);
	return s->fd >= 0 ? 0 : -1;
}

int pk_stream_read(struct pk_stream *s, struct pk_data *d,
		   struct pk_err *err)
{
	int rc;

	if (s->fd < 0) {
		s->fd = open_object_fd(&s->proc, s->name, "data", s->path,
				       sizeof(s->path), err);
		if (s->fd < 0)
			return -1;
	}
	rc = read_pass(s->fd, s->path, s->period_ns, &s->cur, d, err);
	if (s->draining) {
		close_fd(&s->fd);
		memset(&s->cur, 0, sizeof(s->cur));
	}
	return rc;
}

void pk_stream_close(struct pk_stream *s)
{
	close_fd(&s->fd);
}

int pk_proc_stream(const struct pk_proc *p, const char *name,
		   uint64_t period_ns, struct pk_data *d, struct pk_err *err)
{
	struct pk_stream s;
	int rc = pk_stream_open(&s, p, name, period_ns, err);

	if (rc == 0)
		rc = pk_stream_read(&s, d, err);
	pk_stream_close(&s);
	return rc;
}

int pk_proc_tags(const struct pk_proc *p, struct pk_tags *tags,
		 struct pk_err *err)
{
	char path[4096];
	FILE *f;
	int rc;

	snprintf(path, sizeof(path), "%s/tags", p->dir);
	f = fopen(path, "r");
	if (!f) {
		if (errno == ENOENT)
			return pk_proc_check(p, err);
		open_error(path, errno, err);
		return -1;
	}
	rc = pk_tags_parse(f, path, tags, err);
	fclose(f);
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int is_object_dir(const struct pk_proc *p, const char *name)
{
	char path[4096];
	struct stat st;

	if (!pk_valid_name(name) || !strcmp(name, ".") || !strcmp(name, ".."))
		return 0;
	snprintf(path, sizeof(path), "%s/%s", p->dir, name);
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int list_names(const struct pk_proc *p, char ***names, size_t *n,
		      struct pk_err *err)
{
	DIR *dir = opendir(p->dir);
	struct dirent *de;
	size_t cap = 0;

	*names = NULL;
	*n = 0;
	if (!dir) {
		if (pk_proc_check(p, err) == 0)
			open_error(p->dir, errno, err);
		return -1;
	}
	while ((de = readdir(dir))) {
		if (!is_object_dir(p, de->d_name))
			continue;
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*names = realloc(*names, cap * sizeof(**names));
			if (!*names)
				abort();
		}
		(*names)[(*n)++] = strdup(de->d_name);
	}
	closedir(dir);
	if (*n)
		qsort(*names, *n, sizeof(**names), cmp_names);
	return 0;
}

static void free_names(char **names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

/* By name, as info says it (the directory's name unless a copy differs),
 * so that pk_snapshot_find() is a binary search. */
static int cmp_objects(const void *a, const void *b)
{
	const struct pk_info *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static int object_gone(const struct pk_proc *p, const char *name)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", p->dir, name);
	return stat(path, &st) != 0 && errno == ENOENT;
}

int pk_snapshot_take(const struct pk_proc *p, struct pk_snapshot *s,
		     struct pk_err *err)
{
	char **names;
	size_t n;
	int rc = 0;

	memset(s, 0, sizeof(*s));
	if (list_names(p, &names, &n, err))
		return -1;
	s->when_ns = pk_now_ns();
	s->real_ns = pk_realtime_ns();
	s->obj = calloc(n ? n : 1, sizeof(*s->obj));
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = pk_proc_info(p, names[i], &s->obj[s->nobj], err);
		if (rc == 0)
			s->nobj++;
		else if (object_gone(p, names[i]))
			rc = 0;	/* removed while we were reading */
	}
	free_names(names, n);
	qsort(s->obj, s->nobj, sizeof(*s->obj), cmp_objects);
	if (rc == 0)
		rc = pk_proc_tags(p, &s->tags, err);
	if (rc)
		pk_snapshot_free(s);
	return rc;
}

void pk_snapshot_free(struct pk_snapshot *s)
{
	free(s->obj);
	pk_tags_free(&s->tags);
	memset(s, 0, sizeof(*s));
}

const struct pk_info *pk_snapshot_find(const struct pk_snapshot *s,
				       const char *name)
{
	struct pk_info key;

	snprintf(key.name, sizeof(key.name), "%s", name);
	return s->nobj ? bsearch(&key, s->obj, s->nobj, sizeof(*s->obj),
				 cmp_objects) : NULL;
}

static uint64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

uint64_t pk_now_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

uint64_t pk_realtime_ns(void)
{
	return clock_ns(CLOCK_REALTIME);
}
