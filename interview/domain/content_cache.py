"""Validated content kept between runs, so a start does not re-parse unchanged YAML.

The key covers every content file (path, size, modification time), the folders that
hold them (a file added or removed changes its folder), the code that turns YAML into
models and the Python version. Anything else is a miss: the files are parsed and
validated again. Only content that validated is stored, and a cache that cannot be
read or written is simply ignored.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from interview.domain.models import LoadResult

CACHE_FILE = "content.pickle"
# The modules whose code decides what a YAML file becomes.
_CODE = ("models.py", "loader.py", "yaml_source.py", "content_cache.py")
_SUFFIXES = (".yaml", ".yml")


def _stamp(path: str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return f"{path}\0-\n"
    return f"{path}\0{st.st_mtime_ns}\0{st.st_size}\0{st.st_ino}\n"


def fingerprint(layers: Sequence[Sequence[Path]]) -> str:
    digest = hashlib.sha256(sys.version.encode())
    here = os.path.dirname(os.path.abspath(__file__))
    for name in _CODE:
        digest.update(_stamp(os.path.join(here, name)).encode())
    for index, layer in enumerate(layers):
        digest.update(f"layer {index}\n".encode())
        for path in layer:
            root = os.path.abspath(path)
            digest.update(_stamp(root).encode())
            for folder, dirs, files in os.walk(root, followlinks=True):
                dirs.sort()
                digest.update(_stamp(folder).encode())
                for name in sorted(files):
                    if name.endswith(_SUFFIXES):
                        digest.update(_stamp(os.path.join(folder, name)).encode())
    return digest.hexdigest()


def load_content_cached(layers: Sequence[Sequence[Path]], cache_dir: Path) -> LoadResult:
    """Like ``load_content``, answered from ``cache_dir`` when nothing changed.

    Raises ``ContentError`` exactly as ``load_content`` does.
    """
    key = fingerprint(layers)
    cache = cache_dir / CACHE_FILE
    try:
        with cache.open("rb") as fh:
            stored_key, result = pickle.load(fh)
        if stored_key == key and isinstance(result, LoadResult):
            return result
    except Exception:  # missing, stale, truncated or from another version: parse again
        pass
    from interview.domain.loader import load_content

    result = load_content(layers)
    _store(cache, (key, result))
    return result


def _store(cache: Path, value: object) -> None:
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".content-", dir=cache.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # a read-only or full cache folder only costs the next start a parse
