"""Ingest and the archive: path rules from the sources' specs, idempotence, hashes checked on read."""

from pathlib import Path

import pytest

from ptrgen import Row, build_ptr
from warstock.archive import Archive, ArchiveError
from warstock.sources import SOURCES
from warstock.stages.ingest import classify, ingest


def test_classify_follows_shared_data_layout() -> None:
    assert classify(Path("x/house/ptr/20027901.pdf")) == ("house_ptr", "20027901", None)
    assert classify(Path("x/house/ptr-scanned/8220906.pdf")) == ("house_ptr", "8220906", None)
    assert classify(Path("x/house/index/2025FD.xml")) == ("house_index", "2025FD", 2025)
    assert classify(Path("x/house/index/2024FD.zip")) == ("house_index", "2024FD", 2024)
    assert classify(Path("legislators-current_2025-06-17_65259e4.yaml"))[0] == "legislators"  # type: ignore[index]
    assert classify(Path("x/committee-membership_2012-11-09_741fce9.yaml"))[0] == "committee_membership"  # type: ignore[index]
    assert classify(Path("x/committees-current_2013-01-15_2de1484.yaml"))[0] == "committees"  # type: ignore[index]
    assert classify(Path("x/senate/paper-images/abc.gif"))[0] == "senate_paper"  # type: ignore[index]
    assert classify(Path("x/README.md")) is None


def _data(tmp_path: Path) -> tuple[Path, bytes]:
    src = tmp_path / "data" / "house" / "ptr"
    src.mkdir(parents=True)
    pdf = build_ptr([Row(["A Co (A) [ST]"])])
    (src / "20000001.pdf").write_bytes(pdf)
    (src / "20000002.pdf").write_bytes(pdf + b"\n%")  # different bytes, different sha
    (tmp_path / "data" / "notes.txt").write_text("not a source")
    return tmp_path / "data", pdf


def test_ingest_twice_adds_nothing(tmp_path: Path) -> None:
    data, pdf = _data(tmp_path)
    archive = Archive(tmp_path / "archive")
    first = ingest(archive, [data])
    assert first.added == {"house_ptr": 2} and first.skipped == [str(data / "notes.txt")]
    again = ingest(Archive(tmp_path / "archive"), [data])
    assert again.added == {} and again.already == {"house_ptr": 2}
    entries = Archive(tmp_path / "archive").entries()
    assert len(entries) == 2
    e = next(e for e in entries if e.doc_id == "20000001")
    assert archive.read(e.sha256) == pdf and e.size_bytes == len(pdf)
    assert e.content_type == "application/pdf"
    assert len((tmp_path / "archive" / "manifest.jsonl").read_text().splitlines()) == 2


def test_ingest_of_a_missing_path_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nonexistent"):
        ingest(Archive(tmp_path / "a"), [tmp_path / "nonexistent"])


def test_official_url_is_built_by_the_source_spec() -> None:
    assert SOURCES["house_ptr"].url("20000001", 2025) == \
        "https://disclosures-clerk.house.gov/public_disc/ptr-pdfs/2025/20000001.pdf"
    assert SOURCES["house_ptr"].url("20000001", None) is None  # the year is learnt from the index later
    assert SOURCES["senate_ptr"].url("u-u-i-d", None) == "https://efdsearch.senate.gov/search/view/ptr/u-u-i-d/"


def test_damaged_or_missing_objects_are_errors_and_ingesting_the_original_repairs(tmp_path: Path) -> None:
    data, pdf = _data(tmp_path)
    archive = Archive(tmp_path / "archive")
    ingest(archive, [data])
    e = next(e for e in archive.entries() if e.doc_id == "20000001")
    path = archive.path_of(e.sha256)
    path.write_bytes(pdf[:200] + bytes([pdf[200] ^ 1]) + pdf[201:])  # one bit flipped in place
    with pytest.raises(ArchiveError, match="damaged"):
        archive.read(e.sha256)
    path.unlink()
    with pytest.raises(ArchiveError, match="missing"):
        archive.read(e.sha256)
    again = ingest(Archive(tmp_path / "archive"), [data])
    assert again.added == {"house_ptr": 1}  # the repaired one
    assert Archive(tmp_path / "archive").read(e.sha256) == pdf
    assert len((tmp_path / "archive" / "manifest.jsonl").read_text().splitlines()) == 2  # no duplicate entry


def test_a_torn_last_manifest_line_is_reported_and_tolerated(tmp_path: Path) -> None:
    data, _ = _data(tmp_path)
    ingest(Archive(tmp_path / "archive"), [data])
    manifest = tmp_path / "archive" / "manifest.jsonl"
    manifest.write_text(manifest.read_text() + '{"sha256": "ab')
    archive = Archive(tmp_path / "archive")
    assert len(archive.entries()) == 2 and len(archive.damaged_lines) == 1
