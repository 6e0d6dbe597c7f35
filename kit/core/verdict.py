"""Where a test's verdict is decided: the one place, for make check and grading alike.

    Verdict        the verdicts (an Enum; each value is the word people read)
    Result         the record of one test: verdict, message lines, hint ids, TODO flag
    PRECEDENCE     the order in which what ended the subject process decides (data)
    OVERRULED      the subject verdicts that the judge's FAIL overrules
    subject(...)   the verdict of how the subject process ended (or None: the judge decides)
    limit(...)     which sandbox limit ended a test (grading; LIMIT_PRECEDENCE, data)
    judged(...)    the final verdict once the judge has replayed the record
    parse_judge    the judge's output (PROTOCOL.md, "judge output"): lines, tags, hints

kit/core/run.py gathers the facts (exit status, time, the sanitizer's report, the
sandbox's limits from kit/grading/sandbox.py) and writes the messages; the JSON of
`make check --json`, the gradebook, the exports and the class report read the
record's fields (verdict, hints, todo), never its sentences.
"""
import enum
import re
from dataclasses import dataclass, field

from kit.core import protocol


class Verdict(str, enum.Enum):
    PASS = "PASS"
    FAIL = "FAIL"
    CRASH = "CRASH"
    TIMEOUT = "TIMEOUT"
    SANITIZER = "SANITIZER"
    BUILD_ERROR = "BUILD ERROR"
    MEMORY_LIMIT = "MEMORY LIMIT"
    OUTPUT_LIMIT = "OUTPUT LIMIT"
    FILE_LIMIT = "FILE LIMIT"
    PROCESS_LIMIT = "PROCESS LIMIT"
    # the class report's columns beside the verdicts (not verdicts of a run)
    TODO = "TODO"                     # FAIL of a function that still returns KIT_TODO
    NOT_SUBMITTED = "NOT SUBMITTED"   # the chapter was not handed in

    __str__ = str.__str__             # "PASS", in f-strings and print alike
    __format__ = str.__format__


V = Verdict
# what a run gives (README's table, in its order); the sandbox's limits come last
VERDICTS = (V.PASS, V.FAIL, V.CRASH, V.TIMEOUT, V.SANITIZER, V.BUILD_ERROR,
            V.MEMORY_LIMIT, V.OUTPUT_LIMIT, V.FILE_LIMIT, V.PROCESS_LIMIT)
LIMITS = (V.MEMORY_LIMIT, V.OUTPUT_LIMIT, V.FILE_LIMIT, V.PROCESS_LIMIT)
# the class report's columns
REPORTED = (V.PASS, V.FAIL, V.TODO, V.NOT_SUBMITTED, V.BUILD_ERROR, V.CRASH, V.TIMEOUT, V.SANITIZER,
            V.MEMORY_LIMIT, V.OUTPUT_LIMIT, V.FILE_LIMIT, V.PROCESS_LIMIT)

# How the subject process ended, first matching row wins. The facts (Ended) come from
# kit/core/run.py; None: the subject finished, and the judge decides PASS or FAIL.
PRECEDENCE = (
    ("limit",          None,             "a sandbox limit ended it (grading: limit() below)"),
    ("timed_out",      V.TIMEOUT,        "the wall clock ran out, or SIGXCPU"),
    ("fatal_sanitizer", V.CRASH,         "a sanitizer reported a signal (SEGV, stack overflow, FPE, BUS, ABRT)"),
    ("sanitizer",      V.SANITIZER,      "a sanitizer reported an error"),
    ("sigsys",         V.PROCESS_LIMIT,  "SIGSYS: the fork filter stopped a fork or exec"),
    ("signal",         V.CRASH,          "any other signal"),
    ("finished",       None,             "it finished: the judge decides"),
)
# A verdict of the subject's end that the judge's FAIL replaces when the judge failed a
# check on what was recorded before the end (a wrong answer came first).
OVERRULED = frozenset({V.TIMEOUT, V.CRASH, V.SANITIZER})
# The judge's tags that say the subject ended outside a check (PROTOCOL.md).
END_TAGS = protocol.END_TAGS


@dataclass
class Ended:
    """The facts of the subject's end, as kit/core/run.py found them."""
    status: int                     # exit code, or -signal
    timed_out: bool = False
    sanitizer: tuple = None         # (kind, summary) of a sanitizer report, or None
    sanitizer_exit: bool = False    # the status is the sanitizers' exit code
    limit: str = None               # the sandbox's limit verdict, or None


RULES = {
    "limit":           lambda e: e.limit is not None,
    "timed_out":       lambda e: e.timed_out or e.status == -24,          # SIGXCPU
    "fatal_sanitizer": lambda e: bool(e.sanitizer and e.sanitizer_exit and
                                      re.match(r"(SEGV|stack-overflow|FPE|BUS|ABRT)", e.sanitizer[1])),
    "sanitizer":       lambda e: bool(e.sanitizer and e.sanitizer_exit),
    "sigsys":          lambda e: e.status == -31,                         # SIGSYS
    "signal":          lambda e: e.status < 0,
    "finished":        lambda e: True,
}


def subject(ended):
    """(rule, verdict) of the first PRECEDENCE row that holds; verdict None: the judge decides."""
    for rule, verdict, _ in PRECEDENCE:
        if RULES[rule](ended):
            return rule, (Verdict(ended.limit) if rule == "limit" else verdict)
    raise AssertionError("PRECEDENCE ends with a row that always holds")


