"""Mutants: small edits of a reference that the tests must reject (each with
its hint), and correct variants they must accept.

tests/mutants/<slug>.txt holds blocks:

    == integer-division             a name
    kind: mistake                   mistake (default) | correct
    file: sinusoidal.c              a file of solutions/<slug>/
    - exact text of one line        (compared without surrounding spaces;
    + its replacement               must match exactly one line)
    expect: TEST hint=ID            TEST must not pass and its message must
                                    name "hint (ID)"; or verdict=CRASH|TIMEOUT|...
    pass: fn1, fn2                  every test of these functions must pass

Generated mutants (kit/author/ignored_args.py) set Mutant.rewrite, a function
of the file's text applied after the line edits, and run in this process with
run_here(): without sanitizers if asked, only the tests of some functions.
"""
import contextlib
import functools
import json
import os
import shutil
import threading

from kit.core.chapters import ROOT


class Mutant:
    def __init__(self, slug, name):
        self.slug, self.name = slug, name
        self.kind, self.file = "mistake", None
        self.edits, self.expects, self.passes = [], [], []
        self.rewrite = None     # text -> text after the edits (generated mutants)


def parse(path):
    slug = os.path.basename(path)[:-4]
    mutants, cur = [], None
    for n, raw in enumerate(open(path), 1):
        line = raw.rstrip("\n")
        where = f"{os.path.relpath(path, ROOT)}:{n}"
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("== "):
            cur = Mutant(slug, line[3:].strip())
            mutants.append(cur)
        elif cur is None:
            raise ValueError(f"{where}: expected '== name' first")
        elif line.startswith("kind:"):
            cur.kind = line[5:].strip()
        elif line.startswith("file:"):
            cur.file = line[5:].strip()
        elif line.startswith("- "):
            cur.edits.append([line[2:].strip(), None])
        elif line.startswith("+ "):
            if not cur.edits or cur.edits[-1][1] is not None:
                raise ValueError(f"{where}: '+' without its '-'")
            cur.edits[-1][1] = line[2:]
        elif line.startswith("expect:"):
            parts = line[7:].split()
            opts = dict(p.split("=", 1) for p in parts[1:])
            cur.expects.append((parts[0], opts))
        elif line.startswith("pass:"):
            cur.passes += [f.strip() for f in line[5:].split(",") if f.strip()]
        else:
            raise ValueError(f"{where}: cannot read {line!r}")
    return mutants


def apply(m, workdir):
    """Copy the reference into workdir/<slug>/ and apply m's edits."""
    src = os.path.join(ROOT, "solutions", m.slug)
    dst = os.path.join(workdir, m.slug)
    shutil.rmtree(workdir, ignore_errors=True)
    shutil.copytree(src, dst)
    path = os.path.join(dst, m.file)
    lines = open(path).read().split("\n")
    for old, new in m.edits:
        hits = [k for k, l in enumerate(lines) if l.strip() == old]
        if len(hits) != 1:
            raise ValueError(f"mutant {m.slug}/{m.name}: '{old}' matches {len(hits)} lines "
                             f"of {m.file} (the reference changed?)")
        k = hits[0]
        indent = lines[k][: len(lines[k]) - len(lines[k].lstrip())]
        lines[k] = indent + new.strip()
    text = "\n".join(lines)
    if m.rewrite is not None:
        text = m.rewrite(text)
    with open(path, "w") as f:
        f.write(text)


def verify(m, data):
    """Problems with the mutant's results (an empty list is success)."""
    tests = {t["name"]: t for t in data["tests"]}
    problems = []
    if m.kind == "correct":
        bad = [f"{t['name']} {t['verdict']}" for t in data["tests"] if t["verdict"] != "PASS"]
        if bad or data.get("build_error"):
            problems.append("a correct variant was rejected: " +
                            (", ".join(bad) or data.get("build_error", "")[:200]))
        return problems
    if data.get("build_error") and not any(o.get("verdict") == "BUILD_ERROR" for _, o in m.expects):
        return [f"does not build: {data['build_error'][:300]}"]
    if all(t["verdict"] == "PASS" for t in data["tests"]):
        problems.append("no test rejects it")
    for name, opts in m.expects:
        t = tests.get(name)
        if t is None:
            problems.append(f"expects unknown test {name}")
            continue
        if t["verdict"] == "PASS":
            problems.append(f"{name} passes")
        if "verdict" in opts and t["verdict"] != opts["verdict"].replace("_", " "):
            problems.append(f"{name} is {t['verdict']}, expected {opts['verdict']}")
        if "hint" in opts and opts["hint"] not in t.get("hints", {}):
            problems.append(f"{name} does not give hint ({opts['hint']}); it says: "
                            + " / ".join(t["lines"])[:300])
    for fn in m.passes:
        for t in data["tests"]:
            if fn in t["functions"] and t["verdict"] != "PASS":
                problems.append(f"{t['name']} ({fn}) should still pass but is {t['verdict']}")
    return problems


