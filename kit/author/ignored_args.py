#!/usr/bin/env python3
"""No ignorable argument: for every function of every chapter header and every
parameter that is a scalar (size_t, int, double) or an input array (`const T *`),
a mutant of the reference that ignores the parameter must fail at least one of
the tests that list the function.

    python3 -m kit ignored-args [--chapter N] [--jobs J] [--keep]

prints one line per (function, parameter, constant): the tests that catch it,
or NOT CAUGHT; exit 1 when any is not caught (or a mutant does not build).
make test runs it too (kit/author/selftest.py, a section per chapter). --keep keeps
the mutants' sources (the folder is printed); otherwise each run works in a
folder of its own under build/ignored_args/ and removes it.

The mutant. The parameter is overwritten in the body of the reference:
  scalar       `p = C;`, C the value the chapter's tests pass most often for p
               in the calls that get past the argument checks (the hardest
               constant to catch: every such call still gets the right answer).
               The values come from a reference run (SAN=0, all the chapter's
               tests) of a probed copy of the reference, which prints each
               function's scalar arguments at the point where the mutants will
               overwrite them (below). The call records (kit_record.c) hold the
               same arguments, but also those of the calls that end in the checks
               (an error, or KIT_OK for an empty n = 0), which never reach the
               computation: counting them would pick a constant that is easy to
               catch. A function whose tests never get past its checks gets a
               typical value instead (d = 8, n = 5, base = 10000.0, other size_t
               3, int 1, double 1.0), said "typical" in its line.
  input array  `p = ignored_args_zero_F_p;`, a static zero-filled array declared
               at file level, as long as the largest the tests pass (the
               parameter's shape comment in the header, evaluated with the
               probed calls' scalars; 4096 elements when it has none).
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
computation sees the constant. A parameter that nothing after the checks
reads (embed_lookup's v: it only bounds the ids) is set at the top of the body
instead: there, ignoring it can only mean not checking with it.

How. The tests run without sanitizers (SAN=0), only those that list the
mutated function, one mutant per job: a mutant is caught by any verdict but
PASS, and a test that fails on the reference (run the same way) catches nothing.
One program a chapter holds every mutant (combined_rewrite): each assignment sits
behind `if (ignored_args_which() == k)`, k read from the file ignored_args.which in
the test's folder, so mutant k computes exactly what its own program would, and
the chapter is compiled and linked once instead of once a parameter. When that
program does not build, each mutant is built alone (the error names its parameter).
"""
import argparse
import collections
import concurrent.futures
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from kit.author import mutants  # noqa: E402
from kit.core import build, chapters, cparse, run  # noqa: E402
from kit.core.cparse import close as _close, mask as _mask, skip as _skip, word as _word  # noqa: E402
from kit.core.chapters import ROOT  # noqa: E402

SCALARS = ("size_t", "int", "double")
TYPICAL = {"d": 8, "n": 5, "base": 10000.0}
TYPICAL_BY_TYPE = {"size_t": 3, "int": 1, "double": 1.0}
TEXT_ELEMENTS = 4096             # an input array without a shape comment (a string)
MAX_ZERO_BYTES = 1 << 26         # the zero buffer's cap (it lives in .bss)
TYPE_WORDS = {"const", "static", "unsigned", "signed", "char", "short", "int", "long",
              "float", "double", "size_t", "struct", "enum", "volatile", "_Bool"}
WORK = os.path.join(ROOT, "build", "ignored_args")   # a run-* folder per run (runs may overlap)


# ---------------------------------------------------------------- what the tests pass

PROBE = "KIT-PARAMCONST"
FORMATS = {"size_t": "%zu", "int": "%d", "double": "%a"}   # %a: the double exactly
PARSE = {"size_t": int, "int": int, "double": float.fromhex}


