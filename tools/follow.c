// SPDX-License-Identifier: GPL-2.0
/* How often to read a followed stream, and the default window. */
#include "follow.h"

#define DEFAULT_SAMPLES	1000ull

uint64_t pk_ring_ns(const struct pk_info *info)
{
	uint64_t period = info->v[PK_I_PERIOD_NS];
	uint64_t samples = info->have & (1u << PK_I_SAMPLES) ?
			   info->v[PK_I_SAMPLES] : DEFAULT_SAMPLES;

	if (period && samples > UINT64_MAX / period)
		return UINT64_MAX;
	return period * samples;
}

static uint64_t clamp(uint64_t v, uint64_t lo, uint64_t hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

static void warn_interval(const struct pk_opts *o, const struct pk_info *info,
			  uint64_t interval)
{
	char ring[24], period[24], every[24], half[24];
	uint64_t ring_ns = pk_ring_ns(info);

	pk_fmt_duration(ring, sizeof(ring), ring_ns);
	pk_fmt_duration(period, sizeof(period), info->v[PK_I_PERIOD_NS]);
	pk_fmt_duration(every, sizeof(every), interval);
	pk_fmt_duration(half, sizeof(half), ring_ns / 2);
	fprintf(stderr, "pktstat: warning: %s keeps %s of buckets (%llu x %s): "
		"read every %s, buckets will be lost; use --interval %s or "
		"less%s\n", info->name, ring,
		(unsigned long long)(ring_ns / info->v[PK_I_PERIOD_NS]), period,
		every, half, o->interval_ns ? "" : ", or a larger --samples in "
		"its rule");
}

uint64_t pk_follow_interval(const struct pk_opts *o,
			    const struct pk_info *info)
{
	uint64_t ring = pk_ring_ns(info);
	uint64_t interval = o->interval_ns ? o->interval_ns :
			    clamp(ring / 4, PK_FOLLOW_MIN_NS, PK_FOLLOW_MAX_NS);

	if (interval > ring / 2)
		warn_interval(o, info, interval);
	return interval;
}

int pk_follow_window(const struct pk_opts *o, const struct pk_info *info,
		     uint64_t *window_ns)
{
	uint64_t period = info->v[PK_I_PERIOD_NS];

	*window_ns = o->window_ns;
	if (!*window_ns && period >= PK_WINDOW_MIN_NS)
		*window_ns = period;
	else if (!*window_ns)
		*window_ns = (PK_WINDOW_MIN_NS + period - 1) / period * period;
	if (*window_ns % period)
		return pk_usage_error("--window must be a multiple of %s's "
				      "period (%llu ns)", info->name,
				      (unsigned long long)period);
	return PK_EXIT_OK;
}

int pk_poll_until(uint64_t (*poll)(void *arg), void *arg, uint64_t next_ns)
{
	uint64_t t;

	while ((t = poll(arg)) < next_ns)
		if (pk_sleep_until(t))
			return -1;
	return pk_sleep_until(next_ns);
}
