// SPDX-License-Identifier: GPL-2.0
/* The burst metrics of pktstat prometheus (see promburst.h). */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "follow.h"
#include "prom.h"
#include "promburst.h"
#include "sorted.h"

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static int rates_error(const char *s, struct pk_err *err)
{
	pk_err_set(err, "\"%s\": 1 to %d rates in bit/s, e.g. 1G,10G", s,
		   PK_PB_MAX_LE);
	return -1;
}

int pk_pb_parse_rates(const char *s, double *rates, size_t *n,
		      struct pk_err *err)
{
	char buf[1024], *save = NULL, *tok;

	*n = 0;
	if (strlen(s) >= sizeof(buf))
		return rates_error(s, err);
	snprintf(buf, sizeof(buf), "%s", s);
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (*n == PK_PB_MAX_LE || pk_parse_si(tok, &rates[*n]) ||
		    !(rates[*n] > 0))
			return rates_error(s, err);
		/* beyond, a bucket's bytes at the rate may not fit a u64 */
		if (rates[*n] > PK_PB_MAX_BPS) {
			pk_err_set(err, "\"%s\": %s is above the highest rate, "
				   "%g bit/s", s, tok, PK_PB_MAX_BPS);
			return -1;
		}
		(*n)++;
	}
	if (!*n)
		return rates_error(s, err);
	qsort(rates, *n, sizeof(*rates), cmp_double);
	return 0;
}

void pk_pb_init(struct pk_pb *pb, const double *rates, size_t nrates,
		double threshold)
{
	memset(pb, 0, sizeof(*pb));
	if (nrates)	/* rates may be NULL then: memcpy's arguments may not */
		memcpy(pb->rates, rates, nrates * sizeof(*rates));
	pb->nrates = nrates;
	pb->threshold = threshold;
	pthread_mutex_init(&pb->lock, NULL);
}

static void obj_free(const struct pk_pb *pb, struct pk_pb_obj *o)
{
	if (pb->drop)
		pb->drop(o, pb->ctx);
	if (o->st_open)
		pk_stream_close(&o->st);
	free(o);
}

void pk_pb_free(struct pk_pb *pb)
{
	for (size_t i = 0; i < pb->n; i++)
		obj_free(pb, pb->obj[i]);
	free(pb->obj);
	pthread_mutex_destroy(&pb->lock);
}

/* The bytes a bucket of period_ns holds at bps bit/s, rounded down: a
 * bucket of b bytes is at or below the rate when b <= that. Past a u64
 * the cast would be undefined; pk_pb_parse_rates() keeps rates below
 * that for the kernel's periods, but a malformed info may give a longer
 * one: every bucket is then at or below the rate. */
static uint64_t bucket_bytes(double bps, uint64_t period_ns)
{
	double b = floor(bps * (double)period_ns / 8e9);

	return b < 0x1p64 ? (uint64_t)b : UINT64_MAX;
}

/* Powers of 2 from PK_PB_MIN_LE to the first at or above the bytes of a
 * bucket at PK_PB_TOP_BPS; the largest PK_PB_MAX_LE of them. */
static void default_le(struct pk_pb_obj *o)
{
	uint64_t top = bucket_bytes(PK_PB_TOP_BPS, o->period_ns);
	uint64_t v = PK_PB_MIN_LE;
	size_t n = 1;

	for (; v < top && v < (1ull << 62); n++)
		v <<= 1;
	o->nle = n < PK_PB_MAX_LE ? n : PK_PB_MAX_LE;
	for (size_t i = o->nle; i-- > 0; v >>= 1)
		o->le[i] = v;
}

/* --burst-rate: boundaries that round to the same bytes are one. */
static void rate_le(struct pk_pb_obj *o, const struct pk_pb *pb)
{
	o->nle = 0;
	for (size_t i = 0; i < pb->nrates; i++) {
		uint64_t b = bucket_bytes(pb->rates[i], o->period_ns);

		if (!o->nle || b > o->le[o->nle - 1])
			o->le[o->nle++] = b;
	}
}

