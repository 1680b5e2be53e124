"""Ingest: register local files laid out like ``../shared/data`` in the archive.

Which source a file belongs to is decided by the sources' path rules (their specs); its
official URL by the source's URL pattern. Files no rule recognises are listed, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from warstock.archive import Archive, walk
from warstock.sources import SOURCES


def classify(path: Path) -> tuple[str, str, int | None] | None:
    """(source, doc_id, year) for a file laid out like ../shared/data, else None."""
    posix = path.as_posix()
    for spec in SOURCES.values():
        found = spec.match(posix)
        if found:
            return spec.name, found[0], found[1]
    return None


def layouts() -> list[str]:
    """The path rules, for a user whose files were not recognised."""
    return [f"{spec.name}: {rule}" for spec in SOURCES.values() for rule in spec.paths]


@dataclass
class IngestSummary:
    added: dict[str, int] = field(default_factory=dict)
    already: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def count(self, source: str, added: bool) -> None:
        bucket = self.added if added else self.already
        bucket[source] = bucket.get(source, 0) + 1


def ingest(archive: Archive, paths: Iterable[Path]) -> IngestSummary:
    paths = list(paths)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        raise FileNotFoundError(f"no such file or folder: {', '.join(missing)}")
    summary = IngestSummary()
    for path in walk(paths):
        kind = classify(path)
        if kind is None:
            summary.skipped.append(str(path))
            continue
        source, doc_id, year = kind
        _, added = archive.add_bytes(path.read_bytes(), source=source, doc_id=doc_id,
                                     origin=str(path.resolve()), year=year,
                                     official_url=SOURCES[source].url(doc_id, year))
        summary.count(source, added)
    return summary
