// SPDX-License-Identifier: GPL-2.0
/* pktstat prometheus: --textfile for node_exporter, --listen for /metrics
 * served by libmicrohttpd. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include "cli.h"
#include "follow.h"
#include "pbfollow.h"
#include "prom.h"

#if MHD_VERSION < 0x00097002
typedef int MHD_RESULT;
#else
typedef enum MHD_Result MHD_RESULT;
#endif

static MHD_RESULT reply(struct MHD_Connection *c, unsigned int status,
			const char *type, char *body, size_t len)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(len, body,
						MHD_RESPMEM_MUST_FREE);
	MHD_RESULT ret;

	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
	ret = MHD_queue_response(c, status, r);
	MHD_destroy_response(r);
	return ret;
}

struct ctx {
	const char *proc;
	struct pk_pb *pb;
	struct pk_pa *pa;
};

static MHD_RESULT handle(void *cls, struct MHD_Connection *c, const char *url,
			 const char *method, const char *version,
			 const char *upload, size_t *upload_len, void **state)
{
	const struct ctx *x = cls;
	struct pk_err err;
	size_t len;
	char *body;

	(void)version; (void)upload; (void)upload_len; (void)state;
	if (strcmp(method, "GET") && strcmp(method, "HEAD"))
		return reply(c, MHD_HTTP_METHOD_NOT_ALLOWED, "text/plain",
			     strdup("GET only\n"), 9);
	if (!strcmp(url, "/"))
		return reply(c, MHD_HTTP_OK, "text/html",
			     strdup("<a href=\"/metrics\">/metrics</a>\n"), 32);
	if (strcmp(url, "/metrics"))
		return reply(c, MHD_HTTP_NOT_FOUND, "text/plain",
			     strdup("not found\n"), 10);
	body = pk_prom_render(x->proc, x->pb, x->pa, &len, &err);
	if (!body) {
		fprintf(stderr, "pktstat: %s\n", err.msg);
		len = strlen(err.msg);
		body = malloc(len + 2);
		memcpy(body, err.msg, len);
		body[len++] = '\n';
		return reply(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "text/plain",
			     body, len);
	}
	return reply(c, MHD_HTTP_OK, PK_PROM_CONTENT_TYPE, body, len);
}

/* Limits that keep /metrics reachable when clients misbehave: at most
 * HTTP_MAX_CONN connections are open, HTTP_MAX_PER_IP from any one
 * address; a connection idle for HTTP_TIMEOUT_S is closed, or for
 * HTTP_BUSY_TIMEOUT_S when it was opened with more than HTTP_BUSY
 * connections open. */
#define HTTP_TIMEOUT_S		10
#define HTTP_BUSY_TIMEOUT_S	1
#define HTTP_MAX_CONN		256
#define HTTP_BUSY		(HTTP_MAX_CONN / 4)
#define HTTP_MAX_PER_IP		16
#define HTTP_LOG_EVERY_NS	10000000000ull

/* Counted in the server's thread only. */
static unsigned int open_connections;

static void on_connection(void *cls, struct MHD_Connection *c, void **ctx,
			  enum MHD_ConnectionNotificationCode code)
{
	(void)cls; (void)ctx;
	if (code == MHD_CONNECTION_NOTIFY_CLOSED) {
		open_connections--;
		return;
	}
	if (++open_connections > HTTP_BUSY)
		MHD_set_connection_option(c, MHD_CONNECTION_OPTION_TIMEOUT,
					  (unsigned int)HTTP_BUSY_TIMEOUT_S);
}

/* libmicrohttpd's messages, at most one every HTTP_LOG_EVERY_NS: a flood
 * of refused connections must not flood the log. */
static void log_message(void *cls, const char *fmt, va_list ap)
{
	static uint64_t last;
	uint64_t now = pk_now_ns();

	(void)cls;
	if (last && now - last < HTTP_LOG_EVERY_NS)
		return;
	last = now;
	fputs("pktstat: ", stderr);
	vfprintf(stderr, fmt, ap);
}

/* "127.0.0.1:9100", "[::1]:9100"; ":9100" (every address) leaves ss
 * unset and *any set. */
static int parse_listen(const char *s, struct sockaddr_storage *ss, int *any,
			uint16_t *port)
{
	char host[256];
	const char *colon = strrchr(s, ':');
	struct addrinfo hints = { .ai_flags = AI_NUMERICHOST | AI_PASSIVE |
					      AI_NUMERICSERV,
				  .ai_socktype = SOCK_STREAM };
	struct addrinfo *ai;
	size_t hlen;

	if (!colon || !colon[1] || (size_t)(colon - s) >= sizeof(host))
		return -1;
	hlen = (size_t)(colon - s);
	if (hlen >= 2 && s[0] == '[' && s[hlen - 1] == ']')
		snprintf(host, sizeof(host), "%.*s", (int)hlen - 2, s + 1);
	else
		snprintf(host, sizeof(host), "%.*s", (int)hlen, s);
	if (getaddrinfo(host[0] ? host : NULL, colon + 1, &hints, &ai))
		return -1;
	memcpy(ss, ai->ai_addr, ai->ai_addrlen);
	freeaddrinfo(ai);
	*any = !host[0];
	*port = ntohs(ss->ss_family == AF_INET6 ?
		      ((struct sockaddr_in6 *)ss)->sin6_port :
		      ((struct sockaddr_in *)ss)->sin_port);
	return 0;
}

/* epoll (poll without it): no select() limit on descriptors. */
static unsigned int daemon_flags(void)
{
	unsigned int f = MHD_USE_ERROR_LOG;

	if (MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES)
		return f | MHD_USE_EPOLL_INTERNAL_THREAD;
	return f | MHD_USE_POLL_INTERNAL_THREAD;
}

