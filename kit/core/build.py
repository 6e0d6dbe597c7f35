"""Compile and link a chapter's two programs, caching by content.

judge   = tests + judge proxies + harness          (never student code)
subject = tests + subject proxies + harness + the student's files
          (sanitizers on unless san=False)
"""
import functools
import glob
import os
import re
import shlex
import shutil
import subprocess

from kit.core import files, proxygen
from kit.core.chapters import ROOT

WARN = ["-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror"]   # also make bench/experiment (python3 -m kit flags)
SAN = ["-fsanitize=address,undefined", "-fno-sanitize-recover=undefined",
       "-fno-omit-frame-pointer"]
HARNESS = os.path.join(ROOT, "tools", "harness")
BUILD = os.path.join(ROOT, "build")
VERBOSE = os.environ.get("V", "0") not in ("", "0")


class BuildError(Exception):
    """The student's code does not build: message is the compiler's."""


def cc():
    return shlex.split(os.environ.get("CC") or "cc")


def link_flags():
    """The gold linker where it is installed (binutils): it links a sanitized subject
    in about 40 % of the default linker's CPU time, the same program."""
    now = ["-Wl,-z,now"]    # every symbol bound at start: a forked test (grading) binds none again
    if os.environ.get("KIT_LD", "gold") == "gold" and shutil.which("ld.gold"):
        return ["-fuse-ld=gold"] + now
    return now


@functools.lru_cache(maxsize=None)
def cmocka_flags():
    """pkg-config's answer, asked once a process (every compile and link reads it)."""
    try:
        out = subprocess.run(["pkg-config", "--cflags", "--libs", "cmocka"],
                             capture_output=True, text=True, check=True).stdout
        return tuple(out.split())
    except (OSError, subprocess.CalledProcessError):
        return ("-lcmocka",)


def _depfile_deps(out):
    """Headers the last compile of out read (from its -MMD file), or []."""
    try:
        text = open(out + ".d").read().replace("\\\n", " ")
    except OSError:
        return []
    return [os.path.join(ROOT, p) if not os.path.isabs(p) else p
            for p in text.partition(":")[2].split()]


def _digest(cmd, inputs, out):
    """Hash of the command and of everything it reads: its inputs, the shared
    headers and, for a compile, every header the last compile included."""
    deps = set(inputs) | set(glob.glob(os.path.join(ROOT, "include", "*.h"))) \
        | set(glob.glob(os.path.join(HARNESS, "*.h"))) | set(_depfile_deps(out))
    return files.digest([" ".join(cmd)], deps)


def _run(cmd, out, inputs, wrap=None, runner=None):
    """Run cmd to make out, unless out is up to date. Returns (ok, output).
    wrap(cmd) -> the command to run instead; runner(cmd) -> a CompletedProcess
    (text), run in its own way (the grading sandbox)."""
    if files.fresh(out, _digest(cmd, inputs, out)):
        return True, ""
    os.makedirs(os.path.dirname(out), exist_ok=True)
    if VERBOSE:
        print(" ".join(shlex.quote(c) for c in cmd))
    files.unstamp(out)
    run = cmd + (["-MMD", "-MF", out + ".d"] if "-c" in cmd else [])
    # stdin is /dev/null: `#include "/dev/stdin"` must never read the caller's input
    if runner is not None:
        r = runner(run)
    else:
        r = subprocess.run(wrap(run) if wrap else run, capture_output=True, text=True,
                           cwd=ROOT, errors="replace", stdin=subprocess.DEVNULL)
    if r.returncode != 0:
        if os.path.exists(out):
            os.remove(out)
        return False, (r.stdout + r.stderr)
    files.stamp(out, _digest(cmd, inputs, out))
    return True, r.stdout + r.stderr


def _trusted(cmd, out, inputs):
    ok, msg = _run(cmd, out, inputs)
    if not ok:
        raise RuntimeError(f"kit build failed (this is a bug in the kit, not in your code):\n{msg}")


