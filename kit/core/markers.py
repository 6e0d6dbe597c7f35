"""Literate without drift: the prose holds no pasted C.

A chapter shows code only through listing blocks, pulled from real files:

    ```{.c file="solutions/03-sinusoidal/sinusoidal.c" listing="pe-value"}
    ```

and the file marks the lines with `/* listing: pe-value */` ... `/* end
listing: pe-value */`. A stub path (exercises/<slug>/x.c) may be used too.
A fenced C block without a file is refused unless it has the class .sketch.
Checked: the file exists; the marker is there exactly once, with its end;
every marker in solutions/ and include/ is used by some chapter.
"""
import glob
import os
import re

from kit.core.chapters import ROOT

FENCE = re.compile(r"^(```+|~~~+)\s*(.*)$")
ATTR = re.compile(r'(\w+)="([^"]*)"')
SOLUTION_BEGIN, SOLUTION_END = "/* BEGIN SOLUTION */", "/* END SOLUTION */"
START = re.compile(r"/\* listing: ([\w-]+) \*/")
END = re.compile(r"/\* end listing: ([\w-]+) \*/")


class MarkerError(ValueError):
    pass


def is_listing_marker(text):
    """text (a line or a comment, white space around it ignored) is a listing marker."""
    t = text.strip()
    return bool(START.fullmatch(t) or END.fullmatch(t))


def solution_blocks(lines, path="<source>", strict=True):
    """(begin, end) line indexes (0-based) of every BEGIN/END SOLUTION pair in lines —
    the one parser of solution markers (stubs, the book's withheld lines, the release's
    leak check). strict: an END without BEGIN or a BEGIN without END raises MarkerError;
    otherwise it is skipped."""
    out, begin = [], None
    for k, line in enumerate(lines):
        s = line.strip()
        if s == SOLUTION_BEGIN:
            if begin is not None and strict:
                raise MarkerError(f"{path}:{begin + 1}: BEGIN SOLUTION without its END SOLUTION")
            begin = k
        elif s == SOLUTION_END:
            if begin is None:
                if strict:
                    raise MarkerError(f"{path}:{k + 1}: END SOLUTION without BEGIN")
                continue
            out.append((begin, k))
            begin = None
    if begin is not None and strict:
        raise MarkerError(f"{path}:{begin + 1}: BEGIN SOLUTION without its END SOLUTION")
    return out


def blocks(md_path):
    """(line, info, body) of every fenced block."""
    lines = open(md_path).read().split("\n")
    k, out = 0, []
    while k < len(lines):
        m = FENCE.match(lines[k])
        if m:
            fence, info, start = m.group(1), m.group(2).strip(), k
            k += 1
            body = []
            while k < len(lines) and not lines[k].startswith(fence):
                body.append(lines[k])
                k += 1
            out.append((start + 1, info, body))
        k += 1
    return out


def markers_in(path):
    """{name: (start_line, end_line)}; raises ValueError on a broken marker."""
    text = open(path).read().split("\n")
    found, open_ = {}, {}
    for n, line in enumerate(text, 1):
        for m in START.finditer(line):
            if m.group(1) in found or m.group(1) in open_:
                raise ValueError(f"{os.path.relpath(path, ROOT)}:{n}: marker '{m.group(1)}' is duplicated")
            open_[m.group(1)] = n
        for m in END.finditer(line):
            if m.group(1) not in open_:
                raise ValueError(f"{os.path.relpath(path, ROOT)}:{n}: 'end listing: {m.group(1)}' without its start")
            found[m.group(1)] = (open_.pop(m.group(1)), n)
    if open_:
        name = next(iter(open_))
        raise ValueError(f"{os.path.relpath(path, ROOT)}:{open_[name]}: marker '{name}' is never ended")
    return found


def canonical(path):
    """exercises/<slug>/x.c and solutions/<slug>/x.c name the same listing."""
    parts = path.split("/")
    if parts[0] == "exercises" and len(parts) == 3:
        return "/".join(["solutions"] + parts[1:])
    return path


def check(root=ROOT):
    problems, used = [], set()
    for md in sorted(glob.glob(os.path.join(root, "chapters", "*.md"))):
        rel = os.path.relpath(md, root)
        for line, info, body in blocks(md):
            attrs = dict(ATTR.findall(info))
            is_c = re.match(r"^c\b", info) or re.search(r"\{[^}]*\.c\b", info)
            if "listing" in attrs or "file" in attrs:
                f, name = attrs.get("file"), attrs.get("listing")
                if not f or not name:
                    problems.append(f"{rel}:{line}: a listing needs both file= and listing=")
                    continue
                path = os.path.join(root, f)
                if not os.path.exists(path):
                    problems.append(f"{rel}:{line}: {f} does not exist")
                    continue
                try:
                    marks = markers_in(path)
                except ValueError as e:
                    problems.append(str(e))
                    continue
                if name not in marks:
                    problems.append(f"{rel}:{line}: {f} has no marker '{name}'")
                if any(b.strip() for b in body):
                    problems.append(f"{rel}:{line}: a listing block must be empty (the code comes from {f})")
                used.add((canonical(f), name))
            elif is_c and ".sketch" not in info:
                problems.append(f"{rel}:{line}: a C block without a source: use "
                                f'{{.c file="..." listing="..."}} or mark it {{.c .sketch}}')
    sources = glob.glob(os.path.join(root, "solutions", "*", "*.c")) + \
        glob.glob(os.path.join(root, "include", "*.h"))
    for src in sorted(sources):
        rel = os.path.relpath(src, root)
        try:
            marks = markers_in(src)
        except ValueError as e:
            problems.append(str(e))
            continue
        for name in sorted(marks):
            if (rel, name) not in used:
                problems.append(f"{rel}: marker '{name}' is used by no chapter")
    return problems
