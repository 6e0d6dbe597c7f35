"""The suites' shared reporting: check() prints one line a check and remembers the
failures; finish() prints the summary and returns the exit code."""
import sys

failures = []


def check(ok, what, detail=""):
    print(f"  {'ok  ' if ok else 'FAIL'} {what}{(': ' + str(detail)) if detail and not ok else ''}", flush=True)
    if not ok:
        failures.append(what)
    return ok


def finish():
    print(f"\n{len(failures)} failure(s)")
    for f in failures:
        print("  - " + f)
    sys.stdout.flush()
    return 1 if failures else 0
