"""make grade's exports: what each student gets (feedback.md/.html, Gradescope
results.json, JUnit XML, TAP) and the instructor's gradebook.csv. Pure
functions of a student's result dict (see grade.py), so each can be tested
on its own."""
import csv
import html
import io
import json
import os
import re

from kit.core import figures
from kit.core.verdict import V
from kit.core.files import atomic_write
from kit.grading.templates import render


_atomic_write = atomic_write     # the one atomic write (kit/core/files.py)


def verdict_word(t):
    return t["verdict"]


def write_outputs(g, sdir, res):
    os.makedirs(sdir, exist_ok=True)
    _atomic_write(os.path.join(sdir, "feedback.md"), feedback_md(res))
    _atomic_write(os.path.join(sdir, "feedback.html"), feedback_html(res))
    _atomic_write(os.path.join(sdir, "results.json"), json.dumps(gradescope_json(res), indent=1))
    _atomic_write(os.path.join(sdir, "junit.xml"), junit(res))
    _atomic_write(os.path.join(sdir, "results.tap"), tap(res))
    _atomic_write(os.path.join(sdir, "result.json"), json.dumps(res, indent=1))


def feedback_md(res):
    figs = figures.compare_figures()
    L = [f"# Feedback for {res['student']}", ""]
    L.append(f"**Score: {res['total']}/{res['max_total']}** · status: {res['status']}"
             f" · graded by kit {res['kit_version']}, sandbox {res['sandbox']}")
    if res.get("error"):
        L += ["", f"**Your submission could not be graded:** {res['error']}"]
    for note in res.get("notes", []):
        L.append(f"- note: {note}")
    for ch in res["chapters"]:
        L += ["", f"## Chapter {ch['number']} · {ch['chapter']} — {ch['points']}/{ch['max_points']} "
                  f"({ch['status']})", ""]
        if ch.get("build_error"):
            L += ["Your code does not compile, so no test could run:", "", "```"]
            L += ch["build_error"].splitlines()[:40] + ["```", ""]
        L += ["| verdict | test | points | functions | checks |", "|---|---|---|---|---|"]
        for t in ch["tests"]:
            hid = " (hidden)" if t["kind"] == "hidden" else ""
            L.append(f"| {t['verdict']} | {t['name']}{hid} | {t['score']}/{t['points']} | "
                     f"{', '.join(t['functions'])} | {t['what']} ({t['section']}) |".replace("\n", " "))
        for t in ch["tests"]:
            if t["verdict"] == V.PASS or ch["status"] == "missing":
                continue
            L += ["", f"### {t['name']} — {t['verdict']}", ""]
            L += [f"    {l}" for l in t["lines"]]
            if t["output"].strip():
                L += ["", "Your code printed:", "", "```"] + t["output"].splitlines() + ["```"]
            L.append(f"\nRead {t['section']}; rerun: `make check CHAPTER={ch['number']} TEST={t['name']}`"
                     if t["kind"] == "public" else f"\nRead {t['section']}.")
            for fn in t["functions"]:
                for fig in figs.get(fn, []):
                    L.append(f"\nPlot (yours vs reference): `build/plots/exercises/{fig}.png` "
                             f"(`make plots CHAPTER={ch['number']} SRC=exercises`)")
    if ch_missing := [c["chapter"] for c in res["chapters"] if c["status"] == "missing"]:
        L += ["", "Chapters not in your submission: " + ", ".join(ch_missing)]
    return "\n".join(L) + "\n"


def feedback_html(res):
    """feedback.html, from kit/grading/templates/feedback*.html (string.Template)."""
    e = html.escape
    chapters = []
    for ch in res["chapters"]:
        rows = []
        for t in ch["tests"]:
            expl = "" if t["verdict"] == V.PASS else "<br>".join(e(l) for l in t["lines"])
            if t["output"].strip() and t["verdict"] != V.PASS:
                expl += "<pre>" + e(t["output"]) + "</pre>"
            rows.append(render("feedback-test.html", cls="PASS" if t["verdict"] == V.PASS else "v",
                               verdict=e(t["verdict"]), name=e(t["name"]),
                               hidden=" (hidden)" if t["kind"] == "hidden" else "", what=e(t["what"]),
                               section=e(t["section"]), score=t["score"], points=t["points"], explanation=expl))
        build_error = ("<p>Your code does not compile:</p><pre>" +
                       e("\n".join(ch["build_error"].splitlines()[:40])) + "</pre>\n") if ch.get("build_error") else ""
        chapters.append(render("feedback-chapter.html", number=ch["number"], chapter=e(ch["chapter"]),
                               points=ch["points"], max_points=ch["max_points"], status=e(ch["status"]),
                               build_error=build_error, rows="".join(rows)))
    error = (f"<p><b>Your submission could not be graded:</b> {e(res['error'])}</p>\n"
             if res.get("error") else "")
    return render("feedback.html", student=e(res["student"]), total=res["total"], max_total=res["max_total"],
                  status=e(res["status"]), kit_version=e(res["kit_version"]), sandbox=e(res["sandbox"]),
                  error=error, chapters="".join(chapters))


