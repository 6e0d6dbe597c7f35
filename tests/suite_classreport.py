#!/usr/bin/env python3
"""The class report of `make grade` (kit/grading/classreport.py), through the
front door: `make grade SUBMISSIONS=… GRADES=… GRADE_CHAPTERS=3` (relative paths)
on a small synthetic class of chapter 3:

  copy-verbatim   the reference solution as it is
  copy-disguised  the reference with other comments, layout and identifier names
                  (a bare .c entry)
  copy-variant    the reference with one line rewritten (exp(log) for pow: the
                  `kind: correct` variant-exp-log of tests/mutants/03-sinusoidal.txt)
  own-a, own-b    two correct implementations written independently of the
                  reference and of each other
  stub-1, stub-2  untouched stubs
  wrong-intdiv    pe_omega and pe_table with the exponent in integers, the rest TODO
  wrong-swapped   pe_omega right, pe_table with sin and cos swapped, the rest TODO
  crash-spin      pe_add writes through a bad pointer, pe_order_gap never ends

Checked: every cell of class.csv (pass rate and verdicts per test, the hints
given) against the students' own result.json, plus what the class is built to
give (the five correct submissions pass every test, the stubs none; the hints
integer-division and sin-cos-swapped given once in table_mistakes, linked to
§3.3 of the book); class-chapters.csv (where the students stopped, crash and
time-limit counts); class-similar.csv lists the three copies of the reference,
pair by pair (the verbatim and the disguised one: 100 % each way, with their
matching line ranges, both "of the reference"), and no other pair: not the
stubs, not the independent implementations, not the wrong answers; the taken
files are kept under taken/<id>/<slug>/ (students/<id>/ holds files only) and a
second run resumes every student (unchanged) with the same report; GRADE_SIM=100
still lists the verbatim and the disguised copy, GRADE_SIM=0 lists nothing and says so; the report is written
with tables only, saying the figures are missing, when gnuplot is not on PATH;
class.html embeds its three figures (PNGs drawn from class/*.dat), its links
reach their files and anchors, and it loads in headless Chromium with no
console error, broken image or network request (screenshot: GRADES/class.png
with --keep). About 20 s.

    pytest tests/suite_classreport.py      (make test runs it)
    python3 tests/suite_classreport.py [--keep]
exit 0 = pass.
"""
import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "book"))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True

from kit.author import mutants  # noqa: E402
from kit.core import chapters  # noqa: E402

from checks import check, failures  # noqa: E402

SLUG, FNAME = "03-sinusoidal", "sinusoidal.c"
COPIES = ["copy-disguised", "copy-variant", "copy-verbatim"]


def test_classreport():
    """pytest (make test): the whole scenario above, one test (each step needs the last)."""
    main([])


def make_grade(subs, out, extra=(), env=None, path=None):
    """`make grade` as an instructor types it, from the kit's root, relative paths."""
    cmd = ["make", "--no-print-directory", "grade", f"SUBMISSIONS={os.path.relpath(subs, ROOT)}",
           f"GRADES={os.path.relpath(out, ROOT)}", "GRADE_CHAPTERS=3"] + list(extra)
    e = dict(os.environ)
    e.pop("GRADE_SIM", None)
    e.update(env or {})
    if path is not None:
        e["PATH"] = path
    return subprocess.run(cmd, cwd=ROOT, env=e, capture_output=True, text=True, timeout=900)


# -- the class -------------------------------------------------------------------------

