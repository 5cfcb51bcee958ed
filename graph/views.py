"""NetworkX views of the knowledge graph: explicit, derived, never written back.

The RDF dataset stays the source of truth. Each function here projects it into
a NetworkX graph for analysis or drawing. Only the relation predicates of
``docs/model.md`` become edges; labels, types, regions, focus areas and dates
become node attributes; literals and classes are never nodes.

- :func:`entity_graph` -- every entity and every direct relation (for maps).
- :func:`actor_initiative_graph` -- bipartite actors (0) / initiatives (1).
- :func:`collaboration_graph` -- actors linked when they share an initiative,
  a membership or a grant; ``weight`` = number of things shared.
- :func:`initiative_focus_graph` -- initiatives and the focus areas they address.

All take ``as_of`` (a date or ISO string): only entities and relations active
on that date are kept, and regions are those that existed then (an entity in a
region that was merged away is placed in the region it was merged into; see
:func:`regions_on`).

Examples
--------
>>> ds = _example()
>>> G = collaboration_graph(ds)
>>> sorted(G.nodes[n]["label"] for n in G)
['Acme', 'Beta', 'Fond', 'Gamma', 'Klynge X']
>>> G[str(EX.acme)][str(EX.beta)]["weight"]  # share the cluster and one project
2
>>> H = initiative_focus_graph(ds)
>>> sorted(H.nodes[n]["label"] for n in H[str(EX.proj)])
['Telemedicin']
>>> E = entity_graph(ds)
>>> E.nodes[str(EX.acme)]["type"], E.nodes[str(EX.acme)]["region"]
('Company', 'Region Syddanmark')
>>> sorted(d["relation"] for _, _, d in E.out_edges(str(EX.acme), data=True))
['located in', 'member of', 'partner in']

Notes
-----
Data is read with one pass per predicate (``ds.triples((None, P, None))``,
or straight from the predicate index of rdflib's in-memory store), never one
query per node: a view of a million triples builds in a few seconds. The collaboration graph is the sparse product ``B @ B.T`` of the
actor-by-group incidence matrix (a group is an initiative, an organisation
with members, or a funded item), which is much faster than NetworkX's
bipartite projection helpers on large graphs.
"""

from __future__ import annotations

import functools
import gc
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import networkx as nx
import numpy as np
from rdflib import Literal, URIRef
from rdflib.graph import Graph
from rdflib.term import Node

from graph.labels import local_name
from graph.periods import END_PREDICATES, START_PREDICATES, as_date, is_active, parse_date, period_of
from graph.progress import progress_bar
from graph.store import tsv_term
from graph.vocab import (
    ACTOR_CLASSES,
    DCTERMS,
    ECO,
    ID,
    OA,
    ONTOLOGY_GRAPH,
    ORG,
    PROV,
    RDF,
    RDFS,
    REFERENCE_GRAPH,
    RELATION_NAMES,
    SCHEMA,
    SKOS,
    STRUCTURAL_CLASSES,
    TIME,
    TYPE_LABELS,
    VCARD,
)

__all__ = [
    "entity_graph",
    "actor_initiative_graph",
    "collaboration_graph",
    "initiative_focus_graph",
    "regions_on",
    "region_successors",
    "RELATION_NAMES",
    "COLLABORATION_PREDICATES",
    "PredicateScan",
]


#: relations that make two actors collaborators (everything but located in,
#: addresses and merged into)
COLLABORATION_PREDICATES: frozenset[URIRef] = frozenset(
    {
        ORG.memberOf,
        ECO.partnerIn,
        SCHEMA.funder,
        SCHEMA.founder,
        ORG.subOrganizationOf,
        SCHEMA.worksFor,
        ORG.headOf,
    }
)

# For an actor-actor relation (s, p, o): which end is the "group" the other
# joins. Co-members of a group are collaborators.
_GROUP_IS_OBJECT = frozenset(
    {ORG.memberOf, ECO.partnerIn, ORG.subOrganizationOf, SCHEMA.worksFor, ORG.headOf}
)
# s schema:funder o  = s funded by o;  s schema:founder o = s founded by o.
_GROUP_IS_SUBJECT = frozenset({SCHEMA.funder, SCHEMA.founder})

_INITIATIVE_ROOTS = frozenset({ECO.Initiative})
_FOCUS_SCHEME = ID["scheme/focus-areas"]
_CONTACT_DEFAULTS = (VCARD.hasEmail, VCARD.hasTelephone)


