"""Gaps in the ecosystem: uncovered regions x focus areas, incomplete cluster
ecosystems, brokers, isolated actors and knowledge spreading across regions.

:func:`find_gaps` is a pure function of the dataset returning a frozen
:class:`Gaps`; ``Gaps.as_dict()`` is the ``ecokg gaps --json`` document.

Examples
--------
>>> from graph.views import _example
>>> g = find_gaps(_example(), as_of="2020-06-01")
>>> [(c.region, c.theme) for c in g.coverage_gaps][:2]
[('Region Hovedstaden', 'Sundhedsdata'), ('Region Hovedstaden', 'Telemedicin')]
>>> ("Region Syddanmark", "Telemedicin") in {(c.region, c.theme) for c in g.coverage_gaps}
False
>>> [(e.ecosystem, e.missing) for e in g.growth_model_gaps]
[('Klynge X', ('research and education', 'financing', 'demand'))]
>>> [i["label"] for i in g.as_dict()["isolated"]]
['Gamma']

See ``docs/gaps.md`` for the method.
"""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
from rdflib.graph import Graph
from rdflib.term import Node

from graph.brokerage import (
    _betweenness_igraph,
    _constraint_rows,
    _effective_size_rows,
    _reach_igraph,
    _roles_local,
)
from graph.queries import load_query
from graph.views import COLLABORATION_PREDICATES, _facts, _Facts, _incidence
from graph.vocab import ECO, GROWTH_ELEMENTS, ORG, SCHEMA

__all__ = [
    "CoverageCell",
    "GrowthModelGap",
    "Broker",
    "RegionLink",
    "WeakRegion",
    "Gaps",
    "find_gaps",
    "ECOSYSTEM_PREDICATES",
    "growth_elements",
]

#: relations that make an actor part of a cluster ecosystem (both directions)
ECOSYSTEM_PREDICATES = frozenset({ORG.memberOf, ECO.partnerIn, SCHEMA.founder, ORG.subOrganizationOf})

_ELEMENT_ORDER = [ECO.ResearchAndEducation, ECO.Financing, ECO.Supply, ECO.Demand]

# Used only when the dataset holds no eco:growthModelElement at all (e.g. a
# SPARQL endpoint without the ontology); mirrors ontology/ecosystem.ttl.
_DEFAULT_ELEMENTS = {
    ECO.University: ECO.ResearchAndEducation,
    ECO.UniversityCollege: ECO.ResearchAndEducation,
    ECO.ResearchInstitute: ECO.ResearchAndEducation,
    ECO.Investor: ECO.Financing,
    ECO.Company: ECO.Supply,
    ECO.Hospital: ECO.Demand,
    ECO.Municipality: ECO.Demand,
    ECO.Region: ECO.Demand,
}


@dataclass(frozen=True)
class CoverageCell:
    """One region x focus-area cell of the coverage matrix."""

    region: str
    theme: str
    region_iri: str
    theme_iri: str
    count: int
    budget: float
    partners: int
    initiatives: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return {
            "region": self.region,
            "theme": self.theme,
            "region_iri": self.region_iri,
            "theme_iri": self.theme_iri,
            "initiatives": self.count,
            "budget": self.budget,
            "partners": self.partners,
            "names": list(self.initiatives),
        }


@dataclass(frozen=True)
class GrowthModelGap:
    """A cluster ecosystem missing one or more growth-model elements."""

    ecosystem: str
    iri: str
    missing: tuple[str, ...]
    present: tuple[tuple[str, tuple[str, ...]], ...]
    members: int

    def as_dict(self) -> dict:
        return {
            "ecosystem": self.ecosystem,
            "missing": list(self.missing),
            "iri": self.iri,
            "members": self.members,
            "present": {k: list(v) for k, v in self.present},
        }


@dataclass(frozen=True)
class Broker:
    """An actor that connects others: betweenness (``score``), Burt's
    constraint and effective size, Gould-Fernandez roles across regions."""

    label: str
    iri: str
    score: float
    region: str | None
    constraint: float
    effective_size: float
    roles: tuple[tuple[str, int], ...]

    def as_dict(self) -> dict:
        return {
            "label": self.label,
            "score": round(self.score, 6),
            "iri": self.iri,
            "region": self.region,
            "betweenness": round(self.score, 6),
            "constraint": _round(self.constraint),
            "effective_size": _round(self.effective_size),
            "roles": dict(self.roles),
        }


