#!/usr/bin/env python3
"""The house rules of the tooling, checked without building anything (seconds):

- kit/core/manifest.py: every file git tracks belongs to the author's list; every
  listed path exists; the student's list holds no instructor or author module, the
  grading list no author module; and no Python file of an audience imports a kit
  module that the audience does not get (a release that ships a module without
  what it imports fails here, not in a student's hands).
"""
import ast
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from kit.core import manifest  # noqa: E402

failures = []


def check(ok, what, detail=""):
    print(f"  {'ok  ' if ok else 'FAIL'} {what}{(': ' + str(detail)) if detail and not ok else ''}", flush=True)
    if not ok:
        failures.append(what)
    return ok


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


def suite_manifest():
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


def main():
    suite_manifest()
    print(f"\n{len(failures)} failure(s)")
    for f in failures:
        print("  - " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
