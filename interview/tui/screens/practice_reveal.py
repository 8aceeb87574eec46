"""Reveal: tick the signals your answer covered, compare with the keyword check, self-score."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Collapsible, Footer, Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from interview.domain.models import Area, SignalKind
from interview.reports.rich_safe import SafeTable as Table
from interview.services.practice_attempt import PracticeAttempt
from interview.services.practice_checks import SignalCheck
from interview.tui import bindings
from interview.tui.safe_text import one_line

HEURISTIC_NOTE = (
    "Keyword check (heuristic): it looks for each signal's keywords in everything you wrote "
    "for this question. It finds words, not understanding; your ticks are what count."
)


def _hanging(mark: Text, lines: list[Text]) -> Table:
    """A mark in a narrow column and wrapped lines beside it, so wraps stay indented."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=3, no_wrap=True)
    grid.add_column(ratio=1)
    for i, line in enumerate(lines):
        grid.add_row(mark if i == 0 else "", line)
    return grid


def signal_prompt(check: SignalCheck) -> Table:
    head = Text(check.signal.text)
    if check.signal.red_flag:
        head.append("  red flag", style="bold red")
    if check.found:
        found = "found " + ", ".join(f"'{k}'" for k in check.found)
    elif check.signal.keywords:
        found = "no keywords found"
    else:
        found = "no keywords to look for"
    style = "yellow" if check.verdict.disagrees else "dim"
    check_line = Text(f"keyword check: {found} · {check.verdict.label}", style=style)
    return _hanging(Text("[x]" if check.ticked else "[ ]", style="bold"), [head, check_line])


class TickList(OptionList):
    """Signals as a list whose options wrap; space or enter ticks the highlighted one."""

    BINDINGS = [Binding("space", "select", "Tick", show=False)]


def level_prompt(area: Area, score: int, chosen: int | None) -> Table:
    level = area.level(score)
    picked = chosen == score
    head = Text(f"{score}  {level.label}", style="bold" if picked else "")
    lines = [head, *(Text(f"· {b}", style="dim") for b in level.behaviours)]
    return _hanging(Text("●" if picked else "○"), lines)


