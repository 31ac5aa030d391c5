// SPDX-License-Identifier: GPL-2.0
/* The packet-path bucket arithmetic, as the kernel compiles it. */
#include <check.h>
#include "suites.h"
#include <stdlib.h>
#include <string.h>
#include "pktstat_bucket.h"

#define NSLOTS	5
#define PERIOD	100000ULL			/* 100us */
#define OFFSET	1700000000000000000ULL		/* Unix time at clock 0 */

static struct pktstat_closed slots[NSLOTS];
static struct pktstat_geometry geo;
static struct pktstat_ring_cpu ring;

static void setup(void)
{
	memset(slots, 0, sizeof(slots));
	geo.period_ns = PERIOD;
	geo.offset_ns = OFFSET;
	geo.nslots = NSLOTS;
	geo.first = pktstat_bucket_of(&geo, 0);
	memset(&ring, 0, sizeof(ring));
	ring.slots = slots;
	pktstat_ring_cpu_init(&ring, &geo);
}

/* @bucket as a reader finds it on this CPU, open or closed, or NULL */
static const struct pktstat_slot *held(__u64 bucket)
{
	static struct pktstat_slot copy;
	__u64 next, seen;

	if (ring.open.bucket == bucket)
		return &ring.open;
	if (pktstat_slot_read(pktstat_slot_of(&geo, slots, bucket), bucket,
			      &copy, &next, &seen))
		return &copy;
	return NULL;
}

START_TEST(bucket_numbers_are_unix_time)
{
	__u64 b = pktstat_bucket_of(&geo, 0);

	ck_assert_uint_eq(b, OFFSET / PERIOD);
	ck_assert_uint_eq(pktstat_bucket_start_ns(&geo, b), OFFSET);
	ck_assert_uint_eq(pktstat_bucket_of(&geo, PERIOD - 1), b);
	ck_assert_uint_eq(pktstat_bucket_of(&geo, PERIOD), b + 1);
	/* starts are multiples of the period whatever the offset */
	geo.offset_ns = OFFSET + 12345;
	b = pktstat_bucket_of(&geo, 0);
	ck_assert_uint_eq(pktstat_bucket_start_ns(&geo, b) % PERIOD, 0);
	ck_assert_uint_le(pktstat_bucket_start_ns(&geo, b), OFFSET + 12345);
	ck_assert_uint_gt(pktstat_bucket_start_ns(&geo, b) + PERIOD, OFFSET + 12345);
}
END_TEST

START_TEST(counts_frames_and_bytes_per_bucket)
{
	__u64 b0 = pktstat_bucket_of(&geo, 0);

	pktstat_account(&ring, &geo, 10, 100);
	pktstat_account(&ring, &geo, PERIOD - 1, 50);
	pktstat_account(&ring, &geo, PERIOD, 7);
	ck_assert_ptr_nonnull(held(b0));
	ck_assert_uint_eq(held(b0)->frames, 2);
	ck_assert_uint_eq(held(b0)->bytes, 150);
	ck_assert_uint_eq(held(b0 + 1)->frames, 1);
	ck_assert_uint_eq(held(b0 + 1)->bytes, 7);
	ck_assert_uint_eq(held(b0 + 1)->base_frames, 2);
	ck_assert_uint_eq(held(b0 + 1)->base_bytes, 150);
	ck_assert_uint_eq(ring.end_ns, 2 * PERIOD);
}
END_TEST

/* An idle CPU skips buckets with one division: the skipped ones stay empty. */
START_TEST(idle_gaps_leave_buckets_empty)
{
	__u64 b0 = pktstat_bucket_of(&geo, 0), f, b;

	pktstat_account(&ring, &geo, 0, 10);
	pktstat_account(&ring, &geo, 3 * PERIOD + 5, 20);
	ck_assert_ptr_null(held(b0 + 1));
	ck_assert_ptr_null(held(b0 + 2));
	ck_assert_uint_eq(held(b0 + 3)->base_frames, 1);
	/* a year later */
	pktstat_account(&ring, &geo, 365ULL * 86400 * 1000000000, 30);
	pktstat_counted_by(&ring.open, &f, &b);
	ck_assert_uint_eq(f, 3);
	ck_assert_uint_eq(b, 60);
}
END_TEST

