// SPDX-License-Identifier: GPL-2.0
/*
 * sendpkts: send exactly N UDP datagrams of S payload bytes to ADDR PORT.
 *
 *   sendpkts [--count N] [--size S] [--cpu K] [--gap-us U] [--from SRC] ADDR PORT
 *
 * ADDR is IPv4 or IPv6; --from sends from that local address (same family). --count 0 sends until SIGTERM or SIGINT. Every sendto() must send the whole datagram, or the
 * program stops with status 1: the VM tests compare kernel counters with
 * the number printed here ("sent N"), so a silent drop would be a lie.
 * ENOBUFS/EAGAIN are retried (the datagram was not sent), and so is
 * ECONNREFUSED, which only reports an earlier ICMP port-unreachable.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/* SIGTERM/SIGINT end the sending between two datagrams, never in one. */
static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: sendpkts [--count N] [--size S] [--cpu K] [--gap-us U] [--from SRC] ADDR PORT\n");
	exit(2);
}

static unsigned long number(const char *s, unsigned long max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || *s == '-' || v > max) {
		fprintf(stderr, "sendpkts: bad number \"%s\"\n", s);
		exit(2);
	}
	return v;
}

static void pin(unsigned long cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set)) {
		perror("sendpkts: sched_setaffinity");
		exit(1);
	}
}

static void gap(unsigned long us)
{
	struct timespec ts = { us / 1000000, (long)(us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) && errno == EINTR && !stop)
		;
}

/* Fill *ss from ADDR PORT; returns its length. */
static socklen_t address(const char *addr, unsigned long port,
			 struct sockaddr_storage *ss)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

	memset(ss, 0, sizeof(*ss));
	if (inet_pton(AF_INET, addr, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((unsigned short)port);
		return sizeof(*sin);
	}
	if (inet_pton(AF_INET6, addr, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((unsigned short)port);
		return sizeof(*sin6);
	}
	fprintf(stderr, "sendpkts: bad address \"%s\"\n", addr);
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long count = 1, size = 64, gap_us = 0, cpu = 0, port, sent = 0;
	int pinned = 0, fd, i;
	const char *from = NULL;
	struct sockaddr_storage ss, src;
	socklen_t sslen;
	char *buf;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i += 2) {
		if (i + 1 >= argc)
			usage();
		if (!strcmp(argv[i], "--count"))
			count = number(argv[i + 1], 1UL << 40);
		else if (!strcmp(argv[i], "--size"))
			size = number(argv[i + 1], 65000);
		else if (!strcmp(argv[i], "--gap-us"))
			gap_us = number(argv[i + 1], 60000000);
		else if (!strcmp(argv[i], "--from"))
			from = argv[i + 1];
		else if (!strcmp(argv[i], "--cpu")) {
			cpu = number(argv[i + 1], CPU_SETSIZE - 1);
			pinned = 1;
		} else
			usage();
	}
	if (argc - i != 2)
		usage();
	port = number(argv[i + 1], 65535);
	sslen = address(argv[i], port, &ss);
	if (pinned)
		pin(cpu);

	buf = calloc(1, size ? size : 1);
	fd = socket(ss.ss_family, SOCK_DGRAM, 0);
	if (!buf || fd < 0) {
		perror("sendpkts: socket");
		return 1;
	}
	if (from && bind(fd, (struct sockaddr *)&src, address(from, 0, &src))) {
		perror("sendpkts: bind");
		return 1;
	}
	catch_signals();
	while ((count == 0 || sent < count) && !stop) {
		ssize_t n = sendto(fd, buf, size, 0, (struct sockaddr *)&ss, sslen);

		if (n < 0 && (errno == ENOBUFS || errno == EAGAIN ||
			      errno == EINTR || errno == ECONNREFUSED))
			continue;
		if (n != (ssize_t)size) {
			fprintf(stderr, "sendpkts: sendto after %lu: %s\n", sent,
				n < 0 ? strerror(errno) : "short send");
			printf("sent %lu\n", sent);
			return 1;
		}
		sent++;
		if (gap_us && (count == 0 || sent < count))
			gap(gap_us);
	}
	printf("sent %lu\n", sent);
	return 0;
}
