"""graph.render: the map page without a browser (structure, escaping, CSP, filters)."""

from __future__ import annotations

import base64
import hashlib
import json
import re

import networkx as nx
import pytest

from graph.errors import EntityNotFound, InputError
from graph.render import MapStats, csp_for, map_fragment, render_map

HOSTILE = "<img src=x onerror=window.__pwned=1>"


def _graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("https://w3id.org/ecokg/id/c", label="Klynge Ø", type="Cluster", region="Region Sjælland")
    g.add_node("u", label="Universitet A", type="Universitet", region="Region Sjælland")
    g.add_node("x", label=HOSTILE, type="Company", region="Region Nordjylland",
               description="a\u2028b </script> & <!--", contacts=("mailto:a@b.dk", "tel:+4512345678"))
    g.add_node("p1", label="Projekt 1", type="Initiative", region="Region Sjælland", focus_areas=("Telemedicin",),
               start="2018-01-01", end="2019-12-31")
    g.add_node("p2", label="Projekt 2", type="Initiative", region="Region Nordjylland", focus_areas=("Telemedicin",),
               start="2021-01-01", end=None)
    g.add_node("t", label="Telemedicin", type="Focus Area")
    g.add_node("fac", label="Forskerparken", type="Facility")
    g.add_node("r", label="Region Sjælland", type="Region", reference=True)  # only a place: an attribute
    g.add_node("r2", label="Region Nordjylland", type="Region", region="Region Nordjylland", reference=True)
    g.add_node("k", label="Lejre Kommune", type="Municipality", reference=True)  # unused reference data
    g.add_edge("u", "https://w3id.org/ecokg/id/c", relation="member of",
               evidence=(("Pressemeddelelse", "2018-09-20", "A er medlem"),))
    g.add_edge("x", "p2", relation="partner in")
    g.add_edge("u", "p1", relation="https://w3id.org/ecokg/def#partnerIn")
    g.add_edge("p1", "t", relation="adresserer")
    g.add_edge("p2", "t", relation="addresses")
    g.add_edge("p1", "https://w3id.org/ecokg/id/c", relation="funded by", amount=14000000.0,
               start="2018-01-01", end="2019-12-31")
    g.add_edge("https://w3id.org/ecokg/id/c", "fac", relation="located in")
    g.add_edge("https://w3id.org/ecokg/id/c", "r", relation="located in")
    g.add_edge("p2", "r2", relation="funded by")  # a region taking part: drawn
    return g


def _data(html: str) -> dict:
    blob = re.search(r'<script type="application/json" id="ecokg-map-data">(.*?)</script>', html, re.S).group(1)
    return json.loads(blob)


@pytest.fixture
def page(tmp_path):
    out = tmp_path / "map.html"
    stats = render_map(_graph(), out, title="Kort <i>", overlaps=[("p1", "p2", 0.9, ["same focus area: Telemedicin"])],
                       gaps={"growth_model_gaps": [{"ecosystem": "Klynge Ø", "missing": ["financing"]}],
                             "brokers": [{"label": "Universitet A", "score": 0.5}],
                             "isolated": [{"label": HOSTILE}]})
    return stats, out.read_bytes().decode("utf-8")


def test_stats_and_one_node_per_actor_initiative_focus_area(page):
    stats, html = page
    assert isinstance(stats, MapStats)
    # cluster, university, company, 2 initiatives, focus area, the funding region;
    # not the facility, not Lejre (unused reference data), not Sjælland (only a place)
    assert stats.nodes == 7
    assert stats.by_type == {"Cluster": 1, "Company": 1, "Focus Area": 1, "Initiative": 2, "Region": 1, "University": 1}
    assert stats.edges == 7 + 1  # the facility edge is dropped; one overlap edge
    assert (stats.overlaps, stats.gaps_marked, stats.layout) == (1, 1, "physics")
    assert stats.bytes == len(html.encode("utf-8"))


def test_opaque_ids_and_data_as_escaped_json(page):
    _stats, html = page
    data = _data(html)
    assert [n["id"] for n in data["nodes"]] == [f"n{i}" for i in range(7)]
    assert "w3id.org/ecokg/id/c" not in html
    blob = re.search(r'id="ecokg-map-data">(.*?)</script>', html, re.S).group(1)
    for raw in ("<", ">", "&", "\u2028"):
        assert raw not in blob
    assert HOSTILE not in html and "</script> &" not in html
    node = [n for n in data["nodes"] if n["l"] == HOSTILE][0]
    assert node["d"] == "a\u2028b </script> & <!--"
    assert "<title>Kort &lt;i&gt;</title>" in html


def test_csp_hashes_match_the_inline_scripts_and_styles(page):
    _stats, html = page
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1).replace("&#x27;", "'")
    assert csp.startswith("default-src 'none'; script-src 'sha256-") and "unsafe" not in csp
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    styles = re.findall(r"<style>(.*?)</style>", html, re.S)
    assert len(scripts) == 2 and len(styles) == 2
    for body in scripts + styles:
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert csp == csp_for(scripts, styles)
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", html)
    assert "style=" not in html.split("<script", 1)[0]  # no inline style attributes (CSP would block them)


