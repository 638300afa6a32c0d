"""Replace or create files so that nothing is lost, and nobody else's file is written.

Every file this package writes (``lint --fix``, ``export -o``, ``import``, the
glossary cache) goes through here:

- the new content goes to a temporary file created in the target's own
  directory with a random name, ``O_EXCL`` and ``O_NOFOLLOW`` (a planted file
  or symlink of that name makes the creation fail, never redirects it); it is
  flushed with ``fsync`` and renamed over the target atomically, so a reader
  sees the old file or the new one, never half of one;
- a **symlink** is written *through*: the file it points to gets the new
  content, and the link stays a link;
- a file with **hard links** or a **read-only** file is refused unless
  ``force`` is given (then a hard-linked file is rewritten in place, so every
  link sees the change, and a read-only one is replaced keeping its mode);
- a file that **changed since it was read** (:func:`read_snapshot`) is refused;
- the **mode** (and, where allowed, the owner) is kept; the bytes are written
  as given, so a caller that keeps the BOM and line endings has them kept.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> (folder / "a.md").write_bytes(b"old")
3
>>> snapshot = read_snapshot(folder / "a.md")
>>> replace_file(snapshot, b"new")
>>> (folder / "a.md").read_bytes(), sorted(p.name for p in folder.iterdir())
(b'new', ['a.md'])
>>> replace_file(snapshot, b"newer")  # the file changed since the snapshot was taken
Traceback (most recent call last):
...
nqp_terms.safe_write.WriteRefused: ...a.md: the file changed since it was read; not written
"""

from __future__ import annotations

import os
import secrets
import stat
from dataclasses import dataclass
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)


class WriteRefused(OSError):
    """A write that was not done, and why; the target is unchanged."""


@dataclass(frozen=True)
class Snapshot:
    """A regular file's content and identity when it was read, to detect a change before writing."""

    path: str  # as given
    real: str  # the file itself, symlinks resolved
    raw: bytes
    device: int
    inode: int
    size: int
    mtime_ns: int
    mode: int
    uid: int
    gid: int
    links: int


def read_snapshot(path: str | os.PathLike[str], *, max_bytes: int | None = None) -> Snapshot:
    """Read a regular file (through symlinks) and remember what it was; raises ``OSError``."""
    real = os.path.realpath(path, strict=True)
    fd = os.open(real, os.O_RDONLY | _NOFOLLOW | _CLOEXEC)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            raise WriteRefused(f"{path}: not a regular file")
        if max_bytes is not None and status.st_size > max_bytes:
            raise WriteRefused(f"{path}: larger than {max_bytes} bytes")
        raw = _read_all(fd)
    finally:
        os.close(fd)
    return Snapshot(os.fspath(path), real, raw, status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns,
                    stat.S_IMODE(status.st_mode), status.st_uid, status.st_gid, status.st_nlink)


def _read_all(fd: int) -> bytes:
    pieces = []
    while True:
        piece = os.read(fd, 1 << 20)
        if not piece:
            return b"".join(pieces)
        pieces.append(piece)


def replace_file(snapshot: Snapshot, data: bytes, *, force: bool = False) -> None:
    """Replace the file of ``snapshot`` with ``data``, if it is unchanged; raises :class:`WriteRefused` or ``OSError``."""
    shown = snapshot.path
    _refuse_unless_forced(shown, snapshot.links, snapshot.mode, snapshot.real, force)
    directory, name = os.path.split(snapshot.real)
    if snapshot.links > 1:  # forced: rewrite the shared inode in place so every link sees the fix
        _rewrite_in_place(directory, name, data, snapshot)
        return
    _atomic_replace(directory, name, data, snapshot.mode, snapshot.uid, snapshot.gid, snapshot)


def write_file(path: str | os.PathLike[str], data: bytes, *, force: bool = False, mode: int = 0o644,
               follow_symlinks: bool = True) -> None:
    """Create ``path`` or replace it atomically (an output file: ``export -o``, the cache).

    An existing symlink is written through; an existing hard-linked or read-only file is refused
    unless ``force``; anything but a regular file is refused.  A new file gets ``mode`` less the umask.
    With ``follow_symlinks`` false (the cache, a directory others may write), whatever is at
    ``path`` is replaced by the new file, a symlink included, and nothing it points to is touched.
    """
    shown = os.fspath(path)
    if not follow_symlinks:
        directory, name = os.path.split(os.path.join(os.path.realpath(os.path.dirname(shown) or "."),
                                                     os.path.basename(shown)))
        _atomic_replace(directory, name, data, mode, None, None, None)
        return
    try:
        real = os.path.realpath(path, strict=True)
    except FileNotFoundError:
        real = os.path.realpath(path)  # a new file: the directory must exist
        directory, name = os.path.split(real)
        umask = os.umask(0)
        os.umask(umask)
        _atomic_replace(directory, name, data, mode & ~umask, None, None, None)
        return
    status = os.stat(real, follow_symlinks=False)
    if not stat.S_ISREG(status.st_mode):
        raise WriteRefused(f"{shown}: exists and is not a regular file; not written")
    _refuse_unless_forced(shown, status.st_nlink, stat.S_IMODE(status.st_mode), real, force)
    directory, name = os.path.split(real)
    if status.st_nlink > 1:
        snapshot = read_snapshot(real)
        _rewrite_in_place(directory, name, data, snapshot)
        return
    _atomic_replace(directory, name, data, stat.S_IMODE(status.st_mode), status.st_uid, status.st_gid, None)


