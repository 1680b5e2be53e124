"""Content-addressed archive of raw source documents, with a manifest of where each came from.

A document is stored once, under its sha256, and never modified. The manifest
(``manifest.jsonl``, one JSON object per line, append-only) says which source it belongs to,
its document id, the official URL, where warstock got it and when. Registering the same
document again adds nothing. Storage only: which source a file belongs to is decided by the
ingest stage from the sources' specs. Reads check the hash, so a damaged object is an error,
never silently different data.

Versions. A publisher may change a document at the same URL (the Clerk's yearly index grows
all year; a page may be corrected). The new bytes are a new object with a manifest line that
names the object it ``supersedes``; both stay in the archive. ``entries()`` gives the current
documents (what the warehouse should read), ``history()`` every line ever registered, and
``superseded()`` the versions replaced. A document that goes back to an earlier content is
that earlier object made current again (a new manifest line), never a copy.
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
    supersedes: str | None = None  # sha256 of the earlier version of this document (same source, id, URL)

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
        self._history: list[Entry] = []
        self._superseded: set[tuple[str, str, str | None]] = set()
        self._by_doc: dict[tuple[str, str | None], list[Entry]] | None = None  # current versions, oldest first
        self.damaged_lines: list[str] = []

    # -- reading ------------------------------------------------------------------------
    def entries(self) -> list[Entry]:
        """The current documents: every registered one except versions a later one superseded."""
        entries = self._load()
        return [e for k, e in entries.items() if k not in self._superseded]

    def history(self) -> list[Entry]:
        """Every manifest line, in the order registered (superseded versions included)."""
        self._load()
        return list(self._history)

    def superseded(self) -> list[Entry]:
        """Versions replaced by a later version of the same document."""
        entries = self._load()
        return [entries[k] for k in sorted(self._superseded, key=str) if k in entries]

    def current(self, source: str, doc_id: str | None, official_url: str | None = None) -> Entry | None:
        """The current version of a document (with that official URL, when given): the one
        registered last, if several are current."""
        self._load()
        if self._by_doc is None:
            by_doc: dict[tuple[str, str | None], list[Entry]] = {}
            for e in self.entries():
                by_doc.setdefault((e.source, e.doc_id), []).append(e)
            order = {e.key: n for n, e in enumerate(self._history)}  # the last line of a key counts
            for found in by_doc.values():
                found.sort(key=lambda e: order.get(e.key, -1))
            self._by_doc = by_doc
        candidates = [e for e in self._by_doc.get((source, doc_id), [])
                      if official_url is None or e.official_url == official_url]
        return candidates[-1] if candidates else None

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
                        self._remember(e)
        return self._entries

    def _remember(self, e: Entry) -> None:
        assert self._entries is not None
        versioned = bool(e.supersedes) or e.key in self._superseded or e.key in self._entries
        self._entries[e.key] = e
        self._history.append(e)
        if e.supersedes:
            self._superseded.add((e.supersedes, e.source, e.doc_id))
        self._superseded.discard(e.key)
        if versioned:
            self._by_doc = None  # which versions are current changed: index again when asked
        elif self._by_doc is not None:
            self._by_doc.setdefault((e.source, e.doc_id), []).append(e)

    def path_of(self, sha256: str) -> Path:
        return self.objects / sha256[:2] / sha256

    def read(self, sha256: str) -> bytes:
        """The object's bytes, checked against its hash (ArchiveError if missing or damaged)."""
        return read_verified(self.path_of(sha256), sha256)

    # -- writing ------------------------------------------------------------------------
    def add_bytes(self, data: bytes, *, source: str, doc_id: str | None, origin: str,
                  year: int | None = None, official_url: str | None = None,
                  supersedes: str | None = None) -> tuple[Entry, bool]:
        """Store a document; returns its manifest entry and whether anything was added. Storing
        the bytes of an object that went missing or was damaged repairs it. ``supersedes``: the
        sha256 of the version of this document (same source and id) that these bytes replace;
        both stay archived, and only the new one is current."""
        sha = hashlib.sha256(data).hexdigest()
        entries = self._load()
        target = self.path_of(sha)
        key = (sha, source, doc_id)
        existing = entries.get(key)
        if supersedes == sha:
            supersedes = None
        reinstated = existing is not None and supersedes is not None and key in self._superseded
        if existing is not None and not reinstated and target.exists() and _sha_of(target) == sha:
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
        if existing is not None and not reinstated:
            return existing, True  # repaired: the manifest already has it
        entry = Entry(sha, source, doc_id, year, official_url, origin, len(data), sniff(data),
                      datetime.now(UTC).isoformat(timespec="seconds"), supersedes)
        self.root.mkdir(parents=True, exist_ok=True)
        line = asdict(entry)
        if supersedes is None:
            del line["supersedes"]  # a manifest written before versions existed reads the same
        append_line(self.manifest_path, json.dumps(line))
        self._remember(entry)
        return entry, True


def append_line(path: Path, text: str) -> None:
    """Append one line to a JSON-lines file, starting a new line first if the last write was
    cut short (so a torn line never swallows the next one)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+b") as fh:
        fh.seek(0, os.SEEK_END)
        torn = False
        if fh.tell():
            fh.seek(-1, os.SEEK_END)
            torn = fh.read(1) != b"\n"
        fh.write((b"\n" if torn else b"") + text.encode("utf-8") + b"\n")
        fh.flush()


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
