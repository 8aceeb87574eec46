"""Widgets for scoring: the area list, one area's anchored scale with its evidence,
and the combined result."""

from __future__ import annotations

import textwrap

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from interview.domain.models import MAX_LEVELS, Area, Rubric
from interview.domain.scoring import ScoreResult
from interview.reports.rich_safe import SafeTable as Table
from interview.services.live import Evidence
from interview.tui.safe_text import one_line, printable


class AreaList(OptionList, can_focus=False):
    """The rubric's areas with their scores; the screen moves the cursor (j/k)."""

    DEFAULT_CSS = """
    AreaList {
        border: round $foreground 25%;
        border-title-color: $text-muted;
        background: $surface;
        padding: 0;
    }
    AreaList:focus {
        border: round $accent;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.border_title = "Areas"

    def show(self, rubric: Rubric, scores: dict[str, int], no_evidence: set[str]) -> None:
        keep = self.highlighted
        options = []
        for area in rubric.areas:
            value = scores.get(area.id)
            parts: list[str | tuple[str, str]] = [
                (one_line(area.title), "bold"),
                (f"  {area.weight}%\n", "$text-muted"),
            ]
            if value is None:
                parts.append(("  – not assessed", "$text-muted"))
            else:
                parts.append((f"  {value} ", "bold $text-accent"))
                parts.append(one_line(area.level(value).label))
            if area.id in no_evidence:
                parts.append(("  ⚠ no evidence", "$text-warning"))
            options.append(Option(Content.assemble(*parts), id=area.id))
        self.set_options(options)
        self.highlighted = keep if keep is not None else 0


class AreaDetail(VerticalScroll, can_focus=False):
    """The area's four anchored levels: the chosen one marked, the cursor's one lit.

    The cursor only reads (nothing is logged); the screen commits a level.
    """

    DEFAULT_CSS = """
    AreaDetail {
        border: round $foreground 25%;
        border-title-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }
    AreaDetail #area-head {
        margin-bottom: 1;
    }
    AreaDetail .level {
        padding: 0 1;
        margin-bottom: 0;
        border-left: blank;
    }
    AreaDetail .level.-chosen {
        border-left: thick $success;
    }
    AreaDetail .level.-cursor {
        background: $accent 20%;
        border-left: thick $accent;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="area-head", markup=False)
        for n in range(1, MAX_LEVELS + 1):
            yield Static(id=f"level-{n}", classes="level", markup=False)

    _last: tuple[Area, int | None, int | None] | None = None

    def on_resize(self) -> None:
        if self._last is not None:
            self.show(*self._last)

    def show(self, area: Area, chosen: int | None, cursor: int | None = None) -> None:
        self._last = (area, chosen, cursor)
        width = self.scrollable_content_region.width - 8
        self.border_title = f"{area.title} · weight {area.weight}%"
        self.query_one("#area-head", Static).update(
            Content.assemble(
                (one_line(area.description), "$text-muted"),
                "\n",
                (
                    f"↑↓ read the levels · 1-{area.top} or Enter scores and moves on "
                    "· 0 not assessed",
                    "$text-muted italic",
                ),
            )
        )
        for n in range(len(area.levels) + 1, MAX_LEVELS + 1):
            self.query_one(f"#level-{n}", Static).display = False
        for level in area.levels:
            card = self.query_one(f"#level-{level.score}", Static)
            card.display = True
            parts: list[str | tuple[str, str]] = [
                (f"{level.score} {one_line(level.label)}", "bold"),
            ]
            if chosen == level.score:
                parts.append(("  ← your score", "bold $text-accent"))
            for behaviour in level.behaviours:
                text = one_line(behaviour)
                lines = textwrap.wrap(text, width) if width >= 20 else [text]
                parts.append("\n  • " + "\n    ".join(lines))
            card.update(Content.assemble(*parts))
            card.set_class(chosen == level.score, "-chosen")
            card.set_class(cursor == level.score, "-cursor")
        shown = cursor or chosen
        if shown:
            # Keep the level being read (or the chosen one) in view.
            self.call_after_refresh(
                self.scroll_to_widget, self.query_one(f"#level-{shown}"), animate=False, top=False
            )
        else:
            self.scroll_home(animate=False)


