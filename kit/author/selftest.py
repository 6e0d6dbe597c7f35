#!/usr/bin/env python3
"""make test — the kit's own suite, run by pytest (tests/, two at a time with
pytest-xdist, the longest first: tests/conftest.py). Fails when:
- a stub drifted from its solution, or a golden value from bc;
- a listing marker is missing, duplicated or unused;
- a reference fails any test (sanitizers on), or a stub passes any, or a
  stub does not compile;
- a mutant is not rejected with its hint, or a correct variant is rejected;
- a function ignores an argument and its tests do not notice (ignored_args.py);
- any test of tests/suite_*.py (chapters, plots, book, grading, release, ...) fails.

    python3 -m kit selftest [--jobs N] [--chapter N] [--skip-suites] [-k EXPR] [--list]

The chapters' checks are the functions below (tests/suite_chapters.py makes them
pytest tests: one a chapter for its reference and stub, one a mutant, one a chapter
for its ignorable arguments). The JUnit XML report goes to build/test-results/junit.xml,
the durations of this run to build/test-results/durations.json (the next run's
longest-first order), and build/test-results/progress.tsv gets a line as each test ends.
Without pytest it says the one line that installs it.
"""
import argparse
import importlib.util
import os
import shutil
import subprocess
import sys

from kit.core import chapters
from kit.core.chapters import ROOT

RESULTS = os.path.join(ROOT, "build", "test-results")
INSTALL = "sudo apt-get install -y --no-install-recommends python3-pytest python3-pytest-xdist"


# ---------------------------------------------------------------- the chapters' checks
# Each returns [(ok, what, detail)]: tests/suite_chapters.py reports each line with check().

def single_source():
    """Stubs derived, golden values from bc, listing markers."""
    from kit.author import stubgen
    from kit.core import markers
    drift = stubgen.drift()
    r = subprocess.run([sys.executable, os.path.join(ROOT, "kit"), "golden", "--check"],
                       capture_output=True, text=True)
    problems = markers.check()
    return [(not drift, "stubs derive from solutions", "; ".join(drift)),
            (r.returncode == 0, "golden values agree with bc", r.stdout.strip()),
            (not problems, "listing markers resolve", "; ".join(problems))]


def reference_and_stub(ch, jobs=2):
    """The reference passes every test with the sanitizers (as make check SRC=solutions),
    its subject holds no expected value, the stub builds and fails every test."""
    from kit.author import mutants, subject_leaks
    from kit.core import build
    out = []
    jb = build.judge(ch, hidden=os.path.exists(ch.hidden_tests))
    d = os.path.join(ROOT, "build", "selftest", ch.slug)
    ref = mutants.check_here(ch, os.path.join(ROOT, "solutions"), jb, os.path.join(d, "solutions.json"),
                             jobs=jobs, bin_dir=os.path.join(d, "solutions"))
    bad = [f"{t['name']} {t['verdict']}" for t in ref["tests"] if t["verdict"] != "PASS"]
    out.append((not bad and not ref.get("build_error") and bool(ref["tests"]),
                f"reference passes all {len(ref['tests'])} tests (sanitizers on)",
                ref.get("build_error") or ", ".join(bad)))
    objs = subject_leaks.subject_objects(ch)
    found = subject_leaks.leaks(ch, objs)
    out.append((bool(objs) and not found, "the subject build of the tests holds no expected value",
                f"{len(found)} found, e.g. " + ", ".join(f"{n} {v!r}" for n, v in found[:3])))
    kinds = {k: sum(t["kind"] == k for t in ref["tests"]) for k in ("public", "hidden")}
    print(f"       {kinds['public']} public + {kinds['hidden']} hidden tests, "
          f"{ref['summary']['max_points']} points")
    stub = mutants.check_here(ch, os.path.join(ROOT, "exercises"), jb, os.path.join(d, "exercises.json"),
                              jobs=jobs, bin_dir=os.path.join(d, "exercises"))
    passing = [t["name"] for t in stub["tests"] if t["verdict"] == "PASS"]
    out.append((not stub.get("build_error"), "stub compiles warning-free", stub.get("build_error") or ""))
    out.append((not passing and len(stub["tests"]) == len(ref["tests"]), "stub fails every test",
                "passes: " + ", ".join(passing)))
    spec = os.path.join(ROOT, "tests", "mutants", ch.slug + ".txt")
    out.append((os.path.exists(spec), "tests/mutants/ has the chapter's mutants", f"no tests/mutants/{ch.slug}.txt"))
    return out


