"""A bank's declarations: which rubric its questions evidence, its levels, kinds, language.

A question file may open with a ``bank:`` mapping that applies to its questions; a file
holding only a ``bank:`` mapping (say ``bank.yaml``) applies to every question file in its
folder and the folders below. A file's own keys win over its folder's.

```yaml
bank:
  rubric: frontend                    # or a list; area ids then belong to these rubrics
  levels: [junior, mid, senior, staff]   # default: junior, mid, senior
  kinds: [scenario, technical, behavioural, code-review, pairing]
  lang: ja                            # default language of the questions' text
```
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from interview.domain.content_doc import ID_RE, Doc
from interview.domain.models import KINDS, LEVELS
from interview.domain.yaml_source import Path_

BANK_KEYS = ("rubric", "levels", "kinds", "lang")
LANG_RE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
NAME_MAX = 40


@dataclass(frozen=True, slots=True)
class BankHeader:
    rubrics: tuple[str, ...] = ()
    levels: tuple[str, ...] | None = None
    kinds: tuple[str, ...] | None = None
    lang: str = ""
    # Where ``rubric:`` was written, to point at it when it names an unknown rubric.
    doc: Doc | None = None

    def over(self, base: BankHeader | None) -> BankHeader:
        """This header with unset keys taken from ``base`` (the folder's)."""
        if base is None:
            return self
        return BankHeader(
            rubrics=self.rubrics or base.rubrics,
            levels=self.levels if self.levels is not None else base.levels,
            kinds=self.kinds if self.kinds is not None else base.kinds,
            lang=self.lang or base.lang,
            doc=self.doc if self.rubrics else base.doc,
        )

    @property
    def level_names(self) -> tuple[str, ...]:
        return self.levels if self.levels is not None else LEVELS

    @property
    def kind_names(self) -> tuple[str, ...]:
        return self.kinds if self.kinds is not None else KINDS


def header_from_doc(doc: Doc) -> BankHeader | None:
    """The ``bank:`` mapping of a file, or None when it has none."""
    data = doc.source.data
    if not isinstance(data, dict) or "bank" not in data:
        return None
    path: Path_ = ("bank",)
    m = doc.mapping(data["bank"], path, [], BANK_KEYS, "bank")
    if m is None:
        return BankHeader()
    rubrics = _rubrics(doc, m, path)
    lang = doc.text(m, "lang", path, required="lang" in m)
    if lang and not LANG_RE.match(lang):
        doc.error(
            (*path, "lang"),
            f"'lang' is {lang!r}, not a language tag",
            "use a tag such as en, de, ja or zh-Hans",
        )
    return BankHeader(
        rubrics=rubrics,
        levels=_names(doc, m, "levels", path),
        kinds=_names(doc, m, "kinds", path),
        lang=lang,
        doc=doc if rubrics else None,
    )


def _rubrics(doc: Doc, m: dict[str, Any], path: Path_) -> tuple[str, ...]:
    raw = m.get("rubric")
    if raw is None:
        return ()
    if isinstance(raw, str):
        return (doc.ident(m, "rubric", path),)
    out: list[str] = []
    for k, item in enumerate(doc.seq(m, "rubric", path, min_len=1, what="rubric id")):
        if not isinstance(item, str) or not ID_RE.match(item):
            doc.error(
                (*path, "rubric", k),
                f"'rubric' must list rubric ids like 'backend', got {item!r}",
                "use lower-case letters, digits and dashes",
            )
            continue
        out.append(item)
    return tuple(out)


def _names(doc: Doc, m: dict[str, Any], key: str, path: Path_) -> tuple[str, ...] | None:
    if key not in m:
        return None
    names = doc.words(m, key, path)
    if not names:
        doc.error((*path, key), f"'{key}' is empty", f"list at least one, or drop '{key}:'")
        return None
    for k, name in enumerate(names):
        if names.index(name) != k:
            doc.error((*path, key, k), f"'{name}' is listed twice", "list each once")
        if len(name) > NAME_MAX:
            doc.error(
                (*path, key, k),
                f"'{name[:20]}…' is {len(name)} characters, more than {NAME_MAX}",
                "shorten it: it is shown in lists and filters",
            )
    return names


def is_header_only(data: Any) -> bool:
    return isinstance(data, dict) and "bank" in data and "questions" not in data


def folder_header(file: PurePath, headers: dict[PurePath, BankHeader]) -> BankHeader | None:
    """The header of the nearest folder at or above ``file``'s that declares one."""
    for folder in file.parents:
        if folder in headers:
            return headers[folder]
    return None
