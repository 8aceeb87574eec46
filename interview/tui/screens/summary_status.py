"""What the session-summary screen's two lines under the editor say.

Pure text building, apart from the screen, so the wording of "where this text came
from" (which the report will repeat) is in one place.
"""

from __future__ import annotations

from textual.content import Content

from interview.reports.model import summary_label
from interview.services import summary_draft
from interview.storage.repository import SummaryNote
from interview.tui.widgets.session_table import local_time


def origin_line(
    text: str, *, dirty: bool, saved: SummaryNote | None, draft: str | None, draft_model: str
) -> Content:
    """Saved (and how it was written), or not saved and how the report would label it."""
    if not dirty:
        if saved is None:
            return Content.styled(
                "No summary yet: ctrl+g drafts one with the LLM, or write it yourself.",
                "$text-muted",
            )
        label = summary_label(saved.ai_drafted, saved.edited)
        model = f" ({saved.model})" if saved.model else ""
        return Content.assemble(
            ("Saved ", "bold $text-success"),
            (f"{local_time(saved.updated_at)} · Summary ({label}){model}", ""),
        )
    ai, edited, _ = summary_draft.provenance(
        text, draft=draft, draft_model=draft_model, saved=saved
    )
    return Content.assemble(
        ("Not saved ", "bold $text-warning"),
        (f"· the report will say “Summary ({summary_label(ai, edited)})” · ", ""),
        ("ctrl+s", "bold $text-accent"),
        (" saves", "$text-muted"),
    )


def drafting_line(model: str) -> Content:
    return Content.assemble(
        (f"Drafting with {model}… ", "bold"),
        ("escape", "bold $text-accent"),
        (" stops and keeps what arrived", "$text-muted"),
    )


def no_draft_line(message: str, *, kept: bool) -> Content:
    """A failed draft: why, and that the editor is still the interviewer's."""
    kept_text = " · the text that arrived is in the editor" if kept else ""
    return Content.assemble(
        (f"No LLM draft: {message}{kept_text} · ", "$text-warning"),
        ("write it yourself or press ctrl+g to try again", "$text-muted"),
    )
