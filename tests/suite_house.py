#!/usr/bin/env python3
"""The house rules of the tooling, checked without building anything (seconds).
pytest runs each test_* (make test); `python3 tests/suite_house.py` runs them all too.

- kit/core/manifest.py: every file git tracks belongs to the author's list; every
  listed path exists; the student's list holds no instructor or author module, the
  grading list no author module; and no Python file of an audience imports a kit
  module that the audience does not get (a release that ships a module without
  what it imports fails here, not in a student's hands).
"""
import ast
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from checks import check, finish  # noqa: E402
from kit.core import manifest, protocol, verdict  # noqa: E402
from kit.core.verdict import Ended, Verdict as V  # noqa: E402



def kit_imports(path):
    """The kit.* modules a Python file imports (anywhere in it, lazy imports too)."""
    with open(os.path.join(ROOT, path)) as f:
        tree = ast.parse(f.read(), path)
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.split(".")[0] == "kit"}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0 \
                and node.module.split(".")[0] == "kit":
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def module_files(name):
    """The files that make module `name` importable; None when it is not a module
    (a name imported from a module: a function, a class)."""
    base = os.path.join(*name.split("."))
    if os.path.isfile(os.path.join(ROOT, base + ".py")):
        return [base + ".py"]
    if os.path.isdir(os.path.join(ROOT, base)):
        init = os.path.join(base, "__init__.py")
        return [init] if os.path.exists(os.path.join(ROOT, init)) else []
    return None


def test_manifest():
    print("== the manifest (kit/core/manifest.py)")
    r = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if r.returncode == 0:
        tracked = set(r.stdout.split())
        author = set(manifest.of("author"))
        stray = sorted(tracked - author)
        check(not stray, "every tracked file belongs to an audience", ", ".join(stray[:10]))
    missing = [p for a in manifest.AUDIENCES.values() for p in a if not os.path.exists(os.path.join(ROOT, p))]
    check(not missing, "every path of the manifest exists", ", ".join(sorted(set(missing))))
    student = manifest.of("student")
    bad = [f for f in student if f.startswith(("kit/author", "kit/grading", "kit/release", "mk/", "grader/",
                                               "solutions/", "tests/"))]
    check(not bad, "the student's list holds no instructor or author file", ", ".join(bad[:5]))
    bad = [f for f in manifest.of("grading") if f.startswith(("kit/author", "tests/", "mk/author"))]
    check(not bad, "the grading list holds no author file", ", ".join(bad[:5]))
    for audience in ("student", "grading", "instructor"):
        have = set(manifest.of(audience))
        problems = []
        for f in sorted(have):
            if not f.endswith(".py"):
                continue
            for mod in sorted(kit_imports(f)):
                need = module_files(mod)
                parts = mod.split(".")
                # a package's __init__ comes with any module of it
                need = (need or []) + [os.path.join(*parts[:k], "__init__.py") for k in range(1, len(parts))
                                       if os.path.exists(os.path.join(ROOT, *parts[:k], "__init__.py"))]
                lacking = [n for n in need if n not in have]
                if lacking:
                    problems.append(f"{f} imports {mod} ({lacking[0]} is not {audience}'s)")
        check(not problems, f"{audience}: every kit module imported is shipped", "; ".join(problems[:5]))


