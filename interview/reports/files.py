"""Writing an export file: all of it or nothing, and never over a file unless asked.

The text goes to a hidden file in the same folder first and is moved into place only
once it is complete, so a full disk, a killed process or a permission error never
leaves half a report under the name the user asked for.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
from pathlib import Path

_NO_SPACE = {errno.ENOSPC, errno.EDQUOT}


class ExportError(Exception):
    """A file cannot be written as asked; the message is one line for the user."""


def write_file(path: Path, text: str, *, force: bool = False) -> Path:
    """Write ``text`` (UTF-8) to ``path``; an existing file is replaced only with ``force``."""
    path = Path(path)
    try:
        _write(path, text.encode("utf-8"), force=force)
    except FileExistsError:
        raise ExportError(f"{path}: already exists; use --force to overwrite it") from None
    except OSError as exc:
        raise ExportError(reason(path, exc)) from None
    return path


def reason(path: Path, exc: OSError) -> str:
    """One line saying why ``path`` could not be written."""
    if exc.errno in _NO_SPACE:
        return f"{path}: no space left, the disk is full; nothing was written"
    return f"{path}: cannot write ({exc.strerror or exc})"


def _write(path: Path, data: bytes, *, force: bool) -> None:
    if path.is_dir():
        raise ExportError(f"{path}: is a folder; give a file name")
    if not path.parent.is_dir():
        raise ExportError(f"{path.parent}: no such folder")
    target = Path(os.path.realpath(path)) if force and path.is_symlink() else path
    try:
        existing: os.stat_result | None = target.stat()
    except FileNotFoundError:
        existing = None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        # A device or a pipe (/dev/stdout, /dev/null): nothing to replace, write into it.
        with target.open("wb") as fh:
            fh.write(data)
        return
    if existing is not None and not force:
        raise FileExistsError(path)
    tmp, fd = _temp_beside(target)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            _sync(fh.fileno())
        if existing is not None:  # the replacement keeps the old file's permissions
            os.chmod(tmp, stat.S_IMODE(existing.st_mode))
        if force:
            os.replace(tmp, target)
        else:
            _move_without_clobbering(tmp, target)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def _sync(fd: int) -> None:
    """On disk before it takes the name; a delayed "disk full" surfaces here too."""
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno != errno.EINVAL:  # a filesystem without fsync
            raise


def _temp_beside(target: Path) -> tuple[Path, int]:
    """A new hidden file next to ``target``, opened for writing, readable by its owner only."""
    for _ in range(100):
        tmp = target.with_name(f".{target.name[:64]}.{secrets.token_hex(4)}.part")
        try:
            return tmp, os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
    raise FileExistsError(target)


def _move_without_clobbering(tmp: Path, target: Path) -> None:
    """Give the complete file its name, failing if that name was taken meanwhile."""
    try:
        os.link(tmp, target)  # atomic and refuses an existing name
    except FileExistsError:
        raise
    except OSError:
        # No hard links on this filesystem: check, then rename (a tiny window remains).
        if os.path.lexists(target):
            raise FileExistsError(target) from None
        os.replace(tmp, target)