static struct pk_pb_obj *obj_new(const struct pk_pb *pb,
				 const struct pk_info *info)
{
	struct pk_pb_obj *o = calloc(1, sizeof(*o));

	if (!o)
		return NULL;
	snprintf(o->name, sizeof(o->name), "%s", info->name);
	o->created_ns = info->v[PK_I_CREATED_NS];
	o->period_ns = info->v[PK_I_PERIOD_NS];
	if (pb->nrates)
		rate_le(o, pb);
	else
		default_le(o);
	pk_burst_init(&o->burst, o->period_ns, PK_BITS, pb->threshold, 0);
	return o;
}

static int cmp_obj(const char *name, const void *elem)
{
	const struct pk_pb_obj *const *o = elem;

	return strcmp(name, (*o)->name);
}

/* Where name is in pb->obj, or would be inserted. */
static size_t obj_index(const struct pk_pb *pb, const char *name, int *found)
{
	return pk_sorted_find(pb->obj, pb->n, sizeof(*pb->obj), name, cmp_obj,
			      found);
}

struct pk_pb_obj *pk_pb_find(const struct pk_pb *pb, const char *name)
{
	int found;
	size_t i = obj_index(pb, name, &found);

	return found ? pb->obj[i] : NULL;
}

static void peak_add(struct pk_pb_obj *o, const struct pk_bucket *b)
{
	uint64_t sec = b->start_ns / 1000000000ull;
	size_t slot = sec % PK_PB_SECONDS;

	if (o->sec[slot] != sec + 1) {
		o->sec[slot] = sec + 1;
		o->sec_max[slot] = 0;
	}
	if (b->bytes > o->sec_max[slot])
		o->sec_max[slot] = b->bytes;
	if (sec > o->last_sec)
		o->last_sec = sec;
}

/* n buckets from b on: one, or an idle run taken whole. */
static void bucket_add(const struct pk_bucket *b, uint64_t n, void *ctx)
{
	struct pk_pb_obj *o = ctx;
	struct pk_bucket last = *b;
	struct pk_burst done;
	size_t i = 0;

	if (o->have_next && b->start_ns < o->next_ns)
		return;		/* read before (a stream file read again) */
	last.start_ns += (n - 1) * o->period_ns;
	o->have_next = 1;
	o->next_ns = last.start_ns + o->period_ns;
	while (i < o->nle && b->bytes > o->le[i])
		i++;
	o->in[i] += n;
	o->sum += b->bytes * n;
	o->count += n;
	peak_add(o, &last);	/* an idle second's slot holds nothing */
	pk_burst_feed_run(&o->burst, b, n, &done);
}

static int obj_read(const struct pk_pb *pb, struct pk_pb_obj *o,
		    const struct pk_proc *p, struct pk_err *err)
{
	struct pk_data d = { .keep_runs = 1 };
	int rc = 0;

	if (o->no_stream)
		return 0;
	if (!o->st_open) {
		if (pk_stream_open(&o->st, p, o->name, o->period_ns, err))
			return -1;
		o->st_open = 1;
	}
	if (o->st.draining) {	/* NAME/data only: not taken from others */
		o->no_stream = 1;
		return 0;
	}
	rc = pk_stream_read(&o->st, &d, err);
	pk_data_each(&d, bucket_add, o);
	o->lost += d.lost.buckets;
	if (pb->feed)
		pb->feed(o, &d, pb->ctx);
	pk_data_free(&d);
	if (rc) {
		pk_stream_close(&o->st);
		o->st_open = 0;
	}
	return rc;
}

/* An object's identity: a name given again after the object went away
 * makes another object, created later. */
static int same_object(const struct pk_pb_obj *o, const struct pk_info *info)
{
	return o->created_ns == info->v[PK_I_CREATED_NS] &&
	       o->period_ns == info->v[PK_I_PERIOD_NS];
}

