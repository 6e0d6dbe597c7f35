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
 */
#define KIT_HARNESS 1 /* the harness itself: see kit_test.h */
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__) && (defined(__x86_64__) || defined(__aarch64__))
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

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
    struct sock_filter f[] = {
        KIT_LD(arch),
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, KIT_AUDIT_ARCH, 1, 0),
        KIT_RET(SECCOMP_RET_KILL_PROCESS),                         /* another ABI: refuse  */
        KIT_LD(nr),
#ifdef __NR_fork
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_fork, 8, 0),      /* -> kill              */
#else
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xffffffffu, 8, 0),
#endif
#ifdef __NR_vfork
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_vfork, 7, 0),     /* -> kill              */
#else
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0xffffffffu, 7, 0),
#endif
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone3, 8, 0),    /* -> ENOSYS: libc falls back to clone */
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_clone, 0, 6),     /* not clone -> allow   */
        KIT_LD(args[0]),                                           /* clone's flags        */
        BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 4, 0),  /* a thread -> allow    */
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, allow_lsan ? KIT_LSAN_CLONE : 0xffffffffu, 3, 0),
        BPF_STMT(BPF_JMP | BPF_JA, 0),
        KIT_RET(SECCOMP_RET_KILL_PROCESS),                         /* a new process: kill  */
        KIT_RET(SECCOMP_RET_KILL_PROCESS),
        KIT_RET(SECCOMP_RET_ALLOW),
        KIT_RET(SECCOMP_RET_ERRNO | ENOSYS),
    };
    struct sock_fprog prog;
    prog.len = (unsigned short)(sizeof f / sizeof f[0]);
    prog.filter = f;
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0)
        (void)prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog);
}

/* Before the default-priority constructors (the student's). */
__attribute__((constructor(101))) static void kit_nofork_init(void)
{
    const char *asan = getenv("ASAN_OPTIONS");
    if (getenv("KIT_ALLOW_FORK") != NULL)
        return;
    /* LeakSanitizer is on unless ASAN_OPTIONS turns it off */
    kit_no_processes(asan == NULL || strstr(asan, "detect_leaks=0") == NULL);
}
#else
/* Elsewhere: no filter (the grader's process count still applies). */
typedef int kit_nofork_unused;
#endif
