"""The LLM never decides: a drafted summary stating a hiring verdict is refused at saving."""

from __future__ import annotations

import pytest

from interview.domain.verdicts import find_verdict
from interview.llm.summary_prompt import SUMMARY_SYSTEM


@pytest.mark.parametrize(
    "text",
    [
        "Overall a strong yes from me.",
        "Strong-no: the candidate could not explain the GIL.",
        "This is a no hire.",
        "No-hire.",
        "I recommend hiring the candidate.",
        "We recommend rejecting this application.",
        "We should hire them for the platform team.",
        "Reject the candidate.",
        "Verdict: hire",
        "Recommendation: yes",
        "Solid systems thinking.\nHire.",
        "I would not hire for the senior level.",
    ],
)
def test_verdicts_are_found(text: str) -> None:
    assert find_verdict(text)


@pytest.mark.parametrize(
    "text",
    [
        "The candidate explained how the hiring manager's checklist maps to tests.",
        "Rejected the idea of a global lock and chose a conditional UPDATE instead.",
        "Yes, with a follow-up they reached FOR UPDATE.",
        "Concerns:\n- no tests for the retry path",
        "Strengths:\n- named the lost update",
    ],
)
def test_other_uses_of_the_words_are_not_verdicts(text: str) -> None:
    assert find_verdict(text) is None


def test_the_prompt_forbids_verdicts_and_scores() -> None:
    assert "Never give a score, a ranking or a hiring verdict" in SUMMARY_SYSTEM


def test_a_drafted_summary_with_a_verdict_is_not_saved(tmp_path: object) -> None:
    from interview.services import summary_draft
    from interview.services.live import LiveSession
    from interview.storage.repository import Repository
    from tests.report_support import demo_db

    db = demo_db()
    repo = Repository(db)
    sid = db.conn.execute("SELECT id FROM sessions WHERE status = 'submitted' LIMIT 1").fetchone()[
        0
    ]
    live = LiveSession(repo, sid)
    draft = "Clear reasoning about locks and retries.\nOverall: strong yes."
    with pytest.raises(ValueError, match=r"states a verdict \('strong yes'\)"):
        summary_draft.save(live, draft, draft=draft, draft_model="m")
    assert repo.summary_note(sid) is None or "strong yes" not in repo.summary_note(sid).text
    # Written by the interviewer, not drafted: their words, saved as they are.
    saved = summary_draft.save(live, "My call: strong yes on design.")
    assert saved.text == "My call: strong yes on design."
    db.close()
