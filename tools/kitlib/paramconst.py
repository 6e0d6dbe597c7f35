#!/usr/bin/env python3
"""No ignorable argument: for every function of every chapter header and every
parameter that is a scalar (size_t, int, double) or an input array (`const T *`),
a mutant of the reference that ignores the parameter must fail at least one of
the tests that list the function.

    python3 tools/kitlib/paramconst.py [--chapter N] [--jobs J]

prints one line per (function, parameter, constant): the tests that catch it,
or NOT CAUGHT; exit 1 when any is not caught (or a mutant does not build).

The mutant. The parameter is overwritten in the body of the reference:
  scalar       `p = C;`, C the value the chapter's tests pass most often for p
               in the calls that return KIT_OK (the hardest constant to catch:
               every call with that value still gets the right answer). The
               values are read from the records of a reference run (the
               subject's log, tools/harness/kit_record.c: every call's scalar
               arguments and its status). A function with no KIT_OK call in its
               tests gets a typical value instead (d = 8, n = 5, base = 10000.0,
               other size_t 3, int 1, double 1.0), marked "(typical)".
  input array  `p = paramconst_zero_F_p;`, a static zero-filled array declared
               at file level, as long as the largest the tests pass (the
               parameter's shape comment in the header, evaluated with each
               KIT_OK call's scalars; 4096 elements when it has none).
Output and in-out parameters (`T *` without const) are not mutated.

Where. After the function's argument checks, not at the top of its body: a
student who ignores `base` in the formula still validates it, and a mutant that
skipped the checks would be caught by the error tests alone, proving nothing
about the computation. The checks are the leading top-level statements of the
body: declarations, `if`s that return, loops that only return, and statements
that touch no output (an allocation, its failure test); the assignment goes
right after the last `if` or loop that returns and tests an argument (a failed
malloc is not one), before the first statement that touches an output. A
declaration above that point whose initializer reads the parameter without a
call (`size_t pairs = d / 2;`) is assigned again after it, so the whole
computation sees the constant. The tests run without sanitizers (SAN=0): a
mutant is caught by any verdict but PASS, and a test that fails on the
reference (run the same way) catches nothing.
"""
import argparse
import collections
import concurrent.futures
import os
import re
import struct
import sys
import time

if __package__ in (None, ""):      # run as a script: python3 tools/kitlib/paramconst.py
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    __package__ = "kitlib"         # noqa: A001 — so that the relative imports work

from . import build, chapters, cparse, mutants, run  # noqa: E402
from .chapters import ROOT  # noqa: E402

SCALARS = ("size_t", "int", "double")
TYPICAL = {"d": 8, "n": 5, "base": 10000.0}
TYPICAL_BY_TYPE = {"size_t": 3, "int": 1, "double": 1.0}
TEXT_ELEMENTS = 4096             # an input array without a shape comment (a string)
MAX_ZERO_BYTES = 1 << 26         # the zero buffer's cap (it lives in .bss)
TYPE_WORDS = {"const", "static", "unsigned", "signed", "char", "short", "int", "long",
              "float", "double", "size_t", "struct", "enum", "volatile", "_Bool"}
WORK = os.path.join(ROOT, "build", "paramconst")


# ---------------------------------------------------------------- records

def read_record(path):
    """[(function, [(type, value)], status or None)] of a subject's log."""
    try:
        data = open(path, "rb").read()
    except OSError:
        return []
    calls, at = [], 0

    def take(n):
        nonlocal at
        if at + n > len(data):
            raise EOFError
        at += n
        return data[at - n:at]
    try:
        while at < len(data):
            tag = take(1)
            if tag == b"E":
                break
            if tag == b"C":
                name = take(struct.unpack("<I", take(4))[0]).decode()
                args = []
                for _ in range(struct.unpack("<I", take(4))[0]):
                    kind, bits = take(1).decode(), take(8)
                    value = {"z": lambda b: struct.unpack("<Q", b)[0],
                             "i": lambda b: struct.unpack("<q", b)[0],
                             "d": lambda b: struct.unpack("<d", b)[0],
                             "p": lambda b: struct.unpack("<Q", b)[0] != 0}[kind](bits)
                    args.append((kind, value))
                calls.append([name, args, None])
            elif tag == b"R":
                rc = struct.unpack("<i", take(4))[0]
                for _ in range(struct.unpack("<I", take(4))[0]):
                    present = take(1)[0]
                    size = struct.unpack("<Q", take(8))[0]
                    if present:
                        take(size)
                if calls:
                    calls[-1][2] = rc
            else:
                break
    except EOFError:
        pass
    return calls


