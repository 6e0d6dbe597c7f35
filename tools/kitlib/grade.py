"""make grade — batch grading of student submissions (instructors).

    python3 tools/kitlib/grade.py SUBMISSIONS [--out build/grades] [-j N]

Each entry of SUBMISSIONS is one student: a folder, a .tar.gz/.tgz/.tar or a
.zip holding that student's exercises/ tree (or the chapter files alone).
Only the whitelisted files (Chapter.student_files()) are taken, into a fresh
tree; nothing else of a submission (Makefile, headers, tests) is ever used.
Archives are read member by member in Python (never extracted by a tool):
traversal, absolute paths, links, devices, oversize or too many members reject
that submission with a clear message, and it still gets its row.

Every chapter of every student is built and run in the sandbox (sandbox.py),
judged by the judge (no student code), and cached by content: the same files
with the same tests, kit version and limits are not graded again (resume).

Outputs (GRADES, default build/grades/):
  gradebook.csv                       one row per entry, always
  students/<id>/feedback.md|.html     every test: verdict, message, hint
  students/<id>/results.json          Gradescope format
  students/<id>/junit.xml, results.tap
  students/<id>/result.json           the raw result (resume key inside)
"""
import argparse
import concurrent.futures
import csv
import glob
import hashlib
import html
import io
import json
import os
import re
import shutil
import stat
import sys
import tarfile
import threading
import time
import zipfile

if __package__ in (None, ""):
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from kitlib import build, chapters, run, sandbox as sbx  # noqa: E402
    from kitlib.chapters import ROOT  # noqa: E402
else:
    from . import build, chapters, run, sandbox as sbx
    from .chapters import ROOT

MAX_MEMBERS = 500            # entries in one submission
MAX_FILE = 1 << 20           # bytes of one member
MAX_TOTAL = 20 << 20         # bytes of all members
ARCHIVE_EXT = (".tar.gz", ".tgz", ".tar", ".zip")
KIT_FILES = ["tools/harness/*.c", "tools/harness/*.h", "tools/kitlib/build.py", "tools/kitlib/run.py",
             "tools/kitlib/sandbox.py", "tools/kitlib/grade.py", "tools/kitlib/proxygen.py",
             "tools/kitlib/chapters.py"]


class Rejected(Exception):
    """The submission itself is unusable (unsafe or malformed archive)."""


def sha(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else str(p).encode())
        h.update(b"\0")
    return h.hexdigest()


def kit_version():
    h = hashlib.sha256()
    for pat in KIT_FILES:
        for p in sorted(glob.glob(os.path.join(ROOT, pat))):
            h.update(p.encode())
            with open(p, "rb") as f:
                h.update(f.read())
    return h.hexdigest()[:16]


def tests_hash(ch):
    parts = []
    shared = sorted(glob.glob(os.path.join(ch.exercise_dir, "*.h")) +
                    glob.glob(os.path.join(os.path.dirname(ch.hidden_tests), "*.h")) +
                    glob.glob(os.path.join(ROOT, "tools", "harness", "*.[ch]")))
    for p in [ch.header, ch.public_tests, ch.hidden_tests,
              os.path.join(ROOT, "include", "kit.h")] + shared:
        if os.path.exists(p):
            with open(p, "rb") as f:
                parts.append(f.read())
    return sha(*parts)


# -- reading submissions ------------------------------------------------------

