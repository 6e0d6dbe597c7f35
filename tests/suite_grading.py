#!/usr/bin/env python3
"""Instructor grading, proved through the front door: `make grade` as the
README writes it.

1. Hostile submissions (tests/hostile/fixtures.py, chapter 3) are graded by
`make grade SUBMISSIONS=… GRADES=… GRADE_CHAPTERS=3` (relative paths) in one batch,
next to correct ones; each must get exactly its expected
score (no false pass: every test of the attacked function fails; no collateral
damage: every other test passes), with the expected verdict; every entry gets
its gradebook row; nothing of the hidden tests or the reference leaks into any
feedback; nothing is written outside; the network is not reached; a second
grading into a fresh GRADES gives a byte-identical gradebook (KIT_REPEAT=20 for more).
2. A copy of the kit inside `mktemp -d` (mode 0700) under a path with a space:
`make grade SUBMISSIONS=subs` with every default grades the references full and
the stubs 0; as a non-root user too; with the levels unshare and rlimits; and a
broken reference stops the pre-flight with one line and no row, no cache entry.
3. The student release (make dist) and the Gradescope zip.

    pytest tests/suite_grading.py [-k grade|front_door|dist|gradescope]   (make test runs it)
    python3 tests/suite_grading.py [--keep] [--only grade|front|dist|gradescope] [--sandbox rlimits]
exit 0 = pass.
"""
import argparse
import csv
import glob
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # no __pycache__ in tests/hostile
sys.path.insert(0, os.path.join(HERE, "hostile"))

from kit.core import build, chapters, run  # noqa: E402
from kit.grading import grade, sandbox  # noqa: E402
import fixtures  # noqa: E402
from checks import check, failures  # noqa: E402

ARGS = argparse.Namespace(keep=False, only="", sandbox="")    # pytest: every default


# pytest (make test): each part a test of its own, in a fresh folder (kit_tmp)
def test_grade(kit_tmp):
    suite_grade(ARGS, kit_tmp)


def test_front_door(kit_tmp):
    suite_front_door(ARGS, kit_tmp)


def test_dist(kit_tmp):
    suite_dist(ARGS, kit_tmp)


def test_gradescope(kit_tmp):
    suite_gradescope(ARGS, kit_tmp)