OWN_A = r"""/* sinusoidal.c -- my own take: frequencies through exp/log, one row at a time. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "03-sinusoidal.h"

static int bad_base(double b)
{
    return !(b > 1.0) || isinf(b);
}

static double freq(size_t pair, size_t width, double b)
{
    return exp(-(2.0 * (double)pair / (double)width) * log(b));
}

static int too_big(size_t rows, size_t width)
{
    return rows > 0 && rows > SIZE_MAX / sizeof(double) / width;
}

/* writes (add == 0) or adds (add == 1) the encoding of one position */
static void one_row(double *dst, size_t pos, size_t width, double b, int add)
{
    size_t col = 0;
    while (col < width) {
        double a = (double)pos * freq(col / 2, width, b);
        double v = (col & 1u) ? cos(a) : sin(a);
        dst[col] = add ? dst[col] + v : v;
        col++;
    }
}

int pe_omega(double *omega, size_t d, double base)
{
    size_t k = 0;
    if (!omega)
        return KIT_ERR_NULL;
    if (!d)
        return KIT_ERR_SIZE;
    if (bad_base(base))
        return KIT_ERR_DOMAIN;
    while (k < (d + 1) / 2) {
        omega[k] = freq(k, d, base);
        ++k;
    }
    return KIT_OK;
}

static int fill(double *buf, size_t n, size_t d, double base, int add)
{
    size_t r;
    if (!d || too_big(n, d))
        return KIT_ERR_SIZE;
    if (bad_base(base))
        return KIT_ERR_DOMAIN;
    if (n && !buf)
        return KIT_ERR_NULL;
    for (r = 0; r < n; ++r)
        one_row(buf + r * d, r, d, base, add);
    return KIT_OK;
}

int pe_table(double *pe, size_t n, size_t d, double base)
{
    return fill(pe, n, d, base, 0);
}

int pe_add(double *x, size_t n, size_t d, double base)
{
    return fill(x, n, d, base, 1);
}

int pe_order_gap(const double *x, const size_t *perm, size_t n, size_t d, double base, double *gap)
{
    double *mean_a, *mean_b, *row, total = 0.0;
    unsigned char *hit;
    size_t r, c;
    if (!x || !perm || !gap)
        return KIT_ERR_NULL;
    if (!n || !d || too_big(n, d))
        return KIT_ERR_SIZE;
    if (bad_base(base))
        return KIT_ERR_DOMAIN;
    hit = calloc(n, 1);
    if (!hit)
        return KIT_ERR_SIZE;
    for (r = 0; r < n; ++r) {
        if (perm[r] >= n || hit[perm[r]]) {
            free(hit);
            return KIT_ERR_DOMAIN;
        }
        hit[perm[r]] = 1;
    }
    free(hit);
    mean_a = calloc(3 * d, sizeof(double));
    if (!mean_a)
        return KIT_ERR_SIZE;
    mean_b = mean_a + d;
    row = mean_b + d;
    for (r = 0; r < n; ++r) {
        one_row(row, r, d, base, 0);
        for (c = 0; c < d; ++c) {
            double u = x[r * d + c] + row[c], w = x[perm[r] * d + c] + row[c];
            mean_a[c] += u > 0.0 ? u : 0.0;
            mean_b[c] += w > 0.0 ? w : 0.0;
        }
    }
    for (c = 0; c < d; ++c) {
        double g = (mean_a[c] - mean_b[c]) / (double)n;
        total += g * g;
    }
    free(mean_a);
    *gap = sqrt(total);
    return KIT_OK;
}
"""

