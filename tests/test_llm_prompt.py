"""LLM settings precedence, what the prompt holds (and never holds), and reading replies."""

from __future__ import annotations

import subprocess
import sys

from followups_support import CANDIDATE, INTERVIEWER, fixture_services, start_session

from interview.config import Config, LLMConfig
from interview.llm.prompt import parse_reply
from interview.llm.redact import redact_names
from interview.llm.settings import DEFAULT_BASE_URL, DEFAULT_MODEL, resolve_settings
from interview.llm.suggest import request_for

# ------------------------------------------------------------ settings


def test_model_and_url_come_from_config_then_env_then_flag() -> None:
    config = Config(llm=LLMConfig(model="from-config", base_url="http://config/v1"))
    assert resolve_settings(Config(), {}).model == DEFAULT_MODEL
    assert resolve_settings(Config(), {}).base_url == DEFAULT_BASE_URL
    s = resolve_settings(config, {})
    assert (s.model, s.model_source, s.base_url) == (
        "from-config",
        "config file",
        "http://config/v1",
    )
    env = {"INTERVIEW_LLM_MODEL": "from-env", "OPENAI_BASE_URL": "http://env/v1/"}
    s = resolve_settings(config, env)
    assert (s.model, s.model_source, s.base_url) == (
        "from-env",
        "INTERVIEW_LLM_MODEL",
        "http://env/v1",
    )
    s = resolve_settings(config, env, model="from-flag", base_url="http://flag/v1")
    assert (s.model, s.model_source, s.base_url, s.base_url_source) == (
        "from-flag",
        "--model",
        "http://flag/v1",
        "--base-url",
    )


def test_key_only_from_the_environment_and_never_in_repr() -> None:
    s = resolve_settings(Config(), {"OPENAI_API_KEY": "sk-secret-value-123"})
    assert s.has_key
    assert "sk-secret" not in repr(s)
    assert s.redact("boom sk-secret-value-123 boom") == "boom [redacted key] boom"
    assert not resolve_settings(Config(), {}).has_key


def test_cost_needs_a_configured_price() -> None:
    assert resolve_settings(Config(), {}).cost(1000, 1000) is None
    priced = Config(llm=LLMConfig(price_per_1k_prompt=0.5, price_per_1k_completion=2.0))
    assert resolve_settings(priced, {}).cost(2000, 500) == 2.0


# ------------------------------------------------------------ the prompt


def test_prompt_holds_question_signals_probes_anchors_and_notes(clock: object) -> None:
    live = start_session(fixture_services(clock))
    live.toggle_signal("fu-payment", "row-lock")
    live.toggle_follow_up("fu-payment", live.question.follow_ups[0])
    request = request_for(live, notes="Wants an idempotency key. Then talked about webhooks.")
    system, user = (m["content"] for m in request.messages)
    assert "FOLLOW-UP:" in system and "exactly 3 lines" in system
    assert "Question: Payment endpoint" in user
    assert "Design an endpoint that charges a saved card." in user
    assert "- Asks for an idempotency key [heard]" in user  # found by keyword
    assert (
        "- Locks the row or uses a unique constraint against concurrent duplicates [heard]" in user
    )
    assert "- Only the happy path [red flag]" in user
    assert "- The client times out and retries. What happens? [asked]" in user
    assert "3 Proficient: Names an idempotency key for unsafe operations" in user
    assert "Testing" not in user  # only the anchors of the question's own areas
    assert "Then talked about webhooks." in user


def test_names_never_reach_the_prompt(clock: object) -> None:
    live = start_session(fixture_services(clock))
    notes = (
        "ada said she'd add a dedupe table. LOVELACE then asked Grace about scale. "
        "Ms Lovelace, per hopper: strong. Adamant about tests."
    )
    text = "\n".join(m["content"] for m in request_for(live, notes=notes).messages)
    for part in (*CANDIDATE.split(), *INTERVIEWER.split()):
        assert part.lower() not in text.lower().replace("adamant", "")
    assert "the candidate said she'd add a dedupe table" in text
    assert "the candidate then asked the interviewer about scale" in text
    assert "Adamant about tests." in text  # a word that merely starts with a name is kept


def test_redaction_replaces_full_names_before_their_parts() -> None:
    pairs = [("Jean-Luc Picard", "the candidate")]
    assert redact_names("Jean-Luc Picard; jean-luc; PICARD; Luc", pairs) == (
        "the candidate; the candidate; the candidate; the candidate"
    )
    assert redact_names("nothing to hide", [("", "x")]) == "nothing to hide"


# ------------------------------------------------------------ reading the reply


def test_reply_in_the_asked_format_is_read_exactly() -> None:
    reply = (
        "FOLLOW-UP: What happens on a retry? | WHY: idempotency\n"
        "FOLLOW-UP: Did the customer pay? | WHY: unknown outcome\n"
        "FOLLOW-UP: Which states does a payment have? | WHY: state machine\n"
    )
    parsed = parse_reply(reply)
    assert [(p.text, p.reason) for p in parsed] == [
        ("What happens on a retry?", "idempotency"),
        ("Did the customer pay?", "unknown outcome"),
        ("Which states does a payment have?", "state machine"),
    ]


def test_reply_with_chatter_numbering_and_bold_is_still_read() -> None:
    reply = (
        "Sure! Here are three follow-ups:\n\n"
        "1. **Follow-up:** What happens on a retry? — **Why:** idempotency\n"
        "2) follow up - Did the customer pay?\n"
        "- FOLLOW-UP: What happens on a retry? | WHY: duplicate, dropped\n"
        "* FOLLOW-UP: How is the receipt sent?\n"
        "* FOLLOW-UP: One too many?\n"
    )
    parsed = parse_reply(reply)
    assert [p.text for p in parsed] == [
        "What happens on a retry?",
        "Did the customer pay?",
        "How is the receipt sent?",
    ]
    assert parsed[0].reason == "idempotency"


def test_numbered_questions_without_the_prefix_are_accepted() -> None:
    parsed = parse_reply("1. How do you dedupe webhooks?\n2. What if the DB is down?\nThanks!")
    assert [p.text for p in parsed] == ["How do you dedupe webhooks?", "What if the DB is down?"]


def test_off_format_replies_give_nothing() -> None:
    assert parse_reply("I'm sorry, I can't help with that.") == []
    assert parse_reply("") == []
    assert parse_reply("The candidate did well overall. They mentioned retries.") == []


def test_llm_modules_import_neither_textual_nor_openai() -> None:
    code = (
        "import sys\n"
        "import interview.llm.client, interview.llm.suggest, interview.llm.prompt\n"
        "import interview.services.followups, interview.commands.llm\n"
        "bad = [m for m in ('textual', 'openai') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
