# Experiment: the lockless fast clock (no sequence-count retry loop).
s/return ktime_get_boottime_ns();/return ktime_get_boot_fast_ns();/