def _safe_name(name):
    """A member path as a tuple of parts; Rejected when it could escape."""
    if "\\" in name or name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\0" in name:
        raise Rejected(f"member {name!r} has an absolute or odd path")
    parts = [p for p in name.split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        raise Rejected(f"member {name!r} points outside the folder (path traversal)")
    return tuple(parts)


class _Budget:
    def __init__(self):
        self.count = 0
        self.total = 0

    def add(self, name, size):
        self.count += 1
        if self.count > MAX_MEMBERS:
            raise Rejected(f"more than {MAX_MEMBERS} files")
        if size > MAX_FILE:
            raise Rejected(f"member {name!r} is {size} bytes (limit {MAX_FILE})")
        self.total += size
        if self.total > MAX_TOTAL:
            raise Rejected(f"more than {MAX_TOTAL >> 20} MiB in all")


def _read_limited(f, name):
    data = f.read(MAX_FILE + 1)
    if len(data) > MAX_FILE:
        raise Rejected(f"member {name!r} is larger than {MAX_FILE} bytes")
    return data


def _is_wanted(parts, wanted):
    return bool(parts) and parts[-1] in wanted


def read_submission(path, wanted):
    """{path-tuple: bytes} of the members whose name is in wanted (others are
    only checked). Raises Rejected."""
    budget = _Budget()
    files = {}
    if os.path.islink(path):
        raise Rejected("the submission is a symbolic link")
    if os.path.isdir(path):
        for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
            for name in sorted(dirnames + filenames):
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, path)
                st = os.lstat(full)
                if stat.S_ISLNK(st.st_mode):
                    raise Rejected(f"{rel!r} is a symbolic link")
                if stat.S_ISDIR(st.st_mode):
                    continue
                if not stat.S_ISREG(st.st_mode):
                    raise Rejected(f"{rel!r} is not a regular file")
                budget.add(rel, st.st_size)
                parts = _safe_name(rel)
                if _is_wanted(parts, wanted):
                    with open(full, "rb") as f:
                        files[parts] = _read_limited(f, rel)
        return files
    low = path.lower()
    if low.endswith(".zip"):
        try:
            z = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, OSError) as e:
            raise Rejected(f"not a readable zip archive ({e})")
        with z:
            for info in z.infolist():
                parts = _safe_name(info.filename)
                mode = info.external_attr >> 16
                if mode & 0o170000 and stat.S_ISLNK(mode):
                    raise Rejected(f"member {info.filename!r} is a symbolic link")
                if mode & 0o170000 and not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                    raise Rejected(f"member {info.filename!r} is not a regular file")
                if info.is_dir():
                    continue
                budget.add(info.filename, info.file_size)
                if _is_wanted(parts, wanted):
                    try:
                        with z.open(info) as f:
                            files[parts] = _read_limited(f, info.filename)
                    except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as e:
                        raise Rejected(f"member {info.filename!r} cannot be read ({e})")
        return files
    if low.endswith((".tar.gz", ".tgz", ".tar")):
        try:
            t = tarfile.open(path, "r:*")
        except (tarfile.TarError, OSError) as e:
            raise Rejected(f"not a readable tar archive ({e})")
        try:
            with t:
                for m in t:
                    parts = _safe_name(m.name)
                    if m.issym() or m.islnk():
                        raise Rejected(f"member {m.name!r} is a link (to {m.linkname!r})")
                    if m.isdir():
                        continue
                    if not m.isreg():
                        raise Rejected(f"member {m.name!r} is a device, fifo or other special file")
                    budget.add(m.name, m.size)
                    if _is_wanted(parts, wanted):
                        f = t.extractfile(m)
                        files[parts] = _read_limited(f, m.name)
        except (tarfile.TarError, EOFError, OSError, zlib_error()) as e:
            raise Rejected(f"the archive is damaged ({e})")
        return files
    raise Rejected("not a folder, .tar.gz, .tgz, .tar or .zip")


def zlib_error():
    import zlib
    return zlib.error


def locate(files, ch):
    """{file name: bytes} for the chapter, from the submission's members.
    A member under a folder named like the chapter wins; else a unique basename."""
    out, notes = {}, []
    for name in ch.student_files():
        cands = [p for p in files if p[-1] == name]
        best = [p for p in cands if len(p) >= 2 and p[-2] == ch.slug]
        pick = best or cands
        if not pick:
            continue
        pick = sorted(pick, key=lambda p: (len(p), p))
        if len(pick) > 1:
            notes.append(f"{ch.slug}: several {name}; used {'/'.join(pick[0])}")
        out[name] = files[pick[0]]
    return out, notes


def student_id(entry):
    name = os.path.basename(entry.rstrip("/"))
    for ext in ARCHIVE_EXT:
        if name.lower().endswith(ext):
            name = name[: -len(ext)]
            break
    return re.sub(r"[^A-Za-z0-9._-]", "_", name).strip("._") or "student"


# -- what must never leak into feedback ----------------------------------------

class Scrubber:
    """Lines of the hidden tests and of the reference solutions (those not also
    in public files): any feedback line containing one is blanked."""

    def __init__(self, chs):
        public = set()
        for ch in chs:
            for p in [ch.header, ch.public_tests] + [os.path.join(ch.exercise_dir, f)
                                                     for f in ch.student_files()]:
                public |= self._lines(p)
        secret = set()
        for ch in chs:
            secret |= self._lines(ch.hidden_tests)
            if os.path.isdir(ch.solution_dir):
                for f in os.listdir(ch.solution_dir):
                    secret |= self._lines(os.path.join(ch.solution_dir, f))
        self.secret = {s for s in secret - public if len(s) >= 16}

    @staticmethod
    def _lines(path):
        try:
            with open(path, errors="replace") as f:
                return {" ".join(l.split()) for l in f}
        except OSError:
            return set()

    def text(self, s):
        if not s or not self.secret:
            return s
        out = []
        for line in s.splitlines():
            norm = " ".join(line.split())
            if len(norm) >= 16 and any(sec in norm for sec in self.secret if len(sec) <= len(norm)):
                out.append("[line withheld: it quotes the kit's hidden material]")
            else:
                out.append(line)
        return "\n".join(out)


