"""The ontology (ontology/ecosystem.ttl) and the SHACL shapes (ontology/shapes.ttl)."""

from __future__ import annotations

import re
from pathlib import Path

import pyshacl
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS

from graph.vocab import ACTOR_CLASSES, ECO, EURIO, FOAF, GROWTH_ELEMENTS, ID, SCHEMA, TYPE_CLASSES, VCARD

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "ecosystem.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
VOCAB_DIR = ROOT.parent / "shared" / "data" / "vocab"

# the organisation types: every actor class but units and people
ORG_TYPES = sorted(ACTOR_CLASSES - {ORG.OrganizationalUnit, FOAF.Person})
TERM_KINDS = [OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, SKOS.Concept]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(SHAPES, format="turtle")


def _our_terms(g: Graph) -> set[URIRef]:
    return {
        s
        for kind in TERM_KINDS
        for s in g.subjects(RDF.type, kind)
        if isinstance(s, URIRef) and str(s).startswith(str(ECO))
    }


def _rdf_files() -> list[Path]:
    files = [ONTOLOGY, SHAPES]
    for ext in ("*.ttl", "*.trig"):
        files += sorted((ROOT / "data").rglob(ext))
    return files


def _iris_in(path: Path) -> set[URIRef]:
    if path.suffix == ".trig":
        ds = Dataset()
        ds.parse(path, format="trig")
        triples = (q[:3] for q in ds.quads())
    else:
        triples = iter(Graph().parse(path, format="turtle"))
    return {term for triple in triples for term in triple if isinstance(term, URIRef)}


# ---------------------------------------------------------------------------
# the vocabulary
# ---------------------------------------------------------------------------


def test_is_an_owl_ontology_without_imports(onto):
    (ont,) = list(onto.subjects(RDF.type, OWL.Ontology))
    assert onto.value(ont, DCTERMS.title) is not None
    assert onto.value(ont, OWL.versionInfo) is not None
    assert not list(onto.objects(ont, OWL.imports))


def test_every_term_has_danish_and_english_labels_and_a_definition(onto):
    terms = _our_terms(onto)
    assert len(terms) >= 29
    missing = []
    for term in sorted(terms):
        for prop in (RDFS.label, SKOS.prefLabel):
            langs = {o.language for o in onto.objects(term, prop) if isinstance(o, Literal)}
            for lang in ("da", "en"):
                if lang not in langs:
                    missing.append(f"{term} {prop} @{lang}")
        defs = [o for o in onto.objects(term, SKOS.definition) if isinstance(o, Literal) and o.language == "en"]
        if not defs or not str(defs[0]).strip():
            missing.append(f"{term} skos:definition @en")
    assert missing == []


def test_every_eco_term_in_model_and_vocab_is_declared(onto):
    declared = {str(t)[len(str(ECO)) :] for t in _our_terms(onto)}
    model = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    vocab = (ROOT / "graph" / "vocab.py").read_text(encoding="utf-8")
    used = set(re.findall(r"\beco:([A-Za-z][A-Za-z0-9_]*)", model)) | set(re.findall(r"\bECO\.([A-Za-z][A-Za-z0-9_]*)", vocab))
    assert {"Cluster", "partnerIn", "Evidence", "PersonalDataProperty"} <= used
    assert sorted(used - declared) == []