@dataclass
class _Facts:
    """Everything the views need, read from the dataset in one bulk pass."""

    as_of: date | None
    region_date: date
    cls: dict[Node, URIRef] = field(default_factory=dict)
    kind: dict[Node, str] = field(default_factory=dict)  # actor|initiative|focus|entity
    label: dict[Node, str] = field(default_factory=dict)
    label_en: dict[Node, str | None] = field(default_factory=dict)
    period: dict[Node, tuple[date | None, date | None]] = field(default_factory=dict)
    reference_only: set[Node] = field(default_factory=set)
    # (s, p, o) -> (start, end, amount) of the active direct relations
    relations: dict[tuple[Node, URIRef, Node], tuple] = field(default_factory=dict)
    regions: list[Node] = field(default_factory=list)  # regions existing on region_date
    region_of: dict[Node, tuple[Node, ...]] = field(default_factory=dict)
    focus_of: dict[Node, tuple[Node, ...]] = field(default_factory=dict)
    focus_areas: list[Node] = field(default_factory=list)
    budget: dict[Node, Decimal] = field(default_factory=dict)

    def actors(self) -> list[Node]:
        return [n for n, k in self.kind.items() if k == "actor"]

    def initiatives(self) -> list[Node]:
        return [n for n, k in self.kind.items() if k == "initiative"]

    def region_label(self, node: Node) -> str | None:
        regs = self.region_of.get(node, ())
        return self.label.get(regs[0]) if regs else None

    def node_attrs(self, node: Node) -> dict:
        start, end = self.period.get(node, (None, None))
        cls = self.cls.get(node)
        return {
            "label": self.label.get(node) or local_name(node),
            "label_en": self.label_en.get(node),
            "type": TYPE_LABELS.get(cls, local_name(cls) if cls else "Entity"),
            "type_iri": str(cls) if cls else None,
            "kind": self.kind.get(node, "entity"),
            "region": self.region_label(node),
            "regions": tuple(self.label.get(r, local_name(r)) for r in self.region_of.get(node, ())),
            "focus_areas": tuple(self.label.get(f, local_name(f)) for f in self.focus_of.get(node, ())),
            "start": start.isoformat() if start else None,
            "end": end.isoformat() if end else None,
        }


def _gc_paused(fn):
    """Run ``fn`` with Python's cyclic garbage collector paused.

    The views build millions of small objects that live on; each collection
    pass would walk all of them again (a third of the time of a big view).
    """

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()

    return wrapper


# ---------------------------------------------------------------------------
# Public views
# ---------------------------------------------------------------------------


@_gc_paused
def entity_graph(ds: Graph, *, as_of=None, include_contacts: bool = False) -> nx.MultiDiGraph:
    """Every entity as a node and every direct relation as an edge.

    Parameters
    ----------
    ds : rdflib.Dataset or Graph
        The knowledge graph (union default graph).
    as_of : date or str, optional
        Keep only entities and relations active on this date.
    include_contacts : bool
        Add personal contact data (``contacts`` node attribute). Off by default.

    Returns
    -------
    networkx.MultiDiGraph
        Node key = IRI string. Node attributes: ``label`` (Danish preferred
        label), ``label_en``, ``type`` (English type label), ``type_iri``,
        ``kind`` (actor, initiative, focus, entity), ``region`` (label or
        None), ``regions``, ``focus_areas`` (labels), ``start``, ``end`` (ISO
        dates or None), ``description``, ``url``, ``reference`` (True for
        reference data such as municipalities). Edge key = relation name;
        edge attributes: ``relation`` (contract connection name, e.g. "member
        of"), ``predicate`` (IRI string), ``start``, ``end``, ``amount``
        (float DKK or None), ``evidence`` (tuple of (title, date, quote)).

    Examples
    --------
    >>> ds = _example()
    >>> E = entity_graph(ds)
    >>> d = E.get_edge_data(str(EX.proj), str(EX.fund))["funded by"]
    >>> d["amount"], d["start"], d["evidence"][0][2]
    (1000000.0, '2019-01-01', 'Fonden støtter projektet')
    >>> entity_graph(ds, as_of="2021-01-01").has_edge(str(EX.proj), str(EX.fund))
    False
    """
    facts = _facts(ds, as_of)
    G = nx.MultiDiGraph(as_of=facts.as_of.isoformat() if facts.as_of else None)
    desc = _literal_map(facts._scan, DCTERMS.description, facts.kind)  # type: ignore[attr-defined]
    urls = _first_object(facts._scan, SCHEMA.url, facts.kind)  # type: ignore[attr-defined]
    contacts: dict[Node, list[str]] = defaultdict(list)
    if include_contacts:
        preds = set(ds.subjects(RDF.type, ECO.PersonalDataProperty)) or set(_CONTACT_DEFAULTS)
        for p in preds:
            for s, o in ds.subject_objects(p):
                if s in facts.kind:
                    contacts[s].append(str(o))
    for node in facts.kind:
        attrs = facts.node_attrs(node)
        attrs["description"] = desc.get(node)
        attrs["url"] = str(urls[node]) if node in urls else None
        attrs["reference"] = node in facts.reference_only
        if include_contacts:
            attrs["contacts"] = tuple(sorted(contacts.get(node, ())))
        G.add_node(str(node), **attrs)
    evidence = _Evidence(ds, facts._scan)  # type: ignore[attr-defined]
    bar = progress_bar(len(facts.relations), "relations")

    def edges():
        for k, ((s, p, o), (start, end, amount)) in enumerate(facts.relations.items(), 1):
            if k % 20_000 == 0:
                bar.update(20_000)
            name = RELATION_NAMES[p]
            yield str(s), str(o), name, {
                "relation": name,
                "predicate": str(p),
                "start": start.isoformat() if start else None,
                "end": end.isoformat() if end else None,
                "amount": float(amount) if amount is not None else None,
                "evidence": evidence.of((s, p, o)),
            }

    G.add_edges_from(edges())
    bar.close()
    return G


@_gc_paused
def actor_initiative_graph(ds: Graph, *, as_of=None) -> nx.Graph:
    """Bipartite graph of actors (``bipartite=0``) and initiatives (``bipartite=1``).

    An actor and an initiative are linked when any collaboration relation
    (member of, partner in, funded by, founded by, part of, works for, leads)
    joins them, in either direction. Edge attribute ``relations``: sorted
    tuple of relation names.

    Examples
    --------
    >>> B = actor_initiative_graph(_example())
    >>> sorted(B.nodes[n]["label"] for n in B if B.nodes[n]["bipartite"] == 1)
    ['Projekt P']
    >>> B[str(EX.fund)][str(EX.proj)]["relations"]
    ('funded by',)
    """
    return _actor_initiative_from(_facts(ds, as_of))


