"""Kumu tables (xlsx workbook, elements/connections CSV pair) through graph.load."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from rdflib import Literal, URIRef

from graph.errors import InputError
from graph.ids import entity_iri
from graph.load import load
from graph.sourcemap import locate
from graph.tables import parse_table_amount, parse_table_date
from graph.vocab import ATTR, DCTERMS, ECO, FOAF, ID, OA, ORG, PROV, RDF, SCHEMA, SKOS, TIME, XSD

FIX = Path(__file__).parent / "fixtures" / "rdf"

ELEMENTS = (
    "Label;Type;Description;Tags;Region;Start;End;Budget;Website;Contact person\n"
    "Sundhedsklyngen;Klynge;En klynge;Telemedicin | Robotteknologi;Syddanmark;2019;;;www.example.dk;Ida\n"
    "Acme ApS;Virksomhed;;telemedicin;Region Midtjylland;;;;;\n"
    "Bedre Pleje;Projekt;Et projekt;;;2020-03;2021-06;1.500.000;https://bp.example.org/;\n"
    "Testklyngen;Cluster;;;;;;;;\n"
)
CONNECTIONS = (
    "From;To;Type;Start;End;Amount;Description\n"
    "Acme ApS;Sundhedsklyngen;medlem af;2019-05-01;;;\n"
    "Bedre Pleje;Acme ApS;finansieret af;2020;2021;250000,50;tilskud\n"
    "Acme ApS;Bedre Pleje;partner i;;;;som leverandør\n"
    "Sundhedsklyngen;Region Syddanmark;located in;;;;\n"
)


def _pair(folder: Path, elements: str = ELEMENTS, connections: str = CONNECTIONS, *, bom=True):
    folder.mkdir(parents=True, exist_ok=True)
    e = folder / "kumu-elements.csv"
    c = folder / "kumu-connections.csv"
    e.write_text(elements, encoding="utf-8-sig" if bom else "utf-8")
    c.write_text(connections, encoding="utf-8")
    return e, c


def _problems(info):
    return sorted((p.file, p.line) for p in info.value.problems)


def test_csv_pair_semicolon_bom_danish_types(tmp_path):
    e, c = _pair(tmp_path)
    ds = load([FIX / "cluster.ttl", e, c])
    klynge = entity_iri("Sundhedsklyngen")
    acme = entity_iri("Acme ApS")
    pleje = entity_iri("Bedre Pleje")
    assert (klynge, RDF.type, ECO.Cluster) in ds
    assert (acme, RDF.type, ECO.Company) in ds
    assert (pleje, RDF.type, ECO.Initiative) in ds
    assert (klynge, SKOS.prefLabel, Literal("Sundhedsklyngen", lang="da")) in ds
    # tags -> focus areas; an existing focus area (case-insensitive label) is reused
    tele = entity_iri("Telemedicin", "focus")
    robot = URIRef("https://w3id.org/ecokg/id/focus/robotics")
    assert set(ds.objects(klynge, DCTERMS.subject)) == {tele, robot}
    assert (acme, DCTERMS.subject, tele) in ds
    assert (tele, RDF.type, ECO.FocusArea) in ds
    assert len(set(ds.subjects(SKOS.prefLabel, Literal("Telemedicin", lang="da")))) == 1
    # region, dates, budget, url, other columns
    assert (klynge, SCHEMA.location, entity_iri("Region Syddanmark")) in ds
    assert (acme, SCHEMA.location, entity_iri("Region Midtjylland")) in ds
    assert (klynge, SCHEMA.startDate, Literal("2019-01-01", datatype=XSD.date)) in ds
    assert (pleje, SCHEMA.startDate, Literal("2020-03-01", datatype=XSD.date)) in ds
    assert (pleje, SCHEMA.endDate, Literal("2021-06-30", datatype=XSD.date)) in ds
    assert (pleje, ECO.budget, Literal("1500000", datatype=XSD.decimal)) in ds
    assert (klynge, SCHEMA.url, URIRef("https://www.example.dk")) in ds
    assert (pleje, SCHEMA.url, URIRef("https://bp.example.org/")) in ds
    assert (klynge, ATTR["contact-person"], Literal("Ida")) in ds
    # a row joins an existing entity by label (Testklyngen is in cluster.ttl)
    existing = URIRef("https://w3id.org/ecokg/id/test-cluster")
    assert not list(ds.triples((entity_iri("Testklyngen"), None, None)))
    assert len(list(ds.objects(existing, SKOS.prefLabel))) == 2  # no extra label added
    # connections
    assert (acme, ORG.memberOf, klynge) in ds
    assert (pleje, SCHEMA.funder, acme) in ds
    assert (acme, ECO.partnerIn, pleje) in ds
    assert (klynge, SCHEMA.location, entity_iri("Region Syddanmark")) in ds


def test_qualified_relations(tmp_path):
    e, c = _pair(tmp_path)
    ds = load([e, c])
    acme, klynge, pleje = entity_iri("Acme ApS"), entity_iri("Sundhedsklyngen"), entity_iri("Bedre Pleje")
    (m,) = set(ds.subjects(RDF.type, ORG.Membership)) & set(ds.subjects(ORG.member, acme))
    assert (m, ORG.organization, klynge) in ds
    interval = ds.value(m, ORG.memberDuring)
    begin = ds.value(interval, TIME.hasBeginning)
    assert ds.value(begin, TIME.inXSDDate) == Literal("2019-05-01", datatype=XSD.date)
    assert ds.value(interval, TIME.hasEnd) is None
    (grant,) = set(ds.subjects(SCHEMA.fundedItem, pleje))
    assert (grant, RDF.type, SCHEMA.MonetaryGrant) in ds
    assert (grant, SCHEMA.funder, acme) in ds
    assert ds.value(grant, SCHEMA.amount) == Literal("250000.50", datatype=XSD.decimal)
    assert ds.value(grant, SCHEMA.startDate) == Literal("2020-01-01", datatype=XSD.date)
    assert ds.value(grant, SCHEMA.endDate) == Literal("2021-12-31", datatype=XSD.date)
    (st,) = set(ds.subjects(RDF.predicate, ECO.partnerIn))
    assert (st, RDF.subject, acme) in ds and (st, RDF.object, pleje) in ds
    assert ds.value(st, DCTERMS.description) == Literal("som leverandør", lang="da")
    # a plain connection gets no qualified node
    assert not set(ds.subjects(RDF.predicate, SCHEMA.location))


def test_row_graphs_and_evidence(tmp_path):
    e, c = _pair(tmp_path)
    ds = load([e, c])
    row3 = URIRef(e.resolve().as_uri() + "#row=3")
    acme = entity_iri("Acme ApS")
    assert (acme, RDF.type, ECO.Company) in ds.graph(row3)
    assert (row3, RDF.type, ECO.Evidence) in ds
    doc = ds.value(row3, PROV.wasDerivedFrom)
    assert doc == URIRef(e.resolve().as_uri())
    assert (doc, RDF.type, FOAF.Document) in ds
    assert ds.value(doc, DCTERMS.title) == Literal("kumu-elements.csv")
    assert ds.value(doc, DCTERMS.date).datatype == XSD.date
    quote = ds.value(ds.value(row3, OA.hasSelector), OA.exact)
    assert str(quote) == "Label=Acme ApS, Type=Virksomhed, Tags=telemedicin, Region=Region Midtjylland"
    conn_row2 = URIRef(c.resolve().as_uri() + "#row=2")
    assert (acme, ORG.memberOf, entity_iri("Sundhedsklyngen")) in ds.graph(conn_row2)
    # the source map gives the row back
    where, row = locate(ds, acme)
    assert (where, row) == (str(e), 3)


def test_comma_csv_without_bom_and_english_names(tmp_path):
    e, c = _pair(
        tmp_path,
        "label,TYPE,budget\nAlpha,University College,\"1500000,50\"\nBeta,research institute,\n",
        "FROM,to,Type\nAlpha,Beta,Part Of\n",
        bom=False,
    )
    ds = load([tmp_path])  # the folder: the pair is found
    a, b = entity_iri("Alpha"), entity_iri("Beta")
    assert (a, RDF.type, ECO.UniversityCollege) in ds
    assert (b, RDF.type, ECO.ResearchInstitute) in ds
    assert (a, ECO.budget, Literal("1500000.50", datatype=XSD.decimal)) in ds
    assert (a, ORG.subOrganizationOf, b) in ds


def test_named_elements_file_finds_its_partner(tmp_path):
    e, c = _pair(tmp_path)
    ds = load([e])
    assert (entity_iri("Acme ApS"), ORG.memberOf, entity_iri("Sundhedsklyngen")) in ds


def _xlsx(path: Path, elements: list[list], connections: list[list] | None) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Elements"
    for row in elements:
        ws.append(row)
    if connections is not None:
        ws2 = wb.create_sheet("Connections")
        for row in connections:
            ws2.append(row)
    wb.save(path)
    return path


def test_xlsx_workbook(tmp_path):
    book = _xlsx(
        tmp_path / "book.xlsx",
        [
            ["Label", "Type", "Start", "End", "Budget", "Region"],
            ["Welfare Lab", "Innovationsnetværk", dt.datetime(2018, 12, 1), 2020, 28000000, "region østdanmark"],
            ["Odense Kommune", "Kommune", None, None, None, "Syddanmark"],
        ],
        [["From", "To", "Type", "Amount"], ["Welfare Lab", "Odense Kommune", "Funded by", 2500000.5]],
    )
    ds = load([book])
    lab = entity_iri("Welfare Lab")
    # "Odense Kommune" joins the municipality of the reference data when it is there
    odense = next(iter(ds.subjects(SKOS.prefLabel, Literal("Odense Kommune", lang="da"))))
    assert len(set(ds.subjects(SKOS.prefLabel, Literal("Odense Kommune", lang="da")))) == 1
    assert (lab, RDF.type, ECO.InnovationNetwork) in ds
    assert (odense, RDF.type, ECO.Municipality) in ds
    assert (lab, SCHEMA.startDate, Literal("2018-12-01", datatype=XSD.date)) in ds
    assert (lab, SCHEMA.endDate, Literal("2020-12-31", datatype=XSD.date)) in ds
    assert (lab, ECO.budget, Literal("28000000", datatype=XSD.decimal)) in ds
    assert (lab, SCHEMA.location, entity_iri("Region Østdanmark")) in ds
    (grant,) = set(ds.subjects(SCHEMA.fundedItem, lab))
    assert ds.value(grant, SCHEMA.amount) == Literal("2500000.5", datatype=XSD.decimal)
    row = URIRef(book.resolve().as_uri() + "#sheet=Elements&row=2")
    assert (lab, RDF.type, ECO.InnovationNetwork) in ds.graph(row)
    assert locate(ds, lab) == (f"{book}[Elements]", 2)
    assert (odense, SCHEMA.location, entity_iri("Region Syddanmark")) in ds


def test_xlsx_errors_name_sheet_and_row(tmp_path):
    book = _xlsx(
        tmp_path / "bad.xlsx",
        [["Label", "Type"], ["A", "Klynge"], ["B", "Spaceship"]],
        [["From", "To", "Type"], ["A", "Nowhere", "member of"]],
    )
    with pytest.raises(InputError) as info:
        load([book])
    assert _problems(info) == [(f"{book}[Connections]", 2), (f"{book}[Elements]", 3)]
    msgs = " ".join(p.message for p in info.value.problems)
    assert "unknown Type 'Spaceship'" in msgs and "Klynge" in msgs and "Cluster" in msgs


def test_every_kind_of_bad_row_is_reported(tmp_path):
    elements = (
        "Label;Type;Start;End;Budget;Region\n"
        "Good;Klynge;;;;\n"  # 2
        ";Klynge;;;;\n"  # 3 empty label
        "Good;Virksomhed;;;;\n"  # 4 duplicate
        "Weird;Rumskib;;;;\n"  # 5 unknown type
        "Dated;Projekt;2020-13;;;\n"  # 6 bad date
        "Backwards;Projekt;2021;2020;;\n"  # 7 end before start
        "Poor;Projekt;;;-5;\n"  # 8 negative budget
        "Vague;Projekt;;;lots;\n"  # 9 non-numeric budget
        "Lost;Virksomhed;;;;Jylland\n"  # 10 unknown region
    )
    connections = (
        "From;To;Type;Amount\n"
        "Good;Dated;partner i;\n"  # 2 fine
        "Good;Ghost;partner i;\n"  # 3 dangling
        "Good;Dated;hates;\n"  # 4 unknown connection type
        "Dated;Good;finansieret af;-100\n"  # 5 negative amount
        "Good;Weird;partner i;\n"  # 6 its element row is reported already: no second problem
    )
    e, c = _pair(tmp_path, elements, connections)
    with pytest.raises(InputError) as info:
        load([e, c])
    assert _problems(info) == sorted(
        [(str(e), n) for n in (3, 4, 5, 6, 7, 8, 9, 10)] + [(str(c), n) for n in (3, 4, 5)]
    )
    by_line = {(p.file, p.line): p.message for p in info.value.problems}
    assert "empty Label" in by_line[(str(e), 3)]
    assert "duplicate Label 'Good' (first in row 2)" in by_line[(str(e), 4)]
    assert "unknown Type 'Rumskib'" in by_line[(str(e), 5)] and "Virksomhed" in by_line[(str(e), 5)]
    assert "Start" in by_line[(str(e), 6)]
    assert "before" in by_line[(str(e), 7)]
    assert "negative" in by_line[(str(e), 8)]
    assert "not an amount" in by_line[(str(e), 9)]
    assert "unknown Region 'Jylland'" in by_line[(str(e), 10)]
    assert "dangling" in by_line[(str(c), 3)] and "Ghost" in by_line[(str(c), 3)]
    assert "unknown connection Type 'hates'" in by_line[(str(c), 4)]
    assert "negative" in by_line[(str(c), 5)]


def test_missing_required_columns(tmp_path):
    e, c = _pair(tmp_path, "Name;Type\nA;Klynge\n", "From;Type\nA;member of\n")
    with pytest.raises(InputError) as info:
        load([e, c])
    assert _problems(info) == [(str(c), 1), (str(e), 1)]
    assert {p.message for p in info.value.problems} == {
        "missing required column 'Label'",
        "missing required column 'To'",
    }


def test_connections_without_elements(tmp_path):
    c = tmp_path / "x-connections.csv"
    c.write_text("From;To;Type\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load([c])
    assert _problems(info) == [(str(c), None)]


def test_not_utf8_csv(tmp_path):
    e, c = _pair(tmp_path)
    e.write_bytes("Label;Type\nA;Klynge\nB;Fond\nÅ;Klynge\n".encode("latin-1"))
    with pytest.raises(InputError) as info:
        load([e, c])
    assert _problems(info) == [(str(e), 4)]


def test_not_a_workbook(tmp_path):
    f = tmp_path / "fake.xlsx"
    f.write_text("not a zip", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load([f])
    assert _problems(info) == [(str(f), None)]


@pytest.mark.parametrize(
    "text, end, expected",
    [
        ("2019", False, dt.date(2019, 1, 1)),
        ("2019", True, dt.date(2019, 12, 31)),
        ("2019-02", True, dt.date(2019, 2, 28)),
        ("2019-02-03", True, dt.date(2019, 2, 3)),
        (2019, False, dt.date(2019, 1, 1)),
        ("03.02.2019", False, dt.date(2019, 2, 3)),
    ],
)
def test_parse_table_date(text, end, expected):
    assert parse_table_date(text, end=end) == expected


@pytest.mark.parametrize("text", ["2019-00", "20190", "2019-02-30", "soon", "2019-1-1-1"])
def test_parse_table_date_rejects(text):
    with pytest.raises(ValueError):
        parse_table_date(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1500000", Decimal("1500000")),
        ("1.500.000", Decimal("1500000")),
        ("1500000,50", Decimal("1500000.50")),
        ("1.500.000,50 kr.", Decimal("1500000.50")),
        ("1,500,000", Decimal("1500000")),
        ("2,8 mio. kr.", Decimal("2800000")),
        ("14 mio.", Decimal("14000000")),
        ("DKK", None),
        ("1.2.3", None),
    ],
)
def test_parse_table_amount(text, expected):
    if expected is None:
        with pytest.raises(ValueError):
            parse_table_amount(text)
    else:
        assert parse_table_amount(text) == expected


def test_blank_nodes_of_two_tables_do_not_collide(tmp_path):
    e1, c1 = _pair(tmp_path / "one")
    e2, c2 = _pair(
        tmp_path / "two",
        "Label;Type\nX;Klynge\nY;Virksomhed\n",
        "From;To;Type;Start\nY;X;medlem af;2020\n",
    )
    ds = load([tmp_path / "one", tmp_path / "two"])
    members = {ds.value(m, ORG.member) for m in ds.subjects(RDF.type, ORG.Membership)}
    assert {entity_iri("Acme ApS"), entity_iri("Y")} <= members
    assert len(set(ds.subjects(RDF.type, ORG.Membership))) == 2


def test_other_connection_columns_go_on_the_qualified_node(tmp_path):
    e, c = _pair(
        tmp_path,
        "Label;Type\nA;Virksomhed\nB;Klynge\nC;Virksomhed\n",
        "From;To;Type;Strength\nA;B;medlem af;strong\nA;C;fusioneret ind i;\n",
    )
    ds = load([e, c])
    a, b, cc = entity_iri("A"), entity_iri("B"), entity_iri("C")
    (m,) = set(ds.subjects(ORG.member, a))
    assert (m, ORG.organization, b) in ds
    assert (m, ATTR["strength"], Literal("strong")) in ds
    (ev,) = set(ds.subjects(ORG.originalOrganization, a))
    assert (ev, RDF.type, ORG.ChangeEvent) in ds and (ev, ORG.resultingOrganization, cc) in ds
    assert (a, ECO.mergedInto, cc) in ds


def test_row_naming_a_reference_region_mentions_it_in_the_row_graph(tmp_path):
    _pair(
        tmp_path,
        "Label,Type\nRegion Syddanmark,Region\nProjekt A,Projekt\n",
        "From,To,Type\nProjekt A,Region Syddanmark,ligger i\n",
        bom=False,
    )
    ds = load([tmp_path])
    region = ID["region-syddanmark"]
    graphs = {str(g) for _s, _p, _o, g in ds.quads((region, RDF.type, ECO.Region, None))}
    assert any(g.endswith("#row=2") for g in graphs), graphs
    assert len(set(ds.objects(region, RDF.type))) == 1