static struct MHD_Daemon *start(unsigned int flags, uint16_t port,
				const struct sockaddr_storage *ss,
				const struct ctx *x)
{
	struct MHD_OptionItem addr[] = {
		{ ss ? MHD_OPTION_SOCK_ADDR : MHD_OPTION_END, 0, (void *)ss },
		{ MHD_OPTION_END, 0, NULL },
	};

	return MHD_start_daemon(flags, port, NULL, NULL, handle, (void *)x,
				MHD_OPTION_EXTERNAL_LOGGER, log_message, NULL,
				MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)HTTP_TIMEOUT_S,
				MHD_OPTION_CONNECTION_LIMIT, (unsigned int)HTTP_MAX_CONN,
				MHD_OPTION_PER_IP_CONNECTION_LIMIT,
				(unsigned int)HTTP_MAX_PER_IP,
				MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
				MHD_OPTION_ARRAY, addr, MHD_OPTION_END);
}

/* A kernel booted with ipv6.disable=1 has no IPv6 sockets. */
static int have_ipv6(void)
{
	int fd = socket(AF_INET6, SOCK_STREAM, 0);

	if (fd < 0)
		return 0;
	close(fd);
	return 1;
}

/* ":PORT" listens on IPv6 and IPv4 (IPv4 alone without IPv6). */
static struct MHD_Daemon *listen_on(const struct sockaddr_storage *ss, int any,
				    uint16_t port, const struct ctx *x)
{
	unsigned int flags = daemon_flags();

	if (any)
		return start(flags | (have_ipv6() ? MHD_USE_DUAL_STACK : 0),
			     port, NULL, x);
	return start(flags | (ss->ss_family == AF_INET6 ? MHD_USE_IPv6 : 0),
		     port, ss, x);
}

/* Reads the streams; the next poll's time. */
static uint64_t poll_streams(const char *proc, struct pk_pb *pb)
{
	struct pk_proc p = { .dir = proc };

	return pk_pb_follow(pb, &p);
}

static int serve(const struct pk_opts *o, struct pk_pb *pb, struct pk_pa *pa)
{
	const struct ctx x = { o->proc, pb, pa };
	struct sockaddr_storage ss;
	struct MHD_Daemon *d;
	uint16_t port;
	int any;

	if (parse_listen(o->listen, &ss, &any, &port))
		return pk_usage_error("--listen: \"%s\": use ADDR:PORT, e.g. 127.0.0.1:9811",
				      o->listen);
	d = listen_on(&ss, any, port, &x);
	if (!d)
		return pk_fail("cannot listen on %s (address in use, or not "
			       "a local address?)", o->listen);
	fprintf(stderr, "pktstat: serving http://%s/metrics\n", o->listen);
	while (pk_sleep_until(poll_streams(o->proc, pb)) == 0)
		;
	MHD_stop_daemon(d);
	return PK_EXIT_OK;
}

static int write_textfile(const struct pk_opts *o, const struct ctx *x)
{
	struct pk_err err;
	size_t len;
	char *buf = pk_prom_render(x->proc, x->pb, x->pa, &len, &err);
	int rc;

	if (!buf)
		return pk_fail("%s", err.msg);
	rc = pk_write_atomic(o->textfile, buf, len, &err);
	free(buf);
	return rc ? pk_fail("%s", err.msg) : PK_EXIT_OK;
}

static uint64_t poll_ctx(void *arg)
{
	const struct ctx *x = arg;

	return poll_streams(x->proc, x->pb);
}

static int textfile_loop(const struct pk_opts *o, struct pk_pb *pb,
			 struct pk_pa *pa)
{
	struct ctx x = { o->proc, pb, pa };
	uint64_t next = pk_now_ns();
	int rc = PK_EXIT_OK;

	for (long i = 0; !o->count || i < o->count; i++) {
		if (i && pk_poll_until(poll_ctx, &x, next))
			break;
		rc = write_textfile(o, &x);
		if (!o->interval_ns)
			break;
		next += o->interval_ns;
	}
	return rc;
}

static int run(const struct pk_opts *o, struct pk_pb *pb, struct pk_pa *pa)
{
	struct pk_err err;

	/* a --hosts file missing at the start is a typo; later, it may be
	 * between two versions, and the names read before stay */
	if (pk_hostsfile_refresh(&pa->hosts, &err))
		return pk_fail("%s", err.msg);
	if (o->listen)
		return serve(o, pb, pa);
	return textfile_loop(o, pb, pa);
}

int cmd_prometheus(const struct pk_opts *o)
{
	double rates[PK_PB_MAX_LE];
	size_t nrates = 0;
	struct pk_err err;
	struct pk_pb pb;
	struct pk_pa pa;
	int rc;

	if (!o->textfile == !o->listen)
		return pk_usage_error("prometheus: give either --textfile PATH or --listen ADDR:PORT");
	if (o->burst_rate && pk_pb_parse_rates(o->burst_rate, rates, &nrates, &err))
		return pk_usage_error("--burst-rate: %s", err.msg);
	pk_pb_init(&pb, rates, nrates, o->burst_threshold < 0 ?
		   PK_PB_THRESHOLD_BPS : o->burst_threshold);
	pk_pa_init(&pa, o->address_series < 0 ? PK_PA_SERIES :
		   (size_t)o->address_series, o->hosts);
	rc = run(o, &pb, &pa);
	pk_pa_free(&pa);
	pk_pb_free(&pb);
	return rc;
}
