"""graph.load for RDF files and folders: formats, named graphs, .gz, problems with file:line."""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from graph import vocab
from graph.errors import InputError
from graph.load import load, sources_of
from graph.vocab import ECO, RDF, SCHEMA, XSD

FIX = Path(__file__).parent / "fixtures" / "rdf"
EX = "http://example.org/"


@pytest.fixture(autouse=True, params=["rdflib", "fast"])
def path(request, monkeypatch):
    """Every test here runs on both loader paths: the rdflib memory store and,
    with the size threshold at 0, the Oxigraph fast path (graph.store.load_fast)."""
    import graph.load

    if request.param == "fast":
        monkeypatch.setattr(graph.load, "FAST_LOAD_BYTES", 0)
    return request.param


def _graph_names(ds):
    return {str(g.identifier) for g in ds.graphs() if len(g)}


def _problems(excinfo):
    return [(p.file, p.line) for p in excinfo.value.problems]


def test_default_graph_goes_to_file_graph_and_named_graphs_are_kept():
    ds = load([FIX / "named.trig"], bundled=False)
    file_uri = (FIX / "named.trig").resolve().as_uri()
    names = _graph_names(ds)
    assert {file_uri, EX + "g1", EX + "g2"} <= names
    assert (URIRef(EX + "a"), URIRef(EX + "p"), Literal("in the default graph")) in ds.graph(URIRef(file_uri))
    assert (URIRef(EX + "a"), URIRef(EX + "p"), Literal("in g1")) in ds.graph(URIRef(EX + "g1"))
    assert (URIRef(EX + "b"), URIRef(EX + "p"), Literal("in g2")) in ds.graph(URIRef(EX + "g2"))
    # union default graph
    assert ds.default_union
    assert (URIRef(EX + "b"), URIRef(EX + "p"), Literal("in g2")) in ds


def test_nquads_keep_graphs():
    ds = load([FIX / "named.nq"], bundled=False)
    assert (URIRef(EX + "a"), URIRef(EX + "p"), Literal("quad in g3")) in ds.graph(URIRef(EX + "g3"))
    file_graph = ds.graph(URIRef((FIX / "named.nq").resolve().as_uri()))
    assert (URIRef(EX + "a"), URIRef(EX + "p"), Literal("triple in default")) in file_graph


@pytest.mark.parametrize(
    "name, text",
    [("small.jsonld", "from JSON-LD"), ("small.rdf", "from RDF/XML")],
)
def test_other_syntaxes(name, text):
    ds = load([FIX / name], bundled=False)
    assert Literal(text) in set(ds.objects(None, URIRef(EX + "p")))


def test_ontology_and_reference_always_merged():
    ds = load([FIX / "named.nq"], bundled=False)
    onto = ds.graph(vocab.ONTOLOGY_GRAPH)
    if any((Path(vocab.__file__).parent.parent / "ontology").glob("*.ttl")):
        assert len(onto) > 0
        assert (ECO.Cluster, RDF.type, URIRef("http://www.w3.org/2002/07/owl#Class")) in onto
    # the curated data is not loaded when sources are given
    assert not any("/ev/" in n for n in _graph_names(ds))


def test_bundled_data_loads():
    ds = load()
    assert len(ds) > len(ds.graph(vocab.ONTOLOGY_GRAPH))
    assert sources_of(ds)  # every named graph knows its file


def test_folder_recursion_ignores_other_files(tmp_path):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    shutil.copy(FIX / "named.nq", sub / "x.nq")
    shutil.copy(FIX / "small.jsonld", tmp_path / "y.jsonld")
    (tmp_path / "notes.txt").write_text("not RDF", encoding="utf-8")
    (tmp_path / "a" / "picture.png").write_bytes(b"\x89PNG")
    ds = load([tmp_path], bundled=False)
    assert Literal("quad in g3") in set(ds.objects(None, None))
    assert Literal("from JSON-LD") in set(ds.objects(None, None))


