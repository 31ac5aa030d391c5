// SPDX-License-Identifier: GPL-2.0
/*
 * Micro-benchmark of the packet-path update, pktstat_account() from
 * kernel/pktstat_bucket.h: the very code the module runs, compiled here.
 *
 *   ubench count MODE N        N updates through bench_update(), for
 *                              valgrind --tool=callgrind
 *                              --toggle-collect=bench_update (instructions
 *                              per update = collected Ir / N). MODE:
 *                              fast   every update in the open bucket
 *                              mpps   1 Mpps into 100us buckets (a new
 *                                     bucket every 100 updates)
 *                              roll   every update opens a new bucket
 *                              ring   mpps, inside the kernel wrapper's
 *                                     sequence count and preempt count
 *   ubench threads T SECONDS   updates/s (best of 3 runs) with 1..T
 *                              threads, each with its own ring of one
 *                              shared object (as the kernel's per-CPU
 *                              rings); the same with a clock read per
 *                              update; then 1..T threads adding into one
 *                              shared atomic counter, for contrast
 *   ubench gendata N PERIOD_NS  a NAME/data file of N closed buckets on
 *                              stdout, for the reader benchmark
 *   ubench rusage CMD [ARG...] run CMD, print "rusage sec=S maxrss_kb=K"
 *                              on stderr (its stdout goes to /dev/null)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "pktstat_bucket.h"

#define PERIOD_NS	100000ULL	/* --period 100us */
#define SAMPLES		1000U		/* the default --samples */
#define PKT_LEN		60U
#define CACHELINE	64

static const struct pktstat_geometry geo = {
	.period_ns = PERIOD_NS,
	.offset_ns = 1763769600000000000ULL,	/* Unix time of a boottime 0 */
	.nslots = SAMPLES + PKTSTAT_SPARE_SLOTS,
	.first = 1763769600000000000ULL / PERIOD_NS,
};

/* what the kernel keeps per CPU: a sequence count and the ring */
struct percpu {
	unsigned int preempt_count;	/* per CPU in the kernel too */
	unsigned int seq;
	struct pktstat_ring_cpu ring;
} __attribute__((aligned(CACHELINE)));

static struct percpu *percpu_new(void)
{
	struct percpu *pc = aligned_alloc(CACHELINE, sizeof(*pc));
	size_t bytes = geo.nslots * sizeof(struct pktstat_closed);
	/* rounded up to whole cache lines, as aligned_alloc requires */
	size_t alloc = (bytes + CACHELINE - 1) / CACHELINE * CACHELINE;

	if (!pc)
		abort();
	memset(pc, 0, sizeof(*pc));
	pc->ring.slots = aligned_alloc(CACHELINE, alloc);
	if (!pc->ring.slots)
		abort();
	memset(pc->ring.slots, 0, alloc);
	pktstat_ring_cpu_init(&pc->ring, &geo);
	return pc;
}

static void percpu_free(struct percpu *pc)
{
	free(pc->ring.slots);
	free(pc);
}

#define barrier() __asm__ __volatile__("" ::: "memory")

/* One update, as the match calls it: out of line, so that callgrind can
 * count it alone and the compiler cannot fold loop iterations together. */
__attribute__((noinline)) void bench_update(struct percpu *pc, __u64 now,
					    unsigned int len);
__attribute__((noinline)) void bench_update(struct percpu *pc, __u64 now,
					    unsigned int len)
{
	pktstat_account(&pc->ring, &geo, now, len);
}

/* The same inside the kernel wrapper's bookkeeping (pktstat_ring.h):
 * preempt count and bottom-half count up and down, and the sequence count
 * around the update (write_seqcount_begin/end: an increment and a
 * compiler barrier each on x86). The clock read and the calls out of
 * line that local_bh_enable() makes are not modelled. */
__attribute__((noinline)) void bench_update_ring(struct percpu *pc, __u64 now,
						 unsigned int len);
