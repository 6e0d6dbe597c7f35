#!/usr/bin/env python3
"""suite_plots — the figures of `make plots` (plots/plots.py). Exit 0 = pass.

Builds every figure from scratch into a temporary directory (never build/plots),
then checks:
- every figure of a chapter that is in the kit builds, with no gnuplot warning;
  a figure of a chapter that is not there yet is skipped, not failed;
- PNG and SVG exist, the PNG has the size its script declares (IHDR bytes);
- its data, spot-checked against known values (paper, Annotated Transformer, the
  5 x 8 worked example; tolerance 1e-6, the data files carry 9 digits);
- a second run rebuilds nothing;
- yours vs reference: a copy of the reference with sin and cos swapped, passed as
  SRC=<dir>, gives the three-panel figure and a difference > 1; the stub gives a
  "not written yet" panel; a crashing or non-compiling student file gives a
  message panel, never a traceback; `make check` points at the figure;
- every chapter's yours-vs-reference figure: the reference as the student's code
  draws every row of it, identical (max |diff| <= 1e-12); the stub gets a message
  per row with the reference panels drawn; a chapter with one function written
  draws that row and says what the other one lacks;
- the student release (make dist --no-book, no solutions/): plots/reference/ holds
  numbers only (check_release refuses anything else there), and its make plots
  draws the reference panel from them: the same numbers as solutions/ gives, a
  correct chapter identical, a wrong one different, the stub "not written yet".
"""
import glob
import math
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PLOTS = [sys.executable, os.path.join(ROOT, "plots", "plots.py")]
sys.path.insert(0, os.path.join(ROOT, "plots"))
sys.path.insert(0, ROOT)
import plots  # noqa: E402
from kit.core import chapters  # noqa: E402

sys.path.insert(0, os.path.join(ROOT, "tests"))
from checks import check, failures  # noqa: E402


def test_plots():
    """pytest (make test): the whole scenario of main(), one test (each step uses the last's figures)."""
    main()


def run(out, *args):
    r = subprocess.run(PLOTS + ["--out", out] + list(args), capture_output=True, text=True,
                       cwd=ROOT)
    return r.returncode, r.stdout + r.stderr


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n" or head[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", head[16:24])


def matrix(path):
    with open(path) as f:
        return [[float(v) for v in line.split()] for line in f
                if line.strip() and not line.startswith("#")]


def gvars(path):
    out = {}
    if os.path.exists(path):
        for line in open(path):
            k, _, v = line.partition("=")
            out[k.strip()] = float(v)
    return out


def near(a, b, tol=1e-6):
    return abs(a - b) <= tol


def states(text):
    """figure name -> state from a plots.py run."""
    got = {}
    for line in text.splitlines():
        m = re.match(r"^  (built|up to date|skipped|no data|FAILED)\s+(\S+?):?(\s|$)", line)
        if m:
            got[os.path.basename(m.group(2))[:-4] if m.group(2).endswith(".png")
                else m.group(2)] = m.group(1)
    return got