OWN_B = r"""/*
 * sinusoidal.c - chapter 3, written pair by pair: each pair i writes its sin
 * and its cos together from one angle; omega comes from pe_omega itself.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "03-sinusoidal.h"

#define OK_BASE(b) (isfinite(b) && (b) > 1.0)

int pe_omega(double *omega /* ((d + 1) / 2) */, size_t d, double base)
{
    if (omega == NULL) return KIT_ERR_NULL;
    if (d == 0) return KIT_ERR_SIZE;
    if (!OK_BASE(base)) return KIT_ERR_DOMAIN;
    for (size_t i = 0; 2 * i < d; i++)
        omega[i] = pow(base, -(2.0 * (double)i) / (double)d);
    return KIT_OK;
}

/* the table into out, or added to out: mode 0 writes, mode 1 adds */
static int encode(double *out, size_t n, size_t d, double base, int mode)
{
    double *w;
    size_t half = (d + 1) / 2;
    if (d == 0) return KIT_ERR_SIZE;
    if (n != 0 && n > SIZE_MAX / sizeof(double) / d) return KIT_ERR_SIZE;
    if (!OK_BASE(base)) return KIT_ERR_DOMAIN;
    if (n == 0) return KIT_OK;
    if (out == NULL) return KIT_ERR_NULL;
    w = malloc(half * sizeof *w);
    if (w == NULL) return KIT_ERR_SIZE;
    pe_omega(w, d, base);
    for (size_t p = 0; p < n; p++) {
        double *line = out + p * d;
        for (size_t i = 0; i < half; i++) {
            double t = (double)p * w[i];
            double s = sin(t), c = cos(t);
            if (mode) {
                line[2 * i] += s;
                if (2 * i + 1 < d) line[2 * i + 1] += c;
            } else {
                line[2 * i] = s;
                if (2 * i + 1 < d) line[2 * i + 1] = c;
            }
        }
    }
    free(w);
    return KIT_OK;
}

int pe_table(double *pe /* (n, d), row-major */, size_t n, size_t d, double base)
{
    return encode(pe, n, d, base, 0);
}

int pe_add(double *x /* (n, d), row-major */, size_t n, size_t d, double base)
{
    return encode(x, n, d, base, 1);
}

int pe_order_gap(const double *x /* (n, d), row-major */, const size_t *perm /* (n) */,
                 size_t n, size_t d, double base, double *gap /* (1) */)
{
    double *tab, *acc, s2 = 0.0;
    size_t *count;
    int rc;
    if (x == NULL || perm == NULL || gap == NULL) return KIT_ERR_NULL;
    if (n == 0 || d == 0 || n > SIZE_MAX / sizeof(double) / d) return KIT_ERR_SIZE;
    if (!OK_BASE(base)) return KIT_ERR_DOMAIN;
    count = calloc(n, sizeof *count);
    if (count == NULL) return KIT_ERR_SIZE;
    rc = KIT_OK;
    for (size_t p = 0; p < n && rc == KIT_OK; p++) {
        if (perm[p] >= n) rc = KIT_ERR_DOMAIN;
        else if (count[perm[p]]++ > 0) rc = KIT_ERR_DOMAIN;
    }
    free(count);
    if (rc != KIT_OK) return rc;
    tab = malloc(n * d * sizeof *tab);
    acc = calloc(d, sizeof *acc);
    if (tab == NULL || acc == NULL) { free(tab); free(acc); return KIT_ERR_SIZE; }
    encode(tab, n, d, base, 0);
    for (size_t p = 0; p < n; p++)
        for (size_t j = 0; j < d; j++) {
            double a = x[p * d + j] + tab[p * d + j];
            double b = x[perm[p] * d + j] + tab[p * d + j];
            acc[j] += fmax(a, 0.0) - fmax(b, 0.0);
        }
    for (size_t j = 0; j < d; j++)
        s2 += (acc[j] / (double)n) * (acc[j] / (double)n);
    free(tab);
    free(acc);
    *gap = sqrt(s2);
    return KIT_OK;
}
"""

