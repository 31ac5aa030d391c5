# Experiment: no local_bh_disable()/preempt_disable() when bottom halves
# are already off (iptables-legacy's ipt_do_table() and every receive
# path run so); the packet path only pays for them from process context.
s/^\(\t*\)local_bh_disable();/\1bool pktstat_bh = !softirq_count();\n\n\1if (pktstat_bh)\n\1\tlocal_bh_disable();/
s/^\(\t*\)preempt_disable();/\1if (pktstat_bh)\n\1\tpreempt_disable();/
s/^\(\t*\)preempt_enable();/\1if (pktstat_bh)\n\1\tpreempt_enable();/
s/^\(\t*\)local_bh_enable();/\1if (pktstat_bh)\n\1\tlocal_bh_enable();/
