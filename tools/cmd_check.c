// SPDX-License-Identifier: GPL-2.0
/*
 * pktstat check [--load] [--quiet]: whether iptables can use -m pktstat
 * here. iptables-restore refuses a whole rule set when one match cannot
 * load, so a boot script asks first: the iptables plugin installed, and
 * the module loaded (its files readable by the caller), or built for the
 * running kernel and, when the kernel wants signed modules, signed.
 * --load loads it. One line on stdout when usable (status 0), one on
 * stderr saying what to do when not (status 1).
 *
 * For the tests, which need neither root nor the module and run on trees
 * of their own, PKTSTAT_CHECK_ROOT is put before every path looked at (/sys, /proc,
 * /lib/modules and the xtables directory built in) and
 * PKTSTAT_CHECK_RELEASE stands for uname's release.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>
#include "cli.h"
#include "modcheck.h"
#include "modload.h"
#include "pathfind.h"
#include "procfs.h"

/* The xtables directory iptables was built with (tools/Makefile). */
#ifndef PK_XTLIBDIR
#define PK_XTLIBDIR	"/usr/lib/xtables"
#endif

#define MODULE		"xt_pktstat"
#define PLUGIN		"libxt_pktstat.so"
#define DKMS_KEY	"/var/lib/dkms/mok.pub"

struct check {
	const char *root;	/* "" but in tests */
	char release[256];
	char proc[4096];
	char plugin[4096];	/* where libxt_pktstat.so was found */
	char module[4096];	/* the module's file, when not loaded */
};

static void __attribute__((format(printf, 4, 5)))
at_root(const struct check *c, char *path, size_t len, const char *fmt, ...)
{
	size_t n = (size_t)snprintf(path, len, "%s", c->root);
	va_list ap;

	va_start(ap, fmt);
	if (n < len)
		vsnprintf(path + n, len - n, fmt, ap);
	va_end(ap);
}

/* The text of a /sys attribute, or NULL when it cannot be read. */
static const char *read_attr(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");
	size_t n;

	if (!f)
		return NULL;
	n = fread(buf, 1, len - 1, f);
	fclose(f);
	buf[n] = '\0';
	return buf;
}

static int setup(struct check *c, const struct pk_opts *o)
{
	const char *release = getenv("PKTSTAT_CHECK_RELEASE");
	struct utsname u;

	c->root = getenv("PKTSTAT_CHECK_ROOT");
	if (!c->root)
		c->root = "";
	if (!release || !*release) {
		if (uname(&u))
			return pk_fail("uname: %s", strerror(errno));
		release = u.release;
	}
	snprintf(c->release, sizeof(c->release), "%s", release);
	if (o->proc && strcmp(o->proc, PK_PROC_DEFAULT))
		snprintf(c->proc, sizeof(c->proc), "%s", o->proc);
	else
		at_root(c, c->proc, sizeof(c->proc), "%s", PK_PROC_DEFAULT);
	return 0;
}

/* Where iptables looks for it: XTABLES_LIBDIR (colon-separated) when
 * set, as for iptables, else the directory it was built with. */
static int find_plugin(struct check *c)
{
	const char *env = getenv("XTABLES_LIBDIR");
	char dirs[4096];

	if (env && *env)
		snprintf(dirs, sizeof(dirs), "%s", env);
	else
		at_root(c, dirs, sizeof(dirs), "%s", PK_XTLIBDIR);
	if (pk_path_find(dirs, PLUGIN, R_OK, c->plugin, sizeof(c->plugin)) == 0)
		return 0;
	return pk_fail("the iptables plugin %s is not in %s: iptables would "
		       "refuse every -m pktstat rule (install it there: make "
		       "install-user)", PLUGIN, dirs);
}

