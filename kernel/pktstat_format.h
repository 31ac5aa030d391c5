/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The bucket lines of NAME/data and NAME/stream, formatted without printf:
 * a 10us object closes 100,000 buckets a second, and readers should not
 * spend their time parsing format strings. Compiled in userspace too, and
 * checked there against printf.
 */
#ifndef _PKTSTAT_FORMAT_H
#define _PKTSTAT_FORMAT_H

#ifdef __KERNEL__
#include <linux/math64.h>
#include <linux/types.h>
#else
#include "pktstat_user.h"
#endif

/* The longest line the kernel writes: a "# lost" line of three 20-digit numbers. */
#define PKTSTAT_LINE_MAX	96

/* @v in decimal at @p; returns the number of characters (1 to 10). */
static inline unsigned int pktstat_fmt_u32(char *p, __u32 v)
{
	char digits[10];
	unsigned int n = 0, i;

	do {
		digits[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	for (i = 0; i < n; i++)
		p[i] = digits[n - 1 - i];
	return n;
}

/* @v < 10^9 as exactly nine digits. */
static inline void pktstat_fmt_9(char *p, __u32 v)
{
	int i;

	for (i = 8; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

/*
 * @v in decimal at @p; returns the number of characters (1 to 20). In
 * groups of nine digits, each done in 32 bits: one 64-bit division per
 * group, not per digit (a start in ns has 19 digits).
 */
static inline unsigned int pktstat_fmt_u64(char *p, __u64 v)
{
	__u32 groups[2];
	unsigned int n = 0, i;

	/* twice at most: 2^64 / 10^18 < 19 */
	while (v > 0xffffffffULL && n < 2)
		v = div_u64_rem(v, 1000000000, &groups[n++]);
	i = pktstat_fmt_u32(p, (__u32)v);
	while (n--) {
		pktstat_fmt_9(p + i, groups[n]);
		i += 9;
	}
	return i;
}

/*
 * "START FRAMES BYTES\n", or "START 0 0 COUNT\n" for @count > 1 empty
 * buckets; returns its length (at most PKTSTAT_LINE_MAX).
 */
static inline unsigned int pktstat_fmt_bucket(char *p, __u64 start_ns,
					      __u64 frames, __u64 bytes,
					      __u64 count)
{
	unsigned int n;

	n = pktstat_fmt_u64(p, start_ns);
	p[n++] = ' ';
	n += pktstat_fmt_u64(p + n, frames);
	p[n++] = ' ';
	n += pktstat_fmt_u64(p + n, bytes);
	if (count > 1) {
		p[n++] = ' ';
		n += pktstat_fmt_u64(p + n, count);
	}
	p[n++] = '\n';
	return n;
}

#endif /* _PKTSTAT_FORMAT_H */
