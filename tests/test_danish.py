"""Tests for graph.danish: Danish amounts, dates, phones and e-mails."""

from datetime import date
from decimal import Decimal

import pytest

from graph.danish import find_amounts, find_dates, find_emails, find_phones, parse_amount, parse_date, parse_number


@pytest.mark.parametrize(
    "text, value",
    [
        ("14 mio. kr.", Decimal("14000000")),
        ("9,5 mio. kr.", Decimal("9500000")),
        ("2,8 mia. kr.", Decimal("2800000000")),
        ("500.000 kr.", Decimal("500000")),
        ("1.250.000 kroner", Decimal("1250000")),
        ("11,2 millioner kroner", Decimal("11200000")),
        ("350 t.kr.", Decimal("350000")),
        ("DKK 5", Decimal("5")),  # currency before the number
        ("kr. 500.000", Decimal("500000")),
        ("tre millioner kroner", Decimal("3000000")),
        ("250.000,- kr.", Decimal("250000")),
        ("16 kommuner", None),
    ],
)
def test_parse_amount(text, value):
    assert parse_amount(text) == value


def test_amount_offsets_and_currency():
    text = "Budgettet er 28 mio. kr., heraf 1,5 mio. euro fra EU."
    found = find_amounts(text)
    assert [(a.value, a.currency) for a in found] == [(Decimal("28000000"), "DKK"), (Decimal("1500000"), "EUR")]
    for a in found:
        assert text[a.start : a.end] == a.text


def test_parse_number_rejects_words():
    with pytest.raises(ValueError):
        parse_number("fjorten")


@pytest.mark.parametrize(
    "text, value, precision",
    [
        ("1. december 2018", date(2018, 12, 1), "day"),
        ("21. november 2014", date(2014, 11, 21), "day"),
        ("den 3. jan. 2020", date(2020, 1, 3), "day"),
        ("marts 2017", date(2017, 3, 1), "month"),
        ("20-09-18", date(2018, 9, 20), "day"),
        ("20.09.2018", date(2018, 9, 20), "day"),
        ("2018-09-20", date(2018, 9, 20), "day"),
        ("stiftet i 2014", date(2014, 1, 1), "year"),
    ],
)
def test_parse_date(text, value, precision):
    d = parse_date(text)
    assert (d.value, d.precision) == (value, precision)


@pytest.mark.parametrize("text", ["31. juni 2020", "45-13-18", "2,8 mio. kr.", "i alt 17 netværk"])
def test_no_date(text):
    assert parse_date(text) is None


def test_dates_do_not_overlap_and_keep_offsets():
    text = "Bevillingen gælder fra 1. december 2018 til 30. november 2020."
    found = find_dates(text)
    assert [d.value for d in found] == [date(2018, 12, 1), date(2020, 11, 30)]
    assert all(text[d.start : d.end] == d.text for d in found)


def test_phones():
    text = "Kontakt: tlf. 26 45 43 78, +45 2920 1951 eller 0045 33112233. CVR 29979812."
    assert [p.value for p in find_phones(text)] == ["+4526454378", "+4529201951", "+4533112233"]


def test_emails():
    text = "Skriv til kf@livahealthcare.com eller Thomas.Clausen@rsyd.dk."
    found = find_emails(text)
    assert [e.value for e in found] == ["kf@livahealthcare.com", "thomas.clausen@rsyd.dk"]
    assert text[found[1].start : found[1].end] == "Thomas.Clausen@rsyd.dk"


def test_end_of_month_or_year_is_its_last_day():
    found = find_dates("Ordningen ophører med udgangen af februar 2028, og puljen lukker ved udgangen af 2030.")
    assert [(d.value, d.precision) for d in found] == [(date(2028, 2, 29), "day"), (date(2030, 12, 31), "day")]
    assert find_dates("udgangen af december 2027")[0].value == date(2027, 12, 31)
    # no "udgangen af": a month alone is its first day
    assert find_dates("i februar 2028")[0].value == date(2028, 2, 1)


def test_day_and_month_without_year_take_the_reference_year():
    ref = date(2025, 11, 20)
    found = find_dates("Tilmelding senest den 5/1, og kurset starter fra 12/12.", ref=ref)
    assert [(d.text, d.value) for d in found] == [("5/1", date(2026, 1, 5)), ("12/12", date(2025, 12, 12))]
    # a fraction or a date without preposition is no date; without ref nothing is guessed
    assert find_dates("Det tager 1/2 time, og 3/4 af deltagerne kom.", ref=ref) == []
    assert find_dates("Tilmelding senest den 5/1.") == []


def test_a_givers_totals_are_no_amounts_of_a_grant():
    text = (
        "Fonden fordeler 8 mio. kr. til idrætten. Samlet uddeles 8 mio. kr., og klubben IF Nord får 600.000 kroner. "
        "Fonden uddeler årligt cirka 40 millioner kroner."
    )
    assert [a.value for a in find_amounts(text)] == [Decimal("600000")]
    assert [a.value for a in find_amounts(text, totals=True)] == [Decimal(v) for v in ("8000000", "8000000", "600000", "40000000")]
    # a total a named recipient receives, or a budget, is kept
    kept = "Tre projekter modtager i alt 12 mio. kr. Projektet har et samlet budget på 5 mio. kr."
    assert [a.value for a in find_amounts(kept)] == [Decimal("12000000"), Decimal("5000000")]
