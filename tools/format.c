// SPDX-License-Identifier: GPL-2.0
/* Buckets and windows as text, CSV or JSON (see format.h). */
#include <string.h>
#include "format.h"
#include "json.h"

int pk_format_parse(const char *s, enum pk_format *f)
{
	if (!s || !strcmp(s, "text"))
		*f = PK_TEXT;
	else if (!strcmp(s, "csv"))
		*f = PK_CSV;
	else if (!strcmp(s, "json"))
		*f = PK_JSON;
	else
		return -1;
	return 0;
}

static void print_lost(FILE *out, const struct pk_lost *l)
{
	if (l->buckets || l->frames || l->bytes)
		fprintf(out, "# lost buckets=%llu frames=%llu bytes=%llu\n",
			(unsigned long long)l->buckets,
			(unsigned long long)l->frames,
			(unsigned long long)l->bytes);
}

void pk_warn_lost(const char *name, const struct pk_lost *l)
{
	if (l->buckets)
		fprintf(stderr, "pktstat: %s: %llu buckets lost (%llu frames, "
			"%llu bytes)\n", name, (unsigned long long)l->buckets,
			(unsigned long long)l->frames,
			(unsigned long long)l->bytes);
}

/* pk_fmt_time() for sorted buckets: the date part changes once a second. */
struct time_cache {
	uint64_t sec;
	char day[40];
};

static void fmt_time_cached(struct time_cache *c, char *buf, size_t len,
			    uint64_t ns)
{
	uint64_t sec = ns / 1000000000ull;

	if (!c->day[0] || sec != c->sec) {
		pk_fmt_time(c->day, sizeof(c->day), sec * 1000000000ull);
		c->day[strlen(c->day) - 8] = '\0';	/* drop ".000000Z" */
		c->sec = sec;
	}
	snprintf(buf, len, "%s.%06lluZ", c->day,
		 (unsigned long long)(ns % 1000000000ull / 1000));
}

static void data_text(FILE *out, const char *name, uint64_t period_ns,
		      enum pk_unit u, const struct pk_data *d)
{
	char period[24], when[40], rate[32];
	struct time_cache tc = { 0, "" };

	pk_fmt_duration(period, sizeof(period), period_ns);
	fprintf(out, "# %s: %zu buckets of %s\n", name, d->n, period);
	if (d->have_before)
		fprintf(out, "# before frames=%llu bytes=%llu\n",
			(unsigned long long)d->before_frames,
			(unsigned long long)d->before_bytes);
	fprintf(out, "%-27s %12s %14s %14s\n", "START (UTC)", "FRAMES", "BYTES",
		"RATE");
	for (size_t i = 0; i < d->n; i++) {
		fmt_time_cached(&tc, when, sizeof(when), d->b[i].start_ns);
		pk_fmt_rate(rate, sizeof(rate), u,
			    pk_bucket_rate(&d->b[i], period_ns, u));
		fprintf(out, "%-27s %12llu %14llu %14s\n", when,
			(unsigned long long)d->b[i].frames,
			(unsigned long long)d->b[i].bytes, rate);
	}
	print_lost(out, &d->lost);
}

static void data_csv(FILE *out, uint64_t period_ns, enum pk_unit u,
		     const struct pk_data *d)
{
	fprintf(out, "start_ns,frames,bytes,%s_per_second\n", pk_unit_name(u));
	for (size_t i = 0; i < d->n; i++) {
		fprintf(out, "%llu,%llu,%llu,",
			(unsigned long long)d->b[i].start_ns,
			(unsigned long long)d->b[i].frames,
			(unsigned long long)d->b[i].bytes);
		pk_json_number(out, pk_bucket_rate(&d->b[i], period_ns, u));
		fputc('\n', out);
	}
}

static void data_json(FILE *out, const char *name, uint64_t period_ns,
		      enum pk_unit u, const struct pk_data *d)
{
	fputs("{\"name\":", out);
	pk_json_string(out, name);
	fprintf(out, ",\"period_ns\":%llu,\"unit\":\"%s\",\"buckets\":[",
		(unsigned long long)period_ns, pk_unit_name(u));
	for (size_t i = 0; i < d->n; i++) {
		fputs(i ? ",\n{" : "\n{", out);
		pk_json_time(out, "start", d->b[i].start_ns);
		fprintf(out, ",\"frames\":%llu,\"bytes\":%llu,\"rate\":",
			(unsigned long long)d->b[i].frames,
			(unsigned long long)d->b[i].bytes);
		pk_json_number(out, pk_bucket_rate(&d->b[i], period_ns, u));
		fputc('}', out);
	}
	fprintf(out, "],\n\"lost\":{\"buckets\":%llu,\"frames\":%llu,"
		"\"bytes\":%llu}", (unsigned long long)d->lost.buckets,
		(unsigned long long)d->lost.frames,
		(unsigned long long)d->lost.bytes);
	if (d->have_before)
		fprintf(out, ",\n\"before\":{\"frames\":%llu,\"bytes\":%llu}",
			(unsigned long long)d->before_frames,
			(unsigned long long)d->before_bytes);
	fputs("}\n", out);
}

