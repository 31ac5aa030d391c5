// SPDX-License-Identifier: GPL-2.0
/*
 * The reader's side (kernel/pktstat_cursor.c, as the kernel compiles it)
 * against a model of the writers: CPUs with skewed clocks count random
 * packets with idle gaps into their rings (kernel/pktstat_bucket.h), while
 * several readers, some slow, some closing files mid-line, follow them.
 * Bucket numbers near 0 and a wall clock behind the boot clock included.
 *
 * After every step, per reader: before + read + lost never exceeds what was
 * counted, and no counter wraps; records come in order, each exactly where
 * the previous one (and the lost buckets reported) left off. When no clock
 * is further behind than the reader's guard, every bucket returned holds
 * exactly what was counted in it and every idle run is really idle; at the
 * end of every pass, before + read + lost is exactly what was counted before
 * the reader's position. Once all buckets are closed, it is everything.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "suites.h"
#include "pktstat_cursor.h"
#include "pktstat_format.h"

/*
 * check's own assertions report each success to the runner (a syscall):
 * the model's millions of checks call them only to report a failure.
 */
#define must_eq(a, b)	do { if ((a) != (b)) ck_assert_uint_eq(a, b); } while (0)
#define must_le(a, b)	do { if ((a) > (b)) ck_assert_uint_le(a, b); } while (0)
#define must_lt(a, b)	do { if ((a) >= (b)) ck_assert_uint_lt(a, b); } while (0)
#define must_ge(a, b)	do { if ((a) < (b)) ck_assert_uint_ge(a, b); } while (0)
#define must(c)		do { if (!(c)) ck_assert(c); } while (0)

#define MAX_CPUS	4
#define MAX_READERS	3
#define MAX_BUCKETS	(1u << 16)
#ifndef SEEDS
#define SEEDS		20000
#endif
#define STEPS		600

struct reader {
	struct pktstat_cursor *cur;
	bool open;		/* has a cursor */
	bool in_pass;
	bool first_pass;
	__u64 expect;		/* where the next record must start */
	__u64 before_frames, before_bytes;
	__u64 read_frames, read_bytes;
	__u64 lost_frames, lost_bytes;
};

struct model {
	__u64 rng;
	struct pktstat_ring ring;
	struct pktstat_ring_cpu cpus[MAX_CPUS];
	long long skew[MAX_CPUS];	/* each CPU's clock minus the true time */
	__u64 now;			/* true time, boot clock */
	__u64 guard;			/* the readers' close guard */
	bool exact;			/* no clock is behind by more than it */
	__u64 total_frames, total_bytes;
	__u64 *truth_frames, *truth_bytes;	/* per bucket from geo.first */
	__u64 *got_frames;			/* what readers returned */
	__u64 last_bucket;			/* the latest bucket written */
	struct reader r[MAX_READERS];
	unsigned int nreaders;
};

/* per bucket, from the first of the model in use: zeroed after each run */
static __u64 truth_frames[MAX_BUCKETS], truth_bytes[MAX_BUCKETS];
static __u64 got_frames[MAX_BUCKETS];

static __u64 rnd(struct model *m)
{
	m->rng ^= m->rng << 13;
	m->rng ^= m->rng >> 7;
	m->rng ^= m->rng << 17;
	return m->rng;
}

static __u64 below(struct model *m, __u64 n)
{
	return n ? rnd(m) % n : 0;
}

static __u64 idx(const struct model *m, __u64 bucket)
{
	__u64 i = bucket - m->ring.geo.first;

	must_lt(i, MAX_BUCKETS);
	return i;
}

