"""The plan's questions with progress and budgets; Enter jumps to one."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from interview.services.live import LiveSession
from interview.tui.safe_text import one_line


def minutes(seconds: float) -> str:
    return f"{int(seconds // 60)}m"


class QuestionList(OptionList):
    DEFAULT_CSS = """
    QuestionList {
        border: round $foreground 25%;
        border-title-color: $text-muted;
        background: $surface;
        padding: 0;
    }
    QuestionList:focus {
        border: round $accent;
    }
    """

    @dataclass
    class Jump(Message):
        index: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.border_title = "Questions"
        self._last: tuple[LiveSession, float] | None = None

    def on_resize(self) -> None:
        if self._last is not None:
            self.show(*self._last)

    def show(self, live: LiveSession, current_elapsed: float) -> None:
        self._last = (live, current_elapsed)
        options = []
        done = 0
        for i, (item, question) in enumerate(live.items):
            is_current = i == live.index
            started = live.started(question.id)
            done += started and not is_current
            spent = current_elapsed if is_current else live.question_elapsed(question.id)
            budget = item.minutes * 60
            parts: list[str | tuple[str, str]] = []
            if is_current:
                parts.append(("▶ ", "bold $text-accent"))
            elif started:
                parts.append(("✓ ", "$text-success"))
            else:
                parts.append("  ")
            weight = "bold" if is_current else ""
            over = spent > budget
            clock = f"{int(spent // 60)}/{item.minutes}m" if spent >= 60 else f"{item.minutes}m"
            width = max(12, self.scrollable_content_region.width - 2)
            title = f"{i + 1}. {one_line(question.title)}"
            lines = textwrap.wrap(title, width, subsequent_indent="   ")
            if len(lines[-1]) + len(clock) + 2 > width:
                lines.append("   ")
            parts.append(("\n  ".join(lines), weight))
            clock = "  " + clock
            parts.append((clock, "$text-error" if over else "$text-muted"))
            text = Content.assemble(*parts)
            options.append(Option(text, id=f"q{i}"))
        highlighted = self.highlighted
        self.set_options(options)
        self.highlighted = live.index if highlighted is None or not self.has_focus else highlighted
        self.border_subtitle = f"{done}/{len(live.items)} done"

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Jump(event.option_index))