def test_edges_relations_evidence_amounts_overlap_and_gap(page):
    _stats, html = page
    data = _data(html)
    rel = {r["name"]: i for i, r in enumerate(data["relations"])}
    by_label = {n["l"]: n for n in data["nodes"]}
    edges = {(e["f"], e["to"], data["relations"][e["r"]]["name"]): e for e in data["edges"]}
    u, c, p1, p2 = (by_label[k]["id"] for k in ("Universitet A", "Klynge Ø", "Projekt 1", "Projekt 2"))
    assert edges[(u, c, "member of")]["ev"] == [["Pressemeddelelse", "2018-09-20", "A er medlem"]]
    assert (u, p1, "partner in") in edges  # predicate IRI mapped to its name
    assert edges[(p1, c, "funded by")]["a"] == 14000000.0
    assert edges[(p1, p2, "overlaps")]["ov"] == {"score": 0.9, "reasons": ["same focus area: Telemedicin"]}
    assert "overlaps" in rel and data["relations"][rel["overlaps"]]["n"] == 1
    assert by_label["Klynge Ø"]["g"] == ["financing"]
    assert by_label["Universitet A"]["b"] == 0.5 and "b" not in by_label["Klynge Ø"]
    assert by_label[HOSTILE]["iso"] is True
    # size: the cluster (member, funded) is bigger than the company (one partnership)
    assert by_label["Klynge Ø"]["z"] > by_label[HOSTILE]["z"]


def test_contacts_only_when_asked(tmp_path):
    out = tmp_path / "a.html"
    render_map(_graph(), out)
    assert "a@b.dk" not in out.read_text(encoding="utf-8")
    render_map(_graph(), out, include_contacts=True)
    node = [n for n in _data(out.read_text(encoding="utf-8"))["nodes"] if n["l"] == HOSTILE][0]
    assert node["c"] == {"Contact": ["a@b.dk", "+4512345678"]}


@pytest.mark.parametrize(
    "kwargs, labels",
    [
        (dict(types=["Initiative"]), {"Projekt 1", "Projekt 2"}),
        (dict(types=["projekt", "Klynge"]), {"Projekt 1", "Projekt 2", "Klynge Ø"}),
        (dict(regions=["Nordjylland"]), {HOSTILE, "Projekt 2", "Region Nordjylland"}),
        (dict(focus_areas=["telemedicin"]), {"Projekt 1", "Projekt 2", "Telemedicin"}),
        (dict(period="2018-06-01"), {"Klynge Ø", "Universitet A", HOSTILE, "Projekt 1", "Telemedicin", "Region Nordjylland"}),
        (dict(period=("2020-01-01", None), types=["Initiative"]), {"Projekt 2"}),
        (dict(focus="Projekt 1", hops=1), {"Projekt 1", "Universitet A", "Telemedicin", "Klynge Ø"}),
        (dict(focus="projekt 1", hops=2), {"Projekt 1", "Universitet A", "Telemedicin", "Klynge Ø", "Projekt 2"}),
        (dict(focus="https://w3id.org/ecokg/id/c", hops=0), {"Klynge Ø"}),
        (dict(types=()), {"Klynge Ø", "Universitet A", HOSTILE, "Projekt 1", "Projekt 2", "Telemedicin", "Region Nordjylland"}),
    ],
)
def test_filters_and_focus(kwargs, labels):
    frag = map_fragment(_graph(), **kwargs)
    assert {n["l"] for n in json.loads(frag.data)["nodes"]} == labels
    assert frag.stats.nodes == len(labels)


def test_errors_are_specific():
    with pytest.raises(EntityNotFound):
        map_fragment(_graph(), focus="Ingen sådan aktør")
    with pytest.raises(InputError):
        map_fragment(_graph(), size_by="magic")
    with pytest.raises(InputError):
        map_fragment(_graph(), focus="Projekt 1", hops=-1)


def test_python_layout_and_aggregation_for_large_graphs():
    g = nx.MultiDiGraph()
    for i in range(400):
        g.add_node(i, label=f"A{i}", type="Company", region=("Region Sjælland" if i % 2 else "Region Syddanmark"))
    for i in range(399):
        g.add_edge(i, i + 1, relation="partner in")
    frag = map_fragment(g, aggregate=True)
    data = json.loads(frag.data)
    assert frag.stats.layout == "python" and data["physics"] is False
    assert all(isinstance(n["x"], float) and isinstance(n["y"], float) for n in data["nodes"])
    assert frag.stats.aggregated and sorted(gr["label"] for gr in data["groups"]) == ["Region Sjælland", "Region Syddanmark"]
    assert sum(gr["n"] for gr in data["groups"]) == 400
    small = json.loads(map_fragment(_graph()).data)
    assert small["physics"] is True and small["groups"] is None


def test_template_tokens_in_data_are_inert(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("a", label="@@VIS_JS@@ @@DATA@@", type="Company")
    out = tmp_path / "t.html"
    render_map(g, out, title="@@CSP@@")
    html = out.read_text(encoding="utf-8")
    assert _data(html)["nodes"][0]["l"] == "@@VIS_JS@@ @@DATA@@"
    assert "<title>@@CSP@@</title>" in html
    assert html.count("vis-network") >= 1 and len(html) < 1_000_000
