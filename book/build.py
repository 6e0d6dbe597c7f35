#!/usr/bin/env python3
"""make book — the literate chapters as an offline HTML book in build/book/.

    python3 book/build.py [--solutions 0|1] [--root DIR] [--out DIR]

One page per chapters/NN-slug.md (previous/next, a table of contents, §N.M
section ids), an index with each chapter's exercise progress, book.css, no
scripts, math as MathML. The build stops on:
- a listing problem: kit/core/markers.py decides (missing file, missing or
  duplicated marker, unused marker, a C block without a source); book/book.lua
  only slices the lines markers.py located;
- a missing figure (when the kit has `make plots` and solutions/ to draw them with;
  a student tree gets a placeholder instead);
- a test whose §N.M is not a section of its chapter, a link to a page or
  anchor that does not exist;
- in the student edition, a sentence that points at a listing the edition does
  not show (book.lua's pointer rule: a colon right before a hidden listing,
  "these lines", "the code uses", "Three things in it" ... next to one), and
  a solution listing whose exercise=/helper= says otherwise than solutions/.
A hidden listing becomes what the student starts from: the function's contract
and its stub's TODO (the first time), or a sentence that points at the exercise.
Prose for one edition only: ::: {.solutions-only} / [...]{.student-only}.
Each chapter ends with its exercise list, made from the judge's --list manifest
(the grader's own metadata) and the contract comments of include/NN-slug.h.

--solutions 0 (make book BOOK_SOLUTIONS=0), or a tree without solutions/, builds the student edition:
stubs only, no reference code, no hidden tests' names.
"""
import argparse
import datetime
import glob
import html
import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))

from kit.core import cparse, markers  # noqa: E402
from kit.core.chapters import ROOT, Chapter  # noqa: E402

BOOK_TITLE = "Positional encoding, in C"
PAGE = re.compile(r"^(\d\d)-[a-z0-9-]+\.md$")
BEGIN, END = markers.SOLUTION_BEGIN, markers.SOLUTION_END


class BookError(Exception):
    pass


# --------------------------------------------------------------- chapters
class Page:
    def __init__(self, path):
        self.path = path
        self.slug = os.path.basename(path)[:-3]
        self.number = int(self.slug[:2])
        self.html = self.slug + ".html"
        self.title = title_of(path) or self.slug

    @property
    def label(self):
        return f"Chapter {self.number}"


def title_of(path):
    """The title: YAML `title:` or the first `# ` heading."""
    text = open(path).read()
    m = re.match(r"---\n(.*?)\n(---|\.\.\.)\n", text, re.S)
    if m:
        t = re.search(r"^title:\s*['\"]?(.*?)['\"]?\s*$", m.group(1), re.M)
        if t:
            return t.group(1)
    in_fence = False
    for line in text.splitlines():
        if re.match(r"^(```|~~~)", line):
            in_fence = not in_fence
        elif not in_fence and line.startswith("# "):
            title = re.sub(r"\s*\{[^}]*\}\s*$", "", line[2:]).strip()
            return re.sub(r"^(Chapter\s+)?%d\s*[:.·—-]?\s+" % int(os.path.basename(path)[:2]),
                          "", title)
    return None


def pages_in(root):
    d = os.path.join(root, "chapters")
    names = sorted(f for f in os.listdir(d) if PAGE.match(f)) if os.path.isdir(d) else []
    return [Page(os.path.join(d, f)) for f in names]


# --------------------------------------------------------------- listings
def solution_lines(path):
    """Line numbers (1-based) inside BEGIN/END SOLUTION blocks."""
    blocks = markers.solution_blocks(open(path).read().split("\n"), path, strict=False)
    return {n + 1 for begin, end in blocks for n in range(begin + 1, end)}


