#!/usr/bin/env python3
"""The student release runs every target its own `make help` lists.

It builds the release (`python3 -m kit dist --no-book`: what `make dist` does
but the book, which this suite builds inside the release with `make book`),
unpacks the .tar.gz in a fresh `mktemp -d` folder under a path with a space,
and, as a user who is not root (nobody, with a HOME of its own) when the suite
runs as root, runs each target `make help` lists there. Every listed target
must have an expectation below (a new target fails this suite until it has
one). Then the student's side is played: the reference file of chapters 1, 9
and 10 copied into exercises/ must make `make check`, `make bench
SRC=exercises` and README step 6 (`make experiment QUICK=1 SRC=exercises`) pass.

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

from checks import check, finish  # noqa: E402
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--only", default="", help="comma-separated targets (default: all)")
    a = ap.parse_args()
    only = [t for t in a.only.split(",") if t]
    tmp = tempfile.mkdtemp(prefix="kit-release-")
    try:
        print("== the release, built and unpacked in a path with a space")
        r = subprocess.run([sys.executable, "-m", "kit", "dist", "--no-book", "--out", os.path.join(tmp, "dist"),
                            "--name", "kit"], cwd=ROOT, capture_output=True, text=True)
        if not check(r.returncode == 0, "python3 -m kit dist builds the release", (r.stdout + r.stderr)[-1500:]):
            return 1
        space = os.path.join(tmp, "a space")
        os.makedirs(space)
        with tarfile.open(os.path.join(tmp, "dist", "kit.tar.gz")) as t:
            t.extractall(space, filter="tar") if hasattr(tarfile, "data_filter") else t.extractall(space)
        rel = os.path.join(space, "kit")
        check(not [p for p in ("mk", "kit/author", "kit/grading", "kit/release", "solutions", "grader", "tests")
                   if os.path.exists(os.path.join(rel, p))],
              "the release has no mk/, kit/author|grading|release, solutions/, grader/, tests/")
        home = os.path.join(tmp, "home")
        os.makedirs(home)
        run = Runner(rel, home)
        print(f"== every target of the release's make help, as {run.who}")
        r, _ = run.make(["help"])
        targets = listed_targets(r.stdout)
        check(r.returncode == 0 and targets, "make help lists targets", r.stdout[-500:] + r.stderr[-500:])
        unknown = [t for t in targets if t not in EXPECT]
        check(not unknown, "every listed target has an expectation in this suite", ", ".join(unknown))
        missing = [t for t in EXPECT if t not in targets]
        check(not missing, "every target this suite expects is listed", ", ".join(missing))
        for t in [t for t in ORDER if t in targets and (not only or t in only)]:
            args, code, pattern, leaves = EXPECT[t]
            r, secs = run.make(args)
            out = r.stdout + r.stderr
            ok = r.returncode == code and re.search(pattern, out) is not None and "Traceback" not in out \
                and "No such file" not in out and (leaves is None or os.path.exists(os.path.join(rel, leaves)))
            check(ok, f"make {' '.join(args)}: exit {r.returncode} (expected {code}), {secs:.0f} s",
                  out[-1200:])
        r, _ = run.make(["stubs"])
        check(r.returncode == 0 and "kit-developer" in r.stdout, "make test/stubs say they are kit-developer targets",
              r.stdout[-300:])

        print("== the student's side: a written chapter passes (reference files copied into exercises/)")
        for num in ("1", "9", "10"):
            ch = chapters.find(num)
            for f in ch.student_files():
                dst = os.path.join(rel, "exercises", ch.slug, f)
                shutil.copyfile(os.path.join(ch.solution_dir, f), dst)
                if run.prefix:
                    nobody = pwd.getpwnam("nobody")
                    os.chown(dst, nobody.pw_uid, nobody.pw_gid)
        for args, what in ((["check", "CHAPTER=1"], "make check CHAPTER=1 passes"),
                           (["bench", "SRC=exercises"], "make bench SRC=exercises runs"),
                           (["experiment", "QUICK=1", "SRC=exercises"],
                            "README step 6: make experiment QUICK=1 SRC=exercises")):
            if only and args[0] not in only:
                continue
            r, secs = run.make(args)
            check(r.returncode == 0, f"{what} ({secs:.0f} s)", (r.stdout + r.stderr)[-1200:])
    finally:
        if a.keep:
            print(f"kept: {tmp}")
        else:
            subprocess.run(["rm", "-rf", tmp])
    return finish()


if __name__ == "__main__":
    sys.exit(main())