def create_new(path: str | os.PathLike[str], data: bytes, *, mode: int = 0o644) -> None:
    """Create ``path``, which must not exist (not even as a dangling symlink); raises ``FileExistsError``."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, mode)
    try:
        _write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def append_to(path: str | os.PathLike[str], data: bytes, *, mode: int = 0o644) -> None:
    """Append ``data`` to ``path`` (created if missing; a symlink there is refused) in one write, then ``fsync``.

    For a journal that grows a record at a time (the corpus manifest): a reader sees whole records,
    and at most the last one cut short by a crash, which it can tell by its missing line break.
    """
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT | _NOFOLLOW | _CLOEXEC, mode)
    try:
        _write_all(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def _refuse_unless_forced(shown: str, links: int, mode: int, real: str, force: bool) -> None:
    if force:
        return
    if links > 1:
        raise WriteRefused(f"{shown}: has {links} hard links; replacing it would split them (use --force to "
                           "rewrite it in place for every link); not written")
    if not mode & 0o222 or not os.access(real, os.W_OK):
        raise WriteRefused(f"{shown}: the file is read-only (use --force to replace it anyway); not written")


def _atomic_replace(directory: str, name: str, data: bytes, mode: int, uid: int | None, gid: int | None,
                    expected: Snapshot | None) -> None:
    dir_fd = os.open(directory or ".", os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    try:
        temporary, fd = _create_temporary(dir_fd, name)
        try:
            try:
                _write_all(fd, data)
                os.fchmod(fd, mode)
                if uid is not None and gid is not None and (uid, gid) != (os.geteuid(), os.getegid()):
                    try:
                        os.fchown(fd, uid, gid)
                    except PermissionError:
                        raise WriteRefused(f"{os.path.join(directory, name)}: owned by another user; replacing "
                                           "it would change its owner; not written") from None
                os.fsync(fd)
            finally:
                os.close(fd)
            if expected is not None:
                _check_unchanged(dir_fd, name, expected)
            os.rename(temporary, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException:
            try:
                os.unlink(temporary, dir_fd=dir_fd)
            except OSError:
                pass
            raise
        try:
            os.fsync(dir_fd)  # the rename itself survives a crash
        except OSError:
            pass
    finally:
        os.close(dir_fd)


def _create_temporary(dir_fd: int, name: str) -> tuple[str, int]:
    for _ in range(100):
        temporary = f".{name[:100]}.{secrets.token_hex(8)}.nqp-terms-tmp"
        try:
            fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC, 0o600,
                         dir_fd=dir_fd)
        except FileExistsError:
            continue
        return temporary, fd
    raise WriteRefused(f"cannot create a temporary file beside {name}")


def _check_unchanged(dir_fd: int, name: str, expected: Snapshot) -> None:
    try:
        fd = os.open(name, os.O_RDONLY | _NOFOLLOW | _CLOEXEC, dir_fd=dir_fd)
    except OSError:
        raise WriteRefused(f"{expected.path}: the file changed since it was read; not written") from None
    try:
        status = os.fstat(fd)
        same = ((status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
                == (expected.device, expected.inode, expected.size, expected.mtime_ns)) and _read_all(fd) == expected.raw
    finally:
        os.close(fd)
    if not same:
        raise WriteRefused(f"{expected.path}: the file changed since it was read; not written")


def _rewrite_in_place(directory: str, name: str, data: bytes, expected: Snapshot) -> None:
    dir_fd = os.open(directory or ".", os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    try:
        _check_unchanged(dir_fd, name, expected)
        fd = os.open(name, os.O_WRONLY | _NOFOLLOW | _CLOEXEC, dir_fd=dir_fd)
        try:
            os.ftruncate(fd, 0)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
    finally:
        os.close(dir_fd)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def ensure_directory(path: Path) -> None:
    """``mkdir -p`` that refuses to go through a symlink at the last step (a planted link to elsewhere)."""
    path.mkdir(parents=True, exist_ok=True)
    if path.is_symlink() or not path.is_dir():
        raise WriteRefused(f"{path}: not a directory (or a symlink); not written")