def test_verdict():
    print("== the verdict (kit/core/verdict.py)")
    check(f"{V.BUILD_ERROR:<12}|" == "BUILD ERROR |" and str(V.PASS) == "PASS" and {"MEMORY LIMIT": 1}[V.MEMORY_LIMIT]
          and V("FILE LIMIT") is V.FILE_LIMIT and V.FAIL == "FAIL",
          "a verdict is its word: in f-strings, as a dict key, from its word")
    readme = open(os.path.join(ROOT, "README.md")).read()
    check(all(v.value in readme for v in verdict.VERDICTS), "README names every verdict")
    asan = ("AddressSanitizer", "SEGV on unknown address 0x0")
    cases = [  # (facts, rule, verdict): the precedence table, row by row, and where rows meet
        (Ended(0), "finished", None),
        (Ended(1), "finished", None),
        (Ended(-9, limit="MEMORY LIMIT", timed_out=True), "limit", V.MEMORY_LIMIT),
        (Ended(-9, timed_out=True, sanitizer=asan, sanitizer_exit=True), "timed_out", V.TIMEOUT),
        (Ended(-24), "timed_out", V.TIMEOUT),
        (Ended(86, sanitizer=asan, sanitizer_exit=True), "fatal_sanitizer", V.CRASH),
        (Ended(86, sanitizer=("AddressSanitizer", "stack-overflow on address"), sanitizer_exit=True),
         "fatal_sanitizer", V.CRASH),
        (Ended(87, sanitizer=("UndefinedBehaviorSanitizer", "x.c:3:5: runtime error: signed integer overflow"),
               sanitizer_exit=True), "sanitizer", V.SANITIZER),
        (Ended(0, sanitizer=asan), "finished", None),          # a report without the sanitizers' exit code
        (Ended(-31), "sigsys", V.PROCESS_LIMIT),
        (Ended(-11), "signal", V.CRASH),
        (Ended(-6, limit="OUTPUT LIMIT"), "limit", V.OUTPUT_LIMIT),
    ]
    bad = [(e, got, (rule, v)) for e, rule, v in cases if (got := verdict.subject(e)) != (rule, v)]
    check(not bad, f"the precedence table decides {len(cases)} ends as specified", bad[:2])
    check([r for r, _, _ in verdict.PRECEDENCE] == list(verdict.RULES), "every precedence row has one rule")
    L = verdict.Limits
    limit_cases = [  # (facts, rule, verdict): the sandbox's limits, row by row, and where rows meet
        (L(), None, None),
        (L(status=-9, timed_out=True), None, None),            # the wall clock: PRECEDENCE's TIMEOUT
        (L(left=1, full="/tmp", procs=5), "left", V.PROCESS_LIMIT),
        (L(full="/tmp", procs=5, memory=True), "full", V.FILE_LIMIT),
        (L(procs=3, memory=True), "procs", V.PROCESS_LIMIT),
        (L(procs=2, memory=True, sizes=(99, 0, 0), fsize=10), "memory", V.MEMORY_LIMIT),
        (L(sizes=(10, 0, 0), fsize=10), "output", V.OUTPUT_LIMIT),
        (L(sizes=(0, 3, 10), fsize=10), "file", V.FILE_LIMIT),
        (L(status=-25, sigxfsz=True), "file", V.FILE_LIMIT),
        (L(status=-9), "killed", V.CRASH),
    ]
    got = [(f, verdict.limit(f)) for f, _, _ in limit_cases]
    bad = [(f, g) for (f, g), (_, rule, v) in zip(got, limit_cases) if g != ((rule, v) if rule else None)]
    check(not bad, f"the sandbox's limit table decides {len(limit_cases)} ends as specified", bad[:2])

    def reply(text, rc=1):
        return verdict.parse_judge(text, rc)
    fail = reply("KIT| pe[0][0]: expected 0, got 1.\nKIT-HINT sin-cos-swapped\n"
                 "KIT| hint (sin-cos-swapped): even columns hold sin.\nKIT-VERDICT FAIL\n")
    check(fail.hints == {"sin-cos-swapped": "even columns hold sin."} and not fail.passed and not fail.todo
          and fail.lines[1].startswith("hint (sin-cos-swapped)"),
          "parse_judge: KIT-HINT <id> gives the id as data, paired with its sentence", fail)
    todo = reply("KIT| pe_table returned KIT_TODO\nKIT-TODO pe_table\nKIT-VERDICT FAIL\n")
    check(todo.todo and not todo.hints, "parse_judge: KIT-TODO is the TODO flag", todo)
    ok = reply("KIT-VERDICT PASS\n", 0)
    check(ok.passed and verdict.judged(None, ok) is V.PASS, "a finished subject and the judge's PASS: PASS")
    check(verdict.judged(None, fail) is V.FAIL, "a finished subject and the judge's FAIL: FAIL")
    check(all(verdict.judged(v, fail) is V.FAIL for v in verdict.OVERRULED),
          "the judge's FAIL before the end overrules " + ", ".join(sorted(verdict.OVERRULED)))
    ended = reply("KIT| pe_table never returned\nKIT-ENDED-INSIDE pe_table\nKIT-VERDICT FAIL\n")
    check(verdict.judged(V.CRASH, ended) is V.CRASH and verdict.judged(V.CRASH, ok) is V.CRASH
          and verdict.judged(V.MEMORY_LIMIT, fail) is V.MEMORY_LIMIT,
          "the end stands when the judge saw it end, found nothing wrong, or a limit ended it")


