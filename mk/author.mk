# Kit-developer targets (needs solutions/ and tests/). Included by the Makefile;
# the student release leaves this file out.
.PHONY: test stubs bench-grade

test: ## the kit's own test suite (references, stubs, mutants, markers, ...)
	$(Q)bash $(DEPS) all && $(KIT) selftest --jobs $(JOBS)

stubs: ## derive exercises/*/ stubs from solutions/ (kit developers)
	$(Q)$(KIT) stubs

# bench-grade needs tests/hostile and the mutants of tests/mutants: a kit-developer measurement.
N ?= 100
HELP_KNOBS += "bench-grade: N=10,50,100 (unique submissions per run)"
bench-grade: deps-check ## time grading on N unique submissions (every file different) × every chapter: N=10,50,100
	$(Q)$(KIT) bench-grade --n $(N) --jobs $(JOBS) --san $(GRADE_SAN)
