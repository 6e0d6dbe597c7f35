"""make dist — the student release: build/dist/<name>/ and build/dist/<name>.tar.gz.

What goes in (kit/core/manifest.py, STUDENT): the Makefile (mk/ stays out), README, prose
(chapters/), headers, stubs and public tests (exercises/), the harness and the
student-side tools, plots and book scripts, the reference's data of the
yours-vs-reference figures (plots/reference/: numbers the reference solutions
compute, never their code), and the book built from the release itself
(student edition) when `make book` exists and works.
What never goes in: solutions/, grader/, tests/ (mutants, hostile fixtures,
golden values of hidden tests), the grading tools. `check_release()` then
proves it: no BEGIN/END SOLUTION marker, no hidden-test file, no run of lines
of a hidden test or of a solution block anywhere (HTML is read as text too; the
scan: kit/core/leaks.py), and nothing but numbers in plots/reference/.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tarfile

from kit.core import leaks, manifest, markers
from kit.core.chapters import ROOT

NAME = "positional-encoding-kit"
# The GitHub Classroom workflow is for the students' repositories, not the kit's
# own: it is kept in tools/classroom/ and lands in the release's .github/workflows/.
CLASSROOM = ("tools/classroom/classroom.yml", ".github/workflows/classroom.yml")
FORBIDDEN_DIRS = {"solutions", "grader", "mutants", "hostile", "gradescope", ".git"}
MARKERS = tuple(m[3:-3] for m in (markers.SOLUTION_BEGIN, markers.SOLUTION_END))   # the words, without /* */

def _shipped(rel):
    """A file of the student's folders that still never ships (belt and braces: check_release)."""
    parts = rel.split(os.sep)
    return not (set(parts[:-1]) & FORBIDDEN_DIRS or parts[-1].startswith("test_hidden"))


def assemble(dest):
    """The student's part of the kit (kit/core/manifest.py: STUDENT), copied into dest."""
    if os.path.exists(dest):
        shutil.rmtree(dest)
    os.makedirs(dest)
    for rel in filter(_shipped, manifest.of("student")):
        os.makedirs(os.path.dirname(os.path.join(dest, rel)), exist_ok=True)
        shutil.copy2(os.path.join(ROOT, rel), os.path.join(dest, rel))
    if os.path.exists(os.path.join(ROOT, CLASSROOM[0])):
        os.makedirs(os.path.dirname(os.path.join(dest, CLASSROOM[1])), exist_ok=True)
        shutil.copy2(os.path.join(ROOT, CLASSROOM[0]), os.path.join(dest, CLASSROOM[1]))
    readme = os.path.join(dest, "README.md")
    if os.path.exists(readme):   # the release's second command is the student's, not the developers'
        with open(readme) as f:
            text = f.read()
        with open(readme, "w") as f:
            text = text.replace("    make test                # the kit's own test suite",
                                "    make chapters            # every chapter and your progress")
            text = text.replace("; `make test`\nalso bc, gnuplot, pandoc, chromium, bubblewrap)",
                                "; `make plots`\nand `make book` also gnuplot and pandoc)")
            for title in ("For instructors", "Adding a chapter"):   # not for students
                text = re.sub(r"^## " + title + r"\n.*?(?=^## |\Z)", "", text, flags=re.S | re.M)
            f.write(text)
    split_markers(dest)


# A line of the reference's figure data: numbers (nan: no point), or `name = number` (vars.gp).
DATA_LINE = re.compile(r"[-+0-9.eEnaif ]+|[A-Za-z_]\w* = [-+0-9.eEnaif]+")


def reference_data(dest):
    """plots/reference/ in the release: what the reference computes for each
    yours-vs-reference figure (make plots CHAPTER=N SRC=exercises draws the
    student's next to it). Values only: the data programs run on solutions/
    here, and only their output files go in. None, or why it failed."""
    plots = os.path.join(ROOT, "plots", "plots.py")
    if not os.path.exists(plots):
        return None
    out = os.path.join(dest, "plots", "reference")
    r = subprocess.run([sys.executable, plots, "--reference-data", out], cwd=ROOT,
                       capture_output=True, text=True)
    if r.returncode != 0:
        return (r.stdout + r.stderr).strip() or f"plots.py exit {r.returncode}"
    return None


def not_data(path):
    """True when a file of plots/reference/ is anything but figure data
    (check_release: the release ships the reference's numbers, never its code)."""
    f = os.path.basename(path)
    if f == "README.md" and os.path.dirname(path).endswith(os.path.join("plots", "reference")):
        return False
    text = leaks.text_of(path)
    return not (f.endswith(".dat") or f == "vars.gp") or text is None or \
        not all(DATA_LINE.fullmatch(line) for line in text.splitlines())


def copy_reference_figures(dest):
    """The figures drawn from the reference (build/plots/*.png|svg) go into the
    release, so its book shows them: the release cannot draw them (it has no
    solutions/), and its own `make plots` writes to build/plots/exercises/."""
    plots = os.path.join(ROOT, "plots", "plots.py")
    if not os.path.exists(plots):
        return
    subprocess.run([sys.executable, plots], cwd=ROOT, capture_output=True, text=True)
    src = os.path.join(ROOT, "build", "plots")
    out = os.path.join(dest, "build", "plots")
    os.makedirs(out, exist_ok=True)
    for name in sorted(os.listdir(src)) if os.path.isdir(src) else []:
        if name.endswith((".png", ".svg")) and os.path.isfile(os.path.join(src, name)):
            shutil.copy2(os.path.join(src, name), os.path.join(out, name))