static int loaded(const struct check *c)
{
	char path[4096];
	struct stat st;

	at_root(c, path, sizeof(path), "/sys/module/%s", MODULE);
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Why the caller cannot read a file of the module: who owns it. */
static int unreadable(const struct check *c, const char *path, int e)
{
	struct stat st;

	if (stat(path, &st) && stat(c->proc, &st))
		return pk_fail("%s: %s", path, strerror(e));
	return pk_fail("%s: permission denied (it belongs to uid %u gid %u, "
		       "mode %04o: run pktstat as root, or give its user access "
		       "with the %s module parameters proc_uid, proc_gid, "
		       "proc_perms)", path, (unsigned int)st.st_uid,
		       (unsigned int)st.st_gid, (unsigned int)(st.st_mode & 07777),
		       MODULE);
}

/* Its tags file, always there: readable when the objects' files are,
 * as all take proc_uid, proc_gid and proc_perms. */
static int readable(const struct check *c)
{
	char path[sizeof(c->proc) + 8];
	struct stat st;
	int fd, e;

	snprintf(path, sizeof(path), "%s/tags", c->proc);
	fd = open(path, O_RDONLY);
	if (fd >= 0) {
		close(fd);
		return 0;
	}
	e = errno;
	if (e == ENOENT && stat(c->proc, &st))
		return pk_fail("%s is loaded, but %s is missing", MODULE, c->proc);
	if (e == EACCES || e == EPERM)
		return unreadable(c, path, e);
	return pk_fail("%s: %s", path, strerror(e));
}

/* Where modules.dep puts the module, into c->module. */
static int find_module(struct check *c)
{
	char dep[4096], file[4096];
	struct stat st;
	int found;
	FILE *f;

	at_root(c, dep, sizeof(dep), "/lib/modules/%s/modules.dep", c->release);
	f = fopen(dep, "r");
	if (!f)
		return pk_fail("%s: %s (no modules installed for kernel %s?)",
			       dep, strerror(errno), c->release);
	found = pk_moddep_find(f, MODULE, file, sizeof(file)) == 0;
	fclose(f);
	if (!found)
		return pk_fail("%s is not built for kernel %s: install "
			       "linux-headers-%s so that DKMS builds it (or: "
			       "dkms autoinstall -k %s)", MODULE, c->release,
			       c->release, c->release);
	if (file[0] == '/')
		at_root(c, c->module, sizeof(c->module), "%s", file);
	else
		at_root(c, c->module, sizeof(c->module), "/lib/modules/%s/%s",
			c->release, file);
	if (stat(c->module, &st))
		return pk_fail("%s: %s, though modules.dep lists it (run "
			       "depmod -a %s)", c->module, strerror(errno),
			       c->release);
	return 0;
}

/* Whether the kernel refuses unsigned modules; why (for the message). */
static int sig_required(const struct check *c, char *why, size_t len)
{
	char path[4096], enforce[64], lockdown[256];
	const char *e, *l;

	at_root(c, path, sizeof(path), "/sys/module/module/parameters/sig_enforce");
	e = read_attr(path, enforce, sizeof(enforce));
	at_root(c, path, sizeof(path), "/sys/kernel/security/lockdown");
	l = read_attr(path, lockdown, sizeof(lockdown));
	return pk_sig_required(e, l, why, len);
}

/* An unsigned module under enforcement would fail in modprobe. A
 * compressed one is let through: telling would mean decompressing it. */
static int signature(const struct check *c)
{
	char why[64];
	int fd, s, e;

	if (!sig_required(c, why, sizeof(why)) || pk_mod_compressed(c->module))
		return 0;
	fd = open(c->module, O_RDONLY);
	if (fd < 0)
		return pk_fail("%s: %s", c->module, strerror(errno));
	s = pk_mod_signed(fd);
	e = errno;
	close(fd);
	if (s < 0)
		return pk_fail("%s: %s", c->module, strerror(e));
	if (s)
		return 0;
	return pk_fail("%s is not signed, and kernel %s loads only signed "
		       "modules (%s): build it with DKMS, which signs it, and "
		       "enroll DKMS's key in Secure Boot's MOK list once: "
		       "mokutil --import %s, then reboot", c->module, c->release,
		       why, DKMS_KEY);
}

/*
 * What to do about modprobe's message, when pktstat can tell. Under
 * enforced signatures, the kernel's refusal of a key it does not trust is
 * not always "Key was rejected": any failure there points at the key.
 */
static const char *modprobe_hint(const struct check *c, const char *msg)
{
	char why[64];

	if (strstr(msg, "Key was rejected by service") ||
	    strstr(msg, "Required key not available") ||
	    sig_required(c, why, sizeof(why)))
		return " (the kernel loads only modules signed with a key it "
		       "trusts, as under Secure Boot: enroll DKMS's key once, "
		       "mokutil --import " DKMS_KEY ", then reboot)";
	if (strstr(msg, "Operation not permitted"))
		return " (load it as root)";
	return "";
}

static int modprobe(const struct check *c)
{
	char msg[4096];

	if (pk_modprobe(MODULE, msg, sizeof(msg)))
		return pk_fail("modprobe %s failed: %s%s", MODULE, msg,
			       modprobe_hint(c, msg));
	return 0;
}

static void report(const struct check *c, int was_loaded, int by_modprobe)
{
	printf("%s: ", MODULE);
	if (was_loaded)
		printf("loaded for %s", c->release);
	else if (by_modprobe)
		printf("loaded for %s by modprobe", c->release);
	else
		printf("built for %s (%s; not loaded: iptables loads it on "
		       "first use)", c->release, c->module);
	printf(", plugin %s\n", c->plugin);
}

int cmd_check(const struct pk_opts *o)
{
	struct check c = { 0 };
	int was_loaded;

	if (setup(&c, o) || find_plugin(&c))
		return PK_EXIT_RUNTIME;
	was_loaded = loaded(&c);
	if (!was_loaded && (find_module(&c) || signature(&c)))
		return PK_EXIT_RUNTIME;
	if (!was_loaded && o->load && modprobe(&c))
		return PK_EXIT_RUNTIME;
	if ((was_loaded || o->load) && readable(&c))
		return PK_EXIT_RUNTIME;
	if (!o->quiet)
		report(&c, was_loaded, o->load);
	return PK_EXIT_OK;
}
