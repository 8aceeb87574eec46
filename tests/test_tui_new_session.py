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
