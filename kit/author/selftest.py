#!/usr/bin/env python3
"""make test — the kit's own suite. Fails when:
- a stub drifted from its solution, or a golden value from bc;
- a listing marker is missing, duplicated or unused;
- a reference fails any test (sanitizers on), or a stub passes any, or a
  stub does not compile;
- a mutant is not rejected with its hint, or a correct variant is rejected;
- a function ignores an argument and its tests do not notice (paramconst.py);
- any tests/suite_*.py (plots, book, grading, ...) fails.
"""
import argparse
import glob
import json
import os
import subprocess
import sys
import time

from kit.author import ignored_args as paramconst, mutants, stubgen, subject_leaks as answers  # noqa: E402
from kit.core import chapters, markers  # noqa: E402
from kit.core.chapters import ROOT  # noqa: E402

KIT = [sys.executable, os.path.join(ROOT, "kit")]
failures = []


def section(title):
    print(f"\n== {title}", flush=True)


def report(ok, what, detail=""):
    print(f"  {'ok  ' if ok else 'FAIL'} {what}{(': ' + detail) if detail and not ok else ''}",
          flush=True)
    if not ok:
        failures.append(f"{what}: {detail}")


def check_json(ch, src, jobs, extra=()):
    out = os.path.join(ROOT, "build", "selftest", f"{ch.slug}-{os.path.basename(src)}.json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    subprocess.run(KIT + ["check", "--chapter", ch.slug, "--src", src, "--json", out,
                          "--jobs", str(jobs)] + list(extra), capture_output=True, text=True)
    with open(out) as f:
        return json.load(f)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--chapter", default="", help="only this chapter")
    ap.add_argument("--skip-suites", action="store_true")
    a = ap.parse_args()
    start = time.monotonic()
    chs = [c for c in chapters.all_chapters() if not a.chapter or chapters.find(a.chapter) == c]

    section("single source of truth")
    drift = stubgen.drift()
    report(not drift, "stubs derive from solutions", "; ".join(drift))
    r = subprocess.run(KIT + ["golden", "--check"],
                       capture_output=True, text=True)
    report(r.returncode == 0, "golden values agree with bc", r.stdout.strip())
    problems = markers.check()
    report(not problems, "listing markers resolve", "; ".join(problems))

    for ch in chs:
        section(f"chapter {ch.slug}")
        ref = check_json(ch, "solutions", a.jobs)
        bad = [f"{t['name']} {t['verdict']}" for t in ref["tests"] if t["verdict"] != "PASS"]
        report(not bad and not ref.get("build_error") and ref["tests"],
               f"reference passes all {len(ref['tests'])} tests (sanitizers on)",
               ref.get("build_error") or ", ".join(bad))
        objs = answers.subject_objects(ch)
        found = answers.leaks(ch, objs)
        report(objs and not found, "the subject build of the tests holds no expected value",
               f"{len(found)} found, e.g. " + ", ".join(f"{n} {v!r}" for n, v in found[:3]))
        kinds = {k: sum(t["kind"] == k for t in ref["tests"]) for k in ("public", "hidden")}
        print(f"       {kinds['public']} public + {kinds['hidden']} hidden tests, "
              f"{ref['summary']['max_points']} points")
        stub = check_json(ch, "exercises", a.jobs)
        passing = [t["name"] for t in stub["tests"] if t["verdict"] == "PASS"]
        report(not stub.get("build_error"), "stub compiles warning-free", stub.get("build_error") or "")
        report(not passing and len(stub["tests"]) == len(ref["tests"]),
               "stub fails every test", "passes: " + ", ".join(passing))
        spec = os.path.join(ROOT, "tests", "mutants", ch.slug + ".txt")
        if os.path.exists(spec):
            for m in mutants.parse(spec):
                try:
                    problems = mutants.run(m, a.jobs)
                except ValueError as e:
                    problems = [str(e)]
                report(not problems, f"{m.kind} {m.name}", "; ".join(problems))
        else:
            report(False, "mutants", f"no tests/mutants/{ch.slug}.txt")
        section(f"chapter {ch.slug}: no ignorable argument")
        for o in paramconst.check([ch], a.jobs):
            report(o.ok, o.label + (f": {o.detail}" if o.ok else ""), o.detail)

    exp = os.path.join(ROOT, "tools", "experiment", "experiment.c")
    if os.path.exists(exp) and any(c.slug.startswith("10-") for c in chs):
        section("chapter 10 experiment (the quick slice)")
        r = subprocess.run(["make", "--no-print-directory", "experiment", "QUICK=1", "SRC=solutions"],
                           cwd=ROOT, capture_output=True, text=True)
        report(r.returncode == 0, "make experiment QUICK=1 reproduces chapters/data/10-quick.tsv",
               (r.stdout + r.stderr)[-400:])

    if not a.skip_suites:
        for suite in sorted(glob.glob(os.path.join(ROOT, "tests", "suite_*.py"))):
            section(os.path.basename(suite))
            r = subprocess.run([sys.executable, suite], cwd=ROOT)
            report(r.returncode == 0, os.path.basename(suite), f"exit {r.returncode}")

    section("summary")
    print(f"{len(failures)} failure(s) in {time.monotonic() - start:.0f} s")
    for f in failures:
        print("  - " + f[:400])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
