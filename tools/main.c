// SPDX-License-Identifier: GPL-2.0
/* pktstat: the reader of /proc/net/xt_pktstat. */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include "cli.h"
#include "output.h"
#include "procfs.h"

#define PKTSTAT_VERSION "0.1.0"

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* The options given before the command: --proc, --unit, --help. */
static int global_options(int argc, char **argv, struct pk_opts *o, int *next)
{
	int i = 1;

	for (; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			pk_usage(stdout);
			return -1;
		}
		if (!strcmp(a, "--version")) {
			printf("pktstat %s\n", PKTSTAT_VERSION);
			return -1;
		}
		if (!strncmp(a, "--proc=", 7)) {
			o->proc = a + 7;
		} else if (!strncmp(a, "--unit=", 7)) {
			if (pk_unit_parse(a + 7, &o->unit))
				return pk_usage_error("--unit: \"%s\": use bits, bytes or packets", a + 7);
		} else if ((!strcmp(a, "--proc") || !strcmp(a, "--unit")) && i + 1 < argc) {
			if (a[2] == 'p')
				o->proc = argv[++i];
			else if (pk_unit_parse(argv[++i], &o->unit))
				return pk_usage_error("--unit: \"%s\": use bits, bytes or packets", argv[i]);
		} else {
			return pk_usage_error("unknown option \"%s\" before the command", a);
		}
	}
	*next = i;
	return 0;
}

/*
 * The exporters keep each object's NAME/stream open: 10,000 objects need
 * 10,000 descriptors, beyond the usual soft limit of 1024. Take what the
 * hard limit allows (systemd's default hard limit is 524288).
 */
static void more_files(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

int main(int argc, char **argv)
{
	struct pk_opts o = {
		.proc = PK_PROC_DEFAULT, .unit = PK_BITS, .threshold = -1,
		.burst_threshold = -1, .address_series = -1,
	};
	const struct pk_command *c;
	int next = 1, rc;

	if (!strncmp(base_name(argv[0]), "traffic_accounting", 18))
		return pk_out_finish(pk_munin_main(base_name(argv[0]), argc, argv));
	rc = global_options(argc, argv, &o, &next);
	if (rc)
		return pk_out_finish(rc < 0 ? PK_EXIT_OK : rc);
	if (next == argc) {
		char *list_argv[] = { "list", NULL };

		c = pk_command_find("list");
		rc = pk_opts_parse(1, list_argv, c, &o);
	} else {
		c = pk_command_find(argv[next]);
		if (!c)
			return pk_usage_error("unknown command \"%s\"", argv[next]);
		rc = pk_opts_parse(argc - next, argv + next, c, &o);
	}
	if (rc)
		return pk_out_finish(rc < 0 ? PK_EXIT_OK : rc);
	pk_signals_init();
	more_files();
	return pk_out_finish(c->run(&o));
}
