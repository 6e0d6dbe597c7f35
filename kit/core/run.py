"""Run a chapter's tests: each in its own subject process (time-limited, the
student's code inside), then the judge (no student code) replays the record
and decides. Every test of the manifest gets exactly one verdict."""
import concurrent.futures
import functools
import os
import queue
import re
import resource
import signal
import subprocess
import threading
import time
from dataclasses import dataclass

from kit.core import forkserver, protocol, verdict
from kit.core.chapters import ROOT
from kit.core.verdict import VERDICTS, Result, Verdict  # noqa: F401  (run.Result, run.VERDICTS: the record)
ASAN_EXIT, UBSAN_EXIT = protocol.ASAN_EXIT, protocol.UBSAN_EXIT
OUTPUT_CAP = 64 * 1024


@dataclass
class Test:
    name: str
    points: int
    kind: str          # public | hidden
    functions: list
    section: str
    what: str


def manifest(judge_exe):
    out = subprocess.run([judge_exe, "--list"], capture_output=True, text=True, check=True).stdout
    tests = []
    for line in out.splitlines():
        name, points, kind, funcs, section, what = line.split("\t")   # protocol.LIST_FIELDS
        tests.append(Test(name, int(points), kind, [f.strip() for f in funcs.split(",")],
                          section, what))
    return tests


def _env(leaks=True):
    """The subject's environment. LeakSanitizer (leaks=True, the student loop)
    reports a leak as a warning under a test's verdict, never as the verdict:
    a leak does not change what a function computes, and instructor grading
    (leaks=False, for speed) must give the same verdicts as make check."""
    env = dict(os.environ)
    env["ASAN_OPTIONS"] = (f"exitcode={ASAN_EXIT}:detect_leaks={int(leaks)}:abort_on_error=0:"
                           "allocator_may_return_null=1:hard_rss_limit_mb=2048:handle_abort=1:max_malloc_fill_size=2147483647:"
                           "print_summary=1:symbolize=1:external_symbolizer_path=")
    # (no external symbolizer: the subject may not start processes, kit_nofork.c)
    env["UBSAN_OPTIONS"] = f"halt_on_error=1:exitcode={UBSAN_EXIT}:print_stacktrace=1:external_symbolizer_path="
    env["LSAN_OPTIONS"] = f"exitcode={ASAN_EXIT}"  # LSan's exitcode is the common one
    env.pop("CMOCKA_TEST_ABORT", None)
    return env


@functools.lru_cache(maxsize=1)
def _grading_env():
    """_env(leaks=False), built once a process (grading asks for it at every test; the
    sandbox only reads it)."""
    return _env(leaks=False)


def _limits(cpu_seconds):
    def apply():
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_FSIZE, (512 << 20, 512 << 20))
    return apply


def _read_capped(path):
    with open(path, "rb") as f:
        data = f.read(OUTPUT_CAP + 1)
    text = data[:OUTPUT_CAP].decode("utf-8", "replace")
    return text + ("\n[… output cut at 64 KiB]" if len(data) > OUTPUT_CAP else "")


def run_subject(exe, test, log, timeout, workdir, sandbox=None, servers=None):
    """Returns (status, timed_out, stdout_text, stderr_text). status: exit code, or -signal.
    sandbox: a sandbox.Sandbox (instructor grading) or None (the student loop).
    servers: a Servers (the student loop): the test is a child of a fork server."""
    if sandbox is not None:
        return sandbox.run_subject(exe, test, log, timeout, workdir, _grading_env())
    if servers is not None:
        got = servers.run(exe, test, log, timeout)
        if got is not None:
            status, timed_out = got
            return status, timed_out, _read_capped(log + ".out"), _read_capped(log + ".err")
    out_path, err_path = log + ".out", log + ".err"
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        p = subprocess.Popen([exe, "--run", test, "--log", log], stdout=out, stderr=err,
                             stdin=subprocess.DEVNULL, env=_env(), cwd=workdir,
                             start_new_session=True, preexec_fn=_limits(int(timeout) + 1))
        timed_out = False
        try:
            status = p.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            status = None
        try:
            os.killpg(p.pid, signal.SIGKILL)   # the process and anything it started
        except ProcessLookupError:
            pass
        if status is None:
            status = p.wait()
    return status, timed_out, _read_capped(out_path), _read_capped(err_path)


