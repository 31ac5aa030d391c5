// SPDX-License-Identifier: GPL-2.0
/*
 * The munin plugin: tags from /proc/net/xt_pktstat/tags, or, for users of
 * the traffic_accounting plugin, from =tag= comments of plain rules in
 * env.chain4/env.chain6 (iptables-save -c, or the files named by
 * env.iptables_save4/env.iptables_save6); with multigraph, a graph of
 * each object's mean and peak bucket rates besides (muninread.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "cleanname.h"
#include "cli.h"
#include "iptsave.h"
#include "munin.h"
#include "muninread.h"
#include "procfs.h"
#include "runprog.h"

static const char *env_or(const char *name, const char *def)
{
	const char *v = getenv(name);

	return v && *v ? v : def;
}

static int use_iptables(void)
{
	const char *src = getenv("source");

	if (src && *src)
		return !strcmp(src, "iptables");
	return env_or("chain4", NULL) || env_or("chain6", NULL);
}

/*
 * Seconds PROG-save may take (env.save_timeout, default 5): one that hangs
 * (a lock held elsewhere, a stuck nf_tables) must not hold the plugin past
 * munin-node's own timeout, or the other family's graphs go too.
 */
static unsigned int save_timeout(void)
{
	const char *v = env_or("save_timeout", "5");
	char *end;
	unsigned long t = strtoul(v, &end, 10);

	return *end || t == 0 || t > 3600 ? 5 : (unsigned int)t;
}

/* Runs PROG-save -c -t filter, as traffic_accounting does. */
static int run_save(const char *prog, const char *chain, const char *family,
		    struct pk_tags *tags, struct pk_err *err)
{
	char cmd[4096];
	char *argv[] = { cmd, "-c", "-t", "filter", NULL };
	struct pk_child run;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "%s-save", prog);
	if (pk_child_start(&run, cmd, argv, 0, save_timeout(), err))
		return -1;
	f = fdopen(run.fd, "r");
	if (!f) {
		pk_err_set(err, "fdopen: %s", strerror(errno));
		pk_child_wait(&run, err);
		return -1;
	}
	pk_iptsave_parse(f, chain, family, tags);
	/* what it wrote is parsed: its end is what says whether to use it */
	fclose(f);
	run.fd = -1;
	if (pk_child_wait(&run, err) == 0)
		return 0;
	if (run.timed_out)
		pk_err_set(err, "%s -c -t filter took more than %u s (env.save_timeout)",
			   cmd, run.timeout_s);
	else
		pk_err_set(err, "%s -c -t filter failed", cmd);
	return -1;
}

/* Where the old plugin's rules of one family are. */
struct family_src {
	const char *family, *chain_env, *chain_def, *file_env, *prog_env,
		   *prog_def;
};

static const struct family_src families[] = {
	{ "ipv4", "chain4", "ACCT4", "iptables_save4", "iptables", "/sbin/iptables" },
	{ "ipv6", "chain6", "ACCT6", "iptables_save6", "ip6tables", "/sbin/ip6tables" },
};

static int load_family(const struct family_src *s, struct pk_tags *tags,
		       struct pk_err *err)
{
	const char *chain = env_or(s->chain_env, s->chain_def);
	const char *file = env_or(s->file_env, NULL);
	FILE *f;

	if (!file)
		return run_save(env_or(s->prog_env, s->prog_def), chain,
				s->family, tags, err);
	f = fopen(file, "r");
	if (!f) {
		pk_err_set(err, "%s: %s", file, strerror(errno));
		return -1;
	}
	pk_iptsave_parse(f, chain, s->family, tags);
	fclose(f);
	return 0;
}

/* A family that cannot be read is left out, with a message on stderr
 * (munin-node logs it): the other family's graphs go on. */
static int load_tags(const char *proc, struct pk_tags *tags)
{
	struct pk_proc p = { .dir = proc };
	struct pk_err err;
	int loaded = 0;

	if (!use_iptables())
		return pk_proc_tags(&p, tags, &err) ? pk_fail("%s", err.msg) : 0;
	for (size_t i = 0; i < sizeof(families) / sizeof(*families); i++) {
		size_t n = tags->n;

		if (load_family(&families[i], tags, &err) == 0) {
			loaded++;
			continue;
		}
		tags->n = n;
		fprintf(stderr, "pktstat: %s; the %s graphs are left out\n",
			err.msg, families[i].family);
	}
	return loaded ? 0 : -1;
}

/* Where a family's rules are read from: its saved file, or PROG-save. */
static const char *family_path(const struct family_src *s, char *buf,
			       size_t len)
{
	const char *file = env_or(s->file_env, NULL);

	if (file)
		return file;
	snprintf(buf, len, "%s-save", env_or(s->prog_env, s->prog_def));
	return buf;
}

/* Either family will do: each one's graphs go on without the other. */
static void autoconf_iptables(void)
{
	char buf[2][4096];
	const char *path[2];
	int mode;

	for (size_t i = 0; i < 2; i++) {
		path[i] = family_path(&families[i], buf[i], sizeof(buf[i]));
		mode = path[i] == buf[i] ? X_OK : R_OK;
		if (access(path[i], mode) == 0) {
			printf("yes\n");
			return;
		}
	}
	printf("no (%s and %s not found)\n", path[0], path[1]);
}