def _shape_count(shape, scalars):
    """The number of elements of a shape comment, with C's integer division."""
    total = 1
    for dim in shape:
        expr = dim.replace("/", "//")
        if not re.fullmatch(r"[\w\s+\-*/()]+", expr):
            return None
        try:
            total *= int(eval(expr, {"__builtins__": {}}, dict(scalars)))  # noqa: S307
        except Exception:   # a name the scalars lack, a division by zero
            return None
    return total


def observed(funcs, logs):
    """{function: {"calls": k, param: Counter of values | needed elements}} over
    the KIT_OK calls of the records in logs."""
    seen = {f.name: {"calls": 0} for f in funcs}
    by_name = {f.name: f for f in funcs}
    for log in logs:
        for name, args, rc in read_record(log):
            fn = by_name.get(name)
            if fn is None or rc != 0 or len(args) != len(fn.params):
                continue
            info = seen[name]
            info["calls"] += 1
            scalars = {p.name: v for p, (_, v) in zip(fn.params, args) if not p.pointer}
            for p, (_, v) in zip(fn.params, args):
                if not p.pointer:
                    info.setdefault(p.name, collections.Counter())[v] += 1
                elif p.const_data and v:
                    n = _shape_count(p.shape, scalars) if p.shape else TEXT_ELEMENTS
                    info[p.name] = max(info.get(p.name, 1), n or TEXT_ELEMENTS)
    return seen


def constant(fn, p, info):
    """(value, how) for scalar p: the most frequent value of the KIT_OK calls
    (ties: the one seen first), else a typical one."""
    counts = info.get(p.name)
    if counts:
        value, k = counts.most_common(1)[0]
        return value, f"{k} of {info['calls']} OK calls"
    return TYPICAL.get(p.name, TYPICAL_BY_TYPE[p.type]), "typical: no OK call recorded"


def c_literal(value, ctype):
    if ctype == "double":
        if value != value or value in (float("inf"), -float("inf")):
            return {True: "(1.0 / 0.0)", False: "(-1.0 / 0.0)"}[value > 0] if value == value \
                else "(0.0 / 0.0)"
        return repr(float(value))
    if ctype == "size_t":
        return str(value) if value < 2 ** 31 else f"(size_t){value}ULL"
    return str(value)


# ---------------------------------------------------------------- the C edit

def _mask(text):
    """text with comments and string/char literals blanked (same length)."""
    out, k = list(text), 0
    while k < len(text):
        if text.startswith("/*", k):
            end = text.find("*/", k + 2)
            end = len(text) if end < 0 else end + 2
        elif text.startswith("//", k):
            end = text.find("\n", k)
            end = len(text) if end < 0 else end
        elif text[k] in "\"'":
            end = k + 1
            while end < len(text) and text[end] != text[k]:
                end += 2 if text[end] == "\\" else 1
            end += 1
        else:
            k += 1
            continue
        for j in range(k, min(end, len(text))):
            if out[j] != "\n":
                out[j] = " "
        k = end
    return "".join(out)


def _close(m, k):
    """Index just past the bracket matching the one at m[k]."""
    depth = 0
    for j in range(k, len(m)):
        if m[j] in "([{":
            depth += 1
        elif m[j] in ")]}":
            depth -= 1
            if depth == 0:
                return j + 1
    raise ValueError("unbalanced brackets")


def _skip(m, k):
    while k < len(m) and m[k].isspace():
        k += 1
    return k


def _word(m, k):
    w = re.match(r"[A-Za-z_]\w*", m[k:])
    return w.group(0) if w else ""


def _statement(m, k):
    """(kind, end, head) of the statement at m[k]: head is the text of an
    if/for/while condition."""
    w = _word(m, k)
    if m[k] == "{":
        return "block", _close(m, k), ""
    if w in ("if", "for", "while", "switch"):
        paren = _skip(m, k + len(w))
        end_head = _close(m, paren)
        _, end, _ = _statement(m, _skip(m, end_head))
        if w == "if":
            nxt = _skip(m, end)
            if _word(m, nxt) == "else":
                _, end, _ = _statement(m, _skip(m, nxt + 4))
        return w, end, m[paren:end_head]
    if w == "do":
        _, end, _ = _statement(m, _skip(m, k + 2))
        end = m.index(";", end) + 1
        return "do", end, ""
    j = k
    while m[j] != ";":
        j = _close(m, j) if m[j] in "([{" else j + 1
    return ("decl" if w in TYPE_WORDS or w.endswith("_t") else "expr"), j + 1, ""