def spot_checks(out):
    data = os.path.join(out, "data", "solutions")

    def have(name):
        return os.path.isdir(os.path.join(data, name))

    if have("03-worked-example"):
        t = matrix(os.path.join(data, "03-worked-example", "pe.dat"))
        row1 = [0.841471, 0.540302, 0.099833, 0.995004, 0.010000, 0.999950, 0.001000, 1.000000]
        check(len(t) == 5 and all(len(r) == 8 for r in t), "worked example is 5 x 8")
        check(all(near(a, b) for a, b in zip(t[1], row1)), "worked example row 1 (facts table)", t[1])
        check(t[0] == [0, 1] * 4, "worked example row 0 = 0 1 0 1 ...", t[0])
        check(near(t[4][0], -0.756802) and near(t[2][1], -0.416147), "worked example rows 2, 4")
    if have("03-heatmap"):
        t = matrix(os.path.join(data, "03-heatmap", "pe.dat"))
        check(len(t) == 50 and len(t[0]) == 128, "heatmap data is 50 positions x 128 dims")
        check(near(t[1][0], math.sin(1)) and near(t[49][0], math.sin(49)), "heatmap rows are positions")
    if have("03-time-frequency"):
        t = matrix(os.path.join(data, "03-time-frequency", "pe.dat"))
        check(len(t) == 200 and len(t[0]) == 64, "time-frequency data is 200 x 64")
    if have("03-annotated-sines"):
        v = gvars(os.path.join(data, "03-annotated-sines", "vars.gp"))
        check(near(v.get("lambda45", 0), 39.64, 0.005), "d = 20: dims 4/5 have λ = 39.64", v)
        check(near(v.get("lambda67", 0), 99.58, 0.005), "d = 20: dims 6/7 have λ = 99.58", v)
        s = matrix(os.path.join(data, "03-annotated-sines", "sines.dat"))
        w = 10000 ** (-4 / 20)
        check(len(s) == 100 and near(s[37][1], math.sin(37 * w)) and near(s[37][2], math.cos(37 * w)),
              "sines: column 4 = sin(pos ω_2), column 5 = cos(pos ω_2)")
    if have("03-bases"):
        for b in (10000, 100, 20):
            t = matrix(os.path.join(data, "03-bases", f"pe_{b}.dat"))
            check(len(t) == 100 and near(t[7][2], math.sin(7 * b ** (-2 / 64))), f"base {b} table")
    if have("04-wavelengths"):
        v = gvars(os.path.join(data, "04-wavelengths", "vars.gp"))
        check(near(v.get("lambda_max_paper", 0), 54410.1, 0.05), "d = 128: paper's longest λ = 54410.1", v)
        check(near(v.get("lambda_max_variant", 0), 2 * math.pi * 10000, 1e-3),
              "d = 128: d−2 variant's longest λ = 10000·2π", v)
        lam = matrix(os.path.join(data, "04-wavelengths", "lambda.dat"))
        check(len(lam) == 128 and near(lam[0][1], 2 * math.pi), "shortest λ = 2π")
    if have("05-gram"):
        d = matrix(os.path.join(data, "05-gram", "dot.dat"))
        want = [4, 3.535256, 2.563718, 1.964890, 2.266609]
        check(all(near(d[k][1], want[k]) for k in range(5)), "d = 8 dot product at k = 0..4",
              [r[1] for r in d[:5]])
        g = matrix(os.path.join(data, "05-gram", "gram.dat"))
        check(len(g) == 100 and all(near(g[p][p], 32) for p in range(100)),
              "Gram diagonal = d/2 = 32")
        check(near(g[10][13], g[50][53]) and near(g[10][13], d[3][2]),
              "Gram depends only on q − p and matches rel_dot_offset")
    if have("06-spectrum"):
        v = gvars(os.path.join(data, "06-spectrum", "vars.gp"))
        s = matrix(os.path.join(data, "06-spectrum", "spectrum.dat"))
        peak = max(range(len(s)), key=lambda k: s[k][2])
        check(near(v.get("f_true_1", 0), 1 / (2 * math.pi)) and peak == 41 and
              near(v.get("f_peak_1", 0), 41 / 256), "column 0: ω/2π = 0.159155, DFT peak at bin 41", v)
    if have("07-attention-weights"):
        wd = os.path.join(data, "07-attention-weights")
        v = gvars(os.path.join(wd, "vars.gp"))
        w = {f"{a}-{b}": matrix(os.path.join(wd, f"{a}-{b}.dat"))
             for a in ("nope", "pe") for b in ("original", "shuffled", "back")}
        check(all(len(t) == 3 and all(len(r) == 3 and near(sum(r), 1) and min(r) > 0 for r in t)
                  for t in w.values()), "attention weights: 3 x 3, positive, rows sum to 1")
        check(near(v.get("gap_nope", 1), 0, 1e-12) and near(v.get("gap_pe", 0), 1.0267902911582345),
              "§7.6 gaps: 0 without positions, 1.026790 with", v)
        # independently: softmax(X Xᵀ/2) row 0 of §7.6's sentence, and the shuffle π = (2, 0, 1)
        X = [[0.5, -1, 0.25, 2], [-0.5, 0.3, -2, 0.1], [1, 1, -1, -1]]
        s = [sum(a * b for a, b in zip(X[0], X[c])) / 2 for c in range(3)]
        a0 = [math.exp(x) / sum(math.exp(y) for y in s) for x in s]
        check(all(near(w["nope-original"][0][c], a0[c]) for c in range(3)),
              "no positions: row 0 = softmax(x₀·x_c / 2)", w["nope-original"][0])
        perm = (2, 0, 1)
        check(all(near(w["nope-shuffled"][r][c], w["nope-original"][perm[r]][perm[c]])
                  for r in range(3) for c in range(3)) and
              all(near(a, b) for ra, rb in zip(w["nope-back"], w["nope-original"]) for a, b in zip(ra, rb)),
              "no positions: shuffled weights = original weights permuted")
        check(max(abs(a - b) for ra, rb in zip(w["pe-back"], w["pe-original"])
                  for a, b in zip(ra, rb)) > 0.05, "with PE: the shuffle changes the weights")
    if have("08-rope-alibi"):
        rd = os.path.join(data, "08-rope-alibi")
        v = gvars(os.path.join(rd, "vars.gp"))
        r = matrix(os.path.join(rd, "rope.dat"))
        check(len(r) == 41 and [row[0] for row in r] == list(range(-20, 21)), "RoPE offsets −20 .. 20")
        check(all(abs(row[c] - row[1]) <= 1e-12 for row in r for c in (2, 3)) and
              v.get("rope_spread", 1) <= 1e-12, "RoPE curves for n = 20, 100, 220 agree to 1e-12",
              v.get("rope_spread"))

        def rope_f(k):  # q·R_{-k} k, adjacent pairs, θ = (1, 0.01): the score at offset m − n = k
            q, kk, out = (0.5, -1, 0.25, 2), (1, 0.5, -0.5, 1), 0.0
            for i, th in enumerate((1.0, 0.01)):
                a = -k * th
                k0 = kk[2 * i] * math.cos(a) - kk[2 * i + 1] * math.sin(a)
                k1 = kk[2 * i] * math.sin(a) + kk[2 * i + 1] * math.cos(a)
                out += q[2 * i] * k0 + q[2 * i + 1] * k1
            return out
        check(near(r[20][1], 1.875) and all(near(row[1], rope_f(row[0])) for row in r),
              "RoPE score = q·R_(n−m) k (1.875 at offset 0)", [r[17][1], r[20][1], r[23][1]])
        al = matrix(os.path.join(rd, "alibi.dat"))
        check(len(al) == 41 and all(near(row[h], -2 ** -h * abs(row[0]), 1e-12)
                                    for row in al for h in range(1, 9)),
              "ALiBi bias = −2^(−h)·|m − n| for heads 1 .. 8")
    if have("09-precision"):
        e = {int(r[0]): r[1] for r in matrix(os.path.join(data, "09-precision", "float.dat"))}
        facts = {100: 5e-6, 1000: 4.1e-5, 10000: 5.0e-4, 100000: 5.3e-3, 1000000: 5.2e-2,
                 10000000: 0.64}  # shared/reference facts, d = 512 (two digits, so 15 %)
        check(all(p in e and abs(e[p] / v - 1) < 0.15 for p, v in facts.items()),
              "float error at 1e2 .. 1e7 as in the facts table", {p: e.get(p) for p in facts})
        dr = matrix(os.path.join(data, "09-precision", "drift.dat"))
        check(dr and all(0 < r[1] < 1e-10 for r in dr), "double recurrence drift stays below 1e-10")
    if have("02-positions"):
        v = gvars(os.path.join(data, "02-positions", "vars.gp"))
        t = matrix(os.path.join(data, "02-positions", "n5.dat"))
        check([r[2] for r in t] == [0, 0.25, 0.5, 0.75, 1] and [r[1] for r in t] == [0, 1, 2, 3, 4],
              "n = 5: integer codes 0..4, unit codes 0 .. 1 by 0.25")
        check(near(v.get("step_10", 0), 1 / 9) and near(v.get("code4_lo", 0), 4 / 49)
              and near(v.get("code4_hi", 0), 1), "steps 1/(n−1), position 4's code range", v)
        check(near(v.get("swamp_49", 0), 49 * math.sqrt(8)), "integer position swamps a unit word", v)


