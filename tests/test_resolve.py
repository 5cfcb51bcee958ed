"""Tests for graph.resolve (entity resolution) and graph.partners (partner lists)."""

import pytest
from rdflib import Dataset, Literal
from rdflib.namespace import OWL, RDF, SKOS

from graph.partners import guess_class, link_partners, parse_partners
from graph.resolve import (
    RESOLUTION_GRAPH,
    canonical_map,
    cvr_numbers,
    duplicate_problems,
    name_key,
    possible_duplicates,
    resolve,
    unresolve,
)
from graph.vocab import ATTR, DCTERMS, ECO, ID, SCHEMA


def _ds(rows):
    """rows: (local name, class, labels, cvr or None, vat-style?)"""
    ds = Dataset(default_union=True)
    g = ds.graph(ID["graph/test"])
    for name, cls, labels, cvr in rows:
        iri = ID[name]
        g.add((iri, RDF.type, cls))
        g.add((iri, SKOS.prefLabel, Literal(labels[0])))
        for alt in labels[1:]:
            g.add((iri, SKOS.altLabel, Literal(alt)))
        if cvr:
            g.add((iri, SCHEMA.vatID, Literal(f"DK{cvr}")))
    return ds


def _pairs(merges):
    return {frozenset((m.source.rsplit("/", 1)[-1], m.target.rsplit("/", 1)[-1])) for m in merges}


def test_same_cvr_merges_whatever_the_names():
    ds = _ds([("cordis/org/1", ECO.University, ["AARHUS UNIVERSITET"], "31119103"),
              ("au", ECO.University, ["Aarhus Universitet", "AU"], "31119103"),
              ("x", ECO.Company, ["Helt Andet Navn ApS"], None)])
    rep = resolve(ds)
    assert len(rep.merges) == 1
    m = rep.merges[0]
    assert (m.source, m.target, m.reason) == (ID["cordis/org/1"], ID.au, "same CVR")
    assert (ID["cordis/org/1"], OWL.sameAs, ID.au) in ds.graph(RESOLUTION_GRAPH)


def test_different_cvr_is_never_merged_on_name():
    ds = _ds([("a", ECO.Company, ["Nordic Care A/S"], "11111111"),
              ("b", ECO.Company, ["Nordic Care ApS"], "22222222")])
    rep = resolve(ds)
    assert rep.merges == ()
    assert [(c.a, c.b) for c in rep.conflicts] == [(ID.a, ID.b)]
    assert (None, OWL.sameAs, None) not in ds


def test_transliterated_names_merge_without_cvr():
    ds = _ds([("a", ECO.University, ["KOBENHAVNS UNIVERSITET"], "29979812"),
              ("b", ECO.University, ["Københavns Universitet"], None),
              ("c", ECO.Municipality, ["Århus Kommune"], None),
              ("d", ECO.Municipality, ["Aarhus Kommune"], None)])
    assert _pairs(resolve(ds).merges) == {frozenset({"a", "b"}), frozenset({"c", "d"})}


@pytest.mark.parametrize("a, b", [("Vejle Kommune", "Vejen Kommune"),
                                  ("Region Midtjylland", "Region Nordjylland"),
                                  ("Universita degli Studi di Parma", "Universita degli Studi di Pavia")])
def test_similar_but_different_names_stay_apart(a, b):
    ds = _ds([("a", ECO.Municipality, [a], None), ("b", ECO.Municipality, [b], None)])
    assert resolve(ds).merges == ()


def test_two_cordis_pics_are_not_merged_on_names():
    ds = _ds([("cordis/org/1", ECO.Company, ["EDWARDS LIFESCIENCES SAS"], None),
              ("cordis/org/2", ECO.Company, ["EDWARDS LIFESCIENCES SL"], None)])
    rep = resolve(ds)
    assert rep.merges == ()
    assert len(rep.possible) == 1


def test_unresolve_reverses_and_rerun_replaces():
    ds = _ds([("a", ECO.Cluster, ["Welfare Tech"], None), ("b", ECO.Cluster, ["Welfare-Tech"], None)])
    before = len(ds)
    resolve(ds)
    resolve(ds)  # a second run replaces the first, no duplicates
    assert len(list(ds.subject_objects(OWL.sameAs))) == 1
    assert unresolve(ds) > 0
    assert (None, OWL.sameAs, None) not in ds
    assert len(ds) == before


