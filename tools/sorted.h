/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Arrays of per-object state kept sorted by name, as a snapshot's objects
 * are (pk_snapshot_take()): an element is found by binary search, and a
 * new one inserted where it belongs, which is at the end when the objects
 * come in snapshot order. A linear search per object made 10,000 objects
 * cost 50 million strcmp() calls a pass.
 */
#ifndef PKTSTAT_SORTED_H
#define PKTSTAT_SORTED_H

#include <stddef.h>

/* <0, 0, >0 as name sorts before, with, after the name of *elem. */
typedef int pk_name_cmp_fn(const char *name, const void *elem);

/* In the n elements of size at base, sorted by name (cmp's order): the
 * index of the first one whose name does not sort before name, n if
 * none; *found says whether its name is name. */
size_t pk_sorted_find(const void *base, size_t n, size_t size,
		      const char *name, pk_name_cmp_fn *cmp, int *found);
/* Inserts the size bytes at e at index at (at most *n) of the array at
 * *arrp (a T ** of *n elements, room for *cap, grown by pk_grow()); -1,
 * the array as it was, when out of memory. */
int pk_sorted_insert(void *arrp, size_t *n, size_t *cap, size_t size,
		     size_t at, const void *e);

#endif
