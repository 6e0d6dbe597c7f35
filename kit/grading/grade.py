"""make grade — batch grading of student submissions (instructors).

    python3 -m kit grade SUBMISSIONS [--out build/grades] [-j N]

The stages, one module each:
  submissions.py  read each entry (folder, archive, bare .c): only the chapter
                  files are taken; what is refused is refused with the reason
  stage.py        a staged copy of the public kit for the sandbox, under /tmp
  (this file)     the pre-flight, then every (student, chapter): build and run
                  in the sandbox (sandbox.py, run.py), judged by the judge
                  (no student code), cached by content (resume)
  exports.py      feedback, results.json, JUnit, TAP, gradebook.csv

The pre-flight comes first: in the same sandbox, the reference solution of
every chapter must get full marks and the stub zero, and the sandbox's uid
must not be able to read the kit's hidden tests or solutions. If not,
grading stops (exit 3) with one line naming the cause, and writes no student
row and no cache entry: a fault of the kit is never a student's zero.

Outputs (GRADES, default build/grades/):
  gradebook.csv                       one row per entry, always
  students/<id>/feedback.md|.html     every test: verdict, message, hint
  students/<id>/results.json          Gradescope format
  students/<id>/junit.xml, results.tap
  students/<id>/result.json           the raw result (resume key inside)
"""
import argparse
import concurrent.futures
import glob
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time

from kit.core import build, chapters, leaks, manifest, run
from kit.core.files import digest
from kit.core.chapters import ROOT
from kit.grading import classreport, sandbox as sbx
from kit.grading.exports import _atomic_write, write_gradebook, write_outputs
from kit.grading.stage import Stage
from kit.grading.submissions import Rejected, entries_of, locate, read_submission, student_id




KEEP_WORK = False      # keep each unit's work folder (--keep-work, make grade KEEP_WORK=1)
EXPOSED = False        # grade although the sandbox's uid can read the secrets (--exposed)


class PreflightError(Exception):
    """The kit cannot grade here: the reference or the stub is not graded as it must be."""


def sha(*parts):
    h = hashlib.sha256()
    for p in parts:
        h.update(p if isinstance(p, bytes) else str(p).encode())
        h.update(b"\0")
    return h.hexdigest()


def kit_version():
    """The grading code's hash (kit/core/manifest.py: GRADING_CODE), part of every cache key."""
    return digest(files=[os.path.join(ROOT, p) for p in manifest.files(manifest.GRADING_CODE)])[:16]


def tests_hash(ch):
    """The chapter's tests, header and harness (kit/core/files.py's one content hash)."""
    shared = glob.glob(os.path.join(ch.exercise_dir, "*.h")) + \
        glob.glob(os.path.join(os.path.dirname(ch.hidden_tests), "*.h")) + \
        glob.glob(os.path.join(ROOT, "tools", "harness", "*.[ch]"))
    return digest(files=[ch.header, ch.public_tests, ch.hidden_tests,
                         os.path.join(ROOT, "include", "kit.h")] + shared)


# -- reading submissions ------------------------------------------------------

# -- what must never leak into feedback ----------------------------------------

class Scrubber:
    """Lines of the hidden tests and of the reference solutions (those not also
    in public files): any feedback line containing one is blanked."""

    K = 16      # every secret line has at least this many characters (leaks.secret_lines)

    def __init__(self, chs):
        self.secret = leaks.secret_lines(chs, min_len=self.K)
        # by their first K characters: a line is checked at each of its offsets with one
        # lookup, not against every secret (thousands, for every line of every test)
        self.by_start = {}
        for sec in self.secret:
            self.by_start.setdefault(sec[:self.K], []).append(sec)

    def quotes(self, norm):
        """True when the (white-space-folded) line holds a secret line."""
        for at in range(len(norm) - self.K + 1):
            for sec in self.by_start.get(norm[at:at + self.K], ()):
                if norm.startswith(sec, at):
                    return True
        return False

    def text(self, s):
        if not s or not self.secret:
            return s
        out = []
        for line in s.splitlines():
            norm = " ".join(line.split())
            if len(norm) >= self.K and self.quotes(norm):
                out.append("[line withheld: it quotes the kit's hidden material]")
            else:
                out.append(line)
        return "\n".join(out)


# -- the source check (before compiling) ---------------------------------------

FORBIDDEN = re.compile(r"\b(asm|__asm__|__asm)\s*(volatile|__volatile__|goto|inline)?\s*\(|incbin")


