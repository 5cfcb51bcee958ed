"""Namespaces and vocabulary terms used across ecokg.

Every IRI the code needs is spelled once, here. See ``docs/model.md`` for how
the terms fit together.

Examples
--------
>>> from graph.vocab import ECO, ID, TYPE_CLASSES
>>> str(ECO.Cluster)
'https://w3id.org/ecokg/def#Cluster'
>>> TYPE_CLASSES["klynge"] == ECO.Cluster
True
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, XSD

__all__ = [
    "ECO",
    "ID",
    "ATTR",
    "ORG",
    "SKOS",
    "PROV",
    "OA",
    "DCTERMS",
    "SCHEMA",
    "FOAF",
    "VCARD",
    "TIME",
    "FRAPO",
    "EURIO",
    "RDF",
    "RDFS",
    "OWL",
    "XSD",
    "NUTS",
    "PREFIXES",
    "TYPE_CLASSES",
    "TYPE_LABELS",
    "ACTOR_CLASSES",
    "STRUCTURAL_CLASSES",
    "CONNECTION_PREDICATES",
    "RELATION_NAMES",
    "GROWTH_ELEMENTS",
    "ONTOLOGY_GRAPH",
    "REFERENCE_GRAPH",
]

ECO = Namespace("https://w3id.org/ecokg/def#")
ID = Namespace("https://w3id.org/ecokg/id/")
ATTR = Namespace("https://w3id.org/ecokg/attr/")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
FRAPO = Namespace("http://purl.org/cerif/frapo/")
EURIO = Namespace("http://data.europa.eu/s66#")
NUTS = Namespace("http://data.europa.eu/nuts/code/")

PREFIXES: dict[str, Namespace] = {
    "eco": ECO,
    "ecoid": ID,
    "org": Namespace(str(ORG)),
    "skos": Namespace(str(SKOS)),
    "prov": Namespace(str(PROV)),
    "oa": OA,
    "dcterms": Namespace(str(DCTERMS)),
    "schema": SCHEMA,
    "foaf": Namespace(str(FOAF)),
    "vcard": VCARD,
    "time": Namespace(str(TIME)),
    "frapo": FRAPO,
    "eurio": EURIO,
    "rdf": Namespace(str(RDF)),
    "rdfs": Namespace(str(RDFS)),
    "owl": Namespace(str(OWL)),
    "xsd": Namespace(str(XSD)),
}

ONTOLOGY_GRAPH = ID["graph/ontology"]
REFERENCE_GRAPH = ID["graph/reference"]

# Contract element types: (English, Danish) names -> class.
_TYPES: list[tuple[str, str, URIRef]] = [
    ("Cluster", "Klynge", ECO.Cluster),
    ("Innovation Network", "Innovationsnetværk", ECO.InnovationNetwork),
    ("University", "Universitet", ECO.University),
    ("University College", "Professionshøjskole", ECO.UniversityCollege),
    ("Research Institute", "GTS-institut", ECO.ResearchInstitute),
    ("Region", "Region", ECO.Region),
    ("Municipality", "Kommune", ECO.Municipality),
    ("Hospital", "Hospital", ECO.Hospital),
    ("Company", "Virksomhed", ECO.Company),
    ("Public Authority", "Myndighed", ECO.PublicAuthority),
    ("Association", "Forening", ECO.Association),
    ("Investor", "Fond", ECO.Investor),
    ("Initiative", "Projekt", ECO.Initiative),
    ("Focus Area", "Fokusområde", ECO.FocusArea),
    ("Person", "Person", FOAF.Person),
    ("Facility", "Facilitet", ECO.Facility),
]

#: lower-cased English or Danish type name -> class
TYPE_CLASSES: dict[str, URIRef] = {}
for _en, _da, _cls in _TYPES:
    TYPE_CLASSES[_en.lower()] = _cls
    TYPE_CLASSES[_da.lower()] = _cls

#: class -> English type label (used as TYPE_LABEL in ``stats --json``)
TYPE_LABELS: dict[URIRef, str] = {cls: en for en, _da, cls in _TYPES}
TYPE_LABELS.update(
    {
        ECO.Partnership: "Partnership",
        ORG.OrganizationalUnit: "Organizational Unit",
        ORG.Post: "Post",
        ORG.Membership: "Membership",
        ORG.ChangeEvent: "Change Event",
        SCHEMA.MonetaryGrant: "Grant",
        SCHEMA.Event: "Event",
        ECO.QualityLabel: "Quality Label",
        FOAF.Document: "Document",
        ECO.Evidence: "Evidence",
    }
)

#: classes whose instances are actors (organisations, units, people)
ACTOR_CLASSES: frozenset[URIRef] = frozenset(
    {
        ECO.Cluster,
        ECO.InnovationNetwork,
        ECO.University,
        ECO.UniversityCollege,
        ECO.ResearchInstitute,
        ECO.Region,
        ECO.Municipality,
        ECO.Hospital,
        ECO.Company,
        ECO.PublicAuthority,
        ECO.Association,
        ECO.Investor,
        ORG.OrganizationalUnit,
        FOAF.Person,
    }
)

#: classes of structural nodes (qualified relations, evidence, documents) that are never entities
STRUCTURAL_CLASSES: frozenset[URIRef] = frozenset(
    {
        ORG.Membership,
        ORG.Post,
        ORG.ChangeEvent,
        SCHEMA.MonetaryGrant,
        ECO.Evidence,
        FOAF.Document,
        RDF.Statement,
    }
)

# Contract connection types: (English, Danish) -> predicate of the direct triple.
_CONNECTIONS: list[tuple[str, str, URIRef]] = [
    ("member of", "medlem af", ORG.memberOf),
    ("partner in", "partner i", ECO.partnerIn),
    ("funded by", "finansieret af", SCHEMA.funder),
    ("located in", "ligger i", SCHEMA.location),
    ("addresses", "adresserer", DCTERMS.subject),
    ("founded by", "stiftet af", SCHEMA.founder),
    ("merged into", "fusioneret ind i", ECO.mergedInto),
    ("part of", "del af", ORG.subOrganizationOf),
    ("works for", "ansat i", SCHEMA.worksFor),
    ("leads", "leder", ORG.headOf),
]

#: lower-cased English or Danish connection name -> predicate
CONNECTION_PREDICATES: dict[str, URIRef] = {}
for _en, _da, _pred in _CONNECTIONS:
    CONNECTION_PREDICATES[_en] = _pred
    CONNECTION_PREDICATES[_da] = _pred

#: predicate of a direct relation -> its English contract connection name
RELATION_NAMES: dict[URIRef, str] = {pred: en for en, _da, pred in _CONNECTIONS}

#: growth-model element concept -> its contract name
GROWTH_ELEMENTS: dict[URIRef, str] = {
    ECO.ResearchAndEducation: "research and education",
    ECO.Financing: "financing",
    ECO.Supply: "supply",
    ECO.Demand: "demand",
}
