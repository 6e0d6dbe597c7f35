"""The chapters' checks (kit/author/selftest.py holds them), as pytest tests:

    test_single_source                      stubs derived, golden values, listing markers
    test_reference_and_stub[SLUG]           the reference passes every test with the
                                            sanitizers, its subject holds no expected value,
                                            the stub builds and fails every test
    test_mutant[SLUG/NAME]                  each block of tests/mutants/<slug>.txt
    test_no_ignorable_argument[SLUG]        kit/author/ignored_args.py
    test_experiment_quick                   make experiment QUICK=1 SRC=solutions

    python3 -m kit selftest --chapter 3 --skip-suites      (or pytest -k 03-sinusoidal)
"""
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
sys.path.insert(0, HERE)

from checks import check  # noqa: E402
from kit.author import mutants, selftest  # noqa: E402
from kit.core import chapters  # noqa: E402

CHAPTERS = chapters.all_chapters()
SLUGS = [c.slug for c in CHAPTERS]


def _mutants():
    out = []
    for spec in mutants.all_specs():
        try:
            out += [pytest.param(m, id=f"{m.slug}/{m.name}") for m in mutants.parse(spec)]
        except ValueError as e:     # a block that cannot be read fails as a test of its own
            out.append(pytest.param(e, id=os.path.basename(spec)))
    return out


def report(lines):
    for ok, what, detail in lines:
        check(ok, what, detail)


def test_single_source():
    report(selftest.single_source())


@pytest.mark.parametrize("slug", SLUGS)
def test_reference_and_stub(slug, kit_jobs):
    report(selftest.reference_and_stub(chapters.find(slug), kit_jobs))


@pytest.mark.parametrize("m", _mutants())
def test_mutant(m, kit_jobs):
    if isinstance(m, ValueError):
        check(False, "tests/mutants/ parses", str(m))
        return
    report(selftest.mutant(m, kit_jobs))


@pytest.mark.parametrize("slug", SLUGS)
def test_no_ignorable_argument(slug, kit_jobs):
    report(selftest.ignorable_arguments(chapters.find(slug), kit_jobs))


@pytest.mark.skipif(not os.path.exists(os.path.join(ROOT, "tools", "experiment", "experiment.c"))
                    or not any(s.startswith("10-") for s in SLUGS), reason="no chapter 10 experiment")
def test_experiment_quick():
    report(selftest.experiment_quick())