@dataclass(frozen=True)
class RegionLink:
    """Knowledge spreading between two regions."""

    a: str
    b: str
    ties: int
    initiatives: tuple[str, ...]
    actors: tuple[str, ...]

    def as_dict(self) -> dict:
        return {
            "regions": [self.a, self.b],
            "ties": self.ties,
            "shared_initiatives": list(self.initiatives),
            "bridging_actors": list(self.actors),
        }


@dataclass(frozen=True)
class WeakRegion:
    """A region weakly linked to the rest."""

    region: str
    ties: int
    unlinked: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"region": self.region, "ties": self.ties, "unlinked": list(self.unlinked)}


@dataclass(frozen=True)
class Gaps:
    """Everything :func:`find_gaps` found. ``as_dict()`` is the JSON form."""

    as_of: str | None
    regions: tuple[str, ...]
    themes: tuple[str, ...]
    coverage: tuple[CoverageCell, ...]
    coverage_gaps: tuple[CoverageCell, ...]
    thin_cells: tuple[CoverageCell, ...]
    growth_model_gaps: tuple[GrowthModelGap, ...]
    brokers: tuple[Broker, ...]
    isolated: tuple[tuple[str, str, str], ...]  # (label, iri, type)
    region_links: tuple[RegionLink, ...]
    weak_regions: tuple[WeakRegion, ...]
    reach: tuple[tuple[str, str, int], ...]  # (label, iri, two-step reach), largest first
    timings: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def region_bridges(self) -> tuple[RegionLink, ...]:
        """Knowledge spreading between regions (same as ``region_links``)."""
        return self.region_links

    def as_dict(self) -> dict:
        """The ``gaps --json`` document: the contract keys first, then extras."""
        return {
            "coverage_gaps": [{"region": c.region, "theme": c.theme} for c in self.coverage_gaps],
            "growth_model_gaps": [g.as_dict() for g in self.growth_model_gaps],
            "brokers": [b.as_dict() for b in self.brokers],
            "isolated": [{"label": lab, "iri": iri, "type": typ} for lab, iri, typ in self.isolated],
            "as_of": self.as_of,
            "regions": list(self.regions),
            "themes": list(self.themes),
            "thin_cells": [c.as_dict() for c in self.thin_cells],
            "coverage": [c.as_dict() for c in self.coverage],
            "region_links": [r.as_dict() for r in self.region_links],
            "weak_regions": [w.as_dict() for w in self.weak_regions],
            "reach": [{"label": lab, "iri": iri, "reach": n} for lab, iri, n in self.reach],
        }


