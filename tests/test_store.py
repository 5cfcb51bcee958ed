"""graph.store: memory and Oxigraph stores (load, reopen, all or nothing, concurrent writers)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from graph import store
from graph.errors import InputError
from graph.store import (
    StoreLocked,
    bulk_load_files,
    open_dataset,
    oxigraph_of,
    parse_spec,
    quads_of,
    store_is_empty,
    to_oxigraph,
    write_all_or_nothing,
)
from graph.vocab import ECO, ID, ORG, SCHEMA, SKOS, XSD

REPO = Path(__file__).resolve().parents[1]

G1 = ID["graph/test-1"]
G2 = ID["graph/test-2"]
A = ID["a"]
B = ID["b"]


def small_dataset(prefix: str = ""):
    """3 quads in 2 named graphs + 1 in the default graph, one blank node."""
    ds = open_dataset("memory")
    a, b = ID[prefix + "a"], ID[prefix + "b"]
    g1 = ds.graph(G1)
    g1.add((a, SKOS.prefLabel, Literal("Klynge Ø", lang="da")))
    grant = BNode()
    g1.add((a, SCHEMA.funder, grant))
    ds.graph(G2).add((grant, SCHEMA.amount, Literal("14000000", datatype=XSD.decimal)))
    ds.add((b, ORG.memberOf, a))
    return ds


def quad_set(ds):
    """Quads with blank nodes replaced by a marker (their ids differ between stores)."""
    return {tuple("_:b" if isinstance(t, BNode) else t for t in q) for q in quads_of(ds)}


EXPECTED = {
    (A, SKOS.prefLabel, Literal("Klynge Ø", lang="da"), G1),
    (A, SCHEMA.funder, "_:b", G1),
    ("_:b", SCHEMA.amount, Literal("14000000", datatype=XSD.decimal), G2),
    (B, ORG.memberOf, A, DATASET_DEFAULT_GRAPH_ID),
}


# ----------------------------------------------------------------------------- specs


@pytest.mark.parametrize(
    "spec, kind, path, q, u",
    [
        ("memory", "memory", None, None, None),
        ("", "memory", None, None, None),
        ("oxigraph:kg", "oxigraph", "kg", None, None),
        ("oxigraph:", "oxigraph", None, None, None),
        ("sparql:http://h:8890/sparql", "sparql", None, "http://h:8890/sparql", "http://h:8890/sparql"),
        ("sparql:http://h/ds/query|http://h/ds/update", "sparql", None, "http://h/ds/query", "http://h/ds/update"),
    ],
)
def test_parse_spec(spec, kind, path, q, u):
    s = parse_spec(spec)
    assert (s.kind, s.path, s.query_url, s.update_url) == (kind, path, q, u)


@pytest.mark.parametrize("spec", ["oxigraph", "sparql:", "sparql:ftp://x", "neo4j:bolt://x", "Memory"])
def test_parse_spec_rejects(spec):
    with pytest.raises(InputError) as err:
        parse_spec(spec)
    assert "unknown store" in err.value.problems[0].message


def test_memory_is_not_persistent():
    assert store_is_empty("memory")
    with pytest.raises(InputError, match="does not persist"):
        write_all_or_nothing(small_dataset(), "memory")


# ----------------------------------------------------------------------------- same behaviour


@pytest.mark.parametrize("spec", ["memory", "oxigraph:"])
def test_union_default_graph_and_plain_literals(spec):
    ds = open_dataset(spec)
    for q in quads_of(small_dataset()):
        s, p, o, g = q
        ds.graph(g).add((s, p, o)) if g != DATASET_DEFAULT_GRAPH_ID else ds.add((s, p, o))
    assert ds.default_union
    assert quad_set(ds) == EXPECTED
    # triples and SPARQL see every graph
    assert {str(o) for o in ds.objects(A, None)} >= {"Klynge Ø"}
    rows = ds.query("SELECT ?who WHERE { ?who <%s> ?x }" % ORG.memberOf)
    assert [r.who for r in rows] == [B]
    # a projected and a non-projected bound variable
    q = "SELECT ?s WHERE { ?s ?p ?o }"
    assert {r.s for r in ds.query(q, initBindings={"o": A})} == {B}
    q = "SELECT ?s ?o WHERE { ?s ?p ?o }"
    assert [(r.s, r.o) for r in ds.query(q, initBindings={"o": A})] == [(B, A)]
    # literals: a plain literal comes back plain (not xsd:string-typed), decimals typed
    ds.add((B, SKOS.altLabel, Literal("BB")))
    assert ds.value(B, SKOS.altLabel) == Literal("BB")
    (amount,) = [o for o in ds.objects(None, SCHEMA.amount)]
    assert amount.datatype == XSD.decimal and amount.toPython() == 14000000
    graphs = {r.g for r in ds.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert graphs == {G1, G2}


def test_to_oxigraph_copies_memory_dataset():
    ox_store = to_oxigraph(small_dataset())
    assert len(ox_store) == 4
    assert oxigraph_of(open_dataset("memory")) is None


# ----------------------------------------------------------------------------- oxigraph


def test_oxigraph_write_reopen_and_add(tmp_path):
    spec = f"oxigraph:{tmp_path / 'kg'}"
    assert store_is_empty(spec)
    assert write_all_or_nothing(small_dataset(), spec) == 4
    assert not store_is_empty(spec)
    ds = open_dataset(spec)
    assert quad_set(ds) == EXPECTED
    ds.close()
    # a second load adds; the same IRIs and literals are not duplicated
    extra = open_dataset("memory")
    extra.graph(G1).add((ID.c, ORG.memberOf, A))
    extra.graph(G1).add((A, SKOS.prefLabel, Literal("Klynge Ø", lang="da")))
    assert write_all_or_nothing(extra, spec) == 2
    ds = open_dataset(spec, read_only=True)
    assert quad_set(ds) == EXPECTED | {(ID.c, ORG.memberOf, A, G1)}
    ds.close()


def test_oxigraph_rejected_write_changes_nothing(tmp_path):
    spec = f"oxigraph:{tmp_path / 'kg'}"
    write_all_or_nothing(small_dataset(), spec)
    bad = small_dataset(prefix="new-")
    # an IRI with a space cannot be stored: the whole write must fail, nothing kept
    bad.graph(G2).add((URIRef("https://w3id.org/ecokg/id/not an iri"), SKOS.prefLabel, Literal("x")))
    with pytest.raises(ValueError):
        write_all_or_nothing(bad, spec)
    ds = open_dataset(spec)
    assert quad_set(ds) == EXPECTED
    assert (ID["new-b"], ORG.memberOf, ID["new-a"]) not in ds
    ds.close()


def test_rejected_load_leaves_store_unchanged(tmp_path):
    """The `ecokg load` flow: parse + validate, then write; bad input writes nothing."""
    load = pytest.importorskip("graph.load").load
    spec = f"oxigraph:{tmp_path / 'kg'}"
    write_all_or_nothing(small_dataset(), spec)
    good = tmp_path / "good.ttl"
    good.write_text(f"<{ID.x}> <{SKOS.prefLabel}> \"x\"@da .\n", encoding="utf-8")
    bad = tmp_path / "bad.ttl"
    bad.write_text(f"<{ID.y}> <{SKOS.prefLabel}> \"y\"@da .\n<{ID.z}> <{SKOS.prefLabel}> \"z .\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        write_all_or_nothing(load([good, bad], bundled=False), spec)
    assert any(p.file.endswith("bad.ttl") and p.line == 2 for p in err.value.problems)
    ds = open_dataset(spec, read_only=True)
    assert quad_set(ds) == EXPECTED
    ds.close()


def test_bulk_load_files(tmp_path):
    nt = tmp_path / "a.nt"
    nt.write_text(f'<{A}> <{SKOS.prefLabel}> "A"@da .\n<{B}> <{ORG.memberOf}> <{A}> .\n', encoding="utf-8")
    trig = tmp_path / "b.trig"
    trig.write_text(f"<{G2}> {{ <{B}> <{SKOS.prefLabel}> \"B\" . }}\n", encoding="utf-8")
    ds = open_dataset("oxigraph:")
    assert bulk_load_files(ds, [nt, trig], progress=False) == 3
    graphs = {g for _s, _p, _o, g in quads_of(ds)}
    assert graphs == {URIRef(nt.resolve().as_uri()), G2}
    assert ds.value(B, SKOS.prefLabel) == Literal("B")
    bad = tmp_path / "bad.ttl"
    bad.write_text(f'<{A}> <{SKOS.altLabel}> "ok" .\n\n<{A}> <{SKOS.altLabel}> "broken .\n', encoding="utf-8")
    with pytest.raises(InputError) as err:
        bulk_load_files(ds, [bad], progress=False)
    (problem,) = err.value.problems
    assert problem.file == str(bad) and problem.line == 3
    assert ds.value(A, SKOS.altLabel) is None  # the failed file left nothing behind
    with pytest.raises(ValueError):
        bulk_load_files(open_dataset("memory"), [nt])


def test_oxigraph_path_that_is_a_file(tmp_path):
    f = tmp_path / "kg"
    f.write_text("not a store", encoding="utf-8")
    with pytest.raises(InputError, match="not an Oxigraph store"):
        open_dataset(f"oxigraph:{f}")


# ----------------------------------------------------------------------------- two processes

_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from rdflib import Literal
    from graph.store import open_dataset, write_all_or_nothing
    from graph.vocab import ID, SKOS
    spec, tag, n, go = sys.argv[1], sys.argv[2], int(sys.argv[3]), Path(sys.argv[4])
    ds = open_dataset("memory")
    g = ds.graph(ID["graph/" + tag])
    for i in range(n):
        g.add((ID[f"{tag}-{i}"], SKOS.prefLabel, Literal(f"{tag} {i}", lang="da")))
    while not go.exists():
        time.sleep(0.01)
    print(write_all_or_nothing(ds, spec, progress=False))
    """
)

_HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from graph.store import open_dataset
    ds = open_dataset(sys.argv[1])
    Path(sys.argv[2]).write_text("open")
    time.sleep(float(sys.argv[3]))
    ds.close()
    """
)


def _python(code: str, *args: str) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [sys.executable, "-c", code, *args], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_two_concurrent_writers_both_land_whole(tmp_path):
    spec = f"oxigraph:{tmp_path / 'kg'}"
    go = tmp_path / "go"
    n = 3000
    procs = [_python(_WRITER, spec, tag, str(n), str(go)) for tag in ("w1", "w2")]
    go.write_text("go")
    outs = [p.communicate(timeout=120) for p in procs]
    for p, (out, errtext) in zip(procs, outs):
        assert p.returncode == 0, errtext
        assert out.strip() == str(n)
    ds = open_dataset(spec, read_only=True)
    for tag in ("w1", "w2"):
        rows = ds.query(
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", initBindings={"g": ID["graph/" + tag]}
        )
        assert [int(r.n) for r in rows] == [n]
    ds.close()


def test_writer_waits_for_lock_then_gives_up(tmp_path, monkeypatch):
    spec = f"oxigraph:{tmp_path / 'kg'}"
    write_all_or_nothing(small_dataset(), spec)
    ready = tmp_path / "ready"
    holder = _python(_HOLDER, spec, str(ready), "20")
    try:
        for _ in range(600):
            if ready.exists() or holder.poll() is not None:
                break
            import time

            time.sleep(0.05)
        assert ready.exists(), holder.stderr.read() if holder.poll() is not None else "holder did not start"
        with pytest.raises(StoreLocked) as err:
            write_all_or_nothing(small_dataset("other-"), spec, timeout=0.3)
        assert "in use by another process" in err.value.problems[0].message
        with pytest.raises(StoreLocked):
            store._open_persistent(str(tmp_path / "kg"), read_only=True, timeout=0.2)
    finally:
        holder.kill()
        holder.communicate()
    # the lock died with the process; the store is intact and writable
    write_all_or_nothing(small_dataset("other-"), spec)
    ds = open_dataset(spec)
    assert len(list(quads_of(ds))) == 8
    ds.close()


def test_big_write_copies_and_swaps(tmp_path, monkeypatch):
    """Above SWAP_THRESHOLD an Oxigraph write bulk-loads a copy and swaps it in."""
    monkeypatch.setattr(store, "SWAP_THRESHOLD", 0)
    path = tmp_path / "kg"
    spec = f"oxigraph:{path}"
    first = open_dataset("oxigraph:")
    for q in quads_of(small_dataset()):
        first.addN([(q[0], q[1], q[2], first.graph(q[3]))])
    assert write_all_or_nothing(first, spec) == 4
    second = open_dataset("oxigraph:")
    second.graph(G2).add((ID.c, ORG.memberOf, A))
    assert write_all_or_nothing(second, spec) == 1
    ds = open_dataset(spec, read_only=True)
    assert quad_set(ds) == EXPECTED | {(ID.c, ORG.memberOf, A, G2)}
    ds.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg", "kg.lock"]  # no copies left behind


def test_interrupted_swap_is_repaired(tmp_path):
    path = tmp_path / "kg"
    spec = f"oxigraph:{path}"
    write_all_or_nothing(small_dataset(), spec)
    path.rename(tmp_path / ".kg.ecokg-old-abc")  # as if killed between the two renames
    (tmp_path / ".kg.ecokg-new-abc").mkdir()
    ds = open_dataset(spec)
    assert quad_set(ds) == EXPECTED
    ds.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg", "kg.lock"]


def test_load_fast_screens_and_reports(tmp_path):
    good = tmp_path / "good.nt"
    x = ID["synth/x"]
    good.write_text(
        f'<{x}> <{SKOS.prefLabel}> "X"@da .\n<{x}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{ECO.Initiative}> .\n'
        f'<{x}> <{SCHEMA.startDate}> "2020-01-01"^^<{XSD.date}> .\n',
        encoding="utf-8",
    )
    ds = store.load_fast([good], store=f"oxigraph:{tmp_path / 'kg'}", progress=False)
    assert ds.value(x, SKOS.prefLabel) == Literal("X", lang="da")
    assert store.suspicious(ds) == []
    ds.close()
    bad = tmp_path / "bad.nt"
    bad.write_text(
        good.read_text(encoding="utf-8") + f'<{x}> <{SCHEMA.endDate}> "2019-01-01"^^<{XSD.date}> .\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as err:
        store.load_fast([bad], store=f"oxigraph:{tmp_path / 'kg2'}", progress=False)
    assert any("before" in p.message for p in err.value.problems), err.value.lines()
    assert store_is_empty(f"oxigraph:{tmp_path / 'kg2'}")
