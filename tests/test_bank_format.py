"""Bank declarations (rubric, levels, kinds, language), rubric-qualified area ids, long
plans and live-key warnings: a second team's content without Python-backend assumptions."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.domain.content_paths import content_layers
from interview.domain.errors import ContentError
from interview.domain.loader import load_content
from interview.domain.models import LEVELS, LIVE_KEYS, Content

LEVEL_ROWS = "\n".join(
    f"      - {{score: {n}, label: L{n}, behaviours: [a, b]}}" for n in range(1, 5)
)


def rubric(rid: str, areas: dict[str, int]) -> str:
    body = "".join(
        f"  - id: {aid}\n    title: {aid.title()} ({rid})\n    weight: {w}\n    levels:\n"
        f"{LEVEL_ROWS}\n"
        for aid, w in areas.items()
    )
    thresholds = "recommendation: {no: 35, yes: 60, strong_yes: 80}\n"
    return f"id: {rid}\ntitle: {rid}\nareas:\n{body}{thresholds}"


def question(qid: str, areas: str, *, level: str = "mid", kind: str = "scenario", extra: str = "",
             senior: int = 1, junior: int = 1, probes: int = 1) -> str:  # fmt: skip
    s = "".join(f"      - {{id: s{i}, text: Senior {i}}}\n" for i in range(senior))
    j = "".join(f"      - {{id: j{i}, text: Junior {i}}}\n" for i in range(junior))
    f = "".join(f"      - {{id: f{i}, text: Probe {i}}}\n" for i in range(probes))
    return (
        f"  - id: {qid}\n    title: {qid}\n    kind: {kind}\n    level: {level}\n"
        f"    areas: {areas}\n    minutes: 5\n    prompt: Go.\n{extra}"
        f"    senior_signals:\n{s}    junior_signals:\n{j}    follow_ups:\n{f}"
    )


def plan(pid: str, rid: str, *qids: str, minutes: int | None = None) -> str:
    items = "".join(
        f"  - {{id: {q}, minutes: {minutes}}}\n" if minutes else f"  - {q}\n" for q in qids
    )
    return f"id: {pid}\ntitle: {pid}\nrubric: {rid}\nquestions:\n{items}"


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def problems_of(layers: list[list[Path]]) -> str:
    with pytest.raises(ContentError) as exc:
        load_content(layers)
    return "\n".join(str(p) for p in exc.value.problems)


def with_bundled(*paths: Path) -> Content:
    return load_content(content_layers(bank=list(paths))).content


# ---------------------------------------------------------------- rubric-qualified areas


def test_a_second_rubric_reusing_python_does_not_score_the_bundled_questions(
    tmp_path: Path,
) -> None:
    bundled = load_content(content_layers()).content
    python_only = [q for q in bundled.questions.values() if q.areas == ("python",)]
    assert python_only, "the bundled bank has python-only questions"
    qid = python_only[0].id
    mine = write(
        tmp_path,
        {"data.yaml": rubric("data-eng", {"python": 50, "pipelines": 50}),
         "plans/p.yaml": plan("data-60", "data-eng", qid)},
    )  # fmt: skip
    found = problems_of(content_layers(bank=[mine]))
    assert (
        f"question '{qid}' evidences the areas of rubric(s) ai-backend, backend, not 'data-eng'"
        in found
    )


def test_a_bank_declares_its_rubric_and_its_questions_score_only_there(tmp_path: Path) -> None:
    bank = "bank:\n  rubric: data-eng\nquestions:\n" + question("etl-retry", "[python, pipelines]")
    mine = write(
        tmp_path,
        {"data.yaml": rubric("data-eng", {"python": 50, "pipelines": 50}),
         "q.yaml": bank,
         "plans/p.yaml": plan("data-60", "data-eng", "etl-retry")},
    )  # fmt: skip
    content = with_bundled(mine)
    q = content.questions["etl-retry"]
    assert q.rubrics == ("data-eng",) and q.areas == ("python", "pipelines")
    assert content.questions["legacy-monolith"].rubrics == ("backend",)
    # A backend plan cannot take the data-engineering question, though "python" matches.
    write(mine, {"q.yaml": bank.replace("[python, pipelines]", "[python]"),
                 "plans/b.yaml": plan("b", "backend", "etl-retry")})  # fmt: skip
    found = problems_of(content_layers(bank=[mine]))
    assert "question 'etl-retry' evidences the areas of rubric(s) data-eng, not 'backend'" in found


def test_qualified_area_ids_name_the_rubric(tmp_path: Path) -> None:
    files = {
        "data.yaml": rubric("data-eng", {"python": 50, "pipelines": 50}),
        "q.yaml": "questions:\n" + question("q1", "[data-eng/python, data-eng/pipelines]"),
        "plans/p.yaml": plan("p", "data-eng", "q1"),
    }
    content = with_bundled(write(tmp_path, files))
    assert content.questions["q1"].areas == ("python", "pipelines")
    assert content.questions["q1"].rubrics == ("data-eng",)
    write(tmp_path, {"q.yaml": "questions:\n" + question("q1", "[nope/python]")})
    found = problems_of(content_layers(bank=[tmp_path]))
    assert "q.yaml:6:13: area 'python' names unknown rubric 'nope'" in found
    write(tmp_path, {"q.yaml": "questions:\n" + question("q1", "[data-eng/cooking]")})
    found = problems_of(content_layers(bank=[tmp_path]))
    assert "area 'cooking' is not defined by any rubric" in found
    write(tmp_path, {"q.yaml": "questions:\n" + question("q1", "[data-eng/api]")})
    assert "area 'api' is not defined by rubric data-eng" in problems_of(
        content_layers(bank=[tmp_path])
    )


def test_unknown_rubric_in_a_bank_header_is_reported_once(tmp_path: Path) -> None:
    qs = "".join(question(f"q{i}", "[python]") for i in range(3))
    write(tmp_path, {"q.yaml": "bank: {rubric: data-eng}\nquestions:\n" + qs})
    found = problems_of(content_layers(bank=[tmp_path])).splitlines()
    assert [p for p in found if "data-eng" in p] == [
        f"{tmp_path}/q.yaml:1:16: bank declares unknown rubric 'data-eng' — "
        "use one of: ai-backend, backend"
    ]


def test_existing_content_is_unchanged(tmp_path: Path) -> None:
    """A question file without declarations over the bundled rubrics works as before."""
    files = {"q.yaml": "questions:\n" + question("mine", "[api, databases]"),
             "plans/p.yaml": plan("p", "backend", "mine", "payment-endpoint")}  # fmt: skip
    content = with_bundled(write(tmp_path, files))
    assert content.questions["mine"].rubrics == ("backend",)
    assert content.levels == LEVELS


# ---------------------------------------------------------------- levels, kinds, folders


def test_a_bank_declares_levels_and_kinds(tmp_path: Path) -> None:
    header = (
        "bank:\n  rubric: fe\n  levels: [junior, mid, senior, staff]\n"
        "  kinds: [pairing, scenario]\n"
    )
    files = {
        "fe.yaml": rubric("fe", {"ui": 60, "state": 40}),
        "q.yaml": header + "questions:\n" + question("q1", "[ui]", level="staff", kind="pairing"),
    }
    content = load_content([[write(tmp_path, files)]]).content
    assert content.levels == ("junior", "mid", "senior", "staff")
    assert content.kinds == ("pairing", "scenario")
    assert (content.questions["q1"].level, content.questions["q1"].kind) == ("staff", "pairing")
    write(tmp_path, {"q.yaml": header + "questions:\n" + question("q1", "[ui]", kind="quiz")})
    assert "'kind' is 'quiz', not one of pairing, scenario" in problems_of([[tmp_path]])


def test_a_folder_header_applies_to_every_file_below_it(tmp_path: Path) -> None:
    files = {
        "fe.yaml": rubric("fe", {"ui": 60, "state": 40}),
        "bank/bank.yaml": "bank:\n  rubric: fe\n  levels: [L1, L2, L3]\n  lang: ja\n",
        "bank/a.yaml": "questions:\n" + question("a", "[ui]", level="L3"),
        "bank/sub/b.yaml": "bank: {lang: de}\nquestions:\n" + question("b", "[state]", level="L1"),
    }
    content = load_content([[write(tmp_path, files)]]).content
    a, b = content.questions["a"], content.questions["b"]
    assert (a.rubrics, a.level, a.lang) == (("fe",), "L3", "ja")
    assert (b.rubrics, b.level, b.lang) == (("fe",), "L1", "de")


def test_bad_header_values_are_reported_where_written(tmp_path: Path) -> None:
    files = {
        "q.yaml": "bank:\n  levels: [a, a]\n  lang: not a tag\n  colour: red\nquestions:\n"
        + question("q1", "[api]", level="a"),
    }
    found = problems_of(content_layers(bank=[write(tmp_path, files)]))
    assert "q.yaml:2:15: 'a' is listed twice" in found
    assert "q.yaml:3:9: 'lang' is 'not a tag', not a language tag" in found
    assert "q.yaml:4:3: unknown key 'colour' in bank" in found


def test_a_question_may_give_its_own_language(tmp_path: Path) -> None:
    extra = "    lang: zh-Hans\n"
    files = {"q.yaml": "questions:\n" + question("q1", "[api]", extra=extra)}
    content = with_bundled(write(tmp_path, files))
    assert content.questions["q1"].lang == "zh-Hans"


def test_a_bank_written_in_japanese_validates_and_keeps_its_text(tmp_path: Path) -> None:
    text = """\
