// SPDX-License-Identifier: GPL-2.0
/*
 * fuzzinfo: submit random and mutated xt_pktstat_info structures to the
 * kernel through the interfaces iptables uses, bypassing the plugin's
 * checks: IPT_SO_SET_REPLACE, IP6T_SO_SET_REPLACE (whole filter tables) and
 * nf_tables' compat "match" expression (NFTA_MATCH_INFO).
 *
 *   fuzzinfo [--seed N] [--count N] [--keep N]   fuzz, then print a summary
 *   fuzzinfo --flush                              empty what it made
 *
 * Each legacy table replace carries the new structure and up to --keep
 * structures the kernel accepted before, so that shared names meet other
 * parameters, and reloads renew objects. The kernel must refuse what is
 * invalid with an error and never misbehave: the test around this program
 * reads the kernel log. Exit status: 0, or 1 when the kernel answered in a
 * way the interfaces do not allow (e.g. an unknown error code).
 */
#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/netfilter.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nf_tables.h>
#include <linux/netfilter/nf_tables_compat.h>
#include <linux/netfilter_ipv4/ip_tables.h>
#include <linux/netfilter_ipv6/ip6_tables.h>
#include "xt_pktstat.h"

#define INFO_SIZE	sizeof(struct xt_pktstat_info)
#define MATCH_SIZE	XT_ALIGN(sizeof(struct xt_entry_match) + INFO_SIZE)
#define STD_SIZE	XT_ALIGN(sizeof(struct xt_standard_target))
#define ERR_SIZE	XT_ALIGN(sizeof(struct xt_error_target))
#define MAX_KEEP	16
#define NFT_TABLE	"pktfuzz"
#define NFT_CHAIN	"in"

static uint64_t rng_state;

static uint64_t rnd(void)
{
	/* xorshift64*: reproducible from --seed */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545F4914F6CDD1DULL;
}

static unsigned int rnd_below(unsigned int n)
{
	return (unsigned int)(rnd() % n);
}

/* --- making structures ---------------------------------------------- */

static const char *const names[] = { "a", "b", "web", "0", "1", "tags", "x.y-z_", "." };

static const uint64_t periods[] = {
	0, 1, 9999, 10000, 10001, 1000000, 10000000, 59999999999ULL,
	60000000000ULL, 60000000001ULL, UINT64_MAX, 1ULL << 63,
};

static const uint32_t sampleses[] = {
	0, 1, 2, 100, 1000, 4096, 999999, 1000000, 1000001, UINT32_MAX,
};

/* a string field: valid, empty, unterminated, odd bytes, or bytes after NUL */
static void fill_string(char *s, size_t size, int printable_ok)
{
	const char *name = names[rnd_below(sizeof(names) / sizeof(*names))];

	memset(s, 0, size);
	switch (rnd_below(8)) {
	case 0:
		break;
	case 1:
		memset(s, 'a', size);			/* no NUL */
		break;
	case 2:
		memset(s, 'a', size - 1);		/* longest */
		break;
	case 3:
		snprintf(s, size, "%s", name);
		s[size - 1 - rnd_below(4)] = (char)rnd();	/* after the NUL */
		break;
	case 4:
		for (size_t i = 0; i < size; i++)
			s[i] = (char)rnd();
		break;
	case 5:
		snprintf(s, size, printable_ok ? "=%s_up= d\x7f\x01" : "%s/..", name);
		break;
	default:
		snprintf(s, size, "%s", name);
		break;
	}
}