def listing_index(root, pages, solutions, draft=False, warnings=None):
    """Check every listing with markers.py, then locate each: (file, name,
    kind, start line, end line). kind: code, stub, solution (inside a
    SOLUTION block), withheld (a solution in the student edition).
    draft: an unused marker of a chapter that has no prose yet is a warning."""
    have_solutions_dir = os.path.isdir(os.path.join(root, "solutions"))
    problems = markers.check(root)
    if not have_solutions_dir:   # a student tree: solutions/ was left out on purpose
        problems = [p for p in problems if not re.search(r": solutions/\S+ does not exist$", p)]
    if draft:
        written = {p.slug for p in pages}

        def unwritten(p):
            m = re.match(r"^(?:\S*/)?(?:solutions/([\w-]+)/\S+|include/([\w-]+)\.h): marker '.*' "
                         r"is used by no chapter$", p)
            return m if m and (m.group(1) or m.group(2)) not in written else None
        if warnings is not None:
            skipped = {}
            for p in problems:
                m = unwritten(p)
                if m:
                    skipped.setdefault(m.group(1) or m.group(2), []).append(p)
            if skipped:
                warnings.append("draft: unused markers of chapters with no prose yet: " + ", ".join(
                    f"{slug} ({len(v)})" for slug, v in sorted(skipped.items())))
        problems = [p for p in problems if not unwritten(p)]
    if problems:
        raise BookError("listings do not match their sources (kit/core/markers.py):\n  "
                        + "\n  ".join(problems))
    rows, seen = [], set()
    for page in pages:
        for _line, info, _body in markers.blocks(page.path):
            attrs = dict(markers.ATTR.findall(info))
            f, name = attrs.get("file"), attrs.get("listing")
            if not f or not name or (f, name) in seen:
                continue
            seen.add((f, name))
            path = os.path.join(root, f)
            if not os.path.exists(path):          # solutions/ absent: withheld
                rows.append((f, name, "withheld", 0, 0))
                continue
            start, end = markers.markers_in(path)[name]
            kind = "code"
            if f.startswith("exercises/"):
                kind = "stub"
            elif f.startswith("solutions/") and start in solution_lines(path):
                kind = "solution" if solutions else "withheld"
            rows.append((f, name, kind, start, end))
    return rows


# --------------------------------------------------------------- withheld
DEF = re.compile(r"^(?:static\s+)?(?:inline\s+)?[A-Za-z_][\w \t*]*?\b(\w+)\s*\(")


def definitions(path):
    """{name: (first line, last line)} of the column-0 function definitions."""
    lines = open(path).read().split("\n")
    out, k = {}, 0
    while k < len(lines):
        m = DEF.match(lines[k])
        if m and not lines[k].rstrip().endswith(";") and not lines[k].startswith(("#", "/", " ")):
            if "{" in lines[k] and "}" in lines[k].split("{", 1)[1]:   # a one-line body
                out[m.group(1)] = (k + 1, k + 1)
                k += 1
                continue
            j = k
            while j < len(lines) and not lines[j].startswith("{") and not lines[j].rstrip().endswith((";", "{")):
                j += 1
            if j < len(lines) and (lines[j].startswith("{") or lines[j].rstrip().endswith("{")):
                e = j
                while e < len(lines) and not lines[e].startswith("}"):
                    e += 1
                out[m.group(1)] = (k + 1, e + 1)
                k = e
        k += 1
    return out


def users_of(path, public):
    """{function: [public functions whose body reaches it]} for a solution file."""
    lines = open(path).read().split("\n")
    defs = definitions(path)
    body = {f: "\n".join(lines[a - 1:b]) for f, (a, b) in defs.items()}
    calls = {f: {g for g in defs if g != f and re.search(r"\b" + re.escape(g) + r"\s*\(", body[f])}
             for f in defs}
    users = {}
    for fn in public:
        seen, todo = {fn}, [fn]
        while todo:
            for g in calls.get(todo.pop(), ()):
                if g not in seen:
                    seen.add(g)
                    todo.append(g)
        for g in seen:
            users.setdefault(g, []).append(fn)
    return defs, users


def todo_of(stub_path, fn):
    """The TODO comment of `fn` in its stub, as plain text (None when there is none)."""
    text = function_text(stub_path, fn) if os.path.exists(stub_path) else None
    m = re.search(r"/\*\s*TODO:?(.*?)\*/", text or "", re.S)
    if not m:
        return None
    return " ".join(m.group(1).split())


