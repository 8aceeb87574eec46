"""Every kind of content error is reported as file:line:col with a fix, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from interview.cli import cli
from interview.domain.content_paths import content_layers
from interview.domain.errors import ContentError
from interview.domain.loader import load_content

LEVELS = """
    levels:
      - {score: 1, label: Weak, behaviours: [a, b]}
      - {score: 2, label: Some, behaviours: [a, b]}
      - {score: 3, label: Good, behaviours: [a, b]}
      - {score: 4, label: Great, behaviours: [a, b]}
"""

RUBRIC = f"""\
id: mini
title: Mini rubric
areas:
  - id: api
    title: API
    weight: 60
{LEVELS.strip(chr(10))}
  - id: databases
    title: Databases
    weight: 40
{LEVELS.strip(chr(10))}
recommendation: {{no: 35, yes: 60, strong_yes: 80}}
"""

QUESTION = """\
questions:
  - id: q-one
    title: One
    kind: scenario
    level: senior
    areas: [api]
    minutes: 5
    prompt: Design it.
    senior_signals:
      - {id: s1, text: Senior one, keywords: [idempotency]}
    junior_signals:
      - {id: j1, text: Junior one}
    follow_ups:
      - {id: f1, text: "What if it retries?", targets: [s1]}
"""

PLAN = """\
id: mini-plan
title: Mini plan
rubric: mini
questions:
  - id: q-one
