"""Tests for graph.views: NetworkX projections of the RDF dataset."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Literal, URIRef

from graph.views import (
    actor_initiative_graph,
    collaboration_graph,
    entity_graph,
    initiative_focus_graph,
    regions_on,
)
from graph.vocab import ID, XSD

ROOT = Path(__file__).resolve().parents[1]

PREFIXES = """
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
@prefix time: <http://www.w3.org/2006/time#> .
@prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix gr: <https://w3id.org/ecokg/id/graph/> .
@prefix fa: <https://w3id.org/ecokg/id/focus/> .
@prefix ev: <https://w3id.org/ecokg/id/ev/> .
@prefix doc: <https://w3id.org/ecokg/id/doc/> .
"""

REGIONS = (ROOT / "tests" / "fixtures" / "regions.trig").read_text(encoding="utf-8")

DATA = """
gr:data {
  ecoid:dh a eco:Cluster ; skos:prefLabel "Danish Healthtech"@da , "Danish Healthtech"@en ;
      schema:location ecoid:odense ; dcterms:subject fa:tele ;
      dcterms:description "En klynge"@da ; schema:url <https://dh.example> .
  ecoid:uni a eco:University ; skos:prefLabel "Syddansk Universitet"@da ,
      "University of Southern Denmark"@en ; schema:location ecoid:odense .
  ecoid:acme a eco:Company ; skos:prefLabel "Acme"@da ; schema:location ecoid:roskilde .
  ecoid:beta a eco:Company ; skos:prefLabel "Beta"@da .
  ecoid:lonely a eco:Company ; skos:prefLabel "Ensom ApS"@da ; schema:location ecoid:region-midtjylland .
  ecoid:anna a foaf:Person ; skos:prefLabel "Anna Andersen"@da ; schema:worksFor ecoid:dh ;
      vcard:hasEmail <mailto:anna@example.dk> .
  ecoid:proj a eco:Initiative ; skos:prefLabel "Projekt P"@da ; dcterms:subject fa:tele ;
      schema:startDate "2019-01-01"^^xsd:date ; schema:endDate "2022-12-31"^^xsd:date .
  ecoid:fa-tele-holder a eco:Facility ; skos:prefLabel "Forskerparken"@da ; schema:location ecoid:odense .
  fa:tele a eco:FocusArea ; skos:prefLabel "Telemedicin"@da ; skos:inScheme <https://w3id.org/ecokg/id/scheme/focus-areas> .
  fa:data a eco:FocusArea ; skos:prefLabel "Sundhedsdata"@da .

  ecoid:uni org:memberOf ecoid:dh .
  ecoid:dh org:hasMember ecoid:beta .
  ecoid:acme eco:partnerIn ecoid:proj .
  ecoid:uni eco:partnerIn ecoid:proj .
  ecoid:m1 a org:Membership ; org:member ecoid:uni ; org:organization ecoid:dh ;
      org:memberDuring [ a time:Interval ;
          time:hasBeginning [ time:inXSDDate "2018-01-01"^^xsd:date ] ;
          time:hasEnd [ time:inXSDDate "2019-12-31"^^xsd:date ] ] .
  ev:e1 a eco:Evidence ; prov:wasDerivedFrom doc:d1 ;
      oa:hasSelector [ a oa:TextQuoteSelector ; oa:exact "Acme er partner" ] .
  doc:d1 a foaf:Document ; dcterms:title "Pressemeddelelse"@da ; dcterms:date "2019-02-01"^^xsd:date .
}
ev:e1 { ecoid:acme eco:partnerIn ecoid:proj . }
"""


@pytest.fixture(scope="session")
def _ds(dataset_from):
    """``_ds(*trig_parts)``: the ontology plus the prefixes and the parts."""
    return lambda *parts: dataset_from(PREFIXES + "".join(parts))


@pytest.fixture(scope="module")
def ds(_ds):
    return _ds(REGIONS, DATA)


def n(local: str) -> str:
    return str(ID[local])


def test_entity_graph_nodes_and_attributes(ds):
    E = entity_graph(ds)
    assert isinstance(E, nx.MultiDiGraph)
    dh = E.nodes[n("dh")]
    assert dh["label"] == "Danish Healthtech"
    assert dh["label_en"] == "Danish Healthtech"
    assert dh["type"] == "Cluster"
    assert dh["type_iri"] == "https://w3id.org/ecokg/def#Cluster"
    assert dh["region"] == "Region Syddanmark"  # via Odense kommune
    assert dh["focus_areas"] == ("Telemedicin",)
    assert dh["description"] == "En klynge"
    assert dh["url"] == "https://dh.example"
    assert E.nodes[n("uni")]["label_en"] == "University of Southern Denmark"
    assert E.nodes[n("proj")]["start"] == "2019-01-01"
    assert E.nodes[n("proj")]["end"] == "2022-12-31"
    assert E.nodes[n("fa-tele-holder")]["type"] == "Facility"
    # literals, classes, documents, evidence and memberships are never nodes
    for node in E:
        assert node.startswith("https://w3id.org/ecokg/id/"), node
    assert n("m1") not in E and "https://w3id.org/ecokg/def#Cluster" not in E
    assert str(ID["doc/d1"]) not in E and str(ID["ev/e1"]) not in E
    # contacts only on request
    assert "contacts" not in E.nodes[n("anna")]
    E2 = entity_graph(ds, include_contacts=True)
    assert E2.nodes[n("anna")]["contacts"] == ("mailto:anna@example.dk",)


def test_entity_graph_edges(ds):
    E = entity_graph(ds)
    rels = {(u, v, d["relation"]) for u, v, d in E.edges(data=True)}
    assert (n("uni"), n("dh"), "member of") in rels
    assert (n("beta"), n("dh"), "member of") in rels  # org:hasMember normalised
    assert (n("acme"), n("proj"), "partner in") in rels
    assert (n("anna"), n("dh"), "works for") in rels
    assert (n("proj"), str(ID["focus/tele"]), "addresses") in rels
    assert (n("dh"), n("odense"), "located in") in rels
    d = E.get_edge_data(n("acme"), n("proj"))["partner in"]
    assert d["predicate"] == "https://w3id.org/ecokg/def#partnerIn"
    assert d["evidence"] == (("Pressemeddelelse", "2019-02-01", "Acme er partner"),)
    m = E.get_edge_data(n("uni"), n("dh"))["member of"]
    assert (m["start"], m["end"]) == ("2018-01-01", "2019-12-31")


def test_as_of_drops_inactive_relations_and_entities(ds):
    E = entity_graph(ds, as_of="2021-06-01")
    assert not E.has_edge(n("uni"), n("dh"))  # membership ended 2019
    assert E.has_edge(n("beta"), n("dh"))  # open-ended
    assert n("proj") in E
    E = entity_graph(ds, as_of="2024-01-01")
    assert n("proj") not in E  # ended 2022
    assert n("dh") in E


def test_regions_as_of_date(ds):
    assert [r.rsplit("/", 1)[1] for r in map(str, regions_on(ds, "2026-12-31"))] == [
        "region-hovedstaden",
        "region-sjaelland",
        "region-syddanmark",
        "region-midtjylland",
        "region-nordjylland",
    ]
    after = [str(r).rsplit("/", 1)[1] for r in regions_on(ds, "2027-01-01")]
    assert len(after) == 4 and "region-oestdanmark" in after and "region-sjaelland" not in after
    before = entity_graph(ds, as_of="2026-06-01")
    assert before.nodes[n("acme")]["region"] == "Region Sjælland"
    after_g = entity_graph(ds, as_of="2027-06-01")
    assert after_g.nodes[n("acme")]["region"] == "Region Østdanmark"
    assert n("region-sjaelland") not in after_g
    assert after_g.nodes[n("lonely")]["region"] == "Region Midtjylland"


def test_region_founded_later_maps_back_to_originals(_ds):
    extra = """gr:d2 { ecoid:x a eco:Company ; skos:prefLabel "X"@da ;
        schema:location ecoid:region-oestdanmark . }"""
    ds = _ds(REGIONS, extra)
    G = entity_graph(ds, as_of="2026-01-01")
    assert G.nodes[n("x")]["regions"] == ("Region Hovedstaden", "Region Sjælland")


def test_collaboration_graph_weights(ds):
    G = collaboration_graph(ds)
    assert isinstance(G, nx.Graph)
    # uni: member of dh and partner in proj; acme partner in proj.
    assert G[n("uni")][n("acme")]["weight"] == 1
    assert G[n("uni")][n("dh")]["weight"] == 1
    assert G[n("uni")][n("beta")]["weight"] == 1  # co-members of dh
    assert G[n("anna")][n("dh")]["weight"] == 1
    assert G.degree(n("lonely")) == 0
    assert not G.has_edge(n("acme"), n("dh"))
    # reference data that takes part in nothing is left out
    assert n("odense") not in G and n("region-syddanmark") not in G
    # as of 2021 the membership of uni has ended
    G21 = collaboration_graph(ds, as_of="2021-01-01")
    assert not G21.has_edge(n("uni"), n("dh"))
    assert not G21.has_edge(n("uni"), n("beta"))
    assert G21.has_edge(n("uni"), n("acme"))


def test_collaboration_matches_networkx_projection(ds):
    """The sparse product equals NetworkX's weighted projection of the incidence."""
    from graph.views import _facts, _incidence

    facts = _facts(ds)
    B, actors, groups = _incidence(facts)
    inc = nx.Graph()
    inc.add_nodes_from((str(a) for a in actors), bipartite=0)
    inc.add_nodes_from((("g", str(g)) for g in groups), bipartite=1)
    rows, cols = B.nonzero()
    inc.add_edges_from((str(actors[i]), ("g", str(groups[j]))) for i, j in zip(rows, cols))
    expected = nx.bipartite.weighted_projected_graph(inc, [str(a) for a in actors])
    G = collaboration_graph(ds)
    assert {frozenset(e) for e in expected.edges()} == {frozenset(e) for e in G.edges()}
    for u, v, d in expected.edges(data=True):
        assert G[u][v]["weight"] == d["weight"]


