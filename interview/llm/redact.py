"""Names out of text before it leaves the machine.

A name is matched however it is typed: any case, with or without accents
(``Zoë``/``zoe``, composed or decomposed), full-width letters, ``ß``/``ss``,
``İ``/``ı``/``i``, zero-width characters and soft hyphens inside it, apostrophes and
hyphens present, absent or swapped (``O'Neil``, ``O’Neil``, ``ONeil``,
``Smith-Jones``, ``SmithJones``), the parts of a full name run together
(``zeldaquixotewright``), and next to underscores, digits or punctuation
(``_Zelda_``, ``Zelda_Q``, ``zelda2``). A name part is only replaced when no other
letter touches it, so ``Adamant`` keeps its ``Ada``.

The text is folded to a skeleton (compatibility decomposition, case fold, accents
and invisible characters dropped) with a map back to the original characters; the
names are folded the same way and searched in the skeleton, and the matching spans
of the original text are replaced.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

# Letters that case folding and decomposition leave alone but a reader treats as plain.
_PLAIN = str.maketrans(
    {
        "ı": "i",
        "ø": "o",
        "æ": "ae",
        "œ": "oe",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ħ": "h",
        "ŀ": "l",
    }
)
# Apostrophes and hyphens a name may be typed with, or without.
_JOINERS = "'’ʼ‘`´-‐‑‒–—"
_JOINER = "[" + re.escape(_JOINERS) + "]*"
# Between the words of a full name: spaces, joiners, underscores, dots, or nothing.
_GAP = r"[\s_." + re.escape(_JOINERS) + "]*"
_SPLIT = re.compile("[" + re.escape(_JOINERS) + "_.,]+")
_NOT_LETTER_BEFORE = r"(?<![^\W\d_])"
_NOT_LETTER_AFTER = r"(?![^\W\d_])"
MIN_PART = 2  # a single letter is not redacted on its own


@lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character as the skeleton holds it ("" for marks and invisible characters)."""
    text = unicodedata.normalize("NFKD", unicodedata.normalize("NFKD", char).casefold())
    kept = "".join(c for c in text if unicodedata.category(c) not in ("Mn", "Me", "Cf"))
    return kept.translate(_PLAIN)


def fold(text: str) -> str:
    return "".join(fold_char(c) for c in text)


def _skeleton(text: str) -> tuple[str, list[int] | None]:
    """The folded text and, for each of its characters, the index it came from."""
    if text.isascii():
        return text.lower(), None  # one to one
    chars: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        folded = fold_char(char)
        chars.append(folded)
        index.extend([i] * len(folded))
    return "".join(chars), index


def _letters(word: str) -> str:
    return "".join(c for c in fold(word) if c.isalpha())


def _pattern(words: list[str]) -> str:
    """Regex for the folded words, joiners optional inside a word, gaps between words."""
    return _GAP.join(_JOINER.join(re.escape(c) for c in word) for word in words)


def name_patterns(name: str) -> list[str]:
    """The regexes for a name: the full name, then each word and piece, longest first."""
    words = [w for w in (_letters(w) for w in name.split()) if w]
    pieces = [_letters(p) for w in name.split() for p in _SPLIT.split(w)]
    keys: list[list[str]] = []
    if len(words) > 1:
        keys.append(words)
    keys += [[p] for p in dict.fromkeys((*words, *pieces)) if len(p) >= MIN_PART]
    keys.sort(key=lambda k: sum(map(len, k)), reverse=True)
    return [_pattern(k) for k in keys]


@lru_cache(maxsize=64)
def _compiled(name: str) -> re.Pattern[str] | None:
    patterns = name_patterns(name)
    if not patterns:
        return None
    # Alternatives are tried in order, so the longest (the full name) wins at a position.
    body = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(f"{_NOT_LETTER_BEFORE}(?:{body}){_NOT_LETTER_AFTER}")


def _redact_one(text: str, pattern: re.Pattern[str], replacement: str) -> str:
    skeleton, index = _skeleton(text)
    spans: list[tuple[int, int]] = []
    for match in pattern.finditer(skeleton):
        if match.end() == match.start():
            continue
        if index is None:
            spans.append((match.start(), match.end()))
            continue
        start, end = index[match.start()], index[match.end() - 1] + 1
        # Marks and invisible characters after the last letter belong to the name.
        while end < len(text) and not fold_char(text[end]):
            end += 1
        spans.append((start, end))
    if not spans:
        return text
    out: list[str] = []
    last = 0
    for start, end in spans:
        out += [text[last:start], replacement]
        last = end
    out.append(text[last:])
    return "".join(out)


def redact_names(text: str, names: Iterable[tuple[str, str]]) -> str:
    """Replace every (name, replacement) pair: the full name and each part, however typed."""
    for name, replacement in names:
        pattern = _compiled(" ".join(name.split()))
        if pattern is not None:
            text = _redact_one(text, pattern, replacement)
    return text