def test_bench_grade_slice():
    """make bench-grade's slice (the benchmark itself is its own target): two unique
    submissions of chapter 2 and the piece-by-piece breakdown run to their end, every row
    written, no false pass or fail, and the table's lines are there."""
    r = subprocess.run([sys.executable, "-m", "kit", "bench-grade", "--n", "2", "--chapters", "2",
                        "--jobs", "1"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    out = r.stdout + r.stderr
    check(r.returncode == 0 and "bench-grade: ok" in out and "CPU s/submission" in out
          and "forked by the server" in out,
          "make bench-grade's slice (N = 2, chapter 2) runs to its end: ok, the table, the breakdown",
          out[-1500:])


def listener():
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("127.0.0.1", 0))
    s.listen(16)
    s.settimeout(0.2)
    got = []
    stop = threading.Event()

    def loop():
        while not stop.is_set():
            try:
                c, _ = s.accept()
                got.append(c.recv(16))
                c.close()
            except OSError:
                pass
    t = threading.Thread(target=loop, daemon=True)
    t.start()
    return s.getsockname()[1], got, stop


def secret_lines(ch):
    sec = set()
    for p in [ch.hidden_tests] + glob.glob(os.path.join(ch.solution_dir, "*")):
        with open(p, errors="replace") as f:
            sec |= {" ".join(l.split()) for l in f}
    pub = set()
    for p in [ch.header, ch.public_tests] + glob.glob(os.path.join(ch.exercise_dir, "*")):
        with open(p, errors="replace") as f:
            pub |= {" ".join(l.split()) for l in f}
    return {s for s in sec - pub if len(s) >= 20}


def suite_grade(a, tmp):
    print("\n== grading hostile submissions (chapter 3)")
    ch = chapters.find("3")
    fname = ch.student_files()[0]
    with open(os.path.join(ch.solution_dir, fname)) as f:
        ref = f.read()
    with open(os.path.join(ch.exercise_dir, fname)) as f:
        stub = f.read()
    port, got, stop = listener()
    subs = os.path.join(tmp, "submissions")
    os.makedirs(subs)
    expected = {}
    for fx in fixtures.FIXTURES:
        text, target, expect = fixtures.make_source(ref, fx, ch.slug, fname, ROOT, port)
        fixtures.write_tree(os.path.join(subs, fx[0]), ch.slug, {fname: text})
        expected[fx[0]] = (target, expect, fx[5])
    fixtures.write_tree(os.path.join(subs, "stub"), ch.slug, {fname: stub})
    expected["stub"] = (None, "zero", ("FAIL",))
    os.makedirs(os.path.join(subs, "empty"))
    expected["empty"] = (None, "zero", ())
    for n in fixtures.bad_archives(subs, ch.slug, fname, ref):
        # an unsafe member the kit does not take is never extracted: ignored, and noted
        noted = n.split(".")[0] in ("evil-traversal", "evil-absolute", "evil-device")
        expected[grade.student_id(n)] = (None, "full-noted" if n.startswith(("evil-traversal", "evil-absolute"))
                                         else "full" if noted else "rejected", ())
    for n in fixtures.good_archives(subs, ch.slug, fname, ref):
        expected[grade.student_id(n)] = (None, "full", ())
    with open(os.path.join(subs, "not-an-archive.rar"), "w") as f:
        f.write("?")
    expected[grade.student_id("not-an-archive.rar")] = (None, "rejected", ())
    out = os.path.join(tmp, "grades")
    os.chmod(tmp, 0o700)   # a private folder, like a home: the stage must make it work
    for p in ("/tmp/kit-PWNED", os.path.join(ROOT, "PWNED"), os.path.join(ROOT, "build", "PWNED"),
              "/tmp/kit-evil-traversal", "/tmp/kit-evil-absolute"):
        if os.path.exists(p):
            os.remove(p)
    level = sandbox.detect(a.sandbox or None)
    print(f"  sandbox level: {level}")
    # a file elsewhere on the machine (symlink-record points at it) and the grader's own
    # standard input (include-stdin): their text must never appear in any output
    marker = fixtures.marker_path(ROOT)
    os.makedirs(os.path.dirname(marker), exist_ok=True)
    with open(marker, "w") as f:
        f.write(fixtures.MARKER_TEXT + "\n")
    stages_before = set(glob.glob("/var/tmp/kit-grade-*"))
    t0 = time.monotonic()
    r = make_grade(ROOT, subs, out, "3", a.sandbox,
                   stdin_text=f"int kit_stdin_{fixtures.MARKER_TEXT.replace('-', '_')} = 1;\n")
    el = time.monotonic() - t0
    stop.set()
    grade_output = r.stdout + r.stderr
    check(r.returncode == 0, "make grade exits 0", (r.stdout + r.stderr)[-600:])
    pf = [l for l in (r.stdout + r.stderr).splitlines() if "pre-flight" in l]
    check(bool(pf) and "pre-flight ok" in pf[0], "the pre-flight line", " / ".join(pf))
    if pf:
        print(f"       ({pf[0].strip()})")
    results = read_results(subs, out)
    print(f"  graded {len(results)} submissions in {el:.1f} s")
    tests = {t.name: t for t in run.manifest(build.judge(ch, True)["judge"])}
    full = sum(t.points for t in tests.values())
    rows = list(csv.DictReader(open(os.path.join(out, "gradebook.csv"))))
    entries = [e for e in os.listdir(subs) if not e.startswith(".")]
    check(len(rows) == len(entries) == len(results), f"one gradebook row per entry ({len(entries)})",
          f"{len(rows)} rows, {len(results)} results")
    by = {r["student"]: r for r in results}
    false_pass = 0
    for sid, (target, expect, verdicts) in sorted(expected.items()):
        r = by.get(sid)
        if r is None:
            check(False, f"{sid}: has a result")
            continue
        chd = next(c for c in r["chapters"] if c["chapter"] == ch.slug)
        got_v = {t["name"]: t["verdict"] for t in chd["tests"]}
        if expect == "inject":
            should_fail = {n for n, t in tests.items() if target in t.functions}
            want = full - sum(tests[n].points for n in should_fail)
            fp = [n for n in should_fail if got_v.get(n) == "PASS"]
            lost = [n for n in tests if n not in should_fail and got_v.get(n) != "PASS"]
            bad_v = [f"{n}={got_v.get(n)}" for n in should_fail if verdicts and got_v.get(n) not in verdicts]
            false_pass += len(fp)
            check(not fp and not lost and not bad_v and r["total"] == want,
                  f"{sid}: {r['total']}/{full} (want {want}; {target} fails with {'/'.join(verdicts)})",
                  f"false passes {fp}, wrongly failed {lost}, verdicts {bad_v}")
        elif expect == "zero":
            fp = [n for n, v in got_v.items() if v == "PASS"]
            bad_v = [f"{n}={v}" for n, v in got_v.items() if verdicts and v not in verdicts]
            false_pass += len(fp)
            check(r["total"] == 0 and not fp and not bad_v,
                  f"{sid}: 0/{full} ({'/'.join(verdicts) or r['status']})",
                  f"total {r['total']}, passes {fp}, verdicts {bad_v[:3]}, {r.get('error')}")
        elif expect == "full":
            check(r["total"] == full, f"{sid}: {full}/{full}",
                  f"{r['total']}: " + ", ".join(f"{n}={v}" for n, v in got_v.items() if v != "PASS"))
        elif expect == "full-noted":
            check(r["total"] == full and any("ignored" in n for n in r.get("notes", [])),
                  f"{sid}: {full}/{full}, the unsafe member ignored and noted",
                  f"{r['total']} {r.get('notes')} {r.get('error')}")
        elif expect == "rejected":
            false_pass += sum(v == "PASS" for v in got_v.values())
            check(r["status"] == "rejected" and r["total"] == 0 and r.get("error"),
                  f"{sid}: rejected with a reason", f"{r['status']} {r['total']} {r.get('error')}")
            if r.get("error"):
                print(f"       ({r['error']})")
    check(false_pass == 0, "0 false passes", str(false_pass))
    if level in ("bwrap", "unshare"):
        check(not got, "the network was not reached from a submission", repr(got))
    else:
        print(f"  (sandbox {level}: no network namespace; connections seen: {len(got)})")
    outside = [p for p in ("/tmp/kit-PWNED", os.path.join(ROOT, "PWNED"), os.path.join(ROOT, "build", "PWNED"),
                           "/tmp/kit-evil-traversal", "/tmp/kit-evil-absolute") if os.path.exists(p)]
    if level == "bwrap":
        check(not outside, "nothing was written outside the submission's folder", str(outside))
    else:
        print(f"  (sandbox {level}: writes to world-writable places are possible: {outside})")
    secrets = secret_lines(ch)
    leaks = []
    for f in glob.glob(os.path.join(out, "students", "*", "*")):
        with open(f, errors="replace") as fh:
            text = " ".join(fh.read().split())
        leaks += [(os.path.relpath(f, out), s[:50]) for s in secrets if s in text]
    check(not leaks, "no hidden-test or solution line in any feedback file", str(leaks[:3]))
    marked = []
    for dirpath, _, files in os.walk(out):
        for name in files:
            with open(os.path.join(dirpath, name), "rb") as fh:
                data = fh.read()
            if fixtures.MARKER_TEXT.encode() in data or fixtures.MARKER_TEXT.replace("-", "_").encode() in data:
                marked.append(os.path.relpath(os.path.join(dirpath, name), out))
    check(not marked, "the marker file and the grader's stdin never appear in any output", str(marked[:3]))
    left = set(glob.glob("/var/tmp/kit-grade-*")) - stages_before
    if left:     # (another grading may be running on this machine: information only)
        print(f"  (stages in /var/tmp made during this run and still there: {len(left)})")
    check("Traceback" not in grade_output, "no traceback in make grade's output", grade_output[-400:])
    rs = by["read-hidden"]["chapters"][0]["tests"]
    check(any("cannot open" in t["output"] for t in rs) or level != "bwrap",
          "read-hidden: the hidden tests and solutions are not visible in the sandbox")
    gs = json.load(open(os.path.join(out, "students", "correct", "results.json")))
    keys = {"score", "max_score", "status", "name", "number", "output", "visibility"}
    hid = [t for t in gs["tests"] if t["name"].endswith("(hidden)")]
    pub_pts = sum(t["max_score"] for t in gs["tests"] if t not in hid)
    check(all(keys <= set(t) for t in gs["tests"]) and hid and
          all(t["visibility"] == "after_published" for t in hid) and
          sum(t["score"] for t in gs["tests"]) == full,
          "Gradescope results.json: fields, hidden tests after_published, scores add up")
    check("score" not in gs and f"{pub_pts}/{pub_pts}" in gs["output"] and str(full) not in gs["output"],
          "Gradescope: before publication a student sees only the public points (no top-level score)",
          json.dumps({k: v for k, v in gs.items() if k != "tests"})[:300])
    sh = {t["name"]: t["verdict"] for t in by["shm-hog"]["chapters"][0]["tests"]}
    if level == "bwrap":
        check(not os.path.exists("/dev/shm/kit-hog-0"), "shm-hog: nothing left in the host's /dev/shm")
    else:
        print(f"  (sandbox {level}: shm-hog verdicts {sorted(set(sh.values()))})")
    for n in ("feedback.md", "feedback.html", "junit.xml", "results.tap"):
        check(os.path.getsize(os.path.join(out, "students", "abort", n)) > 0, f"abort/{n} written")
    import xml.dom.minidom
    try:
        xml.dom.minidom.parse(os.path.join(out, "students", "gigabyte-output", "junit.xml"))
        check(True, "JUnit XML parses")
    except Exception as e:  # noqa: BLE001
        check(False, "JUnit XML parses", str(e))
    tap = open(os.path.join(out, "students", "correct", "results.tap")).read().splitlines()
    check(tap[1] == f"1..{len(tests)}" and sum(l.startswith("ok ") for l in tap) == len(tests), "TAP plan and lines")
    # resume: a second run grades nothing again
    t0 = time.monotonic()
    r2 = make_grade(ROOT, subs, out, "3", a.sandbox)
    again = read_results(subs, out)
    el2 = time.monotonic() - t0
    reused = (r2.stdout + r2.stderr).count("unchanged since the last grading")
    check([r["total"] for r in again] == [r["total"] for r in results] and
          reused == sum(r["status"] != "rejected" for r in results),
          f"resume: the second run reuses every result ({reused} reused, {el2:.1f} s)")
    # one child for a chapter's tests (a batchable object) or one child a test: the same
    # verdict and the same words for every test of every hostile submission
    o2 = os.path.join(tmp, "grades-one-child-a-test")
    make_grade(ROOT, subs, o2, "3", a.sandbox, extra_args=["GRADE_BATCH=0"])
    one = {r["student"]: r for r in read_results(subs, o2)}

    def words(r):
        return [(c["chapter"], t["name"], t["verdict"], t.get("lines"), t.get("output"))
                for c in r.get("chapters", []) for t in c["tests"]]
    differ = [sid for sid, r in by.items() if words(r) != words(one.get(sid, {}))]
    check(not differ, "GRADE_BATCH=0 (one child a test) gives every test the same verdict and words "
          "as the batch", str(differ[:5]))
    shutil.rmtree(o2, ignore_errors=True)
    # determinism: fresh GRADES, the same gradebook byte for byte
    book = open(os.path.join(out, "gradebook.csv"), "rb").read()
    n = int(os.environ.get("KIT_REPEAT", "1"))
    same = 0
    for k in range(n):
        o2 = os.path.join(tmp, f"grades-again-{k}")
        make_grade(ROOT, subs, o2, "3", a.sandbox)
        same += open(os.path.join(o2, "gradebook.csv"), "rb").read() == book
        shutil.rmtree(o2, ignore_errors=True)
    check(same == n, f"{n} more grading(s) into a fresh GRADES: byte-identical gradebooks ({same}/{n})")
    if a.keep:
        print(f"  kept: {tmp}")


def make_grade(cwd, subs, out, chapters_, sandbox_level="", user=None, extra_env=None, extra_args=(),
               stdin_text=None):
    """`make grade` as a user types it: paths relative to cwd when they are inside it."""
    def rel(p):
        p = os.path.abspath(p)
        return os.path.relpath(p, cwd) if p.startswith(os.path.abspath(cwd) + os.sep) else p
    cmd = ["make", "--no-print-directory", "grade", f"SUBMISSIONS={rel(subs)}"]
    if out:
        cmd.append(f"GRADES={rel(out)}")
    if chapters_:
        cmd.append(f"GRADE_CHAPTERS={chapters_}")
    cmd += list(extra_args)
    env = dict(os.environ)
    env.pop("KIT_SANDBOX", None)
    if sandbox_level:
        env["KIT_SANDBOX"] = sandbox_level
    env.update(extra_env or {})
    if user:
        cmd = ["runuser", "-u", user, "--", "env", f"PATH={env['PATH']}",
               f"HOME={os.path.expanduser('~' + user)}"] + \
            ([f"KIT_SANDBOX={sandbox_level}"] if sandbox_level else []) + cmd
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=1800,
                          input=stdin_text if stdin_text is not None else "")


