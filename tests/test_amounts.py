import pytest

from warstock.amounts import HOUSE_PTR_COLUMNS, BandError, band_label, fmt_range, is_statutory, parse_band


@pytest.mark.parametrize("text,low,high", [
    ("$1,001 - $15,000", 1_001, 15_000),
    ("$15,001 -\n$50,000", 15_001, 50_000),
    ("$5,000,001 - $25,000,000", 5_000_001, 25_000_000),
    ("Over $50,000,000", 50_000_001, None),
    ("Spouse/DC Over $1,000,000", 1_000_001, None),
    ("$1,000,001 +", 1_000_001, None),
    ("$1 - $1,000", 1, 1_000),
])
def test_parse_band(text: str, low: int, high: int | None) -> None:
    b = parse_band(text)
    assert (b.low, b.high) == (low, high)


@pytest.mark.parametrize("text", ["", "None", "a strike price of", "$50,000 - $1,000"])
def test_bad_bands_raise(text: str) -> None:
    with pytest.raises(BandError):
        parse_band(text)


def test_statutory() -> None:
    assert is_statutory(parse_band("$1,001 - $15,000"))
    assert is_statutory(parse_band("Over $50,000,000"))
    assert not is_statutory(parse_band("$1,002 - $15,000"))


def test_open_ended_bands_are_counted_beside_the_high() -> None:
    assert fmt_range(1_001 + 50_000_001, 15_000 + 50_000_001, 1).endswith("(+1 open-ended)")


def test_paper_form_columns_are_the_statutory_bands_in_printed_order() -> None:
    # the House paper form prints columns A-K: $1,001 - $15,000 ... Over $50,000,000, then Spouse/DC over $1M
    assert [c[2] for c in HOUSE_PTR_COLUMNS][:2] == ["$1,001 - $15,000", "$15,001 - $50,000"]
    assert HOUSE_PTR_COLUMNS[9] == (50_000_001, None, "Over $50,000,000")
    assert HOUSE_PTR_COLUMNS[10][:2] == (1_000_001, None) and len(HOUSE_PTR_COLUMNS) == 11
    assert all(is_statutory(parse_band(label)) for _, _, label in HOUSE_PTR_COLUMNS)
    assert band_label(1_001, 15_000) == "$1,001 - $15,000"


def test_unread_bands_are_counted_apart_not_as_open_ended() -> None:
    # an OCR row whose band was not read adds nothing to the range and is said so
    assert fmt_range(1_001, 15_000, 0, 2) == "$1K – $15K (+2 bands not read)"
    assert fmt_range(None, None, 0, 3) == "no band read (3 trades)"
    assert fmt_range(50_000_001, 50_000_001, 1, 1).endswith("(+1 open-ended) (+1 band not read)")


def test_negative_sums_and_open_ended_income_band() -> None:
    from warstock.amounts import fmt_usd

    assert fmt_usd(-2_003_941) == "-$2.0M" and fmt_range(-2_003_941, 377_400_000) == "-$2.0M – $377.4M"
    assert parse_band("Over $5,000,000").low == 5_000_001  # income band on annual reports