# -- the source check (before compiling) ---------------------------------------

FORBIDDEN = re.compile(r"\b(asm|__asm__|__asm)\s*(volatile|__volatile__|goto|inline)?\s*\(|incbin")


def check_source(ch, src_dir, sandbox):
    """Preprocess the student's files (in the sandbox) and refuse any include
    outside the system and the kit's include/, and any inline assembly.
    Returns an error message or None."""
    allowed = ("/usr/", os.path.realpath(os.path.join(ROOT, "include")) + "/",
               os.path.realpath(os.path.join(ROOT, "tools", "harness")) + "/")
    out_dir = os.path.join(src_dir, ch.slug)
    if sandbox.level == "bwrap":
        # the compiler's sandbox shows it no solutions/ and no grader/: only inline
        # assembly (.incbin of a visible object) is left to refuse
        for f in ch.student_files():
            with open(os.path.join(src_dir, ch.slug, f), "rb") as fh:
                if FORBIDDEN.search(fh.read().decode("utf-8", "replace")):
                    return f"{ch.slug}/{f} uses inline assembly: not allowed in this course."
        return None
    for f in ch.student_files():
        src = os.path.join(src_dir, ch.slug, f)
        with open(src, "rb") as fh:
            raw = fh.read().decode("utf-8", "replace")
        cmd = build.cc() + ["-std=c11", "-E"] + build._includes() + [src]
        import subprocess
        r = subprocess.run(sandbox.wrap_compile(cmd, out_dir, [os.path.join(ROOT, "include"),
                                                               os.path.join(ROOT, "tools", "harness")]),
                           capture_output=True, text=True, errors="replace", cwd=out_dir)
        if r.returncode != 0:
            return None   # the compiler will say why, in the build step
        current = src
        for line in r.stdout.splitlines():
            m = re.match(r'^# \d+ "(.*)"', line)
            if m:
                current = m.group(1)
                if current.startswith("<"):
                    continue
                current = os.path.realpath(os.path.join(out_dir, current))
                if current == os.path.realpath(src) or current.startswith(allowed):
                    continue
                return (f"{ch.slug}/{f} includes {current}: only the chapter's header and "
                        "system headers may be included.")
            elif current == os.path.realpath(src) and FORBIDDEN.search(line):
                return f"{ch.slug}/{f} uses inline assembly: not allowed in this course."
        if FORBIDDEN.search(raw):
            return f"{ch.slug}/{f} uses inline assembly: not allowed in this course."
    return None


# -- grading ------------------------------------------------------------------

