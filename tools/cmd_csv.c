// SPDX-License-Identifier: GPL-2.0
/* pktstat csv DIR: one file per --interval, written atomically. */
#include <stdlib.h>
#include <sys/stat.h>
#include "cli.h"
#include "csvdir.h"
#include "prom.h"

static int write_interval(const char *dir, uint64_t interval_ns,
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
	pk_csv_filename(name, sizeof(name), s0->real_ns, s1->real_ns,
			interval_ns);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	rc = pk_write_atomic(path, buf, len, &err);
	free(buf);
	return rc ? pk_fail("%s", err.msg) : PK_EXIT_OK;
}

int cmd_csv(const struct pk_opts *o)
{
	struct pk_proc p = { .dir = o->proc };
	struct pk_snapshot s0, s1;
	struct pk_err err;
	struct stat st;
	uint64_t interval = o->interval_ns ? o->interval_ns : 60000000000ull;
	int rc = PK_EXIT_OK;

	if (stat(o->argv[0], &st) || !S_ISDIR(st.st_mode))
		return pk_fail("%s: not a directory", o->argv[0]);
	if (pk_snapshot_take(&p, &s0, &err))
		return pk_fail("%s", err.msg);
	for (long i = 0; !o->count || i < o->count; i++) {
		if (pk_sleep_until(s0.when_ns + interval))
			break;
		if (pk_snapshot_take(&p, &s1, &err)) {
			rc = pk_fail("%s", err.msg);
			s0.when_ns += interval;
			continue;
		}
		rc = write_interval(o->argv[0], interval, &s0, &s1);
		pk_snapshot_free(&s0);
		s0 = s1;
	}
	pk_snapshot_free(&s0);
	return rc;
}
