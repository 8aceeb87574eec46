"""The Textual application and its factory (used by the CLI and the tests).

Start-up imports only what the home screen needs; every other screen (and anything
that pulls in Markdown, syntax highlighting or the LLM client) is imported when it is
first opened.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from interview.services.container import Services
from interview.tui import bindings
from interview.tui.first_frame import after_first_frame
from interview.tui.navigation import Navigate

if TYPE_CHECKING:
    from interview.services.lease import Holder
    from interview.services.live import LiveSession

# Screens opened by name (``Navigate`` messages from screens, palette commands, tests):
# name -> (module, class). Imported when first opened, so start-up pays for none of them.
SCREENS: dict[str, tuple[str, str]] = {
    "report": ("interview.tui.screens.report", "ReportScreen"),
    "panel": ("interview.tui.screens.panel", "PanelScreen"),
    "practice": ("interview.tui.screens.practice", "PracticeScreen"),
    "calibration": ("interview.tui.screens.calibration", "CalibrationScreen"),
    "ranking": ("interview.tui.screens.ranking", "RankingScreen"),
    "new_session": ("interview.tui.screens.new_session", "NewSessionScreen"),
    "scoring": ("interview.tui.screens.scoring", "ScoringScreen"),
    "summary": ("interview.tui.screens.summary", "SummaryScreen"),
    "bank_stats": ("interview.tui.screens.bank_stats", "BankStatsScreen"),
}
# A practice-only app (`interview serve`, where anyone with the address may use it) opens
# these and nothing else: no session list, no scorecards, no panels.
PRACTICE_SCREENS = {"practice"}
# Already in the palette under their own names, or only meaningful as keys.
PALETTE_SKIP = {"app.help", "help", "app.quit", "quit", "app.focus_next", "app.focus_previous",
                "app.command_palette", "command_palette", "screen.copy_text"}  # fmt: skip


class InterviewApp(App[None]):
    # Absolute, so subclasses defined elsewhere (the practice app, tests) keep this sheet.
    CSS_PATH = str(Path(__file__).with_name("app.tcss"))
    TITLE = "interview"
    BINDINGS = bindings.APP

    def __init__(self, services: Services, *, practice_only: bool = False) -> None:
        super().__init__()
        self.services = services
        self.practice_only = practice_only
        # This instance's id for session leases: one session, one writing instance.
        self.owner = uuid.uuid4().hex
        self._crashed = False
        self._unknown_bindings: list[str] = []
        self._unknown_theme = ""
        if services.config.theme in self.available_themes:
            self.theme = services.config.theme
        elif services.config.theme:
            self._unknown_theme = services.config.theme
        if services.config.bindings:
            self._unknown_bindings = bindings.unknown_ids(services.config.bindings)
            self.set_keymap(services.config.bindings)

    def get_default_screen(self) -> Screen[Any]:
        """The home screen is the app's root, composed in Textual's start-up batch: its
        first frame is the one written at the end of that batch. Pushed from ``on_mount``
        instead, it composed after the batch and its first frame was thrown away."""
        if self.practice_only:
            return super().get_default_screen()
        from interview.tui.screens.home import HomeScreen

        return HomeScreen()

    def on_mount(self) -> None:
        after_first_frame(self, self._after_first_frame)
        if self._unknown_theme:
            where = self.services.config.path or "config.toml"
            self.notify(
                f"{where}: unknown theme {self._unknown_theme!r}; "
                "ctrl+p → 'Theme' lists the themes",
                title="Theme",
                severity="warning",
                markup=False,
                timeout=10,
            )
        for notice in self.services.notices:
            self.notify(notice, title="Data retention", markup=False, timeout=15)
        if self._unknown_bindings:
            where = self.services.config.path or "config.toml"
            self.notify(
                f"{where}: unknown binding id(s) {', '.join(self._unknown_bindings)}; "
                "press ? to see the ids",
                title="Key bindings",
                severity="warning",
                markup=False,
                timeout=10,
            )

    def _after_first_frame(self) -> None:
        """Work kept off the path to the first screen, done while the user reads it.

        The question bank is not loaded here: browsing and opening sessions never need
        it, and the screens that do (a new session, practice, bank health) unpickle it
        on first use in a few milliseconds.
        """
        if not gc.isenabled():  # switched off by the command line for the start
            gc.freeze()  # what exists now lives as long as the app: never scan it again
            gc.enable()

    # ------------------------------------------------------------ navigation

    def action_help(self) -> None:
        from interview.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        self.push_screen(HelpScreen(self.screen))

    def action_home(self) -> None:
        """Back to the home screen (everything is already saved)."""
        from interview.tui.screens.home import HomeScreen

        if self.practice_only:
            while len(self.screen_stack) > 2:
                self.pop_screen()
            return

        while len(self.screen_stack) > 1 and not isinstance(self.screen, HomeScreen):
            self.pop_screen()
        if isinstance(self.screen, HomeScreen):
            self.screen.reload()

    def open_session(self, session_id: str) -> None:
        """Resume an unfinished session or show a submitted scorecard."""
        from interview.services.live import LiveSession
        from interview.storage.damage import DB_ERRORS, OPEN_ERRORS, message

        try:
            live = LiveSession(self.services.repo, session_id)
        except OPEN_ERRORS as exc:
            self.notify(
                f"Cannot open this session: {message(exc, self.services.db_path)}",
                title="Database",
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        if live.locked:
            from interview.tui.screens.summary import SummaryScreen

            self.push_screen(SummaryScreen(live))
            return
        from interview.services import lease

        try:
            holder = lease.claim(self.services.repo, session_id, self.owner)
        except DB_ERRORS:
            # Another program holds the write lock: open it; the screen's writer claims
            # the session with its first write, queued until the lock is released.
            holder = lease.holder(self.services.repo, session_id)
            if holder is not None and holder.owner == self.owner:
                holder = None
        if holder is None:
            self.open_interview(live)
            return
        self._ask_take_over(live, holder)

    def _ask_take_over(self, live: LiveSession, holder: Holder) -> None:
        """The session is open in another window: take it over, or open it read only."""
        from interview.services import lease
        from interview.storage.damage import DB_ERRORS, message
        from interview.tui.screens.confirm import ConfirmScreen

        def answered(take_over: bool | None) -> None:
            if take_over:
                try:
                    lease.claim(self.services.repo, live.id, self.owner, take_over=True)
                except DB_ERRORS as exc:
                    self.notify(f"Not taken over: {message(exc)}", severity="error",
                                markup=False, timeout=10)  # fmt: skip
                    return
            else:
                live.read_only = True
            self.open_interview(live)

        self.push_screen(
            ConfirmScreen(
                "Session open in another window",
                f"This session is {lease.describe(holder)}. Take it over? That window "
                "turns read only. Esc opens it here read only.",
                "Take over",
                "Open read only",
            ),
            answered,
        )

    def open_interview(self, live: LiveSession) -> None:
        from interview.tui.screens.interview import InterviewScreen

        self.push_screen(InterviewScreen(live))

    def open_screen(self, target: str, *args: Any) -> None:
        """Push the screen registered as ``target``; sessions and interviews are special."""
        if self.practice_only and target not in PRACTICE_SCREENS:
            self.notify("Only practice is available here.", markup=False)
            return
        if target == "session":
            self.open_session(*args)
        elif target == "interview":
            self.open_interview(*args)
        elif target == "home":
            self.action_home()
        else:
            module_name, class_name = SCREENS[target]
            screen = getattr(importlib.import_module(module_name), class_name)(*args)
            self.push_screen(screen)

    def on_navigate(self, message: Navigate) -> None:
        message.stop()
        self.open_screen(message.target, *message.args)

    def action_open_report(self, session_id: str) -> None:
        self.open_screen("report", session_id)

    def action_open_panel(self, candidate_id: str | None = None) -> None:
        self.open_screen("panel", candidate_id)

    def action_open_practice(self) -> None:
        self.open_screen("practice")

    def action_open_calibration(self) -> None:
        self.open_screen("calibration")

    def action_open_bank_stats(self) -> None:
        self.open_screen("bank_stats")

    def action_open_ranking(self, role: str = "") -> None:
        self.open_screen("ranking", role)

    # ------------------------------------------------------------ command palette

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every action bound on the current screen, plus its own commands."""
        yield from super().get_system_commands(screen)
        seen: set[str] = set()
        for node in (screen, self):
            for binding in bindings.effective(node, self._keymap):
                if not binding.description or binding.action in seen:
                    continue
                if binding.action in PALETTE_SKIP or binding.tooltip:
                    continue
                if not screen_can_run(screen, binding.action):
                    continue
                seen.add(binding.action)
                key = self.get_key_display(binding)
                yield SystemCommand(
                    binding.description,
                    f"{key}  ·  {getattr(screen, 'HELP_TITLE', '') or 'this screen'}",
                    _runner(self, node, binding),
                )
        yield SystemCommand("Key bindings", "All keys of this screen (?)", self.action_help)
        if not self.practice_only:
            # Once each: not again when the screen binds the same thing (h, b).
            if not seen & {"home", "app.home"}:
                yield SystemCommand("Home", "Back to the session list", self.action_home)
            if not seen & {"bank_stats", "app.open_bank_stats"}:
                yield SystemCommand(
                    "Bank health",
                    "Which questions and signals separate candidates",
                    lambda: self.open_screen("bank_stats"),
                )
        extra = getattr(screen, "palette_commands", None)
        if callable(extra):
            yield from extra()

    # ------------------------------------------------------------ saving and crashing

    def save_everything(self, timeout: float = 5.0) -> bool:
        """Ask every open screen to write what it holds; True when all of it is saved."""
        ok = True
        for screen in reversed(self.screen_stack):
            save = getattr(screen, "save_now", None)
            if callable(save):
                try:
                    ok = bool(save(timeout=timeout)) and ok
                except Exception:
                    ok = False
        return ok

    async def action_quit(self) -> None:
        self.save_everything()
        # Some text is only saved on request (an edited session summary): ask first.
        unsaved = [s for s in self.screen_stack if getattr(s, "dirty", False) is True]
        if not unsaved:
            self.exit()
            return
        from interview.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit()

        self.push_screen(
            ConfirmScreen(
                "Quit without saving?",
                "The session summary on screen is not saved; quitting discards it. "
                "Everything else is saved.",
                "Quit without saving",
            ),
            answered,
        )

    async def _shutdown(self) -> None:
        # However the app ends (quit, exit() from a screen, a signal), write first,
        # while every screen and editor still exists.
        if not self._crashed:
            self.save_everything()
        await super()._shutdown()
        # Every screen is gone and its writer closed: fold the write-ahead log into the
        # database file, so the .db file alone (say, sent to a panel lead) holds it all.
        with contextlib.suppress(Exception):  # quitting must not fail over this
            self.services.checkpoint()

    def _handle_exception(self, error: Exception) -> None:
        """Save first, log the details (no locals, no keys), then leave with a short note."""
        from interview import crash

        if self._crashed:  # an error while shutting down after the first one
            return
        self._crashed = True
        self._return_code = 1
        if self._exception is None:
            self._exception = error
            self._exception_event.set()
        cause = getattr(error, "error", None)  # WorkerFailed wraps the real error
        real = cause if isinstance(cause, BaseException) else error
        saved = self.save_everything(timeout=3.0)
        context = {"screen": type(self.screen).__name__}
        session_id = getattr(self.screen, "session_id", "")
        if session_id:
            context["session"] = str(session_id)
        log = crash.write_crash_log(real, context)
        from rich.text import Text

        self._exit_renderables.append(Text(crash.crash_message(real, saved, log)))
        self._close_messages_no_wait()


def screen_can_run(screen: Screen[Any], action: str) -> bool:
    check = getattr(screen, "check_action", None)
    if not callable(check):
        return True
    name = action.split("(", 1)[0]
    if "." in name:
        return True
    try:
        return check(name, ()) is not False
    except Exception:
        return True


def _runner(app: App[Any], node: Any, binding: Binding) -> Any:
    async def run() -> None:
        await app.run_action(binding.action, node)

    return run


def build_app(services: Services) -> InterviewApp:
    return InterviewApp(services)
