"""The curated seed dataset: evidence for every statement, exact quotes, facts.

Reads ``data/sources/documents.ttl`` and ``data/seed/*.trig`` with plain
rdflib (no loader, no SHACL), so a mistake in the data is reported here even
when the loader or the shapes change. The fact list at the bottom was written
by hand from the two seed texts in ``data/sources/``; each fact is one the text
states (see the quote in the evidence graph that holds it).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

from graph.vocab import ECO, FRAPO, ID, OA, SCHEMA, VCARD

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "seed"
SOURCES = ROOT / "data" / "sources"
REFERENCE = ROOT / "data" / "reference"
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"

DOC_2018 = ID["doc/2018-09-20-danish-healthtech"]
DOC_2014 = ID["doc/2014-11-21-videnspredning"]


# ---------------------------------------------------------------------------
# Fixtures
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed() -> Dataset:
    ds = Dataset()
    files = sorted(SEED.glob("*.trig"))
    assert files, "no curated data in data/seed/"
    for path in files:
        ds.parse(path, format="trig")
    return ds


@pytest.fixture(scope="module")
def documents() -> Graph:
    return Graph().parse(SOURCES / "documents.ttl", format="turtle")


@pytest.fixture(scope="module")
def texts(documents) -> dict[URIRef, str]:
    out = {}
    for doc in documents.subjects(RDF.type, FOAF.Document):
        src = documents.value(doc, DCTERMS.source)
        out[doc] = (ROOT / str(src)).read_text(encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def reference() -> Graph:
    g = Graph()
    for path in sorted(REFERENCE.glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


def _named_graphs(ds: Dataset) -> dict[URIRef, Graph]:
    return {g.identifier: g for g in ds.graphs() if isinstance(g.identifier, URIRef) and len(g)
            and g.identifier != ds.default_graph.identifier}


def _default(ds: Dataset) -> Graph:
    return ds.default_graph


def _union(ds: Dataset) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


# ---------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------


def test_two_documents_with_metadata(documents):
    docs = set(documents.subjects(RDF.type, FOAF.Document))
    assert docs == {DOC_2018, DOC_2014}
    assert documents.value(DOC_2018, DCTERMS.date) == Literal("2018-09-20", datatype=XSD.date)
    assert documents.value(DOC_2014, DCTERMS.date) == Literal("2014-11-21", datatype=XSD.date)
    assert documents.value(DOC_2018, DCTERMS.title) == Literal(
        "Stærkt nationalt partnerskab styrker dansk sundhedsinnovation", lang="da")
    assert documents.value(DOC_2014, DCTERMS.title) == Literal("Videnspredning på tværs af regionerne", lang="da")
    assert documents.value(DOC_2018, DCTERMS.publisher) == ID["cluster-excellence-denmark"]
    assert documents.value(DOC_2014, DCTERMS.publisher) == ID["syddansk-sundhedsinnovation"]
    for doc in docs:
        assert str(documents.value(doc, DCTERMS.language)) == "da"


def test_document_identifier_is_sha256_of_the_file(documents):
    for doc in documents.subjects(RDF.type, FOAF.Document):
        path = ROOT / str(documents.value(doc, DCTERMS.source))
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        assert str(documents.value(doc, DCTERMS.identifier)) == f"sha256:{digest}", path


def test_title_is_the_headline_of_the_text(documents, texts):
    for doc, text in texts.items():
        title = str(documents.value(doc, DCTERMS.title))
        assert title in text.splitlines()[:3], doc


@pytest.mark.skipif(not SHARED_SEEDS.is_dir(), reason="shared seed folder not available")
def test_sources_are_byte_for_byte_copies_of_the_seeds():
    seeds = {hashlib.sha256(p.read_bytes()).hexdigest() for p in SHARED_SEEDS.glob("*.txt")}
    ours = {hashlib.sha256(p.read_bytes()).hexdigest() for p in SOURCES.glob("*.txt")}
    assert ours == seeds


# ---------------------------------------------------------------------------
# Evidence
# ---------------------------------------------------------------------------


def test_every_curated_graph_is_evidence_with_document_and_exact_quote(seed, documents, texts):
    default = _default(seed)
    graphs = _named_graphs(seed)
    assert len(graphs) >= 50
    for name, graph in graphs.items():
        assert (name, RDF.type, ECO.Evidence) in default, f"{name} holds statements but is not eco:Evidence"
        docs = list(default.objects(name, PROV.wasDerivedFrom))
        assert len(docs) == 1 and docs[0] in texts, name
        selectors = list(default.objects(name, OA.hasSelector))
        assert len(selectors) == 1, name
        assert (selectors[0], RDF.type, OA.TextQuoteSelector) in default
        quotes = list(default.objects(selectors[0], OA.exact))
        assert len(quotes) == 1 and str(quotes[0]).strip(), name
        key = Path(str(documents.value(docs[0], DCTERMS.source))).stem
        assert re.fullmatch(re.escape(str(ID[f"ev/{key}-"])) + r"\d{3}", str(name)), name


def test_every_quote_is_an_exact_substring_of_its_document(seed, texts):
    default = _default(seed)
    checked = 0
    for ev in default.subjects(RDF.type, ECO.Evidence):
        doc = default.value(ev, PROV.wasDerivedFrom)
        for sel in default.objects(ev, OA.hasSelector):
            quote = str(default.value(sel, OA.exact))
            assert quote in texts[doc], f"{ev}: {quote[:60]!r} is not in {doc}"
            checked += 1
    assert checked == len(_named_graphs(seed))


def test_quotes_keep_the_texts_own_characters(seed):
    quotes = [str(o) for o in _default(seed).objects(None, OA.exact)]
    assert any("\u00a0" in q for q in quotes)  # no-break spaces kept
    assert any("’" in q for q in quotes)  # curly quotes kept
    assert any("–" in q for q in quotes)  # en dash kept


def test_default_graph_holds_only_evidence_descriptions(seed):
    """No statement about the ecosystem escapes its evidence graph."""
    default = _default(seed)
    evidence = set(default.subjects(RDF.type, ECO.Evidence))
    selectors = {o for ev in evidence for o in default.objects(ev, OA.hasSelector)}
    for s, p, o in default:
        assert s in evidence or s in selectors, (s, p, o)


def test_every_evidence_graph_is_used(seed):
    graphs = _named_graphs(seed)
    for ev in _default(seed).subjects(RDF.type, ECO.Evidence):
        assert ev in graphs and len(graphs[ev]) > 0, f"evidence {ev} supports no statement"


# ---------------------------------------------------------------------------
# Entities
# ---------------------------------------------------------------------------

_ENTITY_CLASSES = {
    ECO.Cluster, ECO.InnovationNetwork, ECO.University, ECO.UniversityCollege, ECO.ResearchInstitute,
    ECO.Region, ECO.Municipality, ECO.Hospital, ECO.Company, ECO.PublicAuthority, ECO.Association,
    ECO.Investor, ECO.Initiative, ECO.Partnership, ECO.FocusArea, FOAF.Person, ECO.Facility,
    ORG.OrganizationalUnit, ECO.QualityLabel,
}


def test_every_entity_has_one_type_and_a_danish_preferred_label(seed):
    g = _union(seed)
    entities = {s for s, o in g.subject_objects(RDF.type) if o in _ENTITY_CLASSES}
    assert len(entities) >= 60
    for e in entities:
        types = set(g.objects(e, RDF.type))
        assert len(types) == 1, (e, types)
        da = [l for l in g.objects(e, SKOS.prefLabel) if l.language == "da"]
        assert len(da) == 1, (e, da)
        langs = [l.language for l in g.objects(e, SKOS.prefLabel)]
        assert len(langs) == len(set(langs)), (e, langs)


def test_entity_declaration_lives_in_an_evidence_graph(seed):
    graphs = _named_graphs(seed)
    for s, o in _union(seed).subject_objects(RDF.type):
        if o in _ENTITY_CLASSES:
            assert any((s, RDF.type, o) in g for g in graphs.values()), s


def test_every_referenced_entity_is_declared(seed, reference):
    """Objects of relations point to an entity declared here, in the reference data or in the ontology."""
    g = _union(seed)
    ontology = Graph()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        ontology.parse(path, format="turtle")
    declared = set(g.subjects(RDF.type, None)) | set(reference.subjects(RDF.type, None))
    declared |= set(ontology.subjects(RDF.type, None))
    relations = [
        ORG.memberOf, ECO.partnerIn, SCHEMA.funder, SCHEMA.location, DCTERMS.subject, SCHEMA.founder,
        ECO.mergedInto, ORG.subOrganizationOf, ORG.unitOf, SCHEMA.worksFor, ORG.headOf, ORG.heldBy,
        ORG.postIn, ORG.hasSite, ORG.siteOf, SCHEMA.fundedItem, SCHEMA.attendee, SCHEMA.about,
        SCHEMA.superEvent, SCHEMA.subEvent, ECO.hasQualityLabel, ORG.originalOrganization,
        ORG.resultingOrganization, SCHEMA.organizer, SCHEMA.containedInPlace,
    ]
    for p in relations:
        for s, o in g.subject_objects(p):
            assert o in declared, f"{s} {p} {o}: {o} is not declared"


def test_regions_and_municipalities_are_referenced_not_redeclared(seed, reference):
    g = _union(seed)
    for region in ("region-nordjylland", "region-midtjylland", "region-syddanmark", "region-hovedstaden"):
        iri = ID[region]
        assert (iri, RDF.type, ECO.Region) in reference
        assert (iri, RDF.type, None) not in g
        assert (iri, SKOS.prefLabel, None) not in g
    for kommune in ("koebenhavn", "odense", "lemvig"):
        iri = ID[f"kommune/{kommune}"]
        assert (iri, RDF.type, ECO.Municipality) in reference
        assert (iri, RDF.type, None) not in g


def test_entity_iris_follow_the_slug_rule(seed):
    from graph.ids import slug

    g = _union(seed)
    checked = 0
    for cls in _ENTITY_CLASSES:
        for e in g.subjects(RDF.type, cls):
            local = str(e)[len(str(ID)):]
            if "/" in local and not local.startswith("focus/"):
                continue  # sites: ecoid:site/<owner>-<place>
            labels = {slug(str(l)) for l in g.objects(e, SKOS.prefLabel)}
            labels |= {slug(str(l)) for l in g.objects(e, SKOS.altLabel)}
            assert local.split("/")[-1] in labels, e
            checked += 1
    assert checked >= 50


def test_amounts_are_dkk_decimals(seed):
    g = _union(seed)
    amounts = list(g.objects(None, SCHEMA.amount)) + list(g.objects(None, ECO.budget))
    assert amounts
    for a in amounts:
        assert isinstance(a, Literal) and a.datatype == XSD.decimal, a
    for grant in g.subjects(SCHEMA.amount, None):
        assert str(g.value(grant, SCHEMA.currency)) == "DKK", grant


def test_grant_parts_add_up_to_the_budget(seed):
    g = _union(seed)
    dht = ID["danish-healthtech"]
    parts = [g.value(grant, SCHEMA.amount).toPython() for grant in g.subjects(SCHEMA.fundedItem, dht)]
    assert sorted(parts) == [2800000, 11200000, 14000000]
    assert sum(parts) == g.value(dht, ECO.budget).toPython()


def test_dates_are_xsd_dates(seed):
    g = _union(seed)
    for p in (SCHEMA.startDate, SCHEMA.endDate, SCHEMA.foundingDate):
        for s, o in g.subject_objects(p):
            assert isinstance(o, Literal) and o.datatype == XSD.date, (s, p, o)
    for s in g.subjects(SCHEMA.endDate, None):
        assert g.value(s, SCHEMA.startDate).toPython() <= g.value(s, SCHEMA.endDate).toPython(), s


# ---------------------------------------------------------------------------
# Personal data
# ---------------------------------------------------------------------------

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
_PHONE = re.compile(r"\b\d{2} ?\d{2} ?\d{2} ?\d{2}\b")


def test_contact_data_uses_vcard_properties_only(seed):
    g = _union(seed)
    emails = list(g.subject_objects(VCARD.hasEmail))
    phones = list(g.subject_objects(VCARD.hasTelephone))
    assert len(emails) == 6 and len(phones) == 5
    for _, o in emails:
        assert isinstance(o, URIRef) and re.fullmatch(r"mailto:[^@\s]+@[^@\s]+\.[a-z]+", str(o)), o
    for _, o in phones:
        assert isinstance(o, URIRef) and re.fullmatch(r"tel:\+45\d{8}", str(o)), o
    # mailto:/tel: IRIs appear with the vCard properties and nowhere else
    for s, p, o in g:
        if isinstance(o, URIRef) and str(o).startswith(("mailto:", "tel:")):
            assert p in (VCARD.hasEmail, VCARD.hasTelephone), (s, p, o)
    # no other vocabulary's contact property is used
    for p in (FOAF.mbox, FOAF.phone, SCHEMA.email, SCHEMA.telephone, VCARD.email, VCARD.tel):
        assert (None, p, None) not in g


def test_no_contact_data_in_plain_literals_of_statements(seed):
    """E-mails and phone numbers may stand in quotes (the evidence), not in labels or descriptions."""
    for name, graph in _named_graphs(seed).items():
        for s, p, o in graph:
            if isinstance(o, Literal) and (o.language or o.datatype in (None, XSD.string)):
                assert not _EMAIL.search(str(o)) and not _PHONE.search(str(o)), (name, s, p, o)


def test_every_person_with_contacts_has_a_post(seed):
    g = _union(seed)
    for person in g.subjects(RDF.type, FOAF.Person):
        assert (None, ORG.heldBy, person) in g, person
        assert (person, SCHEMA.worksFor, None) in g, person
        assert (person, VCARD.hasEmail, None) in g, person


# ---------------------------------------------------------------------------
# Facts read in the texts, checked by hand
# ---------------------------------------------------------------------------


def _term(x):
    """'ecoid:x' -> IRI, 'eco:X' -> IRI, ('text', 'da') -> Literal, int -> decimal, 'YYYY-MM-DD' -> date."""
    if isinstance(x, (URIRef, Literal)):
        return x
    if isinstance(x, tuple):
        return Literal(x[0], lang=x[1])
    if isinstance(x, int):
        return Literal(str(x), datatype=XSD.decimal)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", x):
        return Literal(x, datatype=XSD.date)
    prefix, _, local = x.partition(":")
    ns = {
        "ecoid": ID, "eco": ECO, "org": ORG, "skos": SKOS, "schema": SCHEMA, "dcterms": DCTERMS,
        "foaf": FOAF, "vcard": VCARD, "frapo": FRAPO, "rdf": RDF,
    }
    if prefix in ns:
        return ns[prefix][local]
    if prefix in ("mailto", "tel", "http"):
        return URIRef(x)
    raise ValueError(x)


DHT = "ecoid:danish-healthtech"
UFM = "ecoid:uddannelses-og-forskningsministeriet"
GRANT = "ecoid:grant/danish-healthtech-uddannelses-og-forskningsministeriet"
MEETING = "ecoid:event/2014-11-21-moede-use-og-region-syddanmarks-innovationsudvalg"
WTN = "ecoid:welfare-tech-innovationsnetvaerk-for-sundhed-og-velfaerdsteknologi"

FACTS = [
    # Danish Healthtech and its members and partners (2018)
    (DHT, "rdf:type", "eco:InnovationNetwork"),
    (DHT, "skos:prefLabel", ("Danish Healthtech", "da")),
    ("ecoid:welfare-tech", "rdf:type", "eco:Cluster"),
    ("ecoid:lifescience-innovation", "rdf:type", "eco:Cluster"),
    ("ecoid:medtech-innovation-consortium", "rdf:type", "eco:Cluster"),
    ("ecoid:copenhagen-healthtech-cluster", "rdf:type", "eco:Cluster"),
    ("ecoid:welfare-tech", "org:memberOf", DHT),
    ("ecoid:lifescience-innovation", "org:memberOf", DHT),
    ("ecoid:medtech-innovation-consortium", "org:memberOf", DHT),
    ("ecoid:copenhagen-healthtech-cluster", "org:memberOf", DHT),
    ("ecoid:welfare-tech", "eco:partnerIn", DHT),
    ("ecoid:copenhagen-healthtech-cluster", "eco:partnerIn", DHT),
    ("ecoid:danmarks-tekniske-universitet", "eco:partnerIn", DHT),
    ("ecoid:koebenhavns-universitet", "eco:partnerIn", DHT),
    ("ecoid:syddansk-universitet", "eco:partnerIn", DHT),
    ("ecoid:aarhus-universitet", "eco:partnerIn", DHT),
    ("ecoid:aalborg-universitet", "eco:partnerIn", DHT),
    ("ecoid:force-technology", "eco:partnerIn", DHT),
    ("ecoid:teknologisk-institut", "eco:partnerIn", DHT),
    ("ecoid:aalborg-universitet", "rdf:type", "eco:University"),
    ("ecoid:teknologisk-institut", "rdf:type", "eco:ResearchInstitute"),
    ("ecoid:force-technology", "rdf:type", "eco:ResearchInstitute"),
    ("ecoid:danmarks-tekniske-universitet", "skos:altLabel", ("DTU", "da")),
    ("ecoid:danmarks-tekniske-universitet", "skos:prefLabel", ("Technical University of Denmark", "en")),
    # the merger
    ("ecoid:medtech-innovation", "eco:mergedInto", DHT),
    (WTN, "eco:mergedInto", DHT),
    ("ecoid:medtech-innovation", "rdf:type", "eco:InnovationNetwork"),
    ("ecoid:event/sammenlaegning-danish-healthtech", "rdf:type", "org:ChangeEvent"),
    ("ecoid:event/sammenlaegning-danish-healthtech", "org:originalOrganization", "ecoid:medtech-innovation"),
    ("ecoid:event/sammenlaegning-danish-healthtech", "org:originalOrganization", WTN),
    ("ecoid:event/sammenlaegning-danish-healthtech", "org:resultingOrganization", DHT),
    # money
    (DHT, "schema:funder", UFM),
    (DHT, "eco:budget", 28000000),
    (GRANT, "rdf:type", "schema:MonetaryGrant"),
    (GRANT, "rdf:type", "frapo:Grant"),
    (GRANT, "schema:funder", UFM),
    (GRANT, "schema:fundedItem", DHT),
    (GRANT, "schema:amount", 14000000),
    (GRANT, "schema:startDate", "2018-12-01"),
    (GRANT, "schema:endDate", "2020-11-30"),
    ("ecoid:grant/danish-healthtech-regional-medfinansiering", "schema:amount", 2800000),
    ("ecoid:grant/danish-healthtech-privat-medfinansiering", "schema:amount", 11200000),
    (UFM, "rdf:type", "eco:PublicAuthority"),
    (UFM, "skos:prefLabel", ("Ministry of Higher Education and Science", "en")),
    # focus areas
    (DHT, "dcterms:subject", "ecoid:focus/forebyggelse-og-praedikativ-sundhed"),
    (DHT, "dcterms:subject", "ecoid:focus/lighed-i-sundhedsvaesenet-det-borgernaere-sundhedsvaesen"),
    (DHT, "dcterms:subject", "ecoid:focus/bedre-brug-af-danske-sundhedsdata"),
    (DHT, "dcterms:subject", "ecoid:focus/personaliseret-behandling"),
    ("ecoid:focus/personaliseret-behandling", "rdf:type", "eco:FocusArea"),
    ("ecoid:focus/personaliseret-behandling", "skos:inScheme", "ecoid:scheme/focus-areas"),
    ("ecoid:focus/bedre-brug-af-danske-sundhedsdata", "skos:prefLabel", ("Bedre brug af danske sundhedsdata", "da")),
    ("ecoid:medtech-innovation", "dcterms:subject", "ecoid:focus/medicoteknologi"),
    ("ecoid:copenhagen-healthtech-cluster", "dcterms:subject", "ecoid:focus/danske-sundhedsdata"),
    # people and posts
    ("ecoid:kristoffer-from", "rdf:type", "foaf:Person"),
    ("ecoid:liva-healthcare-a-s", "schema:founder", "ecoid:kristoffer-from"),
    ("ecoid:kristoffer-from", "schema:worksFor", "ecoid:liva-healthcare-a-s"),
    ("ecoid:liva-healthcare-a-s", "rdf:type", "eco:Company"),
    ("ecoid:post/kristoffer-from-liva-healthcare", "org:heldBy", "ecoid:kristoffer-from"),
    ("ecoid:post/kristoffer-from-liva-healthcare", "skos:prefLabel", ("adm. direktør", "da")),
    ("ecoid:kristoffer-from", "vcard:hasEmail", "mailto:kf@livahealthcare.com"),
    ("ecoid:kristoffer-from", "vcard:hasTelephone", "tel:+4526454378"),
    ("ecoid:post/stephanie-lose-danske-regioner", "org:heldBy", "ecoid:stephanie-lose"),
    ("ecoid:post/stephanie-lose-danske-regioner", "org:postIn", "ecoid:danske-regioner"),
    ("ecoid:post/stephanie-lose-danske-regioner", "skos:prefLabel", ("formand", "da")),
    ("ecoid:post/stephanie-lose-region-syddanmark", "org:postIn", "ecoid:region-syddanmark"),
    ("ecoid:post/stephanie-lose-region-syddanmark", "skos:prefLabel", ("regionsrådsformand", "da")),
    ("ecoid:stephanie-lose", "org:memberOf", "ecoid:venstre"),
    ("ecoid:stephanie-lose", "vcard:hasEmail", "mailto:slo@rsyd.dk"),
    ("ecoid:danske-regioner", "skos:prefLabel", ("Danish Regions", "en")),
    ("ecoid:post/dorte-stigaard-aau-innovation", "org:heldBy", "ecoid:dorte-stigaard"),
    ("ecoid:post/dorte-stigaard-aau-innovation", "org:postIn", "ecoid:aau-innovation"),
    ("ecoid:post/dorte-stigaard-aau-innovation", "skos:prefLabel", ("innovationsdirektør", "da")),
    ("ecoid:aau-innovation", "rdf:type", "org:OrganizationalUnit"),
    ("ecoid:aau-innovation", "org:unitOf", "ecoid:aalborg-universitet"),
    ("ecoid:dorte-stigaard", "vcard:hasTelephone", "tel:+4599402015"),
    ("ecoid:post/christian-graversen-welfare-tech", "org:heldBy", "ecoid:christian-graversen"),
    ("ecoid:post/christian-graversen-welfare-tech", "org:postIn", "ecoid:welfare-tech"),
    ("ecoid:christian-graversen", "org:headOf", "ecoid:welfare-tech"),
    ("ecoid:christian-graversen", "vcard:hasEmail", "mailto:cgra@welfaretech.dk"),
    # Welfare Tech
    ("ecoid:welfare-tech", "eco:hasQualityLabel", "ecoid:ecei-guldcertificering"),
    ("ecoid:ecei-guldcertificering", "rdf:type", "eco:QualityLabel"),
    ("ecoid:european-cluster-excellence-initiative", "skos:altLabel", ("ECEI", "da")),
    ("ecoid:european-cluster-excellence-initiative", "rdf:type", "eco:Initiative"),
    ("ecoid:european-cluster-excellence-initiative", "schema:parentOrganization", "ecoid:eu-kommissionen"),
    ("ecoid:welfare-tech", "org:hasSite", "ecoid:site/welfare-tech-odense"),
    ("ecoid:welfare-tech", "org:hasSite", "ecoid:site/welfare-tech-koebenhavn"),
    ("ecoid:site/welfare-tech-odense", "schema:location", "ecoid:kommune/odense"),
    ("ecoid:site/welfare-tech-koebenhavn", "schema:location", "ecoid:kommune/koebenhavn"),
    ("ecoid:welfare-tech", "schema:url", "http://www.welfaretech.dk"),
    ("ecoid:welfare-tech", "schema:location", "ecoid:kommune/odense"),
    ("ecoid:welfare-tech", "schema:location", "ecoid:kommune/koebenhavn"),
    # LifeScience Innovation
    ("ecoid:lifescience-innovation", "skos:altLabel", ("Life Science Innovation North Denmark", "da")),
    ("ecoid:lifescience-innovation", "schema:foundingDate", "2017-03-01"),
    ("ecoid:lifescience-innovation", "schema:founder", "ecoid:region-nordjylland"),
    ("ecoid:lifescience-innovation", "schema:founder", "ecoid:aalborg-universitet"),
    ("ecoid:lifescience-innovation", "schema:founder", "ecoid:university-college-nordjylland"),
    ("ecoid:lifescience-innovation", "schema:founder", "ecoid:sosu-nord"),
    ("ecoid:lifescience-innovation", "schema:founder", "ecoid:kommune/aalborg"),
    ("ecoid:lifescience-innovation", "schema:founder", "ecoid:kommune/hjoerring"),
    ("ecoid:lifescience-innovation", "schema:founder", "ecoid:de-nordjyske-virksomheder-inden-for-sundheds-og-velfaerdsteknologi"),
    ("ecoid:university-college-nordjylland", "skos:altLabel", ("UCN", "da")),
    # MTIC
    ("ecoid:medtech-innovation-consortium", "skos:altLabel", ("MTIC", "da")),
    ("ecoid:region-midtjylland", "org:memberOf", "ecoid:medtech-innovation-consortium"),
    ("ecoid:aarhus-universitet", "org:memberOf", "ecoid:medtech-innovation-consortium"),
    ("ecoid:via-university-college", "org:memberOf", "ecoid:medtech-innovation-consortium"),
    ("ecoid:via-university-college", "rdf:type", "eco:UniversityCollege"),
    ("ecoid:medtech-innovation-consortium", "skos:note", ("Medlemmer: Region Midtjylland, Aarhus Universitet, VIA University College og 16 kommuner, som kilden ikke nævner ved navn.", "da")),
    # CHC and Data Redder Liv
    ("ecoid:copenhagen-healthtech-cluster", "skos:altLabel", ("CHC", "da")),
    ("ecoid:copenhagen-healthtech-cluster", "schema:founder", "ecoid:region-hovedstaden"),
    ("ecoid:copenhagen-healthtech-cluster", "schema:founder", "ecoid:kommune/koebenhavn"),
    ("ecoid:data-redder-liv", "rdf:type", "eco:Partnership"),
    ("ecoid:data-redder-liv", "schema:organizer", "ecoid:copenhagen-healthtech-cluster"),
    ("ecoid:copenhagen-healthtech-cluster", "eco:partnerIn", "ecoid:data-redder-liv"),
    ("ecoid:copenhagen-healthtech-cluster", "org:headOf", "ecoid:data-redder-liv"),
    # the two 2014 networks
    ("ecoid:medtech-innovation", "schema:foundingDate", "2014-01-01"),
    (WTN, "schema:foundingDate", "2014-01-01"),
    (WTN, "schema:funder", UFM),
    # Cluster Excellence Denmark
    ("ecoid:cluster-excellence-denmark", "org:hasSite", "ecoid:site/cluster-excellence-denmark-lemvig"),
    ("ecoid:site/cluster-excellence-denmark-lemvig", "schema:location", "ecoid:kommune/lemvig"),
    # The 2014 meeting
    (MEETING, "rdf:type", "schema:Event"),
    (MEETING, "schema:startDate", "2014-11-21"),
    (MEETING, "schema:attendee", "ecoid:udvalg-for-sundhedsinnovation-og-erhvervssamarbejde"),
    (MEETING, "schema:attendee", "ecoid:region-syddanmarks-innovationsudvalg"),
    (MEETING, "schema:location", "ecoid:forskerparken"),
    (MEETING, "schema:about", "ecoid:focus/videnspredning"),
    (MEETING, "schema:about", "ecoid:focus/offentlig-privat-innovationssamarbejde"),
    (MEETING, "schema:about", "ecoid:ny-seng-til-psykiatrien"),
    (MEETING, "schema:about", "ecoid:scheme/growth-model"),
    ("ecoid:udvalg-for-sundhedsinnovation-og-erhvervssamarbejde", "org:unitOf", "ecoid:danske-regioner"),
    ("ecoid:udvalg-for-sundhedsinnovation-og-erhvervssamarbejde", "skos:altLabel", ("USE", "da")),
    ("ecoid:region-syddanmarks-innovationsudvalg", "org:unitOf", "ecoid:region-syddanmark"),
    ("ecoid:forskerparken", "rdf:type", "eco:Facility"),
    ("ecoid:forskerparken", "schema:location", "ecoid:kommune/odense"),
    ("ecoid:center-for-velfaerds-og-interaktionsteknologi", "org:unitOf", "ecoid:teknologisk-institut"),
    ("ecoid:center-for-velfaerds-og-interaktionsteknologi", "schema:location", "ecoid:forskerparken"),
    ("ecoid:welfare-tech", "schema:location", "ecoid:forskerparken"),
    ("ecoid:healthcare-denmark", "schema:location", "ecoid:forskerparken"),
    ("ecoid:ny-seng-til-psykiatrien", "rdf:type", "eco:Initiative"),
    ("ecoid:focus/offentlig-privat-innovationssamarbejde", "skos:altLabel", ("OPI", "da")),
    ("eco:ResearchAndEducation", "skos:inScheme", "ecoid:scheme/growth-model"),
    ("eco:Demand", "skos:inScheme", "ecoid:scheme/growth-model"),
    ("ecoid:syddansk-sundhedsinnovation", "skos:altLabel", ("SDSI", "da")),
    ("ecoid:post/thomas-clausen-syddansk-sundhedsinnovation", "skos:prefLabel", ("specialkonsulent", "da")),
    ("ecoid:post/thomas-clausen-syddansk-sundhedsinnovation", "org:postIn", "ecoid:syddansk-sundhedsinnovation"),
    ("ecoid:thomas-clausen", "vcard:hasTelephone", "tel:+4529201951"),
]


def test_fact_list_is_long_enough():
    assert len(FACTS) >= 60
    assert len(set(FACTS)) == len(FACTS)


@pytest.mark.parametrize("fact", FACTS, ids=lambda f: " ".join(str(x) if not isinstance(x, tuple) else x[0] for x in f))
def test_fact_is_present_with_evidence(seed, fact):
    s, p, o = (_term(x) for x in fact)
    holders = [g.identifier for g in _named_graphs(seed).values() if (s, p, o) in g]
    assert holders, f"missing or not inside an evidence graph: {fact}"


def test_facts_from_each_document_cite_that_document(seed):
    """The meeting is evidenced by the 2014 text, the grant by the 2018 press release."""
    default = _default(seed)
    graphs = _named_graphs(seed)

    def docs_for(triple):
        return {default.value(name, PROV.wasDerivedFrom) for name, g in graphs.items() if triple in g}

    assert docs_for((_term(MEETING), RDF.type, SCHEMA.Event)) == {DOC_2014}
    assert docs_for((_term(GRANT), SCHEMA.amount, _term(14000000))) == {DOC_2018}


def test_the_north_jutland_municipalities_founded_lifescience_innovation(seed, reference):
    """'de nordjyske kommuner' = every municipality the reference data puts in Region Nordjylland."""
    g = _union(seed)
    north = set(reference.subjects(SCHEMA.containedInPlace, ID["region-nordjylland"]))
    assert len(north) == 11
    founders = set(g.objects(ID["lifescience-innovation"], SCHEMA.founder))
    assert north <= founders
    # and no municipality outside the reference data is invented
    assert not set(g.subjects(RDF.type, ECO.Municipality))