def test_write_false_leaves_data_alone():
    ds = _ds([("a", ECO.Cluster, ["Welfare Tech"], None), ("b", ECO.Cluster, ["Welfare Tech"], None)])
    n = len(ds)
    rep = resolve(ds, write=False)
    assert len(rep.merges) == 1 and len(ds) == n


def test_possible_duplicates_and_warnings():
    ds = _ds([("a", ECO.Cluster, ["Medtech Innovation Consortium"], None),
              ("b", ECO.Cluster, ["MedTech Innovation Consortium"], None),
              ("c", ECO.Cluster, ["Danish Healthtech"], None)])
    dups = possible_duplicates(ds)
    assert [(d.a, d.b) for d in dups] == [(ID.a, ID.b)]
    probs = duplicate_problems(ds)
    assert len(probs) == 1 and probs[0].severity == "Warning"
    resolve(ds)
    assert possible_duplicates(ds) == []  # merged pairs are no longer reported


def test_names_that_differ_in_their_numbers_are_not_duplicates():
    ds = _ds([("a", ECO.Company, ["Medlab Vejle 103"], None),
              ("b", ECO.Company, ["Medlab Vejle 1003"], None),
              ("c", ECO.Company, ["Medlabb Vejle 103"], None)])
    assert [(d.a, d.b) for d in possible_duplicates(ds)] == [(ID.a, ID.c)]


def test_canonical_map_and_cvr_numbers():
    ds = _ds([("a", ECO.Company, ["X"], None)])
    g = ds.graph(ID["graph/test"])
    g.add((ID.a, DCTERMS.identifier, Literal("CVR:12345678")))
    g.add((ID.a, DCTERMS.identifier, Literal("PIC:999999999")))
    assert cvr_numbers(ds, ID.a) == {"12345678"}
    g.add((ID.a, OWL.sameAs, ID.b))
    g.add((ID.b, OWL.sameAs, ID.c))
    assert canonical_map(ds) == {ID.a: ID.c, ID.b: ID.c}


def test_name_key():
    assert name_key("Liva Healthcare A/S") == name_key("LIVA HEALTHCARE APS") == "liva healthcare"
    assert name_key("Høje-Taastrup Kommune") == name_key("HOJE TAASTRUP KOMMUNE")


# ---------------------------------------------------------------- partner lists


@pytest.mark.parametrize(
    "text, names",
    [
        ("Dansk Industri. Væksthus Sjælland. Symbion A/S.", ["Dansk Industri", "Væksthus Sjælland", "Symbion A/S"]),
        ("OJ Electronics A/S\nAlexandra Instituttet A/S\n", ["OJ Electronics A/S", "Alexandra Instituttet A/S"]),
        ("Region Sjælland, Roskilde Universitet samt EUC Syd m.fl.", ["Region Sjælland", "Roskilde Universitet", "EUC Syd"]),
        ("Teknologisk Institut (CVR 56976116). Teknologisk Institut.", ["Teknologisk Institut"]),
        ("", []),
        (None, []),
    ],
)
def test_parse_partners(text, names):
    assert parse_partners(text) == names


def test_guess_class():
    assert guess_class("Nyt Firma ApS") == ECO.Company
    assert guess_class("Region Sjælland") == ECO.Region
    assert guess_class("Væksthus Sjælland") == ECO.Association


def test_link_partners_matches_existing_and_mints_new():
    ds = _ds([("ku", ECO.University, ["Københavns Universitet"], "29979812"),
              ("ti", ECO.ResearchInstitute, ["Teknologisk Institut", "DTI"], None)])
    proj_graph = ds.graph(ID["graph/proj"])
    proj_graph.add((ID.p, RDF.type, ECO.Initiative))
    proj_graph.add((ID.p, SKOS.prefLabel, Literal("Projekt")))
    proj_graph.add((ID.p, ATTR.parter, Literal("KOBENHAVNS UNIVERSITET. Teknologisk Instittut. Nyt Firma ApS.")))
    rep = link_partners(ds)
    assert [(x.text, x.matched) for x in rep.links] == [
        ("KOBENHAVNS UNIVERSITET", True), ("Teknologisk Instittut", True), ("Nyt Firma ApS", False)]
    assert rep.strings == 3 and rep.matched == 2 and rep.new_organisations == 1
    assert (ID.ku, ECO.partnerIn, ID.p) in ds and (ID.ti, ECO.partnerIn, ID.p) in ds
    new = rep.links[2].org
    assert (new, RDF.type, ECO.Company) in ds
