"""Loading several sources links the same organisation with owl:sameAs."""

from __future__ import annotations

from graph.load import load
from graph.resolve import RESOLUTION_GRAPH
from graph.vocab import ID, OWL

PREFIXES = """@prefix eco: <https://w3id.org/ecokg/def#> .
@prefix ecoid: <https://w3id.org/ecokg/id/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""


def test_same_cvr_in_two_files_is_linked(tmp_path):
    (tmp_path / "a.ttl").write_text(
        PREFIXES + 'ecoid:aau a eco:University ; skos:prefLabel "Aalborg Universitet"@da ; dcterms:identifier "CVR:29102384" .',
        encoding="utf-8",
    )
    (tmp_path / "b.ttl").write_text(
        PREFIXES + 'ecoid:aalborg-univ a eco:University ; skos:prefLabel "AALBORG UNIVERSITET"@da ; dcterms:identifier "CVR:29102384" .',
        encoding="utf-8",
    )
    ds = load([tmp_path / "a.ttl", tmp_path / "b.ttl"])
    links = set(ds.graph(RESOLUTION_GRAPH).subject_objects(OWL.sameAs))
    assert links and {frozenset(pair) for pair in links} == {frozenset((ID["aau"], ID["aalborg-univ"]))}


def test_different_organisations_are_not_linked(tmp_path):
    (tmp_path / "a.ttl").write_text(
        PREFIXES + 'ecoid:a a eco:Company ; skos:prefLabel "Medi-Dose ApS"@da ; dcterms:identifier "CVR:11111111" .\n'
        'ecoid:b a eco:Company ; skos:prefLabel "Medi-Dose ApS"@da ; dcterms:identifier "CVR:22222222" .',
        encoding="utf-8",
    )
    ds = load([tmp_path / "a.ttl"])
    assert not set(ds.triples((None, OWL.sameAs, None)))
