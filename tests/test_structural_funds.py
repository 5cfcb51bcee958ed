"""Importer for the Danish EU structural-fund project lists."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Literal
from rdflib.namespace import RDF, XSD

from graph.errors import InputError
from graph.importers.structural_funds import FUNDS, import_structural_funds, main
from graph.vocab import ATTR, DCTERMS, ECO, ID, OA, PROV, SCHEMA, SKOS

OLD = (
    "projekttitel,start_dato,slut_dato,ordning,Indsatsområde,budget,eu,tas_projekt_besk,region,cvr,navn,vejnavn,postnr,bynavn,parter\n"
    'TeleKOL,01.02.2010,31.12.2012,ERDFN,Innovation og videndeling,"1000000,50",500000,"Hjemmemonitorering af KOL-\u00adpatienter.",Nordjylland,12345678,Medi-Dose ApS,Vej 1,9000,Aalborg,Aalborg Universitet\n'
    "Vækst Bornholm,01.01.2011,31.12.2011,ESFB,Udvikling af menneskelige ressourcer,200000,100000,Kurser.,Bornholm,87654321,Bornholms Regionskommune,Vej 2,3700,Rønne,\n"
    "Nationalt,01.01.2011,31.12.2011,ERDFK,Innovation og videndeling,300000,100000,Pulje.,Konkurrenceudsat pulje,11112222,Væksthus Midtjylland,Vej 3,8000,Aarhus,\n"
)
NEW = (
    "Projektitel / Operation name,Startdato / Operation start date,Slutdato / Operation end date,Prioritetsakse / Priority axis,"
    "Budget / Budget,EU-medfinansiering / Union co-financing,Projektbeskrivelse,Fond / Fund,Region / Region,"
    "Kontraktansvarlig partner / Beneficiary name,Kontaktperson / Contacts,Partere / Project partners\n"
    '"Vækst 2.0 ",24.04.2014,28.02.2017,"2 Flere vækstvirksomheder",15.414.794,7.707.397,"Vækst i SMV.",R,Nordjylland,'
    'Væksthus Nordjylland,"Helle Larsen,22718716,hl@example.dk",\n'
)


@pytest.fixture
def files(tmp_path):
    old = tmp_path / "dk_structural_funds_2007-2013.csv"
    new = tmp_path / "dk_structural_funds_2014-2020.csv"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    return old, new


def initiative(ds, title):
    (iri,) = [s for s in ds.subjects(SKOS.prefLabel, Literal(title, lang="da")) if (s, RDF.type, ECO.Initiative) in ds]
    return iri


def test_projects_are_initiatives_with_typed_values(files):
    ds = import_structural_funds(files)
    p = initiative(ds, "TeleKOL")
    assert ds.value(p, DCTERMS.description) == Literal("Hjemmemonitorering af KOL-patienter.", lang="da")
    assert ds.value(p, SCHEMA.location) == ID["region-nordjylland"]
    assert ds.value(p, SCHEMA.startDate) == Literal("2010-02-01", datatype=XSD.date)
    assert ds.value(p, SCHEMA.endDate) == Literal("2012-12-31", datatype=XSD.date)
    assert ds.value(p, ECO.budget).toPython() == Decimal("1000000.50")
    assert ds.value(p, SCHEMA.funder) == FUNDS["ERDF"][0]
    assert (FUNDS["ERDF"][0], RDF.type, ECO.Investor) in ds
    assert str(ds.value(p, ATTR.parter)) == "Aalborg Universitet"
    grant = ds.value(predicate=SCHEMA.fundedItem, object=p)
    assert ds.value(grant, SCHEMA.amount).toPython() == Decimal("500000")
    lead = ds.value(predicate=ECO.partnerIn, object=p)
    assert (lead, RDF.type, ECO.Company) in ds
    assert ds.value(lead, DCTERMS.identifier) == Literal("12345678")
    assert ds.value(lead, SCHEMA.vatID) == Literal("DK12345678")


def test_regions_bornholm_and_national_pool(files):
    ds = import_structural_funds(files)
    assert ds.value(initiative(ds, "Vækst Bornholm"), SCHEMA.location) == ID["region-hovedstaden"]
    assert ds.value(initiative(ds, "Nationalt"), SCHEMA.location) is None
    lead = ds.value(predicate=ECO.partnerIn, object=initiative(ds, "Vækst Bornholm"))
    assert lead == ID["kommune/bornholm"]  # the reference municipality, not a new entity


def test_2014_2020_layout_and_contacts_dropped(files):
    ds = import_structural_funds(files)
    p = initiative(ds, "Vækst 2.0")
    assert ds.value(p, ECO.budget).toPython() == Decimal("15414794")
    assert ds.value(p, SCHEMA.funder) == FUNDS["ERDF"][0]
    text = ds.serialize(format="nquads")
    assert "Helle" not in text and "22718716" not in text and "hl@example.dk" not in text


def test_each_row_is_evidence_in_its_own_graph(files):
    ds = import_structural_funds(files)
    p = initiative(ds, "TeleKOL")
    graphs = {g for _s, _p, _o, g in ds.quads((p, RDF.type, ECO.Initiative, None))}
    (g,) = graphs
    assert g == ID["ev/eu-strukturfonde-2007-2013-2"]
    assert (g, RDF.type, ECO.Evidence) in ds
    assert ds.value(g, PROV.wasDerivedFrom) == ID["doc/eu-strukturfonde-2007-2013"]
    quote = str(ds.value(ds.value(g, OA.hasSelector), OA.exact))
    assert quote.startswith("TeleKOL,01.02.2010,31.12.2012,ERDFN,") and quote in OLD
    new = initiative(ds, "Vækst 2.0")
    (g2,) = {g for _s, _p, _o, g in ds.quads((new, RDF.type, ECO.Initiative, None))}
    quote = str(ds.value(ds.value(g2, OA.hasSelector), OA.exact))
    assert quote in NEW and quote.endswith("Væksthus Nordjylland") and "Helle" not in quote


def test_one_preferred_label_per_organisation(tmp_path):
    p = tmp_path / "dk_structural_funds_2007-2013.csv"
    p.write_text(
        "projekttitel,navn\nA,Aarhus Universitet\nB,Aarhus universitet\n", encoding="utf-8"
    )
    ds = import_structural_funds([p])
    org = ds.value(predicate=ECO.partnerIn, object=initiative(ds, "A"))
    assert list(ds.objects(org, SKOS.prefLabel)) == [Literal("Aarhus Universitet", lang="da")]
    assert (org, ECO.partnerIn, initiative(ds, "B")) in ds


def test_bad_rows_name_file_and_row(tmp_path):
    bad = tmp_path / "dk_structural_funds_2007-2013.csv"
    bad.write_text(
        "projekttitel,start_dato,slut_dato,ordning,budget,region\n"
        "A,2010-01-01,31.12.2010,ERDFN,100,Nordjylland\n"
        "B,01.01.2012,31.12.2010,ERDFN,100,Nordjylland\n"
        "C,01.01.2010,31.12.2010,XYZ,abc,Atlantis\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        import_structural_funds([bad])
    lines = err.value.lines()
    assert lines[0] == f"{bad}:2: start date is not dd.mm.yyyy: '2010-01-01'"
    assert lines[1] == f"{bad}:3: end 2010-12-31 is before start 2012-01-01"
    assert any(l.startswith(f"{bad}:4: budget is not an amount") for l in lines)
    assert any(l.startswith(f"{bad}:4: unknown fund") for l in lines)


def test_command_writes_trig(files, tmp_path, capsys):
    out = tmp_path / "sf.trig"
    assert main([str(out), *map(str, files)]) == 0
    assert "4 projects written" in capsys.readouterr().out
    from rdflib import Dataset

    ds = Dataset(default_union=True).parse(out, format="trig")
    assert len(set(ds.subjects(RDF.type, ECO.Initiative))) == 4


def test_command_reports_bad_input(tmp_path, capsys):
    assert main([str(tmp_path / "o.trig"), str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv: cannot read" in capsys.readouterr().err


def test_partner_lists_become_partner_links(files):
    ds = import_structural_funds(files)
    telekol = initiative(ds, "TeleKOL")
    partners = {str(o) for s in ds.subjects(ECO.partnerIn, telekol) for o in ds.objects(s, SKOS.prefLabel)}
    assert "Aalborg Universitet" in partners
    plain = import_structural_funds(files, partners=False)
    named = {str(o) for s in plain.subjects(ECO.partnerIn, initiative(plain, "TeleKOL")) for o in plain.objects(s, SKOS.prefLabel)}
    assert "Aalborg Universitet" not in named


def test_partner_quote_is_verbatim_in_the_csv(tmp_path):
    old = tmp_path / "dk_structural_funds_2007-2013.csv"
    row = OLD.splitlines()[1].rsplit(",", 1)[0] + ',"""Toppen af Danmark A/S"", Aalborg Universitet"\n'
    old.write_text(OLD.splitlines()[0] + "\n" + row, encoding="utf-8")
    ds = import_structural_funds([old])
    raw = old.read_text(encoding="utf-8")
    quotes = [str(q) for s in ds.subjects(RDF.type, ECO.Evidence) if "partners" in str(s)
              for sel in ds.objects(s, OA.hasSelector) for q in ds.objects(sel, OA.exact)]
    assert quotes and all(q in raw for q in quotes), quotes
