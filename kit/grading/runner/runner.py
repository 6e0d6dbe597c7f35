"""The grading sandbox's test runner: started once per (submission, chapter)
inside bubblewrap by kit/grading/sandbox.py, it runs one subject process per
request. Request (stdin):  NONCE<TAB>TEST<TAB>RECORD-PATH (in a fresh folder of
its own, one per test: the grader made it, reads it and removes it after the reply),
or NONCE<TAB>*<TAB>TEST<TAB>RECORD-PATH<TAB>TEST<TAB>RECORD-PATH... (a batch: the
tests in one child of the fork server, kit_nofork.c; one reply line a test, in order)
             reply (stdout): NONCE<TAB>STATUS<TAB>TIMED-OUT<TAB>MOST-PROCESSES<TAB>LEFT<TAB>FULL<TAB>CPU
STATUS is the exit code, or -signal. Each subject gets its own session, the
test's limits (CPU, file size, processes, address space when no ASan), a wall
clock. When it ends, LEFT counts the processes of this pid namespace still
running (anything the test started and left behind: PROCESS LIMIT), then all
are killed. The writable places (/tmp, /dev/shm: capped tmpfs; the log folder)
are measured (FULL names one that filled up) and cleaned (tidy.py: no link
followed, no recursion): only the test's record, output and errors stay, in its
own folder. Every limit is set from outside the subject, before it starts, with
hard = soft (it cannot raise one again); the record goes through a pipe and is
written to RECORD-PATH by the runner or the fork server once the test has ended
(nothing of the student's can rewrite it). The runner is not
dumpable, so the student's code (same uid) cannot open its pipes through /proc;
it can kill the runner, which the grader sees (end of file) and survives.

With SERVE 1, the subject is started once, as a fork server
(tools/harness/kit_nofork.c), and each request forks a child of it before any
student code runs: one exec and one sanitizer start per chapter, not per test,
the same child, limits, status and cleaning per test. A subject that cannot
serve (it ends before its first fork) is run as before, one Popen per test.

CPU: the CPU seconds of the runner and of all it ran so far (the grader cannot
see them through the pid namespace; make bench-grade reports them).

    runner.py CPU WALL FSIZE NPROC AS_BYTES SUBJECT TMP_BYTES [SERVE]
"""
import ctypes
import os
import re
import resource
import select
import signal
import socket
import subprocess
import sys
import time

import tidy

if not os.path.exists(os.path.join(os.path.dirname(os.path.abspath(__file__)), "forkserver.py")):
    # in the kit's tree (not staged): kit/core/forkserver.py
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "core"))
import forkserver  # noqa: E402  (kit/core/forkserver.py, staged beside this file)

RECORD_CAP = 256 << 20       # bytes of one test's record (as kit_nofork.c's KIT_RECORD_CAP)
# The kernel counts RLIMIT_CPU in whole scheduler ticks, which run ahead of the precise
# CPU time wait4 reports: its SIGKILL at a 1 s limit came at 0.84-0.94 s of rusage here.
# A SIGKILL after this share of the limit is the limit's (the fork server enforces the
# precise time itself, kit_nofork.c, and needs no such rule).
TICKS_AHEAD = 0.75


def others(but=()):
    """Processes of this (pid) namespace but its init, this runner and but. Outside
    the sandbox's own pid namespace (this runner is not one of its first processes)
    there are none: what this returns is killed, and on the host that would be
    every process of the machine."""
    if os.getpid() > 100:
        return []
    skip = {1, os.getpid(), *but}
    return tidy.live_pids(lambda pid: pid not in skip)


def _used(place):
    """Bytes in use on the file system of place (a capped tmpfs)."""
    try:
        v = os.statvfs(place)
        return (v.f_blocks - v.f_bfree) * v.f_frsize
    except OSError:
        return 0


def clean(workdir, log, tmp_bytes):
    """Measure and empty the writable places; the name of one that filled up, or ''.
    The log folder keeps only the test's own folder, and that folder only its record,
    output and errors."""
    full = ""
    for place in ("/tmp", "/dev/shm"):
        if _used(place) >= tmp_bytes - 65536:
            full = full or place
        tidy.empty(place)
    tdir, base = os.path.dirname(log), os.path.basename(log)
    freed, _ = tidy.empty(tdir, {base, base + ".out", base + ".err"})
    more, _ = tidy.empty(workdir, {os.path.basename(tdir)}) if tdir != workdir else (0, 0)
    if freed + more >= tmp_bytes:
        full = full or "its log folder"
    return full


