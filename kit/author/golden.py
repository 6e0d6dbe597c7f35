#!/usr/bin/env python3
"""Golden values: computed by bc (arbitrary precision, no C library involved)
from tests/golden/<slug>.bc, whose sections start with a line "@name".

  golden.py SLUG           print every section as a C array to paste
  golden.py --check        every `static const double NAME[]` in a chapter's
                           tests (exercises/ and grader/ <slug>/test_*.c and
                           <slug>/*.h, e.g. test_data.h) whose NAME is a section
                           must match bc to 1e-15
"""
import glob
import os
import subprocess
import sys

from kit.core.chapters import ROOT  # noqa: E402


def sections(slug):
    path = os.path.join(ROOT, "tests", "golden", slug + ".bc")
    out = subprocess.run(["bc", "-l", path], capture_output=True, text=True, check=True).stdout
    found, name = {}, None
    for line in out.replace("\\\n", "").splitlines():
        line = line.strip()
        if line.startswith("@"):
            name = line[1:]
            found[name] = []
        elif line and name:
            found[name].append(float(line))
    return found


def as_c(name, values, per_line=4):
    body = ",\n".join("    " + ", ".join(f"{v:.17g}" for v in values[k:k + per_line])
                      for k in range(0, len(values), per_line))
    return f"static const double {name}[{len(values)}] = {{\n{body}\n}};"


from kit.core import chapters, leaks  # noqa: E402  (the one reader of golden arrays, shared with the answer scan)


def check():
    bad = 0
    for bc in sorted(glob.glob(os.path.join(ROOT, "tests", "golden", "*.bc"))):
        slug = os.path.basename(bc)[:-3]
        want = sections(slug)
        seen = set()
        for test in leaks.test_files(chapters.find(slug)):
            for name, got in leaks.arrays_in(test).items():
                if name not in want:
                    continue
                seen.add(name)
                ref = want[name]
                if len(got) != len(ref) or any(abs(a - b) > 1e-15 for a, b in zip(got, ref)):
                    print(f"{os.path.relpath(test, ROOT)}: {name} differs from bc")
                    bad += 1
        for name in sorted(set(want) - seen):
            print(f"{slug}: golden section {name} is used by no test")
            bad += 1
    print(f"golden values: {'ok' if not bad else str(bad) + ' problem(s)'}")
    return 1 if bad else 0


if __name__ == "__main__":
    if sys.argv[1:] == ["--check"]:
        sys.exit(check())
    for name, values in sections(sys.argv[1]).items():
        print(as_c(name, values))
