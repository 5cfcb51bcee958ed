"""Tests for graph.recommend on a small hand-checked graph."""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pytest
from rdflib import URIRef

from graph.errors import EntityNotFound, InputError
from graph.recommend import WEIGHTS, Recommender, recommend
from graph.views import collaboration_graph
from graph.vocab import ID

ROOT = Path(__file__).resolve().parents[1]

# Collaboration ties (from shared initiatives):
#   I1: u, a, b      I2: a, v1      I3: b, v1, v2     I5 (2015-2016): u, old
# deg: u 2, a 3, b 4, v1 3, v2 2.  w shares u's focus area only.
TRIG = """
@prefix eco: <https://w3id.org/ecokg/def#> .
@prefix ecoid: <https://w3id.org/ecokg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix gr: <https://w3id.org/ecokg/id/graph/> .
@prefix fa: <https://w3id.org/ecokg/id/focus/> .
gr:data {
  fa:tele a eco:FocusArea ; skos:prefLabel "Telemedicin"@da .
  fa:data a eco:FocusArea ; skos:prefLabel "Sundhedsdata"@da .
  ecoid:u a eco:Company ; skos:prefLabel "Udvikler ApS"@da , "Developer Ltd"@en ; dcterms:subject fa:tele .
  ecoid:a a eco:University ; skos:prefLabel "Universitetet"@da .
  ecoid:b a eco:Hospital ; skos:prefLabel "Hospitalet"@da .
  ecoid:v1 a eco:Company ; skos:prefLabel "Vækst A/S"@da .
  ecoid:v2 a eco:Investor ; skos:prefLabel "Venturefonden"@da .
  ecoid:w a eco:Company ; skos:prefLabel "Webco"@da ; dcterms:subject fa:tele , fa:data .
  ecoid:old a eco:Company ; skos:prefLabel "Gammel ApS"@da ; schema:dissolutionDate "2017-01-01"^^xsd:date .
  ecoid:i1 a eco:Initiative ; skos:prefLabel "I1"@da ; dcterms:subject fa:data .
  ecoid:i2 a eco:Initiative ; skos:prefLabel "I2"@da .
  ecoid:i3 a eco:Initiative ; skos:prefLabel "I3"@da .
  ecoid:i5 a eco:Initiative ; skos:prefLabel "I5"@da ;
      schema:startDate "2015-01-01"^^xsd:date ; schema:endDate "2016-12-31"^^xsd:date .
  ecoid:u eco:partnerIn ecoid:i1 . ecoid:a eco:partnerIn ecoid:i1 . ecoid:b eco:partnerIn ecoid:i1 .
  ecoid:a eco:partnerIn ecoid:i2 . ecoid:v1 eco:partnerIn ecoid:i2 .
  ecoid:b eco:partnerIn ecoid:i3 . ecoid:v1 eco:partnerIn ecoid:i3 . ecoid:v2 eco:partnerIn ecoid:i3 .
  ecoid:u eco:partnerIn ecoid:i5 . ecoid:old eco:partnerIn ecoid:i5 .
}
"""


@pytest.fixture(scope="module")
def ds(dataset_from):
    return dataset_from(TRIG)


@pytest.fixture(scope="module")
def recs(ds):
    return {r.label: r for r in recommend(ds, ID.u, as_of="2024-01-01")}


def test_candidates_exclude_self_and_partners(recs):
    assert set(recs) == {"Vækst A/S", "Venturefonden", "Webco"}


def test_link_prediction_components_hand_checked(ds, recs):
    # RA(u, v1) = 1/deg(a) + 1/deg(b) = 1/3 + 1/4; RA(u, v2) = 1/4
    ra = dict(recs["Vækst A/S"].components)["resource_allocation"]
    ra2 = dict(recs["Venturefonden"].components)["resource_allocation"]
    assert ra == pytest.approx(1.0)
    assert ra2 == pytest.approx((1 / 4) / (1 / 3 + 1 / 4))
    aa2 = dict(recs["Venturefonden"].components)["adamic_adar"]
    assert aa2 == pytest.approx((1 / math.log(4)) / (1 / math.log(3) + 1 / math.log(4)))
    # agrees with NetworkX on the same collaboration graph
    G = collaboration_graph(ds, as_of="2024-01-01")
    (_, _, nx_ra1), (_, _, nx_ra2) = nx.resource_allocation_index(G, [(str(ID.u), str(ID.v1)), (str(ID.u), str(ID.v2))])
    assert (nx_ra1, nx_ra2) == (pytest.approx(7 / 12), pytest.approx(1 / 4))