/* a structure the plugin could have sent: names from a small pool, so they meet */
static void valid_info(struct xt_pktstat_info *info)
{
	static const uint64_t ok_periods[] = { 10000, 1000000, 10000000, 60000000000ULL };
	static const uint32_t ok_samples[] = { 1, 100, 1000 };
	static const char *const ok_names[] = { "a", "b", "web", "x.y-z_" };

	memset(info, 0, INFO_SIZE);
	info->flags = 1 + rnd_below(XT_PKTSTAT_F_ALL);
	if (info->flags & XT_PKTSTAT_F_NAME)
		info->flags |= XT_PKTSTAT_F_BUCKETS;
	if (info->flags & XT_PKTSTAT_F_BUCKETS) {
		info->period_ns = ok_periods[rnd_below(4)];
		info->samples = ok_samples[rnd_below(3)];
	}
	if (info->flags & XT_PKTSTAT_F_NAME)
		strcpy(info->name, ok_names[rnd_below(4)]);
	if (info->flags & XT_PKTSTAT_F_TAG) {
		strcpy(info->tag, ok_names[rnd_below(4)]);
		if (rnd_below(2))
			strcpy(info->desc, "web traffic");
	}
}

/* one field of a valid structure changed */
static void mutate_info(struct xt_pktstat_info *info)
{
	switch (rnd_below(6)) {
	case 0:
		info->period_ns = periods[rnd_below(sizeof(periods) / sizeof(*periods))];
		break;
	case 1:
		info->samples = sampleses[rnd_below(sizeof(sampleses) / sizeof(*sampleses))];
		break;
	case 2:
		info->flags ^= 1u << rnd_below(32);
		break;
	case 3:
		fill_string(info->name, sizeof(info->name), 0);
		break;
	case 4:
		if (rnd_below(2))
			fill_string(info->tag, sizeof(info->tag), 0);
		else
			fill_string(info->desc, sizeof(info->desc), 1);
		break;
	default:
		((unsigned char *)info)[rnd_below(INFO_SIZE)] ^= (unsigned char)(1 + rnd_below(255));
		break;
	}
}

static void random_info(struct xt_pktstat_info *info)
{
	unsigned char *raw = (unsigned char *)info;

	switch (rnd_below(10)) {
	case 0:					/* any bytes at all */
		for (size_t i = 0; i < INFO_SIZE; i++)
			raw[i] = (unsigned char)rnd();
		return;
	case 1: case 2: case 3:			/* valid */
		valid_info(info);
		break;
	case 4: case 5: case 6:			/* one thing wrong, or not */
		valid_info(info);
		mutate_info(info);
		break;
	default:				/* every field drawn on its own */
		memset(info, 0, INFO_SIZE);
		info->period_ns = rnd_below(4) ? periods[rnd_below(sizeof(periods) / sizeof(*periods))] : rnd();
		info->samples = rnd_below(4) ? sampleses[rnd_below(sizeof(sampleses) / sizeof(*sampleses))] : (uint32_t)rnd();
		info->flags = rnd_below(8) ? rnd_below(XT_PKTSTAT_F_ALL + 1) : (uint32_t)rnd();
		if (rnd_below(4))
			fill_string(info->name, sizeof(info->name), 0);
		if (rnd_below(2))
			fill_string(info->tag, sizeof(info->tag), 0);
		if (rnd_below(3) == 0)
			fill_string(info->desc, sizeof(info->desc), 1);
		break;
	}
	if (rnd_below(4) == 0)			/* the kernel's own fields */
		memset(&info->object, 0xa5, INFO_SIZE - offsetof(struct xt_pktstat_info, object));
}

/* --- iptables-legacy: a whole filter table per replace ---------------- */

struct family {
	const char *label;
	int level;		/* SOL_IP or SOL_IPV6 */
	int get_info, set_replace;
	size_t entry_size;	/* struct ipt_entry or ip6t_entry */
	size_t target_off, next_off;	/* their offsets in it */
	int domain;
};

static const struct family fam4 = {
	"ipv4", SOL_IP, IPT_SO_GET_INFO, IPT_SO_SET_REPLACE,
	sizeof(struct ipt_entry), offsetof(struct ipt_entry, target_offset),
	offsetof(struct ipt_entry, next_offset), AF_INET,
};

static const struct family fam6 = {
	"ipv6", SOL_IPV6, IP6T_SO_GET_INFO, IP6T_SO_SET_REPLACE,
	sizeof(struct ip6t_entry), offsetof(struct ip6t_entry, target_offset),
	offsetof(struct ip6t_entry, next_offset), AF_INET6,
};

