/*
 * kit_nofork.c — the subject may not start processes. A library function
 * never needs to, and a test that forks (a fork bomb, system(), popen(), a
 * child left running) would make its verdict depend on timing. A seccomp
 * filter, installed before the student's own constructors run, kills the
 * subject with SIGSYS at the first fork, vfork or clone of a new process;
 * the runner reports that as PROCESS LIMIT, every time. Threads are allowed
 * (clone with CLONE_THREAD), and so is the clone LeakSanitizer uses to stop
 * the world at exit when leak detection is on (make check).
 * Subject only (linked with kit_record.c).
 *
 * The fork server (make check: kit/core/run.py; grading: kit/grading/runner/runner.py; both
 * through kit/core/forkserver.py): with
 * KIT_FORK_SERVER=REQ,REP,RSS_MB,CPU,FSIZE,NPROC,AS in its environment, the
 * subject started as `subject --run - --log -` becomes, in this constructor
 * (after the sanitizer runtime is up, before any constructor of the student's),
 * a server that never returns: for each request line "TEST<TAB>RECORD" on REQ
 * it forks a child, answers "P <pid> 0" then "S <status> <CPU µs>" (status:
 * exit code, or -signal; CPU: the child's and the server's since the last
 * answer) on REP. Only the child returns from here, and before it does it
 * becomes what a fresh `subject --run TEST --log RECORD` from the runner would
 * be: its own session, stdin /dev/null, stdout/stderr RECORD.out/.err, no
 * other file open, the test's limits, this filter. So no student code runs
 * in the server, and every test is one process, with its own verdict, limits
 * and crash attribution; one exec and one sanitizer start serve a chapter.
 * The sanitizer's hard_rss_limit_mb thread does not survive fork(): the
 * server checks the child's memory (RSS_MB, 0: none) as it would, and ends it
 * the same way (its message in RECORD.err, status 86). The child's memory is
 * all it holds: its resident pages (shared ones included) and the size of any
 * memfd it keeps open without mapping it.
 *
 * Nothing the child runs can undo what the server does around it (the student's
 * object defines only the contract's functions, build.py: it cannot replace
 * setrlimit, prctl or fork): each limit is set with hard = soft (it cannot be
 * raised again); the CPU limit is enforced by the server, which reads the
 * child's CPU time and kills it (SIGKILL, reported as -SIGXCPU: TIMEOUT), so a
 * child that ignores SIGXCPU gains nothing (the kernel's RLIMIT_CPU, one second
 * higher, is only a backstop: see kit_become_test); the record goes to a socket the
 * server drains (the child is told fd:3, its write-only end: unlike a pipe or a
 * file, it cannot be reopened through /proc and read back), and the server writes
 * RECORD itself once the child has ended: no code of the child, a later call,
 * an atexit handler, can rewrite what it recorded before. The child runs in
 * RECORD's folder (a fresh one per test, kit/grading/runner/runner.py).
 */
#define KIT_HARNESS 1 /* the harness itself: see kit_test.h */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit_protocol.h"

extern int kit_forked_test; /* kit_record.c */

#if defined(__linux__) && (defined(__x86_64__) || defined(__aarch64__))
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__x86_64__)
#define KIT_AUDIT_ARCH AUDIT_ARCH_X86_64
#else
#define KIT_AUDIT_ARCH AUDIT_ARCH_AARCH64
#endif

/* LeakSanitizer's StopTheWorld tracer (sanitizer_stoptheworld_linux_libcdep.cpp). */
#define KIT_LSAN_CLONE (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_UNTRACED)

#define KIT_LD(field) BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, field))
#define KIT_RET(what) BPF_STMT(BPF_RET | BPF_K, (what))

