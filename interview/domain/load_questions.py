"""Question files: questions with signals, follow-up probes, code and sample answers."""

from __future__ import annotations

from typing import Any

from interview.domain.bank_header import LANG_RE, BankHeader
from interview.domain.content_doc import ID_RE, Doc
from interview.domain.models import (
    AUDIENCES,
    LABEL_MAX,
    PLAN_MAX_MINUTES,
    CodeSnippet,
    FollowUp,
    Question,
    SampleAnswer,
    Signal,
)
from interview.domain.yaml_source import Path_

QUESTION_REQUIRED = [
    "id", "title", "kind", "level", "areas", "minutes", "prompt",
    "senior_signals", "junior_signals", "follow_ups",
]  # fmt: skip
QUESTION_OPTIONAL = [
    "context", "code", "sample_answers", "interviewer_only", "audience", "parallel_of",
    "lang",
]  # fmt: skip


def questions_from_doc(doc: Doc, header: BankHeader | None = None) -> list[tuple[Question, Path_]]:
    """``header``: the file's ``bank:`` declarations over its folder's (already parsed)."""
    m = doc.mapping(doc.source.data, (), ["questions"], ["bank"], "question file")
    if m is None:
        return []
    header = header or BankHeader()
    out: list[tuple[Question, Path_]] = []
    for i, raw in enumerate(doc.seq(m, "questions", (), min_len=1, what="question")):
        path: Path_ = ("questions", i)
        q = doc.mapping(raw, path, QUESTION_REQUIRED, QUESTION_OPTIONAL, "question")
        if q is None:
            continue
        areas, qualifiers = _areas(doc, q, path)
        senior = _signals(doc, q, "senior_signals", path, areas)
        junior = _signals(doc, q, "junior_signals", path, areas)
        signal_ids = [s.id for s in (*senior, *junior)]
        for sid in {s for s in signal_ids if signal_ids.count(s) > 1}:
            doc.error(
                (*path, "senior_signals"),
                f"signal id '{sid}' is used twice",
                "give each signal its own id",
            )
        follow_ups = _follow_ups(doc, q, path, {s.id for s in senior} | {s.id for s in junior})
        doc.flag(q, "interviewer_only", path)  # checked for its type; audience carries it
        audience = _audience(doc, q, path)
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
                    kind=doc.choice(q, "kind", path, header.kind_names),
                    level=doc.choice(q, "level", path, header.level_names),
                    areas=areas,
                    minutes=doc.integer(q, "minutes", path, 1, PLAN_MAX_MINUTES),
                    prompt=doc.text(q, "prompt", path),
                    context=doc.text(q, "context", path, required=False),
                    senior_signals=senior,
                    junior_signals=junior,
                    follow_ups=follow_ups,
                    code=_code(doc, q.get("code"), (*path, "code")),
                    sample_answers=_samples(doc, q, path, areas, header.level_names),
                    interviewer_only=audience == "interviewer",
                    source=doc.source.file,
                    audience=audience,
                    parallel_of=doc.ident(q, "parallel_of", path),
                    rubrics=tuple(dict.fromkeys((*header.rubrics, *qualifiers))),
                    lang=_lang(doc, q, path) or header.lang,
                ),
                path,
            )
        )
    return out