bank: {rubric: backend, lang: ja}
questions:
  - id: ja-retry
    title: 決済APIの再試行
    kind: scenario
    level: senior
    areas: [api]
    minutes: 10
    prompt: クライアントがタイムアウト後に再試行したら、何が起きますか？
    senior_signals:
      - {id: idem, text: 冪等性キーを最初に求める, keywords: [冪等性キー, 冪等]}
    junior_signals:
      - {id: happy, text: 正常系だけを説明する}
    follow_ups:
      - {id: retry, text: 二重課金をどう防ぎますか？, targets: [idem]}
"""
    content = with_bundled(write(tmp_path, {"ja.yaml": text}))
    q = content.questions["ja-retry"]
    assert q.title == "決済APIの再試行" and q.lang == "ja"
    assert q.senior_signals[0].keywords == ("冪等性キー", "冪等")


# ---------------------------------------------------------------- time and keys


def test_plans_may_run_past_an_hour_up_to_four(tmp_path: Path) -> None:
    qs = "questions:\n" + "".join(question(f"q{i}", "[api]") for i in range(3))
    files = {"q.yaml": qs, "plans/long.yaml": plan("long", "backend", "q0", "q1", minutes=90)}
    content = with_bundled(write(tmp_path, files))
    assert content.plans["long"].total_minutes == 180
    write(tmp_path, {"plans/long.yaml": plan("long", "backend", "q0", "q1", "q2", minutes=90)})
    found = problems_of(content_layers(bank=[tmp_path]))
    assert "the plan runs 270 minutes, more than 240" in found


def test_more_rows_than_live_keys_warn_but_validate(tmp_path: Path) -> None:
    many = question(
        "crowded",
        "[api]",
        senior=LIVE_KEYS["senior_signals"] + 1,
        junior=LIVE_KEYS["junior_signals"] + 1,
        probes=LIVE_KEYS["follow_ups"] + 1,
    )
    write(tmp_path, {"q.yaml": "questions:\n" + many})
    result = CliRunner().invoke(cli, ["--no-bundled", "validate", "rubrics", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "crowded" in line or "q.yaml" in line]
    assert len(lines) == 3
    assert "warning: 10 senior signals, but the live screen has keys for 9" in lines[0]
    assert "warning: 8 junior signals and red flags, but the live screen has keys for 7" in lines[1]
    assert "warning: 8 follow-up probes, but the live screen has keys for 7" in lines[2]
    assert result.output.splitlines()[-1].endswith("3 warning(s)")
    assert len(result.stdout.splitlines()) == 1  # warnings on stderr, the summary on stdout
    assert len(result.stderr.splitlines()) == 3


def test_the_key_limits_are_the_live_screens_keys() -> None:
    from interview.tui.bindings import JUNIOR_KEYS, PROBE_KEYS, SENIOR_KEYS

    assert {
        "senior_signals": len(SENIOR_KEYS),
        "junior_signals": len(JUNIOR_KEYS),
        "follow_ups": len(PROBE_KEYS),
    } == LIVE_KEYS


# ---------------------------------------------------------------- weights


@pytest.mark.parametrize(
    ("weights", "expected"),
    [
        ((0.5, 0.5), "area weights sum to 1, not 100 — they look like fractions of 1: write "
                     "percentages (0.2 → 20)"),
        ((62.5, 37.5), "area weights sum to 100, but are not all whole numbers — weights are whole "
                       "percentages"),
        ((62.5, 30), "area weights sum to 92.5, not 100"),
        ((60, 30), "area weights sum to 90, not 100 — adjust the weights by +10 in total"),
    ],
)  # fmt: skip
def test_fractional_weights_get_an_error_naming_the_sum(
    tmp_path: Path, weights: tuple[float, float], expected: str
) -> None:
    text = rubric("fe", {"ui": 1, "state": 1})
    text = text.replace("weight: 1\n", f"weight: {weights[0]}\n", 1)
    text = text.replace("weight: 1\n", f"weight: {weights[1]}\n", 1)
    write(tmp_path, {"fe.yaml": text})
    found = problems_of([[tmp_path]])
    assert expected in found
    if any(isinstance(w, float) and not w.is_integer() for w in weights):
        assert "not a whole percentage" in found


def test_a_whole_float_weight_is_accepted(tmp_path: Path) -> None:
    text = rubric("fe", {"ui": 60, "state": 40}).replace("weight: 60", "weight: 60.0")
    content = load_content([[write(tmp_path, {"fe.yaml": text})]]).content
    assert [a.weight for a in content.rubrics["fe"].areas] == [60, 40]


def test_the_question_language_reaches_the_keyword_matcher(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import interview.services.followups as followups
    import interview.services.practice_checks as practice

    files = {"q.yaml": "bank: {lang: ja}\nquestions:\n" + question("q1", "[api]")}
    q = with_bundled(write(tmp_path, files)).questions["q1"]
    seen: list[str | None] = []

    def spy(question: object, text: str, *, lang: str | None = None) -> list[object]:
        seen.append(lang)
        return []

    monkeypatch.setattr(practice, "match_signals", spy)
    practice.offline_check(q, "答え")
    hits: list[str | None] = []
    real = followups.keyword_hits

    def hit_spy(
        signal: object, text: str, *, lang: str | None = None, **kw: bool
    ) -> tuple[str, ...]:
        hits.append(lang)
        return real(signal, text, lang=lang, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(followups, "keyword_hits", hit_spy)
    keyworded = q.__class__(**{
        **{f: getattr(q, f) for f in q.__slots__},
        "senior_signals": (q.senior_signals[0].__class__("s0", "Senior", ("冪等",)),),
    })  # fmt: skip
    heard = followups.heard_signals(keyworded, "冪等性キーを先に決めます", ())
    assert seen == ["ja"] and hits and set(hits) == {"ja"}
    assert heard == {"s0"}  # a keyword inside a sentence written without spaces
