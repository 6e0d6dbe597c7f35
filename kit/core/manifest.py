"""Who gets which part of the kit: one list of paths (files or folders) per audience.

Read by `make dist` (kit/release/dist.py copies STUDENT), `make gradescope`
(kit/release/gradescope/build.py zips GRADING) and the grading cache key
(kit/grading/grade.py hashes GRADING_CODE: change any of it and every
submission is graded again). tests/suite_house.py checks that every tracked
file belongs to the author's list, that each path here exists, and that no
Python file of an audience imports a module the audience does not get.

    student     the release a student clones: prose, contracts, stubs, public
                tests, the C harness, the public programs, kit/core + kit/student
    grading     what grades (the Gradescope container): the public kit's code,
                the hidden tests and the solutions, kit/grading
    instructor  the kit repository as an instructor uses it (make dist, grade)
    author      everything (make test, make stubs)
"""
import os

from kit.core.chapters import ROOT

PACKAGE = ("kit/__init__.py", "kit/__main__.py", "kit/core")

STUDENT = ("Makefile", "README.md", ".gitignore",
           "chapters", "include", "exercises", "plots", "book",
           "tools/harness", "tools/bench", "tools/experiment", "tools/deps.sh",
           *PACKAGE, "kit/student")

GRADING_CODE = ("tools/harness", *PACKAGE, "kit/grading")

GRADING = (*GRADING_CODE, "Makefile", "tools/deps.sh", "include", "exercises", "grader", "solutions")

INSTRUCTOR = tuple(dict.fromkeys(STUDENT + GRADING + ("mk/instructor.mk", "kit/release", "tools/classroom")))

AUTHOR = INSTRUCTOR + ("mk/author.mk", "kit/author", "tests", "CONTRIBUTING.md", "PROTOCOL.md", ".ci")

AUDIENCES = {"student": STUDENT, "grading": GRADING, "instructor": INSTRUCTOR, "author": AUTHOR}

# Never shipped from inside a listed folder (build products, editor droppings).
SKIP_DIRS = {"__pycache__", ".git", "build"}


def skip(name):
    return name in SKIP_DIRS or name.endswith((".pyc", "~"))


def files(paths, root=ROOT):
    """The files (paths relative to root, sorted) under the listed paths; a listed path
    that does not exist is skipped (PROTOCOL.md before it is written, say)."""
    out = []
    for p in paths:
        full = os.path.join(root, p)
        if os.path.isfile(full):
            out.append(p)
            continue
        for dirpath, dirnames, filenames in os.walk(full):
            dirnames[:] = sorted(d for d in dirnames if not skip(d))
            out += [os.path.relpath(os.path.join(dirpath, f), root) for f in filenames if not skip(f)]
    return sorted(set(out))


def of(audience, root=ROOT):
    return files(AUDIENCES[audience], root)
