"""The committee report: one offline HTML file people can act on.

:func:`write_report` composes the analyses of the other modules — overlaps
(:mod:`graph.overlaps`), gaps (:mod:`graph.gaps`), recommendations
(:mod:`graph.recommend`) — with the interactive map (:mod:`graph.render`) and
the source documents into one self-contained page: headline figures, the
overlapping initiatives side by side with their reasons and sources, the
coverage heatmap region × focus area, the growth-model table per cluster
ecosystem, brokers and weakly linked regions, recommendations, the map, and
the sources with their dates. Every piece of text from the data is
HTML-escaped (the map's data travels as escaped JSON); the page carries the
same hash-based Content-Security-Policy as the map, and a print style sheet.

Examples
--------
The CLI's ``ecokg report -o report.html`` is::

    from graph.load import load
    write_report(load(), "report.html")

The heatmap shades a cell by how many initiatives it holds:

>>> [_heat_class(n) for n in (0, 1, 2, 4, 8, 9)]
['h0', 'h1', 'h2', 'h3', 'h4', 'h5']
"""

from __future__ import annotations

import html
from collections import defaultdict
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Iterable

from rdflib import Literal, URIRef

from graph.files import atomic_write
from graph.vocab import DCTERMS, FOAF, PROV, RDF

__all__ = ["write_report", "HEAT_LEVELS"]

#: upper bounds of the heatmap shading levels h1..h5 (h0 = no initiative)
HEAT_LEVELS: tuple[int, ...] = (1, 2, 4, 8)

_MAX_PAIRS = 40
_MAX_RECS = 6


def _e(value: Any) -> str:
    """Escaped text (``""`` for None)."""
    return "" if value is None else html.escape(str(value), quote=True)


def _dkk(amount: float | None) -> str:
    """Danish money format: ``14,0 mio. kr.``, ``250.000 kr.``

    >>> _dkk(14_000_000), _dkk(250000)
    ('14,0 mio. kr.', '250.000 kr.')
    """
    if amount is None:
        return ""
    if abs(amount) >= 1_000_000:
        number = f"{amount / 1_000_000:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")
        return f"{number} mio. kr."
    return f"{amount:,.0f}".replace(",", ".") + " kr."


def _period(start: Any, end: Any) -> str:
    s = start.isoformat() if isinstance(start, date) else (start or "")
    t = end.isoformat() if isinstance(end, date) else (end or "")
    if not s and not t:
        return ""
    return f"{s or '…'} – {t or '…'}"


def _heat_class(count: int) -> str:
    if count <= 0:
        return "h0"
    for level, bound in enumerate(HEAT_LEVELS, start=1):
        if count <= bound:
            return f"h{level}"
    return "h5"


def _best_literal(ds, node, pred) -> str | None:
    values = [o for o in ds.objects(node, pred) if isinstance(o, Literal)]
    if not values:
        return None
    values.sort(key=lambda v: ({"da": 0, None: 1, "en": 2}.get(v.language, 3), str(v)))
    return str(values[0])


def _sources(ds) -> list[dict]:
    """Documents with title, date, publisher, file and how many statements rest on them."""
    from graph.labels import label

    out = []
    for doc in set(ds.subjects(RDF.type, FOAF.Document)):
        when = next(iter(ds.objects(doc, DCTERMS.date)), None)
        pub = next(iter(ds.objects(doc, DCTERMS.publisher)), None)
        if isinstance(pub, URIRef):
            pub = label(ds, pub)
        src = next(iter(ds.objects(doc, DCTERMS.source)), None)
        out.append(
            {
                "title": _best_literal(ds, doc, DCTERMS.title) or str(doc),
                "date": str(when) if when is not None else "",
                "publisher": str(pub) if pub is not None else "",
                "source": str(src) if src is not None else "",
                "statements": sum(1 for _ in ds.subjects(PROV.wasDerivedFrom, doc)),
            }
        )
    out.sort(key=lambda d: (d["date"] or "9999", d["title"]))
    return out


