"""Overlapping initiatives: the same kind of offer being built in several places.

The analysis reads *initiative records* (:func:`initiative_records`:
label, description, region, focus areas, partners, funders, period, budget of
every ``eco:Initiative`` and ``eco:Partnership``) and returns pairs of
initiatives that look like the same offer, each with a score and the reasons.

Method
------
1. **Candidates by text.** Each initiative's text is its label and its
   description. :mod:`graph.textsim` turns the texts into Danish TF-IDF vectors
   (character 4-5-grams of the content words, weighted by IDF squared so that
   distinctive terms outweigh a theme's shared vocabulary; stems without stop
   words to propose candidates on large inputs and to name the shared terms;
   general Danish health-care synonyms such as ``blodforgiftning`` =
   ``sepsis`` map to one term; document frequencies also count a bundled
   background of initiative descriptions, :func:`background_texts`, so that
   term weights are stable on small inputs)
   and finds for every initiative its ``k = 10`` nearest neighbours with a
   cosine of at least ``TEXT_FLOOR = 0.1`` by a blocked sparse matrix product. No pair is
   ever compared in Python one by one, so the cost grows roughly linearly with
   the number of initiatives. Pairs whose texts have (almost) nothing in common
   are never reported, whatever else they share.
   **Meaning.** Up to :data:`SEMANTIC_LIMIT` active initiatives (and when
   the engine loads), every text is also embedded with a multilingual
   sentence model (:mod:`graph.semantic`, multilingual-e5-small). The
   embeddings are *centred*: the mean embedding of the input and the
   background texts is subtracted (:func:`graph.semantic.centre`), which
   removes what every description of the domain has in common. Each
   initiative's ``SEMANTIC_NEIGHBOURS = 10`` nearest neighbours by centred
   cosine (at least ``SEMANTIC_LOW = 0.05``) join the candidates, so
   paraphrases that share few words are compared at all.
2. **Signals** of each candidate pair, all in 0..1:

   ========  ======  ===================================================
   signal    weight  value (0 when unknown for either initiative)
   ========  ======  ===================================================
   text      --      cosine of the two texts (:mod:`graph.textsim`)
   focus     0.05    Jaccard overlap of the focus areas
   partners  0.03    shared partners / partners of the smaller side
   funders   0.02    1 if they share a funder, else 0
   period    0.02    1 if the periods overlap, else 0
   ========  ======  ===================================================

3. **Closer matches elsewhere.** Generic descriptions resemble many others
   a little ("hubs"); a pair is more telling when the two initiatives are each
   other's closest matches. So the text evidence is lowered by how much better
   each initiative matches its own closest matches among all initiatives:
   ``ref_x`` is the mean of x's ``CLOSER_NEIGHBOURS = 2`` highest similarities,
   and::

       text' = text - HUBNESS_PENALTY * (max(0, ref_a - text) + max(0, ref_b - text)) / 2

   with ``HUBNESS_PENALTY = 1`` (clipped at 0; ``text' = text`` when both are
   among each other's two best matches and those are about equally close, so
   that the three members of a triple keep their similarity). This is the
   cross-domain similarity local scaling (CSLS) of Conneau et al. (2018),
   with two neighbours and the penalty only for a *closer* neighbourhood.
   The reason "A matches C better (0.71)" names A's best match when it
   applies.
4. **Score** = ``text' + (1 - text') * (0.05 focus + 0.03 partners + 0.02 funders
   + 0.02 period)``, a noisy-OR of text and metadata evidence. Text
   similarity is the base; agreeing metadata closes part of the remaining
   distance to 1 (at most 12 %). The weights are small on purpose: on the
   labelled set metadata separates duplicates from near-misses only a little
   (near-misses share focus areas, partners and funders too), while large
   weights would make the threshold depend on which metadata a dataset
   happens to have. The score is in 0..1,
   grows with every signal, and never drops because metadata is *missing*:
   a regional copy of an offer is usually run and funded by other
   organisations than the original, so unshared partners and funders are not
   evidence against an overlap, while shared ones are evidence for it.
   With the semantic signal the reported score is
   ``SEMANTIC_WEIGHT * meaning' + (1 - SEMANTIC_WEIGHT) * lexical`` where
   ``lexical`` is the score above, ``meaning = clip((cos - 0.05) / 0.6, 0, 1)``
   of the centred cosine (:func:`meaning`), with ``SEMANTIC_WEIGHT = 0.7``, and
   ``meaning'`` is ``meaning`` lowered by a closer match in meaning elsewhere,
   as in step 3 but with each initiative's single best match
   (``SEMANTIC_CLOSER = 1``, ``SEMANTIC_HUBNESS = 1``)::

       meaning' = meaning - (max(0, best_a - meaning) + max(0, best_b - meaning)) / 2

   A near-miss that shares an offer's setting is often close in meaning to
   it, but the offer's true copy is closer still; the correction turns that
   ranking into a lower score, with the reason "A is closer in meaning to C
   (0.62)". All parts are in :attr:`Overlap.signals` (``semantic`` = the
   centred cosine, ``meaning`` = ``meaning'``, ``lexical``).
5. **Filter.** Pairs scoring at least ``min_score`` (default
   :func:`default_min_score`: :data:`DEFAULT_MIN_SCORE` with the semantic
   signal, :data:`LEXICAL_MIN_SCORE` without it, each chosen on random inputs of 20-60 initiatives of
   the labelled evaluation set in ``data/eval/overlaps/`` as the threshold
   closest to precision 0.8 and recall 7/8, see ``docs/overlaps.md``) are kept. By default only
   pairs in *different* regions are reported: a pair is "same region" when
   both initiatives have a region and they share one. Pairs where a region is
   unknown (national programmes, missing data) are reported, with the reason
   "region unknown: ...", because a national offer duplicating a regional one
   is exactly what a committee wants to see. ``same_region=True`` reports
   pairs inside one region too.
6. **Verdicts** (:mod:`graph.verdicts`): pairs a curator dismissed
   (complementary, unrelated) are hidden; confirmed duplicates are always
   reported, with ``verdict="duplicate"``, whatever their score.

Reasons name the evidence in words: ``descriptions similar in meaning (0.46)``
(centred cosine of the embeddings, when at least 0.05), ``descriptions similar (0.64): hjemmemonitorering,
KOL, iltmætning`` (the shared words that weigh most, as they are written in the
first description), ``same focus area: Telemedicin``, ``shared partner: Medi-Dose
ApS``, ``shared funder: Region Syddanmark``, ``periods overlap 2018–2019``,
``different regions: Nordjylland / Syddanmark``.

References
----------
A. Conneau, G. Lample, M. Ranzato, L. Denoyer, H. Jégou (2018). Word translation
without parallel data. ICLR 2018 (cross-domain similarity local scaling).
L. Wang et al. (2024). Multilingual E5 text embeddings: a technical report.
arXiv:2402.05672.

Groups (:func:`overlap_groups`) are maximal cliques of three or more
initiatives over the reported pairs: sets in which every two initiatives
overlap (connected components are available too, but chain into large blobs
on real data).

Examples
--------
>>> from rdflib import Dataset
>>> ds = Dataset(default_union=True).parse(format="trig", data='''
... @prefix eco: <https://w3id.org/ecokg/def#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
... @prefix schema: <https://schema.org/> . @prefix dcterms: <http://purl.org/dc/terms/> .
... @prefix ex: <https://w3id.org/ecokg/id/> .
... ex:nord a eco:Region ; skos:prefLabel "Region Nordjylland"@da .
... ex:syd a eco:Region ; skos:prefLabel "Region Syddanmark"@da .
... ex:a a eco:Initiative ; skos:prefLabel "TeleKOL Nord"@da ; schema:location ex:nord ;
...   dcterms:description "Hjemmemonitorering af KOL-patienter: patienten måler iltmætning og puls hjemme med en tablet."@da .
... ex:b a eco:Initiative ; skos:prefLabel "KOL i eget hjem"@da ; schema:location ex:syd ;
...   dcterms:description "KOL-patienter måler selv iltmætning og puls i eget hjem og sender målingerne via tablet til sygehuset."@da .
... ex:c a eco:Initiative ; skos:prefLabel "Eksportnetværk"@da ; schema:location ex:syd ;
...   dcterms:description "Netværk der hjælper små virksomheder med eksport til Tyskland."@da .
... ''')
>>> [(o.a.label, o.b.label) for o in overlapping_initiatives(ds, min_score=0.2)]
[('KOL i eget hjem', 'TeleKOL Nord')]
>>> overlapping_initiatives(ds, min_score=0.2)[0].reasons[-1]
'different regions: Syddanmark / Nordjylland'
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from graph import textsim
from graph.verdicts import Verdict, read_verdicts, resolve_verdicts

__all__ = [
    "DEFAULT_MIN_SCORE",
    "LEXICAL_MIN_SCORE",
    "SEMANTIC_LIMIT",
    "SEMANTIC_WEIGHT",
    "SEMANTIC_LOW",
    "SEMANTIC_SPAN",
    "default_min_score",
    "use_semantic",
    "WEIGHTS",
    "TEXT_FLOOR",
    "HUBNESS_PENALTY",
    "CLOSER_NEIGHBOURS",
    "NEIGHBOURS",
    "BACKGROUND_FILES",
    "background_texts",
    "InitiativeRef",
    "InitiativeRecord",
    "Overlap",
    "OverlapGroup",
    "initiative_records",
    "find_overlaps",
    "overlapping_initiatives",
    "overlap_groups",
]

#: default threshold on the score when the semantic signal is on (chosen on
#: data/eval/overlaps, see docs/overlaps.md)
DEFAULT_MIN_SCORE = 0.35
#: default threshold on the lexical score alone (inputs above SEMANTIC_LIMIT, or no model)
LEXICAL_MIN_SCORE = 0.19
#: the semantic signal is computed automatically for at most this many active
#: initiatives (embedding runs at about 16 texts per second, and the dense
#: neighbour search is quadratic)
SEMANTIC_LIMIT = 2000
#: weight of the semantic signal in the score (the lexical score has 1 - this)
SEMANTIC_WEIGHT = 0.7
#: cosines of the *centred* embeddings (:func:`graph.semantic.centre`: the mean
#: embedding of the input and the background texts removed) are rescaled to
#: "meaning" = clip((cos - LOW) / SPAN, 0, 1). On the tuning set true pairs have
#: centred cosines 0.24-0.79 (median 0.46), all other pairs median -0.02, 99th
#: percentile 0.30; raw e5 cosines of unrelated Danish texts are rarely below 0.75
SEMANTIC_LOW = 0.05
SEMANTIC_SPAN = 0.6
#: semantic nearest neighbours per initiative added to the candidates
SEMANTIC_NEIGHBOURS = 10
#: closer match in meaning elsewhere: ``meaning' = meaning - SEMANTIC_HUBNESS *
#: (max(0, ref_a - meaning) + max(0, ref_b - meaning)) / 2``, where ``ref_x`` is the
#: mean of x's ``SEMANTIC_CLOSER`` best meanings to any initiative
SEMANTIC_HUBNESS = 1.0
SEMANTIC_CLOSER = 1
#: only the first this many characters of a text (label + description, cut at a
#: word) are embedded: the rescaling above was calibrated on descriptions of at
#: most 507 characters, and embeddings of long texts of one genre crowd together
#: (705 regional-fund projects, 1,900 characters on average: 3,194 pairs above
#: the default threshold embedded in full, 313 cut to 600, where the pair
#: cosines have median 0.852 / 99th percentile 0.901, as on the labelled set's
#: 0.845 / 0.898); it also makes embedding several times faster (7 min -> 75 s)
SEMANTIC_CHARS = 600
#: weight of each metadata signal in the bonus added to the text similarity
WEIGHTS: dict[str, float] = {"focus": 0.05, "partners": 0.03, "funders": 0.02, "period": 0.02}
#: how strongly a closer match elsewhere lowers the text evidence (see the module docstring)
HUBNESS_PENALTY = 1.0
#: an initiative's own neighbourhood is the mean of its this many best similarities
CLOSER_NEIGHBOURS = 2
#: pairs whose texts are less similar than this are never candidates
TEXT_FLOOR = 0.1
#: nearest neighbours per initiative in candidate generation
NEIGHBOURS = 10
#: initiative descriptions that count in the text model's document frequencies
#: (a stable in-domain prior for small inputs; see :func:`background_texts`)
BACKGROUND_FILES = tuple(
    Path(__file__).resolve().parent.parent / "data" / "eval" / "overlaps" / sub / "elements.csv"
    for sub in (".", "added")
)

_SIGNALS = ("text", "focus", "partners", "funders", "period")


def use_semantic(n: int, semantic: bool | None = None) -> bool:
    """Whether the semantic signal is used for ``n`` active initiatives.

    ``semantic=None`` (auto): when ``n <= SEMANTIC_LIMIT`` and the model can be
    loaded; ``True``: whenever the model can be loaded; ``False``: never.
    """
    if semantic is False or (semantic is None and n > SEMANTIC_LIMIT):
        return False
    from graph import semantic as sem

    return sem.available()


def default_min_score(n: int, semantic: bool | None = None) -> float:
    """The default threshold for ``n`` active initiatives: :data:`DEFAULT_MIN_SCORE`
    with the semantic signal, :data:`LEXICAL_MIN_SCORE` without it."""
    return DEFAULT_MIN_SCORE if use_semantic(n, semantic) else LEXICAL_MIN_SCORE


def meaning(cos: np.ndarray) -> np.ndarray:
    """Cosine of centred embeddings rescaled to 0..1: ``clip((cos - SEMANTIC_LOW) / SEMANTIC_SPAN, 0, 1)``.

    >>> meaning(np.array([0.0, 0.35, 0.7])).round(2).tolist()
    [0.0, 0.5, 1.0]
    """
    return np.clip((np.asarray(cos, dtype=float) - SEMANTIC_LOW) / SEMANTIC_SPAN, 0.0, 1.0)


@dataclass(frozen=True)
class InitiativeRef:
    """An initiative as shown in a result: IRI, Danish label, region label (or ``None``)."""

    iri: str
    label: str
    region: str | None

    def as_dict(self) -> dict:
        return {"iri": self.iri, "label": self.label, "region": self.region}


@dataclass(frozen=True)
class InitiativeRecord:
    """What the analysis reads about one initiative.

    Multi-valued fields are tuples of ``(iri, label)`` pairs, sorted.

    Attributes
    ----------
    iri, label : str
    description : str
    regions : tuple of (iri, label)
    focus_areas, partners, funders : tuple of (iri, label)
    start, end : datetime.date or None
    budget : float or None
    """

    iri: str
    label: str
    description: str = ""
    regions: tuple[tuple[str, str], ...] = ()
    focus_areas: tuple[tuple[str, str], ...] = ()
    partners: tuple[tuple[str, str], ...] = ()
    funders: tuple[tuple[str, str], ...] = ()
    start: date | None = None
    end: date | None = None
    budget: float | None = None

    @property
    def text(self) -> str:
        """Label and description: what text similarity compares."""
        return f"{self.label}. {self.description}" if self.description else self.label

    @property
    def region_label(self) -> str | None:
        return ", ".join(lab for _iri, lab in self.regions) or None

    def ref(self) -> InitiativeRef:
        return InitiativeRef(self.iri, self.label, self.region_label)


@dataclass(frozen=True)
class Overlap:
    """A pair of initiatives that look like the same offer.

    Attributes
    ----------
    a, b : InitiativeRef
        The two initiatives (``a`` has the smaller label).
    score : float
        0..1, see the module docstring.
    reasons : tuple of str
        Human-readable evidence, most important first.
    signals : dict
        Each signal's value in 0..1, or ``None`` when unknown for the pair.
    verdict : str or None
        ``"duplicate"`` when a curator confirmed the pair.
    """

    a: InitiativeRef
    b: InitiativeRef
    score: float
    reasons: tuple[str, ...]
    signals: dict = field(default_factory=dict, compare=False, hash=False)
    verdict: str | None = None

    def as_dict(self) -> dict:
        """The contract's JSON form (``a``, ``b``, ``score``, ``reasons``) plus ``signals`` and ``verdict``."""
        return {
            "a": self.a.as_dict(),
            "b": self.b.as_dict(),
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
            "signals": {k: (None if v is None else round(v, 4)) for k, v in self.signals.items()},
            "verdict": self.verdict,
        }