def mutant(m, jobs=2):
    """One block of tests/mutants/: rejected with its hint, or (kind: correct) accepted.
    Only the tests that decide (mutants.needed_tests) run."""
    from kit.author import mutants
    try:
        problems = mutants.run(m, jobs, needed_only=True)
    except ValueError as e:
        problems = [str(e)]
    return [(not problems, f"{m.kind} {m.name}", "; ".join(problems))]


def ignorable_arguments(ch, jobs=2):
    """No parameter of the chapter's functions can be ignored unnoticed."""
    from kit.author import ignored_args
    return [(o.ok, o.label + (f": {o.detail}" if o.ok else ""), o.detail)
            for o in ignored_args.check([ch], jobs)]


def experiment_quick():
    r = subprocess.run(["make", "--no-print-directory", "experiment", "QUICK=1", "SRC=solutions"],
                       cwd=ROOT, capture_output=True, text=True)
    return [(r.returncode == 0, "make experiment QUICK=1 reproduces chapters/data/10-quick.tsv",
             (r.stdout + r.stderr)[-400:])]


# ---------------------------------------------------------------- the driver

def pytest_args(a):
    """The pytest command line of a selftest run."""
    args = [os.path.join(ROOT, "tests"), "-p", "no:cacheprovider"]
    if not a.list:
        args += [f"--junitxml={os.path.join(RESULTS, 'junit.xml')}"]
    if a.jobs > 1 and not a.list:
        # one worker more than asked, a lane for the tests that mostly wait (tests/conftest.py:
        # LongestFirst), when the whole suite runs on every core
        lane = not a.skip_suites and a.jobs >= (os.cpu_count() or 2)
        args += ["-n", str(a.jobs + (1 if lane else 0))]
    if not a.list:
        args += ["-v"]          # one line a test as it ends (with xdist: [gwN] and the outcome)
    selection = []
    if a.chapter:
        ch = chapters.find(a.chapter)
        if ch is None:
            raise SystemExit(f"There is no chapter {a.chapter!r}.")
        selection.append(ch.slug)
    if a.skip_suites:
        args.append(os.path.join(ROOT, "tests", "suite_chapters.py"))
        args.remove(os.path.join(ROOT, "tests"))
    if a.k:
        selection.append(f"({a.k})")
    if selection:
        args += ["-k", " and ".join(selection)]
    if a.list:
        args += ["--collect-only", "-q"]
    return args + a.pytest


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m kit selftest", description=__doc__.split("\n\n")[0])
    ap.add_argument("--jobs", type=int, default=2, help="pytest-xdist workers (default 2; 1: no xdist)")
    ap.add_argument("--chapter", default="", help="only this chapter's tests")
    ap.add_argument("--skip-suites", action="store_true", help="only the chapters' checks (suite_chapters.py)")
    ap.add_argument("-k", default="", help="a pytest -k expression (e.g. 'release and book')")
    ap.add_argument("--list", action="store_true", help="list the tests, run nothing")
    ap.add_argument("pytest", nargs="*", help="more pytest arguments (after --)")
    a = ap.parse_args(argv)
    py = pytest_python()
    if py is None:
        print(f"make test needs pytest, which no python3 here has ({sys.executable}, python3, "
              f"/usr/bin/python3). Install it with:\n  {INSTALL}")
        return 2
    if a.jobs > 1 and not has(py, "xdist"):
        print(f"make test runs the tests {a.jobs} at a time with pytest-xdist, which {py} "
              f"lacks: one at a time instead. Install it with:\n  {INSTALL}")
        a.jobs = 1
    os.makedirs(RESULTS, exist_ok=True)
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")   # no __pycache__ in tests/ (hostile fixtures)
    return subprocess.run([py, "-m", "pytest"] + pytest_args(a), cwd=ROOT, env=env).returncode


def has(python, module):
    if python == sys.executable:
        return importlib.util.find_spec(module) is not None
    return subprocess.run([python, "-c", f"import {module}"], capture_output=True).returncode == 0


def pytest_python():
    """This python3 when it has pytest, else the first of python3 and /usr/bin/python3 that
    has (a pyenv python3 often has none; Debian's has it with python3-pytest)."""
    for py in (sys.executable, shutil.which("python3"), "/usr/bin/python3"):
        if py and os.path.exists(py) and has(py, "pytest"):
            return py
    return None


if __name__ == "__main__":
    sys.exit(main())
