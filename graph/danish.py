"""Danish amounts, dates, phone numbers and e-mail addresses in free text.

Pure functions used by :mod:`graph.ingest` (and the importers) to turn the way
Danish press releases write numbers into typed values: ``"14 mio. kr."`` is
``Decimal("14000000")``, ``"1. december 2018"`` is ``2018-12-01``.

Examples
--------
>>> parse_amount("9,5 mio. kr.")
Decimal('9500000')
>>> parse_date("1. december 2018")
DateValue(value=datetime.date(2018, 12, 1), precision='day')
>>> [m.value for m in find_phones("tlf. 26 45 43 78 eller +45 2920 1951")]
['+4526454378', '+4529201951']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation

__all__ = [
    "MONTHS",
    "Amount",
    "DateValue",
    "DateMention",
    "Contact",
    "parse_number",
    "parse_amount",
    "find_amounts",
    "parse_date",
    "complete_date",
    "find_dates",
    "find_phones",
    "find_emails",
]

#: Danish month names and abbreviations -> month number
MONTHS: dict[str, int] = {}
for _i, _name in enumerate(
    [
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ],
    start=1,
):
    MONTHS[_name] = _i
    MONTHS[_name[:3]] = _i
MONTHS["sept"] = 9

_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))

# A Danish number: 14 | 9,5 | 500.000 | 1.250.000,50 | 2.8 (dot as decimal, rare)
_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?|\d+\.\d{1,2}(?!\d)"
_SCALES: dict[str, Decimal] = {
    "mio": Decimal(10) ** 6,
    "mill": Decimal(10) ** 6,
    "million": Decimal(10) ** 6,
    "millioner": Decimal(10) ** 6,
    "mia": Decimal(10) ** 9,
    "mrd": Decimal(10) ** 9,
    "milliard": Decimal(10) ** 9,
    "milliarder": Decimal(10) ** 9,
    "t": Decimal(10) ** 3,
    "tusind": Decimal(10) ** 3,
    "tusinde": Decimal(10) ** 3,
}
_SCALE = r"(?P<scale>milliarder|milliard|millioner|million|mill\.?|mio\.?|mia\.?|mrd\.?|tusinde?|t\.)"
_CURRENCY = r"(?P<cur>kr\.?|(?:danske\s+)?kroner|DKK|EUR|euro|€)"
_AMOUNT_RE = re.compile(
    rf"(?<![\w.,])(?P<num>{_NUMBER})(?:,-)?\s*(?:{_SCALE}\s*)?{_CURRENCY}(?!\w)",
    re.IGNORECASE,
)
# currency first: "DKK 2,5 mio.", "kr. 500.000", "EUR 3 mio."
_AMOUNT_PREFIX_RE = re.compile(
    rf"(?<![\w.])(?P<cur>DKK|kr\.|EUR|€)\s?(?P<num>{_NUMBER})(?:,-)?(?:\s*{_SCALE})?(?!\w|[.,]\d)",
    re.IGNORECASE,
)
# a number word and a scale: "tre millioner kroner", "halvanden mia. kr."
_NUMBER_WORDS = {
    "en": 1, "et": 1, "én": 1, "ét": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8,
    "ni": 9, "ti": 10, "elleve": 11, "tolv": 12, "femten": 15, "tyve": 20, "halvanden": Decimal("1.5"),
}
_AMOUNT_WORD_RE = re.compile(
    rf"(?<![\w.,])(?P<word>{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})\s+{_SCALE}\s*{_CURRENCY}(?!\w)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Amount:
    """An amount of money found in a text.

    Attributes
    ----------
    start, end : int
        Character offsets of the mention (``text[start:end]``).
    text : str
        The mention as written.
    value : decimal.Decimal
        The amount in units of ``currency``.
    currency : str
        ``"DKK"`` or ``"EUR"``.
    """

    start: int
    end: int
    text: str
    value: Decimal
    currency: str


@dataclass(frozen=True)
class DateValue:
    """A date with its precision (``"day"``, ``"month"`` or ``"year"``).

    ``value`` is the first day of the month or year when the precision is
    coarser than a day.
    """

    value: date
    precision: str


@dataclass(frozen=True)
class DateMention:
    """A date found in a text, with character offsets."""

    start: int
    end: int
    text: str
    value: date
    precision: str

    @property
    def last_day(self) -> date:
        """The last day the mention covers: the date itself, or the end of its month or year.

        >>> find_dates("til februar 2027")[0].last_day
        datetime.date(2027, 2, 28)
        """
        if self.precision == "day":
            return self.value
        stated = self.value.isoformat()[: 7 if self.precision == "month" else 4]
        return date.fromisoformat(complete_date(stated, end=True))


@dataclass(frozen=True)
class Contact:
    """A phone number or e-mail address found in a text.

    ``value`` is normalised: ``+45`` and eight digits for phones, the
    lower-cased address for e-mails.
    """

    start: int
    end: int
    text: str
    value: str
    kind: str


def parse_number(text: str) -> Decimal:
    """Parse a number written the Danish way.

    ``.`` groups thousands and ``,`` is the decimal mark; a single ``.``
    followed by one or two digits is read as a decimal point (``"2.8"``).

    Parameters
    ----------
    text : str

    Returns
    -------
    decimal.Decimal

    Raises
    ------
    ValueError
        If ``text`` is not a number.

    Examples
    --------
    >>> parse_number("500.000")
    Decimal('500000')
    >>> parse_number("9,5")
    Decimal('9.5')
    >>> parse_number("1.250.000,50")
    Decimal('1250000.50')
    >>> parse_number("2.8")
    Decimal('2.8')
    >>> parse_number("mange")
    Traceback (most recent call last):
    ...
    ValueError: not a number: 'mange'
    """
    t = text.strip().replace(" ", "").replace("\u00a0", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", t):
        t = t.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d+(?:,\d+)?", t):
        t = t.replace(",", ".")
    elif not re.fullmatch(r"\d+\.\d{1,2}", t):
        raise ValueError(f"not a number: {text!r}")
    try:
        return Decimal(t)
    except InvalidOperation:  # pragma: no cover - guarded by the patterns above
        raise ValueError(f"not a number: {text!r}") from None


def _amount_from_match(m: re.Match) -> Amount:
    if "word" in m.re.groupindex:
        value = Decimal(_NUMBER_WORDS[m.group("word").lower()])
    else:
        value = parse_number(m.group("num"))
    scale = m.group("scale")
    if scale:
        value = value * _SCALES[scale.lower().rstrip(".")]
    cur = m.group("cur").lower()
    currency = "EUR" if cur in ("eur", "euro", "€") else "DKK"
    value = value.normalize()
    if value == value.to_integral_value():
        value = value.quantize(Decimal(1))
    return Amount(m.start(), m.end(), m.group(0), value, currency)


# a giver's total for a round or a year, no sum of one grant: "I alt uddeles N",
# "fonden uddeler hvert år omkring N", "fordeler i alt N"
_TOTAL_BEFORE = re.compile(
    r"(?:\b(?:uddel|fordel)\w*\s+(?:i\s+alt|samlet|hvert\s+år|årligt|om\s+året)"
    r"|\b(?:[Ii]\s+alt|[Ss]amlet|[Hh]vert\s+år|[Åå]rligt)\s+(?:uddel|fordel)\w*)"
    r"\s+(?:(?:omkring|cirka|ca\.|godt|knap|over|mere\s+end|op\s+mod)\s+)?$"
)


def _is_total(text: str, a: Amount) -> bool:
    return bool(_TOTAL_BEFORE.search(text[max(0, a.start - 60) : a.start]))


def find_amounts(text: str, *, totals: bool = False) -> list[Amount]:
    """Every amount of money in ``text``, in order.

    A giver's total for a round or a year (``I alt uddeles 11,3 mio. kr.``,
    ``fonden uddeler hvert år omkring 25 mio. kr.``) is no sum of a grant,
    budget or investment: it is left out, and so is every other mention of
    the same sum (a headline's ``Fond uddeler 11,3 millioner kroner``),
    unless ``totals`` is true.

    Parameters
    ----------
    text : str
    totals : bool
        Also report a giver's totals.

    Returns
    -------
    list of Amount

    Examples
    --------
    >>> [(a.text, a.value) for a in find_amounts("28 mio. kr., hvoraf 2,8 mio. kr. fra regionen")]
    [('28 mio. kr.', Decimal('28000000')), ('2,8 mio. kr.', Decimal('2800000'))]
    >>> find_amounts("2,8 mia. kr.")[0].value
    Decimal('2800000000')
    >>> find_amounts("500.000 kroner")[0].value
    Decimal('500000')
    >>> find_amounts("1,5 mio. euro")[0].currency
    'EUR'
    >>> find_amounts("i 2018 og 16 kommuner")
    []
    >>> [(a.text, a.value, a.currency) for a in find_amounts("DKK 2,5 mio., kr. 500.000, EUR 3 mio. og tre millioner kroner")]
    [('DKK 2,5 mio.', Decimal('2500000'), 'DKK'), ('kr. 500.000', Decimal('500000'), 'DKK'), ('EUR 3 mio.', Decimal('3000000'), 'EUR'), ('tre millioner kroner', Decimal('3000000'), 'DKK')]
    >>> [a.value for a in find_amounts("250.000,- kr. og 18,4 millioner danske kroner")]
    [Decimal('250000'), Decimal('18400000')]
    >>> t = "Fonden uddeler 3 mio. kr. I alt uddeles 3 mio. kr., og Projekt A får 1 mio. kr."
    >>> [a.value for a in find_amounts(t)], len(find_amounts(t, totals=True))
    ([Decimal('1000000')], 3)
    """
    found: list[Amount] = []
    for rx in (_AMOUNT_RE, _AMOUNT_WORD_RE, _AMOUNT_PREFIX_RE):
        for m in rx.finditer(text):
            if not any(a.start < m.end() and m.start() < a.end for a in found):
                found.append(_amount_from_match(m))
    if not totals:
        sums = {(a.value, a.currency) for a in found if _is_total(text, a)}
        found = [a for a in found if (a.value, a.currency) not in sums]
    return sorted(found, key=lambda a: a.start)


def parse_amount(text: str) -> Decimal | None:
    """The value of the first amount in ``text`` (DKK or EUR), or ``None``.

    Examples
    --------
    >>> parse_amount("14 mio. kr.")
    Decimal('14000000')
    >>> parse_amount("9,5 mio. kr.")
    Decimal('9500000')
    >>> parse_amount("2,8 mia. kr.")
    Decimal('2800000000')
    >>> parse_amount("500.000 kr.")
    Decimal('500000')
    >>> parse_amount("350 t.kr.")
    Decimal('350000')
    >>> parse_amount("ingen penge") is None
    True
    """
    found = find_amounts(text)
    return found[0].value if found else None


_DAY_MONTH_YEAR = re.compile(
    rf"(?<![\d,.])(?P<d>[0-3]?\d)\.?\s*(?P<m>{_MONTH_ALT})\.?\s+(?P<y>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(
    rf"(?<![\w.])(?P<m>{_MONTH_ALT})\.?\s+(?P<y>(?:19|20)\d\d)(?!\d)",
    re.IGNORECASE,
)
_NUMERIC = re.compile(
    r"(?<![\d.,-])(?P<d>[0-3]?\d)(?P<sep>[-./])(?P<m>[01]?\d)(?P=sep)(?P<y>(?:19|20)?\d\d)(?![\d,]|\.\d)"
)
# "1/3-2026", "1/3 2026": day/month and a four-digit year
_SLASH = re.compile(r"(?<![\d/.,-])(?P<d>[0-3]?\d)/(?P<m>[01]?\d)[-\s](?P<y>(?:19|20)\d\d)(?!\d)")
_ISO = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)")
_YEAR = re.compile(
    r"\b(?:i|fra|siden|til|år|året|in|since)\s(?P<y>(?:19|20)\d\d)(?![\d.,]\d|\s*(?:mio|mia|kr))",
    re.IGNORECASE,
)


def _make(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _year(y: str) -> int:
    return int(y) + 2000 if len(y) == 2 else int(y)


# "med udgangen af januar 2029", "til udgangen af 2027": the last day of that month or year
_END_OF = re.compile(
    rf"\budgangen\s+af\s+(?:(?P<m>{_MONTH_ALT})\.?\s+)?(?P<y>(?:19|20)\d\d)(?![\d.,]\d|\s*(?:mio|mia|kr))",
    re.IGNORECASE,
)
# "fra 1/2", "den 3/9": a day and month after a preposition, the year from a reference date
_DAY_MONTH = re.compile(
    r"\b(?:fra|til|den|d\.|pr\.|per|efter|inden|senest|før)\s+(?P<dm>(?P<d>[0-3]?\d)/(?P<m>[01]?\d))(?![\d/-]|\s*\d)",
    re.IGNORECASE,
)


def _end_of(y: int, m: int | None) -> date:
    if m is None or m == 12:
        return date(y, 12, 31)
    return date(y, m + 1, 1) - timedelta(days=1)


def _near(ref: date, m: int, d: int) -> date | None:
    """Day ``d`` of month ``m`` in the year that puts it nearest ``ref``
    (a release in December speaks of "1/2" of the next year)."""
    cands = [v for v in (_make(ref.year + k, m, d) for k in (-1, 0, 1)) if v is not None]
    return min(cands, key=lambda v: abs((v - ref).days)) if cands else None


_YEAR_RANGE = re.compile(r"(?<![\d.,/-])(?P<a>(?:19|20)\d{2})\s?[-–]\s?(?P<b>(?:19|20)\d{2})(?![\d.,/-]\d)")


def find_dates(text: str, *, years: bool = True, ref: date | None = None) -> list[DateMention]:
    """Every date in ``text``, in order, with its precision.

    Recognises ``1. december 2018`` (day), ``marts 2017`` (month), the
    numeric header forms ``20-09-18`` / ``20.09.2018`` (day, two-digit years
    are 20xx), ISO ``2018-09-20``, and, when ``years`` is true, a bare year
    after ``i``, ``fra``, ``siden``, ``til`` (``stiftet i 2014``).

    Parameters
    ----------
    text : str
    years : bool
        Also report bare years (precision ``"year"``).
    ref : datetime.date, optional
        The text's own date: a day and month without a year after a
        preposition (``fra 1/2``, ``den 3/9``) is read in the year that puts
        it nearest this date; without ``ref`` such dates are not reported.

    Returns
    -------
    list of DateMention
        Non-overlapping; the longest, most precise reading wins.

    Examples
    --------
    >>> [(d.text, d.value.isoformat(), d.precision) for d in find_dates(
    ...     "Fra 1. december 2018 til 30. november 2020; stiftet i marts 2017 og i 2014.")]
    [('1. december 2018', '2018-12-01', 'day'), ('30. november 2020', '2020-11-30', 'day'), ('marts 2017', '2017-03-01', 'month'), ('2014', '2014-01-01', 'year')]
    >>> [(d.value.isoformat(), d.precision) for d in find_dates("20-09-18\\n\\nTitel")]
    [('2018-09-20', 'day')]
    >>> find_dates("budget på 2,8 mio. kr. i 16 kommuner")
    []
    >>> [d.value.isoformat() for d in find_dates("fra 1/3-2026 til 14 januar 2027")]
    ['2026-03-01', '2027-01-14']
    >>> [(d.text, d.precision) for d in find_dates("Bevillingen dækker perioden 2023-2028.")]
    [('2023', 'year'), ('2028', 'year')]
    >>> [(d.value.isoformat(), d.precision) for d in find_dates("slutter med udgangen af januar 2029 og senest til udgangen af 2030")]
    [('2029-01-31', 'day'), ('2030-12-31', 'day')]
    >>> [(d.text, d.value.isoformat()) for d in find_dates("Fra 1/2 kan patienter deltage, og 1/2 time er nok", ref=date(2026, 1, 15))]
    [('1/2', '2026-02-01')]
    >>> find_dates("Fra 1/2 kan patienter deltage")
    []
    """
    found: list[DateMention] = []
    blocked: list[DateMention] = []

    def add(m: re.Match, value: date | None, precision: str, group: int | str = 0) -> None:
        s, e = m.start(group), m.end(group)
        if any(f.start < e and s < f.end for f in found + blocked):
            return
        if value is None:  # an impossible date (30. februar) blocks its span
            blocked.append(DateMention(s, e, m.group(group), date.min, "none"))
            return
        found.append(DateMention(s, e, m.group(group), value, precision))

    for m in _END_OF.finditer(text):
        add(m, _end_of(int(m["y"]), MONTHS[m["m"].lower()] if m["m"] else None), "day")
    for m in _DAY_MONTH_YEAR.finditer(text):
        add(m, _make(int(m["y"]), MONTHS[m["m"].lower()], int(m["d"])), "day")
    for m in _ISO.finditer(text):
        add(m, _make(int(m["y"]), int(m["m"]), int(m["d"])), "day")
    for m in _NUMERIC.finditer(text):
        add(m, _make(_year(m["y"]), int(m["m"]), int(m["d"])), "day")
    for m in _SLASH.finditer(text):
        add(m, _make(int(m["y"]), int(m["m"]), int(m["d"])), "day")
    for m in _MONTH_YEAR.finditer(text):
        add(m, _make(int(m["y"]), MONTHS[m["m"].lower()], 1), "month")
    if ref is not None:
        for m in _DAY_MONTH.finditer(text):
            if 1 <= int(m["m"]) <= 12:
                add(m, _near(ref, int(m["m"]), int(m["d"])), "day", "dm")
    if years:
        for m in _YEAR_RANGE.finditer(text):  # "perioden 2023-2028": two years
            if int(m["a"]) <= int(m["b"]):
                add(m, date(int(m["a"]), 1, 1), "year", "a")
                add(m, date(int(m["b"]), 1, 1), "year", "b")
        for m in _YEAR.finditer(text):
            add(m, date(int(m["y"]), 1, 1), "year", "y")
    return sorted(found, key=lambda d: d.start)


def complete_date(value: str, *, end: bool = False) -> str:
    """A year (``YYYY``) or month (``YYYY-MM``) as an ISO date: its first day,
    or its last day when ``end`` (the end of a period); a full date or
    anything else unchanged.

    Examples
    --------
    >>> complete_date("2027"), complete_date("2027", end=True)
    ('2027-01-01', '2027-12-31')
    >>> complete_date("2033-02", end=True), complete_date("2027-03"), complete_date("2026-05-14")
    ('2033-02-28', '2027-03-01', '2026-05-14')
    """
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-12-31" if end else f"{value}-01-01"
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        if not end:
            return f"{value}-01"
        y, m = int(value[:4]), int(value[5:])
        first_of_next = date(y + m // 12, m % 12 + 1, 1)
        return (first_of_next - timedelta(days=1)).isoformat()
    return value


def parse_date(text: str) -> DateValue | None:
    """The first date in ``text`` with its precision, or ``None``.

    Examples
    --------
    >>> parse_date("21. november 2014")
    DateValue(value=datetime.date(2014, 11, 21), precision='day')
    >>> parse_date("marts 2017")
    DateValue(value=datetime.date(2017, 3, 1), precision='month')
    >>> parse_date("20-09-18")
    DateValue(value=datetime.date(2018, 9, 20), precision='day')
    >>> parse_date("30. februar 2020") is None
    True
    """
    found = find_dates(text)
    return DateValue(found[0].value, found[0].precision) if found else None


_PHONE_RE = re.compile(
    r"(?<![\d,.+])(?P<cc>(?:\+|00)45[\s\u00a0]?)?"
    r"(?P<n>\d{2}[\s\u00a0]?\d{2}[\s\u00a0]?\d{2}[\s\u00a0]?\d{2}|\d{4}[\s\u00a0]\d{4})(?!\d|[.,]\d)"
)
_PHONE_CUE = re.compile(r"(?:tlf|telefon|tel|mobil|mob|phone|direkte)\.?:?\s*$", re.IGNORECASE)


def find_phones(text: str) -> list[Contact]:
    """Danish phone numbers (eight digits, optional ``+45``), normalised to ``+45…``.

    An eight-digit number without ``+45`` counts only when written in groups
    (``26 45 43 78``, ``2920 1951``) or after a cue such as ``tlf.``, so that
    CVR numbers and sums are not taken for phones.

    Examples
    --------
    >>> [(c.text, c.value) for c in find_phones("tlf. 99 40 20 15.")]
    [('99 40 20 15', '+4599402015')]
    >>> [c.value for c in find_phones("+45 2920 1951")]
    ['+4529201951']
    >>> find_phones("CVR 29979812")
    []
    >>> [c.value for c in find_phones("tlf. 29979812")]
    ['+4529979812']
    """
    out = []
    for m in _PHONE_RE.finditer(text):
        digits = re.sub(r"\D", "", m["n"])
        grouped = len(m["n"]) > 8
        cued = bool(_PHONE_CUE.search(text[max(0, m.start() - 15) : m.start()]))
        if not (m["cc"] or grouped or cued):
            continue
        out.append(Contact(m.start(), m.end(), m.group(0), "+45" + digits, "phone"))
    return out


_EMAIL_RE = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:dk|com|org|net|eu|se|no|de|info|io|nu|uk)(?![a-z0-9])",
)


def find_emails(text: str) -> list[Contact]:
    """E-mail addresses in ``text`` (lower-cased in ``value``).

    Ends the address at a known top-level domain, so that an address glued to
    the next word (``info@x.dkVidenspredning``) is still read correctly.

    Examples
    --------
    >>> [c.value for c in find_emails("skriv til Thomas.Clausen@rsyd.dk, eller innodir@aau.dk.")]
    ['thomas.clausen@rsyd.dk', 'innodir@aau.dk']
    >>> [c.text for c in find_emails("info@clusterexcellencedenmark.dkVidenspredning")]
    ['info@clusterexcellencedenmark.dk']
    """
    return [Contact(m.start(), m.end(), m.group(0), m.group(0).lower(), "email") for m in _EMAIL_RE.finditer(text)]