def gradescope_json(res):
    tests = []
    for ch in res["chapters"]:
        for i, t in enumerate(ch["tests"], 1):
            out = [t["verdict"]] + t["lines"]
            if t["output"].strip():
                out += ["your code printed:", t["output"]]
            tests.append({"score": t["score"], "max_score": t["points"],
                          "status": "passed" if t["verdict"] == V.PASS else "failed",
                          "name": f"Chapter {ch['number']}: {t['name']}" +
                                  (" (hidden)" if t["kind"] == "hidden" else ""),
                          "name_format": "text",
                          "number": f"{ch['number']}.{i}",
                          "output": "\n".join(out), "output_format": "text",
                          "tags": [ch["chapter"], t["kind"]] + t["functions"],
                          "visibility": "after_published" if t["kind"] == "hidden" else "visible",
                          "extra_data": {"verdict": t["verdict"], "section": t["section"]}})
    # What a student sees before the grades are published: the public tests and
    # their points only. There is no top-level "score" (it would include the hidden
    # points): Gradescope sums the tests' scores and, while some tests are
    # after_published, keeps the total from the student until publication.
    pub = [t for ch in res["chapters"] for t in ch["tests"] if t["kind"] != "hidden"]
    n_hidden = sum(t["kind"] == "hidden" for ch in res["chapters"] for t in ch["tests"])
    summary = (f"Public tests: {sum(t['score'] for t in pub)}/{sum(t['points'] for t in pub)} points "
               f"({sum(t['verdict'] == 'PASS' for t in pub)}/{len(pub)} passed)."
               + (f" {n_hidden} hidden tests are graded too; they and the total are shown when "
                  "the grades are published." if n_hidden else ""))
    if res.get("error"):
        summary += f"\n{res['error']}"
    return {"execution_time": round(res.get("seconds", 0.0), 2),
            "output": summary, "output_format": "text", "test_output_format": "text",
            "test_name_format": "text", "visibility": "visible", "stdout_visibility": "hidden",
            "extra_data": {"sandbox": res["sandbox"], "kit_version": res["kit_version"],
                           "status": res["status"]},
            "tests": tests}


def junit(res):
    from xml.sax.saxutils import escape, quoteattr
    X = ['<?xml version="1.0" encoding="UTF-8"?>',
         f'<testsuites name={quoteattr(res["student"])} tests="{sum(len(c["tests"]) for c in res["chapters"])}">']
    for ch in res["chapters"]:
        fails = sum(t["verdict"] != V.PASS for t in ch["tests"])
        X.append(f'  <testsuite name={quoteattr(ch["chapter"])} tests="{len(ch["tests"])}" '
                 f'failures="{fails}" errors="0">')
        for t in ch["tests"]:
            X.append(f'    <testcase classname={quoteattr(ch["chapter"])} name={quoteattr(t["name"])} '
                     f'time="{t["seconds"]}">')
            if t["verdict"] != V.PASS:
                X.append(f'      <failure message={quoteattr(t["verdict"])} type={quoteattr(t["verdict"])}>'
                         f'{escape(_xml_ok(chr(10).join(t["lines"])))}</failure>')
            X.append("    </testcase>")
        X.append("  </testsuite>")
    X.append("</testsuites>")
    return "\n".join(X) + "\n"


def _xml_ok(s):
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "?", s)


def tap(res):
    T = ["TAP version 13"]
    n = sum(len(c["tests"]) for c in res["chapters"])
    T.append(f"1..{n}")
    i = 0
    for ch in res["chapters"]:
        for t in ch["tests"]:
            i += 1
            ok = "ok" if t["verdict"] == V.PASS else "not ok"
            T.append(f"{ok} {i} - {ch['chapter']}/{t['name']}")
            if t["verdict"] != V.PASS:
                T.append("  ---")
                T.append(f"  verdict: {json.dumps(t['verdict'])}")
                T.append(f"  message: {json.dumps(' / '.join(t['lines']))}")
                T.append("  ...")
    return "\n".join(T) + "\n"


def write_gradebook(out, g, results):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["student", "entry", "status"] + [c.slug for c in g.chs] +
               ["total", "max_total", "sandbox", "kit_version", "message"])
    for r in results:
        pts = {c["chapter"]: c["points"] for c in r["chapters"]}
        w.writerow([r["student"], r["entry"], r["status"]] + [pts.get(c.slug, 0) for c in g.chs] +
                   [r["total"], r["max_total"], r["sandbox"], r["kit_version"], r.get("error") or ""])
    _atomic_write(os.path.join(out, "gradebook.csv"), buf.getvalue())
