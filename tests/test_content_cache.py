"""Validated content is kept between starts, and any change to the files is picked up."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from interview import paths
from interview.domain import loader
from interview.domain.content_cache import CACHE_FILE, load_content_cached
from interview.domain.errors import ContentError


@pytest.fixture
def content(tmp_path: Path) -> list[list[Path]]:
    """A private copy of the bundled content, so the tests can edit it."""
    rubrics = shutil.copytree(paths.bundled_rubrics_dir(), tmp_path / "rubrics")
    bank = shutil.copytree(paths.bundled_bank_dir(), tmp_path / "bank")
    return [[rubrics, bank]]


def parse_counter(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = loader.load_content

    def counting(layers):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(layers)

    monkeypatch.setattr(loader, "load_content", counting)
    return calls


def rename_question_title(bank: Path, new_title: str) -> None:
    path = bank / "ai_backend.yaml"
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.strip().startswith("title:"))
    path.write_text(text.replace(old, f"    title: {new_title}", 1), encoding="utf-8")


def test_unchanged_files_are_not_parsed_again(
    content: list[list[Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = parse_counter(monkeypatch)
    first = load_content_cached(content, tmp_path / "cache")
    second = load_content_cached(content, tmp_path / "cache")
    assert len(calls) == 1
    assert second.content == first.content and second.files == first.files


def test_an_edited_file_is_picked_up(
    content: list[list[Path]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bank = content[0][1]
    load_content_cached(content, tmp_path / "cache")
    rename_question_title(bank, "A title edited after the first start")
    result = load_content_cached(content, tmp_path / "cache")
    titles = {q.title for q in result.content.questions.values()}
    assert "A title edited after the first start" in titles


def test_a_new_file_is_picked_up(content: list[list[Path]], tmp_path: Path) -> None:
    before = load_content_cached(content, tmp_path / "cache")
    extra = content[0][1] / "nested" / "extra.yaml"
    extra.parent.mkdir()
    source = next(p for p in sorted(content[0][1].glob("*.yaml")))
    text = source.read_text(encoding="utf-8")
    # The same questions under new ids: a valid extra file.
    ids = [q.id for q in before.content.questions.values() if q.source.endswith(source.name)]
    for qid in ids:
        text = text.replace(f"id: {qid}\n", f"id: {qid}-copy\n")
    extra.write_text(text, encoding="utf-8")
    after = load_content_cached(content, tmp_path / "cache")
    assert after.files == before.files + 1
    assert {f"{qid}-copy" for qid in ids} <= set(after.content.questions)


def test_broken_content_is_reported_every_time_and_never_cached(
    content: list[list[Path]], tmp_path: Path
) -> None:
    broken = content[0][1] / "broken.yaml"
    broken.write_text("questions:\n  - id: [unclosed\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(ContentError) as caught:
            load_content_cached(content, tmp_path / "cache")
        assert any("broken.yaml" in p.file for p in caught.value.problems)
    assert not (tmp_path / "cache" / CACHE_FILE).exists()


def test_a_damaged_cache_file_is_ignored(content: list[list[Path]], tmp_path: Path) -> None:
    good = load_content_cached(content, tmp_path / "cache")
    (tmp_path / "cache" / CACHE_FILE).write_bytes(b"\x80\x05not a pickle at all")
    assert load_content_cached(content, tmp_path / "cache").content == good.content


def test_a_cache_that_cannot_be_written_still_loads(
    content: list[list[Path]], tmp_path: Path
) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    assert load_content_cached(content, blocker).content.questions
    assert load_content_cached(content, blocker).content.questions
