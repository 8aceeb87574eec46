"""Text from the database as HTML: escaped, `code spans` kept, right-to-left names isolated.

Every report section turns typed text into markup through these three, so escaping
lives in one place.
"""

from __future__ import annotations

from html import escape

from interview.reports.inline import pieces
from interview.reports.text import clean, one_line


def esc(text: str) -> str:
    """User text as HTML text: control characters visible, markup inert."""
    return escape(clean(text), quote=True)


def rich(text: str, *, flat: bool = False) -> str:
    """Escaped text with `code spans` as <code>; ``flat`` joins lines into one."""
    source = one_line(text) if flat else clean(text).strip("\n")
    return "".join(
        f"<code>{escape(p, quote=True)}</code>" if code else escape(p, quote=True)
        for p, code in pieces(source)
    )


def bdi(text: str) -> str:
    """A name or label that may be right-to-left, isolated from the text around it."""
    return f"<bdi>{esc(one_line(text))}</bdi>"