def compare_dir(out, tag, fig):
    return os.path.join(out, "data", tag, fig.name)


def every_compare_figure(out, tmp):
    print("== every yours-vs-reference figure: the reference as yours, then the stub")
    mine = os.path.join(tmp, "reference-as-yours")
    shutil.copytree(os.path.join(ROOT, "solutions"), mine)
    figs = [f for f in plots.all_figures() if f.compare and not plots.missing_chapter(
        f, os.path.join(ROOT, "solutions"))]
    check({f.chapter for f in figs} >= set(range(1, 11)), "a yours-vs-reference figure for chapters 1 .. 10",
          [f.name for f in figs])
    for fig in figs:
        rc, text = run(out, "--chapter", str(fig.chapter), "--src", mine)
        got = states(text)
        if not check(rc == 0 and got.get(fig.name) == "built", f"{fig.name} builds (reference as yours)",
                     text):
            continue
        tag = next(d for d in os.listdir(out) if d.startswith("src-") and "reference-as-yours" in d)
        check(png_size(os.path.join(out, tag, fig.name + ".png")) == fig.size,
              f"{fig.name}.png is {fig.size[0]} x {fig.size[1]}")
        cdir = compare_dir(out, tag, fig)
        v = gvars(os.path.join(cdir, "vars.gp"))
        check(fig.rows and all(f"maxdiff_{r}" in v and v[f"maxdiff_{r}"] <= 1e-12 for r in fig.rows),
              f"{fig.name}: every row ({', '.join(fig.rows)}) drawn, identical to the reference", v)
        check(set(fig.functions) and all(
            re.search(r"\b" + re.escape(f) + r"\s*\(", open(chapters.find(str(fig.chapter)).header).read())
            for f in fig.functions), f"{fig.name}: `# functions:` are the chapter's", fig.functions)
    fresh_out = os.path.join(tmp, "stub-plots")   # the stub's chapter 3 is drawn already in out
    for fig in figs:
        rc, text = run(fresh_out, "--chapter", str(fig.chapter), "--src", "exercises")
        cdir = compare_dir(fresh_out, "exercises", fig)
        refs = [os.path.join(cdir, "ref", r + ".dat") for r in fig.rows]
        check(rc == 0 and states(text).get(fig.name) == "no data" and "not written yet" in text
              and all(os.path.exists(r) for r in refs) and
              not glob.glob(os.path.join(cdir, "diff-*")),
              f"{fig.name}, stub: reference rows drawn, yours 'not written yet', no difference", text)


