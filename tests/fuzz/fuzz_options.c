// SPDX-License-Identifier: GPL-2.0
/*
 * The plugin's options as iptables-restore reads them from a line
 * ("--name web --period 100us --tag \"=web4_up= Web\""): whatever the
 * plugin accepts, the kernel's checkentry must accept too (else iptables
 * says EINVAL after saying nothing), and iptables-save must write it back
 * in words that give the same bytes.
 */
#include <string.h>
#include "fuzz.h"
#include "pktstat_check.h"
#include "xtplugin.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xt_pktstat_info info;
	char *line = fuzz_str(data, size), *words[16];
	int n = xtp_words(line, words, 16);
	const char *why;

	if (xtp_parse(words, n, &info) == 0) {
		why = pktstat_check_info(&info);
		FUZZ_CHECK(!why, "the plugin accepted \"%.*s\", the kernel "
			   "would refuse it: %s", (int)size, (const char *)data, why);
		xtp_check_roundtrip(&info);
	}
	free(line);
	return 0;
}
