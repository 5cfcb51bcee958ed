"""Interactive, offline, safe network maps (vis-network, as bundled with pyvis).

:func:`render_map` turns an entity graph (see :func:`graph.views.entity_graph`)
into one self-contained HTML file: the vis-network JavaScript and CSS shipped in
the pyvis package are inlined (nothing from a CDN, no Bootstrap), the page
carries a Content-Security-Policy that allows only its own inline scripts and
styles (by SHA-256 hash), and every piece of text from the data travels in a JSON
blob that the page reads with ``JSON.parse`` and writes with ``textContent``.
Node ids in the page are opaque (``n0``, ``n1`` …). The page exposes its
``vis.Network`` as ``window.network``.

pyvis itself is used only as the source of the vis-network library files: its
``Network.add_node``/``add_edge`` are quadratic and its template writes some
data raw into HTML, so node and edge lists are built here directly.

Which nodes are drawn: actors (organisations, units, people), initiatives and
focus areas — one vis node each. Other entities (facilities, documents, events)
are left out, and so are the edges that touch them. Reference data (the
regions and 98 municipalities) is drawn only where it takes part in the data
(a member, a funder, a partner …); a region that is merely where something is
located is shown as that node's ``region`` (filters, tooltips), not as a node.

Examples
--------
>>> import networkx as nx, tempfile, pathlib
>>> g = nx.MultiDiGraph()
>>> g.add_node("a", label="Odense Kommune", type="Municipality", region="Region Syddanmark")
>>> g.add_node("b", label="Welfare Tech", type="Cluster", region="Region Syddanmark")
>>> g.add_node("t", label="Telemedicin", type="Focus Area")
>>> _ = g.add_edge("a", "b", relation="member of")
>>> _ = g.add_edge("b", "t", relation="addresses")
>>> out = pathlib.Path(tempfile.mkdtemp()) / "map.html"
>>> stats = render_map(g, out, title="Syddanmark")
>>> (stats.nodes, stats.edges, stats.layout)
(3, 2, 'physics')
>>> "Welfare Tech" in out.read_text(encoding="utf-8")
True
"""

from __future__ import annotations

import base64
from collections import Counter
import hashlib
import html
import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import networkx as nx
from rdflib import URIRef

from graph.files import atomic_write
from graph.vocab import CONNECTION_PREDICATES, TYPE_CLASSES, TYPE_LABELS

__all__ = [
    "MapStats",
    "MapFragment",
    "NODE_STYLES",
    "RELATION_STYLES",
    "render_map",
    "map_fragment",
    "page_assets",
    "csp_for",
    "fill_template",
]

_TEMPLATES = Path(__file__).with_name("templates")

#: type label -> (fill colour, vis shape, kind). Kind is "actor", "initiative" or "focus".
NODE_STYLES: dict[str, tuple[str, str, str]] = {
    "Cluster": ("#1f77b4", "diamond", "actor"),
    "Innovation Network": ("#17becf", "diamond", "actor"),
    "University": ("#2ca02c", "triangle", "actor"),
    "University College": ("#98df8a", "triangle", "actor"),
    "Research Institute": ("#5b8c2a", "triangle", "actor"),
    "Region": ("#7f7f7f", "square", "actor"),
    "Municipality": ("#c7c7c7", "square", "actor"),
    "Hospital": ("#e377c2", "square", "actor"),
    "Company": ("#ff7f0e", "dot", "actor"),
    "Public Authority": ("#9467bd", "square", "actor"),
    "Association": ("#bcbd22", "dot", "actor"),
    "Investor": ("#ffbf00", "star", "actor"),
    "Organizational Unit": ("#8fa9c9", "dot", "actor"),
    "Person": ("#b0b0b0", "dot", "actor"),
    "Initiative": ("#6a3d9a", "hexagon", "initiative"),
    "Partnership": ("#a57cc7", "hexagon", "initiative"),
    "Focus Area": ("#2a9d8f", "triangleDown", "focus"),
    "Other": ("#dddddd", "dot", "actor"),
}

#: relation name -> (colour, dashes, width, arrows)
RELATION_STYLES: dict[str, tuple[str, bool, float, bool]] = {
    "member of": ("#4a6fa5", False, 1.5, True),
    "partner in": ("#6a3d9a", False, 1.5, True),
    "funded by": ("#d4a017", False, 2.5, True),
    "located in": ("#b8b8b8", True, 1.0, True),
    "addresses": ("#2a9d8f", True, 1.0, True),
    "founded by": ("#8c564b", False, 1.5, True),
    "merged into": ("#000000", False, 2.5, True),
    "part of": ("#1f77b4", True, 1.5, True),
    "works for": ("#9a9a9a", False, 1.0, True),
    "leads": ("#444444", False, 2.0, True),
    "overlaps": ("#e4572e", True, 4.0, False),
    "related": ("#aaaaaa", False, 1.0, True),
}

