// SPDX-License-Identifier: GPL-2.0
/* Per-address CSV files in go-nflog-acctd's layout (see acctcsv.h). */
#include <stdlib.h>
#include <time.h>
#include "acctcsv.h"
#include "addrdelta.h"

/* ns since the epoch in fmt (strftime's), local time. */
static void local_stamp(char *buf, size_t len, const char *fmt, uint64_t ns)
{
	time_t t = (time_t)(ns / 1000000000ull);
	struct tm tm;

	localtime_r(&t, &tm);
	if (!strftime(buf, len, fmt, &tm) && len)
		buf[0] = '\0';
}

void pk_acct_basename(char *buf, size_t len, uint64_t start_ns,
		      uint64_t end_ns)
{
	char a[32], b[32];

	local_stamp(a, sizeof(a), "%Y-%m-%d-%H%M%S", start_ns);
	local_stamp(b, sizeof(b), "%Y-%m-%d-%H%M%S", end_ns);
	snprintf(buf, len, "%s_%s", a, b);
}

/* go-nflog-acctd's order: bytes before packets, source before dest. */
static void row(FILE *out, const char *when, const char *ip,
		const struct pk_addr_counts *c)
{
	fprintf(out, "%s,%s,%llu,%llu,%llu,%llu\n", when, ip,
		(unsigned long long)c->src_bytes,
		(unsigned long long)c->src_frames,
		(unsigned long long)c->dst_bytes,
		(unsigned long long)c->dst_frames);
}

char *pk_acct_text(uint64_t start_ns, const struct pk_addrs *d, size_t *len)
{
	char when[32], ip[PK_ADDR_TEXT], *buf = NULL;
	FILE *out = open_memstream(&buf, len);

	if (!out)
		abort();
	local_stamp(when, sizeof(when), "%Y-%m-%d %H:%M:%S", start_ns);
	fputs(PK_ACCT_HEADER "\n", out);
	for (size_t i = 0; i < d->n; i++) {
		pk_addr_ip(&d->a[i], ip, sizeof(ip));
		row(out, when, ip, &d->a[i].c);
	}
	if (pk_addr_counts_any(&d->other))
		row(out, when, PK_ACCT_OTHER, &d->other);
	fclose(out);
	return buf;
}