def one_row_written(out, tmp, src):
    print("== one function written, one not: its row is drawn, the other says why")
    d = os.path.join(tmp, "half", "03-sinusoidal")
    os.makedirs(d)
    half = re.sub(r"(int pe_omega\(.*\)\n\{\n)", r"\1    return KIT_TODO;\n", src, count=1)
    check(half != src, "pe_omega can be made to return KIT_TODO")
    with open(os.path.join(d, "sinusoidal.c"), "w") as f:
        f.write(half)
    rc, text = run(out, "--chapter", "3", "--src", os.path.dirname(d))
    tag = next(t for t in os.listdir(out) if t.startswith("src-") and "half" in t)
    cdir = os.path.join(out, "data", tag, "03-yours-vs-reference")
    check(rc == 0 and states(text).get("03-yours-vs-reference") == "no data" and
          "pe_omega is not written yet" in text and "pe_table is" not in text,
          "the figure says pe_omega is not written, nothing about pe_table", text)
    check(os.path.exists(os.path.join(cdir, "diff-pe.dat")) and
          gvars(os.path.join(cdir, "vars.gp")).get("maxdiff_pe", 1) == 0 and
          not os.path.exists(os.path.join(cdir, "diff-omega.dat")),
          "pe_table's row is drawn (identical), pe_omega's is not")