@dataclass
class Limits:
    """What the grading sandbox measured around one test (kit/grading/sandbox.py)."""
    status: int = 0                 # exit code, or -signal
    timed_out: bool = False
    left: int = 0                   # processes still running after the test ended
    full: str = ""                  # a writable place that filled up ("" if none)
    procs: int = 0                  # the most processes seen while it ran
    memory: bool = False            # the sanitizer's or allocator's words for too much memory
    sizes: tuple = (0, 0, 0)        # bytes of its output, its errors, its record
    fsize: int = 1 << 62            # the file size limit
    sigxfsz: bool = False           # it was ended by SIGXFSZ


# Which sandbox limit ended a test (grading only), first matching row wins; the rule's
# name picks the message (sandbox.classify). None of them: no limit, PRECEDENCE decides.
LIMIT_PRECEDENCE = (
    ("left",       V.PROCESS_LIMIT, lambda f: f.left > 0),
    ("full",       V.FILE_LIMIT,    lambda f: bool(f.full)),
    ("procs",      V.PROCESS_LIMIT, lambda f: f.procs > 2),
    ("memory",     V.MEMORY_LIMIT,  lambda f: f.memory),
    ("output",     V.OUTPUT_LIMIT,  lambda f: (f.sigxfsz or max(f.sizes) >= f.fsize)
                                               and max(f.sizes[:2]) >= f.fsize),
    ("file",       V.FILE_LIMIT,    lambda f: f.sigxfsz or max(f.sizes) >= f.fsize),
    ("killed",     V.CRASH,         lambda f: f.status == -9 and not f.timed_out),
)


def limit(facts):
    """(rule, verdict) of the first LIMIT_PRECEDENCE row that holds, or None."""
    for rule, verdict, holds in LIMIT_PRECEDENCE:
        if holds(facts):
            return rule, verdict
    return None


@dataclass
class Reply:
    """What the judge said about one test (parse_judge)."""
    passed: bool
    lines: list                     # sentences for people
    tags: list                      # KIT-<tag> lines, without "KIT-"
    hints: dict                     # hint id -> its sentence
    todo: bool                      # a function still returns KIT_TODO
    returncode: int = 0             # the judge's exit code

    @property
    def ended_outside(self):
        return any(t.startswith(END_TAGS) for t in self.tags)


def judged(subject_verdict, reply):
    """The final verdict: the subject's (None: it finished) against the judge's reply."""
    if subject_verdict is None:
        return V.PASS if reply.passed else V.FAIL
    if subject_verdict in OVERRULED and reply.returncode != 0 and "VERDICT FAIL" in reply.tags \
            and reply.lines and not reply.ended_outside:
        return V.FAIL
    return subject_verdict


def parse_judge(text, returncode=0, relpath=None):
    """The judge's output for one test (PROTOCOL.md, "judge output"): `KIT| sentence`
    lines, `KIT-<TAG> ...` tags (KIT-HINT <id> comes just before its sentence), and
    cmocka's own messages (a plain assertion, the `file:line` of a failed check)."""
    lines, tags, hints = [], [], {}
    want_sentence = None
    for raw in text.splitlines():
        while raw.startswith("[  ERROR   ] --- "):
            raw = raw[17:]
        if raw.startswith(protocol.SAY):
            lines.append(raw[len(protocol.SAY):])
            if want_sentence is not None:
                hints[want_sentence] = re.sub(r"^hint \([^)]*\):\s*", "", lines[-1]).strip()
                want_sentence = None
        elif raw.startswith(protocol.HINT):
            want_sentence = raw[len(protocol.HINT):].strip()
            hints.setdefault(want_sentence, "")
        elif raw.startswith(protocol.TAG):
            tags.append(raw[len(protocol.TAG):])
        elif raw.startswith("[   LINE   ] --- "):
            m = re.match(r"(.*):(\d+): error: Failure!", raw[17:].strip())
            if m and m.group(1):
                where = relpath(m.group(1)) if relpath else m.group(1)
                lines.append(f"(checked at {where}:{m.group(2)})")
        elif raw.strip() and not raw.startswith("[") and not re.match(r"\s*\d+ FAILED TEST", raw):
            lines.append(raw.strip())        # a plain cmocka assertion message
    passed = returncode == 0 and "VERDICT PASS" in tags
    return Reply(passed, lines, tags, hints, any(t.startswith("TODO") for t in tags), returncode)


@dataclass
class Result:
    """One test's record: what make check prints and saves, what grading exports."""
    test: object                                # kit.core.run.Test
    verdict: Verdict
    lines: list = field(default_factory=list)   # the message, one sentence a line
    output: str = ""                            # what the student's code printed
    seconds: float = 0.0
    todo: bool = False                          # failed only because it is a stub
    pending: tuple = None                       # (status, record) until judged
    warning: str = None                         # e.g. a leak: shown, never the verdict
    ended: bool = False                         # the subject crashed, hung or was stopped by a sanitizer
    hints: dict = field(default_factory=dict)   # hint id -> its sentence (the judge's KIT-HINT)

    def record(self):
        """The JSON fields every consumer reads (report.save, grade.py, exports, class report)."""
        return {"verdict": str(self.verdict), "lines": self.lines, "hints": self.hints, "todo": self.todo}
