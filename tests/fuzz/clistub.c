// SPDX-License-Identifier: GPL-2.0
/*
 * The two functions of tools/cli.c that follow.c calls. cli.c itself
 * brings in every command (the HTTP server among them); the harnesses
 * need only the message and a sleep they never reach.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include "cli.h"

int pk_usage_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	return PK_EXIT_USAGE;
}

int pk_sleep_until(uint64_t t_ns)
{
	(void)t_ns;
	abort();
}
