"""Where the graph lives: in memory, in a persistent Oxigraph store, or on a SPARQL server.

A *store spec* (the ``--store`` option) names one of:

``memory``
    rdflib's in-memory store (the default; right for the bundled data).
``oxigraph:PATH``
    A persistent, embedded `Oxigraph <https://github.com/oxigraph/oxigraph>`_
    store (RocksDB) in the directory ``PATH``, used through rdflib's API via
    an oxrdflib store. ``oxigraph:`` with no path is an Oxigraph store kept in
    memory (fast for big graphs, gone when the process ends).
``sparql:URL`` or ``sparql:QUERY_URL|UPDATE_URL``
    A SPARQL 1.1 query/update endpoint (Virtuoso, Fuseki, QLever, GraphDB ...).
    With one URL, updates are posted to the same URL (Virtuoso's ``/sparql``
    accepts both; for Fuseki give ``.../query|.../update``).

Every dataset returned here has ``default_union=True``: SPARQL queries and
``ds.triples`` see the union of all named graphs, exactly like the memory
store the loader builds.

Writing (``ecokg load``) is all or nothing: :func:`write_all_or_nothing` adds a
validated dataset to a store in one transaction (Oxigraph) or in one final
update operation after staging (SPARQL), and an inter-process file lock
(``PATH.lock``) makes concurrent writers to one Oxigraph store wait for each
other instead of corrupting it.

Examples
--------
>>> from rdflib import URIRef, Literal
>>> parse_spec("oxigraph:/tmp/kg").kind, parse_spec("oxigraph:/tmp/kg").path
('oxigraph', '/tmp/kg')
>>> parse_spec("sparql:http://h/q|http://h/u").update_url
'http://h/u'
>>> ds = open_dataset("oxigraph:")       # Oxigraph in memory
>>> ds.graph(URIRef("http://ex/g")).add((URIRef("http://ex/a"), URIRef("http://ex/p"), Literal("x")))
<Graph identifier=http://ex/g (<class 'rdflib.graph.Graph'>)>
>>> [str(o) for o in ds.objects(URIRef("http://ex/a"), URIRef("http://ex/p"))]
['x']
>>> ds.value(URIRef("http://ex/a"), URIRef("http://ex/p")) == Literal("x")
True
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Sequence

import pyoxigraph as ox
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID, Graph
from rdflib.term import Node

from graph.errors import InputError, Problem
from graph.files import total_size
from graph.progress import progress_bar

__all__ = [
    "to_ox_term",
    "tsv_term",
    "StoreSpec",
    "StoreLocked",
    "parse_spec",
    "open_dataset",
    "write_all_or_nothing",
    "store_is_empty",
    "bulk_load_files",
    "load_fast",
    "suspicious",
    "oxigraph_of",
    "to_oxigraph",
    "quads_of",
    "predicate_view",
    "PredicateView",
    "LOCK_TIMEOUT",
    "SPARQL_DEFAULT_GRAPH",
]

#: seconds a process waits for another one's lock on an Oxigraph store
#: (``ECOKG_LOCK_TIMEOUT`` overrides it)
LOCK_TIMEOUT = float(os.environ.get("ECOKG_LOCK_TIMEOUT", "300"))

#: SPARQL servers often have no writable default graph: quads of the default
#: graph are written into this named graph there (queries see the union anyway).
SPARQL_DEFAULT_GRAPH = URIRef("https://w3id.org/ecokg/id/graph/default")

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_STAGING = "urn:ecokg:staging:"
#: graphs a SPARQL server holds for itself (Virtuoso's); they do not make a store non-empty
_SYSTEM_GRAPH_PREFIXES = (
    "http://www.openlinksw.com/",
    "http://www.w3.org/ns/ldp#",
    "http://localuriqaserver/",
    "http://localhost:8890/",
)
_STAGING_TARGET = URIRef("urn:ecokg:staging-target")


# --------------------------------------------------------------------------- specs


@dataclass(frozen=True)
class StoreSpec:
    """A parsed ``--store`` value.

    Attributes
    ----------
    kind : str
        ``"memory"``, ``"oxigraph"`` or ``"sparql"``.
    path : str or None
        Directory of an Oxigraph store (``None``: Oxigraph in memory).
    query_url, update_url : str or None
        SPARQL endpoints.
    """

    kind: str
    path: str | None = None
    query_url: str | None = None
    update_url: str | None = None

    @property
    def persistent(self) -> bool:
        """Whether data written here outlives the process."""
        return self.kind == "sparql" or (self.kind == "oxigraph" and bool(self.path))


class StoreLocked(InputError):
    """Another process holds the store's lock longer than :data:`LOCK_TIMEOUT`."""


def parse_spec(spec: str | None) -> StoreSpec:
    """Parse a ``--store`` value.

    Raises
    ------
    InputError
        Unknown kind or missing URL.

    Examples
    --------
    >>> parse_spec("memory")
    StoreSpec(kind='memory', path=None, query_url=None, update_url=None)
    >>> parse_spec("sparql:http://localhost:8890/sparql").update_url
    'http://localhost:8890/sparql'
    >>> parse_spec("mongo:x")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: -: unknown store 'mongo:x': use memory, oxigraph:PATH or sparql:URL
    """
    if spec is None or spec in ("", "memory"):
        return StoreSpec("memory")
    kind, sep, arg = str(spec).partition(":")
    if sep and kind == "oxigraph":
        return StoreSpec("oxigraph", path=arg or None)
    if sep and kind == "sparql" and arg:
        query_url, _, update_url = arg.partition("|")
        if query_url.startswith(("http://", "https://")):
            return StoreSpec("sparql", query_url=query_url, update_url=update_url or query_url)
    raise InputError(
        Problem("-", None, f"unknown store {spec!r}: use memory, oxigraph:PATH or sparql:URL")
    )


# --------------------------------------------------------------------------- oxigraph store


def _from_ox(term) -> object:
    """An Oxigraph term as an rdflib term (plain literals stay plain, as in rdflib)."""
    cls = type(term)
    if cls is ox.NamedNode:
        return URIRef(term.value)
    if cls is ox.Literal:
        lang = term.language
        if lang:
            return Literal(term.value, lang=lang)
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    if cls is ox.BlankNode:
        return BNode(term.value)
    if cls is ox.DefaultGraph:
        return DATASET_DEFAULT_GRAPH_ID
    if cls is ox.Triple:  # RDF-star, passed through as a tuple
        return (_from_ox(term.subject), _from_ox(term.predicate), _from_ox(term.object))
    raise ValueError(f"unexpected Oxigraph term {term!r}")


def to_ox_term(term):
    """An rdflib term (or graph name) as an Oxigraph term.

    Examples
    --------
    >>> from rdflib import Literal
    >>> to_ox_term(Literal("Odense", lang="da"))
    <Literal value=Odense language=da>
    """
    if term is None:
        return None
    if isinstance(term, Graph):
        term = term.identifier
    if term == DATASET_DEFAULT_GRAPH_ID:
        return ox.DefaultGraph()
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):
        return ox.BlankNode(term)
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(term, language=term.language)
        if term.datatype:
            return ox.Literal(term, datatype=ox.NamedNode(term.datatype))
        return ox.Literal(term)
    raise ValueError(f"unexpected rdflib term {term!r}")


