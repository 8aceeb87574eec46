"""What happens after an unexpected error: a short message on screen, details in a log.

The terminal may be shared (screen sharing during an interview), so the on-screen
message names only the kind of error and where the log is. The log gets the
traceback without local variables (those hold note text), with anything that looks
like an API key replaced. Nothing here imports Textual.
"""

from __future__ import annotations

import os
import platform
import re
import sys
import traceback
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from interview import paths

MAX_LOG_BYTES = 1_000_000
MAX_MESSAGE = 300

_KEY_PATTERNS = (
    re.compile(r"sk-[A-Za-z0-9_\-]{8,}"),
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._\-]{8,}"),
    re.compile(r"(?i)(api[_-]?key['\"]?\s*[:=]\s*['\"]?)[^\s'\",]{6,}"),
)


def redact(text: str) -> str:
    """Remove API keys: the configured one verbatim, and anything key-shaped."""
    secret = os.environ.get("OPENAI_API_KEY", "")
    if len(secret) >= 4:
        text = text.replace(secret, "[redacted]")
    for pattern in _KEY_PATTERNS:
        text = pattern.sub(lambda m: (m.group(1) if m.groups() else "") + "[redacted]", text)
    return text


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"


def format_error(error: BaseException) -> str:
    """The traceback as text: frames and code lines, no local variables.

    Exception messages are shortened: a message can quote user text.
    """
    lines: list[str] = []
    chain: list[BaseException] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        chain.append(current)
        current = current.__cause__ or current.__context__
    for exc in reversed(chain):
        if lines:
            lines.append("\nDuring handling of the above, another error occurred:\n")
        lines.extend(traceback.format_list(traceback.extract_tb(exc.__traceback__)))
        lines.append(f"{type(exc).__module__}.{type(exc).__qualname__}: {_short(str(exc))}\n")
    return redact("".join(lines))


def write_crash_log(
    error: BaseException, context: Mapping[str, str] | None = None, log: Path | None = None
) -> Path | None:
    """Append one crash record to the log file; None if the log cannot be written."""
    log = log or paths.log_file()
    try:
        from importlib.metadata import version

        from interview import DISTRIBUTION

        versions = []
        for package in (DISTRIBUTION, "textual", "rich"):
            try:
                versions.append(f"{package} {version(package)}")
            except Exception:
                versions.append(f"{package} ?")
        header = [
            f"=== crash at {datetime.now(UTC).isoformat(timespec='seconds')}",
            f"python {sys.version.split()[0]} on {platform.platform()}",
            ", ".join(versions),
        ]
        for key, value in (context or {}).items():
            header.append(f"{key}: {redact(_short(str(value)))}")
        record = "\n".join(header) + "\n" + format_error(error) + "\n"
        log.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        if log.exists() and log.stat().st_size > MAX_LOG_BYTES:
            log.replace(log.with_name(log.name + ".1"))
        fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        with os.fdopen(fd, "a", encoding="utf-8") as fh:
            fh.write(record)
    except OSError:
        return None
    return log


def crash_message(error: BaseException, saved: bool, log: Path | None) -> str:
    """The few lines shown in the terminal after the app has closed."""
    what = type(error).__name__
    lines = [f"interview stopped after an unexpected error ({what})."]
    if saved:
        lines.append("Your notes and scores were saved; run `interview` to resume the session.")
    else:
        lines.append("Saving may not have finished; run `interview` to see what was kept.")
    if log is not None:
        lines.append(f"Details for a bug report: {log}")
    else:
        lines.append("The error log could not be written.")
    return "\n".join(lines)