class Servers:
    """The subject as fork servers (kit/core/forkserver.py), one per worker at most: each
    test a child forked before any student code runs (one exec and one sanitizer start
    for many tests), with the same limits, output files and record as one exec a test.
    A subject that cannot serve (it ends before its first fork) runs one exec a test."""

    def __init__(self):
        self.idle = queue.SimpleQueue()
        self.all = []
        self.lock = threading.Lock()
        self.off = False

    def run(self, exe, test, log, timeout):
        """(status, timed out), or None: run it as one exec."""
        if self.off:
            return None
        try:
            srv = self.idle.get_nowait()
        except queue.Empty:
            srv = None
        fresh = srv is None or srv.dead
        if fresh:
            nproc = resource.getrlimit(resource.RLIMIT_NPROC)[0]
            srv = forkserver.Server(exe, _env(), int(timeout) + 1, 512 << 20, nproc, 0, 2048,
                                    cwd=os.path.dirname(log))
            with self.lock:
                self.all.append(srv)
        try:
            child = srv.start(test, log)
            if child is None:
                if fresh:
                    self.off = True       # it cannot serve: one exec a test, as before
                return None
            status, timed_out = None, False
            reply = srv.line(timeout)
            if reply is None:
                status = -signal.SIGKILL  # the server was killed (by the test)
            elif reply.startswith("S "):
                status = forkserver.status_of(reply)[0]
            else:                         # the wall clock ran out: stop the child
                timed_out = True
                try:
                    os.killpg(child, signal.SIGKILL)
                except OSError:
                    pass
                reply = srv.line(5)
                status = forkserver.status_of(reply)[0] if reply and reply.startswith("S ") \
                    else -signal.SIGKILL
            return status, timed_out
        finally:
            if not srv.dead:
                self.idle.put(srv)

    def close(self):
        with self.lock:
            for srv in self.all:
                srv.close()
            self.all = []


def _signal_name(num):
    try:
        return signal.Signals(num).name
    except ValueError:
        return f"signal {num}"


SIGNAL_WORDS = {"SIGSEGV": "a segmentation fault: a read or write through a bad pointer",
                "SIGABRT": "abort() was called (a failed assert()?)",
                "SIGFPE": "an arithmetic error: integer division by zero?",
                "SIGBUS": "a bus error: a misaligned or unmapped address",
                "SIGILL": "an illegal instruction",
                "SIGXFSZ": "it wrote more than 512 MiB of output",
                "SIGKILL": "it was killed"}


def _student_frame(text, src_dir):
    """The first stack frame in the student's own code (a file under src_dir)."""
    for line in text.splitlines():
        m = re.search(r"#\d+ 0x[0-9a-f]+ in (\w+) (\S+)", line)
        if m and os.path.abspath(m.group(2)).startswith(src_dir.rstrip("/") + "/"):
            path = os.path.abspath(m.group(2))
            # in the kit, relative to its root; elsewhere (grading's stage), to the student's tree
            shown = os.path.relpath(path, ROOT if path.startswith(ROOT + os.sep) else src_dir)
            return f"in {m.group(1)} at {shown}"
    return None


def _shown_paths(text, src_dir, sandbox):
    """A sanitizer's sentence with the student's paths as _student_frame shows them: in
    grading relative to the student's tree (never the grader's stage folder, which
    differs from one grading to the next), in make check relative to the kit."""
    base = src_dir if sandbox is not None else ROOT
    return text.replace(base.rstrip("/") + "/", "")


def _sanitizer(stderr):
    """(kind, summary) from a sanitizer report, or None."""
    m = re.search(r"SUMMARY: (AddressSanitizer|UndefinedBehaviorSanitizer|LeakSanitizer): (.*)", stderr)
    if m:
        return m.group(1), m.group(2).strip()
    m = re.search(r"(\S+:\d+:\d+: runtime error: .*)", stderr)
    if m:
        return "UndefinedBehaviorSanitizer", m.group(1)
    if "ERROR: AddressSanitizer" in stderr or "ERROR: LeakSanitizer" in stderr:
        return "AddressSanitizer", stderr.strip().splitlines()[0]
    return None


