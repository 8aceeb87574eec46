"""The current question's checklist: strong signals, weak signals and red flags, probes.

One line per row: its key, its state and a glance text (the content's ``label``, or the
full sentence shortened to 40 characters while a row has no label). The highlighted
row's full sentence shows under the list (``ChecklistDetail``). Red flags carry their
own mark and colour (⚐ open, ⚑ ticked); probes the content marks as required carry a
``*`` until asked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interview.domain.models import FollowUp, Question, Signal
from interview.tui.safe_text import one_line

SENIOR = "senior"
JUNIOR = "junior"
PROBE = "probe"
GLANCE = 40  # characters: the longest label the content may give a row

# What the checklist calls each kind on screen. Junior signals are "weak signals": they
# describe an answer, not the person's years in the job.
HEADINGS = {SENIOR: "Strong signals", JUNIOR: "Weak signals · ⚑ red flags", PROBE: "Probes"}
NAMES = {SENIOR: "Strong", JUNIOR: "Weak", PROBE: "Probe"}


def shorten(text: str, width: int = GLANCE) -> str:
    """A sentence cut at a word boundary to ``width`` characters (ellipsis included)."""
    flat = one_line(text)
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    space = cut.rfind(" ")
    if space > width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:.-—(") + "…"


def glance(item: Signal | FollowUp) -> str:
    """The short form of a signal or probe: its ``label`` when the content has one."""
    return one_line(item.label, GLANCE) if item.label.strip() else shorten(item.text)


def is_required(item: FollowUp) -> bool:
    return item.required


@dataclass(frozen=True, slots=True)
class Row:
    kind: str  # senior | junior | probe
    item_id: str
    index: int  # position within its kind, for key bindings
    text: str  # the full sentence
    red_flag: bool = False
    required: bool = False


class Checklist(OptionList):
    DEFAULT_CSS = """
    Checklist {
        height: 1fr;
        border: round $foreground 25%;
        border-title-color: $text-muted;
        padding: 0;
        background: $surface;
        scrollbar-size-vertical: 1;
    }
    Checklist:focus {
        border: round $accent;
    }
    Checklist > .option-list--option {
        text-wrap: nowrap;
        text-overflow: ellipsis;
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
        self.border_title = "Checklist"

    @property
    def rows(self) -> list[Row]:
        return list(self._rows.values())

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
        same_question = question.id == self._question_id
        keep = self.highlighted if same_question else None
        scroll_y = self.scroll_y
        self._question_id = question.id
        self._rows.clear()
        options: list[Option] = []

        def heading(kind: str, hint: str = "") -> None:
            parts: list[str | tuple[str, str]] = [(HEADINGS[kind], "bold $text-primary")]
            if hint:
                parts.append((f"  {hint}", "$text-muted"))
            options.append(Option(Content.assemble(*parts), disabled=True))

        heading(SENIOR)
        for i, signal in enumerate(question.senior_signals):
            row = Row(SENIOR, signal.id, i, signal.text)
            options.append(self._option(row, glance(signal), signal.id in observed, keys))
        heading(JUNIOR)
        for i, signal in enumerate(question.junior_signals):
            row = Row(JUNIOR, signal.id, i, signal.text, red_flag=signal.red_flag)
            options.append(self._option(row, glance(signal), signal.id in observed, keys))
        required = any(is_required(p) for p in question.follow_ups)
        heading(PROBE, "* required" if required else "mark when asked")
        for i, probe in enumerate(question.follow_ups):
            row = Row(PROBE, probe.id, i, probe.text, required=is_required(probe))
            options.append(self._option(row, glance(probe), probe.id in asked, keys))
        self.set_options(options)
        if keep is not None and keep < self.option_count:
            self.highlighted = keep
            self.scroll_y = scroll_y
        elif self.option_count > 1:
            self.highlighted = 1
            # Show the first heading too, not just the highlighted first row.
            self.call_after_refresh(self.scroll_home, animate=False)
        self.border_subtitle = "submitted · read only" if locked else ""

    def _option(self, row: Row, label: str, on: bool, keys: dict[str, Sequence[str]]) -> Option:
        kind_keys = keys.get(row.kind, ())
        key = kind_keys[row.index] if row.index < len(kind_keys) else " "
        option_id = f"{row.kind}:{row.item_id}"
        self._rows[option_id] = row
        text_style = "bold" if on else ""
        if row.kind == PROBE:
            mark, mark_style = ("✓ ", "bold $text-success") if on else ("· ", "$text-muted")
            if row.required and not on:
                mark, mark_style = ("* ", "bold $text-warning")
        elif row.kind == SENIOR:
            mark, mark_style = ("■ ", "bold $text-success") if on else ("□ ", "$text-muted")
        elif row.red_flag:
            # The colour is on the mark: the text stays readable under the cursor's highlight.
            mark, mark_style = (
                ("⚑", "bold reverse $text-error") if on else ("⚐", "bold $text-error")
            )
            mark += " "
        else:
            mark, mark_style = ("■ ", "bold $text-warning") if on else ("□ ", "$text-muted")
        return Option(
            Content.assemble(
                (f"{key} ", "bold $text-accent"),
                (mark, mark_style),
                (label, text_style),
            ),
            id=option_id,
        )

    def row(self, option_id: str | None) -> Row | None:
        return self._rows.get(option_id or "")

    def row_index(self, kind: str, index: int) -> int | None:
        """The option index of a row, to bring it into view when it is ticked by key."""
        for option_id, row in self._rows.items():
            if row.kind == kind and row.index == index:
                return self.get_option_index(option_id)
        return None

    def reveal(self, kind: str, index: int) -> None:
        """Move the cursor to a row (scrolling it into view) without toggling it."""
        found = self.row_index(kind, index)
        if found is not None:
            self.highlighted = found

    def highlighted_row(self) -> Row | None:
        option = self.highlighted_option
        return self.row(option.id) if option is not None else None

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self.row(event.option.id)
        if row is not None:
            self.post_message(self.Toggled(row.kind, row.index))


class ChecklistDetail(Static):
    """The full sentence of the highlighted checklist row, under the list."""

    DEFAULT_CSS = """
    ChecklistDetail {
        height: auto;
        max-height: 4;
        padding: 0 1;
        color: $text-muted;
    }
    """

    def show(self, row: Row | None, key: str = "") -> None:
        if row is None:
            self.update("")
            return
        name = NAMES[row.kind]
        if row.red_flag:
            name = "Red flag"
        elif row.required:
            name = "Required probe"
        self.update(
            Content.assemble(
                (f"{key} {name}: " if key else f"{name}: ", "bold"),
                one_line(row.text),
            )
        )
