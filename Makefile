# jamstat - GNU make.  `make help` lists the targets.
#
# User flags are respected: CFLAGS/CPPFLAGS/LDFLAGS/LDLIBS given on the
# command line are added to, never replaced.

BUILD     ?= build
PREFIX    ?= /usr/local
BINDIR    ?= $(PREFIX)/bin
DATADIR   ?= $(PREFIX)/share/jamstat
MANDIR    ?= $(PREFIX)/share/man
DESTDIR   ?=
INSTALL   ?= install
PKG_CONFIG ?= pkg-config
CC        ?= cc
CFLAGS    ?= -O2 -g
CSV_LIBS  ?= -lcsv

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion \
       -Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition -Wcast-align \
       -Wwrite-strings -Wundef -Wvla -Wformat=2 -Wswitch-enum -Wfloat-equal \
       -Wdouble-promotion -Wimplicit-fallthrough -fno-common
ifeq ($(WERROR),1)
WARN += -Werror
endif

PKGS        = gsl jansson inih xlsxwriter nettle zlib libcurl libcmark
PKG_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
TEST_CFLAGS := $(shell $(PKG_CONFIG) --cflags criterion 2>/dev/null)
TEST_LIBS   := $(shell $(PKG_CONFIG) --libs criterion 2>/dev/null)

VERSION := $(shell cat VERSION 2>/dev/null || echo 0)
ALL_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -DJS_VERSION='"$(VERSION)"' \
               -DJS_DATADIR='"$(DATADIR)"' -Iinclude -Isrc $(CPPFLAGS)
ALL_CFLAGS   = -std=c11 -pthread $(WARN) $(PKG_CFLAGS) $(ALL_CPPFLAGS) $(CFLAGS)
ALL_LDLIBS   = $(PKG_LIBS) $(CSV_LIBS) -lm -pthread $(LDLIBS)
DEPFLAGS     = -MMD -MP

ifeq ($(V),1)
Q =
else
Q = @
endif

LIB_SRC  := $(sort $(wildcard src/core/*.c src/model/*.c src/read/*.c src/stats/*.c \
                              src/indic/*.c src/plot/*.c src/out/*.c src/run/*.c \
                              src/fetch/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
LIB      := $(BUILD)/libjamstat.a
BIN      ?= jamstat

.PHONY: all help print-pkgs deps check unit cli-tests demo install uninstall clean bench \
        check-headers deps-ci asan check-asan check-clang valgrind fuzz-smoke fuzz-replay fuzz golden-update man lint

## all: build the jamstat binary (default)
all: $(BIN)

## print-pkgs: the pkg-config packages jamstat links (the fuzz scripts read them here)
print-pkgs:
	@echo $(PKGS)

## help: list the targets
help:
	@sed -n 's/^## //p' $(MAKEFILE_LIST)

## deps: install missing Debian packages (needs root; does nothing when all are there)
deps:
	@sh scripts/install-deps.sh

## deps-ci: deps plus what CI's extra checks need (clang, its sanitizer and fuzzer runtimes, valgrind)
deps-ci:
	@sh scripts/install-deps.sh ci

$(BUILD)/%.o: %.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@$(if $(Q),echo "  AR      $@")
	$(Q)rm -f $@ && $(AR) rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(ALL_LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  TEST-LD $@")
	$(Q)$(CC) $(ALL_CFLAGS) $(TEST_CFLAGS) -Itests -Wno-missing-prototypes -Wno-float-equal $(DEPFLAGS) $(LDFLAGS) \
	    -o $@ $< $(LIB) $(ALL_LDLIBS) $(TEST_LIBS)

## check: install dependencies, build, lint (clang-tidy), run every test (unit, CLI end to end, fuzz replay)
check: deps
	$(Q)$(MAKE) --no-print-directory $(BIN) $(UNIT_BIN)
	$(Q)$(MAKE) --no-print-directory -j$$(nproc) lint
	$(Q)sh tests/run-all.sh $(UNIT_BIN)

## unit: run the unit tests (Criterion)
unit: $(UNIT_BIN)
	$(Q)sh tests/run-unit.sh $(UNIT_BIN)

## cli-tests: run the end-to-end tests of the jamstat binary
cli-tests: $(BIN)
	$(Q)for t in tests/cli/*.sh; do [ $$t = tests/cli/lib.sh ] || sh $$t || exit 1; done

## lint: clang-tidy with .clang-tidy on every source file (the gating analyzer: zero warnings)
CLANG_TIDY ?= clang-tidy
LINT_SRC    = $(sort $(wildcard src/*/*.c))
LINT_OK     = $(LINT_SRC:src/%.c=$(BUILD)/lint/%.ok)
lint: $(LINT_OK)
	$(Q)echo "lint: $(words $(LINT_SRC)) files, no warnings"

$(BUILD)/lint/%.ok: src/%.c .clang-tidy $(wildcard include/jamstat/*.h src/*/*.h)
	@mkdir -p $(dir $@)
	$(Q)$(CLANG_TIDY) --quiet $< -- -std=c11 -pthread $(PKG_CFLAGS) $(ALL_CPPFLAGS) 2>/dev/null
	@touch $@