def limits_of(cpu, fsize, nproc, as_bytes):
    """The test's limits, set before the subject starts (hard = soft: never raised again)."""
    return tidy.hard_limits([(resource.RLIMIT_CPU, cpu), (resource.RLIMIT_CORE, 0),
                             (resource.RLIMIT_FSIZE, fsize), (resource.RLIMIT_NPROC, nproc),
                             (resource.RLIMIT_NOFILE, 64), (resource.RLIMIT_MSGQUEUE, 0)]
                            + ([(resource.RLIMIT_AS, as_bytes)] if as_bytes else []))


def _kill(pids):
    for pid in pids:
        try:
            os.killpg(pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def watch(ended, wall, but=()):
    """Wait until ended(seconds) gives the test's status (None: not yet), the wall
    clock runs out, or the test starts processes: (status or None, timed out, most
    processes seen, but the ones in but)."""
    most, start, step = 0, time.monotonic(), 0.05
    while True:
        left = wall - (time.monotonic() - start)
        if left <= 0:
            return None, True, most
        status = ended(min(left, step))
        if status is not None:
            return status, False, most
        step = min(step * 2, 0.25)
        n = len(others(but))
        most = max(most, n)
        if n > 2:          # it started processes: stop it now
            return None, False, most


def served(srv, test, log, wall):
    """One test as a child of the server: (status, timed out, most processes, left,
    CPU seconds), or None when the server could not start it (then run it as before)."""
    child = srv.start(test, log)
    if child is None:
        return None
    mine = (srv.p.pid,)

    cpu = [0.0]

    def status_of(reply):     # "S <status> <CPU µs>"
        status, cpu[0] = forkserver.status_of(reply)
        return status

    def ended(seconds):
        reply = srv.line(seconds)
        if reply is None:      # the server was killed (by the test): as when the runner is
            return -signal.SIGKILL
        return status_of(reply) if reply.startswith("S ") else None
    status, timed_out, most = watch(ended, wall, mine)
    left = len([q for q in others(mine) if q != child])
    _kill([child] + others(mine))
    if status is None:     # stopped by the runner: the server reports its end
        reply = srv.line(5)
        if reply is None or not reply.startswith("S "):
            status = -signal.SIGKILL
        else:
            status = status_of(reply)
    srv.cpu += cpu[0]
    return status, timed_out, most, left, cpu[0]


def start_server(exe, cpu, fsize, nproc, as_bytes):
    m = re.search(r"hard_rss_limit_mb=(\d+)", os.environ.get("ASAN_OPTIONS", ""))
    return forkserver.Server(exe, dict(os.environ), cpu, fsize, nproc, as_bytes,
                             int(m.group(1)) if m and not as_bytes else 0,
                             preexec_fn=limits_of(max(600, 60 * cpu), fsize, nproc, as_bytes))


def ppid_of(pid):
    """The parent of pid (0 when it has ended)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return 0


def reap():
    """Reap what ended (the server's children are its own)."""
    while True:
        try:
            if os.waitpid(-1, os.WNOHANG)[0] == 0:
                break
        except ChildProcessError:
            break


def batch(srv, pairs, wall):
    """The tests of pairs [(name, record)] as a batch of the server (kit_nofork.c): for
    each test in order (status, timed out, most processes, left, CPU seconds, name,
    record); status None when the server could not run it (then run it as before). The
    wall clock is the test's own: it starts when the test does (the previous one's
    answer, or a child started for it). A batch child the wall clock stops is ended (its
    session killed); the server then runs that test again alone, and the clock starts
    again: the test's verdict is that run's, timed out if the clock runs out there too."""
    mine = (srv.p.pid,)
    if not srv.batch(pairs):
        for name, log in pairs:
            yield None, False, 0, 0, 0.0, name, log
        return
    i, child, alone, most = 0, None, False, 0
    start, step = time.monotonic(), 0.05
    while i < len(pairs):
        left = wall - (time.monotonic() - start)
        reply = srv.line(max(0.0, min(left, step))) if left > 0 else ""
        if reply is None:          # the server ended (killed by a test): the rest as before
            for name, log in pairs[i:]:
                yield None, False, 0, 0, 0.0, name, log
            return
        if reply.startswith(("B ", "P ")):
            child, alone = int(reply.split()[1]), reply.startswith("P ")
            start, step = time.monotonic(), 0.05
            continue
        if reply.startswith("S "):
            status, spent = forkserver.status_of(reply)
            # (the server's own children are not left by the test: it may have started
            # the batch's next child already)
            gone = [q for q in others(mine) if q != child and ppid_of(q) != srv.p.pid] if alone else []
            _kill(gone)
            yield status, False, most, len(gone), spent, pairs[i][0], pairs[i][1]
            i, most = i + 1, 0
            start, step = time.monotonic(), 0.05
            continue
        if reply.startswith("E "):  # no child: the rest as before
            for name, log in pairs[i:]:
                yield None, False, 0, 0, 0.0, name, log
            return
        # no answer yet
        n = len(others(mine))
        most = max(most, n)
        if left <= 0 or n > 2:
            if alone:              # the test's own run: stopped here, as served() does
                _kill([child] + [q for q in others(mine) if q != child])
                reply = srv.line(5)
                status = forkserver.status_of(reply)[0] if reply and reply.startswith("S ") \
                    else -signal.SIGKILL
                yield status, left <= 0, most, 0, 0.0, pairs[i][0], pairs[i][1]
                if not reply or not reply.startswith("S "):
                    for name, log in pairs[i + 1:]:
                        yield None, False, 0, 0, 0.0, name, log
                    return
                i, most = i + 1, 0
                start, step = time.monotonic(), 0.05
            else:                  # the batch's child: the server runs the test again alone
                _kill([child])
                child = None
        step = min(step * 2, 0.25)


def clean_batch(workdir, logs):
    """As clean(), once after a batch: every test's folder keeps its record, output and
    errors."""
    for place in ("/tmp", "/dev/shm"):
        tidy.empty(place)
    for log in logs:
        base = os.path.basename(log)
        tidy.empty(os.path.dirname(log), {base, base + ".out", base + ".err"})
    tidy.empty(workdir, {os.path.basename(os.path.dirname(log)) for log in logs})


def main():
    # others() kills every process it sees but pid 1 and itself: that is only
    # safe in the sandbox's own pid namespace, where this runner is pid 2 or 3.
    if os.getpid() > 100:
        sys.exit("runner.py must run inside the grading sandbox's pid namespace "
                 "(bwrap --unshare-pid); refusing to run here.")
    cpu, wall, fsize, nproc, as_bytes = (int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]),
                                         int(sys.argv[4]), int(sys.argv[5]))
    exe = sys.argv[6]
    tmp_bytes = int(sys.argv[7]) if len(sys.argv) > 7 else 16 << 20
    serve = len(sys.argv) > 8 and sys.argv[8] == "1"
    try:
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)       # PR_SET_DUMPABLE = 0
    except (OSError, AttributeError):
        pass

    limits = limits_of(cpu, fsize, nproc, as_bytes)
    srv = None
    used = 0.0                 # CPU seconds of the tests and servers (this runner's own apart)
    for line in sys.stdin:
        fields = line.rstrip("\n").split("\t")
        if len(fields) > 3 and fields[1] == "*" and serve and len(fields) % 2 == 0:
            # NONCE * TEST RECORD TEST RECORD ...: a batch (one reply line a test, in order)
            if srv is None or srv.dead:
                if srv is not None:
                    used += srv.close()
                srv = start_server(exe, cpu, fsize, nproc, as_bytes)
            pairs = list(zip(fields[2::2], fields[3::2]))
            for _, log in pairs:
                try:
                    os.makedirs(os.path.dirname(log), mode=0o700, exist_ok=True)
                except OSError:
                    pass
            for got in batch(srv, pairs, wall):
                used += got[4]
                if got[0] is None:     # the server could not take it: each test as before
                    got = spawned(exe, got[5], got[6], wall, limits, cpu)
                    if got is None:
                        print(f"{fields[0]}\t-1\t0\t0\t0\t", flush=True)
                        continue
                    used += got[4]
                status, timed_out, most, left = got[:4]
                own = resource.getrusage(resource.RUSAGE_SELF)
                print(f"{fields[0]}\t{status}\t{int(timed_out)}\t{most}\t{left}\t\t"
                      f"{own.ru_utime + own.ru_stime + used:.6f}", flush=True)
            if srv.dead:
                used += srv.close()
            reap()
            # (a batchable object makes no system call of its own: nothing of it can fill
            # a writable place; they are emptied all the same)
            clean_batch(os.getcwd(), [log for _, log in pairs])
            continue
        try:
            nonce, test, log = fields
        except ValueError:
            continue
        try:
            os.makedirs(os.path.dirname(log), mode=0o700, exist_ok=True)
        except OSError:
            pass
        got = None
        if serve:
            if srv is None or srv.dead:
                if srv is not None:
                    used += srv.close()
                srv = start_server(exe, cpu, fsize, nproc, as_bytes)
                fresh = True
            else:
                fresh = False
            got = served(srv, test, log, wall)
            if got is None and fresh:
                serve = False      # it cannot serve (it ends before its first fork): as before
        if got is None:
            got = spawned(exe, test, log, wall, limits, cpu)
            if got is None:
                print(f"{nonce}\t-1\t0\t0\t0\t", flush=True)
                continue
        status, timed_out, most, left, spent = got
        used += spent
        if srv is not None and srv.dead:
            used += srv.close()
        reap()
        full = clean(os.getcwd(), log, tmp_bytes)
        own = resource.getrusage(resource.RUSAGE_SELF)
        print(f"{nonce}\t{status}\t{int(timed_out)}\t{most}\t{left}\t{full}\t"
              f"{own.ru_utime + own.ru_stime + used:.6f}", flush=True)
    if srv is not None:
        srv.close()