def release(out, tmp, src, swapped):
    print("== the student release: the reference panel from plots/reference/, no solutions/")
    from kit.release import dist  # noqa: E402
    r = subprocess.run([sys.executable, "-m", "kit", "dist", "--out",
                        os.path.join(tmp, "dist"), "--no-book", "--name", "kit"],
                       capture_output=True, text=True, cwd=ROOT)
    rel_root = os.path.join(tmp, "dist", "kit")
    if not check(r.returncode == 0 and os.path.isdir(os.path.join(rel_root, "plots", "reference")),
                 "make dist writes a release with plots/reference/ (leak check passed)",
                 r.stdout[-1500:] + r.stderr[-1500:]):
        return
    check(not os.path.exists(os.path.join(rel_root, "solutions")), "the release has no solutions/")
    ref_files = [p for p in glob.glob(os.path.join(rel_root, "plots", "reference", "**"), recursive=True)
                 if os.path.isfile(p)]
    check(ref_files and not any(dist.not_data(p) for p in ref_files),
          "plots/reference/ holds numbers only", [p for p in ref_files if dist.not_data(p)])
    planted = os.path.join(rel_root, "plots", "reference", "03-yours-vs-reference", "pe.c")
    with open(planted, "w") as f:
        f.write("int pe_table(double *pe) { return 0; }\n")
    check(any("plots/reference/03-yours-vs-reference/pe.c" in p for p in dist.check_release(rel_root)),
          "check_release refuses code in plots/reference/")
    os.remove(planted)

    def release_plots(*args):
        r = subprocess.run([sys.executable, os.path.join(rel_root, "plots", "plots.py"),
                            "--out", os.path.join(tmp, "release-plots")] + list(args),
                           capture_output=True, text=True, cwd=rel_root)
        return r.returncode, r.stdout + r.stderr

    rout = os.path.join(tmp, "release-plots")
    rc, text = release_plots("--chapter", "3", "--src", "exercises")
    cdir = os.path.join(rout, "data", "exercises", "03-yours-vs-reference")
    dev_ref = os.path.join(out, "data", "exercises", "03-yours-vs-reference", "ref")
    check(rc == 0 and states(text).get("03-yours-vs-reference") == "no data" and
          "reference is not in this copy" not in text, "release stub: 'not written yet'", text)
    check(all(os.path.exists(os.path.join(cdir, "ref", s + ".dat")) and
              matrix(os.path.join(cdir, "ref", s + ".dat")) == matrix(os.path.join(dev_ref, s + ".dat"))
              for s in ("pe", "omega")),
          "release: the reference panels hold what solutions/ computes")
    for name, text_c, same in (("right", src, True), ("wrong", swapped, False)):
        d = os.path.join(rel_root, "mine-" + name, "03-sinusoidal")
        os.makedirs(d)
        with open(os.path.join(d, "sinusoidal.c"), "w") as f:
            f.write(text_c)
        rc, text = release_plots("--chapter", "3", "--src", os.path.dirname(d))
        tag = "src-mine-" + name
        v = gvars(os.path.join(rout, "data", tag, "03-yours-vs-reference", "vars.gp"))
        ok = rc == 0 and states(text).get("03-yours-vs-reference") == "built" and \
            png_size(os.path.join(rout, tag, "03-yours-vs-reference.png")) is not None
        check(ok and ((v.get("maxdiff_pe") == 0) if same else (v.get("maxdiff_pe", 0) > 1)),
              f"release, a {name} pe_table: three panels, difference "
              f"{'0' if same else '> 1'}", (text, v))


