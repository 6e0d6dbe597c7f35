"""Hostile submissions, generated from a chapter's reference solution: each
injects code at the start of one public function (or at file level), so the
exact score is known: every test that calls that function must not pass,
every other test must pass. Used by tests/suite_grading.py and `make bench-grade`.

A fixture: (name, function index or None, snippet, top, expect)
  function index: which public function (in file order) gets the snippet
  top:    code added after the includes (file level)
  expect: "inject" (the tests of that function fail, the rest pass; verdicts
          optional), "zero" (0 points: build error or nothing runs), "full"
"""
import io
import os
import re
import tarfile
import zipfile

PRELUDE = """#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
"""

# The worked example's row 1 (sin 1, cos 1, sin 0.1) searched for in every readable
# mapping of the process; when found, the 40 values around it are the golden table.
MEMORY_SCAN = r"""
#include <math.h>
__attribute__((no_sanitize("address", "undefined")))
static int kit_same(const unsigned char *p, const unsigned char *q, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (p[k] != q[k])
            return 0;
    return 1;
}
__attribute__((no_sanitize("address", "undefined")))
static int kit_scan(double *out)
{
    volatile double needle[3];
    unsigned char want[24];
    char line[512];
    FILE *maps = fopen("/proc/self/maps", "r");
    needle[0] = sin(1.0); needle[1] = cos(1.0); needle[2] = sin(0.1);
    for (int k = 0; k < 3; k++) { double v = needle[k]; memcpy(want + 8 * k, &v, 8); }
    while (maps != NULL && fgets(line, sizeof line, maps) != NULL) {
        unsigned long lo, hi;
        char perm[8];
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perm) != 3 || perm[0] != 'r' ||
            hi - lo > (64ul << 20) || strstr(line, "[v") != NULL)
            continue;
        for (unsigned long a = lo + 64; a + 24 + 256 <= hi; a += 8) {
            const unsigned char *p = (const unsigned char *)a;
            if (p == want || p == (const unsigned char *)needle || !kit_same(p, want, 24))
                continue;
            for (int k = 0; k < 40; k++)
                memcpy(&out[k], p - 64 + 8 * k, 8);
            fclose(maps);
            return 1;
        }
    }
    if (maps != NULL)
        fclose(maps);
    return 0;
}
"""


# Issue 17: what a test's process can do to the files around it. kit_plant(how) walks
# its folder and the log folder above (and that one's subfolders: other tests'),
# and for every file it finds, and the record beside each output (NAME for NAME.out):
#   0 a FIFO in its place, 1 a link to KIT_MARKER (a file elsewhere on the machine),
#   2 a link to /dev/zero, 3 rewritten with garbage (another test's record).
PLANT = r"""
#include <dirent.h>
#include <sys/stat.h>
static void kit_plant_one(const char *path, int how)
{
    if (how == 3) {
        int fd = open(path, O_WRONLY | O_TRUNC);
        if (fd >= 0) { (void)write(fd, "CxxxxxxxxxxxxxxxE", 17); close(fd); }
        return;
    }
    (void)unlink(path);
    if (how == 0)
        (void)mkfifo(path, 0666);
    else
        (void)symlink(how == 1 ? KIT_MARKER : "/dev/zero", path);
}
static void kit_plant_dir(const char *dir, int how, int depth)
{
    char names[64][256], path[1024];
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    if (d == NULL)
        return;
    while (n < 64 && (e = readdir(d)) != NULL)
        if (e->d_name[0] != '.' && strlen(e->d_name) < 200)
            snprintf(names[n++], sizeof names[0], "%s", e->d_name);
    closedir(d);
    for (int k = 0; k < n; k++) {
        struct stat st;
        size_t len = strlen(names[k]);
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        if (lstat(path, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            if (depth > 0)
                kit_plant_dir(path, how, depth - 1);
            continue;
        }
        kit_plant_one(path, how);
        if (len > 4 && strcmp(names[k] + len - 4, ".out") == 0) {
            names[k][len - 4] = '\0';
            snprintf(path, sizeof path, "%s/%s", dir, names[k]);
            kit_plant_one(path, how);
        }
    }
}
static void kit_plant(int how)
{
    kit_plant_dir(".", how, 0);
    kit_plant_dir("..", how, 1);
}
"""

