"""Every statement about an entity, with the evidence behind it.

A statement's sources come from the named graph it sits in (see the Evidence
section of ``docs/model.md``): an ``eco:Evidence`` graph gives the document's
title and date and the exact quote; any other named graph (a loaded file) gives
the file.

Examples
--------
>>> from rdflib import Dataset
>>> ds = Dataset(default_union=True)
>>> _ = ds.parse(format="trig", data='''
... @prefix eco: <https://w3id.org/ecokg/def#> . @prefix ecoid: <https://w3id.org/ecokg/id/> .
... @prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix org: <http://www.w3.org/ns/org#> .
... @prefix prov: <http://www.w3.org/ns/prov#> . @prefix oa: <http://www.w3.org/ns/oa#> .
... @prefix dcterms: <http://purl.org/dc/terms/> . @prefix foaf: <http://xmlns.com/foaf/0.1/> .
... @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
... ecoid:ev-1 { ecoid:a skos:prefLabel "A"@da ; org:memberOf ecoid:b . ecoid:b skos:prefLabel "B"@da . }
... ecoid:ev-1 a eco:Evidence ; prov:wasDerivedFrom ecoid:doc ;
...     oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "A er medlem af B" ] .
... ecoid:doc a foaf:Document ; dcterms:title "Pressemeddelelse"@da ; dcterms:date "2018-09-20"^^xsd:date .
... ''')
>>> e = explain(ds, "A")
>>> [(s.predicate, s.object) for s in e.statements]
[('member of', 'B'), ('prefLabel', 'A')]
>>> e.statements[0].sources[0]
Source(title='Pressemeddelelse', date='2018-09-20', quote='A er medlem af B')
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from rdflib import BNode, Literal, URIRef
from rdflib.graph import Dataset
from rdflib.term import Node

from graph.entities import find_entity
from graph.labels import label, local_name
from graph.vocab import DCTERMS, ECO, OA, ONTOLOGY_GRAPH, PROV, RDF, RELATION_NAMES

__all__ = ["Source", "Statement", "Explanation", "explain"]


@dataclass(frozen=True)
class Source:
    """Where a statement comes from."""

    title: str
    date: str | None
    quote: str | None


@dataclass(frozen=True)
class Statement:
    """One statement about the entity; ``direction`` is ``"out"`` when the
    entity is the subject and ``"in"`` when it is the object (then ``subject``
    names the other end)."""

    predicate: str
    object: str
    sources: tuple[Source, ...]
    predicate_iri: str
    direction: str = "out"
    subject: str | None = None

    def as_dict(self) -> dict:
        data = asdict(self)
        data["sources"] = [asdict(s) for s in self.sources]
        return data


@dataclass(frozen=True)
class Explanation:
    """Everything the graph says about one entity."""

    iri: str
    label: str
    statements: tuple[Statement, ...]

    def as_dict(self) -> dict:
        return {"iri": self.iri, "label": self.label, "statements": [s.as_dict() for s in self.statements]}


def _sources(ds: Dataset, graph_name: Node, cache: dict) -> tuple[Source, ...]:
    if graph_name in cache:
        return cache[graph_name]
    found = []
    if (graph_name, RDF.type, ECO.Evidence) in ds:
        for doc in ds.objects(graph_name, PROV.wasDerivedFrom):
            date = next(iter(ds.objects(doc, DCTERMS.date)), None)
            quotes = [str(q) for sel in ds.objects(graph_name, OA.hasSelector) for q in ds.objects(sel, OA.exact)]
            found.append(Source(label(ds, doc), str(date) if date is not None else None, quotes[0] if quotes else None))
    elif isinstance(graph_name, URIRef) and not str(graph_name).startswith("urn:x-rdflib:"):
        found.append(Source(local_name(graph_name), None, None))
    cache[graph_name] = tuple(found)
    return cache[graph_name]


def _describe(ds: Dataset, node: Node) -> str:
    if isinstance(node, Literal):
        return str(node)
    if isinstance(node, BNode):
        parts = [f"{_predicate_name(p)}: {label(ds, o)}" for p, o in sorted(ds.predicate_objects(node)) if p != RDF.type]
        kinds = [label(ds, t, lang="en") for t in ds.objects(node, RDF.type)]
        return f"{'/'.join(sorted(kinds)) or 'node'} ({'; '.join(parts)})"
    return label(ds, node)


def _predicate_name(pred: Node) -> str:
    return RELATION_NAMES.get(pred) or local_name(pred)


def explain(ds: Dataset, entity: str | URIRef) -> Explanation:
    """Every statement about ``entity`` (a label or IRI) with its sources.

    Statements are grouped by (predicate, object): the same fact stated in two
    documents has two sources. The ontology graph is left out.

    Raises
    ------
    EntityNotFound
        If no entity has that label or IRI.
    """
    node = entity if isinstance(entity, URIRef) else find_entity(ds, entity)
    cache: dict = {}
    grouped: dict[tuple, list[Source]] = {}
    for s, p, o, g in ds.quads((node, None, None, None)):
        if g == ONTOLOGY_GRAPH:
            continue
        key = ("out", p, o, None)
        grouped.setdefault(key, []).extend(_sources(ds, g, cache))
    for s, p, o, g in ds.quads((None, None, node, None)):
        if g == ONTOLOGY_GRAPH:
            continue
        key = ("in", p, s, s)
        grouped.setdefault(key, []).extend(_sources(ds, g, cache))
    statements = [
        Statement(
            predicate=_predicate_name(p),
            object=_describe(ds, o) if direction == "out" else label(ds, node),
            sources=tuple(dict.fromkeys(srcs)),
            predicate_iri=str(p),
            direction=direction,
            subject=None if direction == "out" else _describe(ds, other),
        )
        for (direction, p, o, other), srcs in grouped.items()
    ]
    statements.sort(key=lambda st: (st.direction != "out", st.predicate, st.subject or "", st.object))
    return Explanation(str(node), label(ds, node), tuple(statements))
