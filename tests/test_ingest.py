"""Tests for graph.ingest on small hand-written Danish press releases.

The expected answers were worked out by hand from the texts below (not from
the seed texts), so they check the rules, not a memorised example.
"""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset
from rdflib.namespace import RDF

from graph.gazetteer import Gazetteer, find_focus_terms
from graph.ingest import ENTITY_TYPES, Ingested, ingest_text, to_dataset
from graph.vocab import ECO, ID, OA, SCHEMA

ROOT = Path(__file__).resolve().parents[1]

ROBOT = """12-03-21

Ny klynge skal styrke robotter i sundhedsvæsenet

Region Midtjylland og Aarhus Kommune har etableret klyngen Midtjysk Robotnetværk. Innovationsfonden støtter netværket med 4,5 mio. kr. Netværket består af virksomhederne Blue Ocean Robotics ApS, Universal Robots A/S og Aarhus Universitet.

”Vi glæder os,” siger Mette Sørensen, direktør, Midtjysk Robotnetværk.

Kontakt: Mette Sørensen, mette@robotnet.dk, tlf. 22 33 44 55
"""

REHAB = """05-06-23

Millioner til nyt partnerskab om digital genoptræning

Syddansk Universitet, Odense Universitetshospital og Vejle Kommune går sammen i partnerskabet Genoptræning Hjemme. Projektet modtager 9,5 mio. kr. fra Novo Nordisk Fonden og løber fra 1. august 2023 til 31. juli 2026.

Virksomheden Rehab Robotics ApS er partner i projektet. Rehab Robotics ApS blev stiftet i 2019 og har kontor i Odense.

”Vi kan hjælpe flere patienter hjemme,” siger Jens Kristian Holm, professor, Syddansk Universitet.

Om Rehab Robotics
Rehab Robotics ApS er en dansk virksomhed, der udvikler robotter til genoptræning.

Kontakt
Projektleder, Anna Lund, Odense Universitetshospital, anna.lund@rsyd.dk, tlf. 65 41 22 33
"""

MERGER = """Sammenlægning af to netværk

Innovationsnetværket Sund Vækst og Innovationsnetværket Digital Pleje fusionerer. Det nye netværk hedder Dansk Sundhedsnetværk. Det er en sammenlægning af Sund Vækst og Digital Pleje. Dansk Sundhedsnetværk har et samlet budget på 12 mio. kr.

Foreningen Dansk Sundhedsnetværk er stiftet af Region Sjælland, Roskilde Universitet og Professionshøjskolen Absalon.
"""

STARTUP = """Pressemeddelelse – 15. marts 2024

Dansk startup får millioninvestering til AI-værktøj mod hjertesvigt

Københavnske CardioAI ApS har rejst 12 mio. kr. i en investeringsrunde ledet af Vækstfonden med deltagelse af Novo Holdings. Pengene skal bruges til at afprøve virksomhedens AI-værktøj på Rigshospitalet og Herlev Hospital i samarbejde med Region Hovedstaden.

Projektet gennemføres sammen med Danmarks Tekniske Universitet og løber fra 1. april 2024 til 31. marts 2027. Desuden bidrager Innovationsfonden med 3,5 mio. kr. gennem programmet Grand Solutions.

"Vi har ventet på et værktøj som dette," udtaler Maria Holm Jensen, overlæge og klinikchef på Rigshospitalet.

"Investeringen gør det muligt at skalere vores løsning til hele Norden," siger CEO og medstifter af CardioAI, Peter Nørgaard.

CardioAI blev grundlagt i 2021 af Peter Nørgaard og Sofie Lind og har i dag 14 medarbejdere. Virksomheden er medlem af Copenhagen Healthtech Cluster og Medicoindustrien.

Om CardioAI ApS
CardioAI ApS udvikler software, der forudsiger hjertesvigt ud fra EKG-data. Virksomheden har hovedsæde i København.

For yderligere information:
Peter Nørgaard, CEO, CardioAI ApS, pn@cardioai.dk, +45 31 22 45 67
"""

REGION = """Nyhed fra Region Nordjylland, 2. oktober 2023

Telemedicin skal hjælpe borgere med KOL i hele Nordjylland

Region Nordjylland og de nordjyske kommuner lancerer nu projektet TeleKOL Nord, der skal give borgere med KOL mulighed for at blive fulgt hjemmefra. Projektet er støttet af Sundhedsstyrelsen med 6,8 millioner kroner, mens Det Obelske Familiefond har bevilget 1,2 mio. kr. til projektet.

Bag projektet står Aalborg Universitetshospital (AAUH), Aalborg Kommune, Hjørring Kommune og Frederikshavn Kommune. Den tekniske løsning leveres af virksomheden MedNord A/S fra Aalborg.

- Vi ser frem til at komme i gang, siger regionsrådsformand Ulla Astman.

Borgmester i Aalborg Kommune Thomas Kastrup-Larsen glæder sig også:

- Det er et stort skridt for de kommunale sundhedstilbud, siger han.

Projektet løber til udgangen af 2026.

Yderligere oplysninger:
Projektleder Lene Mortensen, Aalborg Universitetshospital, tlf. 97 66 00 00, lene.mortensen@rn.dk
"""

REPORT = """København, 14. juni 2022

Ny rapport: Danmark kan blive førende inden for sundheds-AI

Under Folkemødet på Bornholm præsenterede tænketanken DEA og Dansk Erhverv en ny rapport om kunstig intelligens i sundhedsvæsenet. Rapporten Fremtidens Sundhed peger på, at Danmark med sine sundhedsdata har en unik position i Europa.

Ifølge rapporten bør Sundheds- og Ældreministeriet afsætte 250 mio. kr. over fem år til en national AI-strategi. Covid-19 har vist, hvor vigtige data er, fremhæver rapporten.

"Vi skal turde investere nu," siger Anne Marie Schou, vicedirektør i Dansk Erhverv.

Læs hele rapporten på www.dea.dk.

Fakta
• Danmark har ca. 5,9 mio. indbyggere
• Sundhedsudgifterne udgør ca. 10 pct. af BNP
"""

CENTRE = """Aarhus Universitet, 8. februar 2024

60 millioner kroner til nyt center for præcisionsmedicin

Novo Nordisk Fonden har bevilget 60 millioner kroner til etableringen af Center for Præcisionsmedicin ved Aarhus Universitet. Centeret skal ledes af professor Karen Dahl fra Institut for Klinisk Medicin og åbner den 1. september 2024.

Centeret skal samarbejde tæt med Aarhus Universitetshospital, Region Midtjylland og virksomheden Genomic Insights ApS. Desuden deltager Alexandra Instituttet som partner.

- Med bevillingen kan vi samle de bedste forskere inden for området, siger Karen Dahl.

Dekan for Health, Aarhus Universitet, Lise Wogensen Bach, glæder sig over bevillingen.

Kontakt:
Karen Dahl, professor
Mail: kd@clin.au.dk
Telefon: 87 15 00 00
"""

CONSORTIUM = """Nyt konsortium skal udvikle fremtidens hjemmepleje

Konsortiet Smart Pleje Danmark er etableret med støtte fra Innovationsfonden.

Partnerne bag konsortiet er:
• Odense Kommune
• Syddansk Universitet
• CareTech Solutions A/S
• MedCom

Smart Pleje Danmark vil fokusere på:
• Velfærdsteknologi i hjemmet
• Digital dokumentation
"""

LIFESCIENCE = """17-01-25

Life science-klynger indgår strategisk partnerskab

Danish Life Science Cluster og BioInnovation Institute indgår et strategisk partnerskab, der skal styrke iværksættere inden for sundhed. Partnerskabet får en samlet ramme på 4 mio. kr. i perioden 2025-2027.

Ifølge Anders Karlsen, direktør i Danish Life Science Cluster, er samarbejdet et naturligt skridt.

BioInnovation Institutes CEO, Jens Nielsen, udtaler:
"Vi glæder os til at bygge bro mellem forskning og erhverv."

Danish Life Science Cluster blev etableret 1. januar 2021 og har over 400 medlemmer, herunder Novo Nordisk A/S, LEO Pharma A/S og Region Hovedstaden.
"""


@pytest.fixture(scope="module")
def reference_gazetteer():
    ds = Dataset(default_union=True)
    for f in sorted((ROOT / "data" / "reference").glob("*.ttl")):
        ds.parse(str(f), format="turtle")
    return Gazetteer.from_graph(ds)


@pytest.fixture(scope="module")
def robot():
    return ingest_text(ROBOT, source="robot.txt")


@pytest.fixture(scope="module")
def rehab(reference_gazetteer):
    return ingest_text(REHAB, source="rehab.txt", gazetteer=reference_gazetteer)


def _ents(res: Ingested, *types):
    return {(e.label, e.type) for e in res.entities if not types or e.type in types}


def _stmts(res: Ingested):
    return {(s.subject, s.predicate, s.object) for s in res.statements}


def test_robot_entities(robot):
    orgs = _ents(robot, *ENTITY_TYPES)
    assert orgs == {
        ("Region Midtjylland", "Region"),
        ("Aarhus Kommune", "Municipality"),
        ("Midtjysk Robotnetværk", "Cluster"),
        ("Innovationsfonden", "Investor"),
        ("Blue Ocean Robotics ApS", "Company"),
        ("Universal Robots A/S", "Company"),
        ("Aarhus Universitet", "University"),
        ("Mette Sørensen", "Person"),
    }


def test_robot_values(robot):
    values = {(e.type, e.value) for e in robot.entities if e.type in ("Amount", "Date", "Email", "Phone")}
    assert values == {
        ("Date", date(2021, 3, 12)),
        ("Amount", Decimal("4500000")),
        ("Email", "mette@robotnet.dk"),
        ("Phone", "+4522334455"),
    }
    assert robot.document_date == date(2021, 3, 12)


def test_robot_statements(robot):
    assert _stmts(robot) == {
        ("Midtjysk Robotnetværk", "schema:founder", "Region Midtjylland"),
        ("Midtjysk Robotnetværk", "schema:founder", "Aarhus Kommune"),
        ("Midtjysk Robotnetværk", "schema:funder", "Innovationsfonden"),
        ("Blue Ocean Robotics ApS", "org:memberOf", "Midtjysk Robotnetværk"),
        ("Universal Robots A/S", "org:memberOf", "Midtjysk Robotnetværk"),
        ("Aarhus Universitet", "org:memberOf", "Midtjysk Robotnetværk"),
        ("Mette Sørensen", "schema:worksFor", "Midtjysk Robotnetværk"),
        ("Mette Sørensen", "org:headOf", "Midtjysk Robotnetværk"),
        ("Mette Sørensen", "vcard:hasEmail", "mette@robotnet.dk"),
        ("Mette Sørensen", "vcard:hasTelephone", "+4522334455"),
    }
    grant = next(s for s in robot.statements if s.predicate == "schema:funder")
    assert grant.amount == Decimal("4500000")
    post = next(s for s in robot.statements if s.predicate == "org:headOf")
    assert post.post == "direktør"


def test_rehab(rehab):
    stmts = _stmts(rehab)
    for expected in [
        ("Syddansk Universitet", "eco:partnerIn", "Genoptræning Hjemme"),
        ("Odense Universitetshospital", "eco:partnerIn", "Genoptræning Hjemme"),
        ("Vejle Kommune", "eco:partnerIn", "Genoptræning Hjemme"),
        ("Rehab Robotics ApS", "eco:partnerIn", "Genoptræning Hjemme"),
        ("Genoptræning Hjemme", "schema:funder", "Novo Nordisk Fonden"),
        ("Rehab Robotics ApS", "schema:foundingDate", "2019"),
        ("Rehab Robotics ApS", "schema:location", "Odense Kommune"),
        ("Jens Kristian Holm", "schema:worksFor", "Syddansk Universitet"),
        ("Anna Lund", "schema:worksFor", "Odense Universitetshospital"),
    ]:
        assert expected in stmts
    grant = next(s for s in rehab.statements if s.predicate == "schema:funder")
    assert (grant.amount, grant.start_date, grant.end_date) == (Decimal("9500000"), date(2023, 8, 1), date(2026, 7, 31))
    # "professor" is a post, not the head of the university
    assert ("Jens Kristian Holm", "org:headOf", "Syddansk Universitet") not in stmts
    # matched against the reference data
    vejle = rehab.entity("Vejle Kommune")
    assert vejle.match == ID["kommune/vejle"]
    assert rehab.entity("Rehab Robotics ApS").match is None


def test_merger_and_budget():
    res = ingest_text(MERGER, source="merger.txt")
    stmts = _stmts(res)
    assert ("Sund Vækst", "eco:mergedInto", "Dansk Sundhedsnetværk") in stmts
    assert ("Digital Pleje", "eco:mergedInto", "Dansk Sundhedsnetværk") in stmts
    assert ("Dansk Sundhedsnetværk", "eco:budget", "12000000") in stmts
    founders = {o for s, p, o in stmts if s == "Dansk Sundhedsnetværk" and p == "schema:founder"}
    assert founders == {"Region Sjælland", "Roskilde Universitet", "Professionshøjskolen Absalon"}


def test_acronym_is_known_and_alias():
    text = "Aalborg Universitet (AAU) og SDU samarbejder. AAU leder projektet."
    res = ingest_text(text, source="x.txt")
    aau = res.entity("AAU")
    assert aau.label == "Aalborg Universitet" and aau.type == "University"
    assert len(aau.mentions) == 3
    assert res.entity("SDU").label == "Syddansk Universitet"


def test_no_entities_from_plain_sentences():
    text = "Det er godt. Nu tager vi skridtet videre. Samtidig vil vi arbejde mere."
    res = ingest_text(text, source="x.txt")
    assert [e for e in res.entities if e.type in ENTITY_TYPES] == []
    assert res.statements == ()