static void model_init(struct model *m, __u64 seed)
{
	struct pktstat_geometry *g = &m->ring.geo;
	__u64 t0, period, samples;
	long long maxskew = 0, behind = 0;
	unsigned int c;

	memset(m, 0, sizeof(*m));
	m->rng = seed * 0x9e3779b97f4a7c15ULL + 1;
	period = below(m, 2) ? 10000 : 1000000;
	samples = 1 + below(m, 24);
	m->ring.ncpus = 1 + below(m, MAX_CPUS);
	/* skew up to 3 periods either way, or none */
	for (c = 0; c < m->ring.ncpus; c++) {
		m->skew[c] = below(m, 3) ? (long long)below(m, 6 * period + 1) -
					   3 * (long long)period : 0;
		if (m->skew[c] < behind)
			behind = m->skew[c];
		if (m->skew[c] > maxskew)
			maxskew = m->skew[c];
	}
	t0 = 4 * period + below(m, 1000000000);
	switch (below(m, 3)) {
	case 0:	/* the wall clock behind the boot clock: Unix time near 0 */
		g->offset_ns = 0 - t0 + 4 * period + below(m, period);
		break;
	case 1:	/* boot clock and Unix time the same: 1970 too */
		g->offset_ns = 0;
		break;
	default:
		g->offset_ns = 1795392777093000000ULL + below(m, 1000000000);
	}
	m->now = t0;
	g->period_ns = period;
	g->nslots = samples + PKTSTAT_SPARE_SLOTS;
	g->first = pktstat_bucket_of(g, m->now);
	/* half the runs with a guard that covers every skew */
	m->exact = below(m, 2);
	m->guard = m->exact ? (__u64)-behind + below(m, period) :
			      below(m, period);
	m->exact = m->guard >= (__u64)-behind;
	m->ring.cpus = m->cpus;
	for (c = 0; c < m->ring.ncpus; c++) {
		m->cpus[c].slots = calloc(g->nslots, sizeof(struct pktstat_closed));
		must(m->cpus[c].slots);
		/* a CPU's clock may already be in a later bucket */
		pktstat_ring_cpu_init(&m->cpus[c], g);
	}
	m->truth_frames = truth_frames;
	m->truth_bytes = truth_bytes;
	m->got_frames = got_frames;
	m->last_bucket = g->first;
	m->nreaders = 1 + below(m, MAX_READERS);
	(void)maxskew;
}

static void model_free(struct model *m)
{
	unsigned int i;

	for (i = 0; i < m->ring.ncpus; i++)
		free(m->cpus[i].slots);
	for (i = 0; i < m->nreaders; i++)
		free(m->r[i].cur);
	i = idx(m, m->last_bucket) + 1;
	memset(truth_frames, 0, i * sizeof(__u64));
	memset(truth_bytes, 0, i * sizeof(__u64));
	memset(got_frames, 0, i * sizeof(__u64));
}

static void send_packet(struct model *m)
{
	unsigned int c = below(m, m->ring.ncpus);
	unsigned int len = 20 + below(m, 1500);
	struct pktstat_ring_cpu *r = &m->cpus[c];

	pktstat_account(r, &m->ring.geo, m->now + m->skew[c], len);
	m->truth_frames[idx(m, r->open.bucket)]++;
	m->truth_bytes[idx(m, r->open.bucket)] += len;
	if (r->open.bucket > m->last_bucket)
		m->last_bucket = r->open.bucket;
	m->total_frames++;
	m->total_bytes += len;
}

static __u64 counted_before(const struct model *m, __u64 bucket)
{
	__u64 b, sum = m->total_frames;

	for (b = bucket; b <= m->last_bucket; b++)
		sum -= m->truth_frames[idx(m, b)];
	return sum;
}

static void reader_open(struct model *m, struct reader *rd)
{
	rd->cur = calloc(1, pktstat_cursor_size(m->ring.ncpus));
	must(rd->cur);
	pktstat_cursor_init(rd->cur, m->ring.ncpus);
	rd->open = true;
	rd->first_pass = true;
}

static void check_totals(const struct model *m, const struct reader *rd)
{
	const struct pktstat_cursor *cur = rd->cur;

	must_eq(cur->read_frames, rd->read_frames);
	must_eq(cur->before_frames, rd->before_frames);
	/* nothing counted twice, nothing wrapped */
	must_le(rd->before_frames + rd->read_frames + rd->lost_frames,
			  m->total_frames);
	must_le(rd->before_bytes + rd->read_bytes + rd->lost_bytes,
			  m->total_bytes);
	must_le(cur->pend_frames, m->total_frames);
}

static void check_bucket(struct model *m, struct reader *rd,
			 const struct pktstat_record *rec)
{
	must_eq(rec->bucket, rd->expect);
	must_eq(rec->count, 1);
	if (m->exact) {
		must_eq(rec->frames, m->truth_frames[idx(m, rec->bucket)]);
		must_eq(rec->bytes, m->truth_bytes[idx(m, rec->bucket)]);
	}
	m->got_frames[idx(m, rec->bucket)] = rec->frames;
	rd->read_frames += rec->frames;
	rd->read_bytes += rec->bytes;
	rd->expect++;
}