def build_book(dest, log):
    """The student edition of the book, built by the release itself."""
    if not os.path.exists(os.path.join(dest, "book", "build.py")):
        return "no book/build.py in the kit yet: the release has no built book"
    copy_reference_figures(dest)
    try:
        r = subprocess.run(["make", "--no-print-directory", "book", "BOOK_SOLUTIONS=0"], cwd=dest,
                           capture_output=True, text=True, timeout=900)
    except subprocess.TimeoutExpired:
        return "make book took more than 15 minutes: the release has no built book"
    with open(log, "w") as f:
        f.write(r.stdout + r.stderr)
    if r.returncode != 0 or not os.path.isdir(os.path.join(dest, "build", "book")):
        return f"make book failed in the release (log: {os.path.relpath(log, ROOT)}): no built book"
    return None


def tidy_build(dest):
    """Keep build/book (and its figures) only; nothing else of build/."""
    b = os.path.join(dest, "build")
    if not os.path.isdir(b):
        return
    for n in os.listdir(b):
        if n not in ("book", "plots"):
            shutil.rmtree(os.path.join(b, n), ignore_errors=True)


def check_release(dest):
    """Problems (strings); [] when the release holds no hidden or solution material."""
    problems = []
    secret = leaks.secret_runs()
    for dirpath, dirnames, filenames in os.walk(dest):
        rel = os.path.relpath(dirpath, dest)
        for d in dirnames:
            if d in FORBIDDEN_DIRS:
                problems.append(f"forbidden folder {os.path.normpath(os.path.join(rel, d))}")
        for f in filenames:
            p = os.path.join(dirpath, f)
            rp = os.path.normpath(os.path.join(rel, f))
            if f.startswith("test_hidden") or "/mutants/" in "/" + rp:
                problems.append(f"hidden-test file {rp}")
            if rp.startswith(os.path.join("plots", "reference") + os.sep) and not_data(p):
                problems.append(f"{rp}: not figure data (plots/reference/ holds numbers only)")
            text = leaks.text_of(p)
            if text is None:
                continue
            for m in MARKERS:
                if f"/* {m} */" in text or (m in text and not f.endswith(".py")):
                    problems.append(f"{rp}: contains the marker {m!r}")
            found = leaks.runs_in(text, secret)
            if found:
                problems.append(f"{rp}: contains lines of {found[0]}: {found[1][0][:50]!r} …")
    return problems


def split_markers(dest):
    """Tools that must name the markers spell them in two string pieces, so the
    release holds no marker at all (checked)."""
    for dirpath, _, filenames in os.walk(dest):
        for f in filenames:
            if not f.endswith(".py"):
                continue
            p = os.path.join(dirpath, f)
            with open(p) as fh:
                text = fh.read()
            new = text
            for m in MARKERS:
                new = new.replace(f'"/* {m} */"', f'"/* {m.split()[0]} " "{m.split()[1]} */"')
            if new != text:
                with open(p, "w") as fh:
                    fh.write(new)
                compile(new, p, "exec")     # still valid Python


def main(argv=None):
    ap = argparse.ArgumentParser(prog="dist")
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "dist"))
    ap.add_argument("--name", default=NAME)
    ap.add_argument("--no-book", action="store_true")
    a = ap.parse_args(argv)
    dest = os.path.join(a.out, a.name)
    os.makedirs(a.out, exist_ok=True)
    assemble(dest)
    failed = reference_data(dest)
    if failed:
        print("dist: the reference's figure data could not be made — not written:")
        print("  " + failed.replace("\n", "\n  "))
        shutil.rmtree(dest)
        return 1
    note = "book skipped (--no-book)" if a.no_book else build_book(dest, os.path.join(a.out, "book.log"))
    tidy_build(dest)
    problems = check_release(dest)
    if problems and note is None and os.path.isdir(os.path.join(dest, "build", "book")):
        # the built book is the only part made at release time: drop it rather than leak
        book_problems = [p for p in problems if p.startswith("build/")]
        if book_problems and len(book_problems) == len(problems):
            shutil.rmtree(os.path.join(dest, "build", "book"))
            note = f"the built book was dropped: {book_problems[0]}"
            problems = check_release(dest)
    if problems:
        print("dist: the release would leak instructor material — not written:")
        for p in problems[:30]:
            print("  " + p)
        shutil.rmtree(dest)
        return 1
    tgz = dest + ".tar.gz"
    with tarfile.open(tgz, "w:gz") as t:
        t.add(dest, arcname=a.name)
    n = sum(len(fs) for _, _, fs in os.walk(dest))
    print(f"Student release: {os.path.relpath(dest, ROOT)}/ ({n} files) and {os.path.relpath(tgz, ROOT)}")
    print("  checked: no solutions/, grader/, tests/, no BEGIN/END SOLUTION marker, no line of a "
          "hidden test or of a solution")
    print("  plots/reference/: the reference's data for the yours-vs-reference figures (numbers only)")
    if note:
        print("  note: " + note)
    else:
        print("  book: build/book/ (student edition, built from the release)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
