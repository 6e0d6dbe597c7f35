"""Writing files safely and knowing when a product is up to date: the one content-hash
cache (build products, figures, the grading cache key) and the one atomic write."""
import hashlib
import os


def digest(parts=(), files=()):
    """A hex SHA-256 of the strings parts and of every file (its path, then its bytes;
    a missing file counts as missing, so it shows when it appears)."""
    h = hashlib.sha256("\0".join(parts).encode())
    for p in sorted(set(files)):
        h.update(p.encode())
        try:
            with open(p, "rb") as f:
                h.update(f.read())
        except OSError:
            h.update(b"<missing>")
    return h.hexdigest()


def fresh(out, key):
    """out exists and was made for key (its stamp file says so)."""
    stamp_path = out + ".stamp"
    if not (os.path.exists(out) and os.path.exists(stamp_path)):
        return False
    with open(stamp_path) as f:
        return f.read() == key


def stamp(out, key):
    """Record that out was made for key (after out is written)."""
    with open(out + ".stamp", "w") as f:
        f.write(key)


def unstamp(out):
    """Forget out's key (before out is rebuilt)."""
    if os.path.exists(out + ".stamp"):
        os.remove(out + ".stamp")


def atomic_write(path, data):
    """Write text or bytes to path so that a reader sees the old file or the new one,
    never a part (a temporary file beside it, then a rename)."""
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)
    os.replace(tmp, path)
