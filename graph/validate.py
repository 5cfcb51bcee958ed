"""Validate a loaded Dataset: SHACL shapes plus a few checks SHACL cannot do.

:func:`validate` checks ``ontology/shapes.ttl`` over the union of the data
graphs and maps every violation back to file and line (or table row). The
shapes are compiled to SPARQL and run inside Oxigraph
(:mod:`graph.fastshacl`, seconds on a million triples); pyshacl, which gives
the same results, runs on ``engine="pyshacl"`` or when custom shapes use a
construct the compiler does not translate (with a :class:`FastShaclFallback`
warning). It also checks that each evidence quote of a document with a local
``dcterms:source`` text file occurs verbatim in that file.

:func:`strict_problems` holds the cheap checks :func:`graph.load.load` runs
with ``strict=True`` (bad input exits 2): wrong datatypes of date and amount
properties, end before start, negative amounts and unknown ``eco:`` classes.

Examples
--------
>>> from rdflib import Dataset, Literal, URIRef
>>> from graph.vocab import SCHEMA, XSD
>>> ds = Dataset(default_union=True)
>>> g = ds.graph(URIRef("file:///tmp/x.ttl"))
>>> _ = g.add((URIRef("http://ex/a"), SCHEMA.startDate, Literal("2020-05-01", datatype=XSD.date)))
>>> _ = g.add((URIRef("http://ex/a"), SCHEMA.endDate, Literal("2019-01-01", datatype=XSD.date)))
>>> [p.message for p in strict_problems(ds)]
['end date 2019-01-01 is before start date 2020-05-01']
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import BNode, Dataset, Graph, Literal, URIRef

from graph import vocab
from graph.errors import Problem
from graph.resolve import duplicate_problems
from graph.sourcemap import locate
from graph.vocab import DCTERMS, ECO, OA, OWL, PROV, RDF, RDFS, SCHEMA, TIME, XSD

__all__ = [
    "ValidationReport",
    "validate",
    "strict_problems",
    "quote_problems",
    "evidence_graph_problems",
    "shapes_path",
    "FastShaclFallback",
    "ENGINES",
]


@dataclass(frozen=True)
class ValidationReport:
    """The result of :func:`validate`.

    Attributes
    ----------
    conforms : bool
        True when there is no problem of severity ``Violation``.
    problems : tuple of Problem
        Every problem found, sorted by file and line.
    """

    conforms: bool
    problems: tuple[Problem, ...]

    def as_dict(self) -> dict:
        """The JSON form of ``ecokg validate --json``."""
        return {"conforms": self.conforms, "errors": [p.as_dict() for p in self.problems]}


def shapes_path() -> Path:
    """``ontology/shapes.ttl`` of the project."""
    from graph.load import repo_root

    return repo_root() / "ontology" / "shapes.ttl"


_DATE_PROPS = (SCHEMA.startDate, SCHEMA.endDate, SCHEMA.foundingDate, SCHEMA.dissolutionDate, TIME.inXSDDate)
_DATE_OR_TIME_PROPS = (DCTERMS.date, PROV.atTime)
_AMOUNT_PROPS = (SCHEMA.amount, ECO.budget)
_DECIMAL_TYPES = {
    XSD.decimal,
    XSD.integer,
    XSD.nonNegativeInteger,
    XSD.positiveInteger,
    XSD.long,
    XSD.int,
    XSD.short,
    XSD.unsignedLong,
    XSD.unsignedInt,
}
_DATE_RE = re.compile(r"^-?\d{4,}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?$")
_DATETIME_RE = re.compile(r"^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$")
_ID = str(vocab.ID)
_LINK_PROPS = tuple(
    dict.fromkeys(
        list(vocab.CONNECTION_PREDICATES.values())
        + [
            vocab.ORG.hasMember,
            vocab.ORG.member,
            vocab.ORG.organization,
            vocab.ORG.originalOrganization,
            vocab.ORG.resultingOrganization,
            vocab.ORG.heldBy,
            vocab.ORG.postIn,
            SCHEMA.fundedItem,
            SCHEMA.containedInPlace,
        ]
    )
)
_PAIRS = ((SCHEMA.startDate, SCHEMA.endDate), (SCHEMA.foundingDate, SCHEMA.dissolutionDate))


def _as_date(lit) -> _dt.date | None:
    if not isinstance(lit, Literal):
        return None
    text = str(lit)
    try:
        if lit.datatype == XSD.date and _DATE_RE.match(text):
            return _dt.date.fromisoformat(text[:10])
        if lit.datatype == XSD.dateTime and _DATETIME_RE.match(text):
            return _dt.date.fromisoformat(text[:10])
    except ValueError:
        return None
    return None


def _problem(ds: Dataset, node, message: str, graph_name=None, severity: str = "Violation") -> Problem:
    where, line = locate(ds, node, graph_name)
    return Problem(where, line, message, focus=str(node) if isinstance(node, URIRef) else None, severity=severity)


def _graphs_of(ds: Dataset, triple) -> set:
    """Names of the graphs that hold ``triple``."""
    return {getattr(c, "identifier", c) for *_t, c in ds.quads((*triple, None))}


def _data_quads(ds: Dataset, pred):
    """``(s, o, None)`` for each triple with ``pred`` in the union (the graph is found on a problem)."""
    for s, _p, o in ds.triples((None, pred, None)):
        yield s, o, None


def strict_problems(ds: Dataset, *, dangling: bool = True) -> list[Problem]:
    """Cheap checks of datatypes, periods, amounts and classes.

    Parameters
    ----------
    ds : rdflib.Dataset
    dangling : bool
        Also report relations to ``ecoid:`` entities described nowhere.

    Returns
    -------
    list of Problem
        Wrong datatype or invalid value of a date or amount property, an end
        before its start, a negative amount, a relation to an ``ecoid:``
        entity that has no ``rdf:type`` anywhere (dangling reference), or an
        ``rdf:type`` in the ``eco:`` namespace that the ontology does not
        declare.
    """
    out: list[Problem] = []
    seen: set = set()

    def add(node, msg, g):
        key = (node, msg)
        if key not in seen:
            seen.add(key)
            out.append(_problem(ds, node, msg, g))

    for pred in _DATE_PROPS + _DATE_OR_TIME_PROPS:
        name = _short(pred)
        allowed = (XSD.date,) if pred in _DATE_PROPS else (XSD.date, XSD.dateTime, XSD.gYear)
        for s, o, g in _data_quads(ds, pred):
            if not isinstance(o, Literal) or o.datatype not in allowed:
                kind = "an IRI" if not isinstance(o, Literal) else (f"{_short(o.datatype)}" if o.datatype else "a plain string")
                add(s, f"{name} must be {' or '.join(_short(a) for a in allowed)}, not {kind} ({o})", g)
            elif o.datatype in (XSD.date, XSD.dateTime) and _as_date(o) is None:
                add(s, f"{name} {str(o)!r} is not a valid date", g)
    for pred in _AMOUNT_PROPS:
        name = _short(pred)
        for s, o, g in _data_quads(ds, pred):
            if not isinstance(o, Literal) or o.datatype not in _DECIMAL_TYPES:
                add(s, f"{name} must be an xsd:decimal amount in DKK, not {o!r}", g)
                continue
            try:
                value = Decimal(str(o))
            except InvalidOperation:
                add(s, f"{name} {str(o)!r} is not a number", g)
                continue
            if value < 0:
                add(s, f"{name} {o} is negative", g)
    for a, b in _PAIRS:
        for s, o, g in _data_quads(ds, b):
            end = _as_date(o)
            if end is None:
                continue
            for start_lit in ds.objects(s, a):
                start = _as_date(start_lit)
                if start is not None and end < start:
                    start_name = _short(a).split(":")[1].replace("Date", " date")
                    msg = f"{_short(b).split(':')[1].replace('Date', ' date')} {end} is before {start_name} {start}"
                    end_graph, start_graph = _graphs_of(ds, (s, b, o)), _graphs_of(ds, (s, a, start_lit))
                    if end_graph and start_graph and not end_graph & start_graph:
                        # two sources describe one entity (the same label in two tables, say)
                        where, line = locate(ds, s, min(start_graph, key=str))
                        msg += f" (the {start_name} comes from {where}{f':{line}' if line else ''})"
                        add(s, msg, min(end_graph, key=str))
                    else:
                        add(s, msg, g)
    # time:Interval begin/end
    for s, o, g in _data_quads(ds, TIME.hasEnd):
        ends = [d for d in map(_as_date, ds.objects(o, TIME.inXSDDate)) if d]
        for b in ds.objects(s, TIME.hasBeginning):
            starts = [d for d in map(_as_date, ds.objects(b, TIME.inXSDDate)) if d]
            if ends and starts and min(ends) < max(starts):
                add(s, f"interval ends {min(ends)} before it begins {max(starts)}", g)
    # dangling references: an ecoid: entity that is linked to but described nowhere
    for pred in _LINK_PROPS if dangling else ():
        for s, o, g in _data_quads(ds, pred):
            if isinstance(o, URIRef) and str(o).startswith(_ID) and (o, RDF.type, None) not in ds:
                add(s, f"dangling reference: {_short(pred)} {_short(o)} is not described anywhere (no rdf:type)", g)
    # unknown eco: classes
    declared = _declared_classes(ds)
    if declared:
        for s, o, g in _data_quads(ds, RDF.type):
            if isinstance(o, URIRef) and str(o).startswith(str(ECO)) and o not in declared:
                add(s, f"unknown type {_short(o)}", g)
    return out


def _declared_classes(ds: Dataset) -> set[URIRef]:
    onto = ds.graph(vocab.ONTOLOGY_GRAPH)
    out: set[URIRef] = set()
    for cls in (OWL.Class, RDFS.Class):
        out.update(s for s in onto.subjects(RDF.type, cls) if isinstance(s, URIRef))
    out.update(s for s in onto.subjects(RDFS.subClassOf, None) if isinstance(s, URIRef))
    return out


def _short(iri) -> str:
    text = str(iri)
    for pfx, ns in vocab.PREFIXES.items():
        if text.startswith(str(ns)):
            return f"{pfx}:{text[len(str(ns)):]}"
    return f"<{text}>"


def quote_problems(ds: Dataset) -> list[Problem]:
    """Evidence quotes that do not occur verbatim in their document's local source text.

    A document's ``dcterms:source`` naming a local text file (relative paths
    are resolved against the project folder and the folder of the file that
    declares it) is read; each ``oa:exact`` of evidence derived from that
    document must be a substring of it (whitespace runs compared as one space).
    """
    from graph.load import repo_root

    out: list[Problem] = []
    texts: dict[URIRef, str | None] = {}
    root = repo_root()
    for doc in set(ds.subjects(DCTERMS.source, None)):
        for src in ds.objects(doc, DCTERMS.source):
            text = None
            value = str(src)
            if value.startswith("file:"):
                from urllib.parse import unquote, urlparse

                candidates = [Path(unquote(urlparse(value).path))]
            elif "://" in value:
                continue
            else:
                candidates = [root / value, Path(value)] + _beside_declaring_file(ds, doc, value)
            for c in candidates:
                if c.is_file():
                    try:
                        text = c.read_text(encoding="utf-8")
                    except (OSError, UnicodeDecodeError) as err:
                        out.append(_problem(ds, doc, f"cannot read source text {value}: {err}"))
                    break
            else:
                out.append(_problem(ds, doc, f"source text {value} not found"))
            if text is not None:
                texts[doc] = _norm_ws(text)
    for doc, text in texts.items():
        for ev in set(ds.subjects(PROV.wasDerivedFrom, doc)):
            for sel in ds.objects(ev, OA.hasSelector):
                for quote in ds.objects(sel, OA.exact):
                    if _norm_ws(str(quote)) not in text:
                        q = str(quote)
                        short = q if len(q) <= 60 else q[:57] + "..."
                        out.append(_problem(ds, ev, f"quote {short!r} does not occur in the source text of {_short(doc)}"))
    return out


def evidence_graph_problems(ds: Dataset) -> list[Problem]:
    """Named graphs in ``ecoid:ev/`` that hold statements but are not an ``eco:Evidence``.

    Examples
    --------
    >>> from rdflib import Dataset, URIRef
    >>> ds = Dataset(default_union=True)
    >>> _ = ds.graph(vocab.ID["ev/x-1"]).add((URIRef("http://ex/a"), RDF.type, ECO.Cluster))
    >>> [p.message for p in evidence_graph_problems(ds)]
    ['named graph ecoid:ev/x-1 holds statements but is not described as eco:Evidence']
    """
    out = []
    prefix = str(vocab.ID["ev/"])
    for g in ds.graphs():
        ident = g.identifier
        if isinstance(ident, URIRef) and str(ident).startswith(prefix) and len(g):
            if (ident, RDF.type, ECO.Evidence) not in ds:
                s = next(iter(g.subjects()))
                out.append(_problem(ds, s, f"named graph {_short(ident)} holds statements but is not described as eco:Evidence", ident))
    return out


def _beside_declaring_file(ds: Dataset, doc, value: str) -> list[Path]:
    from graph.sourcemap import graph_source

    out = []
    for _s, _p, _o, g in ds.quads((doc, DCTERMS.source, None, None)):
        src = graph_source(ds, getattr(g, "identifier", g))
        if src is not None:
            out.append(src.path.parent / value)
    return out


def _norm_ws(text: str) -> str:
    return " ".join(text.split())


class FastShaclFallback(UserWarning):
    """The fast SHACL validator cannot compile the shapes: pyshacl (much slower) runs instead."""


#: SHACL engines of :func:`validate`
ENGINES = ("auto", "fast", "pyshacl")


def validate(
    ds: Dataset,
    *,
    shapes: str | Path | Graph | None = None,
    engine: str = "auto",
    duplicates: bool = True,
) -> ValidationReport:
    """SHACL-validate a loaded Dataset and map every problem to file and line.

    Parameters
    ----------
    ds : rdflib.Dataset
        As returned by :func:`graph.load.load` (use ``strict=False`` to see
        every problem here rather than as an InputError) or
        :func:`graph.store.load_fast`.
    shapes : path or rdflib.Graph, optional
        The shapes graph; default ``ontology/shapes.ttl``.
    engine : {"auto", "fast", "pyshacl"}
        ``"fast"`` compiles the shapes to SPARQL and runs them inside
        Oxigraph (:mod:`graph.fastshacl`); ``"pyshacl"`` runs pyshacl;
        ``"auto"`` (default) is fast, falling back to pyshacl with a
        :class:`FastShaclFallback` warning when the shapes use a construct
        the compiler does not translate. Both give the same problems.
    duplicates : bool
        Also report possible duplicate organisations (warnings, slow on
        very large graphs).

    Returns
    -------
    ValidationReport
        ``conforms`` is False when any problem has severity ``Violation``.
        Besides SHACL results, :func:`strict_problems`,
        :func:`quote_problems` and :func:`evidence_graph_problems` are
        included.

    Raises
    ------
    graph.fastshacl.Unsupported
        ``engine="fast"`` and the shapes cannot be compiled.

    Notes
    -----
    Ill-typed literals (``"2019-13-45"^^xsd:date``) are reported by the
    strict checks and left out of the data the shapes see, whichever engine runs.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}, not {engine!r}")
    if shapes is None:
        shapes = shapes_path()
    if isinstance(shapes, Graph):
        shapes_graph = shapes
    else:
        shapes_graph = Graph()
        if Path(shapes).is_file():
            shapes_graph.parse(str(shapes), format="turtle")
    problems: list[Problem] = []
    if len(shapes_graph):
        problems.extend(_result_problem(ds, r) for r in _shacl_results(ds, shapes_graph, engine))
    problems.extend(_strict_if_suspicious(ds))
    problems.extend(quote_problems(ds))
    problems.extend(evidence_graph_problems(ds))
    if duplicates:
        problems.extend(duplicate_problems(ds))  # warnings: possibly the same organisation twice
    unique = sorted(set(problems), key=lambda p: (p.file, p.line or 0, p.message))
    conforms = not any(p.severity == "Violation" for p in unique)
    return ValidationReport(conforms, tuple(unique))


