// SPDX-License-Identifier: GPL-2.0
/* pktstat graphite HOST:PORT: sends the counters every --interval, one
 * TCP connection a send, so that a restarted carbon is picked up. */
#include <errno.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "cli.h"
#include "graphite.h"

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

static int connect_to(const char *host, const char *port, struct pk_err *err)
{
	struct addrinfo hints = { .ai_socktype = SOCK_STREAM };
	struct addrinfo *ai, *a;
	int fd = -1, rc = getaddrinfo(host, port, &hints, &ai);

	if (rc) {
		pk_err_set(err, "%s:%s: %s", host, port, gai_strerror(rc));
		return -1;
	}
	for (a = ai; a && fd < 0; a = a->ai_next) {
		fd = socket(a->ai_family, a->ai_socktype, a->ai_protocol);
		if (fd >= 0 && connect(fd, a->ai_addr, a->ai_addrlen)) {
			pk_err_set(err, "%s:%s: %s", host, port, strerror(errno));
			close(fd);
			fd = -1;
		}
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
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static int send_once(const struct pk_opts *o, const char *host,
		     const char *port, struct pk_err *err)
{
	struct pk_proc p = { .dir = o->proc };
	struct pk_snapshot s;
	char *buf = NULL;
	size_t len = 0;
	FILE *out;
	int fd, rc;

	if (pk_snapshot_take(&p, &s, err))
		return -1;
	out = open_memstream(&buf, &len);
	pk_graphite_write(out, &s, o->prefix ? o->prefix : "pktstat",
			  s.real_ns / 1000000000ull);
	fclose(out);
	pk_snapshot_free(&s);
	fd = connect_to(host, port, err);
	rc = fd < 0 ? -1 : send_all(fd, buf, len);
	if (fd >= 0 && rc)
		pk_err_set(err, "%s:%s: %s", host, port, strerror(errno));
	if (fd >= 0)
		close(fd);
	free(buf);
	return rc;
}

int cmd_graphite(const struct pk_opts *o)
{
	char host[256];
	const char *port;
	uint64_t interval = o->interval_ns ? o->interval_ns : 60000000000ull;
	uint64_t next = pk_now_ns();
	struct pk_err err;
	int rc = PK_EXIT_OK;

	if (split_host_port(o->argv[0], host, sizeof(host), &port))
		return pk_usage_error("graphite: \"%s\": use HOST:PORT", o->argv[0]);
	for (long i = 0; !o->count || i < o->count; i++) {
		if (i && pk_sleep_until(next))
			break;
		rc = PK_EXIT_OK;
		if (send_once(o, host, port, &err))
			rc = pk_fail("%s", err.msg);
		next += interval;
	}
	return rc;
}
