"""Validated content kept between runs, so a start does not re-parse unchanged YAML.

The key covers every content file (path, size, modification time), the folders that
hold them (a file added or removed changes its folder), the code that turns YAML into
models and the Python version. Anything else is a miss: the files are parsed and
validated again. Only content that validated is stored, and a cache that cannot be
read or written is simply ignored.
"""

from __future__ import annotations

import os
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from interview.domain.models import LoadResult

CACHE_FILE = "content.pickle"
# The modules whose code decides what a YAML file becomes.
_CODE = (
    "models.py",
    "rubric.py",
    "loader.py",
    "content_doc.py",
    "load_rubric.py",
    "load_questions.py",
    "load_plan.py",
    "load_policy.py",
    "bank_header.py",
    "content_warnings.py",
    "yaml_source.py",
    "content_cache.py",
)
_SUFFIXES = (".yaml", ".yml")


def _stamp(path: str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return f"{path}\0-\n"
    return f"{path}\0{st.st_mtime_ns}\0{st.st_size}\0{st.st_ino}\n"


def fingerprint(layers: Sequence[Sequence[Path]]) -> str:
    """The stamps themselves are the key: a few kilobytes, compared in microseconds."""
    parts = [sys.version, "\n"]
    here = os.path.dirname(os.path.abspath(__file__))
    parts += [_stamp(os.path.join(here, name)) for name in _CODE]
    for index, layer in enumerate(layers):
        parts.append(f"layer {index}\n")
        for path in layer:
            root = os.path.abspath(path)
            parts.append(_stamp(root))
            for folder, dirs, files in os.walk(root, followlinks=True):
                dirs.sort()
                parts.append(_stamp(folder))
                parts += [
                    _stamp(os.path.join(folder, name))
                    for name in sorted(files)
                    if name.endswith(_SUFFIXES)
                ]
    return "".join(parts)


def _read(cache: Path, key: str) -> LoadResult | None:
    try:
        with cache.open("rb") as fh:
            if pickle.load(fh) != key:
                return None
            result = pickle.load(fh)
    except Exception:  # missing, stale, truncated or from another version: parse again
        return None
    from interview.domain.models import LoadResult

    return result if isinstance(result, LoadResult) else None


def cached_loader(
    layers: Sequence[Sequence[Path]], cache_dir: Path
) -> Callable[[], LoadResult] | None:
    """A loader when the cache holds validated content for exactly these files, else None.

    Only the key is read now; the content is unpickled when the loader is first called,
    so a start can draw its first screen before it needs the questions.
    """
    key = fingerprint(layers)
    cache = cache_dir / CACHE_FILE
    try:
        with cache.open("rb") as fh:
            if pickle.load(fh) != key:
                return None
    except Exception:
        return None

    def load() -> LoadResult:
        return _read(cache, key) or load_content_cached(layers, cache_dir)

    return load


def load_content_cached(layers: Sequence[Sequence[Path]], cache_dir: Path) -> LoadResult:
    """Like ``load_content``, answered from ``cache_dir`` when nothing changed.

    Raises ``ContentError`` exactly as ``load_content`` does.
    """
    key = fingerprint(layers)
    cache = cache_dir / CACHE_FILE
    cached = _read(cache, key)
    if cached is not None:
        return cached
    from interview.domain.loader import load_content

    result = load_content(layers)
    _store(cache, key, result)
    return result


def _store(cache: Path, key: str, result: LoadResult) -> None:
    import tempfile

    try:
        cache.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=".content-", dir=cache.parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                # The key first, so a start can check it without reading the content.
                pickle.dump(key, fh, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(result, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache)
        except BaseException:
            os.unlink(tmp)
            raise
    except OSError:
        pass  # a read-only or full cache folder only costs the next start a parse