def _make_oxigraph_store_class():
    from oxrdflib import OxigraphStore

    class _EcoOxigraphStore(OxigraphStore):
        """oxrdflib's store, returning plain literals as rdflib does and
        falling back to rdflib's SPARQL engine where Oxigraph cannot bind."""

        def triples(self, triple_pattern, context=None):
            s, p, o = triple_pattern
            try:
                pattern = (to_ox_term(s), to_ox_term(p), to_ox_term(o), to_ox_term(context))
            except (TypeError, ValueError):
                return iter(())
            if any(isinstance(t, ox.Literal) for t in pattern[:2]):
                return iter(())
            store = self

            def gen():
                for q in self._inner.quads_for_pattern(*pattern):
                    g = q.graph_name
                    gid = DATASET_DEFAULT_GRAPH_ID if type(g) is ox.DefaultGraph else _from_ox(g)
                    yield (
                        (_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object)),
                        iter((Graph(store=store, identifier=gid),)),
                    )

            return gen()

        def query(self, query, initNs, initBindings, queryGraph, **kwargs):
            try:
                result = super().query(query, initNs, initBindings, queryGraph, **kwargs)
            except RuntimeError as err:
                if not (initBindings and "does not contain" in str(err)):
                    raise
                # Oxigraph substitutes only projected variables: bind with VALUES instead
                bound = _inject_values(str(query), initBindings)
                if bound is None:  # let rdflib's own engine evaluate it
                    raise NotImplementedError(str(err)) from None
                result = super().query(bound, initNs, {}, queryGraph, **kwargs)
            if result.type == "SELECT":
                raw = result.bindings
                result.bindings = (
                    {v: _plain(val) for v, val in row.items()} for row in raw
                )
            return result

        def close(self, commit_pending_transaction: bool = False) -> None:
            handle = getattr(self, "_ecokg_handle", None)
            self._store = None
            if handle is not None:
                self._ecokg_handle = None
                handle.release()

    return _EcoOxigraphStore


def _plain(val):
    if isinstance(val, Literal) and val.datatype is not None and str(val.datatype) == _XSD_STRING:
        return Literal(str(val))
    return val


_STORE_CLASS = None


def _store_class():
    global _STORE_CLASS
    if _STORE_CLASS is None:
        _STORE_CLASS = _make_oxigraph_store_class()
    return _STORE_CLASS


def _dataset_on(ox_store: ox.Store) -> Dataset:
    return Dataset(store=_store_class()(store=ox_store), default_union=True)


# --------------------------------------------------------------------------- terms from SPARQL TSV

from rdflib.namespace import XSD as _XSD_NS  # noqa: E402

_BARE = {"true": _XSD_NS.boolean, "false": _XSD_NS.boolean}
_ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPED = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


def _unescape(text: str) -> str:
    def one(m: re.Match) -> str:
        e = m.group(1)
        if e[0] in "uU" and len(e) > 1:
            return chr(int(e[1:], 16))
        return _ESCAPED.get(e, e)

    return _ESCAPE.sub(one, text)


def _plain_literal(lexical: str, lang: str | None) -> Literal:
    """``Literal(lexical, lang=lang)`` without rdflib's per-literal checks
    (the value comes from Oxigraph, which has checked it): the same object,
    ten times faster."""
    lit = str.__new__(Literal, lexical)
    lit._language = lang or None
    lit._datatype = None
    lit._value = lexical
    lit._ill_typed = None
    return lit


def tsv_term(token: str) -> Node:
    """An rdflib term from one cell of SPARQL TSV results (Turtle syntax).

    Examples
    --------
    >>> tsv_term("<https://w3id.org/ecokg/id/sdu>")
    rdflib.term.URIRef('https://w3id.org/ecokg/id/sdu')
    >>> tsv_term('"Odense"@da')
    rdflib.term.Literal('Odense', lang='da')
    """
    first = token[:1]
    if first == "<":
        return str.__new__(URIRef, token[1:-1])  # Oxigraph's IRIs are valid: skip rdflib's check
    if first == '"':
        end = token.rfind('"')
        lexical = token[1:end]
        if "\\" in lexical:
            lexical = _unescape(lexical)
        rest = token[end + 1 :]
        if not rest:
            return _plain_literal(lexical, None)
        if rest[0] == "@":
            return _plain_literal(lexical, rest[1:])
        datatype = rest[3:-1]  # ^^<...>
        if datatype == _XSD_STRING:
            return _plain_literal(lexical, None)
        return Literal(lexical, datatype=URIRef(datatype))
    if first == "_":
        from rdflib import BNode

        return BNode(token[2:])
    if token in _BARE:
        return Literal(token, datatype=_BARE[token])
    if "e" in token or "E" in token:
        return Literal(token, datatype=_XSD_NS.double)
    return Literal(token, datatype=_XSD_NS.decimal if "." in token else _XSD_NS.integer)



def oxigraph_of(ds: Dataset) -> ox.Store | None:
    """The ``pyoxigraph.Store`` behind an Oxigraph-backed dataset, else ``None``.

    Use it for fast paths (SPARQL in Rust, quads without rdflib terms).

    Examples
    --------
    >>> oxigraph_of(open_dataset("oxigraph:")) is not None
    True
    >>> oxigraph_of(open_dataset("memory")) is None
    True
    """
    from oxrdflib import OxigraphStore

    st = ds.store
    if isinstance(st, OxigraphStore):
        return st._inner
    return None


# --------------------------------------------------------------------------- locks


class _Handle:
    """An open persistent Oxigraph store plus the file lock this process holds."""

    def __init__(self, path: Path, lock_fd: int, store: ox.Store, exclusive: bool):
        self.path = path
        self.lock_fd = lock_fd
        self.store = store
        self.exclusive = exclusive
        self.users = 1

    def release(self) -> None:
        with _REGISTRY_LOCK:
            self.users -= 1
            if self.users > 0:
                return
            _REGISTRY.pop(self.path, None)
            if self.exclusive:
                try:
                    self.store.flush()
                except (OSError, RuntimeError):
                    pass
            self.store = None  # RocksDB closes when the last reference goes
            try:
                fcntl.flock(self.lock_fd, fcntl.LOCK_UN)
            finally:
                os.close(self.lock_fd)


_REGISTRY: dict[Path, _Handle] = {}
_REGISTRY_LOCK = threading.RLock()