class Grader:
    def __init__(self, out, jobs, san, limits, level, only=None):
        self.out = out
        self.jobs = max(1, jobs)
        self.san = san
        self.limits = limits
        self.chs = [c for c in chapters.all_chapters()
                    if not only or any(chapters.find(o) == c for o in only)]
        self.level = level
        self.sandbox = sbx.Sandbox(level, limits, san, slots=self.jobs)
        self.version = kit_version()
        self.judges, self.tests, self.thash = {}, {}, {}
        self.skipped = []
        for ch in self.chs:
            if not all(os.path.exists(p) for p in (ch.header, ch.public_tests)) or not ch.student_files():
                self.skipped.append(f"{ch.slug}: incomplete (header, public tests or files missing)")
                continue
            try:
                jb = build.judge(ch, True)
            except Exception as e:  # noqa: BLE001 — a chapter being written: skip it, say so
                self.skipped.append(f"{ch.slug}: its tests do not build ({str(e).splitlines()[0]})")
                continue
            self.judges[ch.slug] = jb
            self.tests[ch.slug] = run.manifest(jb["judge"])
            self.thash[ch.slug] = tests_hash(ch)
        self.chs = [c for c in self.chs if c.slug in self.judges]
        if level != "bwrap" and self.sandbox.root:
            # no mount namespace hides them: make them unreadable to the test uids
            for d in ("solutions", "grader", "tests"):
                if os.path.isdir(os.path.join(ROOT, d)):
                    os.chmod(os.path.join(ROOT, d), 0o700)
        self.scrub = Scrubber(self.chs)
        self.cache = os.path.join(out, "cache")
        self.work = os.path.join(out, "work")
        for d in (self.cache, self.work, os.path.join(out, "students")):
            os.makedirs(d, exist_ok=True)
        os.chmod(self.work, 0o755)
        self.settings = f"san={int(san)} limits={limits}"
        self.klock = threading.Lock()
        self.keylocks = {}

    def wanted(self):
        return {f for ch in self.chs for f in ch.student_files()}

    # one (student, chapter)
    def unit_key(self, ch, files):
        return sha(self.version, self.thash[ch.slug], self.settings, ch.slug,
                   *[x for name in sorted(files) for x in (name, files[name])])

    def grade_unit(self, ch, files):
        tests = self.tests[ch.slug]
        if not files:
            return self._all(ch, "missing", "FAIL",
                             f"not submitted: {', '.join(ch.student_files())} not found in your submission")
        missing = [f for f in ch.student_files() if f not in files]
        if missing:
            return self._all(ch, "missing", "FAIL", f"not submitted: {missing[0]} not found")
        key = self.unit_key(ch, files)
        with self.klock:
            lock = self.keylocks.setdefault(key, threading.Lock())
        with lock:    # the same content twice at once: grade it once, the other reads the cache
            return self._grade_unit(ch, files, key)

    def _grade_unit(self, ch, files, key):
        tests = self.tests[ch.slug]
        cached = os.path.join(self.cache, key + ".json")
        try:
            with open(cached) as f:
                data = json.load(f)
            data["cached"] = True
            return data
        except (OSError, ValueError):
            pass
        wd = os.path.join(self.work, key[:24])
        shutil.rmtree(wd, ignore_errors=True)
        src_dir = os.path.join(wd, "src")
        os.makedirs(os.path.join(src_dir, ch.slug))
        for name, data in files.items():
            p = os.path.join(src_dir, ch.slug, name)
            with open(p, "wb") as f:
                f.write(data)
            os.chmod(p, 0o644)
        bdir = os.path.join(wd, "build")
        os.makedirs(os.path.join(bdir, "logs"))
        for d in (wd, src_dir, os.path.join(src_dir, ch.slug)):
            os.chmod(d, 0o755)
        # only the compiler's uid may write the build folder while it builds; then root
        # alone (a test's uid must never replace the subject it runs, nor another one)
        if self.sandbox.root:
            os.chown(bdir, sbx.UID_BASE, sbx.UID_BASE)
            os.chmod(bdir, 0o755)
        else:
            os.chmod(bdir, 0o700)
        jb = self.judges[ch.slug]
        ro = [os.path.join(ROOT, "include"), os.path.join(ROOT, "tools", "harness"), src_dir,
              jb["dir"], os.path.join(build.BUILD, "harness")]
        try:
            t_build = time.monotonic()
            problem = check_source(ch, src_dir, self.sandbox)
            if problem:
                raise build.BuildError(problem)
            sb = build.subject(ch, src_dir, "grade", jb, san=self.san, out_dir=bdir,
                               wrap=lambda cmd, d: self.sandbox.wrap_compile(cmd, d, ro))
            if self.sandbox.root:
                os.chown(bdir, 0, 0)
                for f in os.listdir(bdir):
                    if f != "logs":
                        os.chown(os.path.join(bdir, f), 0, 0)
            logs = os.path.join(bdir, "logs")
            t_run = time.monotonic()
            with self.sandbox.slot(logs):
                results = run.run_all(tests, jb["judge"], sb["subject"], logs,
                                      self.limits.cpu, 1, src_dir, self.sandbox)
            data = self._data(ch, "graded", results, None)
            data["build_seconds"] = round(t_run - t_build, 3)
            data["run_seconds"] = round(time.monotonic() - t_run, 3)
        except build.BuildError as e:
            msg = str(e).replace(wd + "/src/", "").replace(wd + "/", "")
            data = self._all(ch, "build error", "BUILD ERROR", msg.splitlines()[0] if msg else "")
            data["build_error"] = msg[:20000]
        data["key"] = key
        tmp = cached + ".tmp"
        with open(tmp, "w") as f:
            json.dump(data, f)
        os.replace(tmp, cached)
        if not os.environ.get("KIT_KEEP_WORK"):
            shutil.rmtree(wd, ignore_errors=True)
        return data

    def _all(self, ch, status, verdict, line):
        results = [run.Result(t, verdict, [line]) for t in self.tests[ch.slug]]
        return self._data(ch, status, results, None)

    def _data(self, ch, status, results, build_error):
        tests = []
        for r in results:
            t = r.test
            tests.append({"name": t.name, "kind": t.kind, "points": t.points, "functions": t.functions,
                          "section": t.section, "what": t.what, "verdict": r.verdict,
                          "lines": [self.scrub.text(l) for l in r.lines],
                          "output": self.scrub.text(_narrow(r.output)), "seconds": round(r.seconds, 3),
                          "score": t.points if r.verdict == "PASS" else 0})
        return {"chapter": ch.slug, "number": ch.number, "status": status, "build_error": build_error,
                "tests": tests, "points": sum(t["score"] for t in tests),
                "max_points": sum(t["points"] for t in tests)}

    def student_files(self, entry):
        """(files per chapter, notes, content hash) or raises Rejected."""
        members = read_submission(entry, self.wanted())
        per, notes = {}, []
        for ch in self.chs:
            per[ch.slug], n = locate(members, ch)
            notes += n
        content = sha(*[x for slug in sorted(per) for name in sorted(per[slug])
                        for x in (slug, name, per[slug][name])])
        return per, notes, content