/* Whether NAME/info still shows o: neither removed nor recreated. */
static int obj_listed(const struct pk_pb_obj *o, const struct pk_proc *p)
{
	struct pk_info info;

	return !pk_proc_info(p, o->name, &info, NULL) && same_object(o, &info);
}

/* One read of o's stream. A read that fails because o went away (removed,
 * or recreated: the file of the old one then reads EIO) is not an error
 * but asks for the object list at the next poll; another failure is
 * reported when it starts, not at every poll. */
static void obj_poll(struct pk_pb *pb, struct pk_pb_obj *o,
		     const struct pk_proc *p)
{
	struct pk_err err;

	if (!obj_read(pb, o, p, &err))
		o->failing = 0;
	else if (!obj_listed(o, p))
		pb->relist = 1;
	else if (!o->failing++)
		fprintf(stderr, "pktstat: %s\n", err.msg);
}

/* The object of info, new or recreated (another created_ns) when needed:
 * a recreated one takes the place of the old one, which is dropped (or,
 * out of memory, left unseen: dropped after the poll). */
static struct pk_pb_obj *obj_get(struct pk_pb *pb, const struct pk_info *info)
{
	int found;
	size_t i = obj_index(pb, info->name, &found);
	struct pk_pb_obj *o;

	if (found && same_object(pb->obj[i], info))
		return pb->obj[i];
	o = obj_new(pb, info);
	if (!o)
		return NULL;
	if (found) {
		obj_free(pb, pb->obj[i]);
		pb->obj[i] = o;
	} else if (pk_sorted_insert(&pb->obj, &pb->n, &pb->cap,
				    sizeof(*pb->obj), i, &o)) {
		obj_free(pb, o);
		return NULL;
	}
	return o;
}

static void drop_unseen(struct pk_pb *pb)
{
	size_t k = 0;

	for (size_t i = 0; i < pb->n; i++) {
		if (pb->obj[i]->seen)
			pb->obj[k++] = pb->obj[i];
		else
			obj_free(pb, pb->obj[i]);
	}
	pb->n = k;
}

void pk_pb_poll(struct pk_pb *pb, const struct pk_proc *p,
		const struct pk_snapshot *s)
{
	pb->relist = 0;
	for (size_t i = 0; i < pb->n; i++)
		pb->obj[i]->seen = 0;
	for (size_t i = 0; i < s->nobj; i++) {
		struct pk_pb_obj *o;

		if (!s->obj[i].v[PK_I_PERIOD_NS])
			continue;
		o = obj_get(pb, &s->obj[i]);
		if (!o)
			continue;
		o->seen = 1;
		obj_poll(pb, o, p);
	}
	drop_unseen(pb);
	pb->listed_ns = s->when_ns;
	pb->interval_ns = pk_pb_interval(s);
}

void pk_pb_read(struct pk_pb *pb, const struct pk_proc *p)
{
	for (size_t i = 0; i < pb->n; i++)
		obj_poll(pb, pb->obj[i], p);
}

uint64_t pk_pb_interval(const struct pk_snapshot *s)
{
	uint64_t ring = UINT64_MAX;

	for (size_t i = 0; i < s->nobj; i++)
		if (s->obj[i].v[PK_I_PERIOD_NS] && pk_ring_ns(&s->obj[i]) < ring)
			ring = pk_ring_ns(&s->obj[i]);
	ring /= 4;
	return ring < PK_FOLLOW_MIN_NS ? PK_FOLLOW_MIN_NS :
	       ring > PK_FOLLOW_MAX_NS ? PK_FOLLOW_MAX_NS : ring;
}

/* The shortest of %.15g and %.17g that reads back as v. */
static void print_double(FILE *out, double v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, sizeof(buf), "%.17g", v);
	fprintf(out, "%s\n", buf);
}

static void labels(FILE *out, const char *metric, const struct pk_pb_obj *o)
{
	fputs(metric, out);	/* not fprintf(): some 40 lines an object */
	fputs("{name=\"", out);
	pk_prom_label_value(out, o->name);
	fputc('"', out);
}