def _strict_if_suspicious(ds: Dataset) -> list[Problem]:
    """:func:`strict_problems`, skipped on an Oxigraph store whose SPARQL screen finds nothing."""
    from graph.store import oxigraph_of, suspicious

    if oxigraph_of(ds) is not None and not suspicious(ds):
        return []
    return strict_problems(ds)


def _shacl_results(ds: Dataset, shapes_graph: Graph, engine: str):
    """SHACL results (:class:`graph.fastshacl.ShaclResult`) of the fast engine or pyshacl."""
    from graph import fastshacl

    if engine != "pyshacl":
        try:
            compiled = fastshacl.compile_shapes(shapes_graph)
            return compiled.run(_fast_store(ds))
        except fastshacl.Unsupported as err:
            if engine == "fast":
                raise
            import warnings

            warnings.warn(f"{err}; validating with pyshacl (slower)", FastShaclFallback, stacklevel=3)
    # the shapes follow rdfs:subClassOf links of the ontology: it is part of the data graph
    from graph.export import union_graph

    data = union_graph(ds)
    # an ill-typed literal ("2019-13-45"^^xsd:date) is reported by the
    # strict checks; pyshacl cannot compare it (sh:lessThanOrEquals raises), so its
    # copy of the data leaves such triples out
    for triple in [t for t in data if isinstance(t[2], Literal) and t[2].ill_typed]:
        data.remove(triple)
    # ``data`` is our own copy: spare pyshacl a second one
    return fastshacl.pyshacl_results(data, shapes_graph, inplace=True)