"""


def write(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "content"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def problems(tmp_path: Path, files: dict[str, str]) -> list[str]:
    root = write(tmp_path, files)
    try:
        load_content([[root]])
    except ContentError as exc:
        return [str(p) for p in exc.problems]
    return []


def base(**overrides: str) -> dict[str, str]:
    files = {"rubric.yaml": RUBRIC, "questions.yaml": QUESTION, "plans/plan.yaml": PLAN}
    files.update(overrides)
    return files


LINE = re.compile(r"^(?P<file>\S+?):(?P<line>\d+):(?P<col>\d+): (?P<msg>.+) — (?P<hint>.+)$")


def only(found: list[str]) -> re.Match[str]:
    assert len(found) == 1, found
    match = LINE.match(found[0])
    assert match, found[0]
    return match


def test_valid_minimal_content_loads(tmp_path: Path) -> None:
    assert problems(tmp_path, base()) == []


def test_yaml_syntax_error_has_position(tmp_path: Path) -> None:
    bad = QUESTION.replace("    title: One\n", "    title: One: two\n")
    # The plan's reference to the unreadable file's question is not reported as well.
    m = only(problems(tmp_path, base(**{"questions.yaml": bad})))
    assert m["file"].endswith("questions.yaml")
    assert m["line"] == "3"
    assert "YAML syntax error" in m["msg"]
    assert "quote" in m["hint"]


def test_tab_indentation(tmp_path: Path) -> None:
    bad = QUESTION.replace("    kind: scenario", "\tkind: scenario")
    m = only(problems(tmp_path, base(**{"questions.yaml": bad})))
    assert m["line"] == "4" and "tabs" in m["hint"]


def test_unknown_key_points_at_the_key_and_suggests(tmp_path: Path) -> None:
    bad = QUESTION.replace("    minutes: 5", "    minutes: 5\n    promt: typo")
    m = only(problems(tmp_path, base(**{"questions.yaml": bad})))
    assert (m["line"], m["col"]) == ("8", "5")
    assert "unknown key 'promt'" in m["msg"] and "prompt" in m["hint"]


def test_missing_key(tmp_path: Path) -> None:
    bad = QUESTION.replace("    prompt: Design it.\n", "")
    m = only(problems(tmp_path, base(**{"questions.yaml": bad})))
    assert "missing key 'prompt'" in m["msg"] and m["line"] == "2"


def test_wrong_type(tmp_path: Path) -> None:
    bad = QUESTION.replace("minutes: 5", "minutes: five")
    m = only(problems(tmp_path, base(**{"questions.yaml": bad})))
    assert "'minutes' must be a whole number" in m["msg"] and m["line"] == "7"


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    found = problems(tmp_path, base(**{"more.yaml": QUESTION}))
    m = only(found)
    assert "duplicate question id 'q-one'" in m["msg"]
    assert "already defined at" in m["hint"]


def test_area_not_in_any_rubric(tmp_path: Path) -> None:
    bad = QUESTION.replace("areas: [api]", "areas: [api, cooking]")
    found = problems(tmp_path, base(**{"questions.yaml": bad}))
    assert any("area 'cooking' is not defined by any rubric" in p for p in found)
    assert any(":6:18:" in p for p in found)


def test_weights_must_sum_to_100(tmp_path: Path) -> None:
    bad = RUBRIC.replace("weight: 40", "weight: 30")
    m = only(problems(tmp_path, base(**{"rubric.yaml": bad})))
    assert "sum to 90, not 100" in m["msg"] and "+10" in m["hint"]


def test_thresholds_out_of_order(tmp_path: Path) -> None:
    bad = RUBRIC.replace("{no: 35, yes: 60, strong_yes: 80}", "{no: 70, yes: 60, strong_yes: 80}")
    m = only(problems(tmp_path, base(**{"rubric.yaml": bad})))
    assert "thresholds out of order" in m["msg"]


def test_levels_are_one_scale_per_rubric(tmp_path: Path) -> None:
    bad = RUBRIC.replace("      - {score: 4, label: Great, behaviours: [a, b]}\n", "", 1)
    found = problems(tmp_path, base(**{"rubric.yaml": bad}))
    assert any("areas have different numbers of levels (3, 4)" in p for p in found)


def test_plan_names_unknown_question_and_rubric(tmp_path: Path) -> None:
    bad = PLAN.replace("rubric: mini", "rubric: maxi").replace("id: q-one", "id: q-onw")
    found = problems(tmp_path, base(**{"plans/plan.yaml": bad}))
    assert any("unknown rubric 'maxi'" in p and "mini" in p for p in found)
    assert any("unknown question 'q-onw'" in p and "did you mean 'q-one'" in p for p in found)


def test_plan_question_area_outside_rubric(tmp_path: Path) -> None:
    other = RUBRIC.replace("id: mini", "id: other").replace("id: api", "id: cooking")
    found = problems(
        tmp_path,
        base(**{"other.yaml": other, "plans/plan.yaml": PLAN.replace("mini", "other")}),
    )
    assert any("that rubric 'other' does not define" in p for p in found)


def test_empty_signal_list(tmp_path: Path) -> None:
    bad = QUESTION.replace(
        "    junior_signals:\n      - {id: j1, text: Junior one}\n", "    junior_signals: []\n"
    )
    m = only(problems(tmp_path, base(**{"questions.yaml": bad})))
    assert "'junior_signals' has 0 item(s), needs at least 1" in m["msg"]


def test_follow_up_targets_unknown_signal(tmp_path: Path) -> None:
    bad = QUESTION.replace("targets: [s1]", "targets: [s9]")
    m = only(problems(tmp_path, base(**{"questions.yaml": bad})))
    assert "unknown signal 's9'" in m["msg"] and "s1" in m["hint"]


def test_duplicate_yaml_key(tmp_path: Path) -> None:
    bad = QUESTION.replace("    minutes: 5", "    minutes: 5\n    minutes: 6")
    m = only(problems(tmp_path, base(**{"questions.yaml": bad})))
    assert "duplicate key 'minutes'" in m["msg"]


def test_not_a_content_file_and_empty_file(tmp_path: Path) -> None:
    found = problems(tmp_path, base(**{"junk.yaml": "- just\n- a list\n", "empty.yaml": ""}))
    assert any("junk.yaml:1:1: not a rubric, question file or plan" in p for p in found)
    assert any("empty.yaml:1:1: file is empty" in p for p in found)


def test_not_utf8(tmp_path: Path) -> None:
    root = write(tmp_path, base())
    (root / "latin1.yaml").write_bytes("title: caf\xe9\n".encode("latin-1"))
    with pytest.raises(ContentError) as info:
        load_content([[root]])
    assert "not UTF-8" in str(info.value)


def test_all_problems_in_one_run(tmp_path: Path) -> None:
    bad_q = QUESTION.replace("minutes: 5", "minutes: 999").replace("kind: scenario", "kind: quiz")
    bad_r = RUBRIC.replace("weight: 40", "weight: 50")
    found = problems(tmp_path, base(**{"questions.yaml": bad_q, "rubric.yaml": bad_r}))
    assert len(found) == 3
    assert all(LINE.match(p) for p in found)


def test_alias_bomb_is_refused_cleanly(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    found = problems(tmp_path, base(**{"bomb.yaml": "\n".join(lines) + "\n"}))
    assert any("too many values" in p for p in found)


def test_user_content_overrides_bundled_by_id(tmp_path: Path) -> None:
    root = write(tmp_path, base())
    result = load_content([[root], [root / "questions.yaml"]])
    assert "q-one" in result.content.questions


# ---------------------------------------------------------------- the command


def test_validate_command_reports_lines_and_exit_1(tmp_path: Path) -> None:
    bad = QUESTION.replace("minutes: 5", "minutes: 0")
    root = write(tmp_path, base(**{"questions.yaml": bad}))
    result = CliRunner().invoke(cli, ["validate", str(root)])
    assert result.exit_code == 1
    assert "'minutes' is 0, outside 1..240" in result.output
    assert "Traceback" not in result.output


def test_validate_missing_path(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["validate", str(tmp_path / "nope")])
    assert result.exit_code == 1
    assert "no such file or directory" in result.output


def test_bundled_content_validates() -> None:
    result = CliRunner().invoke(cli, ["validate"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^ok: \d+ rubric\(s\), \d+ question\(s\), \d+ plan\(s\)", result.output, re.M)
    content = load_content(content_layers()).content
    assert len(content.questions) >= 30
    assert {"backend", "ai-backend"} <= set(content.rubrics)


def _user_question(tmp_path: Path, minutes: str = "5") -> Path:
    bank = tmp_path / "my_bank"
    bank.mkdir()
    (bank / "extra.yaml").write_text(
        QUESTION.replace("q-one", "my-question")
        .replace("areas: [api]", "areas: [api, databases]")
        .replace("minutes: 5", f"minutes: {minutes}"),
        encoding="utf-8",
    )
    return bank


def test_user_bank_by_option_and_env_is_validated_the_same_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = _user_question(tmp_path)
    ok = CliRunner().invoke(cli, ["--bank", str(bank), "validate"])
    assert ok.exit_code == 0, ok.output
    (bank / "extra.yaml").write_text("questions: [1]\n", encoding="utf-8")
    monkeypatch.setenv("INTERVIEW_BANK", str(bank))
    bad = CliRunner().invoke(cli, ["validate"])
    assert bad.exit_code == 1
    assert "extra.yaml:1:13: question must be a mapping" in bad.output


def test_user_rubric_option(tmp_path: Path) -> None:
    rubric = tmp_path / "r.yaml"
    rubric.write_text(RUBRIC.replace("weight: 40", "weight: 41"), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--rubric", str(rubric), "validate"])
    assert result.exit_code == 1
    assert "r.yaml:4:3: area weights sum to 101, not 100" in result.output


def test_app_refuses_bad_content_with_the_same_list(tmp_path: Path) -> None:
    bank = _user_question(tmp_path, minutes="0")
    result = CliRunner().invoke(cli, ["--bank", str(bank)])
    assert result.exit_code == 1
    assert "'minutes' is 0, outside 1..240" in result.output
    assert "needs valid content to start" in result.output
    assert "Traceback" not in result.output


def test_a_plan_of_your_own_uses_the_bundled_questions_budgets(tmp_path: Path) -> None:
    bundled = load_content(content_layers()).content
    mine = tmp_path / "my-plan.yaml"
    mine.write_text(
        "id: my-short-plan\ntitle: My short plan\nrubric: backend\nmode: interview\n"
        "questions:\n  - legacy-monolith\n  - id: payment-endpoint\n    minutes: 7\n",
        encoding="utf-8",
    )
    content = load_content(content_layers(bank=[mine])).content
    items = {i.question_id: i.minutes for i in content.plans["my-short-plan"].items}
    assert items["legacy-monolith"] == bundled.questions["legacy-monolith"].minutes > 1
    assert items["payment-endpoint"] == 7