def _includes():
    return ["-I" + os.path.join(ROOT, "include"), "-I" + HARNESS]


# Test files are compiled twice. The judge's copy has KIT_JUDGE: expected
# values, mistake models and value checks. The subject's copy (linked with the
# student's code) has none of them, so it holds no answer; its unused-variable
# warnings are off (what is unused there is used, and warned about, in the judge).
JUDGE_TESTS = ["-DKIT_JUDGE"]
SUBJECT_TESTS = ["-Wno-unused", "-Wno-unused-parameter"]


def _compile_trusted(src, out, extra=()):
    _trusted(cc() + WARN + list(extra) + ["-g", "-O1"] + _includes() + cmocka_cflags() +
             ["-c", src, "-o", out], out, [src])
    return out


def cmocka_cflags():
    return [f for f in cmocka_flags() if f.startswith("-I")]


def cmocka_libs():
    return [f for f in cmocka_flags() if not f.startswith("-I")]


def _write_if_changed(path, text):
    if not os.path.exists(path) or open(path).read() != text:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)


def judge(ch, hidden=True):
    """Build the chapter's judge and test objects; returns a dict of paths."""
    d = os.path.join(BUILD, "judge", ch.slug + ("" if hidden else "-public"))
    subject_c, judge_c, names = proxygen.generate(ch.header, ch.slug + ".h")
    _write_if_changed(os.path.join(d, "proxy_subject.c"), subject_c)
    _write_if_changed(os.path.join(d, "proxy_judge.c"), judge_c)
    hdir = os.path.join(BUILD, "harness")
    common = [_compile_trusted(os.path.join(HARNESS, f + ".c"), os.path.join(hdir, f + ".o"))
              for f in ("kit_buffers", "kit_check", "kit_diagnose", "kit_main")]
    tests = [ch.public_tests] + ([ch.hidden_tests] if hidden and os.path.exists(ch.hidden_tests) else [])
    objs = [_compile_trusted(t, os.path.join(d, os.path.basename(t)[:-2] + ".o"), JUDGE_TESTS)
            for t in tests]
    sobjs = [_compile_trusted(t, os.path.join(d, os.path.basename(t)[:-2] + ".subject.o"), SUBJECT_TESTS)
             for t in tests]
    if len(tests) == 1:
        empty = _compile_trusted(os.path.join(HARNESS, "no_hidden.c"), os.path.join(hdir, "no_hidden.o"))
        objs.append(empty)
        sobjs.append(empty)
    replay = _compile_trusted(os.path.join(HARNESS, "kit_replay.c"), os.path.join(hdir, "kit_replay.o"))
    record = _compile_trusted(os.path.join(HARNESS, "kit_record.c"), os.path.join(hdir, "kit_record.o"))
    nofork = _compile_trusted(os.path.join(HARNESS, "kit_nofork.c"), os.path.join(hdir, "kit_nofork.o"))
    quick = _compile_trusted(os.path.join(HARNESS, "kit_quick_end.c"), os.path.join(hdir, "kit_quick_end.o"))
    pj = _compile_trusted(os.path.join(d, "proxy_judge.c"), os.path.join(d, "proxy_judge.o"))
    ps = _compile_trusted(os.path.join(d, "proxy_subject.c"), os.path.join(d, "proxy_subject.o"))
    exe = os.path.join(d, "judge")
    link = objs + [pj, replay] + common
    _trusted(cc() + link + ["-o", exe] + cmocka_libs() + ["-lm"], exe, link)
    return {"dir": d, "judge": exe, "objects": sobjs + [ps, record, nofork] + common, "functions": names,
            "subject_tests": sobjs, "quick_end": quick}


def _tidy(msg):
    return msg.replace(ROOT + os.sep, "")


