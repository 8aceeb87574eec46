"""Session and question clocks against their budgets."""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.widgets import Static


class Stopwatch:
    """Elapsed seconds from an injectable monotonic source; pausable, resumable."""

    def __init__(self, monotonic: Callable[[], float], base: float = 0.0) -> None:
        self._now = monotonic
        self._base = base
        self._started: float | None = None

    @property
    def running(self) -> bool:
        return self._started is not None

    def start(self) -> None:
        if self._started is None:
            self._started = self._now()

    def stop(self) -> None:
        if self._started is not None:
            self._base += max(0.0, self._now() - self._started)
            self._started = None

    def reset(self, base: float) -> None:
        running = self.running
        self._base = base
        self._started = self._now() if running else None

    @property
    def elapsed(self) -> float:
        if self._started is None:
            return self._base
        return self._base + max(0.0, self._now() - self._started)


def clock(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def budget_style(spent: float, budget: float) -> str:
    if budget and spent > budget:
        return "bold $text-error"
    if budget and spent >= 0.8 * budget:
        return "bold $text-warning"
    return "bold"


class ClockBar(Static):
    """``Q 04:12/11:00  Total 23:10/40:00`` (``⏸`` instead of ``Q`` while paused)."""

    DEFAULT_CSS = """
    ClockBar {
        width: 34;
        height: 1;
        padding: 0 1;
    }
    ClockBar.-over {
        background: $error 25%;
    }
    """

    def show(
        self,
        question_spent: float,
        question_budget: float,
        session_spent: float,
        plan_budget: float,
        *,
        paused: bool = False,
    ) -> None:
        parts: list[str | tuple[str, str]] = []
        parts.append(("⏸ " if paused else "Q ", "bold $text-warning" if paused else "$text-muted"))
        parts.append((clock(question_spent), budget_style(question_spent, question_budget)))
        parts.append((f"/{clock(question_budget)}", "$text-muted"))
        parts.append(("  Total ", "$text-muted"))
        parts.append((clock(session_spent), budget_style(session_spent, plan_budget)))
        parts.append((f"/{clock(plan_budget)}", "$text-muted"))
        text = Content.assemble(*parts)
        self.set_class(question_spent > question_budget, "-over")
        # Fixed size: a repaint of this line, never a layout pass of the whole screen.
        self.update(text, layout=False)