static void check_idle(struct model *m, struct reader *rd,
		       const struct pktstat_record *rec)
{
	__u64 b;

	must_eq(rec->bucket, rd->expect);
	must_ge(rec->count, 1);
	must_eq(rec->frames, 0);
	for (b = rec->bucket; m->exact && b < rec->bucket + rec->count; b++)
		must_eq(m->truth_frames[idx(m, b)], 0);
	rd->expect += rec->count;
}

/* The end of a pass: everything before the position is accounted for. */
static void check_pass_end(struct model *m, struct reader *rd)
{
	const struct pktstat_cursor *cur = rd->cur;

	must_eq(rd->expect, cur->pos);
	/* (a reader that skipped past its end may see more come before it) */
	if (m->exact && cur->pos == cur->end)
		must_eq(rd->before_frames + rd->read_frames +
				  rd->lost_frames, counted_before(m, cur->pos));
}

/*
 * Take up to @n records; some readers close their file with a record
 * formatted but not delivered, which goes back to the cursor as lost.
 */
static void reader_step(struct model *m, struct reader *rd, unsigned int n)
{
	struct pktstat_record rec;
	__u64 end = pktstat_bucket_closed_at(&m->ring.geo, m->now, m->guard);

	if (!rd->in_pass) {
		pktstat_cursor_begin(rd->cur, &m->ring, end);
		rd->in_pass = true;
		if (rd->first_pass) {
			rd->first_pass = false;
			rd->expect = rd->cur->pos;
			rd->before_frames = rd->cur->before_frames;
			rd->before_bytes = rd->cur->before_bytes;
		}
	}
	while (n--) {
		pktstat_cursor_next(rd->cur, &m->ring, &rec);
		if (rec.kind != PKTSTAT_REC_END && !below(m, 50)) {
			pktstat_cursor_undeliver(rd->cur, &rec);
			continue;
		}
		switch (rec.kind) {
		case PKTSTAT_REC_BUCKET:
			check_bucket(m, rd, &rec);
			break;
		case PKTSTAT_REC_IDLE:
			check_idle(m, rd, &rec);
			break;
		case PKTSTAT_REC_LOST:
			must(rec.count || rec.frames || rec.bytes);
			rd->expect += rec.count;
			rd->lost_frames += rec.frames;
			rd->lost_bytes += rec.bytes;
			break;
		case PKTSTAT_REC_END:
			rd->in_pass = false;
			check_pass_end(m, rd);
			return;
		}
		check_totals(m, rd);
	}
}

static void advance(struct model *m)
{
	const __u64 p = m->ring.geo.period_ns;

	switch (below(m, 8)) {
	case 0:		/* idle for a while, maybe longer than the ring */
		m->now += below(m, 3 * m->ring.geo.nslots * p);
		break;
	case 1:
	case 2:
		m->now += below(m, 2 * p);
		break;
	default:	/* a burst */
		m->now += below(m, p / 4);
	}
}

/* After the last packet: every bucket closes, and each reader reads on. */
static void finish(struct model *m)
{
	unsigned int i, guard = 0;
	struct reader *rd;
	__u64 b;

	m->now += m->guard + 8 * m->ring.geo.period_ns;
	for (i = 0; i < m->nreaders; i++) {
		rd = &m->r[i];
		if (!rd->open)
			reader_open(m, rd);
		/* finish the current pass, then one whole pass */
		while (rd->in_pass && guard++ < 1000000)
			reader_step(m, rd, 1000);
		reader_step(m, rd, 1000000);
		must(!rd->in_pass);
		must_eq(rd->before_frames + rd->read_frames +
				  rd->lost_frames, m->total_frames);
		must_eq(rd->before_bytes + rd->read_bytes +
				  rd->lost_bytes, m->total_bytes);
	}
	for (b = 0; b <= idx(m, m->last_bucket); b++)
		must_le(m->got_frames[b], m->truth_frames[b]);
}