def subject(ch, src_dir, tag, jb, san=True, out_dir=None, wrap=None, includes=None, runner=None):
    """Build the subject for the student's files in src_dir/<slug>.
    Raises BuildError with the compiler's or linker's message.
    Grading: out_dir (instead of build/run/<tag>), wrap(cmd, out_dir) (the command to
    run instead) or runner(cmd, out_dir) (runs it: the sandbox), includes (the staged
    header folders, stage.py)."""
    sources = ch.sources_in(src_dir)
    want = ch.student_files()
    missing = [f for f in want if f not in [os.path.basename(s) for s in sources]]
    if missing:
        raise BuildError(f"missing file: {os.path.join(os.path.relpath(src_dir, ROOT), ch.slug, missing[0])}")
    d = out_dir or os.path.join(BUILD, "run", tag + ("" if san else "-nosan"), ch.slug)
    w = (lambda cmd: wrap(cmd, d)) if wrap else None
    rn = (lambda cmd: runner(cmd, d)) if runner else None
    flags = WARN + ["-g", "-O1"] + (SAN if san else []) + \
        (["-I" + d for d in includes] if includes else _includes())
    objs = []
    for src in sources:
        out = os.path.join(d, os.path.basename(src)[:-2] + ".o")
        ok, msg = _run(cc() + flags + ["-c", src, "-o", out], out, [src], w, rn)
        if not ok:
            raise BuildError(_tidy(msg).strip())
        objs.append(out)
    # grading (wrap: the sandbox) always reads the objects again; make check keeps a stamp
    refused = (object_check if wrap else _object_check_cached)(objs, jb["functions"], san,
                                                               str(ch.number))
    if refused:
        raise BuildError(refused)
    exe = os.path.join(d, "subject")
    wraps = ["-Wl," + ",".join("--wrap=" + n for n in jb["functions"])]
    link = objs + jb["objects"] + ([jb["quick_end"]] if "quick_end" in jb and quiet_at_exit(objs) else [])
    ok, msg = _run(cc() + (SAN if san else []) + link_flags() + link + wraps + ["-o", exe] +
                   cmocka_libs() + ["-lm"], exe, link, w, rn)
    if not ok:
        raise BuildError(explain_link(_tidy(msg).strip(), jb["functions"]))
    return {"dir": d, "subject": exe, "batchable": bool(wrap or runner) and batchable(objs)}


# The student's object may define only the chapter's contract functions (the
# functions of include/NN-slug.h) and static ones. Any other global symbol would
# reach into the process the grader trusts: a libc name (setrlimit, prctl, fork,
# strcmp) replaces the harness's own call, a sanitizer hook (__asan_default_options)
# turns a check off, a harness name replaces the recorder. Code that runs outside a
# test (a constructor, destructor, init/fini array entry, .ctors/.dtors, an ifunc
# resolver, run while the program is loaded) is refused too. Checked on the compiled
# object (kit/core/elf.py), never on the source text. The sanitizers add one entry of their
# own at priority 99 (.init_array.00099 and .fini_array.00099, 8 bytes each): that
# one, and only that one, is allowed (san=True); __odr_asan.* mirror a global the
# student defined (reported by its own name).
EARLY = re.compile(r"^(\.preinit_array|\.init_array.*|\.fini_array.*|\.ctors.*|\.dtors.*|\.init|\.fini)$")


def _contract_text(names, chapter):
    shown = ", ".join(names[:6]) + (", …" if len(names) > 6 else "")
    return (f"only {shown} may be defined (the functions of chapter {chapter}'s header); "
            "make other helpers and variables `static`")


