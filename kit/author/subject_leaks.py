"""No answer in the subject: the subject build of a chapter's tests (the
process that holds the student's code) must not contain the expected values
of its tests. Every golden array of the chapter's test files is looked up, as
the 8 bytes of each of its doubles, in the subject's test objects (the scan:
kit/core/leaks.py, values_in_objects; only values with more than 6 significant
digits count, short decimals such as 0.5 may be inputs).
"""
import glob
import os

from kit.core.chapters import ROOT
from kit.core.leaks import values_in_objects as leaks  # noqa: F401  (selftest: subject_leaks.leaks)


def subject_objects(ch):
    d = os.path.join(ROOT, "build", "judge", ch.slug)
    return sorted(glob.glob(os.path.join(d, "*.subject.o")))