## man: make doc/jamstat.1 from doc/jamstat.1.md (go-md2man; commit both; the tests compare them)
man: doc/jamstat.1

doc/jamstat.1: doc/jamstat.1.md
	go-md2man -in $< -out $@

## golden-update: rewrite tests/golden/charts-svg.sha256 from the examples (look at the charts first)
golden-update: $(BIN)
	$(Q)sh tests/cli/charts.sh --update

## demo: install dependencies, build and run the real-data demo (Jämtland against the country) into out/demo
demo: deps
	$(Q)$(MAKE) --no-print-directory $(BIN)
	./$(BIN) run datasets/scb/jamtland.ini -o out/demo
	@echo "Open out/demo/report.html"

## bench: the small-area benchmark side by side with DuckDB, charts at scale, large PX (bench/run.sh), life tables per second (bench/life.sh), rank and dispersion of 290 municipalities (bench/followup.sh)
bench: $(BIN)
	$(Q)sh bench/run.sh
	$(Q)sh bench/life.sh
	$(Q)sh bench/segreg.sh
	$(Q)sh bench/followup.sh
	$(Q)sh bench/sdc.sh

## fuzz-replay: replay tests/fuzz/corpus through every reader (no clang needed)
fuzz-replay: $(LIB)
	$(Q)CC="$(CC)" LIB=$(LIB) sh tests/fuzz/run-replay.sh

## fuzz: libFuzzer on every target for FUZZ_SECONDS each (default 60; needs clang)
fuzz:
	$(Q)sh tests/fuzz/run-fuzz.sh $(or $(FUZZ_SECONDS),60)

## check-headers: every public header compiles on its own
check-headers:
	$(Q)for h in include/jamstat/*.h; do \
	    echo "#include \"$${h#include/}\"" | $(CC) $(ALL_CFLAGS) -x c -fsyntax-only - || exit 1; \
	done

## asan: build and run the unit tests with AddressSanitizer and UBSan
SAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
asan:
	$(Q)$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/jamstat \
	    CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" unit

## check-asan: every suite (unit, CLI end to end, fuzz replay) on an ASan+UBSan build
check-asan: deps-ci
	$(Q)$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/jamstat \
	    CFLAGS="$(SAN_FLAGS)" LDFLAGS="-fsanitize=address,undefined" build-asan/jamstat unit
	$(Q)JS=$(CURDIR)/build-asan/jamstat ASAN_OPTIONS=detect_leaks=1 JS_UNDER_SANITIZER=1 \
	    sh tests/run-all.sh --no-unit
	$(Q)LIB=build-asan/libjamstat.a FUZZ_BUILD=build-asan/fuzz FUZZ_CFLAGS="$(SAN_FLAGS)" \
	    sh tests/fuzz/run-replay.sh

## check-clang: build everything with clang, warnings as errors, and run the unit tests
check-clang: deps-ci
	$(Q)$(MAKE) --no-print-directory CC=clang WERROR=1 BUILD=build-clang BIN=build-clang/jamstat \
	    build-clang/jamstat unit

## valgrind: the CLI suites with jamstat under valgrind memcheck (no leaks, no invalid access)
valgrind: deps-ci $(BIN)
	$(Q)mkdir -p $(BUILD)
	$(Q)printf '#!/bin/sh\nexec valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect --track-fds=no "%s/jamstat" "$$@"\n' \
	    "$(CURDIR)" > $(BUILD)/jamstat-valgrind && chmod +x $(BUILD)/jamstat-valgrind
	$(Q)JS=$(CURDIR)/$(BUILD)/jamstat-valgrind JS_UNDER_SANITIZER=1 sh tests/run-all.sh --no-unit

## fuzz-smoke: every libFuzzer target for FUZZ_RUNS inputs (default 20000), seed 1 (CI: repeatable)
fuzz-smoke: deps-ci
	$(Q)FUZZ_ARGS="-seed=1 -runs=$(or $(FUZZ_RUNS),20000)" sh tests/fuzz/run-fuzz.sh 300

## install: install jamstat and its theme under $(DESTDIR)$(PREFIX)
install: $(BIN)
	$(INSTALL) -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR) $(DESTDIR)$(MANDIR)/man1
	$(INSTALL) -m 755 $(BIN) $(DESTDIR)$(BINDIR)/jamstat
	$(INSTALL) -m 644 plots/jamstat-theme.gp $(DESTDIR)$(DATADIR)/jamstat-theme.gp
	$(INSTALL) -m 644 doc/jamstat.1 $(DESTDIR)$(MANDIR)/man1/jamstat.1

## uninstall: remove what install installed
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/jamstat $(DESTDIR)$(DATADIR)/jamstat-theme.gp \
	      $(DESTDIR)$(MANDIR)/man1/jamstat.1
	-rmdir $(DESTDIR)$(DATADIR)

## clean: remove build products
clean:
	rm -rf $(BUILD) build-asan build-clang build-fuzz build-prof $(BIN) out

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(UNIT_BIN:=.d)
