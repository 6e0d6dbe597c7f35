#!/usr/bin/env python3
"""The student release runs every target its own `make help` lists.

It builds the release once a run (`python3 -m kit dist --no-book`: what `make dist`
does but the book, which this suite builds inside the release with `make book`),
unpacks the .tar.gz, and for each target `make help` lists there copies it into a
fresh `mktemp -d` folder under a path with a space and, as a user who is not root
(nobody, with a HOME of its own) when the suite runs as root, runs the target in
that copy (one pytest test a target: they run side by side). Every listed target
must have an expectation below (a new target fails this suite until it has
one). Then the student's side is played: the reference file of chapters 1, 9
and 10 copied into exercises/ must make `make check`, `make bench
SRC=exercises` and README step 6 (`make experiment QUICK=1 SRC=exercises`) pass.

    pytest tests/suite_release.py [-k book]       (make test runs it)
    python3 tests/suite_release.py [--keep] [--only check,bench,...]
"""
import argparse
import os
import pwd
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from checks import check, finish, once_per_run  # noqa: E402
from kit.core import chapters  # noqa: E402



# target (as `make help` lists it): (make arguments, expected exit code, a regex its output
# must match, a file it must leave). The release holds stubs: what needs written code fails,
# clearly, and says what to do.
EXPECT = {
    "help":       (["help"], 0, r"make check", None),
    "deps":       (["deps"], 0, r"", None),
    "check":      (["check", "CHAPTER=1"], 2, r"0 passed, \d+ failed", "build/results"),
    "chapters":   (["chapters"], 0, r"Chapters \(make check CHAPTER=N\)", None),
    "try":        (["try", "CHAPTER=3"], 0, r"pe_table\(n = 3, d = 7\) -> KIT_TODO", "try/03-sinusoidal.c"),
    "plots":      (["plots", "CHAPTER=3"], 0, r"build/plots/", "build/plots/exercises"),
    "bench":      (["bench"], 2, r"KIT_TODO: not written yet", "build/bench"),
    "experiment": (["experiment", "QUICK=1"], 2, r"make check CHAPTER=10 first", "build/experiment"),
    "book":       (["book"], 0, r"", "build/book/index.html"),
    "clean":      (["clean"], 0, r"", None),
}
# run last: it removes build/
ORDER = ["help", "deps", "chapters", "check", "try", "bench", "experiment", "plots", "book", "clean"]


class Runner:
    """Runs make in the release, as nobody when this suite is root."""

    def __init__(self, rel, home):
        self.rel, self.home = rel, home
        self.prefix = []
        if os.geteuid() == 0 and shutil.which("setpriv"):
            nobody = pwd.getpwnam("nobody")
            self.prefix = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups",
                           "--"]
            top = os.path.dirname(os.path.dirname(rel))     # the mktemp -d folder: the student's own
            for dirpath, dirnames, filenames in os.walk(top):
                for n in dirnames + filenames:
                    os.lchown(os.path.join(dirpath, n), nobody.pw_uid, nobody.pw_gid)
            os.chown(top, nobody.pw_uid, nobody.pw_gid)
        self.who = "nobody" if self.prefix else pwd.getpwuid(os.geteuid()).pw_name

    def make(self, args, timeout=1200):
        env = {k: v for k, v in os.environ.items() if not k.startswith(("MAKE", "KIT_", "GRADE"))}
        env.update(HOME=self.home, V="0")
        start = time.monotonic()
        r = subprocess.run(self.prefix + ["make", "--no-print-directory"] + args, cwd=self.rel, env=env,
                           capture_output=True, text=True, timeout=timeout)
        return r, time.monotonic() - start


def listed_targets(out):
    return re.findall(r"^  make (\S+)", out, re.M)


# ---------------------------------------------------------------- the release, built once

BUILT = os.path.join(ROOT, "build", "test-results", "release")


def build_release(folder):
    """python3 -m kit dist --no-book into folder/dist, unpacked into folder/unpacked/kit."""
    r = subprocess.run([sys.executable, "-m", "kit", "dist", "--no-book", "--out", os.path.join(folder, "dist"),
                        "--name", "kit"], cwd=ROOT, capture_output=True, text=True)
    with open(os.path.join(folder, "dist.log"), "w") as f:
        f.write(r.stdout + r.stderr)
    if r.returncode != 0:
        return
    with tarfile.open(os.path.join(folder, "dist", "kit.tar.gz")) as t:
        up = os.path.join(folder, "unpacked")
        t.extractall(up, filter="tar") if hasattr(tarfile, "data_filter") else t.extractall(up)


def release_built():
    """(the unpacked release, dist's output): built once a run (checks.once_per_run), shared
    by every test of this suite; each test works in a copy of its own (a_copy)."""
    folder = once_per_run(BUILT, build_release)
    log = open(os.path.join(folder, "dist.log")).read()
    rel = os.path.join(folder, "unpacked", "kit")
    return (rel if os.path.isdir(rel) else None), log


