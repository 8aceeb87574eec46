"""`interview llm check`: one small streamed request, exit 0 only on success."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_openai import FakeOpenAI
from followups_support import FAKE_KEY, FAST

from interview.cli import cli


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    with FakeOpenAI() as server:
        yield server


def run(fake: FakeOpenAI, *args: str, key: str = FAKE_KEY) -> tuple[int, str]:
    env = {"OPENAI_BASE_URL": fake.base_url, "OPENAI_API_KEY": key}
    result = CliRunner().invoke(cli, ["llm", "check", *args], env=env)
    return result.exit_code, result.output


def test_check_reports_model_source_and_first_token(fake: FakeOpenAI) -> None:
    code, out = run(fake, "--model", "fake-model")
    assert code == 0
    assert out.startswith(f"ok: model fake-model (--model) at {fake.base_url}; first token after ")
    assert out.rstrip().endswith("120+51 tokens")
    (request,) = fake.requests
    assert request.body["stream"] is True and request.body["max_tokens"] == 16


def test_model_from_the_environment_is_named(
    fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("INTERVIEW_LLM_MODEL", "env-model")
    code, out = run(fake)
    assert code == 0 and "model env-model (INTERVIEW_LLM_MODEL)" in out
    assert fake.requests[0].body["model"] == "env-model"


@pytest.mark.parametrize(
    ("scenario", "cause"),
    [
        ("hang", "timed out: no first token within 1 s"),
        ("auth_error", "auth refused: HTTP 401"),
        ("server_error", "server error: HTTP 500 after 3 attempts"),
        ("wrong_shape", "unreadable reply: reply is not a chat completion stream"),
        ("malformed_json", "unreadable reply: malformed JSON in the stream"),
    ],
)
def test_failures_exit_1_with_one_line_naming_the_cause(
    fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch, scenario: str, cause: str
) -> None:
    monkeypatch.setattr("interview.llm.settings.CHECK_LIMITS", FAST)
    fake.set_scenario(scenario)
    code, out = run(fake)
    assert code == 1
    assert out.count("\n") == 1
    assert out.startswith(f"error: LLM check failed — {cause}")
    assert FAKE_KEY not in out


def test_no_key_fails_without_calling(fake: FakeOpenAI) -> None:
    code, out = run(fake, key="")
    assert code == 1
    assert out.startswith("error: LLM check failed — no key: set OPENAI_API_KEY")
    assert fake.requests == []


def test_help_documents_the_precedence() -> None:
    out = CliRunner().invoke(cli, ["llm", "check", "--help"]).output
    assert "INTERVIEW_LLM_MODEL < --model" in out
    assert "OPENAI_BASE_URL < --base-url" in out
    assert "OPENAI_API_KEY only" in out


def test_a_bad_base_url_is_named(fake: FakeOpenAI) -> None:
    code, out = run(fake, "--base-url", "http://[::1")
    assert code == 1
    assert out == (
        "error: LLM check failed — bad setting: 'http://[::1' is not a valid URL — fix "
        "--base-url; model gpt-4o-mini (default) at http://[::1\n"
    )


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("model = 5", "[llm] model must be a quoted string"),
        ("base_url = 5", "[llm] base_url must be a quoted string"),
        ('price_per_1k_prompt = "cheap"', "[llm] price_per_1k_prompt must be a number of 0 or"),
        ("price_per_1k_completion = -1", "[llm] price_per_1k_completion must be a number of 0"),
    ],
)
def test_a_wrongly_typed_llm_setting_is_one_line(
    fake: FakeOpenAI, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, setting: str, expected: str
) -> None:
    monkeypatch.setenv("INTERVIEW_CONFIG_DIR", str(tmp_path))
    config = tmp_path / "config.toml"
    config.write_text(f"[llm]\n{setting}\n")
    code, out = run(fake)
    assert code == 1
    assert out.startswith(f"error: {config}: {expected}"), out
    assert len(out.strip().splitlines()) == 1 and not fake.requests
