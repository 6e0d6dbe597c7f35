# Kit-developer targets (needs solutions/ and tests/). Included by the Makefile;
# the student release leaves this file out.
.PHONY: test stubs

test: ## the kit's own test suite (references, stubs, mutants, markers, ...)
	$(Q)bash $(DEPS) all && $(KIT) selftest --jobs $(JOBS)

stubs: ## derive exercises/*/ stubs from solutions/ (kit developers)
	$(Q)$(KIT) stubs
