"""Thresholds of the bank's item analysis (``[bank_stats]`` in config.toml).

Apart from ``item_stats`` so that reading the configuration, which every start does,
does not import the statistics themselves.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StatsSettings:
    """Thresholds (``[bank_stats]`` in config.toml)."""

    min_sessions: int = 20  # nothing is flagged from fewer sessions than this
    overexposed_recent: int = 40  # live and practice uses in the last 90 days
    min_abs_r: float = 0.1  # below this a signal does not separate candidates
    overtime_share: float = 0.6  # a question that runs over this often "always" runs over
