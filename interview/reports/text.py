"""Text helpers shared by the renderers: safe user text, excerpts, dates and durations."""

from __future__ import annotations

import re
from datetime import datetime

# C0 controls (but newline and tab) and DEL become their visible Unicode "control
# pictures", so an ANSI escape in a note prints as "␛[31m" instead of recolouring a
# terminal, and HTML never carries characters it forbids. C1 controls (U+0080-U+009F)
# have no pictures: each shows as the two-character sequence it stands for, ESC and a
# letter (U+009B, a one-character CSI, prints as "␛["), never as the raw character.
_CONTROLS = {c: chr(0x2400 + c) for c in range(32) if c not in (9, 10)}
_CONTROLS[0x7F] = "\u2421"
_CONTROLS.update({c: "\u241b" + chr(c - 0x40) for c in range(0x80, 0xA0)})
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean(text: str) -> str:
    """User text made safe to print: line endings normalised, control characters visible."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _CONTROL_RE.search(text):
        text = text.translate(_CONTROLS)
    return text


def one_line(text: str) -> str:
    return " ".join(clean(text).split())


def excerpt(text: str, limit: int = 240) -> str:
    """The start of a note on one line, cut at a word boundary."""
    flat = one_line(text)
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0] if " " in flat[:limit] else flat[:limit]
    return cut.rstrip(" ,;:.") + "…"


def parse_iso(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def date_label(value: str | None) -> str:
    """'2 Mar 2026, 09:00 UTC' — reports always show UTC so they read the same anywhere."""
    if not value:
        return ""
    dt = parse_iso(value)
    return f"{dt.day} {dt:%b %Y, %H:%M} UTC"


def day_label(value: str | None) -> str:
    if not value:
        return ""
    dt = parse_iso(value)
    return f"{dt.day} {dt:%b %Y}"


def clock_label(value: str, reference: str) -> str:
    """Time of day, with the date when it is not the reference's day (late amendments)."""
    dt, ref = parse_iso(value), parse_iso(reference)
    if dt.date() == ref.date():
        return f"{dt:%H:%M:%S}"
    return f"{dt.day} {dt:%b %H:%M}"


def duration(seconds: float) -> str:
    """'12:05' (minutes:seconds), or '1:02:05' past an hour."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def score_label(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def points_label(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


SOURCE_LABELS = {"bank": "question bank", "offline": "offline engine", "llm": "LLM"}


def source_label(source: str) -> str:
    return SOURCE_LABELS.get(source, source)


STATUS_LABELS = {"in_progress": "In progress", "submitted": "Submitted"}


def status_label(status: str) -> str:
    return STATUS_LABELS.get(status, status)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029]")


def json_text(data: object, indent: int | None = 2) -> str:
    """JSON that is safe to print: readable non-ASCII, but DEL and C1 controls (which
    JSON leaves raw; U+009B is a one-character CSI) written as ``\\u`` escapes."""
    import json

    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