def object_check(objs, contract, san=True, chapter="?"):
    """Why the student's objects may not be linked, or None (see above)."""
    from kit.core import elf
    contract = list(contract)
    for o in objs:
        src = os.path.basename(o)[:-2] + ".c"
        try:
            obj = elf.Object(o)
        except (OSError, ValueError) as e:
            return f"{src}: its object cannot be read ({str(e)[:200]})"
        for sec in obj.sections:
            name, size = sec["name"], sec["size"]
            if not EARLY.match(name):
                continue
            if san and name in (".init_array.00099", ".fini_array.00099") and size == 8:
                continue     # the sanitizers' own module constructor / destructor
            what = ("a destructor (code run when the program ends)" if name.startswith((".fini", ".dtors"))
                    else "a constructor (code run before the tests start)")
            return (f"{src} puts code in {name}, {what}: a library file must only define "
                    f"its functions; {_contract_text(contract, chapter)}.")
        for sym in obj.symbols:
            typ, bind, name = sym["type"], sym["bind"], sym["name"]
            if typ in ("SECTION", "FILE") or not name:
                continue
            if typ == "IFUNC":
                return (f"your file {src} defines `{name}` as an ifunc (its resolver runs while the "
                        f"program loads, before the tests start): {_contract_text(contract, chapter)}.")
            if sym["shndx"] == elf.SHN_UNDEF or bind == "LOCAL" or name.startswith("__odr_asan."):
                continue
            if bind == "WEAK":
                return (f"your file {src} defines `{name}` as a weak symbol (or an alias): "
                        f"{_contract_text(contract, chapter)}, as ordinary functions.")
            if name not in contract:
                return (f"your file {src} defines `{name}`, which is not a function of chapter {chapter}'s "
                        f"contract: {_contract_text(contract, chapter)}.")
            if typ != "FUNC" or bind != "GLOBAL":
                return (f"your file {src} defines `{name}` as a {typ.lower()} ({bind.lower()}), not as "
                        f"the function of the chapter's header: {_contract_text(contract, chapter)}.")
    return None


def _object_check_cached(objs, contract, san, chapter):
    """object_check, run again only when an object or the contract changed: an
    accepted object leaves a stamp (its digest and the contract's) beside it."""
    key = files.digest([" ".join(contract), str(bool(san)), chapter], objs)
    stamp = os.path.join(os.path.dirname(objs[0]), "object-check.ok") if objs else None
    try:
        if stamp and open(stamp).read() == key:
            return None
    except OSError:
        pass
    refused = object_check(objs, contract, san, chapter)
    if stamp and not refused:
        files.atomic_write(stamp, key)
    elif stamp and os.path.exists(stamp):
        os.remove(stamp)
    return refused


# What a student's object may reference and still let a test forked by the grader's
# server end with _exit(0) once its record is complete (kit_quick_end.c, kit_record.c's
# kit_side_exit) instead of exit(0): nothing that registers code to run at exit (atexit,
# on_exit, __cxa_atexit, a thread_local destructor, dlsym's way to any of them), holds
# data exit() would still write (a FILE of its own, stdout's buffering changed), or runs
# code beside the test (a thread, a signal handler or timer). Any such reference, or a
# name this list does not know the meaning of in that respect, keeps exit(0). Checked
# on the object (kit/core/elf.py), like object_check.
NOT_QUIET_AT_EXIT = re.compile(
    r"exit|^dl|^_dl|^__libc_|^_IO_|^std(in|out|err)$|^_?_?f?open|^fdopen|^freopen|fmemopen|memstream|"
    r"^tmpfile|^popen|^fopencookie|^setv?buf|^setbuffer|^setlinebuf|^f?flush|^fclose|^__cxa_|^pthread_|"
    r"^__pthread|^thrd_|^tss_|^call_once|sig|alarm|itimer|timer_|^raise$|^kill|^clone|^fork|^vfork|"
    r"^syscall$|^prctl|^ptrace|^mprotect|^dup|^__interceptor|^__real_|^__wrap_")


def quiet_at_exit(objs):
    """True when nothing the student's objects reference can act at exit (above)."""
    from kit.core import elf
    for o in objs:
        try:
            names = elf.Object(o).undefined()
        except (OSError, ValueError):
            return False
        for name in names:
            name = name.split("@")[0]
            if NOT_QUIET_AT_EXIT.search(name) and not name.startswith(("__asan_", "__ubsan_")):
                return False
    return True