def _table(headers: Iterable[str], rows: Iterable[Iterable[str]], *, num: Iterable[int] = (), cls: str = "") -> str:
    num = set(num)
    head = "".join(f'<th scope="col"{" class=num" if i in num else ""}>{_e(h)}</th>' for i, h in enumerate(headers))
    body = []
    for row in rows:
        cells = "".join(f'<td{" class=num" if i in num else ""}>{c}</td>' for i, c in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    if not body:
        return '<p class="rp-muted">None.</p>'
    c = f' class="{cls}"' if cls else ""
    return f"<table{c}><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _section(anchor: str, title: str, lead: str, body: str) -> str:
    lead_html = f'<p class="rp-lead">{lead}</p>' if lead else ""
    return f'<section id="{anchor}"><h2>{_e(title)}</h2>{lead_html}{body}</section>'


# --------------------------------------------------------------------------- sections


def _headline(figs: list[tuple[str, str]]) -> str:
    items = "".join(f'<div class="rp-fig"><b>{_e(v)}</b><span>{_e(k)}</span></div>' for k, v in figs)
    return f'<div class="rp-figs">{items}</div>'


def _overlap_side(rec, ref, sources: list[tuple[str, str]]) -> str:
    names = lambda pairs: ", ".join(lab for _iri, lab in pairs)  # noqa: E731
    rows = []
    if rec is not None:
        rows = [
            ("Region", rec.region_label or ref.region),
            ("Period", _period(rec.start, rec.end)),
            ("Focus areas", names(rec.focus_areas)),
            ("Partners", names(rec.partners)),
            ("Funders", names(rec.funders)),
            ("Budget", _dkk(rec.budget)),
            ("Description", rec.description),
        ]
    else:
        rows = [("Region", ref.region)]
    rows.append(("Sources", "; ".join(f"{t} ({d})" if d else t for t, d in sources)))
    dl = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows if v)
    return f'<div class="rp-side"><h3>{_e(ref.label)}</h3><dl>{dl}</dl></div>'


def _overlaps_html(pairs, records, evidence_of) -> str:
    if not pairs:
        return '<p class="rp-muted">No overlapping initiatives above the threshold.</p>'
    out = []
    for ov in pairs[:_MAX_PAIRS]:
        verdict = f'<span class="rp-verdict">{_e(ov.verdict)}</span>' if getattr(ov, "verdict", None) else ""
        sides = "".join(
            _overlap_side(records.get(ref.iri), ref, evidence_of(ref.iri)) for ref in (ov.a, ov.b)
        )
        reasons = "".join(f"<li>{_e(r)}</li>" for r in ov.reasons)
        out.append(
            f'<article class="rp-pair"><header><b>{_e(ov.a.label)} ↔ {_e(ov.b.label)}</b>'
            f'<span class="rp-score">score {ov.score:.2f}</span>{verdict}</header>'
            f'<div class="rp-sides">{sides}</div><ul class="rp-reasons">{reasons}</ul></article>'
        )
    if len(pairs) > _MAX_PAIRS:
        out.append(f'<p class="rp-muted">… and {len(pairs) - _MAX_PAIRS} more pairs (see <code>ecokg overlaps</code>).</p>')
    return "".join(out)


def _groups_html(groups) -> str:
    if not groups:
        return ""
    rows = [
        (_e(", ".join(m.label for m in g.members)), _e(", ".join(g.regions)), f"{g.score:.2f}")
        for g in groups
    ]
    return "<h3>Groups of three or more</h3>" + _table(["Initiatives", "Regions", "Mean score"], rows, num=[2])


def _heatmap_html(gaps) -> str:
    if not gaps.regions or not gaps.themes:
        return '<p class="rp-muted">No regions or focus areas to compare.</p>'
    cells = {(c.region, c.theme): c for c in gaps.coverage}
    thin = {(c.region, c.theme) for c in gaps.thin_cells}
    head = "".join(f'<th scope="col">{_e(r)}</th>' for r in gaps.regions)
    rows = []
    for theme in gaps.themes:
        tds = []
        for region in gaps.regions:
            c = cells.get((region, theme))
            n = c.count if c else 0
            cls = _heat_class(n) + (" thin" if (region, theme) in thin else "")
            tip = f"{theme} × {region}: {n} initiative(s)"
            if c and c.initiatives:
                tip += " — " + "; ".join(c.initiatives)
            if c and c.budget:
                tip += f" — {_dkk(c.budget)}"
            text = str(n) if n else "gap"
            tds.append(f'<td class="{cls}" title="{_e(tip)}">{_e(text)}</td>')
        rows.append(f'<tr><th scope="row">{_e(theme)}</th>{"".join(tds)}</tr>')
    key = (
        '<p class="rp-key">Initiatives per focus area and region. '
        '<span class="h0">gap</span> no initiative · darker = more initiatives '
        f'(levels ≤{", ≤".join(str(b) for b in HEAT_LEVELS)}, more) · dashed outline = thin cell.</p>'
    )
    return (
        f'<table class="rp-heat"><thead><tr><th scope="col">Focus area \\ region</th>{head}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>{key}'
    )


