"""The grading sandbox's test runner: started once per (submission, chapter)
inside bubblewrap by tools/kitlib/sandbox.py, it runs one subject process per
request. Request (stdin):  NONCE<TAB>TEST<TAB>RECORD-PATH
             reply (stdout): NONCE<TAB>STATUS<TAB>TIMED-OUT<TAB>MOST-PROCESSES<TAB>LEFT<TAB>FULL
STATUS is the exit code, or -signal. Each subject gets its own session, the
test's limits (CPU, file size, processes, address space when no ASan), a wall
clock. When it ends, LEFT counts the processes of this pid namespace still
running (anything the test started and left behind: PROCESS LIMIT), then all
are killed. The writable places (/tmp, /dev/shm: capped tmpfs; the log folder)
are measured (FULL names one that filled up) and cleaned: only the records,
outputs and errors of the tests stay in the log folder. The runner is not
dumpable, so the student's code (same uid) cannot open its pipes through /proc;
it can kill the runner, which the grader sees (end of file) and survives.

    runner.py CPU WALL FSIZE NPROC AS_BYTES SUBJECT TMP_BYTES
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


def _usage(path):
    """Bytes of the files under path, on path's own file system only."""
    total = 0
    try:
        dev = os.lstat(path).st_dev
    except OSError:
        return 0
    for dirpath, dirnames, filenames in os.walk(path):
        dirnames[:] = [d for d in dirnames if os.lstat(os.path.join(dirpath, d)).st_dev == dev]
        for f in filenames:
            try:
                total += os.lstat(os.path.join(dirpath, f)).st_blocks * 512
            except OSError:
                pass
    return total


def _remove(full, dev):
    """Remove full, never crossing into another file system (a bind mount)."""
    try:
        st = os.lstat(full)
    except OSError:
        return
    if st.st_dev != dev:
        return
    if os.path.isdir(full) and not os.path.islink(full):
        for name in os.listdir(full):
            _remove(os.path.join(full, name), dev)
        try:
            os.rmdir(full)
        except OSError:
            pass
    else:
        try:
            os.remove(full)
        except OSError:
            pass


def _empty(path, keep=()):
    """Remove everything under path but the names in keep (same file system only)."""
    try:
        names = os.listdir(path)
        dev = os.lstat(path).st_dev
    except OSError:
        return
    for name in names:
        if name not in keep:
            _remove(os.path.join(path, name), dev)


def clean(workdir, keep, tmp_bytes):
    """Measure and empty the writable places; the name of one that filled up, or ''.
    In the log folder, only what this test created goes (keep: what was there
    before it, and its own record, output and errors)."""
    full = ""
    for place in ("/tmp", "/dev/shm"):
        if _usage(place) >= tmp_bytes - 65536:
            full = full or place
        _empty(place)
    stray = [n for n in os.listdir(workdir) if n not in keep]
    if stray and sum(_usage(os.path.join(workdir, n)) if os.path.isdir(os.path.join(workdir, n))
                     else os.lstat(os.path.join(workdir, n)).st_size for n in stray) >= tmp_bytes:
        full = full or "its log folder"
    _empty(workdir, keep)
    return full


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
        keep = set(os.listdir(os.getcwd())) | {os.path.basename(log) + x for x in ("", ".out", ".err")}
        try:
            with open(log + ".out", "wb") as out, open(log + ".err", "wb") as err:
                p = subprocess.Popen([exe, "--run", test, "--log", log], stdout=out, stderr=err,
                                     stdin=subprocess.DEVNULL, start_new_session=True,
                                     preexec_fn=limits)
        except OSError as e:
            print(f"{nonce}\t-1\t0\t0\t0\t", flush=True)
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
        left = len([q for q in others() if q != p.pid])
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
        full = clean(os.getcwd(), keep, tmp_bytes)
        print(f"{nonce}\t{status}\t{int(timed_out)}\t{most}\t{left}\t{full}", flush=True)


if __name__ == "__main__":
    main()