def _explain_end(tags, status):
    how = f"exit code {status}" if status >= 0 else _signal_name(-status)
    for tag in tags:
        if tag.startswith("ENDED-INSIDE"):
            fn = tag.split()[1]
            return [f"{fn} never returned: the process ended inside it with {how}. "
                    "Does your code call exit() or _exit()? A library function must return."]
        if tag == "NO-RECORD":
            return [f"your code ended the test process ({how}) before the test began, so "
                    "nothing of it was recorded: exit(), _exit() or abort() in a constructor or at "
                    "load time? A library file must only define its functions."]
        if tag.startswith("STOPPED-BEFORE") or tag == "UNFINISHED":
            return [f"your code ended the test process ({how}) before the test finished, "
                    "outside your functions: an atexit handler, a constructor or a thread of yours "
                    "that calls exit()? What it printed is shown below."]
    return None


def run_test(test, judge_exe, subject_exe, logdir, timeout, src_dir, sandbox=None, servers=None,
             ran=None):
    """One test's result. ran: (status, timed_out, out, err) when it already ran (a batch)."""
    start = time.monotonic()
    log = os.path.join(logdir, test.name + ".rec")
    if ran is None:
        for p in (log, log + ".out", log + ".err"):
            if os.path.exists(p):
                os.remove(p)
        ran = run_subject(subject_exe, test.name, log, timeout, logdir, sandbox, servers)
    status, timed_out, out, err = ran
    limit = sandbox.classify(log, status, timed_out, out, err) if sandbox is not None else None
    if sandbox is not None:
        log = sandbox.record_of(log)     # the grader's private copy of the record
    r = Result(test, Verdict.FAIL, output=_student_output(out))
    leak = None
    if status == ASAN_EXIT and "ERROR: LeakSanitizer" in err and "ERROR: AddressSanitizer" not in err \
            and "runtime error" not in err:
        m = re.search(r"SUMMARY: \S+: (.*)", err)
        frame = _student_frame(err, src_dir)
        leak = ("warning: LeakSanitizer: " + (m.group(1) if m else "memory leaked") +
                (f" — allocated {frame}" if frame else "") + "; free what you malloc.")
        status, err = 0, ""
    san = _sanitizer(err)
    frame = _student_frame(err, src_dir)
    rule, r.verdict = verdict.subject(verdict.Ended(status, timed_out, san, status in (ASAN_EXIT, UBSAN_EXIT),
                                                    limit[0] if limit else None))
    if rule == "limit":
        r.lines = limit[1]
    elif rule == "timed_out":
        r.lines = [f"did not finish within {timeout:g} s: an infinite loop, or a loop "
                   "that never reaches its end condition?"]
    elif rule == "fatal_sanitizer":
        kind = san[1].split()[0]
        sig = {"SEGV": "SIGSEGV", "stack-overflow": "SIGSEGV", "FPE": "SIGFPE", "BUS": "SIGBUS",
               "ABRT": "SIGABRT"}[kind]
        what = ("a stack overflow: unbounded recursion, or a huge local array?"
                if kind == "stack-overflow" else SIGNAL_WORDS[sig])
        r.lines = [f"{sig}: {what}"] + ([frame] if frame else [])
    elif rule == "sanitizer":
        r.lines = [f"{san[0]}: {_shown_paths(san[1], src_dir, sandbox)}"] + ([frame] if frame else []) + \
            [line[len(protocol.SAN_SAY):] for line in err.splitlines()
             if line.startswith(protocol.SAN_SAY)][:1]
    elif rule == "sigsys":
        r.lines = ["your code tried to start a process (fork, vfork, system(), popen(), "
                   "posix_spawn, exec…): a library function must not, and the test process "
                   "is stopped at the first try."]
    elif rule == "signal":
        name = _signal_name(-status)
        r.lines = [f"{name}: {SIGNAL_WORDS.get(name, 'the process was killed by a signal')}"]
        if frame:
            r.lines.append(frame)
    else:
        r.verdict = Verdict.FAIL      # until the judge says otherwise (run_all)
        r.pending = (status, log)
        r.warning = leak
    if r.verdict in verdict.OVERRULED and rule != "limit":
        # The subject has no value checks (kit_test.h): it may have gone on past a
        # wrong answer and crashed later. The judge replays what was recorded; a
        # check it fails before the record ends is the first thing that went wrong.
        r.pending, r.ended = (status, log), True
    r.seconds = time.monotonic() - start
    return r


