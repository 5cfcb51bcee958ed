"""Overlapping initiatives: records from RDF, signals, score, reasons, filters, verdicts, groups."""

from __future__ import annotations

import json
from datetime import date

import pytest
from rdflib import Dataset

from graph.errors import InputError
from graph.overlaps import (
    CLOSER_NEIGHBOURS,
    DEFAULT_MIN_SCORE,
    WEIGHTS,
    InitiativeRecord,
    InitiativeRef,
    Overlap,
    find_overlaps,
    initiative_records,
    overlap_groups,
    overlapping_initiatives,
)

TRIG = """
@prefix eco: <https://w3id.org/ecokg/def#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix schema: <https://schema.org/> . @prefix dcterms: <http://purl.org/dc/terms/> .
@prefix org: <http://www.w3.org/ns/org#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix ex: <https://w3id.org/ecokg/id/> .
ex:region-nordjylland a eco:Region ; skos:prefLabel "Region Nordjylland"@da .
ex:region-syddanmark a eco:Region ; skos:prefLabel "Region Syddanmark"@da .
ex:region-midtjylland a eco:Region ; skos:prefLabel "Region Midtjylland"@da .
<https://w3id.org/ecokg/id/kommune/odense> a eco:Municipality ; skos:prefLabel "Odense Kommune"@da ; schema:containedInPlace ex:region-syddanmark .
<https://w3id.org/ecokg/id/focus/telemedicin> a eco:FocusArea ; skos:prefLabel "Telemedicin"@da .
<https://w3id.org/ecokg/id/focus/eksport> a eco:FocusArea ; skos:prefLabel "Eksport"@da .
ex:medi a eco:Company ; skos:prefLabel "Medi-Dose ApS"@da ; eco:partnerIn ex:a, ex:b .
ex:fond a eco:Investor ; skos:prefLabel "TrygFonden"@da .
ex:a a eco:Initiative ; skos:prefLabel "TeleKOL Nord"@da ; schema:location ex:region-nordjylland ;
  dcterms:subject <https://w3id.org/ecokg/id/focus/telemedicin> ; schema:funder ex:fond ;
  schema:startDate "2018-01-01"^^xsd:date ; schema:endDate "2019-12-31"^^xsd:date ;
  dcterms:description "Hjemmemonitorering af KOL-patienter: patienten måler iltmætning og puls hjemme med en tablet, og sygeplejersken følger målingerne."@da .
ex:b a eco:Partnership ; skos:prefLabel "KOL i eget hjem"@da ; schema:location <https://w3id.org/ecokg/id/kommune/odense> ;
  dcterms:subject <https://w3id.org/ecokg/id/focus/telemedicin> ; schema:funder ex:fond ;
  schema:startDate "2019-03-01"^^xsd:date ; schema:endDate "2021-06-30"^^xsd:date ;
  dcterms:description "KOL-patienter måler selv iltmætning og puls i eget hjem og sender målingerne via tablet til sygeplejersken på sygehuset."@da .
ex:c a eco:Initiative ; skos:prefLabel "KOL-monitorering Syd"@da ; schema:location ex:region-syddanmark ;
  schema:startDate "2022-01-01"^^xsd:date ;
  dcterms:description "Patienter med KOL måler iltmætning og puls hjemme på en tablet; sygeplejersken ser målingerne."@da .
ex:d a eco:Initiative ; skos:prefLabel "Eksportnetværk"@da ; schema:location ex:region-midtjylland ;
  dcterms:subject <https://w3id.org/ecokg/id/focus/eksport> ;
  dcterms:description "Netværk der hjælper små virksomheder med eksport til Tyskland og messer i udlandet."@da .
ex:e a eco:Initiative ; skos:prefLabel "Eksport til nabolande"@da ;
  dcterms:description "Netværk for små virksomheder om eksport til Tyskland og Sverige, med fælles messer."@da .
"""

EX = "https://w3id.org/ecokg/id/"


@pytest.fixture(scope="module")
def ds():
    return Dataset(default_union=True).parse(data=TRIG, format="trig")


def pairs_of(result):
    return {frozenset({o.a.label, o.b.label}) for o in result}