def _idents(text):
    return set(re.findall(r"[A-Za-z_]\w*", text))


def function_span(text, name):
    """(head, body_open, body_close) indices of the definition `int name(...) {...}`
    (its first character, its braces), or None."""
    m = _mask(text)
    for hit in re.finditer(rf"^int\s+{name}\s*\(", m, re.M):
        k = _skip(m, _close(m, hit.end() - 1))
        if k < len(m) and m[k] == "{":
            return hit.start(), k, _close(m, k) - 1
    return None


def _declared(stmt):
    """[(name, initializer)] of a declaration statement whose variables can be
    assigned again (no const) and whose initializers call nothing."""
    if re.search(r"\bconst\b", stmt):
        return []
    out = []
    for part in cparse.split_top(stmt.strip().rstrip(";")):
        left, eq, right = part.partition("=")
        if not eq or right.startswith("=") or re.search(r"[A-Za-z_]\w*\s*\(", right):
            continue
        out.append((re.findall(r"[A-Za-z_]\w*", left)[-1], " ".join(right.split())))
    return out


def insertion(text, fn):
    """(offset, redo): where the argument checks of fn's body end, and the
    declarations above that point to assign again, [(name, initializer)]."""
    m = _mask(text)
    _, start, close = function_span(text, fn.name)
    params = {p.name for p in fn.params}
    outputs = {p.name for p in fn.params if p.pointer and not p.const_data}
    allocated, decls, at, point = set(), [], start + 1, start + 1
    while True:
        k = _skip(m, at)
        if k >= close:
            break
        kind, end, head = _statement(m, k)
        stmt = m[k:end]
        words = _idents(stmt)
        for a in re.finditer(r"([A-Za-z_]\w*)\s*=\s*(?:\([^()]*\)\s*)?[mc]alloc\s*\(", stmt):
            allocated.add(a.group(1))
        at = end
        if kind == "decl":
            decls += [(n, e, k) for n, e in _declared(stmt)]
            continue
        if kind == "if":             # an output in the condition is a NULL check
            words = _idents(stmt[stmt.index(head) + len(head):])
        if words & outputs:
            break                    # a write of an output: the computation has begun
        if "return" not in words:
            continue                 # touches no output: an allocation, a helper's scratch
        if kind in ("for", "while", "do"):
            point = end              # a loop that returns: a check of an array's values
        elif kind == "if":
            if _idents(head) - allocated - {"NULL"}:
                point = end          # an argument check (a failed malloc is not one)
        else:
            break                    # a bare return: the function is over
    return point, [(n, e) for n, e, k in decls if k < point]


def zero_name(fn, p):
    return f"paramconst_zero_{fn.name}_{p.name}"


def make_rewrite(fn, p, value, elements):
    """The Mutant.rewrite that makes fn ignore p."""
    def rewrite(text):
        point, decls = insertion(text, fn)
        if p.const_data:
            assign = f"{p.name} = {zero_name(fn, p)};"
        else:
            assign = f"{p.name} = {c_literal(value, p.type)};"
        lines = [assign] + [f"{n} = {e};" for n, e in decls if p.name in _idents(e)]
        new = text[:point] + "".join(f"\n    {ln} /* paramconst */" for ln in lines) + text[point:]
        if p.const_data:
            elem = p.type[:p.type.rfind("*")].strip()
            head = function_span(new, fn.name)[0]
            new = new[:head] + f"static {elem} {zero_name(fn, p)}[{elements}]; /* paramconst */\n" + \
                new[head:]
        return new
    return rewrite


# ---------------------------------------------------------------- running

class Outcome:
    def __init__(self, ch, fn, p, shown, how):
        self.ch, self.fn, self.p, self.shown, self.how = ch, fn, p, shown, how
        self.tests, self.caught, self.error = [], [], None

    @property
    def ok(self):
        return bool(self.caught) and not self.error

    def line(self):
        what = f"{self.ch.slug} {self.fn.name}: {self.p.name} = {self.shown} ({self.how})"
        if self.error:
            return f"{what}: ERROR {self.error}"
        if self.caught:
            return f"{what}: caught by {', '.join(self.caught)}"
        return f"{what}: NOT CAUGHT by any of {', '.join(self.tests) or 'its (no) tests'}"


def solution_file(ch, name):
    for src in ch.sources_in(os.path.join(ROOT, "solutions")):
        if function_span(open(src).read(), name):
            return os.path.basename(src)
    return None


