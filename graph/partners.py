"""Free-text partner lists: parse them and link the partners through entity resolution.

The Danish structural-fund lists give each project's partners as free text
(``"Dansk Industri. Væksthus Sjælland. Symbion A/S."`` or one name per line).
``parse_partners`` splits such a text into names; ``link_partners`` turns the
``attr:parter`` literal of every project in a dataset into ``eco:partnerIn``
links, matching each name against the organisations already in the dataset
(CORDIS participants, lead beneficiaries, curated and reference entities) with
the name keys of :mod:`graph.resolve`, and minting a new organisation for a
name that matches nothing.

Examples
--------
>>> parse_partners("Dansk Industri. Væksthus Sjælland. Scion DTU A/S. EnergyMap.dk.")
['Dansk Industri', 'Væksthus Sjælland', 'Scion DTU A/S', 'EnergyMap.dk']
>>> parse_partners("OJ Electronics A/S\\nAlexandra Instituttet A/S\\n")
['OJ Electronics A/S', 'Alexandra Instituttet A/S']
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import PROV, RDF

from graph.ids import entity_iri, slug
from graph.resolve import _collect, _distinctive, name_key
from graph.vocab import ATTR, DCTERMS, ECO, ID, OA, SKOS

__all__ = ["parse_partners", "PartnerLink", "PartnerReport", "link_partners", "guess_class"]

_SPLIT = re.compile(
    r"\s*(?:\n+|;|•|\u2022|(?<=[\w)\]/][\w)\]])\.\s+(?=[A-ZÆØÅ0-9\"“])|,\s+(?=[A-ZÆØÅ])|\s+samt\s+)\s*"
)
_NOISE = re.compile(r"^(?:og|samt|m\.?\s*fl\.?|mfl\.?|m\.m\.?|etc\.?|diverse|flere|partnere?:?|-+)$", re.I)


def parse_partners(text: str | None) -> list[str]:
    """Split a free-text partner list into organisation names, in order.

    Splits at new lines, ``;``, bullets, ``". "`` after a word (not after an
    initial such as ``A.P.``) and ``", "`` before a capital; drops CVR numbers,
    numbering, parenthesised remarks and fillers (``m.fl.``, ``og``); keeps
    names such as ``EnergyMap.dk`` and ``Uddannelses- og Forskningsministeriet``
    whole. Duplicates are dropped.

    Examples
    --------
    >>> parse_partners("1) Region Sjælland (CVR 29190658); 2) Roskilde Universitet m.fl.")
    ['Region Sjælland', 'Roskilde Universitet']
    >>> parse_partners("A.P. Møller - Mærsk A/S, Uddannelses- og Forskningsministeriet")
    ['A.P. Møller - Mærsk A/S', 'Uddannelses- og Forskningsministeriet']
    >>> parse_partners("  ")
    []
    """
    if not text or not text.strip():
        return []
    out: list[str] = []
    seen = set()
    for part in _SPLIT.split(text.strip()):
        name = re.sub(r"\((?:[^()]*)\)", " ", part)
        name = re.sub(r"\bCVR[\s.:-]*(?:nr\.?)?[\s:]*\d{8}\b", " ", name, flags=re.I)
        name = re.sub(r"^\s*(?:\d+[.)]|[-–*])\s*", "", name)
        name = re.sub(r"\s+m\.?\s*fl\.?\s*$", "", name, flags=re.I)
        name = " ".join(name.split()).strip(" .,;:-–")
        if not name or _NOISE.match(name) or not re.search(r"[A-Za-zÆØÅæøå]{2}", name):
            continue
        key = name.casefold()
        if key not in seen:
            seen.add(key)
            out.append(name)
    return out


def guess_class(name: str) -> URIRef:
    """The organisation class a bare name suggests (Association when unsure).

    Examples
    --------
    >>> guess_class("Symbion A/S") == ECO.Company, guess_class("Roskilde Universitet") == ECO.University
    (True, True)
    >>> guess_class("A/S Team Bornholm") == ECO.Company, guess_class("Teknologisk Institut") == ECO.ResearchInstitute
    (True, True)
    """
    low = name.lower()
    if re.search(r"(^|\s)(a/s|aps|i/s|p/s|k/s|a\.m\.b\.a\.?|ivs)($|[\s,\"])", low):
        return ECO.Company
    if re.search(r"professionshøjskole|university college|erhvervsakademi", low):
        return ECO.UniversityCollege
    if re.search(r"universitet\b|university\b", low):
        return ECO.University
    if re.search(r"^region ", low):
        return ECO.Region
    if re.search(r" kommune$", low):
        return ECO.Municipality
    if re.search(r"hospital|sygehus", low):
        return ECO.Hospital
    if re.search(r"ministeriet|styrelsen|agentur", low):
        return ECO.PublicAuthority
    if re.search(r"selvejende institution|erhvervsdrivende fond", low):
        return ECO.Association  # legal forms, not what the body does
    if re.search(r"\binstitut(e|tet)?\b", low):
        return ECO.ResearchInstitute
    if re.search(r"fond(en)?\b|invest|capital|ventures", low):
        return ECO.Investor
    if re.search(r"klynge|cluster", low):
        return ECO.Cluster
    return ECO.Association


@dataclass(frozen=True)
class PartnerLink:
    """One partner string of one project and what it was linked to."""

    project: URIRef
    text: str
    org: URIRef
    matched: bool
    score: float


@dataclass(frozen=True)
class PartnerReport:
    """What ``link_partners`` did."""

    links: tuple[PartnerLink, ...]

    @property
    def strings(self) -> int:
        return len(self.links)

    @property
    def matched(self) -> int:
        """Partner strings that matched an organisation already in the data."""
        return sum(1 for x in self.links if x.matched)

    @property
    def new_organisations(self) -> int:
        """Distinct organisations minted for unmatched partner strings."""
        return len({x.org for x in self.links if not x.matched})

    def as_dict(self) -> dict:
        return {
            "partner_strings": self.strings,
            "matched": self.matched,
            "new": self.strings - self.matched,
            "new_organisations": self.new_organisations,
            "links": [
                {"project": str(x.project), "text": x.text, "org": str(x.org), "matched": x.matched, "score": x.score}
                for x in self.links
            ],
        }


def _as_in_source(ds: Dataset, doc, text: str) -> str:
    """The partner text as it stands in the document: a CSV file doubles the
    quote marks inside a field (RFC 4180), and the quote must be verbatim."""
    source = str(ds.value(doc, DCTERMS.source) or "")
    return text.replace('"', '""') if source.lower().endswith(".csv") else text


def link_partners(ds: Dataset, *, threshold: float = 92.0) -> PartnerReport:
    """Turn every project's ``attr:parter`` text into ``eco:partnerIn`` links.

    Parameters
    ----------
    ds : rdflib.Dataset
        With projects carrying ``<https://w3id.org/ecokg/attr/parter>``.
    threshold : float
        Fuzzy name similarity (0..100) needed to match an existing
        organisation (both on the whole name key and on its distinctive part).

    Returns
    -------
    PartnerReport

    Notes
    -----
    Each project's links go into their own evidence graph
    ``ecoid:ev/partners-<project-slug>``, derived from the same document as
    the project, quoting the partner text. New organisations are typed with
    :func:`guess_class` and labelled with the name as written.

    Examples
    --------
    >>> from rdflib import Dataset, Literal
    >>> from graph.vocab import ECO, ID, SKOS, RDF, ATTR
    >>> ds = Dataset(default_union=True)
    >>> g = ds.graph(ID["ev/x-2"])
    >>> _ = g.add((ID.p, RDF.type, ECO.Initiative)); _ = g.add((ID.p, SKOS.prefLabel, Literal("P")))
    >>> _ = g.add((ID.p, ATTR.parter, Literal("KOBENHAVNS UNIVERSITET. Nyt Firma ApS.")))
    >>> _ = g.add((ID.ku, RDF.type, ECO.University)); _ = g.add((ID.ku, SKOS.prefLabel, Literal("Københavns Universitet")))
    >>> rep = link_partners(ds)
    >>> [(x.text, x.matched) for x in rep.links]
    [('KOBENHAVNS UNIVERSITET', True), ('Nyt Firma ApS', False)]
    >>> (ID.ku, ECO.partnerIn, ID.p) in ds
    True
    """
    orgs = _collect(ds)
    by_key: dict[str, URIRef] = {}
    block: dict[str, list[tuple[str, URIRef]]] = defaultdict(list)
    for o in orgs:
        for k in o.keys:
            by_key.setdefault(k, o.iri)
            d = _distinctive(k).split()
            if d:
                block[d[0][:4]].append((k, o.iri))
    links: list[PartnerLink] = []
    minted: set[URIRef] = set()
    projects = sorted({(s, str(o)) for s, o in ds.subject_objects(ATTR.parter)}, key=lambda t: str(t[0]))
    for proj, text in projects:
        names = parse_partners(text)
        if not names:
            continue
        src_graph = next((c for _s, _p, _o, c in ds.quads((proj, ATTR.parter, None, None))), None)
        doc = ds.value(getattr(src_graph, "identifier", src_graph), PROV.wasDerivedFrom) if src_graph is not None else None
        local = str(proj)[len(str(ID)) :] if str(proj).startswith(str(ID)) else str(proj)
        name = slug(local) or "project"  # the whole path: two periods may share a title
        # an evidence graph when the project's document is known, else a plain graph
        ev = ID[f"ev/partners-{name}"] if doc is not None else ID[f"graph/partners/{name}"]
        g = ds.graph(ev)
        for name in names:
            key = name_key(name)
            org, score = by_key.get(key), 100.0
            if org is None and key:
                d = _distinctive(key).split()
                best = None
                for k, iri in block.get(d[0][:4], []) if d else []:
                    s = min(fuzz.ratio(key, k), fuzz.ratio(_distinctive(key), _distinctive(k)))
                    if s >= threshold and (best is None or s > best[0]):
                        best = (s, iri)
                if best:
                    score, org = best
            matched = org is not None and org not in minted
            if org is None:
                org = entity_iri(name, kind="org") if slug(name) else None
                if org is None:
                    continue
                g.add((org, RDF.type, guess_class(name)))
                g.add((org, SKOS.prefLabel, Literal(name, lang="da")))
                by_key.setdefault(key, org)
                minted.add(org)
                score = 0.0
            g.add((org, ECO.partnerIn, proj))
            links.append(PartnerLink(proj, name, org, matched, score))
        if doc is not None:
            meta = ds.default_graph
            sel = URIRef(f"{ev}/quote")
            meta.add((ev, RDF.type, ECO.Evidence))
            meta.add((ev, PROV.wasDerivedFrom, doc))
            meta.add((ev, OA.hasSelector, sel))
            meta.add((sel, RDF.type, OA.TextQuoteSelector))
            meta.add((sel, OA.exact, Literal(_as_in_source(ds, doc, text))))
    return PartnerReport(tuple(links))