def test_actor_initiative_graph(ds):
    B = actor_initiative_graph(ds)
    assert B.nodes[n("acme")]["bipartite"] == 0
    assert B.nodes[n("proj")]["bipartite"] == 1
    assert B[n("uni")][n("proj")]["relations"] == ("partner in",)
    assert nx.is_bipartite(B)
    assert str(ID["focus/tele"]) not in B


def test_initiative_focus_graph(ds):
    H = initiative_focus_graph(ds)
    assert set(H[n("proj")]) == {str(ID["focus/tele"])}
    assert H.nodes[str(ID["focus/data"])]["bipartite"] == 1
    assert H.degree(str(ID["focus/data"])) == 0
    assert n("dh") not in H  # clusters are actors, not initiatives


def test_bad_as_of_is_input_error(ds):
    from graph.errors import InputError

    with pytest.raises(InputError):
        collaboration_graph(ds, as_of="not a date")


def test_literal_objects_are_not_edges(_ds):
    extra = """gr:d3 { ecoid:y a eco:Company ; skos:prefLabel "Y"@da ; schema:location "Odense" . }"""
    E = entity_graph(_ds(REGIONS, extra))
    assert E.out_degree(n("y")) == 0
    assert all(isinstance(v, str) and not isinstance(v, Literal) for v in E)