@dataclass(frozen=True)
class OverlapGroup:
    """Three or more initiatives connected by overlaps.

    Attributes
    ----------
    members : tuple of InitiativeRef
        Sorted by label.
    pairs : tuple of Overlap
        The reported pairs inside the group, best first.
    score : float
        Mean score of those pairs.
    clique : bool
        Whether every pair of members is reported.
    regions : tuple of str
        Distinct regions of the members.
    """

    members: tuple[InitiativeRef, ...]
    pairs: tuple[Overlap, ...]
    score: float
    clique: bool
    regions: tuple[str, ...]

    def as_dict(self) -> dict:
        return {
            "members": [m.as_dict() for m in self.members],
            "score": round(self.score, 4),
            "clique": self.clique,
            "regions": list(self.regions),
            "pairs": [[p.a.iri, p.b.iri] for p in self.pairs],
        }


# --------------------------------------------------------------------------- records


def initiative_records(ds) -> list[InitiativeRecord]:
    """Read every initiative of a dataset (``eco:Initiative`` and ``eco:Partnership``).

    One pass over each predicate the analysis needs (linear in the size of
    the graph; a SPARQL join with OPTIONALs took minutes on a million triples).
    Region: an ``eco:Region`` the initiative is ``schema:location``'d in, or
    via a place (municipality) that is ``schema:containedInPlace`` a region.
    Partners: actors with ``eco:partnerIn`` or ``org:memberOf`` the initiative.
    Funders: ``schema:funder`` of the initiative or of a grant whose
    ``schema:fundedItem`` it is.

    Parameters
    ----------
    ds : rdflib.Dataset or Graph
        With ``default_union=True`` for a Dataset.

    Returns
    -------
    list of InitiativeRecord
        Sorted by IRI.
    """
    from collections import defaultdict

    from graph.labels import label
    from graph.periods import as_date
    from graph.views import PredicateScan
    from graph.vocab import DCTERMS, ECO, ORG, RDF, SCHEMA

    scan = PredicateScan(ds)  # each predicate read once, the fast way the store allows
    typed = defaultdict(set)
    for s, c in scan.pairs(RDF.type):
        typed[c].add(s)
    initiatives = typed[ECO.Initiative] | typed[ECO.Partnership]
    regions_all, focus_all = typed[ECO.Region], typed[ECO.FocusArea]

    def by_subject(pred) -> dict:
        out = defaultdict(set)
        for s, o in scan.pairs(pred):
            out[s].add(o)
        return out

    def by_object(pred) -> dict:
        out = defaultdict(set)
        for s, o in scan.pairs(pred):
            out[o].add(s)
        return out

    located = by_subject(SCHEMA.location)
    contained = by_subject(SCHEMA.containedInPlace)
    subjects = by_subject(DCTERMS.subject)
    descriptions = by_subject(DCTERMS.description)
    partners = by_object(ECO.partnerIn)
    for i, members in by_object(ORG.memberOf).items():
        partners[i] |= members
    direct_funders = by_subject(SCHEMA.funder)
    funders = defaultdict(set, {s: set(o) for s, o in direct_funders.items()})
    for grant, items in by_subject(SCHEMA.fundedItem).items():
        for i in items:
            funders[i] |= direct_funders.get(grant, set())
    starts, ends, budgets = by_subject(SCHEMA.startDate), by_subject(SCHEMA.endDate), by_subject(ECO.budget)
    names: dict = {}

    def named(nodes) -> tuple[tuple[str, str], ...]:
        for n in nodes:
            if n not in names:
                names[n] = label(ds, n)
        return tuple(sorted(((str(n), names[n]) for n in nodes), key=lambda t: (t[1], t[0])))

    def number(values) -> float | None:
        found = []
        for v in values:
            try:
                found.append(float(v.toPython()))
            except (AttributeError, TypeError, ValueError):
                continue
        return max(found) if found else None

    records = []
    for i in sorted(initiatives, key=str):
        places = located.get(i, set())
        region_set = {p for p in places if p in regions_all}
        region_set |= {r for p in places for r in contained.get(p, ()) if r in regions_all}
        texts = descriptions.get(i, set())
        danish = sorted(str(d) for d in texts if getattr(d, "language", None) == "da")
        desc = danish[0] if danish else (sorted(str(d) for d in texts)[0] if texts else "")
        start_dates = [d for d in map(as_date, starts.get(i, ())) if d]
        end_dates = [d for d in map(as_date, ends.get(i, ())) if d]
        records.append(
            InitiativeRecord(
                iri=str(i),
                label=label(ds, i),
                description=desc,
                regions=named(region_set),
                focus_areas=named({f for f in subjects.get(i, ()) if f in focus_all}),
                partners=named(partners.get(i, set())),
                funders=named(funders.get(i, set())),
                start=min(start_dates) if start_dates else None,
                end=max(end_dates) if end_dates else None,
                budget=number(budgets.get(i, ())),
            )
        )
    return records


