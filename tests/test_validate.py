"""graph.validate: SHACL and Python checks, each problem mapped to file and line (or row)."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import pytest
from rdflib import Graph

from graph.load import load
from graph.validate import ValidationReport, shapes_path, validate

FIX = Path(__file__).parent / "fixtures" / "validate"
SHAPES = FIX / "mini-shapes.ttl"


@pytest.fixture(params=["fast", "pyshacl"])
def engine(request) -> str:
    """Both SHACL engines must give the same report."""
    return request.param


def _where(report: ValidationReport):
    return sorted((p.file, p.line, p.message) for p in report.problems)


def test_violation_mapped_to_file_and_line(engine):
    f = FIX / "clusters.ttl"
    report = validate(load([f], bundled=False), shapes=SHAPES, engine=engine)
    assert not report.conforms
    assert _where(report) == [
        (str(f), 9, "cluster has no label (skos:prefLabel)"),
        (str(f), 12, "cluster has no label (skos:prefLabel)"),
    ]
    assert {p.focus for p in report.problems} == {"http://example.org/nameless", "http://example.org/also-nameless"}
    assert all(p.severity == "Violation" for p in report.problems)
    d = report.as_dict()
    assert set(d) == {"conforms", "errors"}
    assert set(d["errors"][0]) == {"file", "line", "message", "focus", "severity"}


def test_line_numbers_through_gz(tmp_path, engine):
    f = tmp_path / "clusters.ttl.gz"
    f.write_bytes(gzip.compress((FIX / "clusters.ttl").read_bytes()))
    report = validate(load([f], bundled=False), shapes=SHAPES, engine=engine)
    assert [(p.file, p.line) for p in report.problems] == [(str(f), 9), (str(f), 12)]


def test_violation_in_table_mapped_to_row(tmp_path, engine):
    e = tmp_path / "elements.csv"
    e.write_text(
        "Label;Type;Description\nAcme;Virksomhed;laver ting\nBeta;Virksomhed;\nGamma;Klynge;\n",
        encoding="utf-8",
    )
    report = validate(load([e]), shapes=SHAPES, engine=engine)
    assert [(p.file, p.line) for p in report.problems] == [(str(e), 3)]
    assert report.problems[0].message.startswith("company has no description")


def test_violation_in_workbook_names_sheet(tmp_path, engine):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Elements"
    for row in (["Label", "Type"], ["A", "Klynge"], ["B", "Company"]):
        ws.append(row)
    book = tmp_path / "book.xlsx"
    wb.save(book)
    report = validate(load([book]), shapes=SHAPES, engine=engine)
    assert [(p.file, p.line) for p in report.problems] == [(f"{book}[Elements]", 3)]


def test_quotes_must_occur_in_local_source_text(tmp_path):
    for name in ("evidence.ttl", "source.txt"):
        shutil.copy(FIX / name, tmp_path / name)
    report = validate(load([tmp_path / "evidence.ttl"], bundled=False), shapes=Graph())
    assert [(p.file, p.line, p.severity) for p in report.problems] == [(str(tmp_path / "evidence.ttl"), 13, "Violation")]
    assert "et gammelt netværk" in report.problems[0].message
    assert not report.conforms
    # the text is gone: the document's source is reported
    (tmp_path / "source.txt").unlink()
    report = validate(load([tmp_path / "evidence.ttl"], bundled=False), shapes=Graph())
    assert [(p.line, "not found" in p.message) for p in report.problems] == [(8, True)]


def test_strict_checks_are_reported_by_validate(tmp_path):
    f = tmp_path / "p.ttl"
    f.write_text(
        "@prefix schema: <https://schema.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        '<http://example.org/p> schema:startDate "2021-01-01"^^xsd:date ;\n'
        '    schema:endDate "2020-01-01"^^xsd:date .\n',
        encoding="utf-8",
    )
    report = validate(load([f], bundled=False, strict=False), shapes=Graph())
    assert [(p.file, p.line) for p in report.problems] == [(str(f), 3)]
    assert "before" in report.problems[0].message


def test_conforming_data():
    report = validate(load([FIX / "clusters.ttl"], bundled=False), shapes=Graph())
    assert report.conforms and report.problems == ()


@pytest.mark.skipif(not shapes_path().is_file(), reason="ontology/shapes.ttl not written yet")
def test_project_shapes_catch_a_bad_membership(tmp_path, engine):
    f = tmp_path / "m.ttl"
    f.write_text(
        "@prefix eco: <https://w3id.org/ecokg/def#> .\n@prefix org: <http://www.w3.org/ns/org#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix ex: <http://example.org/> .\n"
        'ex:c a eco:Cluster ; skos:prefLabel "C"@da .\n'
        'ex:idea a eco:FocusArea ; skos:prefLabel "Idé"@da .\n'
        "ex:c org:memberOf ex:idea .\n",
        encoding="utf-8",
    )
    report = validate(load([f], bundled=False, strict=False), engine=engine)
    mine = [p for p in report.problems if p.file == str(f)]
    assert (str(f), 5) in {(p.file, p.line) for p in mine}
    assert any("member of" in p.message for p in mine)


def test_values_keep_their_spelling_and_ill_typed_literals_are_left_to_the_strict_checks(tmp_path, engine):
    f = tmp_path / "g.ttl"
    f.write_text(
        "@prefix schema: <https://schema.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "@prefix eco: <https://w3id.org/ecokg/def#> .\n@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<http://example.org/i> a eco:Initiative ; skos:prefLabel "I" ; eco:budget -7.50 ;\n'
        '    schema:endDate "2020-13-45"^^xsd:date .\n',
        encoding="utf-8",
    )
    report = validate(load([f], bundled=False, strict=False), engine=engine, duplicates=False)
    assert [(p.line, p.message) for p in report.problems] == [
        (5, "budget must be a non-negative decimal in DKK (one xsd:decimal or xsd:integer such as 28000000) "
            '(eco:budget, value "-7.50"^^<http://www.w3.org/2001/XMLSchema#decimal>)'),
        (5, "eco:budget -7.50 is negative"),
        (5, "schema:endDate '2020-13-45' is not a valid date"),
    ]


def test_unknown_engine_is_an_error():
    with pytest.raises(ValueError, match="engine"):
        validate(load([FIX / "clusters.ttl"], bundled=False), shapes=SHAPES, engine="turbo")
