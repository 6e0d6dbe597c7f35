"""The subject as a fork server (tools/harness/kit_nofork.c): started once, it forks a
child for each test before any student code runs, so one exec and one sanitizer start
serve many tests. The one client of that protocol (PROTOCOL.md, "fork server"), for
make check (kit/core/run.py) and the grading sandbox's runner
(kit/grading/runner/runner.py, which gets a copy of this file beside it: standard
library only, no kit import).

    srv = Server(exe, env, cpu=11, fsize=512 << 20, nproc=4096, as_bytes=0, rss_mb=2048)
    pid = srv.start(test, record_path)        # None: it cannot serve (it has ended)
    reply = srv.line(seconds)                 # "S <status> <CPU us>", "" on timeout, None at its end
    srv.batch([(test, record_path), ...])     # many tests in one child: replies "B <pid> <i>",
                                              # "P <pid> <i>" (a test run again alone), "S ..." each

A child is what `subject --run TEST --log RECORD` would be: its own session, stdin
/dev/null, stdout/stderr RECORD.out/.err, the test's limits (CPU enforced by the
server, reported as -SIGXCPU), the record written to RECORD by the server once the
child has ended.
"""
import os
import re
import select
import signal
import subprocess
import time


def children_cpu():
    import resource
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


class Server:
    """One fork server process and its two pipes."""

    def __init__(self, exe, env, cpu, fsize, nproc, as_bytes, rss_mb, preexec_fn=None, cwd=None):
        req_r, self.req = os.pipe()
        self.rep, rep_w = os.pipe()
        # The server checks each child's memory itself (rss_mb): ASan's own hard_rss_limit_mb
        # would only start a background thread in the server (it does not survive fork), and
        # a fork of a process with a second thread costs every test more.
        asan = re.sub(r"(^|:)hard_rss_limit_mb=\d+", "", env.get("ASAN_OPTIONS", "")).strip(":")
        # LD_BIND_NOW: every shared library's symbols (libasan, libcmocka, libm, ...) bound
        # once, in the server, not again in each child (the subject itself links with -z now,
        # which binds only its own); each child removes it from its environment.
        env = dict(env, KIT_FORK_SERVER=f"{req_r},{rep_w},{rss_mb},{cpu},{fsize},{nproc},{as_bytes}",
                   LD_BIND_NOW="1", ASAN_OPTIONS=asan)
        self.p = subprocess.Popen([exe, "--run", "-", "--log", "-"], stdin=subprocess.DEVNULL,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  pass_fds=(req_r, rep_w), env=env, start_new_session=True,
                                  preexec_fn=preexec_fn, cwd=cwd)
        os.close(req_r)
        os.close(rep_w)
        self.buf = b""
        self.dead = False
        self.cpu = 0.0          # CPU seconds of the tests it ran (as it reported them)

    def line(self, timeout):
        """The server's next reply line, '' on timeout, None at its end."""
        deadline = time.monotonic() + timeout
        while b"\n" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.rep], [], [], left)[0]:
                return ""
            chunk = os.read(self.rep, 4096)
            if not chunk:
                self.dead = True
                return None
            self.buf += chunk
        line, self.buf = self.buf.split(b"\n", 1)
        return line.decode("ascii", "replace")

    def start(self, test, log):
        """The child's pid, or None when the server cannot run it (it has ended)."""
        try:
            os.write(self.req, f"{test}\t{log}\n".encode())
        except OSError:
            self.dead = True
            return None
        reply = self.line(10)
        if reply and reply.startswith("P "):
            return int(reply.split()[1])
        self.close()
        return None

    def batch(self, pairs):
        """Ask for the tests [(name, record path)] in one child (kit_nofork.c, "a batch").
        The answers are then read with line(): "B <pid> <i>" when a child starts the
        batch at test i, "P <pid> 0" when the next test runs again alone (the batch's child
        ended during it: its verdict is that run's), "S <status> <CPU us>" for each test
        in order. False when it cannot be asked (the server has ended, or a name or path
        holds a tab or a newline)."""
        if any(c in x for pair in pairs for x in pair for c in "\t\n"):
            return False
        data = ("*\t" + "\t".join(f"{t}\t{log}" for t, log in pairs) + "\n").encode()
        try:
            while data:
                data = data[os.write(self.req, data):]
        except OSError:
            self.dead = True
            return False
        return True

    def close(self):
        """Stop the server; the CPU time it used itself (its tests' was reported)."""
        before = children_cpu()
        self.dead = True
        for fd in (self.req, self.rep):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.killpg(self.p.pid, signal.SIGKILL)
        except OSError:
            pass
        try:
            self.p.kill()
            self.p.wait()
        except OSError:
            pass
        own, self.cpu = max(0.0, children_cpu() - before - self.cpu), 0.0
        return own


def status_of(reply):
    """(status, CPU seconds) of an "S <status> <CPU us>" reply."""
    parts = reply.split()
    return int(parts[1]), (int(parts[2]) / 1e6 if len(parts) > 2 else 0.0)
