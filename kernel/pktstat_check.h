/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Validation of a rule's xt_pktstat_info, shared by the kernel (checkentry),
 * the iptables plugin and the unit tests. The kernel must accept only what
 * this says is valid, whatever bytes userspace sent.
 */
#ifndef _PKTSTAT_CHECK_H
#define _PKTSTAT_CHECK_H

#ifdef __KERNEL__
#include <linux/string.h>
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#endif
#include "xt_pktstat.h"

static inline bool pktstat_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

/* NULL if @s (a field of @size bytes) is a valid name or tag, else why not */
static inline const char *pktstat_check_name(const char *s, size_t size)
{
	size_t len = strnlen(s, size);
	size_t i;

	if (len == 0)
		return "is empty";
	if (len >= size)
		return "is longer than 31 characters";
	for (i = 0; i < len; i++)
		if (!pktstat_name_char(s[i]))
			return "may contain only A-Z a-z 0-9 _ . -";
	if (!strcmp(s, ".") || !strcmp(s, ".."))
		return "may not be \".\" or \"..\"";
	return NULL;
}

/* An object name also lives beside the tags file in /proc/net/xt_pktstat. */
static inline const char *pktstat_check_object_name(const char *s, size_t size)
{
	const char *why = pktstat_check_name(s, size);

	if (!why && !strcmp(s, XT_PKTSTAT_PROC_TAGS))
		return "is reserved (/proc/net/xt_pktstat/" XT_PKTSTAT_PROC_TAGS ")";
	return why;
}

/*
 * The tags file is line based: a description is printable ASCII only. The
 * plugin trims blanks at either end, so a description with one could not
 * be saved and restored to the same bytes (iptables -D and -C compare them).
 */
static inline const char *pktstat_check_desc(const char *s, size_t size)
{
	size_t len = strnlen(s, size);
	size_t i;

	if (len >= size)
		return "is longer than 127 characters";
	if (len && (s[0] == ' ' || s[len - 1] == ' '))
		return "may not begin or end with a space";
	for (i = 0; i < len; i++)
		if (s[i] < 0x20 || s[i] > 0x7e)
			return "may contain only printable ASCII characters";
	return NULL;
}

static inline bool pktstat_field_is_clear(const char *s, size_t size)
{
	size_t i;

	for (i = 0; i < size; i++)
		if (s[i])
			return false;
	return true;
}

/* After a string's NUL, only zeros: one rule, one byte form. */
static inline bool pktstat_field_is_padded(const char *s, size_t size)
{
	size_t len = strnlen(s, size);

	return len == size || pktstat_field_is_clear(s + len, size - len);
}

/*
 * NULL if @info is consistent, else a message for the log. Fields that the
 * flags leave unused must be zero, and so must every byte after a string's
 * NUL, so that every valid rule has exactly one representation (iptables -D
 * and -C compare the bytes).
 */
static inline const char *pktstat_check_info(const struct xt_pktstat_info *info)
{
	const bool buckets = info->flags & XT_PKTSTAT_F_BUCKETS;
	const bool named = info->flags & XT_PKTSTAT_F_NAME;
	const bool tagged = info->flags & XT_PKTSTAT_F_TAG;

	if (info->flags & ~XT_PKTSTAT_F_ALL)
		return "unknown flags";
	if (!buckets && !tagged)
		return "neither buckets nor a tag requested";
	if (named && !buckets)
		return "a name without buckets";
	if (buckets) {
		if (info->period_ns < XT_PKTSTAT_PERIOD_MIN_NS ||
		    info->period_ns > XT_PKTSTAT_PERIOD_MAX_NS)
			return "period out of range (10us to 60s)";
		if (info->samples < XT_PKTSTAT_SAMPLES_MIN ||
		    info->samples > XT_PKTSTAT_SAMPLES_MAX)
			return "samples out of range (1 to 1000000)";
	} else if (info->period_ns || info->samples) {
		return "period or samples without buckets";
	}
	if (named) {
		if (pktstat_check_object_name(info->name, sizeof(info->name)))
			return "invalid name";
	} else if (!pktstat_field_is_clear(info->name, sizeof(info->name))) {
		return "name bytes set without a name";
	}
	if (tagged) {
		if (pktstat_check_name(info->tag, sizeof(info->tag)))
			return "invalid tag";
		if (pktstat_check_desc(info->desc, sizeof(info->desc)))
			return "invalid description";
	} else if (!pktstat_field_is_clear(info->tag, sizeof(info->tag)) ||
		   !pktstat_field_is_clear(info->desc, sizeof(info->desc))) {
		return "tag bytes set without a tag";
	}
	if (!pktstat_field_is_padded(info->name, sizeof(info->name)) ||
	    !pktstat_field_is_padded(info->tag, sizeof(info->tag)) ||
	    !pktstat_field_is_padded(info->desc, sizeof(info->desc)))
		return "bytes after the end of a string are not zero";
	return NULL;
}

/* NULL if revision 1's address fields are consistent with its flags */
static inline const char *
pktstat_check_addresses(const struct xt_pktstat_info_v1 *info)
{
	if (!(info->flags & XT_PKTSTAT_F_ADDRESSES)) {
		if (info->max_addresses || info->by || info->prefix4 ||
		    info->prefix6 || info->reserved)
			return "address fields set without addresses";
		return NULL;
	}
	if (!(info->flags & XT_PKTSTAT_F_BUCKETS))
		return "addresses without buckets";
	if (!info->by || (info->by & ~(XT_PKTSTAT_BY_SRC | XT_PKTSTAT_BY_DST)))
		return "by must be src, dst or both";
	if (info->prefix4 > 32)
		return "prefix4 out of range (0 to 32)";
	if (info->prefix6 > 128)
		return "prefix6 out of range (0 to 128)";
	if (info->max_addresses < XT_PKTSTAT_ADDRESSES_MIN ||
	    info->max_addresses > XT_PKTSTAT_ADDRESSES_MAX)
		return "max_addresses out of range (1 to 65536)";
	if (info->reserved)
		return "reserved byte set";
	return NULL;
}

/*
 * Revision 1: revision 0's fields, checked as revision 0 checks them (with
 * its flags), then the address table's.
 */
static inline const char *
pktstat_check_info_v1(const struct xt_pktstat_info_v1 *info)
{
	struct xt_pktstat_info common;
	const char *why;

	if (info->flags & ~XT_PKTSTAT_F_ALL_V1)
		return "unknown flags";
	memset(&common, 0, sizeof(common));
	memcpy(&common, info, offsetof(struct xt_pktstat_info_v1, max_addresses));
	common.flags &= ~XT_PKTSTAT_F_ADDRESSES;
	why = pktstat_check_info(&common);
	return why ? why : pktstat_check_addresses(info);
}

#endif /* _PKTSTAT_CHECK_H */
