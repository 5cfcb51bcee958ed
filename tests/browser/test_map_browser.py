"""The map in real headless Chromium, with the network blocked."""

from __future__ import annotations

import json
import random

import networkx as nx
import pytest

from graph.render import render_map

from .conftest import DRAWN, HOSTILE_IMG, HOSTILE_SCRIPT, hostile_graph

pytestmark = pytest.mark.browser

OVERLAPS = [
    {"a": {"iri": "i1", "label": "Telemedicin i hjemmet – KOL"}, "b": {"iri": "i2"}, "score": 0.82,
     "reasons": ["same focus area: Telemedicin", "different regions: Nordjylland / Syddanmark"]},
]
GAPS = {"growth_model_gaps": [{"ecosystem": "Danish Healthtech", "missing": ["financing", "supply"]}]}


@pytest.fixture
def map_page(tmp_path, page_log):
    out = tmp_path / "map.html"
    render_map(hostile_graph(), out, title="Testkort <b>æøå</b>", overlaps=OVERLAPS, gaps=GAPS)
    page = page_log.open(out)
    data = json.loads(page.eval_on_selector("#ecokg-map-data", "e => e.textContent"))
    return page_log, page, data


def _ids_of_type(data, name):
    t = [i for i, x in enumerate(data["types"]) if x["name"] == name][0]
    return {n["id"] for n in data["nodes"] if n["t"] == t}


def _hidden(page):
    return set(page.evaluate("window.network.body.data.nodes.get({filter: n => n.hidden === true}).map(n => n.id)"))


def test_loads_offline_clean_with_one_node_per_entity(map_page):
    log, page, data = map_page
    assert page.evaluate("window.network.body.data.nodes.length") == DRAWN
    assert page.evaluate("window.network.body.data.edges.length") == 12 + 1  # 12 relations (the facility edge is dropped) + 1 overlap
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.title() == "Testkort <b>æøå</b>"
    assert page.inner_text("#ek-title") == "Testkort <b>æøå</b>"
    assert page.evaluate("document.querySelectorAll('img').length") == 0
    assert page.evaluate("document.scripts.length") == 3  # the JSON blob, vis-network, ours
    log.assert_clean()


def test_hostile_labels_show_as_text_and_run_nothing(map_page):
    log, page, data = map_page
    page.fill("#ek-search", "pwned")
    texts = page.eval_on_selector_all("#ek-results button", "bs => bs.map(b => b.textContent)")
    assert sorted(texts) == sorted([HOSTILE_IMG, HOSTILE_SCRIPT])
    page.click("#ek-results button >> nth=0")
    page.click("#ek-results button >> nth=1")
    details = page.inner_text("#ek-details")
    assert HOSTILE_SCRIPT in details or HOSTILE_IMG in details
    # the hostile description is shown as text too
    sid = [n["id"] for n in data["nodes"] if n["l"] == HOSTILE_SCRIPT][0]
    page.evaluate(f"window.ecokgPick('{sid}')")
    assert "</script><script>window.__pwned=1</script> & co" in page.inner_text("#ek-details")
    assert page.evaluate("document.querySelectorAll('#ek-map img, #ek-map script').length") == 0
    assert page.evaluate("typeof window.__pwned") == "undefined"
    log.assert_clean()


def test_type_filter_click_hides_exactly_that_type(map_page):
    log, page, data = map_page
    companies = _ids_of_type(data, "Company")
    assert len(companies) == 2
    assert _hidden(page) == set()
    page.locator("#ek-f-type label", has_text="Company").locator("input").click()
    assert _hidden(page) == companies
    # their edges are no longer drawn (vis-network's own list of visible edges)
    drawn_edges = set(page.evaluate("window.network.body.edgeIndices"))
    assert drawn_edges == {e["id"] for e in data["edges"] if e["f"] not in companies and e["to"] not in companies}
    assert not set(page.evaluate("window.network.body.nodeIndices")) & companies
    page.locator("#ek-f-type label", has_text="Company").locator("input").click()
    assert _hidden(page) == set()
    # the same through the data attributes
    page.click('input[data-filter="type"][data-value="Company"]')
    assert _hidden(page) == companies
    log.assert_clean()


def test_region_focus_area_and_period_filters(map_page):
    log, page, data = map_page
    page.locator("#ek-f-region label", has_text="Region Nordjylland").locator("input").click()
    nord = {n["id"] for n in data["nodes"] if n["r"] == "Region Nordjylland"}
    assert len(nord) == 4 and _hidden(page) == nord
    page.click("#ek-all")
    assert _hidden(page) == set()
    page.locator("#ek-f-focus label", has_text="Velfærdsteknologi").locator("input").click()
    velf = {n["id"] for n in data["nodes"] if n["fa"] == ["Velfærdsteknologi"]}
    assert len(velf) == 2 and _hidden(page) == velf
    page.click("#ek-all")
    page.fill("#ek-from", "2015-01-01")
    page.dispatch_event("#ek-from", "change")
    old = {n["id"] for n in data["nodes"] if n.get("e") and n["e"] < "2015-01-01"}
    assert len(old) == 1 and _hidden(page) == old
    log.assert_clean()


