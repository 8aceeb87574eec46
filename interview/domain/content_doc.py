"""Typed getters over one parsed YAML file that record problems instead of raising."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from typing import Any

from interview.domain.errors import Problem
from interview.domain.yaml_source import Path_, SourceDoc

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class Doc:
    """One file being validated: typed getters that record problems instead of raising."""

    def __init__(self, source: SourceDoc, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems

    def error(self, path: Path_, message: str, hint: str = "", *, at_key: bool = False) -> None:
        line, col = self.source.where((*path, "__key__") if at_key else path)
        if at_key and (*path, "__key__") not in self.source.marks:
            line, col = self.source.where(path)
        self.problems.append(Problem(self.source.file, line, col, message, hint))

    def mapping(
        self, value: Any, path: Path_, required: Sequence[str], optional: Sequence[str], what: str
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.error(
                path, f"{what} must be a mapping, got {kind_of(value)}", "use 'key: value' lines"
            )
            return None
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                close = closest(key, allowed)
                hint = (
                    f"did you mean '{close}'?"
                    if close
                    else f"allowed: {', '.join(sorted(allowed))}"
                )
                self.error((*path, key), f"unknown key '{key}' in {what}", hint, at_key=True)
        for key in required:
            if key not in value:
                self.error(path, f"missing key '{key}' in {what}", f"add '{key}:'")
        return value

    def text(self, m: dict[str, Any], key: str, path: Path_, *, required: bool = True) -> str:
        value = m.get(key)
        if value is None:
            if required and key in m:
                self.error((*path, key), f"'{key}' is empty", "write some text")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error((*path, key), f"'{key}' must be text, got {kind_of(value)}", "quote it")
            return ""
        text = str(value).strip()
        if required and not text:
            self.error((*path, key), f"'{key}' is empty", "write some text")
        return text

    def ident(self, m: dict[str, Any], key: str, path: Path_) -> str:
        value = m.get(key)
        if value is None:
            return ""
        if not isinstance(value, str) or not ID_RE.match(value):
            self.error(
                (*path, key),
                f"'{key}' must be an id like 'payment-endpoint', got {value!r}",
                "use lower-case letters, digits and dashes",
            )
            return str(value)
        return value

    def integer(
        self, m: dict[str, Any], key: str, path: Path_, lo: int, hi: int, default: int | None = None
    ) -> int:
        value = m.get(key, default)
        if value is None:
            if key in m:  # written but left empty (or ~): never a silent default
                self.error((*path, key), f"'{key}' is empty", f"use a whole number {lo}..{hi}")
            return lo
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(
                (*path, key),
                f"'{key}' must be a whole number, got {kind_of(value)}",
                f"use {lo}..{hi}",
            )
            return lo
        if not lo <= value <= hi:
            self.error((*path, key), f"'{key}' is {value}, outside {lo}..{hi}", f"use {lo}..{hi}")
        return value

    def number(self, m: dict[str, Any], key: str, path: Path_) -> float:
        value = m.get(key)
        if value is None:
            return 0.0
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error(
                (*path, key), f"'{key}' must be a number, got {kind_of(value)}", "use 0..100"
            )
            return 0.0
        if not 0 <= value <= 100:
            self.error((*path, key), f"'{key}' is {value}, outside 0..100", "use 0..100")
        return float(value)

    def flag(self, m: dict[str, Any], key: str, path: Path_) -> bool:
        value = m.get(key, False)
        if not isinstance(value, bool):
            self.error(
                (*path, key), f"'{key}' must be true or false, got {value!r}", "use true or false"
            )
            return False
        return value

    def choice(self, m: dict[str, Any], key: str, path: Path_, choices: Sequence[str]) -> str:
        value = m.get(key)
        if value is None:
            if key in m:  # written but left empty (or ~): never a silent default
                self.error((*path, key), f"'{key}' is empty", f"use one of {', '.join(choices)}")
            return choices[0]
        if value not in choices:
            self.error(
                (*path, key),
                f"'{key}' is {value!r}, not one of {', '.join(choices)}",
                f"use one of {', '.join(choices)}",
            )
            return choices[0]
        return str(value)

    def seq(
        self, m: dict[str, Any], key: str, path: Path_, *, min_len: int = 0, what: str = ""
    ) -> list[Any]:
        value = m.get(key)
        if value is None:
            if key in m and min_len:
                self.error(
                    (*path, key),
                    f"'{key}' is empty",
                    f"list at least {min_len} {what or 'item'}(s)",
                )
            return []
        if not isinstance(value, list):
            self.error(
                (*path, key),
                f"'{key}' must be a list, got {kind_of(value)}",
                "start each item with '- '",
            )
            return []
        if len(value) < min_len:
            self.error(
                (*path, key),
                f"'{key}' has {len(value)} item(s), needs at least {min_len}",
                f"add {what or 'items'}",
            )
        return value

    def words(self, m: dict[str, Any], key: str, path: Path_) -> tuple[str, ...]:
        out: list[str] = []
        for i, item in enumerate(self.seq(m, key, path)):
            if (
                isinstance(item, bool)
                or not isinstance(item, str | int | float)
                or not str(item).strip()
            ):
                self.error(
                    (*path, key, i), f"'{key}' items must be text, got {kind_of(item)}", "quote it"
                )
                continue
            out.append(str(item).strip())
        return tuple(out)


def kind_of(value: Any) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)


def closest(word: str, options: Iterable[str]) -> str | None:

    matches = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.7)
    return matches[0] if matches else None
