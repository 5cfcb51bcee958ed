"""Export the merged graph in a standard format.

RDF formats (``ttl``, ``nt``, ``jsonld``, ``trig``, ``nq``) write the triples
(the quad formats keep named graphs); ``graphml`` and ``gexf`` write the
NetworkX entity view; ``csv`` writes one row per triple with labels (a
cell a spreadsheet would run as a formula starts with an apostrophe).
Personal contact data (predicates typed ``eco:PersonalDataProperty`` in the
ontology) is left out unless ``include_contacts``.

Examples
--------
>>> import tempfile, pathlib
>>> from rdflib import Dataset, Literal, URIRef
>>> from graph.vocab import SKOS
>>> ds = Dataset(default_union=True)
>>> _ = ds.add((URIRef("urn:x:p"), SKOS.prefLabel, Literal("P", lang="da")))
>>> out = pathlib.Path(tempfile.mkdtemp()) / "p.nt"
>>> export(ds, "nt", out)
>>> out.read_text(encoding="utf-8").strip()
'<urn:x:p> <http://www.w3.org/2004/02/skos/core#prefLabel> "P"@da .'
"""

from __future__ import annotations

import csv
import os
from rdflib import Dataset

from graph.errors import InputError, Problem
from graph.files import atomic_path, atomic_write, spreadsheet_cell
from graph.labels import label
from graph.privacy import without_contacts
from graph.vocab import PREFIXES

__all__ = ["FORMATS", "export", "union_graph"]

_RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nq": "nquads"}
_QUAD_FORMATS = {"trig", "nq", "jsonld"}
FORMATS = (*_RDF_FORMATS, "graphml", "gexf", "csv")


def export(ds: Dataset, fmt: str, path: str | os.PathLike, *, include_contacts: bool = False) -> None:
    """Write ``ds`` to ``path`` in ``fmt`` (one of :data:`FORMATS`), all or nothing.

    Raises
    ------
    InputError
        If the format is unknown or the file cannot be written.
    """
    if fmt not in FORMATS:
        raise InputError([Problem(str(path), None, f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")])
    data = ds if include_contacts else without_contacts(ds)
    for prefix, ns in PREFIXES.items():
        data.bind(prefix, ns)
    if fmt in _RDF_FORMATS:
        with atomic_path(path) as tmp:
            if fmt in _QUAD_FORMATS:
                data.serialize(destination=str(tmp), format=_RDF_FORMATS[fmt], encoding="utf-8")
            else:
                union_graph(data).serialize(destination=str(tmp), format=_RDF_FORMATS[fmt], encoding="utf-8")
    elif fmt == "csv":
        _write_csv(data, path)
    else:
        _write_network(data, fmt, path, include_contacts)


def union_graph(ds: Dataset):
    """A plain rdflib Graph holding every triple of every graph of ``ds``
    (whether or not its default graph is the union), with ecokg's prefixes bound.

    Examples
    --------
    >>> from rdflib import Dataset, Literal, URIRef
    >>> ds = Dataset(default_union=True)
    >>> _ = ds.graph(URIRef("urn:g1")).add((URIRef("urn:a"), URIRef("urn:p"), Literal("x")))
    >>> _ = ds.graph(URIRef("urn:g2")).add((URIRef("urn:a"), URIRef("urn:p"), Literal("x")))
    >>> len(union_graph(ds))
    1
    """
    from rdflib import Graph

    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g += ((s, p, o) for s, p, o, _g in ds.quads((None, None, None, None)))  # every graph, union or not
    return g


def _write_csv(ds: Dataset, path) -> None:
    with atomic_write(path) as fh:
        writer = csv.writer(fh)
        writer.writerow(["subject", "subject_label", "predicate", "object", "object_label", "graph"])
        for s, p, o, g in sorted(ds.quads(), key=lambda q: tuple(str(x) for x in q)):
            writer.writerow([spreadsheet_cell(v) for v in (str(s), label(ds, s), str(p), str(o), label(ds, o), str(g))])


def _write_network(ds: Dataset, fmt: str, path, include_contacts: bool) -> None:
    import networkx as nx

    from graph.views import entity_graph

    g = entity_graph(ds, include_contacts=include_contacts)
    flat = nx.MultiDiGraph()
    for node, attrs in g.nodes(data=True):
        flat.add_node(node, **_flatten(attrs))
    for u, v, k, attrs in g.edges(keys=True, data=True):
        flat.add_edge(u, v, key=k, **_flatten(attrs))
    writer = nx.write_graphml if fmt == "graphml" else nx.write_gexf
    with atomic_path(path) as tmp:
        writer(flat, str(tmp))


def _flatten(attrs: dict) -> dict:
    """GraphML/GEXF hold only scalars: join sequences with `` | ``, drop ``None``."""
    out = {}
    for key, value in attrs.items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            value = " | ".join(str(v) if not isinstance(v, (list, tuple)) else " — ".join(map(str, v)) for v in value)
        elif not isinstance(value, (str, int, float, bool)):
            value = str(value)
        out[key] = value
    return out
