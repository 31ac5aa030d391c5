// SPDX-License-Identifier: GPL-2.0
/* Prometheus exposition of the objects' info and the tags. Counters end
 * in _total, periods are in seconds (exact, from the nanoseconds), sizes
 * in bytes. */
#include <errno.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "prom.h"

struct obj_metric {
	const char *name;
	const char *type;
	enum pk_info_key key;
	int ns;			/* nanoseconds, shown as seconds */
	const char *help;
};

static const struct obj_metric obj_metrics[] = {
	{ "pktstat_frames_total", "counter", PK_I_FRAMES, 0,
	  "Frames the object counted since it was created." },
	{ "pktstat_bytes_total", "counter", PK_I_BYTES, 0,
	  "Bytes the object counted since it was created." },
	{ "pktstat_read_frames_total", "counter", PK_I_READ_FRAMES, 0,
	  "Frames returned by reads of the object's data file." },
	{ "pktstat_read_bytes_total", "counter", PK_I_READ_BYTES, 0,
	  "Bytes returned by reads of the object's data file." },
	{ "pktstat_lost_buckets_total", "counter", PK_I_LOST_BUCKETS, 0,
	  "Buckets dropped because the reader fell behind." },
	{ "pktstat_lost_frames_total", "counter", PK_I_LOST_FRAMES, 0,
	  "Frames in dropped buckets." },
	{ "pktstat_lost_bytes_total", "counter", PK_I_LOST_BYTES, 0,
	  "Bytes in dropped buckets." },
	{ "pktstat_period_seconds", "gauge", PK_I_PERIOD_NS, 1,
	  "Length of one time bucket." },
	{ "pktstat_samples", "gauge", PK_I_SAMPLES, 0,
	  "Closed buckets kept for the reader." },
	{ "pktstat_rules", "gauge", PK_I_RULES, 0,
	  "Rules using the object." },
	{ "pktstat_created_timestamp_seconds", "gauge", PK_I_CREATED_NS, 1,
	  "When the object was created, in seconds since the Unix epoch." },
	{ "pktstat_memory_bytes", "gauge", PK_I_MEMORY_BYTES, 0,
	  "Bucket memory of the object." },
	{ "pktstat_addresses", "gauge", PK_I_ADDRESSES, 0,
	  "Entries of the object's address table in use." },
	{ "pktstat_max_addresses", "gauge", PK_I_MAX_ADDRESSES, 0,
	  "Entries the object's address table holds at most (--max-addresses)." },
};

/* In runs between the characters escaped: a byte at a time, the labels
 * of 10,000 objects took a third of an exposition's time. */
void pk_prom_label_value(FILE *out, const char *s)
{
	for (;;) {
		size_t n = strcspn(s, "\\\"\n");

		fwrite(s, 1, n, out);
		s += n;
		if (!*s)
			return;
		fputs(*s == '\n' ? "\\n" : *s == '"' ? "\\\"" : "\\\\", out);
		s++;
	}
}

void pk_prom_seconds(FILE *out, uint64_t ns)
{
	char frac[16];
	int len;

	fprintf(out, "%llu", (unsigned long long)(ns / 1000000000ull));
	if (ns % 1000000000ull == 0)
		return;
	len = snprintf(frac, sizeof(frac), "%09llu",
		       (unsigned long long)(ns % 1000000000ull));
	while (frac[len - 1] == '0')
		len--;
	fprintf(out, ".%.*s", len, frac);
}

static void print_value(FILE *out, uint64_t v, int ns)
{
	fputc(' ', out);
	if (ns)
		pk_prom_seconds(out, v);
	else
		fprintf(out, "%llu", (unsigned long long)v);
	fputc('\n', out);
}

static void object_metric(FILE *out, const struct pk_snapshot *s,
			  const struct obj_metric *m)
{
	fprintf(out, "# HELP %s %s\n# TYPE %s %s\n", m->name, m->help,
		m->name, m->type);
	for (size_t i = 0; i < s->nobj; i++) {
		const struct pk_info *info = &s->obj[i];

		if (!(info->have & (1u << m->key)))
			continue;
		fputs(m->name, out);
		fputs("{name=\"", out);
		pk_prom_label_value(out, info->name);
		fputs("\"}", out);
		print_value(out, info->v[m->key], m->ns);
	}
}