def read_results(subs, out):
    rows = list(csv.DictReader(open(os.path.join(out, "gradebook.csv"))))
    res = []
    for row in rows:
        try:
            res.append(json.load(open(os.path.join(out, "students", row["student"], "result.json"))))
        except (OSError, ValueError):
            res.append({"student": row["student"], "status": row["status"], "total": int(row["total"]),
                        "chapters": [], "error": row["message"]})
    return res


def copy_kit(dest):
    """The kit's files (tracked and new, not build/) copied to dest, as a fresh clone would be."""
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split("\0")
    for f in files:
        if not f or f.startswith("build/") or not os.path.isfile(os.path.join(ROOT, f)):
            continue
        os.makedirs(os.path.dirname(os.path.join(dest, f)) or dest, exist_ok=True)
        shutil.copy2(os.path.join(ROOT, f), os.path.join(dest, f))


def class_of(kit, chs, kinds=("reference", "stub")):
    """subs/<kind>/exercises/<slug>/<file> from the kit's solutions and stubs."""
    subs = os.path.join(kit, "subs")
    for kind in kinds:
        for ch in chs:
            src = ch.solution_dir if kind == "reference" else ch.exercise_dir
            for f in ch.student_files():
                d = os.path.join(subs, kind, "exercises", ch.slug)
                os.makedirs(d, exist_ok=True)
                shutil.copy(os.path.join(src, f), os.path.join(d, f))
    return subs