# the bodies that replace the stub's `(void)...; return KIT_TODO;` of one function
INTDIV_OMEGA = r"""    if (omega == NULL)
        return KIT_ERR_NULL;
    if (d == 0)
        return KIT_ERR_SIZE;
    if (!(base > 1.0) || isinf(base))
        return KIT_ERR_DOMAIN;
    for (size_t i = 0; i < (d + 1) / 2; i++)
        omega[i] = pow(base, -(double)(2 * i / d));
    return KIT_OK;
"""
INTDIV_TABLE = r"""    if (d == 0 || (n > 0 && n > SIZE_MAX / sizeof(double) / d))
        return KIT_ERR_SIZE;
    if (!(base > 1.0) || isinf(base))
        return KIT_ERR_DOMAIN;
    if (n > 0 && pe == NULL)
        return KIT_ERR_NULL;
    for (size_t pos = 0; pos < n; pos++)
        for (size_t j = 0; j < d; j++) {
            size_t i = j / 2;
            double angle = (double)pos * pow(base, -(double)(2 * i / d));
            pe[pos * d + j] = j % 2 ? cos(angle) : sin(angle);
        }
    return KIT_OK;
"""
SWAPPED_OMEGA = r"""    size_t half = d / 2 + d % 2, k;
    int why = !omega ? KIT_ERR_NULL : !d ? KIT_ERR_SIZE
            : (isnan(base) || isinf(base) || base <= 1.0) ? KIT_ERR_DOMAIN : KIT_OK;
    if (why)
        return why;
    for (k = 0; k < half; k++)
        omega[k] = 1.0 / pow(base, 2.0 * (double)k / (double)d);
    return why;
"""
SWAPPED_TABLE = r"""    double *row = pe;
    int why = (!d || (n && n > SIZE_MAX / sizeof(double) / d)) ? KIT_ERR_SIZE
            : (isnan(base) || isinf(base) || base <= 1.0) ? KIT_ERR_DOMAIN
            : (n && !pe) ? KIT_ERR_NULL : KIT_OK;
    if (why)
        return why;
    for (size_t p = 0; p < n; p++, row += d) {
        for (size_t c = 0; c < d; c += 2) {
            double t = (double)p / pow(base, (double)c / (double)d);
            row[c] = cos(t);
            if (c + 1 < d)
                row[c + 1] = sin(t);
        }
    }
    return why;
"""
CRASH_ADD = r"""    (void)n;
    (void)d;
    (void)base;
    *(volatile double *)16 = x[0];   /* oops */
    return KIT_OK;
"""
SPIN_GAP = r"""    (void)x;
    (void)perm;
    (void)n;
    (void)d;
    (void)base;
    (void)gap;
    for (volatile int spin = 1; spin;) {
    }
    return KIT_TODO;
"""


def fill_stub(stub, bodies):
    """The stub with the TODO body of each function in bodies replaced."""
    out = stub
    for fn, body in bodies.items():
        m = re.search(r"^int " + fn + r"\(.*?\n\{\n((?:    /\*.*?\*/\n)?)(.*?)^\}", out, re.S | re.M)
        assert m, fn
        out = out[:m.start(2)] + body + out[m.end(2):]
    return out


