// SPDX-License-Identifier: GPL-2.0
/* Tag rows and munin output of any tag list (see tagcheck.h). */
#include <string.h>
#include "fuzz.h"
#include "munin.h"
#include "tagcheck.h"
#include "tagrows.h"

/* Every row found again, sorted, and no frame or byte lost or added. */
static void check_sums(const struct pk_tags *tags, const struct pk_tagrow *rows,
		       size_t n)
{
	uint64_t frames = 0, bytes = 0;

	for (size_t i = 0; i < tags->n; i++) {
		frames += tags->t[i].frames;
		bytes += tags->t[i].bytes;
	}
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(pk_tagrow_find(rows, n, &rows[i]) == &rows[i],
			   "row %zu (%s %s) not found", i, rows[i].family, rows[i].stem);
		FUZZ_CHECK(rows[i].desc[0], "row %s without a description", rows[i].stem);
		frames -= rows[i].up_frames + rows[i].down_frames;
		bytes -= rows[i].up_bytes + rows[i].down_bytes;
	}
	FUZZ_CHECK(!frames && !bytes, "rows do not add up to the tags");
}

/* The first word of each line the plugin prints, up to '.' (a field) or
 * a space: munin takes [A-Za-z0-9_] only. */
static void check_munin_words(const char *out)
{
	for (const char *line = out; *line; line += strcspn(line, "\n") + 1) {
		size_t word = strcspn(line, ". \n");

		if (!strncmp(line, "multigraph ", 11) || line[0] == '#')
			continue;
		for (size_t i = 0; i < word; i++)
			FUZZ_CHECK(line[i] == '_' || (line[i] >= '0' && line[i] <= '9') ||
				   (line[i] >= 'a' && line[i] <= 'z') ||
				   (line[i] >= 'A' && line[i] <= 'Z'),
				   "munin line \"%.*s\"", (int)strcspn(line, "\n"), line);
		if (!line[strcspn(line, "\n")])
			break;
	}
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The root graph's values (fetch, before the first multigraph line): one
 * field per half of a row, no two alike, or munin keeps only one. */
static void check_fields(char *fetch, size_t rows)
{
	char **names = calloc(2 * rows + 1, sizeof(*names));
	size_t n = 0;

	if (!names)
		abort();
	for (char *line = strtok(fetch, "\n"); line && line[0] != '#' && n < 2 * rows;
	     line = strtok(NULL, "\n")) {
		line[strcspn(line, ".")] = '\0';
		names[n++] = line;
	}
	qsort(names, n, sizeof(*names), cmp_str);
	for (size_t i = 1; i < n; i++)
		FUZZ_CHECK(strcmp(names[i - 1], names[i]), "two rows are munin "
			   "field %s", names[i]);
	free(names);
}

static char *munin_output(const struct pk_tagrow *rows, size_t n, int config)
{
	struct pk_munin m = { .plugin = "traffic_accounting", .what = PK_BITS,
			      .multigraph = 1 };
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);

	if (!f)
		abort();
	if (config) {
		pk_munin_config(f, &m, rows, n);
		pk_munin_suggest(f, rows, n);
	} else {
		pk_munin_fetch(f, &m, rows, n);
	}
	fclose(f);
	return out;
}

static void check_munin(const struct pk_tagrow *rows, size_t n)
{
	char *config = munin_output(rows, n, 1), *fetch = munin_output(rows, n, 0);

	check_munin_words(config);
	check_munin_words(fetch);
	check_fields(fetch, n);
	free(config);
	free(fetch);
}

void tagcheck_rows(const struct pk_tags *tags)
{
	struct pk_tagrow *rows;
	size_t n = pk_tagrows(tags, &rows);

	FUZZ_CHECK(n <= tags->n, "%zu rows from %zu tags", n, tags->n);
	check_sums(tags, rows, n);
	check_munin(rows, n);
	free(rows);
}