static void kit_no_processes(int allow_lsan)
{
    /* Memory the child could hold outside its own pages is refused too: a memfd
       (memfd_create) and System V shared memory (shmget) fail with EPERM. */
    struct sock_filter f[] = {
        KIT_LD(arch),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, KIT_AUDIT_ARCH, 1, 0),
        KIT_RET(SECCOMP_RET_KILL_PROCESS),                         /* another ABI: refuse  */
        KIT_LD(nr),
#ifdef __NR_fork
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_fork, 10, 0),     /* -> kill              */
#else
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xffffffffu, 10, 0),
#endif
#ifdef __NR_vfork
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_vfork, 9, 0),     /* -> kill              */
#else
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xffffffffu, 9, 0),
#endif
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 10, 0),   /* -> ENOSYS: libc falls back to clone */
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_memfd_create, 10, 0), /* -> EPERM         */
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_shmget, 9, 0),    /* -> EPERM             */
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 6),     /* not clone -> allow   */
        KIT_LD(args[0]),                                           /* clone's flags        */
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 4, 0),  /* a thread -> allow    */
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, allow_lsan ? KIT_LSAN_CLONE : 0xffffffffu, 3, 0),
        BPF_STMT(BPF_JMP | BPF_JA, 0),
        KIT_RET(SECCOMP_RET_KILL_PROCESS),                         /* a new process: kill  */
        KIT_RET(SECCOMP_RET_KILL_PROCESS),
        KIT_RET(SECCOMP_RET_ALLOW),
        KIT_RET(SECCOMP_RET_ERRNO | ENOSYS),
        KIT_RET(SECCOMP_RET_ERRNO | EPERM),
    };
    struct sock_fprog prog;
    prog.len = (unsigned short)(sizeof f / sizeof f[0]);
    prog.filter = f;
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0)
        (void)prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

/* LeakSanitizer scans at exit unless ASAN_OPTIONS turns it off. */
static int kit_leak_scan_on(void)
{
    const char *asan = getenv("ASAN_OPTIONS");
    return asan == NULL || strstr(asan, "detect_leaks=0") == NULL;
}

/* -- the fork server ------------------------------------------------------- */

struct kit_server {
    int req, rep;
    long rss_mb, cpu, fsize, nproc, as;
};

static int kit_line(int fd, char *buf, size_t cap) /* 1: a line; 0: end or error */
{
    /* read in blocks: a batch's request is long (only the server reads this pipe) */
    static char in[65536];
    static size_t have, at;
    size_t n = 0;
    while (n + 1 < cap) {
        char c;
        if (at == have) {
            ssize_t r = read(fd, in, sizeof in);
            if (r < 0 && errno == EINTR)
                continue;
            if (r <= 0)
                return 0;
            have = (size_t)r;
            at = 0;
        }
        c = in[at++];
        if (c == '\n') {
            buf[n] = '\0';
            return 1;
        }
        buf[n++] = c;
    }
    return 0;
}

static void kit_say(int fd, char what, long value, long more)
{
    char msg[64];
    int n = snprintf(msg, sizeof msg, "%c %ld %ld\n", what, value, more);
    if (n > 0 && write(fd, msg, (size_t)n) != n)
        _exit(0); /* the runner is gone */
}

static long kit_us(const struct rusage *ru)
{
    return (long)(ru->ru_utime.tv_sec + ru->ru_stime.tv_sec) * 1000000L +
           (long)(ru->ru_utime.tv_usec + ru->ru_stime.tv_usec);
}

/* Read /proc/PID/WHAT into buf (NUL-terminated): its length, or 0 when it cannot. */
static ssize_t kit_read_proc(pid_t pid, const char *what, char *buf, size_t len)
{
    char path[64];
    ssize_t n;
    int fd;
    snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, what);
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    n = read(fd, buf, len - 1);
    close(fd);
    if (n <= 0)
        return 0;
    buf[n] = '\0';
    return n;
}

/* What the child holds, in MiB: its resident pages (shared ones included), and
   every memfd it keeps open (it may hold one without mapping it). */