def withheld_markdown(root, pages, rows, out_dir, warnings=None):
    """For each withheld listing, what the student sees in its place, written to
    out_dir/<file with / as __>--<name>.md for book.lua: the first time a page
    reaches a function, its contract (include/) and its stub's TODO; after that,
    a sentence that points at the exercise.

    Which exercise a solution listing belongs to is said in the chapter, so that
    a tree without solutions/ (the release) knows it too:
        ```{.c file="solutions/..." listing="omega" exercise="pe_omega pe_table" helper="omega_of"}
    (helper: the reference's own function the lines sit in, when it is not one
    of the exercises). With solutions/ the build works both out from the code
    and stops when the chapter says otherwise."""
    kinds = {(r[0], r[1]): r for r in rows}
    os.makedirs(out_dir, exist_ok=True)
    problems = []
    for page in pages:
        shown, contract_shown = set(), set()
        header = os.path.join(root, "include", page.slug + ".h")
        cons = contracts(header) if os.path.exists(header) else {}
        for line, info, _body in markers.blocks(page.path):
            attrs = dict(markers.ATTR.findall(info))
            f, name = attrs.get("file"), attrs.get("listing")
            r = kinds.get((f, name))
            if f and f.startswith("include/") and name and name.startswith("contract-"):
                contract_shown.add(name[len("contract-"):].replace("-", "_"))
            if not r or r[2] not in ("withheld", "solution"):
                continue
            stub_rel = re.sub(r"^solutions/", "exercises/", f)
            sol = os.path.join(root, f)
            fns = attrs.get("exercise", "").split()
            helper = attrs.get("helper")
            if os.path.exists(sol):
                defs, users = users_of(sol, list(cons))
                inside = ([g for g, (a, b) in defs.items() if a <= r[3] <= b]
                          or [g for g, (a, b) in sorted(defs.items(), key=lambda x: x[1])
                              if r[3] < a < r[4]])   # a listing of whole functions
                want_fns = [g for g in users.get(inside[0], []) if g in cons] if inside else []
                want_helper = inside[0] if inside and inside[0] not in cons else None
                if "exercise" not in attrs:   # not said: the build knows, a release will not
                    fns, helper = want_fns, want_helper
                    if warnings is not None:
                        warnings.append(f"chapters/{page.slug}.md:{line}: listing '{name}' does not say "
                                        f'exercise="{" ".join(want_fns)}"'
                                        + (f' helper="{want_helper}"' if want_helper else "")
                                        + " (a release without solutions/ cannot tell)")
                elif (want_fns, want_helper) != (fns, helper):
                    say = f'exercise="{" ".join(want_fns)}"' + (f' helper="{want_helper}"'
                                                                 if want_helper else "")
                    problems.append(f"chapters/{page.slug}.md:{line}: listing '{name}' is part of "
                                    f"{', '.join(want_fns) or 'no exercise'}: its block should say {say}")
            if r[2] != "withheld":
                continue
            links = " and ".join(f"[`{g}`](#ex-{g})" for g in fns)
            md = []
            if not fns:
                md.append(f"*This part of the reference solution is not in the student edition: "
                          f"you write it in `{stub_rel}` (see [the exercises](#checklist)).*")
            elif helper:
                md.append(f"*Yours to write, in `{stub_rel}`: the reference keeps this step in a "
                          f"helper of its own, `{helper}`, used by {links}; in your file it may be "
                          f"a helper too, or part of those functions. The reference solution is "
                          f"not in the student edition.*")
            elif fns[0] in shown:
                md.append(f"*Yours to write: this step of {links}, in `{stub_rel}` (the reference "
                          f"solution is not in the student edition; contract, TODO and tests in "
                          f"[the exercises](#ex-{fns[0]})).*")
            else:
                g = fns[0]
                shown.add(g)
                md.append(f"*Yours to write: {links}, in `{stub_rel}`. The reference solution is "
                          f"not in the student edition; here is what you start from"
                          + (" (the contract is above).*" if g in contract_shown else ".*"))
                if g not in contract_shown and g in cons:
                    md.append(fence(cons[g][0], ".c .contract"))
                todo = todo_of(os.path.join(root, stub_rel), g)
                if todo:
                    md.append(f"> **TODO** in `{g}`: {todo}")
            path = os.path.join(out_dir, f.replace("/", "__") + "--" + name + ".md")
            with open(path, "w") as fh:
                fh.write("\n\n".join(md) + "\n")
    if problems:
        raise BookError("a solution listing does not say which exercise it belongs to "
                        "(the student edition needs it):\n  " + "\n  ".join(problems))


