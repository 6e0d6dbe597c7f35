"""No answer in the subject: the subject build of a chapter's tests (the
process that holds the student's code) must not contain the expected values
of its tests. Every golden array of the chapter's test files is looked up, as
the 8 bytes of each of its doubles, in the subject's test objects.

Values a test may legitimately pass as inputs (short decimals such as 0.5 or
1e-3) are skipped: only values with more than 6 significant digits count.
"""
import glob
import os
import re
import struct

from kit.core.chapters import ROOT

ARRAY = re.compile(r"static const double (\w+)\[\w*\]\s*=\s*\{(.*?)\};", re.S)


def _golden_arrays(ch):
    """{name: [values]} of every `static const double NAME[] = {...}` in the tests."""
    found = {}
    files = [ch.public_tests, ch.hidden_tests] + glob.glob(os.path.join(ch.exercise_dir, "*.h")) + \
        glob.glob(os.path.join(os.path.dirname(ch.hidden_tests), "*.h"))
    for p in files:
        if not os.path.exists(p):
            continue
        for m in ARRAY.finditer(open(p).read()):
            body = re.sub(r"/\*.*?\*/", "", m.group(2), flags=re.S)
            try:
                found[m.group(1)] = [float(x) for x in body.replace("\n", " ").split(",") if x.strip()]
            except ValueError:
                pass   # an array of expressions: not a table of constants
    return found


def _telling(v):
    """A value that no test would type as an input: more than 6 significant digits."""
    return v == v and abs(v) not in (float("inf"),) and float(f"{v:.6g}") != v


def leaks(ch, objects):
    """[(array, value)] of expected values found in the subject's test objects."""
    blob = b""
    for o in objects:
        with open(o, "rb") as f:
            blob += f.read()
    out = []
    for name, values in sorted(_golden_arrays(ch).items()):
        for v in values:
            if _telling(v) and struct.pack("<d", v) in blob:
                out.append((name, v))
    return out


def subject_objects(ch):
    d = os.path.join(ROOT, "build", "judge", ch.slug)
    return sorted(glob.glob(os.path.join(d, "*.subject.o")))
