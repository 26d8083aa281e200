"""Single cells as people write them."""

from __future__ import annotations

import datetime as dt

import pytest

from dashboard.exchange import values
from dashboard.exchange.values import BadValue


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("52,37", 52.37),
        ("52.37", 52.37),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("-3,25", -3.25),
        (" 7 ", 7.0),
        ("1e-05", 1e-05),
        (6.5, 6.5),
        (7, 7.0),
        ("−3,5", -3.5),
    ],
)
def test_val001_decimal_comma_and_point(raw, expected):
    assert values.decimal(raw) == pytest.approx(expected)


@pytest.mark.parametrize("raw", ["zwölf", "1,2,3", "", "inf", "nan", "5 km"])
def test_val002_not_a_number(raw):
    with pytest.raises(BadValue):
        values.decimal(raw)


@pytest.mark.parametrize(
    "raw, expected", [("12", 12), ("12,0", 12), ("+3", 3), (4.0, 4), (-2, -2), ("12.0", 12)]
)
def test_val003_integers(raw, expected):
    assert values.integer(raw) == expected


@pytest.mark.parametrize("raw", ["12,5", "1.234", 2.5, "zwei", True])
def test_val004_not_integers(raw):
    with pytest.raises(BadValue):
        values.integer(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "13.06.2017",
        "13.6.2017",
        "2017-06-13",
        "2017-06-13 00:00:00",
        dt.datetime(2017, 6, 13),
        dt.date(2017, 6, 13),
    ],
)
def test_val005_dates(raw):
    assert values.date(raw) == dt.date(2017, 6, 13)


@pytest.mark.parametrize("raw", ["31.02.2017", "13/06/2017", "Juni 2017", "2017-13-01"])
def test_val006_not_dates(raw):
    with pytest.raises(BadValue):
        values.date(raw)


@pytest.mark.parametrize(
    "raw", ["Nordrhein-Westfalen", "NRW", "NW", "nrw", "05", "5", 5.0, "North Rhine-Westphalia"]
)
def test_val007_states(raw):
    assert values.state(raw) == "05"


def test_val008_unknown_state():
    with pytest.raises(BadValue) as error:
        values.state("Westfalen")
    assert error.value.key == "unknown_state"


def test_val009_ags_keeps_leading_zero():
    assert values.ags("07317000") == "07317000"
    assert values.ags(7317000) == "07317000"  # a spreadsheet dropped the zero
    assert values.ags("05 1 58 020") == "05158020"
    with pytest.raises(BadValue):
        values.ags("123")


def test_val010_websites_are_http_only():
    assert values.website("https://www.bonn.de") == "https://www.bonn.de"
    assert values.website("www.bonn.de/rathaus") == "https://www.bonn.de/rathaus"
    for bad in ("javascript:alert(1)", "mailto:a@b.de", "ftp://x.de", "keine Seite"):
        with pytest.raises(BadValue):
            values.website(bad)


def test_val011_neutralised_cells_come_back_unchanged():
    assert values.text("'=SUMME(A1)") == "=SUMME(A1)"
    assert values.text("'-Workshop") == "-Workshop"
    assert values.text("'normal") == "'normal"
    assert values.text(2017.0) == "2017"
