"""A whole interview with the keyboard only, then the database is checked, not the widgets."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from textual.widgets import Input, OptionList

from interview.domain.scoring import score
from interview.tui.app import build_app
from interview.tui.screens.interview import InterviewScreen
from interview.tui.screens.new_session import NewSessionScreen
from interview.tui.screens.scoring import ScoringScreen
from interview.tui.screens.summary import SummaryScreen
from tests.tui_support import PLAN, fixture_content, make_services, wait_for


def rows(db: Path, sql: str, *params: object) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


async def test_three_questions_signals_notes_probes_scores_submit(tmp_path: Path) -> None:
    db = tmp_path / "interviews.db"
    app = build_app(make_services(db))
    content = fixture_content()
    plan = content.plans[PLAN]
    q1, q2, q3 = (content.questions[item.question_id] for item in plan.items[:3])

    async with app.run_test(size=(120, 40)) as pilot:
        # New session: name, role and interviewer typed; plan picked with the arrows.
        await pilot.press("n")
        assert isinstance(app.screen, NewSessionScreen)
        await pilot.press(*"Ada Lovelace")
        role = app.screen.query_one("#role", Input)
        role.value = ""
        app.screen.query_one("#interviewer", Input).focus()
        await pilot.press(*"Grace Hopper")
        role.focus()
        await pilot.press(*"Platform")
        plans = app.screen.query_one("#plan", OptionList)
        plans.focus()
        while plans.highlighted_option is None or plans.highlighted_option.id != PLAN:
            await pilot.press("down")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: isinstance(app.screen, InterviewScreen))

        # Question 1: two senior signals, a red flag, a probe, notes.
        await pilot.press("1", "3", "q", "z")
        await pilot.press("i", *"CI first.")
        await pilot.press("escape", "n")
        # Question 2: typing notes, moving on from inside the editor.
        await pilot.press("2", "x", "i", *"Idem key.")
        await pilot.press("ctrl+n")
        # Question 3: a junior signal ticked then cleared, another one kept.
        await pilot.press("escape", "w", "w", "e", "c")
        await pilot.press("i", *"Blamed ops")
        await pilot.press("escape", "s")
        assert isinstance(app.screen, ScoringScreen)

        # Scores: python 3, api 4, databases 2, testing not assessed, infra 3, obs 1.
        await pilot.press("3", "down", "4", "down", "2", "down", "0", "down", "3", "down", "1")
        await pilot.press("s")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press(*"Good APIs")
        await pilot.press("ctrl+s", "enter")
        await wait_for(pilot, lambda: app.screen.query_one("#justification").read_only)

    session = rows(
        db,
        "SELECT s.id, s.status, s.justification, s.weighted_score, s.recommendation, "
        "s.interviewer, s.role, s.level, s.plan_id, c.name FROM sessions s "
        "JOIN candidates c ON c.id = s.candidate_id",
    )
    assert len(session) == 1
    sid, status, justification, weighted, rec, interviewer, role_text, level, plan_id, name = (
        session[0]
    )
    assert (status, name, interviewer, role_text, level, plan_id) == (
        "submitted",
        "Ada Lovelace",
        "Grace Hopper",
        "Platform",
        "senior",
        PLAN,
    )
    assert justification == "Good APIs"

    expected = {"python": 3, "api": 4, "databases": 2, "infrastructure": 3, "observability": 1}
    scores = dict(rows(db, "SELECT area_id, score FROM area_scores WHERE session_id = ?", sid))
    assert {k: v for k, v in scores.items() if v is not None} == expected
    result = score(content.rubrics["backend"], expected)
    assert weighted == result.weighted
    assert rec == str(result.recommendation)

    notes = dict(rows(db, "SELECT question_id, notes FROM answers WHERE session_id = ?", sid))
    assert notes[q1.id] == "CI first."
    assert notes[q2.id] == "Idem key."
    assert notes[q3.id] == "Blamed ops"

    observed = set(
        rows(
            db,
            "SELECT question_id, signal_id, kind FROM signal_observations "
            "WHERE session_id = ? AND observed = 1",
            sid,
        )
    )
    assert observed == {
        (q1.id, q1.senior_signals[0].id, "senior"),
        (q1.id, q1.senior_signals[2].id, "senior"),
        (q1.id, q1.junior_signals[0].id, "junior"),
        (q2.id, q2.senior_signals[1].id, "senior"),
        (q3.id, q3.junior_signals[2].id, "junior"),
    }
    cleared = rows(
        db,
        "SELECT signal_id FROM signal_observations WHERE session_id = ? AND observed = 0",
        sid,
    )
    assert cleared == [(q3.junior_signals[1].id,)]

    asked = set(
        rows(
            db,
            "SELECT question_id, follow_up_id FROM followups WHERE session_id = ? AND asked = 1",
            sid,
        )
    )
    assert asked == {
        (q1.id, q1.follow_ups[0].id),
        (q2.id, q2.follow_ups[1].id),
        (q3.id, q3.follow_ups[2].id),
    }

    events = [
        (kind, json.loads(detail))
        for kind, detail in rows(
            db, "SELECT kind, detail FROM events WHERE session_id = ? ORDER BY at, rowid", sid
        )
    ]
    kinds = [kind for kind, _ in events]
    assert kinds[0] == "session_started"
    assert kinds[-1] == "submitted"
    assert kinds.count("signal_observed") == 6 and kinds.count("signal_cleared") == 1
    assert kinds.count("followup_asked") == 3
    assert kinds.count("area_scored") == 6  # five scores and one explicit "not assessed"
    stamps = [at for (at,) in rows(db, "SELECT at FROM events WHERE session_id = ?", sid)]
    assert all(stamp.endswith("Z") and "T" in stamp for stamp in stamps)

    # The interviewer's name is remembered for the next session.
    assert rows(db, "SELECT value FROM prefs WHERE key = 'interviewer'") == [("Grace Hopper",)]