def test_records_read_from_the_graph(ds):
    recs = {r.label: r for r in initiative_records(ds)}
    assert set(recs) == {"TeleKOL Nord", "KOL i eget hjem", "KOL-monitorering Syd", "Eksportnetværk", "Eksport til nabolande"}
    b = recs["KOL i eget hjem"]  # an eco:Partnership, region via its municipality
    assert b.regions == ((EX + "region-syddanmark", "Region Syddanmark"),)
    assert b.partners == ((EX + "medi", "Medi-Dose ApS"),)
    assert b.funders == ((EX + "fond", "TrygFonden"),)
    assert b.focus_areas == ((EX + "focus/telemedicin", "Telemedicin"),)
    assert (b.start, b.end) == (date(2019, 3, 1), date(2021, 6, 30))
    assert recs["Eksport til nabolande"].regions == ()


def test_default_reports_cross_region_and_unknown_region_pairs(ds):
    result = overlapping_initiatives(ds, min_score=0.2)
    got = pairs_of(result)
    assert frozenset({"TeleKOL Nord", "KOL i eget hjem"}) in got
    assert frozenset({"Eksportnetværk", "Eksport til nabolande"}) in got  # one region unknown
    # KOL i eget hjem and KOL-monitorering Syd are both in Syddanmark
    assert frozenset({"KOL i eget hjem", "KOL-monitorering Syd"}) not in got
    assert [o.score for o in result] == sorted((o.score for o in result), reverse=True)


def test_same_region_includes_pairs_inside_a_region(ds):
    got = pairs_of(overlapping_initiatives(ds, min_score=0.2, same_region=True))
    assert frozenset({"KOL i eget hjem", "KOL-monitorering Syd"}) in got


def test_reasons_and_signals(ds):
    # the lexical path (inputs above SEMANTIC_LIMIT or no model); the semantic one: tests/test_semantic.py
    o = next(o for o in overlapping_initiatives(ds, min_score=0.0, semantic=False) if {o.a.label, o.b.label} == {"TeleKOL Nord", "KOL i eget hjem"})
    assert o.a.label == "KOL i eget hjem"  # a has the smaller label
    reasons = list(o.reasons)
    assert reasons[0].startswith(f"descriptions similar ({o.signals['text']:.2f}): ")
    assert "iltmætning" in reasons[0] and "KOL" in reasons[0]
    assert "same focus area: Telemedicin" in reasons
    assert "shared partner: Medi-Dose ApS" in reasons
    assert "shared funder: TrygFonden" in reasons
    assert "periods overlap 2019" in reasons
    assert reasons[-1] == "different regions: Syddanmark / Nordjylland"
    t = o.signals["text_adjusted"]
    assert o.signals == pytest.approx(
        {"text": o.signals["text"], "text_adjusted": t, "focus": 1.0, "partners": 1.0, "funders": 1.0, "period": 1.0,
         "lexical": o.score, "semantic": None, "meaning": None}
    )
    bonus = sum(WEIGHTS.values())
    assert o.score == pytest.approx(t + (1 - t) * bonus)


def test_unknown_signals_do_not_lower_the_score(ds):
    o = next(o for o in overlapping_initiatives(ds, min_score=0.0, semantic=False)
             if {o.a.label, o.b.label} == {"Eksportnetværk", "Eksport til nabolande"})
    assert o.signals["focus"] is None and o.signals["period"] is None and o.signals["partners"] is None
    assert o.score == pytest.approx(o.signals["text_adjusted"])
    assert "region unknown: Eksport til nabolande" in o.reasons


