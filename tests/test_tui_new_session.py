"""New-session form: a field that fails its check is marked, and its text stays readable."""

from __future__ import annotations

import pytest
from rich.color import Color
from textual.widgets import Input, Label, Static

from interview.tui.app import build_app
from interview.tui.screens.new_session import NewSessionScreen
from tests.tui_support import make_services, screen_text


def _luminance(color: Color) -> float:
    def channel(value: int) -> float:
        v = value / 255
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = color.get_truecolor()
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def text_contrast(field: Input, text: str) -> float:
    """WCAG contrast of the field's typed text against its own background, as drawn."""
    segment = next(s for s in field.render_line(0) if text in s.text)
    assert segment.style is not None and segment.style.color and segment.style.bgcolor
    fg, bg = _luminance(segment.style.color), _luminance(segment.style.bgcolor)
    return (max(fg, bg) + 0.05) / (min(fg, bg) + 0.05)


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_invalid_fields_are_marked_and_their_text_stays_readable(theme: str) -> None:
    app = build_app(make_services())
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        app.push_screen(NewSessionScreen())
        await pilot.pause()
        screen = app.screen
        code = screen.query_one("#candidate-code", Input)
        code.focus()
        await pilot.press(*"x!bad code")
        await pilot.press("tab")  # leaving the field must not clear its mark
        await pilot.pause()
        assert code.has_class("-problem")
        error = screen.query_one("#candidate-code-error", Static)
        assert error.display and error.region.y == code.region.y + 1  # right under it
        # Its label stands out from the labels of valid fields.
        label = screen.query_one("#candidate-code-row Label", Label)
        valid = screen.query_one("#candidate-name-row Label", Label)
        assert label.styles.color != valid.styles.color and label.styles.text_style.bold
        text = screen_text(app)
        assert "x!bad code" in text
        assert "⚠ A code is 2-32 letters" in text
        assert text_contrast(code, "x!bad code") >= 4.5
        # Fixing the value clears the mark.
        code.focus()
        await pilot.press("ctrl+u", *"C-1042")
        await pilot.pause()
        assert not code.has_class("-problem") and not error.display


def _shipped_services():  # type: ignore[no-untyped-def]
    from interview import paths
    from interview.config import Config
    from interview.domain.loader import load_content
    from interview.services.container import build_services

    layers = [[paths.bundled_rubrics_dir(), paths.bundled_bank_dir()]]
    content = load_content(layers).content
    return build_services(memory=True, content=content, config=Config())


def _plan(app) -> str:  # type: ignore[no-untyped-def]
    option = app.screen.query_one("#plan").highlighted_option
    return str(option.id if option is not None else "")


async def test_first_use_offers_the_plan_for_the_level_not_the_first_plan() -> None:
    """On first use the form defaulted to the first plan by title (the AI backend one)."""
    services = _shipped_services()
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NewSessionScreen)
        assert _plan(app) == "senior-backend-60"  # level senior, shown by default


async def test_choosing_a_level_picks_its_plan() -> None:
    """Choosing Level = Mid did not pick the mid plan."""
    from textual.widgets import Select

    services = _shipped_services()
    app = build_app(services)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#level", Select).value = "mid"
        await pilot.pause()
        assert _plan(app) == "mid-backend-45"
        app.screen.query_one("#level", Select).value = "senior"
        await pilot.pause()
        assert _plan(app) == "senior-backend-60"


async def test_the_start_button_is_on_screen_at_80x24() -> None:
    from textual.widgets import Button

    services = _shipped_services()
    app = build_app(services)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        start = app.screen.query_one("#start", Button)
        assert start.region.height >= 1
        assert start.region.bottom <= 23  # above the footer, no scrolling needed
        assert app.screen.query_one("#new-form").scroll_y == 0
