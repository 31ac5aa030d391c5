# Experiment: the scheduler's clock (the TSC scaled per CPU, no timekeeper
# sequence count, no indirect call), to show what a cheaper clock read
# would save. Not synchronised with the timekeeper, hence not used.
s|^#include <linux/timekeeping.h>|#include <linux/sched/clock.h>\n#include <linux/timekeeping.h>|
s/return ktime_get_boottime_ns();/return local_clock();/