# --------------------------------------------------------------------------- signals


def _membership(records: Sequence[InitiativeRecord], attr: str) -> sp.csr_matrix:
    """Records x distinct IRIs of a multi-valued field, 0/1."""
    ids: dict[str, int] = {}
    rows, cols = [], []
    for n, rec in enumerate(records):
        for iri, _lab in getattr(rec, attr):
            rows.append(n)
            cols.append(ids.setdefault(iri, len(ids)))
    return sp.csr_matrix(
        (np.ones(len(rows)), (np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64))),
        shape=(len(records), max(1, len(ids))),
    )


def _row_dots(m: sp.csr_matrix, r: np.ndarray, c: np.ndarray) -> np.ndarray:
    return np.asarray(m[r].multiply(m[c]).sum(axis=1)).ravel()


@dataclass(frozen=True, eq=False)
class _Signals:
    values: dict[str, np.ndarray]  # each signal's value per pair (0 when unknown)
    known: dict[str, np.ndarray]  # bool per pair
    same_region: np.ndarray  # bool: both regions known and shared
    score: np.ndarray
    adjusted: np.ndarray  # text similarity after the closer-match penalty


def _best_matches(n: int, rows: np.ndarray, cols: np.ndarray, sims: np.ndarray,
                  k: int = 1) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each item's closest matches among the pairs.

    Returns the highest similarity to any other item, that item (-1: none),
    and the mean of the ``k`` highest similarities (fewer if the item has
    fewer pairs; 0 for none). Vectorised: one sort of the pairs.

    >>> best, partner, ref = _best_matches(3, np.array([0, 0]), np.array([1, 2]), np.array([0.6, 0.2]), k=2)
    >>> best.tolist(), partner.tolist(), ref.round(2).tolist()
    ([0.6, 0.6, 0.2], [1, 0, 0], [0.4, 0.6, 0.2])
    """
    best = np.zeros(n)
    ref = np.zeros(n)
    partner = np.full(n, -1, dtype=np.int64)
    if len(rows):
        idx = np.concatenate([rows, cols])
        other = np.concatenate([cols, rows])
        s = np.concatenate([sims, sims])
        order = np.lexsort((other, -s, idx))
        idx_o, s_o = idx[order], s[order]
        starts = np.r_[True, idx_o[1:] != idx_o[:-1]]
        first = order[starts]
        best[idx[first]] = s[first]
        partner[idx[first]] = other[first]
        rank = np.arange(len(order)) - np.flatnonzero(starts)[np.cumsum(starts) - 1]
        top = rank < k
        total = np.bincount(idx_o[top], weights=s_o[top], minlength=n)
        count = np.bincount(idx_o[top], minlength=n)
        ref = np.divide(total, count, out=np.zeros(n), where=count > 0)
    return best, partner, ref


def _signals(records: Sequence[InitiativeRecord], rows: np.ndarray, cols: np.ndarray, text: np.ndarray,
             ref: np.ndarray) -> _Signals:
    values: dict[str, np.ndarray] = {"text": text}
    known: dict[str, np.ndarray] = {"text": np.ones(len(rows), dtype=bool)}
    for name, attr, kind in (
        ("focus", "focus_areas", "jaccard"),
        ("partners", "partners", "overlap"),
        ("funders", "funders", "any"),
    ):
        m = _membership(records, attr)
        size = np.asarray(m.sum(axis=1)).ravel()
        inter = _row_dots(m, rows, cols)
        sa, sb = size[rows], size[cols]
        ok = (sa > 0) & (sb > 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            if kind == "jaccard":
                v = inter / (sa + sb - inter)
            elif kind == "overlap":
                v = inter / np.minimum(sa, sb)
            else:
                v = (inter > 0).astype(float)
        values[name] = np.where(ok, np.nan_to_num(v), 0.0)
        known[name] = ok
    lo = np.array([r.start.toordinal() if r.start else -np.inf for r in records])
    hi = np.array([r.end.toordinal() if r.end else np.inf for r in records])
    has = np.array([r.start is not None or r.end is not None for r in records])
    ok = has[rows] & has[cols]
    overlap = np.maximum(lo[rows], lo[cols]) <= np.minimum(hi[rows], hi[cols])
    values["period"] = np.where(ok, overlap.astype(float), 0.0)
    known["period"] = ok
    reg = _membership(records, "regions")
    reg_size = np.asarray(reg.sum(axis=1)).ravel()
    same_region = (_row_dots(reg, rows, cols) > 0) & (reg_size[rows] > 0) & (reg_size[cols] > 0)
    closer = (np.maximum(0.0, ref[rows] - text) + np.maximum(0.0, ref[cols] - text)) / 2
    adjusted = np.clip(text - HUBNESS_PENALTY * closer, 0.0, 1.0)
    bonus = np.zeros(len(rows))
    for name in _SIGNALS[1:]:
        bonus += WEIGHTS[name] * values[name] * known[name]
    score = adjusted + (1.0 - adjusted) * bonus
    return _Signals(values, known, same_region, np.clip(score, 0.0, 1.0), adjusted)


def _short_region(label: str) -> str:
    return label[len("Region ") :] if label.startswith("Region ") else label


def _years(lo: date | None, hi: date | None) -> str:
    if lo and hi:
        return f"{lo.year}" if lo.year == hi.year else f"{lo.year}–{hi.year}"
    if lo:
        return f"from {lo.year}"
    if hi:
        return f"until {hi.year}"
    return ""


def _reasons(index: textsim.TextIndex, ra: InitiativeRecord, rb: InitiativeRecord, i: int, j: int,
             sig: dict, verdict: Verdict | None, closer: Sequence[str] = ()) -> tuple[str, ...]:
    reasons = []
    if verdict is not None and verdict.verdict == "duplicate":
        reasons.append("confirmed duplicate by a curator" + (f": {verdict.note}" if verdict.note else ""))
    if sig.get("semantic") is not None and sig["semantic"] >= SEMANTIC_LOW:
        reasons.append(f"descriptions similar in meaning ({sig['semantic']:.2f})")
    terms = textsim.shared_terms(index, i, j, top=4)
    text = f"descriptions similar ({sig['text']:.2f})"
    reasons.append(f"{text}: {', '.join(terms)}" if terms else text)
    same = textsim.shared_concepts(ra.text, rb.text)
    if same:
        reasons.append("same terms in other words: " + ", ".join(f"{x} = {y}" for x, y in same))
    reasons.extend(closer)
    fb = dict(rb.focus_areas)
    shared_focus = [lab for iri, lab in ra.focus_areas if iri in fb]
    reasons.extend(f"same focus area: {lab}" for lab in shared_focus)
    if sig["focus"] is not None and not shared_focus:
        reasons.append(
            "different focus areas: "
            + f"{', '.join(l for _i, l in ra.focus_areas)} / {', '.join(l for _i, l in rb.focus_areas)}"
        )
    pb = dict(rb.partners)
    reasons.extend(f"shared partner: {lab}" for iri, lab in ra.partners if iri in pb)
    fub = dict(rb.funders)
    reasons.extend(f"shared funder: {lab}" for iri, lab in ra.funders if iri in fub)
    if sig["period"] is not None:
        if sig["period"]:
            starts = [d for d in (ra.start, rb.start) if d]
            ends = [d for d in (ra.end, rb.end) if d]
            span = _years(max(starts) if starts else None, min(ends) if ends else None)
            reasons.append(f"periods overlap {span}".rstrip())
        else:
            reasons.append(
                f"periods do not overlap: {_years(ra.start, ra.end)} / {_years(rb.start, rb.end)}"
            )
    if ra.regions and rb.regions:
        la = ", ".join(_short_region(l) for _i, l in ra.regions)
        lb = ", ".join(_short_region(l) for _i, l in rb.regions)
        if set(dict(ra.regions)) & set(dict(rb.regions)):
            reasons.append(f"same region: {la}")
        else:
            reasons.append(f"different regions: {la} / {lb}")
    else:
        unknown = [r.label for r in (ra, rb) if not r.regions]
        reasons.append(f"region unknown: {' / '.join(unknown)}")
    return tuple(reasons)


# --------------------------------------------------------------------------- analysis


def _resolve(verdicts, records: Sequence[InitiativeRecord]) -> dict[frozenset[str], Verdict]:
    if verdicts is None:
        return {}
    if isinstance(verdicts, Mapping):
        return dict(verdicts)
    if isinstance(verdicts, (str, Path)):
        verdicts = read_verdicts(verdicts)
    return resolve_verdicts(verdicts, [(r.iri, r.label) for r in records])


@lru_cache(maxsize=1)
def background_texts() -> tuple[str, ...]:
    """The bundled background corpus: label and description of each described
    initiative in :data:`BACKGROUND_FILES` (the labelled evaluation set, without
    its held-out part), as :attr:`InitiativeRecord.text` forms them.

    Used only for document frequencies, never as initiatives. A missing file
    is skipped (then IDF comes from the input alone).

    >>> len(background_texts()) > 50
    True
    """
    import csv

    texts = []
    for path in BACKGROUND_FILES:
        if not path.is_file():
            continue
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                desc = (row.get("Description") or "").strip()
                if desc:
                    texts.append(f"{(row.get('Label') or '').strip()}. {desc}")
    return tuple(texts)


def find_overlaps(
    records: Sequence[InitiativeRecord],
    *,
    min_score: float | None = None,
    same_region: bool = False,
    as_of: date | str | None = None,
    verdicts=None,
    background: Sequence[str] | None = None,
    semantic: bool | None = None,
) -> list[Overlap]:
    """Overlapping pairs among initiative records (the engine of :func:`overlapping_initiatives`).

    Parameters and result as :func:`overlapping_initiatives`; ``records`` come
    from :func:`initiative_records` or are built directly (benchmarks, tests).
    ``background``: texts that only count in the text model's document
    frequencies (default :func:`background_texts`; ``()`` for none).
    ``semantic``: use the sentence-embedding signal (:mod:`graph.semantic`);
    ``None`` (default) = when there are at most :data:`SEMANTIC_LIMIT` active
    initiatives. Without it the score is the lexical score and the default
    threshold :data:`LEXICAL_MIN_SCORE`.
    """
    from graph.periods import is_active, parse_date

    if min_score is not None and not 0.0 <= float(min_score) <= 1.0:
        from graph.errors import InputError, Problem

        raise InputError([Problem("-", None, f"--min-score must be between 0 and 1, not {min_score}")])
    as_of = parse_date(as_of)
    table = _resolve(verdicts, records)
    active = [r for r in records if is_active(r.start, r.end, as_of)]
    if len(active) < 2:
        return []
    with_meaning = use_semantic(len(active), semantic)
    if min_score is None:
        min_score = DEFAULT_MIN_SCORE if with_meaning else LEXICAL_MIN_SCORE
    if background is None:
        background = background_texts()
    index = textsim.build_index([r.text for r in active], background=background)
    cand = textsim.neighbours(index, k=NEIGHBOURS, floor=TEXT_FLOOR)
    rows, cols, text = cand.rows, cand.cols, cand.sims
    best, partner, ref = _best_matches(len(active), rows, cols, text, CLOSER_NEIGHBOURS)
    extra = []
    have = set(zip(rows.tolist(), cols.tolist()))
    vectors = None
    if with_meaning:
        from graph import semantic as sem

        # centred embeddings: the direction every description of the domain shares is removed
        raw = sem.embed([sem.head(r.text, SEMANTIC_CHARS) for r in active])
        reference = sem.embed([sem.head(t, SEMANTIC_CHARS) for t in background]) if len(background) else raw[:0]
        vectors = sem.centre(raw, np.concatenate([raw, reference]))
        # paraphrases with few shared words become candidates through their meaning
        sr, sc, ssims = sem.cosine_neighbours(vectors, k=SEMANTIC_NEIGHBOURS, floor=SEMANTIC_LOW)
        # each initiative's closest match in meaning (for the closer-match correction)
        m_best, m_partner, _ = _best_matches(len(active), sr, sc, ssims, 1)
        m_ref = _best_matches(len(active), sr, sc, meaning(ssims), SEMANTIC_CLOSER)[2]
        for i, j in zip(sr.tolist(), sc.tolist()):
            if (i, j) not in have:
                have.add((i, j))
                extra.append((i, j))
    # confirmed duplicates are scored even when they are not text neighbours
    if table:
        pos = {r.iri: n for n, r in enumerate(active)}
        for key, v in table.items():
            if v.verdict != "duplicate" or not key <= pos.keys():
                continue
            i, j = sorted(pos[iri] for iri in key)
            if (i, j) not in have:
                have.add((i, j))
                extra.append((i, j))
    if extra:
        er = np.array([e[0] for e in extra], dtype=np.int64)
        ec = np.array([e[1] for e in extra], dtype=np.int64)
        rows = np.concatenate([rows, er])
        cols = np.concatenate([cols, ec])
        text = np.concatenate([text, textsim.pair_similarities(index, er, ec)])
    if not len(rows):
        return []
    sig = _signals(active, rows, cols, text, ref)
    if vectors is not None:
        cos = np.einsum("ij,ij->i", vectors[rows], vectors[cols]).astype(float)
        mean_ = meaning(cos)
        closer_m = (np.maximum(0.0, m_ref[rows] - mean_) + np.maximum(0.0, m_ref[cols] - mean_)) / 2
        mean_adj = np.clip(mean_ - SEMANTIC_HUBNESS * closer_m, 0.0, 1.0)
        score = SEMANTIC_WEIGHT * mean_adj + (1.0 - SEMANTIC_WEIGHT) * sig.score
    else:
        cos = mean_adj = None
        score = sig.score
    keep = score >= min_score
    if not same_region:
        keep &= ~sig.same_region
    confirmed = np.zeros(len(rows), dtype=bool)
    if table:
        for n, (i, j) in enumerate(zip(rows.tolist(), cols.tolist())):
            v = table.get(frozenset({active[i].iri, active[j].iri}))
            if v is not None:
                keep[n] = not v.dismissed and (keep[n] or v.verdict == "duplicate")
                confirmed[n] = v.verdict == "duplicate"
    result = []
    for n in np.flatnonzero(keep):
        i, j = int(rows[n]), int(cols[n])
        ra, rb = active[i], active[j]
        if (rb.label, rb.iri) < (ra.label, ra.iri):
            ra, rb, i, j = rb, ra, j, i
        s = {name: (float(sig.values[name][n]) if sig.known[name][n] else None) for name in _SIGNALS}
        s["text_adjusted"] = float(sig.adjusted[n])
        s["lexical"] = float(sig.score[n])
        s["semantic"] = None if cos is None else float(cos[n])
        s["meaning"] = None if mean_adj is None else float(mean_adj[n])
        v = table.get(frozenset({ra.iri, rb.iri})) if table else None
        closer = []
        if cos is not None:
            for me, other in ((i, j), (j, i)):
                if m_partner[me] >= 0 and m_partner[me] != other and m_ref[me] - mean_[n] >= 0.01:
                    closer.append(f"{active[me].label} is closer in meaning to {active[m_partner[me]].label} "
                                  f"({m_best[me]:.2f})")
        for me, other in ((i, j), (j, i)):
            if partner[me] >= 0 and partner[me] != other and ref[me] - s["text"] >= 0.01:
                closer.append(f"{active[me].label} matches {active[partner[me]].label} better ({best[me]:.2f})")
        result.append(
            Overlap(
                a=ra.ref(),
                b=rb.ref(),
                score=float(np.clip(score[n], 0.0, 1.0)),
                reasons=_reasons(index, ra, rb, i, j, s, v, closer),
                signals=s,
                verdict="duplicate" if confirmed[n] else None,
            )
        )
    result.sort(key=lambda o: (-o.score, o.a.label, o.b.label, o.a.iri, o.b.iri))
    return result


def overlapping_initiatives(
    ds,
    *,
    min_score: float | None = None,
    same_region: bool = False,
    as_of: date | str | None = None,
    verdicts=None,
    semantic: bool | None = None,
) -> list[Overlap]:
    """Pairs of initiatives that look like the same offer, best first, with reasons.

    Parameters
    ----------
    ds : rdflib.Dataset
        The knowledge graph (``default_union=True``).
    min_score : float, optional
        Report pairs scoring at least this (0..1); default :data:`DEFAULT_MIN_SCORE`
        with the semantic signal, :data:`LEXICAL_MIN_SCORE` without it
        (:func:`default_min_score`).
    same_region : bool
        Also report pairs of initiatives in the same region (default: only
        pairs across regions, or with a region unknown).
    as_of : datetime.date or str, optional
        Only initiatives active on that date (start <= as_of <= end; a missing
        end is open).
    verdicts : path, list of Verdict, or dict, optional
        Curator verdicts (:mod:`graph.verdicts`): dismissed pairs are hidden,
        confirmed duplicates always reported and marked.
    semantic : bool, optional
        Use the sentence-embedding signal (:mod:`graph.semantic`). ``None``
        (default): when at most :data:`SEMANTIC_LIMIT` initiatives are
        active; it is skipped (with one warning on stderr) if the model
        cannot be loaded.

    Returns
    -------
    list of Overlap
        Sorted by score, highest first.

    Raises
    ------
    InputError
        Bad ``min_score``, ``as_of`` or verdict file.

    Notes
    -----
    Reads, per initiative: ``skos:prefLabel``, ``dcterms:description``,
    ``schema:location`` (region, directly or via a municipality),
    ``dcterms:subject`` focus areas, ``eco:partnerIn`` / ``org:memberOf``
    partners, ``schema:funder`` (direct or through a grant),
    ``schema:startDate`` / ``schema:endDate``. See the module docstring for
    the score.
    """
    records = initiative_records(ds)
    if as_of is not None:
        records = _regions_as_of(ds, records, as_of)
    return find_overlaps(records, min_score=min_score, same_region=same_region, as_of=as_of, verdicts=verdicts,
                         semantic=semantic)


def _regions_as_of(ds, records: Sequence[InitiativeRecord], as_of) -> list[InitiativeRecord]:
    """Records with each region replaced by the region(s) it had become on
    ``as_of`` (Region Hovedstaden and Region Sjælland are Region Østdanmark
    from 2027-01-01), following the data's change events."""
    from dataclasses import replace

    from rdflib import URIRef

    from graph.labels import label
    from graph.views import region_successors, regions_on

    existing = set(regions_on(ds, as_of))
    successors = region_successors(ds)

    def current(region: URIRef) -> set[URIRef]:
        found, seen, todo = set(), {region}, [region]
        while todo:
            r = todo.pop()
            if r in existing:
                found.add(r)
                continue
            for nxt in successors.get(r, ()):
                if nxt not in seen:
                    seen.add(nxt)
                    todo.append(nxt)
        return found or {region}

    out = []
    for rec in records:
        now = {r for iri, _label in rec.regions for r in current(URIRef(iri))}
        regions = tuple(sorted(((str(r), label(ds, r)) for r in now), key=lambda t: (t[1], t[0])))
        out.append(replace(rec, regions=regions) if regions != rec.regions else rec)
    return out


