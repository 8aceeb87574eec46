"""``interview sessions``: list the sessions in a database."""

from __future__ import annotations

from pathlib import Path

import click

from interview.commands.report import db_option, open_repository

COLUMNS = ("ID", "Candidate", "Role", "Interviewer", "Date", "Status", "Score")
WIDTHS = {"Candidate": 32, "Role": 32, "Interviewer": 22}


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON (full ids, every field).")
@click.option("--candidate", "-c", metavar="NAME", help="Only this candidate (name or code).")
@db_option
@click.pass_context
def sessions(
    ctx: click.Context, as_json: bool, candidate: str | None, db_path: Path | None
) -> None:
    """List interview sessions, newest first.

    Shows id (enough of it to pass to `interview report`), candidate, role,
    interviewer, date, status and weighted score. Practice attempts are listed
    with the status "practice".
    """
    from interview.domain.scoring import Recommendation
    from interview.reports.text import day_label, json_text, one_line

    repo, path = open_repository(ctx, db_path)
    rows = repo.list_sessions(candidate=(candidate or "").strip(), mode=None, limit=None)
    rows.sort(key=lambda s: (s.started_at, s.id), reverse=True)
    if as_json:
        fields = ("id", "candidate", "candidate_code", "role", "level", "interviewer", "plan_id",
                  "mode", "status", "started_at", "submitted_at", "weighted_score",
                  "recommendation", "revision")  # fmt: skip
        data = [{f: getattr(s, f) for f in fields} for s in rows]
        click.echo(json_text(data))
        return
    if not rows:
        what = f"for {candidate!r} " if candidate else ""
        click.echo(f"no sessions {what}in {path}", err=True)
        if not candidate:
            click.echo(f"try `interview demo --db {path}` for sample data", err=True)
        return
    table = []
    for s in rows:
        status = "practice" if s.mode == "practice" else s.status.replace("_", " ")
        score = ""
        if s.weighted_score is not None:
            score = f"{s.weighted_score:.1f}"
            if s.recommendation:
                score += f" {Recommendation(s.recommendation).label}"
        cells = {
            "ID": s.id[:8],
            "Candidate": one_line(
                f"{s.candidate} ({s.candidate_code})"
                if s.candidate and s.candidate_code
                else s.candidate_label
            ),
            "Role": one_line(" · ".join(x for x in (s.role, s.level) if x)),
            "Interviewer": one_line(s.interviewer),
            "Date": day_label(s.started_at),
            "Status": status + (f" (rev {s.revision})" if s.revision else ""),
            "Score": score,
        }
        table.append([_fit(cells[c], WIDTHS.get(c, 40)) for c in COLUMNS])
    widths = [max(len(c), *(len(r[i]) for r in table)) for i, c in enumerate(COLUMNS)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True)).rstrip())
    for r in table:
        click.echo("  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
    click.echo(f"{len(rows)} session(s) in {path}", err=True)
