"""Show user-typed text literally: no Rich markup, no terminal control sequences.

Names, notes and justifications can hold anything (``[bold red]``, ANSI escapes,
stray control bytes). They are always wrapped in ``Content`` (never parsed as
markup) and control characters are swapped for their visible Unicode pictures, so an
escape byte can neither style nor move the terminal's cursor.
"""

from __future__ import annotations

import re

from textual.content import Content

# C0 controls except tab and newline, DEL, and the C1 range.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # ␀ … ␟
    if code == 0x7F:
        return "\u2421"  # ␡
    return "\ufffd"


def printable(value: str) -> str:
    """The same text with control characters made visible."""
    return _CONTROL.sub(_picture, value)


def one_line(value: str, limit: int = 0) -> str:
    """Printable, newlines and tabs folded to spaces, optionally shortened with an ellipsis."""
    flat = " ".join(printable(value).split())
    if limit and len(flat) > limit:
        return flat[: max(0, limit - 1)].rstrip() + "…"
    return flat


def safe(value: str, style: str = "") -> Content:
    """``Content`` that renders ``value`` exactly as typed (never as markup)."""
    return Content.styled(printable(value), style) if style else Content(printable(value))


def safe_line(value: str, limit: int = 0, style: str = "") -> Content:
    flat = one_line(value, limit)
    return Content.styled(flat, style) if style else Content(flat)


def palette_text(value: str, limit: int = 0) -> str:
    """Text for a command-palette entry, whose prompts Textual always reads as markup."""
    from textual.markup import escape

    return escape(one_line(value, limit))