def main():
    out = tempfile.mkdtemp(prefix="suite-plots-")
    tmp = tempfile.mkdtemp(prefix="suite-plots-src-")
    try:
        print("== every figure, from scratch (reference)")
        rc, text = run(out)
        got = states(text)
        check(rc == 0, "make plots exits 0", text)
        figs = plots.all_figures()
        for fig in figs:
            if fig.compare:
                continue
            why = plots.missing_chapter(fig, os.path.join(ROOT, "solutions"))
            if why:
                check(got.get(fig.name) == "skipped", f"{fig.name} skipped ({why})", text)
                continue
            if not check(got.get(fig.name) == "built", f"{fig.name} builds without a gnuplot warning",
                         text):
                continue
            png, svg = os.path.join(out, fig.name + ".png"), os.path.join(out, fig.name + ".svg")
            check(png_size(png) == fig.size, f"{fig.name}.png is {fig.size[0]} x {fig.size[1]}",
                  png_size(png))
            check(os.path.exists(svg) and os.path.getsize(svg) > 1000 and
                  f'width="{fig.size[0]}"' in open(svg).read(2000), f"{fig.name}.svg is non-empty")
            check(os.path.getsize(png) > 5000, f"{fig.name}.png is non-empty")
        spot_checks(out)

        print("== nothing changed, nothing rebuilt")
        rc, text = run(out)
        check(rc == 0 and "built" not in states(text).values(), "second run is all up to date", text)

        print("== figures of a chapter not in the kit are skipped")
        fake = os.path.join(tmp, "99-fake.gp")
        with open(fake, "w") as f:
            f.write("# data: fake\n# size: 400,300\nplot x\n")
        fig = plots.Figure(fake)
        check(chapters.find("99") is None and plots.missing_chapter(fig, ROOT) ==
              "chapter 99 is not in the kit yet", "a figure of chapter 99 is skipped")

        print("== yours vs reference: sin and cos swapped (SRC=<dir>)")
        wrong = os.path.join(tmp, "swapped", "03-sinusoidal")
        os.makedirs(wrong)
        src = open(os.path.join(ROOT, "solutions", "03-sinusoidal", "sinusoidal.c")).read()
        swapped = src.replace("? sin(angle) : cos(angle)", "? cos(angle) : sin(angle)")
        check(swapped != src, "the reference has the line to swap")
        with open(os.path.join(wrong, "sinusoidal.c"), "w") as f:
            f.write(swapped)
        rc, text = run(out, "--chapter", "3", "--src", os.path.dirname(wrong))
        got = states(text)
        check(rc == 0 and got.get("03-yours-vs-reference") == "built", "compare figure builds", text)
        tag = next(d for d in os.listdir(out) if d.startswith("src-") and "swapped" in d)
        png = os.path.join(out, tag, "03-yours-vs-reference.png")
        cmp_fig = plots.Figure(os.path.join(ROOT, "plots", "03-yours-vs-reference.gp"))
        check(png_size(png) == cmp_fig.size, "compare figure has its size", png_size(png))
        cdir = os.path.join(out, "data", tag, "03-yours-vs-reference")
        yours = matrix(os.path.join(cdir, "yours", "pe.dat"))
        ref = matrix(os.path.join(cdir, "ref", "pe.dat"))
        diff = matrix(os.path.join(cdir, "diff-pe.dat"))
        check(yours[0][:4] == [1, 0, 1, 0] and ref[0][:4] == [0, 1, 0, 1], "yours is the swapped table")
        check(all(near(diff[p][j], yours[p][j] - ref[p][j]) for p in range(50) for j in range(32)),
              "difference panel = yours − reference")
        check(gvars(os.path.join(cdir, "vars.gp")).get("maxdiff_pe", 0) > 1, "max |diff| > 1")

        r = subprocess.run([sys.executable, "-m", "kit", "check",
                            "--chapter", "3", "--src", os.path.dirname(wrong), "--public-only",
                            "--test", "table_worked_example"],
                           capture_output=True, text=True, cwd=ROOT)
        check(re.search(r"plot: .*make plots CHAPTER=3 SRC=.* → build/plots/src-.*"
                        r"03-yours-vs-reference\.png", r.stdout) is not None,
              "make check points at the figure under a failing table test", r.stdout[-800:])

        print("== the stub, a crash, a compile error: message panels, no traceback")
        rc, text = run(out, "--chapter", "3", "--src", "exercises")
        got = states(text)
        stub_ok = "not written yet" in text and got.get("03-yours-vs-reference") == "no data"
        check(rc == 0 and stub_ok and "Traceback" not in text, "stub: 'not written yet' panels", text)
        check(png_size(os.path.join(out, "exercises", "03-heatmap.png")) ==
              plots.Figure(os.path.join(ROOT, "plots", "03-heatmap.gp")).size,
              "the message panel has the figure's size")
        for kind, edit, words in (
                ("crash", ("pe[pos * d + j] = pe_value", "pe[(pos + n * 4096) * d + j] = pe_value"),
                 "crashed"),
                ("broken", ("int pe_table(", "int pe_table(oops "), "does not compile")):
            d = os.path.join(tmp, kind, "03-sinusoidal")
            os.makedirs(d)
            with open(os.path.join(d, "sinusoidal.c"), "w") as f:
                f.write(src.replace(*edit))
            rc, text = run(out, "--chapter", "3", "--src", os.path.dirname(d))
            check(rc == 0 and words in text and "Traceback" not in text and "FAILED" not in text,
                  f"{kind}: a message panel saying '{words}'", text)
        print("== yours with a NaN, an out-of-bounds read: drawn and marked, the sanitizer's words")
        d = os.path.join(tmp, "nan", "03-sinusoidal")
        os.makedirs(d)
        nan_src = src.replace("pe[pos * d + j] = pe_value(pos, j, d, base);",
                              "pe[pos * d + j] = pos == 7 && j == 3 ? NAN : pe_value(pos, j, d, base);")
        nan_src = nan_src.replace("omega[i] = omega_of(i, d, base);",
                                  "omega[i] = i == 5 ? INFINITY : omega_of(i, d, base);")
        check(nan_src.count("NAN") == 1 and nan_src.count("INFINITY") == 1, "the reference has the lines")
        with open(os.path.join(d, "sinusoidal.c"), "w") as f:
            f.write(nan_src)
        rc, text = run(out, "--chapter", "3", "--src", os.path.dirname(d))
        got = states(text)
        check(rc == 0 and got.get("03-yours-vs-reference") == "built"
              and "pe: 1 value NaN" in text and "element (7, 3)" in text
              and "omega: 1 value +inf" in text and "element 5 = +inf" in text,
              "NaN / inf: the panel is drawn, the values are named (a vector by one index)", text)
        tag = next(t for t in os.listdir(out) if t.startswith("src-") and t.endswith("_nan"))
        cdir = os.path.join(out, "data", tag, "03-yours-vs-reference")
        pe = matrix(os.path.join(cdir, "yours", "pe.dat"))
        check(math.isnan(pe[7][3]) and not math.isnan(pe[7][2]) and not math.isnan(pe[8][3]),
              "the finite values are kept, the NaN one left out")
        d = os.path.join(tmp, "oob", "03-sinusoidal")
        os.makedirs(d)
        with open(os.path.join(d, "sinusoidal.c"), "w") as f:
            f.write(src.replace("pe[pos * d + j] = pe_value(pos, j, d, base);",
                                "pe[pos * d + j] = pe[pos * d + j + (pos + 1 == n && j + 1 == d)] * 0 "
                                "+ pe_value(pos, j, d, base);"))
        rc, text = run(out, "--chapter", "3", "--src", os.path.dirname(d))
        check(rc == 0 and "AddressSanitizer: heap-buffer-overflow in pe_table at" in text
              and "sinusoidal.c:" in text, "an out-of-bounds read: the sanitizer's report, "
              "function and line", text[-600:])
        every_compare_figure(out, tmp)
        one_row_written(out, tmp, src)
        release(out, tmp, src, swapped)
    finally:
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nsuite_plots: {'FAILED: ' + '; '.join(failures) if failures else 'all passed'}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
