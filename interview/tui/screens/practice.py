"""Practice menu: rehearse a plan, an area or the weakest area; resume an attempt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from interview.services.practice import Practice
from interview.services.practice_attempt import PracticeAttempt
from interview.tui import bindings
from interview.tui.navigation import has_screen_below, services_of

if TYPE_CHECKING:
    from interview.services.container import Services

INTRO = (
    "Rehearse alone: answer in writing, ask for the follow-up, then compare your answer "
    "with the signals interviewers look for. No API key or network needed."
)


def _heading(text: str) -> Option:
    return Option(Text(text, style="bold"), disabled=True)


class PracticeScreen(Screen[None]):
    """Entry point of practice mode (opened from home or by ``interview practice``)."""

    DEFAULT_CSS = """
    PracticeScreen #practice-intro { padding: 1 2 0 2; color: $text-muted; }
    PracticeScreen #practice-menu { height: 1fr; max-height: 100%; margin: 1 2; }
    """
    HELP_TITLE = "Practice"
    BINDINGS = bindings.PRACTICE

    def __init__(self, open_attempt: str | None = None) -> None:
        super().__init__()
        self._open_attempt = open_attempt

    @property
    def practice(self) -> Practice:
        services: Services = services_of(self)
        return Practice(services.content, services.repo)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(INTRO, id="practice-intro")
        yield OptionList(id="practice-menu")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = "Practice"
        self.refresh_menu()
        if self._open_attempt:
            self._open(self.practice.open(self._open_attempt))
            self._open_attempt = None

    def on_screen_resume(self) -> None:
        self.refresh_menu()

    def refresh_menu(self) -> None:
        practice = self.practice
        options: list[Option | None] = []
        unfinished = practice.unfinished()
        if unfinished:
            options.append(_heading("Resume"))
            for s in unfinished:
                when = s.started_at[:16].replace("T", " ")
                attempt = practice.open(s.id)
                where = f"at {attempt.index + 1}/{len(attempt.items)} · {when}"
                label = Text.assemble(f"  {s.plan_title}  ", (where, "dim"))
                options.append(Option(label, id=f"resume:{s.id}"))
        options.append(_heading("Start"))
        try:
            weakest = practice.weakest_area()
            recent = weakest.recent
            detail = "nothing scored yet" if recent is None else f"{recent:.1f} of 4"
            label = Text.assemble(
                f"  My weakest area: {weakest.area.title}  ", (f"({detail})", "dim")
            )
            options.append(Option(label, id="weakest"))
        except KeyError:
            pass
        for plan in practice.plans():
            count = len(plan.items)
            options.append(
                Option(
                    Text.assemble(
                        f"  Plan: {plan.title}  ",
                        (f"{count} question{'s' * (count != 1)}, {plan.total_minutes} min", "dim"),
                    ),
                    id=f"plan:{plan.id}",
                )
            )
        for area in practice.areas():
            count = len(practice.questions_for_area(area.id))
            options.append(
                Option(
                    Text.assemble(
                        f"  Area: {area.title}  ", (f"{count} question{'s' * (count != 1)}", "dim")
                    ),
                    id=f"area:{area.id}",
                )
            )
        options.append(_heading("Progress"))
        options.append(
            Option(
                Text.assemble("  Score over time, missed signals, what next  ", ("(p)", "dim")),
                id="progress",
            )
        )
        menu = self.query_one("#practice-menu", OptionList)
        highlighted = menu.highlighted
        menu.clear_options()
        menu.add_options(options)
        first = next(i for i, o in enumerate(options) if o is not None and not o.disabled)
        # Keep the cursor where it was unless that row is now a heading or gone.
        keep = highlighted is not None and highlighted < len(options)
        option = options[highlighted] if keep and highlighted is not None else None
        usable = option is not None and not option.disabled
        menu.highlighted = highlighted if usable else first
        menu.focus()

    @on(OptionList.OptionSelected, "#practice-menu")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        choice = event.option_id or ""
        kind, _, value = choice.partition(":")
        practice = self.practice
        try:
            if kind == "resume":
                attempt = practice.open(value)
            elif kind == "plan":
                attempt = practice.start_plan(value)
            elif kind == "area":
                attempt = practice.start_area(value)
            elif kind == "weakest":
                attempt = practice.start_weakest()
            elif kind == "progress":
                self.action_progress()
                return
            else:
                return
        except KeyError as exc:
            self.notify(
                str(exc.args[0]) if exc.args else "nothing to practise",
                severity="error",
                markup=False,
            )
            return
        self._open(attempt)

    def _open(self, attempt: PracticeAttempt) -> None:
        from interview.tui.screens.practice_question import PracticeQuestionScreen

        self.app.push_screen(PracticeQuestionScreen(attempt))

    def action_progress(self) -> None:
        from interview.tui.screens.progress import ProgressScreen

        self.app.push_screen(ProgressScreen(self.practice))

    def action_back(self) -> None:
        if has_screen_below(self):
            self.app.pop_screen()