def spawned(exe, test, log, wall, limits, cpu):
    """One test as its own process: (status, timed out, most processes, left, CPU
    seconds), or None when it cannot be started."""
    before = forkserver.children_cpu()
    mine, theirs = socket.socketpair()     # the record: write-only for the test (kit_record.c)
    theirs.shutdown(socket.SHUT_RD)
    theirs.setsockopt(socket.SOL_SOCKET, socket.SO_SNDBUF, 4 << 20)   # a big record in few trips
    mine.shutdown(socket.SHUT_WR)
    rec_w = theirs.fileno()
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC
        with open(os.open(log + ".out", flags, 0o644), "wb") as out, \
                open(os.open(log + ".err", flags, 0o644), "wb") as err:
            p = subprocess.Popen([exe, "--run", test, "--log", f"fd:{rec_w}"], stdout=out,
                                 stderr=err, stdin=subprocess.DEVNULL, start_new_session=True,
                                 preexec_fn=limits, pass_fds=(rec_w,), cwd=os.path.dirname(log))
    except OSError:
        mine.close()
        theirs.close()
        return None
    theirs.close()
    record = tidy.Drain(mine.detach(), RECORD_CAP)
    try:
        pidfd = os.pidfd_open(p.pid)
        poller = select.poll()
        poller.register(pidfd, select.POLLIN)
    except (OSError, AttributeError):
        pidfd, poller = None, None

    def ended(seconds):
        if poller is not None:
            return p.wait() if poller.poll(int(seconds * 1000) + 1) else None
        try:
            return p.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            return None
    status, timed_out, most = watch(ended, wall)
    left = len([q for q in others() if q != p.pid])
    _kill([p.pid] + others())
    if status is None:
        status = p.wait()
    if pidfd is not None:
        os.close(pidfd)
    tidy.write_new(log, record.result())
    used = forkserver.children_cpu() - before
    if status == -signal.SIGKILL and used >= TICKS_AHEAD * cpu:
        status = -signal.SIGXCPU      # the hard CPU limit (= soft) ended it: its time ran out
    return status, timed_out, most, left, used


if __name__ == "__main__":
    try:
        main()
    except Exception as e:     # noqa: BLE001 — one line, never a traceback
        print(f"runner: internal error: {e!r}", file=sys.stderr)
        sys.exit(70)
