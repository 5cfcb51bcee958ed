"""Tests for graph.importers.cordis on a small slice of the real CORDIS CSVs.

The slice holds two real projects: 101079147 (TWIN2PIPSA, health-flagged,
five participations from PT, DK, IL and UK) and 101039416 (Fashioning Sudan,
no health flag). The expected values below were read off the CSV rows by hand.
"""

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib.namespace import RDF, SKOS

from graph.errors import InputError
from graph.importers.cordis import DEFAULT_DIR, EUR_DKK, import_cordis, main
from graph.vocab import ATTR, DCTERMS, ECO, EURIO, ID, SCHEMA

PIDS = {"101079147", "101039416"}
FILES = ["projects.csv", "organizations.csv", "topics.csv", "euroscivoc.csv"]


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    if not (DEFAULT_DIR / "projects.csv").exists():
        pytest.skip("CORDIS data not available")
    out = tmp_path_factory.mktemp("cordis")
    for name in FILES:
        with (DEFAULT_DIR / name).open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            rows = [r for r in reader if (r.get("id") or r.get("projectID")) in PIDS]
            fields = reader.fieldnames
        with (out / name).open("w", encoding="utf-8", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=fields)
            w.writeheader()
            w.writerows(rows)
    return out


P = ID["cordis/project/101079147"]
KU = ID["cordis/org/999991043"]


def test_health_only_project(folder):
    ds = import_cordis(folder)
    assert set(ds.subjects(RDF.type, EURIO.Project)) == {P}
    assert (P, RDF.type, ECO.Initiative) in ds
    labels = {str(o) for o in ds.objects(P, SKOS.prefLabel)}
    assert labels == {"TWIN2PIPSA: Twinning for excellence in biophysics of protein interactions and self-assembly"}
    assert str(ds.value(P, SCHEMA.startDate)) == "2022-10-01"
    assert str(ds.value(P, SCHEMA.endDate)) == "2026-03-31"


def test_grant_in_dkk(folder):
    ds = import_cordis(folder)
    grant = ds.value(None, SCHEMA.fundedItem, P)
    assert ds.value(grant, SCHEMA.amount).toPython() == Decimal("1228957") * EUR_DKK
    assert str(ds.value(grant, SCHEMA.currency)) == "DKK"
    assert ds.value(grant, ATTR["ec-max-contribution-eur"]).toPython() == Decimal("1228957")
    assert ds.value(grant, SCHEMA.funder) == ID["europa-kommissionen"]


def test_participants_types_roles_regions(folder):
    ds = import_cordis(folder)
    partners = set(ds.subjects(ECO.partnerIn, P))
    assert len(partners) == 5
    assert (KU, RDF.type, ECO.University) in ds
    assert (ID["cordis/org/915056194"], RDF.type, ECO.ResearchInstitute) in ds  # REC
    assert (KU, SCHEMA.location, ID["region-hovedstaden"]) in ds
    assert str(ds.value(KU, SCHEMA.vatID)) == "DK29979812"
    assert "CVR:29979812" in {str(x) for x in ds.objects(KU, DCTERMS.identifier)}
    assert "PIC:999991043" in {str(x) for x in ds.objects(KU, DCTERMS.identifier)}
    roles = {str(ds.value(st, SCHEMA.roleName)) for st in ds.subjects(RDF.predicate, ECO.partnerIn)}
    assert roles == {"coordinator", "thirdParty", "participant", "associatedPartner"}
    # foreign organisations get no Danish region
    assert ds.value(ID["cordis/org/999901609"], SCHEMA.location) is None


def test_fields_and_topics(folder):
    ds = import_cordis(folder)
    subjects = set(ds.objects(P, DCTERMS.subject))
    assert ID["euroscivoc/1613"] in subjects  # proteins
    assert ID["cordis/topic/HORIZON-WIDERA-2021-ACCESS-03-01"] in subjects
    assert str(ds.value(ID["euroscivoc/1613"], SKOS.prefLabel)) == "proteins"
    assert (ID["euroscivoc/1613"], SKOS.broader, ID["euroscivoc/997"]) in ds


def test_all_projects_and_danish_only(folder):
    ds = import_cordis(folder, health_only=False, danish_only=True)
    assert len(set(ds.subjects(RDF.type, EURIO.Project))) == 2
    assert set(ds.subjects(ECO.partnerIn, None)) == {KU}


def test_every_project_has_evidence(folder):
    ds = import_cordis(folder, health_only=False)
    ev = ID["ev/cordis-101079147"]
    assert (ev, RDF.type, ECO.Evidence) in ds
    assert (P, RDF.type, EURIO.Project) in ds.graph(ev)


def test_bad_amount_names_file_and_row(folder, tmp_path):
    for name in FILES:
        (tmp_path / name).write_text((folder / name).read_text(encoding="utf-8"), encoding="utf-8")
    text = (tmp_path / "projects.csv").read_text(encoding="utf-8").replace(",1228957,", ",lots,", 1)
    (tmp_path / "projects.csv").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        import_cordis(tmp_path)
    # header = row 1, Fashioning Sudan = row 2, TWIN2PIPSA = row 3
    assert [(Path(p.file).name, p.line, p.message) for p in err.value.problems] == [
        ("projects.csv", 3, "not a number: 'lots'")]


def test_missing_folder_is_input_error(tmp_path):
    with pytest.raises(InputError):
        import_cordis(tmp_path / "nope")


def test_main_writes_trig(folder, tmp_path, capsys):
    out = tmp_path / "c.trig"
    assert main([str(out), str(folder)]) == 0
    assert out.exists() and "eurio:Project" in out.read_text(encoding="utf-8")
    assert "1 projects" in capsys.readouterr().out
    assert main([str(out), str(tmp_path / "nope")]) == 2
