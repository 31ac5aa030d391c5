// SPDX-License-Identifier: GPL-2.0
/* Arrays kept sorted by name (see sorted.h). */
#include <string.h>
#include "proc.h"
#include "sorted.h"

size_t pk_sorted_find(const void *base, size_t n, size_t size,
		      const char *name, pk_name_cmp_fn *cmp, int *found)
{
	size_t lo = 0, hi = n;

	/* appending in order is the common case: one comparison */
	if (n && cmp(name, (const char *)base + (n - 1) * size) > 0)
		lo = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp(name, (const char *)base + mid * size) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = lo < n && cmp(name, (const char *)base + lo * size) == 0;
	return lo;
}

int pk_sorted_insert(void *arrp, size_t *n, size_t *cap, size_t size,
		     size_t at, const void *e)
{
	char *arr;

	/* appended, then moved to its place: usually it is there already */
	if (pk_push(arrp, n, cap, e, size))
		return -1;
	memcpy(&arr, arrp, sizeof(arr));
	memmove(arr + (at + 1) * size, arr + at * size, (*n - 1 - at) * size);
	memcpy(arr + at * size, e, size);
	return 0;
}
