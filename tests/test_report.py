"""graph.report.write_report on a hostile Kumu table set and on the bundled data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from graph.load import load
from graph.report import _heat_class, write_report

TABLES = Path(__file__).parent / "fixtures" / "map_hostile"
HOSTILE = ["<img src=x onerror=window.__pwned=1>", "<script>window.__pwned=1</script>"]


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("report") / "report.html"
    write_report(load([str(TABLES)]), out)
    return out.read_bytes().decode("utf-8")  # strict UTF-8


def _section(text: str, anchor: str) -> str:
    m = re.search(rf'<section id="{anchor}">(.*?)</section>', text, re.S)
    assert m, anchor
    return m.group(1)


def test_offline_and_locked_down(hostile_report):
    text = hostile_report
    assert text.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in text
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    assert "default-src &#x27;none&#x27;" in csp and "unsafe-inline" not in csp and "img-src data:" in csp
    assert not re.search(r'<(script|link|img|iframe)[^>]+(src|href)=', text)
    assert "bootstrap" not in text.lower()
    assert not re.search(r'(src|href)=["\']?(https?:)?//', text)  # nothing fetched from any host


def test_hostile_labels_only_escaped(hostile_report):
    text = hostile_report
    for bad in HOSTILE:
        assert bad not in text
    # escaped text in static HTML, and \u003c-escaped inside the JSON blob
    assert "&lt;img src=x onerror=window.__pwned=1&gt;" in text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text
    assert len(re.findall(r"^<script", text, re.M)) == 3  # JSON data, vis-network, our map script
    assert text.count("</script>") == 3


def test_names_the_planted_duplicates_side_by_side(hostile_report):
    ov = _section(hostile_report, "overlaps")
    assert "KOL Nord – telemedicinsk hjemmemonitorering" in ov
    assert "Hjemmemonitorering af KOL-patienter Syd" in ov
    assert ov.count('class="rp-side"') == 2  # one pair, two sides
    assert "same focus area: Telemedicin" in ov
    assert "Region Nordjylland" in ov and "Region Syddanmark" in ov
    assert "Aalborg Universitetshospital" in ov  # partners shown
    assert "Robotter i ældreplejen" not in ov  # the unrelated initiative is not a duplicate


def test_names_the_ecosystem_missing_an_element(hostile_report):
    growth = _section(hostile_report, "growth")
    row = re.search(r"<tr><td>Sundhedsklyngen Syd</td>(.*?)</tr>", growth, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    # members, research and education, financing, supply, demand
    assert cells[0] == "3"
    assert "Syddansk Universitet" in cells[1] and "missing" in cells[2]
    assert "Medico Syd ApS" in cells[3] and "Odense Universitetshospital" in cells[4]


def test_heatmap_marks_gaps_and_counts(hostile_report):
    cov = _section(hostile_report, "coverage")
    row = re.search(r'<tr><th scope="row">Telemedicin</th>(.*?)</tr>', cov, re.S).group(1)
    cells = dict(re.findall(r'title="Telemedicin × ([^:]+): [^"]*">([^<]+)</td>', row))
    assert cells["Region Nordjylland"] == "1" and cells["Region Syddanmark"] == "1"
    assert cells["Region Hovedstaden"] == "gap"


def test_headline_figures_and_sources(hostile_report):
    figs = _section(hostile_report, "figures")
    got = dict((label, value) for value, label in re.findall(r"<b>([^<]+)</b><span>([^<]+)</span>", figs))
    assert got["initiatives"] == "3" and got["overlapping pairs"] == "1"
    assert got["ecosystems missing a growth element"] == "1"
    src = _section(hostile_report, "sources")
    assert "elements.csv" in src


def test_bundled_report_keeps_danish_names_and_no_contacts(tmp_path):
    ds = load()
    out = tmp_path / "r.html"
    write_report(ds, out)
    text = out.read_text(encoding="utf-8")
    assert "Region Sjælland" in text and "Velfærdsteknologi" in text
    assert "mailto:" not in text and not re.search(r"[\w.+-]+@[\w-]+\.(dk|com)", text)
    sources = _section(text, "sources")
    assert re.search(r"<td>\d{4}-\d{2}-\d{2}</td>", sources)  # documents with dates


@pytest.mark.parametrize("count, cls", [(0, "h0"), (1, "h1"), (2, "h2"), (3, "h3"), (8, "h4"), (9, "h5")])
def test_heat_levels(count, cls):
    assert _heat_class(count) == cls


def test_cli_map_and_report_on_tables(tmp_path):
    from click.testing import CliRunner

    from cli import cli

    runner = CliRunner()
    out = tmp_path / "m.html"
    res = runner.invoke(cli, ["map", str(TABLES), "-o", str(out), "--focus", "Sundhedsklyngen Syd", "--hops", "1"])
    assert res.exit_code == 0, res.output
    text = out.read_text(encoding="utf-8")
    labels = re.findall(r'"l":"((?:[^"\\]|\\.)*)"', text)
    assert sorted(labels) == sorted(["Sundhedsklyngen Syd", "Syddansk Universitet", "Odense Universitetshospital",
                                     "Medico Syd ApS", "Telemedicin"])
    assert '"g":["financing"]' in text  # the ecosystem missing an element is marked
    res = runner.invoke(cli, ["map", str(TABLES), "-o", str(out), "--type", "Initiative"])
    assert res.exit_code == 0 and '"ov":{"score"' in out.read_text(encoding="utf-8")  # the planted pair, highlighted
    res = runner.invoke(cli, ["map", str(TABLES), "-o", str(tmp_path / "x.html"), "--focus", "Findes ikke"])
    assert res.exit_code == 2 and not (tmp_path / "x.html").exists()
    rep = tmp_path / "r.html"
    res = runner.invoke(cli, ["report", str(TABLES), "-o", str(rep)])
    assert res.exit_code == 0 and "Sundhedsklyngen Syd" in rep.read_text(encoding="utf-8")
