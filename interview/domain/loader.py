"""Load rubrics, questions and plans from YAML and validate them strictly.

Every problem found in one run is collected and raised together as a
``ContentError``; nothing here ever lets a YAML or type error escape as a traceback.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interview.domain.errors import ContentError, Problem
from interview.domain.models import (
    KINDS,
    LEVELS,
    PLAN_MODES,
    Area,
    CodeSnippet,
    Content,
    FollowUp,
    Level,
    LoadResult,
    Plan,
    PlanItem,
    Question,
    Rubric,
    SampleAnswer,
    Signal,
    Thresholds,
)
from interview.domain.yaml_source import Path_, SourceDoc, YamlProblem, parse_text, read_text

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
YAML_SUFFIXES = (".yaml", ".yml")


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class _Doc:
    """One file being validated: typed getters that record problems instead of raising."""

    def __init__(self, source: SourceDoc, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems

    def error(self, path: Path_, message: str, hint: str = "", *, at_key: bool = False) -> None:
        line, col = self.source.where((*path, "__key__") if at_key else path)
        if at_key and (*path, "__key__") not in self.source.marks:
            line, col = self.source.where(path)
        self.problems.append(Problem(self.source.file, line, col, message, hint))

    def mapping(
        self, value: Any, path: Path_, required: Sequence[str], optional: Sequence[str], what: str
    ) -> dict[str, Any] | None:
        if not isinstance(value, dict):
            self.error(
                path, f"{what} must be a mapping, got {_kind(value)}", "use 'key: value' lines"
            )
            return None
        allowed = set(required) | set(optional)
        for key in value:
            if key not in allowed:
                close = _closest(key, allowed)
                hint = (
                    f"did you mean '{close}'?"
                    if close
                    else f"allowed: {', '.join(sorted(allowed))}"
                )
                self.error((*path, key), f"unknown key '{key}' in {what}", hint, at_key=True)
        for key in required:
            if key not in value:
                self.error(path, f"missing key '{key}' in {what}", f"add '{key}:'")
        return value

    def text(self, m: dict[str, Any], key: str, path: Path_, *, required: bool = True) -> str:
        value = m.get(key)
        if value is None:
            if required and key in m:
                self.error((*path, key), f"'{key}' is empty", "write some text")
            return ""
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error((*path, key), f"'{key}' must be text, got {_kind(value)}", "quote it")
            return ""
        text = str(value).strip()
        if required and not text:
            self.error((*path, key), f"'{key}' is empty", "write some text")
        return text

    def ident(self, m: dict[str, Any], key: str, path: Path_) -> str:
        value = m.get(key)
        if value is None:
            return ""
        if not isinstance(value, str) or not ID_RE.match(value):
            self.error(
                (*path, key),
                f"'{key}' must be an id like 'payment-endpoint', got {value!r}",
                "use lower-case letters, digits and dashes",
            )
            return str(value)
        return value

    def integer(
        self, m: dict[str, Any], key: str, path: Path_, lo: int, hi: int, default: int | None = None
    ) -> int:
        value = m.get(key, default)
        if value is None:
            return lo
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(
                (*path, key),
                f"'{key}' must be a whole number, got {_kind(value)}",
                f"use {lo}..{hi}",
            )
            return lo
        if not lo <= value <= hi:
            self.error((*path, key), f"'{key}' is {value}, outside {lo}..{hi}", f"use {lo}..{hi}")
        return value

    def number(self, m: dict[str, Any], key: str, path: Path_) -> float:
        value = m.get(key)
        if value is None:
            return 0.0
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.error((*path, key), f"'{key}' must be a number, got {_kind(value)}", "use 0..100")
            return 0.0
        if not 0 <= value <= 100:
            self.error((*path, key), f"'{key}' is {value}, outside 0..100", "use 0..100")
        return float(value)

    def flag(self, m: dict[str, Any], key: str, path: Path_) -> bool:
        value = m.get(key, False)
        if not isinstance(value, bool):
            self.error(
                (*path, key), f"'{key}' must be true or false, got {value!r}", "use true or false"
            )
            return False
        return value

    def choice(self, m: dict[str, Any], key: str, path: Path_, choices: Sequence[str]) -> str:
        value = m.get(key)
        if value is None:
            return choices[0]
        if value not in choices:
            self.error(
                (*path, key),
                f"'{key}' is {value!r}, not one of {', '.join(choices)}",
                f"use one of {', '.join(choices)}",
            )
            return choices[0]
        return str(value)

    def seq(
        self, m: dict[str, Any], key: str, path: Path_, *, min_len: int = 0, what: str = ""
    ) -> list[Any]:
        value = m.get(key)
        if value is None:
            if key in m and min_len:
                self.error(
                    (*path, key),
                    f"'{key}' is empty",
                    f"list at least {min_len} {what or 'item'}(s)",
                )
            return []
        if not isinstance(value, list):
            self.error(
                (*path, key),
                f"'{key}' must be a list, got {_kind(value)}",
                "start each item with '- '",
            )
            return []
        if len(value) < min_len:
            self.error(
                (*path, key),
                f"'{key}' has {len(value)} item(s), needs at least {min_len}",
                f"add {what or 'items'}",
            )
        return value

    def words(self, m: dict[str, Any], key: str, path: Path_) -> tuple[str, ...]:
        out: list[str] = []
        for i, item in enumerate(self.seq(m, key, path)):
            if (
                isinstance(item, bool)
                or not isinstance(item, str | int | float)
                or not str(item).strip()
            ):
                self.error(
                    (*path, key, i), f"'{key}' items must be text, got {_kind(item)}", "quote it"
                )
                continue
            out.append(str(item).strip())
        return tuple(out)


def _kind(value: Any) -> str:
    return {
        dict: "a mapping",
        list: "a list",
        str: "text",
        int: "a number",
        float: "a number",
        bool: "true/false",
        type(None): "nothing",
    }.get(type(value), type(value).__name__)


def _closest(word: str, options: Iterable[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.7)
    return matches[0] if matches else None


# ---------------------------------------------------------------- rubrics


def _rubric(doc: _Doc) -> Rubric | None:
    m = doc.mapping(
        doc.source.data, (), ["id", "title", "areas", "recommendation"], ["description"], "rubric"
    )
    if m is None:
        return None
    rubric_id = doc.ident(m, "id", ())
    areas: list[Area] = []
    seen: set[str] = set()
    for i, raw in enumerate(doc.seq(m, "areas", (), min_len=1, what="area")):
        path: Path_ = ("areas", i)
        a = doc.mapping(raw, path, ["id", "title", "weight", "levels"], ["description"], "area")
        if a is None:
            continue
        area_id = doc.ident(a, "id", path)
        if area_id in seen:
            doc.error((*path, "id"), f"duplicate area id '{area_id}'", "give each area its own id")
        seen.add(area_id)
        levels = _levels(doc, a, path)
        areas.append(
            Area(
                id=area_id,
                title=doc.text(a, "title", path),
                weight=doc.integer(a, "weight", path, 1, 100),
                description=doc.text(a, "description", path, required=False),
                levels=levels,
            )
        )
    total = sum(a.weight for a in areas)
    if areas and total != 100:
        doc.error(
            ("areas",),
            f"area weights sum to {total}, not 100",
            f"adjust the weights by {100 - total:+d} in total",
        )
    thresholds = _thresholds(doc, m.get("recommendation"))
    return Rubric(
        id=rubric_id,
        title=doc.text(m, "title", ()),
        description=doc.text(m, "description", (), required=False),
        areas=tuple(areas),
        thresholds=thresholds,
        source=doc.source.file,
    )


def _levels(doc: _Doc, a: dict[str, Any], path: Path_) -> tuple[Level, ...]:
    raw_levels = doc.seq(a, "levels", path)
    if "levels" in a and len(raw_levels) != 4:
        doc.error(
            (*path, "levels"),
            f"an area needs exactly 4 levels, found {len(raw_levels)}",
            "list scores 1, 2, 3 and 4",
        )
    levels: list[Level] = []
    for j, raw in enumerate(raw_levels):
        lpath: Path_ = (*path, "levels", j)
        lv = doc.mapping(raw, lpath, ["score", "label", "behaviours"], [], "level")
        if lv is None:
            continue
        score = doc.integer(lv, "score", lpath, 1, 4)
        if "score" in lv and score != j + 1:
            doc.error(
                (*lpath, "score"),
                f"level {j + 1} has score {score}",
                "list levels in order 1, 2, 3, 4",
            )
        behaviours = doc.words(lv, "behaviours", lpath)
        if "behaviours" in lv and not 2 <= len(behaviours) <= 4:
            doc.error(
                (*lpath, "behaviours"),
                f"a level needs 2-4 observable behaviours, found {len(behaviours)}",
                "describe what the candidate says or does",
            )
        levels.append(Level(score, doc.text(lv, "label", lpath), behaviours))
    return tuple(levels)


def _thresholds(doc: _Doc, raw: Any) -> Thresholds:
    path: Path_ = ("recommendation",)
    if raw is None:
        return Thresholds(35, 60, 80)
    t = doc.mapping(raw, path, ["no", "yes", "strong_yes"], [], "recommendation thresholds")
    if t is None:
        return Thresholds(35, 60, 80)
    no, yes, strong = (doc.number(t, k, path) for k in ("no", "yes", "strong_yes"))
    if all(k in t for k in ("no", "yes", "strong_yes")) and not 0 < no < yes < strong <= 100:
        doc.error(
            path,
            f"thresholds out of order: no {no:g}, yes {yes:g}, strong_yes {strong:g}",
            "use 0 < no < yes < strong_yes <= 100",
        )
    return Thresholds(no, yes, strong)


# ---------------------------------------------------------------- questions

QUESTION_REQUIRED = [
    "id", "title", "kind", "level", "areas", "minutes", "prompt",
    "senior_signals", "junior_signals", "follow_ups",
]  # fmt: skip
QUESTION_OPTIONAL = ["context", "code", "sample_answers", "interviewer_only"]


@dataclass
class _Located:
    """A parsed item plus where it was defined, for cross-file checks."""

    doc: _Doc
    path: Path_


@dataclass
class _Layer:
    rubrics: dict[str, tuple[Rubric, _Located]] = field(default_factory=dict)
    questions: dict[str, tuple[Question, _Located]] = field(default_factory=dict)
    plans: dict[str, tuple[Plan, _Located]] = field(default_factory=dict)


def _questions(doc: _Doc) -> list[tuple[Question, Path_]]:
    m = doc.mapping(doc.source.data, (), ["questions"], [], "question file")
    if m is None:
        return []
    out: list[tuple[Question, Path_]] = []
    for i, raw in enumerate(doc.seq(m, "questions", (), min_len=1, what="question")):
        path: Path_ = ("questions", i)
        q = doc.mapping(raw, path, QUESTION_REQUIRED, QUESTION_OPTIONAL, "question")
        if q is None:
            continue
        senior = _signals(doc, q, "senior_signals", path)
        junior = _signals(doc, q, "junior_signals", path)
        signal_ids = [s.id for s in (*senior, *junior)]
        for sid in {s for s in signal_ids if signal_ids.count(s) > 1}:
            doc.error(
                (*path, "senior_signals"),
                f"signal id '{sid}' is used twice",
                "give each signal its own id",
            )
        follow_ups = _follow_ups(doc, q, path, {s.id for s in senior} | {s.id for s in junior})
        areas = doc.words(q, "areas", path)
        if "areas" in q and not areas:
            doc.error(
                (*path, "areas"),
                "a question must give evidence for at least one area",
                "list rubric area ids",
            )
        out.append(
            (
                Question(
                    id=doc.ident(q, "id", path),
                    title=doc.text(q, "title", path),
                    kind=doc.choice(q, "kind", path, KINDS),
                    level=doc.choice(q, "level", path, LEVELS),
                    areas=areas,
                    minutes=doc.integer(q, "minutes", path, 1, 60),
                    prompt=doc.text(q, "prompt", path),
                    context=doc.text(q, "context", path, required=False),
                    senior_signals=senior,
                    junior_signals=junior,
                    follow_ups=follow_ups,
                    code=_code(doc, q.get("code"), (*path, "code")),
                    sample_answers=_samples(doc, q, path, areas),
                    interviewer_only=doc.flag(q, "interviewer_only", path),
                    source=doc.source.file,
                ),
                path,
            )
        )
    return out


def _signals(doc: _Doc, q: dict[str, Any], key: str, path: Path_) -> tuple[Signal, ...]:
    out: list[Signal] = []
    for j, raw in enumerate(doc.seq(q, key, path, min_len=1, what="signal")):
        spath: Path_ = (*path, key, j)
        s = doc.mapping(raw, spath, ["id", "text"], ["keywords", "red_flag"], "signal")
        if s is None:
            continue
        out.append(
            Signal(
                id=doc.ident(s, "id", spath),
                text=doc.text(s, "text", spath),
                keywords=tuple(k.lower() for k in doc.words(s, "keywords", spath)),
                red_flag=doc.flag(s, "red_flag", spath),
            )
        )
    return tuple(out)


def _follow_ups(
    doc: _Doc, q: dict[str, Any], path: Path_, signal_ids: set[str]
) -> tuple[FollowUp, ...]:
    out: list[FollowUp] = []
    seen: set[str] = set()
    for j, raw in enumerate(doc.seq(q, "follow_ups", path, min_len=1, what="follow-up")):
        fpath: Path_ = (*path, "follow_ups", j)
        f = doc.mapping(raw, fpath, ["id", "text"], ["targets"], "follow-up")
        if f is None:
            continue
        fid = doc.ident(f, "id", fpath)
        if fid in seen:
            doc.error(
                (*fpath, "id"), f"duplicate follow-up id '{fid}'", "give each follow-up its own id"
            )
        seen.add(fid)
        targets = doc.words(f, "targets", fpath)
        for k, target in enumerate(targets):
            if target not in signal_ids:
                doc.error(
                    (*fpath, "targets", k),
                    f"follow-up targets unknown signal '{target}'",
                    f"use one of: {', '.join(sorted(signal_ids)) or 'no signals defined'}",
                )
        out.append(FollowUp(id=fid, text=doc.text(f, "text", fpath), targets=targets))
    return tuple(out)


def _code(doc: _Doc, raw: Any, path: Path_) -> CodeSnippet | None:
    if raw is None:
        return None
    c = doc.mapping(raw, path, ["language", "source"], [], "code")
    if c is None:
        return None
    return CodeSnippet(language=doc.text(c, "language", path), source=doc.text(c, "source", path))


def _samples(
    doc: _Doc, q: dict[str, Any], path: Path_, areas: tuple[str, ...]
) -> tuple[SampleAnswer, ...]:
    out: list[SampleAnswer] = []
    for j, raw in enumerate(doc.seq(q, "sample_answers", path)):
        spath: Path_ = (*path, "sample_answers", j)
        s = doc.mapping(raw, spath, ["level", "text", "scores"], [], "sample answer")
        if s is None:
            continue
        scores: dict[str, int] = {}
        raw_scores = s.get("scores")
        if (
            raw_scores is not None
            and doc.mapping(
                raw_scores,
                (*spath, "scores"),
                [],
                list(raw_scores) if isinstance(raw_scores, dict) else [],
                "scores",
            )
            is not None
        ):
            for area_id in raw_scores:
                scores[area_id] = doc.integer(raw_scores, area_id, (*spath, "scores"), 1, 4)
                if areas and area_id not in areas:
                    doc.error(
                        (*spath, "scores", area_id),
                        f"sample answer scores area '{area_id}' that the question does not list",
                        f"use one of: {', '.join(areas)}",
                        at_key=True,
                    )
        out.append(
            SampleAnswer(
                level=doc.choice(s, "level", spath, LEVELS),
                text=doc.text(s, "text", spath),
                scores=scores,
            )
        )
    return tuple(out)


# ---------------------------------------------------------------- plans


def _plan(doc: _Doc, questions: dict[str, Question]) -> Plan | None:
    m = doc.mapping(
        doc.source.data, (), ["id", "title", "rubric", "questions"], ["description", "mode"], "plan"
    )
    if m is None:
        return None
    items: list[PlanItem] = []
    for i, raw in enumerate(doc.seq(m, "questions", (), min_len=1, what="question")):
        path: Path_ = ("questions", i)
        if isinstance(raw, str):
            raw = {"id": raw}
        it = doc.mapping(raw, path, ["id"], ["minutes"], "plan entry")
        if it is None:
            continue
        qid = doc.ident(it, "id", path)
        if "minutes" in it:
            minutes = doc.integer(it, "minutes", path, 1, 60)
        else:  # the question's own budget, already checked where it is defined
            minutes = questions[qid].minutes if qid in questions else 1
        items.append(PlanItem(question_id=qid, minutes=minutes))
    return Plan(
        id=doc.ident(m, "id", ()),
        title=doc.text(m, "title", ()),
        rubric_id=doc.ident(m, "rubric", ()),
        mode=doc.choice(m, "mode", (), PLAN_MODES),
        description=doc.text(m, "description", (), required=False),
        items=tuple(items),
        source=doc.source.file,
    )


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


def _parse(path: Path, problems: list[Problem]) -> _Doc | None:
    name = _display(path)
    try:
        source = parse_text(read_text(path), name)
    except YamlProblem as exc:
        problems.append(Problem(name, exc.line, exc.col, exc.message, exc.hint))
        return None
    except FileNotFoundError:
        problems.append(Problem(name, 1, 1, "no such file or directory", "check the path"))
        return None
    return _Doc(source, problems)


def _load_layer(
    paths: Iterable[Path],
    problems: list[Problem],
    seen_files: set[Path],
    earlier: dict[str, Question],
) -> _Layer:
    layer = _Layer()
    docs: list[_Doc] = []
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
    plan_docs: list[_Doc] = []
    for doc in docs:
        kind = _classify(doc.source.data)
        if kind == "rubric":
            rubric = _rubric(doc)
            if rubric:
                _add(layer.rubrics, rubric.id, rubric, _Located(doc, ("id",)), "rubric")
        elif kind == "questions":
            for question, path in _questions(doc):
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
        plan = _plan(doc, layer_questions)
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
    for plan, where in merged.plans.values():
        rubric_entry = merged.rubrics.get(plan.rubric_id)
        if rubric_entry is None and not unreadable:
            where.doc.error(
                ("rubric",),
                f"plan uses unknown rubric '{plan.rubric_id}'",
                f"use one of: {', '.join(sorted(merged.rubrics)) or 'no rubrics loaded'}",
            )
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
                close = _closest(item.question_id, merged.questions)
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
            if plan.mode == "practice" and question.interviewer_only:
                where.doc.error(
                    (*path, "id"),
                    f"question '{question.id}' is interviewer-only; practice plans cannot use it",
                    "pick another question",
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
