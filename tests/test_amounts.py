import pytest

from warstock.amounts import BandError, MoneyRange, fmt_range, is_statutory, parse_band, total


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


def test_total_is_sum_of_lows_and_highs_with_open_ended_counted() -> None:
    r = total([parse_band("$1,001 - $15,000"), parse_band("$15,001 - $50,000"),
               parse_band("Over $50,000,000")])
    assert r == MoneyRange(1_001 + 15_001 + 50_000_001, 15_000 + 50_000 + 50_000_001, 1)
    assert r + MoneyRange(1, 2, 0) == MoneyRange(r.low + 1, r.high + 2, 1)
    assert fmt_range(r.low, r.high, r.open_ended).endswith("(+1 open-ended)")


def test_unread_bands_are_counted_apart_not_as_open_ended() -> None:
    # an OCR row whose band was not read adds nothing to the range and is said so
    assert fmt_range(1_001, 15_000, 0, 2) == "$1K – $15K (+2 bands not read)"
    assert fmt_range(None, None, 0, 3) == "no band read (3 trades)"
    assert fmt_range(50_000_001, 50_000_001, 1, 1).endswith("(+1 open-ended) (+1 band not read)")
