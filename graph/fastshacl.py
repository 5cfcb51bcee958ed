"""Fast SHACL validation: shapes compiled to SPARQL and run inside Oxigraph.

pyshacl walks the data graph in Python, focus node by focus node; on a
million triples that takes minutes and gigabytes. :func:`compile_shapes`
turns a SHACL shapes graph into a handful of SPARQL ``SELECT`` queries, one
per shape and kind of constraint, and :func:`validate_fast` runs them in a
``pyoxigraph.Store`` (in Rust), so only the violations ever reach Python.
Each result carries the same focus node, result path, constraint component,
severity, value and message as pyshacl's report (:func:`pyshacl_results`
returns pyshacl's report in the same form, for comparison).

Supported (SHACL Core plus SHACL-AF SPARQL targets):

- targets: ``sh:targetClass`` (instances of subclasses too, following
  ``rdfs:subClassOf`` in the data graph), ``sh:targetNode``,
  ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``, ``sh:target`` with an
  ``sh:select`` (SHACL-AF ``sh:SPARQLTarget``, prefixes from ``sh:prefixes``);
- paths: predicates, sequences, ``sh:inversePath``, ``sh:alternativePath``,
  ``sh:zeroOrMorePath``, ``sh:oneOrMorePath``, ``sh:zeroOrOnePath``;
- constraints: ``sh:class``, ``sh:datatype``, ``sh:nodeKind``,
  ``sh:pattern`` (``sh:flags``), ``sh:in``, ``sh:minInclusive``,
  ``sh:maxInclusive``, ``sh:minExclusive``, ``sh:maxExclusive``,
  ``sh:minLength``, ``sh:maxLength``, ``sh:minCount``, ``sh:maxCount``,
  ``sh:uniqueLang``, ``sh:lessThan``, ``sh:lessThanOrEquals``, and
  ``sh:not``/``sh:and``/``sh:or``/``sh:xone``/``sh:node`` over shapes made of
  the value constraints above;
- ``sh:message`` (exactly one per shape that has constraints),
  ``sh:severity``, ``sh:deactivated``.

Anything else (``sh:sparql`` constraints, ``sh:closed``, qualified value
shapes, ``sh:equals``, a shape without ``sh:message`` whose generic pyshacl
message would be needed, a regular expression Oxigraph cannot compile ...)
raises :class:`Unsupported` at compile time, naming the shape and the
construct: the caller falls back to pyshacl, never silently skipping a
constraint.

Notes
-----
``sh:datatype`` for the XSD types checks the lexical form with Oxigraph's
XSD parser (a cast). pyshacl uses rdflib's Python conversion, which accepts
a few forms XSD does not (``"1e5"^^xsd:decimal``, ``" 1"^^xsd:integer``,
``"2020-01-01"^^xsd:dateTime``); on those the fast validator reports the
value as ill-typed, as XSD says. Oxigraph stores valid numbers and language
tags in canonical form, so a value it reports may be spelled differently
(``"5"^^xsd:decimal`` for ``"5.0"``) from the source, and ``sh:in`` cannot
tell ``1.0`` from ``1.00`` (pyshacl compares RDF terms: they differ). An
ill-typed literal fails ``sh:datatype`` in both; :func:`ill_typed_quads`
finds them (``graph.validate`` leaves them to its strict checks).

Examples
--------
>>> import pyoxigraph as ox
>>> shapes = Graph().parse(data='''
... @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://ex/> .
... ex:S a sh:NodeShape ; sh:targetClass ex:C ;
...   sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:message "no name" ] .
... ''', format="turtle")
>>> st = ox.Store()
>>> st.load(b"<http://ex/a> a <http://ex/C> . <http://ex/b> a <http://ex/C> ; <http://ex/name> 'B' .",
...         format=ox.RdfFormat.TURTLE)
>>> [(str(r.focus), r.message, r.component.rsplit("#")[1]) for r in validate_fast(st, shapes)]
[('http://ex/a', 'no name', 'MinCountConstraintComponent')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import count
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD
from rdflib.term import Node

__all__ = [
    "Unsupported",
    "ShaclResult",
    "Check",
    "CompiledShapes",
    "compile_shapes",
    "validate_fast",
    "pyshacl_results",
    "path_text",
    "result_key",
    "results_of_report",
    "ill_typed_quads",
]

_XSD_STRING = str(XSD.string)

#: XSD datatypes whose lexical forms Oxigraph can check (by a cast in SPARQL)
_CASTABLE = frozenset(
    XSD[t]
    for t in (
        "boolean", "integer", "decimal", "float", "double", "date", "time", "dateTime",
        "duration", "dayTimeDuration", "yearMonthDuration",
    )
)

#: node kinds -> SPARQL test of ``{v}``
_NODE_KINDS = {
    SH.IRI: "isIRI({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNode: "isBlank({v})",
    SH.BlankNodeOrIRI: "(isBlank({v}) || isIRI({v}))",
    SH.BlankNodeOrLiteral: "(isBlank({v}) || isLiteral({v}))",
    SH.IRIOrLiteral: "(isIRI({v}) || isLiteral({v}))",
}

_RANGES = {
    SH.minInclusive: (">=", SH.MinInclusiveConstraintComponent),
    SH.maxInclusive: ("<=", SH.MaxInclusiveConstraintComponent),
    SH.minExclusive: (">", SH.MinExclusiveConstraintComponent),
    SH.maxExclusive: ("<", SH.MaxExclusiveConstraintComponent),
}

#: value constraints (one result per failing value node) and their components
_VALUE_PARAMS = {
    SH["class"]: SH.ClassConstraintComponent,
    SH.datatype: SH.DatatypeConstraintComponent,
    SH.nodeKind: SH.NodeKindConstraintComponent,
    SH.pattern: SH.PatternConstraintComponent,
    SH["in"]: SH.InConstraintComponent,
    SH.minLength: SH.MinLengthConstraintComponent,
    SH.maxLength: SH.MaxLengthConstraintComponent,
    SH["not"]: SH.NotConstraintComponent,
    SH["and"]: SH.AndConstraintComponent,
    SH["or"]: SH.OrConstraintComponent,
    SH.xone: SH.XoneConstraintComponent,
    SH.node: SH.NodeConstraintComponent,
    **{p: comp for p, (_op, comp) in _RANGES.items()},
}
#: parameters that may be given more than once on one shape (each is a constraint)
_REPEATABLE = {SH["class"], SH["not"], SH["and"], SH["or"], SH.xone, SH.node, SH.lessThan, SH.lessThanOrEquals}
#: shapes-graph terms that do not constrain anything
_INERT = {SH.message, SH.severity, SH.deactivated, SH.name, SH.description, SH.order, SH.group,
          SH.defaultValue, SH.prefixes, SH.declare, SH.flags}
_TARGETS = (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.target)
_PROPERTY_ONLY = {SH.path, SH.minCount, SH.maxCount, SH.uniqueLang, SH.lessThan, SH.lessThanOrEquals}


class Unsupported(ValueError):
    """A shapes-graph construct :func:`compile_shapes` cannot translate to SPARQL.

    The message names the shape and the construct; validate with pyshacl instead.
    """


@dataclass(frozen=True)
class ShaclResult:
    """One validation result, as pyshacl's ``sh:ValidationResult``.

    Attributes
    ----------
    focus : rdflib term
        ``sh:focusNode``.
    path : str or None
        ``sh:resultPath`` as a SPARQL property path (``<iri>`` for a
        predicate), None for results of node shapes.
    component : URIRef
        ``sh:sourceConstraintComponent``.
    severity : URIRef
        ``sh:resultSeverity`` (``sh:Violation`` unless the shape says otherwise).
    value : rdflib term or None
        ``sh:value`` (None for count and ``sh:uniqueLang`` results).
    message : str
        ``sh:resultMessage``: the ``sh:message`` of the shape.
    predicate : URIRef or None
        The result path when it is a single predicate.
    """

    focus: Node
    path: str | None
    component: URIRef
    severity: URIRef
    value: Node | None
    message: str
    predicate: URIRef | None = None


@dataclass(frozen=True)
class Check:
    """One compiled SPARQL query.

    Attributes
    ----------
    shape : rdflib term
        The source shape (a node or property shape of the shapes graph).
    kind : str
        ``"values"`` (rows ``?this ?v ?k0 ?k1 ...``: one boolean per value
        constraint, false where it fails), ``"count"`` (rows ``?this ?n``)
        or ``"focus"`` (rows ``?this``: the focus node fails ``components[0]``).
    query : str
        The SPARQL query (self-contained: prefixes are declared in it).
    components : tuple of URIRef
        The constraint component of each ``?k`` (values), or of minCount and
        maxCount (count), or the one component (focus).
    path : str or None
        The SPARQL property path of a property shape.
    predicate : URIRef or None
        The path when it is one predicate.
    severity : URIRef
    message : str
    bounds : tuple of int or None
        ``(minCount, maxCount)`` of a count check (None: no bound).
    """

    shape: Node
    kind: str
    query: str
    components: tuple[URIRef, ...]
    path: str | None
    predicate: URIRef | None
    severity: URIRef
    message: str
    bounds: tuple[int | None, int | None] = (None, None)


@dataclass(frozen=True)
class CompiledShapes:
    """A shapes graph compiled to SPARQL queries (see :func:`compile_shapes`)."""

    checks: tuple[Check, ...]

    def run(self, store: ox.Store) -> list[ShaclResult]:
        """Run every check in ``store`` (union of its graphs); the results, deduplicated."""
        out: dict[tuple, ShaclResult] = {}
        for check in self.checks:
            for res in _run_check(store, check):
                out.setdefault((res.focus, res.path, res.component, res.severity, res.value, res.message), res)
        return list(out.values())


# ----------------------------------------------------------------------------- public functions


def compile_shapes(shapes: Graph | str | Path) -> CompiledShapes:
    """Compile a SHACL shapes graph to SPARQL queries.

    Parameters
    ----------
    shapes : rdflib.Graph or path
        The shapes graph (Turtle file or parsed graph).

    Returns
    -------
    CompiledShapes

    Raises
    ------
    Unsupported
        The shapes use a construct this compiler does not translate.

    Examples
    --------
    >>> g = Graph().parse(data='''@prefix sh: <http://www.w3.org/ns/shacl#> .
    ... <http://ex/S> sh:targetSubjectsOf <http://ex/p> ;
    ...    sh:property [ sh:path <http://ex/p> ; sh:maxCount 1 ; sh:message "one p" ] .''', format="turtle")
    >>> [c.kind for c in compile_shapes(g).checks]
    ['count']
    >>> g.add((URIRef("http://ex/S"), SH.closed, Literal(True)))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> compile_shapes(g)
    Traceback (most recent call last):
    ...
    graph.fastshacl.Unsupported: shape <http://ex/S>: sh:closed is not supported on a node shape
    """
    g = _as_graph(shapes)
    checks: list[Check] = []
    fresh = count()
    for shape in _focus_shapes(g):
        if _deactivated(g, shape):
            continue
        targets, prefixes = _targets(g, shape)
        if (shape, SH.path, None) in g:
            checks += _property_checks(g, shape, targets, prefixes, fresh, _subjects_of(g, shape))
            continue
        _check_params(g, shape, node_shape=True)
        checks += _value_checks(g, shape, targets, prefixes, None, fresh)
        for prop in g.objects(shape, SH.property):
            if not _deactivated(g, prop):
                checks += _property_checks(g, prop, targets, prefixes, fresh, _subjects_of(g, shape))
    return CompiledShapes(tuple(checks))


def validate_fast(store: ox.Store, shapes: Graph | str | Path | CompiledShapes) -> list[ShaclResult]:
    """Validate the union of the graphs of an Oxigraph store against SHACL shapes.

    Parameters
    ----------
    store : pyoxigraph.Store
        The data graph (include the ontology: ``sh:class`` and
        ``sh:targetClass`` follow its ``rdfs:subClassOf`` links).
    shapes : rdflib.Graph, path or CompiledShapes

    Returns
    -------
    list of ShaclResult
        One per distinct result (focus, path, component, severity, value, message).

    Raises
    ------
    Unsupported
        The shapes use a construct this compiler does not translate.
    """
    compiled = shapes if isinstance(shapes, CompiledShapes) else compile_shapes(shapes)
    return compiled.run(store)


def pyshacl_results(data: Graph, shapes: Graph | str | Path, *, inplace: bool = False) -> list[ShaclResult]:
    """pyshacl's report on ``data``, as :class:`ShaclResult` (the reference implementation).

    Runs ``pyshacl.validate`` with ``inference="none"`` and ``advanced=True``.
    """
    import pyshacl

    _conforms, report, _text = pyshacl.validate(
        data,
        shacl_graph=_as_graph(shapes),
        inference="none",
        advanced=True,
        inplace=inplace,
        abort_on_first=False,
        allow_warnings=True,
    )
    return results_of_report(report)


def results_of_report(report: Graph) -> list[ShaclResult]:
    """The ``sh:result`` entries of a SHACL validation report graph."""
    out: dict[tuple, ShaclResult] = {}
    for res in report.objects(None, SH.result):
        path_node = report.value(res, SH.resultPath)
        messages = sorted(str(m) for m in report.objects(res, SH.resultMessage))
        r = ShaclResult(
            focus=report.value(res, SH.focusNode),
            path=path_text(report, path_node) if path_node is not None else None,
            component=report.value(res, SH.sourceConstraintComponent),
            severity=report.value(res, SH.resultSeverity) or SH.Violation,
            value=report.value(res, SH.value),
            message=messages[0] if messages else "SHACL constraint violated",
            predicate=path_node if isinstance(path_node, URIRef) else None,
        )
        out.setdefault((r.focus, r.path, r.component, r.severity, r.value, r.message), r)
    return list(out.values())


def result_key(r: ShaclResult) -> tuple:
    """``(focus, path, component, severity)``: what two validators must agree on."""
    return (r.focus, r.path, r.component, r.severity)


def path_text(g: Graph, node: Node) -> str:
    """A SHACL property path of graph ``g`` as a SPARQL property path.

    Examples
    --------
    >>> g = Graph().parse(data='''@prefix sh: <http://www.w3.org/ns/shacl#> .
    ... <http://ex/s> sh:path ( <http://ex/a> [ sh:inversePath <http://ex/b> ] ) .''', format="turtle")
    >>> path_text(g, g.value(URIRef("http://ex/s"), SH.path))
    '(<http://ex/a>/^(<http://ex/b>))'
    """
    if isinstance(node, URIRef):
        return f"<{_iri(node)}>"
    if not isinstance(node, BNode):
        raise Unsupported(f"path {node!r} is not an IRI or a blank node")
    if (node, RDF.first, None) in g:
        items = _list(g, node)
        if len(items) < 2:
            raise Unsupported("a sequence path needs at least two members")
        return "(" + "/".join(path_text(g, i) for i in items) + ")"
    preds = {p for p, _o in g.predicate_objects(node)}
    if len(preds) != 1:
        raise Unsupported(f"path node with {sorted(map(str, preds))} is not a SHACL path")
    (pred,) = preds
    inner = g.value(node, pred)
    if pred == SH.inversePath:
        return f"^({path_text(g, inner)})"
    if pred == SH.alternativePath:
        items = _list(g, inner)
        if len(items) < 2:
            raise Unsupported("an alternative path needs at least two members")
        return "(" + "|".join(path_text(g, i) for i in items) + ")"
    mods = {SH.zeroOrMorePath: "*", SH.oneOrMorePath: "+", SH.zeroOrOnePath: "?"}
    if pred in mods:
        return f"({path_text(g, inner)}){mods[pred]}"
    raise Unsupported(f"path {pred} is not supported")


def ill_typed_quads(store: ox.Store) -> list[ox.Quad]:
    """The quads of ``store`` whose object is an XSD literal rdflib deems ill-typed.

    One SPARQL scan finds the candidates: typed literals that are neither
    numbers, dates, booleans nor strings to Oxigraph (which has parsed every
    valid one into its value); rdflib's ``Literal.ill_typed`` decides, as it
    does for pyshacl's data graph.

    Examples
    --------
    >>> st = ox.Store()
    >>> st.load(b'<http://ex/a> <http://ex/p> "2020-13-45"^^<http://www.w3.org/2001/XMLSchema#date> , '
    ...         b'"2020-12-01"^^<http://www.w3.org/2001/XMLSchema#date> .', format=ox.RdfFormat.TURTLE)
    >>> [q.object.value for q in ill_typed_quads(st)]
    ['2020-13-45']
    """
    import warnings

    cond = (
        f'isLiteral(?o) && !isNumeric(?o) && LANG(?o) = "" && DATATYPE(?o) != <{XSD.string}> '
        "&& !COALESCE(YEAR(?o) = YEAR(?o), false) && !COALESCE(?o = true || ?o = false, false)"
    )
    query = f"SELECT ?s ?p ?o ?g WHERE {{ {{ ?s ?p ?o FILTER({cond}) }} UNION {{ GRAPH ?g {{ ?s ?p ?o FILTER({cond}) }} }} }}"
    out = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rdflib warns about each weird lexical form
        for row in store.query(query):
            lit = _rd(row["o"])
            if getattr(lit, "ill_typed", False):
                g = row["g"] if row["g"] is not None else ox.DefaultGraph()
                out.append(ox.Quad(row["s"], row["p"], row["o"], g))
    return out


# ----------------------------------------------------------------------------- compiling


def _as_graph(shapes) -> Graph:
    if isinstance(shapes, Graph):
        return shapes
    g = Graph()
    g.parse(str(shapes), format="turtle")
    return g


def _name(node: Node) -> str:
    return f"<{node}>" if isinstance(node, URIRef) else f"[] ({node})" if isinstance(node, BNode) else repr(node)


def _iri(node: Node) -> str:
    text = str(node)
    if any(c in text for c in '<>"{}|^`\\ \n'):
        raise Unsupported(f"IRI {text!r} cannot be written in SPARQL")
    return text


def _term(node: Node) -> str:
    """An rdflib term written in SPARQL."""
    if isinstance(node, URIRef):
        return f"<{_iri(node)}>"
    if isinstance(node, Literal):
        text = _str_lit(str(node))
        if node.language:
            return f"{text}@{node.language}"
        if node.datatype is not None:
            return f"{text}^^<{_iri(node.datatype)}>"
        return text
    raise Unsupported(f"{node!r} cannot be a constant in SPARQL (blank node)")


def _str_lit(text: str) -> str:
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
    return f'"{out}"'


def _list(g: Graph, node: Node) -> list[Node]:
    items = []
    seen = set()
    while node != RDF.nil:
        if node in seen or (node, RDF.first, None) not in g:
            raise Unsupported(f"{_name(node)} is not a well-formed RDF list")
        seen.add(node)
        items.append(g.value(node, RDF.first))
        node = g.value(node, RDF.rest)
        if node is None:
            raise Unsupported("an RDF list without rdf:rest")
    return items


def _focus_shapes(g: Graph) -> list[Node]:
    shapes = set()
    for t in _TARGETS:
        shapes.update(g.subjects(t, None))
    for s in shapes:
        if not any((s, p, None) in g for p in _TARGETS[:-1] + (SH.property, SH.node)) and not any(
            (s, RDF.type, k) in g for k in (SH.NodeShape, SH.PropertyShape)
        ):  # pyshacl would not see it as a shape at all
            raise Unsupported(f"shape {_name(s)}: only sh:target, not typed sh:NodeShape or sh:PropertyShape")
    for kind in (SH.NodeShape, SH.PropertyShape):
        for s in g.subjects(RDF.type, kind):
            if (s, RDF.type, RDFS.Class) in g:
                raise Unsupported(f"shape {_name(s)}: implicit class targets are not supported")
    if (None, SH.rule, None) in g:
        raise Unsupported("SHACL rules (sh:rule) are not supported")
    return sorted(shapes, key=str)


def _deactivated(g: Graph, shape: Node) -> bool:
    value = g.value(shape, SH.deactivated)
    return value is not None and isinstance(value, Literal) and value.toPython() is True


def _targets(g: Graph, shape: Node) -> tuple[str, dict[str, str]]:
    """A SPARQL group binding ``?this`` to each focus node of ``shape``, and its prefixes."""
    parts: list[str] = []
    prefixes: dict[str, str] = {}
    for cls in g.objects(shape, SH.targetClass):
        if not isinstance(cls, URIRef):
            raise Unsupported(f"shape {_name(shape)}: sh:targetClass {cls!r} is not an IRI")
        parts.append(f"?this <{RDF.type}>/<{RDFS.subClassOf}>* <{_iri(cls)}> .")
    nodes = [n for n in g.objects(shape, SH.targetNode)]
    if nodes:
        parts.append("VALUES ?this { " + " ".join(_term(n) for n in nodes) + " }")
    for p in g.objects(shape, SH.targetSubjectsOf):
        parts.append(f"?this <{_iri(p)}> ?_t .")
    for p in g.objects(shape, SH.targetObjectsOf):
        parts.append(f"?_t <{_iri(p)}> ?this .")
    for t in g.objects(shape, SH.target):
        select = g.value(t, SH.select)
        extra = {p for p, _o in g.predicate_objects(t)} - {RDF.type, SH.select, SH.prefixes, RDFS.comment, RDFS.label}
        types = set(g.objects(t, RDF.type)) - {SH.SPARQLTarget}
        if select is None or extra or types:
            raise Unsupported(f"shape {_name(shape)}: only SPARQL targets with sh:select are supported")
        body, declared = _hoist_prefixes(str(select), shape)
        for source in g.objects(t, SH.prefixes):
            _merge(prefixes, _declared_prefixes(g, source), shape)
        _merge(prefixes, declared, shape)
        parts.append("{ " + body + " }")
    if not parts:
        raise Unsupported(f"shape {_name(shape)}: no target")
    union = " UNION ".join("{ " + p + " }" for p in parts)
    return "{ SELECT DISTINCT ?this WHERE { " + union + " } }", prefixes


_PREFIX_RE = re.compile(r"\s*(?:#[^\n]*\n\s*)*PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)


def _hoist_prefixes(select: str, shape: Node) -> tuple[str, dict[str, str]]:
    declared: dict[str, str] = {}
    rest = select
    while True:
        m = _PREFIX_RE.match(rest)
        if not m:
            break
        declared[m.group(1) or ""] = m.group(2)
        rest = rest[m.end():]
    stripped = re.sub(r"^\s*(#[^\n]*\n\s*)*", "", rest)
    if not re.match(r"SELECT\b", stripped, re.IGNORECASE):
        raise Unsupported(f"shape {_name(shape)}: the SPARQL target is not a plain SELECT query")
    if re.search(r"\$(shapesGraph|currentShape)\b", stripped):
        raise Unsupported(f"shape {_name(shape)}: $shapesGraph/$currentShape in a SPARQL target")
    return stripped, declared


def _declared_prefixes(g: Graph, source: Node) -> dict[str, str]:
    out: dict[str, str] = {}
    for decl in g.objects(source, SH.declare):
        prefix, ns = g.value(decl, SH.prefix), g.value(decl, SH.namespace)
        if prefix is None or ns is None:
            raise Unsupported(f"prefix declaration {_name(decl)} lacks sh:prefix or sh:namespace")
        out[str(prefix)] = str(ns)
    return out


def _merge(into: dict[str, str], more: dict[str, str], shape: Node) -> None:
    for k, v in more.items():
        if into.get(k, v) != v:
            raise Unsupported(f"shape {_name(shape)}: prefix {k}: declared as two namespaces")
        into[k] = v


def _check_params(g: Graph, shape: Node, *, node_shape: bool, nested: bool = False) -> None:
    """Raise Unsupported for any sh: term of ``shape`` that is not compiled."""
    seen: dict[Node, int] = {}
    for p, _o in g.predicate_objects(shape):
        if not str(p).startswith(str(SH)):
            continue
        seen[p] = seen.get(p, 0) + 1
        if p in _INERT or p in _VALUE_PARAMS or (p in _TARGETS and not nested) or p == RDF.type:
            pass
        elif p in _PROPERTY_ONLY and not node_shape:
            pass
        elif p == SH.property and node_shape and not nested:
            pass
        else:
            where = " inside sh:not/sh:and/sh:or/sh:xone/sh:node" if nested else (
                " on a node shape" if node_shape else " on a property shape")
            raise Unsupported(f"shape {_name(shape)}: {p.n3(g.namespace_manager)} is not supported{where}")
    for p, n in seen.items():
        if n > 1 and p not in _REPEATABLE and p not in (SH.property, SH.targetClass, SH.targetNode,
                                                          SH.targetSubjectsOf, SH.targetObjectsOf, SH.target):
            raise Unsupported(f"shape {_name(shape)}: {p.n3(g.namespace_manager)} given {n} times")
    if SH.flags in seen and seen.get(SH.pattern, 0) != 1:
        raise Unsupported(f"shape {_name(shape)}: sh:flags without exactly one sh:pattern")


def _message(g: Graph, shape: Node) -> str:
    messages = list(g.objects(shape, SH.message))
    if len(messages) != 1:
        raise Unsupported(
            f"shape {_name(shape)}: {'no' if not messages else len(messages)} sh:message "
            "(pyshacl's generic messages are not reproduced)"
        )
    return str(messages[0])


def _severity(g: Graph, shape: Node) -> URIRef:
    sev = g.value(shape, SH.severity)
    if sev is None:
        return SH.Violation
    if not isinstance(sev, URIRef):
        raise Unsupported(f"shape {_name(shape)}: sh:severity {sev!r} is not an IRI")
    return sev


def _prolog(prefixes: dict[str, str]) -> str:
    return "".join(f"PREFIX {k}: <{v}>\n" for k, v in sorted(prefixes.items()))


def _value_checks(g: Graph, shape: Node, targets: str, prefixes: dict, path: str | None, fresh) -> list[Check]:
    """The check of every value constraint of ``shape`` (one query), if it has any."""
    constraints: list[tuple[URIRef, str]] = []
    for p, o in sorted(g.predicate_objects(shape), key=lambda po: (str(po[0]), str(po[1]))):
        if p in _VALUE_PARAMS:
            constraints.append((_VALUE_PARAMS[p], _constraint_expr(g, shape, p, o, "?v", fresh)))
    if path is not None:
        for p, comp in ((SH.lessThan, SH.LessThanConstraintComponent),
                        (SH.lessThanOrEquals, SH.LessThanOrEqualsConstraintComponent)):
            for other in g.objects(shape, p):
                if not isinstance(other, URIRef):
                    raise Unsupported(f"shape {_name(shape)}: {p} must be an IRI")
                o = f"?_o{next(fresh)}"
                op = "<" if p == SH.lessThan else "<="
                constraints.append((comp, f"NOT EXISTS {{ ?this <{_iri(other)}> {o} FILTER(!{_compare('?v', o, op)}) }}"))
    if not constraints:
        return []
    message, severity = _message(g, shape), _severity(g, shape)
    ks = [f"?k{i}" for i in range(len(constraints))]
    binds = "\n  ".join(f"BIND(COALESCE({expr}, false) AS {k})" for (_c, expr), k in zip(constraints, ks))
    values = f"?this {path} ?v ." if path is not None else "BIND(?this AS ?v)"
    query = (
        f"{_prolog(prefixes)}SELECT DISTINCT ?this ?v {' '.join(ks)} WHERE {{\n  {targets}\n  {values}\n  {binds}\n"
        f"  FILTER({' || '.join('!' + k for k in ks)})\n}}"
    )
    return [Check(shape, "values", query, tuple(c for c, _e in constraints), path, _predicate(g, shape, path),
                  severity, message)]


def _predicate(g: Graph, shape: Node, path: str | None) -> URIRef | None:
    if path is None:
        return None
    node = g.value(shape, SH.path)
    return node if isinstance(node, URIRef) else None


def _subjects_of(g: Graph, shape: Node) -> str | None:
    """``<p>`` when the only target of ``shape`` is ``sh:targetSubjectsOf p``."""
    targets = [(t, o) for t in _TARGETS for o in g.objects(shape, t)]
    if len(targets) == 1 and targets[0][0] == SH.targetSubjectsOf and isinstance(targets[0][1], URIRef):
        return f"<{_iri(targets[0][1])}>"
    return None


def _property_checks(g: Graph, shape: Node, targets: str, prefixes: dict, fresh, subjects_of: str | None = None
                     ) -> list[Check]:
    """The checks of a property shape whose focus nodes ``targets`` binds to ``?this``.

    When the focus nodes are the subjects of the shape's own path
    (``subjects_of``), a pattern ``?this path ?v`` already implies the
    target: it is left out, and ``sh:minCount 1`` cannot fail.
    """
    _check_params(g, shape, node_shape=False)
    path_nodes = list(g.objects(shape, SH.path))
    if len(path_nodes) != 1:
        raise Unsupported(f"shape {_name(shape)}: a property shape needs exactly one sh:path")
    path = path_text(g, path_nodes[0])
    pred = path_nodes[0] if isinstance(path_nodes[0], URIRef) else None
    implied = subjects_of is not None and subjects_of == path
    via_path = "" if implied else targets  # the target, where ?this is bound through the path anyway
    checks = _value_checks(g, shape, via_path, prefixes, path, fresh)
    lo, hi = _int_param(g, shape, SH.minCount), _int_param(g, shape, SH.maxCount)
    prolog = _prolog(prefixes)
    if lo is not None and (lo <= 0 or (implied and lo == 1)):
        lo = None
    if lo is not None or hi is not None:
        message, severity = _message(g, shape), _severity(g, shape)
        comps = (SH.MinCountConstraintComponent, SH.MaxCountConstraintComponent)
        if lo == 1 and hi is None:
            query = f"{prolog}SELECT ?this WHERE {{\n  {targets}\n  MINUS {{ ?this {path} ?_x }}\n}}"
            checks.append(Check(shape, "focus", query, (comps[0],), path, pred, severity, message, (lo, hi)))
        elif lo is None and hi == 0:
            query = f"{prolog}SELECT DISTINCT ?this WHERE {{\n  {via_path}\n  ?this {path} ?_x .\n}}"
            checks.append(Check(shape, "focus", query, (comps[1],), path, pred, severity, message, (lo, hi)))
        else:
            tests = ([f"COUNT(DISTINCT ?_x) < {lo}"] if lo is not None else []) + (
                [f"COUNT(DISTINCT ?_x) > {hi}"] if hi is not None else [])
            optional = lo is not None and not implied
            pattern = f"OPTIONAL {{ ?this {path} ?_x }}" if optional else f"?this {path} ?_x ."
            query = (f"{prolog}SELECT ?this (COUNT(DISTINCT ?_x) AS ?n) WHERE {{\n  {targets if optional else via_path}\n"
                     f"  {pattern}\n}}\n"
                     f"GROUP BY ?this HAVING ({' || '.join(tests)})")
            checks.append(Check(shape, "count", query, comps, path, pred, severity, message, (lo, hi)))
    unique = g.value(shape, SH.uniqueLang)
    if unique is not None:
        if not (isinstance(unique, Literal) and isinstance(unique.toPython(), bool)):
            raise Unsupported(f"shape {_name(shape)}: sh:uniqueLang {unique!r} is not a boolean")
        if unique.toPython():
            query = (
                f"{prolog}SELECT DISTINCT ?this WHERE {{\n  {via_path}\n  ?this {path} ?_a .\n  ?this {path} ?_b .\n"
                "  FILTER(isLiteral(?_a) && LANG(?_a) != \"\" && LCASE(LANG(?_a)) = LCASE(LANG(?_b)) && !sameTerm(?_a, ?_b))\n}"
            )
            checks.append(Check(shape, "focus", query, (SH.UniqueLangConstraintComponent,), path, pred,
                                _severity(g, shape), _message(g, shape)))
    return checks


def _int_param(g: Graph, shape: Node, p: URIRef) -> int | None:
    value = g.value(shape, p)
    if value is None:
        return None
    py = value.toPython() if isinstance(value, Literal) else None
    if not isinstance(py, int) or isinstance(py, bool):
        raise Unsupported(f"shape {_name(shape)}: {p} {value!r} is not an integer")
    return py


def _compare(a: str, b: str, op: str) -> str:
    """``a op b`` as pyshacl compares: IRIs and strings by their text, else by value; never an error."""

    def is_str(x: str) -> str:
        return f"(isIRI({x}) || (isLiteral({x}) && (DATATYPE({x}) = <{_XSD_STRING}> || LANG({x}) != \"\")))"

    return (f"COALESCE(IF({is_str(a)} || {is_str(b)}, {is_str(a)} && {is_str(b)} && STR({a}) {op} STR({b}), "
            f"{a} {op} {b}), false)")


def _constraint_expr(g: Graph, shape: Node, p: URIRef, o: Node, v: str, fresh) -> str:
    """A SPARQL expression, true when the term in ``v`` satisfies the constraint ``p o``."""
    if p == SH["class"]:
        if not isinstance(o, URIRef):
            raise Unsupported(f"shape {_name(shape)}: sh:class {o!r} is not an IRI")
        return f"EXISTS {{ {v} <{RDF.type}>/<{RDFS.subClassOf}>* <{_iri(o)}> }}"
    if p == SH.datatype:
        return _datatype_expr(shape, o, v)
    if p == SH.nodeKind:
        if o not in _NODE_KINDS:
            raise Unsupported(f"shape {_name(shape)}: sh:nodeKind {o!r}")
        return _NODE_KINDS[o].format(v=v)
    if p == SH.pattern:
        flags = g.value(shape, SH.flags)
        return _pattern_expr(shape, o, flags, v)
    if p == SH["in"]:
        items = _list(g, o)
        if not items:
            return "false"
        return "(" + " || ".join(f"sameTerm({v}, {_term(i)})" for i in items) + ")"
    if p in _RANGES:
        if not isinstance(o, Literal):
            raise Unsupported(f"shape {_name(shape)}: {p} {o!r} is not a literal")
        return f"COALESCE({v} {_RANGES[p][0]} {_term(o)}, false)"
    if p in (SH.minLength, SH.maxLength):
        n = _int_param(g, shape, p)
        op = ">=" if p == SH.minLength else "<="
        return f"(!isBlank({v}) && STRLEN(STR({v})) {op} {n})"
    if p == SH["not"]:
        return f"!({_shape_expr(g, o, v, fresh)})"
    if p in (SH["and"], SH["or"], SH.xone):
        members = [_shape_expr(g, m, v, fresh) for m in _list(g, o)]
        if not members:
            return "true" if p == SH["and"] else "false"
        if p == SH.xone:
            return "(" + " + ".join(f"IF({m}, 1, 0)" for m in members) + " = 1)"
        return "(" + (" && " if p == SH["and"] else " || ").join(members) + ")"
    if p == SH.node:
        return _shape_expr(g, o, v, fresh)
    raise Unsupported(f"shape {_name(shape)}: {p} is not supported")  # pragma: no cover


def _shape_expr(g: Graph, shape: Node, v: str, fresh) -> str:
    """True when the term in ``v`` conforms to ``shape`` (a shape of value constraints only)."""
    if _deactivated(g, shape):
        return "true"
    if (shape, SH.path, None) in g or (shape, SH.property, None) in g:
        raise Unsupported(f"shape {_name(shape)}: property shapes inside sh:not/sh:and/sh:or/sh:xone/sh:node")
    _check_params(g, shape, node_shape=True, nested=True)
    parts = [
        f"COALESCE({_constraint_expr(g, shape, p, o, v, fresh)}, false)"
        for p, o in sorted(g.predicate_objects(shape), key=lambda po: (str(po[0]), str(po[1])))
        if p in _VALUE_PARAMS
    ]
    return "(" + " && ".join(parts) + ")" if parts else "true"


def _datatype_expr(shape: Node, dt: Node, v: str) -> str:
    if not isinstance(dt, URIRef):
        raise Unsupported(f"shape {_name(shape)}: sh:datatype {dt!r} is not an IRI")
    if dt == XSD.string:
        return f"(isLiteral({v}) && DATATYPE({v}) = <{_XSD_STRING}>)"
    if dt == RDF.langString:
        return f"(isLiteral({v}) && LANG({v}) != \"\")"
    if dt == RDFS.Literal:
        return f"isLiteral({v})"
    if dt in _CASTABLE:
        return f"(isLiteral({v}) && DATATYPE({v}) = <{dt}> && COALESCE(isLiteral(<{dt}>(STR({v}))), false))"
    if str(dt).startswith((str(XSD), str(RDF), str(RDFS))):
        raise Unsupported(f"shape {_name(shape)}: sh:datatype {dt} (its lexical forms cannot be checked in SPARQL)")
    return f"(isLiteral({v}) && DATATYPE({v}) = <{_iri(dt)}>)"


def _pattern_expr(shape: Node, pattern: Node, flags: Node | None, v: str) -> str:
    if not isinstance(pattern, Literal) or (flags is not None and not isinstance(flags, Literal)):
        raise Unsupported(f"shape {_name(shape)}: sh:pattern and sh:flags must be literals")
    args = _str_lit(str(pattern)) + (f", {_str_lit(str(flags))}" if flags is not None else "")
    if not _regex_ok(args):
        raise Unsupported(f"shape {_name(shape)}: Oxigraph cannot compile the regular expression {str(pattern)!r}")
    return f"(!isBlank({v}) && REGEX(STR({v}), {args}))"


_REGEX_OK: dict[str, bool] = {}


def _regex_ok(args: str) -> bool:
    if args not in _REGEX_OK:
        try:
            rows = list(ox.Store().query(f"SELECT (REGEX(\"\", {args}) AS ?ok) WHERE {{}}"))
            _REGEX_OK[args] = bool(rows) and rows[0]["ok"] is not None
        except (SyntaxError, ValueError, OSError):
            _REGEX_OK[args] = False
    return _REGEX_OK[args]


# ----------------------------------------------------------------------------- running


def _rd(term) -> Node | None:
    """An Oxigraph term as an rdflib term (plain literals stay plain)."""
    if term is None:
        return None
    cls = type(term)
    if cls is ox.NamedNode:
        return URIRef(term.value)
    if cls is ox.BlankNode:
        return BNode(term.value)
    if cls is ox.Literal:
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        return Literal(term.value) if dt == _XSD_STRING else Literal(term.value, datatype=URIRef(dt))
    raise Unsupported(f"unexpected term {term!r}")


def _run_check(store: ox.Store, check: Check) -> Iterable[ShaclResult]:
    try:  # rows are violations only: few
        rows = list(store.query(check.query, use_default_graph_as_union=True))
    except (SyntaxError, RuntimeError) as err:  # a SPARQL target Oxigraph cannot parse or run
        raise Unsupported(f"shape {_name(check.shape)}: Oxigraph cannot run its query: {err}") from err

    def result(focus, component, value=None) -> ShaclResult:
        return ShaclResult(_rd(focus), check.path, component, check.severity, value, check.message, check.predicate)

    if check.kind == "values":
        n = len(check.components)
        for row in rows:
            focus, value = row[0], _rd(row[1])
            for i in range(n):
                ok = row[2 + i]
                if ok is None or ok.value != "true":
                    yield result(focus, check.components[i], value)
    elif check.kind == "count":
        lo, hi = check.bounds
        for row in rows:
            n = int(row[1].value)
            if lo is not None and n < lo:
                yield result(row[0], check.components[0])
            if hi is not None and n > hi:
                yield result(row[0], check.components[1])
    else:
        for row in rows:
            yield result(row[0], check.components[0])