@pytest.mark.parametrize("path", _rdf_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_eco_term_used_in_rdf_files_is_declared(onto, path):
    declared = _our_terms(onto)
    used = {t for t in _iris_in(path) if str(t).startswith(str(ECO))}
    assert sorted(used - declared) == []


def test_hierarchy_reuses_standard_vocabularies(onto):
    def sup(c):
        return set(onto.objects(c, RDFS.subClassOf))

    assert {SCHEMA.Project, EURIO.Project} <= sup(ECO.Initiative)
    assert ECO.Initiative in sup(ECO.Partnership)
    assert ORG.FormalOrganization in sup(ECO.Cluster)
    assert ORG.Organization in sup(ECO.Hospital)
    assert SKOS.Concept in sup(ECO.FocusArea)
    assert {SCHEMA.Place, ORG.Site} <= sup(ECO.Facility)
    assert PROV.Entity in sup(ECO.Evidence)
    assert (ECO.partnerIn, OWL.inverseOf, ECO.hasPartner) in onto
    # every contract element class except foaf:Person is one of ours and declared
    for cls in set(TYPE_CLASSES.values()):
        if str(cls).startswith(str(ECO)):
            assert (cls, RDF.type, OWL.Class) in onto, cls


def test_organisation_types_are_a_skos_scheme(onto):
    scheme = ID["scheme/organisation-types"]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in onto
    members = set(onto.subjects(SKOS.inScheme, scheme))
    assert members == set(ORG_TYPES)
    for cls in ORG_TYPES:
        assert (cls, RDF.type, OWL.Class) in onto and (cls, RDF.type, SKOS.Concept) in onto


def test_growth_model_scheme(onto):
    scheme = ID["scheme/growth-model"]
    assert (scheme, RDF.type, SKOS.ConceptScheme) in onto
    assert set(onto.subjects(SKOS.inScheme, scheme)) == set(GROWTH_ELEMENTS)
    expected_da = {
        ECO.ResearchAndEducation: "Forskning og uddannelse",
        ECO.Financing: "Finansiering",
        ECO.Supply: "Udbud",
        ECO.Demand: "Efterspørgsel",
    }
    for concept, en in GROWTH_ELEMENTS.items():
        assert Literal(en, lang="en") in set(onto.objects(concept, SKOS.prefLabel))
        assert Literal(expected_da[concept], lang="da") in set(onto.objects(concept, SKOS.prefLabel))
    assert (ID["scheme/focus-areas"], RDF.type, SKOS.ConceptScheme) in onto


def test_class_level_growth_model_elements(onto):
    got = {c: onto.value(c, ECO.growthModelElement) for c in ORG_TYPES}
    assert got == {
        ECO.Cluster: None,
        ECO.InnovationNetwork: None,
        ECO.University: ECO.ResearchAndEducation,
        ECO.UniversityCollege: ECO.ResearchAndEducation,
        ECO.ResearchInstitute: ECO.ResearchAndEducation,
        ECO.Region: ECO.Demand,
        ECO.Municipality: ECO.Demand,
        ECO.Hospital: ECO.Demand,
        ECO.Company: ECO.Supply,
        ECO.PublicAuthority: None,
        ECO.Association: None,
        ECO.Investor: ECO.Financing,
    }


def test_contact_properties_are_personal_data(onto):
    personal = set(onto.subjects(RDF.type, ECO.PersonalDataProperty))
    assert personal == {VCARD.hasEmail, VCARD.hasTelephone}


# ---------------------------------------------------------------------------
# reused terms exist in the official vocabularies (offline copies)
# ---------------------------------------------------------------------------

_OFFLINE = {
    str(ORG): ["org.ttl"],
    str(SKOS): ["skos.rdf", "skos.ttl"],
    str(PROV): ["prov-o.ttl"],
    str(DCTERMS): ["dcterms.ttl"],
}


@pytest.fixture(scope="module")
def official_terms() -> dict[str, set[URIRef]]:
    if not VOCAB_DIR.is_dir():
        pytest.skip(f"offline vocabulary copies not found at {VOCAB_DIR}")
    result: dict[str, set[URIRef]] = {}
    for ns, names in _OFFLINE.items():
        path = next((VOCAB_DIR / n for n in names if (VOCAB_DIR / n).is_file()), None)
        if path is None:
            pytest.skip(f"no offline copy of {ns} in {VOCAB_DIR} (looked for {', '.join(names)})")
        g = Graph().parse(path, format="xml" if path.suffix == ".rdf" else "turtle")
        result[ns] = {s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}
    return result


def test_offline_vocabularies_hold_known_terms(official_terms):
    # guards against a parse that silently yields nothing
    assert ORG.memberOf in official_terms[str(ORG)]
    assert SKOS.prefLabel in official_terms[str(SKOS)]
    assert PROV.wasDerivedFrom in official_terms[str(PROV)]
    assert DCTERMS.title in official_terms[str(DCTERMS)]
    assert URIRef(str(ORG) + "memberof") not in official_terms[str(ORG)]


@pytest.mark.parametrize("path", _rdf_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_reused_terms_exist_in_official_vocabularies(official_terms, path):
    unknown = []
    for iri in _iris_in(path):
        for ns, known in official_terms.items():
            if str(iri).startswith(ns) and iri not in known:
                unknown.append(str(iri))
    assert sorted(unknown) == []


# ---------------------------------------------------------------------------
# SHACL shapes on tiny hand-written graphs
# ---------------------------------------------------------------------------

PREFIXES = """
@prefix eco: <https://w3id.org/ecokg/def#> .
@prefix ex: <https://w3id.org/ecokg/id/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix oa: <http://www.w3.org/ns/oa#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix schema: <https://schema.org/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix time: <http://www.w3.org/2006/time#> .
@prefix frapo: <http://purl.org/cerif/frapo/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

CONFORMING = """
ex:welfare-tech a eco:Cluster ; skos:prefLabel "Welfare Tech"@da ;
    schema:foundingDate "2009-01-01"^^xsd:date ; eco:budget 1000000.00 .
ex:danish-healthtech a eco:InnovationNetwork ; skos:prefLabel "Danish Healthtech"@da , "Danish Healthtech"@en ;
    schema:startDate "2018-12-01"^^xsd:date ; schema:endDate "2020-11-30"^^xsd:date .
ex:medtech-innovation a eco:InnovationNetwork ; skos:prefLabel "MedTech Innovation" ;
    eco:mergedInto ex:danish-healthtech .
ex:sdu a eco:University ; skos:prefLabel "Syddansk Universitet"@da ; org:memberOf ex:danish-healthtech .
ex:aau-innovation a org:OrganizationalUnit ; skos:prefLabel "AAU Innovation"@da ; org:memberOf ex:welfare-tech .
ex:ufm a eco:PublicAuthority ; skos:prefLabel "Uddannelses- og Forskningsministeriet"@da .
ex:person a foaf:Person ; skos:prefLabel "Kristoffer From" ;
    vcard:hasEmail <mailto:kf@example.dk> ; vcard:hasTelephone <tel:+4526454378> .
ex:drl a eco:Partnership ; skos:prefLabel "Data Redder Liv"@da .
ex:focus a eco:FocusArea ; skos:prefLabel "Personaliseret behandling"@da .
ex:m1 a org:Membership ; org:member ex:sdu ; org:organization ex:danish-healthtech ;
    org:memberDuring [ a time:Interval ;
        time:hasBeginning [ time:inXSDDate "2018-12-01"^^xsd:date ] ;
        time:hasEnd [ time:inXSDDate "2020-11-30"^^xsd:date ] ] .
ex:g1 a schema:MonetaryGrant , frapo:Grant ; schema:fundedItem ex:danish-healthtech ; schema:funder ex:ufm ;
    schema:amount 14000000.00 ; schema:currency "DKK" ;
    schema:startDate "2018-12-01"^^xsd:date ; schema:endDate "2018-12-01"^^xsd:date .
ex:ev1 a eco:Evidence ; prov:wasDerivedFrom ex:doc1 ;
    oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "En bevilling på 14 mio. kr." ] .
ex:g2 a schema:MonetaryGrant ; schema:fundedItem ex:danish-healthtech ; schema:amount 2800000.00 ;
    dcterms:description "regional medfinansiering"@da .
ex:doc1 a foaf:Document ; dcterms:title "Stærkt nationalt partnerskab"@da ; dcterms:date "2018-09-20"^^xsd:date .
"""

# (case id, Turtle, expected message fragment, expected focus node local name)
VIOLATIONS = [
    ("label-missing", 'ex:x a eco:Company .', "preferred label (skos:prefLabel) missing", "x"),
    ("label-empty", 'ex:x a eco:Hospital ; skos:prefLabel "  "@da .', "preferred label (skos:prefLabel) missing", "x"),
    ("label-not-text", "ex:x a foaf:Person ; skos:prefLabel ex:y .", "preferred label (skos:prefLabel) missing", "x"),
    ("label-twice-same-lang", 'ex:x a eco:Initiative ; skos:prefLabel "A"@da , "B"@da .', "twice in one language", "x"),
    (
        "end-before-start",
        'ex:x a eco:Initiative ; skos:prefLabel "P" ; schema:startDate "2020-01-01"^^xsd:date ; schema:endDate "2019-12-31"^^xsd:date .',
        "end date before start date",
        "x",
    ),
    (
        "dissolved-before-founded",
        'ex:x a eco:Company ; skos:prefLabel "C" ; schema:foundingDate "2020-01-01"^^xsd:date ; schema:dissolutionDate "2010-01-01"^^xsd:date .',
        "dissolution date before founding date",
        "x",
    ),
    ("date-not-xsd-date", 'ex:x a eco:Initiative ; skos:prefLabel "P" ; schema:startDate "2020" .', "must be one xsd:date", "x"),
    (
        "date-invalid",
        'ex:x a eco:Initiative ; skos:prefLabel "P" ; schema:endDate "2020-13-45"^^xsd:date .',
        "must be one xsd:date",
        "x",
    ),
    (
        "interval-end-before-start",
        """ex:m a org:Membership ; org:member ex:a ; org:organization ex:b ;
             org:memberDuring ex:i .
           ex:i a time:Interval ; time:hasBeginning [ time:inXSDDate "2020-01-01"^^xsd:date ] ;
             time:hasEnd [ time:inXSDDate "2019-01-01"^^xsd:date ] .
           ex:a a eco:Company ; skos:prefLabel "A" . ex:b a eco:Cluster ; skos:prefLabel "B" .""",
        "end date before start date",
        "i",
    ),
    (
        "negative-amount",
        'ex:g a schema:MonetaryGrant ; schema:funder ex:f ; schema:amount -5.0 . ex:f a eco:Investor ; skos:prefLabel "F" .',
        "amount must be a non-negative decimal in DKK",
        "g",
    ),
    (
        "non-decimal-amount",
        'ex:g a schema:MonetaryGrant ; schema:funder ex:f ; schema:amount "14 mio. kr." . ex:f a eco:Investor ; skos:prefLabel "F" .',
        "amount must be a non-negative decimal in DKK",
        "g",
    ),
    (
        "text-amount",
        'ex:g a schema:MonetaryGrant ; schema:funder ex:f ; schema:amount "14 mio. kr." . ex:f a eco:Investor ; skos:prefLabel "F" .',
        "amount must be a non-negative decimal in DKK",
        "g",
    ),
    (
        "other-currency",
        'ex:g a schema:MonetaryGrant ; schema:funder ex:f ; schema:amount 5.0 ; schema:currency "EUR" . ex:f a eco:Investor ; skos:prefLabel "F" .',
        "currency must be",
        "g",
    ),
    ("negative-budget", 'ex:x a eco:Initiative ; skos:prefLabel "P" ; eco:budget -1.0 .', "budget must be a non-negative decimal in DKK", "x"),
    ("grant-without-funder", "ex:g a schema:MonetaryGrant ; schema:amount 5.0 .", "must name its funder", "g"),
    (
        "grant-without-funder-or-description",
        'ex:g a schema:MonetaryGrant , frapo:Grant ; schema:amount 5.0 ; skos:prefLabel "G" .',
        "must name its funder",
        "g",
    ),
    (
        "grant-without-amount",
        'ex:g a frapo:Grant ; schema:funder ex:f . ex:f a eco:Investor ; skos:prefLabel "F" .',
        "must state its amount",
        "g",
    ),
    (
        "member-of-non-organisation",
        'ex:a a eco:Company ; skos:prefLabel "A" ; org:memberOf ex:p . ex:p a eco:Initiative ; skos:prefLabel "P" .',
        "member of must point to an organisation",
        "a",
    ),
    (
        "member-of-untyped",
        'ex:a a eco:Company ; skos:prefLabel "A" ; org:memberOf ex:nowhere .',
        "member of must point to an organisation",
        "a",
    ),
    (
        "focus-area-as-member",
        'ex:t a eco:FocusArea ; skos:prefLabel "T" ; org:memberOf ex:b . ex:b a eco:Cluster ; skos:prefLabel "B" .',
        "can be a member",
        "t",
    ),
    (
        "membership-two-members",
        """ex:m a org:Membership ; org:member ex:a , ex:c ; org:organization ex:b .
           ex:a a eco:Company ; skos:prefLabel "A" . ex:c a eco:Company ; skos:prefLabel "C" .
           ex:b a eco:Cluster ; skos:prefLabel "B" .""",
        "exactly one member",
        "m",
    ),
    (
        "membership-without-organisation",
        'ex:m a org:Membership ; org:member ex:a . ex:a a eco:Company ; skos:prefLabel "A" .',
        "exactly one organisation",
        "m",
    ),
    (
        "membership-in-focus-area",
        """ex:m a org:Membership ; org:member ex:a ; org:organization ex:t .
           ex:a a eco:Company ; skos:prefLabel "A" . ex:t a eco:FocusArea ; skos:prefLabel "T" .""",
        "must be in exactly one organisation",
        "m",
    ),
    (
        "evidence-without-quote",
        'ex:ev a eco:Evidence ; prov:wasDerivedFrom ex:d . ex:d a foaf:Document ; dcterms:title "D" ; dcterms:date "2018-01-01"^^xsd:date .',
        "evidence needs a non-empty quote",
        "ev",
    ),
    (
        "evidence-with-empty-quote",
        """ex:ev a eco:Evidence ; prov:wasDerivedFrom ex:d ; oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "" ] .
           ex:d a foaf:Document ; dcterms:title "D" ; dcterms:date "2018-01-01"^^xsd:date .""",
        "evidence needs a non-empty quote",
        "ev",
    ),
    (
        "evidence-without-document",
        'ex:ev a eco:Evidence ; oa:hasSelector [ oa:exact "quote" ] .',
        "exactly one source document",
        "ev",
    ),
    (
        "evidence-from-non-document",
        'ex:ev a eco:Evidence ; prov:wasDerivedFrom ex:d ; oa:hasSelector [ oa:exact "quote" ] .',
        "a foaf:Document",
        "ev",
    ),
    ("document-without-date", 'ex:d a foaf:Document ; dcterms:title "D" .', "document has no date", "d"),
    ("document-without-title", 'ex:d a foaf:Document ; dcterms:date "2018-01-01"^^xsd:date .', "document has no title", "d"),
    ("unknown-eco-class", 'ex:x a eco:Klynge ; skos:prefLabel "X" .', "unknown type", "x"),
    ("concept-used-as-class", 'ex:x a eco:Demand ; skos:prefLabel "X" .', "unknown type", "x"),
    ("unknown-eco-class-without-label", "ex:x a eco:Widget .", "unknown type", "x"),
    ("email-not-mailto", 'ex:p a foaf:Person ; skos:prefLabel "P" ; vcard:hasEmail "kf@example.dk" .', "mailto:", "p"),
    ("phone-not-tel", 'ex:p a foaf:Person ; skos:prefLabel "P" ; vcard:hasTelephone <http://example.dk/phone> .', "tel:", "p"),
    (
        "merged-into-non-organisation",
        'ex:a a eco:Cluster ; skos:prefLabel "A" ; eco:mergedInto ex:p . ex:p a eco:Initiative ; skos:prefLabel "P" .',
        "merged into must point to an organisation",
        "a",
    ),
    (
        "change-event-without-result",
        'ex:e a org:ChangeEvent ; org:originalOrganization ex:a . ex:a a eco:Cluster ; skos:prefLabel "A" .',
        "resulting organisation",
        "e",
    ),
    ("attime-not-datetime", 'ex:e a org:ChangeEvent ; prov:atTime "2027-01-01"^^xsd:date .', "xsd:dateTime", "e"),
]


def _validate(onto: Graph, shapes: Graph, body: str) -> tuple[bool, list[tuple[str, str]]]:
    data = Graph()
    for t in onto:
        data.add(t)
    data.parse(data=PREFIXES + body, format="turtle")
    conforms, report, _text = pyshacl.validate(
        data, shacl_graph=shapes, ont_graph=None, inference="none", advanced=True
    )
    sh = Namespace("http://www.w3.org/ns/shacl#")
    results = [
        (str(report.value(r, sh.focusNode)), str(report.value(r, sh.resultMessage)))
        for r in report.subjects(RDF.type, sh.ValidationResult)
    ]
    return conforms, results


def test_conforming_graph_passes(onto, shapes):
    conforms, results = _validate(onto, shapes, CONFORMING)
    assert results == []
    assert conforms


def test_ontology_alone_conforms(onto, shapes):
    conforms, results = _validate(onto, shapes, "")
    assert (conforms, results) == (True, [])


@pytest.mark.parametrize("case,body,message,focus", VIOLATIONS, ids=[v[0] for v in VIOLATIONS])
def test_shapes_catch_violation(onto, shapes, case, body, message, focus):
    conforms, results = _validate(onto, shapes, body)
    assert not conforms
    matching = [(f, m) for f, m in results if message in m]
    assert matching, f"no result mentions {message!r}; got {results}"
    assert any(f == str(ID[focus]) for f, _m in matching), matching


def test_every_shape_has_a_message(shapes):
    sh = Namespace("http://www.w3.org/ns/shacl#")
    constraint_nodes = set(shapes.objects(None, sh.property)) | set(shapes.objects(None, sh.sparql))
    assert constraint_nodes
    for node in constraint_nodes:
        msg = shapes.value(node, sh.message)
        assert msg is not None and len(str(msg)) > 10, node


def test_integer_amounts_are_accepted(onto, shapes):
    body = 'ex:g a schema:MonetaryGrant ; schema:funder ex:f ; schema:amount 14000000 . ex:f a eco:Investor ; skos:prefLabel "F" .'
    conforms, results = _validate(onto, shapes, body)
    assert (conforms, results) == (True, [])
