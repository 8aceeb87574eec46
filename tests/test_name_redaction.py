"""Names never reach the LLM, however they are typed: checked in the HTTP request body the
fake server received, for follow-up suggestions and the summary draft, and the preview
shows exactly what was sent."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from fake_openai import FakeOpenAI
from followups_support import fake_settings, fixture_services, start_session

from interview.llm.client import LLMClient
from interview.llm.redact import fold, redact_names
from interview.llm.suggest import fetch, request_for
from interview.services import summary_draft
from interview.tui.screens.llm_preview import preview_text

C, IV = "the candidate", "the interviewer"
ZELDA = "Zelda Quixotewright"
BART = "Bartholomew Vantongeren"


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# (candidate, interviewer, notes typed, notes as sent). The first eighteen are the
# spellings that reached the endpoint before; the rest were already safe and stay so.
CASES = [
    (ZELDA, BART, "_Zelda_ said so.", f"_{C}_ said so."),
    (ZELDA, BART, "*Quixotewright* agreed.", f"*{C}* agreed."),
    (ZELDA, BART, "zelda2 wrote it", f"{C}2 wrote it"),
    (ZELDA, BART, "see quixotewright_notes", f"see {C}_notes"),
    (ZELDA, BART, "Zelda_Q answered", f"{C}_Q answered"),
    (ZELDA, BART, "github.com/zeldaquixotewright", f"github.com/{C}"),
    ("Zoë Ångström", BART, "zoe angstrom paused", f"{C} paused"),
    ("Zoë Ångström", BART, nfd("Zoë Ångström") + " paused", f"{C} paused"),
    ("José Núñez", BART, "Jose Nunez was late", f"{C} was late"),
    ("José Núñez", BART, nfd("José") + " was late", f"{C} was late"),
    ("Hans Straße", BART, "STRASSE said; strasse", f"{C} said; {C}"),
    ("Dmitri O'Neil", BART, "O’Neil said; o'neil; ONeil", f"{C} said; {C}; {C}"),
    ("Anne-Marie Lefèvre", BART, "AnneMarie said; Lefevre", f"{C} said; {C}"),
    ("İlkay Işık", BART, "ilkay isik; ILKAY", f"{C}; {C}"),
    ("Mary-Kate Smith-Jones", BART, "SmithJones and MaryKate", f"{C} and {C}"),
    (ZELDA, BART, "Zel\u200bda Quixote\u00adwright", C),
    ("Ｚｅｌｄａ Quixotewright", BART, "Zelda", C),
    (
        "Zoë Quixotewright",
        BART,
        "_Zoë_ explained; bartholomew_v asked",
        f"_{C}_ explained; {IV}_v asked",
    ),
    (ZELDA, BART, "ZELDA'S idea, Quixotewright’s code", f"{C}'S idea, {C}’s code"),
    (ZELDA, BART, "#zelda @bartholomew", f"#{C} @{IV}"),
    (ZELDA, BART, "Zelda    Quixotewright\nthen Zelda\nQuixotewright", f"{C}\nthen {C}"),
    (ZELDA, BART, "Ｚｅｌｄａ in full width", f"{C} in full width"),
    ("Ada Lovelace", BART, "Adamant about tests; ada", f"Adamant about tests; {C}"),
]


def _notes_sent(body: dict[str, object]) -> str:
    user = body["messages"][1]["content"]  # type: ignore[index]
    return user.split("Interviewer's notes so far:\n", 1)[1]


def _name_parts(*names: str) -> list[str]:
    return [
        part
        for name in names
        for part in re.split(r"[^\w]+|_", fold(name))
        if len(part) >= 2 and part.isalpha()
    ]


def _assert_no_name(text: str, *names: str) -> None:
    folded = re.sub(r"['’\-]", "", fold(text))
    for part in _name_parts(*names):
        assert not re.search(rf"(?<![^\W\d_]){part}(?![^\W\d_])", folded), (part, text)


@pytest.mark.parametrize(("candidate", "interviewer", "typed", "sent"), CASES)
async def test_every_spelling_of_a_name_is_replaced_in_the_request_body(
    clock: object, candidate: str, interviewer: str, typed: str, sent: str
) -> None:
    live = start_session(fixture_services(clock), candidate=candidate, interviewer=interviewer)
    request = request_for(live, notes=typed)
    with FakeOpenAI() as fake:
        settings = fake_settings(fake.base_url)
        client = LLMClient(settings)
        outcome = await fetch(client, request)
        await client.aclose()
        [received] = fake.requests
    assert outcome.ok
    body = json.loads(received.raw_body)
    assert _notes_sent(body) == sent
    _assert_no_name(json.dumps(body, ensure_ascii=False), candidate, interviewer)
    # The preview shows exactly the messages that went out.
    shown = preview_text(request, settings)
    for message in body["messages"]:
        assert message["content"] in shown


async def test_the_summary_draft_body_holds_no_spelling_of_either_name(clock: object) -> None:
    live = start_session(fixture_services(clock), candidate=ZELDA, interviewer=BART)
    typed = " ".join(t for c, _, t, _ in CASES if c == ZELDA)
    live.save_notes(live.question.id, typed, 60, 60)
    live.set_score("api", 3)
    live.submit("zelda2 was strong; bartholomew_v agrees. Zel\u200bda's design held.")
    with FakeOpenAI(reply="The candidate reasoned well.") as fake:
        client = LLMClient(fake_settings(fake.base_url))
        outcome = await summary_draft.draft(client, summary_draft.summary_request(live))
        await client.aclose()
        [received] = fake.requests
    body = "\n".join(m["content"] for m in json.loads(received.raw_body)["messages"])
    assert outcome.ok
    assert "the candidate2 was strong; the interviewer_v agrees" in body
    _assert_no_name(body, ZELDA, BART)


def test_names_with_nothing_to_match_leave_text_alone() -> None:
    assert redact_names("nothing to hide", [("", "x"), ("  ", "y"), ("J", "z")]) == (
        "nothing to hide"
    )
