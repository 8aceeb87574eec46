"""The session summary without the UI: saving and its labels, what the LLM is sent,
reports in every format, an old database upgraded, and merges between databases."""

from __future__ import annotations

import json
import re
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fake_openai import FakeOpenAI
from followups_support import (
    CANDIDATE,
    FAKE_KEY,
    INTERVIEWER,
    fake_settings,
    fixture_services,
    start_session,
)
from markdown_it import MarkdownIt
from sqlite_utils import Database

from interview.llm.client import LLMClient
from interview.reports.build import load_report, load_reports
from interview.reports.export import render
from interview.reports.json_report import report_dict
from interview.reports.markdown import render_markdown
from interview.reports.model import SCHEMA_MINOR, Report
from interview.reports.terminal import render_text
from interview.services import summary_draft
from interview.services.demo import DemoClock
from interview.services.live import LiveSession
from interview.services.merge import merge_databases
from interview.storage.db import open_db, schema_names
from interview.storage.report_queries import QUERY_COUNT, load_many
from interview.storage.repository import Repository
from interview.storage.schema import migrations
from tests.panel_support import Clock, close, interview, services_at
from tests.report_support import QueryCounter, frozen_content
from tests.test_report_escaping import ALLOWED, HOSTILE, SCRIPT, check_html
from tests.test_report_schema import SCHEMA, check
from tests.tui_support import PLAN, StepClock, fixture_content

# ------------------------------------------------------------ saving


def test_an_unchanged_draft_is_ai_drafted_and_an_edit_marks_it_edited(clock: object) -> None:
    live = start_session(fixture_services(clock))
    note = summary_draft.save(live, "Strong on APIs.\n", draft="Strong on APIs.", draft_model="m1")
    assert (note.ai_drafted, note.edited, note.model) == (True, False, "m1")
    created = note.created_at

    # Re-saving the same text writes nothing new.
    assert summary_draft.save(live, "Strong on APIs.\n") == note

    # Edited later, without a new draft: still AI-drafted, now edited.
    note = summary_draft.save(live, "Strong on APIs; weak on tests.")
    assert (note.ai_drafted, note.edited, note.model) == (True, True, "m1")
    assert note.id == live.repo.summary_note(live.id).id  # type: ignore[union-attr]
    assert note.created_at == created and note.updated_at > created
    saved = [e for e in live.repo.events(live.id) if e["kind"] == "summary_saved"]
    assert [e["detail"]["edited"] for e in saved] == [False, True]


def test_a_summary_written_by_hand_is_labelled_as_the_interviewers(clock: object) -> None:
    live = start_session(fixture_services(clock))
    note = summary_draft.save(live, "My own words.")
    assert (note.ai_drafted, note.edited, note.model) == (False, False, "")
    with pytest.raises(ValueError, match="write a summary"):
        summary_draft.save(live, "  \n ")


def test_after_submission_the_summary_is_an_annotation_and_the_scorecard_stays_locked(
    clock: object,
) -> None:
    live = start_session(fixture_services(clock))
    live.set_score("api", 3)
    live.submit("Good reasoning.")
    before = live.repo.summary(live.id)
    summary_draft.save(live, "Drafted after the debrief.", draft="Drafted", draft_model="m")
    after = live.repo.summary(live.id)
    assert (after.status, after.revision, after.weighted_score, after.recommendation) == (
        before.status,
        before.revision,
        before.weighted_score,
        before.recommendation,
    )
    assert live.repo.amendments(live.id) == []
    report = load_report(live.repo.db, live.id)
    assert report.summary is not None and report.summary.edited
    assert report.weighted == pytest.approx(66.67, abs=0.01)


# ------------------------------------------------------------ what is sent


def test_the_prompt_holds_levels_anchors_signals_notes_and_justification_but_no_names(
    clock: object,
) -> None:
    live = start_session(fixture_services(clock))
    first = live.question.id
    live.toggle_signal(first, "row-lock")
    live.toggle_follow_up(first, live.question.follow_ups[0])
    live.save_notes(first, "Ada said Lovelace Ltd uses keys; GRACE agreed.", 60, 60)
    live.set_score("api", 3)
    live.set_justification("Ada Lovelace reasons well; Hopper would hire.")
    system, user = (m["content"] for m in summary_draft.summary_request(live).messages)
    assert "Strengths:" in system and "do not name anyone" in system
    assert "- API design (weight 50%): 3/4 Proficient" in user
    assert "  - Names an idempotency key for unsafe operations" in user
    assert "- Testing (weight 20%): not assessed" in user
    assert "- Locks the row or uses a unique constraint against concurrent duplicates" in user
    assert "- The client times out and retries. What happens?" in user  # probe asked
    assert "the candidate said the candidate Ltd uses keys; the interviewer agreed." in user
    assert "the candidate reasons well; the interviewer would hire." in user
    for name in (*CANDIDATE.split(), *INTERVIEWER.split()):
        assert name.lower() not in (system + user).lower()


