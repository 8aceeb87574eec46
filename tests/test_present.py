"""``interview present``: the candidate's window follows the live session and shows only
the current question's prompt and code."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from interview.cli import cli
from interview.services.presenter import candidate_view
from interview.tui.presenter import PresenterApp
from tests.tui_support import make_services, screen_text, seed_session


async def test_follows_the_session_and_shows_only_what_the_candidate_may_see() -> None:
    services = make_services()
    live = seed_session(services)
    first = live.question
    live.toggle_signal(first.id, first.senior_signals[0].id)
    live.save_notes(first.id, "PRIVATE NOTE about the candidate", 30, 30)
    app = PresenterApp(lambda: candidate_view(services.repo, live.id))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Question 1 of 4" in text and first.title in text
        assert "How do you spend your first two months?" in text
        for private in (
            "PRIVATE NOTE",
            first.senior_signals[0].text[:30],
            first.junior_signals[0].text[:30],
            first.context.split("\n")[0][:30],
            "Grace Hopper",
        ):
            assert private not in text
        live.goto(3, 100)  # the interviewer moves on to the code review
        app.poll()
        await pilot.pause()
        text = screen_text(app)
        assert "Question 4 of 4" in text
        code = live.items[3][1].code
        assert code is not None
        assert max(code.source.splitlines(), key=len).strip() in text  # not wrapped


def _cli(*args: str, db: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["present", "--db", str(db), *args])
    return result.exit_code, result.output


def test_without_an_interview_in_progress_it_says_so(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    services = make_services(db)
    live = seed_session(services)
    live.set_score("python", 3)
    live.submit("done")
    code, output = _cli(db=db)
    assert code == 1
    assert output.strip() == (
        f"error: no interview in progress in {db}; pass a session id (interview sessions)"
    )
    code, output = _cli("nope", db=db)
    assert code == 1 and output.strip() == "error: no session with id 'nope'"