def check_source(ch, src_dir, sandbox, include_dirs):
    """Preprocess the student's files (in the sandbox) and refuse any include
    outside the system and the kit's (staged) headers, and any inline assembly.
    Returns an error message or None."""
    allowed = ("/usr/",) + tuple(os.path.realpath(d) + "/" for d in include_dirs)
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
        cmd = build.cc() + [build.WARN[0], "-E"] + ["-I" + d for d in include_dirs] + [src]
        r = sandbox.run_compile(cmd, out_dir, list(include_dirs), cwd=out_dir)
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


def check_includes(ch, src_dir, bdir, include_dirs):
    """After the compile: every file it read (its -MMD list; system headers are not
    listed) must be the student's own file or a kit header. An error or None."""
    allowed = tuple(os.path.realpath(d) + "/" for d in include_dirs)
    for f in ch.student_files():
        src = os.path.join(src_dir, ch.slug, f)
        got = sbx.tidy.read_capped(os.path.join(bdir, f[:-2] + ".o.d"), 1 << 20)
        if got is None:
            return f"{ch.slug}/{f}: the compiler left no list of the files it read (a kit fault?)"
        deps = got[0].decode("utf-8", "replace").replace("\\\n", " ").partition(":")[2].split()
        for d in deps:
            path = d if os.path.isabs(d) else os.path.join(os.path.dirname(src), d)
            real = os.path.realpath(path) if not path.startswith(("/dev/", "/proc/")) else path
            if real == os.path.realpath(src) or real.startswith(allowed):
                continue
            return (f"{ch.slug}/{f} includes {d}: only the chapter's header and system headers "
                    "may be included.")
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
        if not self.chs:
            raise PreflightError(f"no chapter matches GRADE_CHAPTERS={','.join(only or [])}")
        for ch in self.chs:
            if not all(os.path.exists(p) for p in (ch.header, ch.public_tests)) or not ch.student_files():
                raise PreflightError(f"chapter {ch.slug} is incomplete (its header, public tests or "
                                     "files are missing); grade the others with GRADE_CHAPTERS=…")
            if not os.path.isdir(ch.solution_dir) or not os.path.exists(ch.hidden_tests):
                raise PreflightError(f"chapter {ch.slug} has no reference solution or hidden tests "
                                     "here: make grade needs the instructor's kit, not a student release")
            try:
                jb = build.judge(ch, True)
            except Exception as e:  # noqa: BLE001 — the kit's own tests do not build
                raise PreflightError(f"the tests of {ch.slug} do not build ({str(e).splitlines()[-1]})")
            self.judges[ch.slug] = jb
            self.tests[ch.slug] = run.manifest(jb["judge"])
            self.thash[ch.slug] = tests_hash(ch)
        self.stage = Stage(self.judges)
        self.sandbox.runner_dir = self.stage.runner
        self.sandbox.private_base = os.path.join(self.stage.dir, "records")   # root's alone (0700)
        # what the unshare level covers in the sandbox: the kit (judge, hidden tests,
        # solutions) and GRADES (other students' results); the stage is elsewhere
        self.sandbox.hidden = sorted({os.path.realpath(ROOT), os.path.realpath(out)})
        self.scrub = Scrubber(self.chs)
        self.cache = os.path.join(out, "cache")
        self.work = self.stage.work
        for d in (self.cache, os.path.join(out, "students")):
            os.makedirs(d, exist_ok=True)
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

    def _grade_unit(self, ch, files, key, tag=""):
        """Grade one (student, chapter); tag (the pre-flight) grades without the cache."""
        tests = self.tests[ch.slug]
        cached = os.path.join(self.cache, key + ".json")
        if not tag:
            try:
                with open(cached) as f:
                    data = json.load(f)
                data["cached"] = True
                return data
            except (OSError, ValueError):
                pass
        wd = os.path.join(self.work, key[:24] + ("-" + tag if tag else ""))
        sbx.tidy.remove_tree(wd)
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
        jb = self.stage.judge[ch.slug]
        incs = self.stage.include_dirs
        ro = incs + [src_dir, jb["objects_dir"]]
        try:
            t_build = time.monotonic()
            problem = check_source(ch, src_dir, self.sandbox, incs)
            if problem:
                raise build.BuildError(problem)
            sb = build.subject(ch, src_dir, "grade", jb, san=self.san, out_dir=bdir,
                               runner=lambda cmd, d: self.sandbox.run_compile(cmd, d, ro, cwd=build.ROOT),
                               includes=incs)
            problem = check_includes(ch, src_dir, bdir, incs)
            if problem:
                raise build.BuildError(problem)
            if self.sandbox.root:
                os.chown(bdir, 0, 0)
                for f in os.listdir(bdir):
                    if f != "logs":
                        os.chown(os.path.join(bdir, f), 0, 0)
            logs = os.path.join(bdir, "logs")
            t_run = time.monotonic()
            with self.sandbox.slot(logs):
                results = run.run_all(tests, jb["judge"], sb["subject"], logs,
                                      self.limits.cpu, 1, src_dir, self.sandbox,
                                      batch=sb.get("batchable", False))
            data = self._data(ch, "graded", results, None)
            data["build_seconds"] = round(t_run - t_build, 3)
            data["run_seconds"] = round(time.monotonic() - t_run, 3)
        except build.BuildError as e:
            msg = str(e).replace(wd + "/src/", "").replace(wd + "/", "")
            data = self._all(ch, "build error", "BUILD ERROR", msg.splitlines()[0] if msg else "")
            data["build_error"] = msg[:20000]
        data["key"] = key
        if not tag:
            _atomic_write(cached, json.dumps(data))
        if not KEEP_WORK:
            sbx.tidy.remove_tree(wd)
        return data

    def _all(self, ch, status, verdict, line):
        results = [run.Result(t, verdict, [line]) for t in self.tests[ch.slug]]
        return self._data(ch, status, results, None)

    def _data(self, ch, status, results, build_error):
        tests = []
        for r in results:
            t = r.test
            tests.append({"name": t.name, "kind": t.kind, "points": t.points, "functions": t.functions,
                          "section": t.section, "what": t.what, **r.record(),
                          "lines": [self.scrub.text(l) for l in r.lines],
                          "hints": {k: self.scrub.text(v) for k, v in r.hints.items()},
                          "output": self.scrub.text(_narrow(r.output)), "seconds": round(r.seconds, 3),
                          "score": t.points if r.verdict == "PASS" else 0})
        return {"chapter": ch.slug, "number": ch.number, "status": status, "build_error": build_error,
                "tests": tests, "points": sum(t["score"] for t in tests),
                "max_points": sum(t["points"] for t in tests)}

    def student_files(self, entry):
        """(files per chapter, notes, content hash) or raises Rejected."""
        single = None
        if len(self.chs) == 1 and len(self.chs[0].student_files()) == 1:
            single = self.chs[0].student_files()[0]
        notes = []
        members = read_submission(entry, self.wanted(), single, notes)
        per = {}
        for ch in self.chs:
            per[ch.slug], n = locate(members, ch)
            notes += n
        content = sha(*[x for slug in sorted(per) for name in sorted(per[slug])
                        for x in (slug, name, per[slug][name])])
        return per, notes, content


    # -- the pre-flight ------------------------------------------------------
    def probe_secrets(self):
        """Paths of the kit's secrets that the sandbox's uid can read (should be none)."""
        secrets = []
        for ch in self.chs:
            secrets.append(ch.hidden_tests)
            secrets += sorted(glob.glob(os.path.join(ch.solution_dir, "*")))[:1]
            secrets.append(self.judges[ch.slug]["judge"])
        secrets.append(os.path.join(self.out, "gradebook.csv"))
        probe = os.path.join(self.work, "probe")
        os.makedirs(probe, exist_ok=True)
        script = 'for f; do [ -r "$f" ] && printf "%s\\n" "$f"; done; exit 0'
        argv = ["/bin/sh", "-c", script, "probe"] + [p for p in secrets if os.path.exists(p)]
        uid = self.sandbox.uids.get()
        try:
            kw = {"user": uid, "group": uid, "extra_groups": []} if uid is not None else {}
            r = subprocess.run(self.sandbox.wrap_probe(argv, probe), capture_output=True, text=True,
                               timeout=60, cwd=probe, **kw)
        finally:
            self.sandbox.uids.put(uid)
        if r.returncode != 0:
            raise PreflightError(f"the sandbox ({self.level}) does not start here: "
                                 f"{(r.stderr.strip().splitlines() or ['exit ' + str(r.returncode)])[-1]}")
        return [l for l in r.stdout.splitlines() if l.strip()]

    def preflight(self, allow_exposed=False):
        """Grade the reference and the stub of every chapter in the same sandbox.
        Returns one line for the log; raises PreflightError with the cause."""
        t0 = time.monotonic()
        exposed = self.probe_secrets()
        if exposed and not allow_exposed:
            raise PreflightError(
                f"the sandbox user can read {exposed[0]} (level {self.level}: nothing hides the kit's "
                "files here); make the kit's folder private (chmod 700 on it or on a parent), or "
                "install bubblewrap; KIT_GRADE_EXPOSED=1 grades anyway")
        jobs = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=self.jobs) as pool:
            for ch in self.chs:
                for kind, tree in (("reference", ch.solution_dir), ("stub", ch.exercise_dir)):
                    files = {}
                    for name in ch.student_files():
                        with open(os.path.join(tree, name), "rb") as f:
                            files[name] = f.read()
                    key = sha("preflight", kind, self.unit_key(ch, files))
                    jobs.append((ch, kind, pool.submit(self._grade_unit, ch, files, key, "pf-" + kind)))
        got = {"reference": 0, "stub": 0}
        full = 0
        for ch, kind, fut in jobs:
            try:
                d = fut.result()
            except Exception as e:  # noqa: BLE001
                raise PreflightError(f"grading the {kind} of {ch.slug} failed: {e!r}")
            got[kind] += d["points"]
            if kind == "reference":
                full += d["max_points"]
            want = d["max_points"] if kind == "reference" else 0
            if d["points"] != want:
                bad = [t for t in d["tests"] if (t["verdict"] == "PASS") == (kind == "stub")]
                why = ""
                if bad:
                    t = bad[0]
                    why = f"; {t['name']}: {t['verdict']}" + (f" — {t['lines'][0]}" if t["lines"] else "")
                if d.get("build_error"):
                    why = "; " + d["build_error"].strip().splitlines()[0]
                raise PreflightError(f"the {kind} of {ch.slug} got {d['points']}/{d['max_points']} in "
                                     f"this sandbox ({self.level}), not {want}{why}")
        weaker = ""
        if self.level != "bwrap":
            weaker = (f"; WEAKER SANDBOX: {self.level}, not bwrap, because "
                      f"{sbx.why_weaker() or 'bwrap was not asked for'}"
                      + ("; the rest of the file system visible, one exec per test"
                         if self.level == "unshare" else
                         "; no namespace at all: the file system visible to the test's uid, "
                         "one exec per test"))
        return (f"pre-flight ok: sandbox {self.level}; reference {got['reference']}/{full}, stub "
                f"{got['stub']}/{full} in {len(self.chs)} chapter(s)" + weaker
                + (f"; WARNING: the sandbox user can read {exposed[0]}" if exposed else "")
                + f" ({time.monotonic() - t0:.1f} s)")


