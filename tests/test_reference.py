"""Reference data (data/reference/): regions, the 2027 merger, the 98 municipalities."""

from __future__ import annotations

import csv
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

from graph.ids import entity_iri
from graph.vocab import ECO, ID, NUTS, SCHEMA

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "data" / "reference"
SOURCE = ROOT.parent / "shared" / "data" / "dk-municipalities" / "kommunerne.csv"

FIVE = {
    "hovedstaden": ("DK01", "Region Hovedstaden", "Capital Region of Denmark", 29),
    "sjaelland": ("DK02", "Region Sjælland", "Region Zealand", 17),
    "syddanmark": ("DK03", "Region Syddanmark", "Region of Southern Denmark", 22),
    "midtjylland": ("DK04", "Region Midtjylland", "Central Denmark Region", 19),
    "nordjylland": ("DK05", "Region Nordjylland", "North Denmark Region", 11),
}


def _region(key: str):
    return ID[f"region-{key}"]


@pytest.fixture(scope="module")
def ref() -> Graph:
    g = Graph()
    for path in sorted(REFERENCE.glob("*.ttl")):
        g.parse(path, format="turtle")
    return g


@pytest.fixture(scope="module")
def build_module():
    spec = importlib.util.spec_from_file_location("build_reference", ROOT / "scripts" / "build_reference.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # dataclasses look their module up here
    try:
        spec.loader.exec_module(mod)
        yield mod
    finally:
        sys.modules.pop(spec.name, None)


def test_five_regions_with_nuts_codes(ref):
    for key, (nuts, da, en, _n) in FIVE.items():
        r = _region(key)
        assert set(ref.objects(r, RDF.type)) == {ECO.Region}
        assert set(ref.objects(r, SKOS.prefLabel)) == {Literal(da, lang="da"), Literal(en, lang="en")}
        assert Literal(da.removeprefix("Region "), lang="da") in set(ref.objects(r, SKOS.altLabel))
        assert ref.value(r, SKOS.notation) == Literal(nuts)
        assert ref.value(r, SCHEMA.sameAs) == NUTS[nuts]
        assert r == entity_iri(da)


def test_region_oestdanmark_and_the_2027_merger(ref):
    new = _region("oestdanmark")
    assert (new, RDF.type, ECO.Region) in ref
    assert ref.value(new, SKOS.prefLabel) == Literal("Region Østdanmark", lang="da")
    assert ref.value(new, SCHEMA.foundingDate) == Literal("2027-01-01", datatype=XSD.date)
    for key in ("hovedstaden", "sjaelland"):
        assert ref.value(_region(key), SCHEMA.dissolutionDate) == Literal("2026-12-31", datatype=XSD.date)
        assert ref.value(_region(key), ECO.mergedInto) == new
    for key in ("syddanmark", "midtjylland", "nordjylland"):
        assert ref.value(_region(key), SCHEMA.dissolutionDate) is None
    (event,) = list(ref.subjects(RDF.type, ORG.ChangeEvent))
    assert event == ID["event/region-oestdanmark-2027"]
    assert set(ref.objects(event, ORG.originalOrganization)) == {_region("hovedstaden"), _region("sjaelland")}
    assert set(ref.objects(event, ORG.resultingOrganization)) == {new}
    assert ref.value(event, SCHEMA.startDate) == Literal("2027-01-01", datatype=XSD.date)
    assert str(ref.value(event, PROV.atTime)).startswith("2027-01-01")


def test_98_municipalities_each_in_exactly_one_of_the_five_regions(ref):
    municipalities = set(ref.subjects(RDF.type, ECO.Municipality))
    assert len(municipalities) == 98
    five = {_region(k) for k in FIVE}
    counts: Counter = Counter()
    for m in municipalities:
        regions = [r for r in ref.objects(m, SCHEMA.containedInPlace) if r in five]
        assert len(regions) == 1, (m, regions)
        counts[regions[0]] += 1
    assert counts == Counter({_region(k): v[3] for k, v in FIVE.items()})


def test_municipality_names_are_official(ref):
    def pref(short):
        m = entity_iri(short, kind="kommune")
        return str(ref.value(m, SKOS.prefLabel))

    assert pref("København") == "Københavns Kommune"
    assert pref("Frederiksberg") == "Frederiksberg Kommune"
    assert pref("Aarhus") == "Aarhus Kommune"
    assert pref("Bornholm") == "Bornholms Regionskommune"
    assert pref("Læsø") == "Læsø Kommune"
    assert pref("Nordfyns") == "Nordfyns Kommune"
    assert pref("Vesthimmerlands") == "Vesthimmerlands Kommune"
    assert pref("Høje-Taastrup") == "Høje-Taastrup Kommune"
    aarhus = entity_iri("Aarhus", kind="kommune")
    assert {str(a) for a in ref.objects(aarhus, SKOS.altLabel)} == {"Aarhus", "Århus"}
    for m in ref.subjects(RDF.type, ECO.Municipality):
        labels = list(ref.objects(m, SKOS.prefLabel))
        assert len(labels) == 1 and labels[0].language == "da"
        assert str(labels[0]).endswith(("Kommune", "Regionskommune"))
        assert list(ref.objects(m, SKOS.altLabel)), m


def test_helsingoer_is_added_to_hovedstaden(ref):
    h = ID["kommune/helsingoer"]
    assert ref.value(h, SKOS.prefLabel) == Literal("Helsingør Kommune", lang="da")
    assert ref.value(h, SCHEMA.containedInPlace) == _region("hovedstaden")


def test_shared_list_has_the_known_gap():
    if not SOURCE.is_file():
        pytest.skip(f"shared municipality list not found at {SOURCE}")
    with open(SOURCE, encoding="latin-1", newline="") as fh:
        names = [row["Kommune"] for row in csv.DictReader(fh)]
    assert len(names) == 97
    assert "Helsingør" not in names


def test_source_document(ref):
    doc = ID["doc/dk-municipalities"]
    assert (doc, RDF.type, FOAF.Document) in ref
    assert ref.value(doc, DCTERMS.title) is not None
    assert ref.value(doc, DCTERMS.date) == Literal("2020-05-08", datatype=XSD.date)
    assert "e13b71aa5f6df8935973bf3674b99950efe9620b" in str(ref.value(doc, DCTERMS.source))
    for m in ref.subjects(RDF.type, ECO.Municipality):
        assert ref.value(m, DCTERMS.source) == doc


def test_reference_data_conforms_to_shapes(ref):
    data = Graph()
    data.parse(ROOT / "ontology" / "ecosystem.ttl", format="turtle")
    for t in ref:
        data.add(t)
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    conforms, _g, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=None, inference="none", advanced=True)
    assert conforms, text


