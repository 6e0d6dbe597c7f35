"""What a person reads after `make check`: one line per test with its verdict,
an explanation under every failure, a score line and `N passed, N failed`."""
import json
import os
import re
import sys

from kit.core import figures
from kit.core.chapters import ROOT

COLOURS = {"PASS": "32", "FAIL": "31", "CRASH": "35", "TIMEOUT": "33", "SANITIZER": "35",
           "BUILD ERROR": "31", "MEMORY LIMIT": "35", "OUTPUT LIMIT": "35", "FILE LIMIT": "35",
           "PROCESS LIMIT": "35"}


def use_colour(stream=sys.stdout):
    return stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def paint(text, verdict, colour):
    return f"\033[{COLOURS[verdict]}m{text}\033[0m" if colour else text


def plot_hint(ch, functions, src):
    """One line pointing at the yours-vs-reference figure (a plots/NN-*.gp with
    `# mode: compare`) that shows one of functions; None when there is none.
    src = (SRC as given, its build tag)."""
    spec, tag = src
    if tag == "solutions":
        return None
    figs = figures.compare_figures(ch.number)
    names = sorted({name for fn in functions for name in figs.get(fn, [])})
    if names:
        return (f"yours next to the reference and the difference: make plots "
                f"CHAPTER={ch.number} SRC={spec} → build/plots/{tag}/{names[0]}.png")
    return None


def book_ref(ch, section):
    """ " in build/book/NN-slug.html#sec-N.M" when `make book` has built that page."""
    m = re.match(r"§(\d+\.\d+)$", section.strip())
    page = os.path.join("build", "book", ch.slug + ".html")
    if not m or not os.path.exists(os.path.join(ROOT, page)):
        return ""
    return f" in {page}#sec-{m.group(1)}"


def summary(results):
    def part(kind):
        rs = [r for r in results if r.test.kind == kind]
        return sum(r.verdict == "PASS" for r in rs), len(rs), \
            sum(r.test.points for r in rs if r.verdict == "PASS"), sum(r.test.points for r in rs)
    return {"public": part("public"), "hidden": part("hidden"),
            "passed": sum(r.verdict == "PASS" for r in results),
            "failed": sum(r.verdict != "PASS" for r in results),
            "points": sum(r.test.points for r in results if r.verdict == "PASS"),
            "max_points": sum(r.test.points for r in results)}


def print_chapter(ch, files, results, rerun, colour, build_error=None, hidden_note=None, src=None):
    print(f"Chapter {ch.number} · {ch.slug} · {', '.join(files)}")
    if build_error:
        why = ("your file is missing" if build_error.startswith("missing file")
               else "your code does not compile")
        print(paint("  BUILD ERROR", "BUILD ERROR", colour) + f" — {why}, so no test could run:")
        for line in build_error.splitlines()[:40]:
            print("    " + line)
        print("  Fix the first error above, then run the same command again.")
    width = max((len(r.test.name) for r in results), default=10)
    told_todo = set()
    for r in results:
        t = r.test
        tag = paint(f"{r.verdict:<11}", r.verdict, colour)
        hidden = " (hidden)" if t.kind == "hidden" else ""
        print(f"  {tag} {t.name:<{width}}  {t.points} pt{'s' if t.points != 1 else ' '}  "
              f"{', '.join(t.functions)}{hidden}")
        if r.warning:
            print("      " + r.warning)
        if r.verdict in ("PASS", "BUILD ERROR"):
            continue
        if r.todo:
            fn = next((f for f in t.functions if f not in told_todo), None)
            if fn is None:
                continue
            told_todo.add(fn)
        for line in r.lines:
            print("      " + line)
        if r.output.strip():
            print("      your code printed:")
            for line in r.output.splitlines():
                print("        | " + line)
        if not r.todo:
            print(f"      checks: {t.what} · read {t.section}{book_ref(ch, t.section)}")
            print(f"      rerun:  {rerun(t.name)}")
            hint = plot_hint(ch, t.functions, src) if r.verdict == "FAIL" and src else None
            if hint:
                print(f"      plot:   {hint}")
    s = summary(results)
    parts = [f"public {s['public'][0]}/{s['public'][1]} tests"]
    if s["hidden"][1]:
        parts.append(f"hidden {s['hidden'][0]}/{s['hidden'][1]} tests")
    parts.append(f"{s['points']}/{s['max_points']} points")
    print("Score: " + " · ".join(parts))
    if hidden_note:
        print(hidden_note)
    return s


def next_step(ch, results, files):
    """One sentence: what to do now."""
    failing = [r for r in results if r.verdict != "PASS"]
    if not failing:
        return None
    first = failing[0]
    fn = first.test.functions[0]
    if all(r.todo for r in failing):
        return f"Next: write {fn} in {files[0]} (see its TODO), then run this command again."
    return f"Next: fix {first.test.name} ({first.verdict}) — its message above says what differs."


def save(path, ch, src, results, build_error=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    data = {"chapter": ch.slug, "src": src, "build_error": build_error,
            "summary": summary(results),
            "tests": [{"name": r.test.name, "kind": r.test.kind, "points": r.test.points,
                       "functions": r.test.functions, "section": r.test.section,
                       "what": r.test.what, **r.record(), "warning": r.warning,
                       "output": r.output, "seconds": round(r.seconds, 4)} for r in results]}
    with open(path, "w") as f:
        json.dump(data, f, indent=1)


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def results_path(tag, slug):
    return os.path.join(ROOT, "build", "results", tag, slug + ".json")
