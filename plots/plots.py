#!/usr/bin/env python3
"""make plots — the kit's figures, drawn by gnuplot from data that the kit's
own C code computes.

    make plots                         every figure, from the reference (solutions/)
    make plots CHAPTER=3               chapter 3's figures
    make plots CHAPTER=3 SRC=exercises your own code, and your functions next to the reference

A figure is one script plots/NN-name.gp (NN = its chapter) whose first lines say
    # data: NAME          the function in plots/data/chNN.c that writes its data
    # size: W,H           pixels of the PNG (the SVG gets the same size)
    # mode: compare       (optional) yours vs reference: only with SRC other than solutions
    # functions: f, g     (compare only) the chapter functions it shows; `make check`
                          points at the figure when a test of f or g fails
plots/data/chNN.c says which chapters it calls (`needs: 03 05`). A figure whose
chapters are not in the kit yet (header or sources missing) is skipped, not failed.
To add a figure: drop NN-name.gp here and a function + table row in plots/data/chNN.c.

The script sees DATA (its data directory; vars.gp there is loaded first), IMAGE
(a macro for heatmaps: `with image @IMAGE`). A compare figure's data come from
plots/data/compare.c built with chapter NN's code alone (-DPLOT_CHAPTER=NN), run
twice: on the reference (solutions/, or in a student release the numbers make
dist shipped in plots/reference/<figure>/) and on yours. Its rows are its
`call 'plots/compare.gp' 'STEM' ...` lines (see compare.gp); it sees REF, YOURS
(directories), REF_MSG and YOURS_MSG ("" or why a side has no data at all),
YOURS_MSG_<STEM> ("" or why your code gave no STEM.dat), AGAIN (the command)
and maxdiff_<STEM> in DATA/vars.gp. Output: build/plots/NN-name.{png,svg}
(reference) or build/plots/<src>/NN-name.{png,svg}. Rebuilds only what changed
(content hashes). `--reference-data DIR` (make dist) writes the reference's data
of every compare figure to DIR.
"""
import argparse
import glob
import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)

from kit.student import check as kit  # noqa: E402  (src_of: the same SRC tags as make check)
from kit.core import chapters  # noqa: E402
from kit.core.build import WARN, SAN, VERBOSE, cc  # noqa: E402
from kit.core.files import digest, fresh, stamp  # noqa: E402  (the one content-hash cache)
from kit.core import gnuplot as gp  # noqa: E402  (the one gnuplot runner)
from kit.core.figures import header, functions  # noqa: E402  (the one figure-header reader)

OUT = os.path.join(ROOT, "build", "plots")
DATA_SRC = os.path.join(HERE, "data")
MESSAGE_GP = os.path.join(HERE, "message.gp")
COMPARE_C = os.path.join(DATA_SRC, "compare.c")    # the data of every compare figure
COMPARE_GP = os.path.join(HERE, "compare.gp")      # one row of a compare figure
REFERENCE = os.path.join(HERE, "reference")        # the reference's data, in a student release
STYLE_GP = os.path.join(HERE, "style.gp")  # loaded by the scripts
FONT = "DejaVu Sans,11"
SVG_FONT = "DejaVu Sans,13"  # svg sizes text in px, pngcairo in pt
TIMEOUT = 10  # seconds per data program run (each needs well under 1 s)


class KitError(Exception):
    """A bug in the kit (its data files or scripts), not in the student's code."""


def rel(path):
    return os.path.relpath(path, ROOT)


class Figure:
    def __init__(self, script):
        self.script = script
        self.name = os.path.basename(script)[:-3]
        self.chapter = int(self.name[:2])
        h = header(script)
        self.data = h.get("data", self.name[3:])
        w, _, hh = h.get("size", "900,600").partition(",")
        self.size = (int(w), int(hh))
        self.compare = h.get("mode") == "compare"
        self.functions = functions(h)
        # a compare figure's rows, in order: `call 'plots/compare.gp' 'STEM' ...`
        self.rows = re.findall(r"^\s*call\s+'plots/compare\.gp'\s+'(\w+)'", open(script).read(), re.M)
        if self.compare:   # one program per chapter, with that chapter's code alone
            self.data_c, self.program = COMPARE_C, f"ch{self.chapter:02d}-compare"
            self.defines = [f"-DPLOT_CHAPTER={self.chapter}"]
        else:
            self.data_c, self.program = os.path.join(DATA_SRC, f"ch{self.chapter:02d}.c"), \
                f"ch{self.chapter:02d}-data"
            self.defines = []

    def needs(self):
        if self.compare or not os.path.exists(self.data_c):
            return [self.chapter]
        return sorted({int(n) for n in header(self.data_c).get("needs", "").split()}
                      | {self.chapter})


