# Instructor targets. Included by the Makefile; the student release leaves this file out.
SUBMISSIONS ?=
GRADES      ?= build/grades
GRADE_SAN   ?= 1
GRADE_CPU   ?= 1
GRADE_CHAPTERS ?=
SHARD       ?=
SHARDS      ?=
# knobs of make grade, passed as flags when set (PROTOCOL.md: the KIT_* variables behind them)
SANDBOX       ?=
GRADE_SERVER  ?=
GRADE_BATCH   ?=
KEEP_WORK     ?=
GRADE_EXPOSED ?=
GRADE_SIM     ?=
GRADE_KNOBS = $(if $(SANDBOX),--sandbox "$(SANDBOX)") $(if $(GRADE_SERVER),--server $(GRADE_SERVER)) \
              $(if $(GRADE_BATCH),--batch $(GRADE_BATCH)) \
              $(if $(KEEP_WORK),--keep-work $(KEEP_WORK)) $(if $(GRADE_EXPOSED),--exposed $(GRADE_EXPOSED)) \
              $(if $(GRADE_SIM),--sim "$(GRADE_SIM)")
HELP_KNOBS += "grade:  SUBMISSIONS=dir  GRADES=dir (build/grades)  GRADE_CHAPTERS=3,5  GRADE_SAN=1|0  GRADE_CPU=s (1)" \
              "        SHARD=k/N  SHARDS=\"g1 g2\" (grade-merge)  SANDBOX=unshare|rlimits (weaker than bwrap)" \
              "        GRADE_SERVER=0 (one exec per test)  GRADE_BATCH=0 (one child per test)  KEEP_WORK=1" \
              "        GRADE_EXPOSED=1 (grade with readable secrets)" \
              "        GRADE_SIM=percent (similarity, 60; 0: off)"
.PHONY: dist grade grade-merge gradescope

dist: ## the student release: build/dist/<name>/ + .tar.gz (no solutions, no hidden tests)
	$(Q)$(KIT) dist

grade: ## grade a folder of submissions: make grade SUBMISSIONS=dir [GRADES=dir] [JOBS=n]
	$(Q)if [ -z "$(SUBMISSIONS)" ]; then echo "Which folder? make grade SUBMISSIONS=<folder, one entry per student>"; exit 2; fi
	$(Q)bash $(DEPS) grade
	$(Q)$(KIT) grade "$(SUBMISSIONS)" --out "$(GRADES)" --jobs $(JOBS) --san $(GRADE_SAN) \
	    --cpu $(GRADE_CPU) --chapters "$(GRADE_CHAPTERS)" --shard "$(SHARD)" $(GRADE_KNOBS)

grade-merge: ## one gradebook from the shards' GRADES: make grade-merge SUBMISSIONS=dir SHARDS="g1 g2 ..." [GRADES=dir]
	$(Q)if [ -z "$(SUBMISSIONS)" ] || [ -z "$(SHARDS)" ]; then echo "make grade-merge SUBMISSIONS=<folder> SHARDS=\"<GRADES of shard 1> <of shard 2> ...\""; exit 2; fi
	$(Q)$(KIT) grade "$(SUBMISSIONS)" --out "$(GRADES)" --merge $(SHARDS) $(GRADE_KNOBS)

gradescope: ## the Gradescope autograder zip (+ GitHub Classroom workflow): build/gradescope/
	$(Q)$(KIT) gradescope --chapters "$(GRADE_CHAPTERS)"
