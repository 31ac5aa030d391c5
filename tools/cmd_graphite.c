// SPDX-License-Identifier: GPL-2.0
/*
 * pktstat graphite HOST:PORT: sends the counters every --interval, one TCP
 * connection a send, so that a restarted carbon is picked up. Lines that
 * could not be sent wait for the next send, at most PK_GRAPHITE_QUEUE_MAX
 * bytes of them (the oldest are dropped beyond, and counted).
 */
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include "cli.h"
#include "follow.h"
#include "gwin.h"

/* connecting and each send; waiting for carbon to close after us */
#define GRAPHITE_TIMEOUT_MS	5000
#define GRAPHITE_CLOSE_WAIT_MS	1000
#define GRAPHITE_DEFAULT_INTERVAL_NS	60000000000ull

struct graphite_run {
	char host[256];
	const char *port;
	const char *prefix;
	struct pk_proc proc;
	struct pk_gqueue queue;
	struct pk_gwin gw;
};

static int split_host_port(const char *s, char *host, size_t len,
			   const char **port)
{
	const char *colon = strrchr(s, ':');
	size_t hlen;

	if (!colon || colon == s || !colon[1])
		return -1;
	hlen = (size_t)(colon - s);
	if (s[0] == '[' && hlen >= 2 && s[hlen - 1] == ']') {
		s++;
		hlen -= 2;
	}
	if (hlen >= len)
		return -1;
	snprintf(host, len, "%.*s", (int)hlen, s);
	*port = colon + 1;
	return 0;
}

static void set_timeout(int fd, int opt, int ms)
{
	struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };

	setsockopt(fd, SOL_SOCKET, opt, &tv, sizeof(tv));
}

/* 0 once connected, else the error (ETIMEDOUT after GRAPHITE_TIMEOUT_MS) */
static int wait_connected(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	int rc = poll(&p, 1, GRAPHITE_TIMEOUT_MS), e = 0;
	socklen_t len = sizeof(e);

	if (rc <= 0)
		return rc ? errno : ETIMEDOUT;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len))
		return errno;
	return e;
}

/* A blocking socket whose sends give up after GRAPHITE_TIMEOUT_MS. */
static int connect_within(const struct addrinfo *a)
{
	int fd = socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK,
			a->ai_protocol);
	int e = 0;

	if (fd < 0)
		return -1;
	if (connect(fd, a->ai_addr, a->ai_addrlen))
		e = errno == EINPROGRESS ? wait_connected(fd) : errno;
	if (e) {
		close(fd);
		errno = e;
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	set_timeout(fd, SO_SNDTIMEO, GRAPHITE_TIMEOUT_MS);
	set_timeout(fd, SO_RCVTIMEO, GRAPHITE_CLOSE_WAIT_MS);
	return fd;
}

static int connect_to(const struct graphite_run *r, struct pk_err *err)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
	struct addrinfo *ai, *a;
	int fd = -1, rc = getaddrinfo(r->host, r->port, &hints, &ai);

	if (rc) {
		pk_err_set(err, "%s:%s: %s", r->host, r->port, gai_strerror(rc));
		return -1;
	}
	for (a = ai; a && fd < 0; a = a->ai_next) {
		fd = connect_within(a);
		if (fd < 0)
			pk_err_set(err, "%s:%s: %s", r->host, r->port,
				   strerror(errno));
	}
	freeaddrinfo(ai);
	return fd;
}

static int send_all(int fd, const char *buf, size_t len)
{
	while (len) {
		ssize_t n = send(fd, buf, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			errno = ETIMEDOUT;
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

/* After our last line, carbon closes too: a reset instead means it went
 * away before reading everything. Silence is taken as success. */
static int finish(int fd)
{
	ssize_t n;
	char c;

	if (shutdown(fd, SHUT_WR))
		return -1;
	while ((n = recv(fd, &c, 1, 0)) > 0)
		;
	return n < 0 && (errno == ECONNRESET || errno == EPIPE) ? -1 : 0;
}

static int send_queue(struct graphite_run *r, struct pk_err *err)
{
	int fd = connect_to(r, err), rc;

	if (fd < 0)
		return -1;
	rc = send_all(fd, r->queue.buf, r->queue.len) || finish(fd) ? -1 : 0;
	if (rc)
		pk_err_set(err, "%s:%s: %s", r->host, r->port, strerror(errno));
	close(fd);
	return rc;
}

static int queue_snapshot(struct graphite_run *r, struct pk_err *err)
{
	struct pk_snapshot s;
	char *buf = NULL;
	size_t len = 0;
	FILE *out;

	if (pk_snapshot_take(&r->proc, &s, err))
		return -1;
	out = open_memstream(&buf, &len);
	pk_graphite_write(out, &s, r->prefix, s.real_ns / 1000000000ull);
	fclose(out);
	pk_snapshot_free(&s);
	pk_gqueue_add(&r->queue, buf, len);
	free(buf);
	return 0;
}

/* One send: this snapshot's lines after those still waiting. */
static int send_round(struct graphite_run *r)
{
	struct pk_err err;
	int rc = queue_snapshot(r, &err) ? pk_fail("%s", err.msg) : PK_EXIT_OK;

	if (r->queue.dropped)
		pk_fail("%llu oldest lines dropped: more than %u MiB waiting",
			(unsigned long long)r->queue.dropped,
			PK_GRAPHITE_QUEUE_MAX >> 20);
	r->queue.dropped = 0;
	if (!r->queue.len)
		return rc;
	if (send_queue(r, &err))
		return pk_fail("%s (%zu lines waiting)", err.msg,
			       pk_gqueue_lines(&r->queue));
	pk_gqueue_clear(&r->queue);
	return rc;
}

static uint64_t poll_run(void *arg)
{
	struct graphite_run *r = arg;

	return pk_gwin_poll(&r->gw, &r->proc);
}

int cmd_graphite(const struct pk_opts *o)
{
	struct graphite_run r = {
		.prefix = o->prefix ? o->prefix : "pktstat",
		.proc = { .dir = o->proc },
		.queue = { .max = PK_GRAPHITE_QUEUE_MAX },
	};
	uint64_t interval = o->interval_ns ? o->interval_ns :
			    GRAPHITE_DEFAULT_INTERVAL_NS;
	uint64_t next = pk_now_ns();
	int rc = PK_EXIT_OK;

	if (split_host_port(o->argv[0], r.host, sizeof(r.host), &r.port))
		return pk_usage_error("graphite: \"%s\": use HOST:PORT", o->argv[0]);
	if (pk_graphite_prefix_check(r.prefix))
		return pk_usage_error("graphite: --prefix \"%s\": use letters, digits, '_' and '-', with single dots between parts (e.g. net.fw1.pktstat)",
				      r.prefix);
	pk_gwin_init(&r.gw, r.prefix, interval, o->burst_threshold < 0 ?
		     PK_PB_THRESHOLD_BPS : o->burst_threshold, &r.queue);
	for (long i = 0; !o->count || i < o->count; i++) {
		if (i && pk_poll_until(poll_run, &r, next))
			break;
		poll_run(&r);
		rc = send_round(&r);
		for (next += interval; next < pk_now_ns(); next += interval)
			;
	}
	if (r.queue.len)
		rc = pk_fail("%zu lines not sent to %s:%s",
			     pk_gqueue_lines(&r.queue), r.host, r.port);
	pk_gwin_free(&r.gw);
	free(r.queue.buf);
	return rc;
}
