"""The schema: generated from the sources' specs, and changed without losing what did not change."""

from __future__ import annotations

from warstock.sources import SOURCES
from warstock.warehouse import db, schema


def test_every_source_table_is_in_the_schema_with_provenance() -> None:
    for spec in SOURCES.values():
        for t in spec.tables:
            names = schema.RAW[t.name].names
            assert names[-5:] == ["source_sha256", "source_doc_id", "source_url", "parser_version", "read_method"]
    assert "house_ptr" in schema.writers(["raw_house__transactions"])
    assert "house_ptr_ocr" in schema.writers(["raw_house__transactions"])  # OCR fills the same table


def test_a_changed_table_is_rebuilt_and_only_its_sources_parse_again() -> None:
    con = db.connect(None)
    con.execute("ALTER TABLE raw_votes__votes ADD COLUMN retired INTEGER")  # as made by an older schema
    con.execute("INSERT INTO raw_parse__documents (source, doc_id, source_sha256, status, parsed_at, read_method) "
                "VALUES ('votes', 'v', 's', 'parsed', now(), 'text'), ('house_ptr_ocr', 'p', 's', 'parsed', now(), "
                "'ocr')")
    con.execute("DROP TABLE raw_senate__holdings")  # a source added since
    db.ensure_schema(con)
    assert con.execute("SELECT source FROM raw_parse__documents").fetchall() == [("house_ptr_ocr",)]  # OCR kept
    cols = [r[0] for r in con.execute("DESCRIBE raw_votes__votes").fetchall()]
    assert "retired" not in cols and cols == schema.RAW["raw_votes__votes"].names
    assert con.execute("SELECT count(*) FROM raw_senate__holdings").fetchone() == (0,)