def test_fast_index_reading_equals_public_api(ds):
    """The in-memory index shortcut reads exactly what the public API reads."""
    from graph.views import _facts

    fast, slow = _facts(ds, fast=True), _facts(ds, fast=False)
    assert fast._scan._pos is not None and slow._scan._pos is None
    for attr in ("cls", "kind", "label", "label_en", "period", "relations", "region_of", "focus_of", "budget"):
        assert getattr(fast, attr) == getattr(slow, attr), attr
    assert fast.regions == slow.regions and fast.focus_areas == slow.focus_areas
    # a Dataset whose default graph is not the union never takes the shortcut
    plain = Dataset(default_union=False)
    assert _facts(plain)._scan._pos is None


def test_removed_triples_are_not_read(ds, _ds):
    from graph.views import _facts

    d = _ds(REGIONS, DATA)
    d.remove((ID.acme, None, None))
    facts = _facts(d)
    assert ID.acme not in facts.kind
    assert not any(ID.acme in (s, o) for s, _p, o in facts.relations)


# ----------------------------------------------------------------------------- Oxigraph-backed datasets

EXTRA = r"""
gr:extra {
  ecoid:uni dcterms:description "Linje 1\nLinje \"2\"\tmed \\ tegn og æøå"@da .
  ecoid:acme eco:partnerIn ecoid:proj .
  ecoid:g1 a <http://schema.org/MonetaryGrant> .
  ecoid:grant a <https://schema.org/MonetaryGrant> ; schema:fundedItem ecoid:proj ; schema:funder ecoid:beta ;
      schema:amount "1500000.50"^^xsd:decimal ; schema:startDate "2019-06-01"^^xsd:date .
  ecoid:proj eco:budget "2000000"^^xsd:decimal ; schema:url <https://proj.example/a?b=1> .
}
"""