@_gc_paused
def collaboration_graph(ds: Graph, *, as_of=None) -> nx.Graph:
    """Actors linked when they share an initiative, a membership or a grant.

    Every active actor is a node (isolated ones too), except reference data
    (regions, municipalities) that takes part in nothing. ``weight`` counts the
    groups two actors share: initiatives they both take part in,
    organisations they both belong to (the organisation itself counts as
    taking part in its own group), items they both fund or were founded by.

    Examples
    --------
    >>> G = collaboration_graph(_example())
    >>> G[str(EX.beta)][str(EX.fund)]["weight"]  # Beta is partner, Fond funds
    1
    >>> G.degree(str(EX.gamma))  # Gamma has no relation at all
    0
    """
    return _collaboration_from(_facts(ds, as_of))


@_gc_paused
def initiative_focus_graph(ds: Graph, *, as_of=None) -> nx.Graph:
    """Initiatives (``bipartite=0``) and the focus areas (``bipartite=1``) they address.

    Examples
    --------
    >>> H = initiative_focus_graph(_example())
    >>> H.nodes[str(EX["focus/tele"])]["type"]
    'Focus Area'
    """
    facts = _facts(ds, as_of)
    H = nx.Graph()
    for f in facts.focus_areas:
        H.add_node(str(f), bipartite=1, **facts.node_attrs(f))
    for i in facts.initiatives():
        H.add_node(str(i), bipartite=0, **facts.node_attrs(i))
        for f in facts.focus_of.get(i, ()):
            H.add_edge(str(i), str(f))
    return H


def regions_on(ds: Graph, day=None) -> list[URIRef]:
    """The regions (``eco:Region``) that existed on ``day`` (default today), by notation.

    A region exists from its ``schema:foundingDate`` to its
    ``schema:dissolutionDate`` (either open).

    Examples
    --------
    >>> [local_name(r) for r in regions_on(_example(), "2026-06-01")]
    ['region-hovedstaden', 'region-sjaelland', 'region-syddanmark']
    >>> [local_name(r) for r in regions_on(_example(), "2027-01-01")]
    ['region-syddanmark', 'region-oestdanmark']
    """
    day = parse_date(day) or date.today()
    regions = _region_nodes(ds)
    return [r for r in regions if is_active(*period_of(ds, r), day)]


# ---------------------------------------------------------------------------
# Builders from collected facts (used by gaps and recommend too)
# ---------------------------------------------------------------------------


@_gc_paused
def _actor_initiative_from(facts: _Facts) -> nx.Graph:
    B = nx.Graph()
    for a in facts.actors():
        B.add_node(str(a), bipartite=0, **facts.node_attrs(a))
    for i in facts.initiatives():
        B.add_node(str(i), bipartite=1, **facts.node_attrs(i))
    rels: dict[tuple[str, str], set[str]] = defaultdict(set)
    for s, p, o in facts.relations:
        if p not in COLLABORATION_PREDICATES:
            continue
        ks, ko = facts.kind.get(s), facts.kind.get(o)
        if ks == "actor" and ko == "initiative":
            rels[(str(s), str(o))].add(RELATION_NAMES[p])
        elif ks == "initiative" and ko == "actor":
            rels[(str(o), str(s))].add(RELATION_NAMES[p])
    for (a, i), names in rels.items():
        B.add_edge(a, i, relations=tuple(sorted(names)))
    return B


def _incidence(facts: _Facts):
    """Actor-by-group incidence matrix (scipy CSR, 0/1), actor list, group list."""
    from scipy import sparse

    actors = facts.actors()
    index = {a: k for k, a in enumerate(actors)}
    groups: dict[Node, int] = {}
    rows: list[int] = []
    cols: list[int] = []

    def join(actor: Node, group: Node) -> None:
        g = groups.setdefault(group, len(groups))
        rows.append(index[actor])
        cols.append(g)

    for s, p, o in facts.relations:
        if p not in COLLABORATION_PREDICATES:
            continue
        ks, ko = facts.kind.get(s), facts.kind.get(o)
        if ks == "actor" and ko == "initiative":
            join(s, o)
        elif ks == "initiative" and ko == "actor":
            join(o, s)
        elif ks == "actor" and ko == "actor":
            group = o if p in _GROUP_IS_OBJECT else s
            join(s, group)
            join(o, group)
    data = np.ones(len(rows), dtype=np.float64)
    B = sparse.csr_matrix((data, (rows, cols)), shape=(len(actors), len(groups)))
    B.data[:] = 1.0  # duplicates summed by the constructor: back to 0/1
    return B, actors, list(groups)


@_gc_paused
def _collaboration_from(facts: _Facts) -> nx.Graph:
    from scipy import sparse

    B, actors, _groups = _incidence(facts)
    C = sparse.triu(B @ B.T, k=1).tocoo()
    G = nx.Graph(as_of=facts.as_of.isoformat() if facts.as_of else None)
    linked = np.asarray(B.sum(axis=1)).ravel() > 0
    for k, a in enumerate(actors):
        # Reference data (regions, municipalities) only when it takes part.
        if a in facts.reference_only and not linked[k]:
            continue
        G.add_node(str(a), **facts.node_attrs(a))
    names = [str(a) for a in actors]
    G.add_weighted_edges_from(
        (names[i], names[j], int(w)) for i, j, w in zip(C.row.tolist(), C.col.tolist(), C.data.tolist())
    )
    return G


