"""Reading what students hand in (make grade's first stage).

An entry of SUBMISSIONS is one student: a folder, a .tar.gz/.tgz/.tar, a .zip
or a bare .c file. Only the files the kit takes (the chapters' student files,
by name) are read; everything else is ignored whatever its size — a whole
release folder with its figures and build/ is fine. Archives are read member
by member in Python, never extracted. What is refused, with the reason:
- a taken file that is a link, a device or not a regular file;
- a taken file whose path could escape the folder (.. or absolute);
- a taken file over MAX_FILE bytes, or over MAX_TOTAL taken in all;
- more than MAX_MEMBERS members (an archive bomb), a damaged archive.
Zips made on Windows (backslash separators) are read as such.
"""
import os
import re
import stat
import tarfile
import zipfile

MAX_MEMBERS = 20000          # members of one archive or files of one folder
MAX_FILE = 1 << 20           # bytes of one taken file
MAX_TOTAL = 20 << 20         # bytes of all taken files
ARCHIVE_EXT = (".tar.gz", ".tgz", ".tar", ".zip")


class Rejected(Exception):
    """The submission itself is unusable (unsafe or malformed)."""


def _parts(name, windows=False):
    """A member path as a tuple of parts, or None when it could escape the folder."""
    if windows:
        name = name.replace("\\", "/")
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name) or "\0" in name:
        return None
    parts = tuple(p for p in name.split("/") if p not in ("", "."))
    if any(p == ".." for p in parts):
        return None
    return parts


class _Budget:
    def __init__(self):
        self.count = 0
        self.total = 0

    def member(self):
        self.count += 1
        if self.count > MAX_MEMBERS:
            raise Rejected(f"more than {MAX_MEMBERS} files or members")

    def take(self, name, size):
        if size > MAX_FILE:
            raise Rejected(f"{name!r} is {size} bytes (a chapter file may have {MAX_FILE})")
        self.total += size
        if self.total > MAX_TOTAL:
            raise Rejected(f"the chapter files hold more than {MAX_TOTAL >> 20} MiB in all")


def _read_limited(f, name):
    data = f.read(MAX_FILE + 1)
    if len(data) > MAX_FILE:
        raise Rejected(f"{name!r} is larger than {MAX_FILE} bytes")
    return data


def _wanted_name(name, wanted, windows=False):
    base = (name.replace("\\", "/") if windows else name).rstrip("/").rsplit("/", 1)[-1]
    return base in wanted


def _taken(name, wanted, windows=False, notes=None):
    """The parts of a member the kit takes, None if it is not taken; Rejected when
    a taken member's path is unsafe. An unsafe member that is not taken is only
    noted (it is never extracted, so it cannot do harm)."""
    if not _wanted_name(name, wanted, windows):
        if notes is not None and _parts(name, windows) is None:
            notes.append(f"ignored the member {name!r}: its path is absolute or leaves the folder")
        return None
    parts = _parts(name, windows)
    if parts is None:
        raise Rejected(f"{name!r} has an absolute path or one that leaves the folder (..)")
    return parts


MAX_DEPTH = 24          # folder levels looked into in a submission folder


def _read_folder(path, wanted, budget):
    files = {}
    top = path.rstrip(os.sep).count(os.sep)
    for dirpath, dirnames, filenames in os.walk(path, followlinks=False):
        if dirpath.count(os.sep) - top >= MAX_DEPTH:
            dirnames[:] = []    # an exercise file is never this deep: no walk without bound
        dirnames.sort()
        for name in sorted(filenames) + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]:
            budget.member()
            if name not in wanted:
                continue
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, path)
            st = os.lstat(full)
            if stat.S_ISLNK(st.st_mode):
                raise Rejected(f"{rel!r} is a symbolic link")
            if not stat.S_ISREG(st.st_mode):
                raise Rejected(f"{rel!r} is not a regular file")
            budget.take(rel, st.st_size)
            with open(full, "rb") as f:
                files[tuple(rel.split(os.sep))] = _read_limited(f, rel)
    return files


