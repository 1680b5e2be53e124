"""Content-addressed archive of raw source documents, with a manifest of where each came from.

A document is stored once, under its sha256, and never modified. The manifest
(``manifest.jsonl``, one JSON object per line, append-only) says which source it belongs to,
its document id, the official URL, where warstock got it and when. Registering the same
document again adds nothing. Storage only: which source a file belongs to is decided by the
ingest stage from the sources' specs. Reads check the hash, so a damaged object is an error,
never silently different data.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path


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


class ArchiveError(Exception):
    """An archived object is missing or its bytes no longer match their hash."""


class Archive:
    def __init__(self, root: Path):
        self.root = root
        self.objects = root / "objects"
        self.manifest_path = root / "manifest.jsonl"
        self._entries: dict[tuple[str, str, str | None], Entry] | None = None
        self.damaged_lines: list[str] = []

    # -- reading ------------------------------------------------------------------------
    def entries(self) -> list[Entry]:
        return list(self._load().values())

    def _load(self) -> dict[tuple[str, str, str | None], Entry]:
        if self._entries is None:
            self._entries = {}
            if self.manifest_path.exists():
                with self.manifest_path.open(encoding="utf-8") as fh:
                    for n, line in enumerate(fh, start=1):
                        if not line.strip():
                            continue
                        try:
                            e = Entry(**json.loads(line))
                        except (ValueError, TypeError) as exc:  # a torn last line (a write cut short)
                            self.damaged_lines.append(f"manifest line {n}: {exc}")
                            continue
                        self._entries[e.key] = e
        return self._entries

    def path_of(self, sha256: str) -> Path:
        return self.objects / sha256[:2] / sha256

    def read(self, sha256: str) -> bytes:
        """The object's bytes, checked against its hash (ArchiveError if missing or damaged)."""
        return read_verified(self.path_of(sha256), sha256)

    # -- writing ------------------------------------------------------------------------
    def add_bytes(self, data: bytes, *, source: str, doc_id: str | None, origin: str,
                  year: int | None = None, official_url: str | None = None) -> tuple[Entry, bool]:
        """Store a document; returns its manifest entry and whether anything was added. Storing
        the bytes of an object that went missing or was damaged repairs it."""
        sha = hashlib.sha256(data).hexdigest()
        entries = self._load()
        target = self.path_of(sha)
        existing = entries.get((sha, source, doc_id))
        if existing is not None and target.exists() and _sha_of(target) == sha:
            return existing, False
        if not target.exists() or _sha_of(target) != sha:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, target)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        if existing is not None:
            return existing, True  # repaired: the manifest already has it
        entry = Entry(sha, source, doc_id, year, official_url, origin, len(data), sniff(data),
                      datetime.now(UTC).isoformat(timespec="seconds"))
        self.root.mkdir(parents=True, exist_ok=True)
        with self.manifest_path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(asdict(entry)) + "\n")
        entries[entry.key] = entry
        return entry, True


def _sha_of(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def read_verified(path: Path, sha256: str) -> bytes:
    """Bytes of an archived object, checked against the hash it is stored under."""
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise ArchiveError(f"archived object {sha256[:12]} is missing; ingest or fetch the original to repair it") \
            from exc
    except OSError as exc:
        raise ArchiveError(f"archived object {sha256[:12]} cannot be read: {exc}") from exc
    return check_bytes(data, sha256)


def check_bytes(data: bytes, sha256: str) -> bytes:
    """The bytes of an archived object, read here or sent from elsewhere, checked against their hash."""
    if hashlib.sha256(data).hexdigest() != sha256:
        raise ArchiveError(f"archived object {sha256[:12]} is damaged (its bytes no longer match their hash); "
                           "ingest or fetch the original to repair it")
    return data


def read_unverified(path: Path) -> bytes | None:
    """The bytes at an archive path as they are (None if unreadable), to send to a worker that
    checks them itself: the worker then records a missing or damaged object with its reason."""
    try:
        return path.read_bytes()
    except OSError:
        return None


def walk(paths: Iterable[Path]) -> Iterator[Path]:
    """Every file under the given files and folders, in a stable order."""
    for p in paths:
        if p.is_dir():
            for sub in sorted(p.rglob("*")):
                if sub.is_file():
                    yield sub
        elif p.is_file():
            yield p