def test_focus_with_hops_in_page(map_page):
    log, page, data = map_page
    hub = [n["id"] for n in data["nodes"] if n["l"] == "Danish Healthtech"][0]
    page.evaluate(f"window.network.selectNodes(['{hub}'])")
    page.evaluate(f"window.ecokgPick('{hub}')")
    page.fill("#ek-hops", "1")
    page.click("#ek-focus")
    shown = {n["id"] for n in data["nodes"]} - _hidden(page)
    expected = {hub} | {e["to"] for e in data["edges"] if e["f"] == hub} | {e["f"] for e in data["edges"] if e["to"] == hub}
    assert shown == expected and len(shown) == 6
    page.click("#ek-reset")
    assert _hidden(page) == set()
    log.assert_clean()


def test_tooltip_on_hover_names_type_region_and_gap(map_page):
    log, page, data = map_page
    hub = [n["id"] for n in data["nodes"] if n["l"] == "Danish Healthtech"][0]
    pos = page.evaluate(f"(() => {{ const p = window.network.getPosition('{hub}'); return window.network.canvasToDOM(p); }})()")
    box = page.locator("#ek-network").bounding_box()
    page.mouse.move(box["x"] + pos["x"], box["y"] + pos["y"])
    page.wait_for_selector("#ek-tooltip", state="visible", timeout=5000)
    tip = page.inner_text("#ek-tooltip")
    assert "Danish Healthtech" in tip and "Cluster" in tip and "Region Syddanmark" in tip
    assert "financing, supply" in tip
    log.assert_clean()


def test_overlap_edge_and_evidence_in_details(map_page):
    log, page, data = map_page
    ov = [e for e in data["edges"] if "ov" in e]
    assert len(ov) == 1 and ov[0]["ov"]["reasons"][0] == "same focus area: Telemedicin"
    hub = [n["id"] for n in data["nodes"] if n["l"] == "Danish Healthtech"][0]
    page.evaluate(f"window.ecokgPick('{hub}')")
    assert "member of → Danish Healthtech" not in page.inner_text("#ek-details")  # incoming edges read "← member of"
    assert "← member of Syddansk Universitet" in page.inner_text("#ek-details")
    log.assert_clean()


def test_contacts_stay_out_unless_asked(tmp_path, page_log):
    out = tmp_path / "m.html"
    render_map(hostile_graph(), out)
    assert "jens@example.dk" not in out.read_text(encoding="utf-8")
    out2 = tmp_path / "m2.html"
    render_map(hostile_graph(), out2, include_contacts=True)
    page = page_log.open(out2)
    pid = page.evaluate("JSON.parse(document.getElementById('ecokg-map-data').textContent).nodes.find(n => n.l === 'Jens Hansen').id")
    page.evaluate(f"window.ecokgPick('{pid}')")
    assert "jens@example.dk" in page.inner_text("#ek-details")
    page_log.assert_clean()


def test_large_graph_python_layout_and_grouped_view(tmp_path, page_log):
    rnd = random.Random(3)
    g = nx.MultiDiGraph()
    regions = ["Region Hovedstaden", "Region Sjælland", "Region Syddanmark", "Region Midtjylland", "Region Nordjylland"]
    n = 900
    for i in range(n):
        g.add_node(i, label=f"Aktør {i}", type=rnd.choice(["Company", "University", "Initiative", "Hospital"]),
                   region=regions[i % 5])
    for _ in range(2 * n):
        g.add_edge(rnd.randrange(n), rnd.randrange(n), relation="partner in")
    out = tmp_path / "big.html"
    stats = render_map(g, out, aggregate=True)
    assert stats.layout == "python" and stats.aggregated and stats.nodes == n
    page = page_log.open(out, timeout=60000)
    # opens with the five regions as super-nodes, joined by aggregated edges
    assert page.evaluate("window.network.body.data.nodes.length") == 5
    assert page.evaluate("window.network.body.data.edges.length") == 10  # one per pair of regions
    # double-click one group: its 180 members replace it
    pos = page.evaluate("window.network.canvasToDOM(window.network.getPosition('g-0'))")
    box = page.locator("#ek-network").bounding_box()
    page.mouse.dblclick(box["x"] + pos["x"], box["y"] + pos["y"])
    assert page.evaluate("window.network.body.data.nodes.length") == 4 + 180
    page.click("#ek-group")  # expand all
    assert page.evaluate("window.network.body.data.nodes.length") == n
    assert page.evaluate("window.network.body.data.edges.length") == 2 * n
    # filters still work on the expanded view
    page.locator("#ek-f-region label", has_text="Region Sjælland").locator("input").click()
    assert page.evaluate("window.network.body.data.nodes.get({filter: x => x.hidden}).length") == 180
    page.click("#ek-group")  # group again
    assert page.evaluate("window.network.body.data.nodes.length") == 5
    page_log.assert_clean()
