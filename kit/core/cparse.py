"""Just enough C parsing for the kit's own, consistently formatted files:
function headers at column 0, parameters with optional shape comments."""
import re

COMMENT = re.compile(r"/\*.*?\*/", re.S)
IDENT = re.compile(r"[A-Za-z_]\w*")


def split_top(text, sep=","):
    """Split on sep outside parentheses."""
    parts, depth, cur, k = [], 0, "", 0
    while k < len(text):
        ch = text[k]
        if text.startswith("/*", k):          # a comment is copied whole
            end = text.find("*/", k + 2)
            end = len(text) if end < 0 else end + 2
            cur += text[k:end]
            k = end
            continue
        k += 1
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        if ch == sep and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    return [p.strip() for p in parts if p.strip()]


class Param:
    def __init__(self, raw):
        self.shape = None
        m = re.search(r"/\*\s*\(", raw)
        if m:                                  # a shape comment: /* (a, b), ... */
            start, depth = m.end() - 1, 0
            for k in range(start, len(raw)):
                depth += {"(": 1, ")": -1}.get(raw[k], 0)
                if depth == 0:
                    self.shape = split_top(raw[start + 1:k])
                    break
        self.decl = " ".join(COMMENT.sub("", raw).split())
        self.name = IDENT.findall(self.decl)[-1]
        self.type = self.decl[: self.decl.rfind(self.name)].strip()
        self.pointer = "*" in self.type
        self.const_data = self.pointer and self.type.startswith("const")
        # An output the function also reads: `double *x /* (n, d), row-major, in-out */`.
        self.inout = self.pointer and not self.const_data and \
            re.search(r"/\*[^*]*\bin-out\b", raw) is not None

    @property
    def shape_text(self):
        return "(" + ", ".join(self.shape) + ")" if self.shape else "(?)"


class Function:
    def __init__(self, ret, name, params):
        self.ret, self.name, self.params = ret, name, params

    def signature(self, name=None):
        args = ", ".join(p.decl for p in self.params) or "void"
        return f"{self.ret} {name or self.name}({args})"


PROTO = re.compile(r"^(int)\s+([A-Za-z_]\w*)\s*\((.*?)\)\s*;", re.S | re.M)


def prototypes(header_text):
    """The functions a chapter header declares (all return int)."""
    funcs = []
    for m in PROTO.finditer(header_text):
        body = m.group(3)
        raw = [] if body.strip() == "void" else split_top(body)
        funcs.append(Function(m.group(1), m.group(2), [Param(r) for r in raw]))
    return funcs


DEF = re.compile(r"^[A-Za-z_][\w \t\*]*?\b([A-Za-z_]\w*)\s*\(")


def definition_params(lines, index):
    """Parameter names of the function definition enclosing line `index`."""
    for k in range(index, -1, -1):
        if DEF.match(lines[k]) and not lines[k].startswith(("static inline", "#")):
            text = "".join(lines[k:index + 1])
            start = text.index("(")
            end = close(text, start) - 1
            inner = COMMENT.sub("", text[start + 1:end])
            if inner.strip() in ("", "void"):
                return []
            return [IDENT.findall(p)[-1] for p in split_top(inner)]
    raise ValueError(f"line {index + 1}: no enclosing function definition")


# -- scanning C text (kit/author/ignored_args.py edits functions with these) --------

def mask(text):
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


def close(m, k):
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


def skip(m, k):
    """Index of the first non-space character of m from k."""
    while k < len(m) and m[k].isspace():
        k += 1
    return k


def word(m, k):
    """The identifier at m[k], or ''."""
    w = re.match(r"[A-Za-z_]\w*", m[k:])
    return w.group(0) if w else ""
