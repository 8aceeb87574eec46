"""What the one-candidate panel and the ranked list of many share: the candidate as
listed, the spread that calls for a discussion, recommendation labels, the demo-data
mark and the trace a panel lead's override of blind mode leaves.

Kept apart from the one-candidate view (``panel_model``, ``panel``) so the ranked list
and calibration of thousands of scorecards import only this.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from interview.domain.scoring import Recommendation

if TYPE_CHECKING:
    from interview.storage.repository import Repository

DISAGREEMENT = 2  # points of spread on the 1-4 scale that the panel must discuss
REC_ORDER = {r.value: i for i, r in enumerate(Recommendation)}
_REC_LABELS = {r.value: r.label for r in Recommendation}
SAMPLE_MARK = "[sample]"
OVERRIDE_EVENT = "panel_lead_override"


@dataclass(frozen=True, slots=True)
class CandidateRef:
    id: str
    name: str
    code: str

    @property
    def label(self) -> str:
        if self.name and self.code:
            return f"{self.name} ({self.code})"
        return self.name or self.code or self.id[:8]


def rec_label(rec: str | None) -> str:
    return _REC_LABELS.get(rec, "—") if rec is not None else "—"


def record_override(
    repo: Repository, viewer: str, candidate: CandidateRef | None = None, scope: str = "candidate"
) -> None:
    """The panel lead chose to see scores blind mode would hide: keep a trace."""
    detail = {"scope": scope}
    if candidate is not None:
        detail.update(candidate_id=candidate.id, candidate=candidate.label)
    repo.log_event(None, OVERRIDE_EVENT, detail, actor=viewer)
