# pktstat: xt_pktstat.ko (kernel/), libxt_pktstat.so (iptables/), pktstat (tools/)
#
#   make            build the module for KDIR, the iptables plugin, the reader
#   make deps       install the Debian packages and kernels needed (root)
#   make test       everything CI runs: unit tests, style checks, VM tests
#                   on every supported kernel, DKMS builds, the Debian
#                   packages on a booted Debian system
#   make deb        the Debian packages xt-pktstat and xt-pktstat-dkms
#   make demo       build, boot a VM, send traffic, show the reader
#   make install    install module, plugin, reader and man pages
#   make bench      per-packet cost, side by side with upstream matches
#   make test-debug the VM tests on a debug kernel (KASAN, lockdep, kmemleak,
#                   UBSAN), built by make debug-kernel from linux-source-6.1
#   make fuzz       the libFuzzer harnesses, then fuzz-kernel: FUZZ_COUNT
#                   random info structures into every kernel
#   make soak       MINUTES of traffic, readers, reloads, namespaces

VERSION		:= 0.1.0
PREFIX		?= /usr/local
DESTDIR		?=
CC		?= cc
PKTSTAT_CACHE	?= /var/cache/pktstat
export PKTSTAT_CACHE

# The kernel to build against: the running one when its headers exist,
# else the newest Debian headers installed.
KREL		?= $(shell r=$$(uname -r); \
		   if [ -d /lib/modules/$$r/build ]; then echo $$r; \
		   else ls -d /lib/modules/*/build 2>/dev/null | sed 's,/lib/modules/,,;s,/build,,' | sort -V | tail -n1; fi)
KDIR		?= /lib/modules/$(KREL)/build
KERNELS		= $(shell sh scripts/kernels.sh | awk '{ print $$1 }')

XTLIBDIR	?= $(shell pkg-config --variable=xtlibdir xtables 2>/dev/null || echo /usr/lib/x86_64-linux-gnu/xtables)
USER_CFLAGS	:= -std=gnu11 -O2 -g -Wall -Wextra -Werror -Iinclude -Ikernel -Ilib
KMOD_SRCS	:= Kbuild $(wildcard kernel/*.c kernel/*.h) include/xt_pktstat.h

.PHONY: setup all module kmod plugin tools deps test unit lint vm dkms demo install install-module install-user bench clean man fuzz fuzz-smoke debug-kernel test-debug fuzz-kernel soak

all: module plugin tools

# Each kernel gets its own copy of the sources under build/modules/KREL, so
# that modules for several kernels can be built from one tree.
module: build/modules/$(KREL)/xt_pktstat.ko
kmod:
	@$(MAKE) --no-print-directory build/modules/$(KREL)/xt_pktstat.ko KREL=$(KREL)

# The build tree of release $(1): Debian's headers, else that of a kernel
# built here (make debug-kernel) next to its image under PKTSTAT_CACHE.
kbuild = $(firstword $(wildcard /lib/modules/$(1)/build $(PKTSTAT_CACHE)/kernels/$(1)/lib/modules/$(1)/build) /lib/modules/$(1)/build)

build/modules/%/xt_pktstat.ko: $(KMOD_SRCS)
	@test -d $(call kbuild,$*) || { echo "no headers for $* (make deps)"; exit 1; }
	rm -rf build/modules/$* && mkdir -p build/modules/$*
	cp -r Kbuild kernel include build/modules/$*/
	$(MAKE) -C $(call kbuild,$*) M=$(CURDIR)/build/modules/$* W=1 modules

plugin: iptables/libxt_pktstat.so
iptables/libxt_pktstat.so: iptables/libxt_pktstat.c include/xt_pktstat.h kernel/pktstat_check.h lib/pktstat_parse.h lib/pktstat_parse.c
	$(CC) $(USER_CFLAGS) -fPIC -shared -o $@ iptables/libxt_pktstat.c lib/pktstat_parse.c $$(pkg-config --cflags xtables)

tools:
	@if [ -f tools/Makefile ]; then $(MAKE) --no-print-directory -C tools; fi

deps:
	sh scripts/deps.sh

setup:
	@sh scripts/deps.sh --if-needed

test: setup
	$(MAKE) --no-print-directory unit fuzz-smoke lint dkms deb vm test-system
	@echo "make test: all passed"

unit:
	$(MAKE) --no-print-directory -C tests/unit
	@if [ -f tests/tools/Makefile ]; then $(MAKE) --no-print-directory -C tests/tools; fi

# libFuzzer harnesses (tests/fuzz): FUZZ_SECONDS each, or 10 s each in CI;
# then the info structure fuzzer in the VM (fuzz-kernel, below).
fuzz:
	$(MAKE) --no-print-directory -C tests/fuzz fuzz
	$(MAKE) --no-print-directory fuzz-kernel

fuzz-smoke:
	$(MAKE) --no-print-directory -C tests/fuzz smoke

lint:
	sh scripts/lint.sh

dkms:
	sh scripts/dkms-test.sh $(VERSION)

# The Debian packages pktstat and pktstat-dkms into build/deb (debian/,
# scripts/deb.sh), checked by lintian and tests/deb/.
.PHONY: deb test-system
deb:
	sh scripts/deb.sh $(VERSION)

# Those packages on a booted Debian 12 system (tests/system/): the system is
# built once by scripts/debian-image.sh and cached in PKTSTAT_CACHE.
test-system: deb
	sh tests/system/run.sh

vm: plugin tools
	sh tests/vm/run.sh

demo: setup
	$(MAKE) --no-print-directory plugin tools
	sh tests/vm/run.sh --demo

bench: plugin tools
	sh tests/vm/run.sh --bench --readme README.md

# A debug kernel (KASAN, lockdep, kmemleak, UBSAN...) built from Debian's
# linux-source-6.1 into PKTSTAT_CACHE; rebuilt only when its script changes.
debug-kernel:
	@sh scripts/debug-kernel.sh >/dev/null

# Every VM scenario on it: about 12 times slower than on Debian's kernels
# under TCG (30 min), hence the longer timeouts.
test-debug: plugin tools debug-kernel
	PKTSTAT_VM_TIMEOUT=$${PKTSTAT_VM_TIMEOUT:-3600} PKTSTAT_VM_SCENARIO_TIMEOUT=$${PKTSTAT_VM_SCENARIO_TIMEOUT:-600} \
		sh tests/vm/run.sh --kernel $$(sh scripts/debug-kernel.sh --release)

# The long runs of two VM scenarios that make test runs briefly: the info
# structure fuzzer on every kernel (FUZZ_COUNT structures each; 2000 in
# make test), and the soak on one kernel for MINUTES (30 s in make test).
FUZZ_COUNT	?= 100000
MINUTES		?= 30
SOAK_KERNEL	?= $(firstword $(KERNELS))
fuzz-kernel: plugin tools
	PKTSTAT_FUZZ_COUNT=$(FUZZ_COUNT) \
	PKTSTAT_VM_SCENARIO_TIMEOUT=$$(( $(FUZZ_COUNT) / 20 + 300 )) \
	PKTSTAT_VM_TIMEOUT=$$(( $(FUZZ_COUNT) / 20 + 600 )) \
		sh tests/vm/run.sh 180-fuzz

soak: plugin tools
	PKTSTAT_SOAK_SECONDS=$$(( $(MINUTES) * 30 )) \
	PKTSTAT_VM_SCENARIO_TIMEOUT=$$(( $(MINUTES) * 90 + 600 )) \
	PKTSTAT_VM_TIMEOUT=$$(( $(MINUTES) * 90 + 900 )) \
		sh tests/vm/run.sh --kernel $(SOAK_KERNEL) 190-soak

install: install-module install-user

install-module: module
	$(MAKE) -C $(KDIR) M=$(CURDIR)/build/modules/$(KREL) INSTALL_MOD_DIR=updates modules_install
	depmod -a $(KREL)

# What DKMS does not install: plugin, reader, man pages.
install-user: plugin tools man
	install -D -m 0644 iptables/libxt_pktstat.so $(DESTDIR)$(XTLIBDIR)/libxt_pktstat.so
	install -D -m 0644 build/iptables-pktstat.8 $(DESTDIR)$(PREFIX)/share/man/man8/iptables-pktstat.8
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR); fi

clean:
	rm -rf build iptables/*.so
	$(MAKE) -C tests/unit clean
	@if [ -f tools/Makefile ]; then $(MAKE) -C tools clean; fi
	@if [ -f tests/tools/Makefile ]; then $(MAKE) -C tests/tools clean; fi

# The extension's text in iptables-extensions(8) style, as a page of its own.
man: build/iptables-pktstat.8
build/iptables-pktstat.8: iptables/iptables-pktstat.8.in iptables/libxt_pktstat.man
	@mkdir -p build
	sed 's/@VERSION@/$(VERSION)/' iptables/iptables-pktstat.8.in > $@
	cat iptables/libxt_pktstat.man >> $@
	printf '.SH FILES\n/proc/net/xt_pktstat/NAME/stream, /proc/net/xt_pktstat/NAME/data, /proc/net/xt_pktstat/NAME/info, /proc/net/xt_pktstat/NAME/addresses, /proc/net/xt_pktstat/tags\n.SH SEE ALSO\n\\fBiptables\\fP(8), \\fBiptables-extensions\\fP(8), \\fBpktstat\\fP(1)\n' >> $@
