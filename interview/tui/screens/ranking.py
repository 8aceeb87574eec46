"""Ranking: every candidate with a submitted scorecard, by combined score, with a column
per area, a filter, a choice of sort and a bar chart per area."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, Input, LoadingIndicator, Static

from interview.reports.panel_text import bar
from interview.reports.text import points_label, score_label
from interview.services.panel import SORT_KEYS, PanelService, RankedCandidate, Ranking, reading
from interview.services.ranking import SAMPLE_MARK, sample_note
from interview.storage.damage import failure
from interview.tui import bindings
from interview.tui.navigation import services_of
from interview.tui.safe_text import one_line
from interview.tui.screens.background_load import BackgroundLoadScreen

if TYPE_CHECKING:
    from interview.services.container import Services

CHART_ROWS = 12


class RankingScreen(BackgroundLoadScreen[Ranking]):
    DEFAULT_CSS = """
    RankingScreen #rk-body { padding: 0 1; }
    RankingScreen #rk-status { color: $text-muted; }
    RankingScreen #rk-table { height: 1fr; }
    RankingScreen #rk-rule { height: auto; }
    RankingScreen #rk-chart { height: auto; max-height: 16; padding: 0 1;
                              border: round $primary 40%; }
    """
    HELP_TITLE = "Ranked candidates"
    BINDINGS = bindings.RANKING
    LOAD_NAME = "ranking"
    AUTO_FOCUS = "#rk-table"  # keys act on the list; / goes to the filter

    def __init__(self, role: str = "", viewer: str | None = None) -> None:
        super().__init__()
        self.role = role
        self._viewer = viewer
        self.ranking: Ranking | None = None
        self.sort = "combined"
        self.descending = True
        self.chart_area = ""
        self.lead = False
        self.rows: list[RankedCandidate] = []

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
        with Vertical(id="rk-body"):
            yield Input(placeholder="Filter: candidate or interviewer (/)", id="rk-filter")
            yield Static(id="rk-status")
            yield LoadingIndicator()
            table: DataTable[object] = DataTable(
                id="rk-table", cursor_type="row", zebra_stripes=True
            )
            yield table
            yield Static(id="rk-rule")
            yield Static(id="rk-chart")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.sub_title = f"Candidates for {self.role}" if self.role else "Candidates"
        self.query_one("#rk-rule", Static).display = False
        self.load()

    # ------------------------------------------------------------ loading

    def load(self) -> None:
        self.query_one("#rk-status", Static).update(Text("Ranking candidates…"))
        self.start_load()

    def fetch(self) -> Ranking:
        services = self.services
        viewer = None if self.lead else self.viewer
        with reading(services.repo, services.db_path) as repo:
            return PanelService(repo).ranking(self.role, viewer=viewer)

    def fetch_failed(self, error: BaseException | None) -> None:
        self.query_one("#rk-status", Static).update(
            Text(f"Cannot list candidates: {failure(error)}", style="bold red")
        )

    def fetched(self, ranking: Ranking) -> None:
        first = self.ranking is None
        self.ranking = ranking
        if not self.chart_area and self.ranking.area_ids:
            self.chart_area = self.ranking.area_ids[0]
        self.refill()
        if first:
            self.query_one("#rk-table", DataTable).focus()

    # ------------------------------------------------------------ showing

    def refill(self) -> None:
        ranking = self.ranking
        if ranking is None:
            return
        text = self.query_one("#rk-filter", Input).value
        self.rows = ranking.filtered(text=text, sort=self.sort, descending=self.descending)
        table = cast("DataTable[object]", self.query_one("#rk-table", DataTable))
        table.clear(columns=True)
        table.add_column("#", key="rank")
        table.add_column("Candidate", key="candidate")
        table.add_column("Combined", key="combined")
        table.add_column("Rec.", key="rec")
        table.add_column("Cards", key="cards")
        for a in ranking.area_ids:
            # Short headers keep every column on a 120-column screen; the chart and the
            # sort line name the area in full.
            table.add_column(a if len(a) <= 7 else a[:6] + "…", key=a)
        table.add_column("Spread", key="spread")
        for i, r in enumerate(self.rows, 1):
            # The mark comes on top of the name's usual 28 columns, never instead of them.
            label = Text(one_line(r.shown_label, 28 + (len(SAMPLE_MARK) + 1) * r.sample))
            if r.sample:
                label.stylize("yellow", 0, len(SAMPLE_MARK))
            if r.hidden:
                hidden_cells = [Text("hidden", style="dim"), Text("—", style="dim")]
                blanks = [""] * len(ranking.area_ids)
                table.add_row(
                    str(i), label, *hidden_cells, str(r.scorecards), *blanks, "", key=r.candidate.id
                )
                continue
            table.add_row(
                str(i),
                label,
                Text(points_label(r.combined), justify="right"),
                r.recommendation_label,
                str(r.scorecards),
                *(
                    Text(score_label(r.area_means.get(a)), justify="right")
                    for a in ranking.area_ids
                ),
                Text(str(r.max_spread), style="bold red" if r.disagreements else ""),
                key=r.candidate.id,
            )
        hidden = sum(1 for r in self.rows if r.hidden)
        order = "descending" if self.descending else "ascending"
        status = (
            f"{len(self.rows)} of {len(ranking.rows)} candidate(s) · "
            f"sorted by {self.sort} ({order})"
        )
        if hidden:
            status += f" · {hidden} hidden until you submit yours (l: unblind as lead)"
        if self.lead:
            status += " · opened as panel lead (recorded)"
        if note := sample_note(self.rows):
            status += f"\n{note}"  # its own line: a wrapped " · " would end a line
        self.query_one("#rk-status", Static).update(Text(status))
        self.show_chart()

    def show_chart(self) -> None:
        ranking = self.ranking
        area = self.chart_area
        target = self.query_one("#rk-chart", Static)
        if ranking is None or not area:
            target.update("")
            return
        shown = [r for r in self.rows if not r.hidden][:CHART_ROWS]
        lines = [
            Text(
                f"{one_line(ranking.area_title(area))} — mean score (1–4), c: next area",
                style="bold",
            )
        ]
        for r in shown:
            value = r.area_means.get(area)
            label = one_line(r.candidate.label, 28).ljust(28)
            lines.append(Text(f"{label} {bar(value, 40):<41} {score_label(value)}"))
        if not shown:
            lines.append(Text("Nothing to chart.", style="dim"))
        target.update(Group(*lines))

    # ------------------------------------------------------------ actions

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refill()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#rk-table", DataTable).focus()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        """A starred recommendation: say which rule of the scoring policy decided it."""
        row = next((r for r in self.rows if r.candidate.id == event.row_key.value), None)
        note = self.query_one("#rk-rule", Static)
        rule = row.rule if row is not None and not row.hidden else ""
        note.update(Text(f"* {one_line(rule)}", style="bold") if rule else "")
        note.display = bool(rule)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        from interview.tui.screens.panel import PanelScreen

        row = next((r for r in self.rows if r.candidate.id == event.row_key.value), None)
        if row is None:
            return
        self.app.push_screen(PanelScreen(row.candidate.id, viewer=self.viewer))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if isinstance(self.focused, Input) and action in (
            "next_sort",
            "reverse",
            "next_chart",
            "lead_override",
        ):
            return False
        if action == "lead_override":
            return not self.lead and any(r.hidden for r in self.rows)
        return True

    def action_focus_filter(self) -> None:
        self.query_one("#rk-filter", Input).focus()

    def action_next_sort(self) -> None:
        keys = list(SORT_KEYS) + list(self.ranking.area_ids if self.ranking else ())
        self.sort = keys[(keys.index(self.sort) + 1) % len(keys)] if self.sort in keys else keys[0]
        self.descending = self.sort != "name"
        if self.ranking and self.sort in self.ranking.area_ids:
            self.chart_area = self.sort
        self.refill()

    def action_reverse(self) -> None:
        self.descending = not self.descending
        self.refill()

    def action_next_chart(self) -> None:
        areas = list(self.ranking.area_ids if self.ranking else ())
        if not areas:
            return
        index = areas.index(self.chart_area) + 1 if self.chart_area in areas else 0
        self.chart_area = areas[index % len(areas)]
        self.show_chart()

    def action_lead_override(self) -> None:
        PanelService(self.services.repo).record_override(self.viewer, scope=f"ranking:{self.role}")
        self.lead = True
        self.load()

    def action_reload(self) -> None:
        self.load()

    def action_back(self) -> None:
        if isinstance(self.focused, Input):
            self.query_one("#rk-table", DataTable).focus()
            return
        self.app.pop_screen()