class Copy:
    """A copy of the release in a fresh `mktemp -d` folder under a path with a space,
    owned by nobody when this runs as root; removed by close() unless keep."""

    def __init__(self, keep=False):
        src, self.log = release_built()
        self.keep = keep
        self.tmp = tempfile.mkdtemp(prefix="kit-release-")
        self.rel = None
        if src is None:
            return
        space = os.path.join(self.tmp, "a space")
        os.makedirs(space)
        self.rel = os.path.join(space, "kit")
        shutil.copytree(src, self.rel, symlinks=True)
        home = os.path.join(self.tmp, "home")
        os.makedirs(home)
        self.run = Runner(self.rel, home)

    def close(self):
        if self.keep:
            print(f"kept: {self.tmp}")
        else:
            subprocess.run(["rm", "-rf", self.tmp])


def release_copy(keep=False):
    c = Copy(keep)
    check(c.rel is not None, "python3 -m kit dist builds the release", c.log[-1500:])
    return c


def test_release_contents():
    """What the release holds, and that its make help lists exactly the targets EXPECT knows."""
    c = release_copy()
    try:
        if c.rel is None:
            return
        rel, run = c.rel, c.run
        check(not [p for p in ("mk", "kit/author", "kit/grading", "kit/release", "solutions", "grader", "tests")
                   if os.path.exists(os.path.join(rel, p))],
              "the release has no mk/, kit/author|grading|release, solutions/, grader/, tests/")
        print(f"== the release's make help, as {run.who}")
        r, _ = run.make(["help"])
        targets = listed_targets(r.stdout)
        check(r.returncode == 0 and targets, "make help lists targets", r.stdout[-500:] + r.stderr[-500:])
        unknown = [t for t in targets if t not in EXPECT]
        check(not unknown, "every listed target has an expectation in this suite", ", ".join(unknown))
        missing = [t for t in EXPECT if t not in targets]
        check(not missing, "every target this suite expects is listed", ", ".join(missing))
        r, _ = run.make(["stubs"])
        check(r.returncode == 0 and "kit-developer" in r.stdout, "make test/stubs say they are kit-developer targets",
              r.stdout[-300:])
    finally:
        c.close()


def run_target(t, keep=False):
    """make T in a copy of its own, as the release's make help lists it (EXPECT)."""
    c = release_copy(keep)
    try:
        if c.rel is None:
            return
        r, _ = c.run.make(["help"])
        if t not in listed_targets(r.stdout):
            print(f"  (make {t}: not listed by the release's make help; test_release_contents says so)")
            return
        args, code, pattern, leaves = EXPECT[t]
        r, secs = c.run.make(args)
        out = r.stdout + r.stderr
        ok = r.returncode == code and re.search(pattern, out) is not None and "Traceback" not in out \
            and "No such file" not in out and (leaves is None or os.path.exists(os.path.join(c.rel, leaves)))
        check(ok, f"make {' '.join(args)}: exit {r.returncode} (expected {code}), {secs:.0f} s", out[-1200:])
    finally:
        c.close()


# the student's side: a written chapter passes (reference files copied into exercises/)
STUDENT = {"check": (["check", "CHAPTER=1"], "make check CHAPTER=1 passes"),
           "bench": (["bench", "SRC=exercises"], "make bench SRC=exercises runs"),
           "experiment": (["experiment", "QUICK=1", "SRC=exercises"],
                          "README step 6: make experiment QUICK=1 SRC=exercises")}


def run_student_side(what, keep=False):
    args, text = STUDENT[what]
    c = release_copy(keep)
    try:
        if c.rel is None:
            return
        for num in ("1", "9", "10"):
            ch = chapters.find(num)
            for f in ch.student_files():
                dst = os.path.join(c.rel, "exercises", ch.slug, f)
                shutil.copyfile(os.path.join(ch.solution_dir, f), dst)
                if c.run.prefix:
                    nobody = pwd.getpwnam("nobody")
                    os.chown(dst, nobody.pw_uid, nobody.pw_gid)
        r, secs = c.run.make(args)
        check(r.returncode == 0, f"{text} ({secs:.0f} s)", (r.stdout + r.stderr)[-1200:])
    finally:
        c.close()


# pytest: one test a target (each in a copy of its own, so they run side by side)
def pytest_generate_tests(metafunc):
    if "target" in metafunc.fixturenames:
        metafunc.parametrize("target", ORDER)
    if "side" in metafunc.fixturenames:
        metafunc.parametrize("side", list(STUDENT))


def test_target(target):
    run_target(target)


def test_student_side(side):
    run_student_side(side)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--only", default="", help="comma-separated targets (default: all)")
    a = ap.parse_args()
    only = [t for t in a.only.split(",") if t]
    test_release_contents()
    for t in ORDER:
        if not only or t in only:
            run_target(t, a.keep)
    for what, (args, _) in STUDENT.items():
        if not only or args[0] in only:
            run_student_side(what, a.keep)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