def probe_rewrite(funcs):
    """The rewrite of a solution file that prints, at the point where each
    function's argument checks end, the function's scalar arguments."""
    def rewrite(text):
        points = []
        for fn in funcs:
            if function_span(text, fn.name):
                scalars = [p for p in fn.params if not p.pointer and p.type in SCALARS]
                fmt = "".join(" " + FORMATS[p.type] for p in scalars)
                args = "".join(", " + p.name for p in scalars)
                points.append((insertion(text, fn)[0],
                               f'\n    fprintf(stderr, "{PROBE} {fn.name}{fmt}\\n"{args});'))
        for point, line in sorted(points, reverse=True):
            text = text[:point] + line + text[point:]
        return "#include <stdio.h> /* ignored_args probe */\n" + text
    return rewrite


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


def observed(funcs, stderr_files):
    """{function: {"calls": k, scalar: Counter of values, input array: elements}}
    over the calls that got past the argument checks (the probe's lines)."""
    seen = {f.name: {"calls": 0} for f in funcs}
    by_name = {f.name: f for f in funcs}
    for path in stderr_files:
        try:
            lines = open(path, errors="replace").read().splitlines()
        except OSError:
            continue
        for line in lines:
            words = line.split()
            if len(words) < 2 or words[0] != PROBE or words[1] not in by_name:
                continue
            fn = by_name[words[1]]
            params = [p for p in fn.params if not p.pointer and p.type in SCALARS]
            if len(words) != 2 + len(params):
                continue
            info = seen[fn.name]
            info["calls"] += 1
            scalars = {p.name: PARSE[p.type](w) for p, w in zip(params, words[2:])}
            for name, v in scalars.items():
                info.setdefault(name, collections.Counter())[v] += 1
            for p in fn.params:
                if p.const_data:
                    n = _shape_count(p.shape, scalars) if p.shape else TEXT_ELEMENTS
                    info[p.name] = max(info.get(p.name, 1), n or 1)
    return seen


def constant(fn, p, info):
    """(value, how) for scalar p: the most frequent value of the calls past the
    checks (ties: the one seen first), else a typical one."""
    counts = info.get(p.name)
    if counts:
        value, k = counts.most_common(1)[0]
        return value, f"{k} of {info['calls']} calls"
    return TYPICAL.get(p.name, TYPICAL_BY_TYPE[p.type]), "typical: no call gets past the checks"


def c_literal(value, ctype):
    """value as a C constant of type ctype (a double's repr reads back exactly)."""
    if ctype == "double":
        if value != value:
            return "(0.0 / 0.0)"
        if value in (float("inf"), -float("inf")):
            return "(1.0 / 0.0)" if value > 0 else "(-1.0 / 0.0)"
        return repr(float(value))
    if ctype == "size_t":
        return str(value) if value < 2 ** 31 else f"(size_t){value}ULL"
    return str(value)


# ---------------------------------------------------------------- the C edit

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
    return f"ignored_args_zero_{fn.name}_{p.name}"


def placement(text, fn, p):
    """(offset, redo, at_top) of p's assignment: where the checks end, or the
    top of the body when nothing after the checks reads p (then only the checks
    can ignore it, and a mutant after them would be equivalent)."""
    point, decls = insertion(text, fn)
    _, start, close = function_span(text, fn.name)
    if p.name in _idents(_mask(text)[point:close]):
        return point, decls, False
    return start + 1, [], True


def make_rewrite(fn, p, value, elements):
    """The Mutant.rewrite that makes fn ignore p."""
    def rewrite(text):
        point, decls, _ = placement(text, fn, p)
        if p.const_data:
            assign = f"{p.name} = {zero_name(fn, p)};"
        else:
            assign = f"{p.name} = {c_literal(value, p.type)};"
        lines = [assign] + [f"{n} = {e};" for n, e in decls if p.name in _idents(e)]
        new = text[:point] + "".join(f"\n    {ln} /* ignored_args */" for ln in lines) + text[point:]
        if p.const_data:
            elem = p.type[:p.type.rfind("*")].strip()
            head = function_span(new, fn.name)[0]
            new = new[:head] + f"static {elem} {zero_name(fn, p)}[{elements}]; /* ignored_args */\n" + \
                new[head:]
        return new
    return rewrite


