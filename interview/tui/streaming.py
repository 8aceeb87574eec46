"""Streamed LLM text reaching a screen or widget a few times a second.

Tokens arrive far faster than a person reads; redrawing on each one would cost
frames the interviewer's typing needs. The follow-up suggestions and the summary
draft both stream through this.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from textual.message import Message

# The streamed text is redrawn at most this often (seconds).
STREAM_REFRESH = 0.1


@dataclass
class StreamedText(Message, bubble=False):
    """The reply so far (a flood of these collapses to the latest)."""

    seq: int
    text: str

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, StreamedText) and message.seq == self.seq


def throttled_stream(post: Callable[[Message], object], seq: int) -> Callable[[str], None]:
    """A callback for each streamed piece that posts the text so far, throttled."""
    received: list[str] = []
    last_post = 0.0

    def on_text(piece: str) -> None:
        nonlocal last_post
        received.append(piece)
        now = time.monotonic()
        if now - last_post >= STREAM_REFRESH:
            last_post = now
            post(StreamedText(seq, "".join(received)))

    return on_text
