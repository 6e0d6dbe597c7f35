"""pytest's side of make test (kit/author/selftest.py starts it): the suites tests/suite_*.py.

- check(ok, what, detail) (tests/checks.py, or a suite's own) prints one line a check
  and goes on, as the suites always did; a test fails at its end when any of its checks
  failed, and the failure lists them (what, and the detail: what differs).
- Longest first: the tests are ordered by how long they took last time
  (build/test-results/durations.json, written at the end of every run), else by
  COST below, and with pytest-xdist each worker takes the next longest test as soon as
  it is free (LongestFirst): two cores stay busy until the end.
- Once a run, before any test: every chapter's judge is built (judges, under a lock: the
  workers share build/judge/), so no two tests build the same judge at once.
- kit_jobs: how many test processes one test may run at once (the cores over the
  workers; --kit-jobs N).
"""
import fcntl
import json
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
sys.path.insert(0, HERE)

import checks  # noqa: E402

RESULTS = os.path.join(ROOT, "build", "test-results")
DURATIONS = os.path.join(RESULTS, "durations.json")

# Seconds a test takes (wall, measured with the other worker busy): the order of a run
# without build/test-results/durations.json (a fresh clone); a test not listed counts 5 s.
COST = {
    "suite_grading.py::test_front_door": 300,
    "suite_grading.py::test_grade": 250,
    "suite_plots.py::test_plots": 120,
    "suite_diagnosis.py::test_unseen_mutants": 110,
    "suite_book.py::test_kit_book": 80,
    "suite_release.py::test_target[book]": 60,
    "suite_release.py::test_target[check]": 45,
    "suite_release.py::test_student_side[check]": 40,
    "suite_release.py::test_target[experiment]": 35,
    "suite_release.py::test_student_side[experiment]": 30,
    "suite_grading.py::test_gradescope": 40,
    "suite_grading.py::test_bench_grade_slice": 40,
    "suite_diagnosis.py::test_hardcoded": 30,
    "suite_classreport.py::test_classreport": 30,
    "suite_release.py::test_target[plots]": 15,
    "suite_grading.py::test_dist": 12,
    "suite_chapters.py::test_no_ignorable_argument": 12,
    "suite_chapters.py::test_reference_and_stub": 10,
    "suite_chapters.py::test_experiment_quick": 10,
    "suite_book.py": 8,
    "suite_release.py": 8,
    "suite_chapters.py::test_mutant": 3,
    "suite_house.py": 1,
}


def pytest_addoption(parser):
    parser.addoption("--kit-jobs", type=int, default=0,
                     help="test processes one test may run at once (default: the cores over the workers)")