_PHYSICS_LIMIT = 300  # above this many drawn nodes the layout is computed in Python
_AGGREGATE_LIMIT = 5000  # above this many drawn nodes the page opens grouped
_NOT_CENTRAL = {"located in", "overlaps"}  # would make regions and overlap pairs look central
_CONTACT_KEYS = {"email", "emails", "telephone", "telephones", "phone", "hasemail", "hastelephone", "contacts"}
_PRED_NAME = {}
for _name, _pred in CONNECTION_PREDICATES.items():
    _PRED_NAME.setdefault(_pred, _name)  # English names come first in vocab


@dataclass(frozen=True)
class MapStats:
    """What :func:`render_map` drew.

    Attributes
    ----------
    path : str
        The file written ("" for a fragment).
    nodes, edges : int
        vis nodes (actors + initiatives + focus areas) and edges drawn.
    by_type : dict
        Type label -> number of nodes drawn.
    layout : str
        ``"physics"`` (stabilised in the browser, then frozen) or ``"python"``.
    aggregated : bool
        Whether the page opens with groups (regions or communities) as super-nodes.
    overlaps, gaps_marked : int
        Overlap edges drawn; ecosystems marked as missing a growth-model element.
    bytes : int
        Size of the HTML written.
    """

    path: str
    nodes: int
    edges: int
    by_type: dict = field(default_factory=dict)
    layout: str = "physics"
    aggregated: bool = False
    overlaps: int = 0
    gaps_marked: int = 0
    bytes: int = 0


@dataclass(frozen=True)
class MapFragment:
    """The pieces of a map that a page (the map page or the report) assembles.

    ``body`` is the HTML of the controls and canvas (all text escaped), ``data``
    the escaped JSON for ``<script type="application/json" id="ecokg-map-data">``;
    ``stats`` as in :class:`MapStats` with an empty path.
    """

    body: str
    data: str
    stats: MapStats


# --------------------------------------------------------------------------- helpers


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef):
        return _local(value)
    return str(value)


def _local(iri: Any) -> str:
    s = str(iri)
    return re.split(r"[#/]", s.rstrip("/#"))[-1] or s


def _type_name(value: Any) -> str:
    """Canonical English type label; ``"Other"`` for unknown types."""
    if value is None:
        return "Other"
    s = str(value).strip()
    if isinstance(value, URIRef) or s.startswith(("http://", "https://")):
        return TYPE_LABELS.get(URIRef(s), "Other")
    if s in NODE_STYLES or s in TYPE_LABELS.values():
        return s
    cls = TYPE_CLASSES.get(s.lower())
    if cls is not None:
        return TYPE_LABELS[cls]
    for name in list(NODE_STYLES) + list(TYPE_LABELS.values()):
        if name.lower() == s.lower():
            return name
    return "Other"


def _kind(type_name: str) -> str | None:
    """'actor', 'initiative', 'focus' or None (not drawn)."""
    if type_name in NODE_STYLES:
        return NODE_STYLES[type_name][2]
    return None  # Facility, Document, Event, Grant, ... are not drawn


def _relation_name(value: Any) -> str:
    if value is None:
        return "related"
    if isinstance(value, URIRef) or str(value).startswith("http"):
        return _PRED_NAME.get(URIRef(str(value)), _local(value))
    s = str(value).strip()
    pred = CONNECTION_PREDICATES.get(s.lower())
    if pred is not None:
        return _PRED_NAME[pred]
    return s or "related"


def _iso(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "toPython"):
        return _iso(value.toPython())
    s = str(value)
    return s[:10] if re.match(r"\d{4}-\d{2}-\d{2}", s) else s


def _names(g: nx.MultiDiGraph, value: Any) -> list[str]:
    """Labels for a region / focus-area attribute (a label, an IRI, or a collection)."""
    if value is None or value == "":
        return []
    if isinstance(value, (str, URIRef)) or not isinstance(value, Iterable):
        value = [value]
    out = []
    for v in value:
        if v is None or v == "":
            continue
        if v in g and "label" in g.nodes[v]:
            out.append(str(g.nodes[v]["label"]))
        else:
            out.append(_text(v))
    return sorted(dict.fromkeys(out))