# Writes past the end of pe (its first guard element) and asks, at exit, to find that
# mark in its own record (the file named on its command line, or any descriptor) and
# put the guard bytes back, so that the overflow would go unseen.
GUARD_RESTORE = r"""
static const unsigned char kit_mark[8] = {0x4b, 0x49, 0x54, 0x2d, 0x4d, 0x41, 0x52, 0x4b};
static void kit_fix(int fd)
{
    static unsigned char buf[1 << 20];
    ssize_t n = pread(fd, buf, sizeof buf, 0);
    for (ssize_t k = 0; k + 8 <= n; k++)
        if (memcmp(buf + k, kit_mark, 8) == 0) {
            memset(buf + k, 0xA5, 8);
            (void)pwrite(fd, buf + k, 8, (off_t)k);
        }
}
static void kit_restore(void)
{
    char cmd[4096], path[64];
    int fd = open("/proc/self/cmdline", O_RDONLY);
    ssize_t n = fd >= 0 ? read(fd, cmd, sizeof cmd - 1) : -1;
    if (fd >= 0)
        close(fd);
    if (n > 0) {
        const char *arg = cmd;
        cmd[n] = '\0';
        for (int k = 0; k < 4 && arg < cmd + n; k++)
            arg += strlen(arg) + 1;
        if (arg < cmd + n && (fd = open(arg, O_RDWR)) >= 0) { kit_fix(fd); close(fd); }
    }
    for (int k = 3; k < 64; k++) {
        snprintf(path, sizeof path, "/proc/self/fd/%d", k);
        if ((fd = open(path, O_RDWR | O_NONBLOCK)) >= 0) { kit_fix(fd); close(fd); }
    }
}
"""

# 60 memfds of 32 MiB (each under the 32 MiB file size limit), written, never mapped:
# 1.9 GiB held outside the process's own pages; then the right answer.
MEMFD = r"""
#include <sys/syscall.h>
long syscall(long number, ...);
static int kit_memfd_hog(void)
{
    static char chunk[1 << 20];
    memset(chunk, 1, sizeof chunk);
    for (int k = 0; k < 60; k++) {
        int fd = (int)syscall(SYS_memfd_create, "kit-hog", 0);
        if (fd < 0)
            return -1;
        for (int m = 0; m < 31; m++)
            if (write(fd, chunk, sizeof chunk) != (ssize_t)sizeof chunk)
                return -1;
    }
    return 0;
}
"""

# CPU time with SIGXCPU ignored: 1.6 s of it (the limit is 1 s), then the right answer.
SLOW = r"""
#include <time.h>
static void kit_burn(double seconds)
{
    volatile double x = 0;
    signal(SIGXCPU, SIG_IGN);
    while ((double)clock() / CLOCKS_PER_SEC < seconds)
        for (int k = 0; k < 100000; k++)
            x += k;
}
"""

# A folder 3000 levels deep in its own folder and in /tmp (it chdir()s down, so no path
# is ever longer than one name), then a wrong answer; whatever stops it, 0 points, and
# the folders are removed (tidy.py) without a traceback.
DEEP = r"""
#include <sys/stat.h>
static void kit_deep(const char *where)
{
    char here[4096];
    if (getcwd(here, sizeof here) == NULL || chdir(where) != 0)
        return;
    for (int k = 0; k < 3000; k++)
        if (mkdir("d", 0755) != 0 || chdir("d") != 0)
            break;
    (void)chdir(here);
}
"""