static void set_u16(unsigned char *p, size_t off, uint16_t v)
{
	memcpy(p + off, &v, sizeof(v));
}

/* one entry at @p: our match when @info, then a target; returns its size */
static size_t put_entry(const struct family *fam, unsigned char *p,
			const struct xt_pktstat_info *info, int error)
{
	size_t off = fam->entry_size;
	struct xt_entry_target *t;

	memset(p, 0, fam->entry_size);
	if (info) {
		struct xt_entry_match *m = (struct xt_entry_match *)(p + off);

		memset(m, 0, MATCH_SIZE);
		m->u.user.match_size = MATCH_SIZE;
		strcpy(m->u.user.name, "pktstat");
		m->u.user.revision = XT_PKTSTAT_REVISION;
		memcpy(m->data, info, INFO_SIZE);
		off += MATCH_SIZE;
	}
	set_u16(p, fam->target_off, (uint16_t)off);
	t = (struct xt_entry_target *)(p + off);
	if (error) {
		struct xt_error_target *e = (struct xt_error_target *)t;

		memset(e, 0, ERR_SIZE);
		t->u.user.target_size = ERR_SIZE;
		strcpy(t->u.user.name, XT_ERROR_TARGET);
		strcpy(e->errorname, XT_ERROR_TARGET);
		off += ERR_SIZE;
	} else {
		struct xt_standard_target *s = (struct xt_standard_target *)t;

		memset(s, 0, STD_SIZE);
		t->u.user.target_size = STD_SIZE;
		s->verdict = -NF_ACCEPT - 1;
		off += STD_SIZE;
	}
	set_u16(p, fam->next_off, (uint16_t)off);
	return off;
}

/*
 * Replace the filter table with @n rules of ours in INPUT; returns 0 or the
 * errno. The hook arrays and the replace header are the same for both
 * families (struct ipt_replace and ip6t_replace differ only in entries).
 */
static int legacy_replace(const struct family *fam,
			  const struct xt_pktstat_info *infos, unsigned int n)
{
	struct ipt_getinfo gi = { .name = "filter" };
	socklen_t len = sizeof(gi);
	struct ipt_replace *r;
	struct xt_counters *counters;
	size_t entry_max = fam->entry_size + MATCH_SIZE + ERR_SIZE;
	unsigned char *p;
	size_t off = 0;
	int fd, err = 0;

	fd = socket(fam->domain, SOCK_RAW, IPPROTO_RAW);
	if (fd < 0)
		return errno;
	if (getsockopt(fd, fam->level, fam->get_info, &gi, &len)) {
		err = errno;
		close(fd);
		return err;
	}
	r = calloc(1, sizeof(*r) + (n + 4) * entry_max);
	counters = calloc(gi.num_entries + 1, sizeof(*counters));
	if (!r || !counters) {
		fprintf(stderr, "fuzzinfo: out of memory\n");
		exit(2);
	}
	p = (unsigned char *)r->entries;
	r->hook_entry[NF_INET_LOCAL_IN] = 0;
	for (unsigned int i = 0; i < n; i++)
		off += put_entry(fam, p + off, &infos[i], 0);
	r->underflow[NF_INET_LOCAL_IN] = off;
	off += put_entry(fam, p + off, NULL, 0);
	r->hook_entry[NF_INET_FORWARD] = r->underflow[NF_INET_FORWARD] = off;
	off += put_entry(fam, p + off, NULL, 0);
	r->hook_entry[NF_INET_LOCAL_OUT] = r->underflow[NF_INET_LOCAL_OUT] = off;
	off += put_entry(fam, p + off, NULL, 0);
	off += put_entry(fam, p + off, NULL, 1);

	strcpy(r->name, "filter");
	r->valid_hooks = gi.valid_hooks;
	r->num_entries = n + 4;
	r->size = off;
	r->num_counters = gi.num_entries;
	r->counters = counters;
	if (setsockopt(fd, fam->level, fam->set_replace, r, sizeof(*r) + off))
		err = errno;
	free(counters);
	free(r);
	close(fd);
	return err;
}

