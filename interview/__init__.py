"""Structured technical interviews for Python backend engineers, in the terminal."""

from __future__ import annotations

# The name on the package index; the command and this import package are `interview`.
DISTRIBUTION = "structured-interview"


def __getattr__(name: str) -> str:
    # The version lives in the package metadata only; read it when asked, not at import.
    if name == "__version__":
        from importlib.metadata import PackageNotFoundError, version

        try:
            return version(DISTRIBUTION)
        except PackageNotFoundError:
            return "0+unknown"
    raise AttributeError(name)
