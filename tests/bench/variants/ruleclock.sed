# Experiment: every rule reads the clock (no reading shared by the rules
# of one table traversal, kernel/pktstat_clock.h), to show what that saves.
s/if (!(seq & 1))$/if (1)/