# ---------------------------------------------------------------------------
# Bulk reading
# ---------------------------------------------------------------------------


class PredicateScan:
    """Each predicate read once: ``pairs(p)`` -> list of (subject, object).

    On rdflib's in-memory store, for a union default graph, the pairs are
    read straight from the store's predicate index (the same triples the
    public ``ds.subject_objects(p)`` yields, about 50 times faster, because it
    skips working out each triple's named graphs); on an Oxigraph-backed
    Dataset, from one SPARQL query per predicate. Every other store and graph
    goes through the public API; ``fast=False`` forces it.

    Examples
    --------
    >>> ds = _example()
    >>> scan = PredicateScan(ds)
    >>> sorted((local_name(s), local_name(o)) for s, o in scan.pairs(SCHEMA.funder))
    [('grant1', 'fund'), ('proj', 'fund')]
    >>> local_name(scan.first(SCHEMA.funder, EX.proj))
    'fund'
    """

    def __init__(self, ds: Graph, *, fast: bool = True):
        self.ds = ds
        self._pairs: dict[URIRef, list] = {}
        self._maps: dict[URIRef, dict] = {}
        self._pos = _memory_pos_index(ds) if fast else None
        self._ox = _union_oxigraph(ds) if fast and self._pos is None else None
        self._terms: dict[str, Node] = {}

    def pairs(self, p: URIRef) -> list:
        if p not in self._pairs:
            if self._pos is not None:
                by_object = self._pos.get(p, {})
                self._pairs[p] = [(s, o) for o, subjects in by_object.items() for s in subjects]
            elif self._ox is not None:
                self._pairs[p] = _oxigraph_pairs(self._ox, p, self._terms)
            else:
                self._pairs[p] = list(self.ds.subject_objects(p))
        return self._pairs[p]

    def many(self, p: URIRef) -> dict:
        """subject -> list of objects."""
        if p not in self._maps:
            m: dict = defaultdict(list)
            for s, o in self.pairs(p):
                m[s].append(o)
            self._maps[p] = m
        return self._maps[p]

    def first(self, p: URIRef, s: Node):
        values = self.many(p).get(s)
        return min(values, key=str) if values else None


def _memory_pos_index(ds: Graph):
    """The predicate -> object -> subject index of rdflib's ``Memory`` store,
    when ``ds`` reads the union of all its graphs; else ``None``."""
    from rdflib.graph import ConjunctiveGraph, Dataset
    from rdflib.plugins.stores.memory import Memory

    store = getattr(ds, "store", None)
    if type(store) is not Memory or not isinstance(ds, ConjunctiveGraph):
        return None
    if isinstance(ds, Dataset) and not ds.default_union:
        return None
    pos = getattr(store, "_Memory__pos", None)
    return pos if isinstance(pos, dict) else None


def _union_oxigraph(ds: Graph):
    """The ``pyoxigraph.Store`` behind ``ds`` when ``ds`` reads the union of
    all its graphs (a loader's Dataset on Oxigraph); else ``None``."""
    from rdflib.graph import ConjunctiveGraph, Dataset

    if not isinstance(ds, ConjunctiveGraph) or (isinstance(ds, Dataset) and not ds.default_union):
        return None
    from graph.store import oxigraph_of

    return oxigraph_of(ds)


def _oxigraph_pairs(store, p: URIRef, terms: dict) -> list:
    """(subject, object) of every triple with predicate ``p`` in the union of
    the graphs of an Oxigraph store, each once, as rdflib terms.

    The rows come out of Oxigraph as SPARQL TSV (written in Rust), are split
    and de-duplicated with ``str`` methods, and each distinct cell is turned
    into an rdflib term once (``terms`` caches them across predicates).
    """
    import pyoxigraph as ox

    query = "SELECT ?s ?o WHERE { ?s <" + str(p) + "> ?o }"
    data = store.query(query, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.TSV)
    lines = data.decode("utf-8").split("\n")
    del lines[0]  # the header
    if lines and not lines[-1]:
        lines.pop()
    if not lines:
        return []
    # a triple in several graphs is one triple of the union
    cells = "\t".join(dict.fromkeys(lines)).split("\t")
    for cell in [c for c in set(cells) if c not in terms]:
        terms[cell] = tsv_term(cell)
    nodes = list(map(terms.__getitem__, cells))
    return list(zip(nodes[0::2], nodes[1::2]))


@_gc_paused
def _facts(ds: Graph, as_of=None, *, fast: bool = True) -> _Facts:
    """Read types, labels, periods, relations, regions and focus areas in bulk.

    One pass per predicate; no per-node queries except for the handful of
    reference entities.
    """
    as_of = parse_date(as_of)
    facts = _Facts(as_of=as_of, region_date=as_of or date.today())
    scan = PredicateScan(ds, fast=fast)
    facts._scan = scan  # type: ignore[attr-defined]
    with progress_bar(6, "reading the graph") as bar:
        _read_facts(ds, scan, facts, bar)
    return facts


