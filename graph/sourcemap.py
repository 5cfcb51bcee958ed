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
            if src.row is None:
                # ontology and reference graphs merge several files: pick the one describing the node
                for other in getattr(ds, "ecokg_fixed", {}).get(g, ()):
                    if _has_subject(other.path, str(node)):
                        return other.where, line_of(other.path, str(node))
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


_IRI_REF = re.compile(r"<([^<>\s\"{}|^`]*)>")
_PNAME = re.compile(r"(?<![\w:<#\-.])([A-Za-z][\w\-.]*)?:((?:[\w:]|\\[/#?&=])(?:[\w\-.:]|\\[/#?&=])*)")
_QUOTED = re.compile(r'"(https?://[^"\s]+|urn:[^"\s]+|file:[^"\s]+)"')


@lru_cache(maxsize=32)
def _file_index(path: str, stamp: int) -> tuple[dict[str, int], dict[str, int], dict[str, int]]:
    """Scan a text RDF file once: IRI -> first line where typed (``iri a ...``), as subject, anywhere."""
    p = Path(path)
    name = p.name.lower()
    suffix = Path(name[:-3]).suffix if name.endswith(".gz") else p.suffix.lower()
    if suffix not in _TEXT_SUFFIXES:
        return {}, {}, {}
    try:
        data = p.read_bytes()
        if name.endswith(".gz"):
            import gzip

            data = gzip.decompress(data)
        text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    except (OSError, EOFError):
        return {}, {}, {}
    from urllib.parse import urljoin

    base = p.resolve().as_uri()
    prefixes: dict[str, str] = {}
    typed: dict[str, int] = {}
    as_subject: dict[str, int] = {}
    anywhere: dict[str, int] = {}
    turtle_like = suffix in (".ttl", ".trig", ".nt", ".nq")
    for i, line in enumerate(text.splitlines(), 1):
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        m = _PREFIX.match(stripped)
        if m:
            prefixes[m.group(1) or ""] = m.group(2)
            continue
        if stripped[:5].lower() == "@base" or stripped[:4].lower() == "base":
            mb = _IRI_REF.search(stripped)
            if mb:
                base = urljoin(base, mb.group(1))
            continue
        indent = len(line) - len(stripped)
        found: list[tuple[int, str]] = []
        for mi in _IRI_REF.finditer(line):
            found.append((mi.start(), urljoin(base, mi.group(1)) if turtle_like else mi.group(1)))
        if turtle_like:
            for mp in _PNAME.finditer(line):
                ns = prefixes.get(mp.group(1) or "")
                if ns is None:
                    continue
                local = mp.group(2).rstrip(".")
                local = re.sub(r"\\(.)", r"\1", local)
                found.append((mp.start(), ns + local))
        else:
            for mq in _QUOTED.finditer(line):
                found.append((mq.start(), mq.group(1)))
            for mi in re.finditer(r'(?:rdf:about|rdf:resource|"@id")\s*[=:]\s*"([^"]+)"', line):
                found.append((mi.start(), mi.group(1)))
        for pos, iri in found:
            anywhere.setdefault(iri, i)
            if pos == indent or stripped.startswith(("GRAPH", "<rdf:Description", '"@id"', "{")):
                as_subject.setdefault(iri, i)
                if pos == indent and turtle_like and _TYPED.match(line, _token_end(line, pos)):
                    typed.setdefault(iri, i)
    return typed, as_subject, anywhere


_TYPED = re.compile(r"\s+(?:a|rdf:type|<http://www\.w3\.org/1999/02/22-rdf-syntax-ns#type>)\s")


def _token_end(line: str, pos: int) -> int:
    if line.startswith("<", pos):
        end = line.find(">", pos)
        return end + 1 if end >= 0 else len(line)
    m = re.compile(r"\S+").match(line, pos)
    return m.end() if m else len(line)


def _find(path: str, stamp: int, iri: str) -> int | None:
    typed, as_subject, anywhere = _file_index(path, stamp)
    return typed.get(iri) or as_subject.get(iri) or anywhere.get(iri)


def _has_subject(path: Path, iri: str) -> bool:
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return False
    typed, as_subject, _anywhere = _file_index(str(path), stamp)
    return iri in typed or iri in as_subject