void pk_print_data(FILE *out, enum pk_format fmt, const char *name,
		   uint64_t period_ns, enum pk_unit u, const struct pk_data *d)
{
	if (fmt == PK_CSV)
		data_csv(out, period_ns, u, d);
	else if (fmt == PK_JSON)
		data_json(out, name, period_ns, u, d);
	else
		data_text(out, name, period_ns, u, d);
}

static void header_text(FILE *out, const struct pk_winfmt *f)
{
	char period[24], window[24], th[32];

	pk_fmt_duration(period, sizeof(period), f->period_ns);
	pk_fmt_duration(window, sizeof(window), f->window_ns);
	if (f->threshold < 0)
		snprintf(th, sizeof(th), "2 x mean");
	else
		pk_fmt_rate(th, sizeof(th), f->unit, f->threshold);
	fprintf(out, "# %s: %s buckets, %s windows, threshold %s\n", f->name,
		period, window, th);
	fprintf(out, "%-27s %7s %14s %14s %14s %6s %6s\n", "WINDOW (UTC)",
		"BUCKETS", "MEAN", "PEAK", "P99", "PEAK/M", "ABOVE");
}

void pk_print_windows_header(FILE *out, const struct pk_winfmt *f)
{
	const char *un = pk_unit_name(f->unit);

	if (f->fmt == PK_TEXT)
		header_text(out, f);
	else if (f->fmt == PK_CSV)
		fprintf(out, "start_ns,buckets,mean_%s_per_second,"
			"peak_%s_per_second,p50_%s_per_second,"
			"p99_%s_per_second,above\n", un, un, un, un);
}

static void row_text(FILE *out, enum pk_unit u, const struct pk_window *w)
{
	char when[40], mean[32], peak[32], p99[32], burst[16];

	pk_fmt_time(when, sizeof(when), w->start_ns);
	pk_fmt_rate(mean, sizeof(mean), u, w->mean);
	pk_fmt_rate(peak, sizeof(peak), u, w->peak);
	pk_fmt_rate(p99, sizeof(p99), u, w->p99);
	if (w->mean > 0)
		snprintf(burst, sizeof(burst), "%.1f", w->peak / w->mean);
	else
		snprintf(burst, sizeof(burst), "-");
	fprintf(out, "%-27s %7zu %14s %14s %14s %6s %6zu\n", when, w->buckets,
		mean, peak, p99, burst, w->above);
}

/* One JSON Lines object per window, complete in itself. */
static void row_json(FILE *out, const struct pk_winfmt *f,
		     const struct pk_window *w)
{
	const double rates[] = { w->mean, w->peak, w->p50, w->p99 };
	const char *const keys[] = { "mean", "peak", "p50", "p99" };

	fputs("{\"name\":", out);
	pk_json_string(out, f->name);
	fputc(',', out);
	pk_json_time(out, "start", w->start_ns);
	fprintf(out, ",\"window_ns\":%llu,\"period_ns\":%llu,\"buckets\":%zu,"
		"\"unit\":\"%s\"", (unsigned long long)f->window_ns,
		(unsigned long long)f->period_ns, w->buckets,
		pk_unit_name(f->unit));
	for (size_t i = 0; i < 4; i++) {
		fprintf(out, ",\"%s\":", keys[i]);
		pk_json_number(out, rates[i]);
	}
	fprintf(out, ",\"above\":%zu}\n", w->above);
}

void pk_print_window_row(FILE *out, const struct pk_winfmt *f,
			 const struct pk_window *w)
{
	if (f->fmt == PK_TEXT)
		row_text(out, f->unit, w);
	else if (f->fmt == PK_JSON)
		row_json(out, f, w);
	else
		fprintf(out, "%llu,%zu,%.15g,%.15g,%.15g,%.15g,%zu\n",
			(unsigned long long)w->start_ns, w->buckets, w->mean,
			w->peak, w->p50, w->p99, w->above);
}

void pk_print_windows(FILE *out, const struct pk_winfmt *f,
		      const struct pk_window *w, size_t n,
		      const struct pk_lost *lost)
{
	pk_print_windows_header(out, f);
	for (size_t i = 0; i < n; i++)
		pk_print_window_row(out, f, &w[i]);
	if (f->fmt == PK_TEXT)
		print_lost(out, lost);
	else
		pk_warn_lost(f->name, lost);
}
