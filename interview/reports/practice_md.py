"""Markdown export of one practice attempt: answers, follow-ups, self-check, self-scores."""

from __future__ import annotations

from pathlib import Path

from interview.domain.models import Question, SignalKind
from interview.reports.text import clean
from interview.services.practice_attempt import PracticeAttempt
from interview.services.practice_checks import SignalCheck

HEURISTIC_NOTE = (
    "The keyword check is a heuristic: it finds words from each signal's keyword list in "
    "your answers, not whether the idea behind them was there."
)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _quote(text: str) -> str:
    return "\n".join(f"> {line}".rstrip() for line in text.strip().splitlines())


def _minutes(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 60}:{whole % 60:02d}"


def _check_table(checks: list[SignalCheck]) -> list[str]:
    lines = [
        "| Signal | You ticked | Keyword check (heuristic) | Agreement |",
        "| --- | --- | --- | --- |",
    ]
    for c in checks:
        flag = " (red flag)" if c.signal.red_flag else ""
        found = ", ".join(c.found) if c.found else ("—" if c.signal.keywords else "n/a")
        mark = "**" if c.verdict.disagrees else ""
        lines.append(
            f"| {_cell(c.signal.text)}{flag} | {'yes' if c.ticked else 'no'} | {_cell(found)} "
            f"| {mark}{c.verdict.label}{mark} |"
        )
    return lines


def _question_section(attempt: PracticeAttempt, number: int, question: Question) -> list[str]:
    qid = question.id
    areas = ", ".join(a.title for a in attempt.score_areas(qid)) or ", ".join(question.areas)
    budget = attempt.budget_seconds(number - 1)
    out = [
        f"## {number}. {question.title}",
        "",
        f"Areas: {areas}. Time: {_minutes(attempt.elapsed(qid))} of {budget // 60} min.",
        "",
        "### Question",
        "",
        _quote(question.prompt),
        "",
    ]
    if question.code is not None:
        out += [f"```{question.code.language}", question.code.source.rstrip(), "```", ""]
    answer = attempt.answer(qid).strip()
    out += ["### Your answer", "", answer or "_No answer written._", ""]
    follow_up = attempt.follow_up(qid)
    if follow_up is not None:
        reply = attempt.follow_up_answer(qid).strip()
        out += ["### Follow-up", "", _quote(follow_up.text), ""]
        if follow_up.reason:
            out += [f"_Why this probe:_ {follow_up.reason}", ""]
        out += [reply or "_No answer written._", ""]
    coach_questions = attempt.coach_questions(qid)
    if coach_questions:
        out += ["### Coach questions (LLM)", ""]
        out += [_quote(c.text) + "\n" for c in coach_questions]
        out += [attempt.coach_answer(qid).strip() or "_No answer written._", ""]
    feedback = attempt.coach_feedback(qid).strip()
    if feedback:
        # Demote the coach's headings so they sit under this question's section.
        body = "\n".join(
            "##" + line if line.startswith("#") else line for line in feedback.splitlines()
        )
        out += ["### Coach feedback (LLM, advice only)", "", body, ""]
    if not attempt.revealed(qid):
        out += ["_Signals not revealed yet: this question is unfinished._", ""]
        return out
    checks = attempt.check(qid)
    for kind, heading in (
        (SignalKind.SENIOR, "### Senior signals"),
        (SignalKind.JUNIOR, "### Junior signals and red flags"),
    ):
        out += [heading, "", *_check_table([c for c in checks if c.kind is kind]), ""]
    disagreements = [c for c in checks if c.verdict.disagrees]
    if disagreements:
        out += ["Where you and the keyword check disagree:", ""]
        out += [f"- {c.signal.text}: {c.verdict.label}" for c in disagreements]
        out.append("")
    scores = attempt.self_scores(qid)
    out += ["### Self-scores", ""]
    for area in attempt.score_areas(qid):
        value = scores.get(area.id)
        if value is None:
            out.append(f"- {area.title}: not scored")
        else:
            out.append(f"- {area.title}: {value} — {area.level(value).label}")
    out.append("")
    sample = attempt.senior_sample(qid)
    if sample is not None:
        out += ["### Senior sample answer", "", sample.text.strip(), ""]
    return out


def render_attempt(attempt: PracticeAttempt) -> str:
    summary = attempt.summary
    status = "finished" if attempt.finished else "in progress"
    out = [
        f"# {summary.plan_title}",
        "",
        f"- Attempt: `{summary.id}`",
        f"- Started: {summary.started_at}",
        f"- Status: {status}",
        f"- Time spent: {_minutes(attempt.total_elapsed())}",
        "",
        HEURISTIC_NOTE,
        "",
    ]
    for number, (_, question) in enumerate(attempt.items, start=1):
        out += _question_section(attempt, number, question)
    means = attempt.area_means()
    if means:
        out += ["## Self-scores by area", ""]
        for area in attempt.rubric.areas:
            if area.id in means:
                out.append(f"- {area.title}: {means[area.id]:.1f} of {area.top}")
        out.append("")
    missed = [
        (question.title, c.signal.text)
        for _, question in attempt.items
        if attempt.revealed(question.id)
        for c in attempt.check(question.id)
        if c.kind is SignalKind.SENIOR and not c.ticked
    ]
    if missed:
        out += ["## Senior signals you did not cover", ""]
        out += [f"- {title}: {text}" for title, text in missed]
        out.append("")
    # Answers and coach feedback stay Markdown (they are the practiser's own), but no
    # control character reaches a terminal that shows the file.
    return clean("\n".join(out).rstrip() + "\n")


def export_path(attempt: PracticeAttempt, folder: Path) -> Path:
    """A file name that says what it is and never overwrites an earlier export."""
    stem = f"practice-{attempt.summary.started_at[:10]}-{attempt.id[:8]}"
    path = folder / f"{stem}.md"
    n = 2
    while path.exists():
        path = folder / f"{stem}-{n}.md"
        n += 1
    return path
