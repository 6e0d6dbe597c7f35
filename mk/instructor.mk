# Instructor targets. Included by the Makefile; the student release leaves this file out.
SUBMISSIONS ?=
GRADES      ?= build/grades
GRADE_SAN   ?= 1
GRADE_CPU   ?= 1
GRADE_CHAPTERS ?=
SHARD       ?=
SHARDS      ?=
.PHONY: dist grade grade-merge gradescope

dist: ## the student release: build/dist/<name>/ + .tar.gz (no solutions, no hidden tests)
	$(Q)$(KIT) dist

grade: ## grade a folder of submissions: make grade SUBMISSIONS=dir [GRADES=dir] [JOBS=n]
	$(Q)if [ -z "$(SUBMISSIONS)" ]; then echo "Which folder? make grade SUBMISSIONS=<folder, one entry per student>"; exit 2; fi
	$(Q)bash $(DEPS) grade
	$(Q)$(KIT) grade "$(SUBMISSIONS)" --out "$(GRADES)" --jobs $(JOBS) --san $(GRADE_SAN) \
	    --cpu $(GRADE_CPU) --chapters "$(GRADE_CHAPTERS)" --shard "$(SHARD)"

grade-merge: ## one gradebook from the shards' GRADES: make grade-merge SUBMISSIONS=dir SHARDS="g1 g2 ..." [GRADES=dir]
	$(Q)if [ -z "$(SUBMISSIONS)" ] || [ -z "$(SHARDS)" ]; then echo "make grade-merge SUBMISSIONS=<folder> SHARDS=\"<GRADES of shard 1> <of shard 2> ...\""; exit 2; fi
	$(Q)$(KIT) grade "$(SUBMISSIONS)" --out "$(GRADES)" --merge $(SHARDS)

gradescope: ## the Gradescope autograder zip (+ GitHub Classroom workflow): build/gradescope/
	$(Q)$(KIT) gradescope --chapters "$(GRADE_CHAPTERS)"
