"""Run SPARQL given as text, a ``.rq`` file, or a saved query's name.

Examples
--------
>>> from rdflib import Dataset, Literal, URIRef
>>> from graph.vocab import SKOS
>>> ds = Dataset(default_union=True)
>>> _ = ds.add((URIRef("https://w3id.org/ecokg/id/x"), SKOS.prefLabel, Literal("X", lang="da")))
>>> r = run_query(ds, "SELECT ?l WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l }")
>>> r.columns, r.rows
(('l',), (('X',),))
>>> r.as_dict()["rows"]
[{'l': 'X'}]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef
from rdflib.graph import Graph

from graph.errors import InputError, Problem
from graph.queries import load_query, saved_queries

__all__ = ["QueryResult", "resolve_query", "run_query", "compact"]

_SPARQL_START = re.compile(r"^\s*(#.*\n\s*)*(PREFIX|BASE|SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)
_SPARQL_UPDATE = re.compile(
    r"^\s*(#.*\n\s*)*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE
)


@dataclass(frozen=True)
class QueryResult:
    """Rows of a SELECT (values as plain strings, ``None`` when unbound), the
    answer of an ASK in ``boolean``, or a CONSTRUCT/DESCRIBE graph as Turtle in ``graph``."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str | None, ...], ...]
    boolean: bool | None = None
    graph: str | None = None

    def as_dict(self) -> dict:
        if self.boolean is not None:
            return {"boolean": self.boolean}
        if self.graph is not None:
            return {"graph": self.graph}
        return {"columns": list(self.columns), "rows": [dict(zip(self.columns, row)) for row in self.rows]}


def resolve_query(query: str) -> tuple[str, str]:
    """Return ``(text, origin)`` for SPARQL text, a path to a file, or a saved name.

    ``origin`` names where the text came from, for error messages.
    """
    if _SPARQL_START.match(query):
        return query, "query"
    path = Path(query)
    if path.suffix == ".rq" or path.is_file():
        try:
            return path.read_text(encoding="utf-8"), str(path)
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError([Problem(str(path), None, f"cannot read query: {exc}")]) from None
    if query in saved_queries(include_internal=True):
        return load_query(query), f"{query}.rq"
    if _SPARQL_UPDATE.match(query):
        raise InputError([Problem("query", 1, "a SPARQL update: `ecokg query` only reads (`ecokg load` writes a store)")])
    known = ", ".join(saved_queries())
    raise InputError([Problem("query", None, f"{query!r} is neither SPARQL, a .rq file nor a saved query ({known})")])


def run_query(g: Graph, text: str, *, origin: str = "query") -> QueryResult:
    """Run SPARQL ``text`` over ``g``.

    Raises
    ------
    InputError
        On a SPARQL syntax error, naming the line.
    """
    try:
        result = g.query(text)
    except InputError:
        raise  # the store's own problem (an unreachable SPARQL server), not the query's
    except Exception as exc:  # rdflib raises pyparsing and other errors for bad SPARQL
        line = getattr(exc, "lineno", None)
        message = getattr(exc, "msg", None) or str(exc).splitlines()[0]
        raise InputError([Problem(origin, line, f"bad SPARQL: {message}")]) from None
    if result.type == "ASK":
        return QueryResult((), (), boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult((), (), graph=result.graph.serialize(format="turtle"))
    columns = tuple(str(v) for v in result.vars)
    rows = tuple(tuple(None if v is None else str(v) for v in row) for row in result)
    return QueryResult(columns, rows)


def compact(g: Graph, value: str | None) -> str:
    """Shorten an IRI with the graph's prefixes for display (``ecoid:x``)."""
    if value is None:
        return ""
    if value.startswith(("http://", "https://", "urn:")):
        try:
            return g.namespace_manager.normalizeUri(URIRef(value))
        except Exception:
            return value
    return value
