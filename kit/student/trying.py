"""make try CHAPTER=N — a scratch program of your own against your chapter code.

    python3 -m kit try --chapter 3

try/NN-slug.c is yours: the first `make try` writes it from a template (one
example call of every function of the chapter, on small inputs such as an odd
d, printing the status and the outputs), and never touches it again. Every
`make try` builds it with your exercises/NN-slug/*.c, the kit's warnings and
the sanitizers (AddressSanitizer, UBSan), then runs it: edit main() to try
n = 0, an odd d, a bad base, a NULL pointer, ... and see what your code does.
It lives outside exercises/ so that `make check` and grading never see it.
"""
import argparse
import os
import re
import subprocess
import sys

from kit.core import build, chapters, cparse
from kit.core.chapters import ROOT

TRY_DIR = os.path.join(ROOT, "try")

# Small sizes, chosen to be the edge cases the hidden tests like: an odd d, a
# head count that is not a power of 2, n != m.
SIZES = {"n": 3, "d": 7, "m": 4, "d_k": 5, "d_v": 3, "d_in": 5, "H": 3, "v": 10, "N": 8,
         "max_n": 16, "pos": 2, "p": 1, "j": 0, "R": 2, "n_min": 2, "n_max": 6, "base_max": 50,
         "steps": 2}
DOUBLES = {"base": "10000.0", "margin": "0.5", "lr": "0.01", "t": "1.0"}


def c_value(p, fn):
    """(declaration, [C statements that fill it]) for parameter p, or None."""
    t, name = re.sub(r"\s+", " ", p.type).strip(), p.name
    if not p.pointer:
        if t == "size_t":
            return f"size_t {name} = {SIZES.get(name, 3)};", []
        if t == "int":
            return f"int {name} = 1;", []
        if t == "double":
            return f"double {name} = {DOUBLES.get(name, '1.0')};", []
        return None
    count = " * ".join(f"({s})" for s in (p.shape or ["1"]))
    base = t.replace("const ", "").replace("*", "").strip()
    if t == "const char *":
        return f'const char *{name} = "All animals are equal but some are more equal";', []
    if base not in ("double", "int", "size_t") or "* const" in t or t.count("*") != 1:
        return None
    decl = f"{base} *{name} = calloc({count} + 1, sizeof *{name});"
    fill = []
    if p.const_data or p.inout:
        if base == "double":
            fill = [f"for (size_t k_ = 0; k_ < {count}; k_++) {name}[k_] = sin(1.0 + (double)k_);"]
        elif base == "size_t":   # positions or a permutation: 0, 1, 2, ...
            fill = [f"for (size_t k_ = 0; k_ < {count}; k_++) {name}[k_] = k_;"]
    return decl, fill


def example(fn):
    """A C block that calls fn once and prints what it did, or a comment."""
    decls, fills, frees, shows = [], [], [], []
    ordered = sorted(fn.params, key=lambda p: p.pointer)   # sizes first: shapes use them
    for p in ordered:
        v = c_value(p, fn)
        if v is None:
            return (f"    /* {fn.name}: its arguments need more than a template can guess;\n"
                    f"       see its contract and call it here. */\n")
        decls.append(v[0])
        fills += v[1]
        if p.pointer and p.type.strip() != "const char *":
            frees.append(f"free({p.name});")
            if not p.const_data and p.type.replace("const", "").strip().startswith("double"):
                rows, cols = (p.shape + ["1"])[:2] if p.shape and len(p.shape) >= 2 else ("1", (p.shape or ["1"])[0])
                shows.append(f'show("{p.name}", {p.name}, {rows}, {cols});')
    args = ", ".join(p.name for p in fn.params)
    sizes = ", ".join(f"{p.name} = %zu" for p in fn.params if not p.pointer and p.type.strip() == "size_t")
    size_args = "".join(f", {p.name}" for p in fn.params if not p.pointer and p.type.strip() == "size_t")
    body = ["    {   /* " + fn.name + " */"]
    body += ["        " + d for d in decls + fills]
    body += [f"        int s = {fn.name}({args});",
             f'        printf("{fn.name}({sizes}) -> %s\\n"{size_args}, status_name(s));',
             "        if (s == KIT_OK) {"]
    body += ["            " + s for s in shows] + ["        }"]
    body += ["        " + f for f in frees] + ["    }"]
    return "\n".join(body) + "\n"


