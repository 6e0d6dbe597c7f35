# The kit's single front door. `make help` lists every target and knob.
.DEFAULT_GOAL := help
SHELL := /bin/bash

CHAPTER ?=
TEST    ?=
SRC     ?= exercises
SAN     ?= 1
TIMEOUT ?= 10
JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
V       ?= 0
CC      ?= cc
PYTHON  ?= python3
export CC V

KIT  := $(PYTHON) tools/kit.py
DEPS := tools/deps.sh

ifeq ($(V),0)
Q := @
else
Q :=
endif

.PHONY: help check test chapters stubs deps deps-check clean

help: ## this list
	@echo "Positional-encoding kit — targets:"
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | awk -F'\t' '{printf "  make %-12s %s\n", $$1, $$2}'
	@echo
	@echo "Knobs: CHAPTER=N  TEST=name  SRC=exercises|solutions|<dir>  SAN=1|0 (sanitizers)"
	@echo "       TIMEOUT=s (per test, default 10)  JOBS=n  CC=compiler  V=1 (show commands)"
	@echo "Start: make check CHAPTER=1"

deps-check:
	$(Q)bash $(DEPS) check

deps: ## install what the kit needs (apt-get; as root or with sudo)
	$(Q)bash $(DEPS) all

check: deps-check ## build and test one chapter: make check CHAPTER=3 [TEST=name] [SRC=solutions]
	$(Q)$(KIT) check --chapter "$(CHAPTER)" --src "$(SRC)" --test "$(TEST)" --san $(SAN) \
	    --timeout $(TIMEOUT) --jobs $(JOBS)

chapters: deps-check ## list the chapters and your progress
	$(Q)$(KIT) chapters --src "$(SRC)"

stubs: ## derive exercises/*/ stubs from solutions/ (kit developers)
	$(Q)$(KIT) stubs

test: ## the kit's own test suite (references, stubs, mutants, markers, ...)
	$(Q)bash $(DEPS) all
	$(Q)$(PYTHON) tools/selftest.py --jobs $(JOBS)

clean: ## remove build/
	rm -rf build
