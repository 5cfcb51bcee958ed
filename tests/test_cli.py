"""The ecokg CLI, driven through click's CliRunner, on a hand-written fixture."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from cli import cli

FIXTURES = Path(__file__).parent / "cli_fixtures"
MINI = str(FIXTURES / "mini.trig")
BAD = str(FIXTURES / "bad.ttl")


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in (result.output + (result.stderr or ""))
    return result


def _all_commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from _all_commands(command, (*prefix, name))


CONTRACT_COMMANDS = {
    ("validate",), ("stats",), ("query",), ("explain",), ("overlaps",), ("gaps",), ("recommend",),
    ("map",), ("report",), ("export",), ("ingest", "text"), ("load",),
}


def test_every_contract_command_exists():
    assert CONTRACT_COMMANDS <= {path for path, _ in _all_commands(cli)}


@pytest.mark.parametrize("path", sorted({p for p, c in _all_commands(cli) if not isinstance(c, click.Group)}))
def test_every_command_has_help_with_an_example(path):
    result = run(*path, "--help")
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"ecokg {' '.join(path)}" in result.output


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and "ecokg, version" in result.output


def test_bad_turtle_exits_2_naming_file_and_line():
    result = run("stats", BAD)
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]  # one line
    assert result.stderr.startswith(f"{BAD}:4: ")


def test_validate_bad_turtle_json_and_exit_2():
    result = run("validate", BAD, "--json")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["conforms"] is False
    assert data["errors"][0]["file"] == BAD and data["errors"][0]["line"] == 4
    assert set(data["errors"][0]) >= {"file", "line", "message", "focus", "severity"}


def test_missing_file_exits_2():
    result = run("stats", "no/such/file.ttl")
    assert result.exit_code == 2
    assert "no/such/file.ttl" in result.stderr


def test_stats_json():
    result = run("stats", MINI, "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["by_type"]["Cluster"] == 1
    assert data["by_type"]["University"] == 1
    assert data["by_type"]["Person"] == 1
    assert data["by_type"]["Evidence"] == 3
    assert data["triples"] > 49


def test_query_list_has_at_least_eight_saved_queries():
    result = run("query", "--list")
    assert result.exit_code == 0
    assert len(result.output.strip().splitlines()) >= 8
    assert "growth_elements" not in result.output  # internal queries are hidden


def _csv(*args):
    result = run("query", *args, MINI, "--format", "csv")
    assert result.exit_code == 0, result.output
    return result.stdout.strip().splitlines()


# Hand-checked answers on tests/cli_fixtures/mini.trig.
def test_saved_members():
    assert _csv("members")[1:] == ["Testklyngen,Testfirma ApS,company", "Testklyngen,Testuniversitetet,university"]


def test_saved_partners():
    assert _csv("partners")[1:] == ["Testnetværket,cluster,Testklyngen", "Testnetværket,university,Testuniversitetet"]


def test_saved_grants():
    assert _csv("grants")[1:] == ["Testnetværket,Testministeriet,14000000,2018-12-01,2020-11-30,"]


def test_saved_focus_areas():
    assert _csv("focus_areas")[1:] == ["Telemedicin,2,Testnetværket | Testprojektet"]


def test_saved_people():
    assert _csv("people")[1:] == ["Hanne Test,direktør,Testfirma ApS"]


def test_saved_documents():
    # 12 + 22 + 15 statements in the three evidence graphs, counted by hand.
    assert _csv("documents")[1:] == ["Mini-pressemeddelelse,2019-05-01,3,49"]


def test_saved_mergers_include_region_oestdanmark():
    rows = _csv("mergers")[1:]
    assert "Gammelt netværk,Testnetværket,2018-12-01" in rows
    assert "Region Hovedstaden,Region Østdanmark,2027-01-01" in rows
    assert "Region Sjælland,Region Østdanmark,2027-01-01" in rows


def test_saved_initiatives_by_region():
    assert _csv("initiatives_by_region")[1:] == ["Region Syddanmark,Telemedicin,1"]


def test_saved_founders():
    assert _csv("founders")[1:] == ["Testklyngen,Region Syddanmark,2015-01-01"]


def test_query_text_json_and_rq_file(tmp_path):
    text = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> SELECT ?l WHERE { <https://w3id.org/ecokg/id/test-uni> skos:prefLabel ?l }"
    result = run("query", text, MINI, "--format", "json")
    assert json.loads(result.stdout) == {"columns": ["l"], "rows": [{"l": "Testuniversitetet"}]}
    rq = tmp_path / "q.rq"
    rq.write_text(text, encoding="utf-8")
    result = run("query", str(rq), MINI, "--format", "json")
    assert json.loads(result.stdout)["rows"] == [{"l": "Testuniversitetet"}]


def test_bad_sparql_exits_2():
    result = run("query", "SELECT ?x WHERE { ?x ", MINI)
    assert result.exit_code == 2
    assert "bad SPARQL" in result.stderr


def test_csv_outputs_do_not_start_formulas(tmp_path):
    folder = tmp_path / "t"
    folder.mkdir()
    (folder / "elements.csv").write_text('Label,Type\n"=HYPERLINK(""http://x"")",Virksomhed\n-Minus,Projekt\n', encoding="utf-8")
    (folder / "connections.csv").write_text("From,To,Type\n", encoding="utf-8")
    out = tmp_path / "e.csv"
    assert run("export", str(folder), "--format", "csv", "-o", str(out)).exit_code == 0
    labels = {row["subject_label"] for row in csv.DictReader(out.open(encoding="utf-8"))}
    assert {"'=HYPERLINK(\"http://x\")", "'-Minus"} <= labels
    assert not any(v.startswith(("=", "-")) for v in labels)
    query = ('SELECT ?l WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?l '
             'FILTER(STRSTARTS(?l, "=") || STRSTARTS(?l, "-")) } ORDER BY ?l')
    rows = run("query", query, str(folder), "--format", "csv").stdout.splitlines()[1:]
    assert rows == ["'-Minus", "\"'=HYPERLINK(\"\"http://x\"\")\""]


def test_period_conflict_across_two_tables_names_both(tmp_path):
    # the same label in two sources is one entity: its start from one, its end from the other
    for name, start, end in (("a", "2018-06", "2019-12"), ("b", "2016-01", "2017-12")):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "elements.csv").write_text(f"Label,Type,Start,End\nVideotolkning,Projekt,{start},{end}\n",
                                             encoding="utf-8")
        (folder / "connections.csv").write_text("From,To,Type\n", encoding="utf-8")
    result = run("stats", str(tmp_path / "a"), str(tmp_path / "b"))
    assert result.exit_code == 2
    a, b = tmp_path / "a" / "elements.csv", tmp_path / "b" / "elements.csv"
    assert result.stderr.strip() == f"{b}:2: end date 2017-12-31 is before start date 2018-06-01 (the start date comes from {a}:2)"


def test_sparql_update_is_refused():
    result = run("query", "DELETE WHERE { ?s ?p ?o }", MINI)
    assert result.exit_code == 2
    assert result.stderr.strip() == "query:1: a SPARQL update: `ecokg query` only reads (`ecokg load` writes a store)"


def _closed_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.parametrize("args", [("stats",), ("gaps",), ("query", "members"), ("explain", "Welfare Tech")])
def test_unreachable_sparql_store_is_one_line_exit_2(args):
    url = f"http://127.0.0.1:{_closed_port()}/sparql"
    result = run(*args, "--store", f"sparql:{url}")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{url}: cannot reach SPARQL server"), lines


def test_explain_cites_document_date_and_quote():
    result = run("explain", "testklyngen", MINI, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["iri"] == "https://w3id.org/ecokg/id/test-klynge"
    assert data["label"] == "Testklyngen"
    founder = [s for s in data["statements"] if s["predicate"] == "founded by"]
    assert founder[0]["object"] == "Region Syddanmark"
    assert founder[0]["sources"] == [{
        "title": "Mini-pressemeddelelse",
        "date": "2019-05-01",
        "quote": "Testklyngen har to medlemmer: Testuniversitetet og Testfirma ApS.",
    }]
    incoming = {(s["subject"], s["predicate"]) for s in data["statements"] if s["direction"] == "in"}
    assert ("Testuniversitetet", "member of") in incoming


def test_explain_by_english_label_and_alias():
    assert json.loads(run("explain", "The Test Cluster", MINI, "--json").stdout)["label"] == "Testklyngen"
    assert json.loads(run("explain", "TK", MINI, "--json").stdout)["label"] == "Testklyngen"


def test_explain_unknown_entity_exits_2_with_suggestion():
    result = run("explain", "Testklynge", MINI)
    assert result.exit_code == 2
    assert "Testklyngen" in result.stderr


@pytest.mark.parametrize("fmt", ["ttl", "nt", "jsonld", "trig", "nq", "csv"])
def test_export_leaves_out_contacts(tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    result = run("export", MINI, "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Hanne Test" in text
    assert "ht@testfirma.dk" not in text
    result = run("export", MINI, "--format", fmt, "-o", str(out), "--include-contacts")
    assert "ht@testfirma.dk" in out.read_text(encoding="utf-8")


def test_export_nt_holds_the_facts(tmp_path):
    out = tmp_path / "out.nt"
    run("export", MINI, "--format", "nt", "-o", str(out))
    lines = set(out.read_text(encoding="utf-8").splitlines())
    assert ("<https://w3id.org/ecokg/id/grant/test> <https://schema.org/amount> "
            '"14000000"^^<http://www.w3.org/2001/XMLSchema#decimal> .') in lines


def test_export_on_bad_input_writes_nothing(tmp_path):
    out = tmp_path / "out.nt"
    result = run("export", BAD, "--format", "nt", "-o", str(out))
    assert result.exit_code == 2
    assert not out.exists()


def test_bad_as_of_is_a_usage_error():
    result = run("gaps", MINI, "--as-of", "2019-13-45")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.output + result.stderr


def test_load_into_oxigraph_store_all_or_nothing(tmp_path):
    store = f"oxigraph:{tmp_path / 'kg'}"
    result = run("load", MINI, "--store", store)
    assert result.exit_code == 0, result.output
    before = json.loads(run("stats", "--store", store, "--json").stdout)
    assert before["by_type"]["Cluster"] == 1
    rejected = run("load", BAD, "--store", store)
    assert rejected.exit_code == 2
    assert rejected.stderr.startswith(f"{BAD}:4: ")
    assert json.loads(run("stats", "--store", store, "--json").stdout) == before
    explained = json.loads(run("explain", "Testklyngen", "--store", store, "--json").stdout)
    assert explained["iri"] == "https://w3id.org/ecokg/id/test-klynge"


def test_ill_typed_date_is_reported_not_a_crash(tmp_path):
    bad = tmp_path / "bad-date.ttl"
    bad.write_text(
        "@prefix schema: <https://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "@prefix eco: <https://w3id.org/ecokg/def#> . @prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<https://w3id.org/ecokg/id/p> a eco:Initiative ; skos:prefLabel "P"@da ;\n'
        '  schema:startDate "2019-13-45"^^xsd:date ; schema:endDate "2018-01-01"^^xsd:date .\n',
        encoding="utf-8",
    )
    loaded = run("stats", str(bad))
    assert loaded.exit_code == 2
    assert loaded.stderr.strip() == f"{bad}:3: schema:startDate '2019-13-45' is not a valid date"
    checked = run("validate", str(bad), "--json")
    assert checked.exit_code == 1
    messages = [e["message"] for e in json.loads(checked.stdout)["errors"]]
    assert any("not a valid date" in m for m in messages)


def test_empty_folder_is_bad_input(tmp_path):
    result = run("stats", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{tmp_path}: folder holds no RDF files")


def test_map_with_unknown_type_filter_is_bad_usage(tmp_path):
    out = tmp_path / "map.html"
    result = run("map", MINI, "-o", str(out), "--type", "Spaceship")
    assert result.exit_code == 2
    assert "unknown type 'spaceship'" in result.stderr
    assert not out.exists()
    assert run("map", MINI, "-o", str(out), "--type", "Virksomhed").exit_code == 0
    assert out.exists()


def test_report_into_a_missing_folder_exits_2(tmp_path):
    out = tmp_path / "no" / "such" / "report.html"
    result = run("report", MINI, "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"{out}: cannot write")