/* --- iptables-nft: a rule with a compat match, by netlink -------------- */

struct nlbuf {
	unsigned char data[8192];
	size_t len;
	uint32_t seq;
};

static struct nlmsghdr *nl_msg(struct nlbuf *b, uint16_t type, uint16_t flags,
			       uint8_t family, uint16_t res_id)
{
	struct nlmsghdr *h = (struct nlmsghdr *)(b->data + b->len);
	struct nfgenmsg *g;

	memset(h, 0, NLMSG_HDRLEN + sizeof(*g));
	h->nlmsg_type = type;
	h->nlmsg_flags = NLM_F_REQUEST | flags;
	h->nlmsg_seq = ++b->seq;
	h->nlmsg_len = NLMSG_HDRLEN + NLMSG_ALIGN(sizeof(*g));
	g = NLMSG_DATA(h);
	g->nfgen_family = family;
	g->version = NFNETLINK_V0;
	g->res_id = htons(res_id);
	return h;
}

static void nl_end(struct nlbuf *b, struct nlmsghdr *h)
{
	b->len += NLMSG_ALIGN(h->nlmsg_len);
}

static struct nlattr *nl_attr(struct nlmsghdr *h, uint16_t type,
			      const void *data, size_t len)
{
	struct nlattr *a = (struct nlattr *)((unsigned char *)h + NLMSG_ALIGN(h->nlmsg_len));

	a->nla_type = type;
	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	if (len)
		memcpy((unsigned char *)a + NLA_HDRLEN, data, len);
	h->nlmsg_len = NLMSG_ALIGN(h->nlmsg_len) + NLA_ALIGN(a->nla_len);
	return a;
}

static void nl_str(struct nlmsghdr *h, uint16_t type, const char *s)
{
	nl_attr(h, type, s, strlen(s) + 1);
}

static void nl_be32(struct nlmsghdr *h, uint16_t type, uint32_t v)
{
	v = htonl(v);
	nl_attr(h, type, &v, sizeof(v));
}

static struct nlattr *nl_nest(struct nlmsghdr *h, uint16_t type)
{
	return nl_attr(h, type | NLA_F_NESTED, NULL, 0);
}

static void nl_nest_end(struct nlmsghdr *h, struct nlattr *a)
{
	a->nla_len = (uint16_t)((unsigned char *)h + h->nlmsg_len - (unsigned char *)a);
}

static uint16_t nft_type(int msg)
{
	return (uint16_t)((NFNL_SUBSYS_NFTABLES << 8) | msg);
}

static void nft_table_chain(struct nlbuf *b, uint8_t family)
{
	struct nlmsghdr *h;
	struct nlattr *hook;

	h = nl_msg(b, nft_type(NFT_MSG_NEWTABLE), NLM_F_CREATE, family, 0);
	nl_str(h, NFTA_TABLE_NAME, NFT_TABLE);
	nl_end(b, h);
	h = nl_msg(b, nft_type(NFT_MSG_NEWCHAIN), NLM_F_CREATE, family, 0);
	nl_str(h, NFTA_CHAIN_TABLE, NFT_TABLE);
	nl_str(h, NFTA_CHAIN_NAME, NFT_CHAIN);
	hook = nl_nest(h, NFTA_CHAIN_HOOK);
	nl_be32(h, NFTA_HOOK_HOOKNUM, NF_INET_LOCAL_IN);
	nl_be32(h, NFTA_HOOK_PRIORITY, 0);
	nl_nest_end(h, hook);
	nl_str(h, NFTA_CHAIN_TYPE, "filter");
	nl_end(b, h);
}