WHICH_FILE = "ignored_args.which"   # in the test's folder (its cwd): the parameter to ignore
SELECTOR = """#include <stdio.h> /* ignored_args */
static long ignored_args_which(void) /* ignored_args: the parameter ./%s names (none: -1) */
{
    static long which = -2;
    if (which == -2) {
        FILE *f = fopen("%s", "r");
        which = -1;
        if (f) {
            if (fscanf(f, "%%ld", &which) != 1)
                which = -1;
            fclose(f);
        }
    }
    return which;
}
""" % (WHICH_FILE, WHICH_FILE)


def combined_rewrite(cases):
    """The rewrite of one solution file that holds every mutant of cases, [(k, fn, p,
    value, elements)], each behind `if (ignored_args_which() == k)`: one program for all
    the parameters of a chapter, the parameter chosen at run time (WHICH_FILE). Mutant k
    computes what make_rewrite(fn, p, value, elements) makes: the same assignment at the
    same place (placement() on the reference's text), the others not taken."""
    def rewrite(text):
        edits = []            # (offset, order, text): inserted from the end
        for k, fn, p, value, elements in cases:
            point, decls, _ = placement(text, fn, p)
            if p.const_data:
                assign = f"{p.name} = {zero_name(fn, p)};"
                elem = p.type[:p.type.rfind("*")].strip()
                edits.append((function_span(text, fn.name)[0], k,
                              f"static {elem} {zero_name(fn, p)}[{elements}]; /* ignored_args */\n"))
            else:
                assign = f"{p.name} = {c_literal(value, p.type)};"
            lines = [assign] + [f"{n} = {e};" for n, e in decls if p.name in _idents(e)]
            edits.append((point, k, f"\n    if (ignored_args_which() == {k}) {{ /* ignored_args */"
                                    + "".join(f"\n        {ln}" for ln in lines) + "\n    }"))
        for point, _, piece in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
            text = text[:point] + piece + text[point:]
        return (SELECTOR if cases else "") + text
    return rewrite


# ---------------------------------------------------------------- running

class Outcome:
    """One (function, parameter, constant) and what its mutant got; fn and p
    are None for a chapter whose reference could not be run."""
    def __init__(self, ch, fn=None, p=None, shown="", how=""):
        self.ch, self.fn, self.p, self.shown, self.how = ch, fn, p, shown, how
        self.tests, self.caught, self.error = [], [], None
        self.work = None        # the mutant's folder
        self.case = None        # (fn, p, value, elements): its mutant (combined_rewrite)

    @property
    def ok(self):
        return bool(self.caught) and not self.error

    @property
    def label(self):
        if self.fn is None:
            return "the reference runs"
        return f"{self.fn.name}: {self.p.name} = {self.shown} ({self.how})"

    @property
    def detail(self):
        if self.error:
            return f"ERROR {self.error}"
        if self.caught:
            return f"caught by {', '.join(self.caught)}"
        return f"NOT CAUGHT by any of {', '.join(self.tests) or 'its (no) tests'}"

    def line(self):
        return f"{self.ch.slug} {self.label}: {self.detail}"


def _first_error(message):
    lines = message.strip().splitlines() or [""]
    return next((ln for ln in lines if "error" in ln.lower() and "bug in the kit" not in ln),
                lines[0]).strip()[:300]


def solution_file(ch, name):
    for src in ch.sources_in(os.path.join(ROOT, "solutions")):
        if function_span(open(src).read(), name):
            return os.path.basename(src)
    return None


def reference(ch, jb, tests, funcs, jobs, root):
    """Run the probed reference without sanitizers: ({test: verdict}, what
    observed() makes of its probe)."""
    work = os.path.join(root, ch.slug, "reference")
    files = [os.path.basename(s) for s in ch.sources_in(os.path.join(ROOT, "solutions"))]
    m = mutants.Mutant(ch.slug, "reference")
    m.file, m.rewrite = files[0], probe_rewrite(funcs)
    mutants.apply(m, work)
    for name in files[1:]:                  # every file of the reference is probed
        path = os.path.join(work, ch.slug, name)
        text = m.rewrite(open(path).read())
        with open(path, "w") as f:
            f.write(text)
    sb = build.subject(ch, work, "ignored_args", jb, san=False, out_dir=os.path.join(work, "bin"))
    logs = os.path.join(work, "logs")
    results = run.run_all(tests, jb["judge"], sb["subject"], logs, 10.0, jobs, work)
    data = observed(funcs, [os.path.join(logs, t.name + ".rec.err") for t in tests])
    return {r.test.name: r.verdict for r in results}, data


