"""graph.fastshacl: SHACL shapes compiled to SPARQL in Oxigraph give exactly pyshacl's results.

Every comparison runs BOTH validators on the same data: pyshacl on an rdflib
graph, the fast validator on an Oxigraph store holding the same triples.
Results are compared on (focus, path, constraint component, severity) and
also on value and message.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import ORG, RDF, SH, SKOS, XSD

from graph.fastshacl import (
    CompiledShapes,
    ShaclResult,
    Unsupported,
    compile_shapes,
    ill_typed_quads,
    pyshacl_results,
    result_key,
    validate_fast,
)
from graph.load import load
from graph.validate import FastShaclFallback, shapes_path, validate
from graph.vocab import DCTERMS, ECO, OA, SCHEMA, VCARD

ROOT = Path(__file__).resolve().parents[1]


def _ontology_tests():
    """tests/test_ontology.py, whose hand-written violation cases are reused here."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_ontology_cases", Path(__file__).parent / "test_ontology.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


_T = _ontology_tests()
CONFORMING, ONTOLOGY, PREFIXES, VIOLATIONS = _T.CONFORMING, _T.ONTOLOGY, _T.PREFIXES, _T.VIOLATIONS
EX = Namespace("http://example.org/")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(shapes_path(), format="turtle")


@pytest.fixture(scope="module")
def compiled(shapes) -> CompiledShapes:
    return compile_shapes(shapes)


def _ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, BNode):  # the same id: results name the same blank nodes as pyshacl's
        return ox.BlankNode(term)
    if term.language:
        return ox.Literal(term, language=term.language)
    return ox.Literal(term, datatype=ox.NamedNode(term.datatype or XSD.string))


def _store(g: Graph) -> ox.Store:
    st = ox.Store()
    st.bulk_extend(ox.Quad(_ox(s), _ox(p), _ox(o)) for s, p, o in g)
    return st


def _canon(term):
    """A term as Oxigraph stores it (numbers and language tags canonical)."""
    if not isinstance(term, Literal):
        return term
    st = ox.Store()
    lit = (
        ox.Literal(term, language=term.language)
        if term.language
        else ox.Literal(term, datatype=ox.NamedNode(term.datatype or XSD.string))
    )
    st.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), lit))
    return str(next(iter(st)).object)


def _full(results: list[ShaclResult]) -> set[tuple]:
    return {result_key(r) + (_canon(r.value) if not isinstance(r.value, BNode) else "[]", r.message) for r in results}