static long kit_footprint_mb(pid_t pid)
{
    /* The folder /proc/PID/fd read with getdents64 into a static buffer, not opendir:
       no malloc in the server while a child shares its pages (each page the server
       writes then is a copy-on-write fault and a TLB flush). */
    static char ents[8192];
    char path[64], buf[128];
    long size = 0, resident = 0, bytes;
    int dfd;
    if (kit_read_proc(pid, "statm", buf, sizeof buf) == 0)
        return 0;
    if (sscanf(buf, "%ld %ld", &size, &resident) != 2)
        return 0;
    bytes = resident * sysconf(_SC_PAGESIZE);
    snprintf(path, sizeof path, "/proc/%d/fd", (int)pid);
    dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        long n;
        while ((n = syscall(SYS_getdents64, dfd, ents, sizeof ents)) > 0) {
            for (long at = 0; at < n;) {
                struct kit_dirent {
                    unsigned long long ino;
                    long long off;
                    unsigned short reclen;
                    unsigned char type;
                    char name[];
                } *e = (struct kit_dirent *)(ents + at);
                char link[300], target[64];
                struct stat st;
                ssize_t t;
                at += e->reclen;
                if (e->name[0] == '.')
                    continue;
                snprintf(link, sizeof link, "/proc/%d/fd/%s", (int)pid, e->name);
                t = readlink(link, target, sizeof target - 1);
                if (t <= 0)
                    continue;
                target[t] = '\0';
                if (strncmp(target, "/memfd:", 7) == 0 && stat(link, &st) == 0)
                    bytes += (long)st.st_blocks * 512;
            }
        }
        close(dfd);
    }
    return bytes / (1024 * 1024);
}

