"""A signal that names its areas is evidence for those areas only: in the scoring pane
(the live service), the panel and the reports."""

from __future__ import annotations

from pathlib import Path

from interview.config import Config
from interview.domain.content_paths import content_layers
from interview.domain.loader import load_content
from interview.reports.build import load_report
from interview.reports.markdown import render_markdown
from interview.services.container import build_services
from interview.services.live import LiveSession

BANK = """\
questions:
  - id: split-evidence
    title: Split evidence
    kind: scenario
    level: mid
    areas: [api, databases]
    minutes: 5
    prompt: Design the endpoint.
    senior_signals:
      - {id: idem, text: Asks for an idempotency key, areas: [api]}
      - {id: lock, text: Locks the row before the update, areas: [databases]}
      - {id: both, text: Names the failure modes first}
    junior_signals:
      - {id: happy, text: Describes the happy path only, areas: [api]}
    follow_ups:
      - {id: f1, text: What if the client retries?}
"""
PLAN = "id: split\ntitle: Split\nrubric: backend\nquestions: [split-evidence]\n"


def section(markdown: str, title: str) -> str:
    return markdown.split(f"### {title}", 1)[1].split("\n### ", 1)[0]


def test_ticked_signals_are_listed_under_their_own_areas(tmp_path: Path) -> None:
    (tmp_path / "bank").mkdir()
    (tmp_path / "bank" / "q.yaml").write_text(BANK)
    (tmp_path / "bank" / "plan.yaml").write_text(PLAN)
    content = load_content(content_layers(bank=[tmp_path / "bank"])).content
    services = build_services(db_path=tmp_path / "s.db", content=content, config=Config())
    repo = services.repo
    sid = repo.create_session(
        candidate_id=repo.find_or_create_candidate("Kim Example"),
        interviewer="Grace",
        role="Backend engineer",
        level="mid",
        plan=content.plans["split"],
        content=content,
    )
    live = LiveSession(repo, sid)
    for signal in ("idem", "lock", "both", "happy"):
        live.toggle_signal("split-evidence", signal)
    (api,) = live.evidence("api")
    (db,) = live.evidence("databases")
    assert api.senior == ("Asks for an idempotency key", "Names the failure modes first")
    assert api.junior == ("Describes the happy path only",)
    assert db.senior == ("Locks the row before the update", "Names the failure modes first")
    assert db.junior == ()
    assert live.evidence("python") == []

    live.set_score("api", 3)
    live.set_score("databases", 2)
    live.submit("Idempotency unprompted; locking only when asked.")
    markdown = render_markdown(load_report(repo.db, sid))
    repo.db.conn.close()
    api_md, db_md = section(markdown, "API design"), section(markdown, "Databases")
    assert "Asks for an idempotency key" in api_md and "Locks the row" not in api_md
    assert "Locks the row before the update" in db_md and "idempotency key" not in db_md
    assert "Describes the happy path only" in api_md and "happy path" not in db_md
    assert "Names the failure modes first" in api_md and "Names the failure modes first" in db_md
