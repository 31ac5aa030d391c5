// SPDX-License-Identifier: GPL-2.0
/* A hosts file read again when it changes (see hostsfile.h). */
#include <errno.h>
#include <string.h>
#include "hostsfile.h"

void pk_hostsfile_init(struct pk_hostsfile *f, const char *path)
{
	memset(f, 0, sizeof(*f));
	f->path = path;
}

void pk_hostsfile_free(struct pk_hostsfile *f)
{
	pk_hosts_free(&f->hosts);
}

static int same_time(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

static int changed(const struct pk_hostsfile *f, const struct stat *st)
{
	return !f->have_stat || st->st_dev != f->st.st_dev ||
	       st->st_ino != f->st.st_ino || st->st_size != f->st.st_size ||
	       !same_time(&st->st_mtim, &f->st.st_mtim) ||
	       !same_time(&st->st_ctim, &f->st.st_ctim);
}

/* The stat of the file read, taken on the open file: a file replaced
 * meanwhile is seen at the next refresh. */
static int read_file(struct pk_hostsfile *f, struct pk_err *err)
{
	FILE *in = fopen(f->path, "r");
	struct pk_hosts h;
	struct stat st;
	int rc;

	if (!in || fstat(fileno(in), &st)) {
		pk_err_set(err, "--hosts: %s: %s", f->path, strerror(errno));
		if (in)
			fclose(in);
		return -1;
	}
	rc = pk_hosts_parse(in, &h);
	if (rc || ferror(in))
		pk_err_set(err, "--hosts: %s: %s", f->path,
			   rc ? "out of memory" : strerror(errno));
	rc = rc || ferror(in);
	fclose(in);
	if (rc) {
		pk_hosts_free(&h);
		return -1;
	}
	pk_hosts_free(&f->hosts);
	f->hosts = h;
	f->st = st;
	f->have_stat = 1;
	return 0;
}

int pk_hostsfile_refresh(struct pk_hostsfile *f, struct pk_err *err)
{
	struct stat st;

	if (!f->path)
		return 0;
	if (stat(f->path, &st)) {
		pk_err_set(err, "--hosts: %s: %s", f->path, strerror(errno));
		return -1;
	}
	return changed(f, &st) ? read_file(f, err) : 0;
}
