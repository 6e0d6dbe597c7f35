"""The grading sandbox: how an untrusted subject process (and the compiler run
on untrusted source) is contained when an instructor grades submissions.

Everything the sandbox sees of the kit is a staged copy (stage.py): the
public headers and the subject's objects, in a fresh folder under /var/tmp that
any uid can traverse, wherever the kit or GRADES live. The judge, the hidden
tests and the solutions stay in the kit, outside.

Levels, strongest first, detected once per grading run (`detect()`):
  bwrap    bubblewrap: --unshare-all (net, pid, ipc, uts, user, cgroup),
           --die-with-parent --new-session --clearenv; read-only / and /dev,
           read-only binds of /usr and of the staged subject; writable: the
           test's log folder, /tmp and /dev/shm (tmpfs of TMP_MB each), all
           three cleaned and measured after every test (FILE LIMIT when full).
  unshare  `unshare -rnm`: no network; a mount namespace in which the kit's
           folder and GRADES are covered by empty tmpfs (out of reach), and
           /tmp and /dev/shm are fresh capped tmpfs for each test.
  rlimits  resource limits and a dropped uid alone: nothing is hidden, so the
           pre-flight refuses to grade if the sandbox uid can read the kit's
           hidden tests or solutions (a private kit folder, mode 0700, is safe).
At every level, when the grader runs as root, each subject runs as its own
throw-away uid (one per concurrent slot, 1990000 + slot): it cannot signal the
grader or another submission, RLIMIT_NPROC counts its processes only, and
every process left with that uid is killed after the test.

Memory: sanitizer builds reserve terabytes of shadow memory, so RLIMIT_AS
cannot cap them (they fail to start); ASAN_OPTIONS=hard_rss_limit_mb and
max_allocation_size_mb cap them instead. With san=False, RLIMIT_AS does.
Grading keeps sanitizers on by default: the verdicts then match what students
see in `make check` (a memory error caught there is never a pass here).
"""
import contextlib
import os
import queue
import sys
import tempfile
import resource
import select
import shutil
import signal
import socket
import subprocess
import threading
import time
from dataclasses import dataclass

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "runner"))
import tidy  # noqa: E402  (kit/grading/runner/tidy.py: also staged, beside the runner)

OUTPUT_CAP = 64 * 1024       # what is kept of a test's stdout and stderr (as run.OUTPUT_CAP)
RECORD_CAP = 256 << 20       # bytes of one test's record (as kit_nofork.c's KIT_RECORD_CAP)
from kit.core import verdict  # noqa: E402
from kit.core.verdict import LIMITS

# The throw-away uids of one grading run: a block of 64 of its own (picked from the
# pid), so that two gradings on one machine never count or kill each other's processes.
UID_BASE = 1990000 + (os.getpid() % 8192) * 64
TMP_MB = 16                  # each writable tmpfs in the sandbox (/tmp, /dev/shm)
LIMIT_VERDICTS = tuple(str(v) for v in LIMITS)
SANDBOX_COMMS = ("bwrap", "unshare", "timeout", "prlimit", "setpriv")


@dataclass
class Limits:
    cpu: int = 1                 # s of CPU per test (the fork server's kill; one exec: RLIMIT_CPU)
    wall: float = 5.0            # s of wall-clock per test
    mem_mb: int = 512            # resident memory (ASan) or address space (san=False)
    nproc: int = 64              # tasks (processes + threads) of the test's uid
    fsize: int = 32 << 20        # bytes: any file it writes, its stdout and stderr included
    compile_cpu: int = 30        # s of CPU for one compiler run
    compile_mem_mb: int = 2048


