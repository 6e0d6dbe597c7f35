"""make grade's class report: what the whole class got right and wrong, and which
submissions look alike. Written once at the end of every grading run, from the
students' results (grade.py) and the files the grader took from them.

    GRADES/class.html           the report (self-contained: figures embedded)
    GRADES/class.csv            one row per test: pass rate, verdict counts, hints
    GRADES/class-chapters.csv   one row per chapter: scores, where students stopped
    GRADES/class-hints.csv      one row per (test, hint id): how many students got it
    GRADES/class-similar.csv    the similar pairs (empty when none, or not computed)
    GRADES/class/               the figures' data (*.dat) and PNGs (gnuplot, plots/class-*.gp)
    GRADES/taken/<id>/<slug>/   the files the grader took from each student (kept by grade.py)

The verdict of a test, as counted here, is its grading verdict, except FAIL of a
function that still returns KIT_TODO (TODO: not written yet) and every test of a
chapter the student did not hand in (NOT SUBMITTED).

Similarity (Debian's similarity-tester, sim_c: it compares C token streams, so
layout, comments, identifier names and literal values make no difference). For
every chapter file, every pair of students is compared, after the text common
with the stub (exercises/NN/<file>: runs of >= STUB_RUN tokens sim_c finds
between a student's file and the stub) is blanked out of both: two untouched
stubs share nothing. A pair is listed when one of them consists for at least
GRADE_SIM percent (default 60; GRADE_SIM=0 turns the comparison off) of the
other's material and they share at least MIN_SHARED tokens; the runs of
>= PAIR_RUN tokens are given as line ranges of each file. Two copies of the
reference solution are such a pair: they are listed, and the columns "of the
reference" say how much of each file is the reference's.
"""
import base64
import csv
import html
import io
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

from kit.core import gnuplot as gp, verdict
from kit.core.verdict import V
from kit.core.chapters import ROOT, find
from kit.core.files import atomic_write
from kit.grading.templates import render

VERDICTS = [str(v) for v in verdict.REPORTED]
SECTION = re.compile(r"§(\d+)\.(\d+)")
NOT_HANDED_IN = ("missing", "not graded")         # chapter statuses: every test NOT SUBMITTED
UNREAD = ("rejected", "error", "empty")           # student statuses: no taken files to compare
SIM_DEFAULT = 60      # percent (GRADE_SIM)
PAIR_RUN = 24         # tokens: sim_c's own default minimum run
STUB_RUN = 12         # tokens: shorter, so that the stub's function headers are blanked too
MIN_SHARED = 50       # tokens a listed pair shares at least (a few lines of convergent checks do not count)
SIM_TIMEOUT = 600     # seconds for one sim_c run (300 students' files of one chapter: about 40 s)
HTML_PAIRS = 300      # pairs shown in class.html (all of them in class-similar.csv)
HTML_MISTAKES = 30    # hints shown in class.html (all of them in class-hints.csv)
FONT = "DejaVu Sans,11"   # as plots/plots.py


# -- the taken files ---------------------------------------------------------------

def taken(out, sid, *rest):
    """Where the files taken from student sid are kept: out/taken/<sid>/<slug>/<name>
    (beside students/, whose folders hold the feedback files only)."""
    return os.path.join(out, "taken", sid, *rest)


