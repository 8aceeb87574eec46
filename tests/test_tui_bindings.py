"""Keys: remappable by id from config, listed on ?, and every action in the command palette."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.binding import Binding

from interview.config import Config, load_config
from interview.tui import bindings
from interview.tui.app import build_app
from interview.tui.screens.help import HelpScreen
from interview.tui.screens.interview import InterviewScreen
from tests.tui_support import make_services, screen_text, seed_session


def test_every_binding_has_a_unique_id_within_its_screen() -> None:
    for screen, group in bindings.ALL.items():
        ids = [b.id for b in group if isinstance(b, Binding)]
        assert all(ids), f"{screen}: a binding without an id cannot be remapped"
        assert len(ids) == len(set(ids)), f"{screen}: duplicate binding ids"


def test_unknown_ids_in_a_keymap_are_reported() -> None:
    assert bindings.unknown_ids({"next_question": "j", "nxt_question": "k"}) == ["nxt_question"]


async def test_keys_remapped_in_the_config_file_take_effect(tmp_path: Path) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text(
        '[bindings]\nnext_question = "right"\nsenior_signal_1 = "a"\nbogus_id = "x"\n',
        encoding="utf-8",
    )
    services = make_services(config=load_config(config_file))
    live = seed_session(services)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        assert any("bogus_id" in n.message for n in app._notifications)
        app.open_session(live.id)
        await pilot.pause()
        first = live.question
        await pilot.press("a")  # remapped from 1
        assert live.repo.load_state(live.id).observed(first.id) == {first.senior_signals[0].id}
        assert "a ■ Starts by talking" in screen_text(app)  # the key shown is the new one
        await pilot.press("n")  # no longer bound
        assert app.screen.live.index == 0
        await pilot.press("right")
        assert app.screen.live.index == 1
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        row = next(line for line in text.splitlines() if "next_question" in line)
        assert "→" in row


async def test_help_lists_the_screen_keys_with_their_ids() -> None:
    services = make_services()
    live = seed_session(services)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(live.id)
        await pilot.pause()
        await pilot.press("question_mark")
        text = screen_text(app)
        for expected in ("Next", "next_question", "Score", "Leave notes (while typing notes)",
                         "Strong signal", "Probe asked", "Everywhere", "Quit"):  # fmt: skip
            assert expected in text
        await pilot.press("escape")
        assert isinstance(app.screen, InterviewScreen)
        # From inside the notes editor, F1 still opens the help ("?" is typed).
        await pilot.press("i", "question_mark")
        assert app.screen.query_one("#notes").text == "?"
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_every_interview_action_is_in_the_command_palette() -> None:
    services = make_services()
    live = seed_session(services)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_session(live.id)
        await pilot.pause()
        screen = app.screen
        commands = {c.title: c for c in app.get_system_commands(screen)}
        for action in ("Next", "Prev", "Notes", "Go to", "Score", "Pause clocks", "Home"):
            assert action in commands, action
        question = live.question
        title = next(t for t in commands if t.startswith("Strong signal: Maps the system"))
        probe = next(t for t in commands if t.startswith("Probe asked:"))
        jump = next(t for t in commands if t.startswith("Go to question 3:"))
        result: Any = commands[title].callback()
        if result is not None:
            await result
        commands[probe].callback()
        commands[jump].callback()
        await pilot.pause()
        state = live.repo.load_state(live.id)
        assert state.observed(question.id) == {question.senior_signals[1].id}
        assert len([f for f in state.followups if f.asked]) == 1
        assert state.current_index == 2


def test_config_without_bindings_is_fine() -> None:
    assert build_app(make_services(config=Config())).services.config.bindings == {}


def test_every_screen_key_is_in_the_bindings_module() -> None:
    """So config.toml can remap it without a warning, and ? lists it with its id."""
    import importlib
    import pkgutil

    from textual.screen import Screen

    import interview.tui.screens as screens

    known = bindings.known_ids()
    checked = 0
    for info in pkgutil.iter_modules(screens.__path__):
        module = importlib.import_module(f"{screens.__name__}.{info.name}")
        for obj in vars(module).values():
            if not (isinstance(obj, type) and issubclass(obj, Screen)):
                continue
            if obj.__module__ != module.__name__:
                continue
            for b in obj.__dict__.get("BINDINGS", ()):
                assert isinstance(b, Binding) and b.id in known, f"{obj.__name__}: {b}"
                checked += 1
    assert checked > 50


async def test_an_unknown_theme_in_the_config_file_is_a_warning_not_a_crash(
    tmp_path: Path,
) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text('theme = "nope"\n', encoding="utf-8")
    app = build_app(make_services(config=load_config(config_file)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.is_running
        (notice,) = [n.message for n in app._notifications if "unknown theme 'nope'" in n.message]
        assert app.theme in app.available_themes
        # The notice names the palette command by the title the palette shows.
        titles = {c.title for c in app.get_system_commands(app.screen)}
        named = notice.split("ctrl+p → '", 1)[1].split("'", 1)[0]
        assert named in titles, (named, sorted(titles))


async def test_a_known_theme_in_the_config_file_is_used(tmp_path: Path) -> None:
    config_file = tmp_path / "config.toml"
    config_file.write_text('theme = "textual-light"\n', encoding="utf-8")
    app = build_app(make_services(config=load_config(config_file)))
    async with app.run_test(size=(120, 40)):
        assert app.theme == "textual-light"


async def test_the_palette_lists_each_command_once() -> None:
    """Home showed "Bank health" twice (its `b` and the app's), the interview "Home" twice."""
    services = make_services()
    live = seed_session(services)
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        on_home = [c.title for c in app.get_system_commands(app.screen)]
        assert on_home.count("Bank health") == 1, on_home
        app.open_session(live.id)
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        in_interview = [c.title for c in app.get_system_commands(app.screen)]
        assert in_interview.count("Home") == 1, in_interview
        assert in_interview.count("Bank health") == 1
        for titles in (on_home, in_interview):
            assert len(set(titles)) == len(titles), sorted(titles)