def gradebook(path):
    try:
        return {r["student"]: r for r in csv.DictReader(open(path))}
    except OSError:
        return {}


def suite_front_door(a, tmp):
    print("\n== make grade through the front door: a private folder, a space, defaults")
    home = tempfile.mkdtemp(prefix="kit-home-")          # mode 0700, like a home folder
    try:
        kit = os.path.join(home, "my kit")
        copy_kit(kit)
        chs = [c for c in chapters.all_chapters() if os.path.isdir(c.solution_dir)]
        full = {}
        subs = class_of(kit, chs)
        r = make_grade(kit, subs, None, "")
        book = gradebook(os.path.join(kit, "build", "grades", "gradebook.csv"))
        ref, stub = book.get("reference", {}), book.get("stub", {})
        full = ref.get("max_total")
        pf = [l for l in (r.stdout + r.stderr).splitlines() if "pre-flight" in l]
        print(f"       ({pf[0].strip() if pf else 'no pre-flight line'})")
        check(r.returncode == 0 and ref.get("total") == full and stub.get("total") == "0" and full,
              f"make grade SUBMISSIONS=subs (every default, {len(chs)} chapters): reference "
              f"{ref.get('total')}/{full}, stub {stub.get('total')}",
              (r.stdout + r.stderr)[-800:])
        # the levels below bwrap, in the same private folder
        ch3 = chapters.find("3")
        one = class_of(os.path.join(home, "one"), [ch3])
        for level in ("unshare", "rlimits"):
            out = os.path.join(kit, "build", f"grades-{level}")
            r = make_grade(kit, one, out, "3", level)
            book = gradebook(os.path.join(out, "gradebook.csv"))
            mx = book.get("reference", {}).get("max_total")
            ok = book.get("reference", {}).get("total") == mx and mx and book.get("stub", {}).get("total") == "0"
            lv = book.get("reference", {}).get("sandbox")
            check(r.returncode == 0 and ok and lv == level,
                  f"KIT_SANDBOX={level}: reference {mx}/{mx}, stub 0, the level in every row ({lv})",
                  (r.stdout + r.stderr)[-600:])
        # more than one machine: SHARD=k/N on each, then one merge == one run, byte for byte
        for k in (1, 2, 3):
            os.makedirs(os.path.join(one, f"extra-{k}"))
        r1 = make_grade(kit, one, os.path.join(kit, "build", "grades-single"), "3")
        shards = []
        for k in (1, 2):
            o = os.path.join(kit, "build", f"grades-shard-{k}")
            make_grade(kit, one, o, "3", extra_args=[f"SHARD={k}/2"])
            shards.append(os.path.relpath(o, kit))
        rm = subprocess.run(["make", "--no-print-directory", "grade-merge", f"SUBMISSIONS={os.path.relpath(one, kit)}",
                             "GRADES=build/grades-merged", "SHARDS=" + " ".join(shards)], cwd=kit,
                            capture_output=True, text=True)
        single = os.path.join(kit, "build", "grades-single", "gradebook.csv")
        merged = os.path.join(kit, "build", "grades-merged", "gradebook.csv")
        same = all(os.path.exists(x) for x in (single, merged)) and all(
            open(os.path.join(os.path.dirname(single), f), "rb").read() ==
            open(os.path.join(os.path.dirname(merged), f), "rb").read()
            for f in ("gradebook.csv", "class.csv", "class-hints.csv", "class-chapters.csv"))
        n_rows = len(gradebook(merged))
        check(r1.returncode == 0 and rm.returncode == 0 and same and n_rows == 5,
              f"SHARD=1/2 + SHARD=2/2 + make grade-merge: the same gradebook and class report as one run, byte for byte "
              f"({n_rows} rows)", (rm.stdout + rm.stderr)[-400:])
        # a grader fault is never a student's zero: the pre-flight stops and writes nothing
        broken = os.path.join(kit, "solutions", ch3.slug, ch3.student_files()[0])
        good = open(broken).read()
        with open(broken, "w") as f:
            f.write(open(os.path.join(ch3.exercise_dir, ch3.student_files()[0])).read())
        out = os.path.join(kit, "build", "grades-broken")
        r = make_grade(kit, one, out, "3")
        with open(broken, "w") as f:
            f.write(good)
        lines = [l for l in (r.stdout + r.stderr).splitlines() if "pre-flight failed" in l]
        cache = glob.glob(os.path.join(out, "cache", "*.json"))
        check(r.returncode != 0 and len(lines) == 1 and "reference of 03-sinusoidal" in lines[0]
              and not os.path.exists(os.path.join(out, "gradebook.csv")) and not cache
              and not glob.glob(os.path.join(out, "students", "*")),
              "a broken reference: make grade stops with one line, no row, no cache entry",
              (r.stdout + r.stderr)[-600:])
        if lines:
            print(f"       ({lines[0].strip()[:200]})")
        # as a non-root user, in that user's private home
        if os.geteuid() == 0 and shutil.which("useradd") and shutil.which("runuser"):
            user = "kitgrader"
            if subprocess.run(["id", user], capture_output=True).returncode != 0:
                subprocess.run(["useradd", "-m", "-s", "/bin/bash", user], check=True)
            uhome = os.path.expanduser("~" + user)
            ukit = os.path.join(uhome, "kit with space")
            shutil.rmtree(ukit, ignore_errors=True)
            copy_kit(ukit)
            usubs = class_of(ukit, [ch3])
            subprocess.run(["chown", "-R", f"{user}:{user}", ukit], check=True)
            os.chmod(uhome, 0o700)
            r = make_grade(ukit, usubs, None, "3", user=user)
            book = gradebook(os.path.join(ukit, "build", "grades", "gradebook.csv"))
            mx = book.get("reference", {}).get("max_total")
            check(r.returncode == 0 and mx and book.get("reference", {}).get("total") == mx
                  and book.get("stub", {}).get("total") == "0",
                  f"as the non-root user {user} (level {book.get('reference', {}).get('sandbox')}): "
                  f"reference {mx}/{mx}, stub 0", (r.stdout + r.stderr)[-600:])
            shutil.rmtree(ukit, ignore_errors=True)
        else:
            print("  (not root: the non-root case is this run itself)")
    finally:
        if not a.keep:
            shutil.rmtree(home, ignore_errors=True)