async def test_a_draft_streams_and_its_request_carries_no_name_and_no_key(clock: object) -> None:
    live = start_session(fixture_services(clock))
    live.save_notes(live.question.id, "Ada Lovelace wants a dedupe key.", 60, 60)
    reply = "The candidate reasoned from failure modes.\nStrengths:\n- idempotency\n"
    with FakeOpenAI(reply=reply) as fake:
        settings = fake_settings(fake.base_url)
        client = LLMClient(settings)
        pieces: list[str] = []
        outcome = await summary_draft.draft(
            client, summary_draft.summary_request(live), pieces.append
        )
        await client.aclose()
        body = fake.bodies_received()
        headers = fake.requests[0].headers
    assert outcome.ok and outcome.text == reply.strip() and len(pieces) > 3
    assert "dedupe key" in body
    for secret in ("Ada", "Lovelace", "Grace", "Hopper", FAKE_KEY):
        assert secret not in body
    assert headers["authorization"] == f"Bearer {FAKE_KEY}"  # the key only as the header
    assert json.loads(fake.requests[0].raw_body)["max_tokens"] == summary_draft.MAX_TOKENS
    summary_draft.record_usage(live, settings, outcome)
    row = live.repo.db.execute("SELECT model, purpose, completion_tokens FROM llm_usage").fetchone()
    assert row[0] == "fake-model" and row[1] == summary_draft.PURPOSE and row[2] > 0


async def test_a_failed_draft_comes_back_as_an_error_not_an_exception(clock: object) -> None:
    live = start_session(fixture_services(clock))
    with FakeOpenAI(scenario="server_error") as fake:
        client = LLMClient(fake_settings(fake.base_url))
        outcome = await summary_draft.draft(client, summary_draft.summary_request(live))
        await client.aclose()
    assert not outcome.ok and outcome.error is not None
    assert "HTTP 500" in outcome.error.message and outcome.completion is None


# ------------------------------------------------------------ reports

MODEL = "<b>model</b> `x` [bold]y[/bold]"


def hostile_summary_report() -> Report:
    db = open_db(None)
    content = frozen_content()
    repo = Repository(db, clock=DemoClock())
    cid = repo.find_or_create_candidate("Ada Lovelace")
    sid = repo.create_session(candidate_id=cid, interviewer="Grace", role="Backend",
                              level="senior", plan=content.plans["senior-backend-60"],
                              content=content)  # fmt: skip
    live = LiveSession(repo, sid)
    live.set_score("python", 3)
    live.submit("Fine.")
    summary_draft.save(live, HOSTILE, draft="draft", draft_model=MODEL)
    return load_report(db, sid)


def test_hostile_summary_text_stays_text_in_every_format() -> None:
    report = hostile_summary_report()
    heading = "Summary (AI-drafted, edited by the interviewer)"

    md = render(report, "md")
    assert f"## {heading}" in md
    assert not re.search(r"(?<!\\)<(script|img)|(?<!\\)!\[", md)
    assert "\\<b\\>model" in md
    html_of_md = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    assert "<script" not in html_of_md and "<img" not in html_of_md and "<a " not in html_of_md
    assert "<h1>not a heading" not in html_of_md

    html = render(report, "html")
    checker = check_html(html)
    assert checker.tags <= ALLOWED
    assert not [name for name, _ in checker.attrs if name.startswith("on")]
    assert f"<h2>{heading}</h2>" in html
    text = "".join(checker.text)
    assert SCRIPT in text and "<b>model</b>" in text  # shown as typed, never as markup
    assert "\x1b" not in html

    plain = render_text(report, width=120)
    assert heading in plain and "[bold]y[/bold]" in plain and "\x1b" not in plain

    data = json.loads(render(report, "json"))
    assert data["summary"]["text"] == HOSTILE
    assert data["summary"]["label"] == "AI-drafted, edited by the interviewer"
    assert data["summary"]["model"] == MODEL
    assert data["schema_minor"] == SCHEMA_MINOR
    assert check(data, SCHEMA) == []
    assert list(data).index("summary") == list(data).index("score") + 1


def test_without_a_summary_no_format_mentions_one(clock: object) -> None:
    live = start_session(fixture_services(clock))
    report = load_report(live.repo.db, live.id)
    assert report.summary is None
    assert "## Summary" not in render_markdown(report)
    assert "summary-note" not in render(report, "html")
    assert "summary" not in report_dict(report)
    assert "Summary (" not in render_text(report, width=100)


