"""The grading sandbox's test runner: started once per (submission, chapter)
inside bubblewrap by tools/kitlib/sandbox.py, it runs one subject process per
request. Request (stdin):  NONCE<TAB>TEST<TAB>RECORD-PATH
             reply (stdout): NONCE<TAB>STATUS<TAB>TIMED-OUT<TAB>MOST-PROCESSES
STATUS is the exit code, or -signal. Each subject gets its own session, the
test's limits (CPU, file size, processes, address space when no ASan), a wall
clock, and everything it started is killed before the reply. The runner is not
dumpable, so the student's code (same uid) cannot open its pipes through /proc;
it can kill the runner, which the grader sees (end of file) and survives.

    runner.py CPU WALL FSIZE NPROC AS_BYTES SUBJECT
"""
import ctypes
import os
import resource
import select
import signal
import subprocess
import sys
import time


def others():
    """Processes of this (pid) namespace but its init and this runner."""
    me = os.getpid()
    out = []
    for name in os.listdir("/proc"):
        if name.isdigit() and int(name) not in (1, me):
            try:
                with open(f"/proc/{name}/stat") as f:
                    if f.read().rsplit(")", 1)[1].split()[0] != "Z":
                        out.append(int(name))
            except (OSError, IndexError):
                pass
    return out


def main():
    # others() kills every process it sees but pid 1 and itself: that is only
    # safe in the sandbox's own pid namespace, where this runner is pid 2 or 3.
    if os.getpid() > 100:
        sys.exit("runner.py must run inside the grading sandbox's pid namespace "
                 "(bwrap --unshare-pid); refusing to run here.")
    cpu, wall, fsize, nproc, as_bytes = (int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]),
                                         int(sys.argv[4]), int(sys.argv[5]))
    exe = sys.argv[6]
    try:
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)       # PR_SET_DUMPABLE = 0
    except (OSError, AttributeError):
        pass

    def limits():
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
        resource.setrlimit(resource.RLIMIT_NPROC, (nproc, nproc))
        if as_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (as_bytes, as_bytes))

    for line in sys.stdin:
        try:
            nonce, test, log = line.rstrip("\n").split("\t")
        except ValueError:
            continue
        most, timed_out, status = 0, False, None
        try:
            with open(log + ".out", "wb") as out, open(log + ".err", "wb") as err:
                p = subprocess.Popen([exe, "--run", test, "--log", log], stdout=out, stderr=err,
                                     stdin=subprocess.DEVNULL, start_new_session=True,
                                     preexec_fn=limits)
        except OSError as e:
            print(f"{nonce}\t-1\t0\t0\t{e}", flush=True)
            continue
        start = time.monotonic()
        try:
            pidfd = os.pidfd_open(p.pid)
            poller = select.poll()
            poller.register(pidfd, select.POLLIN)
        except (OSError, AttributeError):
            pidfd, poller = None, None
        step = 0.05
        while status is None:
            left = wall - (time.monotonic() - start)
            if left <= 0:
                timed_out = True
                break
            if poller is not None:
                if poller.poll(int(min(left, step) * 1000) + 1):
                    status = p.wait()
                    break
            else:
                try:
                    status = p.wait(timeout=min(left, step))
                    break
                except subprocess.TimeoutExpired:
                    pass
            step = min(step * 2, 0.25)
            n = len(others())
            most = max(most, n)
            if n > 2:          # it started processes: stop it now
                break
        for pid in [p.pid] + others():
            try:
                os.killpg(pid, signal.SIGKILL)
            except OSError:
                pass
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        if status is None:
            status = p.wait()
        if pidfd is not None:
            os.close(pidfd)
        while True:            # reap what the subject left behind (we are its subreaper? no: pid 1 is)
            try:
                if os.waitpid(-1, os.WNOHANG)[0] == 0:
                    break
            except ChildProcessError:
                break
        print(f"{nonce}\t{status}\t{int(timed_out)}\t{most}", flush=True)


if __name__ == "__main__":
    main()
