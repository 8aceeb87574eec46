"""Record ids: random UUIDs, so databases from many interviewers merge without collisions.

Sample data asks for reproducible ids instead (``seeded_ids``), so a demo database and
its reports come out the same on every run.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_id_source: ContextVar[Callable[[], str] | None] = ContextVar("interview_id_source", default=None)


def new_id() -> str:
    source = _id_source.get()
    return source() if source else str(uuid.uuid4())


@contextmanager
def seeded_ids(seed: str) -> Iterator[None]:
    """Make ids reproducible (uuid5 of seed + counter) inside the block: sample data only."""
    counter = iter(range(1 << 62))

    def source() -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"interview:{seed}:{next(counter)}"))

    token = _id_source.set(source)
    try:
        yield
    finally:
        _id_source.reset(token)
