"""Every key binding in the app, each with an id so ``config.toml`` can remap it.

```toml
[bindings]
next_question = "n,right"
toggle_notes = "i,e"
```

Screens take their ``BINDINGS`` from here; the help screen, the command palette and
the config check read the same lists, so what is documented is what is bound.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from textual.binding import Binding, BindingType

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

SIGNAL = Binding.Group("Strong signal", compact=True)
FLAG = Binding.Group("Weak signal / red flag", compact=True)
PROBE = Binding.Group("Probe asked", compact=True)
SUGGESTION = Binding.Group("Suggested follow-up asked", compact=True)

# Keys for the checklist rows: the number row for strong signals, the row below for
# weak signals and red flags, the bottom row for follow-up probes (v opens the code).
SENIOR_KEYS = ("1", "2", "3", "4", "5", "6", "7", "8", "9")
JUNIOR_KEYS = ("q", "w", "e", "r", "t", "y", "u")
PROBE_KEYS = ("z", "x", "c", "b", "m", "comma", "full_stop")
PROBE_DISPLAY = {"comma": ",", "full_stop": "."}
# The suggested follow-ups (f) are marked asked with shift and their number.
SUGGESTION_KEYS = ("exclamation_mark", "at", "number_sign")
SUGGESTION_DISPLAY = ("!", "@", "#")

APP: list[BindingType] = [
    Binding("ctrl+q", "app.quit", "Quit", id="quit", priority=True),
    Binding("question_mark", "app.help", "Keys", id="help", key_display="?"),
    Binding("f1", "app.help", "Keys", id="help_anywhere", show=False, priority=True),
]

HOME: list[BindingType] = [
    Binding("n", "new_session", "New", id="new_session"),
    Binding("r", "resume", "Resume", id="resume"),
    Binding("enter", "open_selected", "Open", id="open_session", show=False),
    Binding("slash", "focus_filters", "Filter", id="filter", key_display="/"),
    Binding("escape", "clear_filters", "Clear filters", id="clear_filters", show=False),
    Binding("o", "report", "Report", id="report"),
    Binding("a", "panel", "Panel", id="panel", show=False),
    Binding("t", "practice", "Practice", id="practice"),
    Binding("k", "calibration", "Calibration", id="calibration", show=False),
    Binding("b", "bank_stats", "Bank health", id="bank_stats", show=False),
    Binding("c", "ranking", "Ranked candidates", id="ranking", show=False),
    Binding("f5", "reload", "Reload list", id="reload", show=False),
    Binding("x", "abandon", "Abandon", id="abandon_session", show=False),
    Binding("delete", "delete", "Delete", id="delete_session", show=False),
]

NEW_SESSION: list[BindingType] = [
    Binding("ctrl+s", "start", "Start interview", id="start_session", priority=True),
    Binding("escape", "cancel", "Cancel", id="cancel_new_session"),
]

IN_NOTES = "while typing notes"

INTERVIEW: list[BindingType] = [
    Binding("n", "next_question", "Next", id="next_question"),
    Binding("p", "previous_question", "Prev", id="previous_question", show=False),
    Binding("i", "focus_notes", "Notes", id="focus_notes"),
    Binding("g", "go_to_question", "Go to", id="go_to_question", show=False),
    Binding("s", "score", "Score", id="score"),
    Binding("space", "pause", "Pause clocks", id="pause_clock", show=False),
    Binding("escape", "leave_notes", "Leave notes", id="leave_notes",
            tooltip=IN_NOTES),
    Binding("escape", "close_question_list", "Back", id="close_question_list",
            tooltip="from the question list"),
    Binding("ctrl+n", "notes_next", "Next", id="notes_next_question", priority=True,
            tooltip=IN_NOTES),
    Binding("ctrl+b", "notes_previous", "Prev", id="notes_previous_question", priority=True,
            tooltip=IN_NOTES),
    Binding("ctrl+g", "notes_go_to", "Go to", id="notes_go_to_question", priority=True,
            tooltip=IN_NOTES),
    Binding("ctrl+s", "save_now", "Save", id="save_now", priority=True,
            tooltip=IN_NOTES),
    Binding("ctrl+r", "private_notes", "Private", id="private_notes", priority=True,
            tooltip="stays on this machine"),
    Binding("l", "toggle_question_list", "Question list", id="toggle_question_list", show=False),
    Binding("right_square_bracket", "scroll_prompt(1)", "Scroll question down",
            id="scroll_prompt_down", show=False, key_display="]"),
    Binding("left_square_bracket", "scroll_prompt(-1)", "Scroll question up",
            id="scroll_prompt_up", show=False, key_display="["),
    Binding("h", "app.home", "Home", id="home", show=False),
    Binding("o", "fold", "Fold", id="fold_question"),
    Binding("k", "toggle_context", "Interviewer context", id="toggle_context", show=False),
    Binding("v", "code_view", "Code", id="code_view"),
    Binding("f", "suggest", "Suggest", id="suggest_followups"),
    Binding("M", "toggle_llm", "LLM suggestions on/off", id="toggle_llm", show=False),
    *[
        Binding(key, f"toggle_signal('senior', {i})", f"Strong signal {i + 1}",
                id=f"senior_signal_{i + 1}", show=False, group=SIGNAL)
        for i, key in enumerate(SENIOR_KEYS)
    ],
    *[
        Binding(key, f"toggle_signal('junior', {i})", f"Weak signal / red flag {i + 1}",
                id=f"junior_signal_{i + 1}", show=False, group=FLAG)
        for i, key in enumerate(JUNIOR_KEYS)
    ],
    *[
        Binding(key, f"toggle_probe({i})", f"Follow-up probe {i + 1} asked",
                id=f"probe_{i + 1}", show=False, group=PROBE,
                key_display=PROBE_DISPLAY.get(key))
        for i, key in enumerate(PROBE_KEYS)
    ],
    *[
        Binding(key, f"mark_suggestion({i + 1})", f"Suggested follow-up {i + 1} asked",
                id=f"suggestion_{i + 1}", show=False, group=SUGGESTION,
                key_display=SUGGESTION_DISPLAY[i])
        for i, key in enumerate(SUGGESTION_KEYS)
    ],
]  # fmt: skip

# The full-width view of a question's prompt and code (safe to show the candidate).
CODE_VIEW: list[BindingType] = [
    Binding("escape,v", "close", "Back", id="code_view_close"),
]

SCORING: list[BindingType] = [
    # One footer entry stands for all four score keys. Scoring moves to the next area.
    Binding("1", "set_score(1)", "Score", id="score_1", key_display="1-4"),
    *[
        Binding(str(n), f"set_score({n})", f"Score {n}", id=f"score_{n}", show=False)
        for n in range(2, 8)
    ],
    Binding("0,delete,backspace", "set_score(0)", "Not assessed", id="score_clear",
            key_display="0"),
    Binding("down", "browse(1)", "Read next level", id="next_level", show=False),
    Binding("up", "browse(-1)", "Read previous level", id="previous_level", show=False),
    Binding("enter", "commit", "Score this level", id="score_level", show=False),
    Binding("j,tab", "move(1)", "Next area", id="next_area", show=False),
    Binding("k,shift+tab", "move(-1)", "Previous area", id="previous_area", show=False),
    Binding("s", "summary", "Summary", id="summary"),
    Binding("right_square_bracket", "scroll_evidence(1)", "Scroll evidence down",
            id="scroll_evidence_down", show=False, key_display="]"),
    Binding("left_square_bracket", "scroll_evidence(-1)", "Scroll evidence up",
            id="scroll_evidence_up", show=False, key_display="["),
    Binding("escape", "back", "Back", id="back_to_interview"),
]  # fmt: skip

SUMMARY: list[BindingType] = [
    Binding("ctrl+s", "submit", "Submit", id="submit", priority=True),
    Binding("escape", "back", "Back", id="back_to_scoring"),
    Binding("a", "amend", "Amend", id="amend"),
    Binding("o", "report", "Report", id="report"),
    Binding("h", "app.home", "Home", id="home"),
    # Hidden from the footer, which is full at 80 columns; ? and the palette list it.
    Binding("v", "review", "Review", id="review_questions", show=False),
    Binding("ctrl+g", "session_summary", "Session summary", id="session_summary"),
]

# The session summary editor: an LLM draft streams into plain text, saved only on ctrl+s.
SUMMARY_NOTE: list[BindingType] = [
    Binding("ctrl+g", "draft", "Draft with LLM", id="draft_summary", priority=True),
    Binding("ctrl+s", "save", "Save summary", id="save_summary", priority=True),
    Binding("escape", "stop_or_back", "Stop draft / Back", id="summary_back"),
]

AMEND: list[BindingType] = [
    Binding("1", "set_score(1)", "Score", id="amend_score_1", key_display="1-4"),
    *[
        Binding(str(n), f"set_score({n})", f"Score {n}", id=f"amend_score_{n}", show=False)
        for n in range(2, 8)
    ],
    Binding("0", "set_score(0)", "Not assessed", id="amend_score_clear", show=False),
    Binding("down", "browse(1)", "Read next level", id="amend_next_level", show=False),
    Binding("up", "browse(-1)", "Read previous level", id="amend_previous_level", show=False),
    Binding("enter", "commit", "Score this level", id="amend_score_level", show=False),
    Binding("j", "move(1)", "Next area", id="amend_next_area", show=False),
    Binding("k", "move(-1)", "Previous area", id="amend_previous_area", show=False),
    Binding("r", "focus_reason", "Reason", id="amend_reason"),
    Binding("ctrl+s", "save", "Save amendment", id="save_amendment", priority=True),
    Binding("escape", "cancel", "Cancel", id="cancel_amendment"),
]  # fmt: skip

REPORT: list[BindingType] = [
    Binding("e", "export", "Export", id="report_export"),
    Binding("a", "show_all", "Show all", id="report_show_all"),
    Binding("f5", "reload", "Reload", id="report_reload", show=False),
    Binding("escape", "back", "Back", id="report_back"),
]

REPORT_EXPORT: list[BindingType] = [
    Binding("escape", "cancel", "Cancel", id="report_export_cancel"),
]

PANEL: list[BindingType] = [
    Binding("l", "lead_override", "Open as panel lead", id="panel_lead_override"),
    Binding("c", "candidates", "All candidates", id="panel_candidates"),
    Binding("f5", "reload", "Reload", id="panel_reload", show=False),
    Binding("escape", "back", "Back", id="panel_back"),
]

RANKING: list[BindingType] = [
    Binding("slash", "focus_filter", "Filter", id="ranking_filter", key_display="/"),
    Binding("s", "next_sort", "Sort", id="ranking_sort"),
    Binding("r", "reverse", "Reverse", id="ranking_reverse"),
    Binding("c", "next_chart", "Chart area", id="ranking_chart"),
    Binding("l", "lead_override", "Unblind as lead", id="ranking_lead", show=False),
    Binding("f5", "reload", "Reload", id="ranking_reload", show=False),
    Binding("escape", "back", "Back", id="ranking_back"),
]

BANK_STATS: list[BindingType] = [
    Binding("f5", "reload", "Reload", id="bank_stats_reload", show=False),
    Binding("escape", "back", "Back", id="bank_stats_back"),
]

CALIBRATION: list[BindingType] = [
    Binding("d", "drill", "Calibration drill", id="calibration_drill"),
    Binding("f5", "reload", "Reload", id="calibration_reload", show=False),
    Binding("escape", "back", "Back", id="calibration_back"),
]

DRILL: list[BindingType] = [
    Binding("1", "set_score(1)", "Score", id="drill_score_1", key_display="1-4"),
    *[
        Binding(str(n), f"set_score({n})", f"Score {n}", id=f"drill_score_{n}", show=False)
        for n in range(2, 5)
    ],
    Binding("j,down", "move(1)", "Next area", id="drill_next_area", show=False),
    Binding("k,up", "move(-1)", "Previous area", id="drill_previous_area", show=False),
    Binding("ctrl+s", "record", "Record and reveal", id="drill_record", priority=True),
    Binding("n", "next_drill", "Next drill", id="drill_next"),
    Binding("escape", "back", "Back", id="drill_back"),
]  # fmt: skip

PRACTICE: list[BindingType] = [
    Binding("p", "progress", "Progress", id="practice_progress"),
    Binding("escape", "back", "Back", id="practice_back"),
]

PRACTICE_QUESTION: list[BindingType] = [
    Binding("ctrl+f", "follow_up", "Follow-up", id="practice_follow_up", priority=True),
    Binding("ctrl+r", "reveal", "Reveal signals", id="practice_reveal", priority=True),
    Binding("ctrl+l", "coach", "LLM coach", id="practice_coach", priority=True),
    Binding("escape", "leave", "Save & leave", id="practice_leave"),
]

PRACTICE_COACH: list[BindingType] = [
    Binding("ctrl+g", "feedback", "Get feedback", id="coach_feedback", priority=True),
    Binding("escape", "leave", "Back to the question", id="coach_back"),
]

PRACTICE_REVEAL: list[BindingType] = [
    # One key, two meanings: the screen enables "finish" only on the last question.
    Binding("ctrl+n", "next", "Next question", id="practice_next", priority=True),
    Binding("ctrl+n", "finish", "Finish attempt", id="practice_finish", priority=True),
    Binding("escape", "back", "Back to answer", id="practice_back_to_answer"),
]

PROGRESS: list[BindingType] = [
    Binding("s", "start_suggested", "Start suggested question", id="progress_start"),
    Binding("e", "export", "Export attempt", id="progress_export"),
    Binding("escape", "back", "Back", id="progress_back"),
]

MODAL: list[BindingType] = [
    Binding("escape", "dismiss_modal", "Close", id="close"),
]

HELP: list[BindingType] = [
    *MODAL,
    Binding("question_mark", "dismiss_modal", "Close", id="close_help", show=False,
            key_display="?"),
]  # fmt: skip

CONFIRM: list[BindingType] = [
    Binding("enter,y", "answer(True)", "Yes", id="confirm_yes"),
    Binding("escape,n", "answer(False)", "No", id="confirm_no"),
]

LLM_PREVIEW: list[BindingType] = [
    Binding("escape,n", "cancel", "Keep off", id="llm_preview_keep_off"),
    Binding("y", "send", "Send", id="llm_preview_send"),
]

ALL: Mapping[str, list[BindingType]] = {
    "app": APP,
    "home": HOME,
    "new session": NEW_SESSION,
    "interview": INTERVIEW,
    "code view": CODE_VIEW,
    "scoring": SCORING,
    "summary": SUMMARY,
    "session summary": SUMMARY_NOTE,
    "amend": AMEND,
    "report": REPORT,
    "report export": REPORT_EXPORT,
    "panel": PANEL,
    "ranking": RANKING,
    "calibration": CALIBRATION,
    "bank health": BANK_STATS,
    "calibration drill": DRILL,
    "practice": PRACTICE,
    "practice question": PRACTICE_QUESTION,
    "practice coach": PRACTICE_COACH,
    "practice reveal": PRACTICE_REVEAL,
    "practice progress": PROGRESS,
    "dialogs": MODAL,
    "help": HELP,
    "confirm": CONFIRM,
    "LLM preview": LLM_PREVIEW,
}


def known_ids() -> set[str]:
    return {b.id for group in ALL.values() for b in group if isinstance(b, Binding) and b.id}


def unknown_ids(keymap: Iterable[str]) -> list[str]:
    """Ids in a user keymap that match no binding (usually typos)."""
    known = known_ids()
    return sorted(k for k in keymap if k not in known)


def effective(node: DOMNode, keymap: Mapping[str, str]) -> list[Binding]:
    """The node's own bindings after the user's keymap, one entry per action.

    A binding bound to several keys comes back once with ``key`` like ``"n,right"``.
    """
    bindings_map = node._bindings.copy()
    if keymap:
        bindings_map.apply_keymap(dict(keymap))
    order = {b.id or b.action: i for i, b in enumerate(_declared(node))}
    grouped: dict[str, list[Binding]] = {}
    for key, key_bindings in bindings_map.key_to_bindings.items():
        for binding in key_bindings:
            grouped.setdefault(binding.id or binding.action, []).append(
                binding.with_key(key, binding.key_display)
            )
    out = []
    for name, same in grouped.items():
        first = same[0]
        out.append(first.with_key(",".join(b.key for b in same), first.key_display))
        order.setdefault(name, len(order))
    return sorted(out, key=lambda b: order[b.id or b.action])


def _declared(node: DOMNode) -> list[Binding]:
    out: list[Binding] = []
    for cls in reversed(type(node).__mro__):
        for item in cls.__dict__.get("BINDINGS", ()):
            if isinstance(item, Binding):
                out.append(item)
    return out


def display_keys(app: App[object], binding: Binding) -> str:
    """``n/→`` for a binding bound to ``n,right``."""
    keys = [k.strip() for k in binding.key.split(",") if k.strip()]
    if binding.key_display and len(keys) == 1:
        return binding.key_display
    return "/".join(app.get_key_display(binding.with_key(k, None)) for k in keys)


def keys_by_id(app: App[object], node: DOMNode) -> dict[str, str]:
    """Binding id → its first key as shown to the user (after remapping)."""
    keymap = getattr(app, "_keymap", {})
    out = {}
    for binding in effective(node, keymap):
        if binding.id:
            first = binding.key.split(",")[0].strip()
            out[binding.id] = app.get_key_display(binding.with_key(first, None))
    return out
