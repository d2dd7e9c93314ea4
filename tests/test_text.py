"""Vietnamese numbers and dates, NFC and diacritic folding."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from dtdesktop.text import fold, format_date, format_number, format_percent, nfc, parse_date, parse_decimal


def test_numbers_and_dates_the_vietnamese_way():
    assert format_percent(34.8712) == "34,87%"
    assert format_percent(34.8712, "en") == "34.87%"
    assert format_number(1234567.5) == "1.234.567,5"
    assert format_number(20.0) == "20"
    assert format_date(dt.date(2025, 12, 31)) == "31/12/2025"


@pytest.mark.parametrize(
    ("text", "value"),
    [("34,87", 34.87), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("60", 60.0), (" 7 ", 7.0)],
)
def test_parse_decimal(text, value):
    assert parse_decimal(text) == value


def test_parse_date():
    assert parse_date("05/03/2026") == dt.date(2026, 3, 5)
    assert parse_date("2026-03-05") == dt.date(2026, 3, 5)
    with pytest.raises(ValueError):
        parse_date("5 tháng 3")


def test_nfc_and_fold():
    decomposed = unicodedata.normalize("NFD", "Thanh Hoá")
    assert nfc(decomposed) == "Thanh Hoá" != decomposed
    assert fold("Đông Sơn") == fold("dong son") == "dong son"
    assert fold("THANH HÓA") == fold("Thanh Hoá")
