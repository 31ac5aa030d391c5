// SPDX-License-Identifier: GPL-2.0
/* Running another program, bounded in time (tools/runprog.c). */
#include <string.h>
#include <unistd.h>
#include "runprog.h"
#include "suites.h"

/* Runs /bin/sh -c script; its output (first bytes) into out. */
static int run_sh(const char *script, unsigned int timeout_s,
		  struct pk_child *c, struct pk_err *err, char *out,
		  size_t len)
{
	char *argv[] = { "sh", "-c", (char *)script, NULL };
	ssize_t n;

	ck_assert_int_eq(pk_child_start(c, "/bin/sh", argv, 1, timeout_s, err), 0);
	n = read(c->fd, out, len - 1);
	out[n > 0 ? n : 0] = '\0';
	return pk_child_wait(c, err);
}

START_TEST(exit_zero)
{
	struct pk_child c;
	struct pk_err err;
	char out[64];

	ck_assert_int_eq(run_sh("echo hello; echo oops >&2", 5, &c, &err, out, sizeof(out)), 0);
	ck_assert_msg(strstr(out, "hello") != NULL, "out: %s", out);
	ck_assert_int_eq(c.timed_out, 0);
	ck_assert_int_eq(c.fd, -1);
}
END_TEST

START_TEST(exit_status)
{
	struct pk_child c;
	struct pk_err err;
	char out[64];

	ck_assert_int_eq(run_sh("exit 3", 5, &c, &err, out, sizeof(out)), -1);
	ck_assert_str_eq(err.msg, "sh exited with status 3");
	ck_assert_int_eq(run_sh("kill -USR1 $$", 5, &c, &err, out, sizeof(out)), -1);
	ck_assert_str_eq(err.msg, "sh was killed by signal 10");
	ck_assert_int_eq(c.timed_out, 0);
}
END_TEST

/* A program that hangs is ended by the bound, and said to be. */
START_TEST(bounded)
{
	struct pk_child c;
	struct pk_err err;
	char out[64];

	ck_assert_int_eq(run_sh("exec sleep 30", 1, &c, &err, out, sizeof(out)), -1);
	ck_assert_int_eq(c.timed_out, 1);
	ck_assert_str_eq(err.msg, "sh took more than 1 s");
}
END_TEST

/* More output than is read: the rest is read away, no deadlock. */
START_TEST(unread_output)
{
	struct pk_child c;
	struct pk_err err;
	char out[16];

	ck_assert_int_eq(run_sh("head -c 1000000 /dev/zero", 10, &c, &err, out, sizeof(out)), 0);
}
END_TEST

START_TEST(missing_program)
{
	char *argv[] = { "absent", NULL };
	struct pk_child c;
	struct pk_err err;

	ck_assert_int_eq(pk_child_start(&c, "/nonexistent/absent", argv, 1, 5, &err), 0);
	ck_assert_int_eq(pk_child_wait(&c, &err), -1);
	ck_assert_str_eq(err.msg, "absent exited with status 127");
}
END_TEST

Suite *runprog_suite(void)
{
	Suite *s = suite_create("runprog");
	TCase *tc = tcase_create("runprog");

	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, exit_zero);
	tcase_add_test(tc, exit_status);
	tcase_add_test(tc, bounded);
	tcase_add_test(tc, unread_output);
	tcase_add_test(tc, missing_program);
	suite_add_tcase(s, tc);
	return s;
}