def all_figures():
    return [Figure(p) for p in sorted(glob.glob(os.path.join(HERE, "[0-9][0-9]-*.gp")))]


def missing_chapter(fig, src_dir):
    """Why fig cannot be drawn from src_dir yet (None when it can)."""
    for n in fig.needs():
        ch = chapters.find(str(n))
        if ch is None or not os.path.exists(ch.header):
            return f"chapter {n} is not in the kit yet"
        if not ch.sources_in(src_dir):
            return f"no chapter {n} sources in {rel(src_dir)}/"
    if not os.path.exists(fig.data_c):
        return f"no data file {rel(fig.data_c)}"
    return None


def headers(fig):
    """The headers fig's data program depends on: kit.h, its chapters' and plotdata.h."""
    return ([os.path.join(ROOT, "include", "kit.h")] + glob.glob(os.path.join(DATA_SRC, "*.h")) +
            [chapters.find(str(n)).header for n in fig.needs()])


def run_cmd(cmd):
    if VERBOSE:
        print(" ".join(shlex.quote(c) for c in cmd))
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)


def data_program(fig, src_dir, tag):
    """Build the data program of fig's chapter against src_dir.
    Returns (exe, key, None) or (None, None, message for the student)."""
    san = tag != "solutions"
    objdir = os.path.join(OUT, "obj")
    os.makedirs(objdir, exist_ok=True)
    incs = ["-I" + os.path.join(ROOT, "include"), "-I" + DATA_SRC]
    # The kit's part: plotdata.c and chNN.c, compiled against the headers alone.
    objs = []
    for src in (os.path.join(DATA_SRC, "plotdata.c"), fig.data_c):
        defines = fig.defines if src == fig.data_c else []
        obj = os.path.join(objdir, os.path.basename(src)[:-2] + (f"-{fig.chapter:02d}" if defines
                                                                 else "") + ("-san" if san else "") + ".o")
        cmd = cc() + WARN + ["-g", "-O1"] + (SAN if san else []) + incs + defines + \
            ["-c", src, "-o", obj]
        deps = headers(fig) if src == fig.data_c else headers(fig)[:1] + glob.glob(
            os.path.join(DATA_SRC, "*.h"))
        key = digest(cmd, [src] + deps)
        if not fresh(obj, key):
            r = run_cmd(cmd)
            if r.returncode != 0:
                raise KitError(f"{rel(src)} does not compile (a bug in the kit):\n{r.stderr}")
            stamp(obj, key)
        objs.append(obj)
    # The chapter code: the reference or the student's files.
    sources = []
    for n in fig.needs():
        sources += chapters.find(str(n)).sources_in(src_dir)
    exe = os.path.join(OUT, "bin", tag, fig.program)
    os.makedirs(os.path.dirname(exe), exist_ok=True)
    cmd = cc() + WARN + ["-g", "-O1"] + (SAN if san else []) + incs + objs + sources + \
        ["-o", exe, "-lm"]
    key = digest(cmd, objs + sources + headers(fig))
    if not fresh(exe, key):
        r = run_cmd(cmd)
        if r.returncode != 0:
            if tag == "solutions":
                raise KitError(f"the reference does not build with {rel(fig.data_c)}:\n{r.stderr}")
            return None, None, (f"your code does not compile or link: run make check "
                                f"CHAPTER={fig.chapter} for the compiler's message")
        stamp(exe, key)
    return exe, key, None


HUNG = {}  # exe -> message: a program that timed out once is not run again