# name, function index, snippet at the function's start, file-level code, expectation, verdicts
FIXTURES = [
    ("exit0", 0, "exit(0);", "", "inject", ("FAIL",)),
    ("underscore-exit0", 1, "_exit(0);", "", "inject", ("FAIL",)),
    ("fake-pass-lines", 2,
     'printf("KIT-VERDICT PASS\\nok 1 - all tests\\n[  PASSED  ] 1 test(s).\\n"); '
     'fprintf(stderr, "KIT-VERDICT PASS\\n"); fflush(stdout); _exit(0);', "", "inject", ("FAIL",)),
    ("constructor", None, "",
     "__attribute__((constructor)) static void kit_evil(void)\n"
     "{ printf(\"KIT-VERDICT PASS\\nok 1\\n\"); fflush(stdout); _exit(0); }\n", "zero", ("BUILD ERROR",)),
    ("abort", 3, "abort();", "", "inject", ("CRASH",)),
    ("infinite-loop", 0, "volatile int spin = 1; while (spin) { }", "", "inject", ("TIMEOUT",)),
    ("fork-bomb", 1, "for (;;) { (void)fork(); }", "", "inject", ("PROCESS LIMIT", "TIMEOUT")),
    ("memory-hog", 2,
     "for (;;) { char *hog = malloc(64u << 20); if (hog == NULL) break; memset(hog, 1, 64u << 20); }",
     "", "inject", ("MEMORY LIMIT", "TIMEOUT")),   # on a loaded machine the 1 s CPU limit may stop it first
    ("gigabyte-output", 3,
     "static char line[4096]; memset(line, 'x', sizeof line - 1); "
     "for (long k = 0; k < (1L << 30) / 4095; k++) fputs(line, stdout);",
     "", "inject", ("OUTPUT LIMIT",)),
    ("stack-overflow", 0, "if (kit_down(0) == 42) return 0;",
     "static int kit_down(size_t depth)\n{\n    volatile char buf[4096];\n"
     "    buf[0] = (char)depth;\n    return depth == SIZE_MAX ? 0 : kit_down(depth + 1) + buf[0];\n}\n",
     "inject", ("CRASH",)),
    ("read-hidden", 1,
     "static const char *paths[] = {KIT_ROOT \"/grader/@SLUG@/test_hidden.c\", "
     "KIT_ROOT \"/solutions/@SLUG@/@FILE@\", \"../../../../grader/@SLUG@/test_hidden.c\"};"
     "for (size_t p = 0; p < 3; p++) { FILE *f = fopen(paths[p], \"r\"); char buf[512]; "
     "if (f) { while (fgets(buf, sizeof buf, f)) fputs(buf, stdout); fclose(f); } "
     "else printf(\"cannot open %s\\n\", paths[p]); } return -12345;",
     "", "inject", ("FAIL",)),
    ("network", 2,
     "int s = socket(AF_INET, SOCK_STREAM, 0); if (s >= 0) { struct sockaddr_in a; "
     "memset(&a, 0, sizeof a); a.sin_family = AF_INET; a.sin_port = htons(KIT_PORT); "
     "a.sin_addr.s_addr = htonl(0x7f000001); if (connect(s, (struct sockaddr *)&a, sizeof a) == 0) "
     "(void)write(s, \"LEAK\", 4); close(s); }",
     "", "full", ()),
    ("write-outside", 0,
     "static const char *paths[] = {KIT_ROOT \"/PWNED\", \"/tmp/kit-PWNED\", \"../../../PWNED\", "
     "KIT_ROOT \"/build/PWNED\"}; for (size_t p = 0; p < 4; p++) { int fd = open(paths[p], "
     "O_WRONLY | O_CREAT, 0644); if (fd >= 0) { (void)write(fd, \"x\", 1); close(fd); } }",
     "", "full", ()),
    ("big-file", 0,
     'FILE *big = fopen("big.bin", "w"); static char chunk[1 << 20]; '
     'if (big) { for (int k = 0; k < 64; k++) fwrite(chunk, 1, sizeof chunk, big); fclose(big); }',
     "", "inject", ("FILE LIMIT",)),
    ("heap-overflow", 1, "volatile char *hp = malloc(4); if (hp) { hp[4] = 1; free((void *)hp); }",
     "", "inject", ("SANITIZER",)),
    ("leak", 2, "volatile char *lk = malloc(64); if (lk) lk[0] = 1;", "", "full", ()),  # a leak is a warning in make check, never a verdict
    ("kill-parent", 3, "kill(getppid(), SIGKILL); kill(0, SIGKILL);", "", "inject", ("CRASH",)),
    ("kill-everyone", 2, "kill(-1, SIGKILL); kill(0, SIGKILL);", "", "inject", ("CRASH",)),
    ("compile-error", None, "", "int this is not C;\n", "zero", ("BUILD ERROR",)),
    ("include-solution", "whole", "", '#include "../solutions/@SLUG@/@FILE@"\n', "zero",
     ("BUILD ERROR",)),
    ("include-absolute", None, "", '#include KIT_HIDDEN\n', "zero", ("BUILD ERROR",)),
    ("inline-asm", None, "", '__asm__(".incbin \\"" KIT_ROOT "/grader/@SLUG@/test_hidden.c\\"");\n',
     "zero", ("BUILD ERROR",)),
    ("missing-symbol", "rename", "", "", "zero", ("BUILD ERROR",)),
    ("wrong-signature", "signature", "", "", "zero", ("BUILD ERROR",)),
    # a bounded fork that leaves sleeping children and returns at once: PROCESS LIMIT, every time
    ("fork-sleepers", 0,
     "for (int k = 0; k < 2000; k++) { pid_t c = fork(); if (c == 0) { sleep(30); _exit(0); } "
     "if (c < 0) break; }", "", "inject", ("PROCESS LIMIT",)),
    # fills the sandbox's writable tmpfs (/dev/shm, /tmp: 16 MiB each) and tries /, then returns
    ("shm-hog", 2,
     "static char chunk[1 << 20]; const char *where[3] = {\"/dev/shm/kit-hog\", \"/tmp/kit-hog\", "
     "\"/kit-hog\"}; char name[64]; for (int w = 0; w < 3; w++) for (int k = 0; k < 12; k++) { "
     "snprintf(name, sizeof name, \"%s-%d\", where[w], k); FILE *h = fopen(name, \"w\"); "
     "if (h == NULL) break; for (int m = 0; m < 2; m++) if (fwrite(chunk, 1, sizeof chunk, h) != "
     "sizeof chunk) break; fclose(h); }", "", "inject", ("FILE LIMIT",)),
    # looks for the worked example's golden table in its own memory and copies it out
    ("memory-scan", 1, "if (n == 5 && d == 8 && pe != NULL && kit_scan(pe)) return KIT_OK; "
     "return -12345;", MEMORY_SCAN, "inject", ("FAIL",)),
    # code placed to run before the harness's start-up (and its no-fork filter): refused at build
    ("early-constructor", None, "",
     "#pragma GCC diagnostic ignored \"-Wprio-ctor-dtor\"\n"
     "__attribute__((constructor(50))) static void kit_early(void) { (void)fork(); }\n"
     "static void kit_pre(void) { (void)fork(); }\n"
     "__attribute__((section(\".preinit_array\"), used)) static void (*kit_pre_p)(void) = kit_pre;\n",
     "zero", ("BUILD ERROR",)),
    # issue 17: the object may define only the contract's functions (and static ones):
    # a libc, sanitizer or harness name, a weak symbol or alias, a destructor: BUILD ERROR
    ("own-setrlimit", 0, "volatile int spin = 1; while (spin) { }",
     "#include <sys/resource.h>\n"
     "int setrlimit(__rlimit_resource_t r, const struct rlimit *l) { (void)r; (void)l; return 0; }\n",
     "zero", ("BUILD ERROR",)),
    ("own-prctl", 1, "(void)fork();",
     "int prctl(int o, ...) { (void)o; return 0; }\n", "zero", ("BUILD ERROR",)),
    ("own-fork", None, "",
     "pid_t fork(void) { for (;;) { } }\n", "zero", ("BUILD ERROR",)),
    ("own-strcmp", None, "",
     "int strcmp(const char *a, const char *b) { (void)a; (void)b; return 0; }\n", "zero",
     ("BUILD ERROR",)),
    ("asan-default-options", 1, "volatile char *hp = malloc(4); if (hp) { hp[4] = 1; free((void *)hp); }",
     "const char *__asan_default_options(void);\n"
     "const char *__asan_default_options(void) { return \"poison_heap=0:detect_leaks=0\"; }\n",
     "zero", ("BUILD ERROR",)),
    ("weak-alias", None, "",
     "static int kit_zero(pid_t p, int s) { (void)p; (void)s; return 0; }\n"
     "int kill(pid_t p, int s) __attribute__((weak, alias(\"kit_zero\")));\n", "zero", ("BUILD ERROR",)),
    ("destructor", None, "",
     "__attribute__((destructor)) static void kit_bye(void) { printf(\"KIT-VERDICT PASS\\n\"); }\n",
     "zero", ("BUILD ERROR",)),
    # issue 17: the files around the test (each ends with a wrong answer: a pass would
    # mean the grader believed a forged record; the other functions' tests must pass)
    ("fifo-record", 0, "kit_plant(0); return -12345;", PLANT, "inject", ("FAIL",)),
    ("symlink-record", 1, "kit_plant(1); return -12345;", PLANT, "inject", ("FAIL",)),
    ("dev-zero-record", 2, "kit_plant(2); return -12345;", PLANT, "inject", ("FAIL",)),
    ("rewrite-records", 3, "kit_plant(3); return -12345;", PLANT, "inject", ("FAIL",)),
    # an overflow into the guard, restored in the record at exit: must stay seen
    ("guard-restore", 1,
     "static int kit_once = 0, kit_in = 0; if (!kit_once) { kit_once = 1; (void)atexit(kit_restore); } "
     "if (!kit_in && (pe == NULL || n == 0 || d == 0)) return -12345; "
     "if (!kit_in && pe != NULL && n > 0 && d > 0) { int rc; kit_in = 1; rc = pe_table(pe, n, d, base); "
     "kit_in = 0; memcpy(&pe[n * d], kit_mark, 8); return rc; }",
     GUARD_RESTORE, "inject", ("FAIL", "SANITIZER", "CRASH")),
    # SIGXCPU ignored, 1.6 s of CPU (limit 1 s), then the right answer: never a pass
    ("sigxcpu-slow", 0, "kit_burn(1.6);", SLOW, "inject", ("TIMEOUT",)),
    # 1.9 GiB in memfds never mapped, then the right answer (memfd_create is refused)
    ("memfd-hog", 2, "if (kit_memfd_hog() != 0) return -12345;", MEMFD, "inject",
     ("FAIL", "MEMORY LIMIT", "FILE LIMIT")),
    # a 3000-level folder in its own folder and in /tmp, then a wrong answer
    ("deep-folder", 3, "kit_deep(\".\"); kit_deep(\"/tmp\"); return -12345;", DEEP, "inject",
     ("FAIL", "TIMEOUT")),      # 6000 mkdirs: on a loaded machine, the time limit may come first
    # the compiler's stdin is /dev/null, and what it read is checked: BUILD ERROR
    ("include-stdin", None, "", '#include "/dev/stdin"\n', "zero", ("BUILD ERROR",)),
    ("correct", None, "", "", "full", ()),
]