# --------------------------------------------------------------- exercises
def contracts(header_path):
    """{function: (comment+prototype text, prototype)} from a chapter header."""
    text = open(header_path).read()
    out = {}
    for fn in cparse.prototypes(text):
        m = re.search(r"^int\s+" + re.escape(fn.name) + r"\s*\(.*?\)\s*;", text, re.S | re.M)
        proto = m.group(0)
        before = text[:m.start()].rstrip()
        comment = ""
        if before.endswith("*/"):
            start = before.rfind("/*")
            comment = before[start:]
            if markers.is_listing_marker(comment):   # skip a marker
                before2 = before[:start].rstrip()
                if before2.endswith("*/"):
                    comment = before2[before2.rfind("/*"):]
                else:
                    comment = ""
            if comment.startswith("/*\n *") or "#ifndef" in comment:   # the file's own header
                comment = ""
        out[fn.name] = (comment + ("\n" if comment else "") + proto, fn)
    return out


def function_text(path, name, drop_solution_markers=False):
    """The definition of `name` (column-0 header to the column-0 brace)."""
    lines = open(path).read().split("\n")
    for k, line in enumerate(lines):
        if re.match(r"^int\s+" + re.escape(name) + r"\s*\(", line):
            for j in range(k, len(lines)):
                if lines[j].startswith("}"):
                    body = lines[k:j + 1]
                    if drop_solution_markers:
                        body = [b for b in body if b.strip() not in (BEGIN, END)]
                    body = [b for b in body if not markers.is_listing_marker(b)]
                    return "\n".join(body)
    return None


def manifest_for(root, page, manifests, hidden):
    """The tests of a chapter, as the judge lists them: [(name, points, kind,
    [functions], section, what)]; None when the chapter has no exercises."""
    if manifests:
        p = os.path.join(manifests, page.slug + ".tsv")
        if not os.path.exists(p):
            return None
        text = open(p).read()
    else:
        ch = Chapter(page.slug, page.number)
        if not os.path.exists(ch.header) or not os.path.exists(ch.public_tests):
            return None
        from kit.core import build   # the kit's own build of the judge
        jb = build.judge(ch, hidden=hidden)
        text = subprocess.run([jb["judge"], "--list"], capture_output=True, text=True,
                              check=True).stdout
    tests = []
    for line in text.splitlines():
        if line.strip():
            name, points, kind, funcs, section, what = line.split("\t")
            tests.append((name, int(points), kind, [f.strip() for f in funcs.split(",")],
                          section, what))
    return tests


def load_results(results_dir, slug):
    try:
        with open(os.path.join(results_dir, slug + ".json")) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def section_href(section, page, pages_by_number):
    m = re.match(r"§(\d+)\.(\d+)$", section.strip())
    if not m:
        return None
    num = int(m.group(1))
    target = pages_by_number.get(num)
    if target is None:
        return None
    anchor = f"sec-{m.group(1)}.{m.group(2)}"
    return "#" + anchor if target is page else target.html + "#" + anchor


def esc(s):
    return html.escape(s, quote=True)


def raw_html(text):
    """A raw HTML block pandoc passes through untouched."""
    return f"```{{=html}}\n{text}\n```\n"


def fence(code, classes=".c .generated"):
    ticks = "````" if "```" in code else "```"
    return f"{ticks}{{{classes}}}\n{code}\n{ticks}\n"