@pytest.mark.parametrize("text", [ROBOT, REHAB, MERGER])
def test_offsets_and_quotes_are_exact(text):
    res = ingest_text(text, source="x.txt")
    for e in res.entities:
        for s, t in e.mentions or ((e.start, e.end),):
            assert 0 <= s < t <= len(text)
        if e.type == "Focus Area" and find_focus_terms(text[e.start : e.end]):
            # a term of the thesaurus, in any inflected form ("genoptræning", "telemedicinske")
            assert [t.label for t in find_focus_terms(text[e.start : e.end])] == [e.label]
        elif e.type not in ("Date", "Amount", "Email", "Phone"):
            assert text[e.start : e.end].rstrip("s") in {e.label, *e.aliases} or text[e.start : e.end] in {e.label, *e.aliases}
        else:
            assert text[e.start : e.end] == e.label
    for st in res.statements:
        assert text[st.start : st.end] == st.quote


def test_as_dict_contract_keys(robot):
    d = robot.as_dict()
    assert {"entities", "statements"} <= set(d)
    assert all({"label", "type", "start", "end"} <= set(e) for e in d["entities"])
    assert all({"subject", "predicate", "object", "quote"} <= set(s) for s in d["statements"])
    import json

    json.dumps(d)  # serialisable


def test_to_dataset_is_a_valid_candidate_graph(tmp_path):
    src = tmp_path / "robot.txt"
    src.write_text(ROBOT, encoding="utf-8")
    res = ingest_text(ROBOT, source=str(src))
    ds = to_dataset(res)
    cands = list(ds.subjects(RDF.type, ECO.CandidateGraph))
    assert len(cands) == 1
    evidence = list(ds.subjects(RDF.type, ECO.Evidence))
    assert len(evidence) == len(res.statements)
    for ev in evidence:
        sel = ds.value(ev, OA.hasSelector)
        assert str(ds.value(sel, OA.exact)) == ROBOT[int(ds.value(sel, OA.start)) : int(ds.value(sel, OA.end))]
    grant = next(ds.subjects(RDF.type, SCHEMA.MonetaryGrant))
    assert str(ds.value(grant, SCHEMA.amount)) == "4500000"
    out = tmp_path / "robot.trig"
    out.write_text(ds.serialize(format="trig"), encoding="utf-8")

    from graph.load import load
    from graph.validate import validate

    report = validate(load([out], strict=False))
    assert report.conforms, [str(p) for p in report.problems]


def test_rejects_non_text():
    with pytest.raises(TypeError):
        ingest_text(b"bytes", source="x")


def test_startup_investment():
    res = ingest_text(STARTUP, source="startup.txt")
    assert res.document_date == date(2024, 3, 15)
    cardio = res.entity("CardioAI")
    assert cardio.label == "CardioAI ApS" and cardio.type == "Company"
    assert len(cardio.mentions) == 6  # "Københavnske" is not part of the name
    assert res.entity("Sofie Lind").type == "Person"  # coordinated with a known person
    stmts = _stmts(res)
    for expected in [
        ("CardioAI ApS", "schema:funder", "Vækstfonden"),
        ("CardioAI ApS", "schema:funder", "Novo Holdings"),
        ("CardioAI ApS", "schema:funder", "Innovationsfonden"),
        ("CardioAI ApS", "schema:founder", "Peter Nørgaard"),
        ("CardioAI ApS", "schema:founder", "Sofie Lind"),
        ("CardioAI ApS", "schema:foundingDate", "2021"),
        ("CardioAI ApS", "org:memberOf", "Copenhagen Healthtech Cluster"),
        ("Maria Holm Jensen", "schema:worksFor", "Rigshospitalet"),
        ("Peter Nørgaard", "org:headOf", "CardioAI ApS"),
        ("Peter Nørgaard", "vcard:hasEmail", "pn@cardioai.dk"),
    ]:
        assert expected in stmts
    amounts = {s.object: s.amount for s in res.statements if s.predicate == "schema:funder"}
    assert amounts == {"Vækstfonden": Decimal("12000000"), "Novo Holdings": Decimal("12000000"),
                       "Innovationsfonden": Decimal("3500000")}
    posts = {s.post for s in res.statements if s.subject == "Maria Holm Jensen" and s.predicate == "schema:worksFor"}
    assert posts == {"overlæge", "klinikchef"}


def test_region_project(reference_gazetteer):
    res = ingest_text(REGION, source="region.txt", gazetteer=reference_gazetteer)
    assert res.document_date == date(2023, 10, 2)  # from the first line
    people = {e.label for e in res.entities if e.type == "Person"}
    assert people == {"Ulla Astman", "Thomas Kastrup-Larsen", "Lene Mortensen"}
    stmts = _stmts(res)
    for org in ["Region Nordjylland", "Aalborg Universitetshospital", "Aalborg Kommune", "Hjørring Kommune",
                "Frederikshavn Kommune"]:
        assert (org, "eco:partnerIn", "TeleKOL Nord") in stmts
    grants = {(s.subject, s.object, s.amount) for s in res.statements if s.predicate == "schema:funder"}
    assert grants == {("TeleKOL Nord", "Sundhedsstyrelsen", Decimal("6800000")),
                      ("TeleKOL Nord", "Det Obelske Familiefond", Decimal("1200000"))}
    heads = {(s.subject, s.object, s.post) for s in res.statements if s.predicate == "org:headOf"}
    # "regionsrådsformand Ulla Astman": the one region of the text (title-implied organisation)
    assert heads == {("Thomas Kastrup-Larsen", "Aalborg Kommune", "borgmester"), ("Ulla Astman", "Region Nordjylland", "regionsrådsformand")}
    assert ("Lene Mortensen", "schema:worksFor", "Aalborg Universitetshospital") in stmts
    assert res.entity("AAUH").label == "Aalborg Universitetshospital"


def test_report_text_has_few_false_positives():
    res = ingest_text(REPORT, source="report.txt")
    actors = _ents(res, *(set(ENTITY_TYPES) - {"Focus Area"}))
    # the report's title, events, places, "Covid-19" and facts are not actors
    assert _ents(res, "Focus Area") == {("Sundhedsdata", "Focus Area"), ("Kunstig intelligens", "Focus Area")}
    assert actors == {
        ("DEA", "Association"),  # "tænketanken DEA"
        ("Dansk Erhverv", "Association"),  # "og Dansk Erhverv" in the same list
        ("Sundheds- og Ældreministeriet", "Public Authority"),
        ("Anne Marie Schou", "Person"),
    }
    amounts = [e.value for e in res.entities if e.type == "Amount"]
    assert amounts == [Decimal("250000000")]  # "5,9 mio. indbyggere" is not money
    assert _stmts(res) == {("Anne Marie Schou", "schema:worksFor", "Dansk Erhverv")}


