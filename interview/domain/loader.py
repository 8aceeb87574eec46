"""Load rubrics, questions and plans from YAML and validate them strictly.

Every problem found in one run is collected and raised together as a
``ContentError``; nothing here ever lets a YAML or type error escape as a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from interview.domain.bank_header import (
    BankHeader,
    folder_header,
    header_from_doc,
    is_header_only,
)
from interview.domain.content_doc import Doc, closest
from interview.domain.content_warnings import live_key_warnings
from interview.domain.errors import ContentError, Problem
from interview.domain.load_plan import plan_from_doc
from interview.domain.load_policy import must_pass_paths, unknown_area
from interview.domain.load_questions import questions_from_doc
from interview.domain.load_rubric import rubric_from_doc
from interview.domain.models import KINDS, LEVELS, Content, LoadResult, Plan, Question, Rubric
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
    # Levels and kinds the question files allow, in order; bank headers naming rubrics.
    levels: dict[str, None] = field(default_factory=dict)
    kinds: dict[str, None] = field(default_factory=dict)
    headers: list[BankHeader] = field(default_factory=list)


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
        if is_header_only(data):
            return "bank"
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
    docs: list[tuple[Path, Doc]] = []
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
                docs.append((resolved, doc))
    folders: dict[Any, BankHeader] = {}
    for file, doc in docs:
        if _classify(doc.source.data) == "bank":
            header = header_from_doc(doc)
            if header is not None:
                folders[file.parent] = header
                layer.headers.append(header)
    plan_docs: list[Doc] = []
    for file, doc in docs:
        kind = _classify(doc.source.data)
        if kind == "rubric":
            rubric = rubric_from_doc(doc)
            if rubric:
                _add(layer.rubrics, rubric.id, rubric, _Located(doc, ("id",)), "rubric")
        elif kind == "questions":
            own = header_from_doc(doc)
            header = (own or BankHeader()).over(folder_header(file, folders))
            if own is not None:
                layer.headers.append(own)
            layer.levels.update(dict.fromkeys(header.level_names))
            layer.kinds.update(dict.fromkeys(header.kind_names))
            for question, path in questions_from_doc(doc, header):
                _add(
                    layer.questions, question.id, question, _Located(doc, (*path, "id")), "question"
                )
        elif kind == "plan":
            plan_docs.append(doc)
        elif kind == "bank":
            pass
        elif doc.source.data is None:
            doc.error((), "file is empty", "add a rubric, questions or a plan")
        else:
            doc.error(
                (),
                "not a rubric, question file or plan",
                "a rubric has 'areas:', a plan has 'rubric:', a question file has 'questions:', "
                "a bank header has only 'bank:'",
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
    known = ", ".join(sorted(merged.rubrics)) or "no rubrics loaded"
    declared_by_banks: set[str] = set()
    for header in merged.headers:
        declared_by_banks.update(header.rubrics)
        for k, rubric_id in enumerate(header.rubrics):
            if rubric_id in merged.rubrics or header.doc is None or unreadable:
                continue
            listed = isinstance(header.doc.source.data["bank"].get("rubric"), list)
            header.doc.error(
                ("bank", "rubric", k) if listed else ("bank", "rubric"),
                f"bank declares unknown rubric '{rubric_id}'",
                f"use one of: {known}",
            )
    for question, where in merged.questions.values():
        base = where.path[:-1]
        scope = [merged.rubrics[r][0] for r in question.rubrics if r in merged.rubrics]
        declared = {a.id for r in scope for a in r.areas} if question.rubrics else all_areas
        unknown = [r for r in question.rubrics if r not in merged.rubrics]
        for k, area in enumerate(question.areas):
            if area in declared:
                continue
            if unknown:
                if not unreadable and not set(unknown) <= declared_by_banks:
                    where.doc.error(
                        (*base, "areas", k),
                        f"area '{area}' names unknown rubric '{unknown[0]}'",
                        f"use one of: {known}",
                    )
                continue
            where.doc.error(
                (*base, "areas", k),
                f"area '{area}' is not defined by any rubric"
                if area not in all_areas
                else f"area '{area}' is not defined by rubric {', '.join(question.rubrics)}",
                f"use one of: {', '.join(sorted(declared or all_areas))}",
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
                elif not question.evidences_rubric(plan.rubric_id) and all(
                    r in merged.rubrics for r in question.rubrics
                ):
                    where.doc.error(
                        (*path, "id"),
                        f"question '{question.id}' evidences the areas of rubric(s) "
                        f"{', '.join(question.rubrics)}, not '{plan.rubric_id}'",
                        "use a question written for this rubric, or declare the rubric in its "
                        f"bank ('bank: {{rubric: {plan.rubric_id}}}' or "
                        f"'{plan.rubric_id}/area' ids)",
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
        merged.questions.update(_bind(layer.questions, merged.rubrics))
        merged.plans.update(layer.plans)
        merged.levels.update(layer.levels)
        merged.kinds.update(layer.kinds)
        merged.headers += layer.headers
    _cross_check(merged, problems, unreadable=bool(problems))
    if problems:
        raise ContentError(sorted(problems, key=lambda p: (p.file, p.line, p.col)))
    content = Content(
        rubrics={k: v for k, (v, _) in merged.rubrics.items()},
        questions={k: v for k, (v, _) in merged.questions.items()},
        plans={k: v for k, (v, _) in merged.plans.items()},
        levels=tuple(merged.levels) or LEVELS,
        kinds=tuple(merged.kinds) or KINDS,
    )
    warnings = live_key_warnings(
        [(q, where.doc, where.path[:-1]) for q, where in merged.questions.values()]
    )
    return LoadResult(content=content, files=len(seen_files), warnings=tuple(warnings))


def _bind(
    questions: dict[str, tuple[Question, _Located]],
    rubrics: dict[str, tuple[Rubric, _Located]],
) -> dict[str, tuple[Question, _Located]]:
    """A question that declares no rubric evidences the rubrics loaded with it or before it
    that define its areas (the bundled rubrics, for the bundled questions): a rubric added
    later that reuses an area id such as ``python`` does not score it."""
    out: dict[str, tuple[Question, _Located]] = {}
    for qid, (question, where) in questions.items():
        if not question.rubrics:
            areas = set(question.areas)
            full = [r for r, _ in rubrics.values() if areas <= set(r.area_ids)]
            some = full or [r for r, _ in rubrics.values() if areas & set(r.area_ids)]
            question = replace(question, rubrics=tuple(r.id for r in some))
        out[qid] = (question, where)
    return out
