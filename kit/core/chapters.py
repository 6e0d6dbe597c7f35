"""Where a chapter's five parts live. One slug ("03-sinusoidal") names them all."""
import os
import re
from dataclasses import dataclass

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SLUG = re.compile(r"^(\d\d)-[a-z0-9-]+$")


@dataclass
class Chapter:
    slug: str
    number: int

    @property
    def header(self):           # the contract, shared by stub, solution and tests
        return os.path.join(ROOT, "include", self.slug + ".h")

    @property
    def prose(self):
        return os.path.join(ROOT, "chapters", self.slug + ".md")

    @property
    def solution_dir(self):
        return os.path.join(ROOT, "solutions", self.slug)

    @property
    def exercise_dir(self):
        return os.path.join(ROOT, "exercises", self.slug)

    @property
    def public_tests(self):
        return os.path.join(self.exercise_dir, "test_public.c")

    @property
    def hidden_tests(self):     # absent from a student release
        return os.path.join(ROOT, "grader", self.slug, "test_hidden.c")

    def sources_in(self, src_dir):
        """The student's .c files of this chapter in src_dir/<slug> (tests excluded)."""
        d = os.path.join(src_dir, self.slug)
        if not os.path.isdir(d):
            return []
        return sorted(os.path.join(d, f) for f in os.listdir(d)
                      if f.endswith(".c") and not f.startswith("test_"))

    def student_files(self):
        """The file names a student edits: those of the reference (or, in a
        release, of the stubs)."""
        base = self.solution_dir if os.path.isdir(self.solution_dir) else self.exercise_dir
        return [os.path.basename(p) for p in self.sources_in(os.path.dirname(base))]


def all_chapters():
    names = set()
    for tree in ("exercises", "solutions"):
        d = os.path.join(ROOT, tree)
        for name in os.listdir(d) if os.path.isdir(d) else []:
            if SLUG.match(name) and os.path.isdir(os.path.join(d, name)):
                names.add(name)
    return [Chapter(name, int(name[:2])) for name in sorted(names)]


def find(spec):
    """A chapter from '3', '03' or '03-sinusoidal'; None when there is none."""
    spec = str(spec).strip()
    for ch in all_chapters():
        if spec == ch.slug or (spec.isdigit() and int(spec) == ch.number):
            return ch
    return None