def test_unit_head_driver_and_address_line(reference_gazetteer):
    text = (
        "Netværket driver partnerskabet Sund Data Nord.\n\n"
        "”Det er vigtigt,” siger Ole Berg, forskningschef, SDU Health, Syddansk Universitet.\n\n"
        "Nordisk Sundhedsklynge | Havnegade 3, Esbjerg | info@nsk.dk\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    stmts = _stmts(res)
    assert ("SDU Health", "org:subOrganizationOf", "Syddansk Universitet") in stmts
    assert ("Ole Berg", "org:headOf", "SDU Health") in stmts  # a chief of a unit heads it
    assert ("Ole Berg", "org:headOf", "Syddansk Universitet") not in stmts
    assert ("Nordisk Sundhedsklynge", "schema:location", "Esbjerg Kommune") in stmts


def test_university_centre():
    res = ingest_text(CENTRE, source="centre.txt")
    assert res.entity("Center for Præcisionsmedicin").type == "Organizational Unit"
    assert res.entity("Institut for Klinisk Medicin").type == "Organizational Unit"
    assert res.entity("Dekan for Health") is None  # a title, not a name
    assert res.entity("Lise Wogensen Bach").type == "Person"
    stmts = _stmts(res)
    centre = "Center for Præcisionsmedicin"
    assert ("Karen Dahl", "org:headOf", centre) in stmts  # "skal ledes af professor Karen Dahl"
    assert ("Institut for Klinisk Medicin", "org:headOf", centre) not in stmts
    for partner in ["Aarhus Universitetshospital", "Region Midtjylland", "Genomic Insights ApS", "Alexandra Instituttet"]:
        assert (partner, "eco:partnerIn", centre) in stmts  # "Centeret skal samarbejde tæt med ..."
    grant = next(s for s in res.statements if s.predicate == "schema:funder")
    assert (grant.subject, grant.object, grant.amount) == (centre, "Novo Nordisk Fonden", Decimal("60000000"))
    assert ("Karen Dahl", "vcard:hasEmail", "kd@clin.au.dk") in stmts  # "Mail:" on the line below
    assert ("Lise Wogensen Bach", "schema:worksFor", "Aarhus Universitet") in stmts


def test_cli_ingest_text_json_and_output_validates(tmp_path):
    import json

    from click.testing import CliRunner

    from cli import cli

    src = tmp_path / "robot.txt"
    src.write_text(ROBOT, encoding="utf-8")
    out = tmp_path / "robot.trig"
    result = CliRunner().invoke(cli, ["ingest", "text", str(src), "-o", str(out), "--json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    labels = {(e["label"], e["type"]) for e in doc["entities"]}
    assert ("Midtjysk Robotnetværk", "Cluster") in labels and ("Mette Sørensen", "Person") in labels
    assert all({"subject", "predicate", "object", "quote"} <= set(s) for s in doc["statements"])
    assert CliRunner().invoke(cli, ["validate", str(out)]).exit_code == 0
    missing = CliRunner().invoke(cli, ["ingest", "text", str(tmp_path / "nope.txt"), "-o", str(out)])
    assert missing.exit_code == 2


def test_bullet_lists_of_partners_and_focus_areas():
    res = ingest_text(CONSORTIUM, source="consortium.txt")
    stmts = _stmts(res)
    for partner in ["Odense Kommune", "Syddansk Universitet", "CareTech Solutions A/S", "MedCom"]:
        assert (partner, "eco:partnerIn", "Smart Pleje Danmark") in stmts
    assert ("Smart Pleje Danmark", "schema:funder", "Innovationsfonden") in stmts  # "med støtte fra"
    assert {o for s, p, o in stmts if p == "dcterms:subject"} == {"Velfærdsteknologi i hjemmet", "Digital dokumentation"}
    assert res.entity("Velfærdsteknologi i hjemmet").type == "Focus Area"


def test_titles_after_genitives_and_members_herunder():
    res = ingest_text(LIFESCIENCE, source="ls.txt")
    assert res.entity("Anders Karlsen").type == "Person"  # "Ifølge" is not part of the name
    assert res.entity("BioInnovation Institutes CEO") is None
    stmts = _stmts(res)
    assert ("Jens Nielsen", "org:headOf", "BioInnovation Institute") in stmts
    assert ("Anders Karlsen", "org:headOf", "Danish Life Science Cluster") in stmts
    for member in ["Novo Nordisk A/S", "LEO Pharma A/S", "Region Hovedstaden"]:
        assert (member, "org:memberOf", "Danish Life Science Cluster") in stmts
    assert ("Danish Life Science Cluster", "schema:foundingDate", "2021-01-01") in stmts


def test_initials_and_posts_stay_in_their_sentence():
    text = ("”Det er godt,” siger Jens K. Hansen, direktør, Nordic Robotics A/S. "
            "Anne-Marie Vangsgaard, formand for Danske Patienter, er enig.")
    res = ingest_text(text, source="x.txt")
    assert {e.label for e in res.entities if e.type == "Person"} == {"Jens K. Hansen", "Anne-Marie Vangsgaard"}
    posts = {(s.subject, s.object, s.post) for s in res.statements if s.predicate == "schema:worksFor"}
    assert posts == {("Jens K. Hansen", "Nordic Robotics A/S", "direktør"),
                     ("Anne-Marie Vangsgaard", "Danske Patienter", "formand")}


def test_regional_municipalities_are_expanded_from_the_known_graph():
    known = Dataset(default_union=True)
    for f in sorted((ROOT / "data" / "reference").glob("*.ttl")):
        known.parse(str(f), format="turtle")
    text = "Klyngen Sund Nord er stiftet af Region Nordjylland og de nordjyske kommuner."
    res = ingest_text(text, source="x.txt", known=known)
    munis = {e.label for e in res.entities if e.type == "Municipality"}
    assert len(munis) == 11 and "Hjørring Kommune" in munis and "Læsø Kommune" in munis
    founders = {o for s, p, o in _stmts(res) if s == "Sund Nord" and p == "schema:founder"}
    assert founders == munis | {"Region Nordjylland"}
    # without a known graph nothing is invented
    assert not [e for e in ingest_text(text, source="x.txt").entities if e.type == "Municipality"]


# Constructions of issue 6 (recall): quoted and numbered initiative names,
# founding, partners, funding in V2 order and in a second clause, posts in
# relative clauses and genitives, membership "Medlemmerne af X er", lists
# that end at a relative clause or a preposition. Text written for the test.
CONSTRUCTIONS = """14-05-24

Ny klynge skal samle dansk robotteknologi til ældreplejen

Odense Kommune, Syddansk Universitet og virksomheden CareBot A/S har etableret netværket ”Robotter i plejen”, som skal teste robotter på plejecentre. Partnere er desuden Vejle Kommune og UC SYD.

Trygfonden støtter netværket med 4,2 mio. kr., og initiativet Fremtidens Pleje har fået 1,5 mio. kr. fra Region Syddanmark.

Bag initiativet står Dansk Sundhedsinnovationsklynge, som består af Esbjerg Kommune, Kolding Kommune og Lillebælt Robotics ApS.

”Robotter kan aflaste personalet,” siger Karen Møller, direktør i CareBot A/S.

Programmet Velfærd 2030 er stiftet af Danske Regioner og KL i samarbejde med Sundhedsstyrelsen. Styrelsen bevilger 12 mio. kr. til programmet over tre år. Ud over det bidrager Novo Nordisk Fonden med 3 mio. kr.

Medlemmerne af klyngen er Aabenraa Kommune og Sønderborg Kommune.

Partnerskabet for Sund Aldring ledes af Mette Rask, der er formand for Ældre Sagen. Syddansk Universitets prorektor Lars Bonde, der stiftede CareBot A/S sammen med ingeniøren Eva Dahl, er glad.
"""


def test_constructions_of_press_releases():
    res = ingest_text(CONSTRUCTIONS, source="x.txt")
    ents = _ents(res)
    assert ("Robotter i plejen", "Innovation Network") in ents  # netværket ”…”
    assert ("Fremtidens Pleje", "Initiative") in ents
    assert ("Velfærd 2030", "Initiative") in ents
    assert {e.label for e in res.entities if e.type == "Person"} == {"Karen Møller", "Mette Rask", "Lars Bonde", "Eva Dahl"}
    stmts = _stmts(res)
    for founder in ("Odense Kommune", "Syddansk Universitet", "CareBot A/S"):
        assert ("Robotter i plejen", "schema:founder", founder) in stmts
    assert ("Vejle Kommune", "eco:partnerIn", "Robotter i plejen") in stmts
    assert ("UC SYD", "eco:partnerIn", "Robotter i plejen") in stmts
    grants = {(s.subject, s.object, s.amount) for s in res.statements if s.predicate == "schema:funder"}
    assert grants == {
        ("Robotter i plejen", "Trygfonden", Decimal("4200000")),
        ("Fremtidens Pleje", "Region Syddanmark", Decimal("1500000")),
        ("Velfærd 2030", "Sundhedsstyrelsen", Decimal("12000000")),  # "Styrelsen bevilger …"
        ("Velfærd 2030", "Novo Nordisk Fonden", Decimal("3000000")),  # V2: "Ud over det bidrager X med …"
    }
    assert ("Dansk Sundhedsinnovationsklynge", "eco:partnerIn", "Fremtidens Pleje") in stmts
    # the members of the cluster are not partners of the initiative
    assert ("Esbjerg Kommune", "org:memberOf", "Dansk Sundhedsinnovationsklynge") in stmts
    assert ("Esbjerg Kommune", "eco:partnerIn", "Fremtidens Pleje") not in stmts
    # "i samarbejde med" ends the list of founders
    assert ("Velfærd 2030", "schema:founder", "Sundhedsstyrelsen") not in stmts
    assert ("Sundhedsstyrelsen", "eco:partnerIn", "Velfærd 2030") in stmts
    assert ("Aabenraa Kommune", "org:memberOf", "Dansk Sundhedsinnovationsklynge") in stmts
    assert ("Mette Rask", "org:headOf", "Partnerskabet for Sund Aldring") in stmts
    assert ("Mette Rask", "org:headOf", "Ældre Sagen") in stmts
    assert ("Lars Bonde", "schema:worksFor", "Syddansk Universitet") in stmts
    assert ("CareBot A/S", "schema:founder", "Lars Bonde") in stmts
    assert ("CareBot A/S", "schema:founder", "Eva Dahl") in stmts
    assert ("Karen Møller", "org:headOf", "CareBot A/S") in stmts


def test_focus_terms_sites_and_party_letters(reference_gazetteer):
    text = (
        "Klyngen Sund Teknologi arbejder med telemedicin og sundheds- og velfærdsteknologiske løsninger "
        "til borgere med KOL. Klyngen har kontorer i Esbjerg og Vejle.\n\n"
        "Også en tur i Sund Teknologis nye og åbne faciliteter blev det til.\n\n"
        "”Godt,” siger Ib Holm, regionsrådsformand i Region Syddanmark (V).\n\n"
        "Kontaktperson\nSTK\nSpecialkonsulent\nLone Berg\n+45 2920 1951\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    focus = {e.label for e in res.entities if e.type == "Focus Area"}
    assert focus == {"Telemedicin", "Sundheds- og velfærdsteknologi", "KOL"}
    stmts = _stmts(res)
    assert {o for s, p, o in stmts if s == "Sund Teknologi" and p == "dcterms:subject"} == focus
    sites = {e.label for e in res.entities if e.type == "Facility"}
    assert sites == {"Sund Teknologis kontor i Esbjerg", "Sund Teknologis kontor i Vejle", "Sund Teknologis faciliteter"}
    assert ("Sund Teknologis kontor i Vejle", "schema:location", "Vejle Kommune") in stmts
    assert ("Sund Teknologi", "org:hasSite", "Sund Teknologis faciliteter") in stmts
    assert ("Ib Holm", "org:memberOf", "Venstre") in stmts
    # "STK" is never expanded, but it is the initials of a name in the text
    assert ("Lone Berg", "schema:worksFor", "Sund Teknologi") in stmts


@pytest.mark.parametrize(
    "content, line, words",
    [
        (b"", 1, "empty file"),
        (b"  \n\n", 1, "empty file"),
        (b"Region Syddanmark\n\x00\x01\x02binary", 2, "binary"),
        (b"Linje et\nLinje to \xe6\xf8\xe5\n", 2, "not UTF-8"),
        (b"ok\n" + b"Region Syddanmark " * 6000 + b"\n", 2, "line of"),
        (b"ok\nbell \x07 here\n", 2, "control character"),
    ],
)
def test_cli_ingest_text_rejects_hostile_input_with_file_and_line(tmp_path, content, line, words):
    from click.testing import CliRunner

    from cli import cli

    src = tmp_path / "in.txt"
    src.write_bytes(content)
    out = tmp_path / "out.trig"
    result = CliRunner().invoke(cli, ["ingest", "text", str(src), "-o", str(out)])
    assert result.exit_code == 2
    assert f"{src}:{line}: " in result.output and words in result.output
    assert "Traceback" not in result.output
    assert not out.exists()  # nothing written


def test_elaboration_of_a_group_and_named_partnerships(reference_gazetteer):
    text = (
        "Udvalget så en række satsninger inden for telemedicin, som alle har adresse i Kolding. "
        "Det drejede sig blandt andet om klyngen Sund Syd og virksomheden Telecare Nord ApS.\n\n"
        "Partnerskabet har fået navnet Hjertealliancen og bliver ledet af Center for Hjertesygdomme, "
        "som er en del af Rigshospitalet. Alliancens partnere er Vejle Kommune og Kolding Kommune.\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    stmts = _stmts(res)
    for item in ("Sund Syd", "Telecare Nord ApS"):
        assert (item, "schema:location", "Kolding Kommune") in stmts
        assert (item, "dcterms:subject", "Telemedicin") in stmts
    assert {("Hjertealliancen", "Partnership"), ("Hjertealliancen", "Initiative")} & _ents(res)  # "Partnerskabet … navnet X"
    assert ("Center for Hjertesygdomme", "org:headOf", "Hjertealliancen") in stmts
    assert ("Center for Hjertesygdomme", "org:subOrganizationOf", "Rigshospitalet") in stmts
    assert ("Vejle Kommune", "eco:partnerIn", "Hjertealliancen") in stmts


def test_known_focus_areas_do_not_split_names():
    from rdflib import Literal, URIRef
    from rdflib.namespace import SKOS

    known = Dataset(default_union=True)
    fa = URIRef("https://w3id.org/ecokg/id/focus/sundhed")
    known.add((fa, RDF.type, ECO.FocusArea))
    known.add((fa, SKOS.prefLabel, Literal("Sundhed", lang="da")))
    known.add((fa, SKOS.prefLabel, Literal("Health", lang="en")))
    text = "Virksomheden Corvita Health ApS er partner. Corvita Healths direktør Sofie Lindberg er glad."
    res = ingest_text(text, source="x.txt", known=known)
    assert ("Corvita Health ApS", "Company") in _ents(res)
    assert not [e for e in res.entities if e.type == "Focus Area"]
    assert ("Sofie Lindberg", "schema:worksFor", "Corvita Health ApS") in _stmts(res)


def test_founding_clause_named_in_the_next_sentence_and_fact_box(reference_gazetteer):
    text = (
        "Vejle Kommune og Syddansk Universitet etablerer sammen med virksomheden Rehab Robotics ApS "
        "et testcenter for velfærdsrobotter. Testcentret får navnet ”Robotlab Syd” og åbner den "
        "1. marts 2025 på plejecentret Sønderbo i Vejle.\n\n"
        "A.P. Møller Fonden støtter projektet med 6 millioner kroner, og Region Syddanmark bidrager "
        "med yderligere 1,5 mio. kroner. Bevillingen dækker perioden 2025-2027.\n\n"
        "Fakta om Robotlab Syd\n• Samlet budget: 9,2 mio. kr.\n• Partnere: Vejle Kommune og UC SYD\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    stmts = _stmts(res)
    for founder in ("Vejle Kommune", "Syddansk Universitet", "Rehab Robotics ApS"):
        assert ("Robotlab Syd", "schema:founder", founder) in stmts
    assert ("Rehab Robotics ApS", "eco:partnerIn", "Vejle Kommune") not in stmts
    assert ("Robotlab Syd", "dcterms:subject", "Velfærdsrobotter") in stmts
    assert ("Sønderbo", "Facility") in _ents(res)  # not a misspelt Sønderborg Kommune
    assert ("Sønderbo", "schema:location", "Vejle Kommune") in stmts
    grants = {(s.subject, s.object, s.amount, s.start_date, s.end_date) for s in res.statements if s.predicate == "schema:funder"}
    assert grants == {
        ("Robotlab Syd", "A.P. Møller Fonden", Decimal("6000000"), date(2025, 1, 1), date(2027, 12, 31)),
        ("Robotlab Syd", "Region Syddanmark", Decimal("1500000"), None, None),
    }
    assert ("Robotlab Syd", "eco:budget", "9200000") in stmts
    assert ("UC SYD", "eco:partnerIn", "Robotlab Syd") in stmts


def test_rounds_respectively_place_adjectives_and_unnamed_subjects(reference_gazetteer):
    text = (
        "Aarhusianske SleepWell ApS har afsluttet en investeringsrunde på 12 mio. kr. "
        "Runden er ledet af Seed Capital med deltagelse af Vækstfonden.\n\n"
        "SleepWell ApS blev stiftet i 2021 af lægen Sofie Dahl og ingeniøren Jonas Berg, der i dag er "
        "henholdsvis direktør og CTO.\n\n"
        "Forsøget blev finansieret af Trygfonden med 2 mio. kr.\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    grants = {(s.subject, s.object, s.amount) for s in res.statements if s.predicate == "schema:funder"}
    # the unnamed trial ("Forsøget") is not SleepWell: no grant to it from Trygfonden
    assert grants == {("SleepWell ApS", "Seed Capital", Decimal("12000000")), ("SleepWell ApS", "Vækstfonden", Decimal("12000000"))}
    stmts = _stmts(res)
    assert ("SleepWell ApS", "schema:location", "Aarhus Kommune") in stmts
    posts = {(s.subject, s.predicate, s.object, s.post) for s in res.statements if s.subject in ("Sofie Dahl", "Jonas Berg")}
    assert posts == {
        ("Sofie Dahl", "schema:worksFor", "SleepWell ApS", "direktør"),
        ("Sofie Dahl", "org:headOf", "SleepWell ApS", "direktør"),
        ("Jonas Berg", "schema:worksFor", "SleepWell ApS", "CTO"),
    }


def test_programme_run_by_a_cluster_and_contact_block_below(reference_gazetteer):
    text = (
        "Regionsrådet i Region Sjælland har besluttet at bevilge 5 mio. kr. til innovationsprogrammet Sund Sjælland. "
        "Sund Sjælland drives af klyngeorganisationen Zealand Health i samarbejde med Roskilde Universitet. "
        "Klyngen tæller blandt andet Næstved Kommune, Sygehus Sønderjylland og virksomheden CareTech ApS.\n\n"
        "Klyngedirektør i Zealand Health, Maja Holm, er glad. Zealand Health har sekretariat i Næstved.\n\n"
        "”Godt,” siger regionsrådsformand Ib Lund (A).\n\n"
        "Kontakt\n\nProgramchef\nOle Krag\nZealand Health\nTlf.: 21 43 65 87\nMail: ok@zh.dk\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    stmts = _stmts(res)
    assert ("Sund Sjælland", "Initiative") in _ents(res)
    assert ("Sygehus Sønderjylland", "Hospital") in _ents(res)
    assert ("Sygehus Sønderjylland", "org:memberOf", "Zealand Health") in stmts
    assert ("Sund Sjælland", "schema:funder", "Region Sjælland") in stmts
    assert ("Zealand Health", "org:headOf", "Sund Sjælland") in stmts
    assert ("Zealand Health", "eco:partnerIn", "Sund Sjælland") in stmts
    assert ("Roskilde Universitet", "eco:partnerIn", "Sund Sjælland") in stmts
    assert ("Maja Holm", "org:headOf", "Zealand Health") in stmts  # klyngedirektør
    assert ("Zealand Health", "schema:location", "Næstved Kommune") in stmts
    assert ("Ib Lund", "org:headOf", "Region Sjælland") in stmts  # the one region of the text
    assert ("Ib Lund", "org:memberOf", "Socialdemokratiet") in stmts
    assert ("Ole Krag", "schema:worksFor", "Zealand Health") in stmts
    assert ("Ole Krag", "vcard:hasEmail", "ok@zh.dk") in stmts


def test_partnership_entered_genitive_posts_steering_group_and_org_contact(reference_gazetteer):
    text = (
        "Odense, 3. marts 2025\n\nNyt partnerskab\n\n"
        "Odense Universitetshospital og virksomheden ScanAI ApS indgår et strategisk partnerskab om kunstig intelligens. "
        "Partnerskabet, der har fået navnet AI Fyn, skal afprøve løsninger.\n\n"
        "Indenrigs- og Sundhedsministeriet støtter partnerskabet med 2 mio. kr. fra Sundhedsinnovationspuljen.\n\n"
        "Projektet ledes af overlæge, ph.d. Eva Holm fra Radiologisk Klinik på Odense Universitetshospital.\n\n"
        "Danske Patienter sidder med i partnerskabets styregruppe sammen med Lægemiddelstyrelsen.\n\n"
        "Virksomhedens administrerende direktør er Henrik Sørup.\n\n"
        "Presseafdelingen, ScanAI ApS, presse@scanai.dk\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    stmts = _stmts(res)
    assert not [e for e in res.entities if e.label == "Odense Kommune"]  # the dateline is no actor
    for p in ("Odense Universitetshospital", "ScanAI ApS", "Danske Patienter", "Lægemiddelstyrelsen"):
        assert (p, "eco:partnerIn", "AI Fyn") in stmts
    assert ("AI Fyn", "dcterms:subject", "Kunstig intelligens") in stmts
    assert ("AI Fyn", "schema:funder", "Sundhedsministeriet") in stmts  # the known ministry (its alt label)
    assert ("AI Fyn", "schema:funder", "Sundhedsinnovationspuljen") not in stmts
    assert ("Eva Holm", "org:headOf", "AI Fyn") in stmts
    assert ("Eva Holm", "schema:worksFor", "Radiologisk Klinik") in stmts
    assert ("Radiologisk Klinik", "org:subOrganizationOf", "Odense Universitetshospital") in stmts
    assert ("Lægemiddelstyrelsen", "eco:partnerIn", "Danske Patienter") not in stmts
    assert ("Henrik Sørup", "org:headOf", "ScanAI ApS") in stmts
    assert ("ScanAI ApS", "vcard:hasEmail", "presse@scanai.dk") in stmts


def test_consortium_lists_coordinators_and_recipients_after_the_funder(reference_gazetteer):
    text = (
        "15-09-25\n\nDigital træning\n\n"
        "Et konsortium af forskere og virksomheder har fået 8 mio. kr. fra Innovationsfonden til projektet "
        "MoveHome, som skal udvikle digital genoptræning.\n\n"
        "Konsortiet består af:\n• Aarhus Universitet (AU)\n• Vejle Kommune\n• Fit Sensors ApS\n\n"
        "Projektet koordineres af AU, hvor lektor Mette Bach fra Institut for Folkesundhed er projektleder. "
        "Det samlede budget er på 10 mio. kr., og projektet løber fra 1. oktober 2025 til 30. september 2028.\n\n"
        "Fit Sensors ApS er en virksomhed fra Vejle, som udvikler sensorer. Fit Sensors ApS er en lille virksomhed.\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    stmts = _stmts(res)
    assert ("MoveHome", "schema:funder", "Innovationsfonden") in stmts
    for p in ("Aarhus Universitet", "Vejle Kommune", "Fit Sensors ApS"):
        assert (p, "eco:partnerIn", "MoveHome") in stmts  # the members of an initiative are its partners
        assert (p, "org:memberOf", "MoveHome") not in stmts
    assert ("Aarhus Universitet", "org:headOf", "MoveHome") in stmts
    assert ("Mette Bach", "org:headOf", "MoveHome") in stmts
    assert ("MoveHome", "eco:budget", "10000000") in stmts
    assert ("MoveHome", "schema:startDate", "2025-10-01") in stmts
    assert ("Fit Sensors ApS", "schema:location", "Vejle Kommune") in stmts


def test_hiring_members_herunder_bare_contact_lines_and_gathering(reference_gazetteer):
    text = (
        "Klyngeorganisationen Sund Data Nord har ansat Signe Holm som ny direktør.\n\n"
        "Samtidig har klyngen fået 7 mio. kr. fra Spar Nord Fonden til projektet Data til Borgeren.\n\n"
        "I dag har klyngen 85 medlemmer, heriblandt virksomhederne Trifork A/S samt Hjørring Kommune.\n\n"
        "Om Sund Data Nord\nSund Data Nord samler nordjyske aktører, der arbejder med sundhedsdata.\n\n"
        "Kontakt\nSigne Holm, direktør\nsh@sdn.dk\nTlf. 40 11 22 33\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    stmts = _stmts(res)
    assert ("Signe Holm", "org:headOf", "Sund Data Nord") in stmts
    assert ("Data til Borgeren", "Initiative") in _ents(res)
    assert ("Data til Borgeren", "schema:funder", "Spar Nord Fonden") in stmts
    assert ("Trifork A/S", "org:memberOf", "Sund Data Nord") in stmts
    assert ("Hjørring Kommune", "org:memberOf", "Sund Data Nord") in stmts
    assert ("Sund Data Nord", "schema:location", "Region Nordjylland") in stmts
    assert ("Signe Holm", "vcard:hasEmail", "sh@sdn.dk") in stmts
    assert ("Signe Holm", "vcard:hasTelephone", "+4540112233") in stmts


def test_joining_named_next_owners_affiliations_and_responsible_units(reference_gazetteer):
    text = (
        "Region Syddanmark og Vejle Kommune går nu sammen med virksomheden PulsLink I/S om at følge borgere "
        "med hjertesvigt. Samarbejdet hedder HjerteNær og omfatter 400 borgere.\n\n"
        "Hjerteafdelingen på Odense Universitetshospital står for den kliniske del. Overlæge Birgit Holm er "
        "samtidig tilknyttet Syddansk Universitet som klinisk lektor.\n\n"
        "PulsLink I/S blev stiftet i 2021 og er ejet af iværksætterne Amira Berg og Jonas Lind.\n\n"
        "Presseafdelingen, PulsLink I/S, presse@pulslink.dk\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    stmts = _stmts(res)
    assert ("HjerteNær", "Initiative") in _ents(res)
    for p in ("Region Syddanmark", "Vejle Kommune", "PulsLink I/S", "Hjerteafdelingen"):
        assert (p, "eco:partnerIn", "HjerteNær") in stmts
    assert ("PulsLink I/S", "eco:partnerIn", "Region Syddanmark") not in stmts
    assert ("HjerteNær", "dcterms:subject", "Hjertesvigt") in stmts
    assert ("Hjerteafdelingen", "org:subOrganizationOf", "Odense Universitetshospital") in stmts
    assert ("Birgit Holm", "schema:worksFor", "Syddansk Universitet") in stmts
    assert not [o for s, p, o in stmts if p == "schema:founder"]  # owners are not founders
    assert {e.label for e in res.entities if e.type == "Person"} == {"Birgit Holm", "Amira Berg", "Jonas Lind"}
    assert ("PulsLink I/S", "vcard:hasEmail", "presse@pulslink.dk") in stmts
    assert not [e for e in res.entities if e.label == "Presseafdelingen"]


def test_policy_topics_knowledge_dissemination_and_coordination():
    text = (
        "Netværket Sund Viden Vest arbejder med videnspredning om telemedicin mellem kommunerne. "
        "Formålet er bedre koordinering af de kommunale indsatser på ældreområdet.\n\n"
        "Vidensspredningen sker på årlige temadage.\n"
    )
    res = ingest_text(text, source="x.txt")
    focus = {e.label for e in res.entities if e.type == "Focus Area"}
    assert focus == {"Videnspredning", "Telemedicin", "Koordinering mellem initiativer"}
    assert res.entity("Videnspredning").mentions == ((text.index("videnspredning"), text.index("videnspredning") + 14), (text.index("Vidensspredningen"), text.index("Vidensspredningen") + 17))
    assert ("Sund Viden Vest", "dcterms:subject", "Videnspredning") in _stmts(res)
    # coordination of something else, and knowledge sharing, are no such topic
    assert [t.label for t in find_focus_terms("koordinering af trafikken og videndeling i teamet")] == []


def _initiatives(res: Ingested) -> dict[str, tuple[int, int]]:
    return {e.label: (e.start, e.end) for e in res.entities if e.type == "Initiative"}


def test_activity_given_as_an_example_of_a_collaboration_is_an_initiative(reference_gazetteer):
    text = (
        "Et godt eksempel på et tværkommunalt samarbejde er etableringen af et fælles testcenter for "
        "velfærdsteknologi i Vejle.\n\n"
        "Indførelsen af digitale plejeplaner i hjemmeplejen er et eksempel på et projekt, der har sparet tid.\n\n"
        "Det er et godt eksempel på, hvordan vi arbejder. Udvikling af nye tilbud er vigtig for alle.\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    a = text.index("etableringen")
    b = text.index("Indførelsen")
    assert _initiatives(res) == {
        "Etableringen af et fælles testcenter for velfærdsteknologi i Vejle": (a, text.index(" Vejle.") + 6),
        "Indførelsen af digitale plejeplaner i hjemmeplejen": (b, text.index(" er et eksempel")),
    }
    stmts = _stmts(res)
    first = "Etableringen af et fælles testcenter for velfærdsteknologi i Vejle"
    assert (first, "schema:location", "Vejle Kommune") in stmts
    assert (first, "dcterms:subject", "Velfærdsteknologi") in stmts
    quote = next(s for s in res.statements if s.subject == first and s.predicate == "schema:location")
    assert text[quote.start : quote.end] == quote.quote and quote.quote.startswith("Et godt eksempel")
    # no example of a collaboration, or no activity: nothing ("udvikling af nye tilbud" alone is no initiative)
    assert not [e for e in res.entities if e.label.startswith("Udvikling")]


def test_model_or_programme_of_a_place_is_an_initiative(reference_gazetteer):
    text = (
        "Kommunalbestyrelsen vil udbrede programmet for implementering af telemedicin i Aalborg Kommune til flere borgere.\n\n"
        "Region Midtjyllands model for opbygning af sundhedshuse skal nu evalueres.\n\n"
        "Erfaringerne fra indsatsen for udbredelse af hjemmemonitorering i Region Nordjyland deles med andre.\n\n"
        "Strategien for udvikling af sundheds-it i Region Hovedstaden er vedtaget.\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    prog = "Programmet for implementering af telemedicin i Aalborg Kommune"
    model = "Region Midtjyllands model for opbygning af sundhedshuse"
    # a place matched only fuzzily ("Nordjyland") is written as its known name in the label
    effort = "Indsatsen for udbredelse af hjemmemonitorering i Region Nordjylland"
    a = text.index("indsatsen")
    assert _initiatives(res) == {
        prog: (text.index("programmet"), text.index(" til flere")),
        model: (text.index("Region Midtjyllands"), text.index(" skal nu")),
        effort: (a, text.index(" deles")),
    }
    assert res.entity(effort).aliases == ("indsatsen for udbredelse af hjemmemonitorering i Region Nordjyland",)
    stmts = _stmts(res)
    assert {(s, o) for s, p, o in stmts if p == "schema:location"} == {
        (prog, "Aalborg Kommune"),
        (model, "Region Midtjylland"),
        (effort, "Region Nordjylland"),
    }
    assert (prog, "dcterms:subject", "Telemedicin") in stmts
    assert (effort, "dcterms:subject", "Hjemmemonitorering") in stmts
    # a strategy is a document, not an initiative
    assert not [e for e in res.entities if e.label.startswith("Strategien")]


def test_contact_writing_from_a_region_or_university_domain_places_the_unit(reference_gazetteer):
    text = (
        "Nyt tilbud til borgere med KOL\n\n"
        "Region Nordjylland og Aalborg Kommune åbner et nyt træningstilbud til borgere med KOL.\n\n"
        "Kontaktperson\nNord Sundhedslab\nProjektleder\nKaren Vang\n+45 2211 3344\nKaren.Vang@rn.dk\n\n"
        "Lars Holt, forsker, Center for Digital Rehabilitering, lh@health.sdu.dk, tlf. 65 50 11 22\n"
        "Mette Dahl, direktør, Sundtek ApS, md@rm.dk\n"
        "Anna Lund, overlæge, Aalborg Universitetshospital, anna.lund@rn.dk\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    parents = {(s.subject, s.object): s for s in res.statements if s.predicate == "org:subOrganizationOf"}
    assert set(parents) == {
        ("Nord Sundhedslab", "Region Nordjylland"),
        ("Center for Digital Rehabilitering", "Syddansk Universitet"),
    }
    assert parents[("Nord Sundhedslab", "Region Nordjylland")].quote == "Nord Sundhedslab\nProjektleder\nKaren Vang\n+45 2211 3344\nKaren.Vang@rn.dk"
    assert ("Nord Sundhedslab", "Organizational Unit") in _ents(res)
    # a company with a legal form and a hospital are bodies of their own, whatever their staff's addresses
    assert ("Sundtek ApS", "Company") in _ents(res)


def test_a_capitalised_thesaurus_term_names_the_focus_area_not_an_actor():
    text = (
        "Offentlig-Privat Innovation\n\n"
        "Vejle Kommune vil styrke offentlig-private innovationssamarbejder med virksomhederne. "
        "Et eksempel er partnerskabet Sund Innovation Vejle.\n"
    )
    res = ingest_text(text, source="x.txt")
    fa = res.entity("Offentlig-privat innovationssamarbejde")
    assert fa is not None and fa.type == "Focus Area"
    assert fa.mentions == ((0, 27), (text.index("offentlig-private"), text.index(" med virksomhederne")))
    assert _ents(res, "Initiative") == {("Sund Innovation Vejle", "Initiative")}


def test_disease_and_research_terms_of_the_thesaurus():
    found = find_focus_terms(
        "Borgere, der har haft en blodprop i hjernen eller en hjerneblødning, og patienter med blodforgiftning "
        "får nu hjælp; fonden støtter biomedicinsk forskning, ikke forskning i hjernen."
    )
    assert [(t.text, t.label) for t in found] == [
        ("blodprop i hjernen", "Apopleksi"),
        ("hjerneblødning", "Apopleksi"),
        ("blodforgiftning", "Sepsis"),
        ("biomedicinsk forskning", "Biomedicinsk forskning"),
    ]
    res = ingest_text("Netværket Sepsis Syd arbejder med tidlig opsporing af sepsis på sygehusene.", source="x.txt")
    assert ("Sepsis Syd", "dcterms:subject", "Sepsis") in _stmts(res)


def test_focus_of_a_relative_clause_on_a_quoted_name():
    text = (
        "Fonden giver 3 mio. kr. til projektet ”Trygt Hjem”, som skal afprøve telemedicin og "
        "hjemmemonitorering af borgere med diabetes.\n\n"
        "Fonden støtter også projektet ”Godt Liv”, som skal hjælpe borgere, der lever med KOL.\n\n"
        "”Det er vigtigt,” siger Anna Holm, som forsker i demens.\n"
    )
    res = ingest_text(text, source="x.txt")
    subjects = {(s, o) for s, p, o in _stmts(res) if p == "dcterms:subject"}
    # the clause runs to its end; a second clause ("…, der lever med KOL") and a person's clause do not count
    assert subjects == {("Trygt Hjem", "Telemedicin"), ("Trygt Hjem", "Hjemmemonitorering"), ("Trygt Hjem", "Diabetes")}


def test_focus_of_an_unnamed_collective_the_next_sentence_names():
    text = (
        "Et nyt regionalt netværk skal samle virksomheder om velfærdsteknologi og telemedicin. "
        "Netværket hedder Velfærd Nord.\n\n"
        "En ny alliance vil arbejde for bedre forebyggelse af diabetes. Alliancen har fået navnet Sund Fremtid.\n\n"
        "Et nyt projekt skal undersøge demens. Det er godt for regionen, siger Karen Lund fra Projekt Hukommelse.\n"
    )
    res = ingest_text(text, source="x.txt")
    subjects = {(s, o) for s, p, o in _stmts(res) if p == "dcterms:subject"}
    assert subjects == {
        ("Velfærd Nord", "Velfærdsteknologi"),
        ("Velfærd Nord", "Telemedicin"),
        ("Sund Fremtid", "Forebyggelse"),
        ("Sund Fremtid", "Diabetes"),
    }


def test_where_an_entity_opens_is_its_location(reference_gazetteer):
    text = (
        "Testcentret Hjertelab Syd åbner den 3. april 2026 på Kolding Sygehus.\n\n"
        "Netværket Sund Start åbner i Odense.\n\n"
        "Region Syddanmark åbner i dag for ansøgninger til puljen Sund Vækst.\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    located = {(s, o) for s, p, o in _stmts(res) if p == "schema:location"}
    assert located == {("Hjertelab Syd", "Kolding Sygehus"), ("Sund Start", "Odense Kommune")}


def test_an_indefinite_apposition_types_the_name():
    text = (
        "Aarhus Kommune lancerer Sund Ældre Vækst, et toårigt program for ældre borgere. "
        "Programmet får 2 mio. kr. fra Velux Fonden.\n\n"
        "Bag det står Nordisk Omsorgsnet, en ny forening for plejecentre.\n\n"
        "Borgerne kan hente Min Hverdag, en app til telefonen.\n"
    )
    res = ingest_text(text, source="x.txt")
    ents = _ents(res)
    assert ("Sund Ældre Vækst", "Initiative") in ents
    assert ("Nordisk Omsorgsnet", "Association") in ents
    assert not [e for e in res.entities if e.label == "Min Hverdag"]  # an app is no actor
    assert ("Sund Ældre Vækst", "schema:funder", "Velux Fonden") in _stmts(res)


def test_a_start_in_a_second_clause_with_an_unnamed_subject_is_no_entitys():
    text = (
        "Projektet Sund Mave ledes af Region Sjælland, og de første patienter starter 1. april 2026.\n\n"
        "Netværket Data Syd er stiftet af Odense Kommune, og netværket starter 1. maj 2026.\n"
    )
    res = ingest_text(text, source="x.txt")
    dates = {(s, p, o) for s, p, o in _stmts(res) if p in ("schema:startDate", "schema:foundingDate")}
    assert dates == {("Data Syd", "schema:foundingDate", "2026-05-01")}


def test_a_company_from_a_town_is_located_there(reference_gazetteer):
    text = (
        "Blandt deltagerne er virksomhederne Sansa Care ApS fra Kolding og Nordlys Medico A/S fra Aalborg.\n\n"
        "Projektet får 2 mio. kr. til Vita Sense ApS fra Aarhus Kommune.\n\n"
        "Overlæge Anne Bruun fra Odense fortæller om forsøget.\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    located = {(s, o) for s, p, o in _stmts(res) if p == "schema:location"}
    assert located == {("Sansa Care ApS", "Kolding Kommune"), ("Nordlys Medico A/S", "Aalborg Kommune")}


def test_joining_with_another_party_about_a_named_project():
    text = (
        "Esbjerg Kommune og Fanø Kommune går sammen med Region Syddanmark om projektet ”Sikker Vej Hjem”, "
        "der skal hjælpe borgere efter udskrivelse.\n\n"
        "Sund Vest ApS gik sammen med Syddansk Universitet i partnerskabet Data Vest.\n"
    )
    res = ingest_text(text, source="x.txt")
    partners = {(s, o) for s, p, o in _stmts(res) if p == "eco:partnerIn"}
    assert partners == {
        ("Esbjerg Kommune", "Sikker Vej Hjem"),
        ("Fanø Kommune", "Sikker Vej Hjem"),
        ("Region Syddanmark", "Sikker Vej Hjem"),
        ("Sund Vest ApS", "Data Vest"),
        ("Syddansk Universitet", "Data Vest"),
    }


def test_periods_with_start_and_end_verbs_and_paying_funders():
    text = (
        "Aalborg Kommune går sammen med Region Nordjylland om projektet ”Rolig Nat”. "
        "Projektet har et budget på 6 mio. kr., hvoraf Sundhedsstyrelsen betaler 4 mio. kr.\n\n"
        "Projektet starter 1. juni 2026 og slutter 31. maj 2028.\n\n"
        "Netværket Sund Fjord får 3 mio. kr. fra Trygfonden. Aalborg Kommune finansierer den sidste million.\n"
    )
    res = ingest_text(text, source="x.txt")
    stmts = _stmts(res)
    assert ("Rolig Nat", "schema:startDate", "2026-06-01") in stmts
    assert ("Rolig Nat", "schema:endDate", "2028-05-31") in stmts
    grants = {(s.subject, s.object, s.amount) for s in res.statements if s.predicate == "schema:funder"}
    # "den sidste million" is no amount in kroner: no grant is made up for it
    assert grants == {("Rolig Nat", "Sundhedsstyrelsen", Decimal("4000000")), ("Sund Fjord", "Trygfonden", Decimal("3000000"))}


def test_round_in_a_clause_investors_joining_regional_hospitals_and_unnamed_passive_subjects():
    text = (
        "Virksomheden HjerteVagt ApS har rejst 25 mio. kr. i en investeringsrunde ledet af Seed Capital. "
        "Også Vækstfonden og Lars Holm deltager i runden.\n\n"
        "Studiet gennemføres i samarbejde med Regionshospitalet Viborg.\n"
    )
    res = ingest_text(text, source="x.txt")
    grants = {(s.subject, s.object, s.amount) for s in res.statements if s.predicate == "schema:funder"}
    assert grants == {
        ("HjerteVagt ApS", "Seed Capital", Decimal("25000000")),
        ("HjerteVagt ApS", "Vækstfonden", Decimal("25000000")),
    }
    assert ("Regionshospitalet Viborg", "Hospital") in _ents(res)
    # the study is not named: its partner is no partner of the company
    assert not [s for s in res.statements if s.predicate == "eco:partnerIn"]


def test_a_centre_placed_at_another_centre_keeps_the_definite_noun(reference_gazetteer):
    text = (
        "Aarhus Universitet og Aarhus Universitetshospital opretter Center for Data i Klinikken. "
        "Centret får 20 mio. kr. fra Novo Nordisk Fonden.\n\n"
        "Centret bliver placeret på Danish Research Centre for Imaging (DRCI). "
        "Centret skal samarbejde med virksomhederne Medivis A/S og Scanlab ApS.\n\n"
        "Region Midtjylland driver også Center for Telemedicin i Region Midtjylland.\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    units = {e.label for e in res.entities if e.type == "Organizational Unit"}
    assert {"Center for Data i Klinikken", "Center for Telemedicin"} <= units
    stmts = _stmts(res)
    assert ("Medivis A/S", "eco:partnerIn", "Center for Data i Klinikken") in stmts
    assert ("Scanlab ApS", "eco:partnerIn", "Center for Data i Klinikken") in stmts
    assert ("Center for Data i Klinikken", "schema:funder", "Novo Nordisk Fonden") in stmts
    # the other centre is only where the new one is placed
    assert [(s, p) for s, p, o in stmts if "Danish Research Centre for Imaging" in (s, o)] == [("Center for Data i Klinikken", "schema:location")]


def test_co_actors_care_homes_official_openings_and_lying_at(reference_gazetteer):
    text = (
        "Kolding Kommune har sammen med Syddansk Universitet fået 3 mio. kr. fra Trygfonden. "
        "Pengene skal bruges til et testcenter. Testcentret får navnet Kolding Omsorgslab og ligger på Plejecenter Skovly.\n\n"
        "Kolding Omsorgslab åbner officielt den 2. marts 2026.\n\n"
        "Projektet Tryg Seng gennemføres sammen med Region Syddanmark.\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    stmts = _stmts(res)
    assert ("Plejecenter Skovly", "Facility") in _ents(res)
    assert ("Kolding Omsorgslab", "schema:location", "Plejecenter Skovly") in stmts
    assert ("Kolding Omsorgslab", "schema:foundingDate", "2026-03-02") in stmts
    # a partner of a project, but no partner "in" a municipality
    assert {(s, o) for s, p, o in stmts if p == "eco:partnerIn"} == {("Region Syddanmark", "Tryg Seng")}


def test_single_word_associations_persons_in_apposition_and_daily_posts():
    text = (
        "Netværket Sund Data Fyn drives af Lægemiddelindustrien.\n\n"
        "- Data redder liv, siger formand for netværket, Pia Kjær, der til daglig er direktør i Datalab A/S.\n\n"
        "Datalab A/S samarbejder med Odense Kommune om en ny app.\n"
    )
    res = ingest_text(text, source="x.txt")
    ents = _ents(res)
    assert ("Lægemiddelindustrien", "Association") in ents
    assert ("Pia Kjær", "Person") in ents
    stmts = _stmts(res)
    assert ("Lægemiddelindustrien", "org:headOf", "Sund Data Fyn") in stmts
    assert ("Pia Kjær", "org:headOf", "Sund Data Fyn") in stmts
    assert ("Pia Kjær", "schema:worksFor", "Datalab A/S") in stmts
    # a company working with a municipality: no partner "in" the company
    assert not [s for s in res.statements if s.predicate == "eco:partnerIn" and s.object == "Datalab A/S"]


def test_prefixed_project_nouns_partners_in_x_where_clauses_and_labelled_contact_lines():
    text = (
        "Region Nordjylland er lead partner i EU-projektet NordCare, som skal udvikle telemedicin til øboere.\n\n"
        "Partnerne i NordCare er Aalborg Universitet og virksomheden SeaMed ApS.\n\n"
        "Projektet bygger på projektet ØHjem, hvor 200 borgere fik hjemmemonitorering.\n\n"
        "Kontaktperson: Projektchef Maja Holm, Region Nordjylland, tlf. 29 20 11 22\n"
    )
    res = ingest_text(text, source="x.txt")
    assert ("NordCare", "Initiative") in _ents(res)
    stmts = _stmts(res)
    assert {s for s, p, o in stmts if p == "eco:partnerIn" and o == "NordCare"} == {"Region Nordjylland", "Aalborg Universitet", "SeaMed ApS"}
    assert ("ØHjem", "dcterms:subject", "Hjemmemonitorering") in stmts
    assert ("NordCare", "dcterms:subject", "Hjemmemonitorering") not in stmts
    assert ("Maja Holm", "schema:worksFor", "Region Nordjylland") in stmts


def test_units_of_the_body_a_contact_writes_from_and_participating_companies(reference_gazetteer):
    text = (
        "Programmet Hjem Igen ledes af lektor Karen Lund fra Institut for Sundhed og Natur. "
        "Desuden deltager virksomheden Sensa Nord ApS, der er baseret i Hjørring.\n\n"
        "Kontakt: Lektor Karen Lund, Aalborg Universitet, kl@hst.aau.dk\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    stmts = _stmts(res)
    assert ("Institut for Sundhed og Natur", "org:subOrganizationOf", "Aalborg Universitet") in stmts
    assert ("Sensa Nord ApS", "eco:partnerIn", "Hjem Igen") in stmts
    assert ("Sensa Nord ApS", "schema:location", "Hjørring Kommune") in stmts


def test_lists_standing_behind_and_posts_named_by_a_genitive_after_the_name():
    text = (
        "Trygfonden, Velux Fonden og Danske Regioner står bag Sund Start Danmark, en alliance for nye virksomheder.\n\n"
        "Sekretariatet ligger i København, og direktør Mads Holm bliver alliancens første leder.\n\n"
        "Ole Berg er bestyrelsens formand.\n"
    )
    res = ingest_text(text, source="x.txt")
    stmts = _stmts(res)
    assert {s for s, p, o in stmts if p == "eco:partnerIn"} == {"Trygfonden", "Velux Fonden", "Danske Regioner"}
    assert ("Mads Holm", "org:headOf", "Sund Start Danmark") in stmts
    assert not [s for s in res.statements if s.subject == "Ole Berg"]  # "bestyrelsens": no organisation named


def test_an_agreement_named_next_and_names_with_om_after_a_naming_verb():
    text = (
        "Region Sjælland, Næstved Kommune og Slagelse Kommune har indgået en aftale om at dele data om ældre patienter. "
        "Samarbejdet hedder Tryg om Hjemkomsten.\n\n"
        "Borgerne i Næstved Kommune spørges om Region Sjælland gør nok.\n"
    )
    res = ingest_text(text, source="x.txt")
    assert ("Tryg om Hjemkomsten", "Initiative") in _ents(res)
    partners = {s for s, p, o in _stmts(res) if p == "eco:partnerIn" and o == "Tryg om Hjemkomsten"}
    assert partners == {"Region Sjælland", "Næstved Kommune", "Slagelse Kommune"}
    assert not [e for e in res.entities if " om " in e.label and e.label != "Tryg om Hjemkomsten"]


def test_hospitals_named_after_two_towns(reference_gazetteer):
    text = "Projektet Tryg Udskrivelse omfatter Herlev og Gentofte Hospital samt Amager og Hvidovre Hospital. Aarhus Kommune og Hvidovre Hospital deltager også.\n"
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    hospitals = {e.label for e in res.entities if e.type == "Hospital"}
    assert hospitals == {"Herlev og Gentofte Hospital", "Amager og Hvidovre Hospital", "Hvidovre Hospital"}
    assert ("Aarhus Kommune", "Municipality") in _ents(res)


def test_local_branches_named_after_a_place_are_one_organisation(reference_gazetteer):
    text = (
        "Projektet Stærk Sammen udvikles med Kræftens Bekæmpelse Aarhus og LOF Nordjylland. "
        "Træningen foregår i Aktivitetscenter Vejle, og Akutmodtagelsen i Region Sjælland henviser borgerne.\n\n"
        "Region Nordjylland og Vejle Kommune betaler. Hospitalet i Region Sjælland er ikke med.\n"
    )
    res = ingest_text(text, source="x.txt", gazetteer=reference_gazetteer)
    labels = {e.label for e in res.entities}
    assert {"Kræftens Bekæmpelse Aarhus", "LOF Nordjylland", "Aktivitetscenter Vejle", "Akutmodtagelsen i Region Sjælland"} <= labels
    assert ("Aktivitetscenter Vejle", "Facility") in _ents(res)
    # the places named on their own stay places; a sentence-initial common noun is no unit
    assert {"Region Nordjylland", "Vejle Kommune", "Region Sjælland"} <= labels
    assert not [x for x in labels if x.startswith("Hospitalet")]


def test_a_place_prefixed_trigger_noun_is_no_part_of_the_name():
    text = (
        "Aarhus-virksomheden Sansa Care ApS har rejst 4 mio. kr. "
        "Også Nørre Snede-firmaet Trivo A/S er med, og Odense-klyngen Sund Vækst hjælper.\n"
    )
    res = ingest_text(text, source="x.txt")
    ents = _ents(res)
    assert ("Sansa Care ApS", "Company") in ents and ("Trivo A/S", "Company") in ents
    assert ("Sund Vækst", "Cluster") in ents
    assert not [e for e in res.entities if "-" in e.label]


def test_a_collective_reference_is_no_mention_of_each_municipality():
    known = Dataset(default_union=True)
    for f in sorted((ROOT / "data" / "reference").glob("*.ttl")):
        known.parse(str(f), format="turtle")
    narrative = (
        "Netværket Sund Syd er et forum, hvor regionen og de syddanske kommuner deler erfaringer. "
        "Alle kommunerne i Region Sjælland har mødtes om det.\n"
    )
    res = ingest_text(narrative, source="x.txt", known=known)
    assert not [e for e in res.entities if e.type == "Municipality"]
    listed = "Projektet Sund Syd er stiftet af Odense Universitetshospital, de syddanske kommuner og UC SYD.\n"
    munis = {e.label for e in ingest_text(listed, source="x.txt", known=known).entities if e.type == "Municipality"}
    assert "Odense Kommune" in munis and "Vejle Kommune" in munis


def test_acting_acronyms_genitive_authorities_and_parents_named_in_a_unit():
    text = (
        "Startuppen Nordpuls ApS har rejst 9 mio. kr. i en runde ledet af NVF med deltagelse af Vækstfonden. "
        "Pengene kommer oven i et tilskud fra Erhvervsstyrelsens pulje. "
        "Stifterne kommer fra AAU Sundhedsteknologi. Projektet følger EU-reglerne og OPI-modellen, siger CEO Jens Dal.\n"
    )
    res = ingest_text(text, source="x.txt")
    labels = {e.label for e in res.entities}
    assert {"NVF", "Vækstfonden", "Erhvervsstyrelsen"} <= labels
    # the university is named ("AAU") inside its unit's name: an entity with those offsets
    aau = next(e for e in res.entities if e.label == "Aalborg Universitet")
    assert text[aau.start : aau.end] == "AAU"
    # acronyms that act in no role, and titles, are not proposed
    assert not {"EU", "OPI", "CEO"} & labels


def test_an_acronym_listed_with_a_named_organisation_is_an_actor():
    text = "Bag satsningen står Novo Holdings og PFA samt en række fonde. Rapporten fra WHO nævnes ikke.\n"
    labels = {e.label for e in ingest_text(text, source="x.txt").entities}
    assert "PFA" in labels and "WHO" not in labels


def test_named_trials_rounds_and_quoted_names_after_a_naming_noun():
    text = (
        "Studiet, der har fået navnet \"SøvnRo\", gennemføres på Aarhus Universitetshospital. "
        "Midlerne uddeles i fondens ansøgningsrunde under overskriften \"Bedre liv med gigt\". "
        "Forsøget blev finansieret af Novo Nordisk Fonden.\n"
    )
    res = ingest_text(text, source="x.txt")
    ents = _ents(res)
    assert ("SøvnRo", "Initiative") in ents and ("Bedre liv med gigt", "Initiative") in ents
    # an unnamed trial is no entity and gets no funder
    assert not [s for s in res.statements if s.predicate == "schema:funder"]


def test_brands_written_in_lower_case():
    text = (
        "Bevillingen går til foreningen bedrepsyk Danmark, som driver telefonrådgivningen bedrepsyk Direkte. "
        "Næste år åbner bedrepsyk Danmark flere lokale afdelinger. Virksomheden udvikler Danmarks første app.\n"
    )
    res = ingest_text(text, source="x.txt")
    ents = _ents(res)
    assert ("bedrepsyk Danmark", "Association") in ents and ("bedrepsyk Direkte", "Initiative") in ents
    assert not [e for e in res.entities if e.label.startswith("udvikler")]


def test_named_plans_with_their_years_are_initiatives_with_a_period():
    text = (
        "Projektet Sund Hverdag indgår i regionens Sundhedsplan 2024-2028, som har diabetes som indsatsområde. "
        "Kommunens Handicappolitik 2030 nævnes også.\n"
    )
    res = ingest_text(text, source="x.txt")
    ents = _ents(res)
    assert ("Sundhedsplan 2024-2028", "Initiative") in ents and ("Handicappolitik 2030", "Initiative") in ents
    stmts = _stmts(res)
    assert ("Sund Hverdag", "org:subOrganizationOf", "Sundhedsplan 2024-2028") in stmts
    assert ("Sundhedsplan 2024-2028", "schema:startDate", "2024-01-01") in stmts
    assert ("Sundhedsplan 2024-2028", "schema:endDate", "2028-12-31") in stmts
    # a year after a word that is no plan is no name
    assert not [e for e in ingest_text("Omsætningen 2024 steg.\n", source="x.txt").entities if e.type == "Initiative"]


def test_focus_terms_of_public_health_and_older_people():
    found = lambda s: [t.label for t in find_focus_terms(s)]  # noqa: E731
    assert found("Motion og god ernæring mod ensomhed blandt ældre") == ["Fysisk aktivitet", "Ernæring", "Ensomhed", "Ældre"]
    assert found("tidlige tegn på spiseforstyrrelser og forebyggelse af fald i hjemmet") == ["Spiseforstyrrelser", "Faldforebyggelse"]
    assert found("netværket arbejder for bedre folkesundhed") == ["Folkesundhed"]
    # the comparative is no group of people
    assert found("Bygningen er ældre end hospitalet, og ældre udgaver af appen") == []


def test_focus_terms_listed_in_a_relative_clause_go_to_the_name_it_hangs_on():
    text = (
        "Projektet Stærke Knogler indgår i Vejle Kommunes Sundhedspolitik 2022-2026, som har diabetes, "
        "overvægt og demens som indsatsområder.\n"
    )
    res = ingest_text(text, source="x.txt")
    subj = {(s, o) for s, p, o in _stmts(res) if p == "dcterms:subject"}
    assert subj == {("Sundhedspolitik 2022-2026", "Diabetes"), ("Sundhedspolitik 2022-2026", "Overvægt"), ("Sundhedspolitik 2022-2026", "Demens")}


def test_party_letter_after_the_name_and_a_committee_chair_heads_only_the_committee():
    text = (
        "”Vi skal handle nu,” siger Hanne Lund (S), formand for Børne- og Skoleudvalget i Kolding Kommune.\n\n"
        "”Det er godt,” siger Per Dam (V), borgmester i Kolding Kommune.\n"
    )
    res = ingest_text(text, source="x.txt")
    stmts = _stmts(res)
    assert ("Hanne Lund", "org:memberOf", "Socialdemokratiet") in stmts and ("Per Dam", "org:memberOf", "Venstre") in stmts
    assert ("Hanne Lund", "org:headOf", "Børne- og Skoleudvalget") in stmts
    assert ("Hanne Lund", "schema:worksFor", "Kolding Kommune") in stmts
    assert ("Hanne Lund", "org:headOf", "Kolding Kommune") not in stmts
    assert ("Per Dam", "org:headOf", "Kolding Kommune") in stmts


def test_a_definite_noun_refers_back_to_the_name_it_is_part_of():
    text = (
        "Aarhus Kommune har åbnet Digitalt Sundhedslab Østjylland. Sundhedslabbet ligger på Skejby Sygehus.\n\n"
        "Værkstedet ligger i Randers.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Digitalt Sundhedslab Østjylland", "schema:location", "Skejby Sygehus") in stmts
    assert not [o for s, p, o in stmts if p == "schema:location" and o.startswith("Randers")]


def test_partners_named_before_their_role_and_the_day_to_day_running():
    text = (
        "Projektet Trygge Trin skal forebygge fald hos ældre. Vejle Kommune og Fredericia Kommune deltager også som partnere. "
        "Den daglige drift varetages af UC SYD, som har erfaring med feltet.\n\n"
        "Virksomheden Balanza ApS, som er med som teknologipartner, leverer sensorerne. Region Syddanmark er med i styregruppen.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    partners = {s for s, p, o in stmts if p == "eco:partnerIn" and o == "Trygge Trin"}
    assert {"Vejle Kommune", "Fredericia Kommune", "UC SYD", "Balanza ApS"} <= partners
    assert ("UC SYD", "org:headOf", "Trygge Trin") in stmts
    assert "Region Syddanmark" not in partners  # a steering group seat without a role noun is not read here


def test_a_company_by_default_is_no_main_entity_for_virksomheden():
    text = (
        "Aalborg Kommune har åbnet Sundt Testlab Nord. Testlabbet ligger i Aalborg. Testlabbet er finansieret af kommunen.\n\n"
        "Første gæst er startuppen Sensiq ApS. Virksomheden er medlem af klyngen BioMed Community.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Sensiq ApS", "org:memberOf", "BioMed Community") in stmts
    assert ("Sundt Testlab Nord", "org:memberOf", "BioMed Community") not in stmts


def test_membership_in_perfect_tense_and_fellow_members():
    text = (
        "Velux Fonden har siden 2020 været medlem af Alliancen for Sund Aldring sammen med blandt andre Ældre Sagen og KL. "
        "Startuppen Movio ApS er nu blevet medlem af klyngen Welfare Tech.\n\n"
        "Odense Kommune samarbejder sammen med SDU om data.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    members = {s for s, p, o in stmts if p == "org:memberOf" and o == "Alliancen for Sund Aldring"}
    assert members == {"Velux Fonden", "Ældre Sagen", "KL"}
    assert ("Alliancen for Sund Aldring", "Association") in _ents(ingest_text(text, source="x.txt"))  # a body with members
    assert ("Movio ApS", "org:memberOf", "Welfare Tech") in stmts
    assert not [s for s, p, o in stmts if p == "org:memberOf" and s == "SDU"]


def test_where_a_project_is_carried_out_and_who_leads_it(reference_gazetteer):
    text = (
        "Projektet Stærk Ryg gennemføres i Viborg, Skive og Holstebro kommuner og ledes af overlæge Karen Bech, AUH, "
        "der også er tilknyttet Rygcenter Vest.\n\n"
        "Projektet gennemføres i samarbejde med VIA University College.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt", gazetteer=reference_gazetteer))
    places = {o for s, p, o in stmts if s == "Stærk Ryg" and p == "schema:location"}
    assert places == {"Viborg Kommune", "Skive Kommune", "Holstebro Kommune"}
    assert ("Karen Bech", "org:headOf", "Stærk Ryg") in stmts
    assert ("Karen Bech", "schema:worksFor", "Aarhus Universitetshospital") in stmts
    assert not [1 for s, p, o in stmts if s == "Karen Bech" and o.startswith(("Viborg", "Skive", "Holstebro"))]
    assert not [1 for s, p, o in stmts if p == "org:subOrganizationOf" and s.startswith("Viborg")]


def test_several_recipients_and_a_purpose_are_no_funded_entity():
    text = (
        "Velux Fonden giver 8 mio. kr. til ældres mentale sundhed.\n\n"
        "Fire projekter modtager i alt 8 mio. kr. fra Velux Fonden. Den største bevilling går til projektet Sammen Ud.\n\n"
        "Fonden giver desuden 2 mio. kr. til projektet Gå Med.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    funded = {s for s, p, o in stmts if p == "schema:funder"}
    assert "Gå Med" in funded and "Sammen Ud" not in funded


def test_posts_after_a_pronoun_an_appointed_leader_and_a_title_on_the_contact_line():
    text = (
        "Region Sjælland opretter Center for Sund Søvn. Som leder af centret er overlæge Pia Holm udpeget. "
        "Hun er i dag klinisk lektor ved Institut for Regional Sundhedsforskning og overlæge på Holbæk Sygehus. "
        "Han var glad for det.\n\n"
        "Kontakt\nPressekonsulent Ole Brink\nRegion Sjælland, Kommunikation\nTelefon: 21 43 65 87\nMail: olbr@regionsjaelland.dk\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Pia Holm", "org:headOf", "Center for Sund Søvn") in stmts
    assert ("Pia Holm", "schema:worksFor", "Institut for Regional Sundhedsforskning") in stmts
    assert ("Pia Holm", "schema:worksFor", "Holbæk Sygehus") in stmts
    assert ("Ole Brink", "vcard:hasEmail", "olbr@regionsjaelland.dk") in stmts
    assert ("Ole Brink", "schema:worksFor", "Region Sjælland") in stmts
    # "Han" after a woman's posts adds nothing new; a pronoun with no title before an organisation neither
    assert not [1 for s, p, o in stmts if s == "Pia Holm" and p == "org:headOf" and o != "Center for Sund Søvn"]


def test_passive_founding_named_in_the_next_sentence_and_a_passive_grant():
    text = (
        "Et nyt regionalt videnscenter for søvnmedicin oprettes af Odense Universitetshospital og Syddansk Universitet "
        "i samarbejde med Vejle Kommune. Centret, der får navnet Syddansk Søvncenter, er blevet tildelt 40 mio. kr. "
        "over fem år af Velux Fonden.\n\n"
        "En ny app udvikles af Region Syddanmark. Appen er gratis.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    founders = {o for s, p, o in stmts if s == "Syddansk Søvncenter" and p == "schema:founder"}
    assert founders == {"Odense Universitetshospital", "Syddansk Universitet"}
    assert ("Syddansk Søvncenter", "schema:funder", "Velux Fonden") in stmts
    assert not [1 for s, p, o in stmts if o == "Region Syddanmark" and p == "schema:founder"]


def test_trial_named_in_a_relative_clause_its_partners_and_the_person_responsible():
    text = (
        "Studiet, der har fået navnet \"RoligNat\", gennemføres i samarbejde med Søvnklinikken på Glostrup Hospital og Bispebjerg Hospital. "
        "Overlæge Jonas Friis fra Søvnklinikken er ansvarlig for studiet.\n\n"
        "Lektor Pia Dahl er ansvarlig for undervisningen.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    partners = {s for s, p, o in stmts if p == "eco:partnerIn" and o == "RoligNat"}
    assert partners == {"Søvnklinikken", "Bispebjerg Hospital"}
    assert ("Jonas Friis", "org:headOf", "RoligNat") in stmts
    assert not [1 for s, p, o in stmts if s == "Pia Dahl" and p == "org:headOf"]


def test_membership_from_a_date_a_municipal_contribution_and_a_unit_on_the_contact_line():
    text = (
        "Horsens Kommune blev pr. 1. marts 2023 medlem af Sund By Netværket. "
        "Projektet Gå Sammen får 2 mio. kr. fra Trygfonden, og kommunen lægger selv 500.000 kr. oveni.\n\n"
        "Kontakt:\nKonsulent Eva Hald, Social og Sundhed, Horsens Kommune, tlf. 76 29 20 00\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Horsens Kommune", "org:memberOf", "Sund By Netværket") in stmts
    assert ("Gå Sammen", "schema:funder", "Horsens Kommune") in stmts
    assert ("Eva Hald", "schema:worksFor", "Social og Sundhed") in stmts and ("Eva Hald", "schema:worksFor", "Horsens Kommune") in stmts
    assert ("Eva Hald", "org:headOf", "Horsens Kommune") not in stmts


def test_periods_given_as_a_duration_or_an_end_and_a_grant_set_aside():
    text = (
        "Projektet Bedre Søvn får støtte af Region Midtjylland. Projektet løber i to år fra 1. september 2025.\n\n"
        "Netværket Sund Midt har afsat 1,5 mio. kr. fra netværkets pulje til projektet Bedre Søvn.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Bedre Søvn", "schema:startDate", "2025-09-01") in stmts
    assert ("Bedre Søvn", "schema:endDate", "2027-08-31") in stmts
    facts = "Projektet Trygt Hjem åbner i Vejle.\n\nFakta om Trygt Hjem\n• Projektperioden løber til udgangen af 2027\n"
    assert ("Trygt Hjem", "schema:endDate", "2027-12-31") in _stmts(ingest_text(facts, source="x.txt"))
    assert ("Bedre Søvn", "schema:funder", "Sund Midt") in stmts
    assert not [1 for s, p, o in stmts if p == "schema:funder" and "pulje" in o]
    # a duration without a start date gives no end date
    assert not [s for s in ingest_text("Projektet Sov Godt løber i tre år.\n", source="x.txt").statements if s.predicate == "schema:endDate"]


def test_list_items_with_their_own_relative_clauses_and_indgaar_with_an_adverb():
    text = (
        "Projektet Sund Start udvikles sammen med UC SYD, der står for evalueringen, og Kræftens Bekæmpelse Esbjerg, "
        "som rekrutterer frivillige. Projektet indgår desuden i regionens Sundhedsplan 2024-2028.\n\n"
        "Projektet Ny Start samarbejder med Esbjerg Kommune, der betaler, og driver et værksted med Vejle Kommune.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    partners = {s for s, p, o in stmts if p == "eco:partnerIn" and o == "Sund Start"}
    assert partners == {"UC SYD", "Kræftens Bekæmpelse Esbjerg"}
    assert ("Sund Start", "org:subOrganizationOf", "Sundhedsplan 2024-2028") in stmts
    # a verb after the clause, not a name, ends the list
    assert not [1 for s, p, o in stmts if s == "Vejle Kommune" and o == "Ny Start"]


def test_grants_without_a_named_giver_and_partners_starting_together():
    text = (
        "Velux Fonden har fået 200 ansøgninger. Den største bevilling på 5 mio. kr. går til foreningen Sind Ung. "
        "Med 3 mio. kr. kan Aarhus Kommune og VIA University College gå i gang med projektet \"Ro på\".\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Sind Ung", "schema:funder", "Velux Fonden") in stmts
    assert ("Ro på", "schema:funder", "Velux Fonden") in stmts
    assert {s for s, p, o in stmts if p == "eco:partnerIn" and o == "Ro på"} == {"Aarhus Kommune", "VIA University College"}
    # two possible givers: none is chosen
    two = "Velux Fonden og Trygfonden er med. Den største bevilling på 5 mio. kr. går til foreningen Sind Ung.\n"
    assert not [s for s in ingest_text(two, source="x.txt").statements if s.predicate == "schema:funder"]


def test_a_contact_title_without_organisation_goes_to_the_company_the_person_founded():
    text = (
        "Sensiq ApS blev grundlagt i 2020 af Mia Holt og Jens Lund.\n\n"
        "Pressekontakt:\nMia Holt, CTO og medstifter\nmia@sensiq.dk\n\n"
        "Kontakt også Ole Berg, direktør\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Mia Holt", "schema:worksFor", "Sensiq ApS") in stmts
    assert not [1 for s, p, o in stmts if s == "Ole Berg" and p == "schema:worksFor"]  # founded nothing: no guess


def test_a_partner_role_goes_to_the_collaboration_and_board_seats_are_no_membership():
    text = (
        "Kolding Kommune har fået 2 mio. kr. fra Trygfonden til projektet \"Stærke Ben\". Virksomheden Gangart ApS "
        "leverer sensorerne. Gangart ApS er et spin-out fra SDU. Gangart ApS vokser.\n\n"
        "Også Gigtforeningen deltager som partner. Direktør Anna Lind fra Gangart ApS glæder sig. "
        "Hun er også medlem af bestyrelsen i Welfare Tech. Gangart ApS er medlem af bestyrelsen i en forening.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Gigtforeningen", "eco:partnerIn", "Stærke Ben") in stmts
    assert not [1 for s, p, o in stmts if p == "org:memberOf"]


def test_towns_ending_in_hus_and_plain_lists_with_a_region():
    text = (
        "Partnere: AU, Steno Diabetes Center Aarhus, Region Midtjylland, Region Nordjylland og Novo A/S.\n\n"
        "Projektet omfatter Center for Søvn, Region Midtjylland, og VIA University College.\n\n"
        "Det nye Kulturhus Syd åbner i Aarhus.\n"
    )
    res = ingest_text(text, source="x.txt")
    stmts = _stmts(res)
    assert not [1 for s, p, o in stmts if s == "Steno Diabetes Center Aarhus" and p == "org:subOrganizationOf"]
    assert ("Center for Søvn", "org:subOrganizationOf", "Region Midtjylland") in stmts
    assert ("Steno Diabetes Center Aarhus", "Organizational Unit") in _ents(res)


def test_a_funder_runs_the_programme_it_gives_through():
    text = (
        "Startuppen Nordpuls ApS har modtaget 1 mio. kr. fra Innovationsfonden gennem programmet InnoFounder. "
        "Nordpuls ApS fik også 2 mio. kr. fra Vækstfonden, og projektet Sund Nord hjælper.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Innovationsfonden", "org:headOf", "InnoFounder") in stmts
    assert ("Nordpuls ApS", "schema:funder", "Innovationsfonden") in stmts
    assert not [1 for s, p, o in stmts if s == "Vækstfonden" and p == "org:headOf"]


def test_the_owner_in_the_genitive_runs_a_named_programme():
    text = (
        "Velux Fonden uddeler 10 mio. kr. Midlerne gives i fondens nye ansøgningsrunde under overskriften \"Aktive ældre\". "
        "Også Innovationsfondens program Grand Solutions nævnes. Projektet hører under kommunens Sundhedspolitik 2030.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Velux Fonden", "org:headOf", "Aktive ældre") in stmts
    assert ("Innovationsfonden", "org:headOf", "Grand Solutions") in stmts
    assert not [1 for s, p, o in stmts if p == "org:headOf" and o == "Sundhedspolitik 2030"]  # no programme noun: no reading


def test_a_second_site_given_as_a_department_in_a_town(reference_gazetteer):
    text = (
        "Netværket Sund Fyn er stiftet af SDU. Netværket får hovedsæde i Odense og en afdeling i Svendborg. "
        "Afdelingen i Nyborg lukker.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt", gazetteer=reference_gazetteer))
    places = {o for s, p, o in stmts if s == "Sund Fyn" and p == "schema:location"}
    assert places == {"Odense Kommune", "Svendborg Kommune"}


def test_anchored_at_a_department_is_part_of_it_but_not_in_a_network():
    text = (
        "Centret Sund Søvn Center åbner i 2026. Det bliver forankret ved Institut for Klinisk Medicin på Aarhus Universitet.\n\n"
        "Projektet Søvn Hjemme er forankret i innovationsnetværket Sundhed Nord.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Sund Søvn Center", "org:subOrganizationOf", "Institut for Klinisk Medicin") in stmts
    assert not [1 for s, p, o in stmts if s == "Søvn Hjemme" and p == "org:subOrganizationOf"]


def test_the_actor_of_med_projektet_x_runs_its_project():
    text = (
        "Vejle Kommune sætter ind mod ensomhed. Med projektet Aktiv Nu vil kommunen nå de ældre. "
        "Med programmet Sund By vil Horsens Kommune hjælpe.\n\n"
        "Med projektet Ro På er der gode erfaringer.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Vejle Kommune", "org:headOf", "Aktiv Nu") in stmts and ("Vejle Kommune", "eco:partnerIn", "Aktiv Nu") in stmts
    assert ("Horsens Kommune", "org:headOf", "Sund By") in stmts
    assert not [1 for s, p, o in stmts if o == "Ro På"]  # no actor in the clause


def test_a_committee_without_a_parent_belongs_to_the_one_municipality_of_the_text():
    text = (
        "Horsens Kommune åbner et nyt værested. ”Vi glæder os,” siger Ida Berg (V), formand for Social- og Sundhedsudvalget.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Social- og Sundhedsudvalget", "org:subOrganizationOf", "Horsens Kommune") in stmts
    assert ("Ida Berg", "schema:worksFor", "Horsens Kommune") in stmts
    assert ("Ida Berg", "org:headOf", "Horsens Kommune") not in stmts
    two = "Horsens Kommune og Vejle Kommune samarbejder. ”Godt,” siger Ida Berg, formand for Social- og Sundhedsudvalget.\n"
    assert not [1 for s, p, o in _stmts(ingest_text(two, source="x.txt")) if p == "org:subOrganizationOf"]


def test_year_ranges_are_full_dates_and_an_end_joined_by_slutter_med():
    text = "Projektet Godt Hjem samler tre kommuner. Projektet løber fra 2027 til 2029.\n"
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Godt Hjem", "schema:startDate", "2027-01-01") in stmts
    assert ("Godt Hjem", "schema:endDate", "2029-12-31") in stmts
    text = "Projektet Rask Nu hjælper borgere. Projektet starter 1. marts 2026 og slutter med udgangen af juni 2028.\n"
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Rask Nu", "schema:startDate", "2026-03-01") in stmts
    assert ("Rask Nu", "schema:endDate", "2028-06-30") in stmts
    # two dates joined by anything else are no period
    text = "Projektet Rask Nu hjælper borgere. Projektet starter 1. marts 2026 og holder møde 30. juni 2028.\n"
    assert not [s for s in ingest_text(text, source="x.txt").statements if s.predicate == "schema:endDate"]


def test_deadlines_and_expected_results_are_no_dates_of_the_graph():
    text = (
        "Projektet Bedre Bevægelse starter 1. maj 2026. Foreninger kan ansøge om deltagelse senest den 1. marts 2026. "
        "Resultaterne forventes offentliggjort i 2029.\n"
    )
    dates = {e.value for e in ingest_text(text, source="x.txt").entities if e.type == "Date"}
    assert dates == {date(2026, 5, 1)}
    # a start or an end is kept
    text = "Projektet Bedre Bevægelse løber til 31. december 2028, og det blev stiftet i 2024.\n"
    dates = {e.value for e in ingest_text(text, source="x.txt").entities if e.type == "Date"}
    assert dates == {date(2028, 12, 31), date(2024, 1, 1)}


def test_a_foundation_named_after_a_couple_is_one_name():
    text = "Aase og Ejnar Danielsens Fond støtter projektet Gode Dage. Direktør i Aase og Ejnar Danielsens Fond er Lis Holm.\n"
    labels = {e.label for e in ingest_text(text, source="x.txt").entities if e.type not in ("Date", "Amount")}
    assert "Aase og Ejnar Danielsens Fond" in labels and "Ejnar Danielsens Fond" not in labels
    # two foundations joined by "og" stay two
    text = "TrygFonden og Augustinus Fonden støtter projektet Gode Dage.\n"
    labels = {e.label for e in ingest_text(text, source="x.txt").entities}
    assert not [x for x in labels if " og " in x]


def test_offers_courses_and_accelerators_are_initiatives():
    text = (
        "Vejle Sygehus modtager 2 mio. kr. til Tryg Overgang, et tilbud hvor ældre får hjælp efter udskrivelsen. "
        "Væksthus Midt står bag Midtjysk Robotaccelerator, som hjælper nye virksomheder.\n"
    )
    types = {e.label: e.type for e in ingest_text(text, source="x.txt").entities}
    assert types["Tryg Overgang"] == "Initiative"
    assert types["Midtjysk Robotaccelerator"] == "Initiative"
    # a company's name in such an apposition stays a company when it has a legal form
    text = "Vejle Sygehus samarbejder med Hjem Igen ApS, et tilbud til ældre.\n"
    types = {e.label: e.type for e in ingest_text(text, source="x.txt").entities}
    assert types["Hjem Igen ApS"] == "Company"


def test_a_quoted_name_a_sum_is_given_to_is_an_initiative():
    text = "Foreningen får 300.000 kroner til ”Gå med Glæde”, hvor frivillige tager patienter med på gåture.\n"
    types = {e.label: e.type for e in ingest_text(text, source="x.txt").entities}
    assert types.get("Gå med Glæde") == "Initiative"
    # a quotation after "til" without a sum names nothing
    text = "Hun sagde til ”Gå med Glæde” at komme igen.\n"
    assert "Gå med Glæde" not in {e.label for e in ingest_text(text, source="x.txt").entities}


def test_a_sum_paying_for_a_named_initiative_comes_from_the_texts_one_funder():
    text = (
        "Hansens Fond uddeler i dag nye bevillinger.\n\n"
        "Vejle Sygehus modtager 1,2 mio. kr. til projektet Tryg Overgang. "
        "Den største bevilling på 3 mio. kr. går til forskningsprojektet ”Bedre Søvn”.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Tryg Overgang", "schema:funder", "Hansens Fond") in stmts
    assert ("Bedre Søvn", "schema:funder", "Hansens Fond") in stmts
    # with two possible givers, none is chosen
    text = "Hansens Fond og Jensens Fond uddeler bevillinger.\n\nVejle Sygehus modtager 1,2 mio. kr. til projektet Tryg Overgang.\n"
    assert not [s for s in ingest_text(text, source="x.txt").statements if s.predicate == "schema:funder"]


def test_an_initiative_starts_in_a_month_and_is_referred_to_by_its_apposition_noun():
    text = (
        "Projektet Gode Nætter får støtte fra Hansens Fond. "
        "Vejle Sygehus modtager også penge til Tryg Overgang, et tilbud hvor ældre får besøg. "
        "Tilbuddet starter i maj 2026.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Tryg Overgang", "schema:startDate", "2026-05-01") in stmts
    assert not [1 for s, p, o in stmts if s == "Gode Nætter" and p in ("schema:startDate", "schema:foundingDate")]
    # an organisation founded in a month keeps a founding date at that precision
    stmts = _stmts(ingest_text("Virksomheden Sovo ApS blev stiftet i maj 2021.\n", source="x.txt"))
    assert ("Sovo ApS", "schema:foundingDate", "2021-05") in stmts


def test_respectively_pairs_givers_and_sums_in_order():
    text = (
        "Innovationsfonden har bevilget 4 mio. kr. til projektet Sund Ryg. "
        "Region Sjælland og Holbæk Kommune medfinansierer med henholdsvis 1,5 millioner kroner og 600.000 kroner.\n"
    )
    res = ingest_text(text, source="x.txt")
    grants = {(s.subject, s.object, s.amount) for s in res.statements if s.predicate == "schema:funder"}
    assert ("Sund Ryg", "Region Sjælland", Decimal("1500000")) in grants
    assert ("Sund Ryg", "Holbæk Kommune", Decimal("600000")) in grants
    # as many givers as sums, or no pairing
    text = (
        "Innovationsfonden har bevilget 4 mio. kr. til projektet Sund Ryg. "
        "Region Sjælland medfinansierer med henholdsvis 1,5 millioner kroner og 600.000 kroner.\n"
    )
    grants = {(s.subject, s.object) for s in ingest_text(text, source="x.txt").statements if s.predicate == "schema:funder"}
    assert ("Sund Ryg", "Region Sjælland") not in grants


def test_a_list_of_partners_in_a_definite_project():
    text = (
        "Projektet Sund Ryg skal hjælpe borgere med rygsmerter. "
        "Syddansk Universitet (SDU) og Vejle Sygehus er partnere i projektet.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Syddansk Universitet", "eco:partnerIn", "Sund Ryg") in stmts
    assert ("Vejle Sygehus", "eco:partnerIn", "Sund Ryg") in stmts
    # a name inside a longer opening phrase is no list of partners
    text = "Projektet Sund Ryg hjælper borgere. Ifølge Syddansk Universitet er Vejle Sygehus partner i projektet.\n"
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Syddansk Universitet", "eco:partnerIn", "Sund Ryg") not in stmts


def test_at_the_head_of_a_named_initiative():
    text = "Væksthus Midt står i spidsen for Midtjysk Robotaccelerator, som hjælper nye virksomheder.\n"
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Væksthus Midt", "org:headOf", "Midtjysk Robotaccelerator") in stmts
    assert ("Væksthus Midt", "eco:partnerIn", "Midtjysk Robotaccelerator") in stmts
    # at the head of an organisation is no initiative's head
    text = "Lone Berg står i spidsen for Vejle Kommune.\n"
    assert not [s for s in ingest_text(text, source="x.txt").statements if s.predicate == "eco:partnerIn"]


def test_a_hall_or_lab_for_something_is_a_facility_and_its_definite_noun_refers_to_it():
    text = (
        "Vejle Kommune har åbnet Træningshal for Seniorer ved havnen. "
        "Træningshallen er etableret med 3 mio. kr. fra Hansens Fond.\n"
    )
    res = ingest_text(text, source="x.txt")
    assert {e.label: e.type for e in res.entities}["Træningshal for Seniorer"] == "Facility"
    assert ("Træningshal for Seniorer", "schema:funder", "Hansens Fond") in _stmts(res)
    # a name whose head is no such noun keeps its own type
    types = {e.label: e.type for e in ingest_text("Center for Sund Aldring åbner i Vejle.\n", source="x.txt").entities}
    assert types["Center for Sund Aldring"] == "Organizational Unit"


def test_runs_until_a_day():
    text = "Projektet Sund Ryg hjælper borgere. Projektet løber til 30. juni 2027.\n"
    assert ("Sund Ryg", "schema:endDate", "2027-06-30") in _stmts(ingest_text(text, source="x.txt"))
    # "løber til" without a date gives no end
    text = "Projektet Sund Ryg hjælper borgere. Borgeren løber til bussen.\n"
    assert not [s for s in ingest_text(text, source="x.txt").statements if s.predicate == "schema:endDate"]


def test_a_definite_noun_refers_to_the_name_an_earlier_sentence_gave_it():
    text = (
        "Vejle Sygehus starter et nyt forsøg med søvnmåling. Forsøget hedder ”Sov Trygt” og omfatter 200 patienter. "
        "Forsøget løber til 31. maj 2027.\n"
    )
    assert ("Sov Trygt", "schema:endDate", "2027-05-31") in _stmts(ingest_text(text, source="x.txt"))
    # without a name given, "Forsøget" stays unnamed
    text = "Vejle Sygehus starter et nyt forsøg med søvnmåling. Forsøget løber til 31. maj 2027.\n"
    assert not [s for s in ingest_text(text, source="x.txt").statements if s.predicate == "schema:endDate"]


def test_a_supported_project_that_runs_from_a_to_b():
    text = "Projektet Sund Ryg hjælper borgere. Projektet er støttet af Hansens Fond med 2 mio. kr. og løber fra 1. maj 2026 til 30. april 2028.\n"
    res = ingest_text(text, source="x.txt")
    stmts = _stmts(res)
    assert ("Sund Ryg", "schema:startDate", "2026-05-01") in stmts
    assert ("Sund Ryg", "schema:endDate", "2028-04-30") in stmts
    funders = {(s.object, s.amount) for s in res.statements if s.predicate == "schema:funder"}
    assert ("Hansens Fond", Decimal("2000000")) in funders
    assert not [o for o, _a in funders if o[:1].isdigit()]  # "og løber fra 1. maj": no funder "1"
    # a grant's period stays the grant's when the sentence is about the grant
    text = "Projektet Sund Ryg hjælper borgere. Hansens Fond giver 2 mio. kr. til projektet, og bevillingen gælder fra 1. maj 2026 til 30. april 2028.\n"
    assert ("Sund Ryg", "schema:startDate", "2026-05-01") not in _stmts(ingest_text(text, source="x.txt"))


def test_a_facility_run_in_close_collaboration_has_partners():
    text = "Træningshal for Seniorer drives i tæt samarbejde med Vejle Sygehus og Syddansk Universitet.\n"
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Vejle Sygehus", "eco:partnerIn", "Træningshal for Seniorer") in stmts
    assert ("Syddansk Universitet", "eco:partnerIn", "Træningshal for Seniorer") in stmts
    # a municipality acting together with others has no partners
    text = "Vejle Kommune har i tæt samarbejde med Syddansk Universitet fået 2 mio. kr.\n"
    assert not [s for s in ingest_text(text, source="x.txt").statements if s.predicate == "eco:partnerIn"]


def test_among_the_participants_and_both_members():
    text = (
        "Projektet Sund Vækst Fyn hjælper små virksomheder. "
        "Blandt de første deltagere er Sovo ApS fra Odense, der laver senge, og Trykfri A/S, som blev stiftet i 2020. "
        "Begge virksomheder er medlemmer af klyngen Welfare Tech.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    for company in ("Sovo ApS", "Trykfri A/S"):
        assert (company, "eco:partnerIn", "Sund Vækst Fyn") in stmts
        assert (company, "org:memberOf", "Welfare Tech") in stmts
    assert ("Sund Vækst Fyn", "org:memberOf", "Welfare Tech") not in stmts
    # "Begge" with three candidates of that kind names no pair
    text = (
        "Sovo ApS, Trykfri A/S og Løft ApS udvikler hjælpemidler. "
        "Begge virksomheder er medlemmer af klyngen Welfare Tech.\n"
    )
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Løft ApS", "org:memberOf", "Welfare Tech") not in stmts


def test_the_actors_of_a_where_clause_are_partners_in_the_project():
    text = "Hallen bruges også i projektet Sund Ryg, hvor Syddansk Universitet, Vejle Sygehus og to firmaer udvikler nye senge.\n"
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Syddansk Universitet", "eco:partnerIn", "Sund Ryg") in stmts
    assert ("Vejle Sygehus", "eco:partnerIn", "Sund Ryg") in stmts
    # a "hvor" clause about something else names no partners
    text = "Projektet Sund Ryg holder møde i Vejle, hvor Syddansk Universitet har lokaler.\n"
    assert ("Syddansk Universitet", "eco:partnerIn", "Sund Ryg") not in _stmts(ingest_text(text, source="x.txt"))


def test_a_given_name_keeps_i_before_a_definite_noun_not_before_a_place():
    text = (
        "Partnerskabet, der har fået navnet Data i Hjertet, skal udvikle nye algoritmer.\n\n"
        "Projektet Ro i Kroppen hjælper unge med stress. Projektet Sund Ryg i Odense starter i maj, "
        "og samarbejdet hedder Tryg Nat i Esbjerg.\n"
    )
    labels = {e.label for e in ingest_text(text, source="x.txt").entities if e.type == "Initiative"}
    assert {"Data i Hjertet", "Ro i Kroppen", "Sund Ryg", "Tryg Nat"} <= labels
    assert not {"Sund Ryg i Odense", "Tryg Nat i Esbjerg"} & labels


def test_a_period_ending_in_a_month_ends_on_its_last_day():
    text = "Projektet Sund Ryg starter 1. marts 2025 og løber til februar 2028.\n"
    stmts = _stmts(ingest_text(text, source="x.txt"))
    assert ("Sund Ryg", "schema:startDate", "2025-03-01") in stmts
    assert ("Sund Ryg", "schema:endDate", "2028-02-29") in stmts  # a leap year
    text = "Projektet Sund Ryg løber fra 1. marts 2025 til 30. juni 2027.\n"
    assert ("Sund Ryg", "schema:endDate", "2027-06-30") in _stmts(ingest_text(text, source="x.txt"))