def c_value(text):
    """The value of a #define's replacement: a char literal, or an integer expression."""
    text = re.sub(r"/\*.*?\*/", "", text).strip()
    m = re.fullmatch(r"'(.)'", text)
    if m:
        return m.group(1)
    expr = re.sub(r"\(size_t\)|\b(\d+)[uUlL]+\b", lambda m: m.group(1) or "", text)
    if not re.fullmatch(r"[\d\s()<<+*-]+", expr):
        return None
    return eval(expr, {"__builtins__": {}})     # digits, shifts and parentheses only


ENV_READ = re.compile(r"""getenv\("(KIT_\w+)"\)|environ(?:\.get)?[(\[]\s*["'](KIT_\w+)["']|\$\{(KIT_\w+)[:}-]"""
                      r"""|env\[["'](KIT_\w+)["']\]|\benv\(["'](KIT_\w+)["']|--setenv["'], ["'](KIT_\w+)"""
                      r"""|(KIT_\w+)=f?["']""")


def test_protocol():
    print("== the protocol (PROTOCOL.md, tools/harness/kit_protocol.h, kit/core/protocol.py)")
    header = open(os.path.join(ROOT, "tools", "harness", "kit_protocol.h")).read()
    defines = {m.group(1): c_value(m.group(2))
               for m in re.finditer(r"^#define KIT_(\w+)[ \t]+(.+)$", header, re.M) if m.group(1) != "PROTOCOL_H"}
    bad = [f"{k}: C {v!r}, Python {protocol.C_CONSTANTS.get(k)!r}" for k, v in defines.items()
           if protocol.C_CONSTANTS.get(k) != v]
    bad += [f"{k}: only in Python" for k in protocol.C_CONSTANTS if k not in defines]
    check(defines and not bad, f"kit_protocol.h and protocol.py agree on {len(defines)} constants", "; ".join(bad))
    doc = open(os.path.join(ROOT, "PROTOCOL.md")).read()
    read = {}
    for path in manifest.of("author"):
        if not path.endswith((".c", ".h", ".py", ".sh", ".mk", "Makefile", "run_autograder")) or \
                path.startswith(("tests/hostile",)) or path == "tests/suite_house.py":
            continue
        try:
            text = open(os.path.join(ROOT, path), errors="replace").read()
        except OSError:
            continue
        for m in ENV_READ.finditer(text):
            read.setdefault(next(g for g in m.groups() if g), path)
    missing = [f"{k} ({where})" for k, where in sorted(read.items()) if k not in protocol.ENV]
    check(read and not missing, f"every KIT_* variable the tree reads ({len(read)}) is in protocol.ENV",
          ", ".join(missing))
    undocumented = [k for k in protocol.ENV if f"`{k}`" not in doc]
    check(not undocumented, "PROTOCOL.md's table names every one", ", ".join(undocumented))
    unread = [k for k in protocol.ENV if k not in read]
    check(not unread, "protocol.ENV lists no variable nothing reads", ", ".join(unread))


PATH_IN_TEXT = re.compile(r"(?<![\w/.$-])((?:kit|tools|tests|book|plots|include|mk)/[\w./-]*\w)")


GENERATED = {"plots/reference"}      # made by make dist in the release, not in the repository