def template(ch):
    header = open(ch.header).read()
    fns = cparse.prototypes(header)
    hname = os.path.basename(ch.header)
    blocks = "\n".join(example(f) for f in fns)
    return f"""/*
 * try/{ch.slug}.c — your scratch program for chapter {ch.number}: make try CHAPTER={ch.number}
 *
 * Yours: `make try` wrote it once and never overwrites it. It is built with
 * your exercises/{ch.slug}/ files and the sanitizers, then run. Change the sizes
 * and values below to try the edge cases (n = 0, an odd d, a bad base, a NULL
 * pointer, ...; a green `make check CHAPTER={ch.number}` lists what grading
 * checks) and read what your functions return. Contracts: include/{hname}.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "kit.h"
#include "{hname}"

static const char *status_name(int s)
{{
    switch (s) {{
    case KIT_OK: return "KIT_OK";
    case KIT_ERR_NULL: return "KIT_ERR_NULL";
    case KIT_ERR_SIZE: return "KIT_ERR_SIZE";
    case KIT_ERR_DOMAIN: return "KIT_ERR_DOMAIN";
    case KIT_TODO: return "KIT_TODO (not written yet)";
    default: return "not a kit status";
    }}
}}

/* prints a rows x cols row-major table (at most 8 x 8 of it) */
static void show(const char *name, const double *a, size_t rows, size_t cols)
{{
    printf("  %s (%zu x %zu):\\n", name, rows, cols);
    for (size_t r = 0; r < rows && r < 8; r++) {{
        printf("   ");
        for (size_t c = 0; c < cols && c < 8; c++)
            printf(" % .6f", a[r * cols + c]);
        printf("%s\\n", cols > 8 ? " ..." : "");
    }}
    if (rows > 8)
        printf("    ...\\n");
}}

int main(void)
{{
{blocks}    return 0;
}}
"""


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m kit try", description=__doc__.splitlines()[0])
    ap.add_argument("--chapter", default="")
    ap.add_argument("--src", default="exercises")
    ap.add_argument("--san", type=int, default=1)
    a = ap.parse_args(argv)
    if not a.chapter:
        print("Which chapter? make try CHAPTER=N (try/NN-slug.c: your own main, built with your "
              "code and the sanitizers)")
        return 0
    ch = chapters.find(a.chapter)
    if ch is None:
        print(f"There is no chapter {a.chapter!r}: make chapters lists them.")
        return 2
    src_dir = os.path.join(ROOT, a.src) if a.src in ("exercises", "solutions") else os.path.abspath(a.src)
    sources = ch.sources_in(src_dir)
    if not sources:
        print(f"No chapter {ch.number} sources in {os.path.relpath(src_dir, ROOT)}/{ch.slug}/.")
        return 2
    os.makedirs(TRY_DIR, exist_ok=True)
    mine = os.path.join(TRY_DIR, ch.slug + ".c")
    if not os.path.exists(mine):
        with open(mine, "w") as f:
            f.write(template(ch))
        print(f"Wrote {os.path.relpath(mine, ROOT)} from the template: it is yours now "
              "(make try never overwrites it). Edit main() to try your own inputs.")
    exe_dir = os.path.join(ROOT, "build", "try")
    os.makedirs(exe_dir, exist_ok=True)
    exe = os.path.join(exe_dir, ch.slug + ("" if a.san else "-nosan"))
    cmd = (build.cc() + build.WARN + ["-g", "-O0"] + (build.SAN if a.san else [])
           + ["-Iinclude", mine] + sources + ["-o", exe, "-lm"])
    rel = [os.path.relpath(x, ROOT) if os.path.isabs(x) else x for x in cmd]
    print("build: " + " ".join(rel))
    r = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    if r.returncode != 0:
        sys.stdout.write(r.stderr)
        print(f"It does not compile: fix {os.path.relpath(mine, ROOT)} or your chapter file "
              "(the first error above), then make try again.")
        return 1
    print(f"run:   build/try/{os.path.basename(exe)}")
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=1", UBSAN_OPTIONS="print_stacktrace=1")
    try:
        run = subprocess.run([exe], cwd=ROOT, env=env, timeout=60)
    except subprocess.TimeoutExpired:
        print("It ran for more than 60 s: an infinite loop?")
        return 1
    if run.returncode != 0:
        print(f"It ended with status {run.returncode}"
              + (": the sanitizer's report above says where." if a.san else "."))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
