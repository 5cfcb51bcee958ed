"""Benchmark the map: write time, and time until the page is interactive in Chromium.

A seeded generator builds an entity graph shaped like :func:`graph.views.entity_graph`'s
output (clusters with members, initiatives with partners and funders, focus
areas, regions, evidence on some edges) directly as a NetworkX MultiDiGraph,
then :func:`graph.render.render_map` writes the page and headless Chromium
(Debian's, ``scripts/setup-browser.sh``) opens it with the network blocked.

Measured:

- ``write_s``: ``render_map`` (layout in Python above 300 nodes, JSON, file).
- ``interactive_s``: from navigation start until the page reports ready
  (``window.ecokgReady``: first frame drawn, or physics stabilised) and
  answers a first script call.
- ``filter_s``: one click on a type filter until the nodes are hidden.
- ``search_s``: typing a search until results are listed.

Usage::

    python bench/bench_map.py                 # 20k nodes, flat and grouped (goal: interactive within 5 s)
    python bench/bench_map.py --nodes 2000 --json
    python bench/bench_map.py --mode grouped  # only the grouped view (the default above 5000 nodes)
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from graph.render import render_map  # noqa: E402

REGIONS = ["Region Hovedstaden", "Region Sjælland", "Region Syddanmark", "Region Midtjylland", "Region Nordjylland"]
ACTOR_TYPES = [("Company", 0.55), ("Municipality", 0.04), ("Hospital", 0.05), ("University", 0.02),
               ("Research Institute", 0.02), ("Association", 0.05), ("Investor", 0.03), ("Person", 0.2),
               ("Organizational Unit", 0.04)]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def synthetic(n: int, seed: int = 7) -> nx.MultiDiGraph:
    """An entity graph of ``n`` nodes: ~70 % actors, ~25 % initiatives, focus areas, clusters."""
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    n_focus = max(5, n // 400)
    n_clusters = max(3, n // 500)
    n_init = int(n * 0.25)
    n_actor = n - n_focus - n_clusters - n_init - len(REGIONS)
    focus = [f"fa{i}" for i in range(n_focus)]
    for i, f in enumerate(focus):
        g.add_node(f, label=f"Fokusområde {i} – sundhed", type="Focus Area")
    for r in REGIONS:
        g.add_node(r, label=r, type="Region", region=r, reference=True)
    clusters = [f"c{i}" for i in range(n_clusters)]
    for i, c in enumerate(clusters):
        reg = rnd.choice(REGIONS)
        g.add_node(c, label=f"Klynge {i}", type="Cluster", region=reg, focus_areas=(g.nodes[rnd.choice(focus)]["label"],))
        g.add_edge(c, reg, relation="located in")
    types, weights = zip(*ACTOR_TYPES)
    actors = [f"a{i}" for i in range(n_actor)]
    for i, a in enumerate(actors):
        reg = rnd.choice(REGIONS)
        g.add_node(a, label=f"Aktør {i} ApS", type=rnd.choices(types, weights)[0], region=reg)
        if rnd.random() < 0.6:
            g.add_edge(a, rnd.choice(clusters), relation="member of", start=f"20{rnd.randint(10, 23)}-01-01",
                       evidence=(("Medlemsliste", "2023-05-01", f"Aktør {i} er medlem"),))
    for i in range(n_init):
        p = f"p{i}"
        reg = rnd.choice(REGIONS)
        fa = rnd.sample(focus, k=min(2, len(focus)))
        y = rnd.randint(2012, 2024)
        g.add_node(p, label=f"Projekt {i}: telemedicin og velfærdsteknologi", type="Initiative", region=reg,
                   focus_areas=tuple(g.nodes[f]["label"] for f in fa), start=f"{y}-01-01", end=f"{y + 2}-12-31",
                   description="Et projekt om hjemmemonitorering af patienter med kronisk sygdom.")
        for f in fa:
            g.add_edge(p, f, relation="addresses")
        for a in rnd.sample(actors, k=rnd.randint(1, 4)):
            g.add_edge(a, p, relation="partner in")
        if rnd.random() < 0.3:
            g.add_edge(p, rnd.choice(actors), relation="funded by", amount=float(rnd.randint(1, 50)) * 1e6)
    return g


def _browser(path: Path) -> dict:
    from playwright.sync_api import sync_playwright

    out = {}
    blocked, errors = [], []
    with sync_playwright() as p:
        ctx = p.chromium.launch_persistent_context(tempfile.mkdtemp(), executable_path=CHROMIUM, headless=True,
                                                   args=ARGS, viewport={"width": 1400, "height": 900})
        page = ctx.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "about:"))
                   else (blocked.append(r.request.url), r.abort()))
        t0 = time.perf_counter()
        page.goto(path.resolve().as_uri(), wait_until="load", timeout=120_000)
        out["load_s"] = round(time.perf_counter() - t0, 2)
        page.wait_for_function("() => window.ecokgReady === true", timeout=300_000, polling=50)
        page.evaluate("window.network.body.data.nodes.length")
        out["interactive_s"] = round(time.perf_counter() - t0, 2)
        out["vis_nodes"] = page.evaluate("window.network.body.data.nodes.length")
        out["page_ms"] = {k: round(v) for k, v in page.evaluate("window.ecokgTimings").items()}
        t1 = time.perf_counter()
        page.locator("#ek-f-type label", has_text="Company").locator("input").click()
        page.evaluate("window.network.body.data.nodes.get({filter: n => n.hidden}).length")
        out["filter_s"] = round(time.perf_counter() - t1, 2)
        out["page_ms"] = {k: round(v) for k, v in page.evaluate("window.ecokgTimings").items()}
        if page.evaluate("window.network.body.nodes['g-0'] !== undefined"):
            t3 = time.perf_counter()
            pos = page.evaluate("window.network.canvasToDOM(window.network.getPosition('g-0'))")
            box = page.locator("#ek-network").bounding_box()
            page.mouse.dblclick(box["x"] + pos["x"], box["y"] + pos["y"])
            page.evaluate("window.network.body.data.nodes.length")
            out["expand_largest_group_s"] = round(time.perf_counter() - t3, 2)
            out["vis_nodes_after_expand"] = page.evaluate("window.network.body.data.nodes.length")
        t2 = time.perf_counter()
        page.fill("#ek-search", "Aktør 123")
        page.wait_for_selector("#ek-results button", timeout=30_000)
        out["search_s"] = round(time.perf_counter() - t2, 2)
        ctx.close()
    out["blocked_requests"] = len(blocked)
    out["console_errors"] = len(errors)
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=20_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--mode", choices=["auto", "flat", "grouped", "both"], default="both",
                    help="flat: every node drawn; grouped: regions as super-nodes; auto: render_map's default")
    ap.add_argument("--no-browser", action="store_true", help="only time the write")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)

    t = time.perf_counter()
    g = synthetic(args.nodes, args.seed)
    gen_s = time.perf_counter() - t
    modes = {"auto": [None], "flat": [False], "grouped": [True], "both": [False, True]}[args.mode]
    results = []
    for aggregate in modes:
        out_dir = Path(tempfile.mkdtemp(prefix="ecokg-bench-map-"))
        path = out_dir / "map.html"
        t = time.perf_counter()
        stats = render_map(g, path, title=f"Synthetic ecosystem, {args.nodes} nodes", aggregate=aggregate)
        write_s = time.perf_counter() - t
        result = {
            "mode": "grouped" if stats.aggregated else "flat",
            "nodes": stats.nodes, "edges": stats.edges, "layout": stats.layout,
            "generate_s": round(gen_s, 2), "write_s": round(write_s, 2), "mb": round(stats.bytes / 1e6, 1),
        }
        if not args.no_browser:
            result.update(_browser(path))
            result["goal_interactive_5s"] = result["interactive_s"] <= 5.0
        results.append(result)
    try:
        import os

        load = os.getloadavg()[0]
    except OSError:  # pragma: no cover
        load = None
    if args.json:
        print(json.dumps({"load_average_1min": load, "runs": results}))
    else:
        print(f"load average (1 min): {load}")
        for result in results:
            print()
            for k, v in result.items():
                print(f"{k:>24}: {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