def exercises_markdown(root, page, tests, solutions, results, pages_by_number, hidden_note):
    ch_header = os.path.join(root, "include", page.slug + ".h")
    cons = contracts(ch_header) if os.path.exists(ch_header) else {}
    stub_dir = os.path.join(root, "exercises", page.slug)
    sol_dir = os.path.join(root, "solutions", page.slug)
    stubs = sorted(glob.glob(os.path.join(stub_dir, "*.c")))
    stubs = [s for s in stubs if not os.path.basename(s).startswith("test_")]
    verdicts = {t["name"]: t["verdict"] for t in (results or {}).get("tests", [])}
    functions = list(cons) or sorted({f for t in tests for f in t[3]})
    where = ", ".join(f"`{os.path.relpath(s, root)}`" for s in stubs) or f"`exercises/{page.slug}/`"
    total = sum(t[1] for t in tests)
    out = ["", "## Exercise checklist {#checklist .unnumbered}", "",
           f"You write {len(functions)} function{'s' if len(functions) != 1 else ''} in {where}. "
           f"`make check CHAPTER={page.number}` builds your file and runs the tests below "
           f"({len(tests)} tests, {total} points); a failing test names the section to read. "
           + ("The list comes from the grader's own test table, hidden tests included."
              if solutions else
              "The list comes from the grader's own test table: these are the public tests, the "
              "ones `make check` runs. Green here is necessary, not sufficient: see the note "
              "below and the chapter's *Tests:* paragraphs for what grading checks as well."),
           ""]
    if results and not results.get("build_error"):
        s = results["summary"]
        out += [f"Your last check: {s['passed']}/{s['passed'] + s['failed']} tests, "
                f"{s['points']}/{s['max_points']} points.", ""]
    elif results:
        out += ["Your last check: your file did not compile.", ""]
    if hidden_note:
        out += [hidden_note, ""]
    for fn in functions:
        out += [f"### `{fn}` {{#ex-{fn} .unnumbered}}", ""]
        if fn in cons:
            out += ["The contract, from " + f"`include/{page.slug}.h`:", "", fence(cons[fn][0])]
        mine = [t for t in tests if fn in t[3]]
        if mine:
            rows = []
            for name, points, kind, funcs, section, what in mine:
                href = section_href(section, page, pages_by_number)
                sec = (f'<a class="secref" href="{esc(href)}">{esc(section)}</a>' if href
                       else esc(section))
                others = [f for f in funcs if f != fn]
                also = f' <span class="also">(with {esc(", ".join(others))})</span>' if others else ""
                v = verdicts.get(name)
                vcell = f'<span class="verdict {esc(v.lower().replace(" ", "-"))}">{esc(v)}</span>' \
                    if v else '<span class="verdict none">—</span>'
                rows.append(f"<tr id=\"test-{esc(name)}\"><td><code>{esc(name).replace('_', '_<wbr>')}</code>{also}</td><td class=\"num\">{points}</td>"
                            f"<td>{esc(kind)}</td><td>{esc(what)}</td><td>{sec}</td><td>{vcell}</td></tr>")
            out += [raw_html('<div class="table-wrap"><table class="tests"><thead><tr><th>test</th><th>points</th><th>kind</th>'
                             '<th>what it checks</th><th>read</th><th>last check</th></tr></thead>'
                             '<tbody>' + "".join(rows) + "</tbody></table></div>")]
        for stub in stubs:
            text = function_text(stub, fn)
            if text:
                out += [f"Your starting point, in `{os.path.relpath(stub, root)}`:", "", fence(text)]
                if solutions:
                    sol = os.path.join(sol_dir, os.path.basename(stub))
                    st = function_text(sol, fn, drop_solution_markers=True) if os.path.exists(sol) else None
                    if st:
                        out += [raw_html('<details class="solution"><summary>Reference solution · '
                                         f'<span class="listing-file">{esc(os.path.relpath(sol, root))}'
                                         '</span></summary>'), fence(st), raw_html("</details>")]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------- pandoc
def pandoc(markdown, out_path, variables, env, root, source, metadata=None):
    cmd = ["pandoc", "-f", "markdown", "-t", "html5", "--mathml", "--toc", "--toc-depth=3",
           "--template", os.path.join(HERE, "template.html"),
           "--lua-filter", os.path.join(HERE, "book.lua"), "-o", out_path]
    for k, v in variables.items():
        if v is not None:
            cmd += ["-V", f"{k}={v}"]
    for k, v in (metadata or {}).items():
        cmd += ["-M", f"{k}={v}"]
    r = subprocess.run(cmd, input=markdown, capture_output=True, text=True, env=env, cwd=root)
    warnings = [w for w in r.stderr.splitlines() if w.strip()]
    if r.returncode != 0:
        raise BookError(f"{source}: pandoc failed:\n  " + "\n  ".join(warnings))
    return warnings