def overlap_groups(pairs: Iterable[Overlap], *, min_size: int = 3, method: str = "cliques") -> list[OverlapGroup]:
    """Groups of ``min_size`` or more initiatives doing the same thing.

    Parameters
    ----------
    pairs : iterable of Overlap
        Usually the result of :func:`overlapping_initiatives`.
    min_size : int
        Smallest group reported (default 3).
    method : {"cliques", "components"}
        ``"cliques"`` (default): maximal cliques of the pair graph, i.e. sets
        in which *every* two initiatives were reported as overlapping (an
        initiative can be in several). ``"components"``: connected
        components, which chain through intermediate initiatives and grow
        large on real data.

    Returns
    -------
    list of OverlapGroup
        Largest first, then by mean score.

    Examples
    --------
    >>> r = lambda x: InitiativeRef(x, x.upper(), None)
    >>> ps = [Overlap(r("a"), r("b"), 0.8, ()), Overlap(r("b"), r("c"), 0.6, ()),
    ...       Overlap(r("a"), r("c"), 0.7, ()), Overlap(r("c"), r("d"), 0.9, ())]
    >>> [[m.label for m in g.members] for g in overlap_groups(ps)]
    [['A', 'B', 'C']]
    >>> [([m.label for m in g.members], g.clique) for g in overlap_groups(ps, method="components")]
    [(['A', 'B', 'C', 'D'], False)]
    """
    import networkx as nx

    if method not in ("cliques", "components"):
        raise ValueError(f"method must be 'cliques' or 'components', not {method!r}")
    pairs = list(pairs)
    refs: dict[str, InitiativeRef] = {}
    g = nx.Graph()
    for p in pairs:
        refs.setdefault(p.a.iri, p.a)
        refs.setdefault(p.b.iri, p.b)
        g.add_edge(p.a.iri, p.b.iri)
    if method == "cliques":
        member_sets = [set(c) for c in nx.find_cliques(g) if len(c) >= min_size]
    else:
        member_sets = [c for c in nx.connected_components(g) if len(c) >= min_size]
    groups = []
    for inside in member_sets:
        gp = tuple(sorted((p for p in pairs if p.a.iri in inside and p.b.iri in inside), key=lambda p: -p.score))
        distinct = {frozenset({p.a.iri, p.b.iri}) for p in gp}
        n = len(inside)
        regions = sorted({refs[m].region for m in inside if refs[m].region})
        groups.append(
            OverlapGroup(
                members=tuple(sorted((refs[m] for m in inside), key=lambda r: (r.label, r.iri))),
                pairs=gp,
                score=float(np.mean([p.score for p in gp])),
                clique=len(distinct) == n * (n - 1) // 2,
                regions=tuple(regions),
            )
        )
    groups.sort(key=lambda g: (-len(g.members), -g.score, g.members[0].label))
    return groups