def suite_dist(a, tmp):
    print("\n== student release (make dist)")
    # --no-book: the release's own make book is tests/suite_release.py's (one book build a run)
    r = subprocess.run([sys.executable, "-m", "kit", "dist", "--no-book", "--out",
                        os.path.join(tmp, "dist")], capture_output=True, text=True, cwd=ROOT)
    check(r.returncode == 0, "make dist builds and passes its leak check", (r.stdout + r.stderr)[-800:])
    tars = glob.glob(os.path.join(tmp, "dist", "*.tar.gz"))
    if not tars:
        return
    # the leak check itself: it must catch a solution, a hidden test, a solutions-edition book
    from kit.release import dist
    neg = os.path.join(tmp, "negative")
    shutil.copytree(os.path.join(tmp, "dist", dist.NAME), neg)
    ch3 = chapters.find("3")
    shutil.copy(os.path.join(ch3.solution_dir, ch3.student_files()[0]), os.path.join(neg, "exercises", "copy.c"))
    check(dist.check_release(neg), "leak check catches a copied solution file")
    os.remove(os.path.join(neg, "exercises", "copy.c"))
    hidden = open(ch3.hidden_tests).read()
    with open(os.path.join(neg, "chapters", "leak.md"), "w") as f:
        f.write("notes\n" + hidden[len(hidden) // 2:].replace("SOLUTION", ""))
    check(dist.check_release(neg), "leak check catches hidden-test source pasted into prose")
    os.remove(os.path.join(neg, "chapters", "leak.md"))
    check(not dist.check_release(neg), "the release itself passes the leak check")
    book = os.path.join(ROOT, "build", "book")
    if os.path.isdir(book) and any(os.path.isdir(c.solution_dir) for c in chapters.all_chapters()):
        try:     # (information only; make book may be writing it: tests run side by side)
            shutil.copytree(book, os.path.join(neg, "build", "book-with-solutions"))
            found = dist.check_release(neg)
            print(f"       (a solutions-edition book in the release: {len(found)} leak(s) found)")
        except (OSError, shutil.Error) as e:
            print(f"       (a solutions-edition book in the release: not copied, {e})")
    un = os.path.join(tmp, "unpacked")
    os.makedirs(un)
    subprocess.run(["tar", "-xzf", tars[0], "-C", un], check=True)
    rel = os.path.join(un, os.listdir(un)[0])
    for bad in ("solutions", "grader", "tests/mutants", "tests/hostile"):
        check(not os.path.exists(os.path.join(rel, bad)), f"release has no {bad}/")
    r = subprocess.run(["make", "check", "CHAPTER=3"], cwd=rel, capture_output=True, text=True)
    check("Hidden tests" in r.stdout and "BUILD ERROR" not in r.stdout and r.returncode != 0,
          "release: make check CHAPTER=3 runs the public tests (stub fails) and names hidden tests",
          r.stdout[-600:] + r.stderr[-300:])
    ch = chapters.find("3")
    fname = ch.student_files()[0]
    shutil.copy(os.path.join(ch.solution_dir, fname), os.path.join(rel, "exercises", ch.slug, fname))
    r = subprocess.run(["make", "check", "CHAPTER=3"], cwd=rel, capture_output=True, text=True)
    check(r.returncode == 0 and "(hidden)" not in r.stdout, "release: a correct file passes the public tests",
          r.stdout[-600:])
    r = subprocess.run(["make", "test"], cwd=rel, capture_output=True, text=True)
    check(r.returncode == 0 and "kit-developer" in r.stdout, "release: make test says it is a kit-developer target",
          r.stdout[-400:] + r.stderr[-400:])


def suite_gradescope(a, tmp):
    print("\n== Gradescope autograder zip")
    r = subprocess.run([sys.executable, "-m", "kit", "gradescope", "--out",
                        os.path.join(tmp, "gs"), "--chapters", "3", "--workflow",
                        os.path.join(tmp, "gs", "classroom.yml")], capture_output=True, text=True, cwd=ROOT)
    check(r.returncode == 0, "make gradescope builds the zip", (r.stdout + r.stderr)[-800:])
    zips = glob.glob(os.path.join(tmp, "gs", "*.zip"))
    if not zips:
        return
    ch = chapters.find("3")
    fname = ch.student_files()[0]
    ref = open(os.path.join(ch.solution_dir, fname)).read()
    cases = {"correct": (ref, "full"),
             "wrong": (open(os.path.join(ch.exercise_dir, fname)).read(), "zero"),
             "crashing": (fixtures.make_source(ref, ("x", 0, "abort();", "", "inject", ()),
                                               ch.slug, fname, ROOT)[0], "some"),
             "exit-everything": (fixtures.make_source(ref, fixtures.FIXTURES[3], ch.slug, fname, ROOT)[0],
                                 "zero")}
    for name, (text, want) in cases.items():
        ag = os.path.join(tmp, "ag-" + name)
        os.makedirs(os.path.join(ag, "source"))
        os.makedirs(os.path.join(ag, "submission"))
        os.makedirs(os.path.join(ag, "results"))
        subprocess.run(["unzip", "-q", zips[0], "-d", os.path.join(ag, "source")], check=True)
        with open(os.path.join(ag, "submission", fname), "w") as f:
            f.write(text)
        env = dict(os.environ, AUTOGRADER_ROOT=ag)
        r = subprocess.run(["bash", os.path.join(ag, "source", "run_autograder")], env=env,
                           capture_output=True, text=True, timeout=600)
        try:
            res = json.load(open(os.path.join(ag, "results", "results.json")))
        except (OSError, ValueError) as e:
            check(False, f"run_autograder ({name}) writes results.json", str(e) + r.stdout[-400:] + r.stderr[-400:])
            continue
        score = sum(t["score"] for t in res.get("tests", []))
        mx = sum(t["max_score"] for t in res.get("tests", []))
        ok = {"full": score == mx and mx > 0, "zero": score == 0 and mx > 0, "some": 0 < score < mx}[want]
        check(ok, f"run_autograder ({name}): score {score}/{mx}", json.dumps(res)[:300])
    # a broken kit writes no results.json (Gradescope then flags the run to the staff): never a 0
    ag = os.path.join(tmp, "ag-broken")
    for d in ("source", "submission", "results"):
        os.makedirs(os.path.join(ag, d))
    subprocess.run(["unzip", "-q", zips[0], "-d", os.path.join(ag, "source")], check=True)
    with open(os.path.join(ag, "submission", fname), "w") as f:
        f.write(ref)
    hidden = glob.glob(os.path.join(ag, "source", "grader", ch.slug, "test_hidden.c"))
    for h in hidden:        # the pre-flight must catch a kit whose hidden tests are wrong
        with open(h, "a") as f:
            f.write("\nint kit_broken_on_purpose(void) { return }\n")
    env = dict(os.environ, AUTOGRADER_ROOT=ag)
    r = subprocess.run(["bash", os.path.join(ag, "source", "run_autograder")], env=env,
                       capture_output=True, text=True)
    check(hidden and r.returncode != 0 and not os.path.exists(os.path.join(ag, "results", "results.json"))
          and "no score was written" in r.stdout,
          "run_autograder with a broken kit: no results.json (no zero for the student), the reason printed",
          r.stdout[-400:])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--only", default="")
    ap.add_argument("--sandbox", default="")
    a = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="kit-grading-")
    os.chmod(tmp, 0o755)
    try:
        for name, fn in (("grade", suite_grade), ("front", suite_front_door), ("dist", suite_dist),
                         ("gradescope", suite_gradescope)):
            if not a.only or a.only == name:
                try:
                    fn(a, tmp)
                except Exception as e:  # noqa: BLE001
                    import traceback
                    traceback.print_exc()
                    check(False, f"{name} suite ran", repr(e))
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"\n{len(failures)} failure(s)" + ("".join("\n  - " + f for f in failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