def _bwrap_base():
    cap = str(TMP_MB << 20)
    args = ["bwrap", "--unshare-all", "--die-with-parent", "--new-session", "--clearenv",
            "--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev",
            "--size", cap, "--tmpfs", "/dev/shm", "--size", cap, "--tmpfs", "/tmp",
            "--remount-ro", "/dev"]
    for name in ("lib", "lib64", "bin", "sbin", "lib32", "libx32"):
        p = "/" + name
        if os.path.islink(p):
            args += ["--symlink", os.readlink(p), p]
        elif os.path.isdir(p):
            args += ["--ro-bind", p, p]
    for p in ("/etc/alternatives", "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d"):
        if os.path.exists(p):
            args += ["--ro-bind", p, p]
    return args


def _bwrap_end():
    """After the binds: the sandbox's own root is read-only."""
    return ["--remount-ro", "/"]


HIDE_SH = r"""
# hide.sh DIR... -- CMD...: in a fresh mount namespace (unshare -rnm), cover each
# DIR with an empty tmpfs, give /tmp and /dev/shm fresh capped tmpfs, run CMD.
cap="$1"; shift
while [ "$1" != "--" ]; do
  [ -d "$1" ] && { mount -t tmpfs -o size=4k,mode=0 kit-hidden "$1" || exit 125; }
  shift
done
shift
for d in /tmp /dev/shm; do
  [ -d "$d" ] && { mount -t tmpfs -o "size=$cap" kit-tmp "$d" || exit 125; }
done
exec "$@"
"""


def _probe(cmd, uid):
    kw = {}
    if uid is not None:
        kw = {"user": uid, "group": uid, "extra_groups": []}
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=20, **kw)
        return r.returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


_DETECTED = {}
WHY_WEAKER = {}          # level key -> why the strongest level (bwrap) is not used


def detect(force=None):
    """The strongest level that works here (once per process): bwrap | unshare | rlimits.
    force (grade.py --sandbox, make grade SANDBOX=...) picks a weaker level."""
    force = force or None
    key = force or "auto"
    if key in _DETECTED:
        return _DETECTED[key]
    uid = UID_BASE if os.geteuid() == 0 else None
    true = shutil.which("true") or "/bin/true"
    level = "rlimits"
    why = ""
    if force not in (None, "bwrap"):
        why = f"SANDBOX={force} asked for it (make grade SANDBOX=...)"
    elif not shutil.which("bwrap"):
        why = "bubblewrap (bwrap) is not installed: bash tools/deps.sh grade installs it"
    elif _probe(_bwrap_base() + ["--", true], uid):
        level = "bwrap"
    else:
        why = ("bwrap is installed but cannot create its namespaces here (unprivileged user "
               "namespaces disabled, or a container without them)")
    if level != "bwrap" and force in (None, "bwrap", "unshare") and shutil.which("unshare") and \
            _probe(["unshare", "-rnm", "--", "/bin/sh", "-c",
                    "mount -t tmpfs -o size=4k kit-probe /mnt && " + true], uid):
        level = "unshare"
    _DETECTED[key] = level
    WHY_WEAKER[key] = why
    return level


def why_weaker(force=None):
    """Why detect(force) gave a level below bwrap ('' when it did not)."""
    force = force or None
    return WHY_WEAKER.get(force or "auto", "")


def describe(level, san):
    words = {"bwrap": "bubblewrap (no network; sees only /usr and a staged copy of the public kit; "
                      f"writable: its log folder, /tmp and /dev/shm, {TMP_MB} MiB each, cleaned per test)",
             "unshare": "unshare -rnm (no network; the kit and GRADES folders covered, out of reach; "
                        f"/tmp and /dev/shm fresh {TMP_MB} MiB tmpfs per test; the rest of the file system visible)",
             "rlimits": "resource limits only (no namespace worked here: the file system is visible, "
                        "so the kit's folder must be private to the grader)"}
    uid = "separate uid per test" if os.geteuid() == 0 else "same uid as the grader"
    mem = "ASan hard_rss_limit_mb" if san else "RLIMIT_AS"
    return f"{level}: {words[level]}; {uid}; memory capped by {mem}"


