"""Import: load other projects' parsed data (their files, not the official documents) into the
warehouse, each row labelled with its origin.

Each file is archived like a document (content-addressed; its sha256 is every row's
provenance; the doc id is the file's name), parsed by its format's source module and loaded in
one transaction, then everything derived is rebuilt. Importing the same file again adds
nothing and parses nothing; importing a changed file of the same name replaces the earlier
version's rows. A file that cannot be read (missing, not the format, broken) is a recorded
failure with its reason, and the other files are still imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import duckdb

from warstock.archive import Archive
from warstock.records import ParseResult
from warstock.sources import peer_congress_trading_signal, peer_house_stock_watcher
from warstock.stages.parse import load_manifest
from warstock.warehouse import derive
from warstock.warehouse.load import load_document

FORMATS: dict[str, ModuleType] = {m.FORMAT: m for m in (peer_house_stock_watcher, peer_congress_trading_signal)}


@dataclass
class ImportSummary:
    imported: list[str] = field(default_factory=list)  # files parsed and loaded now
    unchanged: list[str] = field(default_factory=list)  # already imported by the current parser
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)


def import_files(archive: Archive, con: duckdb.DuckDBPyConnection, fmt: str, paths: list[Path],
                 *, force: bool = False) -> ImportSummary:
    module = FORMATS[fmt]
    spec = module.SPEC
    summary = ImportSummary()
    done = set(con.execute("SELECT source_sha256, doc_id FROM raw_parse__documents WHERE source = ? AND "
                           "parser_version = ?", [spec.name, spec.parser_version]).fetchall())
    for path in paths:
        name = path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            summary.failed.append((str(path), f"cannot read the file: {exc.strerror or exc}"))
            continue
        entry, _ = archive.add_bytes(data, source=spec.name, doc_id=name, origin=str(path.resolve()))
        if not force and (entry.sha256, name) in done:
            summary.unchanged.append(name)
            continue
        try:
            result: ParseResult = module.parse(data, doc_id=name)
        except Exception as exc:  # a parser bug fails this file, not the run
            result = ParseResult("failed", f"parser error: {type(exc).__name__}: {exc}")
        loaded = load_document(con, source=spec.name, sha256=entry.sha256, doc_id=name, official_url=None,
                               result=result)
        if loaded.status == "failed":
            summary.failed.append((name, loaded.reason or "failed"))
        else:
            summary.imported.append(name)
    load_manifest(con, archive.entries())
    derive.refresh(con)
    return summary
