"""The registry of sources: an explicit list of modules, not import magic.

Each module declares ``SPEC`` (a ``SourceSpec``: what it reads, where the publisher serves it,
the raw tables it fills, its parser version, what a complete document looks like) and, when it
has a parser, ``parse``. Adding a source is adding its module here; nothing else changes.
A source without a parser yet is still archived and counted, so coverage can say what it has
not read.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from warstock.records import ParseResult
from warstock.sources import (
    committee_membership,
    committees,
    house_annual,
    house_annual_ocr,
    house_index,
    house_ptr,
    house_ptr_ocr,
    legislators,
    legislators_historical,
    peer_congress_trading_signal,
    peer_house_stock_watcher,
    senate_annual,
    senate_paper,
    senate_ptr,
    senate_ptr_ocr,
    votes,
)
from warstock.sources.spec import SourceSpec, Table

MODULES: tuple[ModuleType, ...] = (
    legislators, legislators_historical, committees, committee_membership, votes,  # who is who, where they sit
    house_index, house_ptr, house_ptr_ocr, house_annual, house_annual_ocr,  # the House Clerk
    senate_ptr, senate_paper, senate_ptr_ocr, senate_annual,  # the Senate's eFD
    peer_house_stock_watcher, peer_congress_trading_signal,  # other projects' data (`warstock import`)
)
SOURCES: dict[str, SourceSpec] = {m.SPEC.name: m.SPEC for m in MODULES}
_PARSERS: dict[str, Callable[..., ParseResult]] = {m.SPEC.name: m.parse for m in MODULES if hasattr(m, "parse")}


def parser(name: str) -> Callable[..., ParseResult]:
    """The source's ``parse`` function (KeyError for a source with no parser)."""
    return _PARSERS[name]


def tables(name: str) -> tuple[Table, ...]:
    """The raw tables a source fills (an OCR source fills those of the source it re-reads)."""
    spec = SOURCES[name]
    return SOURCES[spec.writes_like].tables if spec.writes_like else spec.tables


def build_order() -> list[str]:
    """Source names so that every source comes after what it declares it needs."""
    order: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in order:
            return
        if name in path:
            raise ValueError(f"sources depend on each other in a loop: {' -> '.join((*path, name))}")
        for dep in SOURCES[name].after:
            visit(dep, (*path, name))
        order.append(name)

    for name in SOURCES:
        visit(name, ())
    return order


def _check() -> None:
    for m in MODULES:
        spec = m.SPEC
        if spec.read_by is not None and not hasattr(m, "parse"):
            raise ValueError(f"source {spec.name} is read by {spec.read_by} but its module has no parse()")
        for dep in (*spec.after, *filter(None, (spec.reads, spec.writes_like))):
            if dep not in SOURCES:
                raise ValueError(f"source {spec.name} names an unknown source {dep!r}")
    build_order()


_check()