# What a student's object may reference and still run with the other tests of its chapter
# in one process (grading's batch, kit_nofork.c), with the same verdicts as one process a
# test: functions that keep nothing from one call to the next that a later test could see
# (math, memory, strings, characters, sorting; not rand, strtok, stdio, errno, the locale,
# the environment, the clock), and the sanitizers' own. The heap's content is the same
# either way (ASan fills every byte malloc returns: run.py), the stack below each test is
# scrubbed and the floating-point environment reset (kit_main.c).
_MATH = ("sin cos tan asin acos atan atan2 sinh cosh tanh asinh acosh atanh exp exp2 expm1 log "
         "log2 log10 log1p pow sqrt cbrt hypot fabs floor ceil round trunc rint nearbyint lround "
         "llround lrint llrint fmod remainder fmax fmin fdim fma copysign nextafter frexp ldexp "
         "scalbn modf ilogb logb erf erfc tgamma sincos").split()
BATCH_SAFE = frozenset(
    [f + suffix for f in _MATH for suffix in ("", "f", "l")] +
    ("malloc calloc realloc free aligned_alloc memcpy memmove memset memcmp memchr strlen strnlen "
     "strcmp strncmp strchr strrchr strstr strspn strcspn strpbrk strcpy strncpy strcat strncat "
     "__ctype_b_loc __ctype_tolower_loc __ctype_toupper_loc tolower toupper isalpha isdigit "
     "isspace isupper islower isalnum ispunct isxdigit isprint isgraph iscntrl isblank qsort "
     "bsearch abs labs llabs __stack_chk_fail").split())
# Instructions that reach the kernel without libc (syscall, sysenter, int 0x80): an object
# whose code holds these bytes anywhere (even inside another instruction) is not batched.
_SYSCALL_BYTES = (b"\x0f\x05", b"\x0f\x34", b"\xcd\x80")


def batchable(objs):
    """True when the student's objects keep nothing from one test to the next (above): no
    writable static data of their own (a static variable, a thread-local), nothing they
    reference beyond BATCH_SAFE and the sanitizers, no system call of their own."""
    from kit.core import elf
    for path in objs:
        try:
            o = elf.Object(path)
        except (OSError, ValueError):
            return False
        for sec in o.sections:
            if sec["flags"] & elf.SHF_TLS and sec["size"] > 0:
                return False
            if sec["flags"] & elf.SHF_EXECINSTR and any(b in o.section_bytes(sec) for b in _SYSCALL_BYTES):
                return False
        for sym in o.symbols:
            if sym["shndx"] == elf.SHN_UNDEF:
                name = sym["name"]
                if name and name not in BATCH_SAFE and not name.startswith(("__asan_", "__ubsan_")):
                    return False
            elif sym["type"] in ("OBJECT", "TLS", "COMMON", "NOTYPE") and sym["name"]:
                if sym["shndx"] == elf.SHN_COMMON:
                    return False
                if sym["shndx"] < len(o.sections) and o.sections[sym["shndx"]]["flags"] & elf.SHF_WRITE:
                    return False
    return True


def explain_link(msg, functions=()):
    """Turn the linker's words into the student's (GNU ld names __real_f, gold f)."""
    undefined = sorted({m.group(2) for m in re.finditer(r"undefined reference to [`'\u2018](__real_)?(\w+)['\u2019]", msg)
                        if m.group(1) or m.group(2) in functions})
    lines = [f"{n} is not defined: your file must define it with the signature in the chapter header."
             for n in undefined]
    if re.search(r"multiple definition of [`'\u2018]main['\u2019]", msg):
        lines.append("your file defines main(): remove it, the tests bring their own.")
    return "\n".join(lines + [msg]) if lines else msg


def clean():
    shutil.rmtree(BUILD, ignore_errors=True)


if __name__ == "__main__":      # python3 -m kit flags: the one list, for the Makefile's programs
    print(" ".join(WARN))