def functions_in(text):
    """[(name, index of its '{' line)] of the column-0 non-static definitions."""
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        m = re.match(r"^int (\w+)\(", line)
        if m:
            j = i
            while j < len(lines) and lines[j].strip() != "{":
                j += 1
            out.append((m.group(1), j))
    return out


def marker_path(root):
    """A file elsewhere on the machine (outside the sandbox's view) whose text must never
    appear in any output: tests/suite_grading.py writes it (MARKER_TEXT) before grading."""
    return os.path.join(root, "build", "hostile-marker.txt")


MARKER_TEXT = "KIT-MARKER-7f3a9c-never-in-any-output"


def make_source(reference_text, fixture, slug, fname, root, port=9):
    """The hostile file's text, and the name of the function it attacks (or None)."""
    name, fn, snippet, top, expect, _ = fixture
    text = reference_text
    lines = text.split("\n")
    fns = functions_in(text)
    target = None
    subst = {"@SLUG@": slug, "@FILE@": fname}

    def sub(s):
        for k, v in subst.items():
            s = s.replace(k, v)
        return s
    if isinstance(fn, int):
        target, at = fns[fn % len(fns)]
        lines.insert(at + 1, "    { " + sub(snippet) + " }")
    elif fn == "rename":
        target, at = fns[-1]
        lines = [re.sub(rf"^int {target}\(", f"int {target}_renamed(", l) for l in lines]
        # declare it, so the file still compiles: the link fails
        lines.insert(0, f"int {target}_renamed();")
    elif fn == "signature":
        target, at = fns[0]
        k = at
        while not lines[k].startswith("int "):
            k -= 1
        lines[k] = re.sub(r"\(.*", "(float *wrong)", lines[k])
        for kk in range(k + 1, at):
            lines[kk] = ""
    if fn == "whole":
        return PRELUDE + sub(top), None, expect
    defs = (f'#define KIT_ROOT "{root}"\n#define KIT_PORT {port}\n'
            f'#define KIT_HIDDEN "{root}/grader/{slug}/test_hidden.c"\n'
            f'#define KIT_MARKER "{marker_path(root)}"\n')
    body = "\n".join(lines)
    return PRELUDE + defs + sub(top) + body, target, expect