def _evidence(ev: Any) -> list[list[str]]:
    """Evidence as ``[[title, date, quote], ...]`` from tuples, dicts or objects."""
    if not ev:
        return []
    if isinstance(ev, (dict, str)) or hasattr(ev, "quote"):
        ev = [ev]
    out = []
    for item in ev:
        if isinstance(item, Mapping):
            title, when, quote = item.get("title"), item.get("date"), item.get("quote")
        elif hasattr(item, "quote"):
            title = getattr(item, "title", None) or getattr(item, "document", None)
            when, quote = getattr(item, "date", None), item.quote
        elif isinstance(item, (tuple, list)):
            parts = list(item) + [None] * 3
            if len(item) >= 4:  # (document, title, date, quote)
                title, when, quote = parts[1] or parts[0], parts[2], parts[3]
            else:
                title, when, quote = parts[0], parts[1], parts[2]
        else:
            title, when, quote = item, None, None
        out.append([_text(title), _iso(when) or "", _text(quote)])
    return out


def _amount(value: Any) -> Any:
    if value is None or value == "":
        return None
    if hasattr(value, "toPython"):
        value = value.toPython()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (int, float)):
        return value
    try:
        return float(str(value))
    except ValueError:
        return _text(value)


def _contacts(attrs: Mapping) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for key, val in attrs.items():
        if str(key).lower() not in _CONTACT_KEYS or not val:
            continue
        if isinstance(val, Mapping):
            for k, v in val.items():
                vals = [v] if isinstance(v, (str, URIRef)) else list(v)
                out.setdefault(str(k), []).extend(_text(x) if not isinstance(x, URIRef) else str(x) for x in vals)
            continue
        vals = [val] if isinstance(val, (str, URIRef)) else list(val)
        out.setdefault(str(key), []).extend(str(v) for v in vals)
    names = {"contacts": "Contact", "email": "E-mail", "emails": "E-mail", "hasemail": "E-mail", "telephone": "Phone",
             "telephones": "Phone", "phone": "Phone", "hastelephone": "Phone"}
    tidy: dict[str, list[str]] = {}
    for k, vs in out.items():
        tidy.setdefault(names.get(k.lower(), k), []).extend(re.sub(r"^(mailto|tel):", "", v) for v in vs)
    return tidy


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _ref(obj: Any) -> tuple[Any, str]:
    """(iri-or-id, label) of an overlap/gap party given as an object, dict or plain id."""
    if isinstance(obj, (str, URIRef)):
        return obj, str(obj)
    iri = _get(obj, "iri") or _get(obj, "id") or _get(obj, "node")
    return iri, _text(_get(obj, "label", ""))


def _resolve(g: nx.MultiDiGraph, lookup: dict[str, Any], obj: Any) -> Any:
    iri, lab = _ref(obj)
    for key in (iri, str(iri) if iri is not None else None):
        if key is not None and key in g:
            return key
    if iri is not None and str(iri) in lookup:
        return lookup[str(iri)]
    if lab and lab.casefold() in lookup:
        return lookup[lab.casefold()]
    if isinstance(obj, str) and obj.casefold() in lookup:
        return lookup[obj.casefold()]
    return None


def _overlap_parts(ov: Any) -> tuple[Any, Any, float, list[str]]:
    if isinstance(ov, (tuple, list)):
        a, b = ov[0], ov[1]
        score = float(ov[2]) if len(ov) > 2 else 1.0
        reasons = list(ov[3]) if len(ov) > 3 else []
        return a, b, score, [str(r) for r in reasons]
    a, b = _get(ov, "a"), _get(ov, "b")
    score = _get(ov, "score", 1.0)
    reasons = _get(ov, "reasons", ()) or ()
    return a, b, float(score), [str(r) for r in reasons]


def _growth_gaps(gaps: Any) -> list[tuple[Any, list[str]]]:
    if gaps is None:
        return []
    items = _get(gaps, "growth_model_gaps", None)
    if items is None and isinstance(gaps, (list, tuple)):
        items = gaps
    out = []
    for item in items or ():
        if isinstance(item, (tuple, list)):
            eco, missing = item[0], item[1]
        else:
            eco, missing = _get(item, "ecosystem"), _get(item, "missing", ())
        missing = [missing] if isinstance(missing, str) else list(missing or ())
        if missing:
            out.append((eco, [str(m) for m in missing]))
    return out


def _parse_period(period: Any) -> tuple[str | None, str | None]:
    if period is None:
        return None, None
    if isinstance(period, (tuple, list)):
        a = period[0] if len(period) > 0 else None
        b = period[1] if len(period) > 1 else None
        return _iso(a), _iso(b)
    d = _iso(period)
    return d, d


def _active(start: str | None, end: str | None, lo: str | None, hi: str | None) -> bool:
    if lo and end and end < lo:
        return False
    if hi and start and start > hi:
        return False
    return True