def test_a_closer_match_elsewhere_lowers_the_text_evidence():
    texts = {
        "A": "hjemmemonitorering af KOL-patienter med tablet og iltmætning",
        "B": "KOL-patienter måler iltmætning hjemme med tablet",
        "C": "KOL-patienter træner på hold og lærer om iltmætning",
    }
    recs = [InitiativeRecord(f"ex:{k}", k, v) for k, v in texts.items()]
    # the lexical correction alone, with IDF from these three texts only (the bundled background
    # shifts the weights: with it, B-C shares more weight than A-B)
    result = {frozenset({o.a.label, o.b.label}): o
              for o in find_overlaps(recs, min_score=0.0, background=(), semantic=False)}
    ab, ac = result[frozenset("AB")], result[frozenset("AC")]
    # A and B are each other's best match: no penalty
    assert ab.signals["text_adjusted"] == pytest.approx(ab.signals["text"])
    # A's neighbourhood is the mean of its two similarities (CLOSER_NEIGHBOURS = 2), so on A's
    # side A-C is lowered by half of (mean - AC) = a quarter of the gap AB - AC
    assert CLOSER_NEIGHBOURS == 2
    assert ac.signals["text_adjusted"] < ac.signals["text"]
    gap_a = ab.signals["text"] - ac.signals["text"]
    assert ac.signals["text_adjusted"] <= ac.signals["text"] - gap_a / 4 + 1e-6
    assert any(r.startswith("A matches B better (") for r in ac.reasons)


def test_disjoint_periods_are_named():
    recs = [
        InitiativeRecord("ex:1", "A", "telemedicin til gravide med højt blodtryk", start=date(2010, 1, 1), end=date(2011, 12, 31)),
        InitiativeRecord("ex:2", "B", "gravide med højt blodtryk følges med telemedicin", start=date(2015, 1, 1), end=date(2016, 1, 1)),
    ]
    (o,) = find_overlaps(recs, min_score=0.0)
    assert o.signals["period"] == 0.0
    assert "periods do not overlap: 2010–2011 / 2015–2016" in o.reasons


def test_as_of_keeps_only_active_initiatives(ds):
    got = pairs_of(overlapping_initiatives(ds, min_score=0.0, as_of="2018-06-01"))
    # TeleKOL (2018-2019) is active; KOL i eget hjem starts 2019; undated ones are open-ended
    assert frozenset({"TeleKOL Nord", "KOL i eget hjem"}) not in got
    assert frozenset({"Eksportnetværk", "Eksport til nabolande"}) in got


