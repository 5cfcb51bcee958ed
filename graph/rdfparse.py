"""Conformant RDF parsing with file and line in every error.

Parsing is done by pyoxigraph (a conformant, fast parser); its terms are turned
into rdflib terms. Syntax errors become :class:`graph.errors.Problem` values
carrying the file and the 1-based line.

Examples
--------
>>> quads = parse_rdf_bytes(b'<http://a> <http://b> "c" .', "x.nt")
>>> [(str(s), str(p), str(o), g) for s, p, o, g in quads]
[('http://a', 'http://b', 'c', None)]
>>> try:
...     parse_rdf_bytes(b'<http://a> <http://b> "c .', "bad.nt")
... except InputError as err:
...     print(err.problems[0].file, err.problems[0].line)
bad.nt 1
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import zlib
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from graph.errors import InputError, Problem

__all__ = [
    "RDF_EXTENSIONS",
    "rdf_format",
    "is_rdf_path",
    "read_bytes",
    "parse_rdf_bytes",
    "parse_rdf_file",
    "Quad",
]

#: file extension (without ``.gz``) -> pyoxigraph format
RDF_EXTENSIONS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

#: (subject, predicate, object, graph name or None for the default graph)
Quad = tuple[Node, URIRef, Node, "URIRef | BNode | None"]


def _suffixes(path: str | os.PathLike) -> tuple[str, bool]:
    """The RDF extension of ``path`` (lower case) and whether it is gzipped."""
    name = Path(path).name.lower()
    gz = name.endswith(".gz")
    if gz:
        name = name[:-3]
    return Path(name).suffix, gz


def rdf_format(path: str | os.PathLike) -> ox.RdfFormat | None:
    """The pyoxigraph format for a file name, or ``None`` if it is not RDF.

    Examples
    --------
    >>> rdf_format("a/b.ttl.gz") == ox.RdfFormat.TURTLE
    True
    >>> rdf_format("notes.txt") is None
    True
    """
    ext, _gz = _suffixes(path)
    return RDF_EXTENSIONS.get(ext)


def is_rdf_path(path: str | os.PathLike) -> bool:
    """Whether ``path`` has an RDF extension (optionally ``.gz``)."""
    return rdf_format(path) is not None


def read_bytes(path: str | os.PathLike, display: str | None = None) -> bytes:
    """Read a file (decompressing ``.gz``), mapping OS errors to :class:`InputError`.

    Parameters
    ----------
    path : path-like
        The file to read.
    display : str, optional
        How to name the file in problems (default ``str(path)``).

    Raises
    ------
    InputError
        The file is missing, unreadable, or a corrupt gzip stream.
    """
    display = str(path) if display is None else display
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(Problem(display, None, "no such file")) from None
    except IsADirectoryError:
        raise InputError(Problem(display, None, "is a directory, not a file")) from None
    except PermissionError:
        raise InputError(Problem(display, None, "permission denied")) from None
    except OSError as err:
        raise InputError(Problem(display, None, f"cannot read file: {err.strerror or err}")) from None
    if Path(path).name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as err:
            raise InputError(Problem(display, None, f"not a valid gzip file: {err}")) from None
    return data


class _TermConverter:
    """Turn pyoxigraph terms into rdflib terms; blank nodes are made file-unique."""

    def __init__(self, scope: str):
        self._prefix = "b" + hashlib.sha1(scope.encode("utf-8")).hexdigest()[:10] + "_"
        self._cache: dict[str, Node] = {}
        self._literals: dict[tuple, Node] = {}

    def __call__(self, term) -> Node:
        if isinstance(term, ox.NamedNode):
            value = term.value
            node = self._cache.get(value)
            if node is None:
                node = self._cache[value] = URIRef(value)
            return node
        if isinstance(term, ox.BlankNode):
            return BNode(self._prefix + term.value)
        if isinstance(term, ox.Literal):
            key = (term.value, term.datatype.value, term.language)
            node = self._literals.get(key)
            if node is None:
                value, dt, lang = key
                if lang:
                    node = Literal(value, lang=lang)
                elif dt == _XSD_STRING:
                    node = Literal(value)
                else:
                    node = Literal(value, datatype=URIRef(dt))
                self._literals[key] = node
            return node
        if isinstance(term, ox.DefaultGraph):
            return None  # type: ignore[return-value]
        raise ValueError(f"RDF-star triple terms are not supported: {term}")


def _guess_line(data: bytes, fmt: ox.RdfFormat, message: str) -> int | None:
    """A line for errors pyoxigraph reports without one (RDF/XML, JSON-LD)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return data.count(b"\n", 0, err.start) + 1
    if fmt == ox.RdfFormat.JSON_LD:
        import json

        try:
            json.loads(text)
        except json.JSONDecodeError as err:
            return err.lineno
    elif fmt == ox.RdfFormat.RDF_XML:
        import xml.parsers.expat

        parser = xml.parsers.expat.ParserCreate()
        try:
            parser.Parse(data, True)
        except xml.parsers.expat.ExpatError as err:
            return err.lineno
    # the offending token is usually quoted in the message: find its first line
    for token in re.findall(r"'([^'\n]{1,200})'", message) + re.findall(r'"([^"\n]{1,200})"', message):
        for i, line in enumerate(text.splitlines(), 1):
            if token in line:
                return i
    return None


