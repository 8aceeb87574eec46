"""The home screen's filter bar: candidate, role, a first day and a status.

Mounted just after the home screen's first frame (its inputs and select are most of the
screen's widgets, and nobody types in the first tenth of a second): the screen keeps its
row free until then, so nothing moves when it appears.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import AwaitMount
from textual.widgets import Input, Select

from interview.domain.records import Status, iso

STATUSES: list[tuple[str, str]] = [
    ("Any status", ""),
    ("In progress", str(Status.IN_PROGRESS)),
    ("Submitted", str(Status.SUBMITTED)),
    ("Abandoned", str(Status.ABANDONED)),
]
# What the list shows before the bar exists, and after Esc.
NO_FILTERS = {"candidate": "", "role": "", "since": "", "status": ""}


def parse_day(value: str) -> str | None:
    """``YYYY-MM-DD`` (local) → the UTC ISO timestamp of its midnight; None if invalid."""
    try:
        day = datetime.strptime(value.strip(), "%Y-%m-%d")
    except ValueError:
        return None
    return iso(day.astimezone())


class FilterBar(Horizontal):
    """Empty until ``fill()``; then posts ``Changed`` on every edit and ``Submitted`` on
    Enter in any of its inputs."""

    class Changed(Message):
        pass

    class Submitted(Message):
        pass

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._filled: AwaitMount | None = None

    def fill(self) -> AwaitMount:
        """Mount the fields (once; awaiting the result waits until they are mounted)."""
        if self._filled is None:
            self._filled = self.mount_all(self._fields())
        return self._filled

    @property
    def filled(self) -> bool:
        return bool(self.children)

    def _fields(self) -> ComposeResult:
        yield Input(placeholder="Candidate", id="filter-candidate")
        yield Input(placeholder="Role", id="filter-role")
        yield Input(placeholder="From YYYY-MM-DD", id="filter-since", max_length=10)
        yield Select(STATUSES, allow_blank=False, value="", id="filter-status")

    def values(self) -> dict[str, str] | None:
        """The filters as the session query takes them; None while the date is malformed
        (the date field is marked)."""
        if not self.filled:
            return dict(NO_FILTERS)
        since_field = self.query_one("#filter-since", Input)
        since_raw = since_field.value.strip()
        since = parse_day(since_raw) if since_raw else ""
        since_field.set_class(since is None, "-problem")
        if since is None:
            return None
        status = self.query_one("#filter-status", Select).value
        return {
            "candidate": self.query_one("#filter-candidate", Input).value.strip(),
            "role": self.query_one("#filter-role", Input).value.strip(),
            "since": since,
            "status": status if isinstance(status, str) else "",
        }

    @property
    def role(self) -> str:
        return self.query_one("#filter-role", Input).value.strip() if self.filled else ""

    def clear(self) -> None:
        if not self.filled:
            return
        for field in self.query(Input).results(Input):
            field.value = ""
        self.query_one("#filter-status", Select).value = ""

    async def focus_first(self) -> None:
        await self.fill()
        self.query_one("#filter-candidate", Input).focus()

    @on(Input.Changed)
    @on(Select.Changed)
    def _edited(self, event: Any) -> None:
        event.stop()
        self.post_message(self.Changed())

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted())
