# Kit-developer targets (needs solutions/ and tests/). Included by the Makefile;
# the student release leaves this file out.
.PHONY: test stubs bench-grade

# make test runs pytest (tests/, JOBS at a time with pytest-xdist): the first of $(PYTHON),
# python3 and /usr/bin/python3 that has pytest (a pyenv python3 often has not; Debian's has
# it with python3-pytest). Evaluated only when make test runs.
TEST_PYTHON = $(shell for p in "$(PYTHON)" python3 /usr/bin/python3; do \
    "$$p" -c 'import pytest' >/dev/null 2>&1 && { command -v "$$p"; break; }; done)

test: ## the kit's own test suite (references, stubs, mutants, markers, ...)
	$(Q)bash $(DEPS) all
	$(Q)py="$(TEST_PYTHON)"; if [ -z "$$py" ]; then \
	    echo "make test needs pytest, which no python3 here has ($(PYTHON), python3, /usr/bin/python3). Install it with:"; \
	    echo "  sudo apt-get install -y --no-install-recommends python3-pytest python3-pytest-xdist"; exit 2; fi; \
	  "$$py" -m kit selftest --jobs $(JOBS)

stubs: ## derive exercises/*/ stubs from solutions/ (kit developers)
	$(Q)$(KIT) stubs

# bench-grade needs tests/hostile and the mutants of tests/mutants: a kit-developer measurement.
N ?= 100
HELP_KNOBS += "bench-grade: N=10,50,100 (unique submissions per run)"
bench-grade: deps-check ## time grading on N unique submissions (every file different) × every chapter: N=10,50,100
	$(Q)$(KIT) bench-grade --n $(N) --jobs $(JOBS) --san $(GRADE_SAN)