def private_judge(jb, folder):
    """A copy of the judge and of the subject's kit objects: another developer's
    make check may relink the shared ones (build/judge/) while the mutants run."""
    os.makedirs(folder, exist_ok=True)
    out = dict(jb, judge=os.path.join(folder, "judge"), objects=[])
    shutil.copy2(jb["judge"], out["judge"])
    for k, obj in enumerate(jb["objects"]):
        out["objects"].append(os.path.join(folder, f"{k}-{os.path.basename(obj)}"))
        shutil.copy2(obj, out["objects"][-1])
    return out


def plan(ch, jobs, root):
    """([(outcome, mutant, judge)], problems) of one chapter, before running."""
    jb = private_judge(build.judge(ch, hidden=True), os.path.join(root, ch.slug, "kit"))
    tests = run.manifest(jb["judge"])
    with open(ch.header) as f:
        funcs = cparse.prototypes(f.read())
    verdicts, seen = reference(ch, jb, tests, funcs, jobs, root)
    problems = [f"{ch.slug}: {n} is {v} on the reference (it catches nothing here)"
                for n, v in verdicts.items() if v != "PASS"]
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
            if fname and placement(open(os.path.join(ch.solution_dir, fname)).read(), fn, p)[2]:
                how += "; read by the checks only: set at the top"
            o = Outcome(ch, fn, p, shown, how)
            o.tests = good
            m = None
            if fname is None:
                o.error = f"no definition of {fn.name} in solutions/{ch.slug}/"
            else:
                m = mutants.Mutant(ch.slug, f"{fn.name}-{p.name}")
                m.file = fname
                m.rewrite = make_rewrite(fn, p, value, elements)
                o.work = os.path.join(root, ch.slug, m.name)
                o.case = (fn, p, value, elements)
            items.append((o, m, jb))
    return items, problems


def run_mutant(o, m, jb):
    try:
        data = mutants.run_here(m, jb, functions=[o.fn.name], san=False, jobs=1, timeout=3.0,
                                work=o.work)
    except Exception as e:            # a rewrite that does not apply, a kit build failure
        o.error = f"{type(e).__name__}: {e}"
        return o
    if data["build_error"]:
        o.error = "the mutant does not build: " + _first_error(data["build_error"])
        return o
    o.caught = [t["name"] + ("" if t["verdict"] == "FAIL" else f" ({t['verdict']})")
                for t in data["tests"] if t["verdict"] != "PASS" and t["name"] in o.tests]
    return o


def _plan(ch, jobs, root):
    """plan(), again after a pause when the kit's build fails (another
    developer may be relinking the same judge, or be mid-edit): three tries."""
    for attempt in range(3):
        try:
            return plan(ch, jobs, root)
        except (RuntimeError, build.BuildError, OSError, subprocess.CalledProcessError):
            if attempt == 2:
                raise
            time.sleep(5)


def build_combined(ch, entries, jb, root):
    """One program for every mutant of the chapter (combined_rewrite: mutant k is chosen
    at run time), built without sanitizers like each mutant was. entries: [(k, outcome,
    mutant)]. Returns the subject's path, or None when it does not build (then each
    mutant is built alone, so that the error names its parameter)."""
    work = os.path.join(root, ch.slug, "all")
    by_file = collections.defaultdict(list)
    for k, o, m in entries:
        by_file[m.file].append((k, *o.case))
    files = sorted(by_file)
    base = mutants.Mutant(ch.slug, "all")
    base.file, base.rewrite = files[0], combined_rewrite(by_file[files[0]])
    mutants.apply(base, work)
    for name in files[1:]:
        path = os.path.join(work, ch.slug, name)
        text = combined_rewrite(by_file[name])(open(path).read())
        with open(path, "w") as f:
            f.write(text)
    try:
        return build.subject(ch, work, "ignored_args", jb, san=False,
                             out_dir=os.path.join(work, "bin"))["subject"]
    except build.BuildError:
        return None