def needed_tests(m, tests):
    """The tests whose verdicts decide verify(m): every test for a correct variant (each
    must pass) or a mistake that names no test; otherwise the tests it expects to reject
    it and the tests of its `pass:` functions. The other tests cannot change verify()'s
    answer: a named test that fails already rejects the mutant, and a named test that
    passes is a problem whatever the others do."""
    if m.kind == "correct" or not m.expects:
        return list(tests)
    names = {name for name, _ in m.expects}
    return [t for t in tests if t.name in names or set(m.passes) & set(t.functions)]


_LEAKS = {"depth": 0, "lock": threading.Lock(), "saved": None}


@contextlib.contextmanager
def no_leak_check():
    """LeakSanitizer off for the subjects run inside (this process): a leak is a warning
    under a test's verdict, never the verdict (kit/core/run.py's _env), so the verdicts
    and hints are the same; LSan's scan at each exit costs about half a sanitized test's
    time. Only the mutants' runs use it (the reference and the stub run as make check)."""
    from kit.core import run as runner
    with _LEAKS["lock"]:
        if _LEAKS["depth"] == 0 and hasattr(runner, "_env"):
            _LEAKS["saved"] = runner._env
            runner._env = functools.partial(_LEAKS["saved"], leaks=False)
        _LEAKS["depth"] += 1
    try:
        yield
    finally:
        with _LEAKS["lock"]:
            _LEAKS["depth"] -= 1
            if _LEAKS["depth"] == 0 and _LEAKS["saved"] is not None:
                runner._env, _LEAKS["saved"] = _LEAKS["saved"], None


def check_here(ch, src_dir, jb, out, tag="selftest", san=True, timeout=10.0, jobs=2, select=None,
               bin_dir=None):
    """`python3 -m kit check --chapter CH --src SRC_DIR --json OUT` in this process, with
    the chapter's judge already built (jb: build.judge(ch)): the same build, runs and JSON
    (kit/student/report.py's save), without a Python start and without touching make
    check's own build/run/ folders. select(tests) -> the tests to run (all when None)."""
    from kit.core import build, run as runner
    from kit.student import report
    tests = runner.manifest(jb["judge"])
    if select is not None:
        tests = select(tests)
    build_error = None
    try:
        sb = build.subject(ch, src_dir, tag, jb, san=san, out_dir=bin_dir)
        results = runner.run_all(tests, jb["judge"], sb["subject"], os.path.join(sb["dir"], "logs"),
                                 timeout, jobs, src_dir)
    except build.BuildError as e:
        build_error = str(e)
        results = [runner.Result(t, "BUILD ERROR", [build_error.splitlines()[0]]) for t in tests]
    report.save(out, ch, src_dir, results, build_error)
    with open(out) as f:
        return json.load(f)


def run(m, jobs=2, needed_only=False):
    """Apply m and check it as `python3 -m kit check --src build/mutants/SLUG/NAME --timeout 3`
    would, in this process (check_here), LeakSanitizer off (no_leak_check); the report is
    left in build/mutants/SLUG/NAME/result.json. needed_only: only needed_tests(m) run
    (the self-test; tests/suite_diagnosis.py wants every test's hints). Returns verify()'s
    problems."""
    from kit.core import build, chapters
    ch = chapters.find(m.slug)
    work = os.path.join(ROOT, "build", "mutants", m.slug, m.name)
    apply(m, work)
    jb = build.judge(ch, hidden=os.path.exists(ch.hidden_tests))
    with no_leak_check():
        data = check_here(ch, work, jb, os.path.join(work, "result.json"), tag="mutant", timeout=3.0,
                          jobs=jobs, select=(lambda ts: needed_tests(m, ts)) if needed_only else None,
                          bin_dir=os.path.join(work, "bin"))
    return verify(m, data)


def all_specs():
    d = os.path.join(ROOT, "tests", "mutants")
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".txt")) \
        if os.path.isdir(d) else []
