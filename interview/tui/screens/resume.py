"""Pick one of several unfinished interviews to resume."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interview.domain.records import SessionSummary
from interview.tui import bindings
from interview.tui.safe_text import one_line
from interview.tui.widgets.session_table import local_time


class ResumeScreen(ModalScreen[str | None]):
    DEFAULT_CSS = """
    ResumeScreen {
        align: center middle;
        background: $background 60%;
    }
    ResumeScreen > Vertical {
        width: 80;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        background: $panel;
        padding: 0 1;
    }
    ResumeScreen OptionList {
        height: auto;
        max-height: 16;
        border: none;
        background: $panel;
    }
    ResumeScreen #resume-hint {
        color: $text-muted;
    }
    """
    BINDINGS = bindings.MODAL

    def __init__(self, sessions: list[SessionSummary]) -> None:
        super().__init__()
        self.sessions = sessions

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Resume an interview"
            yield Static("Enter resumes · Esc closes", id="resume-hint")
            options = []
            for s in self.sessions:
                options.append(
                    Option(
                        Content.assemble(
                            (one_line(s.candidate_label, 40), "bold"),
                            f"  {one_line(s.role, 30)} · {one_line(s.plan_title, 40)}\n",
                            (f"  started {local_time(s.started_at)}", "$text-muted"),
                            (f" · last saved {local_time(s.updated_at)}", "$text-muted"),
                            (f" · {one_line(s.interviewer, 30)}", "$text-muted"),
                        ),
                        id=s.id,
                    )
                )
            yield OptionList(*options, id="resume-list")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_dismiss_modal(self) -> None:
        self.dismiss(None)