def _narrow(text, width=300):
    return "\n".join(l if len(l) <= width else l[:width] + f" [… {len(l) - width} more characters]"
                     for l in (text or "").splitlines())


def _atomic_write(path, text):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


# -- outputs ------------------------------------------------------------------

def verdict_word(t):
    return t["verdict"]


def write_outputs(g, sdir, res):
    os.makedirs(sdir, exist_ok=True)
    _atomic_write(os.path.join(sdir, "feedback.md"), feedback_md(res))
    _atomic_write(os.path.join(sdir, "feedback.html"), feedback_html(res))
    _atomic_write(os.path.join(sdir, "results.json"), json.dumps(gradescope_json(res), indent=1))
    _atomic_write(os.path.join(sdir, "junit.xml"), junit(res))
    _atomic_write(os.path.join(sdir, "results.tap"), tap(res))
    _atomic_write(os.path.join(sdir, "result.json"), json.dumps(res, indent=1))


def _figures():
    """{function: [figure names]} from plots/*.gp (compare figures)."""
    figs = {}
    import glob
    for gp in glob.glob(os.path.join(ROOT, "plots", "*.gp")):
        head = {}
        with open(gp, errors="replace") as f:
            for line in f:
                m = re.match(r"#\s*(\w+):\s*(.*)", line)
                if not m:
                    break
                head[m.group(1)] = m.group(2).strip()
        if head.get("mode") == "compare":
            for fn in head.get("functions", "").split(","):
                figs.setdefault(fn.strip(), []).append(os.path.basename(gp)[:-3])
    return figs


def feedback_md(res):
    figs = _figures()
    L = [f"# Feedback for {res['student']}", ""]
    L.append(f"**Score: {res['total']}/{res['max_total']}** · status: {res['status']}"
             f" · graded by kit {res['kit_version']}, sandbox {res['sandbox']}")
    if res.get("error"):
        L += ["", f"**Your submission could not be graded:** {res['error']}"]
    for note in res.get("notes", []):
        L.append(f"- note: {note}")
    for ch in res["chapters"]:
        L += ["", f"## Chapter {ch['number']} · {ch['chapter']} — {ch['points']}/{ch['max_points']} "
                  f"({ch['status']})", ""]
        if ch.get("build_error"):
            L += ["Your code does not compile, so no test could run:", "", "```"]
            L += ch["build_error"].splitlines()[:40] + ["```", ""]
        L += ["| verdict | test | points | functions | checks |", "|---|---|---|---|---|"]
        for t in ch["tests"]:
            hid = " (hidden)" if t["kind"] == "hidden" else ""
            L.append(f"| {t['verdict']} | {t['name']}{hid} | {t['score']}/{t['points']} | "
                     f"{', '.join(t['functions'])} | {t['what']} ({t['section']}) |".replace("\n", " "))
        for t in ch["tests"]:
            if t["verdict"] == "PASS" or ch["status"] == "missing":
                continue
            L += ["", f"### {t['name']} — {t['verdict']}", ""]
            L += [f"    {l}" for l in t["lines"]]
            if t["output"].strip():
                L += ["", "Your code printed:", "", "```"] + t["output"].splitlines() + ["```"]
            L.append(f"\nRead {t['section']}; rerun: `make check CHAPTER={ch['number']} TEST={t['name']}`"
                     if t["kind"] == "public" else f"\nRead {t['section']}.")
            for fn in t["functions"]:
                for fig in figs.get(fn, []):
                    L.append(f"\nPlot (yours vs reference): `build/plots/exercises/{fig}.png` "
                             f"(`make plots CHAPTER={ch['number']} SRC=exercises`)")
    if ch_missing := [c["chapter"] for c in res["chapters"] if c["status"] == "missing"]:
        L += ["", "Chapters not in your submission: " + ", ".join(ch_missing)]
    return "\n".join(L) + "\n"


