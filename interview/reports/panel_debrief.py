"""Lines every panel report shows about the debrief: sample data, who is missing, and
the lead's decision (kept apart from the formula's recommendation)."""

from __future__ import annotations

from collections.abc import Sequence

from interview.services.debrief import Missing
from interview.services.panel_model import PanelView

SAMPLE_NOTE = "Sample data: these scorecards come from `interview demo`, not real interviews."


def missing_text(missing: Sequence[Missing]) -> str:
    """``Olu Adeyemi (session 3 h ago); Ben (session in progress 20 min ago)``."""
    parts = []
    for m in missing:
        what = "session in progress" if m.in_progress else "session"
        parts.append(f"{m.interviewer} ({what} {m.waited})" if m.waited else m.interviewer)
    return "; ".join(parts)


def missing_line(view: PanelView) -> str:
    if not view.missing:
        return ""
    return "Missing scorecards: " + missing_text(view.missing)


def decision_line(view: PanelView) -> str:
    d = view.decision
    if d is None:
        return "Debrief decision: not recorded yet"
    return (
        f"Debrief decision: {d.label} — {d.rationale} (by {d.decided_by}, {d.decided_at[:16]}; "
        f"the formula said {view.combined.recommendation_label})"
    )


def debrief_lines(view: PanelView) -> list[str]:
    lines = [SAMPLE_NOTE] if view.sample else []
    lines += [line for line in (missing_line(view),) if line]
    if view.decision is not None:
        lines.append(decision_line(view))
    return lines
