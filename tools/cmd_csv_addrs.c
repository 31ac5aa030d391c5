// SPDX-License-Identifier: GPL-2.0
/*
 * pktstat csv DIR --addresses: for each object with an address table,
 * DIR/NAME/START_END.csv every --interval in go-nflog-acctd's layout
 * (acctcsv.h), a row per address that counted anything in the interval.
 * One directory per object, because go-nflog-acctd writes one stream of
 * files and two objects may count the same address. The intervals are
 * those of pktstat csv: at multiples of --interval since the epoch, the
 * first from the start, the one in progress written on SIGTERM or SIGINT.
 * Nothing is followed: NAME/addresses holds the sums since the object
 * was made, and each file is the difference between two reads of it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "acctcsv.h"
#include "addrdelta.h"
#include "addrsfs.h"
#include "cli.h"
#include "csvdir.h"
#include "objstate.h"
#include "prom.h"

#define SEC	1000000000ull

/* Each object's data is its last read (a struct pk_addrs): the next
 * interval counts from it. */
struct acct_run {
	const char *dir;
	uint64_t interval_ns;
	uint64_t start_ns;
	struct pk_proc proc;
	struct pk_ostates objs;
};

static void free_table(void *data)
{
	pk_addrs_free(data);
	free(data);
}

/* now becomes o's last read. */
static void keep(struct pk_ostate *o, struct pk_addrs *now)
{
	struct pk_addrs *last = o->data ? o->data : malloc(sizeof(*last));

	if (!last)
		abort();
	if (o->data)
		pk_addrs_free(last);
	*last = *now;
	o->data = last;
}

/* DIR/NAME/BASE.csv, or BASE.2.csv, ... when taken: in local time an
 * hour repeats when daylight saving time ends, and a file written then
 * must not replace the one of the first time round. */
static int free_path(const struct acct_run *r, const char *name,
		     const char *base, char *path, size_t len)
{
	snprintf(path, len, "%s/%s", r->dir, name);
	if (mkdir(path, 0777) && errno != EEXIST)
		return -1;
	snprintf(path, len, "%s/%s/%s.csv", r->dir, name, base);
	for (int k = 2; access(path, F_OK) == 0; k++)
		snprintf(path, len, "%s/%s/%s.%d.csv", r->dir, name, base, k);
	return 0;
}

static int write_file(const struct acct_run *r, const char *name,
		      uint64_t end_ns, const struct pk_addrs *d)
{
	char base[80], path[4096];
	size_t len;
	char *buf = pk_acct_text(r->start_ns, d, &len);
	struct pk_err err;
	int rc = -1;

	pk_acct_basename(base, sizeof(base), r->start_ns, end_ns);
	if (free_path(r, name, base, path, sizeof(path)))
		pk_err_set(&err, "%s: %s", path, strerror(errno));
	else
		rc = pk_write_atomic(path, buf, len, &err);
	free(buf);
	return rc ? pk_fail("%s", err.msg) : PK_EXIT_OK;
}

/* Reads listed's table; with write, writes what it counted since the
 * last read (all it has when new, or made anew). A table that cannot be
 * read is said and left for the next interval, which then counts what
 * this one would have. */
static int read_object(struct acct_run *r, const struct pk_info *listed,
		       uint64_t end_ns, int write)
{
	struct pk_addrs now, d;
	struct pk_ostate *o;
	struct pk_info info;
	struct pk_err err;
	int rc = PK_EXIT_OK;

	if (pk_proc_addresses(&r->proc, listed->name, &info, &now, &err)) {
		/* kept as it was: seen */
		pk_ostates_find(&r->objs, listed->name);
		pk_addrs_free(&now);
		return pk_fail("%s", err.msg);
	}
	o = pk_ostates_get(&r->objs, &info);
	if (write) {
		pk_addrs_delta(o->data, &now, &d);
		rc = write_file(r, o->name, end_ns, &d);
		pk_addrs_free(&d);
	}
	keep(o, &now);
	return rc;
}

/* Every object with an address table; the last failure's status. */
static int read_all(struct acct_run *r, uint64_t end_ns, int write,
		    struct pk_err *err)
{
	struct pk_snapshot s;
	int rc = PK_EXIT_OK, one;

	if (pk_snapshot_take(&r->proc, &s, err))
		return -1;
	pk_ostates_begin(&r->objs);
	for (size_t i = 0; i < s.nobj; i++) {
		if (!pk_info_has_addresses(&s.obj[i]))
			continue;
		one = read_object(r, &s.obj[i], end_ns, write);
		rc = one ? one : rc;
	}
	pk_ostates_end(&r->objs);
	pk_snapshot_free(&s);
	return rc;
}

/* Sleeps to the next boundary (or a signal) and writes the interval.
 * When the directory cannot be listed, the next interval starts at the
 * same place. */
static int next_interval(struct acct_run *r, int *stopping)
{
	uint64_t boundary = pk_csv_boundary(pk_realtime_ns(), r->interval_ns);
	uint64_t end;
	struct pk_err err;
	int rc;

	*stopping = pk_sleep_until_real(boundary) != 0;
	end = pk_csv_interval_end(r->start_ns, pk_realtime_ns(),
				  r->interval_ns, *stopping);
	rc = read_all(r, end, 1, &err);
	if (rc < 0)
		return pk_fail("%s", err.msg);
	r->start_ns = end;
	return rc;
}

static int check_options(const struct pk_opts *o, uint64_t interval_ns)
{
	if (o->burst_threshold >= 0)
		return pk_usage_error("csv --addresses reads no buckets: "
				      "--burst-threshold does not apply");
	if (interval_ns % SEC)
		return pk_usage_error("csv --addresses: --interval is whole "
				      "seconds, as the file names are");
	return 0;
}

int cmd_csv_addresses(const struct pk_opts *o, uint64_t interval_ns)
{
	struct acct_run r = {
		.dir = o->argv[0], .proc = { .dir = o->proc },
		.interval_ns = interval_ns, .objs = { .free_data = free_table },
	};
	struct pk_err err;
	int rc = check_options(o, interval_ns), stopping = 0;

	if (rc)
		return rc;
	r.start_ns = pk_realtime_ns();
	if (read_all(&r, 0, 0, &err) < 0)
		return pk_fail("%s", err.msg);
	if (!r.objs.n)
		fprintf(stderr, "pktstat: no object has an address table yet "
			"(rules with --by): their files start when one does\n");
	for (long i = 0; !stopping && (!o->count || i < o->count); i++)
		rc = next_interval(&r, &stopping);
	pk_ostates_free(&r.objs);
	return rc;
}
