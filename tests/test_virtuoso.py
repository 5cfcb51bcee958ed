"""graph.store against a real SPARQL server: Debian's Virtuoso, started on loopback.

The session fixture runs ``scripts/virtuoso.sh start`` (installing
``virtuoso-opensource`` with apt-get if it is missing) and ``stop`` after the
tests. The tests are skipped, with the reason, only when the server cannot be
installed or started.
"""

from __future__ import annotations

import subprocess
import uuid
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef

from graph import store
from graph.errors import InputError
from graph.store import SPARQL_DEFAULT_GRAPH, open_dataset, quads_of, store_is_empty, write_all_or_nothing
from graph.vocab import ID, ORG, SCHEMA, SKOS, XSD

pytestmark = pytest.mark.server

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "virtuoso.sh"


@pytest.fixture(scope="session")
def endpoint(tmp_path_factory):
    work = tmp_path_factory.mktemp("virtuoso")
    proc = subprocess.run(["bash", str(SCRIPT), "start", str(work)], capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        reason = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        subprocess.run(["bash", str(SCRIPT), "stop", str(work)], capture_output=True, timeout=60)
        pytest.skip(f"Virtuoso could not be installed or started: {reason}")
    url = proc.stdout.strip().splitlines()[-1]
    assert url.startswith("http://127.0.0.1:"), url  # loopback only
    yield url
    subprocess.run(["bash", str(SCRIPT), "stop", str(work)], capture_output=True, timeout=120)


@pytest.fixture()
def ns():
    """A fresh IRI namespace per test, so tests on the shared server do not see each other."""
    return f"https://w3id.org/ecokg/id/test-{uuid.uuid4().hex[:8]}/"


def _dataset(ns: str, n: int = 1):
    ds = open_dataset("memory")
    for i in range(n):
        a, b = URIRef(f"{ns}a{i}"), URIRef(f"{ns}b{i}")
        g = ds.graph(URIRef(f"{ns}graph/{i % 3}"))
        g.add((a, SKOS.prefLabel, Literal(f"Klynge {i} Æø", lang="da")))
        grant = BNode()
        g.add((a, SCHEMA.funder, grant))
        g.add((grant, SCHEMA.amount, Literal(f"{i}.5", datatype=XSD.decimal)))
        ds.add((b, ORG.memberOf, a))
    return ds


def _count(ds, ns: str) -> int:
    rows = ds.query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?s), ?ns) || isBlank(?s)"
        " && EXISTS { GRAPH ?h { ?x ?q ?s } FILTER(STRSTARTS(STR(?x), ?ns)) }) }",
        initBindings={"ns": Literal(ns)},
    )
    return int(next(iter(rows)).n)


def test_server_is_empty_at_first_then_holds_a_load(endpoint, ns):
    spec = f"sparql:{endpoint}"
    ds = open_dataset(spec)
    assert _count(ds, ns) == 0
    assert write_all_or_nothing(_dataset(ns), spec) == 4
    assert not store_is_empty(spec)
    assert _count(ds, ns) == 4
    a0 = URIRef(f"{ns}a0")
    assert ds.value(a0, SKOS.prefLabel) == Literal("Klynge 0 Æø", lang="da")
    (amount,) = [r.v for r in ds.query(
        "SELECT ?v WHERE { ?a <%s> ?g . ?g <%s> ?v }" % (SCHEMA.funder, SCHEMA.amount), initBindings={"a": a0}
    )]
    assert amount == Literal("0.5", datatype=XSD.decimal)
    # the default graph's quads live in SPARQL_DEFAULT_GRAPH on the server
    graphs = {r.g for r in ds.query(
        "SELECT ?g WHERE { GRAPH ?g { ?b <%s> ?a } }" % ORG.memberOf, initBindings={"a": a0}
    )}
    assert graphs == {SPARQL_DEFAULT_GRAPH}


def test_bound_variable_not_projected(endpoint, ns):
    spec = f"sparql:{endpoint}"
    write_all_or_nothing(_dataset(ns, 2), spec)
    ds = open_dataset(spec)
    rows = ds.query("SELECT ?b WHERE { ?b <%s> ?a }" % ORG.memberOf, initBindings={"a": URIRef(f"{ns}a1")})
    assert [r.b for r in rows] == [URIRef(f"{ns}b1")]


def test_staged_load_keeps_blank_nodes_and_graphs(endpoint, ns):
    spec = f"sparql:{endpoint}"
    n = 400  # 1600 quads, batches of 100: many requests, then one INSERT ... WHERE
    sent = write_all_or_nothing(_dataset(ns, n), spec, batch_size=100, progress=False)
    assert sent == 4 * n
    ds = open_dataset(spec)
    assert _count(ds, ns) == 4 * n
    rows = ds.query(
        "SELECT (COUNT(DISTINCT ?grant) AS ?n) WHERE { GRAPH ?g { ?a <%s> ?grant . ?grant <%s> ?v } "
        "FILTER(STRSTARTS(STR(?a), ?ns)) }" % (SCHEMA.funder, SCHEMA.amount),
        initBindings={"ns": Literal(ns)},
    )
    assert int(next(iter(rows)).n) == n  # every grant node still carries its own amount, in its graph
    leftovers = ds.query("ASK { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'urn:ecokg:staging:')) }")
    assert not leftovers.askAnswer


def test_failed_staged_load_changes_nothing(endpoint, ns, monkeypatch):
    spec = f"sparql:{endpoint}"
    calls = {"n": 0}
    real = store._sparql_update

    def flaky(s, update):
        calls["n"] += 1
        if calls["n"] == 3:
            raise InputError("server went away")
        return real(s, update)

    monkeypatch.setattr(store, "_sparql_update", flaky)
    with pytest.raises(InputError, match="server went away"):
        write_all_or_nothing(_dataset(ns, 100), spec, batch_size=50, progress=False)
    monkeypatch.undo()
    ds = open_dataset(spec)
    assert _count(ds, ns) == 0
    assert not ds.query("ASK { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), 'urn:ecokg:staging:')) }").askAnswer


def test_unreachable_server_is_a_clean_error():
    with pytest.raises(InputError, match="cannot reach SPARQL server"):
        write_all_or_nothing(_dataset("https://w3id.org/ecokg/id/x/"), "sparql:http://127.0.0.1:9/sparql")


def test_read_back_matches_memory(endpoint, ns):
    spec = f"sparql:{endpoint}"
    mem = _dataset(ns, 3)
    write_all_or_nothing(mem, spec)
    ds = open_dataset(spec)
    got = {
        (s, p, o)
        for s, p, o, _g in quads_of(ds)
        if not isinstance(s, BNode) and str(s).startswith(ns) and not isinstance(o, BNode)
    }
    want = {(s, p, o) for s, p, o, _g in quads_of(mem) if not isinstance(s, BNode) and not isinstance(o, BNode)}
    assert got == want