def _reap(p, used):
    """Wait for the Popen p (os.wait4: its CPU time in used[0]); its status (-signal)."""
    try:
        _, st, ru = os.wait4(p.pid, 0)
    except ChildProcessError:
        return p.wait()
    used[0] = ru.ru_utime + ru.ru_stime
    p.returncode = os.waitstatus_to_exitcode(st)
    return p.returncode


def _procs_of(uid):
    def owned(pid):
        try:
            return os.stat(f"/proc/{pid}").st_uid == uid
        except OSError:
            return False
    return tidy.live_pids(owned)


def _comm(pid):
    try:
        with open(f"/proc/{pid}/comm") as f:
            return f.read().strip()
    except OSError:
        return ""


def _kill_uid(uid):
    """Kill every process of a throw-away uid (they are all ours), until none is left."""
    for _ in range(50):
        pids = _procs_of(uid)
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.01)


class Sandbox:
    def __init__(self, level, limits=None, san=True, slots=2):
        self.level = level
        self.limits = limits or Limits()
        self.san = san
        self.root = os.geteuid() == 0
        self.uids = queue.Queue()
        for i in range(max(1, slots) + 2):
            self.uids.put(UID_BASE + 1 + min(i, 62) if self.root else None)
        self.info = {}          # log path -> what the run saw (for classify)
        self.owner = {}         # log folder -> the uid its tests run as (see slot())
        self.runners = {}       # log folder -> _Runner (bwrap: one sandbox per slot)
        self.lock = threading.Lock()
        self.hidden = []        # unshare: folders covered in the sandbox (the kit, GRADES)
        self.private_base = None  # where the grader keeps the tests' records (grade.py: in the stage)
        self.records = {}       # log folder -> its private records folder
        self.moved = {}         # log path -> the private copy of its record
        self.nrec = 0
        self.keep_records = False  # True: the records outlive their slot (make bench-grade judges after it)
        self.runner_dir = None  # the staged copy of kit/grading/runner (stage.py)

    @contextlib.contextmanager
    def slot(self, logdir):
        """Run every test whose logs go to logdir as one throw-away uid, which
        alone may write there (0700): another submission's tests cannot touch it."""
        uid = self.uids.get()
        try:
            if uid is not None:
                os.chown(logdir, uid, uid)
                os.chmod(logdir, 0o700)
            with self.lock:
                self.owner[os.path.abspath(logdir)] = uid
            yield uid
        finally:
            with self.lock:
                self.owner.pop(os.path.abspath(logdir), None)
                r = self.runners.pop(os.path.abspath(logdir), None)
                private = self.records.pop(os.path.abspath(logdir), None)
            if r is not None:
                r.close()
            if private and not self.keep_records:
                tidy.remove_tree(private)
            if uid is not None:
                _kill_uid(uid)
            self.uids.put(uid)

    # -- building -----------------------------------------------------------
    def run_compile(self, cmd, out_dir, ro, cwd=None):
        """Run a compiler command on untrusted source: its limits (set in the child
        before the exec, no prlimit/timeout/setpriv programs: each cost ~6 ms of CPU),
        the compile uid, a wall clock of twice its CPU time (then its whole session is
        killed), and (bwrap) a view of only /usr, the given read-only folders and
        out_dir. stdin is /dev/null. Returns a CompletedProcess (text)."""
        lim = self.limits
        wrapped = cmd
        if self.level == "bwrap":
            b = _bwrap_base() + ["--setenv", "PATH", "/usr/bin:/bin", "--setenv", "LANG", "C"]
            for d in ro:
                b += ["--ro-bind", d, d]
            wrapped = b + ["--bind", out_dir, out_dir] + _bwrap_end() + ["--chdir", out_dir, "--"] + cmd
        elif self.level == "unshare":
            wrapped = self._unshare() + cmd

        limits = tidy.hard_limits([(resource.RLIMIT_CPU, lim.compile_cpu), (resource.RLIMIT_CORE, 0),
                                   (resource.RLIMIT_FSIZE, lim.fsize * 4),
                                   (resource.RLIMIT_AS, lim.compile_mem_mb << 20)])
        kw = {"user": UID_BASE, "group": UID_BASE, "extra_groups": []} if self.root else {}
        p = subprocess.Popen(wrapped, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, errors="replace", cwd=cwd,
                             start_new_session=True, preexec_fn=limits, **kw)
        try:
            out, err = p.communicate(timeout=lim.compile_cpu * 2)
        except subprocess.TimeoutExpired:
            try:
                os.killpg(p.pid, signal.SIGKILL)
            except OSError:
                pass
            out, err = p.communicate()
            err += f"\nthe compiler was stopped after {lim.compile_cpu * 2} s\n"
        return subprocess.CompletedProcess(wrapped, p.returncode, out, err)

    def _unshare(self):
        """unshare -rnm with the hidden folders covered (see HIDE_SH)."""
        return ["unshare", "-rnm", "--", "/bin/sh", "-c", HIDE_SH, "hide.sh",
                f"{TMP_MB}m"] + list(self.hidden) + ["--"]

    def wrap_probe(self, argv, workdir):
        """argv run as a test's subject would be (same level, uid and view)."""
        if self.level == "bwrap":
            return _bwrap_base() + ["--bind", workdir, workdir] + _bwrap_end() + \
                ["--chdir", workdir, "--"] + argv
        if self.level == "unshare":
            return self._unshare() + argv
        return argv

    # -- running ------------------------------------------------------------
    def env(self, base):
        lim = self.limits
        keep = {k: v for k, v in base.items() if k.endswith("SAN_OPTIONS")}
        if "ASAN_OPTIONS" in keep:
            opts = [o for o in keep["ASAN_OPTIONS"].split(":")
                    if not o.startswith(("hard_rss_limit_mb", "max_allocation_size_mb"))]
            keep["ASAN_OPTIONS"] = ":".join(opts + [f"hard_rss_limit_mb={lim.mem_mb}",
                                                    f"max_allocation_size_mb={lim.mem_mb}"])
        keep["PATH"] = "/usr/bin:/bin"
        keep["LANG"] = "C"
        return keep

    def _preexec(self, cpu):
        """The test's limits, set before the subject starts, hard = soft (never raised again)."""
        lim = self.limits
        return tidy.hard_limits(
            [(resource.RLIMIT_CPU, cpu), (resource.RLIMIT_CORE, 0), (resource.RLIMIT_FSIZE, lim.fsize),
             (resource.RLIMIT_NOFILE, 64), (resource.RLIMIT_MSGQUEUE, 0)]
            + ([] if self.san else [(resource.RLIMIT_AS, lim.mem_mb << 20)])
            + ([(resource.RLIMIT_NPROC, lim.nproc)] if self.root else []))

    def judge_preexec(self):
        """Limits for the judge, which reads what a student's process recorded."""
        lim = self.limits
        return tidy.hard_limits([(resource.RLIMIT_CPU, 120), (resource.RLIMIT_CORE, 0),
                                 (resource.RLIMIT_FSIZE, lim.fsize),
                                 (resource.RLIMIT_AS, max(2048, 4 * lim.mem_mb) << 20)])

    # -- a test's own folder, and what comes back from it ----------------------
    def _test_dir(self, workdir, test, uid):
        """A fresh folder for one test, in its log folder, writable by the test's uid."""
        tdir = os.path.join(workdir, test)
        tidy.remove_tree(tdir)
        os.mkdir(tdir, 0o700)
        if uid is not None:
            os.chown(tdir, uid, uid)
        return tdir

    def _private(self, workdir):
        """The grader's own folder for this log folder's records (no test can reach it)."""
        with self.lock:
            d = self.records.get(os.path.abspath(workdir))
            if d is None:
                base = self.private_base or None
                if base:
                    os.makedirs(base, mode=0o700, exist_ok=True)
                d = tempfile.mkdtemp(prefix="records-", dir=base)
                self.records[os.path.abspath(workdir)] = d
            self.nrec += 1
            return os.path.join(d, f"{self.nrec}.rec")

    def _collect(self, log, tlog, tdir, record=None):
        """After the test (no process of it left): its output and errors read from its
        folder (no link followed, no FIFO opened, capped), its record kept in the
        grader's private folder (the judge reads that copy), the folder removed.
        record: the bytes, when they came through a pipe here. Returns (out, err)."""
        got = {ext: tidy.read_capped(tlog + ext, cap)
               for ext, cap in ((".out", OUTPUT_CAP), (".err", OUTPUT_CAP))}
        sizes = [tidy.size_of(tlog + ".out"), tidy.size_of(tlog + ".err"),
                 len(record) if record is not None else tidy.size_of(tlog)]
        private = self._private(os.path.dirname(tdir))
        if record is None and not tidy.move_regular(tlog, private, RECORD_CAP + 1):
            r = tidy.read_capped(tlog, RECORD_CAP)      # (another file system, or odd: copy it)
            record = None if r is None else r[0] + (b"X" if r[1] else b"")
        if record is not None:
            tidy.write_new(private, record)
        tidy.remove_tree(tdir)

        def text(r):
            if r is None:
                return ""
            return r[0].decode("utf-8", "replace") + ("\n[… output cut at 64 KiB]" if r[1] else "")
        with self.lock:
            self.info.setdefault(log, {}).update(sizes=sizes)
            self.moved[log] = private
        return text(got[".out"]), text(got[".err"])

    def record_of(self, log):
        """Where the judge reads the record of the test logged at log (the private copy)."""
        with self.lock:
            return self.moved.pop(log, log)

    def run_subject(self, exe, test, log, timeout, workdir, env):
        """Like run.run_subject, inside the sandbox. Returns (status, timed_out, out, err)."""
        lim = self.limits
        wall = lim.wall        # (timeout: what the message says; CPU lim.cpu is the usual limit)
        with self.lock:
            owned = os.path.abspath(workdir) in self.owner
            uid = self.owner.get(os.path.abspath(workdir))
        if owned and self.level == "bwrap" and RUNNER_PY and os.path.exists(RUNNER_PY):
            return self._run_in_runner(exe, test, log, wall, workdir, env, uid)
        env = self.env(env)
        if not owned:
            uid = self.uids.get()
        tdir = self._test_dir(workdir, test, uid)
        tlog = os.path.join(tdir, os.path.basename(log))
        mine, theirs = socket.socketpair()    # the record: write-only for the test (kit_record.c)
        theirs.shutdown(socket.SHUT_RD)
        theirs.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)  # a big record in few trips
        mine.shutdown(socket.SHUT_WR)
        rec_w = theirs.fileno()
        argv = [exe, "--run", test, "--log", f"fd:{rec_w}"]
        if self.level == "bwrap":
            cmd = _bwrap_base()
            for k, v in env.items():
                cmd += ["--setenv", k, v]
            cmd += ["--ro-bind", os.path.dirname(exe), os.path.dirname(exe),
                    "--bind", workdir, workdir] + _bwrap_end() + ["--chdir", tdir, "--"] + argv
        elif self.level == "unshare":
            cmd = self._unshare() + argv
        else:
            cmd = argv
        kw = {"user": uid, "group": uid, "extra_groups": []} if uid is not None else {}
        out_path, err_path = tlog + ".out", tlog + ".err"
        most = 0
        record = None
        used = [0.0]          # the CPU seconds it used (_reap)
        try:
            flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC
            with open(os.open(out_path, flags, 0o644), "wb") as out, \
                    open(os.open(err_path, flags, 0o644), "wb") as err:
                try:
                    p = subprocess.Popen(cmd, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                         env=env, cwd=tdir, start_new_session=True, pass_fds=(rec_w,),
                                         preexec_fn=self._preexec(lim.cpu), **kw)
                finally:
                    theirs.close()
                record = tidy.Drain(mine.detach(), RECORD_CAP)
                start = time.monotonic()
                timed_out = False
                status = None
                step = 0.05
                poller, pidfd = None, None
                if hasattr(os, "pidfd_open"):
                    try:
                        pidfd = os.pidfd_open(p.pid)
                        poller = select.poll()
                        poller.register(pidfd, select.POLLIN)
                    except OSError:
                        poller = None
                while status is None:
                    left = wall - (time.monotonic() - start)
                    if left <= 0:
                        timed_out = True
                        break
                    try:
                        if poller is not None:     # wake up the moment it ends
                            if not poller.poll(int(min(left, step) * 1000) + 1):
                                raise subprocess.TimeoutExpired(cmd, step)
                            status = _reap(p, used)
                        else:
                            status = p.wait(timeout=min(left, step))
                    except subprocess.TimeoutExpired:
                        step = min(step * 2, 0.25)
                        if uid is not None:      # still running: count its processes
                            n = sum(_comm(q) not in SANDBOX_COMMS for q in _procs_of(uid))
                            most = max(most, n)
                            if n > 2:            # it started processes: stop it now
                                break
                try:
                    os.killpg(p.pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
                if uid is not None:
                    _kill_uid(uid)   # nothing of the test may live on while its folder is read
                if status is None:
                    status = _reap(p, used)
                if pidfd is not None:
                    os.close(pidfd)
        finally:
            if not owned:
                if uid is not None:
                    _kill_uid(uid)
                self.uids.put(uid)
        if self.level == "bwrap" and isinstance(status, int) and 128 < status <= 128 + 64:
            status = -(status - 128)     # bwrap reports a child killed by signal N as 128 + N
        if status == -signal.SIGKILL and used[0] >= 0.75 * lim.cpu:   # (runner.TICKS_AHEAD: ticks)
            status = -signal.SIGXCPU     # the hard CPU limit (= soft) ended it: its time ran out
        data = record.result() if record is not None else None
        with self.lock:
            self.info[log] = {"procs": most}
        out, err = self._collect(log, tlog, tdir, data)
        return status, timed_out, out, err

    def _runner(self, exe, workdir, env, uid):
        """The slot's runner (one bubblewrap sandbox for all its tests), started when it has none
        or its last one died."""
        key = os.path.abspath(workdir)
        with self.lock:
            r = self.runners.get(key)
        if r is None or not r.alive():
            r = _Runner(self, exe, workdir, self.env(env), uid)
            with self.lock:
                self.runners[key] = r
        return r

    def _run_in_runner(self, exe, test, log, wall, workdir, env, uid):
        """One test through the slot's runner (kit/grading/runner/runner.py), which lives in
        one bubblewrap sandbox for all the tests of the slot: no sandbox start per test."""
        r = self._runner(exe, workdir, env, uid)
        tdir = self._test_dir(workdir, test, uid)
        tlog = os.path.join(tdir, os.path.basename(log))
        status, timed_out, most, left, full = r.request(test, tlog, wall)
        if status is None:                       # the runner died: the test killed it
            status = -signal.SIGKILL
            r.close()
        if status is None or timed_out or r.dead:
            if uid is not None:
                _kill_uid(uid)
        with self.lock:
            self.info[log] = {"procs": most, "left": left, "full": full}
        out, err = self._collect(log, tlog, tdir)
        return status, timed_out, out, err

    def run_batch(self, exe, tests, logs, workdir, env):
        """The tests (names; their logs) as one batch of the slot's runner (a batchable
        object: build.batchable, kit_nofork.c): for each test (status, timed_out, out,
        err) as run_subject gives them; None when it cannot (no runner here): run each."""
        with self.lock:
            owned = os.path.abspath(workdir) in self.owner
            uid = self.owner.get(os.path.abspath(workdir))
        if not (owned and self.level == "bwrap" and FORK_SERVER and BATCH and RUNNER_PY
                and os.path.exists(RUNNER_PY)):
            return None
        r = self._runner(exe, workdir, env, uid)
        tdirs = [self._test_dir(workdir, test, uid) for test in tests]
        tlogs = [os.path.join(tdir, os.path.basename(log)) for tdir, log in zip(tdirs, logs)]
        replies = r.request_batch(tests, tlogs, self.limits.wall)
        results = []
        for log, tlog, tdir, (status, timed_out, most, left, full) in zip(logs, tlogs, tdirs, replies):
            if status is None:                   # the runner died: the test killed it
                status = -signal.SIGKILL
            with self.lock:
                self.info[log] = {"procs": most, "left": left, "full": full}
            out, err = self._collect(log, tlog, tdir)
            results.append((status, timed_out, out, err))
        if r.dead or any(t for _, t, _, _ in results):
            r.close()
            if uid is not None:
                _kill_uid(uid)
        return results

    def classify(self, log, status, timed_out, out, err):
        """(verdict, lines) when a sandbox limit ended the test, else None: the facts
        measured here, the decision in kit/core/verdict.py (LIMIT_PRECEDENCE)."""
        lim = self.limits
        info = self.info.pop(log, {})
        facts = verdict.Limits(
            status=status, timed_out=timed_out, left=info.get("left", 0), full=info.get("full", ""),
            procs=info.get("procs", 0), sizes=tuple(info.get("sizes", (0, 0, 0))), fsize=lim.fsize,
            sigxfsz=status == -signal.SIGXFSZ,
            memory=any(w in err for w in ("rss limit exhausted", "allocator is trying to allocate",
                                          "allocation-size-too-big", "requested allocation size")))
        decided = verdict.limit(facts)
        if decided is None:
            return None
        rule, v = decided
        lines = {
            "left": f"your code left {facts.left} process(es) running after the test ended; "
                    "a library function must not start any.",
            "full": f"it filled a writable folder of the sandbox ({facts.full}, "
                    f"{TMP_MB} MiB): library functions should write no files.",
            "procs": f"your code started {facts.procs - 1} other processes (fork?); the limit "
                     f"is {lim.nproc} tasks and a library function must not start any.",
            "memory": f"it used more than {lim.mem_mb} MiB of memory: a huge malloc, or "
                      "memory allocated in a loop and never freed?",
            "output": f"it printed more than {lim.fsize >> 20} MiB: a print inside a "
                      "loop that never ends? Library functions should print nothing.",
            "file": f"it wrote a file bigger than {lim.fsize >> 20} MiB.",
            "killed": "SIGKILL: the test process was killed — by your own code (kill(), raise(), "
                      "a signal to its parent or process group?), or by the system for memory.",
        }[rule]
        return str(v), [lines]


RUNNER_PY = os.path.join(os.path.dirname(os.path.abspath(__file__)), "runner", "runner.py")
SYSTEM_PYTHON = "/usr/bin/python3"
# One subject process per chapter, a child forked for each test before any student
# code runs (tools/harness/kit_nofork.c); KIT_GRADE_SERVER=0: one exec per test.
FORK_SERVER = True     # grade.py --server 0 (make grade GRADE_SERVER=0): one exec per test
# CPU seconds the runners of this process reported in their answers (what getrusage
# cannot see through bwrap's pid namespace), added when a runner is closed; make bench-grade
RUNNER_CPU = [0.0]
# A chapter's tests as one batch of the fork server (one child for many tests) when the
# student's object is batchable (build.batchable); KIT_GRADE_BATCH=0: one child per test.
BATCH = os.environ.get("KIT_GRADE_BATCH", "1") != "0"
_CPU_LOCK = threading.Lock()


class _Runner:
    """A runner.py process inside one bubblewrap sandbox, driven over pipes."""

    def __init__(self, sb, exe, workdir, env, uid):
        lim = sb.limits
        py = SYSTEM_PYTHON if os.path.exists(SYSTEM_PYTHON) else "python3"
        cmd = _bwrap_base()
        for k, v in env.items():
            cmd += ["--setenv", k, v]
        rdir = sb.runner_dir or os.path.dirname(RUNNER_PY)
        cmd += ["--ro-bind", os.path.dirname(exe), os.path.dirname(exe),
                "--ro-bind", rdir, rdir,
                "--bind", workdir, workdir] + _bwrap_end() + ["--chdir", workdir, "--",
                py, "-S", "-E", "-B", os.path.join(rdir, "runner.py"), str(lim.cpu), str(lim.wall),
                str(lim.fsize), str(lim.nproc), str(0 if sb.san else lim.mem_mb << 20), exe,
                str(TMP_MB << 20), "1" if FORK_SERVER else "0"]
        kw = {"user": uid, "group": uid, "extra_groups": []} if uid is not None else {}
        pre = tidy.hard_limits([(resource.RLIMIT_CORE, 0), (resource.RLIMIT_FSIZE, lim.fsize)]
                               + ([(resource.RLIMIT_NPROC, lim.nproc)] if sb.root else []))
        self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  stderr=self._errlog(workdir), env=env, cwd=workdir,
                                  start_new_session=True, preexec_fn=pre, **kw)
        self.buf = b""
        self.dead = False
        self.cpu = 0.0          # the CPU seconds its last answer reported

    @staticmethod
    def _errlog(workdir):
        """The runner's own errors, beside (not inside) the log folder it cleans."""
        try:
            return open(os.path.join(os.path.dirname(workdir), "runner.err"), "ab")
        except OSError:
            return subprocess.DEVNULL

    def alive(self):
        return not self.dead and self.p.poll() is None

    def request(self, test, log, wall):
        """(status, timed_out, most processes, processes left, full folder or "");
        status None when the runner died."""
        nonce = os.urandom(8).hex()
        try:
            self.p.stdin.write(f"{nonce}\t{test}\t{log}\n".encode())
            self.p.stdin.flush()
        except (BrokenPipeError, OSError):
            self.dead = True
            return None, False, 0, 0, ""
        return self._answer(nonce, wall)

    def _answer(self, nonce, wall):
        """The runner's next answer line for nonce (request())."""
        deadline = time.monotonic() + wall + 10
        fd = self.p.stdout.fileno()
        while True:
            while b"\n" in self.buf:
                line, self.buf = self.buf.split(b"\n", 1)
                parts = line.decode("utf-8", "replace").split("\t")
                if len(parts) >= 6 and parts[0] == nonce:
                    try:
                        self.cpu = float(parts[6]) if len(parts) > 6 else self.cpu
                    except ValueError:
                        pass
                    try:
                        return int(parts[1]), parts[2] == "1", int(parts[3]), int(parts[4]), parts[5]
                    except ValueError:
                        return None, False, 0, 0, ""
            left = deadline - time.monotonic()
            if left <= 0:
                self.close()
                return -signal.SIGKILL, True, 0, 0, ""
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                chunk = os.read(fd, 65536)
                if not chunk:
                    self.dead = True
                    return None, False, 0, 0, ""
                self.buf += chunk[:1 << 20]

    def request_batch(self, tests, logs, wall):
        """request() for many tests in one batch: a list of its answers, in order (a test
        the runner did not answer: status None)."""
        nonce = os.urandom(8).hex()
        try:
            self.p.stdin.write(("\t".join([nonce, "*"] + [x for pair in zip(tests, logs) for x in pair])
                                + "\n").encode())
            self.p.stdin.flush()
        except (BrokenPipeError, OSError):
            self.dead = True
            return [(None, False, 0, 0, "")] * len(tests)
        answers = []
        for _ in tests:
            got = self._answer(nonce, 2 * wall)   # its own run, and maybe one alone
            answers.append(got)
            if got[0] is None or self.dead:
                break
        return answers + [(None, False, 0, 0, "")] * (len(tests) - len(answers))

    def close(self):
        self.dead = True
        with _CPU_LOCK:
            RUNNER_CPU[0] += self.cpu
            self.cpu = 0.0
        try:
            self.p.stdin.close()
        except OSError:
            pass
        try:
            os.killpg(self.p.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            self.p.kill()
        except OSError:
            pass
        self.p.wait()
