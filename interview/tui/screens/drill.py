"""Calibration drill: score a sample answer from the bank, then see the agreed scores.

The agreed scores (and the sample's level, which would hint at them) stay hidden
until the drill is recorded; the offset per area and the running history follow.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Markdown, Static

from interview.reports.rich_safe import SafeTable as Table
from interview.services.calibration import CalibrationService, DrillAttempt, DrillItem
from interview.tui import bindings
from interview.tui.navigation import services_of
from interview.tui.safe_text import one_line, printable
from interview.tui.widgets.question_view import code_syntax

if TYPE_CHECKING:
    from interview.services.container import Services


class DrillScreen(Screen[None]):
    DEFAULT_CSS = """
    DrillScreen #dr-body { padding: 0 2; height: 1fr; }
    DrillScreen #dr-title { text-style: bold; margin-top: 1; }
    DrillScreen Markdown { margin: 0; padding: 0; background: transparent; }
    DrillScreen #dr-code { margin-bottom: 1; }
    DrillScreen #dr-answer {
        height: auto; margin: 0 0 1 0; padding: 0 1; border: round $primary 40%;
    }
    DrillScreen #dr-answer-title { text-style: bold; }
    DrillScreen #dr-scores { padding: 0 1; margin: 0 2; border: round $accent 50%; height: auto; }
    DrillScreen #dr-message { color: $warning; }
    DrillScreen #dr-name { width: 60; max-width: 100%; }
    """
    HELP_TITLE = "Calibration drill"
    BINDINGS = bindings.DRILL

    def __init__(self, item: DrillItem | None = None, interviewer: str | None = None) -> None:
        super().__init__()
        self.item = item
        self._interviewer = interviewer
        self.scores: dict[str, int] = {}
        self.cursor = 0
        self.result: DrillAttempt | None = None

    @property
    def services(self) -> Services:
        return services_of(self)

    @property
    def interviewer(self) -> str:
        if self._interviewer is None:
            self._interviewer = self.services.repo.get_pref("interviewer")
        return self._interviewer

    @property
    def calibration(self) -> CalibrationService:
        return CalibrationService(self.services.repo, self.services.content)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="dr-body"):
            yield Static(id="dr-message")
            yield Input(placeholder="Your name", id="dr-name", max_length=80)
            yield Static(id="dr-title")
            # The prompt is Markdown, as in the interview; a code-review question shows
            # its code, which the sample answer talks about.
            yield Markdown(id="dr-prompt")
            yield Static(id="dr-code")
            with Vertical(id="dr-answer"):
                yield Static(
                    "Sample answer — score it as if you had heard it", id="dr-answer-title"
                )
                yield Markdown(id="dr-answer-text")
        # Outside the scroll so the scores stay in view however long the answer is.
        yield Static(id="dr-scores")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Calibration drill"
        if self.item is None:
            self.item = self.calibration.next_drill(self.interviewer)
        self.show_item()
        if not self.interviewer.strip():
            self.query_one("#dr-name", Input).focus()

    def show_item(self) -> None:
        item = self.item
        message = self.query_one("#dr-message", Static)
        named = bool(self.interviewer.strip())
        self.query_one("#dr-name", Input).display = not named
        message.display = not named
        message.update(Text("Drills are kept per interviewer: type your name and press Enter."))
        if item is None:
            self.query_one("#dr-title", Static).update(
                Text("The question bank has no sample answers with agreed scores.")
            )
            return
        self.query_one("#dr-title", Static).update(Text(printable(item.question.title)))
        self.query_one("#dr-prompt", Markdown).update(printable(item.question.prompt.strip()))
        code = item.question.code
        code_view = self.query_one("#dr-code", Static)
        code_view.display = code is not None
        if code is not None:
            code_view.update(code_syntax(self.app, code.source, code.language, "background"))
        self.query_one("#dr-answer-text", Markdown).update(printable(item.sample.text.strip()))
        self.show_scores()

    def show_scores(self) -> None:
        item = self.item
        if item is None:
            return
        titles = {}
        for r in self.services.content.rubrics.values():
            titles.update({a.id: a.title for a in r.areas})
        table = Table(box=None, show_edge=False, pad_edge=False)
        table.add_column("")
        table.add_column("Area")
        table.add_column("Yours", justify="right")
        if self.result is not None:
            table.add_column("Agreed", justify="right")
            table.add_column("Your offset", justify="right")
        for i, area in enumerate(item.area_ids):
            marker = "▶" if i == self.cursor and self.result is None else ""
            mine = self.scores.get(area)
            row: list[str | Text] = [
                marker,
                titles.get(area, area),
                "—" if mine is None else str(mine),
            ]
            if self.result is not None:
                off = self.result.offsets.get(area, 0)
                style = "yellow" if off > 0 else "cyan" if off < 0 else "green"
                row += [str(self.result.agreed[area]), Text(f"{off:+d}", style=style)]
            table.add_row(*row)
        parts: list[object] = [table]
        if self.result is None:
            parts.append(
                Text(
                    "1–4 score the highlighted area · j/k move · ctrl+s record and reveal",
                    style="dim",
                )
            )
        else:
            history = self.calibration.history(self.interviewer)
            level = self.result.sample_level
            parts.append(Text(f"\nThis was the bank's {level} sample answer.", style="dim"))
            means = history.mean_offsets
            summary = ", ".join(f"{titles.get(a, a)} {v:+.2f}" for a, v in means.items())
            parts.append(Text(f"Your mean offset over {len(history.attempts)} drill(s): {summary}"))
            parts.append(Text("n: next drill · escape: back", style="dim"))
        self.query_one("#dr-scores", Static).update(Group(*parts))  # type: ignore[arg-type]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        name = one_line(event.value)
        if not name:
            return
        # The same name the new-session form remembers as "Interviewer".
        self.services.repo.set_pref("interviewer", name)
        self._interviewer = name
        self.show_item()
        self.query_one("#dr-body").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("set_score", "move", "record"):
            return self.item is not None and self.result is None
        if action == "next_drill":
            return self.result is not None
        return True

    def action_set_score(self, value: int) -> None:
        if self.item is None or self.result is not None:
            return
        self.scores[self.item.area_ids[self.cursor]] = value
        self.show_scores()

    def action_move(self, delta: int) -> None:
        if self.item is None:
            return
        self.cursor = (self.cursor + delta) % len(self.item.area_ids)
        self.show_scores()

    def action_record(self) -> None:
        if self.item is None or self.result is not None:
            return
        try:
            self.result = self.calibration.record(self.interviewer, self.item, self.scores)
        except ValueError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self.refresh_bindings()
        self.show_scores()

    def action_next_drill(self) -> None:
        self.item = self.calibration.next_drill(self.interviewer)
        self.scores, self.cursor, self.result = {}, 0, None
        self.refresh_bindings()
        self.show_item()

    def action_back(self) -> None:
        self.app.pop_screen()
