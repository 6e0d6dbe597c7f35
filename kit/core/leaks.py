"""Solution leaks: the one scanner for the kit's secret material in what leaves its hands.

What is secret, said once: the hidden tests (grader/NN-slug/test_hidden.c) and the
solution blocks of the references (solutions/; markers.solution_blocks), minus
what a public file of the kit also holds (the chapter's header and exercises/NN-slug/:
stub, public tests, their data); and the expected values of the tests (their golden
arrays). Three scans read it:

    text_of(path)                      a file as text (HTML/SVG/XML without tags), None if binary
    secret_runs(chs) -> {run: where}   RUN consecutive content lines of a secret file
    runs_in(text, secret)              (where, run) of the first secret run in text, or None
                                       (make dist: kit/release/dist.py, check_release)
    secret_lines(chs, min_len)         single lines, for blanking feedback lines that quote
                                       one (the grader's scrubber)
    arrays_in(path), golden_arrays(ch), values_in_objects(ch, objects)
                                       the tests' expected values as the 8 bytes of each double
                                       in compiled objects (make test: kit/author/subject_leaks.py)
"""
import glob
import html
import os
import re
import struct

from kit.core import chapters, markers

RUN = 3   # a leak is RUN consecutive lines of a secret file (generic one-liners are everywhere)


# -- reading --------------------------------------------------------------------------

def text_of(path):
    """The file's text; HTML, SVG and XML without their tags (entities decoded); None
    for a file that cannot be read or is binary (a NUL in its first 4 KiB: png, …)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    if b"\0" in data[:4096]:
        return None
    text = data.decode("utf-8", "replace")
    if path.endswith((".html", ".htm", ".svg", ".xml")):
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return text


def norm(line):
    """A line with its white space folded (indentation and spacing never hide a leak)."""
    return " ".join(line.split())


def content_lines(text):
    """The lines that can carry a secret: not blank, not punctuation, not an #include
    (every C file of the kit shares the same few)."""
    return [n for n in (norm(l) for l in text.splitlines())
            if re.search(r"\w", n) and len(n) >= 6 and not n.startswith("#include")]


def runs(lines):
    return {tuple(lines[k:k + RUN]) for k in range(len(lines) - RUN + 1)}


# -- what is secret, what is public ----------------------------------------------------

def _chapters(chs):
    return chapters.all_chapters() if chs is None else chs


def public_texts(chs=None):
    """The texts of the public files of the chapters: the header, exercises/NN-slug/*."""
    for ch in _chapters(chs):
        paths = [ch.header] + ([os.path.join(ch.exercise_dir, f) for f in sorted(os.listdir(ch.exercise_dir))]
                               if os.path.isdir(ch.exercise_dir) else [])
        for p in paths:
            t = text_of(p)
            if t:
                yield t


def secret_texts(chs=None):
    """(where, text) of the secret material: each hidden test file, each solution block."""
    for ch in _chapters(chs):
        if os.path.exists(ch.hidden_tests):
            yield f"grader/{ch.slug}/test_hidden.c", text_of(ch.hidden_tests) or ""
        if os.path.isdir(ch.solution_dir):
            for f in sorted(os.listdir(ch.solution_dir)):
                lines = (text_of(os.path.join(ch.solution_dir, f)) or "").splitlines()
                for begin, end in markers.solution_blocks(lines, f, strict=False):
                    yield f"solutions/{ch.slug}/{f}", "\n".join(lines[begin + 1:end])


def secret_runs(chs=None):
    """{run: where} of the secret material's runs of RUN content lines, minus the runs
    of every public file."""
    public = set()
    for t in public_texts(chs):
        public |= runs(content_lines(t))
    secret = {}
    for where, t in secret_texts(chs):
        for r in runs(content_lines(t)):
            secret.setdefault(r, where)
    return {k: v for k, v in secret.items() if k not in public}


def runs_in(text, secret):
    """(where, run) of the first secret run (secret_runs) that text holds, or None."""
    for r in runs(content_lines(text)):
        if r in secret:
            return secret[r], r
    return None


def secret_lines(chs=None, min_len=16):
    """The secret material's single lines (white space folded, at least min_len
    characters) that no public file holds: a line of output containing one quotes it."""
    public = set()
    for t in public_texts(chs):
        public |= {norm(l) for l in t.splitlines()}
    secret = set()
    for _, t in secret_texts(chs):
        secret |= {norm(l) for l in t.splitlines()}
    return {s for s in secret - public if len(s) >= min_len}


# -- the tests' expected values in compiled objects -------------------------------------

ARRAY = re.compile(r"static const double (\w+)\[\w*\]\s*=\s*\{(.*?)\};", re.S)


def test_files(ch):
    """The chapter's test files and the headers beside them (public and hidden) that exist."""
    files = [ch.public_tests, ch.hidden_tests] + sorted(glob.glob(os.path.join(ch.exercise_dir, "*.h"))) + \
        sorted(glob.glob(os.path.join(os.path.dirname(ch.hidden_tests), "*.h")))
    return [p for p in files if os.path.exists(p)]


def arrays_in(path):
    """{name: [values]} of every `static const double NAME[] = {...}` in the file (the
    one reader of golden arrays: this scan and golden.py's check against bc); an array
    of expressions is skipped."""
    found = {}
    for m in ARRAY.finditer(open(path).read()):
        body = re.sub(r"/\*.*?\*/", "", m.group(2), flags=re.S)
        try:
            found[m.group(1)] = [float(x) for x in body.replace("\n", " ").split(",") if x.strip()]
        except ValueError:
            pass   # an array of expressions: not a table of constants
    return found


def golden_arrays(ch):
    """{name: [values]} of the golden arrays of the chapter's test files and headers."""
    found = {}
    for p in test_files(ch):
        found.update(arrays_in(p))
    return found


def telling(v):
    """A value that no test would type as an input: more than 6 significant digits
    (short decimals such as 0.5 or 1e-3 may be inputs)."""
    return v == v and abs(v) != float("inf") and float(f"{v:.6g}") != v


def values_in_objects(ch, objects):
    """[(array, value)] of the chapter's telling expected values found, as the 8 bytes
    of the double, in the objects."""
    blob = b""
    for o in objects:
        with open(o, "rb") as f:
            blob += f.read()
    return [(name, v) for name, values in sorted(golden_arrays(ch).items())
            for v in values if telling(v) and struct.pack("<d", v) in blob]