def test_docstrings():
    print("== module docstrings and comments name paths that exist")
    stale = []
    for path in manifest.of("author"):
        if not path.endswith((".py", ".c", ".h", ".sh", ".mk", ".lua", ".gp")) and path not in ("Makefile",):
            continue
        try:
            text = open(os.path.join(ROOT, path), errors="replace").read()
        except OSError:
            continue
        if path.endswith(".py"):
            doc = ast.get_docstring(ast.parse(text)) or ""
            comments = "\n".join(re.findall(r"#.*", text))
            text = doc + "\n" + comments
        for m in PATH_IN_TEXT.finditer(text):
            ref = m.group(1).rstrip(".")
            if any(c in ref for c in "<*{") or re.search(r"NN|\bN\b|/x\.", ref) or ref in GENERATED:
                continue
            if not os.path.exists(os.path.join(ROOT, ref)) and not glob.glob(os.path.join(ROOT, ref + "*")):
                stale.append(f"{path}: {ref}")
    check(not stale, "every path named in a module docstring or comment exists", "; ".join(stale[:12]))


def test_one_place():
    print("== one module per idea: markers, files, gnuplot quoting, the C scanner")
    from kit.core import cparse, files, gnuplot, markers
    B, E = markers.SOLUTION_BEGIN, markers.SOLUTION_END
    text = ["int f(void)", "{", "    " + B, "    return 1;", "    " + E, "}", B, "static int g;", E]
    check(markers.solution_blocks(text) == [(2, 4), (6, 8)], "solution_blocks finds both blocks")
    for bad, why in (([E], "END without BEGIN"), ([B, "x"], "BEGIN without END"), ([B, B, E], "nested")):
        try:
            markers.solution_blocks(bad)
            check(False, f"solution_blocks refuses {why}")
        except markers.MarkerError:
            check(True, f"solution_blocks refuses {why}")
    check(markers.solution_blocks([E, B, "x"], strict=False) == [], "not strict: a broken block is skipped")
    import tempfile
    d = tempfile.mkdtemp()
    out = os.path.join(d, "o")
    files.atomic_write(out, "one")
    k = files.digest(["cmd"], [out])
    files.stamp(out, k)
    fresh = files.fresh(out, k)
    files.atomic_write(out, b"two")
    check(fresh and files.digest(["cmd"], [out]) != k and not files.fresh(out, files.digest(["cmd"], [out]))
          and open(out).read() == "two" and sorted(os.listdir(d)) == ["o", "o.stamp"],
          "files: a stamp is fresh for its key only; atomic_write leaves no temporary file")
    check(files.digest([], [os.path.join(d, "missing")]) != files.digest([], []), "files: a missing input counts")
    check(gnuplot.quote(3) == "3" and gnuplot.quote("it's") == "'it''s'" and gnuplot.quote("a\nb") == '"a\\nb"',
          "gnuplot.quote: numbers bare, strings quoted, a newline in double quotes")
    m = cparse.mask('int f(void) { /* ( */ return g("(", \')\'); }')
    check(cparse.close(m, m.index("{")) == len(m) and cparse.word(m, 0) == "int",
          "cparse.mask/close: brackets in comments and literals do not count")


def test_packages_written_once():
    print("== the Debian packages: one list (tools/deps.sh) that every install reads")
    from kit.core import chapters
    from kit.release.gradescope import build as gs
    deps = os.path.join(ROOT, "tools", "deps.sh")

    def listed(mode):
        return subprocess.run(["bash", deps, "--list", mode], capture_output=True, text=True).stdout.split()
    check(set(listed("check")) <= set(listed("all")) and set(listed("grade")) <= set(listed("all"))
          and "bubblewrap" in listed("gradescope") and "python3-pytest-xdist" in listed("all"),
          "deps.sh --list: check and grade within all; gradescope has bubblewrap; all has pytest-xdist")
    for path in (".ci/run", "kit/release/gradescope/setup.sh"):
        text = open(os.path.join(ROOT, path)).read()
        check("deps.sh --list" in text and "libcmocka-dev" not in text,
              f"{path} installs deps.sh's list and names no package itself")
    with open(os.path.join(ROOT, "tools", "classroom", "classroom.yml")) as f:
        committed = f.read()
    check(committed == gs.classroom_yml(chapters.all_chapters()),
          "tools/classroom/classroom.yml is what make gradescope writes (every chapter, deps.sh's list)")


def main():
    test_packages_written_once()
    test_manifest()
    test_one_place()
    test_verdict()
    test_protocol()
    test_docstrings()
    return finish()


if __name__ == "__main__":
    sys.exit(main())