/* The child's CPU time so far, in µs (/proc/PID/stat: utime + stime). */
static long kit_cpu_us(pid_t pid)
{
    char buf[1024];
    char *p;
    unsigned long ut = 0, st = 0;
    if (kit_read_proc(pid, "stat", buf, sizeof buf) == 0)
        return 0;
    p = strrchr(buf, ')');
    if (p == NULL || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
        return 0;
    return (long)((ut + st) * (1000000UL / (unsigned long)sysconf(_SC_CLK_TCK)));
}

/* A limit the child cannot raise again: hard = soft. */
static void kit_limit(int what, long value)
{
    struct rlimit r;
    r.rlim_cur = (rlim_t)value;
    r.rlim_max = (rlim_t)value;
    if (setrlimit(what, &r) != 0)
        _exit(125);
}

static int kit_to(const char *log, const char *ext, int fd, int flags)
{
    char path[4096];
    int f;
    if (snprintf(path, sizeof path, "%s%s", log, ext) >= (int)sizeof path)
        return -1;
    f = open(path, flags | O_NOFOLLOW, 0666);
    if (f < 0 || dup2(f, fd) < 0)
        return -1;
    if (f != fd)
        close(f);
    return 0;
}

/* In a child (one test or a batch): the test's limits, hard = soft, with the kernel's CPU
   limit at cpu_backstop s (the server's own check comes first); the server's variables
   out of its environment; dumpable again, as after an exec (the server stays not). */
static void kit_child_limits(const struct kit_server *s, long cpu_backstop)
{
    kit_limit(RLIMIT_CPU, cpu_backstop);
    kit_limit(RLIMIT_CORE, 0);
    kit_limit(RLIMIT_FSIZE, s->fsize);
    kit_limit(RLIMIT_NPROC, s->nproc);
    kit_limit(RLIMIT_NOFILE, 64);
    kit_limit(RLIMIT_MSGQUEUE, 0);
    if (s->as > 0)
        kit_limit(RLIMIT_AS, s->as);
    unsetenv("KIT_FORK_SERVER");
    unsetenv("LD_BIND_NOW"); /* the runner's, for the server (runner.py): not the test's */
    (void)prctl(PR_SET_DUMPABLE, 1, 0, 0, 0);
}

/* In the child, before it returns to the program: what the runner's Popen gave,
   the record going to the socket rec (as fd 3, write-only). */
static void kit_become_test(const struct kit_server *s, char **argv, char *test, char *log, int rec)
{
    static char record[] = "fd:3";
    char dir[4096];
    char *slash;
    int devnull = open("/dev/null", O_RDONLY);
    snprintf(dir, sizeof dir, "%s", log);
    slash = strrchr(dir, '/');
    if (slash != NULL && slash != dir)
        *slash = '\0';
    if (devnull < 0 || dup2(devnull, 0) < 0 || setsid() < 0 ||
        (slash != NULL && slash != dir && chdir(dir) != 0) ||
        kit_to(log, ".out", 1, O_WRONLY | O_CREAT | O_TRUNC) != 0 ||
        kit_to(log, ".err", 2, O_WRONLY | O_CREAT | O_TRUNC) != 0 ||
        (rec != 3 && dup2(rec, 3) != 3) || shutdown(3, SHUT_RD) != 0)
        _exit(126);
    if (syscall(SYS_close_range, 4u, ~0u, 0u) != 0)
        for (int fd = 4; fd < 1024; fd++)
            close(fd);
    /* The server ends the child at s->cpu s of CPU (kit_wait). The kernel's own limit is
       only a backstop one second later: it counts CPU time in whole scheduler ticks,
       which run ahead of the precise time wait4 and /proc report (here it killed at
       0.84-0.94 s for a 1 s limit), so at s->cpu it would kill first, with less than
       s->cpu s on record: a plain SIGKILL, a CRASH instead of a TIMEOUT. */
    kit_child_limits(s, s->cpu + 1);
    /* kit_record.c's kit_side_exit may end the test with _exit(0) (kit_quick_end.c),
       but not when LeakSanitizer is on (make check): its scan runs at exit() */
    kit_forked_test = !kit_leak_scan_on();
    argv[2] = test;
    argv[4] = record;
}

/* -- a batch: many tests in one child (grading) ----------------------------- */

/* A request line "*<TAB>TEST<TAB>RECORD<TAB>TEST<TAB>RECORD..." asks for a batch: the
   tests run one after the other in one child (one fork, not one a test), as long as each
   ends well. The client asks for one only for a student's object that can keep nothing
   from one test to the next (build.py, batchable: no writable static data, nothing
   referenced beyond math, memory and string functions, no system call of its own) and
   only without LeakSanitizer (grading). The child scrubs its stack before each test
   (kit_main.c) and ASan fills every byte malloc returns (max_malloc_fill_size, run.py),
   as a test run alone does: what a test reads before writing is the same either way.
   Between two tests the child tells the server on a control socket ('D': the test's
   record is complete) and waits ('G'): the server saves the record, reports the test
   (S 0 <CPU µs>) and checks the limits per test. A test during which the child ends in
   any way (a crash, a sanitizer, exit, a limit, the runner's kill) is run again alone,
   exactly as a single request runs it, and its verdict is that run's; the batch goes on
   after it in a new child. So no verdict depends on the batch. */
#define KIT_BATCH_MAX 4096
#define KIT_BATCH_CTL 4 /* the child's control socket */
#define KIT_BATCH_REC 5 /* the child's copy of the record socket: fd 3 is a dup of it per test */
static char *kit_batch_tests[KIT_BATCH_MAX], *kit_batch_logs[KIT_BATCH_MAX];
static size_t kit_batch_n, kit_batch_at; /* in the child: the tests it runs, the next one */
static int kit_batch_child, kit_batch_began;

/* In a batch child (kit_main.c): the next test's name, with its output, errors and
   record (fd 3) set up as a single child's are; never returns when none is left. */
const char *kit_batch_next(void)
{
    char c = 'D', dir[4096], *slash;
    const char *log;
    if (!kit_batch_child)
        return NULL;
    if (kit_batch_began && (write(KIT_BATCH_CTL, &c, 1) != 1 || read(KIT_BATCH_CTL, &c, 1) != 1 ||
                            c != 'G'))
        _exit(0); /* the server saw the last test end, or is gone */
    kit_batch_began = 1;
    if (kit_batch_at >= kit_batch_n)
        _exit(0);
    log = kit_batch_logs[kit_batch_at];
    snprintf(dir, sizeof dir, "%s", log);
    slash = strrchr(dir, '/');
    if (slash != NULL && slash != dir)
        *slash = '\0';
    if ((slash != NULL && slash != dir && chdir(dir) != 0) ||
        kit_to(log, ".out", 1, O_WRONLY | O_CREAT | O_TRUNC) != 0 ||
        kit_to(log, ".err", 2, O_WRONLY | O_CREAT | O_TRUNC) != 0 ||
        dup2(KIT_BATCH_REC, 3) != 3)
        _exit(126);
    return kit_batch_tests[kit_batch_at++];
}

/* In the child of a batch: as kit_become_test, but the files of each test are set up by
   kit_batch_next; the control socket is fd 4, the record socket fd 5. */
static void kit_become_batch(const struct kit_server *s, char **argv, size_t first, size_t n,
                             int rec, int ctl)
{
    static char batch[] = "*";
    int devnull = open("/dev/null", O_RDONLY);
    if (devnull < 0 || dup2(devnull, 0) < 0 || setsid() < 0 || dup2(rec, KIT_BATCH_REC) < 0 ||
        dup2(ctl, KIT_BATCH_CTL) < 0 || shutdown(KIT_BATCH_REC, SHUT_RD) != 0)
        _exit(126);
    if (syscall(SYS_close_range, 6u, ~0u, 0u) != 0)
        for (int fd = 6; fd < 1024; fd++)
            close(fd);
    if (devnull > 5)
        close(devnull);
    /* per test the server's (kit_serve_batch); the kernel's, for the whole batch, only a
       backstop: a child it ends has its test run again alone */
    kit_child_limits(s, 30 * (s->cpu + 1));
    kit_forked_test = 1;
    kit_batch_child = 1;
    kit_batch_at = first;
    kit_batch_n = n;
    argv[2] = batch;
    argv[4] = batch;
}

#define KIT_RECORD_CAP ((size_t)256 << 20) /* bytes of one test's record */
#define KIT_RECORD_KEEP ((size_t)1 << 20)  /* up to this, the buffer's pages stay */

struct kit_buf {
    char *data; /* KIT_RECORD_CAP bytes reserved once (mmap): no copy as it grows */
    size_t len;
    int more; /* bytes past KIT_RECORD_CAP were dropped */
};

/* Read what is in the socket now (non-blocking); 0 at its end. Raw system calls:
   the server's copy of a big record is not checked byte by byte by the sanitizer. */
static int kit_drain(int fd, struct kit_buf *b)
{
    static char sink[65536];
    for (;;) {
        long r;
        if (b->len < KIT_RECORD_CAP)
            r = syscall(SYS_read, fd, b->data + b->len, KIT_RECORD_CAP - b->len);
        else {
            r = syscall(SYS_read, fd, sink, sizeof sink);
            if (r > 0)
                b->more = 1;
        }
        if (r > 0 && b->len < KIT_RECORD_CAP)
            b->len += (size_t)r;
        if (r == 0)
            return 0;
        if (r < 0)
            return errno == EINTR ? 1 : (errno == EAGAIN ? 1 : 0);
    }
}

/* The record, written by the server to a new file at log (whatever the child left
   there is removed first, never followed). A cut record ends with 'X': never complete. */
static void kit_save(const char *log, const struct kit_buf *b)
{
    int fd;
    size_t done = 0;
    (void)unlink(log);
    fd = open(log, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return;
    while (done < b->len) {
        long w = syscall(SYS_write, fd, b->data + done, b->len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    if (b->more && write(fd, "X", 1) != 1)
        done = 0;
    close(fd);
    if (b->len > KIT_RECORD_KEEP) /* give a big record's pages back; a small one's are */
        (void)madvise(b->data, b->len, MADV_DONTNEED); /* reused (not zeroed again) */
}

/* Wait for the child, draining its record; its status, 86 when it passed the
   memory limit, -SIGXCPU when it used its CPU time. *cpu_us: the CPU time it used. */
static long kit_wait(const struct kit_server *s, pid_t pid, const char *log, long *cpu_us, int rec,
                     struct kit_buf *b)
{
    int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    int st = 0, open_rec = 1, over_cpu = 0;
    long over_mb = 0, last = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    for (;;) {
        struct timespec now;
        pid_t w;
        struct pollfd p[2];
        int n = 0;
        if (pidfd >= 0) {
            p[n].fd = pidfd;
            p[n].events = POLLIN;
            p[n++].revents = 0;
        }
        if (open_rec) {
            p[n].fd = rec;
            p[n].events = POLLIN;
            p[n++].revents = 0;
        }
        if (n > 0)
            (void)poll(p, (nfds_t)n, 50);
        else {
            struct timespec t = { 0, 1000000 };
            nanosleep(&t, NULL);
        }
        if (open_rec && !kit_drain(rec, b))
            open_rec = 0;
        w = wait4(pid, &st, WNOHANG, &ru);
        if (w == pid)
            break;
        if (w < 0 && errno != EINTR) {
            st = 0;
            break;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec * 1000L + now.tv_nsec / 1000000L - last < 20)
            continue; /* the checks below: every 20 ms at most */
        last = now.tv_sec * 1000L + now.tv_nsec / 1000000L;
        if (kit_cpu_us(pid) >= s->cpu * 1000000L)
            over_cpu = 1;
        else if (s->rss_mb > 0) {
            long mb = kit_footprint_mb(pid);
            if (mb > s->rss_mb)
                over_mb = mb;
        }
        if (over_cpu || over_mb) {
            kill(pid, SIGKILL);
            while (wait4(pid, &st, 0, &ru) < 0 && errno == EINTR)
                ;
            break;
        }
    }
    if (pidfd >= 0)
        close(pidfd);
    if (open_rec) /* what is left: the child has ended, the socket has no writer */
        (void)kit_drain(rec, b);
    kit_save(log, b);
    *cpu_us = kit_us(&ru);
    if (over_mb) {
        char path[4096], msg[160];
        int fd, n;
        snprintf(path, sizeof path, "%s.err", log);
        fd = open(path, O_WRONLY | O_APPEND | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        n = snprintf(msg, sizeof msg, "==%d==AddressSanitizer: hard rss limit exhausted "
                     "(%ldMb vs %ldMb)\n", (int)pid, s->rss_mb, over_mb);
        if (fd >= 0) {
            if (n > 0 && write(fd, msg, (size_t)n) != n)
                n = 0;
            close(fd);
        }
        return 86; /* the sanitizer's exit code (run.py ASAN_EXIT) */
    }
    if (over_cpu || (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL && *cpu_us >= s->cpu * 1000000L - 20000))
        return -SIGXCPU; /* its CPU time ran out (the server's kill or the hard limit's) */
    if (WIFEXITED(st))
        return WEXITSTATUS(st);
    return WIFSIGNALED(st) ? -(long)WTERMSIG(st) : -1;
}

/* The child's CPU time so far, in µs: /proc/PID/schedstat (ns), else /proc/PID/stat. */
static long kit_run_us(pid_t pid)
{
    char buf[128];
    unsigned long long ns;
    if (kit_read_proc(pid, "schedstat", buf, sizeof buf) > 0 && sscanf(buf, "%llu", &ns) == 1)
        return (long)(ns / 1000ULL);
    return kit_cpu_us(pid);
}

/* A socket pair for a child's record: big buffers, a big record in few trips (up to the
   system's wmem_max; no error if less). 0 when made. */
static int kit_record_pair(int rec[2])
{
    int size = 4 << 20;
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, rec) != 0) {
        rec[0] = rec[1] = -1;
        return -1;
    }
    (void)setsockopt(rec[1], SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    (void)setsockopt(rec[0], SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
    return 0;
}

/* One test in a child of its own. Returns 1 in that child (ready to run its test), 0 in
   the server once it has answered (P then S, or E). *used: the server's own CPU already
   reported. */
static int kit_serve_one(const struct kit_server *s, char **argv, char *test, char *log,
                         char *recbuf, long *used)
{
    pid_t pid;
    int rec[2];
    struct kit_buf b;
    long status, cpu_us = 0, mine;
    struct rusage self;
    if (kit_record_pair(rec) != 0) {
        kit_say(s->rep, 'E', errno, 0);
        return 0;
    }
    pid = fork();
    if (pid == 0) {
        close(rec[0]);
        (void)munmap(recbuf, KIT_RECORD_CAP); /* none of the test's address space */
        kit_become_test(s, argv, test, log, rec[1]);
        return 1;
    }
    close(rec[1]);
    (void)shutdown(rec[0], SHUT_WR);
    if (pid < 0) {
        close(rec[0]);
        kit_say(s->rep, 'E', errno, 0);
        return 0;
    }
    (void)fcntl(rec[0], F_SETFL, O_NONBLOCK);
    memset(&b, 0, sizeof b);
    b.data = recbuf;
    kit_say(s->rep, 'P', (long)pid, 0);
    status = kit_wait(s, pid, log, &cpu_us, rec[0], &b);
    close(rec[0]);
    getrusage(RUSAGE_SELF, &self); /* the fork and the wait: the server's share */
    mine = kit_us(&self);
    kit_say(s->rep, 'S', status, cpu_us + mine - *used);
    *used = mine;
    return 0;
}

/* Wait in a batch until the child says its test ended ('D': 1), or it ends or passes a
   limit (0: it is reaped). test_us: the child's CPU when the test began. */
static int kit_batch_wait(const struct kit_server *s, pid_t pid, int rec, int ctl,
                          struct kit_buf *b, long test_us)
{
    int st;
    long last = 0;
    for (;;) {
        struct pollfd p[2];
        struct timespec now;
        char c;
        p[0].fd = ctl;
        p[0].events = POLLIN;
        p[0].revents = 0;
        p[1].fd = rec;
        p[1].events = POLLIN;
        p[1].revents = 0;
        (void)poll(p, 2, 20);
        (void)kit_drain(rec, b);
        if (p[0].revents != 0) {
            ssize_t r = read(ctl, &c, 1);
            if (r == 1 && c == 'D') {
                (void)kit_drain(rec, b); /* all it wrote before 'D' is in the socket */
                return 1;
            }
            if (r < 0 && errno == EINTR)
                continue;
            break; /* the child ended (or wrote what it should not) */
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
        if (now.tv_sec * 1000L + now.tv_nsec / 1000000L - last < 20)
            continue;
        last = now.tv_sec * 1000L + now.tv_nsec / 1000000L;
        if (waitpid(pid, &st, WNOHANG) == pid)
            return 0;
        if (kit_run_us(pid) - test_us >= s->cpu * 1000000L ||
            (s->rss_mb > 0 && kit_footprint_mb(pid) > s->rss_mb))
            break; /* over its CPU time or memory: run again alone, it is judged there */
    }
    kill(pid, SIGKILL);
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    return 0;
}

/* A batch (see kit_batch_next). Returns 1 in a child (ready to run its tests), 0 in the
   server once every test has its answer. */
static int kit_serve_batch(const struct kit_server *s, char **argv, size_t n, char *recbuf,
                           long *used)
{
    size_t i = 0;
    while (i < n) {
        int rec[2] = { -1, -1 }, ctl[2], st;
        pid_t pid;
        long test_us = 0;
        struct kit_buf b;
        if (kit_record_pair(rec) != 0 || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, ctl) != 0) {
            if (rec[0] >= 0) {
                close(rec[0]);
                close(rec[1]);
            }
            if (kit_serve_one(s, argv, kit_batch_tests[i], kit_batch_logs[i], recbuf, used))
                return 1;
            i++;
            continue;
        }
        pid = fork();
        if (pid == 0) {
            close(rec[0]);
            close(ctl[0]);
            (void)munmap(recbuf, KIT_RECORD_CAP);
            kit_become_batch(s, argv, i, n, rec[1], ctl[1]);
            return 1;
        }
        close(rec[1]);
        close(ctl[1]);
        (void)shutdown(rec[0], SHUT_WR);
        if (pid < 0) {
            close(rec[0]);
            close(ctl[0]);
            if (kit_serve_one(s, argv, kit_batch_tests[i], kit_batch_logs[i], recbuf, used))
                return 1;
            i++;
            continue;
        }
        (void)fcntl(rec[0], F_SETFL, O_NONBLOCK);
        memset(&b, 0, sizeof b);
        b.data = recbuf;
        kit_say(s->rep, 'B', (long)pid, (long)i);
        while (i < n && kit_batch_wait(s, pid, rec[0], ctl[0], &b, test_us)) {
            long now_us = kit_run_us(pid), mine;
            struct rusage self;
            char go = 'G';
            kit_save(kit_batch_logs[i], &b);
            b.len = 0;
            b.more = 0;
            getrusage(RUSAGE_SELF, &self);
            mine = kit_us(&self);
            kit_say(s->rep, 'S', 0, now_us - test_us + mine - *used);
            *used = mine;
            test_us = now_us;
            if (++i < n && write(ctl[0], &go, 1) != 1)
                break;
        }
        close(ctl[0]); /* the last test's 'D' answered by the end of the socket: it exits */
        close(rec[0]);
        kill(pid, SIGKILL);
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
            ;
        if (i < n) { /* it ended during test i: that test alone, as a single request */
            if (kit_serve_one(s, argv, kit_batch_tests[i], kit_batch_logs[i], recbuf, used))
                return 1;
            i++;
        }
    }
    return 0;
}

/* Split "*<TAB>T<TAB>R<TAB>T<TAB>R..." (after the "*<TAB>") into kit_batch_tests/logs;
   the number of tests, 0 when the line is not a batch. */
static size_t kit_batch_parse(char *fields)
{
    size_t n = 0;
    while (fields != NULL && *fields != '\0' && n < KIT_BATCH_MAX) {
        char *tab = strchr(fields, '\t'), *next;
        if (tab == NULL)
            return 0;
        *tab = '\0';
        next = strchr(tab + 1, '\t');
        if (next != NULL)
            *next++ = '\0';
        kit_batch_tests[n] = fields;
        kit_batch_logs[n++] = tab + 1;
        fields = next;
    }
    return fields == NULL || *fields == '\0' ? n : 0;
}

/* Returns only in a child, ready to run its test (or its batch). */
static void kit_serve(const struct kit_server *s, char **argv)
{
    static char line[1 << 20];
    long used = 0; /* the server's own CPU already reported */
    char *recbuf = mmap(NULL, KIT_RECORD_CAP, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (recbuf == MAP_FAILED)
        _exit(0);
    /* no child needs it (each unmaps it first): fork() then copies none of its page
       tables, which fill as records pass through */
    (void)madvise(recbuf, KIT_RECORD_CAP, MADV_DONTFORK);
    (void)prctl(PR_SET_DUMPABLE, 0, 0, 0, 0); /* a child cannot open its pipes through /proc */
    while (kit_line(s->req, line, sizeof line)) {
        char *tab = strchr(line, '\t');
        if (tab == NULL) {
            kit_say(s->rep, 'E', 0, 0);
            continue;
        }
        *tab = '\0';
        if (strcmp(line, "*") == 0) {
            size_t n = kit_batch_parse(tab + 1);
            if (n == 0)
                kit_say(s->rep, 'E', 0, 0);
            else if (kit_serve_batch(s, argv, n, recbuf, &used))
                return;
            continue;
        }
        if (kit_serve_one(s, argv, line, tab + 1, recbuf, &used))
            return;
    }
    _exit(0);
}

static int kit_server_spec(struct kit_server *s, int argc, char **argv)
{
    const char *spec = getenv("KIT_FORK_SERVER");
    if (spec == NULL || argc != 5 || argv == NULL || strcmp(argv[2], "-") != 0 ||
        strcmp(argv[4], "-") != 0)
        return 0;
    return sscanf(spec, "%d,%d,%ld,%ld,%ld,%ld,%ld", &s->req, &s->rep, &s->rss_mb, &s->cpu,
                  &s->fsize, &s->nproc, &s->as) == 7;
}

/* Before the default-priority constructors (the student's). glibc passes
   main's argc and argv to the constructors of the program. */
__attribute__((constructor(101))) static void kit_nofork_init(int argc, char **argv, char **envp)
{
    struct kit_server server;
    (void)envp;
    if (kit_server_spec(&server, argc, argv))
        kit_serve(&server, argv); /* returns in each child only */
    if (getenv("KIT_ALLOW_FORK") != NULL)
        return;
    kit_no_processes(kit_leak_scan_on());
}
#else
/* Elsewhere: no filter (the grader's process count still applies). */
typedef int kit_nofork_unused;
#endif
