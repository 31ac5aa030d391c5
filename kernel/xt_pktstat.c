// SPDX-License-Identifier: GPL-2.0
/*
 * xt_pktstat: frames and bytes of the packets a rule matches, in time
 * buckets down to 10us read from /proc/net/xt_pktstat/NAME/data, and in
 * per-tag counters summed across rules (/proc/net/xt_pktstat/tags).
 *
 * The match always matches: it only counts.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt
#include <linux/bottom_half.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/netfilter.h>
#include <linux/netfilter/x_tables.h>
#include <linux/skbuff.h>
#include "xt_pktstat.h"
#include "pktstat_check.h"
#include "pktstat_clock.h"
#include "pktstat_netns.h"

DEFINE_PER_CPU(struct pktstat_clock_cache, pktstat_clock_cache);

/*
 * Per-CPU state is updated with bottom halves off, so that a softirq on this
 * CPU cannot interleave with a process-context update. iptables-legacy and
 * every receive path already run rules that way; iptables-nft does not, for
 * locally generated packets. On PREEMPT_RT, disabling bottom halves leaves the
 * task preemptible: preemption goes off too, or a reader on this CPU could
 * spin on the sequence count of a writer it has preempted.
 */
static inline bool pktstat_update_begin(void)
{
	if (!IS_ENABLED(CONFIG_PREEMPT_RT) && softirq_count())
		return false;
	local_bh_disable();
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		preempt_disable();
	return true;
}

static inline void pktstat_update_end(bool entered)
{
	if (!entered)
		return;
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		preempt_enable();
	local_bh_enable();
}

/*
 * skb->len, as iptables' own rule counters count. A GSO or GRO super-packet
 * counts as one frame of its full length, as it does there.
 */
static bool pktstat_mt(const struct sk_buff *skb, struct xt_action_param *par)
{
	const struct xt_pktstat_info *info = par->matchinfo;
	bool entered = pktstat_update_begin();

	if (info->object)
		pktstat_object_account(info->object,
				       pktstat_packet_clock(skb), skb->len);
	if (info->tagc)
		pktstat_tag_account(info->tagc, skb->len);
	pktstat_update_end(entered);
	return true;
}

static bool pktstat_mt_v1(const struct sk_buff *skb,
			  struct xt_action_param *par)
{
	const struct xt_pktstat_info_v1 *info = par->matchinfo;
	bool entered = pktstat_update_begin();

	if (info->object) {
		pktstat_object_account(info->object,
				       pktstat_packet_clock(skb), skb->len);
		if (info->by)
			pktstat_addrs_account(&info->object->addrs, skb,
					      xt_family(par), info->by,
					      skb->len);
	}
	if (info->tagc)
		pktstat_tag_account(info->tagc, skb->len);
	pktstat_update_end(entered);
	return true;
}

/* What both revisions hold, taken from the rule once it is valid. */
struct pktstat_rule {
	u32 flags;
	struct pktstat_params params;
	const char *tag;
	const char *desc;
};

/* Find or make the rule's object and tag. */
static int pktstat_attach(const struct xt_mtchk_param *par,
			  const struct pktstat_rule *rule,
			  struct pktstat_object **objp, struct pktstat_tag **tagp)
{
	int err;

	if (par->family != NFPROTO_IPV4 && par->family != NFPROTO_IPV6) {
		pr_info_ratelimited("only IPv4 and IPv6 rules are supported\n");
		return -EINVAL;
	}
	*objp = NULL;
	*tagp = NULL;
	if (rule->flags & XT_PKTSTAT_F_BUCKETS) {
		err = pktstat_object_get(par, &rule->params, objp);
		if (err)
			return err;
	}
	if (rule->flags & XT_PKTSTAT_F_TAG) {
		err = pktstat_tag_get(par->net, par->family, rule->tag,
				      rule->desc, tagp);
		if (err) {
			if (*objp)
				pktstat_object_put(par->net, *objp);
			*objp = NULL;
			return err;
		}
	}
	return 0;
}

static void pktstat_detach(const struct xt_mtdtor_param *par,
			   struct pktstat_object *obj, struct pktstat_tag *tag)
{
	if (obj)
		pktstat_object_put(par->net, obj);
	if (tag)
		pktstat_tag_put(par->net, tag);
}