def disguise(ref):
    """The reference as a student hides a copy: other comments, layout, names."""
    s = re.sub(r"/\*.*?\*/", lambda m: "" if re.search(r"SOLUTION|listing", m.group(0)) else "/* mine */",
               ref, flags=re.S)
    for old, new in {"base_ok": "valid_base", "omega_of": "freq_at", "pe_value": "enc_val",
                     "table_args": "check_table", "is_permutation": "perm_ok", "relu": "pos_part",
                     "status": "rc", "exponent": "ex", "angle": "theta", "sum_sq": "acc",
                     "seen": "marks", "diff": "delta"}.items():
        s = re.sub(r"\b%s\b" % old, new, s)
    lines = []
    for line in s.split("\n"):
        ind = len(line) - len(line.lstrip(" "))
        lines.append("\t" * (ind // 4) + re.sub(r"\s+", " ", line.strip()))
    return "// Assignment 3, my solution\n" + re.sub(r"\n\s*\n+", "\n\n", "\n".join(lines))


def write_class(subs):
    ch = chapters.find("3")
    ref = open(os.path.join(ch.solution_dir, FNAME)).read()
    stub = open(os.path.join(ch.exercise_dir, FNAME)).read()
    tree = {"copy-verbatim": ref, "own-a": OWN_A, "own-b": OWN_B, "stub-1": stub, "stub-2": stub,
            "wrong-intdiv": fill_stub(stub, {"pe_omega": INTDIV_OMEGA, "pe_table": INTDIV_TABLE}),
            "wrong-swapped": fill_stub(stub, {"pe_omega": SWAPPED_OMEGA, "pe_table": SWAPPED_TABLE}),
            "crash-spin": fill_stub(stub, {"pe_add": CRASH_ADD, "pe_order_gap": SPIN_GAP})}
    for sid, text in tree.items():
        d = os.path.join(subs, sid, "exercises", SLUG)
        os.makedirs(d)
        with open(os.path.join(d, FNAME), "w") as f:
            f.write(text)
    m = next(m for m in mutants.parse(os.path.join(ROOT, "tests", "mutants", SLUG + ".txt"))
             if m.name == "variant-exp-log")
    mutants.apply(m, os.path.join(subs, "copy-variant", "exercises"))
    tree["copy-variant"] = open(os.path.join(subs, "copy-variant", "exercises", SLUG, FNAME)).read()
    tree["copy-disguised"] = disguise(ref)
    with open(os.path.join(subs, "copy-disguised.c"), "w") as f:   # a bare .c entry
        f.write(tree["copy-disguised"])
    return tree


# -- the checks ----------------------------------------------------------------------------

def rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def expected_tests(out, sids):
    """class.csv as it must be, recomputed here from each student's result.json."""
    want, disagree = {}, []
    for sid in sids:
        res = json.load(open(os.path.join(out, "students", sid, "result.json")))
        ch = next(c for c in res["chapters"] if c["chapter"] == SLUG)
        for t in ch["tests"]:
            w = want.setdefault(t["name"], {"passed": 0, "verdicts": {}, "hints": {}})
            v = t["verdict"]
            if ch["status"] in ("missing", "not graded"):
                v = "NOT SUBMITTED"
            elif v == "FAIL" and t.get("todo"):
                v = "TODO"
            w["passed"] += v == "PASS"
            w["verdicts"][v] = w["verdicts"].get(v, 0) + 1
            for hid in (t.get("hints") or {}):
                w["hints"][hid] = w["hints"].get(hid, 0) + 1
            # the record's fields (the report reads only them) agree with what the student reads
            text = "\n".join(t["lines"])
            if bool(t.get("todo")) != (t["verdict"] == "FAIL" and "KIT_TODO" in text):
                disagree.append(f"{sid} {t['name']}: todo {t.get('todo')!r}")
            if list(t.get("hints") or {}) != list(dict.fromkeys(re.findall(r"hint \(([\w.+-]+)\)", text))):
                disagree.append(f"{sid} {t['name']}: hints {t.get('hints')!r}")
    check(not disagree, "result.json: each test's TODO flag and hint ids (what the report reads) "
          "agree with the message the student reads", disagree[:5])
    return want


def check_csvs(out, tree):
    sids = sorted(tree)
    n = len(sids)
    tests = {r["test"]: r for r in rows(os.path.join(out, "class.csv"))}
    want = expected_tests(out, sids)
    check(set(tests) == set(want), "class.csv: one row per test of chapter 3", sorted(set(tests) ^ set(want)))
    bad = []
    for name, w in want.items():
        r = tests.get(name)
        if not r:
            continue
        if int(r["students"]) != n or int(r["passed"]) != w["passed"] or \
                r["pass_rate"] != f"{100.0 * w['passed'] / n:.1f}":
            bad.append(f"{name}: passed {r['passed']} rate {r['pass_rate']}, expected {w['passed']}")
        for v in ("FAIL", "TODO", "NOT SUBMITTED", "BUILD ERROR", "CRASH", "TIMEOUT", "SANITIZER"):
            if int(r[v]) != w["verdicts"].get(v, 0):
                bad.append(f"{name}: {v} {r[v]}, expected {w['verdicts'].get(v, 0)}")
        got_h = dict((h.split(":")[0], int(h.split(":")[1])) for h in r["hints"].split())
        if got_h != w["hints"] or int(r["hints_given"]) != sum(w["hints"].values()):
            bad.append(f"{name}: hints {r['hints']!r}, expected {w['hints']}")
    check(not bad, "class.csv: every pass rate, verdict count and hint count as the students' results say",
          "; ".join(bad[:6]))
    # what the class is built to give, independently of the results above
    full = COPIES + ["own-a", "own-b"]
    totals = {r["student"]: int(r["total"]) for r in rows(os.path.join(out, "gradebook.csv"))}
    maxt = max(totals.values())
    check(all(totals[s] == maxt for s in full) and totals["stub-1"] == totals["stub-2"] == 0,
          "the five correct submissions get full marks, the stubs zero", totals)
    check(min(int(r["passed"]) for r in tests.values()) >= 5, "no test is passed by fewer than the 5 correct ones")
    om = tests.get("omega_d8", {})
    check(om.get("passed") == "6" and om.get("pass_rate") == f"{600.0 / n:.1f}",
          f"omega_d8: 6 of {n} pass (5 correct + wrong-swapped)", om.get("passed"))
    tm = tests.get("table_mistakes", {})
    check("integer-division:1" in tm.get("hints", "").split() and
          "sin-cos-swapped:1" in tm.get("hints", "").split(),
          "table_mistakes: hints integer-division and sin-cos-swapped given once each", tm.get("hints"))
    check(tests.get("add_worked_example", {}).get("CRASH") == "1" and
          tests.get("order_gap_golden", {}).get("TIMEOUT") == "1",
          "a crash and a time limit counted (add_worked_example, order_gap_golden)")
    hints = rows(os.path.join(out, "class-hints.csv"))
    h = [r for r in hints if r["test"] == "table_mistakes" and r["hint"] == "integer-division"]
    check(len(h) == 1 and h[0]["students"] == "1" and h[0]["section"] == "§3.3" and
          h[0]["book"] == f"build/book/{SLUG}.html#sec-3.3" and "2 * i / d" in h[0]["text"],
          "class-hints.csv: integer-division in table_mistakes, 1 student, revisit §3.3 of the book", h)
    hs = sum(int(r["students"]) for r in hints if r["hint"] == "sin-cos-swapped")
    check(hs == sum(w["hints"].get("sin-cos-swapped", 0) for w in want.values()) and hs >= 1,
          "class-hints.csv: sin-cos-swapped counted in every test that gives it", hs)
    chs = rows(os.path.join(out, "class-chapters.csv"))
    c = chs[0] if len(chs) == 1 else {}
    # all passed: 5; some passed: the two wrong ones; none: crash-spin; not started: the stubs
    check((c.get("full"), c.get("partial"), c.get("no_pass"), c.get("not_started"), c.get("stopped_here"),
           c.get("last_with_a_pass"), c.get("students_crash"), c.get("students_timeout")) ==
          ("5", "2", "1", "2", "3", "7", "1", "1"),
          "class-chapters.csv: 5 all passed, 2 some, 1 none, 2 not started; 3 stopped in chapter 3 "
          "6 passed something there; 1 crashed, 1 hit the time limit", c)


def check_similarity(out, tree, note="", exact=True):
    """exact: the pairs are every pair of the copies; else at least the verbatim and
    the disguised one, and no pair outside the copies."""
    sim = rows(os.path.join(out, "class-similar.csv"))
    pairs = {frozenset((r["student_a"], r["student_b"])) for r in sim}
    copies = {frozenset((a, b)) for a in COPIES for b in COPIES if a < b}
    twins = frozenset(("copy-verbatim", "copy-disguised"))
    check(pairs == copies if exact else twins in pairs and pairs <= copies,
          f"class-similar.csv{note}: " + ("the three copies of the reference pair by pair, nothing else" if exact
                                          else "the verbatim and the disguised copy, nothing but copies"),
          [sorted(p) for p in pairs])
    v = [r for r in sim if "copy-variant" in (r["student_a"], r["student_b"])]
    check(all(int(r["a_in_b"]) >= 90 and int(r["b_in_a"]) >= 90 for r in v),
          f"the one-line variant{note}: at least 90 % of each copy each way", v)
    r = next((r for r in sim if {r["student_a"], r["student_b"]} == {"copy-verbatim", "copy-disguised"}), None)
    if not r:
        return
    check(r["a_in_b"] == r["b_in_a"] == "100" and r["a_of_reference"] == r["b_of_reference"] == "100",
          f"the copies{note}: 100 % of each other, 100 % of the reference", r)
    regions = re.findall(r"a(\d+)-(\d+)=b(\d+)-(\d+)", r["regions"])
    files = {s: os.path.join(out, "taken", s, SLUG, FNAME) for s in (r["student_a"], r["student_b"])}
    n_a = len(open(files[r["student_a"]]).read().split("\n"))
    n_b = len(open(files[r["student_b"]]).read().split("\n"))
    check(regions and all(1 <= int(x) <= int(y) <= n_a and 1 <= int(u) <= int(v) <= n_b
                          for x, y, u, v in regions),
          f"the copies{note}: matching regions as line ranges inside each file", r["regions"])
    if regions:
        # the longest region is code of the reference's, not of the stub's
        x, y, u, v = max(regions, key=lambda g: int(g[1]) - int(g[0]))
        a_text = "\n".join(open(files[r["student_a"]]).read().split("\n")[int(x) - 1:int(y)])
        check("KIT_TODO" not in a_text and len(a_text.split("\n")) >= 10,
              f"the copies{note}: the longest region ({x}-{y}) is the solution's code", a_text[:200])


def check_html(out, tree, shot):
    page = os.path.join(out, "class.html")
    text = open(page).read() if os.path.exists(page) else ""
    href = os.path.relpath(os.path.join(ROOT, "build", "book", SLUG + ".html"), out) + "#sec-3.3"
    check("copy-disguised" in text and "Similar submissions" in text and "integer-division" in text and
          f"href='{href}'" in text,
          "class.html: the similar pair, the hints and the link to §3.3 of the book")
    sim_part = text.split("Similar submissions", 1)[-1].split("Pass rate per test", 1)[0]
    check(not any(s in sim_part for s in ("stub-1", "stub-2", "own-a", "own-b", "wrong-")),
          "class.html: no stub, independent or wrong submission in the similarity table")
    check(text.count("data:image/png;base64,") == 3 and "[figure" not in text,
          "class.html: the three figures embedded (scores, progress, chapter 3's pass rates)")
    broken = []
    for href in sorted(set(re.findall(r"href='([^']*)'", text))):
        path, _, anchor = href.partition("#")
        target = os.path.normpath(os.path.join(out, path)) if path else page
        if path and not os.path.exists(target):
            if not path.endswith(".html"):      # a book page appears with make book
                broken.append(href)
            continue
        if anchor and f"id=\"{anchor}\"" not in open(target).read() and f"id='{anchor}'" not in open(target).read():
            broken.append(href)
    check(not broken, "class.html: every link reaches its file and anchor (the book's when it is built)", broken)
    for f in ("scores", "progress", f"pass-{SLUG}"):
        p = os.path.join(out, "class", f + ".png")
        check(os.path.exists(p) and open(p, "rb").read(8) == b"\x89PNG\r\n\x1a\n" and
              os.path.exists(os.path.join(out, "class", f + ".dat")),
              f"class/{f}.png drawn by gnuplot from class/{f}.dat")
    try:
        import browse
    except ImportError as e:
        check(False, "book/browse.py loads", e)
        return
    if not shutil.which(browse.CHROMIUM):
        print("  (chromium missing: class.html not browsed)")
        return
    b = browse.Browser()
    try:
        probe, problems = b.load("file://" + os.path.abspath(page), shot)
    finally:
        b.close()
    check(not problems and probe["text"] > 2000,
          "class.html loads in headless Chromium: no console error, broken image or network request",
          problems[:5])


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--keep", action="store_true", help="keep the class and its GRADES; screenshot class.png")
    a = ap.parse_args(argv)
    t0 = time.monotonic()
    os.makedirs(os.path.join(ROOT, "build"), exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="suite-classreport-", dir=os.path.join(ROOT, "build"))
    try:
        subs, out = os.path.join(tmp, "subs"), os.path.join(tmp, "grades")
        tree = write_class(subs)
        print(f"== make grade on a class of {len(tree)} (chapter 3)")
        r = make_grade(subs, out)
        check(r.returncode == 0, "make grade succeeds", (r.stdout + r.stderr)[-1500:])
        check(re.search(r"grade: class report .*class\.html: 3 similar pair\(s\) at ≥ 60 %", r.stderr),
              "make grade names the class report and its similar pair", r.stderr[-600:])
        for sid, text in tree.items():
            p = os.path.join(out, "taken", sid, SLUG, FNAME)
            check(os.path.exists(p) and open(p).read() == text, f"taken/{sid}/{SLUG}/{FNAME} kept")
        extra = [p for sid in tree for p in [os.path.join(out, "students", sid, f)
                                             for f in os.listdir(os.path.join(out, "students", sid))]
                 if not os.path.isfile(p)]
        check(not extra, "students/<id>/ holds files only (the feedback), no folder", extra[:3])
        if r.returncode == 0:
            check_csvs(out, tree)
            check_similarity(out, tree)
            check_html(out, tree, os.path.join(out, "class.png") if a.keep else None)
        print("== again into the same GRADES: every student resumed, the same report")
        before = {f: open(os.path.join(out, f), "rb").read() for f in
                  ("class.csv", "class-chapters.csv", "class-hints.csv", "class-similar.csv", "class.html")
                  if os.path.exists(os.path.join(out, f))}
        r2 = make_grade(subs, out)
        check(r2.returncode == 0 and r2.stderr.count("unchanged since the last grading") == len(tree),
              f"all {len(tree)} students resumed (unchanged)", r2.stderr[-800:])
        check(all(open(os.path.join(out, f), "rb").read() == b for f, b in before.items()) and len(before) == 5,
              "the five report files are byte-identical")
        print("== GRADE_SIM=100 (make variable), GRADE_SIM=0 (environment), no gnuplot")
        r3 = make_grade(subs, out, ["GRADE_SIM=100"])
        check(r3.returncode == 0 and "at ≥ 100 %" in r3.stderr, "GRADE_SIM=100 (a make variable)",
              r3.stderr[-400:])
        check_similarity(out, tree, " at 100 %", exact=False)
        r4 = make_grade(subs, out, env={"GRADE_SIM": "0"})
        sim = rows(os.path.join(out, "class-similar.csv"))
        check(r4.returncode == 0 and not sim and "not computed (GRADE_SIM=0)" in open(
            os.path.join(out, "class.html")).read(), "GRADE_SIM=0: no pair, and the report says so")
        # no gnuplot on PATH (the report alone, in this process, on a copy of GRADES)
        from kit.grading import classreport
        bare = os.path.join(tmp, "bin")
        os.makedirs(bare)
        os.symlink(shutil.which("sim_c"), os.path.join(bare, "sim_c"))
        out5 = os.path.join(tmp, "grades-nognuplot")
        shutil.copytree(os.path.join(out, "students"), os.path.join(out5, "students"))
        shutil.copytree(os.path.join(out, "taken"), os.path.join(out5, "taken"))
        results = [json.load(open(os.path.join(out5, "students", r["student"], "result.json")))
                   for r in rows(os.path.join(out, "gradebook.csv"))]
        old_path = os.environ["PATH"]
        os.environ["PATH"] = bare
        try:
            classreport.write(out5, results, [SLUG], quiet=True)
        finally:
            os.environ["PATH"] = old_path
        text = open(os.path.join(out5, "class.html")).read() if os.path.exists(os.path.join(out5, "class.html")) else ""
        check("[figure “score distribution” missing: gnuplot is not installed" in text and "<table>" in text
              and "data:image/png" not in text and rows(os.path.join(out5, "class.csv"))
              and len(rows(os.path.join(out5, "class-similar.csv"))) == 3,
              "without gnuplot: class.html with its tables (and the similar pair), saying the figures are missing")
        if a.keep:
            make_grade(subs, out)   # the report with its figures again, for a look
            print(f"  kept: {tmp} (GRADES: {out}; screenshot {os.path.join(out, 'class.png')})")
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"\n{len(failures)} failure(s) in {time.monotonic() - t0:.0f} s" +
          ("".join(f"\n  - {f}" for f in failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