def _read_facts(ds: Graph, scan: PredicateScan, facts: _Facts, bar) -> None:
    as_of = facts.as_of

    # Classes: TYPE_LABELS classes and their sub-classes (from the ontology).
    sub = defaultdict(set)
    for c, sup in scan.pairs(RDFS.subClassOf):
        if isinstance(c, URIRef) and isinstance(sup, URIRef):
            sub[sup].add(c)

    def closure(roots) -> set[URIRef]:
        seen, todo = set(roots), list(roots)
        while todo:
            for c in sub.get(todo.pop(), ()):
                if c not in seen:
                    seen.add(c)
                    todo.append(c)
        return seen

    actor_classes = closure(ACTOR_CLASSES)
    initiative_classes = closure(_INITIATIVE_ROOTS)
    focus_classes = closure({ECO.FocusArea})
    entity_classes = closure(set(TYPE_LABELS) - STRUCTURAL_CLASSES) - STRUCTURAL_CLASSES
    facts._classes = {  # type: ignore[attr-defined]
        "actor": actor_classes,
        "initiative": initiative_classes,
        "closure": closure,
    }

    for s, c in scan.pairs(RDF.type):
        if c not in entity_classes or not isinstance(s, URIRef):
            continue
        old = facts.cls.get(s)
        # Most specific wins: a class that is a sub-class of the old one.
        if old is None or c in closure({old}) - {old} or (c in TYPE_LABELS and old not in TYPE_LABELS):
            facts.cls[s] = c
    for s in ds.subjects(SKOS.inScheme, _FOCUS_SCHEME):
        if isinstance(s, URIRef) and s not in facts.cls:
            facts.cls[s] = ECO.FocusArea
    facts.reference_only = _reference_only(ds, set(facts.cls))
    bar.update(1)

    for s, c in facts.cls.items():
        if c in actor_classes:
            kind = "actor"
        elif c in initiative_classes:
            kind = "initiative"
        elif c in focus_classes:
            kind = "focus"
        else:
            kind = "entity"
        facts.kind[s] = kind

    # Periods of entities; drop the inactive ones (focus areas are timeless).
    starts = _first_date(scan, START_PREDICATES, facts.kind)
    ends = _first_date(scan, END_PREDICATES, facts.kind)
    for s in list(facts.kind):
        period = (starts.get(s), ends.get(s))
        facts.period[s] = period
        if not is_active(*period, as_of) and facts.kind[s] != "focus":
            del facts.kind[s]

    bar.update(1)
    _read_labels(scan, facts)
    bar.update(1)

    # Relations (direct triples), their qualified periods and amounts.
    qualified = _qualified_relations(scan)
    kind = facts.kind
    for p in RELATION_NAMES:
        pairs = scan.pairs(p)
        if p == ORG.memberOf:
            pairs = pairs + [(o, s) for s, o in scan.pairs(ORG.hasMember)]
        for s, o in pairs:
            if s not in kind or o not in kind:
                continue
            start, end, amount = qualified.get((s, p, o), (None, None, None))
            if not is_active(start, end, as_of):
                continue
            facts.relations[(s, p, o)] = (start, end, amount)
    # A qualified relation whose direct triple is missing still counts.
    for (s, p, o), (start, end, amount) in qualified.items():
        if (s, p, o) not in facts.relations and p in RELATION_NAMES:
            if s in kind and o in kind and is_active(start, end, as_of):
                facts.relations[(s, p, o)] = (start, end, amount)

    bar.update(1)
    # Focus areas.
    facts.focus_areas = sorted((n for n, k in kind.items() if k == "focus"), key=str)
    focus_set = set(facts.focus_areas)
    focus_of: dict[Node, set[Node]] = defaultdict(set)
    for s, o in scan.pairs(DCTERMS.subject):
        if o in focus_set and s in kind:
            focus_of[s].add(o)
    facts.focus_of = {s: tuple(sorted(v, key=str)) for s, v in focus_of.items()}

    # Budgets.
    for s, o in scan.pairs(ECO.budget):
        if s in kind and isinstance(o, Literal) and _is_number(o):
            facts.budget[s] = Decimal(str(o))

    bar.update(1)
    _read_regions(ds, scan, facts)
    bar.update(1)


def _reference_only(ds: Graph, entities: set[Node]) -> set[Node]:
    """Entities typed only in the reference or ontology graphs."""
    candidates: set[Node] = set()
    for gid in (REFERENCE_GRAPH, ONTOLOGY_GRAPH):
        # all quads of one graph (cheap on every store); a graph name here
        # never creates the graph, as ds.graph() would
        for s, p, _o, _g in ds.quads((None, None, None, gid)):
            if p == RDF.type and s in entities:
                candidates.add(s)
    out = set()
    for s in candidates:
        ctxs = {getattr(c, "identifier", c) for *_t, c in ds.quads((s, RDF.type, None, None))}
        if ctxs <= {REFERENCE_GRAPH, ONTOLOGY_GRAPH}:
            out.add(s)
    return out


def _read_labels(scan: PredicateScan, facts: _Facts) -> None:
    rank = {"da": 0, None: 1, "": 1, "en": 2}
    best: dict[Node, tuple[int, int, str]] = {}
    cls = facts.cls
    for pred_rank, pred in enumerate((SKOS.prefLabel, RDFS.label, SKOS.altLabel)):
        if pred_rank and len(best) == len(cls):
            break  # every entity has a preferred label already
        for s, o in scan.pairs(pred):
            if s not in cls or not isinstance(o, Literal):
                continue
            lang = o.language
            key = (pred_rank, rank.get(lang, 3), str(o))
            if s not in best or key < best[s]:
                best[s] = key
            if pred_rank == 0 and lang == "en":
                old = facts.label_en.get(s)
                if old is None or str(o) < old:
                    facts.label_en[s] = str(o)
    for s in facts.cls:
        facts.label[s] = best[s][2] if s in best else local_name(s)
        facts.label_en.setdefault(s, None)