def _growth_html(gaps) -> str:
    from graph.vocab import GROWTH_ELEMENTS

    elements = list(GROWTH_ELEMENTS.values())
    if not gaps.growth_model_gaps:
        return '<p class="rp-muted">Every cluster ecosystem has all four growth-model elements.</p>'
    rows = []
    for gm in gaps.growth_model_gaps:
        present = dict(gm.present)
        cells = [_e(gm.ecosystem), str(gm.members)]
        for el in elements:
            if el in gm.missing:
                cells.append('<span class="no">✗ missing</span>')
            else:
                who = present.get(el, ())
                cells.append('<span class="yes">✓</span> ' + _e(", ".join(who[:4]) + (" …" if len(who) > 4 else "")))
        rows.append(cells)
    return _table(["Ecosystem", "Members"] + [e.capitalize() for e in elements], rows, num=[1]) + (
        '<p class="rp-key">Cluster ecosystems not listed have all four elements.</p>'
    )


def _brokers_html(gaps) -> str:
    rows = [
        (_e(b.label), _e(b.region or ""), f"{b.score:.3f}", "" if b.constraint is None else f"{b.constraint:.2f}",
         "" if b.effective_size is None else f"{b.effective_size:.1f}",
         _e(", ".join(f"{k} {v}" for k, v in b.roles if v)))
        for b in gaps.brokers
    ]
    out = "<h3>Brokers</h3>" + _table(
        ["Actor", "Region", "Betweenness", "Constraint", "Effective size", "Brokerage roles"], rows, num=[2, 3, 4]
    )
    weak = [(_e(w.region), str(w.ties), _e(", ".join(w.unlinked))) for w in gaps.weak_regions]
    out += "<h3>Weakly linked regions</h3>" + _table(["Region", "Ties to other regions", "Not linked to"], weak, num=[1])
    links = [
        (_e(f"{l.a} ↔ {l.b}"), str(l.ties), _e(", ".join(l.initiatives[:5])), _e(", ".join(l.actors[:5])))
        for l in gaps.region_links
    ]
    out += "<h3>Knowledge spreading between regions</h3>" + _table(
        ["Regions", "Ties", "Shared initiatives", "Bridging actors"], links, num=[1]
    )
    iso = ", ".join(lab for lab, _iri, _t in gaps.isolated)
    out += "<h3>Isolated actors</h3>" + (f"<p>{_e(iso)}</p>" if iso else '<p class="rp-muted">None.</p>')
    return out


def _recommendations_html(ds, gaps, as_of) -> str:
    from graph.errors import InputError
    from graph.recommend import recommend

    targets: list[tuple[str, str, str]] = []
    for gm in gaps.growth_model_gaps:
        targets.append((gm.iri, gm.ecosystem, "missing " + ", ".join(gm.missing)))
    for lab, iri, _t in gaps.isolated:
        targets.append((iri, lab, "isolated"))
    seen = set()
    blocks = []
    for iri, lab, why in targets:
        if iri in seen or len(blocks) >= _MAX_RECS:
            continue
        seen.add(iri)
        try:
            recs = recommend(ds, URIRef(iri), top=3, as_of=as_of)
        except (InputError, KeyError, ValueError):
            continue
        if not recs:
            continue
        items = "".join(
            f"<li><b>{_e(r.label)}</b> ({r.score:.2f}) — {_e('; '.join(r.reasons))}</li>" for r in recs
        )
        blocks.append(f"<h3>{_e(lab)} <span class=\"rp-muted\">({_e(why)})</span></h3><ul class=\"rp-recs\">{items}</ul>")
    return "".join(blocks) or '<p class="rp-muted">No recommendations.</p>'


def _sources_html(sources: list[dict]) -> str:
    rows = [
        (_e(s["date"]), _e(s["title"]), _e(s["publisher"]), _e(s["source"]), str(s["statements"]))
        for s in sources
    ]
    return _table(["Date", "Title", "Publisher", "File", "Statements"], rows, num=[4], cls="rp-src")


# --------------------------------------------------------------------------- main


