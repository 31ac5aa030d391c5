/* SPDX-License-Identifier: GPL-2.0 */
/* Pieces of JSON output shared by the commands. */
#ifndef PKTSTAT_JSON_H
#define PKTSTAT_JSON_H

#include <stdint.h>
#include <stdio.h>

/* s as a JSON string: quotes, backslashes and control characters escaped,
 * bytes that are not UTF-8 replaced by U+FFFD (names come from files). */
void pk_json_string(FILE *out, const char *s);
/* "KEY_ns":N,"KEY_s":S,"KEY_ns_frac":F: N is above 2^53, where JavaScript
 * and jq round; S (whole seconds) and F (0 to 999999999) are exact. */
void pk_json_time(FILE *out, const char *key, uint64_t ns);
/* A rate or other number (JSON or CSV): integers without a fraction and
 * without %g's cost, null if not finite. */
void pk_json_number(FILE *out, double v);

#endif