def _fast_store(ds: Dataset):
    """An Oxigraph store with the quads of ``ds`` minus those with an ill-typed literal.

    The store behind an Oxigraph-backed dataset is used as it is unless it
    holds ill-typed literals (then a copy without them); other datasets are
    copied.
    """
    import pyoxigraph as ox

    from graph import fastshacl
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    from graph.store import oxigraph_of, quads_of, to_ox_term

    inner = oxigraph_of(ds)
    if inner is None:
        st = ox.Store()
        try:
            st.bulk_extend(
                ox.Quad(to_ox_term(s), to_ox_term(p), to_ox_term(o), to_ox_term(DATASET_DEFAULT_GRAPH_ID if g is None else g))
                for s, p, o, g in quads_of(ds)
                if not (isinstance(o, Literal) and o.ill_typed)
            )
        except (ValueError, TypeError) as err:  # a term Oxigraph rejects (an invalid language tag ...)
            raise fastshacl.Unsupported(f"the data cannot be copied into Oxigraph: {err}") from err
        return st
    bad = fastshacl.ill_typed_quads(inner)
    if not bad:
        return inner
    st = ox.Store()
    st.bulk_extend(inner.quads_for_pattern(None, None, None, None))
    for q in bad:
        st.remove(q)
    return st


_SH = "http://www.w3.org/ns/shacl#"