class EvidenceView(VerticalScroll, can_focus=False):
    """Signals and notes from the questions tagged with the area being scored."""

    DEFAULT_CSS = """
    EvidenceView {
        border: round $foreground 25%;
        border-title-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }
    EvidenceView #evidence.-none {
        color: $text-warning;
    }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="evidence", markup=False)

    def show(self, area: Area, evidence: list[Evidence]) -> None:
        questions = sum(1 for e in evidence if not e.empty)
        self.border_title = f"Evidence · {questions} of {len(evidence)} questions"
        box = self.query_one("#evidence", Static)
        if all(e.empty for e in evidence):
            box.update(
                "No evidence recorded for this area: no signals ticked and no notes on "
                "its questions. Leave it not assessed (0) unless you saw it elsewhere."
            )
            box.add_class("-none")
        else:
            box.update(evidence_content(evidence))
            box.remove_class("-none")
        self.scroll_home(animate=False)


def evidence_content(evidence: list[Evidence], excerpt: int = 400) -> Content:
    parts: list[str | tuple[str, str]] = []
    for item in evidence:
        if item.empty:
            continue
        if parts:
            parts.append("\n\n")
        parts.append((one_line(item.question_title), "bold underline"))
        for text in item.senior:
            parts.append("\n")
            parts.append(("  + ", "bold $text-success"))
            parts.append(one_line(text))
        for text in item.junior:
            parts.append("\n")
            parts.append(("  − ", "bold $text-error"))
            parts.append(one_line(text))
        notes = item.notes.strip()
        if notes:
            short = notes if len(notes) <= excerpt else notes[: excerpt - 1].rstrip() + "…"
            parts.append("\n")
            parts.append(("  notes: ", "$text-muted"))
            parts.append(printable(short))
    return Content.assemble(*parts)


class ScoreSummary(Static):
    """Weighted score, recommendation, per-area contributions and every warning."""

    DEFAULT_CSS = """
    ScoreSummary {
        height: auto;
        padding: 0 1;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def show(
        self,
        rubric: Rubric,
        scores: dict[str, int],
        result: ScoreResult,
        evidence: dict[str, list[Evidence]],
    ) -> None:
        table = Table(box=None, expand=False, padding=(0, 1), show_edge=False)
        table.add_column("Area")
        table.add_column("Weight", justify="right")
        table.add_column("Score")
        table.add_column("Points", justify="right")
        table.add_column("Evidence")
        for area in rubric.areas:
            value = scores.get(area.id)
            points = result.contributions.get(area.id)
            table.add_row(
                Text(area.title),
                f"{area.weight}%",
                f"{value} {area.level(value).label}" if value else Text("not assessed", "dim"),
                f"{points:.1f}" if points is not None else "–",
                evidence_summary(evidence.get(area.id, [])),
            )
        self.update(table)


def evidence_summary(items: list[Evidence]) -> Text:
    """``+3 strong −1 weak · notes on 2 of 3 questions`` or a warning when there is none."""
    if all(e.empty for e in items):
        return Text("⚠ none", style="yellow")
    senior = sum(len(e.senior) for e in items)
    junior = sum(len(e.junior) for e in items)
    notes = sum(1 for e in items if e.notes.strip())
    text = Text()
    text.append(f"+{senior} strong" if senior else "0 strong", style="green" if senior else "dim")
    text.append("  ")
    text.append(f"−{junior} weak" if junior else "0 weak", style="red" if junior else "dim")
    text.append(f"  · notes on {notes} of {len(items)} question{'s' if len(items) != 1 else ''}")
    return text


def result_lines(rubric: Rubric, result: ScoreResult, no_evidence: set[str]) -> Content:
    """The headline: score, recommendation, areas left out, and the sensitivity warning."""
    parts: list[str | tuple[str, str]] = []
    if result.weighted is None:
        parts.append(("No area scored yet: score at least one to see a recommendation.",
                      "bold $text-warning"))  # fmt: skip
        return Content.assemble(*parts)
    t = rubric.thresholds
    parts += [
        ("Weighted ", "$text-muted"),
        (f"{result.weighted:.1f}", "bold"),
        ("/100 → ", "$text-muted"),
        (f" {result.recommendation_label} ", _rec_style(str(result.recommendation or ""))),
        (f"   No ≥{t.no:g} · Yes ≥{t.yes:g} · Strong Yes ≥{t.strong_yes:g}", "$text-muted"),
    ]  # fmt: skip
    if result.rule:
        parts += ["\n", ("Scoring policy: ", "bold $text-warning"), result.rule]
    titles = {a.id: a.title for a in rubric.areas}
    if result.not_assessed:
        names = ", ".join(titles[a] for a in result.not_assessed)
        parts += ["\n", ("Not assessed: ", "bold $text-warning"), names,
                  (" (left out; weights rescaled)", "$text-muted")]  # fmt: skip
    if result.sensitive:
        by_area: dict[str, list[str]] = {}
        for flip in result.flips:
            by_area.setdefault(flip.area_id, []).append(
                f"{flip.delta:+d} → {flip.recommendation.label}"
            )
        flips = "; ".join(f"{titles[a]} {', '.join(moves)}" for a, moves in by_area.items())
        parts += ["\n", ("⚠ One point flips it: ", "bold $text-warning"), flips]
    elif len(result.assessed) > 0:
        parts += ["\n", ("✓ Robust: ", "bold $text-success"),
                  ("no one-point change in any area flips it", "$text-muted")]  # fmt: skip
    scored_blind = [titles[a] for a in result.assessed if a in no_evidence]
    if scored_blind:
        parts += ["\n", ("⚠ Scored without evidence: ", "bold $text-warning"),
                  ", ".join(scored_blind)]  # fmt: skip
    return Content.assemble(*parts)


def _rec_style(recommendation: str) -> str:
    colour = {
        "strong_yes": "$text-success",
        "yes": "$text-success",
        "no": "$text-warning",
        "strong_no": "$text-error",
    }.get(recommendation, "")
    return f"bold reverse {colour}"
