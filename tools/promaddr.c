// SPDX-License-Identifier: GPL-2.0
/* The per-address metrics of pktstat prometheus (see promaddr.h). */
#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "addrsfs.h"
#include "prom.h"
#include "promaddr.h"

static void free_series(void *data)
{
	pk_aseries_free(data);
	free(data);
}

void pk_pa_init(struct pk_pa *pa, size_t max_series, const char *hosts)
{
	memset(pa, 0, sizeof(*pa));
	pa->max_series = max_series;
	pa->objs.free_data = free_series;
	pk_hostsfile_init(&pa->hosts, hosts);
	pthread_mutex_init(&pa->lock, NULL);
}

void pk_pa_free(struct pk_pa *pa)
{
	pk_ostates_free(&pa->objs);
	pk_hostsfile_free(&pa->hosts);
	pthread_mutex_destroy(&pa->lock);
}

/* o's choice; a new object, or one made anew, chooses afresh. */
static struct pk_aseries *series_of(const struct pk_pa *pa, struct pk_ostate *o)
{
	if (!o->data) {
		o->data = malloc(sizeof(struct pk_aseries));
		if (!o->data)
			abort();
		pk_aseries_init(o->data, pa->max_series);
	}
	return o->data;
}

/* One object's series for this scrape. */
struct exported {
	const char *name;	/* in the snapshot */
	struct pk_addrs t;	/* the chosen; other holds the rest */
	size_t folded;
};

/* Reads the table of listed into e; 0 when there is none to show. */
static int export_object(struct pk_pa *pa, const struct pk_proc *p,
			 const struct pk_info *listed, struct exported *e)
{
	struct pk_aseries *series;
	struct pk_ostate *o;
	struct pk_info info;
	struct pk_addrs t;
	struct pk_err err;

	if (pk_proc_addresses(p, listed->name, &info, &t, &err)) {
		pk_addrs_free(&t);
		o = pk_ostates_get(&pa->objs, listed);
		if (!o->failing++)
			fprintf(stderr, "pktstat: %s\n", err.msg);
		return 0;
	}
	o = pk_ostates_get(&pa->objs, &info);
	o->failing = 0;
	series = series_of(pa, o);
	pk_aseries_choose(series, &t);
	pk_aseries_split(series, &t, &e->t, &e->folded);
	e->name = listed->name;
	pk_addrs_free(&t);
	return 1;
}

static void refresh_hosts(struct pk_pa *pa)
{
	struct pk_err err;

	if (pk_hostsfile_refresh(&pa->hosts, &err) == 0)
		pa->hosts.failing = 0;
	else if (!pa->hosts.failing++)
		fprintf(stderr, "pktstat: %s (the names read before stay)\n",
			err.msg);
}

/* pktstat_address_DIR_UNIT_total: a column of the table. */
struct addr_metric {
	const char *dir, *unit;	/* "sent" or "received", "frames" or "bytes" */
	size_t off;		/* in struct pk_addr_counts */
};

static const struct addr_metric addr_metrics[] = {
	{ "sent", "frames", offsetof(struct pk_addr_counts, src_frames) },
	{ "sent", "bytes", offsetof(struct pk_addr_counts, src_bytes) },
	{ "received", "frames", offsetof(struct pk_addr_counts, dst_frames) },
	{ "received", "bytes", offsetof(struct pk_addr_counts, dst_bytes) },
};

static uint64_t value_of(const struct pk_addr_counts *c, size_t off)
{
	uint64_t v;

	memcpy(&v, (const char *)c + off, sizeof(v));
	return v;
}

/* The metric's HELP and TYPE; its name into name. */
static void header(FILE *out, const struct addr_metric *m, char *name,
		   size_t len)
{
	int sent = !strcmp(m->dir, "sent");

	snprintf(name, len, "pktstat_address_%s_%s_total", m->dir, m->unit);
	fprintf(out, "# HELP %s %c%s the address %s: rules with --by %s "
		"counted them under their %s.\n# TYPE %s counter\n", name,
		toupper((unsigned char)m->unit[0]), m->unit + 1, m->dir,
		sent ? "src" : "dst", sent ? "source" : "destination", name);
}

/* a NULL: the object's other. */
static void series(FILE *out, const struct pk_pa *pa, const char *metric,
		   const char *name, const struct pk_addr *a)
{
	char text[PK_ADDR_TEXT];
	const char *host = a ? pk_hosts_find(&pa->hosts.hosts, a) : NULL;

	fprintf(out, "%s{name=\"", metric);
	pk_prom_label_value(out, name);
	if (!a) {
		fputs("\",address=\"" PK_ADDRS_OTHER "\"} ", out);
		return;
	}
	pk_addr_text(a, text, sizeof(text));
	fprintf(out, "\",address=\"%s\",family=\"%s\"", text,
		pk_addr_family(a));
	if (host) {
		fputs(",hostname=\"", out);
		pk_prom_label_value(out, host);
		fputc('"', out);
	}
	fputs("} ", out);
}

static void counter(FILE *out, const struct pk_pa *pa,
		    const struct addr_metric *m, const struct exported *e,
		    size_t n)
{
	char metric[64];

	header(out, m, metric, sizeof(metric));
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < e[i].t.n; k++) {
			series(out, pa, metric, e[i].name, &e[i].t.a[k]);
			fprintf(out, "%llu\n", (unsigned long long)
				value_of(&e[i].t.a[k].c, m->off));
		}
		series(out, pa, metric, e[i].name, NULL);
		fprintf(out, "%llu\n",
			(unsigned long long)value_of(&e[i].t.other, m->off));
	}
}

static void folded(FILE *out, const struct exported *e, size_t n)
{
	fputs("# HELP pktstat_addresses_folded Addresses of the table counted "
	      "in address=\"other\", beyond --address-series.\n"
	      "# TYPE pktstat_addresses_folded gauge\n", out);
	for (size_t i = 0; i < n; i++) {
		fputs("pktstat_addresses_folded{name=\"", out);
		pk_prom_label_value(out, e[i].name);
		fprintf(out, "\"} %zu\n", e[i].folded);
	}
}

void pk_pa_write(FILE *out, struct pk_pa *pa, const struct pk_proc *p,
		 const struct pk_snapshot *s)
{
	struct exported *e = calloc(s->nobj ? s->nobj : 1, sizeof(*e));
	size_t n = 0;

	if (!e)
		abort();
	refresh_hosts(pa);
	pk_ostates_begin(&pa->objs);
	for (size_t i = 0; i < s->nobj; i++)
		if (pk_info_has_addresses(&s->obj[i]))
			n += (size_t)export_object(pa, p, &s->obj[i], &e[n]);
	pk_ostates_end(&pa->objs);
	for (size_t i = 0; i < sizeof(addr_metrics) / sizeof(*addr_metrics);
	     i++)
		counter(out, pa, &addr_metrics[i], e, n);
	folded(out, e, n);
	for (size_t i = 0; i < n; i++)
		pk_addrs_free(&e[i].t);
	free(e);
}
