/*
 * kit_quick_end.c — linked into a subject only when build.py found nothing in the
 * student's object that could run code or hold unwritten data at exit (no atexit,
 * on_exit, __cxa_atexit, no FILE of its own, no stdout buffering of its own, no thread,
 * no signal handler or timer, no dlsym): then a test forked by the grader's server ends
 * with _exit(0) once its record is complete (kit_record.c, kit_side_exit), the same
 * verdict as exit(0), without the exit handlers' and destructors' cost.
 */
#define KIT_HARNESS 1
const int kit_quick_end = 1;