def _region_nodes(ds: Graph) -> list[Node]:
    regions = {r for r in ds.subjects(RDF.type, ECO.Region) if isinstance(r, URIRef)}
    notation = {}
    for r in regions:
        notation[r] = min((str(n) for n in ds.objects(r, SKOS.notation)), default="~")
    return sorted(regions, key=lambda r: (notation[r], str(r)))


def region_successors(ds: Graph) -> dict[Node, set[Node]]:
    """Region -> regions it became (from org:ChangeEvent and eco:mergedInto)."""
    succ: dict[Node, set[Node]] = defaultdict(set)
    for ev in ds.subjects(RDF.type, ORG.ChangeEvent):
        for a in ds.objects(ev, ORG.originalOrganization):
            for b in ds.objects(ev, ORG.resultingOrganization):
                succ[a].add(b)
    for a, b in ds.subject_objects(ECO.mergedInto):
        succ[a].add(b)
    return succ


def _read_regions(ds: Graph, scan: PredicateScan, facts: _Facts) -> None:
    """Place each entity in the regions that existed on ``facts.region_date``."""
    all_regions = _region_nodes(ds)
    day = facts.region_date
    periods = {r: period_of(ds, r) for r in all_regions}
    existing = [r for r in all_regions if is_active(*periods[r], day)]
    facts.regions = existing
    exist_set = set(existing)
    region_set = set(all_regions)
    succ = region_successors(ds)
    pred: dict[Node, set[Node]] = defaultdict(set)
    for a, bs in succ.items():
        for b in bs:
            pred[b].add(a)

    def on_date(r: Node) -> tuple[Node, ...]:
        if r in exist_set:
            return (r,)
        seen, todo, found = {r}, [r], []
        start, _end = periods[r]
        step = pred if (start is not None and day < start) else succ
        while todo:
            for nxt in sorted(step.get(todo.pop(), ()), key=str):
                if nxt in seen:
                    continue
                seen.add(nxt)
                if nxt in exist_set:
                    found.append(nxt)
                else:
                    todo.append(nxt)
        return tuple(found) or (r,)

    mapped = {r: on_date(r) for r in all_regions}
    contained = scan.many(SCHEMA.containedInPlace)
    memo: dict[Node, frozenset] = {}

    def regions_of_place(x: Node, depth: int = 0) -> frozenset:
        if x in region_set:
            return frozenset((x,))
        if x in memo:
            return memo[x]
        out: set[Node] = set()
        if depth <= 3:
            for up in contained.get(x, ()):
                out |= regions_of_place(up, depth + 1)
        memo[x] = frozenset(out)
        return memo[x]

    located: dict[Node, frozenset] = {}
    kind = facts.kind
    for s, o in scan.pairs(SCHEMA.location):
        if s in kind:
            regs = regions_of_place(o)
            if regs:
                old = located.get(s)
                located[s] = regs if old is None else old | regs
    for r in region_set:
        if r in kind:
            located[r] = located.get(r, frozenset()) | {r}
    for s in contained:
        if s in kind and s not in located and s not in region_set:
            regs = regions_of_place(s)  # a municipality is in its region
            if regs:
                located[s] = regs
    order = {r: k for k, r in enumerate(all_regions)}
    cache: dict[frozenset, tuple] = {}
    for s, regs in located.items():
        if regs not in cache:
            out: list[Node] = []
            for r in sorted(regs, key=order.get):
                for m in mapped[r]:
                    if m not in out:
                        out.append(m)
            cache[regs] = tuple(out)
        if cache[regs]:
            facts.region_of[s] = cache[regs]


def _qualified_relations(scan: PredicateScan) -> dict[tuple, tuple]:
    """(s, p, o) -> (start, end, amount) from memberships, grants, change events
    and reified statements (the patterns of ``docs/model.md``), in one pass
    per predicate.
    Several qualified nodes: the widest period wins and amounts add up."""
    out: dict[tuple, tuple] = {}

    def put(key, start, end, amount):
        if key in out:
            s0, e0, a0 = out[key]
            start = None if start is None or s0 is None else min(start, s0)
            end = None if end is None or e0 is None else max(end, e0)
            amount = a0 if amount is None else (amount if a0 is None else a0 + amount)
        out[key] = (start, end, amount)

    typed = defaultdict(list)
    membership, grant, change, statement = ORG.Membership, SCHEMA.MonetaryGrant, ORG.ChangeEvent, RDF.Statement
    wanted = frozenset((membership, grant, change, statement))
    for s, c in scan.pairs(RDF.type):
        if c in wanted:
            typed[c].append(s)
    start_date, end_date, amount_p = SCHEMA.startDate, SCHEMA.endDate, SCHEMA.amount
    in_date = TIME.inXSDDate

    def date_of(node, pred):
        return as_date(scan.first(pred, node))

    def amount_of(node):
        amt = scan.first(amount_p, node)
        return Decimal(str(amt)) if isinstance(amt, Literal) and _is_number(amt) else None

    during, begins, ends = scan.many(ORG.memberDuring), scan.many(TIME.hasBeginning), scan.many(TIME.hasEnd)
    members, organizations = scan.many(ORG.member), scan.many(ORG.organization)
    member_of = ORG.memberOf
    for q in typed[membership]:
        start = end = None
        for interval in during.get(q, ()):
            b = min(begins[interval], key=str) if begins.get(interval) else None
            e = min(ends[interval], key=str) if ends.get(interval) else None
            start = date_of(b, in_date) if b is not None else None
            end = date_of(e, in_date) if e is not None else None
        for m in members.get(q, ()):
            for o in organizations.get(q, ()):
                put((m, member_of, o), start, end, None)
    funded, funders, funder = scan.many(SCHEMA.fundedItem), scan.many(SCHEMA.funder), SCHEMA.funder
    for q in typed[grant]:
        start, end, amount = date_of(q, start_date), date_of(q, end_date), amount_of(q)
        for item in funded.get(q, ()):
            for f in funders.get(q, ()):
                put((item, funder, f), start, end, amount)
    originals, results, merged = scan.many(ORG.originalOrganization), scan.many(ORG.resultingOrganization), ECO.mergedInto
    at_time = PROV.atTime
    for q in typed[change]:
        when = date_of(q, at_time) or date_of(q, start_date)
        for a in originals.get(q, ()):
            for b in results.get(q, ()):
                put((a, merged, b), when, None, None)
    rdf_s, rdf_p, rdf_o = RDF.subject, RDF.predicate, RDF.object
    for q in typed[statement]:
        s = scan.first(rdf_s, q)
        p = scan.first(rdf_p, q)
        o = scan.first(rdf_o, q)
        if s is None or p is None or o is None:
            continue
        put((s, p, o), date_of(q, start_date), date_of(q, end_date), amount_of(q))
    return out


