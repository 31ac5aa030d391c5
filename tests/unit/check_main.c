// SPDX-License-Identifier: GPL-2.0
/* One runner for the unit suites of the kernel and plugin sources. */
#include <stdlib.h>
#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(suite_check());
	int failed;

	srunner_add_suite(sr, suite_bucket());
	srunner_add_suite(sr, suite_cursor());
	srunner_add_suite(sr, suite_parse());
	srunner_add_suite(sr, suite_plugin());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
