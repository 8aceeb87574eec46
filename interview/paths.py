"""Every path the app reads or writes, in one place.

Nothing here touches the disk at import time. Each location has an environment
override so tests (and users) never need the real home directory:

- ``INTERVIEW_HOME``: one folder for config, data and logs (tests set this).
- ``INTERVIEW_CONFIG_DIR`` / ``INTERVIEW_DATA_DIR``: finer-grained overrides.
- ``INTERVIEW_CACHE_DIR``: validated content kept between runs (safe to delete).
- ``INTERVIEW_DB``: the SQLite database file.
- ``INTERVIEW_BANK``: extra question bank folders (``os.pathsep``-separated).
- ``INTERVIEW_RUBRIC``: extra rubric files or folders (``os.pathsep``-separated).
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "interview"


def _home_override() -> Path | None:
    home = os.environ.get("INTERVIEW_HOME")
    return Path(home).expanduser() if home else None


def config_dir() -> Path:
    if env := os.environ.get("INTERVIEW_CONFIG_DIR"):
        return Path(env).expanduser()
    if home := _home_override():
        return home / "config"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def data_dir() -> Path:
    if env := os.environ.get("INTERVIEW_DATA_DIR"):
        return Path(env).expanduser()
    if home := _home_override():
        return home / "data"
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def cache_dir() -> Path:
    if env := os.environ.get("INTERVIEW_CACHE_DIR"):
        return Path(env).expanduser()
    if home := _home_override():
        return home / "cache"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    return config_dir() / "config.toml"


def default_db_path() -> Path:
    if env := os.environ.get("INTERVIEW_DB"):
        return Path(env).expanduser()
    return data_dir() / "interview.db"


def log_file() -> Path:
    return data_dir() / "interview.log"


def _bundled_root() -> Path:
    """Content shipped in the wheel, or the repository's top level in a checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "_content"
    if installed.is_dir():
        return installed
    return package.parent


def bundled_bank_dir() -> Path:
    return _bundled_root() / "question_bank"


def bundled_rubrics_dir() -> Path:
    return _bundled_root() / "rubrics"


def _split_env(name: str) -> list[Path]:
    raw = os.environ.get(name, "")
    return [Path(p).expanduser() for p in raw.split(os.pathsep) if p.strip()]


def user_bank_paths() -> list[Path]:
    return _split_env("INTERVIEW_BANK")


def user_rubric_paths() -> list[Path]:
    return _split_env("INTERVIEW_RUBRIC")