def _both(data: Graph, shapes, compiled=None) -> tuple[set, set]:
    """(pyshacl's results, the fast validator's results) on ``data``, compared in full."""
    fast = validate_fast(_store(data), compiled if compiled is not None else shapes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = pyshacl_results(data, shapes)
    return _full(ref), _full(fast)


def _case_graph(onto: Graph, body: str) -> Graph:
    data = Graph()
    for t in onto:
        data.add(t)
    data.parse(data=PREFIXES + body, format="turtle")
    return data


# ----------------------------------------------------------------------------- the project's shapes


@pytest.mark.parametrize("case,body,message,focus", VIOLATIONS, ids=[v[0] for v in VIOLATIONS])
def test_every_hand_written_violation_agrees_with_pyshacl(onto, shapes, compiled, case, body, message, focus):
    ref, fast = _both(_case_graph(onto, body), shapes, compiled)
    assert fast == ref
    assert any(message in m and f == URIRef(f"https://w3id.org/ecokg/id/{focus}") for f, _p, _c, _s, _v, m in fast)


@pytest.mark.parametrize("body", [CONFORMING, ""], ids=["conforming", "ontology-alone"])
def test_conforming_graphs_have_no_result_in_either(onto, shapes, compiled, body):
    assert _both(_case_graph(onto, body), shapes, compiled) == (set(), set())


def test_results_name_path_component_value_and_severity(onto, compiled):
    data = _case_graph(onto, 'ex:g a schema:MonetaryGrant ; schema:funder ex:f ; schema:amount -5.0 ; '
                             'schema:currency "EUR" . ex:f a eco:Investor ; skos:prefLabel "F" .')
    got = {(r.component, r.path, r.value, r.severity) for r in validate_fast(_store(data), compiled)}
    # -5.0 is a decimal (sh:or holds) but negative; Oxigraph spells it canonically
    assert got == {
        (SH.MinInclusiveConstraintComponent, f"<{SCHEMA.amount}>", Literal("-5", datatype=XSD.decimal), SH.Violation),
        (SH.InConstraintComponent, f"<{SCHEMA.currency}>", Literal("EUR"), SH.Violation),
    }


def _combined_cases(tmp_path: Path) -> Path:
    """All hand-written violations in one file, each case in its own namespace."""
    parts = [PREFIXES]
    for i, (_case, body, _msg, _focus) in enumerate(VIOLATIONS):
        parts.append(f"@prefix ex: <https://w3id.org/ecokg/id/case{i}/> .\n{body}\n")
    f = tmp_path / "cases.ttl"
    f.write_text("\n".join(parts), encoding="utf-8")
    return f


@pytest.mark.parametrize("store", ["memory", "oxigraph:"])
def test_validate_gives_the_same_problems_with_either_engine_on_bundled_data_plus_all_cases(tmp_path, store):
    f = _combined_cases(tmp_path)
    ds = load([f], bundled=True, strict=False, store=store)
    fast = validate(ds, engine="fast")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ref = validate(ds, engine="pyshacl")
    assert fast == ref
    assert not fast.conforms
    mine = [p for p in fast.problems if p.file == str(f)]
    for i, (case, _body, message, focus) in enumerate(VIOLATIONS):
        iri = f"https://w3id.org/ecokg/id/case{i}/{focus}"
        if case == "date-invalid":  # the shapes never see an ill-typed literal: the strict checks report it
            message = "'2020-13-45' is not a valid date"
        assert any(message in p.message and p.focus == iri and p.line for p in mine), case
    if store == "memory":  # values are spelled as in the file, not in Oxigraph's canonical form
        assert any('value "-5.0"^^<http://www.w3.org/2001/XMLSchema#decimal>' in p.message for p in mine)


def test_bundled_data_agrees_and_conforms():
    ds = load(strict=False)
    fast = validate(ds, engine="fast")
    assert fast == validate(ds, engine="pyshacl")
    assert fast.conforms


def _inject_violations(g: Graph) -> None:
    """Break a generated graph in known ways (19 focus node/constraint pairs)."""
    def first(pred, obj=None, n=2):
        return sorted(set(g.subjects(pred, obj)), key=str)[:n]

    companies = first(RDF.type, ECO.Company, 5)
    for c in companies[:3]:  # missing label
        g.remove((c, SKOS.prefLabel, None))
    for c in companies[3:]:  # two labels in one language
        g.add((c, SKOS.prefLabel, Literal("Andet navn", lang="da")))
        g.add((c, SKOS.prefLabel, Literal("Tredje navn", lang="da")))
    for grant in first(SCHEMA.amount):  # negative amounts, one ill-typed
        g.remove((grant, SCHEMA.amount, None))
        g.add((grant, SCHEMA.amount, Literal("-5.0", datatype=XSD.decimal)))
    g.add((first(SCHEMA.amount)[0], SCHEMA.currency, Literal("EUR")))
    for s in first(SCHEMA.endDate):  # end before start
        g.remove((s, SCHEMA.endDate, None))
        g.add((s, SCHEMA.endDate, Literal("1900-01-01", datatype=XSD.date)))
    for s in first(ORG.memberOf):  # member of a focus area / of nothing typed
        g.add((s, ORG.memberOf, first(RDF.type, ECO.FocusArea, 1)[0]))
        g.add((s, ORG.memberOf, EX.nowhere))
    g.add((EX.widget, RDF.type, ECO.Widget))  # unknown eco: class
    for ev in first(RDF.type, ECO.Evidence):  # evidence without quote
        for sel in list(g.objects(ev, OA.hasSelector)):
            g.remove((sel, OA.exact, None))
    for doc in first(RDF.type, URIRef("http://xmlns.com/foaf/0.1/Document"), 1):
        g.remove((doc, DCTERMS.title, None))
    person = first(RDF.type, URIRef("http://xmlns.com/foaf/0.1/Person"), 1)[0]
    g.add((person, VCARD.hasEmail, Literal("navn@example.dk")))
    membership = first(RDF.type, ORG.Membership, 1)[0]
    g.add((membership, ORG.member, companies[0]))


def test_generated_100k_graph_with_injected_violations_agrees(onto, shapes, compiled):
    from bench.generate import ensure

    path, _n = ensure("100k")
    data = Graph()
    for t in onto:
        data.add(t)
    for ref_file in sorted((ROOT / "data" / "reference").glob("*.ttl")):
        data.parse(ref_file, format="turtle")
    data.parse(path, format="nt")
    clean_fast = validate_fast(_store(data), compiled)
    assert clean_fast == []  # the generator writes conforming data
    _inject_violations(data)
    ref, fast = _both(data, shapes, compiled)
    assert fast == ref
    components = {c for _f, _p, c, _s, _v, _m in fast}
    assert components >= {
        SH.MinCountConstraintComponent, SH.UniqueLangConstraintComponent, SH.OrConstraintComponent,
        SH.MinInclusiveConstraintComponent, SH.InConstraintComponent, SH.LessThanOrEqualsConstraintComponent,
        SH.ClassConstraintComponent, SH.NodeKindConstraintComponent,
    }
    # 3 labels missing + 2 twice in one language + 2 negative amounts + 1 currency + 2 end dates
    # + 2 members of non-organisations + 1 unknown class + 2 quotes missing + 1 title missing
    # + 2 (node kind, pattern) of one e-mail + 1 membership with two members
    assert len({(f, c) for f, _p, c, _s, _v, _m in fast}) == 19


# ----------------------------------------------------------------------------- every supported construct

CONSTRUCT_SHAPES = """
@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

ex:ThingShape a sh:NodeShape ;
    sh:targetClass ex:Thing ;
    sh:property [ sh:path ex:part ; sh:minCount 2 ; sh:maxCount 3 ; sh:message "two or three parts" ] ,
        [ sh:path [ sh:inversePath ex:owns ] ; sh:class ex:Owner ; sh:minCount 1 ; sh:message "owned by an owner" ] ,
        [ sh:path ( ex:part ex:size ) ; sh:datatype xsd:integer ; sh:maxInclusive 10 ; sh:minExclusive 0 ;
          sh:message "part sizes 1..10" ] ,
        [ sh:path [ sh:alternativePath ( ex:name ex:title ) ] ; sh:minLength 2 ; sh:maxLength 5 ;
          sh:nodeKind sh:Literal ; sh:message "names of 2-5 letters" ] ,
        [ sh:path [ sh:oneOrMorePath ex:next ] ; sh:node ex:Small ; sh:message "every successor is small" ] ,
        [ sh:path [ sh:zeroOrMorePath ex:next ] ; sh:not [ sh:in ( ex:forbidden ) ] ; sh:message "never forbidden" ] ,
        [ sh:path [ sh:zeroOrOnePath ex:alias ] ; sh:xone ( [ sh:nodeKind sh:IRI ] [ sh:class ex:Thing ] ) ;
          sh:severity sh:Warning ; sh:message "exactly one of IRI or Thing" ] ,
        [ sh:path ex:from ; sh:lessThan ex:to ; sh:maxExclusive 100 ; sh:minInclusive 0 ; sh:message "from < to" ] ,
        [ sh:path ex:code ; sh:pattern "^a" ; sh:flags "i" ; sh:and ( [ sh:datatype xsd:string ] [ sh:minLength 1 ] ) ;
          sh:message "code starts with a" ] ,
        [ sh:path ex:label ; sh:uniqueLang true ; sh:datatype sh:dummy ; sh:deactivated true ; sh:message "off" ] .

ex:Small a sh:NodeShape ; sh:or ( [ sh:hasValueX 1 ] ) ; sh:deactivated true .

ex:NodeLevel a sh:NodeShape ;
    sh:targetNode ex:n1 , ex:n2 , "lit" ;
    sh:targetObjectsOf ex:points ;
    sh:nodeKind sh:IRI ; sh:class ex:Thing ;
    sh:severity sh:Info ;
    sh:message "an IRI that is a Thing" .
"""

CONSTRUCT_DATA = """
@prefix ex: <http://example.org/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:SubThing rdfs:subClassOf ex:Thing . ex:SubSub rdfs:subClassOf ex:SubThing .
ex:BigOwner rdfs:subClassOf ex:Owner .
ex:o1 a ex:BigOwner ; ex:owns ex:t1 , ex:t2 . ex:o2 ex:owns ex:t3 .
ex:t1 a ex:Thing ; ex:part ex:p1 , ex:p2 ; ex:name "ab" ; ex:title "abcdef" ; ex:alias ex:t2 ;
    ex:from 1 ; ex:to 5 ; ex:code "Abc" ; ex:next ex:t2 .
ex:t2 a ex:SubSub ; ex:part ex:p1 ; ex:name "x"@da ; ex:from 7 ; ex:to 5 ; ex:from 200 ; ex:code "b" ;
    ex:next ex:forbidden .
ex:t3 a ex:SubThing ; ex:part ex:p1 , ex:p2 , ex:p3 , ex:p4 ; ex:alias "text" ; ex:code 5 ; ex:label "a"@en , "b"@en .
ex:p1 ex:size 3 . ex:p2 ex:size 0 . ex:p3 ex:size "7" . ex:p4 ex:size 11 .
ex:n1 a ex:SubSub . ex:x ex:points ex:n3 , "y" .
"""


def test_every_supported_construct_agrees_with_pyshacl():
    # ex:Small is deactivated, so sh:node ex:Small always conforms
    shapes = Graph().parse(data=CONSTRUCT_SHAPES.replace("sh:hasValueX 1", "sh:minLength 1"), format="turtle")
    data = Graph().parse(data=CONSTRUCT_DATA, format="turtle")
    ref, fast = _both(data, shapes)
    assert fast == ref
    got = {(str(f).rsplit("/", 1)[-1], str(c).rsplit("#", 1)[-1], str(s).rsplit("#", 1)[-1]) for f, _p, c, s, _v, _m in fast}
    assert got == {
        ("n1", "MinCountConstraintComponent", "Violation"),  # a Thing by subclass closure: no part, no owner
        ("n1", "XoneConstraintComponent", "Warning"),  # zero-length path: n1 itself is an IRI and a Thing
        ("t2", "MinCountConstraintComponent", "Violation"),  # one part
        ("t3", "MaxCountConstraintComponent", "Violation"),  # four parts
        ("t3", "ClassConstraintComponent", "Violation"),  # owned by ex:o2, not an Owner
        ("t1", "MinExclusiveConstraintComponent", "Violation"),  # p2 size 0
        ("t3", "MinExclusiveConstraintComponent", "Violation"),  # p2 size 0
        ("t3", "DatatypeConstraintComponent", "Violation"),  # p3 size "7"
        ("t3", "MaxInclusiveConstraintComponent", "Violation"),  # p4 size 11 (and "7" is not a number)
        ("t1", "MaxLengthConstraintComponent", "Violation"),  # title abcdef
        ("t2", "MinLengthConstraintComponent", "Violation"),  # name x
        ("t2", "NotConstraintComponent", "Violation"),  # next ex:forbidden
        ("t1", "NotConstraintComponent", "Violation"),  # next+ reaches ex:forbidden through t2
        ("t1", "XoneConstraintComponent", "Warning"),  # alias t2 is an IRI and a Thing
        ("t2", "XoneConstraintComponent", "Warning"),  # zero-length path: t2 itself, IRI and Thing
        ("t3", "XoneConstraintComponent", "Warning"),  # alias "text": neither; t3 itself: both
        ("t2", "LessThanConstraintComponent", "Violation"),  # from 7 !< to 5, 200 !< 5
        ("t2", "MaxExclusiveConstraintComponent", "Violation"),  # from 200
        ("t2", "PatternConstraintComponent", "Violation"),  # code b
        ("t3", "PatternConstraintComponent", "Violation"),  # code 5
        ("t3", "AndConstraintComponent", "Violation"),  # code 5 is no string
        ("n2", "ClassConstraintComponent", "Info"),  # not described
        ("n3", "ClassConstraintComponent", "Info"),
        ("lit", "NodeKindConstraintComponent", "Info"),
        ("lit", "ClassConstraintComponent", "Info"),
        ("y", "NodeKindConstraintComponent", "Info"),
        ("y", "ClassConstraintComponent", "Info"),
    }


# ----------------------------------------------------------------------------- unsupported -> loud


def _shape(body: str) -> Graph:
    return Graph().parse(
        data="@prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> . "
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n" + body,
        format="turtle",
    )


UNSUPPORTED = {
    "sparql-constraint": 'ex:S sh:targetClass ex:C ; sh:sparql [ sh:select "SELECT $this WHERE {}" ] ; sh:message "m" .',
    "closed": 'ex:S sh:targetClass ex:C ; sh:closed true ; sh:message "m" .',
    "no-message": "ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .",
    "two-messages": 'ex:S sh:targetClass ex:C ; sh:class ex:D ; sh:message "a" , "b" .',
    "property-in-or": 'ex:S sh:targetClass ex:C ; sh:or ( [ sh:path ex:p ; sh:minCount 1 ] ) ; sh:message "m" .',
    "lookahead-regex": 'ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:pattern "a(?=b)" ; sh:message "m" ] .',
    "unchecked-datatype": 'ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:datatype xsd:int ; sh:message "m" ] .',
    "equals": 'ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:equals ex:q ; sh:message "m" ] .',
    "qualified": 'ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:qualifiedValueShape [ sh:class ex:D ] ; '
    'sh:qualifiedMinCount 1 ; sh:message "m" ] .',
    "has-value": 'ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:hasValue ex:v ; sh:message "m" ] .',
    "implicit-class-target": 'ex:C a sh:NodeShape , <http://www.w3.org/2000/01/rdf-schema#Class> ; sh:targetNode ex:x ; '
    'sh:class ex:D ; sh:message "m" .',
    "rule": 'ex:S sh:targetClass ex:C ; sh:rule [ a sh:TripleRule ] ; sh:message "m" .',
    "untyped-sparql-target-shape": 'ex:S sh:target [ sh:select "SELECT ?this WHERE {}" ] ; sh:class ex:D ; sh:message "m" .',
    "custom-target": 'ex:S sh:target [ a ex:MyTarget ] ; sh:class ex:D ; sh:message "m" .',
    "weird-path": 'ex:S sh:targetClass ex:C ; sh:property [ sh:path [ ex:odd ex:p ] ; sh:minCount 1 ; sh:message "m" ] .',
}


@pytest.mark.parametrize("body", UNSUPPORTED.values(), ids=UNSUPPORTED.keys())
def test_unsupported_constructs_raise(body):
    with pytest.raises(Unsupported):
        compile_shapes(_shape(body))


def test_validate_falls_back_to_pyshacl_loudly(tmp_path):
    f = tmp_path / "c.ttl"
    f.write_text("<http://example.org/c> a <http://example.org/C> .\n", encoding="utf-8")
    ds = load([f], bundled=False)
    shapes = _shape("ex:S sh:targetClass ex:C ; sh:property [ sh:path ex:p ; sh:minCount 1 ] .")
    with pytest.warns(FastShaclFallback, match="no sh:message"):
        report = validate(ds, shapes=shapes)
    assert [(p.file, p.line) for p in report.problems] == [(str(f), 1)]
    assert report.problems[0].message.startswith("Less than 1 value")  # pyshacl's generic message
    with pytest.raises(Unsupported):
        validate(ds, shapes=shapes, engine="fast")
    with pytest.raises(ValueError, match="engine"):
        validate(ds, shapes=shapes, engine="rdflib")


def test_a_sparql_target_oxigraph_cannot_run_is_unsupported():
    shapes = _shape('ex:S a sh:NodeShape ; sh:target [ a sh:SPARQLTarget ; '
                    'sh:select "SELECT ?this WHERE { ?this ?p ?o FILTER(<http://example.org/fn>(?o)) }" ] ; '
                    'sh:class ex:C ; sh:message "m" .')
    st = ox.Store()
    st.add(ox.Quad(ox.NamedNode("http://example.org/a"), ox.NamedNode("http://example.org/p"), ox.Literal("x")))
    with pytest.raises(Unsupported, match="cannot run"):
        validate_fast(st, shapes)


def test_sparql_target_prefixes_are_hoisted_and_declared():
    shapes = _shape("""
        ex:decl sh:declare [ sh:prefix "e" ; sh:namespace "http://example.org/"^^xsd:anyURI ] .
        ex:S a sh:NodeShape ; sh:target [ a sh:SPARQLTarget ; sh:prefixes ex:decl ;
                         sh:select "PREFIX f: <http://example.org/f#>\\nSELECT ?this WHERE { ?this e:p f:x }" ] ;
             sh:class ex:C ; sh:message "not a C" .""")
    data = Graph().parse(data="<http://example.org/a> <http://example.org/p> <http://example.org/f#x> .", format="turtle")
    ref, fast = _both(data, shapes)
    assert fast == ref == {(EX.a, None, SH.ClassConstraintComponent, SH.Violation, EX.a, "not a C")}


def test_ill_typed_literals_are_found_for_removal():
    st = ox.Store()
    st.load(
        b'<http://ex/a> <http://ex/p> "2020-13-45"^^<http://www.w3.org/2001/XMLSchema#date> , '
        b'"x"^^<http://www.w3.org/2001/XMLSchema#int> , "5"^^<http://www.w3.org/2001/XMLSchema#int> , '
        b'"2020"^^<http://www.w3.org/2001/XMLSchema#gYear> , "ok" .',
        format=ox.RdfFormat.TURTLE,
        to_graph=ox.NamedNode("http://ex/g"),
    )
    bad = ill_typed_quads(st)
    assert sorted(q.object.value for q in bad) == ["2020-13-45", "x"]
    assert {q.graph_name for q in bad} == {ox.NamedNode("http://ex/g")}


def test_documented_divergence_numbers_are_compared_in_canonical_form():
    """Oxigraph keeps 1.00 as 1: sh:in (1.0) accepts it; pyshacl compares terms and does not."""
    shapes = _shape("ex:S a sh:NodeShape ; sh:targetSubjectsOf ex:p ; "
                    'sh:property [ sh:path ex:p ; sh:in ( 1.0 ) ; sh:message "in" ] .')
    data = Graph().parse(data="<http://example.org/a> <http://example.org/p> 1.00 .", format="turtle")
    ref, fast = _both(data, shapes)
    assert fast == set()
    assert {c for _f, _p, c, _s, _v, _m in ref} == {SH.InConstraintComponent}