def progress_html(results):
    if results is None:
        return '<span class="progress none">not checked yet</span>'
    if results.get("build_error"):
        return '<span class="progress error">last check: build error</span>'
    s = results["summary"]
    pct = 100 * s["points"] / s["max_points"] if s["max_points"] else 0
    return (f'<span class="progress"><span class="bar"><span style="width:{pct:.0f}%"></span></span> '
            f'{s["passed"]}/{s["passed"] + s["failed"]} tests · {s["points"]}/{s["max_points"]} points'
            '</span>')


def index_markdown(pages, results_dir, solutions, edition_tests):
    rows = []
    for p in pages:
        res = load_results(results_dir, p.slug)
        n = edition_tests.get(p.slug)
        ex = f"{n[0]} tests · {n[1]} points" if n else "no exercises"
        rows.append(f'<tr><td class="num">{p.number}</td><td><a href="{esc(p.html)}">{esc(p.title)}</a></td>'
                    f'<td>{esc(ex)}</td><td>{progress_html(res)}</td></tr>')
    intro = ("Each chapter explains one idea about positional encoding, "
             + ("shows the C that computes it, " if solutions else
                "gives the contract of each function you write (the reference code is not in "
                "this edition), ")
             + "and ends with the functions you write and the tests that check them. Work in "
             "`exercises/`, run `make check CHAPTER=N`, and rebuild this book with `make book` "
             "to see your progress here.")
    table = raw_html('<div class="table-wrap"><table class="chapters"><thead><tr><th>#</th><th>chapter</th>'
                     '<th>exercises</th><th>your progress</th></tr></thead><tbody>' + "".join(rows)
                     + "</tbody></table></div>") \
        if rows else "*No chapters yet: chapters/*.md is empty.*"
    note = ("" if solutions else
            "\n\nThis is the student edition: reference solutions are not included.")
    return f"{intro}{note}\n\n{table}\n"


# --------------------------------------------------------------- link check
class _Refs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.refs, self.ids, self.scripts, self.math = [], set(), 0, 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for key in ("href", "src"):
            if a.get(key) is not None:
                self.refs.append((tag, key, a[key]))
        if tag == "script":
            self.scripts += 1
        if tag == "math":
            self.math += 1


def parse_page(path):
    p = _Refs()
    p.feed(open(path, encoding="utf-8").read())
    return p


def broken_refs(out_dir):
    """[message] for every href/src that does not resolve to a file (and
    anchor) inside out_dir, and for anything fetched from the network."""
    problems, parsed = [], {}
    for page in sorted(glob.glob(os.path.join(out_dir, "*.html"))):
        parsed[os.path.basename(page)] = parse_page(page)
    for name, p in parsed.items():
        if p.scripts:
            problems.append(f"{name}: has a <script> (the book has none)")
        for tag, key, ref in p.refs:
            if re.match(r"^(https?:|mailto:)", ref):
                if tag != "a":
                    problems.append(f"{name}: <{tag} {key}> fetches {ref} from the network")
                continue
            if re.match(r"^[a-z]+:", ref) or ref.startswith("//"):
                problems.append(f"{name}: <{tag} {key}=\"{ref}\"> is not a local file")
                continue
            path, _, frag = ref.partition("#")
            target = name if path == "" else os.path.normpath(path)
            full = os.path.join(out_dir, target)
            if not os.path.isfile(full):
                problems.append(f"{name}: <{tag} {key}=\"{ref}\"> points to a missing file")
                continue
            if frag and target.endswith(".html"):
                ids = parsed[target].ids if target in parsed else parse_page(full).ids
                if frag not in ids:
                    problems.append(f"{name}: <{tag} {key}=\"{ref}\"> has no anchor #{frag} there")
    return problems