def write_tree(dest, slug, files):
    d = os.path.join(dest, "exercises", slug)
    os.makedirs(d, exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(d, name), "w") as f:
            f.write(text)


def bad_archives(dest, slug, fname, good_text):
    """Malicious archives: (file name, why it must be rejected)."""
    made = []

    def tar(name, members):
        p = os.path.join(dest, name)
        with tarfile.open(p, "w:gz") as t:
            for info, data in members:
                t.addfile(info, io.BytesIO(data) if data is not None else None)
        made.append(name)

    def reg(n, data):
        i = tarfile.TarInfo(n)
        i.size = len(data)
        i.mode = 0o644
        return i, data
    good = good_text.encode()
    tar("evil-traversal.tar.gz", [reg(f"exercises/{slug}/{fname}", good),
                                  reg("../../../../tmp/kit-evil-traversal", b"x")])
    ln = tarfile.TarInfo(f"exercises/{slug}/{fname}")
    ln.type, ln.linkname = tarfile.SYMTYPE, f"/work/main/solutions/{slug}/{fname}"
    tar("evil-symlink.tar.gz", [(ln, None)])
    dev = tarfile.TarInfo("exercises/dev-null")
    dev.type, dev.devmajor, dev.devminor = tarfile.CHRTYPE, 1, 3
    tar("evil-device.tar.gz", [reg(f"exercises/{slug}/{fname}", good), (dev, None)])
    tar("evil-many-files.tar.gz", [reg(f"junk/{k}.txt", b"x") for k in range(20001)])
    big = tarfile.TarInfo(f"exercises/{slug}/{fname}")
    big.size = 3 << 20
    tar("evil-oversize.tar.gz", [(big, b"/*" + b" " * ((3 << 20) - 4) + b"*/")])
    p = os.path.join(dest, "evil-absolute.zip")
    with zipfile.ZipFile(p, "w") as z:
        z.writestr(f"exercises/{slug}/{fname}", good_text)
        z.writestr("/tmp/kit-evil-absolute", "x")
    made.append("evil-absolute.zip")
    p = os.path.join(dest, "evil-zip-symlink.zip")
    with zipfile.ZipFile(p, "w") as z:
        zi = zipfile.ZipInfo(f"exercises/{slug}/{fname}")
        zi.external_attr = (0o120777 << 16)
        z.writestr(zi, f"/work/main/solutions/{slug}/{fname}")
    made.append("evil-zip-symlink.zip")
    return made


