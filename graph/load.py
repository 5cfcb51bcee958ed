"""Load sources (RDF files, Kumu tables, folders) into one rdflib Dataset.

The ontology (``ontology/*.ttl``) and the reference data
(``data/reference/*.ttl``) are always merged in, into the named graphs
:data:`graph.vocab.ONTOLOGY_GRAPH` and :data:`graph.vocab.REFERENCE_GRAPH`.
With no sources the bundled curated data (``data/sources/*.ttl``,
``data/seed/*.trig``) is loaded as well.

Triples in the default graph of an RDF file go to a named graph named by the
file's ``file://`` URI; named graphs (TriG, N-Quads, JSON-LD) are kept. Rows
of a table go to ``<file-uri>#row=N`` (see :mod:`graph.tables`).

Every problem with the input (unreadable file, syntax error, bad table row,
and with ``strict=True`` wrong datatypes, dates that make no sense, negative
amounts and unknown ``eco:`` classes) is collected and raised as one
:class:`graph.errors.InputError`; nothing is returned or written then.

Examples
--------
>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.ttl").write_text('<http://ex/a> <http://ex/p> "x" .', encoding="utf-8")
>>> ds = load([d / "a.ttl"], bundled=False)
>>> (URIRef("http://ex/a"), URIRef("http://ex/p"), Literal("x")) in ds
True
>>> (d / "a.ttl").resolve().as_uri() in {str(g.identifier) for g in ds.graphs()}
True
>>> _ = (d / "bad.ttl").write_text('<http://ex/a> <http://ex/p> "x" .\\n<a> <b> .', encoding="utf-8")
>>> try:
...     load([d / "bad.ttl"], bundled=False)
... except InputError as err:
...     print(err.problems[0].line)
2
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

from rdflib import Dataset, Literal, URIRef  # noqa: F401 - Literal is used in the doctest

from graph import vocab
from graph.errors import InputError, Problem
from graph.files import total_size
from graph.progress import progress_bar
from graph.rdfparse import is_rdf_path, parse_rdf_file

__all__ = ["load", "repo_root", "SourceFile", "sources_of", "fixed_files", "FAST_LOAD_BYTES"]


def repo_root() -> Path:
    """The project folder (holding ``ontology/`` and ``data/``)."""
    import graph

    return Path(graph.__file__).resolve().parent.parent


@dataclass(frozen=True)
class SourceFile:
    """Where the triples of one named graph came from.

    Attributes
    ----------
    path : pathlib.Path
        The file on disk.
    display : str
        How the file is named in problems (as the user gave it).
    sheet : str or None
        For a workbook row graph, the sheet name.
    row : int or None
        For a table row graph, the row number (header = row 1).
    """

    path: Path
    display: str
    sheet: str | None = None
    row: int | None = None

    @property
    def where(self) -> str:
        """The file as shown in a problem (``book.xlsx[Elements]`` for sheets)."""
        return f"{self.display}[{self.sheet}]" if self.sheet else self.display


def sources_of(ds: Dataset) -> dict[URIRef, SourceFile]:
    """Named graph -> the file it was loaded from (empty if unknown).

    Examples
    --------
    >>> sources_of(Dataset())
    {}
    """
    return getattr(ds, "ecokg_sources", {})


@dataclass
class _Plan:
    """What to load: RDF files and table sources, in order."""

    rdf: list[tuple[Path, str]] = field(default_factory=list)
    tables: list[tuple] = field(default_factory=list)  # ("xlsx", path, display) | ("csv", (p, d), (p, d) | None)
    problems: list[Problem] = field(default_factory=list)


def _display(path: Path, given: str | None = None) -> str:
    if given is not None:
        return given
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel


def _csv_role(path: Path) -> str | None:
    name = path.name.lower()
    if "element" in name:
        return "elements"
    if "connection" in name:
        return "connections"
    return None


def _plan(sources: Iterable[str | os.PathLike]) -> _Plan:
    plan = _Plan()
    named_csv: list[tuple[Path, str]] = []
    for src in sources:
        given = os.fspath(src)
        path = Path(given)
        if path.is_dir():
            found = len(plan.rdf) + len(plan.tables) + len(plan.problems)
            _plan_folder(path, plan)
            if len(plan.rdf) + len(plan.tables) + len(plan.problems) == found:
                plan.problems.append(
                    Problem(given, None, "folder holds no RDF files, .xlsx workbooks or elements/connections CSV pairs")
                )
            continue
        if not path.exists():
            plan.problems.append(Problem(given, None, "no such file or folder"))
            continue
        name = path.name.lower()
        if is_rdf_path(path):
            plan.rdf.append((path, given))
        elif name.endswith(".xlsx"):
            plan.tables.append(("xlsx", path, given))
        elif name.endswith(".csv"):
            named_csv.append((path, given))
        else:
            plan.problems.append(
                Problem(
                    given,
                    None,
                    f"unknown file type {path.suffix or path.name!r}: expected RDF "
                    "(.ttl .nt .nq .trig .jsonld .rdf .owl .xml, optionally .gz), "
                    ".xlsx or an elements/connections .csv pair",
                )
            )
    _pair_csv(named_csv, plan, named=True)
    return plan


def _plan_folder(folder: Path, plan: _Plan) -> None:
    csvs: list[tuple[Path, str]] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for fname in sorted(files):
            if fname.startswith(".") or fname.startswith("~$"):
                continue
            p = Path(root) / fname
            low = fname.lower()
            if is_rdf_path(p):
                plan.rdf.append((p, _display(p, os.path.join(root, fname))))
            elif low.endswith(".xlsx"):
                plan.tables.append(("xlsx", p, os.path.join(root, fname)))
            elif low.endswith(".csv") and _csv_role(p):
                csvs.append((p, os.path.join(root, fname)))
    _pair_csv(csvs, plan, named=False)


def _pair_csv(csvs: list[tuple[Path, str]], plan: _Plan, *, named: bool) -> None:
    """Pair ``*elements*.csv`` with ``*connections*.csv`` of the same folder."""
    by_folder: dict[Path, dict[str, list[tuple[Path, str]]]] = {}
    for path, given in csvs:
        role = _csv_role(path)
        if role is None:
            plan.problems.append(
                Problem(given, None, "a CSV source must be named *elements*.csv or *connections*.csv")
            )
            continue
        by_folder.setdefault(path.resolve().parent, {"elements": [], "connections": []})[role].append(
            (path, given)
        )
    for folder, roles in by_folder.items():
        elements, connections = roles["elements"], roles["connections"]
        if named:
            # a single named file: find its partner next to it
            if not connections and len(elements) == 1:
                connections = [
                    (p, _display(p)) for p in sorted(folder.glob("*.csv")) if _csv_role(p) == "connections"
                ][:1]
            if not elements and len(connections) == 1:
                elements = [(p, _display(p)) for p in sorted(folder.glob("*.csv")) if _csv_role(p) == "elements"][:1]
        if len(elements) > 1 or len(connections) > 1:
            # pair by the rest of the name: foo-elements.csv + foo-connections.csv
            def key(item: tuple[Path, str], word: str) -> str:
                return item[0].name.lower().replace(word + "s", "").replace(word, "")

            conns = {key(c, "connection"): c for c in connections}
            used = set()
            for e in elements:
                k = key(e, "element")
                c = conns.get(k)
                if c is not None:
                    used.add(k)
                plan.tables.append(("csv", e, c))
            for k, c in conns.items():
                if k not in used:
                    plan.problems.append(Problem(c[1], None, "connections CSV without a matching elements CSV"))
            continue
        if elements:
            plan.tables.append(("csv", elements[0], connections[0] if connections else None))
        elif connections:
            plan.problems.append(
                Problem(connections[0][1], None, "connections CSV without an elements CSV in the same folder")
            )


def fixed_files(root: Path | None = None) -> tuple[list[Path], list[Path]]:
    """The ontology files and the reference-data files merged into every load.

    Examples
    --------
    >>> onto, reference = fixed_files()
    >>> all(p.suffix == ".ttl" for p in onto + reference) and bool(onto)
    True
    """
    root = repo_root() if root is None else root
    onto = sorted(p for p in (root / "ontology").glob("*.ttl") if "shape" not in p.name.lower())
    reference = sorted((root / "data" / "reference").glob("*.ttl"))
    return onto, reference


def _bundled_files(root: Path) -> list[Path]:
    files = sorted((root / "data" / "sources").glob("*.ttl"))
    files += sorted((root / "data" / "seed").glob("*.trig"))
    return files


def _add_quads(
    ds: Dataset,
    quads,
    default_graph: URIRef,
    src: SourceFile | None,
    registry: dict[URIRef, SourceFile],
) -> None:
    graphs: dict = {}

    def ctx(name):
        g = graphs.get(name)
        if g is None:
            ident = default_graph if name is None else name
            g = graphs[name] = ds.graph(ident)
            if src is not None and isinstance(ident, URIRef):
                registry.setdefault(ident, src)
        return g

    ds.store.addN((s, p, o, ctx(g)) for s, p, o, g in quads)  # contexts resolved once per graph


_FIXED_CACHE: dict[tuple, list] = {}


def _parse_cached(path: Path, display: str) -> list:
    """Parse an ontology/reference file once per process (while it is unchanged)."""
    try:
        st = path.stat()
        key = (str(path.resolve()), st.st_mtime_ns, st.st_size, display)
    except OSError:
        return parse_rdf_file(path, display=display)
    quads = _FIXED_CACHE.get(key)
    if quads is None:
        quads = parse_rdf_file(path, display=display)
        _FIXED_CACHE[key] = quads
    return quads


def _load_fixed(ds: Dataset, files: list[Path], graph_name: URIRef, registry, problems) -> None:
    for f in files:
        try:
            quads = _parse_cached(f, _display(f))
        except InputError as err:
            problems.extend(err.problems)
            continue
        src = SourceFile(f, _display(f))
        # everything of ontology/reference files goes to the one fixed graph
        _add_quads(ds, ((s, p, o, None) for s, p, o, _g in quads), graph_name, src, registry)
        registry.setdefault(graph_name, src)
        ds.ecokg_fixed.setdefault(graph_name, []).append(src)  # type: ignore[attr-defined]
        ds.ecokg_files[f.resolve().as_uri()] = src  # type: ignore[attr-defined]


#: RDF inputs of at least this many bytes in total (``ECOKG_FAST_LOAD_BYTES``
#: overrides it) are loaded by the fast path, :func:`graph.store.load_fast`
FAST_LOAD_BYTES = int(os.environ.get("ECOKG_FAST_LOAD_BYTES", str(20 * 1024 * 1024)))


def load(
    sources: Sequence[str | os.PathLike] = (),
    *,
    store: str = "memory",
    bundled: bool | None = None,
    strict: bool = True,
    fast: bool | None = None,
) -> Dataset:
    """Load sources into one Dataset (default graph = union of all graphs).

    Parameters
    ----------
    sources : sequence of path-like
        Files or folders. Folders are searched recursively for RDF files,
        ``.xlsx`` workbooks and elements/connections CSV pairs; other files
        in folders are ignored. A named file of an unknown type is an error.
    store : str
        ``memory`` (default), ``oxigraph:`` (Oxigraph in memory),
        ``oxigraph:PATH`` or ``sparql:URL`` (see :mod:`graph.store`). With a
        persistent store that already holds data and no sources, the store
        is opened as it is; otherwise the loaded (and checked) data is
        written into it, all or nothing, and the store is returned.
    bundled : bool, optional
        Also load the curated data under ``data/``. Default: only when no
        sources are given.
    strict : bool
        Also reject wrong datatypes of date and amount properties, end dates
        before start dates, negative amounts, dangling references to
        ``ecoid:`` entities and unknown ``eco:`` classes (``ecokg validate`` loads with ``strict=False`` and reports these as
        violations instead).
    fast : bool, optional
        Load the RDF files with :func:`graph.store.load_fast` (pyoxigraph
        parses straight into an Oxigraph store; the strict checks are
        screened in SPARQL) and return an Oxigraph-backed dataset. Default:
        when every source is RDF (no tables) and the RDF files come to at
        least :data:`FAST_LOAD_BYTES` (20 MiB), or ``store`` is ``oxigraph:``.
        The data, the checks, the problems and the registry of sources are
        the same either way; only the store behind the Dataset differs.

    Returns
    -------
    rdflib.Dataset
        With ``default_union=True``. ``sources_of(ds)`` maps named graphs to
        the files they came from.

    Raises
    ------
    InputError
        One :class:`graph.errors.Problem` per problem found, naming file and
        line (RDF) or row (tables).
    """
    from graph.store import parse_spec

    sources = list(sources)
    if bundled is None:
        bundled = not sources
    spec = parse_spec(store)
    if spec.persistent:
        from graph.store import open_dataset, store_is_empty

        if not sources and not store_is_empty(store):
            return open_dataset(store)

    root = repo_root()
    plan = _plan(sources)
    onto, reference = fixed_files(root)
    rdf_files = _rdf_files(plan, bundled, root, onto, reference)
    if fast is None:
        fast = not plan.tables and (
            (spec.kind == "oxigraph" and not spec.path) or total_size(rdf_files) >= FAST_LOAD_BYTES
        )
    if fast and not plan.tables:
        from graph.store import load_fast

        ds = load_fast(
            [p for p, _d in rdf_files],
            displays=[d for _p, d in rdf_files],
            problems=plan.problems,
            strict=strict,
            resolve=bool(sources),
            store="oxigraph:",
        )
    else:
        ds = _load_memory(plan, rdf_files, onto, reference, strict=strict, resolve=bool(sources))
        if spec.kind == "oxigraph" and not spec.path:
            from graph.store import _dataset_on, to_oxigraph

            ds = _with_registry(_dataset_on(to_oxigraph(ds)), ds)
    if spec.persistent:
        from graph.store import open_dataset, write_all_or_nothing

        write_all_or_nothing(ds, store)
        return _with_registry(open_dataset(store), ds)
    return ds


def _with_registry(target: Dataset, ds: Dataset) -> Dataset:
    for attr in ("ecokg_sources", "ecokg_files", "ecokg_fixed"):
        setattr(target, attr, getattr(ds, attr))
    return target


def _rdf_files(plan: _Plan, bundled: bool, root: Path, onto, reference) -> list[tuple[Path, str]]:
    """RDF files to load, in order, each once; never the ontology, the reference data or the shapes."""
    candidates: list[tuple[Path, str]] = []
    if bundled:
        candidates += [(p, _display(p)) for p in _bundled_files(root)]
    candidates += plan.rdf
    seen = {p.resolve() for p in onto} | {p.resolve() for p in reference}
    seen.add((root / "ontology" / "shapes.ttl").resolve())
    out = []
    for path, display in candidates:
        try:
            key = path.resolve()
        except OSError:
            key = path
        if key in seen:
            continue
        seen.add(key)
        out.append((path, display))
    return out


def _load_memory(plan: _Plan, rdf_files, onto, reference, *, strict: bool, resolve: bool) -> Dataset:
    """The rdflib path: every quad as rdflib terms in rdflib's memory store."""
    ds = Dataset(default_union=True)
    registry: dict[URIRef, SourceFile] = {}
    ds.ecokg_sources = registry  # type: ignore[attr-defined]
    ds.ecokg_files = {}  # type: ignore[attr-defined]  # file URI -> SourceFile
    ds.ecokg_fixed = {}  # type: ignore[attr-defined]  # ontology/reference graph -> its files
    problems: list[Problem] = list(plan.problems)

    _load_fixed(ds, onto, vocab.ONTOLOGY_GRAPH, registry, problems)
    _load_fixed(ds, reference, vocab.REFERENCE_GRAPH, registry, problems)
    with progress_bar(total_size(rdf_files), "loading", unit="B") as bar:
        for path, display in rdf_files:
            _load_rdf(ds, path, display, registry, problems)
            try:
                bar.update(path.stat().st_size)
            except OSError:
                pass

    if plan.tables:
        from graph import tables

        index = tables.LabelIndex.from_dataset(ds)
        for item in plan.tables:
            try:
                if item[0] == "xlsx":
                    tables.load_workbook(ds, item[1], display=item[2], index=index, registry=registry)
                else:
                    tables.load_csv_pair(ds, item[1], item[2], index=index, registry=registry)
            except InputError as err:
                problems.extend(err.problems)

    if strict:
        from graph.validate import strict_problems

        # a reference into a file that failed to parse is not dangling: check those only on clean input
        problems.extend(strict_problems(ds, dangling=not problems))
    if problems:
        raise InputError(problems)
    if resolve:
        from graph.resolve import resolve as resolve_names

        # the same organisation named in two sources (CVR, alias, near-same
        # name) is linked with owl:sameAs in its own, removable graph
        resolve_names(ds)
    return ds


def _load_rdf(ds: Dataset, path: Path, display: str, registry, problems: list[Problem]) -> None:
    try:
        quads = parse_rdf_file(path, display=display)
    except InputError as err:
        problems.extend(err.problems)
        return
    uri = URIRef(path.resolve().as_uri())
    src = SourceFile(path, display)
    ds.ecokg_files[str(uri)] = src  # type: ignore[attr-defined]
    _add_quads(ds, quads, uri, src, registry)
