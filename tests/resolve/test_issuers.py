from datetime import date

from warstock.resolve.issuers import IssuerIndex, norm_name, norm_ticker

INDEX = IssuerIndex(
    tickers=[
        {"issuer_id": "rtx", "ticker": "RTX", "valid_from": None, "valid_to": None},
        {"issuer_id": "rtx", "ticker": "UTX", "valid_from": date(2007, 3, 5), "valid_to": date(2020, 4, 2)},
        {"issuer_id": "mog-a", "ticker": "MOG-A", "valid_from": None, "valid_to": None},
        {"issuer_id": "lmt", "ticker": "LMT", "valid_from": None, "valid_to": None},
    ],
    aliases=[{"issuer_id": "lmt", "alias": "Lockheed Martin Corp."},
             {"issuer_id": "gd", "alias": "GENERAL DYNAMICS CORP"}],
    issuers=[{"issuer_id": "ball", "name": "Ball"}],
)


def test_ticker_and_former_ticker_within_validity() -> None:
    assert INDEX.match("RTX", "RTX Corporation", date(2025, 1, 1)).method == "ticker"  # type: ignore[union-attr]
    m = INDEX.match("UTX", "United Technologies", date(2019, 5, 1))
    assert m is not None and m.issuer_id == "rtx" and m.method == "former_ticker"
    assert INDEX.match("UTX", "United Technologies", date(2021, 5, 1)) is None


def test_ticker_punctuation_variants() -> None:
    assert norm_ticker("MOG.A") == norm_ticker("MOG/A") == "MOG-A"
    assert INDEX.match("MOG.A", "Moog Inc Class A", date(2025, 1, 1)).issuer_id == "mog-a"  # type: ignore[union-attr]


def test_printed_ticker_outside_universe_is_not_matched_by_name() -> None:
    assert INDEX.match("LMTX", "Lockheed Martin Corp", date(2025, 1, 1)) is None


def test_name_match_only_without_ticker() -> None:
    m = INDEX.match(None, "Lockheed Martin Corporation Common Stock", date(2025, 1, 1))
    assert m is not None and m.issuer_id == "lmt" and m.method == "name"
    assert INDEX.match(None, "General Dynamics Corp 3.5% notes", None).issuer_id == "gd"  # type: ignore[union-attr]
    assert INDEX.match(None, "Ball State University bonds", None) is None  # "ball" is too short to match by name
    m = INDEX.match(None, "Lockheed Martin 3.5% notes due 2030", None)
    assert m is not None and m.issuer_id == "lmt" and m.method == "name_prefix"
    assert INDEX.match(None, "Ball Aerospace Employees Fund", None) is None  # one-word alias: exact only


def test_norm_name() -> None:
    assert norm_name("NORTHROP GRUMMAN CORP /DE/") == "northrop grumman"
    assert norm_name("The Boeing Company") == "boeing"
