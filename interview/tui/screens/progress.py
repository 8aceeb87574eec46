"""Practice progress: self-score per area over time, most-missed signals, what to do next."""

from __future__ import annotations

from pathlib import Path

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Static
from textual.worker import Worker, WorkerState

from interview.domain.records import Status
from interview.reports.rich_safe import SafeTable as Table
from interview.services.practice import Practice
from interview.services.practice_attempt import PracticeAttempt
from interview.services.practice_progress import AreaProgress, Progress
from interview.tui import bindings
from interview.tui.navigation import services_of

BLOCKS = "▁▂▃▄▅▆▇█"
CHART_POINTS = 24  # the latest attempts that fit on one line at 80 columns
CHART_LEGEND = (
    "One bar per attempt, oldest first; a full bar is 4. Recent: mean of your last 3 scores."
)


def bar(score: float) -> str:
    """One block per score: 1 is the lowest block, 4 the full one."""
    index = round((min(max(score, 1.0), 4.0) - 1.0) / 3.0 * (len(BLOCKS) - 1))
    return BLOCKS[index]


def score_style(score: float) -> str:
    return "red" if score < 2 else ("yellow" if score < 3 else "green")


def area_chart(area: AreaProgress) -> Text:
    points = area.points[-CHART_POINTS:]
    text = Text()
    for point in points:
        text.append(bar(point.score), style=score_style(point.score))
    return text


def areas_table(progress: Progress) -> Group:
    """Practised areas as a table with one bar per attempt; the rest named on one line."""
    practised = [a for a in progress.areas if a.points]
    untouched = [a.title for a in progress.areas if not a.points]
    parts: list[RenderableType] = []
    if practised:
        table = Table(box=None, padding=(0, 1), expand=False, show_edge=False)
        table.add_column("Area", no_wrap=True, max_width=28)
        table.add_column("Over time", no_wrap=True, min_width=9, max_width=CHART_POINTS)
        table.add_column("Last", justify="right")
        table.add_column("Recent", justify="right")
        table.add_column("Times", justify="right")
        for area in practised:
            latest, recent = area.latest or 0.0, area.recent or 0.0
            table.add_row(
                area.title,
                area_chart(area),
                Text(f"{latest:.1f}", style=score_style(latest)),
                Text(f"{recent:.1f}", style=score_style(recent)),
                str(len(area.points)),
            )
        parts.append(table)
        parts.append(Text(CHART_LEGEND, style="dim"))
    else:
        parts.append(Text("No self-scores yet: score yourself after a reveal.", style="dim"))
    if untouched:
        parts.append(Text.assemble(("Not practised yet: ", "bold"), ", ".join(untouched)))
    return Group(*parts)


def missed_text(progress: Progress) -> RenderableType:
    if not progress.missed:
        return Text("Nothing yet: reveal a question to see what you miss.", style="dim")
    grid = Table.grid(padding=(0, 2))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(ratio=1)
    for m in progress.missed:
        grid.add_row(
            Text(f"{m.missed}/{m.seen}", style="bold"),
            Text.assemble(m.signal.text, (f"  {m.question_title}", "dim")),
        )
    return grid


class ProgressScreen(Screen[None]):
    DEFAULT_CSS = """
    ProgressScreen #pg-body { padding: 0 2; }
    ProgressScreen .pg-heading { margin-top: 1; text-style: bold; }
    ProgressScreen #pg-finished { color: $success; margin-top: 1; }
    """
    HELP_TITLE = "Practice progress"
    BINDINGS = bindings.PROGRESS

    def __init__(
        self, practice: Practice | None = None, finished: PracticeAttempt | None = None
    ) -> None:
        super().__init__()
        self._practice = practice
        self.finished = finished
        self._progress: Progress | None = None

    @property
    def practice(self) -> Practice:
        if self._practice is None:
            services = services_of(self)
            self._practice = Practice(services.content, services.repo)
        return self._practice

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="pg-body"):
            if self.finished is not None:
                yield Static(
                    "Attempt finished and saved. Press e to export it as Markdown, or run: "
                    f"interview practice export {self.finished.id[:8]}",
                    id="pg-finished",
                )
            yield Static(id="pg-summary", classes="pg-heading")
            yield Static(id="pg-areas")
            yield Static("Suggested next question", classes="pg-heading")
            yield Static(id="pg-next")
            yield Static("Signals you miss most often (missed / revealed)", classes="pg-heading")
            yield Static(id="pg-missed")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Practice progress"
        self.refresh_progress()

    def on_screen_resume(self) -> None:
        self.refresh_progress()

    def refresh_progress(self) -> None:
        progress = self.practice.progress()
        self._progress = progress
        self.query_one("#pg-summary", Static).update(
            f"Self-scores by area (1-4): {progress.attempts} attempt(s), "
            f"{progress.questions_revealed} question(s) revealed"
        )
        self.query_one("#pg-areas", Static).update(areas_table(progress))
        self.query_one("#pg-missed", Static).update(missed_text(progress))
        suggestion = progress.suggestion
        if suggestion is None:
            self.query_one("#pg-next", Static).update("No practicable questions in the bank.")
        else:
            self.query_one("#pg-next", Static).update(
                Text.assemble(
                    (suggestion.question.title, "bold"),
                    f"  ({suggestion.area.title}, {suggestion.question.minutes} min)\n",
                    (suggestion.reason, "dim"),
                    "\nPress s to start it.",
                )
            )
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start_suggested":
            return self._progress is not None and self._progress.suggestion is not None
        return True

    def action_start_suggested(self) -> None:
        from interview.tui.screens.practice_question import PracticeQuestionScreen

        suggestion = self._progress.suggestion if self._progress else None
        if suggestion is None:
            return
        attempt = self.practice.start_question(suggestion.question.id)
        self.app.switch_screen(PracticeQuestionScreen(attempt))

    def _export_target(self) -> PracticeAttempt | None:
        """The attempt just finished, or else the most recent finished one."""
        if self.finished is not None:
            return self.finished
        done = [s for s in self.practice.attempts() if s.status == Status.SUBMITTED]
        if not done:
            return None
        latest = max(done, key=lambda s: (s.submitted_at or s.started_at, s.id))
        return self.practice.open(latest.id)

    def action_export(self) -> None:
        """Write the finished attempt as Markdown in the working folder (file I/O in a thread)."""
        from interview.reports.files import write_file
        from interview.reports.practice_md import export_path, render_attempt

        attempt = self._export_target()
        if attempt is None:
            self.notify("No finished attempt to export yet: finish one first.", timeout=4)
            return
        text = render_attempt(attempt)
        path = export_path(attempt, Path.cwd())

        def write() -> Path:
            return write_file(path, text)  # whole or not at all; never over another file

        self.run_worker(write, name="practice-export", thread=True, exit_on_error=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name != "practice-export":
            return
        if event.state is WorkerState.SUCCESS:
            self.notify(f"Saved {event.worker.result}", title="Attempt exported", markup=False)
        elif event.state is WorkerState.ERROR:
            error = event.worker.error
            reason = getattr(error, "strerror", None) or str(error)
            self.notify(f"Cannot write the file: {reason}", severity="error", markup=False)

    def action_back(self) -> None:
        self.app.pop_screen()
