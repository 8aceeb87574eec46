"""`interview score`: explore the scoring policy without running an interview."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click

from interview.commands.common import fail, option_from_ctx
from interview.domain.content_doc import closest
from interview.domain.models import Content, Rubric
from interview.domain.scoring import MAX_SCORE, MIN_SCORE, ScoreResult, score

DEFAULT_RUBRIC = "backend"


@click.command()
@click.argument("pairs", nargs=-1, metavar="AREA=SCORE...")
@click.option(
    "--rubric",
    "rubric_ref",
    metavar="FILE|ID",
    help="A rubric id, or a rubric YAML file of yours (default: backend, or the only one).",
)
@click.option(
    "--plan", "plan_id", metavar="ID", help="Score as this plan does (its thresholds and policy)."
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON for scripts.")
@click.pass_context
def score_command(
    ctx: click.Context,
    pairs: tuple[str, ...],
    rubric_ref: str | None,
    plan_id: str | None,
    as_json: bool,
) -> None:
    """Combine area scores as an interview would, and explain the result.

    Prints the weighted score, the recommendation, the rule of the scoring policy that
    decided it (a floor that capped it, or too little assessed for a recommendation) and
    which one-point changes would change it, or that none would. Areas left out are not
    assessed. Example: interview score python=4 api=4 databases=1 testing=3
    """
    if rubric_ref and plan_id:
        fail("give --rubric or --plan, not both (a plan names its rubric)")
    if not pairs:
        fail("give at least one AREA=SCORE, e.g. interview score python=3 databases=2")
    rubric, plan_title = _rubric(ctx, rubric_ref, plan_id)
    scores = _scores(rubric, pairs)
    result = score(rubric, scores)
    if as_json:
        click.echo(json.dumps(_as_json(rubric, plan_id, scores, result), indent=2))
    else:
        click.echo("\n".join(_as_text(rubric, plan_title, result)))


def _content(ctx: click.Context, extra: Sequence[Path] = ()) -> Content:
    from interview.commands.common import bundled_from_ctx, load_or_exit
    from interview.domain.content_paths import content_layers
    from interview.domain.errors import ContentError
    from interview.domain.loader import load_content

    bank = option_from_ctx(ctx, "bank", ()) or ()
    rubrics = option_from_ctx(ctx, "rubric", ()) or ()
    bundled = bundled_from_ctx(ctx)  # --no-bundled or [content] bundled = false
    if not extra:
        return load_or_exit(bank, rubrics, bundled=bundled).content  # type: ignore[arg-type]
    try:
        layers = content_layers(bank=bank, rubrics=rubrics, extra=extra, bundled=bundled)  # type: ignore[arg-type]
        return load_content(layers).content
    except ContentError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        fail(f"{len(exc.problems)} problem(s) in the content")


def _rubric(ctx: click.Context, ref: str | None, plan_id: str | None) -> tuple[Rubric, str]:
    if plan_id:
        content = _content(ctx)
        plan = content.plans.get(plan_id)
        if plan is None:
            fail(f"no plan '{plan_id}'; plans: {', '.join(sorted(content.plans))}")
        return content.rubric_for(plan), plan.title
    chosen = ref is not None
    ref = ref or DEFAULT_RUBRIC
    path = Path(ref)
    if path.suffix in (".yaml", ".yml") or path.is_file():
        if not path.is_file():
            fail(f"{ref}: no such rubric file")
        content = _content(ctx, [path])
        mine = [r for r in content.rubrics.values() if r.source and _same(r.source, path)]
        if not mine:
            fail(f"{ref}: not a rubric (a rubric file has 'areas:' and 'recommendation:')")
        return mine[0], ""
    content = _content(ctx)
    if not chosen and ref not in content.rubrics and len(content.rubrics) == 1:
        # Without the bundled content, a team's only rubric is the default.
        return next(iter(content.rubrics.values())), ""
    if ref not in content.rubrics:
        fail(f"no rubric '{ref}'; rubrics: {', '.join(sorted(content.rubrics))}, or a YAML file")
    return content.rubrics[ref], ""


def _same(source: str, path: Path) -> bool:
    try:
        return Path(source).resolve() == path.resolve()
    except OSError:
        return False


def _scores(rubric: Rubric, pairs: Sequence[str]) -> dict[str, int]:
    ids = rubric.area_ids
    by_title = {a.title.casefold(): a.id for a in rubric.areas}
    out: dict[str, int] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            fail(f"{pair!r} is not AREA=SCORE, e.g. databases=3")
        area = name if name in ids else by_title.get(name.casefold(), "")
        if not area:
            close = closest(name, ids)
            hint = f"did you mean '{close}'? " if close else ""
            fail(f"unknown area {name!r} in rubric '{rubric.id}'; {hint}areas: {', '.join(ids)}")
        if area in out:
            fail(f"{area} is scored twice")
        try:
            value = int(raw.strip())
        except ValueError:
            value = 0
        if not MIN_SCORE <= value <= MAX_SCORE or raw.strip() != str(value):
            fail(f"{area}={raw.strip()}: a score is a whole number {MIN_SCORE}-{MAX_SCORE}")
        out[area] = value
    return out


def _as_text(rubric: Rubric, plan_title: str, result: ScoreResult) -> list[str]:
    t = rubric.thresholds
    lines = [
        f"Rubric: {rubric.title} ({rubric.id})" + (f" · plan: {plan_title}" if plan_title else ""),
        f"Weighted score: {result.weighted:.1f} / 100" if result.weighted is not None else "",
        f"Recommendation: {result.recommendation_label}",
    ]
    if result.rule:
        lines.append(f"Rule: {result.rule}")
    elif result.formula is not None:
        lines.append("Rule: the thresholds alone decided (no floor of the scoring policy applied)")
    if result.not_assessed:
        titles = ", ".join(rubric.area(a).title for a in result.not_assessed)
        lines.append(
            f"Not assessed: {titles} ({result.assessed_weight:.0f}% of the weight assessed; "
            "weights rescaled)"
        )
    if sensitivity := result.sensitivity_text():
        lines.append(f"Sensitivity: {sensitivity}")
    lines.append(
        f"Thresholds: Strong No below {t.no:g}, No from {t.no:g}, Yes from {t.yes:g}, "
        f"Strong Yes from {t.strong_yes:g}"
    )
    return [line for line in lines if line]


def _as_json(
    rubric: Rubric, plan_id: str | None, scores: dict[str, int], result: ScoreResult
) -> dict[str, object]:
    t = rubric.thresholds
    return {
        "rubric": rubric.id,
        "plan": plan_id,
        "scores": scores,
        "weighted": None if result.weighted is None else round(result.weighted, 2),
        "recommendation": str(result.recommendation) if result.recommendation else None,
        "recommendation_label": result.recommendation_label,
        "formula_recommendation": str(result.formula) if result.formula else None,
        "rule": result.rule,
        "rule_kind": result.rule_kind,
        "assessed_weight": round(result.assessed_weight, 1),
        "min_assessed_weight": result.min_assessed_weight,
        "not_assessed": list(result.not_assessed),
        "thresholds": {"no": t.no, "yes": t.yes, "strong_yes": t.strong_yes},
        "robust": result.recommendation is not None and not result.flips,
        "sensitivity": result.sensitivity_text(),
        "flips": [
            {
                "area_id": f.area_id,
                "area_title": f.area_title,
                "delta": f.delta,
                "weighted": round(f.weighted, 2),
                "recommendation": str(f.recommendation),
            }
            for f in result.flips
        ],
    }
