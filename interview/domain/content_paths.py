"""Which content layers to load: bundled, then configured user content, then explicit paths."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from interview import paths


def content_layers(
    bank: Sequence[Path] = (),
    rubrics: Sequence[Path] = (),
    extra: Sequence[Path] = (),
    *,
    bundled: bool = True,
) -> list[list[Path]]:
    """``bundled=False`` (``--no-bundled``, or ``bundled = false`` under ``[content]`` in
    config.toml) leaves the shipped rubrics, questions and plans out entirely."""
    user = [*paths.user_rubric_paths(), *paths.user_bank_paths(), *rubrics, *bank]
    layers = [[paths.bundled_rubrics_dir(), paths.bundled_bank_dir()]] if bundled else []
    if user:
        layers.append(user)
    if extra:
        layers.append(list(extra))
    return layers
