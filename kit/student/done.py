"""What "done" means for a chapter, beyond its public tests.

After a green `make check CHAPTER=N` (public tests only: the hidden ones are
not in the student's copy), the student is told what grading also checks,
drawn from the chapter's own *Tests:* paragraphs (chapters/NN-slug.md): every
item whose tests are not public (`table_odd_d` (3 x 7 against bc ...), ...)
and every sentence there that speaks of the hidden tests. The prose is the
one source: nothing here repeats it.
"""
import os
import re

from kit.core import cparse
from kit.core.chapters import ROOT

GREEK = {"alpha": "α", "beta": "β", "theta": "θ", "lambda": "λ", "pi": "π", "omega": "ω",
         "sigma": "σ", "mu": "μ", "infty": "∞", "times": "×", "cdot": "·", "le": "≤",
         "ge": "≥", "leq": "≤", "geq": "≥", "ne": "≠", "approx": "≈", "pm": "±", "sum": "Σ",
         "sqrt": "√", "dots": "…", "ldots": "…", "cdots": "…", "to": "→", "ell": "ℓ"}


def tex_plain(t):
    """A little TeX in plain words: $3 \\times 7$ -> 3 × 7."""
    t = re.sub(r"\\frac\{([^{}]*)\}\{([^{}]*)\}", r"\1/\2", t)
    t = re.sub(r"\\(?:mathtt|mathrm|mathit|textit|text|mathbf|operatorname)\{([^{}]*)\}", r"\1", t)
    t = re.sub(r"\\([A-Za-z]+)", lambda m: GREEK.get(m.group(1), m.group(1)), t)
    t = re.sub(r"\\[,;:! ]", " ", t).replace("\\_", "_").replace("\\{", "{").replace("\\}", "}")
    t = t.replace("{", "").replace("}", "")
    return re.sub(r"\s+", " ", t).strip()


def plain(md):
    """Markdown of a *Tests:* item as one plain line."""
    md = re.sub(r"\$([^$]+)\$", lambda m: tex_plain(m.group(1)), md)
    md = md.replace("`", "")
    md = re.sub(r"\*\*?([^*]+)\*\*?", r"\1", md)
    md = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", md)
    return re.sub(r"\s+", " ", md).strip(" ;,.")


def tests_paragraphs(md_path):
    """The text of every *Tests:* paragraph of a chapter (after the label)."""
    text = open(md_path, encoding="utf-8").read()
    text = re.sub(r"^(```|~~~).*?^\1\s*$", "", text, flags=re.S | re.M)   # no code blocks
    out = []
    for para in re.split(r"\n\s*\n", text):
        p = " ".join(para.split())
        m = re.match(r"^\*Tests:?\*:?\s*(.*)$", p)
        if m:
            out.append(m.group(1))
    return out


NEXT_TEST = re.compile(r" `[a-z][a-z0-9]*_[a-z0-9_]*`")      # ", `table_odd_d` ..."
NEXT_SENTENCE = re.compile(r" (?:[A-Z`])")                      # ". The hidden ..."


def split_items(p):
    """Top-level items of a paragraph: split at ';' and ',' outside (), $ $ and ` `."""
    items, cur, depth, math, code = [], [], 0, False, False
    k = 0
    while k < len(p):
        c = p[k]
        if c == "`" and not math:
            code = not code
        elif c == "$" and not code:
            math = not math
        elif not math and not code:
            if c in "([":
                depth += 1
            elif c in ")]":
                depth = max(0, depth - 1)
            elif depth == 0 and (c == ";" or (c == "," and NEXT_TEST.match(p, k + 1))
                                 or (c == "." and NEXT_SENTENCE.match(p, k + 1))):
                items.append("".join(cur))
                cur = []
                k += 1
                continue
        cur.append(c)
        k += 1
    items.append("".join(cur))
    return [i.strip() for i in items if i.strip()]


def outside_parens(s):
    out, depth, math = [], 0, False
    for c in s:
        if c == "$":
            math = not math
        if not math and c in "([":
            depth += 1
        if depth == 0:
            out.append(c)
        if not math and c in ")]" and depth:
            depth -= 1
    return "".join(out)


def hidden_checks(ch, public_names):
    """[line] of what grading checks beyond the public tests of chapter ch."""
    md = os.path.join(ROOT, "chapters", ch.slug + ".md")
    if not os.path.exists(md):
        return []
    functions = set()
    if os.path.exists(ch.header):
        functions = {f.name for f in cparse.prototypes(open(ch.header).read())}
    out = []
    for para in tests_paragraphs(md):
        for item in split_items(para):
            head = outside_parens(item)
            names = [n for n in re.findall(r"`([a-z][a-z0-9_]*)`", head)
                     if "_" in n and n not in functions]
            hidden = [n for n in names if n not in public_names
                      and not re.search("`" + re.escape(n) + r"`\s*\(public", item)]
            if hidden:
                out.append(plain(re.sub(r"^(?:and|Hidden:|the hidden|The hidden)\s+", "", item)))
            elif not names and re.search(r"\bhidden\b", item, re.I):
                out.append(plain(item))
    return list(dict.fromkeys(o for o in out if o))


def done_note(ch, public_names, width=100):
    """The lines printed after a green `make check` of the public tests."""
    checks = hidden_checks(ch, public_names)
    try_c = os.path.join("try", ch.slug + ".c")
    lines = [f"Green: every public test of chapter {ch.number} passes. Grading also runs hidden "
             "tests; the chapter's *Tests:* paragraphs say what they check:"]
    if checks:
        for c in checks:
            text, first = c, True
            while text:   # wrap by hand: one bullet, indented continuation lines
                cut = text if len(text) <= width - 6 else text[:text.rfind(" ", 0, width - 6) + 1 or width - 6]
                lines.append(("  - " if first else "    ") + cut.strip())
                text, first = text[len(cut):].strip(), False
    else:
        lines.append("  (the chapter names none beyond the public tests: its edge cases, bad "
                     "arguments and the contract in include/)")
    lines.append(f"Try such inputs on your own code: make try CHAPTER={ch.number} "
                 f"(your scratch main, {try_c}, built with the sanitizers).")
    return lines