static void run_seed(__u64 seed)
{
	struct model m;
	unsigned int step, i;

	model_init(&m, seed);
	for (step = 0; step < STEPS; step++) {
		__u64 span = (m.now + m.ring.geo.offset_ns) / m.ring.geo.period_ns -
			     m.ring.geo.first;

		if (span + 16 * m.ring.geo.nslots >= MAX_BUCKETS / 2)
			break;
		advance(&m);
		if (below(&m, 3))
			send_packet(&m);
		i = below(&m, m.nreaders);
		if (!m.r[i].open) {
			if (!below(&m, 4))
				reader_open(&m, &m.r[i]);
			continue;
		}
		if (below(&m, 3))
			reader_step(&m, &m.r[i], 1 + below(&m, 6));
	}
	finish(&m);
	model_free(&m);
}

START_TEST(readers_account_for_every_frame)
{
	__u64 seed;

	const char *only = getenv("PKTSTAT_SEED");

	for (seed = 1; seed <= SEEDS; seed++) {
		if (only && strtoull(only, NULL, 10) != seed)
			continue;
		if (getenv("PKTSTAT_SEED_TRACE"))
			fprintf(stderr, "seed %llu\n", (unsigned long long)seed);
		run_seed(seed);
	}
}
END_TEST

/* Bucket 0 is a bucket: an object created in the first moments of 1970. */
START_TEST(bucket_zero_reads_and_ends)
{
	struct pktstat_ring_cpu cpus[2];
	struct pktstat_closed slots[2][4];
	struct pktstat_ring ring = { .cpus = cpus, .ncpus = 2 };
	struct pktstat_cursor *cur = calloc(1, pktstat_cursor_size(2));
	struct pktstat_record rec;
	unsigned int c, n = 0;

	ring.geo = (struct pktstat_geometry){ .period_ns = 60000000000ULL,
		.offset_ns = 0 - 50000000000ULL, .nslots = 4, .first = 0 };
	for (c = 0; c < 2; c++) {
		cpus[c].slots = slots[c];
		pktstat_ring_cpu_init(&cpus[c], &ring.geo);
	}
	ck_assert_ptr_nonnull(cur);
	pktstat_cursor_init(cur, 2);
	/* boot clock 55s: Unix time 5s, bucket 0 */
	pktstat_account(&cpus[0], &ring.geo, 55000000000ULL, 100);
	pktstat_account(&cpus[1], &ring.geo, 115000000000ULL, 200);
	pktstat_cursor_begin(cur, &ring, 1);
	do {
		pktstat_cursor_next(cur, &ring, &rec);
		if (rec.kind == PKTSTAT_REC_BUCKET) {
			ck_assert_uint_eq(rec.bucket, 0);
			ck_assert_uint_eq(rec.bytes, 100);
		}
		ck_assert_uint_lt(++n, 10);
	} while (rec.kind != PKTSTAT_REC_END);
	ck_assert_uint_eq(cur->read_frames, 1);
	free(cur);
}
END_TEST

START_TEST(format_matches_printf)
{
	static const __u64 v[] = { 0, 1, 9, 10, 99, 100, 999999999, 1000000000,
				   4294967295ULL, 4294967296ULL, 5000000000ULL,
				   12345678901234ULL, 1000000000000000000ULL,
				   1795392777093000000ULL, 18446744073709551615ULL };
	char got[PKTSTAT_LINE_MAX], want[PKTSTAT_LINE_MAX];
	unsigned int i, j, n;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		for (j = 0; j < sizeof(v) / sizeof(v[0]); j++) {
			n = pktstat_fmt_bucket(got, v[i], v[j], v[i], 1);
			snprintf(want, sizeof(want), "%llu %llu %llu\n",
				 (unsigned long long)v[i],
				 (unsigned long long)v[j],
				 (unsigned long long)v[i]);
			ck_assert_uint_eq(n, strlen(want));
			ck_assert_mem_eq(got, want, n);
			if (v[j] > 1000)
				continue;
			n = pktstat_fmt_bucket(got, v[i], 0, 0, v[j] + 2);
			snprintf(want, sizeof(want), "%llu 0 0 %llu\n",
				 (unsigned long long)v[i],
				 (unsigned long long)(v[j] + 2));
			ck_assert_uint_eq(n, strlen(want));
			ck_assert_mem_eq(got, want, n);
		}
	}
}
END_TEST

Suite *suite_cursor(void)
{
	Suite *s = suite_create("pktstat_cursor");
	TCase *tc = tcase_create("readers");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, readers_account_for_every_frame);
	tcase_add_test(tc, bucket_zero_reads_and_ends);
	tcase_add_test(tc, format_matches_printf);
	suite_add_tcase(s, tc);
	return s;
}
