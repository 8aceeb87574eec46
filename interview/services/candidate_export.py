"""``interview export-candidate``: everything stored about one person, for an access
request (GDPR art. 15). The format is described in ``reports/candidate_export.schema.json``.

Every row about the candidate is included as stored, by table: the candidate row, their
sessions, and each table holding rows of those sessions (answers with the notes, signals,
follow-ups, scores, summaries, amendments, LLM usage, events), plus events without a
session that name them. JSON columns (event detail, amendment changes) are decoded.
"""

from __future__ import annotations

import contextlib
import json
from typing import Any

from interview import __version__
from interview.storage.candidate_data import CandidateRow, candidate_rows
from interview.storage.db import Database

SCHEMA_ID = "interview-candidate-export/1"
_JSON_COLUMNS = {("events", "detail"), ("amendments", "changes")}


def export(db: Database, candidate: CandidateRow, *, exported_at: str) -> dict[str, Any]:
    tables = candidate_rows(db.conn, candidate)
    for table, rows in tables.items():
        for row in rows:
            for column, value in row.items():
                if (table, column) in _JSON_COLUMNS and isinstance(value, str):
                    with contextlib.suppress(ValueError):
                        row[column] = json.loads(value)
    return {
        "schema": SCHEMA_ID,
        "exported_at": exported_at,
        "generator": f"interview {__version__}",
        "candidate": {"id": candidate.id, "name": candidate.name, "code": candidate.code},
        "tables": tables,
    }


def export_text(db: Database, candidate: CandidateRow, *, exported_at: str) -> str:
    data = export(db, candidate, exported_at=exported_at)
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"
