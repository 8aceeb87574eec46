"""Plans: a rubric plus an ordered list of questions with time budgets."""

from __future__ import annotations

from interview.domain.content_doc import Doc
from interview.domain.load_policy import policy_from
from interview.domain.models import PLAN_MAX_MINUTES, PLAN_MODES, Plan, PlanItem, Question
from interview.domain.yaml_source import Path_


def plan_from_doc(doc: Doc, questions: dict[str, Question]) -> Plan | None:
    m = doc.mapping(
        doc.source.data,
        (),
        ["id", "title", "rubric", "questions"],
        ["description", "mode", "policy"],
        "plan",
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
            minutes = doc.integer(it, "minutes", path, 1, PLAN_MAX_MINUTES)
        else:  # the question's own budget, already checked where it is defined
            # (capped: a budget out of range is reported where it is written)
            minutes = min(questions[qid].minutes, PLAN_MAX_MINUTES) if qid in questions else 1
        items.append(PlanItem(question_id=qid, minutes=minutes))
    total = sum(item.minutes for item in items)
    if total > PLAN_MAX_MINUTES:
        doc.error(
            ("questions",),
            f"the plan runs {total} minutes, more than {PLAN_MAX_MINUTES}",
            "split it into two interviews or shorten the budgets",
        )
    return Plan(
        id=doc.ident(m, "id", ()),
        title=doc.text(m, "title", ()),
        rubric_id=doc.ident(m, "rubric", ()),
        mode=doc.choice(m, "mode", (), PLAN_MODES),
        description=doc.text(m, "description", (), required=False),
        items=tuple(items),
        source=doc.source.file,
        policy=policy_from(doc, m, area_ids=None, plan=True),
    )