def run_case(o, k, subject, jb, tests):
    """Mutant k of the combined program: the tests of o's function (run_mutant's), in a
    folder of their own that names k."""
    logs = os.path.join(o.work, "logs")
    os.makedirs(logs, exist_ok=True)
    with open(os.path.join(logs, WHICH_FILE), "w") as f:
        f.write(f"{k}\n")
    try:
        mine = [t for t in tests if o.fn.name in t.functions]
        results = run.run_all(mine, jb["judge"], subject, logs, 3.0, 1, o.work)
    except Exception as e:            # a kit failure: said, never a silent pass
        o.error = f"{type(e).__name__}: {e}"
        return o
    o.caught = [r.test.name + ("" if r.verdict == "FAIL" else f" ({r.verdict})")
                for r in results if r.verdict != "PASS" and r.test.name in o.tests]
    return o


def check(chs, jobs=2, out=None, keep=False):
    """Every outcome of the chapters chs, in header order. out(outcome) is
    called as each is known (printing). The mutants live in a folder of their
    own under build/ignored_args/, removed at the end unless keep."""
    os.makedirs(WORK, exist_ok=True)
    root = tempfile.mkdtemp(prefix="run-", dir=WORK)
    items = []
    try:
        for ch in chs:
            try:
                more, problems = _plan(ch, jobs, root)
                items += more
                for pr in problems:
                    print("note: " + pr, flush=True)
            except (RuntimeError, build.BuildError, ValueError, OSError,
                    subprocess.CalledProcessError) as e:
                o = Outcome(ch)
                o.error = f"cannot run the reference: {_first_error(str(e))}"
                items.append((o, None, None))
        # one program a chapter (build_combined); a chapter whose program does not build
        # runs one program a mutant (run_mutant), as each error then names its parameter
        tasks = {}
        for ch in chs:
            entries = [(k, o, m) for k, (o, m, jb) in enumerate(items)
                       if m is not None and o.ch is ch]
            if not entries:
                continue
            jb = items[entries[0][0]][2]
            subject = build_combined(ch, entries, jb, root)
            tests = run.manifest(jb["judge"]) if subject else None
            for k, o, m in entries:
                tasks[k] = (run_case, (o, k, subject, jb, tests)) if subject else (run_mutant, (o, m, jb))
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
            futures = [pool.submit(tasks[k][0], *tasks[k][1]) if k in tasks else None
                       for k in range(len(items))]
            done = []
            for (o, _, _), f in zip(items, futures):
                if f is not None:
                    f.result()
                if out:
                    out(o)
                done.append(o)
    finally:
        if keep:
            print(f"the mutants are in {os.path.relpath(root, ROOT)}/", flush=True)
        else:
            shutil.rmtree(root, ignore_errors=True)
    return done


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--chapter", default="", help="only this chapter (3, 03 or 03-sinusoidal)")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--keep", action="store_true",
                    help="keep the mutants (their folder is printed at the end)")
    a = ap.parse_args(argv)
    if a.chapter and chapters.find(a.chapter) is None:
        print(f"There is no chapter {a.chapter!r}.")
        return 2
    chs = [chapters.find(a.chapter)] if a.chapter else chapters.all_chapters()
    start = time.monotonic()
    done = check(chs, a.jobs, out=lambda o: print(o.line(), flush=True), keep=a.keep)
    bad = [o for o in done if not o.ok]
    params = [o for o in done if o.fn]
    funcs = {(o.ch.slug, o.fn.name) for o in params}
    print(f"{sum(o.ok for o in params)} of {len(params)} parameters of {len(funcs)} functions "
          f"caught; {len(bad)} problem(s); {time.monotonic() - start:.0f} s")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
