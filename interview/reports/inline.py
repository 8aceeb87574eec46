"""The one piece of inline markup reports honour in any text: `code spans`.

Rubric anchors and interviewers' notes often quote code in backticks. Every renderer
splits text into plain and code pieces with ``pieces()`` and escapes each piece for
its format; nothing else in user text is ever interpreted.
"""

from __future__ import annotations

import re

# A run of backticks, then text, then the same number of backticks (CommonMark rule).
_CODE_SPAN = re.compile(r"(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)


def pieces(text: str) -> list[tuple[str, bool]]:
    """``[(text, is_code), ...]``; backticks that do not pair up stay plain text."""
    if "`" not in text:
        return [(text, False)] if text else []
    out: list[tuple[str, bool]] = []
    pos = 0
    for match in _CODE_SPAN.finditer(text):
        if match.start() > pos:
            out.append((text[pos : match.start()], False))
        out.append((match.group(2), True))
        pos = match.end()
    if pos < len(text):
        out.append((text[pos:], False))
    return out
