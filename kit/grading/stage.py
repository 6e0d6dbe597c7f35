"""The staged copy of the public kit that the grading sandbox sees.

Whatever the kit's folder is (a home folder, mode 0700; a path with a space;
a clone inside `mktemp -d`) and wherever GRADES is, the sandbox reads and
writes only here: a fresh folder under /var/tmp (traversable by the throw-away
uids), holding copies of the public headers, the subject side of each
chapter's test objects (compiled without expected values, kit_test.h), the
sandbox's runner, and each unit's work folder. Nothing secret is staged: the
judge, the hidden tests' sources and the solutions stay in the kit.

    stage = Stage(judges)           # {slug: build.judge(...) dict}
    stage.include_dirs              # -I folders for the student's compile
    stage.judge[slug]               # the judge dict with staged subject objects
    stage.work                      # per-unit work folders go here
    stage.close()
"""
import os
import shutil
import tempfile

from kit.core.build import HARNESS
from kit.core.chapters import ROOT
from kit.grading.sandbox import tidy


def _base():
    """Where to stage: a folder any uid can traverse (sticky, world-writable), and not
    /tmp, which the sandbox replaces with its own tmpfs: /var/tmp, else /tmp."""
    for d in ("/var/tmp", "/tmp"):
        try:
            st = os.stat(d)
        except OSError:
            continue
        if st.st_mode & 0o1777 == 0o1777 and os.access(d, os.W_OK):
            return d
    return tempfile.gettempdir()


RUNNER_SOURCES = (os.path.join(ROOT, "kit", "grading", "runner", "runner.py"),
                  os.path.join(ROOT, "kit", "grading", "runner", "tidy.py"),
                  os.path.join(ROOT, "kit", "core", "forkserver.py"))


def stage_runner(dst):
    """The grading runner's folder as the sandbox runs it (no kit package there): the
    runner, its file tools and the fork server's client (kit/core/forkserver.py, shared
    with make check), side by side in dst."""
    os.makedirs(dst, exist_ok=True)
    for src in RUNNER_SOURCES:
        shutil.copyfile(src, os.path.join(dst, os.path.basename(src)))


class Stage:
    def __init__(self, judges):
        self.dir = tempfile.mkdtemp(prefix="kit-grade-", dir=_base())
        os.chmod(self.dir, 0o755)
        kit = os.path.join(self.dir, "kit")
        self.include = os.path.join(kit, "include")
        self.harness = os.path.join(kit, "harness")
        self.runner = os.path.join(kit, "runner")
        for src, dst, ext in ((os.path.join(ROOT, "include"), self.include, ".h"),
                              (HARNESS, self.harness, ".h")):
            os.makedirs(dst)
            for f in sorted(os.listdir(src)):
                if f.endswith(ext):
                    shutil.copyfile(os.path.join(src, f), os.path.join(dst, f))
        stage_runner(self.runner)
        self.judge = {}
        for slug, jb in judges.items():
            d = os.path.join(kit, "objects", slug)
            os.makedirs(d)
            objs = []
            for k, o in enumerate(jb["objects"]):
                dst = os.path.join(d, f"{k:02d}-{os.path.basename(o)}")
                shutil.copyfile(o, dst)
                objs.append(dst)
            extra = {}
            if "quick_end" in jb:       # linked or not per student (build.quiet_at_exit)
                extra["quick_end"] = os.path.join(d, os.path.basename(jb["quick_end"]))
                shutil.copyfile(jb["quick_end"], extra["quick_end"])
            self.judge[slug] = dict(jb, objects=objs, objects_dir=d, **extra)
        self.work = os.path.join(self.dir, "work")
        os.makedirs(self.work)
        for dirpath, dirnames, filenames in os.walk(self.dir):
            os.chmod(dirpath, 0o755)
            for f in filenames:
                os.chmod(os.path.join(dirpath, f), 0o644)
        self.include_dirs = [self.include, self.harness]

    def close(self):
        tidy.remove_tree(self.dir)      # no recursion: a 3000-level folder left by a test included
