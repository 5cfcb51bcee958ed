"""Map nodes of a loaded Dataset back to the file and line (or row) they came from.

:func:`graph.load.load` records which file each named graph came from; a
table row graph ``<file-uri>#row=N`` gives the row directly. For text RDF
formats the line is the first line where the node is written as a subject
(its ``<iri>``, its full IRI in quotes, or a prefixed name declared in that
file); files are scanned once and cached.

Examples
--------
>>> import tempfile, pathlib
>>> from graph.load import load
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.ttl").write_text(
...     "@prefix ex: <http://ex/> .\\n\\nex:a ex:p 1 .\\nex:b ex:p ex:a .\\n", encoding="utf-8")
>>> ds = load([d / "a.ttl"], bundled=False)
>>> where, line = locate(ds, URIRef("http://ex/b"))
>>> where.endswith("a.ttl"), line
(True, 4)
>>> locate(ds, URIRef("http://ex/a"))[1]
3
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlparse

from rdflib import BNode, Dataset, URIRef
from rdflib.term import Node

from graph import vocab

__all__ = ["graph_source", "locate", "line_of"]

_ROW = re.compile(r"^(?:sheet=(?P<sheet>[^&]*)&)?row=(?P<row>\d+)$")
_PREFIX = re.compile(r"(?:@prefix|PREFIX)\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>", re.IGNORECASE)
_TEXT_SUFFIXES = {".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf", ".owl", ".xml"}


def graph_source(ds: Dataset, graph_name: Node):
    """The :class:`graph.load.SourceFile` a named graph came from, or ``None``."""
    from graph.load import SourceFile, sources_of

    if not isinstance(graph_name, URIRef):
        return None
    registry = sources_of(ds)
    src = registry.get(graph_name)
    if src is not None:
        return src
    text = str(graph_name)
    if not text.startswith("file:"):
        return None
    base, _, frag = text.partition("#")
    files = getattr(ds, "ecokg_files", {})
    parent = files.get(base) or registry.get(URIRef(base))
    m = _ROW.match(frag) if frag else None
    if parent is None:
        path = Path(unquote(urlparse(base).path))
        parent = SourceFile(path, str(path))
    if m:
        return SourceFile(parent.path, parent.display, m.group("sheet") or None, int(m.group("row")))
    return parent


def _subject_graphs(ds: Dataset, node: Node) -> list[Node]:
    seen: list[Node] = []
    for _s, _p, _o, g in ds.quads((node, None, None, None)):
        ident = getattr(g, "identifier", g)
        if ident not in seen:
            seen.append(ident)
    return seen


def locate(ds: Dataset, node: Node, graph_name: Node | None = None) -> tuple[str, int | None]:
    """The file (as displayed) and line/row where ``node`` is described.

    Parameters
    ----------
    ds : rdflib.Dataset
        A dataset returned by :func:`graph.load.load`.
    node : rdflib term
        Usually the focus node of a problem.
    graph_name : rdflib term, optional
        Prefer this named graph.

    Returns
    -------
    (str, int or None)
        ``("-", None)`` when the node's origin is unknown.
    """
    graphs = [graph_name] if graph_name is not None else []
    graphs += _subject_graphs(ds, node)
    if not graphs and isinstance(node, BNode):
        # a blank node that is only an object: locate what points to it
        for s, _p, _o, g in ds.quads((None, None, node, None)):
            if s != node:
                return locate(ds, s, getattr(g, "identifier", g))
    if not graphs:
        for _s, _p, _o, g in ds.quads((None, None, node, None)):
            graphs.append(getattr(g, "identifier", g))
            break
    # prefer table rows and data files over the ontology/reference graphs
    graphs.sort(key=lambda g: g in (vocab.ONTOLOGY_GRAPH, vocab.REFERENCE_GRAPH))
    for g in graphs:
        src = graph_source(ds, g)
        if src is None:
            continue
        if src.row is not None:
            return src.where, src.row
        if isinstance(node, URIRef):
            return src.where, line_of(src.path, str(node))
        if isinstance(node, BNode):
            for s, _p, _o, g2 in ds.quads((None, None, node, None)):
                if s != node and isinstance(s, URIRef):
                    return src.where, line_of(src.path, str(s))
        return src.where, None
    return "-", None


def line_of(path: Path | str, iri: str) -> int | None:
    """The 1-based line where ``iri`` first appears as a subject in a text RDF file.

    Falls back to the first line where it appears at all; ``None`` when it
    does not appear (or the file is not a text RDF format).
    """
    p = Path(path)
    try:
        stamp = p.stat().st_mtime_ns
    except OSError:
        return None
    return _find(str(p), stamp, iri)


@lru_cache(maxsize=64)
def _file_text(path: str, stamp: int) -> tuple[list[str], dict[str, str]]:
    p = Path(path)
    name = p.name.lower()
    suffix = Path(name[:-3]).suffix if name.endswith(".gz") else p.suffix.lower()
    if suffix not in _TEXT_SUFFIXES:
        return [], {}
    try:
        data = p.read_bytes()
        if name.endswith(".gz"):
            import gzip

            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace")
    except (OSError, EOFError):
        return [], {}
    prefixes = {ns: (pfx or "") for pfx, ns in _PREFIX.findall(text)}
    return text.splitlines(), prefixes


@lru_cache(maxsize=4096)
def _patterns(iri: str, prefixes_key: tuple) -> list[re.Pattern]:
    pats = [re.compile(re.escape("<" + iri + ">")), re.compile(re.escape('"' + iri + '"'))]
    for ns, pfx in prefixes_key:
        if iri.startswith(ns) and len(iri) > len(ns):
            local = iri[len(ns):]
            if re.fullmatch(r"[\w][\w.\-/]*", local) and not local.endswith("."):
                escaped = re.escape(local).replace("/", r"\\?/")
                pats.append(re.compile(r"(?<![\w:\-])" + re.escape(pfx + ":") + escaped + r"(?![\w\-:%]|\.\w)"))
    return pats


def _find(path: str, stamp: int, iri: str) -> int | None:
    lines, prefixes = _file_text(path, stamp)
    if not lines:
        return None
    pats = _patterns(iri, tuple(sorted(prefixes.items())))
    first_any = None
    for i, line in enumerate(lines, 1):
        stripped = line.lstrip()
        for pat in pats:
            m = pat.search(line)
            if m is None:
                continue
            if m.start() == len(line) - len(stripped) or stripped.startswith("GRAPH"):
                return i
            if '"@id"' in line and m.group(0).startswith('"'):
                return i
            if first_any is None:
                first_any = i
    return first_any