static void tag_labels(FILE *out, const struct pk_tag *t)
{
	fprintf(out, "{family=\"%s\",tag=\"", t->family);
	pk_prom_label_value(out, t->tag);
	fputs("\"", out);
}

static void tag_metrics(FILE *out, const struct pk_tags *tags)
{
	fputs("# HELP pktstat_tag_frames_total Frames counted by the rules with the tag.\n"
	      "# TYPE pktstat_tag_frames_total counter\n", out);
	for (size_t i = 0; i < tags->n; i++) {
		fputs("pktstat_tag_frames_total", out);
		tag_labels(out, &tags->t[i]);
		fprintf(out, "} %llu\n", (unsigned long long)tags->t[i].frames);
	}
	fputs("# HELP pktstat_tag_bytes_total Bytes counted by the rules with the tag.\n"
	      "# TYPE pktstat_tag_bytes_total counter\n", out);
	for (size_t i = 0; i < tags->n; i++) {
		fputs("pktstat_tag_bytes_total", out);
		tag_labels(out, &tags->t[i]);
		fprintf(out, "} %llu\n", (unsigned long long)tags->t[i].bytes);
	}
	fputs("# HELP pktstat_tag_info The description of a tag.\n"
	      "# TYPE pktstat_tag_info gauge\n", out);
	for (size_t i = 0; i < tags->n; i++) {
		fputs("pktstat_tag_info", out);
		tag_labels(out, &tags->t[i]);
		fputs(",description=\"", out);
		pk_prom_label_value(out, tags->t[i].desc);
		fputs("\"} 1\n", out);
	}
}

void pk_prom_write(FILE *out, const struct pk_snapshot *s)
{
	for (size_t i = 0; i < sizeof(obj_metrics) / sizeof(*obj_metrics); i++)
		object_metric(out, s, &obj_metrics[i]);
	tag_metrics(out, &s->tags);
}

static void burst_metrics(FILE *out, struct pk_pb *pb,
			  const struct pk_proc *p, const struct pk_snapshot *s)
{
	pthread_mutex_lock(&pb->lock);
	pk_pb_poll(pb, p, s);
	pk_pb_write(out, pb);
	pthread_mutex_unlock(&pb->lock);
}

static void address_metrics(FILE *out, struct pk_pa *pa,
			    const struct pk_proc *p, const struct pk_snapshot *s)
{
	pthread_mutex_lock(&pa->lock);
	pk_pa_write(out, pa, p, s);
	pthread_mutex_unlock(&pa->lock);
}

char *pk_prom_render(const char *proc_dir, struct pk_pb *pb, struct pk_pa *pa,
		     size_t *len, struct pk_err *err)
{
	struct pk_proc p = { .dir = proc_dir };
	struct pk_snapshot s;
	char *buf = NULL;
	FILE *out;

	if (pk_snapshot_take(&p, &s, err))
		return NULL;
	out = open_memstream(&buf, len);
	/* out is this call's alone: no lock taken by each of the ~100
	 * stdio calls an object's lines make */
	__fsetlocking(out, FSETLOCKING_BYCALLER);
	pk_prom_write(out, &s);
	if (pb)
		burst_metrics(out, pb, &p, &s);
	if (pa)
		address_metrics(out, pa, &p, &s);
	fclose(out);
	pk_snapshot_free(&s);
	return buf;
}

int pk_write_atomic(const char *path, const char *buf, size_t len,
		    struct pk_err *err)
{
	char tmp[4096];
	FILE *f;
	int ok;

	snprintf(tmp, sizeof(tmp), "%s.%ld.tmp", path, (long)getpid());
	f = fopen(tmp, "w");
	if (!f) {
		pk_err_set(err, "%s: %s", tmp, strerror(errno));
		return -1;
	}
	ok = fwrite(buf, 1, len, f) == len;
	ok = (fflush(f) == 0) && ok;
	ok = (fsync(fileno(f)) == 0) && ok;
	if (fclose(f) || !ok || rename(tmp, path)) {
		pk_err_set(err, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}
