"""The W3C RDF 1.1 Turtle and N-Triples test suites, run through graph.load.

Negative syntax tests must be rejected with an InputError naming the file and
a line; positive syntax and eval inputs must load; eval results must be
isomorphic to the expected N-Triples. Known failures, with the reason, are in
``tests/w3c_expectations.txt`` (the shared test files are never edited).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from graph.errors import InputError
from graph.load import load
from graph.rdfparse import parse_rdf_file

SUITES = Path(__file__).resolve().parents[2] / "shared" / "data" / "rdf-tests"  # ../shared beside the repo
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
RDFT = "http://www.w3.org/ns/rdftest#"
EXPECTATIONS = Path(__file__).with_name("w3c_expectations.txt")


def _known_failures() -> dict[str, str]:
    out = {}
    if EXPECTATIONS.is_file():
        for line in EXPECTATIONS.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                name, _, reason = line.partition(" ")
                out[name] = reason.strip()
    return out


def _cases():
    cases = []
    for suite in ("rdf-turtle", "rdf-n-triples"):
        folder = SUITES / suite
        manifest = folder / "manifest.ttl"
        if not manifest.is_file():
            continue
        g = Graph()
        g.parse(manifest, format="turtle")
        base = next(iter(g.objects(None, URIRef(MF + "assumedTestBase"))), None)
        for test in g.subjects(URIRef(MF + "action"), None):
            kind = str(g.value(test, URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"))).rsplit("#", 1)[-1]
            action = str(g.value(test, URIRef(MF + "action"))).rsplit("/", 1)[-1]
            result = g.value(test, URIRef(MF + "result"))
            result = str(result).rsplit("/", 1)[-1] if result is not None else None
            cases.append(
                pytest.param(
                    folder, kind, action, result, str(base) if base else None, id=f"{suite}/{action}"
                )
            )
    return cases


CASES = _cases()
KNOWN = _known_failures()


@pytest.mark.skipif(not CASES, reason="W3C suites not available")
@pytest.mark.parametrize("folder, kind, action, result, base", CASES)
def test_w3c(folder, kind, action, result, base):
    key = f"{folder.name}/{action}"
    if key in KNOWN:
        pytest.xfail(KNOWN[key])
    path = folder / action
    if "Negative" in kind:
        with pytest.raises(InputError) as info:
            load([path], bundled=False, strict=False)
        problems = info.value.problems
        assert problems, "no problem reported"
        assert problems[0].file == str(path)
        assert isinstance(problems[0].line, int) and problems[0].line >= 1
        assert str(problems[0]).startswith(f"{path}:{problems[0].line}: ")
        return
    ds = load([path], bundled=False, strict=False)
    assert ds.graph(URIRef(path.resolve().as_uri())) is not None
    if "Eval" in kind:
        base_iri = (base or "") + action
        got = Graph()
        for s, p, o, _g in parse_rdf_file(path, base_iri=base_iri):
            got.add((s, p, o))
        expected = Graph()
        expected.parse(folder / result, format="nt")
        assert isomorphic(_lower_langs(got), _lower_langs(expected)), f"{action} differs from {result}"


def _lower_langs(g: Graph) -> Graph:
    """Language tags are case-insensitive in RDF 1.1 (pyoxigraph lower-cases them)."""
    out = Graph()
    for s, p, o in g:
        if isinstance(o, Literal) and o.language:
            o = Literal(str(o), lang=o.language.lower())
        out.add((s, p, o))
    return out


def test_suite_counts():
    """The manifests hold the numbers of tests the README states."""
    if not CASES:
        pytest.skip("W3C suites not available")
    kinds = {}
    for case in CASES:
        folder, kind = case.values[0], case.values[1]
        kinds[(folder.name, kind)] = kinds.get((folder.name, kind), 0) + 1
    assert kinds[("rdf-turtle", "TestTurtleNegativeSyntax")] == 94
    assert kinds[("rdf-turtle", "TestTurtleEval")] == 145
    assert kinds[("rdf-n-triples", "TestNTriplesNegativeSyntax")] == 29
