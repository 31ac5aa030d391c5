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
#include "pktstat_netns.h"

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
		pktstat_object_account(info->object, skb->len);
	if (info->tagc)
		pktstat_tag_account(info->tagc, skb->len);
	pktstat_update_end(entered);
	return true;
}

static int pktstat_mt_check(const struct xt_mtchk_param *par)
{
	struct xt_pktstat_info *info = par->matchinfo;
	const char *why;
	int err;

	if (par->family != NFPROTO_IPV4 && par->family != NFPROTO_IPV6) {
		pr_info_ratelimited("only IPv4 and IPv6 rules are supported\n");
		return -EINVAL;
	}
	why = pktstat_check_info(info);
	if (why) {
		pr_info_ratelimited("rule refused: %s\n", why);
		return -EINVAL;
	}

	info->object = NULL;
	info->tagc = NULL;
	if (info->flags & XT_PKTSTAT_F_BUCKETS) {
		err = pktstat_object_get(par, info, &info->object);
		if (err)
			return err;
	}
	if (info->flags & XT_PKTSTAT_F_TAG) {
		err = pktstat_tag_get(par->net, par->family, info, &info->tagc);
		if (err) {
			if (info->object)
				pktstat_object_put(par->net, info->object);
			return err;
		}
	}
	return 0;
}

static void pktstat_mt_destroy(const struct xt_mtdtor_param *par)
{
	struct xt_pktstat_info *info = par->matchinfo;

	if (info->object)
		pktstat_object_put(par->net, info->object);
	if (info->tagc)
		pktstat_tag_put(par->net, info->tagc);
}

static struct xt_match pktstat_mt_reg __read_mostly = {
	.name		= "pktstat",
	.revision	= XT_PKTSTAT_REVISION,
	.family		= NFPROTO_UNSPEC,
	.match		= pktstat_mt,
	.checkentry	= pktstat_mt_check,
	.destroy	= pktstat_mt_destroy,
	.matchsize	= sizeof(struct xt_pktstat_info),
	.usersize	= offsetof(struct xt_pktstat_info, object),
	.me		= THIS_MODULE,
};

static int __init pktstat_mt_init(void)
{
	int err;

	err = pktstat_netns_register();
	if (err)
		return err;
	err = xt_register_match(&pktstat_mt_reg);
	if (err)
		pktstat_netns_unregister();
	return err;
}

static void __exit pktstat_mt_exit(void)
{
	xt_unregister_match(&pktstat_mt_reg);
	pktstat_netns_unregister();
}

module_init(pktstat_mt_init);
module_exit(pktstat_mt_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Xtables: frames and bytes of matched packets in sub-millisecond time buckets");
MODULE_ALIAS("ipt_pktstat");
MODULE_ALIAS("ip6t_pktstat");