static void nft_rule(struct nlbuf *b, uint8_t family,
		     const struct xt_pktstat_info *info)
{
	struct nlmsghdr *h;
	struct nlattr *list, *elem, *data;

	h = nl_msg(b, nft_type(NFT_MSG_NEWRULE), NLM_F_CREATE | NLM_F_APPEND | NLM_F_ACK,
		   family, 0);
	nl_str(h, NFTA_RULE_TABLE, NFT_TABLE);
	nl_str(h, NFTA_RULE_CHAIN, NFT_CHAIN);
	list = nl_nest(h, NFTA_RULE_EXPRESSIONS);
	elem = nl_nest(h, NFTA_LIST_ELEM);
	nl_str(h, NFTA_EXPR_NAME, "match");
	data = nl_nest(h, NFTA_EXPR_DATA);
	nl_str(h, NFTA_MATCH_NAME, "pktstat");
	nl_be32(h, NFTA_MATCH_REV, XT_PKTSTAT_REVISION);
	nl_attr(h, NFTA_MATCH_INFO, info, INFO_SIZE);
	nl_nest_end(h, data);
	nl_nest_end(h, elem);
	nl_nest_end(h, list);
	nl_end(b, h);
}

static void nft_deltable(struct nlbuf *b, uint8_t family)
{
	struct nlmsghdr *h;

	h = nl_msg(b, nft_type(NFT_MSG_DELTABLE), NLM_F_ACK, family, 0);
	nl_str(h, NFTA_TABLE_NAME, NFT_TABLE);
	nl_end(b, h);
}

/* Send one batch; 0 or the first error the kernel reports for it. */
static int nft_batch(void (*fill)(struct nlbuf *, uint8_t, const struct xt_pktstat_info *),
		     uint8_t family, const struct xt_pktstat_info *info)
{
	static struct nlbuf b;
	struct sockaddr_nl sa = { .nl_family = AF_NETLINK };
	unsigned char reply[8192];
	struct nlmsghdr *h;
	uint32_t last;
	int fd, err = 0;
	ssize_t n;

	b.len = 0;
	h = nl_msg(&b, NFNL_MSG_BATCH_BEGIN, 0, AF_UNSPEC, NFNL_SUBSYS_NFTABLES);
	nl_end(&b, h);
	fill(&b, family, info);
	last = b.seq;
	h = nl_msg(&b, NFNL_MSG_BATCH_END, 0, AF_UNSPEC, NFNL_SUBSYS_NFTABLES);
	nl_end(&b, h);

	fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_NETFILTER);
	if (fd < 0)
		return errno;
	if (sendto(fd, b.data, b.len, 0, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		err = errno;
		close(fd);
		return err;
	}
	/* an error for any message, or the acknowledgement of the last one */
	for (;;) {
		n = recv(fd, reply, sizeof(reply), 0);
		if (n < 0) {
			err = errno;
			break;
		}
		for (h = (struct nlmsghdr *)reply; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			const struct nlmsgerr *e = NLMSG_DATA(h);

			if (h->nlmsg_type != NLMSG_ERROR)
				continue;
			if (e->error) {
				err = -e->error;
				goto out;
			}
			if (h->nlmsg_seq == last)
				goto out;
		}
	}
out:
	close(fd);
	return err;
}

static void fill_rule(struct nlbuf *b, uint8_t family, const struct xt_pktstat_info *info)
{
	nft_table_chain(b, family);
	nft_rule(b, family, info);
}

static void fill_flush(struct nlbuf *b, uint8_t family, const struct xt_pktstat_info *info)
{
	(void)info;
	nft_deltable(b, family);
}

/* --- the run ----------------------------------------------------------- */

struct tally {
	unsigned long accepted, refused, odd;
	unsigned long by_errno[160];
};

static struct tally tallies[3];
static const char *const iface_names[3] = { "ipv4-legacy", "ipv6-legacy", "nft" };

/* errors a checkentry or the tables' own checks may return */
static int expected_errno(int err)
{
	return err == EINVAL || err == ENOMEM || err == EEXIST || err == ENOENT ||
	       err == ENOSPC || err == E2BIG || err == ERANGE || err == EOPNOTSUPP ||
	       err == EPROTO || err == ELOOP;
}

