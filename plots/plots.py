#!/usr/bin/env python3
"""make plots — the kit's figures, drawn by gnuplot from data that the kit's
own C code computes.

    make plots                         every figure, from the reference (solutions/)
    make plots CHAPTER=3               chapter 3's figures
    make plots CHAPTER=3 SRC=exercises your own code, and your table next to the reference

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
(a macro for heatmaps: `with image @IMAGE`), and for
compare figures REF, YOURS (directories), REF_MSG and YOURS_MSG ("" or why there
is no data). Output: build/plots/NN-name.{png,svg} (reference) or
build/plots/<src>/NN-name.{png,svg}. Rebuilds only what changed (content hashes).
"""
import argparse
import glob
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tools"))

import kit  # noqa: E402  (src_of: the same SRC tags as make check)
from kitlib import chapters  # noqa: E402
from kitlib.build import WARN, SAN, cc  # noqa: E402

OUT = os.path.join(ROOT, "build", "plots")
DATA_SRC = os.path.join(HERE, "data")
MESSAGE_GP = os.path.join(HERE, "message.gp")
STYLE_GP = os.path.join(HERE, "style.gp")  # loaded by the scripts
FONT = "DejaVu Sans,11"
SVG_FONT = "DejaVu Sans,13"  # svg sizes text in px, pngcairo in pt
TIMEOUT = 10  # seconds per data program run (each needs well under 1 s)


class KitError(Exception):
    """A bug in the kit (its data files or scripts), not in the student's code."""


def rel(path):
    return os.path.relpath(path, ROOT)


def header(path):
    """The `# key: value` lines at the top of a .gp or .c file."""
    keys = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"^\s*(?:#|/?\*)\s*([a-z]+):\s*(.+?)\s*(?:\*/)?$", line)
            if m:
                keys.setdefault(m.group(1), m.group(2))
            elif line.strip() and not line.lstrip().startswith(("#", "/*", "*")):
                break
    return keys


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
        self.functions = [f for f in re.split(r"[,\s]+", h.get("functions", "")) if f]
        self.data_c = os.path.join(DATA_SRC, f"ch{self.chapter:02d}.c")

    def needs(self):
        if not os.path.exists(self.data_c):
            return [self.chapter]
        return sorted({int(n) for n in header(self.data_c).get("needs", "").split()}
                      | {self.chapter})


def all_figures():
    return [Figure(p) for p in sorted(glob.glob(os.path.join(HERE, "[0-9][0-9]-*.gp")))]


def digest(parts, files):
    h = hashlib.sha256("\0".join(parts).encode())
    for p in sorted(set(files)):
        h.update(p.encode())
        with open(p, "rb") as f:
            h.update(f.read())
    return h.hexdigest()


def fresh(out, key):
    stamp = out + ".stamp"
    return os.path.exists(out) and os.path.exists(stamp) and open(stamp).read() == key


def stamp(out, key):
    with open(out + ".stamp", "w") as f:
        f.write(key)


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
    if os.environ.get("V", "0") not in ("", "0"):
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
        obj = os.path.join(objdir, os.path.basename(src)[:-2] + ("-san" if san else "") + ".o")
        cmd = cc() + WARN + ["-g", "-O1"] + (SAN if san else []) + incs + ["-c", src, "-o", obj]
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
    exe = os.path.join(OUT, "bin", tag, f"ch{fig.chapter:02d}-data")
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


def run_data(exe, name, d, chapter):
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
    return (f"your code crashed or hit undefined behaviour ({what}): "
            f"run make check CHAPTER={chapter} to find where")


def gp_string(s):
    return "'" + s.replace("'", "''") + "'"


def gnuplot(script, fig, outbase, variables, vars_files=()):
    """Draw script to outbase.png and outbase.svg. Returns gnuplot's stderr."""
    w, h = fig.size
    terms = {"png": f"pngcairo size {w},{h} noenhanced font '{FONT}'",
             "svg": f"svg size {w},{h} noenhanced font '{SVG_FONT}' background rgb 'white'"}
    errors = ""
    for ext, term in terms.items():
        pre = [f"set terminal {term}", f"set output {gp_string(outbase + '.' + ext)}"]
        # Heatmaps say `with image @IMAGE`: whole-cell rectangles in SVG (a browser
        # would blur an embedded bitmap), one bitmap in PNG (no seams).
        pre += [f"IMAGE = {gp_string('pixels' if ext == 'svg' else 'notitle')}"]
        pre += [f"{k} = {gp_string(v)}" for k, v in variables.items()]
        pre += [f"load {gp_string(v)}" for v in vars_files if os.path.exists(v)]
        r = subprocess.run(["gnuplot", "-e", "; ".join(pre), script],
                           capture_output=True, text=True, cwd=ROOT)
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
    ref_exe = None
    if fig.compare:
        ref_why = missing_chapter(fig, ref) if ref else "the reference is not in this copy of the kit"
        if not ref_why:
            ref_exe, ref_key, _ = data_program(fig, ref, "solutions")
            parts.append(ref_key)
        else:
            parts.append(ref_why)
    full = digest(parts, files)
    if fresh(outbase + ".png", full) and os.path.exists(outbase + ".svg"):
        return "up to date", rel(outbase + ".png")
    if fig.compare:
        yours, refd = os.path.join(datadir, "yours"), os.path.join(datadir, "ref")
        shutil.rmtree(datadir, ignore_errors=True)
        os.makedirs(datadir)
        ymsg = msg or run_data(exe, fig.data, yours, fig.chapter)
        rmsg = run_data(ref_exe, fig.data, refd, fig.chapter) if ref_exe else ref_why
        if rmsg and ref_exe:
            raise KitError(f"the reference gives no data for {fig.name}: {rmsg}")
        variables = {"DATA": datadir, "REF": refd, "YOURS": yours,
                     "REF_MSG": rmsg or "", "YOURS_MSG": ymsg or ""}
        if not ymsg and not rmsg:
            for f in sorted(os.listdir(refd)):
                if f.endswith(".dat"):
                    r = subprocess.run([ref_exe, "diff", os.path.join(refd, f),
                                        os.path.join(yours, f), os.path.join(datadir, "diff-" + f)],
                                       capture_output=True, text=True)
                    if r.returncode != 0:
                        raise KitError(r.stderr)
        errors = gnuplot(fig.script, fig, outbase, variables,
                         [os.path.join(refd, "vars.gp"), os.path.join(yours, "vars.gp"),
                          os.path.join(datadir, "vars.gp")])
        state, detail = ("message", ymsg) if ymsg else ("built", rel(outbase + ".png"))
    else:
        message = msg or run_data(exe, fig.data, datadir, fig.chapter)
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


def main(argv=None):
    ap = argparse.ArgumentParser(prog="plots")
    ap.add_argument("--chapter", default="")
    ap.add_argument("--src", default="", help="exercises|solutions|<dir>; default solutions")
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--out", default="", help="output directory (default build/plots)")
    a = ap.parse_args(argv)
    global OUT
    if a.out:
        OUT = os.path.abspath(a.out)
    ref = os.path.join(ROOT, "solutions")
    ref = ref if os.path.isdir(ref) else None
    spec = a.src or ("solutions" if ref else "exercises")
    src_dir, tag = kit.src_of(spec)
    figs = all_figures()
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
