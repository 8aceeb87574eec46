"""How a screen asks to go somewhere without importing the app.

A screen posts ``Navigate("report", session_id)``; the message bubbles from the screen
to the app, which owns the map of screen names (``interview.tui.app.SCREENS``). Screens
reach the shared services through ``services_of`` rather than the app's class, so no
module under ``interview/tui/screens`` ever imports ``interview.tui.app``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from interview.services.container import Services


@dataclass
class Navigate(Message):
    """Open the screen registered as ``target`` with ``args`` (handled by the app)."""

    target: str
    args: tuple[Any, ...] = field(default_factory=tuple)


def go(node: DOMNode, target: str, *args: Any) -> None:
    """Ask the app to open ``target``: ``go(self, "report", session_id)``."""
    node.post_message(Navigate(target, tuple(args)))


def services_of(node: DOMNode) -> Services:
    """The services of the app the node belongs to."""
    services: Services = getattr(node.app, "services")  # noqa: B009 - typed by the app
    return services


def has_screen_below(node: DOMNode) -> bool:
    """True when a screen of the app's own lies below the current one, so going back is
    a pop: the home screen is the app's root, and a practice-only app (the browser) has
    only Textual's blank root below its practice screen."""
    below = node.app.screen_stack[:-1]
    return any(screen.id != "_default" for screen in below)
