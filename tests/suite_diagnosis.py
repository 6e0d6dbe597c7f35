#!/usr/bin/env python3
"""The diagnosis of a wrong table, proved on wrong answers the kit has never
seen. tests/unseen/<slug>.txt holds mutants of the references (the format of
kit/author/mutants.py) that no catalogue mistake of the tests models; each
expect line names a test and the shape rule its hint must give
(`expect: table_mistakes hint=shape-base`), or none (`expect: TEST` alone: the
test must fail and no test may name a cause, as no model reproduces it).

A mutant (kind: correct blocks are correct variants: every test must pass, no hint) is
  right       when every expect line holds (the test fails with that hint);
  misleading  when any test prints a hint the mutant's expect lines do not
              name: a hint that names a mistake that was not made.
The suite fails unless at least 80 % are right and none is misleading, or
when an unseen block repeats a block of tests/mutants/ (it would not be
unseen). It prints one row per mutant: expected rule, hints given.

tests/hardcoded/<slug>/ holds a submission that computes nothing: the argument
checks of the header, the public worked examples and the book's values pasted
in, constants for anything else. Hidden tests use inputs the public tests do
not, so it must get 0 hidden points; the suite fails otherwise.
"""
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests"))

from checks import check  # noqa: E402
from kit.author import mutants  # noqa: E402
from kit.core import build, chapters  # noqa: E402

UNSEEN = os.path.join(ROOT, "tests", "unseen")
HARDCODED = os.path.join(ROOT, "tests", "hardcoded")
HINT = re.compile(r"hint \(([^)]+)\)")
# Hints that state evidence, not a cause: NaN or infinity where finite values
# belong (with the floating-point facts that make them). Never misleading.
EVIDENCE = {"shape-nan"}
RIGHT_SHARE = 0.8


def specs():
    return sorted(os.path.join(UNSEEN, f) for f in os.listdir(UNSEEN) if f.endswith(".txt"))


def edits_key(m):
    return (m.slug, m.file, tuple((old, new.strip()) for old, new in m.edits))


def seen_blocks():
    """The edits of every block of tests/mutants/: an unseen block must differ."""
    return {edits_key(m): m.name for spec in mutants.all_specs() for m in mutants.parse(spec)}


def judge(m):
    """(problems, {test: [hint ids]}) of one unseen mutant."""
    try:
        problems = mutants.run(m, jobs=1)
    except ValueError as e:
        return [str(e)], {}
    # mutants.run leaves the check's report here (see its run()).
    out = os.path.join(ROOT, "build", "mutants", m.slug, m.name, "result.json")
    with open(out) as f:
        data = json.load(f)
    hints = {t["name"]: list(t.get("hints", {})) for t in data["tests"]}
    return problems, {k: v for k, v in hints.items() if v}


def hardcoded_points(slug):
    """(hidden points passed, hidden points, the passing hidden tests) of the
    submission that computes nothing."""
    out = os.path.join(ROOT, "build", "hardcoded", slug + ".json")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    subprocess.run([sys.executable, os.path.join(ROOT, "kit"), "check", "--chapter", slug,
                    "--src", HARDCODED, "--json", out, "--jobs", "1", "--timeout", "3"],
                   capture_output=True, text=True)
    with open(out) as f:
        data = json.load(f)
    hidden = [t for t in data["tests"] if t["kind"] == "hidden"]
    passed = [t for t in hidden if t["verdict"] == "PASS"]
    return sum(t["points"] for t in passed), sum(t["points"] for t in hidden), \
        [t["name"] for t in passed], data.get("build_error")


def check_hardcoded(failures):
    slugs = sorted(d for d in os.listdir(HARDCODED) if os.path.isdir(os.path.join(HARDCODED, d))) \
        if os.path.isdir(HARDCODED) else []
    for slug in slugs:
        got, total, names, build_error = hardcoded_points(slug)
        print(f"  hard-coded public answers, {slug}: {got} of {total} hidden points"
              + (f" ({', '.join(names)})" if names else ""))
        if build_error:
            failures.append(f"{slug}: the hard-coded submission does not build: {build_error[:200]}")
        elif got:
            failures.append(f"{slug}: the hard-coded submission gets {got} hidden points")


def unseen_mutants(failures, keep=()):
    """Every unseen mutant judged (keep: chapter numbers, none: all); what fails goes into failures."""
    start = time.monotonic()
    seen = seen_blocks()
    blocks = [m for spec in specs() for m in mutants.parse(spec)
              if not keep or int(os.path.basename(spec)[:2]) in keep]
    for m in blocks:
        if edits_key(m) in seen:
            failures.append(f"{m.slug}/{m.name} repeats tests/mutants block {seen[edits_key(m)]}")
        if m.kind != "correct" and not m.expects:
            failures.append(f"{m.slug}/{m.name} names no test that must reject it")
    for slug in sorted({m.slug for m in blocks}):  # the judges first: two checks of one
        build.judge(chapters.find(slug), True)      # chapter must not build its judge at once
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(judge, blocks))
    right = misleading = 0
    rows = []
    for m, (problems, hints) in zip(blocks, results):
        expected = {opts["hint"] for _, opts in m.expects if "hint" in opts}
        wrong = sorted({h for hs in hints.values() for h in hs} - expected - EVIDENCE)
        ok = not problems
        right += ok
        misleading += bool(wrong)
        given = sorted({h for name, _ in m.expects for h in hints.get(name, [])})
        verdict = "misleading" if wrong else "right" if ok else \
            "rejected (correct)" if m.kind == "correct" else "no hint"
        rows.append((f"{m.slug[:2]} {m.name}", ", ".join(sorted(expected)),
                     ", ".join(given + [f"{w} (misleading)" for w in wrong]) or "none", verdict))
        if wrong:
            failures.append(f"{m.slug}/{m.name}: misleading hint(s) " + ", ".join(
                f"{h} in {t}" for t, hs in hints.items() for h in hs if h in wrong))
        elif problems:
            print(f"  {m.slug}/{m.name}: " + "; ".join(problems)[:300])
    widths = [max(len(r[k]) for r in rows + [("mutant", "expected", "hint given", "")])
              for k in range(3)]
    print(f"  {'mutant':<{widths[0]}}  {'expected':<{widths[1]}}  {'hint given':<{widths[2]}}")
    for r in rows:
        print(f"  {r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}")
    n = len(blocks)
    share = right / n if n else 0.0
    print(f"  {right} of {n} right ({100 * share:.0f} %, at least {100 * RIGHT_SHARE:.0f} % "
          f"needed), {misleading} misleading, {time.monotonic() - start:.0f} s")
    if n and share < RIGHT_SHARE:
        failures.append(f"only {right} of {n} unseen mutants get their hint")
    if not n:
        failures.append("no unseen mutants in tests/unseen/")


# pytest (make test): two tests; a failure lists what failed, as the script prints it
def test_unseen_mutants():
    failures = []
    unseen_mutants(failures)
    for f in failures:
        check(False, f[:400])


def test_hardcoded():
    failures = []
    check_hardcoded(failures)
    for f in failures:
        check(False, f[:400])


def main(argv=None):
    """argv: chapter numbers to keep (python3 tests/suite_diagnosis.py 3 5); none: all,
    and the hard-coded submissions too."""
    argv = sys.argv[1:] if argv is None else argv
    keep = {int(a) for a in argv if a.isdigit()}
    failures = []
    unseen_mutants(failures, keep)
    if not keep:
        check_hardcoded(failures)
    for f in failures:
        print("  FAIL " + f[:400])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
