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

/* @v in decimal at @p; returns the number of characters (1 to 20). */
static inline unsigned int pktstat_fmt_u64(char *p, __u64 v)
{
	char digits[20];
	unsigned int n = 0, i;
	__u32 rem;

	do {
		v = div_u64_rem(v, 10, &rem);
		digits[n++] = (char)('0' + rem);
	} while (v);
	for (i = 0; i < n; i++)
		p[i] = digits[n - 1 - i];
	return n;
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