def reference(ch, jb, tests, jobs):
    """Run the reference without sanitizers: ({test: verdict}, record paths)."""
    d = os.path.join(WORK, ch.slug, "reference")
    sb = build.subject(ch, os.path.join(ROOT, "solutions"), "paramconst", jb, san=False,
                       out_dir=os.path.join(d, "bin"))
    logs = os.path.join(d, "logs")
    results = run.run_all(tests, jb["judge"], sb["subject"], logs, 10.0, jobs,
                          os.path.join(ROOT, "solutions"))
    return ({r.test.name: r.verdict for r in results},
            [os.path.join(logs, t.name + ".rec") for t in tests])


def plan(ch, jobs):
    """([(outcome, mutant, judge)], problems) of one chapter, before running."""
    jb = build.judge(ch, hidden=True)
    tests = run.manifest(jb["judge"])
    with open(ch.header) as f:
        funcs = cparse.prototypes(f.read())
    verdicts, logs = reference(ch, jb, tests, jobs)
    problems = [f"{ch.slug}: {n} is {v} on the reference (it catches nothing here)"
                for n, v in verdicts.items() if v != "PASS"]
    seen = observed(funcs, logs)
    items = []
    for fn in funcs:
        own = [t.name for t in tests if fn.name in t.functions]
        good = [n for n in own if verdicts.get(n) == "PASS"]
        fname = solution_file(ch, fn.name)
        for p in fn.params:
            if p.pointer and not p.const_data:
                continue                       # an output: not mutated
            if not p.pointer and p.type not in SCALARS:
                continue
            if p.pointer:
                elements = min(seen[fn.name].get(p.name, TEXT_ELEMENTS), MAX_ZERO_BYTES // 8)
                value, shown, how = None, f"zeros[{elements}]", "static zero buffer"
            else:
                value, how = constant(fn, p, seen[fn.name])
                shown, elements = c_literal(value, p.type), 0
            o = Outcome(ch, fn, p, shown, how)
            o.tests = good
            m = None
            if fname is None:
                o.error = f"no definition of {fn.name} in solutions/{ch.slug}/"
            else:
                m = mutants.Mutant(ch.slug, f"{fn.name}-{p.name}")
                m.file = fname
                m.rewrite = make_rewrite(fn, p, value, elements)
            items.append((o, m, jb))
    return items, problems


def run_mutant(o, m, jb):
    try:
        data = mutants.run_here(m, jb, functions=[o.fn.name], san=False, jobs=1, timeout=3.0,
                                work=os.path.join(WORK, o.ch.slug, m.name))
    except Exception as e:            # a rewrite that does not apply, a kit build failure
        o.error = f"{type(e).__name__}: {e}"
        return o
    if data["build_error"]:
        o.error = "the mutant does not build: " + data["build_error"].splitlines()[0][:300]
        return o
    o.caught = [t["name"] for t in data["tests"] if t["verdict"] != "PASS" and t["name"] in o.tests]
    return o


def check(chs, jobs=2, out=None):
    """Every outcome of the chapters chs, in header order. out(outcome) is
    called as each is known (printing)."""
    items = []
    for ch in chs:
        try:
            more, problems = plan(ch, jobs)
            items += more
            for pr in problems:
                print("note: " + pr, flush=True)
        except (RuntimeError, build.BuildError, ValueError) as e:
            o = Outcome(ch, cparse.Function("int", "(chapter)", []), cparse.Param("int all"),
                        "-", "-")
            o.error = f"cannot run the reference: {str(e).splitlines()[0][:300]}"
            items.append((o, None, None))
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(run_mutant, o, m, jb) if m else None for o, m, jb in items]
        done = []
        for (o, _, _), f in zip(items, futures):
            if f is not None:
                f.result()
            if out:
                out(o)
            done.append(o)
    return done


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chapter", default="", help="only this chapter (3, 03 or 03-sinusoidal)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    a = ap.parse_args(argv)
    if a.chapter and chapters.find(a.chapter) is None:
        print(f"There is no chapter {a.chapter!r}.")
        return 2
    chs = [chapters.find(a.chapter)] if a.chapter else chapters.all_chapters()
    start = time.monotonic()
    done = check(chs, a.jobs, out=lambda o: print(o.line(), flush=True))
    bad = [o for o in done if not o.ok]
    funcs = {(o.ch.slug, o.fn.name) for o in done}
    print(f"{len(done) - len(bad)} of {len(done)} parameters of {len(funcs)} functions caught, "
          f"{len(bad)} not, in {time.monotonic() - start:.0f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
