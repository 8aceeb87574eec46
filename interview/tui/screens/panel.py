"""Panel: every interviewer's scorecard for one candidate, side by side.

Interviewers are columns and areas rows; the highlighted cell's evidence (that
interviewer's notes and signals on the questions tagged with the area) shows below,
so it is one arrow key away. Above the table: the panel's own debrief decision with
its rationale (kept apart from the formula's result under the table), and the
interviewers expected on the loop whose scorecard is not in yet. Blind until the viewer has
submitted a scorecard: a blind viewer sees who is missing, never a score or the
decision.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, cast

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, Footer, Header, LoadingIndicator, Static

from interview.reports.panel_debrief import SAMPLE_NOTE, missing_text
from interview.reports.panel_md import rec_label
from interview.reports.text import excerpt, points_label, score_label
from interview.services.debrief import Decision, Missing, PanelFacts
from interview.services.panel import Access, CandidateRef, PanelService, PanelView, reading
from interview.storage.damage import failure
from interview.tui import bindings
from interview.tui.navigation import services_of
from interview.tui.safe_text import one_line
from interview.tui.screens.background_load import BackgroundLoadScreen

if TYPE_CHECKING:
    from interview.services.container import Services


@dataclass(frozen=True)
class Loaded:
    candidate: CandidateRef
    access: Access
    view: PanelView | None
    blind_facts: PanelFacts | None = None  # when blind: who is missing, never the decision


class PanelScreen(BackgroundLoadScreen[Loaded]):
    DEFAULT_CSS = """
    PanelScreen #pn-body { padding: 0 1; }
    PanelScreen #pn-title { text-style: bold; }
    PanelScreen #pn-facts { color: $text-muted; }
    PanelScreen #pn-blind { margin: 1 2; padding: 1 2; border: round $warning; }
    PanelScreen #pn-table { height: auto; max-height: 14; margin-top: 1; }
    PanelScreen #pn-combined { margin-top: 1; text-style: bold; }
    PanelScreen #pn-debrief { margin-top: 1; }
    PanelScreen #pn-lower { height: 1fr; }
    PanelScreen #pn-evidence { width: 1fr; padding: 0 1; border: round $primary 40%; }
    PanelScreen #pn-agenda { width: 1fr; padding: 0 1; border: round $primary 40%; }
    """
    HELP_TITLE = "Panel"
    BINDINGS = bindings.PANEL
    LOAD_NAME = "panel"

    def __init__(self, candidate_id: str | None = None, viewer: str | None = None) -> None:
        super().__init__()
        self.candidate_id = candidate_id
        self._viewer = viewer
        self.loaded: Loaded | None = None
        self.lead = False

    @property
    def services(self) -> Services:
        return services_of(self)

    @property
    def viewer(self) -> str:
        if self._viewer is None:
            self._viewer = self.services.repo.get_pref("interviewer")
        return self._viewer

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="pn-body"):
            yield Static(id="pn-title")
            yield Static(id="pn-facts")
            yield Static(id="pn-debrief")
            yield LoadingIndicator()
            yield Static(id="pn-blind")
            table: DataTable[object] = DataTable(
                id="pn-table", cursor_type="cell", zebra_stripes=True
            )
            yield table
            yield Static(id="pn-combined")
            with Horizontal(id="pn-lower"):
                yield VerticalScroll(Static(id="pn-evidence-text"), id="pn-evidence")
                yield VerticalScroll(Static(id="pn-agenda-text"), id="pn-agenda")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        if self.candidate_id is None:
            # Opened without a candidate: pick one from the ranked list instead.
            from interview.tui.screens.ranking import RankingScreen

            self.app.switch_screen(RankingScreen(viewer=self._viewer))
            return
        self.sub_title = "Panel"
        for wid in ("#pn-blind", "#pn-table", "#pn-combined", "#pn-debrief", "#pn-lower"):
            self.query_one(wid).display = False
        self.load()

    # ------------------------------------------------------------ loading

    def load(self) -> None:
        if self.loaded is None:
            self.query_one("#pn-title", Static).update(Text("Loading the panel…"))
        self.start_load()

    def fetch(self) -> Loaded:
        services = self.services
        with reading(services.repo, services.db_path) as repo:
            service = PanelService(repo)
            ref = service.find_candidate(self.candidate_id or "")
            access = service.access(ref.id, self.viewer, lead=self.lead)
            if access.allowed:
                return Loaded(ref, access, service.view(ref))
            # Blind: the decision never leaves the worker, like the scores.
            facts = replace(service.debrief_facts(ref), decision=None)
            return Loaded(ref, access, None, facts)

    def fetch_failed(self, error: BaseException | None) -> None:
        self.query_one("#pn-title", Static).update(
            Text(f"Cannot show this panel: {failure(error)}", style="bold red")
        )

    def fetched(self, result: Loaded) -> None:
        self.show(result)

    # ------------------------------------------------------------ showing

    def show(self, loaded: Loaded) -> None:
        self.loaded = loaded
        self.query_one("#pn-title", Static).update(
            Text(f"Panel: {one_line(loaded.candidate.label)}")
        )
        blind = self.query_one("#pn-blind", Static)
        if loaded.view is None:
            blind.update(
                Text.assemble(
                    ("Blind until you submit\n\n", "bold"),
                    one_line(loaded.access.reason),
                    "\n\nPress ",
                    ("l", "bold"),
                    " to open it as panel lead; the override is recorded in the event log.",
                )
            )
            blind.display = True
            known = loaded.blind_facts
            self._show_debrief(
                debrief_text(known.missing, None, known.sample, "", blind=True)
                if known is not None
                else None
            )
            self.refresh_bindings()
            return
        blind.display = False
        view = loaded.view
        facts = [f"Rubric: {view.rubric.title}", f"{len(view.raters)} submitted"]
        if view.roles:
            facts.insert(0, ", ".join(view.roles))
        if view.pending:
            facts.append("in progress: " + ", ".join(r.label for r in view.pending))
        if loaded.access.override:
            facts.append("opened as panel lead (recorded)")
        self.query_one("#pn-facts", Static).update(Text(one_line(" · ".join(facts))))
        self._fill_table(view)
        combined = view.combined
        self.query_one("#pn-combined", Static).update(
            Text(
                f"Combined by formula: {points_label(combined.weighted)} / 100 → "
                f"{combined.recommendation_label}   "
                "(area means across interviewers, then weights)"
                + (f"\nScoring policy: {combined.rule}" if combined.rule else "")
                + (f"\n{text}" if (text := combined.sensitivity_text(panel=True)) else "")
            )
        )
        self._show_debrief(
            debrief_text(view.missing, view.decision, view.sample, combined.recommendation_label)
        )
        self._fill_agenda(view)
        if not view.raters:  # no table, so no cell to pick: say why the pane is empty
            self.query_one("#pn-evidence-text", Static).update(
                Text(
                    "Each interviewer's evidence shows here once a scorecard is submitted.",
                    style="dim",
                )
            )
        for wid in ("#pn-table", "#pn-combined", "#pn-lower"):
            self.query_one(wid).display = bool(view.raters) or wid == "#pn-lower"
        self.query_one("#pn-table", DataTable).focus()
        self.refresh_bindings()

    def _show_debrief(self, text: Text | None) -> None:
        widget = self.query_one("#pn-debrief", Static)
        widget.display = bool(text)
        if text:
            widget.update(text)

    def _fill_table(self, view: PanelView) -> None:
        table = cast("DataTable[object]", self.query_one("#pn-table", DataTable))
        table.clear(columns=True)
        table.add_column("Area", key="area")
        for r in view.raters:
            table.add_column(Text(one_line(r.label, 16)), key=r.session_id)
        table.add_column("Mean", key="mean")
        table.add_column("Spread", key="spread")
        if not view.raters:
            return
        for row in view.rows:
            style = "bold red" if row.disagreement else ""
            spread = (
                "—" if row.spread is None else f"{row.spread}{' ⚠' if row.disagreement else ''}"
            )
            table.add_row(
                Text(row.title, style=style),
                *(Text(score_label(s), style=style, justify="right") for s in row.scores),
                Text(score_label(row.mean), justify="right"),
                Text(spread, style=style, justify="right"),
                key=row.area_id,
            )
        table.add_row(
            Text("Weighted", style="bold"),
            *(Text(points_label(r.weighted_score), justify="right") for r in view.raters),
            Text(points_label(view.combined.weighted), style="bold", justify="right"),
            "",
            key="__weighted",
        )
        table.add_row(
            Text("Recommendation", style="bold"),
            *(Text(rec_label(r.recommendation), justify="right") for r in view.raters),
            Text(view.combined.recommendation_label, style="bold", justify="right"),
            "",
            key="__recommendation",
        )
        if len(view.raters):
            table.move_cursor(row=0, column=1)

    def _fill_agenda(self, view: PanelView) -> None:
        lines = [Text("Debrief agenda (largest disagreement first)", style="bold")]
        if not view.raters:
            lines.append(Text("No submitted scorecards yet."))
        elif not view.agenda:
            lines.append(Text("The interviewers agree on every area."))
        for i, item in enumerate(view.agenda, 1):
            style = "red" if item.spread >= 2 else ""
            lines.append(Text(f"{i}. {item.topic} — {one_line(item.text)}", style=style))
        lines.append(Text("\nJustifications", style="bold"))
        for r in view.raters:
            lines.append(
                Text(f"{one_line(r.label)} ({rec_label(r.recommendation)}): ", style="bold")
            )
            lines.append(Text(one_line(r.justification)))
        self.query_one("#pn-agenda-text", Static).update(Group(*lines))

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        self.show_evidence(str(event.cell_key.row_key.value), str(event.cell_key.column_key.value))

    def show_evidence(self, area_id: str, session_id: str) -> None:
        view = self.loaded.view if self.loaded else None
        target = self.query_one("#pn-evidence-text", Static)
        if view is None:
            return
        rater = next((r for r in view.raters if r.session_id == session_id), None)
        row = next((r for r in view.rows if r.area_id == area_id), None)
        if rater is None or row is None:
            target.update(
                Text("Move to an interviewer's score to see their evidence.", style="dim")
            )
            return
        value = row.scores[view.raters.index(rater)]
        lines = [Text(f"{one_line(rater.label)} — {row.title}: {score_label(value)}", style="bold")]
        items = [e for e in view.evidence_for(session_id, area_id) if not e.empty]
        if not items:
            lines.append(
                Text("No notes or signals on the questions tagged with this area.", style="dim")
            )
        for e in items:
            lines.append(Text(one_line(e.question_title), style="italic"))
            lines += [Text(f"  ✓ {one_line(s)}", style="green") for s in e.senior]
            lines += [Text(f"  ✗ {one_line(s)}", style="red") for s in e.junior]
            if e.notes.strip():
                lines.append(Text(f"  {one_line(excerpt(e.notes, 600))}"))
        self.query_one("#pn-evidence-text", Static).update(Group(*lines))

    # ------------------------------------------------------------ actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "lead_override":
            return self.loaded is not None and self.loaded.view is None
        return True

    def action_lead_override(self) -> None:
        if self.loaded is None or self.loaded.view is not None:
            return
        PanelService(self.services.repo).record_override(self.viewer, self.loaded.candidate)
        self.lead = True
        self.load()

    def action_candidates(self) -> None:
        from interview.tui.screens.ranking import RankingScreen

        self.app.push_screen(RankingScreen(viewer=self._viewer))

    def action_reload(self) -> None:
        self.load()

    def action_back(self) -> None:
        self.app.pop_screen()


def debrief_text(
    missing: list[Missing],
    decision: Decision | None,
    sample: bool,
    formula: str,
    *,
    blind: bool = False,
) -> Text | None:
    """Sample data, the panel's decision (apart from the formula) and who is missing."""
    lines: list[Text] = []
    if sample:
        lines.append(Text(SAMPLE_NOTE, style="bold yellow"))
    if decision is not None:
        when = decision.decided_at[:16].replace("T", " ")
        lines.append(
            Text.assemble(
                ("Panel decision: ", "bold"),
                (decision.label, "bold reverse"),
                f" — {one_line(decision.rationale)}",
                (
                    f"  (by {one_line(decision.decided_by)}, {when}; the formula said {formula})",
                    "dim",
                ),
            )
        )
    elif not blind:
        lines.append(
            Text("Panel decision: not recorded yet (the lead runs interview decide)", style="dim")
        )
    if missing:
        lines.append(
            Text.assemble(("Missing scorecards: ", "bold yellow"), one_line(missing_text(missing)))
        )
    return Text("\n").join(lines) if lines else None
