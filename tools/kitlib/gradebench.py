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
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import zipfile

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from kitlib import build, grade, mutants, run, sandbox  # noqa: E402
    from kitlib.chapters import ROOT, all_chapters  # noqa: E402
else:
    from . import build, grade, mutants, run, sandbox
    from .chapters import ROOT, all_chapters

sys.dont_write_bytecode = True   # no __pycache__ in tests/hostile
sys.path.insert(0, os.path.join(ROOT, "tests", "hostile"))

KINDS = [("correct", 45), ("mistake", 35), ("stub", 10), ("hostile", 10)]
SKIP_FIXTURES = ("correct", "network", "write-outside")   # harmless escapes: graded in suite_grading
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
    t0 = time.monotonic()
    with contextlib.redirect_stderr(tee):
        res = grade.grade_all(subs, out, jobs, san, sandbox.Limits(), level)
    wall = time.monotonic() - t0
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
    return {"n": n, "wall": wall, "pre": pre, "grading": wall - pre, "units": units,
            "distinct": distinct, "files": n * len(slugs), "tests": tests, "rows": rows,
            "cost": cost, "verdicts": verdicts, "bad": bad, "load": (load0, os.getloadavg()[0]),
            "slugs": slugs}


# -- the cost of one test, piece by piece --------------------------------------------

def _per_run(argv, k, env=None):
    t = time.monotonic()
    for _ in range(k):
        subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return (time.monotonic() - t) / k


