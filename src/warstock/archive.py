"""Content-addressed archive of raw source documents, with a manifest of where each came from.

A document is stored once, under its sha256, and never modified. The manifest
(``manifest.jsonl``, one JSON object per line, append-only) says which source it belongs to,
its document id, the official URL, where warstock got it and when. Registering the same
document again adds nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from warstock.sources import SOURCES


@dataclass(frozen=True, slots=True)
class Entry:
    sha256: str
    source: str
    doc_id: str | None
    year: int | None
    official_url: str | None
    origin: str
    size_bytes: int
    content_type: str
    registered_at: str

    @property
    def key(self) -> tuple[str, str, str | None]:
        return (self.sha256, self.source, self.doc_id)


def sniff(data: bytes) -> str:
    head = data[:512].lstrip(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"%PDF"):
        return "application/pdf"
    if data[:4] == b"PK\x03\x04":
        return "application/zip"
    if head.startswith(b"GIF8"):
        return "image/gif"
    if head.startswith(b"\x89PNG"):
        return "image/png"
    lower = head[:200].lower()
    if lower.startswith(b"<?xml"):
        return "application/xml"
    if b"<html" in lower or b"<!doctype html" in lower:
        return "text/html"
    if not data:
        return "application/x-empty"
    return "application/octet-stream"


# Local layout mirrors ../shared/data; each rule: (regex on the POSIX path, source, year group)
_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:^|/)(?P<doc>(?P<year>\d{4})FD)\.(?:xml|txt|zip)$", re.I), "house_index"),
    (re.compile(r"(?:^|/)house/ptr(?:-scanned)?/(?P<doc>\d+)\.pdf$", re.I), "house_ptr"),
    (re.compile(r"(?:^|/)legislators-current_(?P<doc>[^/]+)\.yaml$", re.I), "legislators"),
    (re.compile(r"(?:^|/)committee-membership(?:-current)?_(?P<doc>[^/]+)\.yaml$", re.I), "committee_membership"),
    (re.compile(r"(?:^|/)committees-current_(?P<doc>[^/]+)\.yaml$", re.I), "committees"),
    (re.compile(r"(?:^|/)votes/(?P<doc>[^/]+)\.tar\.gz$", re.I), "votes"),
    (re.compile(r"(?:^|/)(?P<doc>roll\d+|vote_\d+_\d+_\d+)\.xml$", re.I), "votes"),
    (re.compile(r"(?:^|/)house/annual/(?P<doc>\d+)\.pdf$", re.I), "house_annual"),
    (re.compile(r"(?:^|/)senate/ptr/(?P<doc>[0-9a-f-]{36})\.html?$", re.I), "senate_ptr"),
    (re.compile(r"(?:^|/)senate/annual/(?P<doc>[^/]+)\.html?$", re.I), "senate_annual"),
    (re.compile(r"(?:^|/)senate/paper-images/(?P<doc>[^/]+)\.gif$", re.I), "senate_paper"),
]


def classify(path: Path) -> tuple[str, str, int | None] | None:
    """(source, doc_id, year) for a file laid out like ../shared/data, else None."""
    posix = path.as_posix()
    for rx, source in _RULES:
        m = rx.search(posix)
        if m:
            year = m.groupdict().get("year")
            return source, m.group("doc"), int(year) if year else None
    return None


class Archive:
    def __init__(self, root: Path):
        self.root = root
        self.objects = root / "objects"
        self.manifest_path = root / "manifest.jsonl"
        self._entries: dict[tuple[str, str, str | None], Entry] | None = None

    # -- reading ------------------------------------------------------------------------
    def entries(self) -> list[Entry]:
        return list(self._load().values())

    def _load(self) -> dict[tuple[str, str, str | None], Entry]:
        if self._entries is None:
            self._entries = {}
            if self.manifest_path.exists():
                with self.manifest_path.open(encoding="utf-8") as fh:
                    for line in fh:
                        if line.strip():
                            e = Entry(**json.loads(line))
                            self._entries[e.key] = e
        return self._entries

    def path_of(self, sha256: str) -> Path:
        return self.objects / sha256[:2] / sha256

    def read(self, sha256: str) -> bytes:
        return self.path_of(sha256).read_bytes()

    # -- writing ------------------------------------------------------------------------
    def add_bytes(self, data: bytes, *, source: str, doc_id: str | None, origin: str,
                  year: int | None = None, official_url: str | None = None) -> tuple[Entry, bool]:
        """Store a document; returns its manifest entry and whether anything was added."""
        if source not in SOURCES:
            raise ValueError(f"unknown source {source!r}")
        sha = hashlib.sha256(data).hexdigest()
        entries = self._load()
        existing = entries.get((sha, source, doc_id))
        if existing is not None:
            return existing, False
        target = self.path_of(sha)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        if official_url is None and doc_id is not None:
            official_url = SOURCES[source].official_url(doc_id, year)
        entry = Entry(sha, source, doc_id, year, official_url, origin, len(data), sniff(data),
                      datetime.now(UTC).isoformat(timespec="seconds"))
        self.root.mkdir(parents=True, exist_ok=True)
        with self.manifest_path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(asdict(entry)) + "\n")
        entries[entry.key] = entry
        return entry, True

    def ingest(self, paths: Iterable[Path]) -> IngestSummary:
        summary = IngestSummary()
        for path in _walk(paths):
            kind = classify(path)
            if kind is None:
                summary.skipped.append(str(path))
                continue
            source, doc_id, year = kind
            _, added = self.add_bytes(path.read_bytes(), source=source, doc_id=doc_id,
                                      origin=str(path.resolve()), year=year)
            summary.count(source, added)
        return summary


@dataclass
class IngestSummary:
    added: dict[str, int] = field(default_factory=dict)
    already: dict[str, int] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)

    def count(self, source: str, added: bool) -> None:
        bucket = self.added if added else self.already
        bucket[source] = bucket.get(source, 0) + 1


def _walk(paths: Iterable[Path]) -> Iterator[Path]:
    for p in paths:
        if p.is_dir():
            for sub in sorted(p.rglob("*")):
                if sub.is_file():
                    yield sub
        elif p.is_file():
            yield p
