// SPDX-License-Identifier: GPL-2.0
/* What an address table counted between two reads (see addrdelta.h). */
#include <stdlib.h>
#include <string.h>
#include "addrdelta.h"

int pk_addr_counts_any(const struct pk_addr_counts *c)
{
	return c->src_frames || c->src_bytes || c->dst_frames || c->dst_bytes;
}

static int lower(const struct pk_addr_counts *now,
		 const struct pk_addr_counts *then)
{
	return now->src_frames < then->src_frames ||
	       now->src_bytes < then->src_bytes ||
	       now->dst_frames < then->dst_frames ||
	       now->dst_bytes < then->dst_bytes;
}

/* now - then, or now when then is NULL or above it. */
static struct pk_addr_counts since(const struct pk_addr_counts *then,
				   const struct pk_addr_counts *now)
{
	if (!then || lower(now, then))
		return *now;
	return (struct pk_addr_counts){
		now->src_frames - then->src_frames,
		now->src_bytes - then->src_bytes,
		now->dst_frames - then->dst_frames,
		now->dst_bytes - then->dst_bytes,
	};
}

void pk_addrs_delta(const struct pk_addrs *then, const struct pk_addrs *now,
		    struct pk_addrs *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < now->n; i++) {
		const struct pk_addr *was =
			then ? pk_addrs_find(then, &now->a[i]) : NULL;
		struct pk_addr d = now->a[i];

		d.c = since(was ? &was->c : NULL, &now->a[i].c);
		if (pk_addr_counts_any(&d.c) && pk_addrs_push(out, &d))
			abort();
	}
	out->other = since(then ? &then->other : NULL, &now->other);
}
