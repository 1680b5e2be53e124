"""The archive keeps every version of a document: a changed document supersedes, never overwrites."""

from __future__ import annotations

import json
from pathlib import Path

from warstock.archive import Archive

URL = "https://disclosures-clerk.house.gov/public_disc/financial-pdfs/2025FD.zip"


def add(archive: Archive, data: bytes, supersedes: str | None = None) -> tuple[str, bool]:
    entry, added = archive.add_bytes(data, source="house_index", doc_id="2025FD", origin="test", year=2025,
                                     official_url=URL, supersedes=supersedes)
    return entry.sha256, added


def test_a_new_version_supersedes_and_both_are_kept(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    a, _ = add(archive, b"PK\x03\x04 version A")
    b, added = add(archive, b"PK\x03\x04 version B", supersedes=a)
    assert added and a != b
    for reader in (archive, Archive(tmp_path)):  # as written, and as read back from the manifest
        assert [e.sha256 for e in reader.entries()] == [b]
        assert [e.sha256 for e in reader.superseded()] == [a]
        assert [e.sha256 for e in reader.history()] == [a, b]
        assert reader.read(a) == b"PK\x03\x04 version A" and reader.read(b) == b"PK\x03\x04 version B"
        current = reader.current("house_index", "2025FD")
        assert current is not None and current.sha256 == b and current.supersedes == a


def test_going_back_to_an_earlier_content_makes_that_object_current_again(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    a, _ = add(archive, b"PK\x03\x04 version A")
    b, _ = add(archive, b"PK\x03\x04 version B", supersedes=a)
    again, added = add(archive, b"PK\x03\x04 version A", supersedes=b)
    assert again == a and added  # a manifest line, no second copy
    reread = Archive(tmp_path)
    assert [e.sha256 for e in reread.entries()] == [a]
    assert [e.sha256 for e in reread.superseded()] == [b]
    assert len(list((tmp_path / "objects").rglob("*"))) == 4  # two objects, each in its folder
    assert add(reread, b"PK\x03\x04 version A", supersedes=b) == (a, False)  # already current: nothing added


def test_a_manifest_written_before_versions_reads_the_same(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    a, _ = add(archive, b"PK\x03\x04 version A")
    line = json.loads((tmp_path / "manifest.jsonl").read_text())
    assert "supersedes" not in line  # unversioned lines are as before
    assert [e.sha256 for e in Archive(tmp_path).entries()] == [a]


def test_a_torn_manifest_line_does_not_swallow_the_next(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    a, _ = add(archive, b"PK\x03\x04 version A")
    with (tmp_path / "manifest.jsonl").open("a") as fh:
        fh.write('{"sha256": "torn')  # a write cut short
    reopened = Archive(tmp_path)
    b, _ = add(reopened, b"PK\x03\x04 version B", supersedes=a)
    final = Archive(tmp_path)
    assert [e.sha256 for e in final.history()] == [a, b] and len(final.damaged_lines) == 1