def test_named_file_with_unknown_extension_is_an_error(tmp_path):
    f = tmp_path / "notes.txt"
    f.write_text("hello", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load([f], bundled=False)
    assert _problems(info) == [(str(f), None)]
    assert "unknown file type" in info.value.problems[0].message


def test_missing_file(tmp_path):
    f = tmp_path / "nope.ttl"
    with pytest.raises(InputError) as info:
        load([f], bundled=False)
    assert _problems(info) == [(str(f), None)]


def test_gz_and_line_numbers_in_gz(tmp_path):
    good = tmp_path / "good.ttl.gz"
    good.write_bytes(gzip.compress((FIX / "cluster.ttl").read_bytes()))
    ds = load([good], bundled=False)
    assert (vocab.ID["test-cluster"], RDF.type, ECO.Cluster) in ds
    bad = tmp_path / "bad.nt.gz"
    bad.write_bytes(gzip.compress(b'<http://a> <http://b> "ok" .\n\n<http://a> <http://b> "broken .\n'))
    with pytest.raises(InputError) as info:
        load([bad], bundled=False)
    assert _problems(info) == [(str(bad), 3)]
    corrupt = tmp_path / "corrupt.ttl.gz"
    corrupt.write_bytes(b"not gzip at all")
    with pytest.raises(InputError) as info:
        load([corrupt], bundled=False)
    assert _problems(info) == [(str(corrupt), None)]


def test_all_syntax_errors_are_collected(tmp_path):
    a = tmp_path / "a.ttl"
    a.write_text("@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\nex:a ex:p .\n", encoding="utf-8")
    b = tmp_path / "b.nt"
    b.write_text('<http://a> <http://b> "x" .\n<http://a> <http://b> <not an iri> .\n', encoding="utf-8")
    c = tmp_path / "c.ttl"
    c.write_text("unknown:a unknown:b unknown:c .\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load([a, b, tmp_path / "missing.ttl", c], bundled=False)
    assert sorted(_problems(info), key=str) == sorted(
        [(str(a), 3), (str(b), 2), (str(tmp_path / "missing.ttl"), None), (str(c), 1)], key=str
    )
    # one line per problem, file:line: message
    assert info.value.lines()[0].startswith(f"{tmp_path / 'missing.ttl'}: ")


def test_not_utf8_gives_line(tmp_path):
    f = tmp_path / "latin1.ttl"
    f.write_bytes(b'<http://a> <http://b> "ok" .\n<http://a> <http://b> "bl\xe5" .\n')
    with pytest.raises(InputError) as info:
        load([f], bundled=False)
    assert _problems(info) == [(str(f), 2)]


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    f = tmp_path / "secret.ttl"
    f.write_text("<http://a> <http://b> <http://c> .", encoding="utf-8")
    f.chmod(0)
    with pytest.raises(InputError) as info:
        load([f], bundled=False)
    assert _problems(info) == [(str(f), None)]


def _ttl(tmp_path, body: str) -> Path:
    f = tmp_path / "data.ttl"
    f.write_text(
        "@prefix eco: <https://w3id.org/ecokg/def#> .\n"
        "@prefix schema: <https://schema.org/> .\n"
        "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "@prefix ex: <http://example.org/> .\n" + body,
        encoding="utf-8",
    )
    return f


@pytest.mark.parametrize(
    "body, line, words",
    [
        ('\nex:p schema:startDate "2020-05-01" .\n', 6, "schema:startDate must be xsd:date"),
        ('ex:p schema:startDate "2020-02-30"^^xsd:date .\n', 5, "not a valid date"),
        (
            'ex:ok schema:startDate "2019-01-01"^^xsd:date .\n'
            'ex:p schema:startDate "2021-01-01"^^xsd:date ;\n    schema:endDate "2020-01-01"^^xsd:date .\n',
            6,
            "before",
        ),
        ('ex:p eco:budget "-5"^^xsd:decimal .\n', 5, "negative"),
        ('ex:p schema:amount "lots" .\n', 5, "xsd:decimal"),
        ("\n\nex:p a eco:NoSuchClass .\n", 7, "unknown type eco:NoSuchClass"),
        (
            "ex:p a eco:Company .\nex:p <http://www.w3.org/ns/org#memberOf> <https://w3id.org/ecokg/id/nobody> .\n",
            5,
            "dangling reference",
        ),
    ],
)
def test_strict_checks(tmp_path, body, line, words):
    f = _ttl(tmp_path, body)
    with pytest.raises(InputError) as info:
        load([f], bundled=False)
    assert _problems(info) == [(str(f), line)]
    assert words in info.value.problems[0].message
    # strict=False leaves these to validate()
    ds = load([f], bundled=False, strict=False)
    assert len(ds) > 0


def test_good_dates_and_amounts_pass_strict(tmp_path):
    f = _ttl(
        tmp_path,
        'ex:p a eco:Initiative ; schema:startDate "2019-01-01"^^xsd:date ; schema:endDate "2019-12-31"^^xsd:date ;\n'
        '  eco:budget "1500000.50"^^xsd:decimal .\n',
    )
    ds = load([f], bundled=False)
    assert (URIRef(EX + "p"), SCHEMA.startDate, Literal("2019-01-01", datatype=XSD.date)) in ds


def test_locate_prefers_the_typed_subject_line(tmp_path):
    from graph.sourcemap import locate

    f = tmp_path / "g.trig"
    f.write_text(
        "@prefix ex: <http://example.org/> .\n"
        "@prefix eco: <https://w3id.org/ecokg/def#> .\n"
        "ex:g1 {\n"
        "    ex:x ex:p ex:y .\n"
        "}\n"
        "ex:g1 ex:about ex:x .\n"
        "ex:x\n"
        "    ex:q 1 .\n"
        "ex:x a eco:Cluster .\n",
        encoding="utf-8",
    )
    ds = load([f], bundled=False)
    assert locate(ds, URIRef(EX + "x")) == (str(f), 9)
    assert locate(ds, URIRef(EX + "g1")) == (str(f), 3)
    assert locate(ds, URIRef(EX + "y")) == (str(f), 4)


@pytest.mark.parametrize(
    "name, data, line",
    [
        (
            "x.rdf",
            b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            b'<rdf:Description rdf:about="http://a">\n</rdf:RDF>\n',
            4,
        ),
        (
            "y.rdf",
            b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
            b'<rdf:Description rdf:about="xa b">\n</rdf:Description></rdf:RDF>\n',
            3,
        ),
        ("x.jsonld", b'{\n "@id": "http://a",\n "http://p": [1,\n}\n', 4),
        ("z.trig", b"@prefix ex: <http://e/> .\nex:g { ex:a ex:b ex:c .\n", 3),
        ("z.nq", b"<http://a> <http://b> <http://c> <http://g> .\n<http://a> <http://b> .\n", 2),
    ],
)
def test_syntax_errors_in_other_formats_have_lines(tmp_path, name, data, line):
    f = tmp_path / name
    f.write_bytes(data)
    with pytest.raises(InputError) as info:
        load([f], bundled=False)
    assert _problems(info) == [(str(f), line)]


def test_data_folder_is_not_merged_twice():
    from graph.load import repo_root

    bundled = load()
    data = repo_root() / "data"
    again = load([data / "reference", data / "seed", data / "sources", repo_root() / "ontology"])
    assert len(list(again.quads())) == len(list(bundled.quads()))


def test_persistent_store_written_then_read(tmp_path):
    spec = f"oxigraph:{tmp_path / 'kg'}"
    ds = load([FIX / "named.trig"], store=spec)
    n = len(list(ds.quads()))
    assert (URIRef(EX + "b"), URIRef(EX + "p"), Literal("in g2")) in ds
    ds.close()
    again = load(store=spec)  # no sources: the store as it is
    assert len(list(again.quads())) == n
    again.close()


def test_every_bad_line_of_ntriples(tmp_path):
    f = tmp_path / "many.nt"
    f.write_text(
        '<http://a> <http://b> "1" .\n<http://a> <http://b> .\n<http://a> <http://b> "3" .\n'
        '<http://a> <http://b> <bad iri> .\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load([f], bundled=False)
    assert _problems(info) == [(str(f), 2), (str(f), 4)]


def test_byte_order_mark_and_crlf(tmp_path):
    f = tmp_path / "windows.ttl"
    f.write_bytes(b"\xef\xbb\xbf@prefix ex: <http://example.org/> .\r\nex:a ex:p ex:b .\r\nex:a ex:p .\r\n")
    with pytest.raises(InputError) as info:
        load([f], bundled=False)
    assert _problems(info) == [(str(f), 3)]
    f.write_bytes(b"\xef\xbb\xbf@prefix ex: <http://example.org/> .\r\nex:a ex:p ex:b .\r\n")
    assert (URIRef(EX + "a"), URIRef(EX + "p"), URIRef(EX + "b")) in load([f], bundled=False)


# ----------------------------------------------------------------------------- the two paths agree


def _quads(ds):
    from rdflib import BNode

    from graph.store import quads_of

    return {tuple("_:b" if isinstance(t, BNode) else t for t in q) for q in quads_of(ds)}


def _kinds(ds):
    return type(ds.store).__name__


def test_big_inputs_take_the_fast_path(tmp_path, monkeypatch, path):
    import graph.load

    src = tmp_path / "c.ttl"
    shutil.copy(FIX / "cluster.ttl", src)
    monkeypatch.setattr(graph.load, "FAST_LOAD_BYTES", src.stat().st_size)
    assert _kinds(load([src], bundled=False)) == "_EcoOxigraphStore"  # at the threshold
    monkeypatch.setattr(graph.load, "FAST_LOAD_BYTES", src.stat().st_size + 1)
    assert _kinds(load([src], bundled=False)) == "Memory"
    assert _kinds(load([src], bundled=False, fast=True)) == "_EcoOxigraphStore"
    assert _kinds(load([src], bundled=False, store="oxigraph:")) == "_EcoOxigraphStore"
    monkeypatch.setattr(graph.load, "FAST_LOAD_BYTES", 0)
    assert _kinds(load([src], bundled=False, fast=False)) == "Memory"


def test_tables_take_the_rdflib_path_and_oxigraph_store_is_a_copy(tmp_path, path):
    (tmp_path / "x-elements.csv").write_text("Label;Type\nKlynge A;Klynge\nFirma B;Virksomhed\n", encoding="utf-8")
    (tmp_path / "x-connections.csv").write_text("From;To;Type\nFirma B;Klynge A;medlem af\n", encoding="utf-8")
    sources = [tmp_path]
    mem = load(sources, bundled=False)
    assert _kinds(mem) == "Memory"  # tables never take the fast path
    oxi = load(sources, bundled=False, store="oxigraph:")
    assert _kinds(oxi) == "_EcoOxigraphStore" and _quads(oxi) == _quads(mem)
    assert sources_of(oxi) == sources_of(mem)


def test_both_paths_load_the_same_data_and_sources(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("named.trig", "named.nq", "small.jsonld", "small.rdf", "cluster.ttl"):
        shutil.copy(FIX / name, folder / name)
    (folder / "bom.ttl").write_bytes(b"\xef\xbb\xbf@prefix ex: <http://example.org/> .\nex:bom ex:p [ ex:q 1 ] .\n")
    gz = folder / "more.nt.gz"
    gz.write_bytes(gzip.compress(b'<http://example.org/z> <http://example.org/p> "gz" .\n'))
    mem = load([folder], fast=False)
    oxi = load([folder], fast=True)
    assert _kinds(mem) == "Memory" and _kinds(oxi) == "_EcoOxigraphStore"
    assert _quads(mem) == _quads(oxi)
    assert sources_of(mem) == sources_of(oxi)
    assert mem.ecokg_files == oxi.ecokg_files and mem.ecokg_fixed == oxi.ecokg_fixed
    # bundled data and resolution alike
    assert _quads(load(fast=False)) == _quads(load(fast=True))


@pytest.mark.parametrize(
    "files",
    [
        {"a.ttl": "@prefix ex: <http://example.org/> .\nex:a ex:p ex:b .\nex:a ex:p .\n",
         "b.nt": '<http://a> <http://b> "x" .\n<http://a> <http://b> <not an iri> .\n<http://a> <http://b> .\n'},
        {"c.ttl": '@prefix schema: <https://schema.org/> .\n@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n'
                  '@prefix eco: <https://w3id.org/ecokg/def#> .\n@prefix org: <http://www.w3.org/ns/org#> .\n'
                  '<http://e/p> a eco:Company ; schema:startDate "2021-01-01"^^xsd:date ;\n'
                  '  schema:endDate "2020-01-01"^^xsd:date ; eco:budget "-5"^^xsd:decimal ;\n'
                  '  org:memberOf <https://w3id.org/ecokg/id/nobody> .\n'
                  '<http://e/q> a eco:Nonsense ; schema:foundingDate "2020-02-30"^^xsd:date ;\n'
                  '  schema:amount "lots" .\n'},
        {"ok.ttl": '@prefix eco: <https://w3id.org/ecokg/def#> .\n@prefix org: <http://www.w3.org/ns/org#> .\n'
                   '<http://e/p> a eco:Company ; org:memberOf <https://w3id.org/ecokg/id/in-the-bad-file> .\n',
         "bad.ttl": "<https://w3id.org/ecokg/id/in-the-bad-file> a <x> <y> .\n"},
    ],
)
def test_both_paths_report_the_same_problems(tmp_path, files):
    paths = []
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    paths.append(tmp_path / "missing.ttl")
    found = {}
    for fast in (False, True):
        with pytest.raises(InputError) as info:
            load(paths, bundled=False, fast=fast)
        found[fast] = sorted((p.file, p.line or 0, p.message) for p in info.value.problems)
        assert info.value.problems[0].file == str(tmp_path / "missing.ttl")  # missing files first
    assert found[False] == found[True]
    assert len(found[True]) >= 2
