"""Imports run one way only: from the thin interfaces down to the pure parsers and records.

    cli, web            (interfaces: arguments in, a Doc out)
    stages              (orchestration: ingest, fetch, parse, OCR; the only layer that runs them together)
    report              (Docs and their formats)
    analysis            (SQL questions over the warehouse)
    warehouse           (DuckDB schema, loading, derived tables, snapshot)
    sources             (one module per source: spec and pure parser)
    ocr, resolve, archive (libraries: page images; matching names; the raw store)
    records, amounts, settings, pdftext (definitions shared by all)

A module may import its own layer or any layer below it, never one above. `ocr` knows
nothing of the warehouse, the archive or the sources; `archive` nothing of the sources.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "warstock"

LAYERS = {
    "records": 0, "amounts": 0, "settings": 0, "pdftext": 0,
    "ocr": 1, "resolve": 1, "archive": 1,
    "sources": 2,
    "warehouse": 3,
    "analysis": 4,
    "report": 5,
    "stages": 6,
    "cli": 7, "web": 7,
}
# libraries at the same level that must still not know each other
FORBIDDEN = {("ocr", "archive"), ("ocr", "resolve"), ("archive", "ocr"), ("resolve", "ocr"),
             ("archive", "resolve"), ("resolve", "archive")}


def _part(module: str) -> str:
    return module.split(".")[1] if module.startswith("warstock.") and "." in module else module


def imports() -> list[tuple[str, str, int]]:
    out = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).with_suffix("")
        mine = rel.parts[0]
        if mine == "__init__":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module] + ([f"{node.module}.{a.name}" for a in node.names] if node.module == "warstock"
                                         else [])
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            for name in names:
                if name.startswith("warstock.") or name == "warstock":
                    target = _part(name)
                    if target != "warstock":
                        out.append((f"{'/'.join(rel.parts)}", target, node.lineno))
    return out


def test_every_package_part_has_a_layer() -> None:
    parts = {p.stem if p.is_file() else p.name for p in SRC.iterdir()
             if (p.suffix == ".py" or p.is_dir()) and not p.name.startswith(("_", ".")) and p.name != "data"}
    assert parts <= set(LAYERS), parts - set(LAYERS)


def test_no_import_runs_back_up() -> None:
    found = imports()
    assert len(found) > 50  # the walk sees the package
    upward = []
    for module, target, line in found:
        mine = module.split("/")[0]
        if LAYERS[target] > LAYERS[mine] or (mine, target) in FORBIDDEN:
            upward.append(f"{module}:{line} imports warstock.{target}")
    assert not upward, "\n".join(upward)