static void tally(int iface, int err)
{
	struct tally *t = &tallies[iface];

	if (!err) {
		t->accepted++;
		return;
	}
	t->refused++;
	if (err > 0 && err < 160)
		t->by_errno[err]++;
	if (!expected_errno(err)) {
		t->odd++;
		fprintf(stderr, "fuzzinfo: %s: unexpected error %d (%s)\n",
			iface_names[iface], err, strerror(err));
	}
}

static void flush_all(void)
{
	int err;

	err = legacy_replace(&fam4, NULL, 0);
	if (err)
		fprintf(stderr, "fuzzinfo: flush ipv4: %s\n", strerror(err));
	err = legacy_replace(&fam6, NULL, 0);
	if (err)
		fprintf(stderr, "fuzzinfo: flush ipv6: %s\n", strerror(err));
	nft_batch(fill_flush, NFPROTO_IPV4, NULL);
	nft_batch(fill_flush, NFPROTO_IPV6, NULL);
}

static void fuzz(unsigned long count, unsigned int keep_max)
{
	struct xt_pktstat_info kept[2][MAX_KEEP + 1];
	unsigned int nkept[2] = { 0, 0 };

	for (unsigned long i = 0; i < count; i++) {
		int iface = (int)rnd_below(3);
		struct xt_pktstat_info info;
		int err;

		random_info(&info);
		if (iface == 2) {
			uint8_t family = rnd_below(2) ? NFPROTO_IPV4 : NFPROTO_IPV6;

			if (rnd_below(64) == 0)
				nft_batch(fill_flush, family, NULL);
			err = nft_batch(fill_rule, family, &info);
		} else {
			struct xt_pktstat_info *set = kept[iface];
			unsigned int n = nkept[iface];

			/* the new one somewhere among the kept ones */
			unsigned int at = rnd_below(n + 1);

			memmove(&set[at + 1], &set[at], (n - at) * INFO_SIZE);
			set[at] = info;
			err = legacy_replace(iface ? &fam6 : &fam4, set, n + 1);
			if (err || n == keep_max) {
				/* refused: take it out; kept full: one goes */
				unsigned int out = err ? at : rnd_below(n + 1);

				memmove(&set[out], &set[out + 1], (n - out) * INFO_SIZE);
			} else {
				nkept[iface] = n + 1;
			}
			if (rnd_below(128) == 0)
				nkept[iface] = 0;	/* a flush, next time */
		}
		tally(iface, err);
	}
}

static int report(void)
{
	int odd = 0;

	for (int i = 0; i < 3; i++) {
		const struct tally *t = &tallies[i];

		printf("%s: %lu accepted, %lu refused", iface_names[i],
		       t->accepted, t->refused);
		for (int e = 1; e < 160; e++)
			if (t->by_errno[e])
				printf(" %s=%lu", strerror(e), t->by_errno[e]);
		printf("\n");
		odd |= t->odd != 0;
	}
	return odd;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seed", required_argument, NULL, 's' },
		{ "count", required_argument, NULL, 'n' },
		{ "keep", required_argument, NULL, 'k' },
		{ "flush", no_argument, NULL, 'f' },
		{ 0 }
	};
	unsigned long count = 1000;
	unsigned int keep = 4;
	int c, flush = 0;

	rng_state = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's': rng_state = strtoull(optarg, NULL, 0) | 1; break;
		case 'n': count = strtoul(optarg, NULL, 0); break;
		case 'k': keep = (unsigned int)strtoul(optarg, NULL, 0); break;
		case 'f': flush = 1; break;
		default:
			fprintf(stderr, "usage: fuzzinfo [--seed N] [--count N] [--keep N] | --flush\n");
			return 2;
		}
	}
	if (keep > MAX_KEEP)
		keep = MAX_KEEP;
	if (!flush)
		fuzz(count, keep);
	flush_all();
	if (flush)
		return 0;
	return report();
}