def write_report(ds, path, *, include_contacts: bool = False, as_of=None, title: str = "Health-innovation ecosystem report") -> None:
    """Write the committee report as one offline HTML file (UTF-8).

    Parameters
    ----------
    ds : rdflib.Dataset
        The knowledge graph, as :func:`graph.load.load` returns it.
    path : str or Path
        The HTML file to write.
    include_contacts : bool
        Keep personal contact data (e-mail, phone). Off by default: it is
        removed from the data before anything is drawn or written.
    as_of : date or str, optional
        Only what was active on that date (overlaps, gaps, recommendations, map).
    title : str
        Heading of the report.

    Raises
    ------
    graph.errors.InputError
        A bad ``as_of``.
    """
    from graph.gaps import find_gaps
    from graph.overlaps import initiative_records, overlap_groups, overlapping_initiatives
    from graph.periods import parse_date
    from graph.render import csp_for, fill_template, map_fragment, page_assets
    from graph.views import entity_graph

    as_of = parse_date(as_of)
    if not include_contacts:
        from graph.privacy import without_contacts

        ds = without_contacts(ds)
    g = entity_graph(ds, as_of=as_of, include_contacts=include_contacts)
    pairs = overlapping_initiatives(ds, as_of=as_of)
    groups = overlap_groups(pairs)
    gaps = find_gaps(ds, as_of=as_of)
    records = {r.iri: r for r in initiative_records(ds)}
    sources = _sources(ds)

    def evidence_of(iri: str) -> list[tuple[str, str]]:
        found: dict[tuple[str, str], None] = {}
        if iri in g:
            for _u, _v, d in list(g.out_edges(iri, data=True)) + list(g.in_edges(iri, data=True)):
                for t, when, _q in d.get("evidence") or ():
                    found[(t or "", when or "")] = None
        return sorted(found)

    kinds = defaultdict(int)
    for _n, d in g.nodes(data=True):
        if d.get("reference"):
            continue  # reference data (regions, municipalities) is not counted as the ecosystem's actors
        kinds[d.get("kind")] += 1
    funding = sum(d["amount"] for _u, _v, d in g.edges(data=True) if d.get("relation") == "funded by" and d.get("amount"))
    figs = [
        ("actors", f"{kinds['actor']}"),
        ("initiatives", f"{kinds['initiative']}"),
        ("focus areas", f"{kinds['focus']}"),
        ("overlapping pairs", f"{len(pairs)}"),
        ("coverage gaps (region × focus area)", f"{len(gaps.coverage_gaps)}"),
        ("ecosystems missing a growth element", f"{len(gaps.growth_model_gaps)}"),
        ("isolated actors", f"{len(gaps.isolated)}"),
        ("funding recorded", _dkk(funding) or "0 kr."),
        ("source documents", f"{len(sources)}"),
    ]

    frag = map_fragment(g, title="Map", overlaps=pairs, gaps=gaps, include_contacts=include_contacts)
    sections = [
        _section("figures", "Headline figures", "", _headline(figs)),
        _section(
            "overlaps", "Overlapping initiatives",
            "Pairs of initiatives that look like the same offer built in several places, best first, "
            "side by side with the reasons.",
            _overlaps_html(pairs, records, evidence_of) + _groups_html(groups),
        ),
        _section("coverage", "Coverage: focus area × region", "Where initiatives exist, and where none do.",
                 _heatmap_html(gaps)),
        _section("growth", "Growth model per cluster ecosystem",
                 "Research and education, financing, supply and demand around each cluster or innovation network.",
                 _growth_html(gaps)),
        _section("brokers", "Brokers and weakly linked regions", "Who connects whom, and which regions stand apart.",
                 _brokers_html(gaps)),
        _section("recommendations", "Recommendations",
                 "Partners that ecosystems missing an element, and isolated actors, should talk to.",
                 _recommendations_html(ds, gaps, as_of)),
        _section("map", "Map", "Hover for details; filters, search and focus in the side panel.",
                 f'<div class="rp-map">{frag.body}</div>'),
        _section("sources", "Sources", "Documents the statements rest on, with their dates.", _sources_html(sources)),
    ]
    toc = "".join(
        f'<a href="#{a}">{_e(t)}</a>'
        for a, t in [("figures", "Figures"), ("overlaps", "Overlaps"), ("coverage", "Coverage"), ("growth", "Growth model"),
                     ("brokers", "Brokers"), ("recommendations", "Recommendations"), ("map", "Map"), ("sources", "Sources")]
    )
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    meta = f"Generated {stamp} by ecokg" + (f" · as of {as_of.isoformat()}" if as_of else "")
    assets = page_assets()
    report_css = (Path(__file__).with_name("templates") / "report.css").read_text(encoding="utf-8")
    template = (Path(__file__).with_name("templates") / "report.html").read_text(encoding="utf-8")
    page = fill_template(
        template,
        {
            "CSP": _e(csp_for([assets["vis_js"], assets["map_js"]], [assets["vis_css"], assets["map_css"], report_css])),
            "TITLE": _e(title),
            "VIS_CSS": assets["vis_css"],
            "MAP_CSS": assets["map_css"],
            "REPORT_CSS": report_css,
            "META": _e(meta),
            "TOC": toc,
            "SECTIONS": "\n".join(sections),
            "FOOTER": _e("Contact data " + ("included." if include_contacts else "left out.")
                         + " Every statement in the graph rests on a quoted source; run `ecokg explain ENTITY` for them."),
            "DATA": frag.data,
            "VIS_JS": assets["vis_js"],
            "MAP_JS": assets["map_js"],
        },
    )
    with atomic_write(path, "wb") as fh:
        fh.write(page.encode("utf-8"))