def test_build_is_reproducible(build_module, tmp_path):
    if not SOURCE.is_file():
        pytest.skip(f"shared municipality list not found at {SOURCE}")
    assert build_module.main(["--source", str(SOURCE), "--out", str(tmp_path)]) == 0
    for name in ("regions.ttl", "municipalities.ttl"):
        assert (tmp_path / name).read_text(encoding="utf-8") == (REFERENCE / name).read_text(encoding="utf-8"), name


def _write_csv(path: Path, rows: list[str]) -> Path:
    path.write_bytes(("\r\n".join(["Kommune,Region", *rows]) + "\r\n").encode("latin-1"))
    return path


def test_reader_adds_missing_municipality_and_maps_irregular_names(build_module, tmp_path):
    src = _write_csv(tmp_path / "k.csv", ["København,Hovedstaden", "Århus,Midtjylland", "Læsø,Nordjylland"])
    got = {m.name: (m.official_name, m.region) for m in build_module.read_municipalities(src)}
    assert got == {
        "København": ("Københavns Kommune", "Hovedstaden"),
        "Aarhus": ("Aarhus Kommune", "Midtjylland"),
        "Læsø": ("Læsø Kommune", "Nordjylland"),
        "Helsingør": ("Helsingør Kommune", "Hovedstaden"),
    }


def test_reader_does_not_duplicate_helsingoer_if_the_list_gets_fixed(build_module, tmp_path):
    src = _write_csv(tmp_path / "k.csv", ["Helsingør,Hovedstaden"])
    assert [m.name for m in build_module.read_municipalities(src)] == ["Helsingør"]


@pytest.mark.parametrize(
    "rows,fragment",
    [
        (["Odense,Fyn"], "k.csv:2: unknown region 'Fyn'"),
        (["Odense"], "k.csv:2: expected 2 columns"),
        (["Odense,Syddanmark", "Odense,Syddanmark"], "occurs twice"),
    ],
)
def test_reader_rejects_bad_rows(build_module, tmp_path, rows, fragment):
    src = _write_csv(tmp_path / "k.csv", rows)
    with pytest.raises(ValueError, match=fragment.replace("(", r"\(")):
        build_module.read_municipalities(src)


def test_main_reports_bad_input_with_exit_2(build_module, tmp_path, capsys):
    assert build_module.main(["--source", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "out")]) == 2
    assert "missing.csv" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
