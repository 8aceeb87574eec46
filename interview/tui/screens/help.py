"""Every key of the screen underneath, and the app-wide ones, with the ids to remap them."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from interview.reports.rich_safe import SafeTable as Table
from interview.tui import bindings

SKIP_ACTIONS = {"app.focus_next", "app.focus_previous", "help_quit", "app.help_quit"}


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen {
        align: center middle;
        background: $background 60%;
    }
    HelpScreen > Vertical {
        width: 90;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        background: $panel;
        padding: 0 1;
    }
    HelpScreen VerticalScroll {
        height: auto;
        max-height: 1fr;
    }
    HelpScreen #help-hint {
        dock: bottom;  /* always in view; the keys above scroll on a short terminal */
        color: $text-muted;
        padding-top: 1;
    }
    """
    BINDINGS = bindings.HELP

    def __init__(self, target: Screen[Any]) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Keys"
            box.border_subtitle = "esc or ? to close"
            with VerticalScroll():
                yield Static(self._table(), id="help-keys")
            yield Static(self._hint(), id="help-hint", markup=False)

    def _rows(self, node: Any) -> list[tuple[str, str, str]]:
        keymap = getattr(self.app, "_keymap", {})
        rows: list[tuple[str, str, str]] = []
        groups: dict[str, list[Binding]] = {}
        for binding in bindings.effective(node, keymap):
            if binding.action in SKIP_ACTIONS or not binding.description:
                continue
            if binding.group is not None:
                if binding.group.description not in groups:
                    groups[binding.group.description] = []
                    rows.append(
                        ("", binding.group.description, f"group:{binding.group.description}")
                    )
                groups[binding.group.description].append(binding)
                continue
            what = binding.description
            if binding.action in ("command_palette", "app.command_palette"):
                what = "Command palette (every action)"
            elif binding.tooltip:
                what += f" ({binding.tooltip})"
            rows.append((bindings.display_keys(self.app, binding), what, binding.id or ""))
        out = []
        for keys, description, ident in rows:
            if ident.startswith("group:"):
                members = groups[description]
                keys = " ".join(bindings.display_keys(self.app, b) for b in members)
                first, last = members[0].id or "", members[-1].id or ""
                ident = f"{first} … {last}" if first != last else first
            out.append((keys, description, ident))
        return out

    def _table(self) -> Table:
        table = Table(box=None, expand=True, padding=(0, 1), show_header=False)
        table.add_column("keys", style="bold", no_wrap=True, ratio=2)
        table.add_column("what", ratio=4)
        table.add_column("id", style="dim", ratio=3)
        title = getattr(self.target, "HELP_TITLE", "") or type(self.target).__name__
        table.add_row(Text(title, style="bold underline"), "", "")
        for keys, what, ident in self._rows(self.target):
            table.add_row(Text(keys), Text(what), Text(ident))
        table.add_row("", "", "")
        table.add_row(Text("Everywhere", style="bold underline"), "", "")
        for keys, what, ident in self._rows(self.app):
            table.add_row(Text(keys), Text(what), Text(ident))
        return table

    def _hint(self) -> str:
        config = getattr(getattr(self.app, "services", None), "config", None)
        where = str(config.path) if config is not None and config.path else "config.toml"
        return (
            f'Remap any key in {where}, e.g. [bindings] next_question = "n,right". '
            "Ctrl+P opens the command palette with every action."
        )

    def action_dismiss_modal(self) -> None:
        self.dismiss()