static int pktstat_refused(const char *why)
{
	pr_info_ratelimited("rule refused: %s\n", why);
	return -EINVAL;
}

static int pktstat_mt_check(const struct xt_mtchk_param *par)
{
	struct xt_pktstat_info *info = par->matchinfo;
	const char *why = pktstat_check_info(info);
	struct pktstat_rule rule = {
		.flags = info->flags,
		.params = {
			.period_ns = info->period_ns,
			.samples = info->samples,
		},
		.tag = info->tag,
		.desc = info->desc,
	};

	info->object = NULL;
	info->tagc = NULL;
	if (why)
		return pktstat_refused(why);
	if (info->flags & XT_PKTSTAT_F_NAME)
		rule.params.name = info->name;
	return pktstat_attach(par, &rule, &info->object, &info->tagc);
}

static int pktstat_mt_check_v1(const struct xt_mtchk_param *par)
{
	struct xt_pktstat_info_v1 *info = par->matchinfo;
	const char *why = pktstat_check_info_v1(info);
	struct pktstat_rule rule = {
		.flags = info->flags,
		.params = {
			.period_ns = info->period_ns,
			.samples = info->samples,
			.max_addresses = info->max_addresses,
			.prefix4 = info->prefix4,
			.prefix6 = info->prefix6,
		},
		.tag = info->tag,
		.desc = info->desc,
	};

	info->object = NULL;
	info->tagc = NULL;
	if (why)
		return pktstat_refused(why);
	if (info->flags & XT_PKTSTAT_F_NAME)
		rule.params.name = info->name;
	return pktstat_attach(par, &rule, &info->object, &info->tagc);
}

static void pktstat_mt_destroy(const struct xt_mtdtor_param *par)
{
	struct xt_pktstat_info *info = par->matchinfo;

	pktstat_detach(par, info->object, info->tagc);
}

static void pktstat_mt_destroy_v1(const struct xt_mtdtor_param *par)
{
	struct xt_pktstat_info_v1 *info = par->matchinfo;

	pktstat_detach(par, info->object, info->tagc);
}

static struct xt_match pktstat_mt_reg[] __read_mostly = {
	{
		.name		= "pktstat",
		.revision	= XT_PKTSTAT_REVISION,
		.family		= NFPROTO_UNSPEC,
		.match		= pktstat_mt,
		.checkentry	= pktstat_mt_check,
		.destroy	= pktstat_mt_destroy,
		.matchsize	= sizeof(struct xt_pktstat_info),
		.usersize	= offsetof(struct xt_pktstat_info, object),
		.me		= THIS_MODULE,
	},
	{
		.name		= "pktstat",
		.revision	= XT_PKTSTAT_REVISION_V1,
		.family		= NFPROTO_UNSPEC,
		.match		= pktstat_mt_v1,
		.checkentry	= pktstat_mt_check_v1,
		.destroy	= pktstat_mt_destroy_v1,
		.matchsize	= sizeof(struct xt_pktstat_info_v1),
		.usersize	= offsetof(struct xt_pktstat_info_v1, object),
		.me		= THIS_MODULE,
	},
};

static int __init pktstat_mt_init(void)
{
	int err;

	err = pktstat_netns_register();
	if (err)
		return err;
	/* revision 1 begins with revision 0's fields */
	BUILD_BUG_ON(offsetof(struct xt_pktstat_info_v1, max_addresses) !=
		     offsetof(struct xt_pktstat_info, object));
	err = xt_register_matches(pktstat_mt_reg, ARRAY_SIZE(pktstat_mt_reg));
	if (err)
		pktstat_netns_unregister();
	return err;
}

static void __exit pktstat_mt_exit(void)
{
	xt_unregister_matches(pktstat_mt_reg, ARRAY_SIZE(pktstat_mt_reg));
	pktstat_netns_unregister();
}

module_init(pktstat_mt_init);
module_exit(pktstat_mt_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Xtables: frames and bytes of matched packets in sub-millisecond time buckets");
MODULE_ALIAS("ipt_pktstat");
MODULE_ALIAS("ip6t_pktstat");
