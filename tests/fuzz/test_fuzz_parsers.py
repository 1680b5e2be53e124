"""Fuzz tier: damaged copies of the synthetic House and Senate PTRs (tests/ptrgen.py,
tests/senategen.py) must fail with a reason, read as before, or carry a note; never change
silently, never hang, never raise. ~200 mutants from a fixed seed, each parse time-limited."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator

import pytest
from mutate import HTML_KINDS, PDF_KINDS, Runner, html_mutant, judge, pdf_mutant

from ptrgen import Row, build_ptr
from senategen import senate_ptr
from warstock.sources import house_ptr
from warstock.sources import senate_ptr as senate_parser

PER_KIND = 14  # x 7 kinds x 2 sources = 196 mutants
TIME_LIMIT = 10.0
# parsed as the pipeline parses: with the document's registered id
DOC_IDS = {"house_ptr": "20099999", "senate_ptr": "0165d493-3c0e-4404-a4f0-dd99c1f95160"}


def _house_docs() -> list[bytes]:
    two_pages = [Row([f"Company {i} Holdings Inc", f"(C{i}) [ST]"], cap_gains=i % 3 == 0, owner=["", "SP"][i % 2],
                     description=f"row {i}" if i % 4 == 1 else None) for i in range(16)]
    one_page = [Row(["Lockheed Martin Corporation Common Stock", "(LMT) [ST]"], type_text="S (partial)",
                    amount_lines=["$15,001 - $50,000"], subholding="Schwab IRA"),
                Row(["Duke Street LLC [OI]"], type_text="S", amount_lines=["$5,000,001 -", "$25,000,000"])]
    return [build_ptr(two_pages), build_ptr(one_page)]


def _senate_docs() -> list[bytes]:
    rows = [{"date": f"01/{i + 1:02d}/2025", "asset": f"Asset {i} Corp", "ticker": f"T{i}",
             "owner": ["Self", "Spouse", "Joint"][i % 3], "amount": ["$1,001 - $15,000", "$15,001 - $50,000"][i % 2]}
            for i in range(9)]
    return [senate_ptr("The Honorable Jane Roe (Senator)", "02/01/2025", rows, filed="02/03/2025"),
            senate_ptr("The Honorable John Doe", "03/01/2025", rows[:2], amendment=1)]


@pytest.fixture(scope="module")
def outcomes() -> Iterator[Counter[tuple[str, str, str]]]:
    rng = random.Random(20260302)
    counts: Counter[tuple[str, str, str]] = Counter()
    silent: list[str] = []
    for name, parse, docs, mutant, kinds in (("house_ptr", house_ptr.parse, _house_docs(), pdf_mutant, PDF_KINDS),
                                             ("senate_ptr", senate_parser.parse, _senate_docs(), html_mutant,
                                              HTML_KINDS)):
        runner = Runner(parse, TIME_LIMIT)
        try:
            originals = [runner.run(d, doc_id=DOC_IDS[name]) for d in docs]
            assert all(k == "ok" and o[0] == "parsed" for k, o in originals), originals
            for kind in kinds:
                for i in range(PER_KIND):
                    which = i % len(docs)
                    damaged = (html_mutant(docs[which], kind, rng, spare_highest=True) if mutant is html_mutant
                               else mutant(docs[which], kind, rng))
                    assert damaged is not None
                    outcome = judge(originals[which][1], runner.run(damaged, doc_id=DOC_IDS[name]))
                    counts[(name, kind, outcome)] += 1
                    if outcome in ("crash", "hang", "changed silently"):
                        silent.append(f"{name} {kind} mutant {i}: {outcome}")
        finally:
            runner.close()
    counts[("", "", "bad")] = len(silent)
    yield counts
    print("\n".join(f"{k}: {v}" for k, v in sorted(counts.items())))


def test_about_two_hundred_mutants(outcomes: Counter[tuple[str, str, str]]) -> None:
    total = sum(v for (name, _, _), v in outcomes.items() if name)
    assert total == PER_KIND * 7 * 2


def test_no_crash_no_hang_no_silent_change(outcomes: Counter[tuple[str, str, str]]) -> None:
    bad = {k: v for k, v in outcomes.items() if k[2] in ("crash", "hang", "changed silently")}
    assert not bad


def test_every_kind_does_damage(outcomes: Counter[tuple[str, str, str]]) -> None:
    # a mutation that never changes a parse would test nothing
    for name, kinds in (("house_ptr", PDF_KINDS), ("senate_ptr", HTML_KINDS)):
        for kind in kinds:
            same = outcomes[(name, kind, "unchanged")]
            assert same < PER_KIND, (name, kind)
