/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checked writes to standard output. A write that fails is an error
 * ("pktstat: writing output: No space left on device", status 1), except
 * when the reader of a pipe went away (EPIPE, as in pktstat watch NAME |
 * head -1): the command then stops quietly with status 0, as on SIGINT.
 */
#ifndef PKTSTAT_OUTPUT_H
#define PKTSTAT_OUTPUT_H

/* Flushes stdout. PK_EXIT_OK, also once the reader went away (the command
 * is then asked to stop: pk_stopping()); PK_EXIT_RUNTIME, with a message
 * the first time, when what was written was not all delivered. */
int pk_out_check(void);
/* At exit: flushes and closes stdout; rc if it is an error, else the
 * status of the output. */
int pk_out_finish(int rc);
/* After printing what a read returned: pk_out_check(), then, if the read
 * failed, its message (PK_EXIT_RUNTIME). */
int pk_out_then(int failed, const char *msg);

#endif
