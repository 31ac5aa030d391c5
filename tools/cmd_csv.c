// SPDX-License-Identifier: GPL-2.0
/*
 * pktstat csv DIR: one file per --interval, written atomically. The
 * intervals end at multiples of --interval since the epoch (the first one
 * starts when pktstat does); on SIGTERM or SIGINT the interval in progress
 * is written up to that moment.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include "cli.h"
#include "csvdir.h"
#include "prom.h"

#define CSV_DEFAULT_INTERVAL_NS	60000000000ull

static int write_interval(const char *dir, uint64_t interval_ns,
			  uint64_t start_ns, uint64_t end_ns,
			  const struct pk_snapshot *s0,
			  const struct pk_snapshot *s1)
{
	char name[128], path[4096];
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct pk_err err;
	int rc;

	pk_csv_write(out, s0, s1);
	fclose(out);
	pk_csv_filename(name, sizeof(name), start_ns, end_ns, interval_ns);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	rc = pk_write_atomic(path, buf, len, &err);
	free(buf);
	return rc ? pk_fail("%s", err.msg) : PK_EXIT_OK;
}

/* Where the interval that s1 closes ends: the boundary just passed, or
 * the snapshot's time when stopping (or if the clock went back). */
static uint64_t interval_end(uint64_t start_ns, uint64_t now_ns,
			     uint64_t interval_ns, int stopping)
{
	uint64_t b = now_ns / interval_ns * interval_ns;

	if (!stopping && b > start_ns)
		return b;
	return now_ns > start_ns ? now_ns : start_ns;
}

struct csv_run {
	const char *dir;
	uint64_t interval_ns;
	struct pk_proc proc;
	struct pk_snapshot s0;	/* at start_ns */
	uint64_t start_ns;
};

/* Sleeps to the next boundary (or a signal) and writes the interval.
 * After a failed snapshot, the next interval starts at the same place. */
static int next_interval(struct csv_run *r, int *stopping)
{
	struct pk_snapshot s1;
	struct pk_err err;
	uint64_t end;
	int rc;

	*stopping = pk_sleep_until_real(pk_csv_boundary(pk_realtime_ns(),
							r->interval_ns)) != 0;
	if (pk_snapshot_take(&r->proc, &s1, &err))
		return pk_fail("%s", err.msg);
	end = interval_end(r->start_ns, s1.real_ns, r->interval_ns, *stopping);
	rc = write_interval(r->dir, r->interval_ns, r->start_ns, end, &r->s0, &s1);
	pk_snapshot_free(&r->s0);
	r->s0 = s1;
	r->start_ns = end;
	return rc;
}

int cmd_csv(const struct pk_opts *o)
{
	struct csv_run r = {
		.dir = o->argv[0], .proc = { .dir = o->proc },
		.interval_ns = o->interval_ns ? o->interval_ns : CSV_DEFAULT_INTERVAL_NS,
	};
	struct pk_err err;
	struct stat st;
	int rc = PK_EXIT_OK, stopping = 0;

	if (stat(r.dir, &st) || !S_ISDIR(st.st_mode))
		return pk_fail("%s: not a directory", r.dir);
	if (pk_snapshot_take(&r.proc, &r.s0, &err))
		return pk_fail("%s", err.msg);
	r.start_ns = r.s0.real_ns;
	for (long i = 0; !stopping && (!o->count || i < o->count); i++)
		rc = next_interval(&r, &stopping);
	pk_snapshot_free(&r.s0);
	return rc;
}
