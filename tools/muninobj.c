// SPDX-License-Identifier: GPL-2.0
/* The munin plugin's graph per object (see muninobj.h). */
#include "cleanname.h"
#include "muninobj.h"
#include "units.h"

static void graph(FILE *out, const struct pk_munin *m,
		  const struct pk_munin_obj *o)
{
	char clean[PK_CLEAN_LEN];

	pk_clean_name(clean, sizeof(clean), o->name, "");
	fprintf(out, "#\nmultigraph %s.%s_bursts\n", m->plugin, clean);
}

static void field_config(FILE *out, const struct pk_munin *m,
			 const char *field, const char *label)
{
	fprintf(out, "%s.label %s\n%s.type GAUGE\n%s.min 0\n", field, label,
		field, field);
	if (m->what == PK_BITS)
		fprintf(out, "%s.cdef %s,8,*\n", field, field);
}

static void one_config(FILE *out, const struct pk_munin *m,
		       const struct pk_munin_obj *o)
{
	char period[24], ring[24], label[64];

	pk_fmt_duration(period, sizeof(period), o->period_ns);
	pk_fmt_duration(ring, sizeof(ring), o->ring_ns);
	graph(out, m, o);
	fprintf(out, "graph_title %s: mean and peak %s bucket\n"
		"graph_info The mean rate of the pktstat object %s since the "
		"previous poll, and its busiest %s bucket among the last %s "
		"(its ring) at most\n"
		"graph_args --base 1000 -l 0\ngraph_category network\n"
		"graph_vlabel %s per second\ngraph_order mean peak\n",
		o->name, period, o->name, period, ring, pk_unit_name(m->what));
	field_config(out, m, "mean", "mean");
	snprintf(label, sizeof(label), "peak %s bucket", period);
	field_config(out, m, "peak", label);
}

void pk_munin_obj_config(FILE *out, const struct pk_munin *m,
			 const struct pk_munin_obj *o, size_t n)
{
	for (size_t i = 0; i < n; i++)
		one_config(out, m, &o[i]);
}

/* "U" when not measured: no bucket ended since the previous fetch. */
static void value(FILE *out, const char *field, int have, double v)
{
	if (have)
		fprintf(out, "%s.value %.15g\n", field, v);
	else
		fprintf(out, "%s.value U\n", field);
}

void pk_munin_obj_fetch(FILE *out, const struct pk_munin *m,
			const struct pk_munin_obj *o, size_t n)
{
	int packets = m->what == PK_PACKETS;

	for (size_t i = 0; i < n; i++) {
		const struct pk_pollrate *r = &o[i].r;

		graph(out, m, &o[i]);
		value(out, "mean", r->have_mean,
		      packets ? r->mean_frames : r->mean_bytes);
		value(out, "peak", r->have_peak,
		      packets ? r->peak_frames : r->peak_bytes);
	}
}
