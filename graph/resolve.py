"""Entity resolution: find organisations that are the same across sources.

``resolve(ds)`` compares every organisation in a dataset and records each
merge it is sure of as ``owl:sameAs`` in a separate named graph
(``ecoid:graph/resolution``), with the reason as a reified statement, so
that the merges can be reviewed and undone (``unresolve``). Evidence used,
strongest first:

1. **CVR number** (``schema:vatID "DK12345678"`` or ``dcterms:identifier
   "CVR:12345678"``, see ``docs/model.md``): same CVR = same legal entity,
   whatever the names say. Different CVR numbers = different legal entities:
   such a pair is *never* merged on its names.
2. **Names**: preferred and alternative labels compared by a normalised key
   (case, Danish letters and their transliterations ``ø``/``oe``/``o``,
   punctuation, legal-form suffixes ``A/S``, ``ApS`` ...), then fuzzy
   matching (rapidfuzz) of the key and of its distinctive part (without
   generic words such as ``Kommune``, ``Universitet``), so that ``Vejle
   Kommune`` and ``Vejen Kommune`` stay apart.
3. **Acronyms** only support a match; an acronym alone is too ambiguous.

Pairs that look alike but fall short of a merge are reported by
``possible_duplicates`` (used by ``ecokg validate`` as warnings).

Examples
--------
>>> from rdflib import Dataset, Literal
>>> from graph.vocab import ECO, ID, SKOS, RDF, SCHEMA
>>> ds = Dataset(default_union=True)
>>> g = ds.graph(ID["graph/test"])
>>> for iri, label, cvr in [(ID.a, "KOBENHAVNS UNIVERSITET", "DK29979812"),
...                         (ID.b, "Københavns Universitet", None),
...                         (ID.c, "Novo A/S", "DK11111111"), (ID.d, "Novo A/S", "DK22222222")]:
...     _ = g.add((iri, RDF.type, ECO.University if "UNIV" in label.upper() else ECO.Company))
...     _ = g.add((iri, SKOS.prefLabel, Literal(label)))
...     if cvr:
...         _ = g.add((iri, SCHEMA.vatID, Literal(cvr)))
>>> rep = resolve(ds)
>>> [(m.source.rsplit("/", 1)[-1], m.target.rsplit("/", 1)[-1], m.reason) for m in rep.merges]
[('b', 'a', 'same name')]
>>> [(c.a.rsplit("/", 1)[-1], c.b.rsplit("/", 1)[-1]) for c in rep.conflicts]
[('c', 'd')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from graph.errors import Problem
from graph.gazetteer import is_acronym
from graph.ids import slug
from graph.vocab import ACTOR_CLASSES, FOAF, ID, SCHEMA

__all__ = [
    "RESOLUTION_GRAPH",
    "Merge",
    "Candidate",
    "ResolutionReport",
    "name_key",
    "cvr_numbers",
    "resolve",
    "unresolve",
    "possible_duplicates",
    "duplicate_problems",
    "canonical_map",
]

RESOLUTION_GRAPH = ID["graph/resolution"]

_LEGAL = re.compile(
    r"\b(a/?s|aps|i/?s|p/?s|k/?s|a\.?m\.?b\.?a|smba|f\.?m\.?b\.?a|ivs|holding|ltd|plc|llc|gmbh|ag|kg|inc|ab|oy|oyj|"
    r"asa|bv|nv|sa|sas|sarl|sl|srl|spa|sprl|bvba)\b\.?"
)
_GENERIC = frozenset(
    "kommune region universitet university universitetet hospital sygehus hospitalet institut instituttet "
    "institute fond fonden foundation forening foreningen the of og and for i af den det de danmark denmark "
    "danish dansk danske center centre centret a s aps".split()
)


def name_key(name: str) -> str:
    """Normalised name for comparisons across spellings and transliterations.

    Examples
    --------
    >>> name_key("KOBENHAVNS UNIVERSITET") == name_key("Københavns Universitet")
    True
    >>> name_key("Liva Healthcare A/S")
    'liva healthcare'
    >>> name_key("Århus Kommune") == name_key("Aarhus Kommune")
    True
    """
    s = _LEGAL.sub(" ", str(name).lower())
    s = slug(s).replace("-", " ")
    s = re.sub(r"(?:^| )(a s|i s|p s|k s)$", "", s)
    # fold the Danish letters and their transliterations to one form
    s = s.replace("aa", "a").replace("oe", "o").replace("ae", "a")
    return " ".join(s.split())


@lru_cache(maxsize=65536)
def _is_generic(word: str) -> bool:
    if word in _GENERIC:
        return True
    return len(word) >= 6 and any(len(g) >= 6 and fuzz.ratio(word, g) >= 88 for g in _GENERIC)


def _distinctive(key: str) -> str:
    """The name key without generic words (also misspelt ones: "instittut")."""
    words = [w for w in key.split() if not _is_generic(w)]
    return " ".join(words) if words else key


def cvr_numbers(ds, node) -> set[str]:
    """CVR numbers of an organisation (``schema:vatID "DK…"`` or ``dcterms:identifier``).

    Examples
    --------
    >>> from rdflib import Graph, Literal
    >>> from graph.vocab import ID, SCHEMA, DCTERMS
    >>> g = Graph()
    >>> _ = g.add((ID.x, SCHEMA.vatID, Literal("DK29979812")))
    >>> _ = g.add((ID.x, DCTERMS.identifier, Literal("CVR:12345678")))
    >>> sorted(cvr_numbers(g, ID.x))
    ['12345678', '29979812']
    """
    out = set()
    for v in ds.objects(node, _VAT_ID):
        m = re.fullmatch(r"\s*DK\s*(\d{8})\s*", str(v))
        if m:
            out.add(m.group(1))
    for v in ds.objects(node, _IDENTIFIER):
        m = re.fullmatch(r"\s*(?:CVR[:\s-]*)?(\d{8})\s*", str(v))
        if m:
            out.add(m.group(1))
    return out


@dataclass(frozen=True)
class Merge:
    """``source owl:sameAs target`` with why."""

    source: URIRef
    target: URIRef
    reason: str
    score: float
    detail: str

    def as_dict(self) -> dict:
        return {"source": str(self.source), "target": str(self.target), "reason": self.reason,
                "score": self.score, "detail": self.detail}


@dataclass(frozen=True)
class Candidate:
    """A pair that looks alike but was not merged, with the reasons."""

    a: URIRef
    b: URIRef
    label_a: str
    label_b: str
    score: float
    reasons: tuple[str, ...]

    def as_dict(self) -> dict:
        return {"a": str(self.a), "b": str(self.b), "label_a": self.label_a, "label_b": self.label_b,
                "score": self.score, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class ResolutionReport:
    """What ``resolve`` found.

    Attributes
    ----------
    merges : tuple of Merge
        Written as ``owl:sameAs`` (unless ``write=False``).
    possible : tuple of Candidate
        Look-alikes below the merge threshold.
    conflicts : tuple of Candidate
        Same or near-same names but different CVR numbers: kept apart.
    """

    merges: tuple[Merge, ...]
    possible: tuple[Candidate, ...]
    conflicts: tuple[Candidate, ...]

    def as_dict(self) -> dict:
        return {
            "merges": [m.as_dict() for m in self.merges],
            "possible": [c.as_dict() for c in self.possible],
            "conflicts": [c.as_dict() for c in self.conflicts],
        }


@dataclass
class _Org:
    iri: URIRef
    label: str
    names: set[str]
    keys: set[str]
    acronyms: set[str]
    cvr: set[str]
    type: URIRef | None
    family: str
    curated: bool = False


_ORG_CLASSES = frozenset(ACTOR_CLASSES) - {FOAF.Person}
# made once: each ``NS.term`` lookup builds a new URIRef, and these are read per organisation
_VAT_ID, _IDENTIFIER = SCHEMA.vatID, DCTERMS.identifier
_NAME_PREDICATES = (SKOS.prefLabel, SKOS.altLabel, RDFS.label)
_PREF_LABEL = SKOS.prefLabel


def _family(iri: URIRef) -> str:
    s = str(iri)
    if s.startswith(str(ID["cordis/org/"])):
        return "cordis"
    return "other"


def _collect(ds) -> list[_Org]:
    from graph.store import predicate_view

    # on an Oxigraph store, read what is needed in one query instead of a few per organisation
    ds = predicate_view(ds, _ORG_CLASSES, (SKOS.prefLabel, SKOS.altLabel, RDFS.label, SCHEMA.vatID, DCTERMS.identifier)) or ds
    orgs: dict[URIRef, _Org] = {}
    for cls in _ORG_CLASSES:
        for s in ds.subjects(RDF.type, cls):
            if not isinstance(s, URIRef) or s in orgs:
                continue
            names = {str(o) for p in _NAME_PREDICATES for o in ds.objects(s, p)}
            if not names:
                continue
            prefs = sorted(str(o) for o in ds.objects(s, _PREF_LABEL)) or sorted(names)
            acr = {n for n in names if is_acronym(n)}
            keys = {k for n in names if n not in acr for k in (name_key(n),) if k}
            orgs[s] = _Org(s, prefs[0], names, keys, acr, cvr_numbers(ds, s), cls, _family(s))
    return sorted(orgs.values(), key=lambda o: str(o.iri))


def _tokens_compatible(ka: str, kb: str) -> bool:
    """Every word of one name has a close counterpart in the other, apart
    from short filler words: "universita di parma" / "universita di pavia" is
    not a spelling variant."""
    ta, tb = ka.split(), kb.split()
    for xs, ys in ((ta, tb), (tb, ta)):
        for x in xs:
            if x in ys or len(x) <= 2 or x in _GENERIC:
                continue
            if not any(fuzz.ratio(x, y) >= 80 for y in ys):
                return False
    return True


def _numbers_differ(ka: str, kb: str) -> bool:
    """Both names carry numbers, and not the same ones: "Lab 103" / "Lab 1003"
    or "Region 1" / "Region 2" are different bodies however alike the rest is.

    Examples
    --------
    >>> _numbers_differ("medlab 103", "medlab 1003"), _numbers_differ("medlab 103", "med lab 103")
    (True, False)
    >>> _numbers_differ("medlab 103", "medlab")
    False
    """
    na, nb = re.findall(r"\d+", ka), re.findall(r"\d+", kb)
    return bool(na and nb) and na != nb


def _score(a: _Org, b: _Org, floor: float = 0.0) -> tuple[float, str]:
    """Best name similarity of two organisations and why; scores below
    ``floor`` (which the callers drop) are not worked out exactly."""
    best, why = 0.0, ""
    for ka in a.keys:
        if ka in b.keys:
            return 100.0, f"same name ({ka!r})"
    long_b = [kb for kb in b.keys if len(kb) >= 8]  # short names ("re lab" / "reg lab") are too easily alike
    for ka in a.keys if long_b else ():
        if len(ka) < 8:
            continue
        for kb in long_b:
            whole = fuzz.ratio(ka, kb)
            if whole <= best or whole < floor or not _tokens_compatible(ka, kb) or _numbers_differ(ka, kb):
                continue  # cannot beat the best so far (the cheap test first)
            s = min(whole, fuzz.ratio(_distinctive(ka), _distinctive(kb)))
            if s > best:
                best, why = s, f"similar names ({ka!r} ~ {kb!r})"
    return best, why


def _pairs(orgs: list[_Org], min_score: float):
    """Candidate pairs by blocking on name-key tokens and CVR numbers."""
    block: dict[str, list[int]] = defaultdict(list)
    for i, o in enumerate(orgs):
        toks = set()
        for k in o.keys:
            d = _distinctive(k).split()
            if d:
                toks.add("n:" + d[0][:4])
                toks.add("n:" + d[-1][:4])
        for c in o.cvr:
            toks.add("c:" + c)
        for t in toks:
            block[t].append(i)
    seen = set()
    for members in block.values():
        if len(members) > 400:  # a too-common token: compare only within CVR blocks
            continue
        # in bigger blocks, pairs that can reach neither min_score nor a shared CVR are
        # left out here, in one vectorised pass (they would be dropped by the caller)
        close = _close(orgs, members, min_score) if len(members) > 8 else None
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                if close is not None and (x, y) not in close:
                    continue
                i, j = members[x], members[y]
                if (i, j) not in seen:
                    seen.add((i, j))
                    yield orgs[i], orgs[j]


def _close(orgs: list[_Org], members: list[int], min_score: float) -> set[tuple[int, int]]:
    """(x, y), x < y, positions in ``members`` of organisations that share a CVR
    number or have two name keys with ``fuzz.ratio >= min_score`` (a superset of
    the pairs :func:`_score` can give ``min_score`` or more)."""
    import numpy as np
    from rapidfuzz import process

    keys: list[str] = []
    owner: list[int] = []
    by_cvr: dict[str, list[int]] = defaultdict(list)
    for x, i in enumerate(members):
        for k in orgs[i].keys:
            keys.append(k)
            owner.append(x)
        for c in orgs[i].cvr:
            by_cvr[c].append(x)
    out: set[tuple[int, int]] = set()
    for xs in by_cvr.values():
        out.update((a, b) for a in xs for b in xs if a < b)
    if keys:
        scores = process.cdist(keys, keys, scorer=fuzz.ratio, score_cutoff=min_score)
        who = np.asarray(owner)
        rows, cols = np.nonzero(scores)
        a, b = who[rows], who[cols]
        keep = a < b
        out.update(zip(a[keep].tolist(), b[keep].tolist()))
    return out


def _classify(orgs: list[_Org], *, threshold: float, min_score: float):
    merges, possible, conflicts = [], [], []
    for a, b in _pairs(orgs, min_score):
        shared_cvr = a.cvr & b.cvr
        if shared_cvr:
            merges.append((a, b, "same CVR", 100.0, f"CVR {sorted(shared_cvr)[0]}"))
            continue
        score, why = _score(a, b, min_score)
        if score < min_score:
            continue
        if a.cvr and b.cvr:
            conflicts.append(Candidate(a.iri, b.iri, a.label, b.label, score,
                                       (why, f"different CVR numbers ({sorted(a.cvr)[0]} / {sorted(b.cvr)[0]})")))
            continue
        reasons = [why]
        if a.acronyms & b.acronyms:
            reasons.append(f"same acronym {sorted(a.acronyms & b.acronyms)[0]}")
            score = min(100.0, score + 3)
        if a.family == b.family == "cordis":
            # two PICs with the same name and no CVR: the EC registered them as
            # separate legal entities; a human decides
            possible.append(Candidate(a.iri, b.iri, a.label, b.label, score, tuple(reasons + ["two CORDIS PICs"])))
        elif score >= threshold:
            merges.append((a, b, "same name" if score >= 100 else "similar name", score, "; ".join(reasons)))
        else:
            possible.append(Candidate(a.iri, b.iri, a.label, b.label, score, tuple(reasons)))
    return merges, possible, conflicts


def _canonical_order(a: _Org, b: _Org) -> tuple[_Org, _Org]:
    """(source, target): the target is the curated / non-CORDIS IRI when there is one."""
    def rank(o: _Org):
        return (o.family == "cordis", str(o.iri))

    return (b, a) if rank(a) < rank(b) else (a, b)


def resolve(
    ds: Dataset,
    *,
    threshold: float = 92.0,
    min_score: float = 85.0,
    write: bool = True,
    graph: URIRef = RESOLUTION_GRAPH,
) -> ResolutionReport:
    """Find organisations that are the same and record the merges.

    Parameters
    ----------
    ds : rdflib.Dataset
        Read through its union graph (``default_union=True``).
    threshold : float
        Name similarity (0..100) from which two organisations without
        conflicting CVR numbers are merged.
    min_score : float
        Name similarity from which a pair is reported as a possible duplicate.
    write : bool
        Write ``source owl:sameAs target`` and a reified reason for each merge
        into the named graph ``graph`` (replacing what an earlier run wrote).
    graph : rdflib.URIRef
        The named graph for the merges.

    Returns
    -------
    ResolutionReport

    Notes
    -----
    Reads types (organisation classes), ``skos:prefLabel``/``altLabel``/
    ``rdfs:label``, ``schema:vatID`` and ``dcterms:identifier``. People are
    not resolved. Two CORDIS organisations (different PICs) are never merged
    on their names alone.
    """
    orgs = _collect(ds)
    raw, possible, conflicts = _classify(orgs, threshold=threshold, min_score=min_score)
    merges = []
    seen = set()
    for a, b, reason, score, detail in raw:
        src, tgt = _canonical_order(a, b)
        if (src.iri, tgt.iri) in seen:
            continue
        seen.add((src.iri, tgt.iri))
        merges.append(Merge(src.iri, tgt.iri, reason, score, detail))
    merges.sort(key=lambda m: (str(m.target), str(m.source)))
    if write:
        unresolve(ds, graph=graph)
    if write and merges:
        g = ds.graph(graph)
        activity = URIRef(f"{graph}/activity")
        meta = ds.default_graph
        meta.add((graph, PROV.wasGeneratedBy, activity))
        meta.add((activity, RDF.type, PROV.Activity))
        meta.add((activity, RDFS.label, Literal("ecokg entity resolution (graph.resolve)", lang="en")))
        for m in merges:
            g.add((m.source, OWL.sameAs, m.target))
            st = BNode()
            g.add((st, RDF.type, RDF.Statement))
            g.add((st, RDF.subject, m.source))
            g.add((st, RDF.predicate, OWL.sameAs))
            g.add((st, RDF.object, m.target))
            g.add((st, DCTERMS.description, Literal(f"{m.reason}: {m.detail}", lang="en")))
            g.add((st, PROV.wasGeneratedBy, activity))
    return ResolutionReport(tuple(merges), tuple(sorted(possible, key=lambda c: -c.score)),
                            tuple(sorted(conflicts, key=lambda c: -c.score)))


def unresolve(ds: Dataset, *, graph: URIRef = RESOLUTION_GRAPH) -> int:
    """Undo ``resolve``: drop the merge graph. Returns the number of triples removed."""
    g = ds.graph(graph)
    n = len(g)
    ds.remove_graph(g)
    activity = URIRef(f"{graph}/activity")
    for node in (graph, activity):
        n += len(list(ds.default_graph.triples((node, None, None))))
        ds.default_graph.remove((node, None, None))
    return n


def canonical_map(ds) -> dict[URIRef, URIRef]:
    """Each merged IRI -> its canonical IRI (following ``owl:sameAs`` chains).

    Examples
    --------
    >>> from rdflib import Graph
    >>> from graph.vocab import ID
    >>> g = Graph()
    >>> _ = g.add((ID.a, OWL.sameAs, ID.b)); _ = g.add((ID.b, OWL.sameAs, ID.c))
    >>> {k.rsplit("/", 1)[-1]: v.rsplit("/", 1)[-1] for k, v in canonical_map(g).items()}
    {'a': 'c', 'b': 'c'}
    """
    parent: dict[URIRef, URIRef] = {}

    def find(x):
        while parent.get(x, x) != x:
            x = parent[x]
        return x

    for s, o in ds.subject_objects(OWL.sameAs):
        if isinstance(s, URIRef) and isinstance(o, URIRef):
            rs, ro = find(s), find(o)
            if rs != ro:
                parent[rs] = ro
    return {x: find(x) for x in list(parent)}


def possible_duplicates(ds, *, min_score: float = 85.0) -> list[Candidate]:
    """Look-alike organisations not (yet) merged: for ``ecokg validate`` warnings.

    Pairs already linked by ``owl:sameAs`` are left out; pairs with different
    CVR numbers are left out too (they are known to be different).

    Examples
    --------
    >>> from rdflib import Dataset, Literal
    >>> from graph.vocab import ECO, ID, SKOS, RDF
    >>> ds = Dataset(default_union=True)
    >>> for iri, label in [(ID.x, "Medtech Innovation Consortium"), (ID.y, "MedTech Innovation Consortium")]:
    ...     _ = ds.graph(ID.g).add((iri, RDF.type, ECO.Cluster))
    ...     _ = ds.graph(ID.g).add((iri, SKOS.prefLabel, Literal(label)))
    >>> [(c.label_a, c.label_b, c.score) for c in possible_duplicates(ds)]
    [('Medtech Innovation Consortium', 'MedTech Innovation Consortium', 100.0)]
    """
    same = canonical_map(ds)
    orgs = _collect(ds)
    out = []
    for a, b in _pairs(orgs, min_score):
        if same.get(a.iri, a.iri) == same.get(b.iri, b.iri):
            continue
        if a.cvr and b.cvr:
            continue
        score, why = _score(a, b, min_score)
        if score >= min_score:
            out.append(Candidate(a.iri, b.iri, a.label, b.label, score, (why,)))
    return sorted(out, key=lambda c: (-c.score, c.label_a))


def duplicate_problems(ds, *, min_score: float = 85.0) -> list[Problem]:
    """``possible_duplicates`` as warnings (``Problem`` with severity ``"Warning"``)."""
    from graph.sourcemap import locate

    problems = []
    for c in possible_duplicates(ds, min_score=min_score):
        where, line = locate(ds, c.a)
        message = f"possible duplicate: {c.label_a!r} and {c.label_b!r} ({'; '.join(c.reasons)})"
        problems.append(Problem(where, line, message, focus=str(c.a), severity="Warning"))
    return problems