def _areas(doc: Doc, q: dict[str, Any], path: Path_) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Area ids, bare or qualified by their rubric (``backend/python``): the bare ids in
    order, and the rubrics named by qualified ones."""
    areas: list[str] = []
    rubrics: list[str] = []
    for k, raw in enumerate(doc.words(q, "areas", path)):
        rubric, _, area = raw.rpartition("/")
        for part in (rubric, area) if rubric else (area,):
            if not ID_RE.match(part):
                doc.error(
                    (*path, "areas", k),
                    f"area {raw!r} is not an area id like 'api' or 'backend/api'",
                    "use lower-case letters, digits and dashes; 'rubric/area' to qualify",
                )
                break
        if rubric and rubric not in rubrics:
            rubrics.append(rubric)
        if area not in areas:
            areas.append(area)
    return tuple(areas), tuple(rubrics)


def _lang(doc: Doc, q: dict[str, Any], path: Path_) -> str:
    lang = doc.text(q, "lang", path, required="lang" in q)
    if lang and not LANG_RE.match(lang):
        doc.error(
            (*path, "lang"), f"'lang' is {lang!r}, not a language tag", "use a tag such as en or ja"
        )
    return lang


def _audience(doc: Doc, q: dict[str, Any], path: Path_) -> str:
    if "audience" not in q:
        return "interviewer" if q.get("interviewer_only") is True else "both"
    audience = doc.choice(q, "audience", path, AUDIENCES)
    if q.get("interviewer_only") is True and audience != "interviewer":
        doc.error(
            (*path, "audience"),
            f"'audience' is {audience!r} but 'interviewer_only' is true",
            "keep one of them: audience: interviewer replaces interviewer_only: true",
        )
    return audience


def _label(doc: Doc, m: dict[str, Any], path: Path_) -> str:
    label = doc.text(m, "label", path, required="label" in m)
    if len(label) > LABEL_MAX:
        doc.error(
            (*path, "label"),
            f"'label' is {len(label)} characters, more than {LABEL_MAX}",
            "shorten it: it is read at a glance during the interview",
        )
    return label


def _signal_areas(
    doc: Doc, s: dict[str, Any], spath: Path_, areas: tuple[str, ...]
) -> tuple[str, ...]:
    own = doc.words(s, "areas", spath)
    for k, area in enumerate(own):
        if areas and area not in areas:
            doc.error(
                (*spath, "areas", k),
                f"signal evidences area '{area}' that the question does not list",
                f"use one of: {', '.join(areas)}",
            )
    return own


def _signals(
    doc: Doc, q: dict[str, Any], key: str, path: Path_, areas: tuple[str, ...] = ()
) -> tuple[Signal, ...]:
    out: list[Signal] = []
    for j, raw in enumerate(doc.seq(q, key, path, min_len=1, what="signal")):
        spath: Path_ = (*path, key, j)
        s = doc.mapping(
            raw, spath, ["id", "text"], ["keywords", "red_flag", "label", "areas"], "signal"
        )
        if s is None:
            continue
        out.append(
            Signal(
                id=doc.ident(s, "id", spath),
                text=doc.text(s, "text", spath),
                keywords=tuple(k.lower() for k in doc.words(s, "keywords", spath)),
                red_flag=doc.flag(s, "red_flag", spath),
                label=_label(doc, s, spath),
                areas=_signal_areas(doc, s, spath, areas),
            )
        )
    return tuple(out)


def _follow_ups(
    doc: Doc, q: dict[str, Any], path: Path_, signal_ids: set[str]
) -> tuple[FollowUp, ...]:
    out: list[FollowUp] = []
    seen: set[str] = set()
    for j, raw in enumerate(doc.seq(q, "follow_ups", path, min_len=1, what="follow-up")):
        fpath: Path_ = (*path, "follow_ups", j)
        f = doc.mapping(raw, fpath, ["id", "text"], ["targets", "label", "required"], "follow-up")
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
        out.append(
            FollowUp(
                id=fid,
                text=doc.text(f, "text", fpath),
                targets=targets,
                label=_label(doc, f, fpath),
                required=doc.flag(f, "required", fpath),
            )
        )
    return tuple(out)


def _code(doc: Doc, raw: Any, path: Path_) -> CodeSnippet | None:
    if raw is None:
        return None
    c = doc.mapping(raw, path, ["language", "source"], [], "code")
    if c is None:
        return None
    return CodeSnippet(language=doc.text(c, "language", path), source=doc.text(c, "source", path))


def _samples(
    doc: Doc, q: dict[str, Any], path: Path_, areas: tuple[str, ...], levels: tuple[str, ...]
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
                level=doc.choice(s, "level", spath, levels),
                text=doc.text(s, "text", spath),
                scores=scores,
            )
        )
    return tuple(out)