def find_gaps(
    ds: Graph,
    *,
    as_of=None,
    thin: int = 1,
    top_brokers: int = 10,
    betweenness_k: int | None = None,
    seed: int = 0,
) -> Gaps:
    """Find coverage gaps, growth-model gaps, brokers, isolated actors and
    weak links between regions.

    Parameters
    ----------
    ds : rdflib.Dataset or Graph
        The knowledge graph, with the ontology (for growth-model elements)
        and the reference regions.
    as_of : date or str, optional
        Only memberships, grants, initiatives and actors active on that date,
        and the regions that existed then (Region Østdanmark from 2027-01-01).
        Default: everything, with today's regions.
    thin : int
        A cell with at least one and at most ``thin`` initiatives is thin.
    top_brokers : int
        How many brokers to list (highest betweenness first; zero scores left out).
    betweenness_k : int, optional
        Sampled sources for betweenness; default exact up to 3000 actors, 256 above.
    seed : int
        Seed for the betweenness sample.

    Returns
    -------
    Gaps

    Raises
    ------
    InputError
        If ``as_of`` is not a date.

    Notes
    -----
    Reads the attributes ``label``, ``type``, ``region`` and the relations of
    :mod:`graph.views`; see ``docs/gaps.md``.

    - Coverage: an initiative lies in its own region(s) (``schema:location``,
      directly or via a municipality); one without a location lies in the
      regions of its partners, members, founders and leaders. A cell with no
      initiative is a gap; themes are all focus areas in the data.
    - Growth model: a cluster ecosystem is a cluster or innovation network
      with every actor linked to it by member of, partner in, founded by or
      part of (either direction). Elements come from each type class's
      ``eco:growthModelElement``; units inherit their parent's; an actor that
      funds the cluster or one of its initiatives counts as financing.
    - Brokers: betweenness on the collaboration graph, Burt's constraint and
      effective size, Gould-Fernandez roles with regions as groups.

    References
    ----------
    .. [1] Gould, R. V., & Fernandez, R. M. (1989). Structures of mediation.
       *Sociological Methodology*, 19, 89-126.
    .. [2] Burt, R. S. (1992). *Structural Holes*. Harvard University Press.
    """
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def tick(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[name] = now - clock
        clock = now

    facts = _facts(ds, as_of)
    tick("read")
    G = _Collab(facts)
    tick("collaboration graph")
    participants = _participants(facts)
    coverage = _coverage(facts, participants)
    tick("coverage")
    eco_gaps = _growth_model_gaps(ds, facts)
    tick("growth model")
    brokers = _brokers(G, facts, top_brokers, betweenness_k, seed)
    tick("brokers")
    isolated = tuple(
        sorted(
            ((facts.label[a], str(a), facts.node_attrs(a)["type"]) for i, a in enumerate(G.actors) if G.deg[i] == 0),
            key=lambda t: (t[0].casefold(), t[1]),
        )
    )
    links, weak = _region_links(facts, G, participants)
    tick("region links")
    reach = tuple(
        sorted(
            ((facts.label[a], str(a), r) for a, r in zip(G.actors, _reach_igraph(G.igraph()))),
            key=lambda t: (-t[2], t[0].casefold(), t[1]),
        )
    )
    tick("two-step reach")
    return Gaps(
        as_of=facts.as_of.isoformat() if facts.as_of else None,
        regions=tuple(facts.label[r] for r in facts.regions),
        themes=tuple(facts.label[f] for f in facts.focus_areas),
        coverage=coverage,
        coverage_gaps=tuple(c for c in coverage if c.count == 0),
        thin_cells=tuple(c for c in coverage if 0 < c.count <= thin),
        growth_model_gaps=eco_gaps,
        brokers=brokers,
        isolated=isolated,
        region_links=links,
        weak_regions=weak,
        reach=reach,
        timings=timings,
    )


# ---------------------------------------------------------------------------
# Coverage
# ---------------------------------------------------------------------------


def _participants(facts: _Facts) -> dict[Node, set[Node]]:
    """Initiative -> actors taking part (any collaboration relation, either direction)."""
    out: dict[Node, set[Node]] = defaultdict(set)
    kind = facts.kind
    for s, p, o in facts.relations:
        if p not in COLLABORATION_PREDICATES:
            continue
        if kind.get(s) == "actor" and kind.get(o) == "initiative":
            out[o].add(s)
        elif kind.get(s) == "initiative" and kind.get(o) == "actor":
            out[s].add(o)
    return out


def _initiative_regions(facts: _Facts, participants) -> dict[Node, tuple[Node, ...]]:
    existing = set(facts.regions)
    out = {}
    for i in facts.initiatives():
        own = [r for r in facts.region_of.get(i, ()) if r in existing]
        if not own:
            seen = []
            for a in sorted(participants.get(i, ()), key=str):
                for r in facts.region_of.get(a, ()):
                    if r in existing and r not in seen:
                        seen.append(r)
            own = seen
        out[i] = tuple(own)
    return out


def _coverage(facts: _Facts, participants) -> tuple[CoverageCell, ...]:
    regions_of = _initiative_regions(facts, participants)
    grants: dict[Node, Decimal] = defaultdict(Decimal)
    for (s, p, _o), (_st, _en, amount) in facts.relations.items():
        if p == SCHEMA.funder and amount is not None:
            grants[s] += amount
    cells: dict[tuple[Node, Node], list[Node]] = defaultdict(list)
    for i in facts.initiatives():
        for r in regions_of[i]:
            for f in facts.focus_of.get(i, ()):
                cells[(r, f)].append(i)
    out = []
    for r in facts.regions:
        for f in facts.focus_areas:
            inits = cells.get((r, f), [])
            budget = sum((facts.budget.get(i, grants.get(i, Decimal(0))) for i in inits), Decimal(0))
            partners = set().union(*(participants.get(i, set()) for i in inits)) if inits else set()
            out.append(
                CoverageCell(
                    region=facts.label[r],
                    theme=facts.label[f],
                    region_iri=str(r),
                    theme_iri=str(f),
                    count=len(inits),
                    budget=float(budget),
                    partners=len(partners),
                    initiatives=tuple(sorted((facts.label[i] for i in inits), key=str.casefold)),
                )
            )
    return tuple(out)


# ---------------------------------------------------------------------------
# Growth model
# ---------------------------------------------------------------------------


def growth_elements(ds: Graph) -> dict[Node, Node]:
    """Type class -> growth-model element concept, from ``eco:growthModelElement``.

    Falls back to the ontology's mapping when the dataset declares none.

    Examples
    --------
    >>> from rdflib import Dataset
    >>> growth_elements(Dataset())[ECO.Company] == ECO.Supply
    True
    """
    found = {row.cls: row.element for row in ds.query(load_query("growth_elements"))}
    return found or dict(_DEFAULT_ELEMENTS)


def _actor_elements(ds: Graph, facts: _Facts) -> dict[Node, Node]:
    """Actor -> its growth-model element (by class, sub-classes, or parent unit)."""
    declared = growth_elements(ds)
    closure = facts._classes["closure"]  # type: ignore[attr-defined]
    by_class: dict[Node, Node] = {}
    for cls, el in declared.items():
        for c in closure({cls}):
            by_class.setdefault(c, el)
    out = {a: by_class[facts.cls[a]] for a in facts.actors() if facts.cls.get(a) in by_class}
    parent = {s: o for s, p, o in facts.relations if p == ORG.subOrganizationOf}
    for a in facts.actors():
        seen = {a}
        x = a
        while a not in out and x in parent and parent[x] not in seen:
            x = parent[x]
            seen.add(x)
            if x in out:
                out[a] = out[x]
    return out


def _growth_model_gaps(ds: Graph, facts: _Facts) -> tuple[GrowthModelGap, ...]:
    closure = facts._classes["closure"]  # type: ignore[attr-defined]
    eco_classes = closure({ECO.Cluster, ECO.InnovationNetwork})
    clusters = [a for a in facts.actors() if facts.cls.get(a) in eco_classes]
    elements = _actor_elements(ds, facts)
    linked: dict[Node, set[Node]] = defaultdict(set)
    funders: dict[Node, set[Node]] = defaultdict(set)
    for s, p, o in facts.relations:
        if p in ECOSYSTEM_PREDICATES:
            linked[s].add(o)
            linked[o].add(s)
        elif p == SCHEMA.funder:
            funders[s].add(o)
    out = []
    for c in clusters:
        members = linked.get(c, set()) - {c}
        actors = {m for m in members if facts.kind.get(m) == "actor"}
        initiatives = {m for m in members if facts.kind.get(m) == "initiative"}
        present: dict[Node, set[str]] = defaultdict(set)
        for a in actors:
            if a in elements:
                present[elements[a]].add(facts.label[a])
        for item in {c} | initiatives:
            for f in funders.get(item, ()):
                present[ECO.Financing].add(facts.label[f])
        missing = tuple(GROWTH_ELEMENTS[e] for e in _ELEMENT_ORDER if not present.get(e))
        if missing:
            out.append(
                GrowthModelGap(
                    ecosystem=facts.label[c],
                    iri=str(c),
                    missing=missing,
                    present=tuple(
                        (GROWTH_ELEMENTS[e], tuple(sorted(present[e], key=str.casefold)))
                        for e in _ELEMENT_ORDER
                        if present.get(e)
                    ),
                    members=len(actors),
                )
            )
    out.sort(key=lambda g: (g.ecosystem.casefold(), g.iri))
    return tuple(out)


# ---------------------------------------------------------------------------
# Brokers and knowledge spreading
# ---------------------------------------------------------------------------


def _round(x: float) -> float | None:
    return None if x != x else round(x, 6)  # NaN -> None


class _Collab:
    """The collaboration graph as sparse matrices (the same nodes and edges as
    :func:`graph.views.collaboration_graph`, without building NetworkX objects)."""

    def __init__(self, facts: _Facts):
        B, actors, _groups = _incidence(facts)
        W = (B @ B.T).tocsr()
        W.setdiag(0)
        W.eliminate_zeros()
        deg = W.getnnz(axis=1)
        keep = [i for i, a in enumerate(actors) if deg[i] > 0 or a not in facts.reference_only]
        W = W[keep][:, keep].tocsr()
        self.W = W  # weights: number of shared groups
        A = W.copy()
        A.data[:] = 1.0
        self.A = A
        self.actors = [actors[i] for i in keep]
        self.deg = A.getnnz(axis=1)
        self._ig = None

    def igraph(self):
        if self._ig is None:
            import igraph as ig
            from scipy import sparse

            U = sparse.triu(self.A, k=1).tocoo()
            self._ig = ig.Graph(n=len(self.actors), edges=list(zip(U.row.tolist(), U.col.tolist())), directed=False)
        return self._ig

    def edges(self):
        """(i, j, weight) with i < j."""
        from scipy import sparse

        U = sparse.triu(self.W, k=1).tocoo()
        return zip(U.row.tolist(), U.col.tolist(), U.data.tolist())


def _brokers(G: _Collab, facts: _Facts, top: int, k: int | None, seed: int) -> tuple[Broker, ...]:
    if G.A.nnz == 0 or top <= 0:
        return ()
    bet = _betweenness_igraph(G.igraph(), k=k, seed=seed)
    labels = [facts.label[a] for a in G.actors]
    ranked = [i for i in sorted(range(len(bet)), key=lambda i: (-bet[i], labels[i])) if bet[i] > 0][:top]
    if not ranked:
        return ()
    # Constraint, effective size and roles are local measures: computed for
    # the listed brokers only.
    con = _constraint_rows(G.A * 2, ranked)
    eff = _effective_size_rows(G.A, ranked)
    region = [facts.region_label(a) for a in G.actors]
    groups = {r: n for n, r in enumerate(sorted(set(region), key=lambda r: (r is None, r or "")))}
    g_of = np.array([groups[r] for r in region])
    roles = _roles_local(G.A, g_of, len(groups), ranked)
    return tuple(
        Broker(
            label=labels[i],
            iri=str(G.actors[i]),
            score=bet[i],
            region=region[i],
            constraint=con[n],
            effective_size=eff[n],
            roles=tuple(roles[n].items()),
        )
        for n, i in enumerate(ranked)
    )


def _region_links(facts: _Facts, G: _Collab, participants):
    regions = facts.regions
    if len(regions) < 2:
        return (), ()
    label = facts.label
    primary = {n: facts.region_of[n][0] for n in facts.kind if facts.region_of.get(n)}
    order = {r: k for k, r in enumerate(regions)}
    ties: dict[tuple[Node, Node], int] = defaultdict(int)
    cross: dict[Node, dict[Node, int]] = defaultdict(lambda: defaultdict(int))
    for i, j, w in G.edges():
        u, v = G.actors[i], G.actors[j]
        ru, rv = primary.get(u), primary.get(v)
        if ru is None or rv is None or ru == rv or ru not in order or rv not in order:
            continue
        key = (ru, rv) if order[ru] < order[rv] else (rv, ru)
        ties[key] += int(w)
        cross[u][rv] += int(w)
        cross[v][ru] += int(w)
    regions_of = _initiative_regions(facts, participants)
    shared: dict[tuple[Node, Node], list[str]] = defaultdict(list)
    for i in facts.initiatives():
        span = set(regions_of.get(i, ()))
        for a in participants.get(i, ()):
            if a in primary and primary[a] in order:
                span.add(primary[a])
        span_sorted = sorted(span, key=order.get)
        for x in range(len(span_sorted)):
            for y in range(x + 1, len(span_sorted)):
                shared[(span_sorted[x], span_sorted[y])].append(label[i])
    links = []
    for x in range(len(regions)):
        for y in range(x + 1, len(regions)):
            a, b = regions[x], regions[y]
            bridges = []
            for n, per_region in cross.items():
                own = primary.get(n)
                if (own == a and per_region.get(b)) or (own == b and per_region.get(a)):
                    bridges.append((-(per_region.get(a, 0) + per_region.get(b, 0)), label[n]))
            bridges.sort()
            links.append(
                RegionLink(
                    a=label[a],
                    b=label[b],
                    ties=ties.get((a, b), 0),
                    initiatives=tuple(sorted(shared.get((a, b), []), key=str.casefold)),
                    actors=tuple(lab for _neg, lab in bridges[:10]),
                )
            )
    # Weak: no tie to some other region, or total cross-region ties below
    # half the median of the regions' totals.
    totals = {r: 0 for r in regions}
    unlinked: dict[Node, list[str]] = defaultdict(list)
    for x, a in enumerate(regions):
        for b in regions:
            if a == b:
                continue
            key = (a, b) if order[a] < order[b] else (b, a)
            totals[a] += ties.get(key, 0)
            if not ties.get(key) and not shared.get(key):
                unlinked[a].append(label[b])
    values = sorted(totals.values())
    median = values[len(values) // 2] if len(values) % 2 else (values[len(values) // 2 - 1] + values[len(values) // 2]) / 2
    weak = tuple(
        WeakRegion(region=label[r], ties=totals[r], unlinked=tuple(unlinked.get(r, ())))
        for r in regions
        if unlinked.get(r) or totals[r] < median / 2
    )
    return tuple(links), weak