static int autoconf(const char *proc)
{
	struct pk_proc p = { .dir = proc };
	struct pk_err err;

	if (use_iptables())
		autoconf_iptables();
	else if (pk_proc_check(&p, &err) == 0)
		printf("yes\n");
	else
		printf("no (%s)\n", err.msg);
	return PK_EXIT_OK;
}

static int setup(const char *plugin, struct pk_munin *m, char *family,
		 char *stem)
{
	const char *what = env_or("what", "bytes");
	const char *mg = env_or("multigraph", "yes");

	m->plugin = "traffic_accounting";
	if (pk_unit_parse(what, &m->what))
		return pk_fail("invalid env.what \"%s\": bits, bytes or packets", what);
	if (strcmp(mg, "yes") && strcmp(mg, "no"))
		return pk_fail("invalid env.multigraph \"%s\": yes or no", mg);
	if (pk_munin_wildcard(plugin, family, 8, stem, PK_CLEAN_LEN) == 0) {
		m->family = family;
		m->stem = stem;
	} else {
		m->multigraph = getenv("MUNIN_CAP_MULTIGRAPH") && !strcmp(mg, "yes");
	}
	return 0;
}

/* Without multigraph only a wildcard link has a graph to draw. */
static int check_graphs(const char *plugin, const struct pk_munin *m,
			const char *cmd)
{
	if (m->multigraph || m->family || !strcmp(cmd, "suggest"))
		return 0;
	return pk_fail("%s: %s, and not linked as %s_ipv4_TAG or %s_ipv6_TAG: "
		       "no graph to draw (the links: munin-run %s suggest)",
		       plugin, getenv("MUNIN_CAP_MULTIGRAPH") ?
		       "env.multigraph is no" :
		       "munin-node did not offer multigraph (MUNIN_CAP_MULTIGRAPH)",
		       m->plugin, m->plugin, plugin);
}

/* After the tag graphs, those of the objects (multigraph only). */
static void object_graphs(const struct pk_munin *m, const char *proc,
			  const char *plugin, const char *cmd)
{
	int fetch = !strcmp(cmd, "fetch");
	struct pk_munin_obj *o;
	size_t n;

	if (!m->multigraph || !strcmp(cmd, "suggest"))
		return;
	n = pk_munin_objects(proc, plugin, fetch, &o);
	if (fetch)
		pk_munin_obj_fetch(stdout, m, o, n);
	else
		pk_munin_obj_config(stdout, m, o, n);
	free(o);
}

int pk_munin_main(const char *plugin, int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "fetch";
	const char *proc = env_or("proc", PK_PROC_DEFAULT);
	struct pk_munin m = { 0 };
	struct pk_tags tags = { 0 };
	struct pk_tagrow *rows;
	char family[8], stem[PK_CLEAN_LEN];
	size_t n;

	if (!strcmp(cmd, "autoconf"))
		return autoconf(proc);
	if (strcmp(cmd, "config") && strcmp(cmd, "fetch") && strcmp(cmd, "suggest"))
		return pk_usage_error("munin: unknown command \"%s\": config, fetch, autoconf or suggest", cmd);
	if (setup(plugin, &m, family, stem) || check_graphs(plugin, &m, cmd) ||
	    load_tags(proc, &tags))
		return PK_EXIT_RUNTIME;
	n = pk_tagrows(&tags, &rows);
	if (!strcmp(cmd, "config"))
		pk_munin_config(stdout, &m, rows, n);
	else if (!strcmp(cmd, "fetch"))
		pk_munin_fetch(stdout, &m, rows, n);
	else
		pk_munin_suggest(stdout, rows, n);
	object_graphs(&m, proc, plugin, cmd);
	free(rows);
	pk_tags_free(&tags);
	return PK_EXIT_OK;
}

int cmd_munin(const struct pk_opts *o)
{
	char *argv[] = { "traffic_accounting", o->argc ? o->argv[0] : "fetch", NULL };

	if (o->proc && strcmp(o->proc, PK_PROC_DEFAULT))
		setenv("proc", o->proc, 1);
	return pk_munin_main("traffic_accounting", 2, argv);
}

/* For wrapper scripts, which cannot choose their argv[0]: the plugin
 * under the name they were run as, as a link to pktstat would be. */
int cmd_munin_plugin(const struct pk_opts *o)
{
	char *argv[] = { o->argv[0], o->argc > 1 ? o->argv[1] : "fetch", NULL };

	if (strncmp(o->argv[0], "traffic_accounting", 18))
		return pk_usage_error("munin-plugin: \"%s\" is not a plugin name: "
				      "traffic_accounting, traffic_accounting_ipv4_TAG "
				      "or traffic_accounting_ipv6_TAG", o->argv[0]);
	if (o->proc && strcmp(o->proc, PK_PROC_DEFAULT))
		setenv("proc", o->proc, 1);
	return pk_munin_main(o->argv[0], 2, argv);
}