def feedback_html(res):
    e = html.escape
    css = ("body{font-family:sans-serif;max-width:60em;margin:2em auto}td,th{padding:2px 8px;"
           "border-bottom:1px solid #ddd;text-align:left}.PASS{color:#070}.v{font-weight:bold;"
           "color:#a00}pre{background:#f4f4f4;padding:6px;white-space:pre-wrap}")
    H = [f"<!doctype html><html><head><meta charset='utf-8'><title>Feedback {e(res['student'])}"
         f"</title><style>{css}</style></head><body>",
         f"<h1>Feedback for {e(res['student'])}</h1>",
         f"<p><b>Score: {res['total']}/{res['max_total']}</b> · status: {e(res['status'])} · kit "
         f"{e(res['kit_version'])} · sandbox {e(res['sandbox'])}</p>"]
    if res.get("error"):
        H.append(f"<p><b>Your submission could not be graded:</b> {e(res['error'])}</p>")
    for ch in res["chapters"]:
        H.append(f"<h2>Chapter {ch['number']} · {e(ch['chapter'])} — {ch['points']}/{ch['max_points']}"
                 f" ({e(ch['status'])})</h2>")
        if ch.get("build_error"):
            H.append("<p>Your code does not compile:</p><pre>" +
                     e("\n".join(ch["build_error"].splitlines()[:40])) + "</pre>")
        H.append("<table><tr><th>verdict</th><th>test</th><th>points</th><th>explanation</th></tr>")
        for t in ch["tests"]:
            cls = "PASS" if t["verdict"] == "PASS" else "v"
            expl = "" if t["verdict"] == "PASS" else "<br>".join(e(l) for l in t["lines"])
            if t["output"].strip() and t["verdict"] != "PASS":
                expl += "<pre>" + e(t["output"]) + "</pre>"
            H.append(f"<tr><td class='{cls}'>{e(t['verdict'])}</td><td>{e(t['name'])}"
                     f"{' (hidden)' if t['kind'] == 'hidden' else ''}<br><small>{e(t['what'])} · "
                     f"{e(t['section'])}</small></td><td>{t['score']}/{t['points']}</td><td>{expl}</td></tr>")
        H.append("</table>")
    H.append("</body></html>")
    return "\n".join(H) + "\n"


def gradescope_json(res):
    tests = []
    for ch in res["chapters"]:
        for i, t in enumerate(ch["tests"], 1):
            out = [t["verdict"]] + t["lines"]
            if t["output"].strip():
                out += ["your code printed:", t["output"]]
            tests.append({"score": t["score"], "max_score": t["points"],
                          "status": "passed" if t["verdict"] == "PASS" else "failed",
                          "name": f"Chapter {ch['number']}: {t['name']}" +
                                  (" (hidden)" if t["kind"] == "hidden" else ""),
                          "name_format": "text",
                          "number": f"{ch['number']}.{i}",
                          "output": "\n".join(out), "output_format": "text",
                          "tags": [ch["chapter"], t["kind"]] + t["functions"],
                          "visibility": "after_published" if t["kind"] == "hidden" else "visible",
                          "extra_data": {"verdict": t["verdict"], "section": t["section"]}})
    summary = f"Score {res['total']}/{res['max_total']} ({res['status']})."
    if res.get("error"):
        summary += f"\n{res['error']}"
    return {"score": res["total"], "execution_time": round(res.get("seconds", 0.0), 2),
            "output": summary, "output_format": "text", "test_output_format": "text",
            "test_name_format": "text", "visibility": "visible", "stdout_visibility": "hidden",
            "extra_data": {"sandbox": res["sandbox"], "kit_version": res["kit_version"],
                           "status": res["status"]},
            "tests": tests}


def junit(res):
    from xml.sax.saxutils import escape, quoteattr
    X = ['<?xml version="1.0" encoding="UTF-8"?>',
         f'<testsuites name={quoteattr(res["student"])} tests="{sum(len(c["tests"]) for c in res["chapters"])}">']
    for ch in res["chapters"]:
        fails = sum(t["verdict"] != "PASS" for t in ch["tests"])
        X.append(f'  <testsuite name={quoteattr(ch["chapter"])} tests="{len(ch["tests"])}" '
                 f'failures="{fails}" errors="0">')
        for t in ch["tests"]:
            X.append(f'    <testcase classname={quoteattr(ch["chapter"])} name={quoteattr(t["name"])} '
                     f'time="{t["seconds"]}">')
            if t["verdict"] != "PASS":
                X.append(f'      <failure message={quoteattr(t["verdict"])} type={quoteattr(t["verdict"])}>'
                         f'{escape(_xml_ok(chr(10).join(t["lines"])))}</failure>')
            X.append("    </testcase>")
        X.append("  </testsuite>")
    X.append("</testsuites>")
    return "\n".join(X) + "\n"