def _narrow(text, width=300):
    return "\n".join(l if len(l) <= width else l[:width] + f" [… {len(l) - width} more characters]"
                     for l in (text or "").splitlines())


# -- the batch ----------------------------------------------------------------

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


def grade_all(folder, out, jobs=2, san=True, limits=None, level=None, quiet=False, only=None,
              shard=None):
    """Grade every entry of folder. Returns the list of student results."""
    limits = limits or sbx.Limits()
    level = level or sbx.detect()
    out = os.path.abspath(out)
    folder = os.path.abspath(folder)
    os.makedirs(out, exist_ok=True)
    g = Grader(out, jobs, san, limits, level, only)
    try:
        line = g.preflight(allow_exposed=EXPOSED)
        if not quiet:
            print("grade: " + line, file=sys.stderr)
        return _grade_all(g, folder, out, san, level, quiet, line, shard)
    finally:
        g.stage.close()


def student_ids(entries):
    """{entry: student id}, unique over the whole folder (a shard computes the same)."""
    ids, seen = {}, set()
    for e in entries:
        sid = student_id(e)
        base, k = sid, 2
        while sid in seen:
            sid, k = f"{base}-{k}", k + 1
        seen.add(sid)
        ids[e] = sid
    return ids


def shard_of(entries, shard):
    """The entries of shard (k, n): every n-th entry of the sorted folder, from the k-th."""
    if not shard:
        return entries
    k, n = shard
    return [e for i, e in enumerate(entries) if i % n == k - 1]


