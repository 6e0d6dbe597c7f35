"""make bench-grade — grading throughput on unique work, measured honestly.

    make bench-grade N=10,50,100        (one line of the table per N)

Every synthetic student hands in one file per chapter (all chapters), and every
file of every student is different, so the content cache never grades a file
twice. A file is, drawn with a fixed seed:
  correct   the reference or a `kind: correct` block of tests/mutants/<slug>.txt,
            written the student's way: their own header comment and a random
            mix of renamed locals and static helpers, comments removed,
            re-indented (must get full marks: counted as "false fails" if not)
  mistake   a `kind: mistake` block of the same file (a named, known mistake),
            also written the student's way (must not get full marks)
  stub      the stub with the student's comment (not attempted)
  hostile   a fixture of tests/hostile/fixtures.py (exit, loop, fork bomb,
            fork sleepers, memory hog, output flood, ...) with its comment
One in ten students hands in a .tar.gz or .zip instead of a folder.

For each N, a fresh GRADES (nothing cached) and a fresh stage; the pre-flight is
timed apart. The table gives the wall time of grading after the pre-flight,
seconds per submission and per test, and, once per run, the cost of one test
measured piece by piece on every chapter's reference (process start, ASan
init, the sandbox: bwrap + runner + uid + limits, the judge's replay).
This is a benchmark: it is not part of `make test`.
"""
import argparse
import contextlib
import hashlib
import io
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile

from kit.author import mutants
from kit.core import build, run
from kit.core.chapters import ROOT, all_chapters
from kit.grading import grade, sandbox, stage

sys.dont_write_bytecode = True   # no __pycache__ in tests/hostile
sys.path.insert(0, os.path.join(ROOT, "tests", "hostile"))

