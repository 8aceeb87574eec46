"""Hostile text in every field shows as text, in every format, and never runs or loads."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt
from sqlite_utils import Database

from interview.domain.records import FollowUpSource
from interview.reports.build import load_report
from interview.reports.export import render
from interview.reports.model import Report
from interview.reports.terminal import render_text
from interview.services.demo import DemoClock
from interview.services.live import LiveSession
from interview.storage.db import open_db
from interview.storage.repository import Repository
from tests.report_support import frozen_content

SCRIPT = "<script>alert('x')</script>"
IMG = '"><img src=x onerror=alert(1)>'
RICH = "[bold red]not markup[/bold red] [link=http://evil.example]x[/link]"
ANSI = "\x1b[31mred\x1b[0m \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\"
RTL = "שלום עולם مرحبا \u202eevil\u202c"
EMOJI = "🙂 👩🏽‍💻"
MARKDOWN = "![img](http://evil.example/x.png) [click](javascript:alert(1)) <http://evil.example>"
CLOSERS = "</textarea></style></svg></table>"
FORMULA = "=cmd|' /C calc'!A0"
HOSTILE = "\n".join([SCRIPT, IMG, RICH, ANSI, RTL, EMOJI, MARKDOWN, CLOSERS, "# not a heading",
                     "&lt;escaped&gt; & amp", "`code <b>` and ``a`b``"])  # fmt: skip


def hostile_report() -> tuple[Report, str]:
    db: Database = open_db(None)
    content = frozen_content()
    plan = content.plans["senior-backend-60"]
    clock = DemoClock()
    repo = Repository(db, clock=clock)
    cid = repo.find_or_create_candidate(f"{SCRIPT} {RTL}", FORMULA)
    sid = repo.create_session(candidate_id=cid, interviewer=f"{RICH} {EMOJI}", role=IMG,
                              level=ANSI, plan=plan, content=content)  # fmt: skip
    live = LiveSession(repo, sid)
    for i, (_, q) in enumerate(live.items):
        live.save_notes(q.id, HOSTILE, 30.0, 30.0 * (i + 1))
        live.toggle_signal(q.id, q.senior_signals[0].id)
        row = live.record_suggestion(q.id, HOSTILE, FollowUpSource.LLM, reason=HOSTILE)
        live.mark_suggestion_asked(row)
    live.set_score("python", 3)
    live.submit(HOSTILE)
    live.amend(HOSTILE, {"api": 2}, justification=HOSTILE)
    return load_report(db, sid), HOSTILE


@pytest.fixture(scope="module")
def report() -> Report:
    return hostile_report()[0]


VOID = {"meta", "br", "hr", "img", "input", "link", "col", "wbr", "area", "base", "source"}
SVG_LEAVES = {"rect", "line", "path"}
ALLOWED = {
    "html", "head", "meta", "title", "style", "body", "main", "header", "footer", "section",
    "article", "h1", "h2", "h3", "p", "span", "strong", "code", "bdi", "dl", "dt", "dd", "div",
    "ul", "li", "blockquote", "table", "thead", "tbody", "tfoot", "tr", "th", "td",
    "svg", "rect", "text", "line", "path",
}  # fmt: skip


class TagChecker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []
        self.errors: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs += attrs
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.attrs += attrs
        if tag not in VOID and tag not in SVG_LEAVES:
            self.errors.append(f"self-closed <{tag}/>")

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def check_html(html: str) -> TagChecker:
    checker = TagChecker()
    checker.feed(html)
    checker.close()
    assert not checker.errors, checker.errors[:5]
    assert not checker.stack, f"unclosed: {checker.stack}"
    return checker


def test_html_is_well_formed_and_hostile_text_stays_text(report: Report) -> None:
    html = render(report, "html")
    checker = check_html(html)
    assert checker.tags <= ALLOWED, checker.tags - ALLOWED
    assert not [name for name, _ in checker.attrs if name.startswith("on")]
    assert not [v for _, v in checker.attrs if v and ("evil" in v or "javascript" in v)]
    assert "\x1b" not in html and "\u241b[31m" in html
    text = "".join(checker.text)
    for payload in (SCRIPT, IMG, RICH, CLOSERS, "![img](http://evil.example/x.png)"):
        assert payload in text  # shown to the reader, as typed
    assert "&lt;script&gt;" in html


def test_html_makes_no_external_requests(report: Report) -> None:
    html = render(report, "html")
    checker = check_html(html)
    assert not {"script", "img", "link", "iframe", "object", "a"} & checker.tags
    assert "default-src 'none'" in html  # and the browser is told so
    assert "url(" not in html and "@import" not in html


def test_markdown_renders_hostile_text_inert(report: Report) -> None:
    md = render(report, "md")
    # Raw: every "<" or "![" of user text is backslash-escaped (reads fine, renders inert).
    assert not re.search(r"(?<!\\)<(script|img)|(?<!\\)!\[", md)
    html = MarkdownIt("commonmark", {"html": True}).enable("table").render(md)
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "&lt;script&gt;" in html
    assert "not a heading" in md and "<h1>not a heading" not in html


def test_terminal_shows_markup_and_escapes_literally(report: Report) -> None:
    plain = render_text(report, width=120)
    assert "[bold red]not markup[/bold red]" in plain
    assert "\x1b" not in plain and "␛[31mred" in plain
    coloured = render_text(report, width=120, color=True)
    assert "\x1b]8;" not in coloured  # no hyperlink escape smuggled in
    assert "evil.example\x1b" not in coloured


def test_csv_defuses_formulas_and_keeps_one_row_per_area(report: Report) -> None:
    rows = list(csv.DictReader(io.StringIO(render(report, "csv"))))
    assert len(rows) == len(report.areas)
    assert rows[0]["candidate_code"] == "'" + FORMULA
    assert all(not v.startswith(("=", "+", "@")) for row in rows for v in row.values())


def test_json_keeps_the_exact_text() -> None:
    report, text = hostile_report()
    data = json.loads(render(report, "json"))
    assert data["questions"][0]["notes"] == text
    assert data["candidate"]["name"] == f"{SCRIPT} {RTL}"
    assert data["score"]["justification"] == text


def test_every_sample_report_is_well_formed_html() -> None:
    from interview.reports.build import load_reports
    from tests.report_support import demo_db, session_ids

    db = demo_db()
    for r in load_reports(db, session_ids(db)):
        checker = check_html(render(r, "html"))
        assert checker.tags <= ALLOWED
