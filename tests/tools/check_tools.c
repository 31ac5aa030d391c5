// SPDX-License-Identifier: GPL-2.0
/* The unit tests of tools/pktstat. */
#include <stdlib.h>
#include "suites.h"

char *capture(void (*f)(FILE *out, const void *arg), const void *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	f(out, arg);
	fclose(out);
	return buf;
}

int main(void)
{
	SRunner *sr = srunner_create(parse_suite());
	int failed;

	srunner_add_suite(sr, stats_suite());
	srunner_add_suite(sr, output_suite());
	srunner_add_suite(sr, reader_suite());
	srunner_add_suite(sr, burst_suite());
	srunner_add_suite(sr, bstats_suite());
	srunner_add_suite(sr, follow_suite());
	srunner_add_suite(sr, mstate_suite());
	srunner_add_suite(sr, addrs_suite());
	srunner_add_suite(sr, addrexport_suite());
	srunner_add_suite(sr, modcheck_suite());
	srunner_add_suite(sr, sorted_suite());
	srunner_add_suite(sr, runprog_suite());
	srunner_add_suite(sr, fdlines_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
