// SPDX-License-Identifier: GPL-2.0
/* Drawing the watch screen with Unicode block characters (see plot.h). */
#include <math.h>
#include <string.h>
#include <time.h>
#include "plot.h"

#define AXIS_WIDTH	8	/* "999.9G ┤" */
#define FIXED_LINES	8	/* everything but the plot rows */

static const char *const eighths[] = {
	" ", "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█",
};

double pk_nice_ceil(double v)
{
	double p, steps[] = { 1, 2, 5, 10 };

	if (v <= 0)
		return 1;
	p = pow(10, floor(log10(v)));
	for (size_t i = 0; i < 4; i++)
		if (steps[i] * p >= v * (1 - 1e-12))
			return steps[i] * p;
	return 10 * p;
}

static const struct pk_window *window_at(const struct pk_screen *s,
					 uint64_t start)
{
	for (size_t i = s->n; i-- > 0;)
		if (s->w[i].start_ns == start)
			return &s->w[i];
	return NULL;
}

static void axis_label(char *buf, size_t len, double v)
{
	char si[32];

	pk_fmt_si(si, sizeof(si), v, "");
	/* "1.20 G" -> "1.20G" */
	for (char *sp = strchr(si, ' '); sp; sp = strchr(si, ' '))
		memmove(sp, sp + 1, strlen(sp));
	snprintf(buf, len, "%6s", si);
}

static const char *cell(const struct pk_window *w, double top, int row,
			int rows)
{
	double unit = top / rows, lo = row * unit;
	int level;

	if (!w)
		return " ";
	level = (int)floor((w->mean - lo) / unit * 8 + 0.5);
	if (level >= 8)
		return eighths[8];
	if (level > 0)
		return eighths[level];
	return w->peak > lo ? "░" : " ";
}

static void plot_rows(FILE *out, const struct pk_screen *s, int rows,
		      int cols, double top, uint64_t newest)
{
	char label[32];

	for (int r = rows - 1; r >= 0; r--) {
		/* the top of the plot and its middle, at a row's upper edge */
		if (r == rows - 1 || (rows % 2 == 0 && r == rows / 2 - 1))
			axis_label(label, sizeof(label), top * (r + 1) / rows);
		else
			snprintf(label, sizeof(label), "%6s", "");
		fprintf(out, "%s ┤", label);
		for (int c = 0; c < cols; c++) {
			uint64_t back = (uint64_t)(cols - 1 - c) * s->window_ns;
			const struct pk_window *w =
				back > newest ? NULL : window_at(s, newest - back);

			fputs(cell(w, top, r, rows), out);
		}
		fputc('\n', out);
	}
}

static void time_axis(FILE *out, const struct pk_screen *s, int cols,
		      uint64_t newest)
{
	char when[16] = "", left[32];
	time_t t = (time_t)(newest / 1000000000ull);
	struct tm tm;
	double span = (double)(cols - 1) * (double)s->window_ns / 1e9;

	fprintf(out, "%6s └", "0");
	for (int c = 0; c < cols; c++)
		fputs("─", out);
	gmtime_r(&t, &tm);
	strftime(when, sizeof(when), "%H:%M:%SZ", &tm);
	snprintf(left, sizeof(left), "-%.3gs", span);
	fprintf(out, "\n%*s%-*s%s\n", AXIS_WIDTH, "", cols - (int)strlen(when),
		left, when);
}

static void stat_row(FILE *out, const char *label, const struct pk_window *w,
		     double burstiness, enum pk_unit u)
{
	char mean[32], peak[32], p50[32], p99[32], burst[16];

	pk_fmt_rate(mean, sizeof(mean), u, w->mean);
	pk_fmt_rate(peak, sizeof(peak), u, w->peak);
	pk_fmt_rate(p50, sizeof(p50), u, w->p50);
	pk_fmt_rate(p99, sizeof(p99), u, w->p99);
	if (burstiness > 0)
		snprintf(burst, sizeof(burst), "%.1f", burstiness);
	else
		snprintf(burst, sizeof(burst), "-");
	fprintf(out, "%-6s %13s %13s %13s %13s %9s\n", label, mean, peak, p50,
		p99, burst);
}

static double burstiness(const struct pk_window *w)
{
	return w->mean > 0 ? w->peak / w->mean : 0;
}

/* The worst of each statistic over the shown windows; returns the
 * highest peak/mean of a window. */
static double worst(const struct pk_screen *s, uint64_t oldest,
		    struct pk_window *m)
{
	double burst = 0;

	memset(m, 0, sizeof(*m));
	for (size_t i = 0; i < s->n; i++) {
		const struct pk_window *w = &s->w[i];

		if (w->start_ns < oldest)
			continue;
		m->mean = fmax(m->mean, w->mean);
		m->peak = fmax(m->peak, w->peak);
		m->p50 = fmax(m->p50, w->p50);
		m->p99 = fmax(m->p99, w->p99);
		burst = fmax(burst, burstiness(w));
	}
	return burst;
}

static void stats(FILE *out, const struct pk_screen *s, uint64_t oldest)
{
	struct pk_window m;
	char window[24];
	double burst;

	pk_fmt_duration(window, sizeof(window), s->window_ns);
	fprintf(out, "%-6s %13s %13s %13s %13s %9s\n", window, "MEAN",
		"PEAK BUCKET", "P50", "P99", "PEAK/MEAN");
	if (s->last)
		stat_row(out, "last", s->last, burstiness(s->last), s->unit);
	else
		fprintf(out, "last   (waiting for a complete window)\n");
	burst = worst(s, oldest, &m);
	stat_row(out, "max", &m, burst, s->unit);
}

void pk_plot(FILE *out, const struct pk_screen *s)
{
	int cols = s->width - AXIS_WIDTH - 1;
	int rows = s->height - FIXED_LINES;
	uint64_t newest = s->n ? s->w[s->n - 1].start_ns : 0;
	uint64_t span = (uint64_t)(cols - 1) * s->window_ns;
	double top = 0;
	char period[24];

	if (cols < 10)
		cols = 10;
	if (rows < 3)
		rows = 3;
	for (size_t i = 0; i < s->n; i++)
		top = fmax(top, s->w[i].peak);
	top = pk_nice_ceil(top);
	pk_fmt_duration(period, sizeof(period), s->period_ns);
	fprintf(out, "pktstat watch %s   %s buckets   %s/s   %llu buckets, %llu lost\n",
		s->name, period, pk_unit_name(s->unit),
		(unsigned long long)s->buckets,
		(unsigned long long)s->lost_buckets);
	plot_rows(out, s, rows, cols, top, newest);
	time_axis(out, s, cols, newest);
	pk_fmt_duration(period, sizeof(period), s->window_ns);
	fprintf(out, "%*s█ mean  ░ peak bucket   one column per %s\n",
		AXIS_WIDTH, "", period);
	stats(out, s, newest > span ? newest - span : 0);
}
