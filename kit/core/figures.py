"""The figures' headers: the one reader of the `# key: value` lines at the top of a
figure script plots/NN-name.gp (data, size, mode, functions) and of a data program
plots/data/chNN.c (needs). Read by make plots (plots/plots.py) and by the pointers to
the yours-vs-reference figures (kit/grading/exports.py: feedback; kit/student/report.py:
make check).

    header(path)                  {key: value} of the file's leading comment lines
    compare_figures(chapter=None) {function: [figure names]} of the `mode: compare` figures
"""
import glob
import os
import re

from kit.core.chapters import ROOT

PLOTS = os.path.join(ROOT, "plots")
# `# key: value` (a .gp script) or `/* key: value */`, ` * key: value` (a C file)
LINE = re.compile(r"^\s*(?:#|/?\*)\s*([a-z]+):\s*(.+?)\s*(?:\*/)?$")


def header(path):
    """The `key: value` lines of the comment at the top of a .gp or .c file (the first
    of a key wins); reading stops at the first line that is not a comment."""
    keys = {}
    with open(path, errors="replace") as f:
        for line in f:
            m = LINE.match(line)
            if m:
                keys.setdefault(m.group(1), m.group(2))
            elif line.strip() and not line.lstrip().startswith(("#", "/*", "*")):
                break
    return keys


def functions(head):
    """The chapter functions a header's `functions:` names."""
    return [f for f in re.split(r"[,\s]+", head.get("functions", "")) if f]


def compare_figures(chapter=None):
    """{function: [figure names]}: the yours-vs-reference figures (`mode: compare`) of
    chapter (a number; None: every chapter), in name order."""
    figs = {}
    pattern = f"{chapter:02d}-*.gp" if chapter is not None else "[0-9][0-9]-*.gp"
    for gp in sorted(glob.glob(os.path.join(PLOTS, pattern))):
        head = header(gp)
        if head.get("mode") == "compare":
            for fn in functions(head):
                figs.setdefault(fn, []).append(os.path.basename(gp)[:-3])
    return figs