def _read_zip(path, wanted, budget, notes):
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        raise Rejected(f"not a readable zip archive ({e})")
    files = {}
    with z:
        for info in z.infolist():
            budget.member()
            # made on Windows (create_system 0) or written with backslashes by its tools
            windows = info.create_system == 0 or "\\" in info.filename
            if info.is_dir() or info.filename.endswith("\\"):
                continue
            parts = _taken(info.filename, wanted, windows, notes)
            if parts is None:
                continue
            mode = info.external_attr >> 16
            if mode & 0o170000 and not stat.S_ISREG(mode):
                kind = "a symbolic link" if stat.S_ISLNK(mode) else "not a regular file"
                raise Rejected(f"{info.filename!r} is {kind}")
            budget.take(info.filename, info.file_size)
            try:
                with z.open(info) as f:
                    files[parts] = _read_limited(f, info.filename)
            except (zipfile.BadZipFile, RuntimeError, NotImplementedError, OSError) as e:
                raise Rejected(f"{info.filename!r} cannot be read ({e})")
    return files


def _read_tar(path, wanted, budget, notes):
    import zlib
    try:
        t = tarfile.open(path, "r:*")
    except (tarfile.TarError, OSError) as e:
        raise Rejected(f"not a readable tar archive ({e})")
    files = {}
    try:
        with t:
            for m in t:
                budget.member()
                if m.isdir():
                    continue
                parts = _taken(m.name, wanted, notes=notes)
                if parts is None:
                    continue
                if m.issym() or m.islnk():
                    raise Rejected(f"{m.name!r} is a link (to {m.linkname!r})")
                if not m.isreg():
                    raise Rejected(f"{m.name!r} is a device, fifo or other special file")
                budget.take(m.name, m.size)
                files[parts] = _read_limited(t.extractfile(m), m.name)
    except (tarfile.TarError, EOFError, OSError, zlib.error) as e:
        raise Rejected(f"the archive is damaged ({e})")
    return files


def read_submission(path, wanted, single_file=None, notes=None):
    """{path-tuple: bytes} of the taken members (names in wanted). Raises Rejected.
    notes (a list) gets a line for each member ignored for a reason worth telling.
    single_file: the one file name a bare .c entry stands for (one chapter with
    one file is being graded), or None."""
    budget = _Budget()
    notes = [] if notes is None else notes
    if os.path.islink(path):
        raise Rejected("the submission is a symbolic link")
    if os.path.isdir(path):
        return _read_folder(path, wanted, budget)
    low = path.lower()
    if low.endswith(".zip"):
        return _read_zip(path, wanted, budget, notes)
    if low.endswith((".tar.gz", ".tgz", ".tar")):
        return _read_tar(path, wanted, budget, notes)
    if low.endswith(".c"):
        name = os.path.basename(path)
        if name not in wanted:
            if single_file is None:
                raise Rejected(f"a bare .c file is taken when it is named like a chapter file "
                               f"({', '.join(sorted(wanted)[:3])}, …) or when one chapter is graded "
                               "(GRADE_CHAPTERS=N)")
            name = single_file
        st = os.lstat(path)
        if not stat.S_ISREG(st.st_mode):
            raise Rejected("the submission is not a regular file")
        budget.take(os.path.basename(path), st.st_size)
        with open(path, "rb") as f:
            return {(name,): _read_limited(f, os.path.basename(path))}
    raise Rejected("not a folder, .tar.gz, .tgz, .tar, .zip or .c file")


def locate(files, ch):
    """{file name: bytes} for the chapter, from the submission's members.
    A member under a folder named like the chapter wins; else the shortest path."""
    out, notes = {}, []
    for name in ch.student_files():
        cands = [p for p in files if p[-1] == name]
        best = [p for p in cands if len(p) >= 2 and p[-2] == ch.slug]
        pick = sorted(best or cands, key=lambda p: (len(p), p))
        if not pick:
            continue
        if len(pick) > 1:
            notes.append(f"{ch.slug}: several {name}; used {'/'.join(pick[0])}")
        out[name] = files[pick[0]]
    return out, notes


def student_id(entry):
    name = os.path.basename(entry.rstrip("/"))
    for ext in ARCHIVE_EXT + (".c",):
        if name.lower().endswith(ext):
            name = name[: -len(ext)]
            break
    return re.sub(r"[^A-Za-z0-9._-]", "_", name).strip("._") or "student"


def entries_of(folder):
    return [os.path.join(folder, n) for n in sorted(os.listdir(folder)) if not n.startswith(".")]
