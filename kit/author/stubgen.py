"""Derive a stub from a reference solution (nbgrader's idea, in C).

A block between lines `/* BEGIN SOLUTION */` and `/* END SOLUTION */`
- inside a function body (indented) becomes `(void)param;` for each parameter
  and `return KIT_TODO;`, so the stub compiles warning-free and fails;
- at column 0 (helpers, statics) is removed.
Everything else, TODO comments and listing markers included, is kept.
"""
import argparse
import os
import sys

from kit.core import cparse, markers
from kit.core.chapters import all_chapters

StubError = markers.MarkerError


def derive(text, path="<solution>"):
    lines = text.splitlines(keepends=True)
    out, k = [], 0
    for begin, stop in markers.solution_blocks(lines, path):
        out += lines[k:begin]
        k = begin
        line = lines[k]
        indent = line[: len(line) - len(line.lstrip())]
        if indent:
            for name in cparse.definition_params(lines, k):
                out.append(f"{indent}(void){name};\n")
            out.append(f"{indent}return KIT_TODO;\n")
        elif stop + 1 < len(lines) and lines[stop + 1].strip() == "":
            stop += 1  # drop the blank line after a removed top-level block
        k = stop + 1
    return "".join(out + lines[k:])


def pairs():
    """(solution path, stub path) for every chapter source."""
    for ch in all_chapters():
        if not os.path.isdir(ch.solution_dir):
            continue
        for src in ch.sources_in(os.path.dirname(ch.solution_dir)):
            yield src, os.path.join(ch.exercise_dir, os.path.basename(src))


def write_all():
    for src, dst in pairs():
        with open(src) as f:
            stub = derive(f.read(), src)
        old = open(dst).read() if os.path.exists(dst) else None
        if old != stub:
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            with open(dst, "w") as f:
                f.write(stub)
            print(f"wrote {os.path.relpath(dst)}")


def drift():
    """Messages for every stub that is not what its solution derives."""
    problems = []
    for src, dst in pairs():
        with open(src) as f:
            want = derive(f.read(), src)
        if not os.path.exists(dst):
            problems.append(f"{os.path.relpath(dst)} is missing (run: make stubs)")
        elif open(dst).read() != want:
            problems.append(f"{os.path.relpath(dst)} differs from what "
                            f"{os.path.relpath(src)} derives (run: make stubs)")
    return problems


def main(argv=None):
    """make stubs: write every stub; --check: list the stubs that drifted (exit 1)."""
    ap = argparse.ArgumentParser(prog="python3 -m kit stubs")
    ap.add_argument("--check", action="store_true", help="only report drift")
    a = ap.parse_args(argv)
    if a.check:
        problems = drift()
        for p in problems:
            print(p)
        return 1 if problems else 0
    write_all()
    return 0


if __name__ == "__main__":
    sys.exit(main())
