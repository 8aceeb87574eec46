"""Pacing: is the interview on time for the questions still to do?"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Pacing:
    plan_seconds: int
    session_elapsed: float
    needed: float  # budgeted seconds for what is still to do
    questions_left: int

    @property
    def time_left(self) -> float:
        return self.plan_seconds - self.session_elapsed

    @property
    def behind(self) -> float:
        """Seconds over plan if the rest runs to budget (negative: ahead)."""
        return self.needed - self.time_left

    def hint(self) -> str:
        minutes = round(abs(self.behind) / 60)
        left = max(0, round(self.time_left / 60))
        plural = "s" if self.questions_left != 1 else ""
        rest = f"{left} min left for {self.questions_left} question{plural}"
        if self.time_left <= 0:
            return f"over time by {round(-self.time_left / 60)} min · wrap up"
        if minutes < 2:
            return f"on pace · {rest}"
        if self.behind > 0:
            return f"{minutes} min behind · {rest} · keep probes short"
        return f"{minutes} min ahead · {rest}"