def breakdown(chs, san):
    """ms per test of each piece, over every chapter's reference (sequential, one core)."""
    tmp = tempfile.mkdtemp(prefix="kit-bench-parts-", dir="/var/tmp" if os.path.isdir("/var/tmp") else None)
    os.chmod(tmp, 0o755)
    try:
        flags = build.SAN if san else []
        tiny = os.path.join(tmp, "tiny.c")
        with open(tiny, "w") as f:
            f.write("int main(void) { return 0; }\n")
        for name, fl in (("plain", []), ("san", flags)):
            subprocess.run(build.cc() + fl + [tiny, "-o", os.path.join(tmp, name)], check=True)
        env = sandbox.Sandbox("rlimits", san=san).env(run._env(leaks=False))
        out = {"exec (a C program that returns 0)": _per_run([os.path.join(tmp, "plain")], 200) * 1e3,
               "+ sanitizer runtime init": (_per_run([os.path.join(tmp, "san")], 200, env) -
                                            _per_run([os.path.join(tmp, "plain")], 200)) * 1e3}
        bw = sandbox._bwrap_base() + sandbox._bwrap_end() + ["--", "/bin/true"]
        out["bwrap start (once per chapter and submission)"] = \
            (_per_run(bw, 50) - _per_run(["/bin/true"], 50)) * 1e3
        direct = sandboxed = judged = builds = 0.0
        n = 0
        level = sandbox.detect()
        shutil.copytree(os.path.join(ROOT, "tools", "sandbox"), os.path.join(tmp, "runner"))
        for ch in chs:
            jb = build.judge(ch, True)
            tests = run.manifest(jb["judge"])
            d = os.path.join(tmp, ch.slug)
            os.makedirs(os.path.join(d, "logs"))
            t = time.monotonic()
            sb = build.subject(ch, os.path.join(ROOT, "solutions"), "bench", jb, san=san,
                               out_dir=os.path.join(d, "bin"))
            builds += time.monotonic() - t
            for dirpath, _, files in os.walk(tmp):
                os.chmod(dirpath, 0o755)
                for f in files:
                    os.chmod(os.path.join(dirpath, f), 0o755)
            t = time.monotonic()
            for x in tests:
                subprocess.run([sb["subject"], "--run", x.name, "--log", os.path.join(d, "direct.rec")],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=d)
            direct += time.monotonic() - t
            S = sandbox.Sandbox(level, sandbox.Limits(), san, slots=1)
            S.runner_dir = os.path.join(tmp, "runner")
            logs = os.path.join(d, "logs")
            with S.slot(logs):
                t = time.monotonic()
                rs = [run.run_test(x, jb["judge"], sb["subject"], logs, 1, d, S) for x in tests]
                sandboxed += time.monotonic() - t
                t = time.monotonic()
                run.judge_all(jb["judge"], rs)
                judged += time.monotonic() - t
            if any(r.verdict != "PASS" for r in rs):
                print(f"  (breakdown: the reference of {ch.slug} did not pass in the sandbox: "
                      f"{[(r.test.name, r.verdict) for r in rs if r.verdict != 'PASS'][:2]})")
            n += len(tests)
        out["test run directly (start + sanitizer init + the test)"] = direct / n * 1e3
        out[f"the same test through the sandbox ({level}: runner, uid, limits, cleaning)"] = sandboxed / n * 1e3
        out["sandbox overhead per test (the line above minus the direct run)"] = (sandboxed - direct) / n * 1e3
        out["judge replay per test (one --batch judge per chapter)"] = judged / n * 1e3
        out[f"build per chapter (compile + link{', sanitizers' if san else ''}; no sandbox)"] = \
            builds / max(1, len(chs)) * 1e3
        return out, n
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="bench-grade")
    ap.add_argument("--n", default="100", help="submissions, or a list: 10,50,100")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--san", type=int, default=1)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("--no-breakdown", action="store_true")
    a = ap.parse_args(argv)
    ns = [int(x) for x in re.split(r"[,\s]+", str(a.n).strip()) if x]
    chs = [c for c in all_chapters() if os.path.isdir(c.solution_dir) and os.path.exists(c.public_tests)]
    san = bool(a.san)
    print(f"bench-grade: N = {', '.join(map(str, ns))} unique submissions × {len(chs)} chapters, "
          f"jobs {a.jobs} ({os.cpu_count()} cores), sanitizers {'on' if san else 'off'}, "
          f"sandbox {sandbox.detect()}; a fresh GRADES per N; load {os.getloadavg()[0]:.1f}")
    rows = []
    for n in ns:
        r = grade_once(n, chs, a.jobs, san, a.keep)
        rows.append(r)
        print(f"  N={n}: {r['rows']}/{n} gradebook rows, {r['units']} chapter files built and run "
              f"({r['distinct']} distinct of {r['files']}), pre-flight {r['pre']:.1f} s, "
              f"load {r['load'][0]:.1f} → {r['load'][1]:.1f}; build {r['cost']['build']:.0f} s + tests "
              f"{r['cost']['run']:.0f} s summed over workers; "
              + ", ".join(f"{v} {k}" for k, v in sorted(r["verdicts"].items())))
        for k, v in r["bad"].items():
            if v:
                print(f"  N={n}: {v} {k}")
    parts, ntests = ({}, 0) if a.no_breakdown else breakdown(chs, san)
    over = parts.get("sandbox overhead per test (the line above minus the direct run)")
    print()
    print("     N   grading s   s/submission   ms/test   core-s/submission   sandbox ms/test   budget 120 s")
    for r in rows:
        t = r["n"] * max(1, r["tests"])
        print(f"  {r['n']:4d}   {r['grading']:9.1f}   {r['grading'] / r['n']:12.2f}   "
              f"{r['grading'] / t * 1e3:7.2f}   {r['grading'] * a.jobs / r['n']:17.2f}   "
              f"{over if over is not None else float('nan'):15.2f}   "
              f"{'under' if r['grading'] < 120 else 'OVER'} ({r['grading'] / r['n'] * 100:.0f} s per 100)")
    if rows:
        print(f"  ({rows[0]['tests']} tests per submission; grading s: after the pre-flight, which is "
              + ", ".join(f"{r['pre']:.1f}" for r in rows) + " s; s/test = grading s / (N × tests), wall)")
    if parts:
        print(f"\n  one test, piece by piece (ms, sequential, over the {ntests} tests of every "
              "chapter's reference):")
        for k, v in parts.items():
            print(f"    {v:8.2f}  {k}")
    ok = all(r["rows"] == r["n"] and r["distinct"] == r["files"] == r["units"] and not any(r["bad"].values())
             for r in rows)
    return 0 if ok else 1


if __name__ == "__main__":
    if __package__ in (None, ""):
        sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        import kitlib.gradebench as gb
        sys.exit(gb.main())
    sys.exit(main())
