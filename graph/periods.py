"""Periods of entities and relations, and what was active on a date.

An entity's period is its ``schema:startDate``/``schema:endDate`` (or
``schema:foundingDate``/``schema:dissolutionDate``). A relation's period comes
from its qualified node (membership interval, grant, reified statement; see
``docs/model.md``), read by :mod:`graph.views`. A missing start or end means
open-ended.

Examples
--------
>>> from datetime import date
>>> is_active(date(2018, 12, 1), date(2020, 11, 30), date(2019, 6, 1))
True
>>> is_active(date(2018, 12, 1), date(2020, 11, 30), date(2021, 1, 1))
False
>>> is_active(None, None, date(2021, 1, 1))
True
>>> parse_date("2027-01-01")
datetime.date(2027, 1, 1)
"""

from __future__ import annotations

from datetime import date, datetime

from rdflib import Literal
from rdflib.graph import Graph
from rdflib.term import Node

from graph.errors import InputError, Problem
from graph.vocab import SCHEMA

__all__ = ["Period", "START_PREDICATES", "END_PREDICATES", "parse_date", "as_date", "is_active", "period_of"]

Period = tuple[date | None, date | None]

#: predicates giving an entity's start, and its end, in order of preference
START_PREDICATES = (SCHEMA.startDate, SCHEMA.foundingDate)
END_PREDICATES = (SCHEMA.endDate, SCHEMA.dissolutionDate)


def parse_date(text: str | date | None) -> date | None:
    """Parse an ISO date given by a user (``--as-of``); ``None`` passes through.

    Raises
    ------
    InputError
        If ``text`` is not ``YYYY-MM-DD``.
    """
    if text is None or isinstance(text, date):
        return text
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise InputError([Problem("-", None, f"not a date (YYYY-MM-DD): {text!r}")]) from None


def as_date(value: Node | None) -> date | None:
    """The date of an RDF literal (xsd:date, xsd:dateTime, gYear, gYearMonth), else ``None``.

    >>> from rdflib import Literal, XSD
    >>> as_date(Literal("2017-03", datatype=XSD.gYearMonth))
    datetime.date(2017, 3, 1)
    """
    if not isinstance(value, Literal):
        return None
    py = value.toPython()
    if isinstance(py, datetime):
        return py.date()
    if isinstance(py, date):
        return py
    text = str(value)
    for fmt, length in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            return datetime.strptime(text[:length], fmt).date()
        except ValueError:
            continue
    return None


def is_active(start: date | None, end: date | None, as_of: date | None) -> bool:
    """Whether a period ``[start, end]`` (either end open when ``None``) contains ``as_of``.

    With ``as_of=None`` everything is active.
    """
    if as_of is None:
        return True
    return (start is None or start <= as_of) and (end is None or as_of <= end)


def period_of(g: Graph, node: Node) -> Period:
    """The (start, end) of an entity, from its start/founding and end/dissolution dates."""
    start = next((d for p in START_PREDICATES for d in map(as_date, g.objects(node, p)) if d), None)
    end = next((d for p in END_PREDICATES for d in map(as_date, g.objects(node, p)) if d), None)
    return start, end
