"""The export dialog of the report screen: a file name (the format follows its extension)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static

from interview.reports.export import EXTENSIONS, suggested_name
from interview.reports.model import Report
from interview.tui import bindings


@dataclass(frozen=True)
class ExportRequest:
    path: Path
    overwrite: bool


class ExportDialog(ModalScreen[ExportRequest | None]):
    DEFAULT_CSS = """
    ExportDialog { align: center middle; background: $background 60%; }
    ExportDialog > Vertical {
        width: 84; max-width: 100%; height: auto; border: round $accent;
        background: $panel; padding: 1 2;
    }
    ExportDialog #export-hint { color: $text-muted; }
    ExportDialog #export-error { color: $error; height: auto; }
    ExportDialog Horizontal { height: auto; margin-top: 1; }
    ExportDialog Button { margin-right: 2; }
    """
    HELP_TITLE = "Export report"
    BINDINGS = bindings.REPORT_EXPORT

    def __init__(self, report: Report, folder: Path) -> None:
        super().__init__()
        self.default = folder / suggested_name(report, "html")

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Export report"
            yield Static(
                "File name; the format follows the extension: .html, .md, .json or .csv.",
                id="export-hint",
                markup=False,
            )
            yield Input(str(self.default), id="export-path")
            yield Checkbox("Overwrite if the file exists", id="export-overwrite")
            yield Static("", id="export-error", markup=False)
            with Horizontal():
                yield Button("Export", id="export-ok", variant="primary")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def problem(self, raw: str, overwrite: bool) -> str:
        if not raw.strip():
            return "Type a file name."
        path = Path(raw.strip()).expanduser()
        if path.suffix.lower() not in EXTENSIONS:
            return "End the name with .html, .md, .json or .csv."
        if path.is_dir():
            return f"{path} is a folder; add a file name."
        if not path.parent.is_dir():
            return f"No such folder: {path.parent}"
        if path.exists() and not overwrite:
            return "That file exists: tick Overwrite, or choose another name."
        return ""

    def submit(self) -> None:
        raw = self.query_one("#export-path", Input).value
        overwrite = self.query_one("#export-overwrite", Checkbox).value
        error = self.problem(raw, overwrite)
        self.query_one("#export-error", Static).update(error)
        if not error:
            self.dismiss(ExportRequest(Path(raw.strip()).expanduser(), overwrite))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "export-ok":
            self.submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