def test_the_summary_costs_no_extra_report_query(clock: object) -> None:
    services = fixture_services(clock)
    with_note, without = start_session(services), start_session(services, candidate="Bo")
    summary_draft.save(with_note, "Noted.")
    with QueryCounter(services.repo.db) as counter:
        rows = load_many(services.repo.db, [with_note.id, without.id])
    assert counter.count == QUERY_COUNT
    reports = load_reports(services.repo.db, [with_note.id, without.id])
    assert [r.summary is not None for r in reports] == [True, False]
    assert rows[with_note.id].session["summary_text"] == "Noted."


# ------------------------------------------------------------ an older database


def test_a_database_from_before_summaries_is_upgraded_and_takes_one(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    migrations.apply(old, stop_before="m003_session_summaries")
    assert "session_summaries" not in old.table_names()
    repo = Repository(old, clock=StepClock())
    content = fixture_content()
    sid = repo.create_session(
        candidate_id=repo.find_or_create_candidate("Ada Lovelace"),
        interviewer="Grace",
        role="Backend",
        level="senior",
        plan=content.plans[PLAN],
        content=content,
    )
    old.conn.close()

    db = open_db(path)
    try:
        assert db.applied_steps() == schema_names()
        live = LiveSession(Repository(db, clock=StepClock()), sid)
        assert live.repo.summary_note(sid) is None
        summary_draft.save(live, "Written after the upgrade.")
        report = load_report(db, sid)
        assert report.summary is not None
        assert report.summary.heading == "Summary (written by the interviewer)"
    finally:
        db.close()


# ------------------------------------------------------------ merging


def summaries(path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT id, session_id, text, ai_drafted, edited, model, created_at, updated_at "
            "FROM session_summaries ORDER BY session_id"
        ).fetchall()
    finally:
        conn.close()


def write_summary(path: Path, session_id: str, text: str, hour: int, **kw: object) -> None:
    services = services_at(path, Clock(datetime(2026, 3, 2, hour, 0, tzinfo=UTC)))
    try:
        live = LiveSession(services.repo, session_id)
        summary_draft.save(live, text, **kw)  # type: ignore[arg-type]
    finally:
        close(services)


def test_summaries_travel_with_a_merge_idempotently_and_the_last_saved_wins(
    tmp_path: Path,
) -> None:
    alice, panel = tmp_path / "alice.db", tmp_path / "panel.db"
    services = services_at(alice)
    sid = interview(services, candidate="Ada", code="C-7", interviewer="Alice",
                    scores={"python": 3})  # fmt: skip
    close(services)
    write_summary(alice, sid, "First words.", 10, draft="First words.", draft_model="m")

    first = merge_databases([alice], panel)
    assert first.sources[0].rows_added["session_summaries"] == 1
    assert summaries(panel) == summaries(alice)
    again = merge_databases([alice, alice], panel)
    assert not again.changed and summaries(panel) == summaries(alice)

    # Edited later in Alice's database: the newer version replaces the panel's copy.
    write_summary(alice, sid, "Second words.", 11)
    merge_databases([alice], panel)
    assert summaries(panel) == summaries(alice)
    assert summaries(panel)[0][2:5] == ("Second words.", 1, 1)

    # A stale copy never overwrites a newer one.
    stale = tmp_path / "stale.db"
    services = services_at(stale)
    sid_b = interview(services, candidate="Bo", interviewer="Bob", scores={"python": 2})
    close(services)
    merge_databases([panel], stale)
    write_summary(alice, sid, "Third words.", 12)
    merge_databases([alice], panel)
    assert not merge_databases([stale], panel).sources[0].rows_added["session_summaries"]
    assert summaries(panel)[0][2] == "Third words."
    assert sid_b not in {row[1] for row in summaries(panel)}

    db = open_db(panel, readonly=True)
    try:
        report = load_report(db, sid)
    finally:
        db.close()
    assert report.summary is not None and report.summary.text == "Third words."


def test_a_source_from_before_summaries_still_merges(tmp_path: Path) -> None:
    old, panel = tmp_path / "old.db", tmp_path / "panel.db"
    services = services_at(old)
    interview(services, candidate="Ada", interviewer="Alice", scores={"python": 3})
    close(services)
    conn = sqlite3.connect(old)
    conn.execute("DROP TABLE session_summaries")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_session_summaries'")
    conn.commit()
    conn.close()
    result = merge_databases([old], panel)
    assert result.total("sessions_added") == 1 and summaries(panel) == []