@pytest.fixture(scope="session")
def kit_jobs(request):
    n = request.config.getoption("--kit-jobs")
    if n:
        return n
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    return max(1, (os.cpu_count() or 2) // workers)


@pytest.fixture
def kit_tmp():
    """A fresh `mktemp -d` folder (mode 0755, as the suites always made them: not pytest's
    private tmp_path), removed after the test."""
    import shutil
    import tempfile
    tmp = tempfile.mkdtemp(prefix="kit-test-")
    os.chmod(tmp, 0o755)
    yield tmp
    shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------- soft checks

def _failure_lists(module):
    lists = {id(checks.failures): checks.failures}
    own = getattr(module, "failures", None)
    if isinstance(own, list):
        lists[id(own)] = own
    return list(lists.values())


def _cpu_seconds():
    import resource
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Call the test (as pytest does), then fail it with every check() of it that failed;
    its CPU seconds (its own and its processes') go into the report (cpu_s: JUnit XML)."""
    lists = _failure_lists(pyfuncitem.module)
    before = [len(f) for f in lists]
    checks.details.clear()
    cpu = _cpu_seconds()
    try:
        fn = pyfuncitem.obj
        fn(**{a: pyfuncitem.funcargs[a] for a in pyfuncitem._fixtureinfo.argnames})
    finally:
        pyfuncitem.user_properties.append(("cpu_s", round(_cpu_seconds() - cpu, 2)))
    failed = [f for lst, n in zip(lists, before) for f in lst[n:]]
    if failed:
        shown = [f"{f}: {checks.details[f]}" if checks.details.get(f) else f for f in failed]
        pytest.fail(f"{len(failed)} check(s) failed:\n" + "\n".join("  - " + s[:2000] for s in shown),
                    pytrace=False)
    return True


# ---------------------------------------------------------------- the judges, once

@pytest.fixture(scope="session", autouse=True)
def judges():
    """Every chapter's judge (with and without the hidden tests), built once a run before
    any test; the workers take turns (a lock), the second finds them up to date."""
    from kit.core import build, chapters
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, "judges.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            for ch in chapters.all_chapters():
                build.judge(ch, hidden=os.path.exists(ch.hidden_tests))
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


# ---------------------------------------------------------------- longest first

def _cost(nodeid, last):
    if isinstance(last.get(nodeid), dict) and "wall" in last[nodeid]:
        return last[nodeid]["wall"]
    name = nodeid[len("tests/"):] if nodeid.startswith("tests/") else nodeid   # (a mutant's id has a /)
    for key in sorted(COST, key=len, reverse=True):     # the most precise key first
        if name == key or name.startswith(key + "[") or name.startswith(key + "::"):
            return COST[key]
    return 5.0


def pytest_collection_modifyitems(session, config, items):
    try:
        with open(DURATIONS) as f:
            last = json.load(f)
    except (OSError, ValueError):
        last = {}
    # stable: the same order on every worker (xdist compares the collections)
    items.sort(key=lambda it: (-_cost(it.nodeid, last), it.nodeid))


_durations = {}
_cpu = {}


def pytest_sessionstart(session):
    if not os.environ.get("PYTEST_XDIST_WORKER"):          # progress.tsv: this run's only
        try:
            os.remove(os.path.join(RESULTS, "progress.tsv"))
        except OSError:
            pass


def pytest_runtest_logreport(report):
    if report.when == "call" or (report.when == "setup" and report.outcome != "passed"):
        _durations[report.nodeid] = round(_durations.get(report.nodeid, 0) + report.duration, 2)
        _cpu[report.nodeid] = dict(report.user_properties).get("cpu_s", 0.0)
        if not os.environ.get("PYTEST_XDIST_WORKER"):    # as each test ends: progress.tsv
            os.makedirs(RESULTS, exist_ok=True)
            with open(os.path.join(RESULTS, "progress.tsv"), "a") as f:
                f.write(f"{report.duration:.1f}\t{_cpu[report.nodeid]:.1f}\t{report.outcome}\t{report.nodeid}\n")


def pytest_sessionfinish(session, exitstatus):
    """durations.json: {test: {"wall": s, "cpu": s, "load": the load average then}} of the
    last run of each test (the next run's order); times.tsv: the same as a table."""
    if os.environ.get("PYTEST_XDIST_WORKER") or not _durations:
        return                        # the controller writes it (it sees every report)
    try:
        with open(DURATIONS) as f:
            table = {k: v for k, v in json.load(f).items() if isinstance(v, dict)}
    except (OSError, ValueError):
        table = {}
    load = open("/proc/loadavg").read().split()[0] if os.path.exists("/proc/loadavg") else "?"
    for k, wall in _durations.items():
        table[k] = {"wall": wall, "cpu": _cpu.get(k, 0.0), "load": load}
    os.makedirs(RESULTS, exist_ok=True)
    from kit.core import files
    files.atomic_write(DURATIONS, json.dumps(table, indent=1, sort_keys=True))
    files.atomic_write(os.path.join(RESULTS, "times.tsv"), "# wall s\tCPU s\tload\ttest\n" + "".join(
        f"{v['wall']:.1f}\t{v['cpu']:.1f}\t{v['load']}\t{k}\n"
        for k, v in sorted(table.items(), key=lambda kv: -kv[1]["wall"])))


try:
    from xdist.scheduler import LoadScheduling
except ImportError:                    # no pytest-xdist: one at a time, in the same order
    LoadScheduling = None

# Tests that mostly wait (on a sandbox's wall clock, a hostile fixture's limits, sleeps):
# CPU seconds under half their wall seconds last run; in a fresh clone, these.
WAITS = ("suite_grading.py::test_front_door", "suite_grading.py::test_grade",
         "suite_grading.py::test_gradescope", "suite_classreport.py::test_classreport",
         "suite_grading.py::test_bench_grade_slice")


def waits(nodeid, last):
    v = last.get(nodeid)
    if isinstance(v, dict) and v.get("wall", 0) >= 10 and "cpu" in v:
        return v["cpu"] < 0.5 * v["wall"]
    name = nodeid[len("tests/"):] if nodeid.startswith("tests/") else nodeid
    return name in WAITS


if LoadScheduling is not None:
    class LongestFirst(LoadScheduling):
        """xdist's load scheduling, one test at a time: each worker holds the test it runs
        and the next one (a worker starts a test when it knows the one after it), and is
        given the next of the ordered list when one ends. (xdist's own sends the first
        quarter of the list in chunks: one worker would get all the longest tests.)
        With one worker more than the cores (selftest --jobs: cores + 1), the last worker
        is a lane for the tests that mostly wait (waits()): they run beside the others,
        and the cores stay busy with the ones that compute; the lane takes any test once
        it has no waiting one left."""

        def _lane(self):
            nodes = list(self.node2pending)
            return nodes[-1] if len(nodes) > (os.cpu_count() or 2) else None

        def _send_one(self, node):
            if not self.pending:
                return
            lane = self._lane()
            if lane is not None:
                waiting = [i for i in self.pending if self._waits[i]]
                if node is lane and waiting:
                    pick = waiting[0]
                elif node is not lane and len(waiting) < len(self.pending):
                    pick = next(i for i in self.pending if not self._waits[i])
                else:            # the lane, nothing waits; or the cores, only waiting tests left
                    pick = self.pending[0]
            else:
                pick = self.pending[0]
            self.pending.remove(pick)
            self.node2pending[node].append(pick)
            node.send_runtest_some([pick])

        def schedule(self):
            assert self.collection_is_completed
            if self.collection is not None:
                for node in self.nodes:
                    self.check_schedule(node)
                return
            if not self._check_nodes_have_same_collection():
                self.log("**Different tests collected, aborting run**")
                return
            self.collection = list(self.node2collection.values())[0]
            self.pending[:] = range(len(self.collection))
            try:
                with open(DURATIONS) as f:
                    last = json.load(f)
            except (OSError, ValueError):
                last = {}
            self._waits = [waits(n, last) for n in self.collection]
            if not self.collection:
                return
            for _ in range(2):            # round robin: 1st, 2nd, ... then the next ones
                for node in self.nodes:
                    self._send_one(node)
            self._shutdown_idle()

        def _shutdown_idle(self):
            if not self.pending:
                for node in self.nodes:
                    if not node.shutting_down:
                        node.shutdown()

        def check_schedule(self, node, duration=0):
            if node.shutting_down:
                return
            if self.pending:
                for _ in range(2 - len(self.node2pending[node])):
                    self._send_one(node)
                if not self.node2pending[node] and not self.pending:
                    node.shutdown()
            else:
                node.shutdown()

    @pytest.hookimpl(optionalhook=True)
    def pytest_xdist_make_scheduler(config, log):
        if config.getoption("dist") == "load":
            return LongestFirst(config, log)
        return None