def _judged(r, returncode, text):
    """Fill r from the judge's output for its test (kit/core/verdict.py decides)."""
    status, _ = r.pending
    reply = verdict.parse_judge(text, returncode, lambda p: os.path.relpath(p, ROOT))
    final = verdict.judged(r.verdict if r.ended else None, reply)
    if r.ended and final == r.verdict and any(t.startswith("ENDED-INSIDE") for t in reply.tags):
        # the end stands (a crash, a sanitizer's report, a timeout): what the judge's replay
        # says of it (nothing went wrong before it): the call it ended in, with its
        # arguments, and the grid's case
        r.lines = r.lines + reply.lines
    elif r.ended and final != r.verdict:
        r.lines = reply.lines + [f"(after this, the test process also ended: {r.verdict} — "
                                 + (r.lines[0] if r.lines else "") + ")"]
    elif not r.ended and final == Verdict.FAIL:
        r.lines = _explain_end(reply.tags, status) or reply.lines or \
            ["the judge could not replay this test (no record)."]
    if final == Verdict.FAIL:
        r.todo, r.hints = reply.todo, reply.hints
    r.verdict = final
    r.pending = None


def _judge_one(judge_exe, r, limits=None):
    try:
        j = subprocess.run([judge_exe, "--run", r.test.name, "--log", r.pending[1]],
                           capture_output=True, text=True, timeout=60, errors="replace",
                           stdin=subprocess.DEVNULL, preexec_fn=limits)
        _judged(r, j.returncode, j.stdout + j.stderr)
    except subprocess.TimeoutExpired:
        _judged(r, -1, "KIT| the judge could not replay the record in 60 s.")


def judge_all(judge_exe, results, limits=None):
    """Judge every pending result in one judge process (--batch); a test the
    batch did not finish is judged alone. limits: a preexec_fn (grading)."""
    pending = [r for r in results if r.pending]
    if not pending:
        return
    request = "".join(f"{r.test.name}\t{r.pending[1]}\n" for r in pending)
    try:
        j = subprocess.run([judge_exe, "--batch"], input=request, capture_output=True,
                           text=True, timeout=60 + 5 * len(pending), errors="replace",
                           preexec_fn=limits)
        blocks = j.stdout.split(protocol.DONE + "\n")
    except subprocess.TimeoutExpired:
        blocks = []
    for r, text in zip(pending, blocks[:-1] if blocks else []):
        _judged(r, 0 if protocol.VERDICT_PASS in text else 1, text)
    for r in pending:
        if r.pending:
            _judge_one(judge_exe, r, limits)


def _student_output(out):
    lines = out.splitlines()
    if len(lines) > 8:
        lines = lines[:8] + [f"[… {len(lines) - 8} more lines]"]
    return "\n".join(lines)


def run_all(tests, judge_exe, subject_exe, logdir, timeout, jobs, src_dir, sandbox=None, batch=False):
    """Every test's result. batch (grading, a batchable object: build.batchable): the
    tests in one child of the fork server, each test that ends it run again alone
    (kit_nofork.c): the same verdicts, one fork a chapter instead of one a test."""
    os.makedirs(logdir, exist_ok=True)
    if batch and sandbox is not None:
        logs = [os.path.join(logdir, t.name + ".rec") for t in tests]
        ran = sandbox.run_batch(subject_exe, [t.name for t in tests], logs, logdir, _grading_env())
        if ran is not None:
            results = [run_test(t, judge_exe, subject_exe, logdir, timeout, src_dir, sandbox, None, got)
                       for t, got in zip(tests, ran)]
            judge_all(judge_exe, results, sandbox.judge_preexec())
            return results
    servers = Servers() if sandbox is None else None
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = [pool.submit(run_test, t, judge_exe, subject_exe, logdir, timeout, src_dir,
                                   sandbox, servers) for t in tests]
            results = [f.result() for f in futures]
    finally:
        if servers is not None:
            servers.close()
    judge_all(judge_exe, results, sandbox.judge_preexec() if sandbox is not None else None)
    return results