KINDS = [("correct", 45), ("mistake", 35), ("stub", 10), ("hostile", 10)]
SKIP_FIXTURES = ("correct", "network", "write-outside")
BUILD_PIECE = "build per chapter, not per test (compile + link, as grading does; no sandbox)"   # harmless escapes: graded in suite_grading
TOKEN = re.compile(r'//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'|[A-Za-z_]\w*', re.S)
DECL = re.compile(r"\b(?:size_t|double|float|int|long|unsigned|char|short|u?int\d+_t|ptrdiff_t|bool)"
                  r"\s*\**\s*(?:const\s+)?\**\s*([A-Za-z_]\w*)\s*(?=[=;,)\[])")
STATIC_FN = re.compile(r"^static\s+[\w\s\*]*?\b([A-Za-z_]\w*)\s*\(", re.M)


# -- a student's own way of writing a file -----------------------------------------

def _identifiers(path):
    try:
        return set(re.findall(r"[A-Za-z_]\w*", open(path).read()))
    except OSError:
        return set()


def _code_only(text):
    """text with comments and literals blanked (for finding names)."""
    return TOKEN.sub(lambda m: " " if m.group(0)[0] in "/\"'" else m.group(0), text)


def renamable(text, header):
    """Locals, parameters and static helpers a student may name otherwise: not in the
    chapter's header or kit.h, never a member, a macro or a called outside name."""
    code = _code_only(text)
    fixed = _identifiers(header) | _identifiers(os.path.join(ROOT, "include", "kit.h"))
    fixed |= set(re.findall(r"(?:\.|->)\s*([A-Za-z_]\w*)", code))
    for line in code.splitlines():
        if line.lstrip().startswith("#"):
            fixed |= set(re.findall(r"[A-Za-z_]\w*", line))
    statics = set(STATIC_FN.findall(code))
    called = set(re.findall(r"([A-Za-z_]\w*)\s*\(", code)) - statics
    names = (set(DECL.findall(code)) | statics) - fixed - called
    return sorted(n for n in names if len(n) > 0 and not n.startswith("__"))


def restyle(text, header, rng, who):
    """The file as this student writes it: their header comment always; then some of
    renamed names, no comments, another indentation."""
    if rng.random() < 0.6:
        names = renamable(text, header)
        pick = {n: f"{n}_{who}" for n in names if rng.random() < 0.7}
        if pick:
            text = TOKEN.sub(lambda m: pick.get(m.group(0), m.group(0)), text)
    if rng.random() < 0.4:
        text = TOKEN.sub(lambda m: (" " if m.group(0).startswith("/*") else "")
                         if m.group(0).startswith(("/*", "//")) else m.group(0), text)
        text = re.sub(r"[ \t]+\n", "\n", text)
        text = re.sub(r"\n{3,}", "\n\n", text)
    if rng.random() < 0.5:
        unit = rng.choice(["  ", "\t", "   "])
        text = re.sub(r"(?m)^((?:    )+)", lambda m: unit * (len(m.group(1)) // 4), text)
    return text


# -- the pools ---------------------------------------------------------------------

def pools_of(ch, tmp):
    """(file name, {kind: [(name, text)]}) for a single-file chapter, else None."""
    import fixtures
    files = ch.student_files()
    if len(files) != 1:
        return None
    fname = files[0]
    ref = open(os.path.join(ch.solution_dir, fname)).read()
    stub = open(os.path.join(ch.exercise_dir, fname)).read()
    pool = {"correct": [("reference", ref)], "mistake": [], "stub": [("stub", stub)], "hostile": []}
    spec = os.path.join(ROOT, "tests", "mutants", ch.slug + ".txt")
    for m in mutants.parse(spec) if os.path.exists(spec) else []:
        if m.kind not in ("correct", "mistake") or (m.file and m.file != fname):
            continue
        m.file = m.file or fname
        work = os.path.join(tmp, "mutants", ch.slug, m.name)
        try:
            mutants.apply(m, work)      # the mutants' own machinery
        except ValueError:
            continue
        pool[m.kind].append((m.name, open(os.path.join(work, ch.slug, fname)).read()))
    for fx in fixtures.FIXTURES:
        if fx[0] not in SKIP_FIXTURES:
            pool["hostile"].append((fx[0], fixtures.make_source(ref, fx, ch.slug, fname, ROOT)[0]))
    if not pool["mistake"]:
        pool["mistake"] = pool["stub"]
    return fname, pool


def make_submissions(dest, n, chs, tmp, seed=1):
    """Write n submissions into dest; returns ({student: {slug: (kind, name)}}, chapters,
    number of distinct files)."""
    rng = random.Random(seed)
    pools = {ch.slug: (ch, pools_of(ch, tmp)) for ch in chs}
    pools = {s: v for s, v in pools.items() if v[1]}
    made, digests = {}, set()
    for k in range(n):
        sid = f"student{k:03d}"
        files, made[sid] = {}, {}
        for slug, (ch, (fname, pool)) in pools.items():
            kind = rng.choices([a for a, _ in KINDS], [w for _, w in KINDS])[0]
            name, text = rng.choice(pool[kind])
            who = f"s{k}"
            if kind in ("correct", "mistake"):
                text = restyle(text, ch.header, rng, who)
            text = f"/* {fname} — student {k}'s work for {slug} ({kind}) */\n" + text
            files[f"exercises/{slug}/{fname}"] = text
            made[sid][slug] = (kind, name)
            digests.add(hashlib.sha256(text.encode()).hexdigest())
        form = rng.random()
        if form < 0.05:
            with tarfile.open(os.path.join(dest, sid + ".tar.gz"), "w:gz") as t:
                for p, text in files.items():
                    data = text.encode()
                    i = tarfile.TarInfo(p)
                    i.size = len(data)
                    t.addfile(i, io.BytesIO(data))
        elif form < 0.10:
            with zipfile.ZipFile(os.path.join(dest, sid + ".zip"), "w") as z:
                for p, text in files.items():
                    z.writestr(p, text)
        else:
            for p, text in files.items():
                full = os.path.join(dest, sid, p)
                os.makedirs(os.path.dirname(full), exist_ok=True)
                with open(full, "w") as f:
                    f.write(text)
    return made, list(pools), len(digests)


# -- one grading run ---------------------------------------------------------------

class _Tee(io.TextIOBase):
    """Keeps what grade_all writes to stderr; shows only its 'grade:' lines."""
    def __init__(self, real):
        self.real, self.buf, self.line = real, [], ""

    def write(self, s):
        self.buf.append(s)
        self.line += s
        while "\n" in self.line:
            line, self.line = self.line.split("\n", 1)
            if line.startswith("grade:"):
                self.real.write(line + "\n")
        return len(s)


def grade_once(n, chs, jobs, san, keep):
    tmp = tempfile.mkdtemp(prefix=f"kit-bench-{n}-")
    os.chmod(tmp, 0o755)
    subs, out = os.path.join(tmp, "submissions"), os.path.join(tmp, "grades")
    os.makedirs(subs)
    made, slugs, distinct = make_submissions(subs, n, chs, tmp)
    level = sandbox.detect()
    load0 = os.getloadavg()[0]
    tee = _Tee(sys.stderr)
    clock = _Clock()
    with contextlib.redirect_stderr(tee), clock():
        res = grade.grade_all(subs, out, jobs, san, sandbox.Limits(), level,
                              only=[str(c.number) for c in chs])
    wall = clock.wall
    m = re.search(r"pre-flight ok.*\(([\d.]+) s\)", "".join(tee.buf))
    pre = float(m.group(1)) if m else 0.0
    units, cost, verdicts = 0, {"build": 0.0, "run": 0.0}, {}
    for f in os.listdir(os.path.join(out, "cache")):
        if f.endswith(".json"):
            d = json.load(open(os.path.join(out, "cache", f)))
            units += 1
            cost["build"] += d.get("build_seconds", 0.0)
            cost["run"] += d.get("run_seconds", 0.0)
            for t in d["tests"]:
                verdicts[t["verdict"]] = verdicts.get(t["verdict"], 0) + 1
    # sanity: what each kind of file must get
    bad = {"false fails (a correct file below full marks)": 0,
           "false passes (a mistake or a hostile file at full marks)": 0}
    for r in res:
        for c in r["chapters"]:
            kind, name = made.get(r["student"], {}).get(c["chapter"], (None, None))
            full = c["points"] == c["max_points"]
            if kind == "correct" and not full:
                bad["false fails (a correct file below full marks)"] += 1
                print(f"  FALSE FAIL: {r['student']} {c['chapter']} ({name}): "
                      f"{[t['name'] + ' ' + t['verdict'] for t in c['tests'] if t['verdict'] != 'PASS'][:3]}")
            if kind in ("mistake", "hostile") and full and name != "leak":
                bad["false passes (a mistake or a hostile file at full marks)"] += 1
                print(f"  FALSE PASS: {r['student']} {c['chapter']} ({kind} {name})")
    tests = sum(len(c["tests"]) for c in res[0]["chapters"]) if res else 0
    rows = sum(1 for _ in open(os.path.join(out, "gradebook.csv"))) - 1
    if keep:
        print(f"  kept: {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return {"n": n, "wall": wall, "cpu": clock.cpu, "pre": pre, "grading": wall - pre, "units": units,
            "distinct": distinct, "files": n * len(slugs), "tests": tests, "rows": rows,
            "cost": cost, "verdicts": verdicts, "bad": bad, "load": (load0, os.getloadavg()[0]),
            "slugs": slugs}


# -- the cost of one test, piece by piece --------------------------------------------

class _Clock:
    """Wall time and CPU time (this process and its waited-for children) of a piece:
    CPU is what a shared machine's load does not inflate."""
    def __init__(self):
        self.wall = self.cpu = 0.0

    @staticmethod
    def _cpu():
        """This process, its waited-for children, and what the sandbox runners reported
        (getrusage does not see through bwrap's pid namespace; the compilers run in
        one too, so a sandboxed build is not counted here)."""
        a, b = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime + sandbox.RUNNER_CPU[0]

    @contextlib.contextmanager
    def __call__(self):
        w, c = time.monotonic(), self._cpu()
        yield
        self.wall += time.monotonic() - w
        self.cpu += self._cpu() - c


def _per_run(argv, k, env=None):
    clock = _Clock()
    with clock():
        for _ in range(k):
            subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    clock.wall /= k
    clock.cpu /= k
    return clock


@contextlib.contextmanager
def _environ(env):
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _served(exe, tests, d, env, lim, clock):
    """Run tests by the subject's fork server (kit/core/forkserver.py, as the grading runner
    does), no sandbox, timed by clock (the server's end included: its children's CPU is
    counted when it is waited for); False when it cannot serve."""
    from kit.core import forkserver
    with clock():
        srv = forkserver.Server(exe, dict(os.environ, **env), lim.cpu, lim.fsize, lim.nproc, 0,
                                lim.mem_mb)
        try:
            for x in tests:
                if srv.start(x.name, os.path.join(d, "served.rec")) is None:
                    return False
                reply = srv.line(30)
                if not reply or not reply.startswith("S "):
                    return False
            return True
        finally:
            srv.close()


def breakdown(chs, san):
    """{piece: (wall ms, CPU ms)} per test, over every chapter's reference (sequential)."""
    tmp = tempfile.mkdtemp(prefix="kit-bench-parts-", dir="/var/tmp" if os.path.isdir("/var/tmp") else None)
    os.chmod(tmp, 0o755)
    lim = sandbox.Limits()
    try:
        flags = build.SAN if san else []
        tiny = os.path.join(tmp, "tiny.c")
        with open(tiny, "w") as f:
            f.write("int main(void) { return 0; }\n")
        for name, fl in (("plain", []), ("san", flags)):
            subprocess.run(build.cc() + fl + [tiny, "-o", os.path.join(tmp, name)], check=True)
        env = sandbox.Sandbox("rlimits", san=san).env(run._env(leaks=False))
        plain = _per_run([os.path.join(tmp, "plain")], 200)
        sanit = _per_run([os.path.join(tmp, "san")], 200, env)
        out = {"exec of a C program that returns 0": (plain.wall, plain.cpu),
               "+ its sanitizer runtime init": (sanit.wall - plain.wall, sanit.cpu - plain.cpu)}
        bw = _per_run(sandbox._bwrap_base() + sandbox._bwrap_end() + ["--", "/bin/true"], 50)
        true = _per_run(["/bin/true"], 50)
        level = sandbox.detect()
        stage.stage_runner(os.path.join(tmp, "runner"))    # as grading stages it
        direct, served, builds = _Clock(), _Clock(), _Clock()
        box = {False: _Clock(), True: _Clock(), "batch": _Clock()}
        judge = _Clock()
        n, can_serve = 0, True
        saved = sandbox.FORK_SERVER
        for ch in chs:
            jb = build.judge(ch, True)
            tests = run.manifest(jb["judge"])
            d = os.path.join(tmp, ch.slug)
            with builds():
                sb = build.subject(ch, os.path.join(ROOT, "solutions"), "bench", jb, san=san,
                                   out_dir=os.path.join(d, "bin"))
            for dirpath, _, files in os.walk(tmp):
                os.chmod(dirpath, 0o755)
                for f in files:
                    os.chmod(os.path.join(dirpath, f), 0o755)
            with direct():
                for x in tests:
                    subprocess.run([sb["subject"], "--run", x.name, "--log", os.path.join(d, "direct.rec")],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=d)
            can_serve = _served(sb["subject"], tests, d, env, lim, served) and can_serve
            for serve in (False, True):
                sandbox.FORK_SERVER = serve
                S = sandbox.Sandbox(level, lim, san, slots=1)
                S.runner_dir = os.path.join(tmp, "runner")
                S.private_base = os.path.join(tmp, "records")   # judged below, after the slot
                S.keep_records = True
                logs = os.path.join(d, f"logs-{int(serve)}")
                os.makedirs(logs)
                try:
                    with box[serve]():      # the runner's end included (its children's CPU)
                        with S.slot(logs):
                            rs = [run.run_test(x, jb["judge"], sb["subject"], logs, 1, d, S) for x in tests]
                    with judge():
                        run.judge_all(jb["judge"], rs)
                finally:
                    sandbox.FORK_SERVER = saved
                if any(r.verdict != "PASS" for r in rs):
                    print(f"  (breakdown: the reference of {ch.slug} did not pass in the sandbox: "
                          f"{[(r.test.name, r.verdict) for r in rs if r.verdict != 'PASS'][:2]})")
            # the chapter's tests as one batch of the server (the reference is batchable)
            S = sandbox.Sandbox(level, lim, san, slots=1)
            S.runner_dir = os.path.join(tmp, "runner")
            S.private_base = os.path.join(tmp, "records")
            S.keep_records = True
            logs = os.path.join(d, "logs-batch")
            os.makedirs(logs)
            with box["batch"]():
                with S.slot(logs):
                    names = [x.name for x in tests]
                    ran = S.run_batch(sb["subject"], names, [os.path.join(logs, x + ".rec") for x in names],
                                      logs, run._grading_env())
                    rs = [run.run_test(x, jb["judge"], sb["subject"], logs, 1, d, S, None, got)
                          for x, got in zip(tests, ran or [])]
            with judge():
                run.judge_all(jb["judge"], rs)
            if ran is None or any(r.verdict != "PASS" for r in rs):
                print(f"  (breakdown: the reference of {ch.slug} did not pass as a batch: "
                      f"{[(r.test.name, r.verdict) for r in rs if r.verdict != 'PASS'][:2] if ran else 'no batch'})")
            n += len(tests)

        def per(c, k=None):
            k = k or n
            return (c.wall / k, c.cpu / k)
        out["a test run directly, one exec each (exec + sanitizer init + the test)"] = per(direct)
        if can_serve:
            out["a test run directly by the subject's fork server (fork + the test)"] = per(served)
        out[f"a test through the sandbox ({level}), one exec each (KIT_GRADE_SERVER=0)"] = per(box[False])
        out[f"a test through the sandbox ({level}), forked by the server, one child a test (GRADE_BATCH=0)"] = per(box[True])
        out[f"a test through the sandbox ({level}), a chapter's tests in one child (default: a batchable file)"] = \
            per(box["batch"])
        out["  sandbox overhead, one exec each (sandboxed minus direct)"] = \
            tuple(a - b for a, b in zip(per(box[False]), per(direct)))
        if can_serve:
            out["  sandbox overhead, fork server (sandboxed minus direct)"] = \
                tuple(a - b for a, b in zip(per(box[True]), per(served)))
        out[f"  of which bwrap's start, once per chapter and submission ({(bw.wall - true.wall) * 1e3:.1f} ms)"] = \
            ((bw.wall - true.wall) * len(chs) / n, (bw.cpu - true.cpu) * len(chs) / n)
        out["the judge's replay (one --batch judge per chapter)"] = per(judge, 3 * n)
        out[BUILD_PIECE] = per(builds, len(chs))
        return {k: (w * 1e3, c * 1e3) for k, (w, c) in out.items()}, n
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="bench-grade")
    ap.add_argument("--n", default="100", help="submissions, or a list: 10,50,100")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--san", type=int, default=1)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--no-breakdown", action="store_true")
    ap.add_argument("--chapters", default="", help="only these chapters: 2,5 (default: all; make test's slice)")
    a = ap.parse_args(argv)
    ns = [int(x) for x in re.split(r"[,\s]+", str(a.n).strip()) if x]
    only = [c for c in a.chapters.replace(" ", ",").split(",") if c]
    chs = [c for c in all_chapters() if os.path.isdir(c.solution_dir) and os.path.exists(c.public_tests)
           and (not only or str(c.number) in only)]
    san = bool(a.san)
    print(f"bench-grade: N = {', '.join(map(str, ns))} unique submissions × {len(chs)} chapters, "
          f"jobs {a.jobs} ({os.cpu_count()} cores), sanitizers {'on' if san else 'off'}, "
          f"sandbox {sandbox.detect()}; a fresh GRADES per N; load {os.getloadavg()[0]:.1f}")
    parts, ntests = ({}, 0) if a.no_breakdown else breakdown(chs, san)
    build_cpu = parts.get(BUILD_PIECE, (0.0, 0.0))[1] / 1e3
    base = grade_once(0, chs, a.jobs, san, False)   # the pre-flight alone: its CPU is taken off each N
    print(f"  pre-flight alone: {base['wall']:.1f} s wall, {base['cpu'] + 2 * len(chs) * build_cpu:.1f} s CPU")
    rows = []
    for n in ns:
        r = grade_once(n, chs, a.jobs, san, a.keep)
        r["grading_cpu"] = max(0.0, r["cpu"] - base["cpu"]) + r["units"] * build_cpu
        rows.append(r)
        print(f"  N={n}: {r['rows']}/{n} gradebook rows, {r['units']} chapter files built and run "
              f"({r['distinct']} distinct of {r['files']}), pre-flight {r['pre']:.1f} s, "
              f"load {r['load'][0]:.1f} → {r['load'][1]:.1f}; build {r['cost']['build']:.0f} s + tests "
              f"{r['cost']['run']:.0f} s summed over workers; "
              + ", ".join(f"{v} {k}" for k, v in sorted(r["verdicts"].items())))
        for k, v in r["bad"].items():
            if v:
                print(f"  N={n}: {v} {k}")
    over = parts.get("  sandbox overhead, fork server (sandboxed minus direct)" if sandbox.FORK_SERVER
                     else "  sandbox overhead, one exec each (sandboxed minus direct)", (float("nan"),))[0]
    cores = a.jobs
    print()
    print(f"     N   grading s   s/submission   ms/test   CPU s/submission   100 on {cores} idle cores   "
          "sandbox ms/test   budget 120 s")
    for r in rows:
        t = r["n"] * max(1, r["tests"])
        idle = r["grading_cpu"] / r["n"] * 100 / cores
        print(f"  {r['n']:4d}   {r['grading']:9.1f}   {r['grading'] / r['n']:12.2f}   "
              f"{r['grading'] / t * 1e3:7.2f}   {r['grading_cpu'] / r['n']:16.2f}   {idle:17.0f} s   "
              f"{over:15.2f}   {'under' if r['grading'] / r['n'] * 100 < 120 else 'OVER'} "
              f"({r['grading'] / r['n'] * 100:.0f} s per 100 at this load)")
    if rows:
        print(f"  ({rows[0]['tests']} tests per submission; grading: after the pre-flight; s/test = grading s "
              f"/ (N × tests), wall; CPU: the grader, every process it waited for and every test (the runners' "
              f"own count), the pre-flight's {base['cpu']:.0f} s taken off, plus each build at the breakdown's "
              f"{build_cpu:.2f} s (compilers run in a pid namespace, out of getrusage's sight); "
              f"'100 on {cores} idle cores' = CPU per submission × 100 / {cores}, what an unloaded machine "
              "would take at best)")
    if parts:
        print(f"\n  one test, piece by piece (ms per test, sequential, over the {ntests} tests of every "
              "chapter's reference; CPU: this process and its children):")
        print("     wall    CPU")
        for k, (w, c) in parts.items():
            print(f"    {w:6.2f} {c:6.2f}  {k}")
    ok = all(r["rows"] == r["n"] and r["distinct"] == r["files"] == r["units"] and not any(r["bad"].values())
             for r in rows)
    print(f"\nbench-grade: {'ok' if ok else 'PROBLEMS'} (every row written, every file distinct and graded once, "
          "no false fail, no false pass)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
