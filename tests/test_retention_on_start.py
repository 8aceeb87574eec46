"""The app applies the retention policy as it starts, and says what it did."""

from __future__ import annotations

from datetime import UTC, datetime

from interview.commands.run import _apply_retention
from interview.config import Config
from interview.domain.retention_policy import RetentionSettings
from interview.tui.app import build_app
from tests.tui_support import make_services, seed_session, wait_for


async def test_start_anonymises_what_is_due_and_shows_a_notice() -> None:
    policy = RetentionSettings(anonymise_after_days=30, delete_after_days=3650)
    services = make_services(config=Config(retention=policy))
    old = seed_session(services, name="Ada Lovelace")
    old.set_score("python", 3)
    old.submit("Solid.")
    seed_session(services, name="Alan Turing")  # in progress: never touched
    services.clock = lambda: datetime(2031, 1, 1, tzinfo=UTC)
    _apply_retention(services)
    assert services.notices == [
        "retention (anonymise after 30 days, delete after 3650 days): anonymised 1 and "
        "deleted 0 finished session(s)"
    ]
    names = {r[0] for r in services.repo.db.conn.execute("SELECT name FROM candidates")}
    assert names == {"", "Alan Turing"}
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: bool(app._notifications))
        shown = [n.message for n in app._notifications]
        assert any("anonymised 1" in m for m in shown)


def test_no_policy_no_change_no_notice() -> None:
    services = make_services()
    live = seed_session(services)
    live.set_score("python", 3)
    live.submit("Solid.")
    services.clock = lambda: datetime(2040, 1, 1, tzinfo=UTC)
    _apply_retention(services)
    assert services.notices == []
    assert services.repo.db.conn.execute("SELECT count(*) FROM candidates").fetchone() == (1,)


def test_abandoned_sessions_are_covered_by_retention() -> None:
    from interview.storage.lifecycle import mark_abandoned

    policy = RetentionSettings(anonymise_after_days=30, delete_after_days=60)
    services = make_services(config=Config(retention=policy))
    live = seed_session(services, name="No Show")
    live.save_notes(live.question.id, "did not join the call", 1.0, 1.0)
    mark_abandoned(services.repo, live.id, actor="Grace Hopper", reason="no-show")
    services.clock = lambda: datetime(2031, 1, 1, tzinfo=UTC)
    _apply_retention(services)
    assert "deleted 1" in services.notices[0]
    conn = services.repo.db.conn
    assert conn.execute("SELECT count(*) FROM sessions").fetchone() == (0,)
    assert conn.execute("SELECT count(*) FROM candidates").fetchone() == (0,)
