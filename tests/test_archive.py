from pathlib import Path

from ptrgen import Row, build_ptr
from warstock.archive import Archive, classify


def test_classify_follows_shared_data_layout() -> None:
    assert classify(Path("x/house/ptr/20027901.pdf")) == ("house_ptr", "20027901", None)
    assert classify(Path("x/house/ptr-scanned/8220906.pdf")) == ("house_ptr", "8220906", None)
    assert classify(Path("x/house/index/2025FD.xml")) == ("house_index", "2025FD", 2025)
    assert classify(Path("x/house/index/2024FD.zip")) == ("house_index", "2024FD", 2024)
    assert classify(Path("legislators-current_2025-06-17_65259e4.yaml"))[0] == "legislators"  # type: ignore[index]
    assert classify(Path("x/README.md")) is None


def test_ingest_twice_adds_nothing(tmp_path: Path) -> None:
    src = tmp_path / "data" / "house" / "ptr"
    src.mkdir(parents=True)
    pdf = build_ptr([Row(["A Co (A) [ST]"])])
    (src / "20000001.pdf").write_bytes(pdf)
    (src / "20000002.pdf").write_bytes(pdf + b"\n%")  # different bytes, different sha
    (tmp_path / "data" / "notes.txt").write_text("not a source")
    archive = Archive(tmp_path / "archive")
    first = archive.ingest([tmp_path / "data"])
    assert first.added == {"house_ptr": 2} and first.skipped and len(first.skipped) == 1
    again = Archive(tmp_path / "archive").ingest([tmp_path / "data"])
    assert again.added == {} and again.already == {"house_ptr": 2}
    entries = Archive(tmp_path / "archive").entries()
    assert len(entries) == 2
    e = next(e for e in entries if e.doc_id == "20000001")
    stored = archive.path_of(e.sha256)
    assert stored.read_bytes() == pdf and e.size_bytes == len(pdf)
    assert e.content_type == "application/pdf"
    assert len((tmp_path / "archive" / "manifest.jsonl").read_text().splitlines()) == 2


def test_official_url_uses_year_when_known(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "a")
    e, added = archive.add_bytes(b"%PDF-1.4", source="house_ptr", doc_id="20000001", origin="t", year=2025)
    assert added
    assert e.official_url == "https://disclosures-clerk.house.gov/public_disc/ptr-pdfs/2025/20000001.pdf"