def good_archives(dest, slug, fname, good_text):
    with tarfile.open(os.path.join(dest, "good-tar.tar.gz"), "w:gz") as t:
        data = good_text.encode()
        i = tarfile.TarInfo(f"exercises/{slug}/{fname}")
        i.size = len(data)
        t.addfile(i, io.BytesIO(data))
    with zipfile.ZipFile(os.path.join(dest, "good-zip.zip"), "w") as z:
        z.writestr(f"{fname}", good_text)     # the chapter file alone
    # made on Windows: backslash separators, create_system 0 (MS-DOS)
    with zipfile.ZipFile(os.path.join(dest, "good-windows.zip"), "w") as z:
        zi = zipfile.ZipInfo(f"my work\\exercises\\{slug}\\{fname}")
        zi.create_system = 0
        z.writestr(zi, good_text)
        zi = zipfile.ZipInfo("my work\\notes.txt")
        zi.create_system = 0
        z.writestr(zi, "see you")
    # the whole release folder: the book's big figures, a build/ tree, a symlink it never reads
    rel = os.path.join(dest, "good-release-folder")
    os.makedirs(os.path.join(rel, "exercises", slug))
    os.makedirs(os.path.join(rel, "build", "book"))
    with open(os.path.join(rel, "exercises", slug, fname), "w") as f:
        f.write(good_text)
    with open(os.path.join(rel, "build", "book", "03-heatmap.svg"), "wb") as f:
        f.write(b"<svg>" + b" " * (3 << 20) + b"</svg>")
    os.symlink("exercises", os.path.join(rel, "latest"))
    # a bare .c file, as a learning platform hands it in (renamed to the student)
    with open(os.path.join(dest, "good-bare.c"), "w") as f:
        f.write(good_text)
    return ["good-tar.tar.gz", "good-zip.zip", "good-windows.zip", "good-release-folder", "good-bare.c"]
