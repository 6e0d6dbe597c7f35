# The kit's single front door. `make help` lists every target and knob.
.DEFAULT_GOAL := help
SHELL := /bin/bash

CHAPTER ?=
TEST    ?=
# SRC, whose code: check, try and chapters take yours (exercises/) unless SRC= is given;
# plots, bench and experiment take the reference (solutions/; yours in a release, which
# has none) unless SRC= is given. The one rule for both: REF_SRC.
SRC     ?= exercises
REF_SRC := $(if $(filter file,$(origin SRC)),$(if $(wildcard solutions),solutions,exercises),$(SRC))
SAN     ?= 1
TIMEOUT ?= 10
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
V       ?= 0
CC      ?= cc
# The system's python3 when there is one: the kit needs only its standard library, and a
# version manager's shim on PATH (pyenv) costs ~0.5 s of start-up on every make check.
PYTHON  ?= $(or $(wildcard /usr/bin/python3),python3)
BOOK_SOLUTIONS ?= 1
BOOK_DRAFT ?= 0
export CC V

KIT  := $(PYTHON) -m kit
# The C standard and warnings of every build: one list, kit/core/build.py's WARN.
KIT_CFLAGS = $(shell $(KIT) flags)
DEPS := tools/deps.sh

ifeq ($(V),0)
Q := @
else
Q :=
endif

.PHONY: help check try chapters deps deps-check clean book plots bench

help: ## this list
	@echo "Positional-encoding kit — targets:"
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-12s %s\n", $$1, $$2}'
	@echo
	@echo "Knobs: CHAPTER=N  TEST=name  SRC=exercises|solutions|<dir>  SAN=1|0 (sanitizers)"
	@echo "       TIMEOUT=s (per test, default 10)  JOBS=n  CC=compiler  PYTHON=python3  V=1 (show commands)"
	@echo "       QUICK=1 (experiment: seconds)  BOOK_SOLUTIONS=0 (book: no solutions)  BOOK_DRAFT=1 (book: unused markers warn)"
	$(if $(HELP_KNOBS),@printf '%s\n' $(HELP_KNOBS))
	@echo "Start: make check CHAPTER=1"

deps-check:
	$(Q)bash $(DEPS) check

# the student's targets only check (and print the one line: make deps); this installs
# what they need, in the kit's own repository also what make test and make grade need
deps: ## install what the kit needs (apt-get; as root or with sudo)
	$(Q)bash $(DEPS) --install $(if $(wildcard mk/author.mk),all,book)

check: deps-check ## build and test one chapter: make check CHAPTER=3 [TEST=name] [SRC=solutions]
	$(Q)$(KIT) check --chapter "$(CHAPTER)" --src "$(SRC)" --test "$(TEST)" --san $(SAN) \
	    --timeout $(TIMEOUT) --jobs $(JOBS)

try: deps-check ## build and run try/NN-slug.c, your own main, with your chapter code and the sanitizers: make try CHAPTER=3
	$(Q)$(KIT) try --chapter "$(CHAPTER)" --src "$(SRC)" --san $(SAN)

chapters: deps-check ## list the chapters and your progress
	$(Q)$(KIT) chapters --src "$(SRC)"

book: ## the chapters as an HTML book: build/book/index.html (BOOK_SOLUTIONS=0: no solutions)
	$(Q)bash $(DEPS) book
	$(Q)$(PYTHON) plots/plots.py --book
	$(Q)$(PYTHON) book/build.py --solutions $(BOOK_SOLUTIONS) $(if $(filter-out 0,$(BOOK_DRAFT)),--draft)

plots: ## figures into build/plots/ (gnuplot): make plots [CHAPTER=3] [SRC=exercises: yours vs reference]
	$(Q)bash $(DEPS) plots
	$(Q)$(PYTHON) plots/plots.py --chapter "$(CHAPTER)" --src "$(REF_SRC)"

bench: ## time chapter 9's ps_table_fast vs libm vs memset, -O2 (SRC=exercises: yours)
	$(Q)mkdir -p build/bench
	$(Q)$(CC) $(KIT_CFLAGS) -O2 -Iinclude $(if $(filter solutions,$(REF_SRC)),-DBENCH_REFERENCE) \
	    tools/bench/bench.c $(REF_SRC)/09-precision-and-speed/precision_and_speed.c -o build/bench/bench-$(notdir $(REF_SRC)) -lm
	$(Q)echo "bench: $(REF_SRC)/09-precision-and-speed/precision_and_speed.c"
	$(Q)build/bench/bench-$(notdir $(REF_SRC))

# The ablation of chapter 10, built -O2 from the reference of chapter 10 (or from
# SRC=exercises, your own pieces; a release without solutions/ uses yours: REF_SRC). QUICK=1: seconds.
# JOBS worker processes (the results do not depend on JOBS).
QUICK ?= 0
.PHONY: experiment
experiment: ## chapter 10: train the tiny transformer with every encoding -> chapters/data/10-*.tsv (QUICK=1: seconds)
	$(Q)mkdir -p build/experiment
	$(Q)$(CC) $(KIT_CFLAGS) -O2 -ffp-contract=off -Iinclude \
	    tools/experiment/experiment.c $(REF_SRC)/10-train/train.c -o build/experiment/experiment-$(notdir $(REF_SRC)) -lm
	$(Q)echo "experiment: built from $(REF_SRC)/10-train/train.c"
	$(Q)if [ "$(QUICK)" = 1 ]; then build/experiment/experiment-$(notdir $(REF_SRC)) --quick --jobs $(JOBS) --check chapters/data/10-quick.tsv; \
	elif [ "$(REF_SRC)" = solutions ]; then build/experiment/experiment-solutions --jobs $(JOBS) --out chapters/data && \
	    build/experiment/experiment-solutions --quick --jobs $(JOBS) --out chapters/data; \
	else build/experiment/experiment-$(notdir $(REF_SRC)) --jobs $(JOBS); fi

clean: ## remove build/
	rm -rf build

# Instructor and kit-developer targets live in mk/ (the student release has no mk/).
-include mk/instructor.mk mk/author.mk
ifeq ($(wildcard mk/author.mk),)
.PHONY: test stubs
test stubs:
	@echo "make $@ is a kit-developer target: it checks the reference solutions, which"
	@echo "this student release does not have. Yours: make check CHAPTER=N (all chapters: make chapters)."
endif
