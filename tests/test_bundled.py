"""The bundled dataset through the real CLI: it validates, explains and exports."""

from __future__ import annotations

import json

from click.testing import CliRunner

from cli import cli


def run(*args: str):
    result = CliRunner().invoke(cli, list(args))
    assert "Traceback" not in result.output
    return result


def test_bundled_data_conforms():
    result = run("validate", "--json")
    data = json.loads(result.stdout)
    assert data["errors"] == [] or all(e["severity"] != "Violation" for e in data["errors"]), data["errors"][:5]
    assert data["conforms"] is True
    assert result.exit_code == 0


def test_explain_danish_healthtech_cites_the_2018_press_release():
    data = json.loads(run("explain", "Danish Healthtech", "--json").stdout)
    sources = [src for st in data["statements"] for src in st["sources"]]
    dated = [s for s in sources if s["date"] == "2018-09-20"]
    assert dated, sources
    assert all(s["quote"] for s in dated)
    assert any("Danish Healthtech" in s["quote"] for s in dated)


def test_bundled_stats_counts_the_seed_actors():
    data = json.loads(run("stats", "--json").stdout)
    assert data["by_type"]["Cluster"] >= 4
    assert data["by_type"]["University"] >= 5
    assert data["by_type"]["Region"] == 6  # five regions and Region Østdanmark
    assert data["by_type"]["Person"] >= 5


def test_export_without_contacts_has_no_contact_data(tmp_path):
    out = tmp_path / "all.nt"
    assert run("export", "--format", "nt", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    for secret in ("kf@livahealthcare.com", "26 45 43 78", "Thomas.Clausen@rsyd.dk", "2920 1951", "mailto:", "tel:"):
        assert secret not in text
    run("export", "--format", "nt", "-o", str(out), "--include-contacts")
    assert "mailto:kf@livahealthcare.com" in out.read_text(encoding="utf-8")