def _lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _flock(fd: int, mode: int, path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    delay = 0.02
    while True:
        try:
            fcntl.flock(fd, mode | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                raise StoreLocked(
                    Problem(
                        str(path),
                        None,
                        f"store is in use by another process (waited {timeout:g} s); "
                        "try again when it has finished",
                    )
                ) from None
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


def _open_persistent(path_text: str, *, read_only: bool, timeout: float | None = None) -> _Handle:
    """Open (or reuse, within this process) the Oxigraph store at ``path_text``."""
    timeout = LOCK_TIMEOUT if timeout is None else timeout
    path = Path(path_text).expanduser().absolute()
    with _REGISTRY_LOCK:
        handle = _REGISTRY.get(path)
        if handle is not None and (handle.exclusive or read_only):
            handle.users += 1
            return handle
        if handle is not None:
            raise StoreLocked(
                Problem(str(path), None, "store is open read-only in this process; close it before writing")
            )
        if path.exists() and not path.is_dir():
            raise InputError(Problem(str(path), None, "not an Oxigraph store (a file, not a folder)"))
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(_lock_path(path), os.O_RDWR | os.O_CREAT, 0o644)
        try:
            _flock(fd, fcntl.LOCK_SH if read_only else fcntl.LOCK_EX, path, timeout)
            if not read_only:
                _recover(path)
            try:
                if read_only and (path / "CURRENT").exists():
                    store = ox.Store.read_only(str(path))
                else:
                    store = ox.Store(str(path))
            except OSError as err:
                raise InputError(Problem(str(path), None, f"cannot open Oxigraph store: {err}")) from None
        except BaseException:
            os.close(fd)
            raise
        handle = _Handle(path, fd, store, exclusive=not read_only)
        _REGISTRY[path] = handle
        return handle


@contextmanager
def _writable(path_text: str, timeout: float | None = None) -> Iterator[ox.Store]:
    handle = _open_persistent(path_text, read_only=False, timeout=timeout)
    try:
        yield handle.store
    finally:
        handle.release()


# --------------------------------------------------------------------------- open


def open_dataset(spec: str | None = "memory", *, read_only: bool = False) -> Dataset:
    """Open the dataset a ``--store`` value names.

    Parameters
    ----------
    spec : str
        ``memory``, ``oxigraph:PATH``, ``oxigraph:`` (Oxigraph in memory) or
        ``sparql:URL`` / ``sparql:QUERY_URL|UPDATE_URL``.
    read_only : bool
        For ``oxigraph:PATH``: open a read-only view and take a *shared* lock,
        so many readers can work at once (writers wait for them). By default
        the store is opened read-write under an *exclusive* lock held until
        ``ds.close()`` or the end of the process.

    Returns
    -------
    rdflib.Dataset
        With ``default_union=True``: queries see every named graph.

    Raises
    ------
    InputError
        Unknown spec, a store that cannot be opened, or a lock held by
        another process for longer than :data:`LOCK_TIMEOUT` (``StoreLocked``).

    Examples
    --------
    >>> ds = open_dataset("memory")
    >>> ds.default_union, len(ds)
    (True, 0)
    """
    s = parse_spec(spec)
    if s.kind == "memory":
        return Dataset(default_union=True)
    if s.kind == "oxigraph":
        if not s.path:
            return _dataset_on(ox.Store())
        handle = _open_persistent(s.path, read_only=read_only)
        ds = _dataset_on(handle.store)
        ds.store._ecokg_handle = handle  # released by ds.close()
        return ds
    return _sparql_dataset(s)


def _sparql_dataset(s: StoreSpec) -> Dataset:
    st = _sparql_store_class()(
        query_endpoint=s.query_url,
        update_endpoint=s.update_url,
        method="POST_FORM",
        returnFormat="json",
        autocommit=True,
    )
    st._ecokg_spec = s
    return Dataset(store=st, default_union=True)


_SPARQL_STORE_CLASS = None


def _sparql_store_class():
    """rdflib's SPARQLUpdateStore, made to bind parameters correctly, raise on
    HTTP errors, post updates as forms and write the default graph to
    :data:`SPARQL_DEFAULT_GRAPH`."""
    global _SPARQL_STORE_CLASS
    if _SPARQL_STORE_CLASS is not None:
        return _SPARQL_STORE_CLASS
    from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

    class _EcoSPARQLStore(SPARQLUpdateStore):
        def query(self, query, initNs=None, initBindings=None, queryGraph=None, DEBUG=False):
            if initBindings:
                bound = _inject_values(str(query), initBindings)
                if bound is None:
                    raise NotImplementedError("cannot place initBindings in this query")
                query, initBindings = bound, None
            result = super().query(query, initNs, None, queryGraph, DEBUG)
            if isinstance(result, (tuple, list)):  # rdflib returns (code, message, None) on HTTP errors
                raise InputError(Problem(self.query_endpoint, None, f"SPARQL query failed: {result[1]}"))
            return result

        def _query(self, *args, **kwargs):
            try:
                return super()._query(*args, **kwargs)
            except OSError as err:  # urllib's URLError and HTTPError are OSErrors
                raise _unreachable(self.query_endpoint, err) from None

        def _update(self, update):
            self._updates += 1
            _sparql_update(self._ecokg_spec, update)

        def add(self, spo, context=None, quoted=False):
            if not self._is_contextual(context):
                context = Graph(identifier=SPARQL_DEFAULT_GRAPH)
            return super().add(spo, context, quoted)

        def addN(self, quads):  # noqa: N802
            quads = [
                (s, p, o, c if self._is_contextual(c) else Graph(identifier=SPARQL_DEFAULT_GRAPH))
                for s, p, o, c in quads
            ]
            return super().addN(quads)

    _SPARQL_STORE_CLASS = _EcoSPARQLStore
    return _SPARQL_STORE_CLASS


def _inject_values(query: str, bindings) -> str | None:
    r"""``query`` with ``VALUES (?v ...) { (term ...) }`` opening its WHERE group.

    This gives ``initBindings`` their meaning (the variables are bound in the
    whole pattern, projected or not); terms are written with ``Node.n3()``,
    which escapes them, so no text is pasted into the query. ``None`` when
    no WHERE group is found.

    Examples
    --------
    >>> print(_inject_values("SELECT ?s WHERE { ?s ?p ?o }", {"o": Literal('say "hi"')}))
    SELECT ?s WHERE { VALUES (?o) { ("say \"hi\"") } ?s ?p ?o }
    >>> _inject_values("PREFIX x: <http://x/{}#> CONSTRUCT { ?s x:p ?o } WHERE { ?s ?q ?o }", {"s": URIRef("http://a")})
    'PREFIX x: <http://x/{}#> CONSTRUCT { ?s x:p ?o } WHERE { VALUES (?s) { (<http://a>) } ?s ?q ?o }'
    """
    pos = _where_brace(query)
    if pos is None:
        return None
    names = [str(k).lstrip("?$") for k in bindings]
    terms = [bindings[k].n3() if hasattr(bindings[k], "n3") else Literal(bindings[k]).n3() for k in bindings]
    values = " VALUES (" + " ".join("?" + n for n in names) + ") { (" + " ".join(terms) + ") }"
    return query[: pos + 1] + values + query[pos + 1 :]


def _where_brace(query: str) -> int | None:
    """Index of the ``{`` opening the WHERE group of a query (skipping IRIs,
    strings, comments and a CONSTRUCT template)."""
    i, n = 0, len(query)
    upper = query.upper()
    skip_template = False
    seen_construct = False
    while i < n:
        c = query[i]
        if c == "#":
            j = query.find("\n", i)
            i = n if j < 0 else j + 1
            continue
        if c == "<":
            j = query.find(">", i + 1)
            if j < 0:
                return None
            i = j + 1
            continue
        if c in "'\"":
            j = i + 1
            while j < n and query[j] != c:
                j += 2 if query[j] == "\\" else 1
            i = j + 1
            continue
        if upper.startswith("CONSTRUCT", i) and not seen_construct:
            seen_construct = True
            rest = query[i + 9 :].lstrip()
            skip_template = rest.startswith("{")
            i += 9
            continue
        if c == "{":
            if skip_template:
                depth, j = 0, i
                while j < n:
                    if query[j] == "{":
                        depth += 1
                    elif query[j] == "}":
                        depth -= 1
                        if depth == 0:
                            break
                    elif query[j] in "'\"<":
                        end = {"<": ">"}.get(query[j], query[j])
                        j = query.find(end, j + 1)
                        if j < 0:
                            return None
                    j += 1
                skip_template = False
                i = j + 1
                continue
            return i
        i += 1
    return None


def store_is_empty(spec: str | None) -> bool:
    """Whether the store holds no quad at all (``memory`` is always empty).

    Examples
    --------
    >>> store_is_empty("memory")
    True
    """
    s = parse_spec(spec)
    if s.kind == "memory" or (s.kind == "oxigraph" and not s.path):
        return True
    if s.kind == "oxigraph":
        path = Path(s.path).expanduser().absolute()
        if not (path / "CURRENT").exists() and path not in _REGISTRY:
            return True
        handle = _open_persistent(s.path, read_only=True)
        try:
            return next(iter(handle.store.quads_for_pattern(None, None, None, None)), None) is None
        finally:
            handle.release()
    rows = _sparql_select(s, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    graphs = [r["g"]["value"] for r in rows if "g" in r]
    return not any(not g.startswith(_SYSTEM_GRAPH_PREFIXES) for g in graphs)


# --------------------------------------------------------------------------- reading fast


def quads_of(ds: Dataset) -> Iterator[tuple]:
    """Every quad of ``ds`` as rdflib terms ``(s, p, o, graph_id)``.

    ``graph_id`` is ``rdflib.graph.DATASET_DEFAULT_GRAPH_ID`` for the
    default graph. Oxigraph-backed datasets are read straight from the store.

    Examples
    --------
    >>> ds = open_dataset("memory")
    >>> _ = ds.graph(URIRef("http://ex/g")).add((URIRef("http://ex/a"), URIRef("http://ex/p"), Literal(1)))
    >>> [(str(s), str(g)) for s, p, o, g in quads_of(ds)]
    [('http://ex/a', 'http://ex/g')]
    """
    inner = oxigraph_of(ds)
    if inner is not None:
        for q in inner.quads_for_pattern(None, None, None, None):
            yield (_from_ox(q.subject), _from_ox(q.predicate), _from_ox(q.object), _from_ox(q.graph_name))
        return
    if hasattr(ds.store, "query_endpoint"):  # SPARQL store: rdflib cannot name graphs there
        for row in ds.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"):
            yield row.s, row.p, row.o, row.g
        return
    for s, p, o, g in ds.quads((None, None, None, None)):
        gid = g.identifier if isinstance(g, Graph) else g
        yield s, p, o, (DATASET_DEFAULT_GRAPH_ID if gid is None else gid)


def _ox_quads(ds: Dataset) -> Iterator[ox.Quad]:
    inner = oxigraph_of(ds)
    if inner is not None:
        yield from inner.quads_for_pattern(None, None, None, None)
        return
    for s, p, o, g in quads_of(ds):
        yield ox.Quad(to_ox_term(s), to_ox_term(p), to_ox_term(o), to_ox_term(g))


def to_oxigraph(ds: Dataset) -> ox.Store:
    """An Oxigraph store holding ``ds`` (the one behind it, or an in-memory copy).

    Views and analyses can run SPARQL there (in Rust) and read ``.value`` of
    the terms, without building rdflib terms.

    Examples
    --------
    >>> ds = open_dataset("memory")
    >>> ds.add((URIRef("http://ex/a"), URIRef("http://ex/p"), Literal("x")))  # doctest: +ELLIPSIS
    <Graph identifier=...>
    >>> len(to_oxigraph(ds))
    1
    """
    inner = oxigraph_of(ds)
    if inner is not None:
        return inner
    st = ox.Store()
    st.bulk_extend(_ox_quads(ds))
    return st


class PredicateView:
    """Read-only, in-memory view of a few predicates of an Oxigraph store.

    ``subjects(p, o)``, ``objects(s, p)`` and ``subject_objects(p)`` answer
    from Python dictionaries, as rdflib terms, like a Dataset's union graph
    (each triple once). Built by :func:`predicate_view`: for code that asks
    one small question per node, where each rdflib call on an Oxigraph store
    would cost tens of microseconds.
    """

    def __init__(self):
        self._so: dict = {}  # p -> s -> [o]
        self._os: dict = {}  # p -> o -> [s]

    def _add(self, s, p, o) -> None:
        objs = self._so.setdefault(p, {}).setdefault(s, [])
        if o not in objs:
            objs.append(o)
            self._os.setdefault(p, {}).setdefault(o, []).append(s)

    def subjects(self, predicate=None, object=None):  # noqa: A002 - rdflib's name
        if object is None:
            return iter(list(self._so.get(predicate, {})))
        return iter(list(self._os.get(predicate, {}).get(object, ())))

    def objects(self, subject=None, predicate=None):
        if subject is None:
            return iter(list(self._os.get(predicate, {})))
        return iter(list(self._so.get(predicate, {}).get(subject, ())))

    def subject_objects(self, predicate=None):
        return iter([(s, o) for s, objs in self._so.get(predicate, {}).items() for o in objs])


def predicate_view(ds: Dataset, classes, predicates) -> PredicateView | None:
    """The ``rdf:type`` triples of ``classes`` and the ``predicates`` of their
    instances, read from the Oxigraph store behind ``ds`` in one query.

    ``None`` when ``ds`` is not Oxigraph-backed (read ``ds`` itself then).

    Examples
    --------
    >>> from graph.vocab import ECO, RDF, SKOS
    >>> ds = open_dataset("oxigraph:")
    >>> _ = ds.add((URIRef("http://ex/a"), RDF.type, ECO.Company))
    >>> _ = ds.add((URIRef("http://ex/a"), SKOS.prefLabel, Literal("A")))
    >>> _ = ds.add((URIRef("http://ex/b"), SKOS.prefLabel, Literal("B")))
    >>> view = predicate_view(ds, [ECO.Company], [SKOS.prefLabel])
    >>> list(view.subjects(RDF.type, ECO.Company)), list(view.objects(URIRef("http://ex/a"), SKOS.prefLabel))
    ([rdflib.term.URIRef('http://ex/a')], [rdflib.term.Literal('A')])
    >>> list(view.objects(URIRef("http://ex/b"), SKOS.prefLabel))
    []
    """
    from graph.vocab import RDF

    inner = oxigraph_of(ds)
    if inner is None:
        return None
    view = PredicateView()
    rdf_type = URIRef(RDF.type)
    query = (
        f"SELECT DISTINCT ?s ?c ?p ?o WHERE {{ VALUES ?c {{ {_values(classes)} }} ?s a ?c "
        f"OPTIONAL {{ VALUES ?p {{ {_values(predicates)} }} ?s ?p ?o }} }}"
    )
    data = inner.query(query, use_default_graph_as_union=True).serialize(format=ox.QueryResultsFormat.TSV)
    terms: dict = {"": None}  # an unbound cell is empty
    for line in data.decode("utf-8").split("\n")[1:]:
        if not line:
            continue
        row = []
        for cell in line.split("\t"):
            t = terms.get(cell, terms)
            if t is terms:
                t = terms[cell] = tsv_term(cell)
            row.append(t)
        s, c, p, o = row
        view._add(s, rdf_type, c)
        if p is not None:
            view._add(s, p, o)
    return view


# --------------------------------------------------------------------------- bulk loading


def bulk_load_files(
    ds: Dataset,
    paths: Sequence[str | os.PathLike],
    *,
    graphs: Sequence[URIRef | None] | None = None,
    progress: bool | None = None,
) -> int:
    """Parse RDF files straight into the Oxigraph store behind ``ds`` (no rdflib terms).

    The fast path for big files: pyoxigraph parses (a conformant parser) and
    writes into its store in Rust, at about a million triples a second.

    Parameters
    ----------
    ds : rdflib.Dataset
        An Oxigraph-backed dataset (``open_dataset("oxigraph:")`` or
        ``oxigraph:PATH``).
    paths : sequence of path-like
        RDF files (``.ttl .nt .nq .trig .jsonld .rdf .owl .xml``, optionally
        ``.gz``).
    graphs : sequence, optional
        For each path, the named graph its triples go to (``None``: the
        file's ``file://`` URI). Quads of N-Quads/TriG keep their own graphs.
    progress : bool, optional
        Show a progress bar on stderr (default: when stderr is a terminal).

    Returns
    -------
    int
        Number of quads in the store afterwards.

    Raises
    ------
    InputError
        Syntax errors with file and line. The load of each file is one
        transaction: on an error nothing of that file is kept.
    ValueError
        ``ds`` is not Oxigraph-backed.
    """
    inner = oxigraph_of(ds)
    if inner is None:
        raise ValueError("bulk_load_files needs an Oxigraph-backed dataset (open_dataset('oxigraph:...'))")
    _bulk_load(inner, paths, graphs=graphs, progress=progress)
    return len(inner)


def _bulk_load(inner: ox.Store, paths, *, graphs=None, progress=None, bulk: bool = False) -> None:
    from graph.rdfparse import rdf_format

    paths = [Path(p) for p in paths]
    with progress_bar(total_size(paths), "loading", unit="B", show=progress) as bar:
        for i, path in enumerate(paths):
            fmt = rdf_format(path)
            if fmt is None:
                raise InputError(Problem(str(path), None, "not an RDF file (unknown extension)"))
            target = graphs[i] if graphs is not None and graphs[i] is not None else URIRef(path.resolve().as_uri())
            to_graph = to_ox_term(target)
            kwargs = {
                "format": fmt,
                "base_iri": path.resolve().as_uri(),
                "to_graph": to_graph if fmt not in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG) else None,
            }
            try:
                # bulk_load is not transactional: only for a copy that is thrown away on error
                loader = inner.bulk_load if bulk else inner.load
                if bar.disable and not path.name.lower().endswith(".gz"):
                    loader(path=str(path), **kwargs)  # read by Rust, no Python in the loop
                else:
                    with _open_binary(path) as fh:
                        loader(_Counting(fh, bar), **kwargs)
            except SyntaxError as err:
                line = getattr(err, "lineno", None)
                raise InputError(Problem(str(path), line, _syntax_message(err))) from None
            except OSError as err:
                raise InputError(Problem(str(path), None, f"cannot read: {err.strerror or err}")) from None


def _syntax_message(err: SyntaxError) -> str:
    msg = str(err.msg if getattr(err, "msg", None) else err)
    return msg.splitlines()[0] if msg else "syntax error"


def _open_binary(path: Path):
    if path.name.lower().endswith(".gz"):
        import gzip

        return gzip.open(path, "rb")
    return open(path, "rb")


class _Counting:
    """A binary reader that advances a progress bar."""

    def __init__(self, fh, bar, raw=None):
        self._fh = fh
        self._bar = bar
        self._raw = raw or getattr(fh, "fileobj", None) or fh  # compressed position for .gz
        self._last = 0

    def read(self, n=-1):
        data = self._fh.read(n)
        if self._bar is not None and not self._bar.disable:
            try:
                pos = self._raw.tell()
            except (OSError, ValueError):
                pos = self._last + len(data)
            self._bar.update(max(0, pos - self._last))
            self._last = pos
        return data

    def readinto(self, b):
        data = self.read(len(b))
        b[: len(data)] = data
        return len(data)

    def readable(self):
        return True


# --------------------------------------------------------------------------- writing


def write_all_or_nothing(
    ds_new: Dataset,
    spec: str,
    *,
    progress: bool | None = None,
    batch_size: int = 2000,
    timeout: float | None = None,
) -> int:
    """Add every quad of a validated dataset to a persistent store, all or nothing.

    Validate first (the caller does); then:

    - ``oxigraph:PATH``: take the store's exclusive file lock (waiting for
      other writers and readers), then add all quads in **one transaction**
      (``pyoxigraph.Store.extend``): either all are written or none.
    - ``sparql:URL``: small loads go in one ``INSERT {...} WHERE {}`` request; bigger
      ones are staged into fresh staging graphs, batch by batch (blank-node
      structures never split across requests), then copied into their
      target graphs by **one** ``INSERT ... WHERE`` operation and the staging
      graphs dropped. If any request fails, the staging graphs are dropped and
      the target graphs are unchanged. Quads of the default graph go to
      :data:`SPARQL_DEFAULT_GRAPH`.
    - ``memory``: nothing persists; raises ``InputError``.

    Loads add to what the store holds (RDF is a set: loading the same file
    twice adds nothing new, except fresh blank nodes).

    Returns
    -------
    int
        Number of quads sent.

    Raises
    ------
    InputError
        Not a persistent store, a store that cannot be opened, a lock held
        too long, or the server refused the data.
    """
    s = parse_spec(spec)
    if not s.persistent:
        raise InputError(Problem("-", None, f"--store {spec!r} does not persist: use oxigraph:PATH or sparql:URL"))
    if s.kind == "oxigraph":
        return _write_oxigraph(ds_new, s.path, progress=progress, timeout=timeout)
    return _write_sparql(ds_new, s, progress=progress, batch_size=batch_size)


#: above this many quads, an Oxigraph write copies the store, bulk-loads the
#: copy and swaps it in (much faster and leaner than one huge transaction)
SWAP_THRESHOLD = 20_000


def _write_oxigraph(ds_new: Dataset, path: str, *, progress: bool | None, timeout: float | None) -> int:
    inner = oxigraph_of(ds_new)
    if inner is not None and _same_store(inner, path):
        return 0  # the dataset already is the store
    p = Path(path).expanduser().absolute()
    if p not in _REGISTRY:
        size = len(inner) if inner is not None else len(ds_new)
        if size > SWAP_THRESHOLD:
            source = inner if inner is not None else to_oxigraph(ds_new)
            return _write_by_swap(source, p, progress=progress, timeout=timeout)
    quads = list(_ox_quads(ds_new))
    with _writable(path, timeout=timeout) as store:
        with progress_bar(len(quads), "writing", unit="quads", show=progress) as bar:
            bar.unit, bar.unit_scale = "quad", True
            store.extend(quads)  # one transaction: all or nothing
            bar.update(len(quads))
        store.flush()
    return len(quads)


def _write_by_swap(source: ox.Store, p: Path, *, progress: bool | None, timeout: float | None) -> int:
    """Add ``source``'s quads to the store at ``p`` by copy, bulk-load and swap."""
    n = len(source)

    def build(copy: ox.Store) -> None:
        with progress_bar(n, "writing", unit="quads", show=progress) as bar:
            bar.unit, bar.unit_scale = "quad", True

            def counted():
                for i, q in enumerate(source.quads_for_pattern(None, None, None, None), 1):
                    if i % 100_000 == 0:
                        bar.update(100_000)
                    yield q

            copy.bulk_extend(counted())
            bar.update(n % 100_000)

    _swap_in(p, build, timeout=timeout)
    return n


def _swap_in(p: Path, build, *, timeout: float | None) -> None:
    """Copy the store at ``p`` (hard links), let ``build(copy)`` add to the copy,
    then swap the copy in by renaming, all under the exclusive lock.

    If ``build`` raises, the copy is deleted and the store is unchanged. A crash
    leaves either the old store or the new one in place (a crash between the two
    renames is repaired by the next open, see :func:`_recover`).
    """
    import gc

    timeout = LOCK_TIMEOUT if timeout is None else timeout
    p.parent.mkdir(parents=True, exist_ok=True)
    if p.exists() and not p.is_dir():
        raise InputError(Problem(str(p), None, "not an Oxigraph store (a file, not a folder)"))
    fd = os.open(_lock_path(p), os.O_RDWR | os.O_CREAT, 0o644)
    tag = uuid.uuid4().hex[:12]
    tmp = p.with_name(f".{p.name}.ecokg-new-{tag}")
    try:
        _flock(fd, fcntl.LOCK_EX, p, timeout)
        _recover(p)
        if (p / "CURRENT").exists():
            current = ox.Store(str(p))
            current.backup(str(tmp))  # hard links to immutable files: cheap
            del current
        copy = ox.Store(str(tmp))
        try:
            build(copy)
            copy.flush()
        finally:
            del copy
            gc.collect()
        if p.exists():
            old = p.with_name(f".{p.name}.ecokg-old-{tag}")
            os.rename(p, old)
            os.rename(tmp, p)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.rename(tmp, p)
    except OSError as err:
        raise InputError(Problem(str(p), None, f"cannot write Oxigraph store: {err}")) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)


def _recover(p: Path) -> None:
    """Repair an interrupted swap (call with the exclusive lock held)."""
    olds = sorted(p.parent.glob(f".{p.name}.ecokg-old-*"))
    if not p.exists() and olds:
        os.rename(olds[-1], p)
        olds = olds[:-1]
    for stale in olds + sorted(p.parent.glob(f".{p.name}.ecokg-new-*")):
        shutil.rmtree(stale, ignore_errors=True)


def _same_store(inner: ox.Store, path: str) -> bool:
    handle = _REGISTRY.get(Path(path).expanduser().absolute())
    return handle is not None and handle.store is inner


# --------------------------------------------------------------------------- SPARQL


def _http(url: str, data: dict, accept: str, *, timeout: float = 600) -> bytes:
    import urllib.parse
    import urllib.request

    body = urllib.parse.urlencode(data).encode("utf-8")
    req = urllib.request.Request(
        url,
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8", "Accept": accept},
        method="POST",
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.read()
    except OSError as err:  # urllib's URLError and HTTPError are OSErrors
        raise _unreachable(url, err) from None


def _unreachable(url: str, err: OSError) -> InputError:
    """The one-line problem for a failed request to a SPARQL server."""
    import urllib.error

    if isinstance(err, urllib.error.HTTPError):
        try:
            detail = " ".join(err.read().decode("utf-8", "replace").strip().splitlines())
        except Exception:  # noqa: BLE001 - the body is a courtesy; the code says enough
            detail = ""
        return InputError(Problem(url, None, f"SPARQL server refused the request ({err.code}): {detail[:300]}"))
    return InputError(Problem(url, None, f"cannot reach SPARQL server: {getattr(err, 'reason', err)}"))


def _sparql_update(s: StoreSpec, update: str) -> None:
    _http(s.update_url, {"update": update}, "*/*")


def _sparql_select(s: StoreSpec, query: str, *, ask: bool = False):
    import json

    raw = _http(s.query_url, {"query": query}, "application/sparql-results+json")
    doc = json.loads(raw.decode("utf-8"))
    if ask:
        return doc.get("boolean", False)
    return doc["results"]["bindings"]


def _nt(term) -> str:
    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == _XSD_STRING:
        term = Literal(str(term))
    return term.n3()


def _sparql_batches(quads: list[tuple], batch_size: int, graph_of) -> list[str]:
    """SPARQL update requests that together insert ``quads``.

    Quads without blank nodes go in ``INSERT DATA`` requests of up to
    ``batch_size`` quads over many graphs. Quads sharing blank nodes
    (transitively) always go in the same request, one graph per request,
    as ``INSERT {GRAPH <g> {...}} WHERE {}`` (Virtuoso 7 refuses blank nodes in
    INSERT DATA and in templates spanning several graphs). A blank-node
    structure spread over several graphs is skolemised (RDF 1.1, section 3.5)
    to ``https://w3id.org/ecokg/id/.well-known/genid/...`` IRIs.
    """
    parent: dict = {}

    def find(x):
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    for q in quads:
        if isinstance(q[0], BNode) and isinstance(q[2], BNode):
            a, b = find(q[0]), find(q[2])
            if a != b:
                parent[a] = b
    components: dict = {}
    plain: list[tuple] = []
    for q in quads:
        b = q[0] if isinstance(q[0], BNode) else (q[2] if isinstance(q[2], BNode) else None)
        if b is None:
            plain.append(q)
        else:
            components.setdefault(find(b), []).append(q)
    by_graph: dict = {}
    for comp in components.values():
        graphs = {graph_of(q[3]) for q in comp}
        if len(graphs) == 1:
            by_graph.setdefault(graphs.pop(), []).append(comp)
        else:
            plain.extend(_skolemise(q) for q in comp)

    requests: list[str] = []
    for i in range(0, len(plain), batch_size):
        requests.append(_insert(plain[i : i + batch_size], graph_of, data=True))
    small = max(1, batch_size // 4)  # templates cost Virtuoso more SQL per triple
    for comps in by_graph.values():
        current: list[tuple] = []
        for comp in comps:
            if current and len(current) + len(comp) > small:
                requests.append(_insert(current, graph_of, data=False))
                current = []
            current.extend(comp)
        if current:
            requests.append(_insert(current, graph_of, data=False))
    return requests


_GENID = "https://w3id.org/ecokg/id/.well-known/genid/"


def _skolemise(q: tuple) -> tuple:
    return tuple(URIRef(_GENID + str(t)) if isinstance(t, BNode) else t for t in q)


def _insert(quads: Iterable[tuple], graph_of, *, data: bool) -> str:
    by_graph: dict = {}
    for s, p, o, g in quads:
        by_graph.setdefault(graph_of(g), []).append(f"{_nt(s)} {_nt(p)} {_nt(o)} .")
    body = "\n".join(f"GRAPH <{g}> {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())
    if data:
        return "INSERT DATA {\n" + body + "\n}"
    return "INSERT {\n" + body + "\n} WHERE {}"


def _write_sparql(ds_new: Dataset, s: StoreSpec, *, progress: bool | None, batch_size: int) -> int:
    quads = list(quads_of(ds_new))
    if not quads:
        return 0

    def target(g):
        return SPARQL_DEFAULT_GRAPH if g == DATASET_DEFAULT_GRAPH_ID or g is None else g

    direct = _sparql_batches(quads, batch_size, target)
    if len(direct) == 1:  # one request: the server applies it whole or not at all
        _sparql_update(s, direct[0])
        return len(quads)

    run = f"{_STAGING}{uuid.uuid4().hex}"
    control = URIRef(run)
    staging: dict = {}

    def stage(g):
        t = target(g)
        if t not in staging:
            staging[t] = URIRef(f"{run}:{len(staging)}")
        return staging[t]

    requests = _sparql_batches(quads, batch_size, stage)
    try:
        with progress_bar(len(requests), "writing", unit="requests", show=progress) as bar:
            bar.unit = "request"
            for req in requests:
                _sparql_update(s, req)
                bar.update(1)
        control_quads = [(st, _STAGING_TARGET, t, control) for t, st in staging.items()]
        for req in _sparql_batches(control_quads, batch_size, lambda g: g):
            _sparql_update(s, req)
        # the one operation that makes the load visible in the target graphs
        _sparql_update(
            s,
            "INSERT { GRAPH ?g { ?s ?p ?o } } WHERE { "
            f"GRAPH <{control}> {{ ?sg <{_STAGING_TARGET}> ?g }} GRAPH ?sg {{ ?s ?p ?o }} }}",
        )
    finally:
        for st in list(staging.values()) + [control]:
            try:
                _sparql_update(s, f"DROP SILENT GRAPH <{st}>")
            except InputError:
                pass
    return len(quads)


# --------------------------------------------------------------------------- fast loading of big RDF


def _values(terms) -> str:
    """IRIs for a ``VALUES`` block, each once (duplicates would scan a predicate twice)."""
    return " ".join(f"<{t}>" for t in dict.fromkeys(terms))


def _distinct_objects(inner: ox.Store, preds) -> list:
    query = f"SELECT DISTINCT ?o WHERE {{ VALUES ?p {{ {_values(preds)} }} ?s ?p ?o }}"
    return [row[0] for row in inner.query(query, use_default_graph_as_union=True)]


def _screen_dates(inner: ox.Store, preds, allowed) -> bool:
    from graph.validate import _as_date
    from graph.vocab import XSD

    for term in _distinct_objects(inner, preds):
        lit = _from_ox(term)
        if not isinstance(lit, Literal) or lit.datatype not in allowed:
            return True
        if lit.datatype in (XSD.date, XSD.dateTime) and _as_date(lit) is None:
            return True
    return False


def _screen_amounts(inner: ox.Store) -> bool:
    from decimal import Decimal

    from graph.validate import _AMOUNT_PROPS, _DECIMAL_TYPES

    for term in _distinct_objects(inner, _AMOUNT_PROPS):
        lit = _from_ox(term)
        if not isinstance(lit, Literal) or lit.datatype not in _DECIMAL_TYPES:
            return True
        try:
            if Decimal(str(lit)) < 0:
                return True
        except ArithmeticError:  # not a number (or NaN): let the exact check report it
            return True
    return False


def _screen_periods(inner: ox.Store) -> bool:
    from graph.vocab import SCHEMA, TIME

    # only reached for valid dates (else the date screen fires): the first ten
    # characters compare like the dates
    query = f"""ASK {{ {{ ?s <{SCHEMA.startDate}> ?a ; <{SCHEMA.endDate}> ?b }}
         UNION {{ ?s <{SCHEMA.foundingDate}> ?a ; <{SCHEMA.dissolutionDate}> ?b }}
         UNION {{ ?s <{TIME.hasBeginning}>/<{TIME.inXSDDate}> ?a ; <{TIME.hasEnd}>/<{TIME.inXSDDate}> ?b }}
         FILTER(SUBSTR(STR(?b), 1, 10) < SUBSTR(STR(?a), 1, 10)) }}"""
    return bool(inner.query(query, use_default_graph_as_union=True))


def _screen_dangling(inner: ox.Store) -> bool:
    from graph.validate import _ID, _LINK_PROPS

    query = (
        f"SELECT ?o WHERE {{ {{ SELECT DISTINCT ?o WHERE {{ VALUES ?p {{ {_values(_LINK_PROPS)} }} ?s ?p ?o }} }} "
        "MINUS { ?o a ?t } }"
    )
    for (o,) in inner.query(query, use_default_graph_as_union=True):
        if type(o) is ox.NamedNode and o.value.startswith(_ID):
            return True
    return False


def _screen_classes(inner: ox.Store) -> bool:
    from graph import vocab
    from graph.vocab import ECO, OWL, RDF, RDFS

    onto = ox.NamedNode(vocab.ONTOLOGY_GRAPH)
    rdf_type = ox.NamedNode(RDF.type)
    declared = set()
    for cls in (OWL.Class, RDFS.Class):
        declared.update(q.subject.value for q in inner.quads_for_pattern(None, rdf_type, ox.NamedNode(cls), onto)
                        if type(q.subject) is ox.NamedNode)
    declared.update(q.subject.value for q in inner.quads_for_pattern(None, ox.NamedNode(RDFS.subClassOf), None, onto)
                    if type(q.subject) is ox.NamedNode)
    if not declared:
        return False
    eco = str(ECO)
    for (c,) in inner.query("SELECT DISTINCT ?c WHERE { ?s a ?c }", use_default_graph_as_union=True):
        if type(c) is ox.NamedNode and c.value.startswith(eco) and c.value not in declared:
            return True
    return False


def _screens() -> list[tuple[str, object]]:
    from graph.validate import _DATE_OR_TIME_PROPS, _DATE_PROPS
    from graph.vocab import XSD

    return [
        ("dangling", _screen_dangling),
        ("date", lambda st: _screen_dates(st, _DATE_PROPS, (XSD.date,))),
        ("period", _screen_periods),
        ("amount", _screen_amounts),
        ("class", _screen_classes),
        ("date or time", lambda st: _screen_dates(st, _DATE_OR_TIME_PROPS, (XSD.date, XSD.dateTime, XSD.gYear))),
    ]


def suspicious(ds: Dataset, *, threads: int = 2) -> list[str]:
    """Which strict-check families fail, or might fail, on a dataset.

    A screen for :func:`graph.validate.strict_problems` run inside Oxigraph
    (about half a second per million triples): an empty list means the data
    passes every strict check; a name means "look closer" (the exact check
    names file, line and value). Values are read as *distinct* values per
    family of predicates, which Oxigraph finds in its indexes, and those few
    values are checked by the same Python code as the exact check (dates,
    amounts, declared classes); end-before-start is one SPARQL ``ASK`` and
    dangling references one ``SELECT DISTINCT ... MINUS``. The checks run in
    ``threads`` threads (Oxigraph evaluates queries without holding the GIL).

    Examples
    --------
    >>> from graph.vocab import SCHEMA, XSD
    >>> ds = open_dataset("oxigraph:")
    >>> ds.add((URIRef("http://ex/a"), SCHEMA.startDate, Literal("2020-05-01", datatype=XSD.date)))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> suspicious(ds)
    []
    >>> ds.add((URIRef("http://ex/a"), SCHEMA.endDate, Literal("2019-05-01", datatype=XSD.date)))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> suspicious(ds)
    ['period']
    >>> ds.add((URIRef("http://ex/a"), SCHEMA.endDate, Literal("2019-02-30", datatype=XSD.date)))  # doctest: +ELLIPSIS
    <Graph ...>
    >>> suspicious(ds)
    ['date', 'period']
    """
    inner = to_oxigraph(ds)
    checks = _screens()
    if threads > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=threads) as pool:
            fired = list(pool.map(lambda check: check[1](inner), checks))
    else:
        fired = [check(inner) for _name, check in checks]
    return [name for (name, _check), hit in zip(checks, fired) if hit]


_BOM = b"\xef\xbb\xbf"


class _SkipBOM:
    """A binary reader without a leading UTF-8 byte order mark (Oxigraph refuses one)."""

    def __init__(self, fh):
        self._fh = fh
        head = fh.read(3)
        self._head = b"" if head == _BOM else head

    def read(self, n=-1):
        if self._head:
            if n is None or n < 0:
                data, self._head = self._head + self._fh.read(), b""
                return data
            data, self._head = self._head[:n], self._head[n:]
            if len(data) < n:
                data += self._fh.read(n - len(data))
            return data
        return self._fh.read(n)

    def readable(self):
        return True

    def tell(self):
        return self._fh.tell()


def _starts_with_bom(path: Path) -> bool:
    try:
        with _open_binary(path) as fh:
            return fh.read(3) == _BOM
    except Exception:  # noqa: BLE001 - an unreadable file is reported by the load itself
        return False


def _exact_problems(path: Path, display: str, err: BaseException) -> list[Problem]:
    """The problems :func:`graph.load.load` reports for a file Oxigraph could not load.

    The file is read and parsed again as :func:`graph.rdfparse.parse_rdf_file`
    does (only on this error path), with the same messages and lines, but
    without turning the quads into rdflib terms: a broken file of millions of
    triples costs its size in memory here, not gigabytes.
    """
    from graph.rdfparse import _every_bad_line, _syntax_problem, rdf_format, read_bytes

    fmt = rdf_format(path)
    try:
        data = read_bytes(path, display)
    except InputError as exact:
        return list(exact.problems)
    if data.startswith(_BOM):
        data = data[3:]
    try:
        for _quad in ox.parse(input=data, format=fmt, base_iri=path.resolve().as_uri()):
            pass
    except SyntaxError as syntax:
        first = _syntax_problem(syntax, display, data, fmt)
        if fmt in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS):
            return _every_bad_line(data, display, fmt) or [first]
        return [first]
    except ValueError as bad:
        return [Problem(display, None, f"cannot parse: {bad}")]
    except OSError as bad:
        return [Problem(display, None, f"cannot read: {bad}")]
    line = getattr(err, "lineno", None)
    return [Problem(display, line, _syntax_message(err) if isinstance(err, SyntaxError) else f"cannot load: {err}")]


def _load_one(inner: ox.Store, path: Path, display: str, target: URIRef, *, bar, bulk: bool) -> list[Problem]:
    """Load one RDF file into ``inner`` (default-graph triples into ``target``).

    Returns the problems (empty when the file loaded). With ``bulk=False``
    the file is one transaction: a file that fails leaves nothing behind.
    """
    from graph.rdfparse import rdf_format

    fmt = rdf_format(path)
    if fmt is None:
        return [Problem(display, None, f"unknown file type {path.suffix!r}")]
    quads_format = fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)
    to_graph = to_ox_term(target)
    kwargs = {"format": fmt, "base_iri": path.resolve().as_uri(), "to_graph": None if quads_format else to_graph}
    loader = inner.bulk_load if bulk else inner.load
    default = ox.DefaultGraph()
    old_default = set(inner.quads_for_pattern(None, None, None, default)) if quads_format else set()
    try:
        if bar.disable and not path.name.lower().endswith(".gz") and not _starts_with_bom(path):
            loader(path=str(path), **kwargs)  # read by Rust, no Python in the loop
        else:
            with _open_binary(path) as fh:
                loader(_Counting(_SkipBOM(fh), bar, raw=getattr(fh, "fileobj", None) or fh), **kwargs)
    except Exception as err:  # noqa: BLE001 - syntax, I/O, gzip and JSON-LD errors alike
        return _exact_problems(path, display, err)
    if quads_format:
        # as in graph.load: triples of the file's default graph go to the file's graph
        moved = [q for q in inner.quads_for_pattern(None, None, None, default) if q not in old_default]
        if moved:
            inner.extend([ox.Quad(q.subject, q.predicate, q.object, to_graph) for q in moved])
            for q in moved:
                inner.remove(q)
    return []


def _fill(
    inner: ox.Store,
    items: Sequence[tuple[Path, str]],
    *,
    problems: list[Problem],
    progress: bool | None,
    bulk: bool = False,
) -> Dataset:
    """Ontology, reference data and ``items`` (path, display) into ``inner``,
    with the loader's registry of sources; problems are collected."""
    from graph import vocab
    from graph.load import SourceFile, _display, fixed_files

    ds = _dataset_on(inner)
    registry: dict = {}
    ds.ecokg_sources = registry
    ds.ecokg_files = {}
    ds.ecokg_fixed = {}
    onto, reference = fixed_files()
    fixed = [(f, vocab.ONTOLOGY_GRAPH) for f in onto] + [(f, vocab.REFERENCE_GRAPH) for f in reference]
    with progress_bar(0, "loading", show=False) as quiet:
        for f, gname in fixed:
            src = SourceFile(f, _display(f))
            found = _load_one(inner, f, src.display, gname, bar=quiet, bulk=bulk)
            if found:
                problems.extend(found)
                continue
            registry.setdefault(gname, src)
            ds.ecokg_fixed.setdefault(gname, []).append(src)
            ds.ecokg_files[f.resolve().as_uri()] = src
    with progress_bar(total_size(items), "loading", unit="B", show=progress) as bar:
        for path, display in items:
            uri = URIRef(path.resolve().as_uri())
            quads_format = path.name.lower().removesuffix(".gz").endswith((".nq", ".trig"))
            before = set(inner.named_graphs()) if quads_format else set()
            found = _load_one(inner, path, display, uri, bar=bar, bulk=bulk)
            if found:
                problems.extend(found)
                continue
            src = SourceFile(path, display)
            ds.ecokg_files[str(uri)] = src
            if next(iter(inner.quads_for_pattern(None, None, None, to_ox_term(uri))), None) is not None:
                registry.setdefault(uri, src)
            if quads_format:
                for g in inner.named_graphs():
                    if g not in before and type(g) is ox.NamedNode:
                        registry.setdefault(URIRef(g.value), src)
    return ds


def _check(ds: Dataset, problems: list[Problem], *, strict: bool, then=None) -> None:
    """The loader's strict checks, screened first; raise on any problem, else
    call ``then()`` (entity resolution).

    The screen runs in Oxigraph (in threads, without the GIL) while ``then``
    runs here: what resolution writes (``owl:sameAs`` and reified statements
    in its own graph) is nothing the strict checks look at, and when the
    checks fail the whole dataset is thrown away.
    """
    from graph.validate import strict_problems

    if strict and problems:  # as in graph.load: no dangling check when a file failed
        problems.extend(strict_problems(ds, dangling=False))
    elif strict:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=1) as pool:
            # one thread for the screen while ``then`` has this one: two busy threads, two cores
            screen = pool.submit(suspicious, ds, threads=1 if then is not None else 2)
            try:
                if then is not None:
                    then()
            finally:
                fired = screen.result()
        if fired:
            problems.extend(strict_problems(ds))
        then = None
    if problems:
        raise InputError(problems)
    if then is not None:
        then()