def _syntax_problem(err: SyntaxError, display: str, data: bytes | None = None, fmt=None) -> Problem:
    line = getattr(err, "lineno", None)
    message = getattr(err, "msg", None) or str(err)
    if not line and data is not None and fmt is not None:
        line = _guess_line(data, fmt, message)
    # pyoxigraph prefixes "Parser error at line L column C: " - keep the column, drop the line.
    if message.startswith("Parser error "):
        head, sep, rest = message.partition(": ")
        if sep:
            col = getattr(err, "offset", None)
            message = f"syntax error: {rest}" + (f" (column {col})" if col else "")
    elif "LoadDocumentCallback" in message:
        message = "remote JSON-LD contexts are not fetched (ecokg works offline): put the @context inline"
        if not line and data is not None:
            line = next((i for i, ln in enumerate(data.decode("utf-8", "replace").splitlines(), 1) if "@context" in ln), None)
    else:
        message = f"syntax error: {message}"
    return Problem(display, int(line) if line else None, message)


_MAX_LINE_PROBLEMS = 100


def _every_bad_line(data: bytes, display: str, fmt: ox.RdfFormat) -> list[Problem]:
    """N-Triples/N-Quads are line based: report every bad line, not only the first."""
    out: list[Problem] = []
    for i, line in enumerate(data.split(b"\n"), 1):
        if not line.strip():
            continue
        try:
            for _q in ox.parse(input=line, format=fmt):
                pass
        except SyntaxError as err:
            p = _syntax_problem(err, display, line, fmt)
            out.append(Problem(display, i, p.message))
            if len(out) >= _MAX_LINE_PROBLEMS:
                out.append(Problem(display, None, f"more than {_MAX_LINE_PROBLEMS} bad lines; stopped"))
                break
    return out


def parse_rdf_bytes(
    data: bytes,
    display: str,
    *,
    format: ox.RdfFormat | None = None,
    base_iri: str | None = None,
) -> list[Quad]:
    """Parse RDF ``data`` into rdflib quads.

    Parameters
    ----------
    data : bytes
        The serialization (already decompressed).
    display : str
        The file name used in problems; its extension picks the format unless
        ``format`` is given.
    format : pyoxigraph.RdfFormat, optional
        The syntax.
    base_iri : str, optional
        Base IRI for relative IRIs.

    Returns
    -------
    list of (s, p, o, g)
        ``g`` is ``None`` for the default graph.

    Raises
    ------
    InputError
        With one :class:`Problem` naming ``display`` and the 1-based line.
    """
    fmt = format or rdf_format(display)
    if fmt is None:
        raise InputError(Problem(display, None, "unknown RDF file extension"))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # a UTF-8 byte order mark (Windows editors write one) is not content
    conv = _TermConverter(base_iri or display)
    out: list[Quad] = []
    append = out.append
    try:
        for q in ox.parse(input=data, format=fmt, base_iri=base_iri):
            g = q.graph_name
            append(
                (
                    conv(q.subject),
                    conv(q.predicate),
                    conv(q.object),
                    None if isinstance(g, ox.DefaultGraph) else conv(g),
                )
            )
    except SyntaxError as err:
        first = _syntax_problem(err, display, data, fmt)
        if fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
            raise InputError(_every_bad_line(data, display, fmt) or [first]) from None
        raise InputError(first) from None
    except ValueError as err:
        raise InputError(Problem(display, None, f"cannot parse: {err}")) from None
    except OSError as err:
        raise InputError(Problem(display, None, f"cannot read: {err}")) from None
    return out


def parse_rdf_file(
    path: str | os.PathLike,
    *,
    display: str | None = None,
    base_iri: str | None = None,
) -> list[Quad]:
    """Read and parse one RDF file (``.gz`` allowed).

    The base IRI defaults to the file's ``file://`` URI.

    Raises
    ------
    InputError
        Unreadable file or syntax error, naming the file and line.
    """
    display = str(path) if display is None else display
    fmt = rdf_format(path)
    if fmt is None:
        raise InputError(Problem(display, None, f"unknown file type {Path(path).suffix!r}"))
    data = read_bytes(path, display)
    if base_iri is None:
        base_iri = Path(path).resolve().as_uri()
    return parse_rdf_bytes(data, display, format=fmt, base_iri=base_iri)


