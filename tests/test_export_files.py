"""Export files are written whole or not at all, and never over a file unless asked."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from interview.reports import files
from interview.reports.files import ExportError, write_file


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_new_file_gets_the_text_and_is_private(tmp_path: Path) -> None:
    mask = os.umask(0o022)  # even with the usual umask: a report is candidate data
    try:
        out = write_file(tmp_path / "report.md", "# Report\n🙂 שלום\n")
    finally:
        os.umask(mask)
    assert out.read_text(encoding="utf-8") == "# Report\n🙂 שלום\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert names(tmp_path) == ["report.md"]


def test_an_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    out.write_text("earlier report\n")
    with pytest.raises(ExportError, match="already exists; use --force"):
        write_file(out, "new\n")
    assert out.read_text() == "earlier report\n"
    assert names(tmp_path) == ["report.md"]


def test_force_replaces_the_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    out.write_text("earlier report\n")
    out.chmod(0o640)
    write_file(out, "new\n", force=True)
    assert out.read_text() == "new\n"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
    assert names(tmp_path) == ["report.md"]


@pytest.mark.parametrize("existing", [False, True])
def test_a_full_disk_leaves_no_partial_file_and_the_old_one_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool
) -> None:
    out = tmp_path / "panel.md"
    if existing:
        out.write_text("earlier report\n")

    def full(fd: int) -> None:  # the kernel reports the lost write when the data is synced
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full)
    with pytest.raises(ExportError) as caught:
        write_file(out, "x" * 100_000, force=True)
    message = str(caught.value)
    assert str(out) in message and "disk is full" in message and "\n" not in message
    assert names(tmp_path) == (["panel.md"] if existing else [])
    if existing:
        assert out.read_text() == "earlier report\n"


def test_a_symlink_is_written_through_with_force(tmp_path: Path) -> None:
    real = tmp_path / "shared" / "latest.md"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "latest.md"
    link.symlink_to(real)
    write_file(link, "new\n", force=True)
    assert link.is_symlink() and real.read_text() == "new\n"
    assert names(real.parent) == ["latest.md"]


def test_a_device_is_written_into_not_replaced() -> None:
    write_file(Path("/dev/null"), "discarded\n", force=True)
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_a_missing_folder_or_a_folder_name_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="no such folder"):
        write_file(tmp_path / "nope" / "report.md", "x")
    with pytest.raises(ExportError, match="is a folder"):
        write_file(tmp_path, "x")