def test_min_score_filters_and_is_checked(ds):
    everything = overlapping_initiatives(ds, min_score=0.0)
    cut = sorted(o.score for o in everything)[len(everything) // 2] + 1e-9
    high = overlapping_initiatives(ds, min_score=cut)
    assert all(o.score >= cut for o in high) and 0 < len(high) < len(everything)
    with pytest.raises(InputError):
        overlapping_initiatives(ds, min_score=1.5)
    with pytest.raises(InputError):
        overlapping_initiatives(ds, as_of="yesterday")


def test_default_threshold_is_used(ds):
    assert all(o.score >= DEFAULT_MIN_SCORE for o in overlapping_initiatives(ds))


def test_as_dict_has_the_contract_keys(ds):
    d = overlapping_initiatives(ds, min_score=0.2)[0].as_dict()
    assert {"a", "b", "score", "reasons"} <= set(d)
    assert set(d["a"]) == {"iri", "label", "region"}
    assert 0 <= d["score"] <= 1 and all(isinstance(r, str) for r in d["reasons"])
    json.dumps(d)


def test_verdicts_hide_dismissed_and_mark_confirmed(ds, tmp_path):
    p = tmp_path / "verdicts.csv"
    p.write_text(
        "a,b,verdict,note\n"
        "TeleKOL Nord,KOL i eget hjem,unrelated,different target groups\n"
        "Eksportnetværk,KOL-monitorering Syd,duplicate,checked by the secretariat\n",
        encoding="utf-8",
    )
    result = overlapping_initiatives(ds, min_score=0.2, verdicts=p)
    got = pairs_of(result)
    assert frozenset({"TeleKOL Nord", "KOL i eget hjem"}) not in got
    confirmed = next(o for o in result if o.verdict == "duplicate")
    assert {confirmed.a.label, confirmed.b.label} == {"Eksportnetværk", "KOL-monitorering Syd"}
    assert confirmed.reasons[0] == "confirmed duplicate by a curator: checked by the secretariat"
    assert confirmed.as_dict()["verdict"] == "duplicate"


def test_bad_verdict_reference_is_an_input_error(ds, tmp_path):
    p = tmp_path / "v.csv"
    p.write_text("a,b,verdict\nTeleKOL Nord,Nothing,duplicate\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        overlapping_initiatives(ds, verdicts=p)
    assert err.value.lines() == [f"{p}:2: no initiative matches 'Nothing'"]


def test_fewer_than_two_initiatives():
    assert find_overlaps([]) == []
    assert find_overlaps([InitiativeRecord("ex:1", "A", "tekst")]) == []


def ref(x, region=None):
    return InitiativeRef(x, x.upper(), region)


def test_groups_are_components_of_three_or_more():
    pairs = [
        Overlap(ref("a", "R1"), ref("b", "R2"), 0.9, ()),
        Overlap(ref("b", "R2"), ref("c", "R3"), 0.7, ()),
        Overlap(ref("a", "R1"), ref("c", "R3"), 0.5, ()),
        Overlap(ref("d"), ref("e"), 0.9, ()),
        Overlap(ref("f"), ref("g"), 0.4, ()),
        Overlap(ref("g"), ref("h"), 0.4, ()),
        Overlap(ref("h"), ref("i"), 0.4, ()),
    ]
    assert [[m.label for m in g.members] for g in overlap_groups(pairs)] == [["A", "B", "C"]]
    groups = overlap_groups(pairs, method="components")
    assert [[m.label for m in g.members] for g in groups] == [["F", "G", "H", "I"], ["A", "B", "C"]]
    chain, triangle = groups
    assert triangle.clique and not chain.clique
    assert triangle.score == pytest.approx(0.7)
    assert triangle.regions == ("R1", "R2", "R3")
    assert [p.score for p in triangle.pairs] == [0.9, 0.7, 0.5]
    assert overlap_groups(pairs, min_size=5) == []


def test_as_of_2027_hovedstaden_and_sjaelland_are_one_region():
    from pathlib import Path

    from graph.load import load

    ds = load([Path(__file__).parent / "fixtures" / "overlaps" / "oestdanmark.trig"])
    before = overlapping_initiatives(ds, as_of="2026-06-01")
    assert [(p.a.region, p.b.region) for p in before] == [("Region Sjælland", "Region Hovedstaden")]
    assert overlapping_initiatives(ds, as_of="2027-06-01") == []  # now inside one region
    after = overlapping_initiatives(ds, as_of="2027-06-01", same_region=True)
    assert [(p.a.region, p.b.region) for p in after] == [("Region Østdanmark", "Region Østdanmark")]
    assert "same region: Østdanmark" in after[0].reasons


def test_same_concept_in_other_words_is_a_reason():
    a = InitiativeRecord("https://w3id.org/ecokg/id/a", "Sepsis-alarm",
                         "En algoritme i journalen varsler sepsis hos indlagte patienter på akutmodtagelsen.",
                         regions=(("r1", "Region Nordjylland"),))
    b = InitiativeRecord("https://w3id.org/ecokg/id/b", "Varsling af blodforgiftning",
                         "En algoritme i journalen varsler blodforgiftning hos indlagte patienter på akutmodtagelsen.",
                         regions=(("r2", "Region Syddanmark"),))
    c = InitiativeRecord("https://w3id.org/ecokg/id/c", "Eksport", "Netværk for eksport af fisk til Tyskland.")
    (pair,) = find_overlaps([a, b, c], min_score=0.2, background=())
    assert "same terms in other words: Sepsis = blodforgiftning" in pair.reasons


def test_background_only_changes_weights_not_which_initiatives_are_compared():
    recs = [
        InitiativeRecord(f"https://w3id.org/ecokg/id/{k}", label, text)
        for k, (label, text) in enumerate([
            ("A", "Drone flyver blodprøver mellem sygehuse"),
            ("B", "Drone transporterer blodprøver mellem to sygehuse"),
            ("C", "Kursus i eksport for virksomheder"),
        ])
    ]
    plain = find_overlaps(recs, min_score=0.0, background=(), semantic=False)
    with_bg = find_overlaps(recs, min_score=0.0, semantic=False)
    assert {(o.a.label, o.b.label) for o in plain} == {(o.a.label, o.b.label) for o in with_bg} == {("A", "B")}
