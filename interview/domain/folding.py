"""Text folded for comparison: case and Latin accents ignored ("tomas" finds "Tomás").

Used by the signal matcher and by name search (home screen, ``report -c``, panel), which
registers ``fold`` as an SQL function on every connection.
"""

from __future__ import annotations

import re
import unicodedata

# Latin/Greek/Cyrillic accents only: kana voicing marks (U+3099, U+309A) are meaning.
_ACCENTS = re.compile("[\u0300-\u036f]")


def fold(text: str | None) -> str:
    """Case-folded, accent-free, compatibility-normalised (full-width → ASCII) text."""
    if not text:
        return ""
    if text.isascii():
        return text.casefold()
    nfd = unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text))
    return unicodedata.normalize("NFC", _ACCENTS.sub("", nfd)).casefold()