def _xml_ok(s):
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "?", s)


def tap(res):
    T = ["TAP version 13"]
    n = sum(len(c["tests"]) for c in res["chapters"])
    T.append(f"1..{n}")
    i = 0
    for ch in res["chapters"]:
        for t in ch["tests"]:
            i += 1
            ok = "ok" if t["verdict"] == "PASS" else "not ok"
            T.append(f"{ok} {i} - {ch['chapter']}/{t['name']}")
            if t["verdict"] != "PASS":
                T.append("  ---")
                T.append(f"  verdict: {json.dumps(t['verdict'])}")
                T.append(f"  message: {json.dumps(' / '.join(t['lines']))}")
                T.append("  ...")
    return "\n".join(T) + "\n"


# -- the batch ----------------------------------------------------------------

def entries_of(folder):
    out = []
    for name in sorted(os.listdir(folder)):
        if name.startswith("."):
            continue
        out.append(os.path.join(folder, name))
    return out


class Progress:
    def __init__(self, total, stream=sys.stderr):
        self.total, self.done, self.start = total, 0, time.monotonic()
        self.tty = stream.isatty()
        self.stream = stream
        self.lock = threading.Lock()

    def step(self, label):
        with self.lock:
            self.done += 1
            el = time.monotonic() - self.start
            eta = el / self.done * (self.total - self.done)
            if self.tty:
                w = 30
                fill = int(w * self.done / max(1, self.total))
                self.stream.write(f"\r[{'#' * fill}{'.' * (w - fill)}] {self.done}/{self.total} "
                                  f"{el:5.1f} s · ETA {eta:5.1f} s  ")
                if self.done == self.total:
                    self.stream.write("\n")
            else:
                self.stream.write(f"[{self.done}/{self.total}] {label} ({el:.1f} s, ETA {eta:.0f} s)\n")
            self.stream.flush()


def grade_all(folder, out, jobs=2, san=True, limits=None, level=None, quiet=False, only=None):
    """Grade every entry of folder. Returns the list of student results."""
    limits = limits or sbx.Limits()
    level = level or sbx.detect()
    os.makedirs(out, exist_ok=True)
    g = Grader(out, jobs, san, limits, level, only)
    entries = entries_of(folder)
    ids, seen = {}, set()
    for e in entries:
        sid = student_id(e)
        base, k = sid, 2
        while sid in seen:
            sid, k = f"{base}-{k}", k + 1
        seen.add(sid)
        ids[e] = sid
    desc = sbx.describe(level, san)
    for why in g.skipped:
        print(f"grade: chapter skipped — {why}", file=sys.stderr)
    prog = Progress(len(entries), open(os.devnull, "w") if quiet else sys.stderr)
    results = {}
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=g.jobs)
    lock = threading.Lock()

    def finish(e, res):
        sdir = os.path.join(out, "students", ids[e])
        try:
            write_outputs(g, sdir, res)
        except Exception as ex:   # noqa: BLE001 — the row must survive
            res["status"] = "error"
            res["error"] = f"writing the feedback failed: {ex}"
        with lock:
            results[e] = res
        prog.step(f"{ids[e]}: {res['total']}/{res['max_total']} {res['status']}")

    def base(e):
        return {"student": ids[e], "entry": os.path.basename(e), "status": "graded", "error": None,
                "notes": [], "chapters": [], "total": 0,
                "max_total": sum(t.points for ch in g.chs for t in g.tests[ch.slug]),
                "sandbox": level, "sandbox_detail": desc, "kit_version": g.version, "key": None,
                "cached": False, "seconds": 0.0}

    def zero_chapters(res, why):
        res["chapters"] = [g._all(ch, "not graded", "FAIL", why) for ch in g.chs]

    def collect(e):
        res, futs, t0 = pending[e]
        chs = []
        for ch, f in zip(g.chs, futs):
            try:
                chs.append(f.result())
            except Exception as ex:  # noqa: BLE001 — a kit bug: zero, and say so
                d = g._all(ch, "error", "FAIL", f"grading error (not your fault; tell your instructor): {ex!r}")
                chs.append(d)
                res["status"] = "error"
        res["chapters"] = chs
        res["total"] = sum(c["points"] for c in chs)
        res["seconds"] = time.monotonic() - t0
        finish(e, res)

    pending = {}
    for e in entries:
        res = base(e)
        t0 = time.monotonic()
        try:
            per, notes, content = g.student_files(e)
        except Rejected as ex:
            res["status"], res["error"] = "rejected", f"submission rejected: {ex}"
            zero_chapters(res, res["error"])
            finish(e, res)
            continue
        except Exception as ex:  # noqa: BLE001
            res["status"], res["error"] = "error", f"reading the submission failed: {ex!r}"
            zero_chapters(res, res["error"])
            finish(e, res)
            continue
        res["notes"] = notes
        res["key"] = sha(content, g.version, g.settings, *[g.thash[c.slug] for c in g.chs])
        old = os.path.join(out, "students", ids[e], "result.json")
        try:
            with open(old) as f:
                prev = json.load(f)
            if prev.get("key") == res["key"] and all(os.path.exists(os.path.join(out, "students", ids[e], n))
                                                     for n in ("feedback.md", "feedback.html", "results.json",
                                                               "junit.xml", "results.tap")):
                prev["cached"] = True
                with lock:
                    results[e] = prev
                prog.step(f"{ids[e]}: unchanged since the last grading")
                continue
        except (OSError, ValueError):
            pass
        if not any(per.values()):
            res["status"] = "empty"
            res["error"] = ("no exercise file found in the submission (expected e.g. "
                            + ", ".join(f"exercises/{c.slug}/{c.student_files()[0]}" for c in g.chs[:2]) + ")")
        futs = [pool.submit(g.grade_unit, ch, per[ch.slug]) for ch in g.chs]
        pending[e] = (res, futs, t0)
        n_left = [len(futs)]

        def done_cb(_f, e=e, n_left=n_left):
            with lock:
                n_left[0] -= 1
                last = n_left[0] == 0
            if last:
                collect(e)
        for f in futs:
            f.add_done_callback(done_cb)

    pool.shutdown(wait=True)
    # every entry has a result (a last guard: nothing lost)
    for e in entries:
        if e not in results:
            res = base(e)
            res["status"], res["error"] = "error", "not graded (internal error)"
            zero_chapters(res, res["error"])
            finish(e, res)
    ordered = [results[e] for e in entries]
    write_gradebook(out, g, ordered)
    with open(os.path.join(out, "grading.json"), "w") as f:
        json.dump({"sandbox": level, "sandbox_detail": desc, "kit_version": g.version,
                   "san": san, "limits": vars(limits), "entries": len(entries),
                   "chapters": [c.slug for c in g.chs], "skipped": g.skipped}, f, indent=1)
    return ordered