def _grade_all(g, folder, out, san, level, quiet, preflight_line, shard=None):
    limits = g.limits
    all_entries = entries_of(folder)
    ids = student_ids(all_entries)
    entries = shard_of(all_entries, shard)
    desc = sbx.describe(level, san)
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
        classreport.save_taken(out, ids[e], per)   # GRADES/taken/<id>/: for the similarity
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
    classreport.write(out, ordered, g.chs, quiet)
    with open(os.path.join(out, "grading.json"), "w") as f:
        json.dump({"sandbox": level, "sandbox_detail": desc, "kit_version": g.version,
                   "san": san, "limits": vars(limits), "entries": len(entries),
                   "chapters": [c.slug for c in g.chs], "preflight": preflight_line,
                   "shard": f"{shard[0]}/{shard[1]}" if shard else None}, f, indent=1)
    return ordered


class _Columns:
    """What write_gradebook needs of a Grader: its chapters, in order."""
    def __init__(self, slugs):
        self.chs = [chapters.Chapter(s, int(s[:2])) for s in slugs]


def merge(folder, out, shard_dirs):
    """One GRADES from the GRADES of every shard: the students' folders copied, the
    gradebook written in the folder's order, as one run would. Returns an error or None."""
    entries = entries_of(folder)
    ids = student_ids(entries)
    metas, results, where = [], {}, {}
    for d in shard_dirs:
        try:
            with open(os.path.join(d, "grading.json")) as f:
                metas.append(json.load(f))
        except (OSError, ValueError) as e:
            return f"{d} is not the GRADES of a grading run ({e})"
    keys = {(m["kit_version"], tuple(m["chapters"]), m["sandbox"], m["san"]) for m in metas}
    if len(keys) != 1:
        return "the shards were graded by different kits, chapters, sandboxes or settings: " + \
            "; ".join(f"{d}: kit {m['kit_version']}, {m['sandbox']}" for d, m in zip(shard_dirs, metas))
    shards = sorted(m.get("shard") or "1/1" for m in metas)
    n = int(shards[0].split("/")[1])
    if shards != [f"{k}/{n}" for k in range(1, n + 1)]:
        return f"the shards are {', '.join(shards)}: every shard 1/{n} .. {n}/{n}, once each, is needed"
    for d in shard_dirs:
        for sdir in glob.glob(os.path.join(d, "students", "*")):
            sid = os.path.basename(sdir)
            try:
                with open(os.path.join(sdir, "result.json")) as f:
                    res = json.load(f)
            except (OSError, ValueError):
                continue
            if sid in results:
                return f"{sid} was graded by two shards ({where[sid]} and {d})"
            results[sid], where[sid] = res, d
    missing = [ids[e] for e in entries if ids[e] not in results]
    if missing:
        return f"no shard graded {', '.join(missing[:5])}" + (" …" if len(missing) > 5 else "")
    os.makedirs(os.path.join(out, "students"), exist_ok=True)
    for sid, d in where.items():
        dst = os.path.join(out, "students", sid)
        if os.path.abspath(dst) != os.path.abspath(os.path.join(d, "students", sid)):
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(os.path.join(d, "students", sid), dst)
    for sid, d in where.items():       # the files each shard took, for the similarity
        src, dst = classreport.taken(d, sid), classreport.taken(out, sid)
        if os.path.isdir(src) and os.path.abspath(src) != os.path.abspath(dst):
            shutil.rmtree(dst, ignore_errors=True)
            shutil.copytree(src, dst)
    ordered = [results[ids[e]] for e in entries]
    write_gradebook(out, _Columns(metas[0]["chapters"]), ordered)
    classreport.write(out, ordered, metas[0]["chapters"], quiet=True)
    meta = dict(metas[0], shard=None, entries=len(entries), merged_from=[os.path.abspath(d) for d in shard_dirs])
    _atomic_write(os.path.join(out, "grading.json"), json.dumps(meta, indent=1))
    return None