def _is_number(lit: Literal) -> bool:
    try:
        Decimal(str(lit))
        return True
    except ArithmeticError:
        return False


def _first_date(scan: PredicateScan, preds, nodes) -> dict[Node, date]:
    out: dict[Node, date] = {}
    for p in reversed(preds):  # earlier predicates win
        for s, o in scan.pairs(p):
            if s in nodes:
                d = as_date(o)
                if d is not None:
                    out[s] = d
    return out


def _literal_map(scan: PredicateScan, pred, nodes) -> dict[Node, str]:
    rank = {"da": 0, None: 1, "": 1, "en": 2}
    best: dict[Node, tuple] = {}
    for s, o in scan.pairs(pred):
        if s in nodes and isinstance(o, Literal):
            key = (rank.get(o.language, 3), str(o))
            if s not in best or key < best[s]:
                best[s] = key
    return {s: v[1] for s, v in best.items()}


def _first_object(scan: PredicateScan, pred, nodes) -> dict[Node, Node]:
    out: dict[Node, Node] = {}
    for s, o in scan.pairs(pred):
        if s in nodes and (s not in out or str(o) < str(out[s])):
            out[s] = o
    return out


class _Evidence:
    """(title, date, quote) of the evidence graphs that hold a triple.

    Built once, in bulk: the evidence graphs (``eco:Evidence``) and their
    documents are read one predicate at a time, then each evidence graph's
    triples are indexed. Where a document has several dates or an evidence
    several quotes, the first in string order is taken (so that every store
    gives the same answer).
    """

    def __init__(self, ds: Graph, scan: PredicateScan | None = None):
        self.ds = ds
        self.scan = scan if scan is not None else PredicateScan(ds)
        self._index: dict[tuple, list] | None = None

    def _info(self, g: Node) -> tuple | None:
        scan = self.scan
        doc = scan.first(_PROV_DERIVED, g)
        title = _best_of(scan.many(_DCTERMS_TITLE).get(doc, ())) if doc is not None else None
        when = scan.first(_DCTERMS_DATE, doc) if doc is not None else None
        exact = scan.many(_OA_EXACT)
        quotes = [q for sel in scan.many(_OA_SELECTOR).get(g, ()) for q in exact.get(sel, ())]
        quote = min(quotes, key=str) if quotes else None
        return (
            title or (str(doc) if doc is not None else None),
            str(when) if when is not None else None,
            str(quote) if quote is not None else None,
        )

    def _build(self) -> dict[tuple, list]:
        index: dict[tuple, list] = defaultdict(list)
        graphs = {s for s, c in self.scan.pairs(_RDF_TYPE) if c == _ECO_EVIDENCE}
        for g, s, p, o in _graph_triples(self.ds, graphs, self.scan):
            info = self._info(g)
            if info not in index[(s, p, o)]:
                index[(s, p, o)].append(info)
        return index

    def of(self, triple) -> tuple:
        if self._index is None:
            self._index = self._build()
        found = self._index.get(tuple(triple))
        if not found:
            return ()
        return tuple(sorted(found, key=lambda t: tuple(x or "" for x in t)))


def _graph_triples(ds: Graph, graphs: set, scan: PredicateScan):
    """(graph, s, p, o) for every triple of the evidence graphs ``graphs``
    (the subjects typed ``eco:Evidence``; on Oxigraph they are found again by
    the one query that reads their triples)."""
    store = scan._ox
    if store is not None:
        import pyoxigraph as ox

        if not any(isinstance(g, URIRef) for g in graphs):
            return
        # the graphs typed eco:Evidence (as ``graphs``), read in one query
        query = f"SELECT DISTINCT ?g ?s ?p ?o WHERE {{ ?g a <{_ECO_EVIDENCE}> GRAPH ?g {{ ?s ?p ?o }} }}"
        data = store.query(query, use_default_graph_as_union=True).serialize(
            format=ox.QueryResultsFormat.TSV
        ).decode("utf-8")
        terms = scan._terms
        for line in data.split("\n")[1:]:
            if not line:
                continue
            row = []
            for tok in line.split("\t"):
                t = terms.get(tok)
                if t is None:
                    t = terms[tok] = tsv_term(tok)
                row.append(t)
            yield tuple(row)
        return
    for g in graphs:
        for s, p, o, _c in ds.quads((None, None, None, g)):
            yield g, s, p, o