def _shacl_problems(ds: Dataset, results: Graph) -> list[Problem]:
    """The problems of a SHACL validation report graph."""
    from graph.fastshacl import results_of_report

    return [_result_problem(ds, r) for r in results_of_report(results)]


def _result_problem(ds: Dataset, r) -> Problem:
    """A :class:`graph.fastshacl.ShaclResult` as a Problem: message, path and value, file and line."""
    msg = r.message
    parts = []
    if r.predicate is not None:
        parts.append(_short(r.predicate))
    value = _source_value(ds, r)
    if value is not None and value != r.focus:
        parts.append(f"value {value.n3() if not isinstance(value, BNode) else '[]'}")
    if parts:
        msg = f"{msg} ({', '.join(parts)})"
    where, line = locate(ds, r.focus) if r.focus is not None else ("-", None)
    severity = str(r.severity).rsplit("#", 1)[-1]
    return Problem(where, line, msg, focus=str(r.focus) if isinstance(r.focus, URIRef) else None, severity=severity)


def _source_value(ds: Dataset, r):
    """The value of a result as the data spells it (Oxigraph writes numbers canonically: 5 for 5.0)."""
    from graph.store import oxigraph_of

    value = r.value
    if not isinstance(value, Literal) or r.path is None or oxigraph_of(ds) is not None:
        return value
    if r.predicate is not None:
        candidates = ds.objects(r.focus, r.predicate)
    else:
        rows = ds.query(f"SELECT DISTINCT ?v WHERE {{ ?this {r.path} ?v }}", initBindings={"this": r.focus})
        candidates = (row[0] for row in rows)
    for c in candidates:
        if not isinstance(c, Literal) or (c.language or "").lower() != (value.language or "").lower():
            continue
        if c.datatype != value.datatype:
            continue
        if str(c) == str(value) or (c.value is not None and value.value is not None and c.value == value.value):
            return c
    return value