__attribute__((noinline)) void bench_update_ring(struct percpu *pc, __u64 now,
						 unsigned int len)
{
	pc->preempt_count += 0x200;	/* local_bh_disable() */
	barrier();
	pc->preempt_count += 1;		/* preempt_disable() */
	barrier();
	pc->seq++;
	barrier();
	pktstat_account(&pc->ring, &geo, now, len);
	barrier();
	pc->seq++;
	barrier();
	pc->preempt_count -= 1;		/* preempt_enable() */
	barrier();
	pc->preempt_count -= 0x200;	/* local_bh_enable() */
}

static int count_mode(const char *mode, unsigned long n)
{
	struct percpu *pc = percpu_new();
	__u64 now = 1000000000ULL, step;
	int ring = 0;

	if (!strcmp(mode, "fast"))
		step = 0;			/* never leaves the bucket */
	else if (!strcmp(mode, "mpps"))
		step = 1000;			/* 1 Mpps: 100 per bucket */
	else if (!strcmp(mode, "roll"))
		step = PERIOD_NS;		/* one per bucket */
	else if (!strcmp(mode, "ring")) {
		step = 1000;
		ring = 1;
	} else {
		fprintf(stderr, "ubench: unknown mode %s\n", mode);
		return 2;
	}
	bench_update(pc, now, PKT_LEN);	/* open the first bucket */
	for (unsigned long i = 0; i < n; i++) {
		now += step;
		if (ring)
			bench_update_ring(pc, now, PKT_LEN);
		else
			bench_update(pc, now, PKT_LEN);
	}
	printf("frames=%llu\n", (unsigned long long)
	       (pc->ring.open.base_frames + pc->ring.open.frames));
	percpu_free(pc);
	return 0;
}

struct worker {
	pthread_t thread;
	int cpu;
	int use_clock;
	struct percpu *pc;
	unsigned long long done;
	double cpu_s;		/* CPU time the thread got */
} __attribute__((aligned(CACHELINE)));

static atomic_int stop;
static _Alignas(CACHELINE) _Atomic unsigned long long shared_frames;
static _Alignas(CACHELINE) _Atomic unsigned long long shared_bytes;

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	pthread_setaffinity_np(pthread_self(), sizeof(set), &set);
}

static double thread_cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static __u64 boottime_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_BOOTTIME, &ts);
	return (__u64)ts.tv_sec * 1000000000ULL + (__u64)ts.tv_nsec;
}

#define BATCH 65536

static void *ring_worker(void *arg)
{
	struct worker *w = arg;
	__u64 now = 1000000000ULL;
	double t0;

	pin(w->cpu);
	t0 = thread_cpu_s();
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		for (int i = 0; i < BATCH; i++) {
			now = w->use_clock ? boottime_ns() : now + 1000;
			bench_update_ring(w->pc, now, PKT_LEN);
		}
		w->done += BATCH;
	}
	w->cpu_s = thread_cpu_s() - t0;
	return NULL;
}

static void *atomic_worker(void *arg)
{
	struct worker *w = arg;
	double t0;

	pin(w->cpu);
	t0 = thread_cpu_s();
	while (!atomic_load_explicit(&stop, memory_order_relaxed)) {
		for (int i = 0; i < BATCH; i++) {
			atomic_fetch_add_explicit(&shared_frames, 1,
						  memory_order_relaxed);
			atomic_fetch_add_explicit(&shared_bytes, PKT_LEN,
						  memory_order_relaxed);
		}
		w->done += BATCH;
	}
	w->cpu_s = thread_cpu_s() - t0;
	return NULL;
}

/* Updates per second of wall time; *per_cpu_s: the sum over the threads of
 * each one's updates per second of the CPU time it got, what the threads
 * would do with a core each, whatever else the machine runs. */
