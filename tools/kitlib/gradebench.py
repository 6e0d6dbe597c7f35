"""make bench-grade — grade N synthetic submissions over every chapter and time it.

Each synthetic student has one file per chapter, drawn (fixed seed) from:
the reference (correct), the stub (not attempted), a mutant of
tests/mutants/<slug>.txt (a known mistake), or a hostile fixture of
tests/hostile/fixtures.py (exit, loops, fork bomb, memory hog, output flood, ...);
one in ten students hands in a .tar.gz or .zip instead of a folder.
Grading starts from an empty cache. Identical chapter files are graded once
(content-addressed), as in a real class where many hand in untouched stubs;
--distinct makes every file unique (a comment with the student's number) to
measure the cost without that sharing.
"""
import argparse
import io
import os
import random
import shutil
import sys
import tarfile
import tempfile
import time
import zipfile

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from kitlib import grade, mutants, sandbox  # noqa: E402
    from kitlib.chapters import ROOT  # noqa: E402
else:
    from . import grade, mutants, sandbox
    from .chapters import ROOT

sys.dont_write_bytecode = True   # no __pycache__ in tests/hostile
sys.path.insert(0, os.path.join(ROOT, "tests", "hostile"))


def variants(ch):
    """{kind: [(name, text)]} for one chapter (single-file chapters)."""
    import fixtures
    files = ch.student_files()
    if len(files) != 1:
        return None
    fname = files[0]
    ref = open(os.path.join(ch.solution_dir, fname)).read()
    stub = open(os.path.join(ch.exercise_dir, fname)).read()
    out = {"correct": [("correct", ref)], "stub": [("stub", stub)], "wrong": [], "hostile": []}
    spec = os.path.join(ROOT, "tests", "mutants", ch.slug + ".txt")
    if os.path.exists(spec):
        for m in mutants.parse(spec):
            if m.kind != "mistake" or (m.file and m.file != fname):
                continue
            lines = ref.split("\n")
            ok = True
            for old, new in m.edits:
                hits = [k for k, l in enumerate(lines) if l.strip() == old]
                if len(hits) != 1:
                    ok = False
                    break
                indent = lines[hits[0]][: len(lines[hits[0]]) - len(lines[hits[0]].lstrip())]
                lines[hits[0]] = indent + new.strip()
            if ok:
                out["wrong"].append((m.name, "\n".join(lines)))
    for fx in fixtures.FIXTURES:
        if fx[0] in ("correct", "network", "write-outside"):
            continue
        text, _, _ = fixtures.make_source(ref, fx, ch.slug, fname, ROOT)
        out["hostile"].append((fx[0], text))
    if not out["wrong"]:
        out["wrong"] = out["stub"]
    return fname, out


def make_submissions(dest, n, chs, distinct, seed=1):
    rng = random.Random(seed)
    pools = {}
    for ch in chs:
        v = variants(ch)
        if v:
            pools[ch.slug] = v
    kinds = [("correct", 40), ("stub", 20), ("wrong", 25), ("hostile", 15)]
    for k in range(n):
        files = {}
        for slug, (fname, pool) in pools.items():
            kind = rng.choices([a for a, _ in kinds], [w for _, w in kinds])[0]
            name, text = rng.choice(pool[kind])
            if distinct:
                text = f"/* student {k} */\n" + text
            files[f"exercises/{slug}/{fname}"] = text
        sid = f"student{k:03d}"
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
    return pools


def main(argv=None):
    ap = argparse.ArgumentParser(prog="bench-grade")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--san", type=int, default=1)
    ap.add_argument("--distinct", action="store_true")
    ap.add_argument("--keep", action="store_true")
    a = ap.parse_args(argv)
    tmp = tempfile.mkdtemp(prefix="kit-bench-")
    os.chmod(tmp, 0o755)
    subs, out = os.path.join(tmp, "submissions"), os.path.join(tmp, "grades")
    os.makedirs(subs)
    from .chapters import all_chapters
    chs = [c for c in all_chapters() if os.path.isdir(c.solution_dir) and os.path.exists(c.public_tests)]
    pools = make_submissions(subs, a.n, chs, a.distinct)
    level = sandbox.detect()
    load0 = os.getloadavg()[0]
    print(f"bench-grade: {a.n} submissions × {len(pools)} chapters ({', '.join(pools)}), "
          f"jobs {a.jobs}, sanitizers {'on' if a.san else 'off'}, sandbox {level}, "
          f"{'every file distinct' if a.distinct else 'identical files graded once'}; load {load0:.1f}")
    t0 = time.monotonic()
    res = grade.grade_all(subs, out, a.jobs, bool(a.san), sandbox.Limits(), level)
    el = time.monotonic() - t0
    units = len([f for f in os.listdir(os.path.join(out, "cache")) if f.endswith(".json")])
    rows = sum(1 for _ in open(os.path.join(out, "gradebook.csv"))) - 1
    by = {}
    for r in res:
        by[r["status"]] = by.get(r["status"], 0) + 1
    print(f"  wall {el:.1f} s · {el / max(1, a.n) * 1000:.0f} ms per submission · "
          f"{units} distinct chapter files built and run ({el * a.jobs / max(1, units):.2f} core-s each)")
    print(f"  gradebook rows {rows}/{a.n} · {', '.join(f'{v} {k}' for k, v in sorted(by.items()))}"
          f" · load {load0:.1f} → {os.getloadavg()[0]:.1f}")
    cost = {"build": 0.0, "run": 0.0}
    per_verdict = {}
    import json
    for f in os.listdir(os.path.join(out, "cache")):
        if f.endswith(".json"):
            d = json.load(open(os.path.join(out, "cache", f)))
            cost["build"] += d.get("build_seconds", 0.0)
            cost["run"] += d.get("run_seconds", 0.0)
            for t in d["tests"]:
                v = per_verdict.setdefault(t["verdict"], [0, 0.0])
                v[0] += 1
                v[1] += t["seconds"]
    print(f"  where the time goes (summed over workers): build {cost['build']:.0f} s, tests "
          f"{cost['run']:.0f} s — " + ", ".join(f"{k} {n}×{s / max(1, n) * 1000:.0f} ms"
                                                for k, (n, s) in sorted(per_verdict.items())))
    verdict = "under" if el < 120 else "OVER"
    print(f"  {a.n} × {len(pools)} chapters: {el:.1f} s, {verdict} the 120 s budget")
    if a.keep:
        print(f"  kept: {tmp}")
    else:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0 if rows == a.n else 1


if __name__ == "__main__":
    if __package__ in (None, ""):
        sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        import kitlib.gradebench as gb
        sys.exit(gb.main())
    sys.exit(main())
