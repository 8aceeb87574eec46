"""Ticking signals and probes, marking suggested follow-ups asked, and the palette.

Every mark is one short write, made at once; the ticked row is brought into view and
its full sentence shown, and the status line says what changed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from typing import Any

from textual import on
from textual.app import SystemCommand
from textual.screen import Screen

from interview.domain.models import SignalKind
from interview.services.live import LiveSession
from interview.storage.db import StorageError
from interview.storage.repository import Locked
from interview.tui.safe_text import one_line, palette_text
from interview.tui.widgets.checklist import NAMES, PROBE, SENIOR, Checklist, glance

WRITE_ERRORS = (StorageError, sqlite3.Error, OSError)


def red_flags_ticked(live: LiveSession) -> list[tuple[str, str]]:
    """(question title, red flag text) for every red flag ticked in the session."""
    out = []
    for _, question in live.items:
        observed = live.observed(question.id)
        for signal in question.junior_signals:
            if signal.red_flag and signal.id in observed:
                out.append((question.title, signal.text))
    return out


class MarksMixin(Screen[None]):
    """Signals, probes and suggestions for ``InterviewScreen``."""

    live: LiveSession
    _last_action: str

    # Hooks the screen provides.
    def _show_checklist(self) -> None:
        raise NotImplementedError

    def _refresh_list(self) -> None:
        raise NotImplementedError

    def _refresh_clocks(self) -> None:
        raise NotImplementedError

    def _suggestions(self) -> Any | None:
        raise NotImplementedError

    def goto(self, index: int) -> None:
        raise NotImplementedError

    @property
    def locked(self) -> bool:
        return self.live.locked

    def _refuse_if_locked(self) -> bool:
        if self.live.read_only:
            self.notify("This session is open in another window; read only here.", timeout=3)
            return True
        if self.locked:
            self.notify("This scorecard is submitted; amend it from the summary.", timeout=3)
            return True
        return False

    def action_toggle_signal(self, kind: str, index: int) -> None:
        if self._refuse_if_locked():
            return
        question = self.live.question
        signals = question.signals(SignalKind(kind))
        if not 0 <= index < len(signals):
            self.app.bell()
            return
        signal = signals[index]
        try:
            on_now = self.live.toggle_signal(question.id, signal.id)
        except Locked:
            self._locked_elsewhere()
            return
        except WRITE_ERRORS as exc:
            self.notify(f"Not recorded: {exc}", severity="error", markup=False)
            return
        name = "Red flag" if signal.red_flag else NAMES[kind]
        mark = "✓" if on_now else "✗ cleared"
        self._marked(kind, index, f"{mark} {name} {index + 1}: {glance(signal)}")

    def action_toggle_probe(self, index: int) -> None:
        if self._refuse_if_locked():
            return
        question = self.live.question
        if not 0 <= index < len(question.follow_ups):
            self.app.bell()
            return
        probe = question.follow_ups[index]
        try:
            asked = self.live.toggle_follow_up(question.id, probe)
        except Locked:
            self._locked_elsewhere()
            return
        except WRITE_ERRORS as exc:
            self.notify(f"Not recorded: {exc}", severity="error", markup=False)
            return
        mark = "✓ asked" if asked else "✗ not asked"
        self._marked(PROBE, index, f"{mark}: {glance(probe)}")

    def action_mark_suggestion(self, number: int) -> None:
        """Mark suggested follow-up ``number`` (1-3) asked, wherever the focus is."""
        if self._refuse_if_locked():
            return
        panel = self._suggestions()
        if panel is None or not 1 <= number <= len(panel.suggestions):
            self.notify("No such suggestion: press f for follow-ups.", timeout=3)
            return
        self.add_class("-show-suggestions")
        text = panel.suggestions[number - 1].text
        panel.action_mark_asked(number)
        self._note_action(f"✓ asked: {one_line(text, 48)}")
        self._show_checklist()
        self._refresh_list()

    def _marked(self, kind: str, index: int, action: str) -> None:
        self._note_action(action)
        self._show_checklist()
        # The row may be below the fold (80x24): bring it into view, full sentence shown.
        self.query_one(Checklist).reveal(kind, index)
        self._refresh_list()
        self._evidence_changed()

    def _evidence_changed(self) -> None:
        """The suggestions panel re-ranks its probes when a signal or probe is ticked."""
        panel = self._suggestions()
        if panel is not None and hasattr(panel, "evidence_changed"):
            panel.evidence_changed()

    def _note_action(self, text: str) -> None:
        self._last_action = text
        self._refresh_clocks()

    def _locked_elsewhere(self) -> None:
        raise NotImplementedError

    @on(Checklist.Toggled)
    def _row_toggled(self, event: Checklist.Toggled) -> None:
        if event.kind == PROBE:
            self.action_toggle_probe(event.index)
        else:
            self.action_toggle_signal(event.kind, event.index)

    # ------------------------------------------------------------ command palette

    def palette_commands(self) -> Iterable[SystemCommand]:
        question = self.live.question
        for i, (_, q) in enumerate(self.live.items):
            yield SystemCommand(
                f"Go to question {i + 1}: {palette_text(q.title)}",
                "Jump to this question",
                _call(self.goto, i),
            )
        for kind in (SignalKind.SENIOR, SignalKind.JUNIOR):
            for i, signal in enumerate(question.signals(kind)):
                name = "Red flag" if signal.red_flag else NAMES[str(kind)]
                yield SystemCommand(
                    f"{name} signal: {palette_text(signal.text, 70)}"
                    if kind is SignalKind.SENIOR or not signal.red_flag
                    else f"{name}: {palette_text(signal.text, 70)}",
                    "Tick or clear this signal",
                    _call(self.action_toggle_signal, str(kind), i),
                )
        for i, probe in enumerate(question.follow_ups):
            yield SystemCommand(
                f"Probe asked: {palette_text(probe.text, 70)}",
                "Mark this follow-up probe as asked (or not)",
                _call(self.action_toggle_probe, i),
            )


def _call(function: Callable[..., None], *args: Any) -> Callable[[], None]:
    def run() -> None:
        function(*args)

    return run


__all__ = ["SENIOR", "MarksMixin", "red_flags_ticked"]