def _as_set(values: Any) -> set[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        values = [values]
    out = {str(v).casefold() for v in values}
    return out or None  # an empty filter (e.g. click's multiple=True) means no filter


def _region_match(region: str | None, wanted: set[str]) -> bool:
    if not region:
        return False
    r = region.casefold()
    return r in wanted or r.removeprefix("region ").strip() in {w.removeprefix("region ").strip() for w in wanted}


def _json_for_html(obj: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``."""
    s = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        s.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def csp_for(scripts: Sequence[str], styles: Sequence[str]) -> str:
    """Content-Security-Policy allowing exactly these inline scripts and styles.

    Examples
    --------
    >>> csp_for(["1"], [])
    "default-src 'none'; script-src 'sha256-a4ayc/80/OGda4BO/1o/V0etpOqiLx1JwB5S3beHW0s='; style-src 'none'; img-src data:; font-src data:; base-uri 'none'; form-action 'none'"
    """
    sc = " ".join(_sha256(s) for s in scripts) or "'none'"
    st = " ".join(_sha256(s) for s in styles) or "'none'"
    return (
        f"default-src 'none'; script-src {sc}; style-src {st}; img-src data:; font-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


_ASSETS: dict[str, str] = {}


def page_assets() -> dict[str, str]:
    """The inline assets of a map: ``vis_js``, ``vis_css`` (from pyvis's bundled
    vis-network 9.1.2), ``map_js`` and ``map_css`` (ours). Cached."""
    if not _ASSETS:
        import pyvis  # only as the source of the vis-network files

        lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
        js = (lib / "vis-network.min.js").read_text(encoding="utf-8")
        js = re.sub(r"//# sourceMappingURL=\S*", "", js).replace("</script", "<\\/script")
        css = (lib / "vis-network.css").read_text(encoding="utf-8")
        css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css).replace("</style", "<\\/style")
        _ASSETS.update(
            vis_js=js,
            vis_css=css,
            map_js=(_TEMPLATES / "map.js").read_text(encoding="utf-8"),
            map_css=(_TEMPLATES / "map.css").read_text(encoding="utf-8"),
        )
    return _ASSETS


def fill_template(template: str, values: Mapping[str, str]) -> str:
    """Replace ``@@KEY@@`` tokens in one pass (inserted text is never re-scanned).

    >>> fill_template("<p>@@A@@</p>", {"A": "@@B@@"})
    '<p>@@B@@</p>'
    """
    return re.sub(r"@@([A-Z_]+)@@", lambda m: values[m.group(1)], template)


def _layout(n: int, edges: list[tuple[int, int]], seed: int = 7) -> list[tuple[float, float]]:
    """Fruchterman-Reingold (igraph, grid variant for big graphs), scaled for vis."""
    import igraph as ig
    import numpy as np

    if n == 0:
        return []
    ig_graph = ig.Graph(n=n, edges=edges)
    rng = np.random.default_rng(seed)
    half = max(1.0, n ** 0.5 / 2)  # igraph's own start box; a tiny box makes the grid variant quadratic
    start = rng.uniform(-half, half, size=(n, 2)).tolist()
    lay = ig_graph.layout_fruchterman_reingold(seed=start, niter=200 if n < 5000 else 100, grid=n > 1000)
    xy = np.asarray(lay.coords, dtype=float)
    xy -= xy.mean(axis=0)
    spread = float(np.percentile(np.abs(xy), 98)) or 1.0
    scale = 40.0 * (n ** 0.5) / spread  # ~40 px per node along each axis
    return [(round(float(x) * scale, 1), round(float(y) * scale, 1)) for x, y in xy]


def _referred_to(g: nx.MultiDiGraph, node: Any) -> bool:
    """Whether a reference-data node (a region, a municipality) takes part in the
    user's data: a relation other than "located in" with a node that is not
    reference data. Being the place of something is shown as its ``region``
    attribute (legend, filters, tooltips) instead of as a node."""
    for edges in (g.out_edges(node, data="relation"), g.in_edges(node, data="relation")):
        for u, v, rel in edges:
            other = v if u == node else u
            if not g.nodes[other].get("reference") and _relation_name(rel) != "located in":
                return True
    return False


def _group_radius(n: int) -> float:
    """Radius (canvas units) of the disc a group of ``n`` nodes is laid out in."""
    return 30.0 * n ** 0.5 + 60.0


def _grouped_layout(keys: list[str], links: list[tuple[int, int]]) -> list[tuple[float, float]]:
    """Each group laid out on its own (edges inside it), the groups placed on a spiral."""
    import math

    members: dict[str, list[int]] = {}
    for i, k in enumerate(keys):
        members.setdefault(k, []).append(i)
    inside: dict[str, list[tuple[int, int]]] = {k: [] for k in members}
    local = {}
    for k, idx in members.items():
        for j, i in enumerate(idx):
            local[i] = j
    for a, b in links:
        if keys[a] == keys[b]:
            inside[keys[a]].append((local[a], local[b]))
    coords: list[tuple[float, float]] = [(0.0, 0.0)] * len(keys)
    order = sorted(members, key=lambda k: -len(members[k]))
    radius_of = {k: _group_radius(len(members[k])) for k in order}
    placed: list[tuple[float, float, float]] = []
    angle, dist = 0.0, 0.0
    for k in order:
        r = radius_of[k]
        if placed:  # walk out along a spiral until the group's disc is free
            while True:
                cx, cy = dist * math.cos(angle), dist * math.sin(angle)
                if all(math.hypot(cx - x, cy - y) > r + pr + 40 for x, y, pr in placed):
                    break
                angle += 0.35
                dist += 12.0
        else:
            cx, cy = 0.0, 0.0
        placed.append((cx, cy, r))
        sub = _layout(len(members[k]), inside[k])
        for i, (x, y) in zip(members[k], sub):
            coords[i] = (round(cx + x * 0.75, 1), round(cy + y * 0.75, 1))
    return coords


def _communities(n: int, edges: list[tuple[int, int]]) -> list[int]:
    import igraph as ig

    g = ig.Graph(n=n, edges=edges).simplify()
    return list(g.community_multilevel().membership)


# --------------------------------------------------------------------------- building


def map_fragment(
    g: nx.MultiDiGraph,
    *,
    title: str = "ecokg map",
    subtitle: str | None = None,
    focus: Any = None,
    hops: int | None = None,
    types: Iterable[str] | None = None,
    regions: Iterable[str] | None = None,
    focus_areas: Iterable[str] | None = None,
    period: Any = None,
    overlaps: Iterable[Any] = (),
    gaps: Any = None,
    include_contacts: bool = False,
    size_by: str = "degree",
    layout: str = "auto",
    aggregate: bool | None = None,
) -> MapFragment:
    """Build the HTML body and JSON data of a map without writing a file.

    :func:`render_map` wraps it in a page; the report embeds it.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        Entity graph: node attributes ``label``, ``type`` (type label, Danish or
        English name, or class IRI), ``region``, ``focus_areas``, ``start``,
        ``end``, ``description``, ``url``; edge attributes ``relation`` (contract
        name or predicate IRI), ``start``, ``end``, ``amount``, ``evidence``
        (``(title, date, quote)`` tuples, dicts or objects).
    title, subtitle : str
        Heading and the line under it (inserted as text).
    focus : str, optional
        Label (case-insensitive) or IRI of an entity: draw only its neighbourhood.
    hops : int, optional
        Radius of that neighbourhood (default 1).
    types, regions, focus_areas : iterable of str, optional
        Draw only nodes of these types / in these regions / with these focus areas.
    period : date, str or (start, end), optional
        Draw only nodes and edges active in this period (a single date: active on it).
    overlaps : iterable
        Overlapping initiative pairs (``Overlap`` objects, dicts with ``a``, ``b``,
        ``score``, ``reasons``, or tuples): drawn as highlighted edges.
    gaps : optional
        A gaps result (:class:`graph.gaps.Gaps` or a dict like ``gaps --json``):
        ecosystems missing a growth-model element get a red dashed border and
        the missing elements in the tooltip; brokers and isolated actors are
        named in their tooltips.
    include_contacts : bool
        Show personal contact data (``email``/``telephone`` node attributes).
        Off by default: contact data never reaches the page.
    size_by : {"degree", "pagerank", "betweenness"}
        Centrality measure behind node size.
    layout : {"auto", "physics", "python"}
        ``auto`` stabilises small graphs in the browser and then freezes them;
        above 300 nodes the layout is computed in Python (igraph
        Fruchterman-Reingold) and physics is off.
    aggregate : bool, optional
        Open grouped by region (or community) as super-nodes; double-click one
        to expand it. Only expanded groups become vis nodes, so a very large
        graph opens fast (``network.body.data.nodes`` then holds what is
        drawn: groups and the members of expanded groups). Default: above
        5,000 nodes.

    Returns
    -------
    MapFragment

    Raises
    ------
    graph.errors.EntityNotFound
        ``focus`` names no drawn entity.
    graph.errors.InputError
        A bad option value.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("x", label="<b>Hostile</b>", type="Company")
    >>> frag = map_fragment(g)
    >>> frag.stats.nodes, "<b>Hostile" in frag.body + frag.data
    (1, False)
    """
    from graph.errors import EntityNotFound, InputError

    if size_by not in {"degree", "pagerank", "betweenness"}:
        raise InputError(f"unknown size measure {size_by!r} (degree, pagerank or betweenness)")
    if layout not in {"auto", "physics", "python"}:
        raise InputError(f"unknown layout {layout!r} (auto, physics or python)")
    want_types = _as_set(types)
    if want_types is not None:
        unknown = sorted(t for t in want_types if _type_name(t) == "Other")
        if unknown:
            known = ", ".join(sorted(set(TYPE_LABELS.values())))
            raise InputError(f"unknown type {unknown[0]!r} for the type filter; known types: {known}")
        want_types = {_type_name(t).casefold() for t in want_types}
    want_regions = _as_set(regions)
    want_focus = _as_set(focus_areas)
    lo, hi = _parse_period(period)

    # 1. which nodes are drawn
    info: dict[Any, dict] = {}
    lookup: dict[str, Any] = {}
    for node, attrs in g.nodes(data=True):
        tname = _type_name(attrs.get("type"))
        if _kind(tname) is None:
            continue
        if attrs.get("reference") and not _referred_to(g, node):
            continue  # reference data the ecosystem does not use (98 municipalities, region mergers)
        label = _text(attrs.get("label")) or _local(node)
        region_names = _names(g, attrs.get("region"))
        fas = _names(g, attrs.get("focus_areas"))
        if tname == "Focus Area" and not fas:
            fas = [label]
        start, end = _iso(attrs.get("start")), _iso(attrs.get("end"))
        info[node] = dict(label=label, type=tname, region=region_names[0] if region_names else None,
                          fa=fas, start=start, end=end)
        lookup.setdefault(str(node), node)
        lookup.setdefault(label.casefold(), node)

    def keep(node: Any) -> bool:
        d = info[node]
        if want_types is not None and d["type"].casefold() not in want_types:
            return False
        if want_regions is not None and not _region_match(d["region"], want_regions):
            return False
        if want_focus is not None and not ({f.casefold() for f in d["fa"]} & want_focus):
            return False
        return _active(d["start"], d["end"], lo, hi)

    drawn = [n for n in info if keep(n)]
    focus_node = None
    if focus is not None:
        focus_node = _resolve(g, lookup, focus)
        if focus_node is None or focus_node not in info:
            raise EntityNotFound(str(focus))
        if focus_node not in set(drawn):
            drawn.append(focus_node)
        sub = nx.Graph()
        sub.add_nodes_from(drawn)
        dset = set(drawn)
        sub.add_edges_from((u, v) for u, v in g.edges() if u in dset and v in dset)
        radius = 1 if hops is None else int(hops)
        if radius < 0:
            raise InputError(f"--hops must be 0 or more, not {hops}")
        near = nx.single_source_shortest_path_length(sub, focus_node, cutoff=radius)
        drawn = [n for n in drawn if n in near]
    index = {node: i for i, node in enumerate(drawn)}

    # 2. edges between drawn nodes
    rel_names = list(RELATION_STYLES)
    rel_count: dict[str, int] = {}
    edges_out: list[dict] = []
    pair_list: list[tuple[int, int]] = []
    central_pairs: list[tuple[int, int]] = []  # edges that count for node size
    for u, v, attrs in g.edges(data=True):
        if u not in index or v not in index:
            continue
        s, e = _iso(attrs.get("start")), _iso(attrs.get("end"))
        if not _active(s, e, lo, hi):
            continue
        rname = _relation_name(attrs.get("relation"))
        if rname not in rel_names:
            rel_names.append(rname)
        rel_count[rname] = rel_count.get(rname, 0) + 1
        item = {"id": f"e{len(edges_out)}", "f": f"n{index[u]}", "to": f"n{index[v]}", "r": rel_names.index(rname)}
        if s:
            item["s"] = s
        if e:
            item["e"] = e
        amt = _amount(attrs.get("amount"))
        if amt is not None:
            item["a"] = amt
        ev = _evidence(attrs.get("evidence"))
        if ev:
            item["ev"] = ev
        edges_out.append(item)
        pair_list.append((index[u], index[v]))
        if rname not in _NOT_CENTRAL:
            central_pairs.append((index[u], index[v]))

    # 3. overlaps: highlighted edges between initiatives
    n_overlaps = 0
    for ov in overlaps or ():
        a, b, score, reasons = _overlap_parts(ov)
        na, nb = _resolve(g, lookup, a), _resolve(g, lookup, b)
        if na not in index or nb not in index or na == nb:
            continue
        rel_count["overlaps"] = rel_count.get("overlaps", 0) + 1
        edges_out.append({"id": f"e{len(edges_out)}", "f": f"n{index[na]}", "to": f"n{index[nb]}",
                          "r": rel_names.index("overlaps"), "ov": {"score": round(score, 3), "reasons": reasons}})
        pair_list.append((index[na], index[nb]))
        n_overlaps += 1

    # 4. growth-model gaps
    missing: dict[Any, list[str]] = {}
    for eco, miss in _growth_gaps(gaps):
        node = _resolve(g, lookup, eco)
        if node in index:
            missing[node] = miss

    brokers: dict[Any, float] = {}
    for b in (_get(gaps, "brokers", None) or ()) if gaps is not None else ():
        node = _resolve(g, lookup, b)
        if node in index:
            brokers[node] = float(_get(b, "score", 0.0) or 0.0)
    isolated: set[Any] = set()
    for item in (_get(gaps, "isolated", None) or ()) if gaps is not None else ():
        ref = {"label": item[0], "iri": item[1]} if isinstance(item, (tuple, list)) else item
        node = _resolve(g, lookup, ref)
        if node in index:
            isolated.add(node)

    # 5. size by centrality
    n = len(drawn)
    simple = nx.Graph()
    simple.add_nodes_from(range(n))
    simple.add_edges_from((a, b) for a, b in central_pairs if a != b)
    if size_by == "pagerank" and n:
        cent = nx.pagerank(simple)
    elif size_by == "betweenness" and n:
        cent = nx.betweenness_centrality(simple, k=min(n, 256) if n > 1000 else None, seed=7)
    else:
        cent = nx.degree_centrality(simple) if n > 1 else {i: 0.0 for i in range(n)}
    top = max(cent.values(), default=0.0) or 1.0

    # 6. groups for the aggregated view, then the layout
    do_aggregate = bool(n) and (aggregate if aggregate is not None else n > _AGGREGATE_LIMIT)
    use_python = layout == "python" or (layout == "auto" and (n > _PHYSICS_LIMIT or do_aggregate))
    links = [p for p in pair_list if p[0] != p[1]]
    keys: list[str] = []
    group_by = None
    if do_aggregate:
        regions_present = {d["region"] for d in (info[x] for x in drawn) if d["region"]}
        if len(regions_present) >= 2:
            group_by = "region"
            keys = [info[x]["region"] or info[x]["type"] for x in drawn]
        else:
            group_by = "community"
            keys = [f"Community {m + 1}" for m in _communities(n, links)]
    if use_python and do_aggregate:
        coords = _grouped_layout(keys, links)
    elif use_python:
        coords = _layout(n, links)
    else:
        coords = None

    # 7. node records
    type_names = list(NODE_STYLES)
    type_count: dict[str, int] = {}
    nodes_out = []
    for node in drawn:
        i = index[node]
        d = info[node]
        attrs = g.nodes[node]
        if d["type"] not in type_names:
            type_names.append(d["type"])
        type_count[d["type"]] = type_count.get(d["type"], 0) + 1
        rec: dict[str, Any] = {"id": f"n{i}", "l": d["label"], "t": type_names.index(d["type"]), "r": d["region"],
                               "fa": d["fa"], "z": round(10 + 30 * (cent.get(i, 0.0) / top) ** 0.5, 1)}
        if d["start"]:
            rec["s"] = d["start"]
        if d["end"]:
            rec["e"] = d["end"]
        label_en = _text(attrs.get("label_en"))
        if label_en and label_en != d["label"]:
            rec["en"] = label_en
        if attrs.get("description"):
            rec["d"] = _text(attrs["description"])
        if attrs.get("url"):
            rec["u"] = str(attrs["url"])
        if node in missing:
            rec["g"] = missing[node]
        if node in brokers:
            rec["b"] = round(brokers[node], 4)
        if node in isolated:
            rec["iso"] = True
        if node == focus_node:
            rec["foc"] = True
        if include_contacts:
            c = _contacts(attrs)
            if c:
                rec["c"] = c
        if coords:
            rec["x"], rec["y"] = coords[i]
        nodes_out.append(rec)

    # 8. groups for the aggregated view
    groups = None
    if do_aggregate:
        size = Counter(keys)
        names = sorted(size, key=lambda k: (-size[k], k))
        gidx = {k: j for j, k in enumerate(names)}
        groups = [{"label": k, "n": 0, "x": 0.0, "y": 0.0} for k in names]
        for rec, k in zip(nodes_out, keys):
            j = gidx[k]
            rec["k"] = j
            grp = groups[j]
            grp["n"] += 1
            if coords:
                grp["x"] += rec["x"]
                grp["y"] += rec["y"]
        for grp in groups:
            grp["r"] = round(_group_radius(grp["n"]), 1)
            if coords and grp["n"]:
                grp["x"] = round(grp["x"] / grp["n"], 1)
                grp["y"] = round(grp["y"] / grp["n"], 1)
            else:
                grp.pop("x"), grp.pop("y")

    types_out = []
    for t in type_names:
        colour, shape, _k = NODE_STYLES.get(t, NODE_STYLES["Other"])
        types_out.append({"name": t, "color": colour, "shape": shape, "border": "#3b4252", "n": type_count.get(t, 0)})
    rels_out = []
    for r in rel_names:
        colour, dashes, width, arrows = RELATION_STYLES.get(r, RELATION_STYLES["related"])
        rels_out.append({"name": r, "color": colour, "dashes": dashes and n <= 3000, "width": width,
                         "arrows": arrows and n <= 3000,  # arrow heads and dashes cost draw time on big maps
                         "opacity": 1.0 if r == "overlaps" else (0.75 if n < 2000 else 0.35), "n": rel_count.get(r, 0)})

    data = {
        "title": title,
        "types": types_out,
        "relations": rels_out,
        "nodes": nodes_out,
        "edges": edges_out,
        "regions": sorted({d["region"] for d in (info[x] for x in drawn) if d["region"]}),
        "focusAreas": sorted({f for x in drawn for f in info[x]["fa"]}),
        "physics": not use_python,
        "smooth": n <= _PHYSICS_LIMIT,
        "groups": groups,
        "groupBy": group_by,
        "focus": f"n{index[focus_node]}" if focus_node is not None else None,
        "hops": hops,
    }
    if subtitle is None:
        subtitle = f"{n} nodes · {len(edges_out)} edges"
        if focus_node is not None:
            subtitle += f" · focus: {info[focus_node]['label']}, {1 if hops is None else hops} hop(s)"
    measure = {"degree": "degree centrality", "pagerank": "PageRank", "betweenness": "betweenness centrality"}[size_by]
    body = fill_template(
        (_TEMPLATES / "map_fragment.html").read_text(encoding="utf-8"),
        {"TITLE": html.escape(title), "SUBTITLE": html.escape(subtitle), "SIZE_BY": html.escape(measure)},
    )
    stats = MapStats(
        path="", nodes=n, edges=len(edges_out), by_type=dict(sorted(type_count.items())),
        layout="python" if use_python else "physics", aggregated=bool(groups), overlaps=n_overlaps,
        gaps_marked=len(missing),
    )
    return MapFragment(body=body, data=_json_for_html(data), stats=stats)


def render_map(g: nx.MultiDiGraph, path: str | Path, *, title: str = "ecokg map", **options: Any) -> MapStats:
    """Write an interactive, self-contained, offline HTML map of an entity graph.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        Entity graph, as for :func:`map_fragment`.
    path : str or Path
        The HTML file to write (UTF-8), atomically.
    title : str
        Page title and heading (inserted as text).
    **options
        The drawing options of :func:`map_fragment` (``focus``, ``hops``,
        ``types``, ``regions``, ``focus_areas``, ``period``, ``overlaps``,
        ``gaps``, ``include_contacts``, ``size_by``, ``layout``, ``aggregate``).

    Returns
    -------
    MapStats
        What was drawn, with ``path`` and ``bytes`` of the page. Raises as
        :func:`map_fragment`.

    Examples
    --------
    >>> import networkx as nx, tempfile, pathlib
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("x", label="<b>Hostile</b>", type="Company")
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "m.html"
    >>> render_map(g, out).nodes
    1
    >>> "<b>Hostile" in out.read_text(encoding="utf-8")
    False
    """
    frag = map_fragment(g, title=title, **options)
    assets = page_assets()
    page = fill_template(
        (_TEMPLATES / "map.html").read_text(encoding="utf-8"),
        {
            "CSP": html.escape(csp_for([assets["vis_js"], assets["map_js"]], [assets["vis_css"], assets["map_css"]])),
            "TITLE": html.escape(title),
            "VIS_CSS": assets["vis_css"],
            "MAP_CSS": assets["map_css"],
            "FRAGMENT": frag.body,
            "DATA": frag.data,
            "VIS_JS": assets["vis_js"],
            "MAP_JS": assets["map_js"],
        },
    )
    path = Path(path)
    data = page.encode("utf-8")
    with atomic_write(path, "wb") as fh:
        fh.write(data)
    from dataclasses import replace

    return replace(frag.stats, path=str(path), bytes=len(data))
