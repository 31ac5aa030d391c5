// SPDX-License-Identifier: GPL-2.0
/* The objects the munin plugin draws, and their rates (see muninread.h). */
#include <stdlib.h>
#include <sys/stat.h>
#include "follow.h"
#include "muninread.h"
#include "procfs.h"

static int has_stream(const struct pk_proc *p, const char *name)
{
	char path[4096];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s/stream", p->dir, name);
	return stat(path, &st) == 0;
}

/* One pass of the stream, opened now: from the oldest bucket held. */
static int read_pass(const struct pk_proc *p, const struct pk_info *info,
		     struct pk_data *d, struct pk_err *err)
{
	struct pk_stream st;
	int rc = pk_stream_open(&st, p, info->name, info->v[PK_I_PERIOD_NS],
				err);

	d->keep_runs = 1;	/* an idle ring is one run, not samples lines */
	if (rc == 0 && st.draining) {
		pk_err_set(err, "%s: gone", st.path);
		rc = -1;	/* never drain NAME/data */
	}
	if (rc == 0)
		rc = pk_stream_read(&st, d, err);
	pk_stream_close(&st);
	return rc;
}

/* A stream that cannot be read keeps its state for the next fetch. */
static void fetch_one(const struct pk_proc *p, const struct pk_info *info,
		      const struct pk_mstate *old, struct pk_mstate *new,
		      struct pk_munin_obj *o)
{
	const struct pk_mstate_ent *prev = pk_mstate_find(old, info->name);
	struct pk_mstate_ent next;
	struct pk_data d = { 0 };
	struct pk_err err;

	if (read_pass(p, info, &d, &err)) {
		fprintf(stderr, "pktstat: %s\n", err.msg);
		if (prev)
			pk_mstate_add(new, prev);
	} else if (pk_pollrate(info, &d, prev, &o->r, &next)) {
		pk_mstate_add(new, &next);
	}
	pk_data_free(&d);
}

static void fetch_all(const struct pk_proc *p, const char *plugin,
		      const struct pk_snapshot *s, struct pk_munin_obj *o,
		      size_t n)
{
	struct pk_mstate old = { 0 }, new = { 0 };
	char path[4096];
	struct pk_err err;
	int keep = pk_mstate_path(path, sizeof(path), plugin) == 0;

	if (keep && pk_mstate_load(path, &old, &err))
		fprintf(stderr, "pktstat: %s\n", err.msg);
	for (size_t i = 0; i < n; i++)
		fetch_one(p, pk_snapshot_find(s, o[i].name), &old, &new, &o[i]);
	if (keep && new.n && pk_mstate_save(path, &new, &err))
		fprintf(stderr, "pktstat: %s\n", err.msg);
	pk_mstate_free(&old);
	pk_mstate_free(&new);
}

size_t pk_munin_objects(const char *proc, const char *plugin, int fetch,
			struct pk_munin_obj **out)
{
	struct pk_proc p = { .dir = proc };
	struct pk_snapshot s;
	struct pk_err err;
	size_t n = 0;

	*out = NULL;
	if (pk_proc_check(&p, &err))
		return 0;
	if (pk_snapshot_take(&p, &s, &err)) {
		fprintf(stderr, "pktstat: %s\n", err.msg);
		return 0;
	}
	*out = calloc(s.nobj ? s.nobj : 1, sizeof(**out));
	if (!*out)
		abort();
	for (size_t i = 0; i < s.nobj; i++) {
		const struct pk_info *info = &s.obj[i];

		if (!info->v[PK_I_PERIOD_NS] || !has_stream(&p, info->name))
			continue;
		snprintf((*out)[n].name, sizeof((*out)[n].name), "%s", info->name);
		(*out)[n].period_ns = info->v[PK_I_PERIOD_NS];
		(*out)[n++].ring_ns = pk_ring_ns(info);
	}
	if (fetch)
		fetch_all(&p, plugin, &s, *out, n);
	pk_snapshot_free(&s);
	return n;
}