static void histogram(FILE *out, const struct pk_pb_obj *o)
{
	uint64_t cum = 0;

	for (size_t i = 0; i <= o->nle; i++) {
		cum += o->in[i];
		labels(out, "pktstat_bucket_bytes_bucket", o);
		if (i < o->nle)
			fprintf(out, ",le=\"%llu\"} %llu\n",
				(unsigned long long)o->le[i],
				(unsigned long long)cum);
		else
			fprintf(out, ",le=\"+Inf\"} %llu\n",
				(unsigned long long)cum);
	}
	labels(out, "pktstat_bucket_bytes_sum", o);
	fprintf(out, "} %llu\n", (unsigned long long)o->sum);
	labels(out, "pktstat_bucket_bytes_count", o);
	fprintf(out, "} %llu\n", (unsigned long long)o->count);
}

/* The busiest bucket starting in the last `seconds` seconds of bucket
 * time (the latest bucket's second and those before it), in bytes/s. */
static double peak(const struct pk_pb_obj *o, uint64_t seconds)
{
	uint64_t max = 0;

	for (size_t i = 0; i < PK_PB_SECONDS; i++)
		if (o->sec[i] && o->sec[i] - 1 + seconds > o->last_sec &&
		    o->sec_max[i] > max)
			max = o->sec_max[i];
	return (double)max * 1e9 / (double)o->period_ns;
}

static void peaks(FILE *out, const struct pk_pb_obj *o)
{
	static const unsigned int windows[] = { 10, PK_PB_SECONDS };

	for (size_t i = 0; i < 2; i++) {
		labels(out, "pktstat_peak_bucket_bytes_per_second", o);
		fprintf(out, ",window=\"%us\"} ", windows[i]);
		print_double(out, peak(o, windows[i]));
	}
}

static uint64_t above(const struct pk_pb_obj *o)
{
	return o->burst.above_total;
}

/* A burst counts from its first bucket. */
static uint64_t bursts(const struct pk_pb_obj *o)
{
	return o->burst.bursts_total + (uint64_t)o->burst.open;
}

static uint64_t lost(const struct pk_pb_obj *o)
{
	return o->lost;
}

static void counter(FILE *out, struct pk_pb *pb, const char *metric,
		    const char *help, uint64_t (*value)(const struct pk_pb_obj *))
{
	fprintf(out, "# HELP %s %s\n# TYPE %s counter\n", metric, help,
		metric);
	for (size_t i = 0; i < pb->n; i++) {
		if (pb->obj[i]->no_stream)
			continue;
		labels(out, metric, pb->obj[i]);
		fprintf(out, "} %llu\n", (unsigned long long)value(pb->obj[i]));
	}
}

/* fn for each followed object. */
static void each(FILE *out, struct pk_pb *pb,
		 void (*fn)(FILE *, const struct pk_pb_obj *))
{
	for (size_t i = 0; i < pb->n; i++)
		if (!pb->obj[i]->no_stream)
			fn(out, pb->obj[i]);
}

void pk_pb_write(FILE *out, struct pk_pb *pb)
{
	fputs("# HELP pktstat_bucket_bytes Bytes per time bucket, of the "
	      "buckets the exporter read.\n"
	      "# TYPE pktstat_bucket_bytes histogram\n", out);
	each(out, pb, histogram);
	fputs("# HELP pktstat_peak_bucket_bytes_per_second The busiest "
	      "bucket's rate over the window, in bucket time.\n"
	      "# TYPE pktstat_peak_bucket_bytes_per_second gauge\n", out);
	each(out, pb, peaks);
	counter(out, pb, "pktstat_buckets_above_threshold_total",
		"Buckets read with a rate above --burst-threshold.", above);
	counter(out, pb, "pktstat_bursts_total",
		"Runs of consecutive buckets above --burst-threshold.", bursts);
	counter(out, pb, "pktstat_lost_buckets_seen_total",
		"Buckets the exporter's own reader lost.", lost);
}
