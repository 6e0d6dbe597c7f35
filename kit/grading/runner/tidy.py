"""Files a student's process could have touched, handled without trusting them:
never follow a link, never block on a FIFO or a device, never read more than a
cap, never recurse (a 3000-level folder is removed like a flat one), never
raise. Used by the runner inside the sandbox (kit/grading/runner/runner.py) and by
the grader outside it (kit/grading/sandbox.py, stage.py, grade.py).
"""
import os
import stat
import threading

_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOCTTY


def hard_limits(pairs):
    """A preexec_fn that sets each (resource, value) of pairs with hard = soft, so the
    process it starts (and all it starts) can never raise one again. The one way the
    grader sets a limit: the runner's tests, the sandbox's weaker levels, the compiler,
    the judge."""
    pairs = [(what, int(value)) for what, value in pairs]

    def apply():
        import resource
        for what, value in pairs:
            resource.setrlimit(what, (value, value))
    return apply


def live_pids(keep=lambda pid: True):
    """The pids of /proc that keep(pid) accepts, zombies left out (they are dead)."""
    out = []
    for name in os.listdir("/proc"):
        if name.isdigit() and keep(int(name)):
            try:
                with open(f"/proc/{name}/stat") as f:
                    if f.read().rsplit(")", 1)[1].split()[0] != "Z":
                        out.append(int(name))
            except (OSError, IndexError):
                pass
    return out


def read_capped(path, cap, dir_fd=None):
    """(the first cap bytes, True when there was more) of the regular file at path,
    or None when it is missing, a link, a FIFO, a device, a folder..."""
    try:
        fd = os.open(path, _FLAGS, dir_fd=dir_fd)
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        chunks, n = [], 0
        while n <= cap:
            b = os.read(fd, min(1 << 20, cap + 1 - n))
            if not b:
                break
            chunks.append(b)
            n += len(b)
        data = b"".join(chunks)
        return data[:cap], len(data) > cap
    except OSError:
        return None
    finally:
        os.close(fd)


def size_of(path):
    """Bytes of the regular file at path (lstat: a link is not followed), 0 otherwise."""
    try:
        st = os.lstat(path)
    except OSError:
        return 0
    return st.st_size if stat.S_ISREG(st.st_mode) else 0


def write_new(path, data):
    """Write data to a new file at path (what was there, a link or a FIFO, removed
    first; never followed). True on success."""
    try:
        os.unlink(path)
    except OSError:
        pass
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError:
        return False
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def move_regular(path, dest, cap):
    """Move the file at path to dest (a new name in a folder of the caller's) when it is
    a regular file (not a link, a FIFO or a device), with one name only (not a hard link
    to a file elsewhere) and at most cap bytes: no copy of a big record. False (nothing
    moved) otherwise. Only when nothing else can touch path any more (the test has ended)."""
    try:
        fd = os.open(path, _FLAGS)
    except OSError:
        return False
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_nlink != 1 or st.st_size > cap:
            return False
        same = os.lstat(path)
        if (same.st_dev, same.st_ino) != (st.st_dev, st.st_ino):
            return False
        os.rename(path, dest)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)




def _opendir(name, dir_fd):
    flags = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC
    try:
        return os.open(name, flags, dir_fd=dir_fd)
    except PermissionError:
        pass
    except OSError:
        return None
    try:                       # its owner made it unreadable (chmod 000): give it back
        p = os.open(name, os.O_PATH | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC, dir_fd=dir_fd)
        try:
            os.chmod(f"/proc/self/fd/{p}", 0o700)
        finally:
            os.close(p)
        return os.open(name, flags, dir_fd=dir_fd)
    except OSError:
        return None


def empty(path, keep=(), limit=200000):
    """Remove every entry of the folder path but the names in keep (at its top), at
    any depth, on path's own file system only (a bind mount inside is left), with
    no recursion: each subfolder met is moved up to path's top level and emptied
    there, so neither the depth nor the length of a path matters. At most limit
    entries. Returns (bytes of the files removed, entries left because of the limit
    or an error); never raises."""
    top = _opendir(path, None)
    if top is None:
        return 0, 0
    freed, seen, left, k = 0, 0, 0, 0
    try:
        dev = os.fstat(top).st_dev
        pending = [None]            # None: path itself; else a name at path's top
        while pending:
            name = pending.pop()
            fd = top if name is None else _opendir(name, top)
            if fd is None:
                left += 1
                continue
            try:
                try:
                    names = os.listdir(fd)
                except OSError:
                    names = []
                    left += 1
                for entry in names:
                    if name is None and entry in keep:
                        continue
                    seen += 1
                    if seen > limit:
                        left += 1
                        continue
                    try:
                        st = os.lstat(entry, dir_fd=fd)
                    except OSError:
                        continue
                    if stat.S_ISDIR(st.st_mode):
                        if st.st_dev != dev:
                            left += 1
                            continue
                        if name is None:
                            pending.append(entry)
                            continue
                        k += 1
                        up = f".kit-rm-{os.getpid()}-{k}"
                        try:
                            os.rename(entry, up, src_dir_fd=fd, dst_dir_fd=top)
                            pending.append(up)
                        except OSError:
                            left += 1
                        continue
                    try:
                        os.unlink(entry, dir_fd=fd)
                        freed += st.st_blocks * 512
                    except OSError:
                        left += 1
            finally:
                if fd != top:
                    os.close(fd)
            if name is not None:
                try:
                    os.rmdir(name, dir_fd=top)
                except OSError:
                    left += 1
    except Exception:          # noqa: BLE001 — cleaning never stops the run
        left += 1
    finally:
        os.close(top)
    return freed, left


def remove_tree(path, limit=200000):
    """Remove the folder path and everything in it (see empty); never raises.
    True when it is gone."""
    try:
        st = os.lstat(path)
    except OSError:
        return True
    try:
        if not stat.S_ISDIR(st.st_mode):
            os.unlink(path)
            return True
        empty(path, (), limit)
        os.rmdir(path)
        return True
    except OSError:
        return False


class Drain:
    """Read a pipe to its end in a thread, keeping at most cap bytes (more: cut,
    and .more is set). The writer's side is closed by the caller after the fork."""

    def __init__(self, fd, cap):
        self.fd, self.cap = fd, cap
        self.chunks, self.n, self.more = [], 0, False
        self.t = threading.Thread(target=self._run, daemon=True)
        self.t.start()

    def _run(self):
        try:
            while True:
                b = os.read(self.fd, 1 << 16)
                if not b:
                    break
                if self.n + len(b) > self.cap:
                    b = b[:max(0, self.cap - self.n)]
                    self.more = True
                if b:
                    self.chunks.append(b)
                    self.n += len(b)
        except OSError:
            pass

    def result(self, timeout=5.0):
        """The bytes read (a cut record gets a last byte 'X': never complete)."""
        self.t.join(timeout)
        if self.t.is_alive():      # a writer still holds the pipe: what came so far
            self.more = True
        try:
            os.close(self.fd)
        except OSError:
            pass
        data = b"".join(self.chunks)
        return data + b"X" if self.more else data
