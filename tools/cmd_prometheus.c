// SPDX-License-Identifier: GPL-2.0
/* pktstat prometheus: --textfile for node_exporter, --listen for /metrics
 * served by libmicrohttpd. */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <stdlib.h>
#include <string.h>
#include "cli.h"
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

static MHD_RESULT handle(void *cls, struct MHD_Connection *c, const char *url,
			 const char *method, const char *version,
			 const char *upload, size_t *upload_len, void **state)
{
	const char *proc = cls;
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
	body = pk_prom_render(proc, &len, &err);
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

/* "127.0.0.1:9100", "[::1]:9100", ":9100" (every address) */
static int parse_listen(const char *s, struct sockaddr_storage *ss)
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
	return 0;
}

static int serve(const struct pk_opts *o)
{
	struct sockaddr_storage ss;
	struct MHD_Daemon *d;
	unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
	uint16_t port;

	if (parse_listen(o->listen, &ss))
		return pk_usage_error("--listen: \"%s\": use ADDR:PORT, e.g. 127.0.0.1:9811",
				      o->listen);
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	port = ntohs(ss.ss_family == AF_INET6 ?
		     ((struct sockaddr_in6 *)&ss)->sin6_port :
		     ((struct sockaddr_in *)&ss)->sin_port);
	d = MHD_start_daemon(flags, port, NULL, NULL, handle, (void *)o->proc,
			     MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
			     MHD_OPTION_END);
	if (!d)
		return pk_fail("cannot listen on %s (address in use, or not "
			       "a local address?)", o->listen);
	fprintf(stderr, "pktstat: serving http://%s/metrics\n", o->listen);
	while (pk_sleep_until(pk_now_ns() + 1000000000ull) == 0)
		;
	MHD_stop_daemon(d);
	return PK_EXIT_OK;
}

static int write_textfile(const struct pk_opts *o)
{
	struct pk_err err;
	size_t len;
	char *buf = pk_prom_render(o->proc, &len, &err);
	int rc;

	if (!buf)
		return pk_fail("%s", err.msg);
	rc = pk_write_atomic(o->textfile, buf, len, &err);
	free(buf);
	return rc ? pk_fail("%s", err.msg) : PK_EXIT_OK;
}

static int textfile_loop(const struct pk_opts *o)
{
	uint64_t next = pk_now_ns();
	int rc = PK_EXIT_OK;

	for (long i = 0; !o->count || i < o->count; i++) {
		if (i && pk_sleep_until(next))
			break;
		rc = write_textfile(o);
		if (!o->interval_ns)
			break;
		next += o->interval_ns;
	}
	return rc;
}

int cmd_prometheus(const struct pk_opts *o)
{
	if (!o->textfile == !o->listen)
		return pk_usage_error("prometheus: give either --textfile PATH or --listen ADDR:PORT");
	if (o->listen)
		return serve(o);
	return textfile_loop(o);
}