def sanitizer_report(stderr, src_dir):
    """The sanitizer's own words for a crash of the data program, as `make check`
    reports them (kind: summary, and the frame in the student's file), or None."""
    from kit.core import run as kitrun   # make check's reading of the same report
    san = kitrun._sanitizer(stderr)
    frame = kitrun._student_frame(stderr, src_dir) if src_dir else None
    if san is None and frame is None:
        return None
    if san:
        # "heap-buffer-overflow /abs/path/file.c:80 in pe_table": the frame says where
        summary = re.sub(r"^(\S+) \S+:\d+(?::\d+)? in \w+$", r"\1", san[1]) if frame else san[1]
        text = f"{san[0]}: {summary}"
    else:
        text = ""
    if frame:
        text += (" " if text else "") + frame
    return text


def run_data(exe, name, d, chapter, src_dir=None):
    """Run `exe make name d`. Returns None (data written) or a message for the figure."""
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    if exe in HUNG:
        return HUNG[exe]
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=0", UBSAN_OPTIONS="print_stacktrace=1")
    try:
        r = subprocess.run([exe, "make", name, d], capture_output=True, text=True,
                           timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        HUNG[exe] = f"your code did not finish within {TIMEOUT} s: run make check CHAPTER={chapter}"
        return HUNG[exe]
    if r.returncode == 0:
        return None
    if r.returncode == 3 and os.path.exists(os.path.join(d, "status.txt")):
        return open(os.path.join(d, "status.txt")).read().strip()
    if r.returncode == 2:
        raise KitError(f"{rel(exe)} make {name}: {r.stderr.strip()}")
    what = f"signal {-r.returncode}" if r.returncode < 0 else f"exit {r.returncode}"
    report = sanitizer_report(r.stderr, src_dir)
    if report:
        return (f"your code crashed or hit undefined behaviour: {report}. "
                f"make check CHAPTER={chapter} runs the same code test by test")
    return (f"your code crashed or hit undefined behaviour ({what}): "
            f"run make check CHAPTER={chapter} to find where")


def gnuplot(script, fig, outbase, variables, vars_files=()):
    """Draw script to outbase.png and outbase.svg. Returns gnuplot's stderr."""
    w, h = fig.size
    terms = {"png": f"pngcairo size {w},{h} noenhanced font '{FONT}'",
             "svg": f"svg size {w},{h} noenhanced font '{SVG_FONT}' background rgb 'white'"}
    errors = ""
    for ext, term in terms.items():
        # Heatmaps say `with image @IMAGE`: whole-cell rectangles in SVG (a browser
        # would blur an embedded bitmap), one bitmap in PNG (no seams).
        image = {"IMAGE": "pixels" if ext == "svg" else "notitle"}
        r = gp.run(script, term, outbase + "." + ext, dict(image, **{k: str(v) for k, v in variables.items()}),
                   vars_files, timeout=None)
        errors += r.stderr
        if r.returncode != 0:
            raise KitError(f"gnuplot failed on {rel(script)}:\n{r.stderr}")
    return errors


def hint(fig, message, src_dir):
    """What to do about a message panel: where the function is, what to run."""
    fn = message.split()[0]
    where = rel(src_dir) + "/"
    for n in fig.needs():
        ch = chapters.find(str(n))
        if re.search(r"\b" + re.escape(fn) + r"\s*\(", open(ch.header).read()):
            files = ch.student_files()
            where = rel(os.path.join(src_dir, ch.slug, files[0] if files else ""))
            return (f"{fn} is in {where} (contract: include/{ch.slug}.h).\n"
                    f"make check CHAPTER={n} says what each test wants.")
    return f"Look at your files in {where}; make check CHAPTER={fig.chapter} says what each test wants."


NO_REFERENCE = "the reference is not in this copy of the kit"


def reference_source(fig, ref):
    """Where the left panels of compare figure fig come from: (exe, key, None),
    the reference's data program (solutions/); (None, key, None), the data
    make dist shipped in plots/reference/<figure>/ (a student release); or
    (None, None, why there is none)."""
    if ref and not missing_chapter(fig, ref):
        exe, key, _ = data_program(fig, ref, "solutions")
        return exe, key, None
    shipped = os.path.join(REFERENCE, fig.name)
    if not ref and os.path.isdir(shipped):
        return None, digest([fig.name], glob.glob(os.path.join(shipped, "*"))), None
    return None, None, missing_chapter(fig, ref) if ref else NO_REFERENCE


def wrap(text, width=40):
    """A message for a panel a third of a figure wide: lines of at most width."""
    return "\n".join(textwrap.wrap(text, width)) if text else ""


def run_reference(fig, exe, d):
    """The reference's data of compare figure fig into d; every row, or KitError."""
    message = run_data(exe, fig.data, d, fig.chapter)
    lacking = glob.glob(os.path.join(d, "*.msg"))
    if message or lacking:
        raise KitError(f"the reference gives no data for {fig.name}: "
                       f"{message or open(lacking[0]).read().strip()}")


def read_bad(path):
    """(row, column, value) of every NaN or infinity compare.c listed in path."""
    out = []
    for line in open(path):
        r, c, v = line.split()
        out.append((int(r), int(c), v))
    return out


def marks(fig, stem, yours, refd):
    """The gnuplot commands that mark, in your panel of row stem, the values
    compare.c could not draw (NaN, ±inf; where the reference has a number), and
    the line that says so: (heatmap commands, curve commands, note)."""
    path = os.path.join(yours, stem + ".bad")
    if not os.path.exists(path):
        return "", "", ""
    ref = os.path.join(refd, stem + ".dat")
    ref_rows = [line.split() for line in open(ref)] if os.path.exists(ref) else []

    def ref_finite(r, c):
        try:
            return math.isfinite(float(ref_rows[r][c]))
        except (IndexError, ValueError):
            return True
    bad = [b for b in read_bad(path) if ref_finite(b[0], b[1])]
    if not bad:
        return "", "", ""
    vector = all(b[1] == 0 for b in bad) and all(len(r) == 1 for r in ref_rows[:1])
    first = bad[0]
    where = f"element {first[0]}" if vector else f"element ({first[0]}, {first[1]})"
    kinds = sorted({b[2] for b in bad})
    note = (f"{len(bad)} value{'s' if len(bad) != 1 else ''} {'/'.join(kinds)}, not drawn "
            f"(marked ×); the first: {where} = {first[2]}")
    heat = "; ".join(f"set label {200 + k} '×' at first {c}, first {r} center front "
                     f"font ',14' tc rgb '#b2182b'" for k, (r, c, _) in enumerate(bad[:400]))
    rows = sorted({r for r, _, _ in bad})[:200]
    curve = "; ".join(f"set arrow {200 + k} from first {r}, graph 0 to first {r}, graph 1 nohead "
                      f"dt 2 lw 1.5 lc rgb '#b2182b' front" for k, r in enumerate(rows))
    return heat, curve, note


def compare_data(fig, exe, msg, ref_exe, ref_why, datadir, src_dir=None):
    """The data of a compare figure in datadir: ref/ and yours/ (one STEM.dat
    per row, or yours/STEM.msg: why your code gave no data), diff-STEM.dat
    (yours - reference) and maxdiff_STEM in vars.gp for each row both have.
    Returns (gnuplot variables, the messages of the rows yours lacks)."""
    yours, refd = os.path.join(datadir, "yours"), os.path.join(datadir, "ref")
    shutil.rmtree(datadir, ignore_errors=True)
    os.makedirs(yours)
    ymsg = msg or run_data(exe, fig.data, yours, fig.chapter, src_dir)
    if ref_exe:
        run_reference(fig, ref_exe, refd)
    elif not ref_why:
        shutil.copytree(os.path.join(REFERENCE, fig.name), refd)
    os.makedirs(refd, exist_ok=True)
    if not ref_why:
        lacking = [s for s in fig.rows if not os.path.exists(os.path.join(refd, s + ".dat"))]
        if lacking:
            raise KitError(f"{rel(fig.script)} draws {lacking[0]}.dat, which the reference's "
                           f"data ({rel(fig.data_c)}, {fig.data}) does not write")
    variables = {"DATA": datadir, "REF": refd, "YOURS": yours, "REF_MSG": wrap(ref_why or ""),
                 "YOURS_MSG": wrap(ymsg or "")}
    missing, notes = [], []
    for stem in fig.rows:
        mine, theirs = os.path.join(yours, stem + ".dat"), os.path.join(refd, stem + ".dat")
        why = ""
        if not os.path.exists(mine):
            why = (open(os.path.join(yours, stem + ".msg")).read().strip()
                   if os.path.exists(os.path.join(yours, stem + ".msg")) else ymsg or "no data")
            missing.append(why)
        variables["YOURS_MSG_" + stem] = wrap(why)
        heat, curve, note = marks(fig, stem, yours, refd) if not why else ("", "", "")
        variables["YOURS_MARK_HEAT_" + stem] = heat
        variables["YOURS_MARK_CURVE_" + stem] = curve
        variables["YOURS_NOTE_" + stem] = wrap(note, 56)
        if note:
            notes.append(f"{stem}: {note}")
        if not why and os.path.exists(theirs):
            # the student's data program has the kit's diff too (the release has no other)
            r = subprocess.run([exe, "diff", theirs, mine,
                                os.path.join(datadir, "diff-" + stem + ".dat")],
                               capture_output=True, text=True)
            if r.returncode != 0:
                raise KitError(r.stderr)
    return variables, missing, notes


def draw(fig, src_dir, tag, ref):
    """Build one figure. Returns (state, detail): state is built | up to date |
    message | skipped; raises KitError on a bug in the kit."""
    why = missing_chapter(fig, src_dir)
    if why:
        return "skipped", why
    outdir = OUT if tag == "solutions" else os.path.join(OUT, tag)
    os.makedirs(outdir, exist_ok=True)
    outbase = os.path.join(outdir, fig.name)
    datadir = os.path.join(OUT, "data", tag, fig.name)
    exe, key, msg = data_program(fig, src_dir, tag)
    parts = [key or msg, fig.name, str(fig.size)]
    files = [fig.script, MESSAGE_GP, STYLE_GP, os.path.abspath(__file__)]  # + the terminals
    files += glob.glob(os.path.join(ROOT, "chapters", "data", f"{fig.chapter:02d}-*.tsv"))  # checked-in results
    spec = tag if tag in ("exercises", "solutions") else rel(src_dir)   # SRC= to draw it again
    if fig.compare:
        ref_exe, ref_key, ref_why = reference_source(fig, ref)
        parts += [ref_key or ref_why, spec]
        files.append(COMPARE_GP)
    full = digest(parts, files)
    if fresh(outbase + ".png", full) and os.path.exists(outbase + ".svg"):
        return "up to date", rel(outbase + ".png")
    if fig.compare:
        variables, missing, notes = compare_data(fig, exe, msg, ref_exe, ref_why, datadir, src_dir)
        variables["AGAIN"] = f"make plots CHAPTER={fig.chapter} SRC={spec}"
        if notes:   # a heatmap with holes: cell by cell (gnuplot leaves the NaN cells out)
            variables["IMAGE"] = "pixels"
        errors = gnuplot(fig.script, fig, outbase, variables, [os.path.join(datadir, "vars.gp")])
        if notes:   # ... and says so, which the panel's marks already do
            errors = "\n".join(e for e in errors.splitlines()
                                if "matrix contains missing or undefined values" not in e)
        state, detail = (("message", "; ".join(dict.fromkeys(missing + notes))) if missing
                         else ("built", rel(outbase + ".png") + "".join(f"\n{' ' * 14}{n}" for n in notes)))
    else:
        message = msg or run_data(exe, fig.data, datadir, fig.chapter, src_dir)
        if message and tag == "solutions":
            raise KitError(f"the reference gives no data for {fig.name}: {message}")
        if message:
            errors = gnuplot(MESSAGE_GP, fig, outbase,
                             {"MSG": message, "FIG": fig.name, "HINT": hint(fig, message, src_dir)})
            state, detail = "message", message
        else:
            errors = gnuplot(fig.script, fig, outbase, {"DATA": datadir},
                             [os.path.join(datadir, "vars.gp")])
            state, detail = "built", rel(outbase + ".png")
    if errors.strip():
        raise KitError(f"gnuplot warned on {rel(fig.script)}:\n{errors}")
    stamp(outbase + ".png", full)
    return state, detail


REFERENCE_README = """# plots/reference/ — the reference's numbers for the yours-vs-reference figures

`make plots CHAPTER=N SRC=exercises` draws your functions' output next to these
numbers and the difference (build/plots/exercises/NN-yours-vs-reference.png).
`make dist` wrote them by running the figures' data programs on the reference
solutions, which this copy of the kit does not have: data only (one folder per
figure, one matrix file per row of the figure), no code.
"""


def export_reference(out, figs):
    """make dist: the reference's data of every compare figure into
    out/<figure>/ (the .dat files and vars.gp: values, never code)."""
    ref = os.path.join(ROOT, "solutions")
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    for fig in (f for f in figs if f.compare):
        why = missing_chapter(fig, ref)
        if why:
            print(f"  skipped     {fig.name}: {why}")
            continue
        exe, _, _ = data_program(fig, ref, "solutions")
        d = os.path.join(out, fig.name)
        run_reference(fig, exe, d)
        for f in os.listdir(d):
            if not (f.endswith(".dat") or f == "vars.gp"):
                os.remove(os.path.join(d, f))
        print(f"  reference   {rel(d)}: {', '.join(sorted(os.listdir(d)))}")
    with open(os.path.join(out, "README.md"), "w") as f:
        f.write(REFERENCE_README)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="plots")
    ap.add_argument("--chapter", default="")
    ap.add_argument("--src", default="", help="exercises|solutions|<dir>; default solutions")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--book", action="store_true",
                    help="(make book) only the figures the chapters show, from the reference")
    ap.add_argument("--out", default="", help="output directory (default build/plots)")
    ap.add_argument("--reference-data", default="", metavar="DIR",
                    help="(make dist) write the reference's data of the compare figures to DIR")
    a = ap.parse_args(argv)
    global OUT
    if a.out:
        OUT = os.path.abspath(a.out)
    if a.reference_data:
        try:
            export_reference(os.path.abspath(a.reference_data), all_figures())
        except KitError as e:
            print(f"  FAILED      {e}")
            return 1
        return 0
    ref = os.path.join(ROOT, "solutions")
    ref = ref if os.path.isdir(ref) else None
    if a.book and not ref:
        # the release: the book's figures are the reference's, drawn by make dist into
        # build/plots/; this copy cannot draw them (no solutions/) and needs nothing else
        return 0
    spec = "solutions" if a.book else a.src or ("solutions" if ref else "exercises")
    src_dir, tag = kit.src_of(spec)
    figs = all_figures()
    if a.book:   # the figures the chapters embed: ![...](figure:NAME)
        used = set()
        for md in glob.glob(os.path.join(ROOT, "chapters", "*.md")):
            used |= set(re.findall(r"\]\(figure:([\w.-]+)\)", open(md, encoding="utf-8").read()))
        figs = [f for f in figs if f.name in used]
    if a.chapter:
        ch = chapters.find(a.chapter)
        if ch is None and not a.chapter.isdigit():
            print(f"There is no chapter {a.chapter!r}.")
            return 2
        n = ch.number if ch else int(a.chapter)
        figs = [f for f in figs if f.chapter == n]
        if not figs:
            print(f"Chapter {n} has no figures (plots/{n:02d}-*.gp).")
            return 0
    if shutil.which("gnuplot") is None:
        print("gnuplot is not installed: run make deps (Debian: apt-get install gnuplot-nox).")
        return 2
    if a.list:
        for f in figs:
            print(f"{f.name:<28} chapters {' '.join(map(str, f.needs()))}"
                  f"{'  (compare: SRC=exercises)' if f.compare else ''}")
        return 0
    print(f"Figures from {rel(src_dir)}/ into {rel(OUT if tag == 'solutions' else os.path.join(OUT, tag))}/")
    failed = 0
    for fig in figs:
        if fig.compare and tag == "solutions":
            print(f"  skipped     {fig.name}: compares your code with the reference; "
                  f"make plots CHAPTER={fig.chapter} SRC=exercises")
            continue
        try:
            state, detail = draw(fig, src_dir, tag, ref)
        except KitError as e:
            failed += 1
            print(f"  FAILED      {fig.name}: {e}")
            continue
        if state == "message":
            out = OUT if tag == "solutions" else os.path.join(OUT, tag)
            print(f"  no data     {fig.name}: {detail} (panel in {rel(os.path.join(out, fig.name))}.png)")
        else:
            print(f"  {state:<11} {fig.name if state == 'skipped' else detail}"
                  f"{': ' + detail if state == 'skipped' else ''}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