def _best_of(values) -> str | None:
    values = [v for v in values if isinstance(v, Literal)]
    if not values:
        return None
    values.sort(key=lambda v: ({"da": 0, None: 1, "en": 2}.get(v.language, 3), str(v)))
    return str(values[0])


# Terms used in loops, made once (each ``NS.term`` lookup builds a new URIRef)
_RDF_TYPE = RDF.type
_ECO_EVIDENCE = ECO.Evidence
_PROV_DERIVED = PROV.wasDerivedFrom
_DCTERMS_TITLE = DCTERMS.title
_DCTERMS_DATE = DCTERMS.date
_OA_SELECTOR = OA.hasSelector
_OA_EXACT = OA.exact


# ---------------------------------------------------------------------------
# Doctest fixture
# ---------------------------------------------------------------------------

EX = ID


def _example():
    """A tiny dataset for the doctests: a cluster, three companies, a project."""
    from rdflib import Dataset

    text = """
    @prefix eco: <https://w3id.org/ecokg/def#> .
    @prefix ecoid: <https://w3id.org/ecokg/id/> .
    @prefix org: <http://www.w3.org/ns/org#> .
    @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
    @prefix schema: <https://schema.org/> .
    @prefix dcterms: <http://purl.org/dc/terms/> .
    @prefix prov: <http://www.w3.org/ns/prov#> .
    @prefix oa: <http://www.w3.org/ns/oa#> .
    @prefix foaf: <http://xmlns.com/foaf/0.1/> .
    @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
    @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    @prefix gr: <https://w3id.org/ecokg/id/graph/> .
    @prefix kom: <https://w3id.org/ecokg/id/kommune/> .
    @prefix fa: <https://w3id.org/ecokg/id/focus/> .
    @prefix ev: <https://w3id.org/ecokg/id/ev/> .
    @prefix doc: <https://w3id.org/ecokg/id/doc/> .
    @prefix event: <https://w3id.org/ecokg/id/event/> .

    gr:reference {
      ecoid:region-hovedstaden a eco:Region ; skos:prefLabel "Region Hovedstaden"@da ;
          skos:notation "DK01" ; schema:dissolutionDate "2026-12-31"^^xsd:date .
      ecoid:region-sjaelland a eco:Region ; skos:prefLabel "Region Sjælland"@da ;
          skos:notation "DK02" ; schema:dissolutionDate "2026-12-31"^^xsd:date .
      ecoid:region-syddanmark a eco:Region ; skos:prefLabel "Region Syddanmark"@da ;
          skos:notation "DK03" .
      ecoid:region-oestdanmark a eco:Region ; skos:prefLabel "Region Østdanmark"@da ;
          skos:notation "DK0X" ; schema:foundingDate "2027-01-01"^^xsd:date .
      event:oest a org:ChangeEvent ;
          org:originalOrganization ecoid:region-hovedstaden , ecoid:region-sjaelland ;
          org:resultingOrganization ecoid:region-oestdanmark .
      kom:odense a eco:Municipality ; skos:prefLabel "Odense"@da ;
          schema:containedInPlace ecoid:region-syddanmark .
    }
    gr:data {
      ecoid:x a eco:Cluster ; skos:prefLabel "Klynge X"@da ; schema:location ecoid:region-hovedstaden .
      ecoid:acme a eco:Company ; skos:prefLabel "Acme"@da ; schema:location kom:odense ;
          org:memberOf ecoid:x ; eco:partnerIn ecoid:proj .
      ecoid:beta a eco:Company ; skos:prefLabel "Beta"@da ; org:memberOf ecoid:x ;
          eco:partnerIn ecoid:proj .
      ecoid:gamma a eco:Company ; skos:prefLabel "Gamma"@da .
      ecoid:fund a eco:Investor ; skos:prefLabel "Fond"@da ; schema:location ecoid:region-sjaelland .
      ecoid:proj a eco:Initiative ; skos:prefLabel "Projekt P"@da ;
          dcterms:subject fa:tele ; schema:location ecoid:region-syddanmark .
      fa:tele a eco:FocusArea ; skos:prefLabel "Telemedicin"@da .
      fa:data a eco:FocusArea ; skos:prefLabel "Sundhedsdata"@da .
      ecoid:grant1 a schema:MonetaryGrant ; schema:fundedItem ecoid:proj ; schema:funder ecoid:fund ;
          schema:amount "1000000"^^xsd:decimal ; schema:startDate "2019-01-01"^^xsd:date ;
          schema:endDate "2020-12-31"^^xsd:date .
      ev:doc-1 a eco:Evidence ; prov:wasDerivedFrom doc:doc ;
          oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "Fonden støtter projektet" ] .
      doc:doc a foaf:Document ; dcterms:title "Pressemeddelelse"@da ;
          dcterms:date "2019-01-02"^^xsd:date .
    }
    ev:doc-1 { ecoid:proj schema:funder ecoid:fund . }
    """
    ds = Dataset(default_union=True)
    ds.parse(data=text, format="trig")
    return ds