def load_fast(
    paths: Sequence[str | os.PathLike],
    *,
    store: str = "oxigraph:",
    progress: bool | None = None,
    strict: bool = True,
    resolve: bool = False,
    displays: Sequence[str] | None = None,
    problems: Sequence[Problem] = (),
) -> Dataset:
    """Load big RDF files the fast way: parsed by pyoxigraph straight into Oxigraph.

    :func:`graph.load.load` calls this for big RDF inputs; the result is the
    same data, checked the same way, in an Oxigraph-backed dataset. The
    ontology and the reference data are loaded into their named graphs, each
    file into the graph named by its ``file://`` URI (N-Quads/TriG keep their
    named graphs; their default graph goes to the file's graph), and the
    registry of sources (:func:`graph.load.sources_of`) is filled as the
    loader fills it. The loader's strict checks are screened for inside
    Oxigraph (:func:`suspicious`); only when the screen fires is the exact,
    slower check run, and its problems (file and line) raised. A file that
    does not parse is parsed again by :func:`graph.rdfparse.parse_rdf_file`,
    so its problems read exactly as the loader's.

    Parameters
    ----------
    paths : sequence of path-like
        RDF files only (tables go through :func:`graph.load.load`).
    store : str
        ``oxigraph:`` (in memory, default), ``oxigraph:PATH`` or ``sparql:URL``.
        For ``oxigraph:PATH`` the files are bulk-loaded into a copy of the
        store and checked there, *with the data already in the store*, and
        the copy is swapped in; for ``sparql:URL`` they are checked in memory
        and then written all or nothing.
    progress : bool, optional
        Progress bars on stderr (default: when stderr is a terminal).
    strict : bool
        Run the loader's strict checks (as :func:`graph.load.load`).
    resolve : bool
        Link the same organisation across sources (:func:`graph.resolve.resolve`),
        as :func:`graph.load.load` does when sources are given.
    displays : sequence of str, optional
        How each path is named in problems (default: as given).
    problems : sequence of Problem
        Problems already found (the loader's missing files); they come first.

    Returns
    -------
    rdflib.Dataset
        Oxigraph-backed (or the SPARQL store), ``default_union=True``, with
        ``ecokg_files``/``ecokg_sources``/``ecokg_fixed`` like the loader's.

    Raises
    ------
    InputError
        Syntax errors (file and line) or strict-check problems; nothing is
        written to ``store`` then.
    """
    items = [(Path(p), str(p) if displays is None else displays[i]) for i, p in enumerate(paths)]
    found: list[Problem] = list(problems)

    def fill_and_check(inner: ox.Store, bulk: bool = False) -> Dataset:
        ds = _fill(inner, items, problems=found, progress=progress, bulk=bulk)
        _check(ds, found, strict=strict, then=(lambda: _resolve(ds)) if resolve else None)
        return ds

    s = parse_spec(store)
    if s.kind == "oxigraph" and s.path and Path(s.path).expanduser().absolute() not in _REGISTRY:
        # load straight into a copy of the store, check there, swap it in
        attrs: dict = {}

        def build(copy: ox.Store) -> None:
            ds = fill_and_check(copy, bulk=True)
            attrs.update({a: getattr(ds, a) for a in ("ecokg_files", "ecokg_sources", "ecokg_fixed")})
            ds.store._store = None  # drop every reference: RocksDB closes before the swap

        _swap_in(Path(s.path).expanduser().absolute(), build, timeout=None)
        target = open_dataset(store)
        for attr, value in attrs.items():
            setattr(target, attr, value)
        return target
    ds = fill_and_check(ox.Store())
    if s.persistent:
        write_all_or_nothing(ds, store, progress=progress)
        target = open_dataset(store)
        for attr in ("ecokg_files", "ecokg_sources", "ecokg_fixed"):
            setattr(target, attr, getattr(ds, attr))
        return target
    return ds


def _resolve(ds: Dataset) -> None:
    from graph.resolve import resolve

    # the same organisation named in two sources is linked with owl:sameAs in its own graph
    resolve(ds)