def test_focus_and_complement(recs):
    w = dict(recs["Webco"].components)
    # u's focus: Telemedicin (own) + Sundhedsdata (via I1); Webco: both
    assert w["focus"] == pytest.approx(1.0)
    assert w["resource_allocation"] == 0
    # u's partners are a university and a hospital; u is a company:
    # financing is the missing element, which the investor brings
    assert dict(recs["Venturefonden"].components)["complement"] == 1.0
    assert dict(recs["Vækst A/S"].components)["complement"] == 0.0


def test_reasons_are_plain_english_with_names(recs):
    assert recs["Vækst A/S"].reasons[0] == "2 shared partners: Universitetet and Hospitalet"
    assert "1 shared partner: Hospitalet" in recs["Venturefonden"].reasons
    assert "brings financing, which Udvikler ApS and its partners lack" in recs["Venturefonden"].reasons
    assert "both work on Sundhedsdata and Telemedicin" in recs["Webco"].reasons


def test_scores_sorted_and_weighted(ds, recs):
    ranked = recommend(ds, ID.u, as_of="2024-01-01")
    scores = [r.score for r in ranked]
    assert scores == sorted(scores, reverse=True)
    for r in ranked:
        comp = dict(r.components)
        assert r.score == pytest.approx(sum(WEIGHTS[k] * comp[k] for k in WEIGHTS))
        assert 0 < r.score <= 1
    assert len(recommend(ds, ID.u, top=1, as_of="2024-01-01")) == 1


def test_as_of_keeps_only_active(ds):
    past = {r.label for r in recommend(ds, ID.u, as_of="2016-06-01")}
    # in 2016 the dissolved company still existed but it was already u's partner
    assert "Gammel ApS" not in past
    now = {r.label for r in recommend(ds, ID.a, as_of="2024-01-01")}
    assert "Gammel ApS" not in now
    with pytest.raises(InputError, match="not active"):
        recommend(ds, ID.old, as_of="2024-01-01")


def test_initiative_entity(ds):
    out = {r.label: r for r in recommend(ds, ID.i2)}
    # I2's partners: a, v1.  b is tied to both; u is tied to a.
    assert "Universitetet" not in out and "Vækst A/S" not in out
    assert set(out) >= {"Hospitalet", "Udvikler ApS"}
    assert out["Hospitalet"].reasons[0] == "2 shared partners: Universitetet and Vækst A/S"


def test_entity_resolution_and_errors(ds):
    assert [r.iri for r in recommend(ds, "developer ltd", as_of="2024-01-01")] == [
        r.iri for r in recommend(ds, ID.u, as_of="2024-01-01")
    ]
    with pytest.raises(EntityNotFound):
        recommend(ds, URIRef("https://w3id.org/ecokg/id/nobody"))
    with pytest.raises(InputError, match="actor or an initiative"):
        recommend(ds, ID["focus/tele"])


def test_as_dict_keys(recs):
    d = recs["Vækst A/S"].as_dict()
    assert {"iri", "label", "score", "reasons"} <= set(d)
    assert d["iri"] == str(ID.v1) and isinstance(d["reasons"], list)


def test_recommender_reuse(ds):
    r = Recommender(ds, as_of="2024-01-01")
    assert [x.iri for x in r.recommend(ID.u)] == [x.iri for x in recommend(ds, ID.u, as_of="2024-01-01")]


def test_backtest_helpers():
    import importlib.util

    import numpy as np

    spec = importlib.util.spec_from_file_location("backtest", ROOT / "bench" / "backtest_recommend.py")
    bt = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bt)
    # 3 positives vs 2 negatives: pairs won 5, tied 1 (counts 0.5) out of 6
    assert bt._auc(np.array([3.0, 2.0, 1.0]), np.array([1.0, 0.0])) == pytest.approx(5.5 / 6)
    assert bt._pairs(["p"], {"p": {"b", "a", "c"}}) == {("a", "b"), ("a", "c"), ("b", "c")}
