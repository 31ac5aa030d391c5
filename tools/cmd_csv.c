// SPDX-License-Identifier: GPL-2.0
/*
 * pktstat csv DIR: one file per --interval, written atomically. The
 * intervals end at multiples of --interval since the epoch (the first one
 * starts when pktstat does); on SIGTERM or SIGINT the interval in progress
 * is written up to that moment. Each object's stream is followed meanwhile
 * for its bucket statistics (csvburst.h). --addresses writes per-address
 * files instead (cmd_csv_addrs.c).
 */
#include <stdlib.h>
#include <sys/stat.h>
#include "cli.h"
#include "csvdir.h"
#include "follow.h"
#include "prom.h"

#define CSV_DEFAULT_INTERVAL_NS	60000000000ull

struct csv_run {
	const char *dir;
	uint64_t interval_ns;
	struct pk_proc proc;
	struct pk_snapshot s0;	/* at start_ns */
	uint64_t start_ns;
	struct pk_csvb bursts;
};

static int bursts_of(const void *ctx, const char *name,
		     const struct pk_csvb_iv **iv, uint64_t *period_ns)
{
	return pk_csvb_find(ctx, name, iv, period_ns);
}

static int write_interval(const struct csv_run *r, uint64_t end_ns,
			  const struct pk_snapshot *s1)
{
	const struct pk_csv_cols x = {
		r->start_ns, end_ns, r->interval_ns, bursts_of, &r->bursts,
	};
	char name[128], path[4096];
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	struct pk_err err;
	int rc;

	pk_csv_write(out, &r->s0, s1, &x);
	fclose(out);
	pk_csv_filename(name, sizeof(name), r->start_ns, end_ns, r->interval_ns);
	snprintf(path, sizeof(path), "%s/%s", r->dir, name);
	rc = pk_write_atomic(path, buf, len, &err);
	free(buf);
	return rc ? pk_fail("%s", err.msg) : PK_EXIT_OK;
}

static uint64_t poll_streams(void *arg)
{
	struct csv_run *r = arg;

	return pk_csvb_poll(&r->bursts, &r->proc);
}

/* Follows the streams until CLOCK_REALTIME reaches t_ns; -1 when asked
 * to stop. */
static int follow_until_real(struct csv_run *r, uint64_t t_ns)
{
	uint64_t now = pk_realtime_ns();
	uint64_t mono = pk_now_ns() + (t_ns > now ? t_ns - now : 0);

	if (pk_poll_until(poll_streams, r, mono))
		return -1;
	return pk_sleep_until_real(t_ns);
}

/* After the end: the buckets that started before it close a moment later
 * (a period later when the end is not a bucket boundary). Reads every
 * 10ms until each stream has returned them, or the wait is over: never
 * more than half an interval, so that the next one keeps its boundary. */
static void follow_to_end(struct csv_run *r)
{
	uint64_t wait = pk_csvb_wait_ns(&r->bursts), t, soon, until;

	if (wait > r->interval_ns / 2)
		wait = r->interval_ns / 2;
	until = pk_now_ns() + wait;

	for (;;) {
		t = poll_streams(r);
		soon = pk_now_ns() + PK_FOLLOW_MIN_NS;
		if (pk_csvb_complete(&r->bursts) || t >= until ||
		    pk_sleep_until(t < soon ? t : soon))
			return;
	}
}

/* Sleeps to the next boundary (or a signal), following the streams, and
 * writes the interval. After a failed snapshot, the next interval starts
 * at the same place. */
static int next_interval(struct csv_run *r, int *stopping)
{
	uint64_t boundary = pk_csv_boundary(pk_realtime_ns(), r->interval_ns);
	struct pk_snapshot s1;
	struct pk_err err;
	uint64_t end;
	int rc;

	pk_csvb_set_end(&r->bursts, boundary);
	*stopping = follow_until_real(r, boundary) != 0;
	if (pk_snapshot_take(&r->proc, &s1, &err))
		return pk_fail("%s", err.msg);
	end = pk_csv_interval_end(r->start_ns, s1.real_ns, r->interval_ns,
				  *stopping);
	pk_csvb_set_end(&r->bursts, end);
	if (*stopping)
		poll_streams(r);
	else
		follow_to_end(r);
	*stopping = *stopping || pk_stopping();
	rc = write_interval(r, end, &s1);
	pk_csvb_next(&r->bursts);
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
	if (o->addresses)
		return cmd_csv_addresses(o, r.interval_ns);
	if (pk_snapshot_take(&r.proc, &r.s0, &err))
		return pk_fail("%s", err.msg);
	r.start_ns = r.s0.real_ns;
	pk_csvb_init(&r.bursts, o->burst_threshold < 0 ? PK_PB_THRESHOLD_BPS :
		     o->burst_threshold, r.start_ns);
	for (long i = 0; !stopping && (!o->count || i < o->count); i++)
		rc = next_interval(&r, &stopping);
	pk_csvb_free(&r.bursts);
	pk_snapshot_free(&r.s0);
	return rc;
}
