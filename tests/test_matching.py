"""The offline signal matcher, phrase by phrase: what it must find and the traps it must not."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.domain.folding import fold
from interview.domain.matching import keyword_hits, match_signals
from interview.domain.models import Question, Signal, SignalKind

# (keywords, red flag / weak signal?, text, should match)
CASES: list[tuple[tuple[str, ...], bool, str, bool]] = [
    # --- finds: inflections, identifiers, accents, case, compounds
    (("rollback",), False, "We rolled back the deploy within minutes", True),
    (("rollback",), False, "Rolling back was scripted", True),
    (("rolls back",), True, "the transaction rolled back everything", True),
    (("roll back",), False, "one-click rollback from the dashboard", True),
    (("retry",), False, "it retries with backoff", True),
    (("retry",), False, "retrying three times", True),
    (("retry",), False, "the job was retried", True),
    (("select for update",), False, "Order.objects.select_for_update().get(id=1)", True),
    (("select_for_update",), False, "I'd use SELECT ... FOR UPDATE? no: select for update", True),
    (("select_for_update",), False, "transaction.atomic() and select_for_update()", True),
    (("prefetch_related",), False, "prefetch related rows in one query", True),
    (("assertnumqueries",), False, "self.assertNumQueries(3)", True),
    (("f(",), False, "update(stock=F('stock') - q)", True),
    (("row lock",), False, "it takes a row-lock", True),
    (("idempotency key",), False, "send an Idempotency-Key header", True),
    (("café",), False, "CAFE", True),
    (("tomas",), False, "Interviewed by Tomás", True),
    (("feature flag",), False, "behind feature flags", True),
    (("caching",), False, "we cache the response", True),
    (("store the card",), True, "they stored the card in plain text", True),
    (("propose a rewrite",), True, "I'd propose a rewrite in Go", True),
    (("retry the charge",), True, "I don't know, I'd just retry the charge", True),
    (("retry it",), True, "No idea. Retry it until it works", True),
    (("card details",), True, "We never log them, but we store card details", True),
    (("no rewrite",), False, "no rewrite, strangler fig instead", True),
    (("don't retry",), False, "I'd say don't retry on a 400", True),
    (("more pods",), True, "just add more pods", True),
    (("refactor",), True, "I'd refactor it first, there are no tests anyway", True),
    (("缓存",), False, "我们先用Redis做缓存", True),
    (("キャッシュ",), False, "キャッシュを使います", True),
    (("redis",), False, "我们先用Redis做缓存", True),
    # --- traps: negation, words inside words, different words
    (("card details",), True, "We never store card details or the PAN", False),
    (("pan",), True, "We never store card details, CVV or the PAN", False),
    (("pan",), True, "the PAN is never stored on our side", False),
    (("pan",), False, "the company will expand", False),
    (("propose a rewrite",), True, "I would not propose a rewrite", False),
    (("microservices",), True, "rather than splitting into microservices, extract seams", False),
    (("microservices",), True, "instead of microservices I'd keep the monolith", False),
    (("retry the charge",), True, "never retry the charge without the key", False),
    (("database transaction",), True, "I would not hold a database transaction open", False),
    (("threading.lock",), True, "A threading.Lock would not help across 12 pods", False),
    (("rename column",), True, "We must never rename column in one migration", False),
    (("actor",), True, "a refactor behind them", False),
    (("refactor",), True, "pin it with characterisation tests, then refactor behind them", False),
    (("rename",), True, "rename behind a feature flag", False),
    (("print",), True, "it is a blueprint", False),
    (("float",), True, "we avoid float for money, Decimal only", False),
    (("retry",), False, "retribution", False),
    (("rollback",), False, "the roll was back on the table", False),
    (("lock",), False, "block the event loop", False),
    (("ci",), False, "a circuit breaker", False),
    (("sha256",), True, "PBKDF2, not sha256", False),
    (("tomas",), False, "Thomas", False),
    (("card details",), True, "we don't keep card details at all", False),
    (("缓存",), True, "我们不缓存用户数据", False),
    (("保存",), True, "カード番号は保存しない", False),
    (("select for update",), False, "select the update button", False),
]


@pytest.mark.parametrize(("keywords", "weak", "text", "expected"), CASES)
def test_phrase(keywords: tuple[str, ...], weak: bool, text: str, expected: bool) -> None:
    hits = keyword_hits(Signal("s", "s", keywords, red_flag=weak), text, negatable=weak)
    assert bool(hits) is expected, (keywords, text)


def test_the_table_is_big_enough_and_half_traps() -> None:
    traps = sum(1 for *_, expected in CASES if not expected)
    assert len(CASES) >= 40 and traps >= 20


def test_negation_only_spares_weak_signals_and_red_flags() -> None:
    question = Question(
        id="q", title="Q", kind="scenario", level="senior", areas=("api",), minutes=5,
        prompt="", context="",
        senior_signals=(Signal("no-card", "Keeps card data out", ("card details",)),),
        junior_signals=(Signal("stores", "Stores card data", ("card details",), red_flag=True),),
        follow_ups=(),
    )  # fmt: skip
    matches = match_signals(question, "We never store card details")
    assert [(m.signal.id, m.kind) for m in matches] == [("no-card", SignalKind.SENIOR)]


def test_lang_makes_cjk_substring_matching_explicit() -> None:
    signal = Signal("s", "s", ("ab",))
    assert not keyword_hits(signal, "xaby")
    assert keyword_hits(signal, "xaby", lang="zh") == ("ab",)


def test_fold_ignores_case_and_accents_but_keeps_kana_marks() -> None:
    assert fold("Tomás ÇELİK") == fold("tomas celi̇k")
    assert fold("ＡＢＣ") == "abc"
    assert fold("が") != fold("か")


def test_name_search_ignores_accents_in_home_report_and_panel(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from interview.cli import cli
    from interview.services.panel import PanelService
    from tests.panel_support import close, interview, services_at

    path = tmp_path / "t.db"
    services = services_at(path)
    interview(services, candidate="Tomás Núñez", code="C-9", interviewer="Zoë", scores={})
    # The home screen's candidate filter.
    assert [s.candidate for s in services.repo.list_sessions(candidate="tomas nunez")] == [
        "Tomás Núñez"
    ]
    assert services.repo.list_sessions(interviewer="ZOE")
    assert PanelService(services.repo).find_candidate("TOMAS").name == "Tomás Núñez"
    close(services)
    result = CliRunner().invoke(cli, ["--db", str(path), "report", "-c", "tomas", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert '"candidate_name": "Tomás Núñez"' in result.output or "Tomás" in result.output
