"""New session: who is interviewed, for what role and level, by whom, with which plan.

Every field is checked as it is typed and again on start; nothing starts with bad
input. The interviewer, role, level and plan are remembered for next time.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from interview.domain.models import Plan
from interview.storage.db import StorageError
from interview.tui import bindings
from interview.tui.navigation import services_of
from interview.tui.safe_text import one_line
from interview.tui.screens.new_session_form import (
    PREF_INTERVIEWER,
    PREF_LEVEL,
    PREF_PLAN,
    PREF_ROLE,
    Form,
    plan_for_level,
    validate,
)

if TYPE_CHECKING:
    from interview.services.container import Services


class NewSessionScreen(Screen[str | None]):
    DEFAULT_CSS = """
    NewSessionScreen #new-title {
        height: 1;
        padding: 0 1;
        background: $boost;
        text-style: bold;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    NewSessionScreen #new-form {
        height: 1fr;
        padding: 1 2 0 2;
    }
    NewSessionScreen .form-row {
        height: 1;
        margin-bottom: 1;
    }
    NewSessionScreen .form-label {
        width: 13;
        color: $text-muted;
    }
    NewSessionScreen .form-row Input, NewSessionScreen .form-row Select {
        width: 1fr;
        max-width: 70;
    }
    NewSessionScreen .form-row.-problem {
        margin-bottom: 0;
    }
    NewSessionScreen .form-row.-problem .form-label {
        color: $text-error;
        text-style: bold;
    }
    NewSessionScreen .form-error {
        height: auto;
        color: $text-error;
        padding-left: 13;
        margin-bottom: 1;
    }
    NewSessionScreen .plan-row {
        height: auto;
        margin-bottom: 0;
    }
    NewSessionScreen #plan {
        height: auto;
        max-height: 10;
        width: 1fr;
        max-width: 70;
        border: none;
        padding: 0;
    }
    NewSessionScreen #plan:focus {
        background-tint: $accent 5%;
    }
    NewSessionScreen #plan-info {
        height: auto;
        padding-left: 13;
        margin-top: 1;
    }
    NewSessionScreen #form-buttons {
        height: 1;
        margin-top: 1;
        padding-left: 13;
    }
    NewSessionScreen #form-keys {
        color: $text-muted;
        width: 1fr;
    }
    /* 80x24: every field and the Start button without scrolling. */
    NewSessionScreen.-short #new-form {
        padding: 0 2;
    }
    NewSessionScreen.-short .form-row {
        margin-bottom: 0;
    }
    NewSessionScreen.-short .form-error {
        margin-bottom: 0;
    }
    NewSessionScreen.-short #plan-info {
        margin-top: 0;
        max-height: 3;
    }
    """
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]
    HELP_TITLE = "New session"
    BINDINGS = bindings.NEW_SESSION
    AUTO_FOCUS = "#candidate-name"

    def __init__(self) -> None:
        super().__init__()
        self._touched: set[str] = set()
        self._tried = False

    @property
    def services(self) -> Services:
        return services_of(self)

    def interview_plans(self) -> list[Plan]:
        plans = [p for p in self.services.content.plans.values() if p.mode == "interview"]
        return sorted(plans, key=lambda p: p.title.lower())

    def compose(self) -> ComposeResult:
        repo = self.services.repo
        level = repo.get_pref(PREF_LEVEL, "senior")
        yield Static("New interview", id="new-title")
        with VerticalScroll(id="new-form"):
            yield from self._row("Candidate", Input(placeholder="Full name", id="candidate-name"))
            yield from self._row(
                "Code",
                Input(placeholder="optional, e.g. C-1042 (blind panels)", id="candidate-code"),
            )
            yield from self._row(
                "Role",
                Input(repo.get_pref(PREF_ROLE, "Backend engineer"), id="role"),
            )
            yield from self._row(
                "Level",
                Select(
                    [(lv[:1].upper() + lv[1:], lv) for lv in self._levels()],
                    value=level if level in self._levels() else self._levels()[-1],
                    allow_blank=False,
                    id="level",
                    compact=True,
                ),
            )
            yield from self._row(
                "Interviewer",
                Input(
                    repo.get_pref(PREF_INTERVIEWER, ""), placeholder="Your name", id="interviewer"
                ),
            )
            with Horizontal(classes="form-row plan-row"):
                yield Label("Plan", classes="form-label")
                yield OptionList(*self._plan_options(), id="plan")
            yield Static(classes="form-error", id="plan-error", markup=False)
            yield Static(id="plan-info", markup=False)
            with Horizontal(id="form-buttons"):
                yield Button("Start interview", variant="primary", id="start", compact=True)
                yield Static("  Ctrl+S starts · Esc cancels", id="form-keys")
        yield Footer(compact=True)

    def _row(self, label: str, field: Any) -> ComposeResult:
        with Horizontal(classes="form-row", id=f"{field.id}-row"):
            yield Label(label, classes="form-label")
            field.compact = True
            yield field
        yield Static(classes="form-error", id=f"{field.id}-error", markup=False)

    def _plan_options(self) -> list[Option]:
        options = []
        for plan in self.interview_plans():
            options.append(
                Option(
                    Content.assemble(
                        (one_line(plan.title), "bold"),
                        (
                            f"  {len(plan.items)} questions · {plan.total_minutes} min",
                            "$text-muted",
                        ),
                    ),
                    id=plan.id,
                )
            )
        return options

    def on_mount(self) -> None:
        plan_list = self.query_one("#plan", OptionList)
        last = self.services.repo.get_pref(PREF_PLAN, "")
        plans = self.interview_plans()
        ids = [p.id for p in plans]
        if ids:
            if last not in ids:  # first use: the plan for the level shown
                fits = plan_for_level(plans, self.services.content, self.form().level)
                last = fits.id if fits is not None else ids[0]
            plan_list.highlighted = ids.index(last)
        else:
            self._show_errors({"plan": "No interview plans found; check the question bank"})
        self._show_plan()
        for error in self.query(".form-error"):
            error.display = False

    # ------------------------------------------------------------ form state

    def form(self) -> Form:
        def value(selector: str) -> str:
            return self.query_one(selector, Input).value.strip()

        plan_list = self.query_one("#plan", OptionList)
        option = plan_list.highlighted_option
        level = self.query_one("#level", Select).value
        return Form(
            name=value("#candidate-name"),
            code=value("#candidate-code"),
            role=value("#role"),
            level=level if isinstance(level, str) else "",
            interviewer=value("#interviewer"),
            plan_id=option.id if option is not None and option.id else "",
        )

    def _levels(self) -> tuple[str, ...]:
        """The bank's levels (junior, mid, senior unless a bank declares others)."""
        return self.services.content.levels

    def _plan_ids(self) -> set[str]:
        return {p.id for p in self.interview_plans()}

    def _show_errors(self, problems: dict[str, str], only: set[str] | None = None) -> None:
        for field in ("candidate-name", "candidate-code", "role", "level", "interviewer", "plan"):
            if only is not None and field not in only:
                continue
            message = problems.get(field, "")
            error = self.query_one(f"#{field}-error", Static)
            error.update(f"⚠ {message}" if message else "")
            error.display = bool(message)
            widget = self.query_one(f"#{field}")
            # "-problem", not Textual's "-invalid", which Input clears on blur.
            widget.set_class(bool(message), "-problem")
            if widget.parent is not None:
                widget.parent.set_class(bool(message), "-problem")

    def _show_plan(self) -> None:
        plan_id = self.form().plan_id
        plan = self.services.content.plans.get(plan_id)
        info = self.query_one("#plan-info", Static)
        if plan is None:
            info.update("")
            return
        questions = self.services.content.plan_questions(plan)
        titles = one_line(" · ".join(q.title for _, q in questions), 130)
        info.update(
            Content.assemble(
                (one_line(plan.description, 180), "$text-muted"),
                "\n",
                (titles, "$text-muted italic"),
            )
        )

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input.id:
            self._touched.add(event.input.id)
            if event.input.id == "candidate-code":
                self._touched.add("candidate-name")
        self._revalidate()

    @on(Select.Changed, "#level")
    def _level_changed(self, event: Select.Changed) -> None:
        """A level picks the plan made for it (another plan can still be chosen after)."""
        level = event.value if isinstance(event.value, str) else ""
        plans = self.interview_plans()
        fits = plan_for_level(plans, self.services.content, level)
        if fits is None:
            return
        plan_list = self.query_one("#plan", OptionList)
        index = [p.id for p in plans].index(fits.id)
        if plan_list.highlighted != index:
            plan_list.highlighted = index

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.focus_next()

    @on(OptionList.OptionHighlighted, "#plan")
    def _plan_moved(self) -> None:
        self._show_plan()
        self._touched.add("plan")
        self._revalidate()

    @on(OptionList.OptionSelected, "#plan")
    def _plan_chosen(self) -> None:
        self.action_start()

    @on(Button.Pressed, "#start")
    def _start_pressed(self) -> None:
        self.action_start()

    def _revalidate(self) -> None:
        problems = validate(self.form(), self._plan_ids(), self._levels())
        self._show_errors(problems, None if self._tried else self._touched)

    # ------------------------------------------------------------ actions

    def action_start(self) -> None:
        self._tried = True
        form = self.form()
        problems = validate(form, self._plan_ids(), self._levels())
        self._show_errors(problems)
        if problems:
            first = next(iter(problems))
            self.query_one(f"#{first}").focus()
            self.notify(problems[first], severity="error", timeout=4, markup=False)
            return
        content, repo = self.services.content, self.services.repo
        plan = content.plans[form.plan_id]
        try:
            candidate_id = repo.find_or_create_candidate(form.name, form.code)
            session_id = repo.create_session(
                candidate_id=candidate_id,
                interviewer=form.interviewer,
                role=form.role,
                level=form.level,
                plan=plan,
                content=content,
            )
            repo.set_pref(PREF_INTERVIEWER, form.interviewer)
            repo.set_pref(PREF_ROLE, form.role)
            repo.set_pref(PREF_LEVEL, form.level)
            repo.set_pref(PREF_PLAN, form.plan_id)
        except (StorageError, OSError, sqlite3.Error) as exc:
            self.notify(f"Could not start: {exc}", severity="error", markup=False)
            return
        self.dismiss(session_id)

    def action_cancel(self) -> None:
        self.dismiss(None)
