"""The JSON export matches its documented schema (interview/reports/schema.json), key order too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import interview.reports
from interview.reports.build import load_reports
from interview.reports.json_report import render_json
from tests.report_support import demo_db, session_ids

SCHEMA = json.loads((Path(interview.reports.__file__).parent / "schema.json").read_text())
TYPES = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "object": dict,
    "array": list,
    "null": type(None),
}


def check(value: Any, schema: dict[str, Any], where: str = "$") -> list[str]:
    """The subset of JSON Schema that schema.json uses; returns the problems found."""
    problems: list[str] = []
    if "const" in schema and value != schema["const"]:
        problems.append(f"{where}: {value!r} is not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        problems.append(f"{where}: {value!r} not in {schema['enum']}")
    if "oneOf" in schema:
        matches = [s for s in schema["oneOf"] if not check(value, s, where)]
        if len(matches) != 1:
            problems.append(f"{where}: matches {len(matches)} of oneOf")
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        ok = any(
            isinstance(value, TYPES[n])
            and not (n in ("integer", "number") and value is True)
            and not (n in ("integer", "number") and value is False)
            for n in names
        )
        if not ok:
            return [*problems, f"{where}: {type(value).__name__} is not {names}"]
    if "minimum" in schema and value < schema["minimum"]:
        problems.append(f"{where}: below minimum")
    if "maximum" in schema and value > schema["maximum"]:
        problems.append(f"{where}: above maximum")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                problems.append(f"{where}: missing {key!r}")
        if props and list(value) != [k for k in props if k in value]:
            problems.append(f"{where}: keys out of documented order")
        extra = schema.get("additionalProperties", True)
        for key, item in value.items():
            if key in props:
                problems += check(item, props[key], f"{where}.{key}")
            elif extra is False:
                problems.append(f"{where}: undocumented key {key!r}")
            elif isinstance(extra, dict):
                problems += check(item, extra, f"{where}.{key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            problems += check(item, schema["items"], f"{where}[{i}]")
    return problems


@pytest.fixture(scope="module")
def documents() -> list[dict[str, Any]]:
    db = demo_db()
    return [json.loads(render_json(r)) for r in load_reports(db, session_ids(db))]


def test_every_sample_report_matches_the_schema(documents: list[dict[str, Any]]) -> None:
    assert len(documents) == 12
    for doc in documents:
        assert check(doc, SCHEMA) == [], doc["session"]["id"]


def test_the_checker_catches_drift() -> None:
    doc = {"schema_version": 1}
    assert any("missing 'session'" in p for p in check(doc, SCHEMA))
    assert any("undocumented key" in p for p in check({**doc, "surprise": 1}, SCHEMA))
