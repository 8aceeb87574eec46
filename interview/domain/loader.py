"""Load rubrics, questions and plans from YAML and validate them strictly.

Every problem found in one run is collected and raised together as a
``ContentError``; nothing here ever lets a YAML or type error escape as a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview.domain.content_doc import Doc, closest
from interview.domain.errors import ContentError, Problem
from interview.domain.load_plan import plan_from_doc
from interview.domain.load_policy import must_pass_paths, unknown_area
from interview.domain.load_questions import questions_from_doc
from interview.domain.load_rubric import rubric_from_doc
from interview.domain.models import Content, LoadResult, Plan, Question, Rubric
from interview.domain.yaml_source import Path_, YamlProblem, parse_text, read_text

YAML_SUFFIXES = (".yaml", ".yml")


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass
class _Located:
    """A parsed item plus where it was defined, for cross-file checks."""

    doc: Doc
    path: Path_


@dataclass
class _Layer:
    rubrics: dict[str, tuple[Rubric, _Located]] = field(default_factory=dict)
    questions: dict[str, tuple[Question, _Located]] = field(default_factory=dict)
    plans: dict[str, tuple[Plan, _Located]] = field(default_factory=dict)


# ---------------------------------------------------------------- discovery and cross-checks


def _yaml_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*") if p.suffix in YAML_SUFFIXES and p.is_file())
    return [path]


def _classify(data: Any) -> str:
    if isinstance(data, dict):
        if "areas" in data:
            return "rubric"
        if "rubric" in data:
            return "plan"
        if "questions" in data:
            return "questions"
    return "unknown"


def _parse(path: Path, problems: list[Problem]) -> Doc | None:
    name = _display(path)
    try:
        source = parse_text(read_text(path), name)
    except YamlProblem as exc:
        problems.append(Problem(name, exc.line, exc.col, exc.message, exc.hint))
        return None
    except FileNotFoundError:
        problems.append(Problem(name, 1, 1, "no such file or directory", "check the path"))
        return None
    return Doc(source, problems)


def _load_layer(
    paths: Iterable[Path],
    problems: list[Problem],
    seen_files: set[Path],
    earlier: dict[str, Question],
) -> _Layer:
    layer = _Layer()
    docs: list[Doc] = []
    for root in paths:
        try:
            files = _yaml_files(root) if root.exists() else None
        except OSError as exc:  # a folder on the way that we may not enter
            reason = f"cannot read: {exc.strerror or exc}"
            problems.append(Problem(_display(root), 1, 1, reason, "check its permissions"))
            continue
        if files is None:
            problems.append(
                Problem(_display(root), 1, 1, "no such file or directory", "check the path")
            )
            continue
        for file in files:
            resolved = file.resolve()
            if resolved in seen_files:
                continue
            seen_files.add(resolved)
            doc = _parse(file, problems)
            if doc is not None:
                docs.append(doc)
    plan_docs: list[Doc] = []
    for doc in docs:
        kind = _classify(doc.source.data)
        if kind == "rubric":
            rubric = rubric_from_doc(doc)
            if rubric:
                _add(layer.rubrics, rubric.id, rubric, _Located(doc, ("id",)), "rubric")
        elif kind == "questions":
            for question, path in questions_from_doc(doc):
                _add(
                    layer.questions, question.id, question, _Located(doc, (*path, "id")), "question"
                )
        elif kind == "plan":
            plan_docs.append(doc)
        elif doc.source.data is None:
            doc.error((), "file is empty", "add a rubric, questions or a plan")
        else:
            doc.error(
                (),
                "not a rubric, question file or plan",
                "a rubric has 'areas:', a plan has 'rubric:', a question file has 'questions:'",
            )
    # A plan may use questions of earlier layers (the bundled bank): their budgets too.
    layer_questions = {**earlier, **{qid: q for qid, (q, _) in layer.questions.items()}}
    for doc in plan_docs:
        plan = plan_from_doc(doc, layer_questions)
        if plan:
            _add(layer.plans, plan.id, plan, _Located(doc, ("id",)), "plan")
    return layer


def _add(
    table: dict[str, tuple[Any, _Located]], key: str, value: Any, where: _Located, what: str
) -> None:
    if key in table:
        first = table[key][1]
        line, col = first.doc.source.where(first.path)
        where.doc.error(
            where.path,
            f"duplicate {what} id '{key}'",
            f"already defined at {first.doc.source.file}:{line}:{col}",
        )
        return
    table[key] = (value, where)


def _cross_check(merged: _Layer, problems: list[Problem], unreadable: bool) -> None:
    """References between files. After a file failed to parse, unknown ids are expected
    noise (the definitions may be in that file), so only the parse error is reported."""
    all_areas = {a.id for r, _ in merged.rubrics.values() for a in r.areas}
    for question, where in merged.questions.values():
        base = where.path[:-1]
        for k, area in enumerate(question.areas):
            if area not in all_areas:
                where.doc.error(
                    (*base, "areas", k),
                    f"area '{area}' is not defined by any rubric",
                    f"use one of: {', '.join(sorted(all_areas))}",
                )
    for question, where in merged.questions.values():
        if question.parallel_of and question.parallel_of not in merged.questions:
            where.doc.error(
                (*where.path[:-1], "parallel_of"),
                f"'parallel_of' names unknown question '{question.parallel_of}'",
                "use the id of the live question this one is a practice form of",
            )
    for plan, where in merged.plans.values():
        rubric_entry = merged.rubrics.get(plan.rubric_id)
        if rubric_entry is None and not unreadable:
            where.doc.error(
                ("rubric",),
                f"plan uses unknown rubric '{plan.rubric_id}'",
                f"use one of: {', '.join(sorted(merged.rubrics)) or 'no rubrics loaded'}",
            )
        if rubric_entry is not None:
            area_ids = rubric_entry[0].area_ids
            for at, area in must_pass_paths(plan.policy):
                if area not in area_ids:
                    unknown_area(where.doc, at, area, area_ids)
        seen: set[str] = set()
        for i, item in enumerate(plan.items):
            path: Path_ = ("questions", i)
            if item.question_id in seen:
                where.doc.error(
                    path, f"question '{item.question_id}' appears twice in the plan", "remove one"
                )
            seen.add(item.question_id)
            entry = merged.questions.get(item.question_id)
            if entry is None and unreadable:
                continue
            if entry is None:
                close = closest(item.question_id, merged.questions)
                where.doc.error(
                    (*path, "id"),
                    f"plan names unknown question '{item.question_id}'",
                    f"did you mean '{close}'?"
                    if close
                    else "add the question to the bank or fix the id",
                )
                continue
            question = entry[0]
            if rubric_entry is not None:
                missing = [a for a in question.areas if a not in rubric_entry[0].area_ids]
                if missing:
                    where.doc.error(
                        (*path, "id"),
                        f"question '{question.id}' scores area(s) {', '.join(missing)} "
                        f"that rubric '{plan.rubric_id}' does not define",
                        "use a question for this rubric or a rubric with those areas",
                    )
            if plan.mode == "practice" and not question.practice_allowed:
                where.doc.error(
                    (*path, "id"),
                    f"question '{question.id}' is interviewer-only; practice plans cannot use it",
                    "pick another question",
                )
            if plan.mode == "interview" and not question.live_allowed:
                where.doc.error(
                    (*path, "id"),
                    f"question '{question.id}' is practice-only; interview plans cannot use it",
                    "pick its live form or another question",
                )


def load_content(layers: Sequence[Sequence[Path]]) -> LoadResult:
    """Load content from layers of paths; later layers override earlier ones by id.

    Raises ``ContentError`` with every problem found.
    """
    problems: list[Problem] = []
    seen_files: set[Path] = set()
    merged = _Layer()
    for paths in layers:
        earlier = {qid: q for qid, (q, _) in merged.questions.items()}
        layer = _load_layer(paths, problems, seen_files, earlier)
        merged.rubrics.update(layer.rubrics)
        merged.questions.update(layer.questions)
        merged.plans.update(layer.plans)
    _cross_check(merged, problems, unreadable=bool(problems))
    if problems:
        raise ContentError(sorted(problems, key=lambda p: (p.file, p.line, p.col)))
    content = Content(
        rubrics={k: v for k, (v, _) in merged.rubrics.items()},
        questions={k: v for k, (v, _) in merged.questions.items()},
        plans={k: v for k, (v, _) in merged.plans.items()},
    )
    return LoadResult(content=content, files=len(seen_files))