def save_taken(out, sid, per):
    """Keep what the grader took from student sid (per: {slug: {name: bytes}}) for the
    comparison after grading; readable by the grader's uid only."""
    top = taken(out, sid)
    try:
        shutil.rmtree(top, ignore_errors=True)
        for slug, files in per.items():
            for name, data in files.items():
                if os.path.basename(name) != name or name.startswith(".") or \
                        os.path.basename(slug) != slug or slug.startswith("."):
                    continue
                d = os.path.join(top, slug)
                os.makedirs(os.path.dirname(top), mode=0o700, exist_ok=True)
                os.makedirs(d, mode=0o700, exist_ok=True)
                fd = os.open(os.path.join(d, name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "wb") as f:
                    f.write(data)
    except OSError as ex:     # the grade does not depend on it: the comparison will lack this student
        print(f"grade: could not keep the files of {sid} for the similarity: {ex}",
              file=sys.stderr)


# -- counting ----------------------------------------------------------------------

def verdict_of(ch, t):
    if ch["status"] in NOT_HANDED_IN:
        return str(V.NOT_SUBMITTED)
    if t["verdict"] == V.FAIL and t.get("todo"):
        return str(V.TODO)
    return t["verdict"]


def hints_of(t):
    """{hint id: its text} of one test (the record's hints: the judge's KIT-HINT lines)."""
    return dict(t.get("hints") or {})


def book_target(number, slug, section):
    """"build/book/<slug>.html#sec-N.M" (relative to the kit) for a §N.M: chapter N's page."""
    m = SECTION.search(section or "")
    if not m:
        return None
    ch = find(m.group(1)) if int(m.group(1)) != number else None
    page_slug = ch.slug if ch else slug
    return f"build/book/{page_slug}.html#sec-{m.group(1)}.{m.group(2)}"


def chapter_state(ch):
    """full | partial | none (attempted, nothing passes) | todo (not started) | missing."""
    if ch["status"] in NOT_HANDED_IN:
        return "missing"
    passed = sum(t["verdict"] == V.PASS for t in ch["tests"])
    if ch["tests"] and passed == len(ch["tests"]):
        return "full"
    if passed:
        return "partial"
    if all(verdict_of(ch, t) == V.TODO for t in ch["tests"]):
        return "todo"
    return "none"


def analyse(results, slugs):
    """Everything the report shows but the similarity: a dict of plain rows."""
    n = len(results)
    meta = {}                   # slug -> (number, the tests' metadata in order)
    for r in results:
        for ch in r["chapters"]:
            if ch["tests"] and ch["chapter"] not in meta:
                meta[ch["chapter"]] = (ch["number"], ch["tests"])
    slugs = [s for s in slugs if s in meta] + sorted(s for s in meta if s not in slugs)
    got = {r["student"]: {ch["chapter"]: ch for ch in r["chapters"]} for r in results}
    states = {sid: {s: chapter_state(chs[s]) if s in chs else "missing" for s in slugs}
              for sid, chs in got.items()}
    stopped = {sid: next((s for s in slugs if st[s] not in ("full", "partial")), None)
               for sid, st in states.items()}
    reached = {sid: next((s for s in reversed(slugs) if st[s] in ("full", "partial")), None)
               for sid, st in states.items()}
    tests, hints, mistakes, chapters = [], [], {}, []
    for slug in slugs:
        number, tmeta = meta[slug]
        per_verdict = {v: 0 for v in VERDICTS}
        who = {v: set() for v in VERDICTS}          # verdict -> students with it at least once
        for tm in tmeta:
            counts = {v: 0 for v in VERDICTS}
            given = {}          # hint id -> [students, text]
            for r in results:
                ch = got[r["student"]].get(slug)
                t = next((x for x in ch["tests"] if x["name"] == tm["name"]), None) if ch else None
                v = verdict_of(ch, t) if t else str(V.NOT_SUBMITTED)
                for hid, text in (hints_of(t).items() if t else ()):
                    given.setdefault(hid, [0, text])[0] += 1
                    m = mistakes.setdefault((number, slug, hid), {"students": set(), "tests": [], "text": text,
                                                                  "sections": []})
                    m["students"].add(r["student"])
                    if tm["name"] not in m["tests"]:
                        m["tests"].append(tm["name"])
                    if tm["section"] not in m["sections"]:   # a hint's "(see §N.M)" is its test's section
                        m["sections"].append(tm["section"])
                counts[v] = counts.get(v, 0) + 1
                per_verdict[v] = per_verdict.get(v, 0) + 1
                who.setdefault(v, set()).add(r["student"])
            top = sorted(given.items(), key=lambda kv: (-kv[1][0], kv[0]))
            tests.append({"chapter": slug, "number": number, "test": tm["name"], "kind": tm["kind"],
                          "points": tm["points"], "section": tm["section"],
                          "book": book_target(number, slug, tm["section"]) or "",
                          "functions": " ".join(tm["functions"]), "what": tm["what"], "students": n,
                          "passed": counts[V.PASS],
                          "pass_rate": f"{100.0 * counts['PASS'] / n:.1f}" if n else "0.0",
                          "verdicts": counts, "hints_given": sum(c for c, _ in given.values()),
                          "hints": " ".join(f"{hid}:{c}" for hid, (c, _) in top)})
            for hid, (c, text) in top:
                hints.append({"chapter": slug, "number": number, "test": tm["name"], "hint": hid,
                              "students": c, "section": tm["section"],
                              "book": book_target(number, slug, tm["section"]) or "", "text": text})
        pts = [got[r["student"]][slug]["points"] if slug in got[r["student"]] else 0 for r in results]
        st = [states[r["student"]][slug] for r in results]
        chapters.append({
            "chapter": slug, "number": number, "students": n,
            "submitted": sum(s != "missing" for s in st), "max_points": sum(t["points"] for t in tmeta),
            "mean_points": f"{statistics.mean(pts):.2f}" if pts else "0.00",
            "median_points": f"{statistics.median(pts):g}" if pts else "0",
            "full": st.count("full"), "partial": st.count("partial"), "no_pass": st.count("none"),
            "not_started": st.count("todo"), "not_submitted": st.count("missing"),
            "stopped_here": sum(stopped[r["student"]] == slug for r in results),
            "last_with_a_pass": sum(reached[r["student"]] == slug for r in results),
            "students_build_error": len(who[V.BUILD_ERROR]),
            "students_crash": len(who[V.CRASH] | who[V.SANITIZER]),
            "students_timeout": len(who[V.TIMEOUT]),
            "verdicts": per_verdict})
    common = []
    for (number, slug, hid), m in mistakes.items():
        common.append({"chapter": slug, "number": number, "hint": hid, "students": len(m["students"]),
                       "tests": m["tests"], "text": m["text"],
                       "sections": [(w, book_target(number, slug, w) or "") for w in sorted(m["sections"])]})
    common.sort(key=lambda g: (-g["students"], g["number"], g["hint"]))
    totals = [r["total"] for r in results]
    maxt = max((r["max_total"] for r in results), default=0)
    bins = [0] * 10
    for t in totals:
        bins[min(9, int(10 * t / maxt)) if maxt else 0] += 1
    return {"n": n, "slugs": slugs, "tests": tests, "hints": hints, "mistakes": common,
            "chapters": chapters, "totals": totals, "max_total": maxt, "bins": bins,
            "finished": sum(stopped[r["student"]] is None for r in results),
            "never_passed": sum(reached[r["student"]] is None for r in results)}


# -- similarity --------------------------------------------------------------------

SIM = ""               # grade.py --sim (make grade GRADE_SIM=...): "" is SIM_DEFAULT


def sim_threshold():
    raw = str(SIM).strip()
    if not raw:
        return SIM_DEFAULT, None
    if raw.lower() in ("0", "off", "no"):
        return 0, None
    try:
        v = float(raw.rstrip("%"))
        if 0 < v <= 100:
            return v, None
    except ValueError:
        pass
    return SIM_DEFAULT, f"GRADE_SIM={raw} is not a percentage from 1 to 100: {SIM_DEFAULT} % used"


def _sim(args, cwd):
    r = subprocess.run(["sim_c"] + args, cwd=cwd, capture_output=True, text=True, errors="replace",
                       timeout=SIM_TIMEOUT)
    if r.returncode != 0:
        raise RuntimeError(f"sim_c {' '.join(args[:6])} …: exit {r.returncode}: {r.stderr.strip()[:200]}")
    return r.stdout


RUN = re.compile(r"^(\S+): line (\d+)-(\d+)\s*\|(\S+): line (\d+)-(\d+)\s*\[(\d+)\]", re.M)
PCT = re.compile(r"^(\S+) consists for (\d+) % of (\S+) material", re.M)
TOKENS = re.compile(r"^File (\S+): (\d+) tokens", re.M)


def _mask(work, names, stub):
    """Blank, in each of names (files in work/), the lines sim_c matches against the
    stub; write them to work/m/. Line numbers stay those of the original files."""
    blank = {n: set() for n in names}
    if os.path.exists(os.path.join(work, stub)):
        for m in RUN.finditer(_sim(["-S", "-n", "-r", str(STUB_RUN)] + names + ["/", stub], work)):
            if m.group(1) in blank and m.group(4) == stub:
                blank[m.group(1)].update(range(int(m.group(2)), int(m.group(3)) + 1))
    os.makedirs(os.path.join(work, "m"), exist_ok=True)
    for n in names:
        with open(os.path.join(work, n), errors="replace") as f:
            lines = f.read().split("\n")
        with open(os.path.join(work, "m", n), "w") as f:
            f.write("\n".join("" if k in blank[n] else l for k, l in enumerate(lines, 1)))


def similarity(out, results, slugs, threshold):
    """[pair dicts], one per listed pair (chapter, file, a, b, percentages, regions)."""
    pairs = []
    live = [r["student"] for r in results if r.get("status") not in UNREAD]
    for slug in slugs:
        ch = find(slug)
        names = sorted({n for sid in live
                        for n in _listdir(taken(out, sid, slug))})
        for name in names:
            owners = [sid for sid in live
                      if os.path.isfile(taken(out, sid, slug, name))]
            if len(owners) < 2:
                continue
            pairs += _compare(out, slug, name, owners, ch, threshold)
    pairs.sort(key=lambda p: (p["number"], p["file"], -max(p["a_in_b"], p["b_in_a"]), -p["shared_tokens"]))
    return pairs


def _listdir(d):
    return sorted(os.listdir(d)) if os.path.isdir(d) else []


def _compare(out, slug, name, owners, ch, threshold):
    with tempfile.TemporaryDirectory(prefix="kit-sim-") as work:
        files = {}
        for k, sid in enumerate(owners):
            files[f"s{k}.c"] = sid
            shutil.copyfile(taken(out, sid, slug, name), os.path.join(work, f"s{k}.c"))
        stub = os.path.join(ch.exercise_dir, name) if ch else ""
        ref = os.path.join(ch.solution_dir, name) if ch else ""
        if os.path.exists(stub):
            shutil.copyfile(stub, os.path.join(work, "stub.c"))
        names = list(files)
        if os.path.exists(ref):
            shutil.copyfile(ref, os.path.join(work, "ref.c"))
            names.append("ref.c")
        _mask(work, names, "stub.c")
        mw = os.path.join(work, "m")
        args = ["-p", "-a", "-e", "-s", "-t", "1", "-r", str(PAIR_RUN)] + list(files)
        if "ref.c" in names:
            args += ["/", "ref.c"]
        text = _sim(args, mw)
        tokens = {m.group(1): int(m.group(2)) for m in TOKENS.finditer(text)}
        pct = {(m.group(1), m.group(3)): int(m.group(2)) for m in PCT.finditer(text)}
        found = []
        keys = list(files)
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                ab, ba = pct.get((a, b), 0), pct.get((b, a), 0)
                shared = max(ab * tokens.get(a, 0), ba * tokens.get(b, 0)) / 100.0
                if max(ab, ba) < threshold or shared < MIN_SHARED:
                    continue
                found.append({"chapter": slug, "number": ch.number if ch else int(slug[:2]), "file": name,
                              "a": files[a], "b": files[b], "a_in_b": ab, "b_in_a": ba,
                              "a_tokens": tokens.get(a, 0), "b_tokens": tokens.get(b, 0),
                              "a_reference": pct.get((a, "ref.c"), 0), "b_reference": pct.get((b, "ref.c"), 0),
                              "shared_tokens": int(round(shared)), "regions": [], "_keys": (a, b)})
        if found:
            # the runs of every listed pair, each pair compared in isolation (-e), in one sim_c
            involved = sorted({k for f in found for k in f["_keys"]}, key=keys.index)
            runs = {}
            for m in RUN.finditer(_sim(["-e", "-s", "-n", "-r", str(PAIR_RUN)] + involved, mw)):
                runs.setdefault((m.group(1), m.group(4)), []).append(
                    (int(m.group(2)), int(m.group(3)), int(m.group(5)), int(m.group(6)), int(m.group(7))))
            for f in found:
                a, b = f.pop("_keys")
                f["regions"] = sorted(runs.get((a, b), []) +
                                      [(x[2], x[3], x[0], x[1], x[4]) for x in runs.get((b, a), [])])
        return found


# -- figures -----------------------------------------------------------------------

def gnuplot(script, size, png, variables):
    """Draw plots/<script> to png; None, or why not."""
    if not shutil.which("gnuplot"):
        return "gnuplot is not installed (bash tools/deps.sh grade installs it)"
    r = gp.run(os.path.join("plots", script), f"pngcairo size {size[0]},{size[1]} noenhanced font '{FONT}'",
               png, variables)
    if r.returncode != 0 or not os.path.exists(png):
        return f"gnuplot failed on plots/{script}: {r.stderr.strip()[-300:]}"
    return None


def figures(fig_dir, a):
    """{name: (png path or None, why not)} — writes the data files first, always."""
    os.makedirs(fig_dir, exist_ok=True)
    figs = {}
    maxt = a["max_total"]
    with open(os.path.join(fig_dir, "scores.dat"), "w") as f:
        f.write("# low high students   (total score, percent of the maximum)\n")
        for k, c in enumerate(a["bins"]):
            f.write(f"{10 * k} {10 * k + 10} {c}\n")
    with open(os.path.join(fig_dir, "progress.dat"), "w") as f:
        f.write('chapter "all passed" "some passed" "none passed" "not started" "not submitted"\n')
        for c in a["chapters"]:
            f.write(f'"{c["number"]}" {c["full"]} {c["partial"]} {c["no_pass"]} {c["not_started"]} '
                    f'{c["not_submitted"]}\n')
    ystep = max(1, -(-max(a["bins"] + [1]) // 8))
    jobs = [("scores", "class-scores.gp", (900, 420),
             {"students": a["n"], "max_points": maxt, "ystep": ystep})]
    top = max((c["students"] for c in a["chapters"]), default=1)
    jobs.append(("progress", "class-progress.gp", (max(560, 110 * len(a["chapters"]) + 300), 420),
                 {"students": a["n"], "ystep": max(1, -(-top // 8))}))
    for c in a["chapters"]:
        rows = [t for t in a["tests"] if t["chapter"] == c["chapter"]]
        name = f"pass-{c['chapter']}"
        with open(os.path.join(fig_dir, name + ".dat"), "w") as f:
            f.write("# index test pass_rate(%) hidden(0/1)\n")
            for k, t in enumerate(rows):
                f.write(f'{k} "{t["test"]}" {t["pass_rate"]} {int(t["kind"] == "hidden")}\n')
        jobs.append((name, "class-pass-rate.gp", (900, 120 + 22 * len(rows)),
                     {"FILE": name + ".dat", "title": f"Chapter {c['number']} · {c['chapter']}: "
                      f"students passing each test (of {a['n']})", "ntests": len(rows)}))
    for name, script, size, var in jobs:
        png = os.path.join(fig_dir, name + ".png")
        if os.path.exists(png):
            os.remove(png)
        if a["n"] == 0:        # an empty folder: nothing to draw (gnuplot fails on empty bars)
            figs[name] = (None, "no student was graded: nothing to draw")
            continue
        why = gnuplot(script, size, png, dict(var, DATA=fig_dir))
        figs[name] = (None if why else png, why)
    return figs


# -- writing -----------------------------------------------------------------------

def _csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    atomic_write(path, buf.getvalue())


def write_csvs(out, a, pairs):
    vs = [v for v in VERDICTS if v != V.PASS]
    _csv(os.path.join(out, "class.csv"),
         ["chapter", "test", "kind", "points", "section", "book", "functions", "students", "passed",
          "pass_rate"] + vs + ["hints_given", "hints"],
         [[t["chapter"], t["test"], t["kind"], t["points"], t["section"], t["book"], t["functions"],
           t["students"], t["passed"], t["pass_rate"]] + [t["verdicts"].get(v, 0) for v in vs] +
          [t["hints_given"], t["hints"]] for t in a["tests"]])
    ckeys = ["chapter", "students", "submitted", "max_points", "mean_points", "median_points", "full",
             "partial", "no_pass", "not_started", "not_submitted", "stopped_here", "last_with_a_pass",
             "students_build_error", "students_crash", "students_timeout"]
    _csv(os.path.join(out, "class-chapters.csv"), ckeys + VERDICTS,
         [[c[k] for k in ckeys] + [c["verdicts"].get(v, 0) for v in VERDICTS] for c in a["chapters"]])
    _csv(os.path.join(out, "class-hints.csv"),
         ["chapter", "test", "hint", "students", "section", "book", "text"],
         [[h["chapter"], h["test"], h["hint"], h["students"], h["section"], h["book"], h["text"]]
          for h in sorted(a["hints"], key=lambda h: (-h["students"], h["chapter"], h["test"], h["hint"]))])
    _csv(os.path.join(out, "class-similar.csv"),
         ["chapter", "file", "student_a", "student_b", "a_in_b", "b_in_a", "a_tokens", "b_tokens",
          "a_of_reference", "b_of_reference", "shared_tokens", "regions"],
         [[p["chapter"], p["file"], p["a"], p["b"], p["a_in_b"], p["b_in_a"], p["a_tokens"], p["b_tokens"],
           p["a_reference"], p["b_reference"], p["shared_tokens"],
           " ".join(f"a{x[0]}-{x[1]}=b{x[2]}-{x[3]}" for x in p["regions"])] for p in pairs])


def _table(head, body, numeric=()):
    """An HTML table (cells already escaped; the columns in numeric right-aligned) in a
    box that scrolls sideways when it is too wide."""
    rows = ["<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "</tr>"]
    for r in body:
        rows.append("<tr>" + "".join(f"<td{' class=n' if k in numeric else ''}>{c}</td>"
                                     for k, c in enumerate(r)) + "</tr>")
    return "<div class='wide'><table>" + "".join(rows) + "</table></div>"


def _img(figs, name, alt):
    png, why = figs.get(name, (None, "not drawn"))
    if not png:
        return f"<p class='note'>[figure “{html.escape(alt)}” missing: {html.escape(why or '')}]</p>"
    with open(png, "rb") as f:
        data = base64.b64encode(f.read()).decode()
    return f"<p><img alt='{html.escape(alt)}' src='data:image/png;base64,{data}'></p>"


def _section_link(out, sec, target):
    e = html.escape
    if not target:
        return e(sec)
    page = os.path.join(ROOT, target.split("#")[0])
    href = os.path.relpath(page, out) + "#" + target.split("#")[1]
    built = "" if os.path.exists(page) else " <small>(make book builds it)</small>"
    return f"<a href='{e(href)}'>{e(sec)}</a>{built}"


def _excerpt(path, lo, hi, limit=40):
    try:
        with open(path, errors="replace") as f:
            lines = f.read().split("\n")
    except OSError:
        return "(file not readable)"
    part = lines[lo - 1:min(hi, lo - 1 + limit)]
    more = f"\n… {hi - lo + 1 - limit} more lines" if hi - lo + 1 > limit else ""
    return "\n".join(f"{lo + k:4d}  {l}" for k, l in enumerate(part)) + more


def _chapter(c):
    return f"{c['number']} · {html.escape(c['chapter'])}"


def write_html(out, a, pairs, figs, sim_note, threshold, meta_line):
    """class.html, from kit/grading/templates/class.html (string.Template): the page and its
    prose there, the tables and figures made here."""
    e = html.escape
    tot = a["totals"]
    totals = (f"<p>Total scores out of {a['max_total']}: mean {statistics.mean(tot):.1f}, median "
              f"{statistics.median(tot):g}, lowest {min(tot)}, highest {max(tot)}; "
              f"{sum(t == a['max_total'] for t in tot)} full marks, {sum(t == 0 for t in tot)} zero. "
              f"{a['finished']} passed something in every chapter; {a['never_passed']} passed nothing.</p>\n"
              if tot else "")
    bins = _table(["total score (% of the maximum)", "students"],
                  [[f"{10 * k}–{10 * k + 10}{' (incl.)' if k == 9 else ''}", c]
                   for k, c in enumerate(a["bins"])], {1})
    cols = [("submitted", "submitted"), ("mean_points", "mean"), ("max_points", "max"),
            ("full", "all passed"), ("partial", "some passed"), ("no_pass", "none passed"),
            ("not_started", "not started"), ("not_submitted", "not submitted"),
            ("stopped_here", "stopped here"), ("last_with_a_pass", "last with a pass")]
    chapters_table = _table(["chapter"] + [h for _, h in cols],
                            [[_chapter(c)] + [e(str(c[k])) for k, _ in cols] for c in a["chapters"]],
                            range(1, len(cols) + 1))
    used = [v for v in VERDICTS if any(c["verdicts"].get(v) for c in a["chapters"])]
    verdicts_table = _table(["chapter"] + used + ["students: build error", "students: crash",
                                                  "students: time limit"],
                            [[_chapter(c)] + [c["verdicts"].get(v, 0) for v in used] +
                             [c["students_build_error"], c["students_crash"], c["students_timeout"]]
                             for c in a["chapters"]], range(1, len(used) + 4))

    mistakes = a["mistakes"]
    M = []
    if mistakes:
        M.append("<p class='note'>The hints the tests gave (“hint (id)” lines), by how many students got "
                 "each (in any of its tests); the section to revisit in the book.</p>")
        M.append(_table(["students", "chapter", "hint", "revisit", "tests", "what it says"],
                        [[g["students"], e(g["chapter"]), e(g["hint"]),
                          ", ".join(_section_link(out, sec, book) for sec, book in g["sections"]),
                          e(", ".join(g["tests"])), e(g["text"])] for g in mistakes[:HTML_MISTAKES]], {0}))
        if len(mistakes) > HTML_MISTAKES:
            M.append(f"<p class='note'>… {len(mistakes) - HTML_MISTAKES} more in class-hints.csv.</p>")
    else:
        M.append("<p>No test gave a hint.</p>")

    S, body, shown = [], [], []
    for k, p in enumerate(pairs[:HTML_PAIRS], 1):
        fa = os.path.relpath(taken(out, p["a"], p["chapter"], p["file"]), out)
        fb = os.path.relpath(taken(out, p["b"], p["chapter"], p["file"]), out)
        ref = (" <small>(both mostly the reference)</small>"
               if min(p["a_reference"], p["b_reference"]) >= threshold else "")
        regs = "<br>".join(f"A {la}–{ha} ↔ B {lb}–{hb} <small>({n} tokens)</small>"
                           for la, ha, lb, hb, n in p["regions"])
        body.append([f"<a href='#pair-{k}'>{k}</a>", f"{p['number']} · {e(p['file'])}",
                     f"<a href='{e(fa)}'>{e(p['a'])}</a>", f"<a href='{e(fb)}'>{e(p['b'])}</a>",
                     f"<b class='bad'>{p['a_in_b']} %</b>", f"<b class='bad'>{p['b_in_a']} %</b>",
                     f"{p['a_tokens']} / {p['b_tokens']}", f"{p['a_reference']} % / {p['b_reference']} %{ref}",
                     regs])
        shown.append(f"<details id='pair-{k}'><summary>{k}. chapter {p['number']}, {e(p['file'])}: "
                     f"{e(p['a'])} (A) and {e(p['b'])} (B), the matching regions</summary>" + "".join(
                         f"<p>A lines {la}–{ha}, B lines {lb}–{hb} ({n} tokens)</p><div class='cmp'>"
                         f"<div><pre>{e(_excerpt(os.path.join(out, fa), la, ha))}</pre></div>"
                         f"<div><pre>{e(_excerpt(os.path.join(out, fb), lb, hb))}</pre></div></div>"
                         for la, ha, lb, hb, n in p["regions"]) + "</details>")
    if body:
        S.append(_table(["", "chapter · file", "A", "B", "A in B", "B in A", "own tokens A / B",
                         "of the reference A / B", "matching regions (lines)"], body, {0, 4, 5, 6, 7}))
        S += shown
    if len(pairs) > HTML_PAIRS:
        S.append(f"<p class='note'>… {len(pairs) - HTML_PAIRS} more pairs in class-similar.csv.</p>")

    P = []
    for c in a["chapters"]:
        P.append(f"<h3>Chapter {_chapter(c)}</h3>" +
                 _img(figs, f"pass-{c['chapter']}", f"pass rate, chapter {c['number']}"))
        rows = [[f"{e(t['test'])}{' <small>(hidden)</small>' if t['kind'] == 'hidden' else ''}"
                 f"<br><small>{e(t['what'])}</small>", t["points"], _section_link(out, t["section"], t["book"]),
                 f"{t['passed']}/{t['students']}", f"{t['pass_rate']} %",
                 e(", ".join(f"{v} {n}" for v, n in t["verdicts"].items() if n and v != V.PASS)),
                 e(", ".join(h.replace(":", " ×") for h in t["hints"].split()))]
                for t in a["tests"] if t["chapter"] == c["chapter"]]
        P.append(_table(["test", "points", "section", "passed", "pass rate", "other verdicts",
                         "hints (students)"], rows, {1, 3, 4}))
    page = render("class.html", n=a["n"], plural="s" if a["n"] != 1 else "", meta=e(meta_line), totals=totals,
                  scores_img=_img(figs, "scores", "score distribution"), bins_table=bins,
                  progress_img=_img(figs, "progress", "progress"), chapters_table=chapters_table,
                  verdicts_table=verdicts_table, mistakes="\n".join(M), sim_note=e(sim_note),
                  similar="".join(x + "\n" for x in S), pass_rates="".join(x + "\n" for x in P))
    atomic_write(os.path.join(out, "class.html"), page)


def write(out, results, chs, quiet=False):
    """The class report of one grading run into out/. Never raises: a failure is
    one line on stderr (the gradebook is written already). Returns the report's
    path, or None."""
    try:
        return _write(out, results, [c.slug if hasattr(c, "slug") else c for c in chs], quiet)
    except Exception as ex:  # noqa: BLE001 — the grades stand without the report
        print(f"grade: the class report failed: {ex!r}", file=sys.stderr)
        return None


def _write(out, results, slugs, quiet):
    a = analyse(results, slugs)
    threshold, warn = sim_threshold()
    pairs, why = [], None
    if not threshold:
        why = "not computed (GRADE_SIM=0)"
    elif not shutil.which("sim_c"):
        why = "not computed: sim_c is missing (Debian package similarity-tester; bash tools/deps.sh grade installs it)"
    else:
        try:
            pairs = similarity(out, results, a["slugs"], threshold)
        except (RuntimeError, OSError, subprocess.TimeoutExpired) as ex:
            why = f"not computed: {ex}"
    if why:
        note = f"Similarity {why}."
    else:
        note = (f"sim_c (similarity-tester) compared every pair of students' chapter files as C tokens "
                f"(layout, comments, identifier names and literal values make no difference). Text common "
                f"with the stub (runs of ≥ {STUB_RUN} tokens shared with exercises/NN/<file>) is left out of "
                f"both files first, so untouched stubs share nothing. Listed: pairs where one file consists "
                f"for at least {threshold:g} % (GRADE_SIM) of the other's material, sharing at least "
                f"{MIN_SHARED} tokens; regions are runs of ≥ {PAIR_RUN} tokens. Two copies of the reference "
                f"solution are a similar pair and are listed (“of the reference”: how much of each file is "
                f"the reference's). {len(pairs)} pair{'s' if len(pairs) != 1 else ''} listed.")
    if warn:
        note += " " + warn
    figs = figures(os.path.join(out, "class"), a)
    write_csvs(out, a, pairs)
    first = results[0] if results else {}
    meta = (f"Chapters {', '.join(a['slugs'])} · kit {first.get('kit_version', '?')} · sandbox "
            f"{first.get('sandbox', '?')}")
    write_html(out, a, pairs, figs, note, threshold, meta)
    missing = sorted({why for _, why in figs.values() if why})
    if not quiet:
        page = os.path.join(out, "class.html")
        if page.startswith(os.getcwd() + os.sep):
            page = os.path.relpath(page)
        print(f"grade: class report {page}: "
              + (f"{len(pairs)} similar pair(s) at ≥ {threshold:g} %" if not why else f"similarity {why}")
              + (f"; figures missing: {missing[0]}" if missing else "") + (f"; {warn}" if warn else ""),
              file=sys.stderr)
    return os.path.join(out, "class.html")
