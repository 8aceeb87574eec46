"""Untrusted text stays text in a terminal: the one way reports and commands reach Rich.

Names, notes, justifications and titles come from databases (possibly merged from
someone else's file) and from content files. Rich reads any ``str`` it is handed as
markup: ``[link=https://evil.example]Open[/link]`` becomes a real OSC 8 hyperlink and
``[bold red]`` a style. So the rule, enforced by ``tests/test_rich_safety.py``:

- data reaches Rich only as ``Text`` (``plain``/``block`` here), never as a markup
  string;
- tables and panels are ``SafeTable``/``SafePanel``, which turn any ``str`` cell,
  header or title into plain ``Text`` (never parsed);
- consoles are ``safe_console()``: markup, emoji codes and highlighting off, and every
  control character in rendered text (ESC, BEL, NUL, C1) made visible, so no escape
  sequence can come from data even if a ``Text`` was built carelessly.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType
from rich.panel import Panel
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from interview.reports.text import clean, one_line

# One picture per control character, so a Text keeps its length (and its spans line up).
_PICTURES = {c: chr(0x2400 + c) for c in range(32) if c not in (9, 10)}
_PICTURES[0x7F] = "\u2421"
_PICTURES.update({c: "\ufffd" for c in range(0x80, 0xA0)})


def visible(value: str) -> str:
    """``value`` with every control character but tab and newline shown as a symbol."""
    return value.translate(_PICTURES)


def plain(value: object, style: str = "") -> Text:
    """Untrusted text on one line, exactly as typed (no markup, controls visible)."""
    return Text(one_line(str(value)), style=style)


def block(value: object, style: str = "") -> Text:
    """Untrusted multi-line text, exactly as typed (no markup, controls visible)."""
    return Text(clean(str(value)).strip("\n"), style=style)


def _safe(cell: Any) -> Any:
    if isinstance(cell, str):
        return Text(clean(cell))  # its line breaks kept, nothing parsed
    if isinstance(cell, Text):
        text = cell.copy()
        text.plain = visible(text.plain)
        return text
    return cell


class SafeTable(Table):
    """A Rich table whose ``str`` headers, cells, titles and footers are plain text."""

    def __init__(self, *headers: Any, **kwargs: Any) -> None:
        for key in ("title", "caption"):
            if kwargs.get(key) is not None:
                kwargs[key] = _safe(kwargs[key])
        super().__init__(*(_safe(h) for h in headers), **kwargs)

    @classmethod
    def grid(cls, *headers: Any, **kwargs: Any) -> SafeTable:
        table = super().grid(*headers, **kwargs)
        assert isinstance(table, SafeTable)
        return table

    def add_column(self, header: Any = "", footer: Any = "", **kwargs: Any) -> None:
        super().add_column(_safe(header), _safe(footer), **kwargs)

    def add_row(self, *renderables: RenderableType | None, **kwargs: Any) -> None:
        super().add_row(*(_safe(r) for r in renderables), **kwargs)


class SafePanel(Panel):
    """A Rich panel whose ``str`` title and subtitle are plain text (Rich parses them)."""

    def __init__(self, renderable: RenderableType, *args: Any, **kwargs: Any) -> None:
        for key in ("title", "subtitle"):
            if kwargs.get(key) is not None:
                kwargs[key] = _safe(kwargs[key])
        super().__init__(_safe(renderable), *args, **kwargs)


class _SafeConsole(Console):
    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Segment]:
        for segment in super().render(renderable, options):
            if segment.control is None and segment.text:
                text = visible(segment.text)
                if text != segment.text:
                    segment = Segment(text, segment.style)
            yield segment


def safe_console(**kwargs: Any) -> Console:
    """A console for commands and reports: data printed through it stays inert text."""
    kwargs.setdefault("highlight", False)
    return _SafeConsole(markup=False, emoji=False, **kwargs)
