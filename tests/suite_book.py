#!/usr/bin/env python3
"""The book (`make book`, book/): exit 0 when all of this holds.

On the fixture tests/fixtures/book/ (two small chapters of its own, so this
does not depend on the kit's chapters being written):
- it builds; listings come from the marked lines; the stub is shown, the
  solution folded in <details>; sections have ids sec-N.M; §N.M links; the
  figure is embedded; the exercise checklist lists every test of the manifest
  with its points; the index shows the last check's progress;
- the student edition (BOOK_SOLUTIONS=0, or no solutions/ at all) holds no
  solution code and no hidden test;
- each drift stops the build with a message that names it: missing file,
  missing marker, duplicated marker, unused marker, C block without a source,
  missing figure (when figures are required), a test's §N.M that is no
  section, a link to nowhere;
- every page loads in headless Chromium with no console error, failed load,
  network request, broken image or unrendered MathML;
- the student edition: hidden listings show the exercise; a sentence pointing at
  one stops that edition's build (not the instructor's).
On the kit's own chapters: `make book` builds build/book/ (strictly; when
chapters are still missing, a draft build is browsed anyway), MathML is there
where the chapter has math, and every page loads cleanly in Chromium with a
screenshot in build/book/screenshots/; at a 390 px window nothing is cut off
(wide math, tables and listings scroll inside their own box).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "book"))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "tests"))

import browse  # noqa: E402
import build as book_build  # noqa: E402

FIXTURE = os.path.join(ROOT, "tests", "fixtures", "book")
BUILD = [sys.executable, os.path.join(ROOT, "book", "build.py")]
from checks import check as report, failures  # noqa: E402


def fixture_copy(tmp, name):
    d = os.path.join(tmp, name)
    shutil.copytree(FIXTURE, d)
    return d


def build_fixture(root, *extra, required="1"):
    out = os.path.join(root, "out")
    r = subprocess.run(BUILD + ["--root", root, "--out", out,
                                "--manifests", os.path.join(root, "manifests"),
                                "--plots", os.path.join(root, "plots"),
                                "--results", os.path.join(root, "results"),
                                "--figures-required", required] + list(extra),
                       capture_output=True, text=True)
    return r, out


def edit(path, old, new):
    text = open(path).read()
    assert old in text, (path, old)
    with open(path, "w") as f:
        f.write(text.replace(old, new, 1))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def has_math(md_path):
    """Does pandoc see math in the chapter? (independent of the book's build)"""
    out = subprocess.run(["pandoc", "-f", "markdown", "-t", "json", md_path],
                         capture_output=True, text=True, check=True).stdout
    return '"t":"Math"' in out


def browse_ok(out_dir, label, screenshots=True):
    try:
        results = browse.check_book(out_dir, screenshots=screenshots)
    except Exception as e:   # noqa: BLE001 — the browser itself failed
        report(False, f"{label}: Chromium loads the pages", repr(e))
        return {}
    for page, (probe, problems) in sorted(results.items()):
        report(not problems, f"{label}: {page} loads cleanly in Chromium "
               f"({probe['math']} math, {len(probe['links'])} links)", "; ".join(problems[:5]))
        for w in probe.get("wide", []):
            print(f"       warning: inline math sticks out of the page (display math?): {w}")
    return results


def fixture_good(tmp):
    print("\n-- fixture: the instructor edition")
    root = fixture_copy(tmp, "good")
    r, out = build_fixture(root)
    if not report(r.returncode == 0, "the fixture book builds", r.stderr.strip()):
        return
    page = read(os.path.join(out, "01-alpha.html"))
    sol = read(os.path.join(root, "solutions", "01-alpha", "alpha.c")).split("\n")
    start = next(k for k, l in enumerate(sol) if "/* listing: scale-loop */" in l)
    end = next(k for k, l in enumerate(sol) if "/* end listing: scale-loop */" in l)
    body = [l.strip() for l in sol[start + 1:end]]
    shown = re.sub(r"<[^>]+>", "", page)
    import html as html_mod
    shown = html_mod.unescape(shown)
    text = " ".join(shown.split())
    report(all(b in shown for b in body), "the listing is the marked lines of the real file")
    report("listing: scale-loop" not in shown.split("Exercise checklist")[0],
           "the marker lines themselves are not shown")
    m = re.search(r'<details class="solution">.*?</details>', page, re.S)
    report(bool(m) and "times" in (m.group(0) if m else ""), "the solution listing is folded in <details>")
    report('data-listing="alpha-todo"' in page and "your starting point" in page,
           "the stub listing is shown, marked as the starting point")
    report("not compiled" in shown, "a .sketch block is kept")
    report('id="sec-1.1"' in page and 'id="sec-1.2"' in page and 'id="sec-1.2.1"' in page,
           "sections have stable ids sec-N.M")
    report('<span class="secno">§1.2</span>' in page, "headings show §N.M (searchable)")
    report('href="02-beta.html#sec-2.1"' in page and 'href="#sec-1.1"' in page,
           "§N.M in the prose links to its section")
    report('href="02-beta.html"' in page, "a link to chapter.md points to its page")
    report('href="#test-scale_values"' in page and 'id="test-scale_values"' in page
           and 'href="#ex-alpha_scale"' in page, "`test` and `function` names link to the checklist")
    report(os.path.exists(os.path.join(out, "figures", "alpha-curve.svg"))
           and 'src="figures/alpha-curve.svg"' in page, "the figure is embedded from the plots")
    report("<math" in page and has_math(os.path.join(root, "chapters", "01-alpha.md")),
           "math is MathML")
    report("<script" not in page and "http://" not in page.replace(
        'xmlns="http://www.w3.org/1998/Math/MathML"', ""),
           "no script, nothing from the network")
    manifest = [l.split("\t") for l in read(os.path.join(root, "manifests", "01-alpha.tsv")).splitlines()]
    checklist = page.split('id="checklist"')[-1]
    missing = [t[0] for t in manifest
               if t[0].replace("_", "_<wbr>") not in checklist
               or f'<td class="num">{t[1]}</td>' not in checklist]
    report(not missing, "the checklist lists every test of the manifest with its points",
           ", ".join(missing))
    report("Writes out[k] = s * k" in checklist and "The sum 0 + 1" in checklist,
           "the checklist shows each function's contract comment")
    report("return KIT_TODO;" in text.split("Exercise checklist")[-1], "the checklist shows the stub")
    report("§1.2" in checklist and 'href="#sec-1.2"' in checklist, "each test links to its section")
    index = read(os.path.join(out, "index.html"))
    report("2/4 tests" in index and "3/7 points" in index, "the index shows the last check's progress")
    report('href="01-alpha.html"' in index and 'href="02-beta.html"' in index,
           "the index lists the chapters")
    beta = read(os.path.join(out, "02-beta.html"))
    report('rel="prev" href="01-alpha.html"' in beta and 'rel="next" href="02-beta.html"' in page,
           "previous / next navigation")
    report("Beta: no exercises" in beta and "checklist" not in beta,
           "a chapter without exercises has no checklist")
    report(not book_build.broken_refs(out), "every href and src resolves to a file and anchor")
    browse_ok(out, "fixture", screenshots=False)


def fixture_student(tmp):
    print("\n-- fixture: the student edition")
    for how, prep in (("BOOK_SOLUTIONS=0", None), ("no solutions/ in the tree", "rm")):
        root = fixture_copy(tmp, "student-" + ("rm" if prep else "flag"))
        extra = ["--solutions", "0"]
        if prep:
            shutil.rmtree(os.path.join(root, "solutions"))
            extra = []
        r, out = build_fixture(root, *extra)
        if not report(r.returncode == 0, f"{how}: builds", r.stderr.strip()):
            continue
        page = read(os.path.join(out, "01-alpha.html"))
        report("times(" not in page and "Reference solution" not in page and "<details" not in page,
               f"{how}: no solution code")
        report("both_hidden" not in page and "secretly" not in page, f"{how}: no hidden test")
        report("return KIT_TODO;" in page.replace("<span class=\"cf\">return</span>", "return")
               or "KIT_TODO" in page, f"{how}: the stubs are there")
        report("not in the student edition" in " ".join(page.split()),
               f"{how}: a withheld listing says so")
        report("Yours to write" in page and "KIT_TODO" in page and "like this:" not in page
               and "per element." in page, f"{how}: the withheld listing shows the exercise; "
               "the prose is the student edition's")
    # the pointer rule: a sentence that introduces or points at a hidden listing stops the
    # student edition (and only it)
    for what, old, new in (
            ("a colon before a hidden listing",
             "[, like this:]{.solutions-only}[.]{.student-only}", ", like this:"),
            ("'these lines' after a hidden listing", "A sketch is fine when it says so:",
             "Two mistakes live in these lines. A sketch is fine when it says so:")):
        root = fixture_copy(tmp, "pointer-" + str(len(what)))
        edit(os.path.join(root, "chapters/01-alpha.md"), old, new)
        r, _ = build_fixture(root, "--solutions", "0")
        msg = (r.stdout + r.stderr)
        report(r.returncode != 0 and "point at a listing it does not show" in msg
               and "scale-loop" in msg, f"student edition, {what}: the build fails and says so",
               f"rc {r.returncode}: {msg[-300:]}")
        r, _ = build_fixture(root, "--solutions", "1")
        report(r.returncode == 0, f"instructor edition, {what}: builds (the listing is there)",
               r.stderr[-300:])


DRIFTS = [
    ("missing file", "chapters/01-alpha.md",
     'file="solutions/01-alpha/alpha.c" listing="scale-loop"',
     'file="solutions/01-alpha/gone.c" listing="scale-loop"', "gone.c does not exist"),
    ("missing marker", "chapters/01-alpha.md", 'listing="scale-loop"', 'listing="scale-lop"',
     "has no marker 'scale-lop'"),
    ("duplicated marker", "solutions/01-alpha/alpha.c", "    return KIT_OK;\n    /* END SOLUTION */",
     "    /* listing: scale-loop */\n    /* end listing: scale-loop */\n"
     "    return KIT_OK;\n    /* END SOLUTION */", "marker 'scale-loop' is duplicated"),
    ("unused marker", "solutions/01-alpha/alpha.c", "    *sum = ",
     "    /* listing: sum-line */\n    *sum = (double)n;\n    /* end listing: sum-line */\n    *sum = ",
     "marker 'sum-line' is used by no chapter"),
    ("C block without a source", "chapters/01-alpha.md", "### A detail",
     "```c\nint x = 1;\n```\n\n### A detail", "a C block without a source"),
    ("missing figure", "chapters/01-alpha.md", "figure:alpha-curve", "figure:alpha-curv",
     "figure 'alpha-curv' not found"),
    ("a test's section that the chapter lacks", "manifests/01-alpha.tsv", "§1.1", "§1.7",
     "the tests send readers to §1.7"),
    ("a link to nowhere", "chapters/01-alpha.md", "[the next chapter](02-beta.md)",
     "[the next chapter](02-gamma.md)", "02-gamma.html\"> points to a missing file"),
    ("a section numbered for another chapter", "chapters/01-alpha.md", "## 1.2 The loop",
     "## 4.2 The loop", "number it 1.2"),
]


def fixture_drift(tmp):
    print("\n-- fixture: each drift stops the build")
    for k, (what, rel, old, new, expect) in enumerate(DRIFTS):
        root = fixture_copy(tmp, f"drift-{k}")
        edit(os.path.join(root, rel), old, new)
        r, _ = build_fixture(root)
        msg = (r.stdout + r.stderr).strip()
        report(r.returncode != 0 and expect in msg, f"{what}: the build fails and says so",
               f"rc {r.returncode}: {msg[-300:]}")
    root = fixture_copy(tmp, "figure-optional")
    edit(os.path.join(root, "chapters/01-alpha.md"), "figure:alpha-curve", "figure:alpha-curv")
    r, out = build_fixture(root, required="0")
    report(r.returncode == 0 and "missing-figure" in read(os.path.join(out, "01-alpha.html")),
           "missing figure without `make plots`: a placeholder, not a failure", r.stderr.strip())


def kit_book():
    print("\n-- the kit's own chapters: make book")
    out = os.path.join(ROOT, "build", "book")
    r = subprocess.run(["make", "--no-print-directory", "book"], capture_output=True, text=True,
                       cwd=ROOT)   # make book draws the figures first, as a reader's would
    report(r.returncode == 0, "make book builds build/book/", (r.stdout + r.stderr).strip()[:600])
    if r.returncode != 0:
        d = subprocess.run(BUILD + ["--draft"], capture_output=True, text=True, cwd=ROOT)
        if d.returncode != 0:
            return
        print("       (browsing a draft build instead)")
    meta = json.load(open(os.path.join(out, "book.json")))
    for p in meta["pages"]:
        if p["source"].endswith(".md"):
            src = os.path.join(ROOT, p["source"])
            if has_math(src):
                report("<math" in read(os.path.join(out, p["page"])), f"{p['page']}: MathML for its math")
    report(not book_build.broken_refs(out), "every href and src resolves to a file and anchor",
           "; ".join(book_build.broken_refs(out)[:5]))
    results = browse_ok(out, "book")
    # a phone: nothing wider than a 390 px window unless it sits in a box that scrolls
    try:
        widths = browse.check_widths(out, (390,))
        for (page, width), r in sorted(widths.items()):
            report(not r["cut"], f"{page} at {width} px: nothing cut off at the right edge",
                   "; ".join(r["cut"][:4]))
    except Exception as e:   # noqa: BLE001 (a browser that does not start is a failure too)
        report(False, "book: Chromium at 390 px", repr(e))
    shots = os.path.join(out, "screenshots")
    for page in results:
        png = os.path.join(shots, page[:-5] + ".png")
        report(os.path.exists(png) and os.path.getsize(png) > 5000, f"screenshot {os.path.relpath(png, ROOT)}")


# pytest (make test): each fixture book a test of its own, in a fresh folder (kit_tmp)
def test_fixture_good(kit_tmp):
    fixture_good(kit_tmp)


def test_fixture_student(kit_tmp):
    fixture_student(kit_tmp)


def test_fixture_drift(kit_tmp):
    fixture_drift(kit_tmp)


def test_kit_book():
    kit_book()


def main():
    tmp = tempfile.mkdtemp(prefix="suite-book-")
    try:
        fixture_good(tmp)
        fixture_student(tmp)
        fixture_drift(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    kit_book()
    print(f"\nsuite_book: {len(failures)} failure(s)")
    for f in failures:
        print("  - " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
