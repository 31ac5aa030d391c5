// SPDX-License-Identifier: GPL-2.0
/*
 * follow: a reader that keeps FILE open and reads it pass after pass, as
 * pktstat watch and the exporters do with NAME/stream, copying every byte
 * to stdout.
 *
 *   follow [--interval-ms MS] [--chunk BYTES] [--until PATH] [--stats] FILE
 *
 * A pass is read() until it returns 0; the next pass starts --interval-ms
 * later (default 20). --chunk sets the read() size (default 65536; 13
 * splits lines). Once PATH exists, one more pass is read, then it exits.
 * --stats prints "follow passes=N bytes=B cpu_us=U wall_us=W" on stderr at
 * the end: the CPU time the reader cost (user and system) over its life.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static unsigned long number(const char *s)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || *s == '-') {
		fprintf(stderr, "follow: bad number \"%s\"\n", s);
		exit(2);
	}
	return v;
}

static void write_all(const char *buf, size_t n)
{
	ssize_t w;

	while (n) {
		w = write(1, buf, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			perror("follow: write");
			exit(1);
		}
		buf += w;
		n -= (size_t)w;
	}
}

static unsigned long long total_bytes;

static unsigned long long usec(struct timeval tv)
{
	return (unsigned long long)tv.tv_sec * 1000000 + (unsigned long long)tv.tv_usec;
}

static unsigned long long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long long)ts.tv_sec * 1000000 + (unsigned long long)ts.tv_nsec / 1000;
}

static void print_stats(unsigned long passes, unsigned long long t0)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	fprintf(stderr, "follow passes=%lu bytes=%llu cpu_us=%llu wall_us=%llu\n",
		passes, total_bytes, usec(ru.ru_utime) + usec(ru.ru_stime),
		now_us() - t0);
}

/* One pass: read() until it returns 0. */
static void pass(int fd, char *buf, size_t chunk)
{
	ssize_t n;

	for (;;) {
		n = read(fd, buf, chunk);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			perror("follow: read");
			exit(1);
		}
		if (!n)
			return;
		total_bytes += (unsigned long long)n;
		write_all(buf, (size_t)n);
	}
}

int main(int argc, char **argv)
{
	unsigned long interval_ms = 20, chunk = 65536, passes = 0;
	unsigned long long t0 = now_us();
	int stats = 0;
	const char *until = NULL, *file = NULL;
	struct timespec ts;
	char *buf;
	int fd, i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--interval-ms") && i + 1 < argc)
			interval_ms = number(argv[++i]);
		else if (!strcmp(argv[i], "--chunk") && i + 1 < argc)
			chunk = number(argv[++i]);
		else if (!strcmp(argv[i], "--until") && i + 1 < argc)
			until = argv[++i];
		else if (!strcmp(argv[i], "--stats"))
			stats = 1;
		else if (argv[i][0] != '-' && !file)
			file = argv[i];
		else
			goto usage;
	}
	if (!file || !chunk)
		goto usage;
	buf = malloc(chunk);
	fd = open(file, O_RDONLY);
	if (!buf || fd < 0) {
		perror(file);
		return 1;
	}
	ts.tv_sec = (time_t)(interval_ms / 1000);
	ts.tv_nsec = (long)(interval_ms % 1000) * 1000000;
	for (;;) {
		int last = until && access(until, F_OK) == 0;

		pass(fd, buf, chunk);
		passes++;
		if (last || !until)
			break;
		nanosleep(&ts, NULL);
	}
	close(fd);
	free(buf);
	if (stats)
		print_stats(passes, t0);
	return 0;
usage:
	fprintf(stderr, "usage: follow [--interval-ms MS] [--chunk BYTES] [--until PATH] [--stats] FILE\n");
	return 2;
}