class PracticeRevealScreen(Screen[str | None]):
    """Dismisses with "next", "finish", or None (back to the answer)."""

    DEFAULT_CSS = """
    PracticeRevealScreen #pr-title { padding: 0 1; text-style: bold; }
    PracticeRevealScreen #pr-body { padding: 0 1; }
    PracticeRevealScreen .pr-heading { margin-top: 1; text-style: bold; }
    PracticeRevealScreen .pr-note { color: $text-muted; }
    PracticeRevealScreen #pr-disagree { color: $warning; }
    PracticeRevealScreen OptionList { max-height: 100%; }
    PracticeRevealScreen #pr-sample { margin: 0; padding: 0; }
    """
    HELP_TITLE = "Practice: compare with the signals"
    BINDINGS = bindings.PRACTICE_REVEAL

    def __init__(self, attempt: PracticeAttempt) -> None:
        super().__init__()
        self.attempt = attempt
        self.question = attempt.question
        self._warned_unscored = False

    def compose(self) -> ComposeResult:
        attempt, q = self.attempt, self.question
        yield Header()
        yield Static(f"Reveal · {attempt.index + 1}/{len(attempt.items)}  {q.title}", id="pr-title")
        with VerticalScroll(id="pr-body"):
            with Collapsible(title="Your answer", collapsed=True, id="pr-answer"):
                yield Static(attempt.answer(q.id) or "(no answer written)")
                follow_up = attempt.follow_up(q.id)
                if follow_up is not None:
                    yield Static(Text.assemble(("Follow-up: ", "bold"), follow_up.text))
                    yield Static(attempt.follow_up_answer(q.id) or "(no answer written)")
            checks = attempt.check(q.id)
            yield Static(
                "Senior signals: tick what your answer covered (space or enter)",
                classes="pr-heading",
            )
            yield self._signal_list(checks, SignalKind.SENIOR)
            yield Static(
                "Junior signals and red flags: tick any your answer showed", classes="pr-heading"
            )
            yield self._signal_list(checks, SignalKind.JUNIOR)
            yield Static(HEURISTIC_NOTE, classes="pr-note")
            yield Static(id="pr-disagree")
            follow_up = attempt.follow_up(q.id)
            if follow_up is not None and follow_up.reason:
                yield Static(f"Why you got that follow-up: {follow_up.reason}", classes="pr-note")
            sample = attempt.senior_sample(q.id)
            if sample is not None:
                yield Static("A senior sample answer", classes="pr-heading")
                yield Markdown(sample.text, id="pr-sample")
            feedback = attempt.coach_feedback(q.id)
            if feedback:
                with Collapsible(title="Coach feedback (LLM, advice only)", id="pr-coach"):
                    yield Markdown(feedback)
            yield Static(
                "Score yourself on each area this question evidences (enter to choose)",
                classes="pr-heading",
            )
            chosen = attempt.self_scores(q.id)
            for area in attempt.score_areas(q.id):
                yield Static(Text(area.title, style="bold"))
                yield OptionList(
                    *[
                        Option(level_prompt(area, s, chosen.get(area.id)), id=f"{area.id}:{s}")
                        for s in range(1, len(area.levels) + 1)
                    ],
                    id=f"score-{area.id}",
                    classes="pr-score",
                )
        yield Footer(compact=True)

    def _signal_list(self, checks: list[SignalCheck], kind: SignalKind) -> TickList:
        return TickList(
            *[Option(signal_prompt(c), id=c.signal.id) for c in checks if c.kind is kind],
            id=f"signals-{kind}",
            classes="pr-signals",
        )

    def on_mount(self) -> None:
        self.sub_title = one_line(self.attempt.plan.title)
        self._update_disagreements()
        self.query_one("#signals-senior", TickList).focus()

    # ------------------------------------------------------------ ticks

    @on(OptionList.OptionSelected, ".pr-signals")
    def _toggled(self, event: OptionList.OptionSelected) -> None:
        signal_id = event.option_id or ""
        self.attempt.toggle_tick(self.question.id, signal_id)
        check = next(c for c in self.attempt.check(self.question.id) if c.signal.id == signal_id)
        event.option_list.replace_option_prompt(signal_id, signal_prompt(check))
        self._update_disagreements()

    def _update_disagreements(self) -> None:
        disagree = [c for c in self.attempt.check(self.question.id) if c.verdict.disagrees]
        if disagree:
            text = f"You and the keyword check disagree on {len(disagree)} signal(s); look again."
        else:
            text = "You and the keyword check agree on every signal it can check."
        self.query_one("#pr-disagree", Static).update(text)

    # ------------------------------------------------------------ self-scores

    @on(OptionList.OptionSelected, ".pr-score")
    def _scored(self, event: OptionList.OptionSelected) -> None:
        area_id, _, raw = (event.option_id or "").partition(":")
        score = int(raw)
        current = self.attempt.self_scores(self.question.id).get(area_id)
        value = None if current == score else score  # choosing it again clears it
        self.attempt.set_self_score(self.question.id, area_id, value)
        area = next(a for a in self.attempt.score_areas(self.question.id) if a.id == area_id)
        for s in range(1, len(area.levels) + 1):
            event.option_list.replace_option_prompt(f"{area_id}:{s}", level_prompt(area, s, value))

    # ------------------------------------------------------------ leaving

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next":
            return not self.attempt.is_last
        if action == "finish":
            return self.attempt.is_last
        return True

    def action_next(self) -> None:
        if self._ready_to_leave():
            self.dismiss("next")

    def action_finish(self) -> None:
        if self._ready_to_leave():
            self.dismiss("finish")

    def _ready_to_leave(self) -> bool:
        """Unscored areas get one reminder; a second press moves on anyway."""
        scored = self.attempt.self_scores(self.question.id)
        missing = [
            a.title for a in self.attempt.score_areas(self.question.id) if a.id not in scored
        ]
        if missing and not self._warned_unscored:
            self._warned_unscored = True
            self.notify(
                f"Not scored yet: {', '.join(missing)}. Press ctrl+n again to move on anyway.",
                title="Self-score",
                markup=False,
            )
            return False
        return True

    def action_back(self) -> None:
        self.dismiss(None)
