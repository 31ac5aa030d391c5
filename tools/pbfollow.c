// SPDX-License-Identifier: GPL-2.0
/* When the exporters read the object list and the streams (see pbfollow.h). */
#include "follow.h"
#include "pbfollow.h"

static int list_due(const struct pk_pb *pb, uint64_t now)
{
	return pb->relist || !pb->listed_ns ||
	       now - pb->listed_ns >= PK_PB_LIST_NS;
}

/* The list and the streams; the interval until the next poll. */
static uint64_t list_and_read(struct pk_pb *pb, const struct pk_proc *p)
{
	struct pk_snapshot s;
	struct pk_err err;
	uint64_t interval;

	if (pk_snapshot_take(p, &s, &err)) {
		fprintf(stderr, "pktstat: %s\n", err.msg);
		return PK_FOLLOW_MAX_NS;
	}
	pthread_mutex_lock(&pb->lock);
	pk_pb_poll(pb, p, &s);
	interval = pb->interval_ns;
	pthread_mutex_unlock(&pb->lock);
	pk_snapshot_free(&s);
	return interval;
}

uint64_t pk_pb_follow(struct pk_pb *pb, const struct pk_proc *p)
{
	uint64_t interval;

	pthread_mutex_lock(&pb->lock);
	if (list_due(pb, pk_now_ns())) {
		pthread_mutex_unlock(&pb->lock);
		return pk_now_ns() + list_and_read(pb, p);
	}
	pk_pb_read(pb, p);
	interval = pb->interval_ns;
	pthread_mutex_unlock(&pb->lock);
	return pk_now_ns() + interval;
}
