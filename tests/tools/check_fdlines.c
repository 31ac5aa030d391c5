// SPDX-License-Identifier: GPL-2.0
/* Lines read from a file descriptor pass after pass (fdlines.c). */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "fdlines.h"
#include "suites.h"

/* A file holding text, opened for reading at its start. */
static int file_of(const char *text, size_t len)
{
	char path[] = "/tmp/pktstat-check-XXXXXX";
	int fd = mkstemp(path);

	ck_assert_int_ge(fd, 0);
	unlink(path);
	ck_assert_int_eq(write(fd, text, len), (ssize_t)len);
	ck_assert_int_eq(lseek(fd, 0, SEEK_SET), 0);
	return fd;
}

/* The next line is want, complete or not. */
static void expect_line(struct pk_fdlines *r, const char *want, int complete)
{
	char *line;
	int c = -1;
	ssize_t len = pk_fdlines_next(r, &line, &c);

	ck_assert_int_eq(len, (ssize_t)strlen(want));
	ck_assert_str_eq(line, want);
	ck_assert_int_eq(c, complete);
}

static void expect_end(struct pk_fdlines *r)
{
	char *line;
	int c;

	ck_assert_int_eq(pk_fdlines_next(r, &line, &c), -1);
	ck_assert_int_eq(r->error, 0);
}

/* Empty lines are lines; a last line without '\n' is incomplete. */
START_TEST(lines_of_a_pass)
{
	static const char text[] = "# header\n\n1 2 3\nlast";
	int fd = file_of(text, strlen(text));
	struct pk_fdlines r;

	pk_fdlines_init(&r, fd);
	expect_line(&r, "# header", 1);
	expect_line(&r, "", 1);
	expect_line(&r, "1 2 3", 1);
	expect_line(&r, "last", 0);
	expect_end(&r);
	expect_end(&r);
	pk_fdlines_free(&r);
	close(fd);
}
END_TEST

/* A line longer than the buffer grows it; lines across read() calls (a
 * pipe written in pieces) come whole. */
START_TEST(long_lines_and_split_reads)
{
	enum { LONG = 100000 };
	char *big = malloc(LONG + 1);
	struct pk_fdlines r;
	int fds[2], status;
	pid_t pid;

	memset(big, 'x', LONG);
	big[LONG] = '\0';
	ck_assert_int_eq(pipe(fds), 0);
	pk_fdlines_init(&r, fds[0]);
	pid = fork();
	if (pid == 0) {
		close(fds[0]);
		for (size_t i = 0; i < LONG; i += 7000)
			if (write(fds[1], big + i, LONG - i < 7000 ? LONG - i : 7000) < 0)
				_exit(1);
		if (write(fds[1], "\nab", 3) < 0 || write(fds[1], "c\n", 2) < 0)
			_exit(1);
		_exit(0);
	}
	close(fds[1]);
	expect_line(&r, big, 1);
	expect_line(&r, "abc", 1);
	expect_end(&r);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_int_eq(status, 0);
	pk_fdlines_free(&r);
	close(fds[0]);
	free(big);
}
END_TEST

/* A pass ends where read() returns 0; what is added after is the next
 * pass, read by a reader of its own from where the descriptor is. */
START_TEST(next_pass_goes_on)
{
	static const char text[] = "a\nb\n";
	int fd = file_of(text, strlen(text));
	struct pk_fdlines r;

	pk_fdlines_init(&r, fd);
	expect_line(&r, "a", 1);
	expect_line(&r, "b", 1);
	expect_end(&r);
	pk_fdlines_free(&r);
	ck_assert_int_eq(write(fd, "c\n", 2), 2);
	ck_assert_int_eq(lseek(fd, -2, SEEK_CUR), 4);
	pk_fdlines_init(&r, fd);
	expect_line(&r, "c", 1);
	expect_end(&r);
	pk_fdlines_free(&r);
	close(fd);
}
END_TEST

/* A read that fails ends the pass, with its errno. */
START_TEST(read_error)
{
	int fd = open("/dev/null", O_WRONLY);	/* read(): EBADF */
	struct pk_fdlines r;
	char *line;
	int c;

	ck_assert_int_ge(fd, 0);
	pk_fdlines_init(&r, fd);
	ck_assert_int_eq(pk_fdlines_next(&r, &line, &c), -1);
	ck_assert_int_eq(r.error, EBADF);
	pk_fdlines_free(&r);
	close(fd);
}
END_TEST

static void on_signal(int sig)
{
	(void)sig;
}

struct late {
	pthread_t reader;
	int fd;
};

/* Interrupts the reader blocked in read(), then writes its line. */
static void *write_late(void *arg)
{
	const struct late *l = arg;
	struct timespec ms20 = { 0, 20000000 };

	nanosleep(&ms20, NULL);
	pthread_kill(l->reader, SIGUSR1);
	nanosleep(&ms20, NULL);
	if (write(l->fd, "late\n", 5) != 5)
		abort();
	close(l->fd);
	return NULL;
}

/* A signal without SA_RESTART (pktstat's SIGINT and SIGTERM) interrupts
 * read() with EINTR: read again, not an error. */
START_TEST(interrupted_read_is_retried)
{
	struct sigaction sa = { .sa_handler = on_signal }, old;
	struct pk_fdlines r;
	struct late l;
	pthread_t t;
	int fds[2];

	ck_assert_int_eq(sigaction(SIGUSR1, &sa, &old), 0);
	ck_assert_int_eq(pipe(fds), 0);
	l.reader = pthread_self();
	l.fd = fds[1];
	ck_assert_int_eq(pthread_create(&t, NULL, write_late, &l), 0);
	pk_fdlines_init(&r, fds[0]);
	expect_line(&r, "late", 1);
	expect_end(&r);
	pthread_join(t, NULL);
	pk_fdlines_free(&r);
	close(fds[0]);
	sigaction(SIGUSR1, &old, NULL);
}
END_TEST

Suite *fdlines_suite(void)
{
	Suite *s = suite_create("fdlines");
	TCase *tc = tcase_create("fdlines");

	tcase_add_test(tc, lines_of_a_pass);
	tcase_add_test(tc, long_lines_and_split_reads);
	tcase_add_test(tc, next_pass_goes_on);
	tcase_add_test(tc, read_error);
	tcase_add_test(tc, interrupted_read_is_retried);
	suite_add_tcase(s, tc);
	return s;
}
