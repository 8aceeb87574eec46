"""Labels, signal areas, required probes, audiences and rubric dimensions in the content format."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.domain.errors import ContentError
from interview.domain.loader import load_content
from interview.domain.models import question_from_snapshot, rubric_from_snapshot

DIM_LEVELS = """
    dimensions:
      - {id: design, title: Design}
      - {id: failure, title: Failure handling}
    levels:
      - {score: 1, label: Weak, behaviours: {design: d1, failure: f1}}
      - {score: 2, label: Some, behaviours: {design: d2, failure: f2}}
      - {score: 3, label: Good, behaviours: {design: d3, failure: f3}}
      - {score: 4, label: Great, behaviours: {design: d4, failure: f4}}
"""

RUBRIC = f"""\
id: mini
title: Mini rubric
combination: Score the lowest dimension that was probed.
areas:
  - id: api
    title: API
    weight: 60
{DIM_LEVELS.strip(chr(10))}
  - id: databases
    title: Databases
    weight: 40
    levels:
      - {{score: 1, label: Weak, behaviours: [a, b]}}
      - {{score: 2, label: Some, behaviours: [a, b]}}
      - {{score: 3, label: Good, behaviours: [a, b]}}
      - {{score: 4, label: Great, behaviours: [a, b]}}
recommendation: {{no: 35, yes: 60, strong_yes: 80}}
"""


def question(extra_signal: str = "", extra_probe: str = "", extra_q: str = "", qid: str = "q-one"):
    return f"""\
questions:
  - id: {qid}
    title: One
    kind: scenario
    level: senior
    areas: [api, databases]
    minutes: 5
    prompt: Design it.{extra_q}
    senior_signals:
      - {{id: s1, text: Senior one, label: Short one, areas: [api]{extra_signal}}}
    junior_signals:
      - {{id: j1, text: Junior one}}
    follow_ups:
      - {{id: f1, text: "What if it retries?", targets: [s1], label: Retries,
         required: true{extra_probe}}}
"""


PLAN = """\
id: mini-plan
title: Mini plan
rubric: mini
questions:
  - q-one
"""


def load(tmp_path: Path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    return load_content([[tmp_path]]).content


def problems(tmp_path: Path, files: dict[str, str]) -> str:
    with pytest.raises(ContentError) as info:
        load(tmp_path, files)
    return "\n".join(str(p) for p in info.value.problems)


def test_new_fields_load_and_survive_the_snapshot(tmp_path: Path) -> None:
    content = load(tmp_path, {"r.yaml": RUBRIC, "q.yaml": question(), "p.yaml": PLAN})
    q = content.questions["q-one"]
    assert q.senior_signals[0].label == "Short one"
    assert q.senior_signals[0].areas == ("api",)
    assert q.follow_ups[0].required is True
    assert q.junior_signals[0].glance == "Junior one"  # no label: the text itself
    area = content.rubrics["mini"].area("api")
    assert [d.title for d in area.dimensions] == ["Design", "Failure handling"]
    assert area.anchors(4) == [("Design", "d4"), ("Failure handling", "f4")]
    snap = content.snapshot(content.plans["mini-plan"])
    again = rubric_from_snapshot(snap["rubric"])  # type: ignore[arg-type]
    assert again.area("api").anchors(2) == area.anchors(2)
    assert again.combination == "Score the lowest dimension that was probed."
    q2 = question_from_snapshot(snap["questions"][0])  # type: ignore[index]
    # Which rubrics a question may be scored against is settled when the plan is built.
    fields = {f: getattr(q, f) for f in q.__slots__}
    assert q2 == q.__class__(**{**fields, "source": "", "rubrics": ()})


def test_old_snapshots_without_the_new_fields_still_load(tmp_path: Path) -> None:
    content = load(tmp_path, {"r.yaml": RUBRIC, "q.yaml": question(), "p.yaml": PLAN})
    snap = content.snapshot(content.plans["mini-plan"])
    raw = snap["questions"][0]  # type: ignore[index]
    for key in ("audience", "parallel_of"):
        raw.pop(key)
    for s in raw["senior_signals"]:
        s.pop("label"), s.pop("areas")
    for f in raw["follow_ups"]:
        f.pop("label"), f.pop("required")
    q = question_from_snapshot(raw)
    assert q.audience == "both" and q.senior_signals[0].label == ""


def test_label_longer_than_forty_characters_is_an_error(tmp_path: Path) -> None:
    long = "x" * 41
    text = question().replace("label: Short one", f"label: {long}")
    out = problems(tmp_path, {"r.yaml": RUBRIC, "q.yaml": text, "p.yaml": PLAN})
    assert "q.yaml:" in out and "'label' is 41 characters, more than 40" in out


def test_signal_area_must_be_one_of_the_question_areas(tmp_path: Path) -> None:
    text = question().replace("areas: [api]}", "areas: [testing]}")
    out = problems(tmp_path, {"r.yaml": RUBRIC, "q.yaml": text, "p.yaml": PLAN})
    assert "signal evidences area 'testing' that the question does not list" in out


def test_dimension_levels_must_cover_every_dimension(tmp_path: Path) -> None:
    text = RUBRIC.replace("{design: d3, failure: f3}", "{design: d3}")
    out = problems(tmp_path, {"r.yaml": text, "q.yaml": question(), "p.yaml": PLAN})
    assert "missing key 'failure' in behaviours" in out
    text = RUBRIC.replace("{design: d2, failure: f2}", "[d2, f2]")
    out = problems(tmp_path, {"r.yaml": text, "q.yaml": question(), "p.yaml": PLAN})
    assert "must map each dimension to text" in out


def test_audience_practice_cannot_be_in_an_interview_plan(tmp_path: Path) -> None:
    text = question(extra_q="\n    audience: practice")
    out = problems(tmp_path, {"r.yaml": RUBRIC, "q.yaml": text, "p.yaml": PLAN})
    assert "practice-only; interview plans cannot use it" in out


def test_interviewer_only_is_an_alias_for_audience_interviewer(tmp_path: Path) -> None:
    text = question(extra_q="\n    interviewer_only: true")
    content = load(tmp_path, {"r.yaml": RUBRIC, "q.yaml": text, "p.yaml": PLAN})
    q = content.questions["q-one"]
    assert q.audience == "interviewer" and not q.practice_allowed and q.live_allowed
    text = question(extra_q="\n    interviewer_only: true\n    audience: both")
    out = problems(tmp_path, {"r.yaml": RUBRIC, "q.yaml": text, "p.yaml": PLAN})
    assert "'audience' is 'both' but 'interviewer_only' is true" in out


def test_parallel_of_must_name_a_question(tmp_path: Path) -> None:
    practice = question(extra_q="\n    audience: practice\n    parallel_of: q-nope", qid="q-two")
    practice = practice.replace("questions:\n", "questions:\n", 1)
    out = problems(
        tmp_path,
        {"r.yaml": RUBRIC, "q.yaml": question(), "q2.yaml": practice, "p.yaml": PLAN},
    )
    assert "'parallel_of' names unknown question 'q-nope'" in out
