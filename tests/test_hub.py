"""The team hub against a real Datasette server on 127.0.0.1 (never mocked)."""

from __future__ import annotations

import hashlib
import signal
import sqlite3
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.hub_data import clone_scorecards, free_port, running_hub  # noqa: E402
from interview.cli import cli  # noqa: E402
from interview.services.demo import write_demo_file, write_per_interviewer  # noqa: E402
from interview.services.hub_client import HubClient, HubError, HubSettings  # noqa: E402
from interview.services.hub_sync import push  # noqa: E402
from tests.report_support import bundled_content  # noqa: E402

HANNAH, KENJI = "Hannah Schmidt", "Kenji Watanabe"


def run(*args: str | Path, token: str = "", **env: str) -> Result:
    return CliRunner().invoke(
        cli,
        [str(a) for a in args],
        env={"INTERVIEW_HUB_TOKEN": token, **env},
        catch_exceptions=False,
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def hub_rows(hub_dir: Path, table: str) -> list[tuple[str, str]]:
    conn = sqlite3.connect(hub_dir / "hub.db")
    try:
        return conn.execute(
            f"SELECT id, fingerprint FROM {table} WHERE id NOT LIKE 'snapshot:%' ORDER BY id"
        ).fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    write_per_interviewer(folder / "per", bundled_content())
    write_demo_file(folder / "all.db", bundled_content())
    return folder


def per(demo: Path, name: str) -> Path:
    return demo / "per" / f"{name.lower().replace(' ', '-')}.db"


def panel_output(db: Path, *args: str) -> str:
    result = run("panel", "--db", db, *args)
    assert result.exit_code == 0, result.output
    return result.output


def test_push_twice_pull_as_lead_equals_a_local_merge(demo: Path, tmp_path: Path) -> None:
    with running_hub(tmp_path / "hub") as hub:
        tokens = {name: hub.token(name, "interviewer") for name in (HANNAH, KENJI)}
        lead = hub.token("Lead", "lead")
        for name in (HANNAH, KENJI):
            first = run("push", "--hub", hub.url, "--db", per(demo, name), token=tokens[name])
            assert first.exit_code == 0, first.output
            assert "new" in first.output
            again = run("push", "--hub", hub.url, "--db", per(demo, name), token=tokens[name])
            assert again.exit_code == 0
            assert "nothing to push" in again.output
        pulled = run("pull", "--hub", hub.url, "-o", tmp_path / "pulled.db", token=lead)
        assert pulled.exit_code == 0, pulled.output
        assert "pulled 5 scorecard(s)" in pulled.output
        # Pulling again changes nothing: the same merge rules.
        again = run("pull", "--hub", hub.url, "-o", tmp_path / "pulled.db", token=lead)
        assert "unchanged" in again.output
    merged = run("merge", per(demo, HANNAH), per(demo, KENJI), "-o", tmp_path / "merged.db")
    assert merged.exit_code == 0
    assert panel_output(tmp_path / "pulled.db") == panel_output(tmp_path / "merged.db")
    for code in ("C-2041", "C-2042"):
        assert panel_output(tmp_path / "pulled.db", code) == panel_output(
            tmp_path / "merged.db", code
        )


def test_what_never_leaves_the_interviewers_machine(demo: Path, tmp_path: Path) -> None:
    # The combined demo file holds an unfinished session and a practice attempt.
    with running_hub(tmp_path / "hub") as hub:
        tokens = {n: hub.token(n, "interviewer") for n in ("Rosa Delgado", "Olu Adeyemi")}
        for name, token in tokens.items():
            result = run(
                "push", "--hub", hub.url, "--db", demo / "all.db", "--interviewer", name,
                token=token,
            )  # fmt: skip
            assert result.exit_code == 0, result.output
    conn = sqlite3.connect(tmp_path / "hub" / "hub.db")
    text = "\n".join(str(r) for r in conn.execute("SELECT payload FROM inbox_rosa_delgado"))
    text += "\n".join(str(r) for r in conn.execute("SELECT payload FROM inbox_olu_adeyemi"))
    conn.close()
    local = sqlite3.connect(demo / "all.db")
    unfinished = [
        r[0] for r in local.execute("SELECT id FROM sessions WHERE status != 'submitted'")
    ]
    practice = [r[0] for r in local.execute("SELECT id FROM sessions WHERE mode = 'practice'")]
    local.close()
    assert unfinished and practice
    for sid in unfinished + practice:
        assert sid not in text
    assert '"prefs"' not in text and "calibration" not in text


def test_a_token_cannot_overwrite_another_interviewers_scorecard(
    demo: Path, tmp_path: Path
) -> None:
    import asyncio

    with running_hub(tmp_path / "hub") as hub:
        hannah = hub.token(HANNAH, "interviewer")
        kenji = hub.token(KENJI, "interviewer")
        assert run("push", "--hub", hub.url, "--db", per(demo, KENJI), token=kenji).exit_code == 0
        before = hub_rows(hub.directory, "inbox_kenji_watanabe")

        async def overwrite() -> None:
            async with HubClient(HubSettings(hub.url, hannah)) as client:
                forged = {"id": before[0][0], "fingerprint": "forged", "payload": "{}"}
                await client.upsert("hub", "inbox_kenji_watanabe", [forged])

        with pytest.raises(HubError, match="403"):
            asyncio.run(overwrite())
        # Through the command too: Hannah's token on Kenji's database is refused.
        result = run("push", "--hub", hub.url, "--db", per(demo, KENJI), token=hannah)
        assert result.exit_code == 1
        assert "403" in result.output and "Traceback" not in result.output
        assert hub_rows(hub.directory, "inbox_kenji_watanabe") == before


def test_kill_the_hub_mid_push_then_push_again(demo: Path, tmp_path: Path) -> None:
    dbs = clone_scorecards(per(demo, HANNAH), tmp_path / "big", copies=20)
    source = dbs[HANNAH]
    with running_hub(tmp_path / "hub") as hub:
        token = hub.token(HANNAH, "interviewer")
        settings = HubSettings(hub.url, token, timeout=5)

        def kill_after_first_batch(sent: int, total: int) -> None:
            if sent == 10:
                hub.stop(signal.SIGKILL)

        with pytest.raises(HubError, match="unreachable"):
            push(settings, source, progress=kill_after_first_batch, batch_size=10)
        # The first batch: the content snapshot and 9 scorecards, stored whole.
        assert len(hub_rows(hub.directory, "inbox_hannah_schmidt")) == 9
        hub.start()
        result = push(settings, source, batch_size=10)
        assert (result.added, result.updated) == (31, 0)
        assert "nothing to push" in push(settings, source).line()
        rows = hub_rows(hub.directory, "inbox_hannah_schmidt")
        assert len(rows) == len({r[0] for r in rows}) == 40
        lead = hub.token("Lead", "lead")
        assert run("pull", "--hub", hub.url, "-o", tmp_path / "p.db", token=lead).exit_code == 0
    run("merge", source, "-o", tmp_path / "m.db")
    assert panel_output(tmp_path / "p.db") == panel_output(tmp_path / "m.db")


def test_an_amendment_updates_the_hub_with_its_reason(demo: Path, tmp_path: Path) -> None:
    from interview.storage.db import open_db

    db_path = tmp_path / "hannah.db"
    db_path.write_bytes(per(demo, HANNAH).read_bytes())
    with running_hub(tmp_path / "hub") as hub:
        token = hub.token(HANNAH, "interviewer")
        assert run("push", "--hub", hub.url, "--db", db_path, token=token).exit_code == 0
        db = open_db(db_path)
        sid = db.conn.execute(
            "SELECT id FROM sessions WHERE status = 'submitted' ORDER BY id"
        ).fetchone()[0]
        with db.conn:
            db.conn.execute("UPDATE sessions SET revision = revision + 1 WHERE id = ?", [sid])
            db.conn.execute(
                "INSERT INTO amendments(id, session_id, at, actor, reason) "
                "VALUES ('a-1', ?, '2026-03-09T10:00:00+00:00', ?, 'misread the notes')",
                [sid, HANNAH],
            )
        db.conn.close()
        result = run("push", "--hub", hub.url, "--db", db_path, token=token)
        assert "1 updated" in result.output
        lead = hub.token("Lead", "lead")
        pulled = run("pull", "--hub", hub.url, "-o", tmp_path / "p.db", token=lead)
        assert pulled.exit_code == 0, pulled.output
    conn = sqlite3.connect(tmp_path / "p.db")
    assert conn.execute("SELECT reason FROM amendments WHERE id = 'a-1'").fetchone() == (
        "misread the notes",
    )
    conn.close()


class _Faulty(BaseHTTPRequestHandler):
    delay = 0.0
    status = 500

    def do_GET(self) -> None:
        time.sleep(self.delay)
        self.send_response(self.status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"ok": false, "error": "boom"}')

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        # A client that gave up on a slow reply closed its socket; the late write's
        # broken pipe would otherwise be printed into the next command's captured output.
        pass


@pytest.fixture
def faulty() -> Iterator[type[_Faulty]]:
    handler = type("Handler", (_Faulty,), {})
    server = _QuietServer(("127.0.0.1", 0), handler)
    handler.url = f"http://127.0.0.1:{server.server_address[1]}"  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield handler
    server.shutdown()
    server.server_close()


def _assert_one_line_failure(result: Result, *expected: str) -> None:
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    for text in expected:
        assert text in lines[0]


def test_network_failures_are_one_line_and_change_nothing(
    demo: Path, tmp_path: Path, faulty: type[_Faulty]
) -> None:
    db = tmp_path / "hannah.db"
    db.write_bytes(per(demo, HANNAH).read_bytes())
    before = digest(db)
    down = f"http://127.0.0.1:{free_port()}"
    _assert_one_line_failure(run("push", "--hub", down, "--db", db, token="t"), "unreachable")
    _assert_one_line_failure(run("pull", "--hub", down, "-o", tmp_path / "p.db", token="t"))
    assert not (tmp_path / "p.db").exists()
    url = faulty.url  # type: ignore[attr-defined]
    _assert_one_line_failure(run("push", "--hub", url, "--db", db, token="t"), "500")
    faulty.delay = 2.0
    slow = run("push", "--hub", url, "--db", db, token="t", INTERVIEW_HUB_TIMEOUT="0.3")
    _assert_one_line_failure(slow, "did not answer within 0.3s")
    _assert_one_line_failure(run("push", "--db", db, token="t"), "no hub URL")
    with running_hub(tmp_path / "hub") as hub:
        hub.token(HANNAH, "interviewer")
        bad = run("push", "--hub", hub.url, "--db", db, token="dstok_forged")
        _assert_one_line_failure(bad, "rejected the token")
        assert "dstok_forged" not in bad.output
    assert digest(db) == before


def test_publishing_shows_anonymous_users_only_the_views(demo: Path, tmp_path: Path) -> None:
    import urllib.error
    import urllib.request

    panel_db = tmp_path / "panel.db"
    assert run("merge", demo / "all.db", "-o", panel_db, "--mixed").exit_code == 0

    def status(url: str, token: str = "") -> int:
        request = urllib.request.Request(url)
        if token:
            request.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return exc.code

    with running_hub(tmp_path / "hub", publish=(panel_db,)) as hub:
        lead = hub.token("Lead", "lead")
        interviewer = hub.token(HANNAH, "interviewer")
        base = f"{hub.url}/panel"
        for table in ("answers", "sessions", "prefs", "events", "amendments"):
            assert status(f"{base}/{table}.json") == 403, table
            assert status(f"{base}/{table}.json", interviewer) == 403, table
            assert status(f"{base}/{table}.json", lead) == 200, table
        for view in ("scorecards", "candidate_summary", "scorecard_scores"):
            assert status(f"{base}/{view}.json") == 200, view
        assert status(f"{base}/-/query.json?sql=select+notes+from+answers") == 403
        assert status(f"{hub.url}/hub.json") == 403
        assert status(f"{hub.url}/hub.json", lead) == 200


def test_a_clear_error_when_datasette_is_not_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "datasette", None)  # as if not installed
    for args in (("hub", "serve", tmp_path / "hub"), ("hub", "token", "Ann", "--role", "lead")):
        result = run(*args)
        assert result.exit_code == 1
        assert result.output == (
            "error: Datasette is not installed: pip install 'structured-interview[hub]'\n"
        )


@pytest.mark.parametrize(
    ("conf", "expected"),
    [
        ('url = 5\ntoken = "t"\n', "hub.toml: url must be a quoted string, not 5"),
        ('url = "http://127.0.0.1:9"\ntoken = ["t"]\n', "hub.toml: token must be a quoted string"),
        ('url = "http://127.0.0.1:9"\ntoken = "t"\ntimeout = [1]\n', "hub.toml: timeout must be"),
        ('url = "http://127.0.0.1:9"\ntoken = "t"\ntimeout = "soon"\n', "timeout must be"),
        ('url = "http://127.0.0.1:9"\n', "set INTERVIEW_HUB_TOKEN or token in"),
    ],
)
def test_a_bad_hub_toml_is_one_line_naming_the_file(
    demo: Path, tmp_path: Path, conf: str, expected: str
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "hub.toml").write_text(conf)
    db = per(demo, HANNAH)
    result = run("push", "--db", db, INTERVIEW_CONFIG_DIR=str(config))
    _assert_one_line_failure(result, expected, str(config / "hub.toml"))
