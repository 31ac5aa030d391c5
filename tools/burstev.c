// SPDX-License-Identifier: GPL-2.0
/* Burst events as text, CSV or JSON Lines (see burstev.h). */
#include "burstev.h"
#include "json.h"

void pk_print_burst_header(FILE *out, const struct pk_evfmt *f)
{
	const char *un = pk_unit_name(f->unit);
	char period[24], th[32];

	if (f->fmt == PK_CSV)
		fprintf(out, "start_ns,duration_ns,buckets,above,"
			"peak_%s_per_second,frames,bytes\n", un);
	if (f->fmt != PK_TEXT)
		return;
	pk_fmt_duration(period, sizeof(period), f->period_ns);
	pk_fmt_rate(th, sizeof(th), f->unit, f->threshold);
	fprintf(out, "# %s: %s buckets, bursts above %s, at most %llu quiet "
		"buckets inside one\n", f->name, period, th,
		(unsigned long long)f->max_gap);
	fprintf(out, "%-27s %19s %10s %7s %5s %14s %9s %12s\n", "START (UTC)",
		"START_NS", "DURATION", "BUCKETS", "ABOVE", "PEAK", "FRAMES",
		"BYTES");
}

static void burst_text(FILE *out, const struct pk_evfmt *f,
		       const struct pk_burst *b)
{
	char when[40], dur[24], peak[32];

	pk_fmt_time(when, sizeof(when), b->start_ns);
	pk_fmt_duration(dur, sizeof(dur), b->end_ns - b->start_ns);
	pk_fmt_rate(peak, sizeof(peak), f->unit, b->peak);
	fprintf(out, "%-27s %19llu %10s %7llu %5llu %14s %9llu %12llu\n",
		when, (unsigned long long)b->start_ns, dur,
		(unsigned long long)b->buckets, (unsigned long long)b->above,
		peak, (unsigned long long)b->frames,
		(unsigned long long)b->bytes);
}

static void burst_csv(FILE *out, const struct pk_burst *b)
{
	fprintf(out, "%llu,%llu,%llu,%llu,", (unsigned long long)b->start_ns,
		(unsigned long long)(b->end_ns - b->start_ns),
		(unsigned long long)b->buckets, (unsigned long long)b->above);
	pk_json_number(out, b->peak);
	fprintf(out, ",%llu,%llu\n", (unsigned long long)b->frames,
		(unsigned long long)b->bytes);
}

static void burst_json(FILE *out, const struct pk_evfmt *f,
		       const struct pk_burst *b)
{
	fputs("{\"name\":", out);
	pk_json_string(out, f->name);
	fputc(',', out);
	pk_json_time(out, "start", b->start_ns);
	fprintf(out, ",\"duration_ns\":%llu,\"period_ns\":%llu,"
		"\"buckets\":%llu,\"above\":%llu,\"unit\":\"%s\",\"peak\":",
		(unsigned long long)(b->end_ns - b->start_ns),
		(unsigned long long)f->period_ns,
		(unsigned long long)b->buckets, (unsigned long long)b->above,
		pk_unit_name(f->unit));
	pk_json_number(out, b->peak);
	fprintf(out, ",\"frames\":%llu,\"bytes\":%llu}\n",
		(unsigned long long)b->frames, (unsigned long long)b->bytes);
}

void pk_print_burst(FILE *out, const struct pk_evfmt *f,
		    const struct pk_burst *b)
{
	if (f->fmt == PK_TEXT)
		burst_text(out, f, b);
	else if (f->fmt == PK_CSV)
		burst_csv(out, b);
	else
		burst_json(out, f, b);
}

void pk_burst_events(FILE *out, const struct pk_evfmt *f,
		     struct pk_burst_tracker *t, const struct pk_data *d)
{
	struct pk_burst done;

	for (size_t i = 0; i < d->n; i++)
		if (pk_burst_feed(t, &d->b[i], &done))
			pk_print_burst(out, f, &done);
}
