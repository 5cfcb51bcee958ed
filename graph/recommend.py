"""Partners an actor or an initiative should talk to, with reasons.

Link prediction on the collaboration graph (common neighbours, resource allocation,
Adamic-Adar, and a community-aware resource allocation over Louvain
communities), combined with shared focus areas and a complementary
growth-model element. Each :class:`Recommendation` says why, in plain English.

Examples
--------
>>> from graph.views import _example, EX
>>> recs = recommend(_example(), EX.fund)
>>> [r.label for r in recs]
['Klynge X']
>>> recs[0].reasons[0]
'2 shared partners: Acme and Beta'
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
from rdflib import URIRef
from rdflib.graph import Graph
from rdflib.term import Node

from graph.errors import EntityNotFound, InputError, Problem
from graph.vocab import ECO, GROWTH_ELEMENTS

__all__ = ["Recommendation", "Recommender", "recommend", "WEIGHTS"]

#: weight of each score component in the combined score (each scaled to 0..1)
#: (chosen on a validation split of the CORDIS data, see docs/gaps.md)
WEIGHTS = {
    "common_neighbours": 0.35,
    "resource_allocation": 0.25,
    "adamic_adar": 0.10,
    "community": 0.10,
    "focus": 0.10,
    "complement": 0.10,
}
_ELEMENT_ORDER = [ECO.ResearchAndEducation, ECO.Financing, ECO.Supply, ECO.Demand]


@dataclass(frozen=True)
class Recommendation:
    """A suggested partner: ``score`` in 0..1, ``reasons`` in plain English."""

    iri: str
    label: str
    score: float
    reasons: tuple[str, ...]
    type: str = ""
    region: str | None = None
    components: tuple[tuple[str, float], ...] = ()

    def as_dict(self) -> dict:
        return {
            "iri": self.iri,
            "label": self.label,
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
            "type": self.type,
            "region": self.region,
            "scores": {k: round(v, 4) for k, v in self.components},
        }


class Recommender:
    """The collaboration graph, communities and focus areas, prepared once so
    that many entities can be asked about quickly.

    Parameters
    ----------
    ds : rdflib.Dataset or Graph
    as_of : date or str, optional
        Only relations and entities active on that date.
    seed : int
        Seed for the Louvain communities.

    Examples
    --------
    >>> from graph.views import _example, EX
    >>> r = Recommender(_example())
    >>> [x.label for x in r.recommend(EX.gamma)]  # no ties, no focus areas
    []
    """

    def __init__(self, ds: Graph, *, as_of=None, seed: int = 0):
        from scipy import sparse

        from graph.gaps import _actor_elements, _participants
        from graph.views import _facts, _incidence

        self.ds = ds
        facts = _facts(ds, as_of)
        self.facts = facts
        B, actors, _groups = _incidence(facts)
        A = (B @ B.T).tocsr()
        A.setdiag(0)
        A.eliminate_zeros()
        self.W = A  # weights: number of shared groups
        A = A.copy()
        A.data[:] = 1.0
        self.A = A
        self.actors = actors
        self.index = {a: k for k, a in enumerate(actors)}
        n = len(actors)
        self.deg = np.asarray(A.sum(axis=1)).ravel()
        with np.errstate(divide="ignore"):
            self.inv_deg = np.where(self.deg > 0, 1.0 / np.maximum(self.deg, 1), 0.0)
            self.inv_log = np.where(self.deg > 1, 1.0 / np.log(np.maximum(self.deg, 2)), 0.0)
        self.community = _louvain(self.W, seed)
        self.participants = _participants(facts)
        # Focus areas of an actor: its own and those of the initiatives it is in.
        focus_index = {f: k for k, f in enumerate(facts.focus_areas)}
        self.focus_index = focus_index
        rows, cols = [], []
        for a, k in self.index.items():
            for f in facts.focus_of.get(a, ()):
                rows.append(k)
                cols.append(focus_index[f])
        for i, members in self.participants.items():
            for f in facts.focus_of.get(i, ()):
                for a in members:
                    if a in self.index:
                        rows.append(self.index[a])
                        cols.append(focus_index[f])
        F = sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, len(focus_index)))
        F.data[:] = 1.0
        self.F = F
        self.focus_count = np.asarray(F.sum(axis=1)).ravel()
        elements = _actor_elements(ds, facts)
        self.element = [elements.get(a) for a in actors]

    # -- public ---------------------------------------------------------

    def recommend(self, entity, *, top: int = 10) -> list["Recommendation"]:
        """Rank partners for ``entity`` (an actor or initiative IRI, or a label)."""
        node = self._resolve(entity)
        sc = self.scores(node)
        if sc is None:
            return []
        facts = self.facts
        score, parts, candidates = sc["score"], sc["parts"], sc["candidates"]
        cn, rac, shared_focus, complement = sc["cn"], sc["rac"], sc["shared_focus"], sc["complement"]
        nbrs, my_focus = sc["nbrs"], sc["my_focus"]
        ranked = sorted(candidates, key=lambda k: (-score[k], facts.label[self.actors[k]].casefold()))[:top]
        name = facts.label[node]
        out = []
        for k in ranked:
            v = self.actors[k]
            reasons = []
            if cn[k] > 0:
                common = [j for j in nbrs.tolist() if self.A[j, k]]
                common.sort(key=lambda j: (self.deg[j], facts.label[self.actors[j]]))
                names = [facts.label[self.actors[j]] for j in common]
                noun = "shared partner" if len(common) == 1 else "shared partners"
                reasons.append(f"{len(common)} {noun}: {_join(names[:3], more=len(names) - 3)}")
            if rac[k] > 0:
                reasons.append("in the same community of collaborators")
            if shared_focus[k] > 0:
                mine = set(my_focus.indices.tolist())
                theirs = set(self.F[k].indices.tolist())
                themes = sorted(facts.label[facts.focus_areas[f]] for f in mine & theirs)
                reasons.append(f"both work on {_join(themes[:3], more=len(themes) - 3)}")
            if complement[k] > 0:
                el = GROWTH_ELEMENTS[self.element[k]]
                reasons.append(f"brings {el}, which {name} and its partners lack")
            out.append(
                Recommendation(
                    iri=str(v),
                    label=facts.label[v],
                    score=float(score[k]),
                    reasons=tuple(reasons),
                    type=_type_label(facts, v),
                    region=facts.region_label(v),
                    components=tuple((c, float(parts[c][k])) for c in WEIGHTS),
                )
            )
        return out

    def scores(self, node: Node) -> dict | None:
        """Score every actor as a partner for ``node`` (an actor or initiative IRI).

        Returns a dict with ``score`` (combined, one value per actor in
        ``self.actors``), ``parts`` (each component), ``cn`` (common
        neighbours), ``candidates`` (indices eligible for recommendation) and
        what the reasons need; ``None`` when the graph has no actors.
        """
        facts = self.facts
        kind = facts.kind.get(node)
        n = len(self.actors)
        if kind == "actor":
            me = self.index[node]
            row = self.A[me]
            exclude = set(row.indices.tolist()) | {me}
            my_focus = self.F[me]
            my_comm = self.community[me]
            ego = [me] + row.indices.tolist()
        elif kind == "initiative":
            members = [self.index[a] for a in self.participants.get(node, ()) if a in self.index]
            from scipy import sparse

            row = sparse.csr_matrix((np.ones(len(members)), (np.zeros(len(members), dtype=int), members)), shape=(1, n))
            exclude = set(members)
            focus_cols = [self.focus_index[f] for f in facts.focus_of.get(node, ())]
            my_focus = sparse.csr_matrix((np.ones(len(focus_cols)), (np.zeros(len(focus_cols), dtype=int), focus_cols)), shape=(1, len(self.focus_index)))
            comms = [self.community[m] for m in members]
            my_comm = max(set(comms), key=comms.count) if comms else -1
            ego = members
        else:
            raise InputError(
                [Problem("-", None, f"{facts.label.get(node, str(node))!r} is a {_type_label(facts, node)}; "
                         "recommend needs an actor or an initiative", focus=str(node))]
            )
        if n == 0:
            return None
        nbrs = row.indices
        # Link prediction scores as sparse row products (one row only).
        cn = np.zeros(n)
        ra = np.zeros(n)
        aa = np.zeros(n)
        rac = np.zeros(n)
        if nbrs.size:
            sub = self.A[nbrs]  # neighbours' rows
            cn = np.asarray(sub.sum(axis=0)).ravel()
            ra = np.asarray(sub.T @ self.inv_deg[nbrs]).ravel()
            aa = np.asarray(sub.T @ self.inv_log[nbrs]).ravel()
            same = self.community[nbrs] == my_comm
            rac = np.asarray(sub.T @ (self.inv_deg[nbrs] * same)).ravel()
            rac = rac * (self.community == my_comm)
        shared_focus = np.asarray((self.F @ my_focus.T).toarray()).ravel()
        my_focus_n = my_focus.nnz
        union = self.focus_count + my_focus_n - shared_focus
        jaccard = np.divide(shared_focus, union, out=np.zeros(n), where=union > 0)
        present = {self.element[k] for k in ego if self.element[k] is not None}
        missing = [e for e in _ELEMENT_ORDER if e not in present]
        complement = np.array([1.0 if self.element[k] in missing else 0.0 for k in range(n)]) if missing else np.zeros(n)

        candidates = np.flatnonzero((cn > 0) | (shared_focus > 0))
        candidates = [int(k) for k in candidates if int(k) not in exclude]
        parts = {
            "common_neighbours": _scaled(cn, candidates),
            "resource_allocation": _scaled(ra, candidates),
            "adamic_adar": _scaled(aa, candidates),
            "community": _scaled(rac, candidates),
            "focus": jaccard,
            "complement": complement,
        }
        score = sum(WEIGHTS[k] * parts[k] for k in WEIGHTS)
        return {
            "score": score,
            "parts": parts,
            "candidates": candidates,
            "cn": cn,
            "rac": rac,
            "shared_focus": shared_focus,
            "complement": complement,
            "nbrs": nbrs,
            "my_focus": my_focus,
            "exclude": exclude,
        }

    # -- helpers --------------------------------------------------------

    def _resolve(self, entity) -> Node:
        facts = self.facts
        if isinstance(entity, URIRef):
            node = entity
        else:
            from graph.entities import find_entity

            node = find_entity(self.ds, str(entity))
        if node not in facts.cls:
            raise EntityNotFound(str(entity))
        if node not in facts.kind:
            when = facts.as_of.isoformat() if facts.as_of else "the date given"
            raise InputError([Problem("-", None, f"{facts.label[node]!r} was not active on {when}", focus=str(node))])
        return node


def recommend(ds: Graph, entity, *, top: int = 10, as_of=None, seed: int = 0) -> list[Recommendation]:
    """Rank the partners an actor or initiative should talk to.

    Parameters
    ----------
    ds : rdflib.Dataset or Graph
    entity : URIRef or str
        An actor or initiative: its IRI (``URIRef``), or a label / IRI text
        (resolved with :func:`graph.entities.find_entity`).
    top : int
        Number of recommendations.
    as_of : date or str, optional
        Only what was active on that date.
    seed : int
        Seed for the Louvain communities.

    Returns
    -------
    list of Recommendation
        Best first. ``score`` is a weighted sum (:data:`WEIGHTS`) of common
        neighbours, resource allocation, Adamic-Adar and community-aware
        resource allocation (each scaled by its maximum over the candidates),
        the Jaccard overlap of
        focus areas, and 1 when the candidate's growth-model element is one
        the entity and its partners lack. Candidates are actors not yet tied
        to the entity that share a partner or a focus area with it.

    Raises
    ------
    EntityNotFound
        If the entity is not in the graph.
    InputError
        If it is not an actor or initiative, or not active on ``as_of``.

    Notes
    -----
    For many queries on one graph, build a :class:`Recommender` once.

    References
    ----------
    .. [1] Zhou, T., Lü, L., & Zhang, Y.-C. (2009). Predicting missing links via
       local information. *The European Physical Journal B*, 71, 623-630.
    .. [2] Adamic, L. A., & Adar, E. (2003). Friends and neighbors on the Web.
       *Social Networks*, 25(3), 211-230.
    .. [3] Soundarajan, S., & Hopcroft, J. (2012). Using community information
       to improve the precision of link prediction methods. *WWW '12 Companion*.
    .. [4] Blondel, V. D., et al. (2008). Fast unfolding of communities in large
       networks. *J. Stat. Mech.*, P10008.

    Examples
    --------
    >>> from graph.views import _example, EX
    >>> recommend(_example(), EX.acme)
    []
    """
    return Recommender(ds, as_of=as_of, seed=seed).recommend(entity, top=top)


def _louvain(W, seed: int) -> np.ndarray:
    """Louvain community of each row of the weighted adjacency ``W`` (igraph)."""
    import igraph as ig

    n = W.shape[0]
    if n == 0:
        return np.zeros(0, dtype=int)
    from scipy import sparse

    U = sparse.triu(W, k=1).tocoo()
    g = ig.Graph(n=n, edges=list(zip(U.row.tolist(), U.col.tolist())), directed=False)
    state = random.getstate()
    random.seed(seed)  # python-igraph draws from Python's random module
    try:
        parts = g.community_multilevel(weights=U.data.tolist() if U.nnz else None)
    finally:
        random.setstate(state)
    return np.asarray(parts.membership, dtype=int)


def _scaled(values: np.ndarray, candidates: list[int]) -> np.ndarray:
    top = max((values[k] for k in candidates), default=0.0)
    return values / top if top > 0 else np.zeros_like(values)


def _join(names: list[str], *, more: int = 0) -> str:
    if more > 0:
        return ", ".join(names) + f" and {more} more"
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _type_label(facts, node) -> str:
    from graph.vocab import TYPE_LABELS
    from graph.labels import local_name

    cls = facts.cls.get(node)
    return TYPE_LABELS.get(cls, local_name(cls)) if cls else "entity"


