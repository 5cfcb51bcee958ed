"""Tests for graph.gaps on a small hand-checked ecosystem."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from graph.gaps import find_gaps, growth_elements
from graph.views import collaboration_graph
from graph.vocab import ECO

ROOT = Path(__file__).resolve().parents[1]

TRIG = (ROOT / "tests" / "fixtures" / "regions.trig").read_text(encoding="utf-8") + """

gr:data {
  fa:tele a eco:FocusArea ; skos:prefLabel "Telemedicin"@da .
  fa:data a eco:FocusArea ; skos:prefLabel "Sundhedsdata"@da .
  fa:robot a eco:FocusArea ; skos:prefLabel "Robotter"@da .

  ecoid:sdu a eco:University ; skos:prefLabel "Syddansk Universitet"@da ; schema:location ecoid:odense .
  ecoid:aau a eco:University ; skos:prefLabel "Aalborg Universitet"@da ; schema:location ecoid:region-nordjylland .
  ecoid:aauinno a org:OrganizationalUnit ; skos:prefLabel "AAU Innovation"@da ;
      org:subOrganizationOf ecoid:aau .
  ecoid:ouh a eco:Hospital ; skos:prefLabel "Odense Universitetshospital"@da ; schema:location ecoid:odense .
  ecoid:acme a eco:Company ; skos:prefLabel "Acme"@da ; schema:location ecoid:region-syddanmark .
  ecoid:beta a eco:Company ; skos:prefLabel "Beta"@da ; schema:location ecoid:region-midtjylland .
  ecoid:nordco a eco:Company ; skos:prefLabel "Nordco"@da ; schema:location ecoid:region-nordjylland .
  ecoid:fond a eco:Investor ; skos:prefLabel "Fonden"@da ; schema:location ecoid:region-hovedstaden .
  ecoid:lonely a eco:Company ; skos:prefLabel "Ensom ApS"@da ; schema:location ecoid:region-midtjylland .

  ecoid:c1 a eco:Cluster ; skos:prefLabel "Klynge Syd"@da ; schema:location ecoid:odense .
  ecoid:c2 a eco:Cluster ; skos:prefLabel "Klynge Nord"@da ; schema:location ecoid:region-nordjylland .
  ecoid:c3 a eco:InnovationNetwork ; skos:prefLabel "Netværk Midt"@da ;
      schema:location ecoid:region-midtjylland ; schema:founder ecoid:beta ;
      schema:funder ecoid:region-midtjylland .
  ecoid:n4 a eco:InnovationNetwork ; skos:prefLabel "Tomt Netværk"@da .

  ecoid:sdu org:memberOf ecoid:c1 .
  ecoid:m1 a org:Membership ; org:member ecoid:sdu ; org:organization ecoid:c1 ;
      org:memberDuring [ time:hasBeginning [ time:inXSDDate "2018-01-01"^^xsd:date ] ;
                         time:hasEnd [ time:inXSDDate "2020-12-31"^^xsd:date ] ] .
  ecoid:acme org:memberOf ecoid:c1 .
  ecoid:c1 org:hasMember ecoid:ouh .
  ecoid:aauinno org:memberOf ecoid:c2 .
  ecoid:nordco org:memberOf ecoid:c2 .

  ecoid:p1 a eco:Initiative ; skos:prefLabel "Telemedicin Syd"@da ; schema:location ecoid:odense ;
      dcterms:subject fa:tele ; eco:budget "5000000"^^xsd:decimal ; schema:funder ecoid:fond .
  ecoid:g1 a schema:MonetaryGrant ; schema:fundedItem ecoid:p1 ; schema:funder ecoid:fond ;
      schema:amount "2000000"^^xsd:decimal .
  ecoid:acme eco:partnerIn ecoid:p1 . ecoid:ouh eco:partnerIn ecoid:p1 . ecoid:c1 eco:partnerIn ecoid:p1 .

  ecoid:p2 a eco:Partnership ; skos:prefLabel "Data Midt"@da ; schema:location ecoid:region-midtjylland ;
      dcterms:subject fa:tele , fa:data .
  ecoid:beta eco:partnerIn ecoid:p2 . ecoid:sdu eco:partnerIn ecoid:p2 .

  ecoid:p3 a eco:Initiative ; skos:prefLabel "Robot Nord"@da ; dcterms:subject fa:robot .
  ecoid:nordco eco:partnerIn ecoid:p3 . ecoid:aau eco:partnerIn ecoid:p3 .

  ecoid:p4 a eco:Initiative ; skos:prefLabel "Gammel Data"@da ; schema:location ecoid:region-hovedstaden ;
      dcterms:subject fa:data ; schema:startDate "2015-01-01"^^xsd:date ; schema:endDate "2020-12-31"^^xsd:date .
  ecoid:fond eco:partnerIn ecoid:p4 .

  ecoid:p5 a eco:Initiative ; skos:prefLabel "Sjælland Tele"@da ; schema:location ecoid:roskilde ;
      dcterms:subject fa:tele ; schema:startDate "2026-01-01"^^xsd:date .
  ecoid:fond eco:partnerIn ecoid:p5 .
}
"""

H, SJ, SY, MI, NO, OE = (
    "Region Hovedstaden",
    "Region Sjælland",
    "Region Syddanmark",
    "Region Midtjylland",
    "Region Nordjylland",
    "Region Østdanmark",
)
TELE, DATA, ROBOT = "Telemedicin", "Sundhedsdata", "Robotter"


@pytest.fixture(scope="module")
def ds(dataset_from):
    return dataset_from(TRIG)


@pytest.fixture(scope="module")
def g2026(ds):
    return find_gaps(ds, as_of="2026-06-01")


def cells(cs):
    return {(c.region, c.theme) for c in cs}


def test_coverage_gaps_hand_checked(g2026):
    assert g2026.regions == (H, SJ, SY, MI, NO)
    assert set(g2026.themes) == {TELE, DATA, ROBOT}
    covered = {(SY, TELE), (MI, TELE), (MI, DATA), (NO, ROBOT), (SJ, TELE)}
    all_cells = {(r, t) for r in g2026.regions for t in g2026.themes}
    assert cells(g2026.coverage_gaps) == all_cells - covered
    # never a covered cell called a gap
    assert not cells(g2026.coverage_gaps) & covered
    assert len(g2026.coverage) == 15


def test_coverage_cell_counts(g2026):
    by = {(c.region, c.theme): c for c in g2026.coverage}
    sy = by[(SY, TELE)]
    assert (sy.count, sy.budget, sy.partners, sy.initiatives) == (1, 5_000_000.0, 4, ("Telemedicin Syd",))
    mi = by[(MI, TELE)]
    assert (mi.count, mi.budget, mi.partners) == (1, 0.0, 2)
    # initiative without a location lies where its partners are
    assert by[(NO, ROBOT)].initiatives == ("Robot Nord",)
    assert cells(g2026.thin_cells) == {(SY, TELE), (MI, TELE), (MI, DATA), (NO, ROBOT), (SJ, TELE)}


def test_coverage_as_of_earlier_date(ds):
    g = find_gaps(ds, as_of="2019-06-01")
    gaps = cells(g.coverage_gaps)
    assert (H, DATA) not in gaps  # Gammel Data was active
    assert (SJ, TELE) in gaps  # Sjælland Tele had not started


def test_coverage_after_regional_merger(ds):
    g = find_gaps(ds, as_of="2027-06-01")
    assert g.regions == (SY, MI, NO, OE)
    assert len(g.coverage) == 12
    gaps = cells(g.coverage_gaps)
    assert (OE, TELE) not in gaps  # Sjælland Tele (Roskilde) is now in Østdanmark
    assert (OE, DATA) in gaps and (OE, ROBOT) in gaps
    assert not any(r in (H, SJ) for r, _ in gaps)
    assert len(gaps) == 7


def test_growth_model_gaps(g2026, ds):
    got = {e.ecosystem: e.missing for e in g2026.growth_model_gaps}
    assert got == {
        # SDU's membership ended in 2020
        "Klynge Syd": ("research and education",),
        # AAU Innovation is part of a university; Nordco is a company
        "Klynge Nord": ("financing", "demand"),
        # founded by Beta (supply), funded by a region (financing, not demand)
        "Netværk Midt": ("research and education", "demand"),
        "Tomt Netværk": ("research and education", "financing", "supply", "demand"),
    }
    syd = {e.ecosystem: e for e in g2026.growth_model_gaps}["Klynge Syd"]
    assert dict(syd.present)["financing"] == ("Fonden",)  # funds the cluster's initiative
    g2019 = find_gaps(ds, as_of="2019-06-01")
    assert "Klynge Syd" not in {e.ecosystem for e in g2019.growth_model_gaps}


def test_growth_elements_from_ontology(ds):
    el = growth_elements(ds)
    assert el[ECO.University] == ECO.ResearchAndEducation
    assert el[ECO.Hospital] == ECO.Demand
    assert ECO.Cluster not in el


def test_isolated(g2026):
    assert [lab for lab, _iri, _t in g2026.isolated] == ["Ensom ApS", "Tomt Netværk"]
    labels = {lab for lab, _iri, _t in g2026.isolated}
    assert "Odense" not in labels and "Region Sjælland" not in labels  # reference data


def test_brokers_match_networkx(ds, g2026):
    G = collaboration_graph(ds, as_of="2026-06-01")
    exact = nx.betweenness_centrality(G)
    assert g2026.brokers, "expected brokers"
    for b in g2026.brokers:
        assert b.score == pytest.approx(exact[b.iri])
        assert b.constraint == pytest.approx(nx.constraint(G, [b.iri])[b.iri])
    scores = [b.score for b in g2026.brokers]
    assert scores == sorted(scores, reverse=True)
    best = max(exact, key=exact.get)
    assert g2026.brokers[0].score == pytest.approx(exact[best])
    assert all(b.label != "Ensom ApS" for b in g2026.brokers)
    roles = dict(g2026.brokers[0].roles)
    assert set(roles) == {"coordinator", "itinerant", "gatekeeper", "representative", "liaison", "total"}


def test_region_links_and_weak_regions(g2026):
    links = {(lk.a, lk.b): lk for lk in g2026.region_links}
    assert len(links) == 10
    sy_mi = links[(SY, MI)]
    assert sy_mi.initiatives == ("Data Midt",)
    assert sy_mi.ties == 1
    assert set(sy_mi.actors) == {"Beta", "Syddansk Universitet"}
    assert links[(H, SY)].initiatives == ("Telemedicin Syd",)
    weak = {w.region: w for w in g2026.weak_regions}
    assert NO in weak and set(weak[NO].unlinked) == {H, SJ, SY, MI}
    reach = {lab: n for lab, _iri, n in g2026.reach}
    assert reach["Ensom ApS"] == 0
    assert reach["Beta"] >= 2


def test_as_dict_has_contract_keys_and_is_json(g2026):
    d = g2026.as_dict()
    assert {"coverage_gaps", "growth_model_gaps", "brokers", "isolated"} <= set(d)
    assert all(set(c) == {"region", "theme"} for c in d["coverage_gaps"])
    assert all({"ecosystem", "missing"} <= set(e) for e in d["growth_model_gaps"])
    assert all({"label", "score"} <= set(b) for b in d["brokers"])
    assert all("label" in i for i in d["isolated"])
    json.dumps(d)  # serialisable
    assert {"ecosystem": "Tomt Netværk"}.items() <= next(
        e for e in d["growth_model_gaps"] if e["ecosystem"] == "Tomt Netværk"
    ).items()


def test_bad_date(ds):
    from graph.errors import InputError

    with pytest.raises(InputError):
        find_gaps(ds, as_of="2026-13-01")


def test_bench_quick_mode_runs():
    """The benchmark's generator and steps work end to end (no timing asserted)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_gaps", ROOT / "bench" / "bench_gaps.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    result = bench.run(150, rich=True)
    assert result["actors"] == 150 and result["triples"] > 3000
    assert result["collaboration_edges"] > 0
    assert set(result["seconds"]) >= {"find_gaps", "recommend_query_busiest_actor"}
