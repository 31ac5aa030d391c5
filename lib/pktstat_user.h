/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The few kernel helpers that the headers shared with the kernel
 * (kernel/pktstat_bucket.h) use, for userspace builds: the unit tests and
 * the micro-benchmark compile the packet path and the reader with these.
 */
#ifndef PKTSTAT_USER_H
#define PKTSTAT_USER_H

#include <linux/types.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef unlikely
#define unlikely(x)		__builtin_expect(!!(x), 0)
#endif
#define READ_ONCE(x)		__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, v)	__atomic_store_n(&(x), (v), __ATOMIC_RELAXED)
/* stores before stores, loads before loads, as in the kernel */
#define smp_wmb()		__atomic_thread_fence(__ATOMIC_RELEASE)
#define smp_rmb()		__atomic_thread_fence(__ATOMIC_ACQUIRE)
#ifndef U64_MAX
#define U64_MAX			UINT64_MAX
#endif

static inline __u64 div64_u64(__u64 a, __u64 b)
{
	return a / b;
}

static inline __u64 div64_u64_rem(__u64 a, __u64 b, __u64 *rem)
{
	*rem = a % b;
	return a / b;
}

static inline __u64 div_u64_rem(__u64 a, __u32 b, __u32 *rem)
{
	*rem = (__u32)(a % b);
	return a / b;
}

#endif