def _on_oxigraph(ds):
    from graph.store import _dataset_on, oxigraph_of, to_oxigraph

    ox_ds = _dataset_on(to_oxigraph(ds))
    assert oxigraph_of(ox_ds) is not None
    return ox_ds


def _dump(G):
    nodes = {n: dict(d) for n, d in G.nodes(data=True)}
    if G.is_multigraph():
        edges = sorted((u, v, k, tuple(sorted(d.items()))) for u, v, k, d in G.edges(keys=True, data=True))
    else:
        edges = sorted((*sorted((u, v)), tuple(sorted(d.items()))) for u, v, d in G.edges(data=True))
    return nodes, edges, dict(G.graph)


@pytest.mark.parametrize("as_of", [None, "2019-06-15", "2021-01-01", "2027-06-01"])
def test_views_from_oxigraph_equal_memory(as_of, _ds):
    """The same data projected from rdflib's memory store and from Oxigraph
    (read straight from the pyoxigraph.Store) gives identical graphs."""
    from graph.views import _facts

    mem = _ds(REGIONS, DATA, EXTRA)
    oxi = _on_oxigraph(mem)
    fm, fo = _facts(mem, as_of), _facts(oxi, as_of)
    assert fm._scan._pos is not None and fo._scan._ox is not None  # each took its fast path
    for attr in ("cls", "kind", "label", "label_en", "period", "relations", "region_of", "focus_of", "budget",
                 "regions", "focus_areas", "reference_only"):
        assert getattr(fm, attr) == getattr(fo, attr), attr
    for view in (entity_graph, actor_initiative_graph, collaboration_graph, initiative_focus_graph):
        assert _dump(view(mem, as_of=as_of)) == _dump(view(oxi, as_of=as_of)), view.__name__
    assert _dump(entity_graph(mem, include_contacts=True)) == _dump(entity_graph(oxi, include_contacts=True))


def test_oxigraph_reading_details(_ds):
    """Escapes, union de-duplication, numbers and evidence come through Oxigraph as in memory."""
    mem = _ds(REGIONS, DATA, EXTRA)
    E = entity_graph(_on_oxigraph(mem))
    assert E.nodes[n("uni")]["description"] == 'Linje 1\nLinje "2"\tmed \\ tegn og æøå'
    assert E.nodes[n("proj")]["url"] == "https://proj.example/a?b=1"
    assert E.number_of_edges(n("acme"), n("proj")) == 1  # the triple is in three graphs, one edge
    (ev,) = E.get_edge_data(n("acme"), n("proj"))["partner in"]["evidence"]
    assert ev == ("Pressemeddelelse", "2019-02-01", "Acme er partner")
    d = E.get_edge_data(n("proj"), n("beta"))["funded by"]
    assert d["amount"] == 1500000.5 and d["start"] == "2019-06-01"


@pytest.mark.parametrize(
    "token, expected",
    [
        ("<http://ex/a>", URIRef("http://ex/a")),
        ('"x"', Literal("x")),
        ('"x"@da', Literal("x", lang="da")),
        ('"a\\"b\\\\c\\nd\\te"@en', Literal('a"b\\c\nd\te', lang="en")),
        ('"\\u00e6\\U0001F600"', Literal("æ\U0001F600")),
        ('"2020-01-01"^^<http://www.w3.org/2001/XMLSchema#date>', Literal("2020-01-01", datatype=XSD.date)),
        ('"s"^^<http://www.w3.org/2001/XMLSchema#string>', Literal("s")),
        ("12", Literal("12", datatype=XSD.integer)),
        ("1.5", Literal("1.5", datatype=XSD.decimal)),
        ("true", Literal("true", datatype=XSD.boolean)),
    ],
)
def test_tsv_terms(token, expected):
    from graph.store import tsv_term

    term = tsv_term(token)
    assert term == expected and type(term) is type(expected)
    if isinstance(term, Literal):
        assert (term.language, term.datatype, term.value) == (expected.language, expected.datatype, expected.value)
