"""Random and mutated YAML fed to the rubric, question bank and plan loaders.

The only outcomes allowed: a clean load, or ``ContentError`` whose every problem names a
file and a line (what ``interview validate`` prints). Any other exception would reach
the user as a traceback.
"""

from __future__ import annotations

from pathlib import Path
from tempfile import TemporaryDirectory

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview import paths
from interview.domain.errors import ContentError
from interview.domain.loader import load_content

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted(
    [*(ROOT / "question_bank").rglob("*.yaml"), *(ROOT / "rubrics").rglob("*.yaml")],
    key=lambda p: str(p),
)
SEED_TEXT = {
    p.name if p.parent.name != "plans" else f"plans/{p.name}": p.read_text() for p in SEEDS
}
# Small, fast seeds of each kind, so mutations also hit the later checks of a file.
SEED_TEXT["tiny-rubric.yaml"] = """\
id: tiny
title: Tiny
areas:
  - id: python
    title: Python
    weight: 100
    levels:
      - {score: 1, label: One, behaviours: [a, b]}
      - {score: 2, label: Two, behaviours: [a, b]}
      - {score: 3, label: Three, behaviours: [a, b]}
      - {score: 4, label: Four, behaviours: [a, b]}
recommendation: {no: 35, yes: 60, strong_yes: 80}
"""
SEED_TEXT["tiny-questions.yaml"] = """\
questions:
  - id: q-one
    title: One
    kind: technical
    level: mid
    areas: [python]
    minutes: 5
    prompt: Why?
    context: Because.
    senior_signals:
      - {id: s1, text: Says why, keywords: [why]}
    junior_signals:
      - {id: j1, text: Guesses, red_flag: true}
    follow_ups:
      - {id: f1, text: And then?, targets: [s1]}
"""
SEED_TEXT["tiny-plan.yaml"] = """\
id: tiny-plan
title: Tiny plan
rubric: tiny
mode: interview
questions:
  - id: q-one
    minutes: 3
"""

FUZZ = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
YAML_CHARS = st.sampled_from(
    list(":-[]{},&*!|>'\"#%@`?\t\n ")
    + list("abcxyz019")
    + ["é", "漢", "🙂", "\x00", "\x1b", "\u202e"]
)
KEYS = [
    "id",
    "title",
    "description",
    "areas",
    "weight",
    "levels",
    "score",
    "label",
    "behaviours",
    "recommendation",
    "no",
    "yes",
    "strong_yes",
    "questions",
    "kind",
    "level",
    "minutes",
    "prompt",
    "context",
    "senior_signals",
    "junior_signals",
    "follow_ups",
    "text",
    "keywords",
    "red_flag",
    "targets",
    "code",
    "language",
    "source",
    "sample_answers",
    "scores",
    "rubric",
    "mode",
    "interviewer_only",
]


def check_outcome(files: dict[str, str | bytes], *, with_bundled: bool = False) -> None:
    with TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for name, text in files.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(text, encoding="utf-8", errors="surrogatepass")
        layers = [[folder]]
        if with_bundled:
            layers.insert(0, [paths.bundled_rubrics_dir(), paths.bundled_bank_dir()])
        try:
            load_content(layers)
        except ContentError as exc:
            assert exc.problems, "ContentError without problems"
            for problem in exc.problems:
                assert problem.file, problem
                assert problem.line >= 1 and problem.col >= 1, problem
                assert str(problem).startswith(f"{problem.file}:{problem.line}:"), problem


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(SEED_TEXT)))
    text = SEED_TEXT[name]
    for _ in range(draw(st.integers(1, 4))):
        lines = text.split("\n")
        op = draw(
            st.sampled_from(["delete", "insert", "dup", "swap", "indent", "truncate", "value"])
        )
        i = draw(st.integers(0, max(0, len(lines) - 1)))
        if op == "delete" and text:
            a = draw(st.integers(0, len(text) - 1))
            text = text[:a] + text[a + draw(st.integers(1, 40)) :]
        elif op == "insert":
            a = draw(st.integers(0, len(text)))
            text = text[:a] + draw(st.text(YAML_CHARS, min_size=1, max_size=12)) + text[a:]
        elif op == "dup":
            lines.insert(i, lines[i])
            text = "\n".join(lines)
        elif op == "swap":
            j = draw(st.integers(0, max(0, len(lines) - 1)))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif op == "indent":
            lines[i] = " " * draw(st.integers(0, 7)) + lines[i].lstrip(" ")
            text = "\n".join(lines)
        elif op == "truncate":
            text = text[: draw(st.integers(0, len(text)))]
        elif op == "value" and ":" in lines[i]:
            key = lines[i].split(":", 1)[0]
            value = draw(
                st.sampled_from(
                    [
                        "",
                        "~",
                        "-1",
                        "0",
                        "999",
                        "3.5",
                        "true",
                        "[]",
                        "{}",
                        "[a, b]",
                        "'x'",
                        "*a",
                        "&a x",
                    ]
                )
            )
            lines[i] = f"{key}: {value}"
            text = "\n".join(lines)
    return name, text


@FUZZ
@given(mutated())
def test_mutated_content_loads_or_reports_file_and_line(case: tuple[str, str]) -> None:
    name, text = case
    check_outcome({name: text})


@settings(FUZZ, max_examples=30)
@given(mutated())
def test_mutated_content_over_the_bundled_bank(case: tuple[str, str]) -> None:
    """Layered on the real bank, so plans and overrides meet the cross-checks."""
    name, text = case
    check_outcome({f"extra-{Path(name).name}": text}, with_bundled=True)


scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 200),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(KEYS),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=5),
        st.dictionaries(
            st.one_of(st.sampled_from(KEYS), st.text(max_size=6)), children, max_size=6
        ),
    ),
    max_leaves=40,
)


@FUZZ
@given(
    st.dictionaries(st.sampled_from(KEYS), documents, max_size=8),
    st.sampled_from(["areas", "questions", "rubric", None]),
)
def test_random_documents_of_each_kind(doc: dict[str, object], kind: str | None) -> None:
    if kind is not None:
        doc.setdefault(kind, [])  # steer the classifier to rubric, bank or plan checks
    check_outcome({"random.yaml": yaml.safe_dump(doc, allow_unicode=True)})


@FUZZ
@given(st.one_of(st.binary(max_size=200), st.text(YAML_CHARS, max_size=200)))
def test_raw_bytes_and_text(data: bytes | str) -> None:
    check_outcome({"raw.yaml": data})


def test_seeds_are_the_real_content() -> None:
    assert len(SEEDS) >= 4, "the shipped content should seed the fuzzer"
