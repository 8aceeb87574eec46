"""The current question's senior signals, junior signals / red flags and follow-up probes.

Each row shows its key; the row under the cursor toggles with Enter or a click.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from interview.domain.models import Question
from interview.tui.safe_text import one_line

SENIOR = "senior"
JUNIOR = "junior"
PROBE = "probe"


@dataclass(frozen=True, slots=True)
class Row:
    kind: str  # senior | junior | probe
    item_id: str
    index: int  # position within its kind, for key bindings


class Checklist(OptionList):
    DEFAULT_CSS = """
    Checklist {
        height: 1fr;
        border: round $foreground 25%;
        border-title-color: $text-muted;
        padding: 0;
        background: $surface;
    }
    Checklist:focus {
        border: round $accent;
    }
    """

    @dataclass
    class Toggled(Message):
        kind: str
        index: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self._rows: dict[str, Row] = {}
        self._question_id = ""
        self._last: tuple[Question, set[str], set[str], dict[str, Sequence[str]], bool] | None
        self._last = None
        self._width = 0
        self.border_title = "Signals · probes"

    def show(
        self,
        question: Question,
        observed: set[str],
        asked: set[str],
        keys: dict[str, Sequence[str]],
        *,
        locked: bool = False,
    ) -> None:
        """Render the rows; the cursor stays on the same row across refreshes."""
        self._last = (question, observed, asked, keys, locked)
        self._width = self.scrollable_content_region.width
        same_question = question.id == self._question_id
        keep = self.highlighted if same_question else None
        scroll_y = self.scroll_y
        self._question_id = question.id
        self._rows.clear()
        options: list[Option] = []

        def heading(label: str, hint: str = "") -> None:
            parts: list[str | tuple[str, str]] = [(label, "bold $text-primary")]
            if hint:
                parts.append((f"  {hint}", "$text-muted"))
            options.append(Option(Content.assemble(*parts), disabled=True))

        heading("Senior signals")
        for i, signal in enumerate(question.senior_signals):
            on = signal.id in observed
            options.append(self._row(SENIOR, i, signal.id, signal.text, on, keys))
        heading("Junior signals · red flags")
        for i, signal in enumerate(question.junior_signals):
            on = signal.id in observed
            label = ("⚑ " if signal.red_flag else "") + signal.text
            options.append(self._row(JUNIOR, i, signal.id, label, on, keys))
        heading("Follow-up probes", "mark when asked")
        for i, probe in enumerate(question.follow_ups):
            on = probe.id in asked
            options.append(self._row(PROBE, i, probe.id, probe.text, on, keys))
        self.set_options(options)
        if keep is not None and keep < self.option_count:
            self.highlighted = keep
            self.scroll_y = scroll_y
        elif self.option_count > 1:
            self.highlighted = 1
            # Show the first heading too, not just the highlighted first row.
            self.call_after_refresh(self.scroll_home, animate=False)
        self.border_subtitle = "submitted · read only" if locked else ""

    def _row(
        self,
        kind: str,
        index: int,
        item_id: str,
        label: str,
        on: bool,
        keys: dict[str, Sequence[str]],
    ) -> Option:
        kind_keys = keys.get(kind, ())
        key = kind_keys[index] if index < len(kind_keys) else " "
        option_id = f"{kind}:{item_id}"
        self._rows[option_id] = Row(kind, item_id, index)
        if kind == PROBE:
            mark, mark_style = ("✓ ", "bold $text-success") if on else ("· ", "$text-muted")
        elif kind == SENIOR:
            mark, mark_style = ("■ ", "bold $text-success") if on else ("□ ", "$text-muted")
        else:
            mark, mark_style = ("■ ", "bold $text-error") if on else ("□ ", "$text-muted")
        return Option(
            Content.assemble(
                (f"{key} ", "bold $text-accent"),
                (mark, mark_style),
                (self._wrap(one_line(label)), "bold" if on else ""),
            ),
            id=option_id,
        )

    def _wrap(self, label: str) -> str:
        """Hanging indent under the key and mark, so a long signal reads as one item."""
        width = self.scrollable_content_region.width - 4
        if width < 12:
            return label
        return "\n    ".join(textwrap.wrap(label, width)) or label

    def on_resize(self) -> None:
        if self._last is not None and self.scrollable_content_region.width != self._width:
            question, observed, asked, keys, locked = self._last
            self.show(question, observed, asked, keys, locked=locked)

    def row(self, option_id: str | None) -> Row | None:
        return self._rows.get(option_id or "")

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self.row(event.option.id)
        if row is not None:
            self.post_message(self.Toggled(row.kind, row.index))
