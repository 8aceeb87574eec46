"""The ``[retention]`` settings: how long interview records are kept, and the presets.

```toml
[retention]
preset = "eu-default"          # or "us-federal", "california"; keys below override it
anonymise_after_days = 180     # then: names, notes and text removed, scores kept anonymously
delete_after_days = 365        # then: the session is deleted
keep_anonymous_scores = true   # `interview forget` keeps scores as anonymous numbers too
```

Why the presets are what they are (not legal advice; check with your counsel):

- ``eu-default``: GDPR art. 5(1)(e) storage limitation: keep personal data no longer than
  needed. A rejected candidate's file is commonly kept about six months to answer a
  discrimination claim, so scorecards are anonymised after 180 days and deleted after 365;
  the anonymous scores (no name, no notes) still serve interviewer calibration.
- ``us-federal``: 29 CFR 1602.14 requires employers to keep hiring records for one year
  from the record or the decision, whichever is later; federal contractors with 150 or
  more employees must keep them two years (41 CFR 60-1.12). The preset keeps everything
  two years (730 days), then deletes; it never anonymises earlier.
- ``california``: records of automated-decision systems used in employment must be kept
  four years (Cal. Code Regs. tit. 2, § 11013(c), from October 2025). The preset keeps
  everything four years (1461 days), then deletes.

With no ``[retention]`` table nothing is ever removed by age.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True)
class RetentionSettings:
    preset: str = ""
    anonymise_after_days: int | None = None
    delete_after_days: int | None = None
    keep_anonymous_scores: bool = False

    @property
    def active(self) -> bool:
        return self.anonymise_after_days is not None or self.delete_after_days is not None

    def describe(self) -> str:
        parts = []
        if self.anonymise_after_days is not None:
            parts.append(f"anonymise after {self.anonymise_after_days} days")
        if self.delete_after_days is not None:
            parts.append(f"delete after {self.delete_after_days} days")
        name = f"{self.preset}: " if self.preset else ""
        return name + (", ".join(parts) or "keep everything")


PRESETS: dict[str, RetentionSettings] = {
    "eu-default": RetentionSettings(
        "eu-default", anonymise_after_days=180, delete_after_days=365, keep_anonymous_scores=True
    ),
    "us-federal": RetentionSettings("us-federal", delete_after_days=730),
    "california": RetentionSettings("california", delete_after_days=1461),
}

_KEYS = ("preset", "anonymise_after_days", "delete_after_days", "keep_anonymous_scores")


def parse_retention(raw: object) -> RetentionSettings:
    """ValueError with a message naming the key when the table is wrong."""
    if not isinstance(raw, dict):
        raise ValueError("[retention] must be a table")
    for key in raw:
        if key not in _KEYS:
            raise ValueError(
                f"unknown [retention] setting '{key}' — allowed: {', '.join(sorted(_KEYS))}"
            )
    settings = RetentionSettings()
    preset = raw.get("preset", "")
    if preset:
        if preset not in PRESETS:
            raise ValueError(
                f"[retention] preset must be one of {', '.join(sorted(PRESETS))}, not {preset!r}"
            )
        settings = PRESETS[preset]
    changes: dict[str, Any] = {}
    for key in ("anonymise_after_days", "delete_after_days"):
        if key in raw:
            value = raw[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"[retention] {key} must be a whole number of days, 1 or more")
            changes[key] = value
    if "keep_anonymous_scores" in raw:
        if not isinstance(raw["keep_anonymous_scores"], bool):
            raise ValueError("[retention] keep_anonymous_scores must be true or false")
        changes["keep_anonymous_scores"] = raw["keep_anonymous_scores"]
    settings = replace(settings, **changes)
    anon, delete = settings.anonymise_after_days, settings.delete_after_days
    if anon is not None and delete is not None and anon >= delete:
        raise ValueError("[retention] anonymise_after_days must be less than delete_after_days")
    return settings
