"""The messages between the kit's processes, on the Python side (PROTOCOL.md says it in words).

The C side's constants are tools/harness/kit_protocol.h; tests/suite_house.py checks
that every #define there has the same value in C_CONSTANTS here, and that every
KIT_* environment variable the tree reads is in ENV (and in PROTOCOL.md).
"""

# tools/harness/kit_protocol.h, name for name (without the KIT_ prefix)
C_CONSTANTS = {
    "REC_CALL": "C", "REC_RETURN": "R", "REC_END": "E", "REC_FILLS": "F",
    "ARG_SIZE": "z", "ARG_INT": "i", "ARG_DOUBLE": "d", "ARG_PTR": "p",
    "MAX_RECORD_BYTES": 1 << 28,
    "ASAN_EXIT": 86, "UBSAN_EXIT": 87,
    "SERVER_PID": "P", "SERVER_STATUS": "S", "SERVER_ERROR": "E", "SERVER_BATCH": "B",
}
ASAN_EXIT = C_CONSTANTS["ASAN_EXIT"]
UBSAN_EXIT = C_CONSTANTS["UBSAN_EXIT"]

# `PROG --list`: one line a test, these fields, tab-separated
LIST_FIELDS = ("name", "points", "kind", "functions", "section", "what")

# the subject's stderr (kit_record.c, the sanitizers' error hook): a sentence for people
SAN_SAY = "KIT-SAN| "

# the judge's output (kit_main.c, kit_check.c, kit_replay.c)
SAY = "KIT| "                 # a sentence for people
TAG = "KIT-"                  # data: KIT-<TAG> [argument]
HINT = "KIT-HINT "            # KIT-HINT <id>, just before its sentence
DONE = "KIT-DONE"             # --batch: the end of one test's output
VERDICT_PASS, VERDICT_FAIL = "KIT-VERDICT PASS", "KIT-VERDICT FAIL"
# tags that say the subject ended outside a check
END_TAGS = ("ENDED-INSIDE", "STOPPED-BEFORE", "UNFINISHED", "NO-RECORD")

# kit/grading/runner/runner.py over its pipes (one line each way, tab-separated)
RUNNER_ARGS = ("cpu", "wall", "fsize", "nproc", "as_bytes", "subject", "tmp_bytes", "serve")
RUNNER_REQUEST = ("nonce", "test", "record")
RUNNER_REPLY = ("nonce", "status", "timed_out", "most_processes", "left", "full", "cpu")
# the fork server's environment: KIT_FORK_SERVER=REQ,REP,RSS_MB,CPU,FSIZE,NPROC,AS
FORK_SERVER_FIELDS = ("req_fd", "rep_fd", "rss_mb", "cpu", "fsize", "nproc", "as_bytes")

# Every KIT_* environment variable the tree reads: name -> (who reads it, what it does).
# The knobs a person sets have a make variable (make help); the rest are internal.
ENV = {
    "KIT_FORK_SERVER":   ("subject (kit_nofork.c)", "internal: set by runner.py, makes the subject a fork server "
                          "(fields FORK_SERVER_FIELDS)"),
    "KIT_ALLOW_FORK":    ("subject (kit_nofork.c)", "any value: no fork filter (debugging a subject by hand; "
                          "never set by the kit)"),
    "KIT_SANDBOX":       ("grading (sandbox.py)", "force a weaker sandbox level: unshare | rlimits "
                          "(make grade SANDBOX=...)"),
    "KIT_GRADE_SERVER":  ("grading (sandbox.py)", "0: one exec per test instead of the fork server "
                          "(make grade GRADE_SERVER=0)"),
    "KIT_GRADE_BATCH":   ("grading (grade.py, sandbox.py)", "0: one child of the fork server per test even "
                          "for a batchable object (make grade GRADE_BATCH=0)"),
    "KIT_KEEP_WORK":     ("grading (grade.py)", "1: keep each unit's work folder (make grade KEEP_WORK=1)"),
    "KIT_GRADE_EXPOSED": ("grading (grade.py)", "1: grade although the sandbox's uid can read the kit's secrets "
                          "(make grade GRADE_EXPOSED=1)"),
    "KIT_AG_TIMEOUT":    ("run_autograder", "seconds the Gradescope run may take (default 540)"),
    "KIT_REPEAT":        ("tests/suite_grading.py", "how many times the determinism check regrades (default 1)"),
    "KIT_LD":            ("build (kit/core/build.py)", "gold (default): link the subject with ld.gold when it is "
                          "installed; any other value: the default linker"),
    "KIT_TRACEBACK":     ("grading (grade.py)", "1: a kit fault prints its Python traceback instead of one line"),
}