# --------------------------------------------------------------- main
def build(root=ROOT, out=None, solutions=None, manifests=None, plots=None, results=None,
          figures_required=None, quiet=False, draft=None):
    out = out or os.path.join(root, "build", "book")
    plots = plots or os.path.join(root, "build", "plots")
    results = results or os.path.join(root, "build", "results", "exercises")
    solutions = solutions is not False and os.path.isdir(os.path.join(root, "solutions"))
    if figures_required is None:   # only a tree with solutions/ and make plots can draw the reference figures
        figures_required = os.path.exists(os.path.join(root, "plots", "plots.py")) and \
            os.path.isdir(os.path.join(root, "solutions"))
    hidden = True   # the judge has the hidden tests when grader/<slug>/ exists

    draft = bool(draft)
    pages = pages_in(root)
    warnings = []
    rows = listing_index(root, pages, solutions, draft, warnings)
    if os.path.isdir(out):
        for old in glob.glob(os.path.join(out, "*.html")):
            os.remove(old)
        shutil.rmtree(os.path.join(out, "figures"), ignore_errors=True)
        shutil.rmtree(os.path.join(out, "screenshots"), ignore_errors=True)   # book/browse.py's
    os.makedirs(os.path.join(out, "figures"), exist_ok=True)
    work = os.path.join(out, ".work")
    os.makedirs(work, exist_ok=True)
    index_path = os.path.join(work, "listings.tsv")
    with open(index_path, "w") as f:
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")
    shutil.copy(os.path.join(HERE, "book.css"), os.path.join(out, "book.css"))
    withheld_dir = os.path.join(work, "withheld")
    withheld_markdown(root, pages, rows, withheld_dir, warnings)

    pages_by_number = {p.number: p for p in pages}
    env = dict(os.environ, BOOK_ROOT=root, BOOK_OUT=out, BOOK_PLOTS=plots,
               BOOK_LISTINGS=index_path, BOOK_WITHHELD=withheld_dir,
               BOOK_EDITION="solutions" if solutions else "student",
               BOOK_FIGURES_REQUIRED="1" if figures_required else "0",
               BOOK_PAGES=";".join(f"{p.number}={p.html}" for p in pages))
    edition = "instructor edition (with solutions)" if solutions else "student edition"
    built = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    edition_tests, summary, failed = {}, [], []
    for k, page in enumerate(pages):
        tests = manifest_for(root, page, manifests, hidden)
        text = open(page.path).read()
        has_math = bool(re.search(r"\$[^$\s]", text))
        if tests is not None:
            shown = [t for t in tests if solutions or t[2] != "hidden"]
            sections = set()
            for line in text.splitlines():
                m = re.match(r"^##\s+§?((\d+)\.(\d+))\b", line)
                if m:
                    sections.add("§" + m.group(1))
                    if int(m.group(2)) != page.number:
                        raise BookError(f"chapters/{page.slug}.md: section {m.group(1)} is in "
                                        f"chapter {page.number}: number it {page.number}.{m.group(3)}")
            bad = sorted({t[4] for t in tests if t[4].startswith(f"§{page.number}.")
                          and t[4] not in sections})
            if bad:
                raise BookError(f"chapters/{page.slug}.md: the tests send readers to "
                                f"{', '.join(bad)}, which the chapter has no `## N.M` heading for "
                                f"(sections: {', '.join(sorted(sections)) or 'none'})")
            note = None
            n_hidden = [t for t in tests if t[2] == "hidden"]
            if not solutions:
                note = ((f"When grading, your instructor also runs hidden tests ({len(n_hidden)} "
                         f"more, {sum(t[1] for t in n_hidden)} points)" if n_hidden else
                         "When grading, your instructor may also run hidden tests")
                        + ": they check the cases the chapter's *Tests:* paragraphs name (odd "
                        "widths, empty inputs, bad arguments, ...). A green `make check` prints "
                        f"them for this chapter; try them on your own code with `make try "
                        f"CHAPTER={page.number}`.")
            edition_tests[page.slug] = (len(shown), sum(t[1] for t in shown))
            text += exercises_markdown(root, page, shown, solutions,
                                       load_results(results, page.slug), pages_by_number, note)
        prev = pages[k - 1] if k > 0 else None
        nxt = pages[k + 1] if k + 1 < len(pages) else None
        variables = {"book-title": BOOK_TITLE, "edition": edition, "page-kind": "chapter",
                     "chapter-label": page.label, "source": f"chapters/{page.slug}.md",
                     "built": built,
                     "prev-href": prev.html if prev else "index.html",
                     "prev-title": f"{prev.number} · {prev.title}" if prev else "Contents",
                     "next-href": nxt.html if nxt else None,
                     "next-title": f"{nxt.number} · {nxt.title}" if nxt else None}
        targets = {}
        if tests is not None:
            targets.update({t[0]: "#test-" + t[0] for t in shown})
            targets.update({f: "#ex-" + f for t in shown for f in t[3]})
        try:
            w = pandoc(text, os.path.join(out, page.html), variables,
                       dict(env, BOOK_CHAPTER=str(page.number), BOOK_SOURCE=f"chapters/{page.slug}.md",
                            BOOK_TARGETS=";".join(f"{k}={v}" for k, v in sorted(targets.items()))),
                       root, f"chapters/{page.slug}.md")
        except BookError as e:   # every chapter's problems at once, then stop
            failed.append(str(e))
            continue
        warnings += w
        summary.append({"page": page.html, "source": f"chapters/{page.slug}.md",
                        "title": page.title, "math": has_math,
                        "exercises": tests is not None})
    if failed:
        raise BookError("\n".join(failed))
    first = pages[0] if pages else None
    w = pandoc(index_markdown(pages, results, solutions, edition_tests),
               os.path.join(out, "index.html"),
               {"book-title": BOOK_TITLE, "edition": edition, "page-kind": "index",
                "source": "chapters/", "built": built,
                "next-href": first.html if first else None,
                "next-title": f"{first.number} · {first.title}" if first else None,
                "toc": None},
               dict(env, BOOK_CHAPTER="0", BOOK_SOURCE="index"), root, "index",
               {"title": BOOK_TITLE, "pagetitle": "Contents",
                "subtitle": "A literate C kit: read, write the functions, run the tests"})
    warnings += w
    summary.insert(0, {"page": "index.html", "source": "chapters/", "title": BOOK_TITLE,
                       "math": False, "exercises": False})
    problems = broken_refs(out)
    if problems:
        raise BookError("broken links in the book:\n  " + "\n  ".join(problems))
    with open(os.path.join(out, "book.json"), "w") as f:
        json.dump({"solutions": solutions, "pages": summary, "warnings": warnings}, f, indent=1)
    shutil.rmtree(work, ignore_errors=True)
    if not quiet:
        for w in warnings:
            print("  warning: " + w)
        print(f"Book ({edition}): {len(pages)} chapter page(s) + index in "
              f"{os.path.relpath(out, os.getcwd())}/ — open {os.path.relpath(out, os.getcwd())}/index.html")
    return summary


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--root", default=ROOT, help="the kit tree (chapters/, solutions/, include/, ...)")
    ap.add_argument("--out", default=None, help="default: ROOT/build/book")
    ap.add_argument("--solutions", choices=("0", "1"), default=None,
                    help="1: with folded reference solutions; 0: student edition "
                         "(default: 1 when solutions/ exists; make book BOOK_SOLUTIONS=0)")
    ap.add_argument("--manifests", default=None,
                    help="a directory of <slug>.tsv test manifests (judge --list format) "
                         "instead of building the judges (for the kit's tests)")
    ap.add_argument("--plots", default=None, help="default: ROOT/build/plots")
    ap.add_argument("--results", default=None, help="default: ROOT/build/results/exercises")
    ap.add_argument("--draft", action="store_true", default=None,
                    help="while chapters are being written: an unused marker of a chapter "
                         "with no prose yet is a warning, not an error (make book BOOK_DRAFT=1)")
    ap.add_argument("--figures-required", choices=("0", "1"), default=None,
                    help="default: 1 when the tree has solutions/ and plots/plots.py")
    a = ap.parse_args(argv)
    try:
        build(os.path.abspath(a.root), a.out and os.path.abspath(a.out),
              None if a.solutions is None else a.solutions == "1",
              a.manifests, a.plots and os.path.abspath(a.plots),
              a.results and os.path.abspath(a.results),
              None if a.figures_required is None else a.figures_required == "1",
              draft=a.draft)
    except BookError as e:
        print(f"make book: {e}", file=sys.stderr)
        return 1
    except subprocess.CalledProcessError as e:
        print(f"make book: {' '.join(e.cmd)} failed:\n{e.stderr}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
