"""Candidate data is readable only by its owner: files 0600, folders 0700.

The CLI sets the process umask to 077 as it starts (so every file the app or a command
creates is private, including SQLite's ``-wal`` and ``-shm``, which take the database
file's mode); these helpers do the same where code may run without the CLI (tests,
library use) and tighten a database created by an older version.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

FILE_MODE = 0o600
DIR_MODE = 0o700
PRIVATE_UMASK = 0o077


def make_private_umask() -> None:
    os.umask(PRIVATE_UMASK)


def make_dirs(path: Path) -> None:
    """Create ``path`` and missing parents as 0700 (existing folders are left alone)."""
    missing = []
    current = path
    while not current.exists():
        missing.append(current)
        if current.parent == current:
            break
        current = current.parent
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    for folder in missing:
        with contextlib.suppress(OSError):
            os.chmod(folder, DIR_MODE)


def create_private_file(path: Path) -> None:
    """Create an empty ``path`` as 0600 if it does not exist yet."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)


def tighten_database(path: Path) -> None:
    """Make the database and its -wal/-shm 0600 when this user owns them."""
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        try:
            st = name.stat()
        except OSError:
            continue
        if (
            stat.S_ISREG(st.st_mode)
            and st.st_uid == os.getuid()
            and stat.S_IMODE(st.st_mode) & 0o077
        ):
            with contextlib.suppress(OSError):
                os.chmod(name, stat.S_IMODE(st.st_mode) & 0o700)
