"""The suites' shared reporting: check() prints one line a check and remembers the
failures (and what differed); under pytest the test fails at its end with them
(tests/conftest.py); run as a script, finish() prints the summary and returns the exit code."""
import sys

failures = []
details = {}      # what -> detail, of the failed checks of the current test


def check(ok, what, detail=""):
    print(f"  {'ok  ' if ok else 'FAIL'} {what}{(': ' + str(detail)) if detail and not ok else ''}", flush=True)
    if not ok:
        failures.append(what)
        details[what] = str(detail) if detail else ""
    return ok


def finish():
    print(f"\n{len(failures)} failure(s)")
    for f in failures:
        print("  - " + f)
    sys.stdout.flush()
    return 1 if failures else 0


def run_id():
    """This run's id: the same in every pytest-xdist worker of one run."""
    import os
    import uuid
    if "PYTEST_XDIST_TESTRUNUID" not in os.environ:
        os.environ["PYTEST_XDIST_TESTRUNUID"] = uuid.uuid4().hex    # one process: its own
    return os.environ["PYTEST_XDIST_TESTRUNUID"]


def once_per_run(folder, make):
    """make(folder) once a run, whichever worker asks first (the others wait, then reuse
    it); folder is emptied first. Returns folder."""
    import fcntl
    import os
    import shutil
    os.makedirs(os.path.dirname(folder), exist_ok=True)
    with open(folder + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            stamp = folder + ".run"
            if os.path.isdir(folder) and os.path.exists(stamp) and open(stamp).read() == run_id():
                return folder
            shutil.rmtree(folder, ignore_errors=True)
            if os.path.exists(stamp):
                os.remove(stamp)
            os.makedirs(folder)
            make(folder)
            with open(stamp, "w") as f:
                f.write(run_id())
            return folder
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