def write_gradebook(out, g, results):
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["student", "entry", "status"] + [c.slug for c in g.chs] +
               ["total", "max_total", "sandbox", "kit_version", "message"])
    for r in results:
        pts = {c["chapter"]: c["points"] for c in r["chapters"]}
        w.writerow([r["student"], r["entry"], r["status"]] + [pts.get(c.slug, 0) for c in g.chs] +
                   [r["total"], r["max_total"], r["sandbox"], r["kit_version"], r.get("error") or ""])
    _atomic_write(os.path.join(out, "gradebook.csv"), buf.getvalue())


def main(argv=None):
    ap = argparse.ArgumentParser(prog="grade")
    ap.add_argument("submissions")
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "grades"))
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--san", type=int, default=1)
    ap.add_argument("--cpu", type=int, default=1, help="CPU seconds per test")
    ap.add_argument("--wall", type=float, default=5.0, help="wall seconds per test")
    ap.add_argument("--mem", type=int, default=512, help="MiB per test")
    ap.add_argument("--sandbox", default="", help="force a weaker level: unshare|rlimits")
    ap.add_argument("--chapters", default="", help="only these chapters: 3,5 (default: all)")
    a = ap.parse_args(argv)
    if not os.path.isdir(a.submissions):
        print(f"grade: {a.submissions} is not a folder (one entry per student inside)")
        return 2
    lim = sbx.Limits(cpu=a.cpu, wall=a.wall, mem_mb=a.mem)
    level = sbx.detect(a.sandbox or None)
    print(f"Grading {a.submissions} · sandbox {sbx.describe(level, bool(a.san))}")
    t0 = time.monotonic()
    only = [c for c in a.chapters.replace(" ", ",").split(",") if c]
    res = grade_all(a.submissions, a.out, a.jobs, bool(a.san), lim, level, only=only)
    el = time.monotonic() - t0
    by = {}
    for r in res:
        by[r["status"]] = by.get(r["status"], 0) + 1
    print(f"{len(res)} submissions in {el:.1f} s ({', '.join(f'{v} {k}' for k, v in sorted(by.items()))})")
    show = lambda p: os.path.relpath(p) if os.path.abspath(p).startswith(os.getcwd() + os.sep) else os.path.abspath(p)
    print(f"Gradebook: {show(os.path.join(a.out, 'gradebook.csv'))} · feedback: "
          f"{show(os.path.join(a.out, 'students'))}/<student>/feedback.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
