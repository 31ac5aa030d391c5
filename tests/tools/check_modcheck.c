// SPDX-License-Identifier: GPL-2.0
/* pktstat check's pure parts: modules.dep, signatures, the kernel's
 * enforcement (modcheck.c), and searching directory lists (pathfind.c). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "modcheck.h"
#include "pathfind.h"
#include "suites.h"

/* pk_moddep_find() on text; the path found, or NULL. */
static const char *dep_find(const char *text, const char *name)
{
	static char path[256];
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int rc = pk_moddep_find(f, name, path, sizeof(path));

	fclose(f);
	return rc ? NULL : path;
}

static const char dep[] =
	"kernel/net/netfilter/x_tables.ko.xz:\n"
	"kernel/net/netfilter/xt_pktstat2.ko: kernel/net/netfilter/x_tables.ko.xz\n"
	"kernel/net/netfilter/xt_pktsta.ko:\n"
	"updates/xt_pktstat.ko.old/other.ko:\n"
	"no colon on this line xt_pktstat.ko\n"
	"updates/dkms/xt_pktstat.ko.xz: kernel/net/netfilter/x_tables.ko.xz\n"
	"extra/xt_pktstat.ko:\n";

/* The first line whose file is the module's, whatever follows it. */
START_TEST(moddep_lines)
{
	ck_assert_str_eq(dep_find(dep, "xt_pktstat"), "updates/dkms/xt_pktstat.ko.xz");
	ck_assert_str_eq(dep_find(dep, "x_tables"), "kernel/net/netfilter/x_tables.ko.xz");
	ck_assert_str_eq(dep_find(dep, "other"), "updates/xt_pktstat.ko.old/other.ko");
	ck_assert_ptr_null(dep_find(dep, "xt_pktst"));
	ck_assert_ptr_null(dep_find(dep, "pktstat"));
	ck_assert_ptr_null(dep_find("", "xt_pktstat"));
}
END_TEST

/* Every suffix depmod writes; none other; absolute paths as they are. */
START_TEST(moddep_suffixes)
{
	static const char *const found[] = {
		"m/xt_pktstat.ko", "m/xt_pktstat.ko.xz", "m/xt_pktstat.ko.zst",
		"m/xt_pktstat.ko.gz", "/lib/modules/6.1.0-28-amd64/xt_pktstat.ko",
		"xt_pktstat.ko",
	};
	static const char *const not_found[] = {
		"m/xt_pktstat.ko.bz2", "m/xt_pktstat.o", "m/xt_pktstat",
		"m/xt_pktstat.kox", "m/xt_pktstat.ko.xz.bak",
	};
	char line[128];

	for (size_t i = 0; i < sizeof(found) / sizeof(*found); i++) {
		snprintf(line, sizeof(line), "%s: a.ko\n", found[i]);
		ck_assert_str_eq(dep_find(line, "xt_pktstat"), found[i]);
	}
	for (size_t i = 0; i < sizeof(not_found) / sizeof(*not_found); i++) {
		snprintf(line, sizeof(line), "%s:\n", not_found[i]);
		ck_assert_ptr_null(dep_find(line, "xt_pktstat"));
	}
}
END_TEST

/* modprobe takes '-' and '_' alike; a path that does not fit is none. */
START_TEST(moddep_names)
{
	char small[8];
	FILE *f;

	ck_assert_str_eq(dep_find("m/xt-pktstat.ko:\n", "xt_pktstat"), "m/xt-pktstat.ko");
	ck_assert_str_eq(dep_find("m/xt_pktstat.ko:\n", "xt-pktstat"), "m/xt_pktstat.ko");
	ck_assert_ptr_null(dep_find("m/xt.pktstat.ko:\n", "xt_pktstat"));
	f = fmemopen((void *)dep, strlen(dep), "r");
	ck_assert_int_eq(pk_moddep_find(f, "xt_pktstat", small, sizeof(small)), -1);
	fclose(f);
}
END_TEST

START_TEST(mod_compressed)
{
	ck_assert(pk_mod_compressed("/lib/modules/r/updates/dkms/xt_pktstat.ko.xz"));
	ck_assert(pk_mod_compressed("xt_pktstat.ko.zst"));
	ck_assert(pk_mod_compressed("xt_pktstat.ko.gz"));
	ck_assert(!pk_mod_compressed("xt_pktstat.ko"));
	ck_assert(!pk_mod_compressed("xz"));
	ck_assert(!pk_mod_compressed(""));
}
END_TEST

/* pk_mod_signed() on a file of these bytes. */
static int signed_bytes(const char *bytes, size_t len)
{
	FILE *f = tmpfile();
	int rc;

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(bytes, 1, len, f), len);
	fflush(f);
	rc = pk_mod_signed(fileno(f));
	fclose(f);
	return rc;
}

