"""python3 -m kit <verb> [options] — the one command behind the Makefile.

Each verb is a module of the package; `python3 -m kit <verb> --help` shows its
options. The student release holds kit/core and kit/student only, so the
instructor's and author's verbs say so there instead of failing on an import.
"""
import argparse
import importlib
import importlib.util
import os
import runpy
import sys

if __package__ in (None, ""):          # python3 path/to/kit: make the package importable
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# One line a verb: the verb, its module, the audience, what it does. A module with
# main(argv) gets [verb] + args when it serves several verbs (kit.student.check);
# the others run as scripts.
TABLE = """
check         kit.student.check               student     build and test one chapter
chapters      kit.student.check               student     list the chapters and the progress
flags         kit.core.build                  student     the C warning flags every build uses (the Makefile's programs)
try           kit.student.trying              student     build and run try/NN-slug.c, your own main
stubs         kit.author.stubgen              author      derive exercises/ stubs from solutions/
selftest      kit.author.selftest             author      the kit's own test suite (make test)
golden        kit.author.golden               author      golden values from bc: SLUG | --check
ignored-args  kit.author.ignored_args         author      no function ignores an argument unnoticed
dist          kit.release.dist                instructor  the student release (make dist)
gradescope    kit.release.gradescope.build    instructor  the Gradescope autograder zip
grade         kit.grading.grade               instructor  grade a folder of submissions
bench-grade   kit.author.gradebench           author      time grading on unique submissions
"""
VERBS = {verb: (module, audience, what) for verb, module, audience, what in
         (line.split(None, 3) for line in TABLE.strip().splitlines())}
MULTI = {"kit.student.check"}


def available(module):
    """The module is in this copy of the kit (the release has kit/core and kit/student only)."""
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    p = argparse.ArgumentParser(
        prog="python3 -m kit",
        description="The kit's command (the Makefile calls it). Verbs:\n" + "\n".join(
            f"  {v:<13} {what} ({aud})" for v, (_, aud, what) in VERBS.items()),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("verb", choices=sorted(VERBS), metavar="verb")
    p.add_argument("args", nargs=argparse.REMAINDER, help="the verb's options (--help: its own)")
    a = p.parse_args(argv)
    module, audience, _ = VERBS[a.verb]
    if not available(module):
        print(f"`{a.verb}` is an {audience} command; this copy of the kit does not have it "
              f"({module.replace('.', '/')}.py is not here).")
        return 2
    try:
        if module in MULTI:
            return importlib.import_module(module).main([a.verb] + a.args)
        sys.argv = [f"python3 -m kit {a.verb}"] + a.args
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as e:
        return e.code if isinstance(e.code, int) or e.code is None else (print(e.code, file=sys.stderr) or 1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
