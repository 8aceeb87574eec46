"""Work kept off the path to the first frame, started once that frame is on the terminal.

``call_after_refresh`` alone runs right after the frame is composed, while Textual's
writer thread is still waiting for the interpreter to hand the frame's bytes to the
terminal: starting more work at once (mounting widgets, unpickling content) delays the
frame itself. A short pause after the refresh lets the bytes out first.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from textual.message_pump import MessagePump

# Long enough for the writer thread and the terminal to take the frame on a busy
# machine, short enough to pass unnoticed.
SETTLE = 0.03


def after_first_frame(node: MessagePump, callback: Callable[[], Awaitable[None] | None]) -> None:
    """Call ``callback`` shortly after ``node``'s next frame has been written."""
    node.call_after_refresh(node.set_timer, SETTLE, callback)