START_TEST(mod_signature)
{
	const char *marker = PK_MOD_SIG_MARKER;
	char buf[256];

	snprintf(buf, sizeof(buf), "\177ELF...signature bytes%s", marker);
	ck_assert_int_eq(signed_bytes(buf, strlen(buf)), 1);
	ck_assert_int_eq(signed_bytes(marker, strlen(marker)), 1);
	/* the marker without its newline, or not at the end */
	ck_assert_int_eq(signed_bytes(marker, strlen(marker) - 1), 0);
	snprintf(buf, sizeof(buf), "%sx", marker);
	ck_assert_int_eq(signed_bytes(buf, strlen(buf)), 0);
	ck_assert_int_eq(signed_bytes("\177ELF", 4), 0);
	ck_assert_int_eq(signed_bytes("", 0), 0);
	ck_assert_int_eq(pk_mod_signed(-1), -1);
}
END_TEST

START_TEST(sig_enforce)
{
	char why[64] = "";

	ck_assert_int_eq(pk_sig_required("Y\n", NULL, why, sizeof(why)), 1);
	ck_assert_str_eq(why, "module.sig_enforce");
	ck_assert_int_eq(pk_sig_required("Y\n", "[none] integrity confidentiality\n",
					 why, sizeof(why)), 1);
	ck_assert_int_eq(pk_sig_required("N\n", NULL, why, sizeof(why)), 0);
	ck_assert_int_eq(pk_sig_required("", NULL, why, sizeof(why)), 0);
	ck_assert_int_eq(pk_sig_required(NULL, NULL, why, sizeof(why)), 0);
}
END_TEST

/* The mode in brackets is the one in force. */
START_TEST(lockdown)
{
	char why[64] = "";

	ck_assert_int_eq(pk_sig_required("N\n", "none [integrity] confidentiality\n",
					 why, sizeof(why)), 1);
	ck_assert_str_eq(why, "lockdown=integrity, as under Secure Boot");
	ck_assert_int_eq(pk_sig_required(NULL, "none integrity [confidentiality]\n",
					 why, sizeof(why)), 1);
	ck_assert_str_eq(why, "lockdown=confidentiality, as under Secure Boot");
	ck_assert_int_eq(pk_sig_required("N\n", "[none] integrity confidentiality\n",
					 why, sizeof(why)), 0);
	ck_assert_int_eq(pk_sig_required(NULL, "none integrity confidentiality\n",
					 why, sizeof(why)), 0);
	ck_assert_int_eq(pk_sig_required(NULL, "none [integrity", why, sizeof(why)), 0);
	ck_assert_int_eq(pk_sig_required(NULL, "", why, sizeof(why)), 0);
}
END_TEST

/* A file in a fresh directory; returns the directory. */
static char *dir_with(const char *name, mode_t mode)
{
	char tmpl[] = "/tmp/pktstat-pathfind-XXXXXX";
	char *dir = mkdtemp(tmpl), path[128];
	FILE *f;

	ck_assert_ptr_nonnull(dir);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fclose(f);
	chmod(path, mode);
	return strdup(dir);
}

static void remove_dir(char *dir, const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
	rmdir(dir);
	free(dir);
}

START_TEST(path_find)
{
	char *a = dir_with("modprobe", 0644), *b = dir_with("modprobe", 0755);
	char dirs[512], path[256], want[256];

	/* the first that access() allows: a's is no program; empty entries
	 * (the current directory in PATH) are skipped */
	snprintf(dirs, sizeof(dirs), "::/nonexistent:%s:%s", a, b);
	ck_assert_int_eq(pk_path_find(dirs, "modprobe", R_OK, path, sizeof(path)), 0);
	snprintf(want, sizeof(want), "%s/modprobe", a);
	ck_assert_str_eq(path, want);
	/* even for root, X_OK wants an x bit */
	ck_assert_int_eq(pk_path_find(dirs, "modprobe", X_OK, path, sizeof(path)), 0);
	snprintf(want, sizeof(want), "%s/modprobe", b);
	ck_assert_str_eq(path, want);
	ck_assert_int_eq(pk_path_find(dirs, "other", R_OK, path, sizeof(path)), -1);
	ck_assert_int_eq(pk_path_find("", "modprobe", R_OK, path, sizeof(path)), -1);
	ck_assert_int_eq(pk_path_find(NULL, "modprobe", R_OK, path, sizeof(path)), -1);
	/* a path that does not fit is not taken */
	ck_assert_int_eq(pk_path_find(a, "modprobe", R_OK, path, 8), -1);
	remove_dir(a, "modprobe");
	remove_dir(b, "modprobe");
}
END_TEST

Suite *modcheck_suite(void)
{
	Suite *s = suite_create("modcheck");
	TCase *tc = tcase_create("modcheck");

	tcase_add_test(tc, moddep_lines);
	tcase_add_test(tc, moddep_suffixes);
	tcase_add_test(tc, moddep_names);
	tcase_add_test(tc, mod_compressed);
	tcase_add_test(tc, mod_signature);
	tcase_add_test(tc, sig_enforce);
	tcase_add_test(tc, lockdown);
	tcase_add_test(tc, path_find);
	suite_add_tcase(s, tc);
	return s;
}