/* A clock read a little behind the current bucket does not go back. */
START_TEST(never_moves_back)
{
	__u64 b0 = pktstat_bucket_of(&geo, 0);

	pktstat_account(&ring, &geo, 2 * PERIOD, 1);
	pktstat_account(&ring, &geo, PERIOD + 3, 1);
	ck_assert_ptr_null(held(b0 + 1));
	ck_assert_uint_eq(held(b0 + 2)->frames, 2);
}
END_TEST

/* When the ring comes round, old buckets are overwritten, and the bases
 * still tell exactly how much came before.
 */
START_TEST(ring_wraps_and_keeps_bases)
{
	__u64 b0 = pktstat_bucket_of(&geo, 0), i, f, b;

	for (i = 0; i < 3 * NSLOTS; i++) {
		pktstat_account(&ring, &geo, i * PERIOD, 1);
		pktstat_account(&ring, &geo, i * PERIOD + 1, 2);
	}
	/* NSLOTS closed buckets are held besides the open one */
	for (i = 0; i < 2 * NSLOTS - 1; i++)
		ck_assert_ptr_null(held(b0 + i));
	for (i = 2 * NSLOTS - 1; i < 3 * NSLOTS; i++) {
		ck_assert_uint_eq(held(b0 + i)->frames, 2);
		ck_assert_uint_eq(held(b0 + i)->bytes, 3);
		ck_assert_uint_eq(held(b0 + i)->base_frames, 2 * i);
		ck_assert_uint_eq(held(b0 + i)->base_bytes, 3 * i);
	}
	pktstat_counted_by(&ring.open, &f, &b);
	ck_assert_uint_eq(f, 6 * NSLOTS);
	ck_assert_uint_eq(b, 9 * NSLOTS);
}
END_TEST

/* The open bucket is counted in the CPU's header; its slot is written only
 * when it closes, and a slot still holds the bucket of a ring ago until then.
 */
START_TEST(open_bucket_stays_in_the_header)
{
	__u64 b0 = pktstat_bucket_of(&geo, 0);

	pktstat_account(&ring, &geo, 0, 5);
	ck_assert_uint_eq(ring.open.bucket, b0);
	ck_assert_uint_eq(ring.open.frames, 1);
	ck_assert_uint_eq(pktstat_slot_of(&geo, slots, b0)->b.bucket,
			  PKTSTAT_NO_BUCKET);
	pktstat_account(&ring, &geo, PERIOD, 1);
	ck_assert_uint_eq(pktstat_slot_of(&geo, slots, b0)->b.bucket, b0);
	ck_assert_uint_eq(pktstat_slot_of(&geo, slots, b0)->b.bytes, 5);
	/* a closed bucket links to the next one its CPU opened */
	ck_assert_uint_eq(pktstat_slot_of(&geo, slots, b0)->next, b0 + 1);
	/* a ring later: b0 is overwritten only when b0 + NSLOTS closes */
	pktstat_account(&ring, &geo, NSLOTS * PERIOD, 6);
	ck_assert_uint_eq(held(b0)->bytes, 5);
	ck_assert_uint_eq(held(b0 + NSLOTS)->base_frames, 2);
	ck_assert_uint_eq(held(b0 + NSLOTS)->base_bytes, 6);
	ck_assert_uint_eq(held(b0 + NSLOTS)->bytes, 6);
	pktstat_account(&ring, &geo, (NSLOTS + 1) * PERIOD, 1);
	ck_assert_ptr_null(held(b0));
	ck_assert_uint_eq(held(b0 + NSLOTS)->bytes, 6);
}
END_TEST

Suite *suite_bucket(void)
{
	Suite *s = suite_create("pktstat_bucket");
	TCase *tc = tcase_create("ring");

	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, bucket_numbers_are_unix_time);
	tcase_add_test(tc, counts_frames_and_bytes_per_bucket);
	tcase_add_test(tc, idle_gaps_leave_buckets_empty);
	tcase_add_test(tc, never_moves_back);
	tcase_add_test(tc, ring_wraps_and_keeps_bases);
	tcase_add_test(tc, open_bucket_stays_in_the_header);
	suite_add_tcase(s, tc);
	return s;
}