static double run_threads(int nthreads, double seconds, int use_clock,
			  void *(*fn)(void *), double *per_cpu_s)
{
	struct worker *w = aligned_alloc(CACHELINE,
					 sizeof(*w) * (size_t)nthreads);
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	struct timespec t0, t1, nap;
	unsigned long long total = 0;

	*per_cpu_s = 0;
	if (!w)
		abort();
	atomic_store(&stop, 0);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < nthreads; i++) {
		memset(&w[i], 0, sizeof(w[i]));
		w[i].cpu = (int)(i % (ncpu > 0 ? ncpu : 1));
		w[i].use_clock = use_clock;
		w[i].pc = percpu_new();
		if (pthread_create(&w[i].thread, NULL, fn, &w[i]))
			abort();
	}
	nap.tv_sec = (time_t)seconds;
	nap.tv_nsec = (long)((seconds - (double)nap.tv_sec) * 1e9);
	nanosleep(&nap, NULL);
	atomic_store(&stop, 1);
	for (int i = 0; i < nthreads; i++) {
		pthread_join(w[i].thread, NULL);
		total += w[i].done;
		if (w[i].cpu_s > 0)
			*per_cpu_s += (double)w[i].done / w[i].cpu_s;
		percpu_free(w[i].pc);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	free(w);
	return (double)total / ((double)(t1.tv_sec - t0.tv_sec) +
				(double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
}

static int threads_mode(int maxthreads, double seconds)
{
	static const struct {
		const char *name;
		int use_clock;
		void *(*fn)(void *);
	} kinds[] = {
		{ "ring", 0, ring_worker },
		{ "ring+clock", 1, ring_worker },
		{ "shared-atomic", 0, atomic_worker },
	};

	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		double one = 0, one_cpu = 0;

		for (int t = 1; t <= maxthreads; t++) {
			double rate = 0, rate_cpu = 0;

			/* best of three: other load on the machine only
			 * ever slows a run down */
			for (int rep = 0; rep < 3; rep++) {
				double c, r = run_threads(t, seconds,
							  kinds[k].use_clock,
							  kinds[k].fn, &c);
				if (r > rate)
					rate = r;
				if (c > rate_cpu)
					rate_cpu = c;
			}
			if (t == 1) {
				one = rate;
				one_cpu = rate_cpu;
			}
			printf("threads kind=%s threads=%d updates_per_s=%.0f speedup=%.2f per_cpu_updates_per_s=%.0f cpu_speedup=%.2f\n",
			       kinds[k].name, t, rate, one > 0 ? rate / one : 0,
			       rate_cpu, one_cpu > 0 ? rate_cpu / one_cpu : 0);
		}
	}
	return 0;
}

static int rusage_mode(char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status;
	pid_t pid;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		if (fd >= 0)
			dup2(fd, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	fprintf(stderr, "rusage sec=%.3f maxrss_kb=%ld status=%d\n",
		(double)(t1.tv_sec - t0.tv_sec) +
		(double)(t1.tv_nsec - t0.tv_nsec) / 1e9,
		ru.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : 128);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

static int gendata_mode(unsigned long n, __u64 period)
{
	__u64 start = geo.offset_ns / period * period;

	printf("# start_ns frames bytes\n");
	for (unsigned long i = 0; i < n; i++) {
		unsigned int frames = (unsigned int)(i * 7919 % 97);

		printf("%llu %u %u\n", (unsigned long long)(start + i * period),
		       frames, frames * 1500U);
	}
	return fflush(stdout) ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "gendata"))
		return gendata_mode(strtoul(argv[2], NULL, 10),
				    strtoull(argv[3], NULL, 10));
	if (argc == 4 && !strcmp(argv[1], "count"))
		return count_mode(argv[2], strtoul(argv[3], NULL, 10));
	if (argc == 4 && !strcmp(argv[1], "threads"))
		return threads_mode(atoi(argv[2]), atof(argv[3]));
	if (argc >= 3 && !strcmp(argv[1], "rusage"))
		return rusage_mode(argv + 2);
	fprintf(stderr, "usage: ubench count fast|mpps|roll|ring N\n"
		"       ubench threads MAXTHREADS SECONDS\n"
		"       ubench rusage CMD [ARG...]\n");
	return 2;
}
