// SPDX-License-Identifier: GPL-2.0
/*
 * The reader's parsers of the files under /proc/net/xt_pktstat, on any
 * bytes. The first byte says which file the rest is: 'i' NAME/info, 't'
 * tags, 'd' NAME/data, 's' NAME/stream (passes separated by '\f', as
 * pktstat reads them when it follows an object). For d and s, the second
 * byte's low 3 bits pick the period the reader believes the object has,
 * and bit 3 keeps runs of empty buckets whole. What a parser accepts must
 * be what proc.h promises; what it refuses must come with a message.
 */
#include <string.h>
#include "follow.h"
#include "fuzz.h"
#include "proc.h"
#include "tagcheck.h"

static const uint64_t periods[8] = {
	100000, 0, 1, 10000, 1000000, 60000000000ull, 3, 1ull << 63,
};

struct order {
	uint64_t period_ns;
	int have_last;
	uint64_t last;		/* start of the last bucket seen (of a run too) */
};

/* Buckets in time order over every pass, on the period's grid, runs
 * empty and long. */
static void check_bucket(const struct pk_bucket *b, uint64_t n, void *arg)
{
	struct order *o = arg;

	FUZZ_CHECK(!o->have_last || b->start_ns > o->last,
		   "bucket at %llu, not after the previous one (%llu)",
		   (unsigned long long)b->start_ns, (unsigned long long)o->last);
	FUZZ_CHECK(!o->period_ns || b->start_ns % o->period_ns == 0,
		   "bucket at %llu off the period", (unsigned long long)b->start_ns);
	FUZZ_CHECK(n == 1 || (n >= 2 && !b->frames && !b->bytes),
		   "run of %llu", (unsigned long long)n);
	/* the parser refuses a run that ends past 2^64 ns */
	o->last = b->start_ns + (n - 1) * o->period_ns;
	o->have_last = 1;
}

/*
 * Passes split at '\f', each into a pk_data of its own as the commands
 * read them: a stream's go on from where the previous one ended, a drain
 * of data (a module older than NAME/stream) starts afresh each time.
 */
static void parse_data(const uint8_t *data, size_t size, int stream)
{
	int keep_runs = size && data[0] & 8;
	struct order o = { .period_ns = size ? periods[data[0] & 7] : 0 };
	struct pk_cursor c = { 0 };
	char *pass;
	size_t len;

	data += size ? 1 : 0;
	size -= size ? 1 : 0;
	while ((pass = fuzz_take(&data, &size, '\f', &len))) {
		struct pk_data d = { .keep_runs = keep_runs };
		struct pk_err err = { "" };
		FILE *f = fuzz_file((const uint8_t *)pass, len);
		int rc;

		if (!stream) {	/* nothing to check a new drain against */
			memset(&c, 0, sizeof(c));
			o.have_last = 0;
		}
		rc = pk_data_parse_pass(f, "web/stream", o.period_ns, &c, &d, &err);
		fclose(f);
		free(pass);
		FUZZ_CHECK(rc == 0 || err.msg[0], "refused without a message");
		FUZZ_CHECK(rc || d.keep_runs || (d.n <= PK_DATA_MAX && !d.nruns),
			   "%zu buckets, %zu runs", d.n, d.nruns);
		if (rc == 0)
			pk_data_each(&d, check_bucket, &o);
		pk_data_free(&d);
		if (rc)
			break;
	}
}

struct follow {
	const struct pk_opts *o;
	const struct pk_info *info;
};

static void follow(void *arg)
{
	const struct follow *f = arg;
	uint64_t period = f->info->v[PK_I_PERIOD_NS], window;

	FUZZ_CHECK(pk_follow_interval(f->o, f->info) > 0, "no interval");
	if (pk_follow_window(f->o, f->info, &window) == PK_EXIT_OK)
		FUZZ_CHECK(window && window % period == 0, "window %llu, period %llu",
			   (unsigned long long)window, (unsigned long long)period);
}

/* The follow defaults from any info that parses. Two keys that follow.c
 * never reads stand in for --interval and --window. */
static void parse_info(const uint8_t *data, size_t size)
{
	FILE *f = fuzz_file(data, size);
	struct pk_info info;
	struct pk_err err = { "" };
	struct pk_opts o = { 0 };
	struct follow arg = { &o, &info };
	int rc = pk_info_parse(f, "web/info", &info, &err);

	fclose(f);
	FUZZ_CHECK(rc == 0 || err.msg[0], "refused without a message");
	if (rc)
		return;
	FUZZ_CHECK(info.v[PK_I_PERIOD_NS], "period 0 accepted");
	o.interval_ns = info.v[PK_I_READ_FRAMES];
	o.window_ns = info.v[PK_I_READ_BYTES];
	FUZZ_CHECK(pk_ring_ns(&info) >= info.v[PK_I_PERIOD_NS] ||
		   (info.have & (1u << PK_I_SAMPLES) && !info.v[PK_I_SAMPLES]),
		   "ring shorter than a period");
	fuzz_quiet(follow, &arg);
}

static void parse_tags(const uint8_t *data, size_t size)
{
	FILE *f = fuzz_file(data, size);
	struct pk_tags tags = { 0 };
	struct pk_err err = { "" };
	int rc = pk_tags_parse(f, "tags", &tags, &err);

	fclose(f);
	FUZZ_CHECK(rc == 0 || err.msg[0], "refused without a message");
	for (size_t i = 0; rc == 0 && i < tags.n; i++) {
		const struct pk_tag *t = &tags.t[i];

		FUZZ_CHECK(!strcmp(t->family, "ipv4") || !strcmp(t->family, "ipv6"),
			   "family \"%s\"", t->family);
		FUZZ_CHECK(pk_valid_name(t->tag), "tag \"%s\"", t->tag);
		FUZZ_CHECK(!strchr(t->desc, '\n'), "description \"%s\"", t->desc);
	}
	if (rc == 0)
		tagcheck_rows(&tags);
	pk_tags_free(&tags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	switch (data[0]) {
	case 'i':
		parse_info(data + 1, size - 1);
		break;
	case 't':
		parse_tags(data + 1, size - 1);
		break;
	case 'd':
	case 's':
		parse_data(data + 1, size - 1, data[0] == 's');
		break;
	}
	return 0;
}
