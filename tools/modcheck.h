/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Whether a kernel can load a module, from what its files say: where
 * modules.dep puts the module, whether the kernel only loads signed
 * modules, and whether a module file carries a signature. The parts of
 * pktstat check (cmd_check.c) that need no system to test.
 */
#ifndef PKTSTAT_MODCHECK_H
#define PKTSTAT_MODCHECK_H

#include <stddef.h>
#include <stdio.h>

/* What the kernel appends to a signed module, after the signature. */
#define PK_MOD_SIG_MARKER	"~Module signature appended~\n"

/*
 * The file modules.dep gives module name, as written there (relative to
 * /lib/modules/RELEASE, or absolute), into path: 0, or -1 when no line's
 * file is name.ko, .ko.xz, .ko.zst or .ko.gz ('-' and '_' alike, as for
 * modprobe) or it does not fit in len.
 */
int pk_moddep_find(FILE *dep, const char *name, char *path, size_t len);

/* Whether path names a compressed module (.ko.xz, .ko.zst, .ko.gz): its
 * signature cannot be seen without decompressing it. */
int pk_mod_compressed(const char *path);

/* 1 when the file ends with PK_MOD_SIG_MARKER, 0 when not, -1 when it
 * cannot be read (errno set). */
int pk_mod_signed(int fd);

/*
 * Whether the kernel refuses unsigned modules, from the text of
 * /sys/module/module/parameters/sig_enforce ("Y") and that of
 * /sys/kernel/security/lockdown ("none [integrity] confidentiality";
 * integrity and confidentiality refuse them), either NULL when missing.
 * 1 with why set ("module.sig_enforce", "lockdown=integrity, as under
 * Secure Boot"), else 0.
 */
int pk_sig_required(const char *sig_enforce, const char *lockdown,
		    char *why, size_t len);

#endif