def main(argv=None):
    ap = argparse.ArgumentParser(prog="grade")
    ap.add_argument("submissions")
    ap.add_argument("--out", default=os.path.join(ROOT, "build", "grades"))
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--san", type=int, default=1)
    ap.add_argument("--cpu", type=int, default=1, help="CPU seconds per test")
    ap.add_argument("--wall", type=float, default=5.0, help="wall seconds per test")
    ap.add_argument("--mem", type=int, default=512, help="MiB per test")
    # the knobs (make variables; the KIT_* environment of PROTOCOL.md as the default, read here only)
    env = os.environ.get
    ap.add_argument("--sandbox", default=env("KIT_SANDBOX", ""), help="force a weaker level: unshare|rlimits")
    ap.add_argument("--server", type=int, choices=(0, 1), default=int(env("KIT_GRADE_SERVER", "1") != "0"),
                    help="0: one exec per test, not the fork server (GRADE_SERVER)")
    ap.add_argument("--batch", type=int, choices=(0, 1), default=int(env("KIT_GRADE_BATCH", "1") != "0"),
                    help="0: one child per test, even for a batchable object (GRADE_BATCH)")
    ap.add_argument("--keep-work", type=int, choices=(0, 1), default=int(bool(env("KIT_KEEP_WORK"))),
                    help="1: keep each unit's work folder (KEEP_WORK)")
    ap.add_argument("--exposed", type=int, choices=(0, 1), default=int(env("KIT_GRADE_EXPOSED") == "1"),
                    help="1: grade although the sandbox's uid can read the kit's secrets (GRADE_EXPOSED)")
    ap.add_argument("--sim", default=env("GRADE_SIM", ""),
                    help="the class report's similarity threshold in %%, 0: off (GRADE_SIM, default 60)")
    ap.add_argument("--chapters", default="", help="only these chapters: 3,5 (default: all)")
    ap.add_argument("--shard", default="", help="k/N: grade every N-th entry from the k-th")
    ap.add_argument("--merge", nargs="*", default=None, metavar="GRADES",
                    help="merge the GRADES of every shard into --out instead of grading")
    a = ap.parse_args(argv)
    global KEEP_WORK, EXPOSED
    sbx.FORK_SERVER, KEEP_WORK, EXPOSED, classreport.SIM = bool(a.server), bool(a.keep_work), bool(a.exposed), a.sim
    sbx.BATCH = bool(a.batch)
    # paths as the user typed them, relative to where make was run (the Makefile runs
    # this from the kit's root); everything below uses absolute paths
    a.submissions, a.out = os.path.abspath(a.submissions), os.path.abspath(a.out)
    if not os.path.isdir(a.submissions):
        print(f"grade: {a.submissions} is not a folder (one entry per student inside)")
        return 2
    if a.merge is not None:
        why = merge(a.submissions, a.out, [os.path.abspath(d) for d in a.merge])
        if why:
            print(f"grade: cannot merge: {why}", file=sys.stderr)
            return 2
        print(f"Merged {len(a.merge)} shard(s) into {os.path.join(a.out, 'gradebook.csv')}")
        return 0
    shard = None
    if a.shard:
        m = re.match(r"^(\d+)/(\d+)$", a.shard.strip())
        if not m or not 1 <= int(m.group(1)) <= int(m.group(2)):
            print(f"grade: SHARD={a.shard}: write k/N with 1 <= k <= N, e.g. SHARD=2/3")
            return 2
        shard = (int(m.group(1)), int(m.group(2)))
    lim = sbx.Limits(cpu=a.cpu, wall=a.wall, mem_mb=a.mem)
    level = sbx.detect(a.sandbox or None)
    print(f"Grading {a.submissions} · sandbox {sbx.describe(level, bool(a.san))}")
    t0 = time.monotonic()
    only = [c for c in a.chapters.replace(" ", ",").split(",") if c]
    try:
        res = grade_all(a.submissions, a.out, a.jobs, bool(a.san), lim, level, only=only, shard=shard)
    except PreflightError as e:
        print(f"grade: pre-flight failed, nothing graded (no student row, no cache entry): {e}",
              file=sys.stderr)
        return 3
    el = time.monotonic() - t0
    by = {}
    for r in res:
        by[r["status"]] = by.get(r["status"], 0) + 1
    print(f"{len(res)} submissions in {el:.1f} s ({', '.join(f'{v} {k}' for k, v in sorted(by.items()))})")
    show = lambda p: os.path.relpath(p) if os.path.abspath(p).startswith(os.getcwd() + os.sep) else os.path.abspath(p)
    print(f"Gradebook: {show(os.path.join(a.out, 'gradebook.csv'))} · feedback: "
          f"{show(os.path.join(a.out, 'students'))}/<student>/feedback.html")
    return 0


def entry(argv=None):
    """main(), with a fault of the kit as one line and exit code 4, never a traceback
    (KIT_TRACEBACK=1 shows it)."""
    try:
        return main(argv)
    except KeyboardInterrupt:
        print("grade: interrupted", file=sys.stderr)
        return 130
    except Exception as e:  # noqa: BLE001
        if os.environ.get("KIT_TRACEBACK"):
            raise
        where = e.__traceback__
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        at = f" (at {os.path.basename(where.tb_frame.f_code.co_filename)}:{where.tb_lineno})" if where else ""
        print(f"grade: internal error of the kit, not of a submission: {type(e).__name__}: {e}{at}; "
              "rerun with KIT_TRACEBACK=1 for the details", file=sys.stderr)
        return 4


if __name__ == "__main__":
    sys.exit(entry())
