"""The results of :func:`graph.ingest.ingest_text`: entity types and the
frozen :class:`Entity`, :class:`Statement` and :class:`Ingested`, plus the
map from a statement's predicate (a CURIE such as ``schema:funder``) to its
IRI.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rdflib import URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG

from graph.vocab import ECO, SCHEMA, VCARD

__all__ = ["ENTITY_TYPES", "Entity", "Statement", "Ingested"]


#: entity type label -> class (the contract's element types plus units)
ENTITY_TYPES: dict[str, URIRef] = {
    "Cluster": ECO.Cluster,
    "Innovation Network": ECO.InnovationNetwork,
    "University": ECO.University,
    "University College": ECO.UniversityCollege,
    "Research Institute": ECO.ResearchInstitute,
    "Region": ECO.Region,
    "Municipality": ECO.Municipality,
    "Hospital": ECO.Hospital,
    "Company": ECO.Company,
    "Public Authority": ECO.PublicAuthority,
    "Association": ECO.Association,
    "Investor": ECO.Investor,
    "Initiative": ECO.Initiative,
    "Partnership": ECO.Partnership,
    "Focus Area": ECO.FocusArea,
    "Person": FOAF.Person,
    "Facility": ECO.Facility,
    "Organizational Unit": ORG.OrganizationalUnit,
}
_VALUE_TYPES = ("Amount", "Date", "Email", "Phone")
# types read from a name's last word that a trigger noun in the text overrides
_SOFT_TYPES = frozenset({"Association", "Initiative", "Innovation Network", "Cluster", "Company", "Organizational Unit"})
_ORG_TYPES = frozenset(ENTITY_TYPES) - {"Focus Area", "Person", "Facility", "Initiative", "Partnership"}


@dataclass(frozen=True)
class Entity:
    """A candidate entity (or a value: amount, date, e-mail, phone).

    Attributes
    ----------
    label : str
        The fullest name found in the text.
    type : str
        English type label (``"Cluster"``, ``"Person"``, ``"Amount"``...).
    start, end : int
        Character offsets of the first mention (``text[start:end]``).
    match : rdflib.URIRef or None
        The known entity it was matched to, if any.
    candidate : rdflib.URIRef or None
        The IRI to use: ``match`` or a new ``ecoid:`` IRI (None for values).
    score : float
        Match score 0..100 (100 exact, lower for fuzzy matches; 0 if new).
    mentions : tuple of (int, int)
        Offsets of every mention.
    aliases : tuple of str
        Other names used in the text (acronyms, variants).
    value : object
        Decimal for amounts, ``datetime.date`` for dates, the normalised
        string for e-mails and phones, ``None`` otherwise.
    precision : str or None
        For dates: ``"day"``, ``"month"`` or ``"year"``.
    """

    label: str
    type: str
    start: int
    end: int
    match: URIRef | None = None
    candidate: URIRef | None = None
    score: float = 0.0
    mentions: tuple[tuple[int, int], ...] = ()
    aliases: tuple[str, ...] = ()
    value: object = None
    precision: str | None = None

    def as_dict(self) -> dict:
        d = {"label": self.label, "type": self.type, "start": self.start, "end": self.end}
        if self.type not in _VALUE_TYPES:
            d["match"] = str(self.match) if self.match else None
            d["iri"] = str(self.candidate) if self.candidate else None
            d["score"] = round(self.score, 1)
            d["aliases"] = list(self.aliases)
            d["mentions"] = [list(m) for m in self.mentions]
        else:
            d["value"] = self.value.isoformat() if isinstance(self.value, date) else str(self.value)
            if self.precision:
                d["precision"] = self.precision
        return d


@dataclass(frozen=True)
class Statement:
    """A candidate statement with the exact quote it rests on.

    ``subject`` and ``object`` are entity labels (``object`` may be a literal
    such as an amount or a date, or free text when the funder is not an
    entity). ``predicate`` is a CURIE of the model (``org:memberOf``,
    ``eco:partnerIn``, ``schema:funder``, ``schema:founder``,
    ``eco:mergedInto``, ``schema:worksFor``, ``org:headOf``,
    ``org:subOrganizationOf``, ``schema:location``, ``dcterms:subject``,
    ``eco:budget``, ``schema:foundingDate``, ``vcard:hasEmail``,
    ``vcard:hasTelephone``). ``quote == text[start:end]``.
    """

    subject: str
    predicate: str
    object: str
    quote: str
    start: int
    end: int
    subject_iri: URIRef | None = None
    object_iri: URIRef | None = None
    amount: Decimal | None = None
    start_date: date | None = None
    end_date: date | None = None
    post: str | None = None
    known: bool = False

    def as_dict(self) -> dict:
        d = {
            "known": self.known,
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "subject_iri": str(self.subject_iri) if self.subject_iri else None,
            "object_iri": str(self.object_iri) if self.object_iri else None,
        }
        if self.amount is not None:
            d["amount"] = str(self.amount)
        if self.start_date:
            d["start_date"] = self.start_date.isoformat()
        if self.end_date:
            d["end_date"] = self.end_date.isoformat()
        if self.post:
            d["post"] = self.post
        return d


@dataclass(frozen=True)
class Ingested:
    """What ``ingest_text`` found in one text."""

    source: str
    text: str
    entities: tuple[Entity, ...]
    statements: tuple[Statement, ...]
    document_date: date | None = None
    title: str | None = None

    def as_dict(self) -> dict:
        """The JSON form of ``ecokg ingest text --json`` (contract keys plus extras)."""
        return {
            "source": self.source,
            "title": self.title,
            "date": self.document_date.isoformat() if self.document_date else None,
            "entities": [e.as_dict() for e in self.entities],
            "statements": [s.as_dict() for s in self.statements],
        }

    def entity(self, label: str) -> Entity | None:
        """The entity with this label or alias (case-insensitive), if any."""
        key = label.casefold()
        for e in self.entities:
            if e.label.casefold() == key or key in (a.casefold() for a in e.aliases):
                return e
        return None


_CURIE_PREFIX = {"org:": ORG, "eco:": ECO, "schema:": SCHEMA, "dcterms:": DCTERMS, "vcard:": VCARD}

_SINGLE_VALUED = {
    "eco:budget": ECO.budget,
    "schema:foundingDate": SCHEMA.foundingDate,
    "schema:startDate": SCHEMA.startDate,
    "schema:endDate": SCHEMA.endDate,
}


def _curie(p: str) -> URIRef:
    for prefix, ns in _CURIE_PREFIX.items():
        if p.startswith(prefix):
            return ns[p[len(prefix) :]]
    raise ValueError(f"unknown predicate {p!r}")
