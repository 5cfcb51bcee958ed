"""Curator verdict files."""

from __future__ import annotations

import pytest

from graph.errors import InputError
from graph.verdicts import read_verdicts, resolve_verdicts

INITIATIVES = [("ex:a", "TeleKOL Nord"), ("ex:b", "KOL i eget hjem"), ("ex:c", "Eksportnetværk")]


def write(tmp_path, text, name="verdicts.csv"):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_read_csv_with_note_and_danish_verdicts(tmp_path):
    p = write(tmp_path, "A,B,Verdict,Note\nTeleKOL Nord,KOL i eget hjem,dublet,samme tilbud\nex:a,ex:c,Unrelated,\n")
    vs = read_verdicts(p)
    assert [(v.a, v.b, v.verdict, v.note, v.row) for v in vs] == [
        ("TeleKOL Nord", "KOL i eget hjem", "duplicate", "samme tilbud", 2),
        ("ex:a", "ex:c", "unrelated", None, 3),
    ]
    assert not vs[0].dismissed and vs[1].dismissed


@pytest.mark.parametrize("sep, name", [("\t", "v.tsv"), (";", "v.csv")])
def test_tab_and_semicolon_separated(tmp_path, sep, name):
    p = write(tmp_path, sep.join(["a", "b", "verdict"]) + "\n" + sep.join(["x, y", "z", "complementary"]) + "\n", name)
    assert [(v.a, v.b, v.verdict) for v in read_verdicts(p)] == [("x, y", "z", "complementary")]


@pytest.mark.parametrize(
    "body, line, message",
    [
        ("a,b,verdict\nx,y,maybe\n", 2, "unknown verdict 'maybe'"),
        ("a,b,verdict\nx,,duplicate\n", 2, "both a and b"),
        ("a,b,verdict\nx,y,duplicate\n\nX,x,duplicate\n", 4, "same initiative"),
        ("a,b,verdict\nx,y,duplicate\ny,x,unrelated\n", 3, "conflicting verdicts"),
        ("a,verdict\nx,duplicate\n", 1, "missing column(s): b"),
    ],
)
def test_bad_rows_name_file_and_row(tmp_path, body, line, message):
    p = write(tmp_path, body)
    with pytest.raises(InputError) as err:
        read_verdicts(p)
    problem = err.value.problems[0]
    assert problem.file == str(p) and problem.line == line
    assert message in problem.message


def test_unreadable_file(tmp_path):
    with pytest.raises(InputError) as err:
        read_verdicts(tmp_path / "missing.csv")
    assert "cannot read" in err.value.lines()[0]


def test_resolve_by_label_case_insensitive_or_iri(tmp_path):
    p = write(tmp_path, "a,b,verdict\ntelekol nord,ex:b,duplicate\n")
    table = resolve_verdicts(read_verdicts(p), INITIATIVES)
    assert list(table) == [frozenset({"ex:a", "ex:b"})]


def test_resolve_unknown_and_ambiguous_labels(tmp_path):
    p = write(tmp_path, "a,b,verdict\nTeleKOL Nord,Nowhere,duplicate\nTwin,ex:a,unrelated\n")
    with pytest.raises(InputError) as err:
        resolve_verdicts(read_verdicts(p), INITIATIVES + [("ex:t1", "Twin"), ("ex:t2", "twin")])
    lines = err.value.lines()
    assert lines == [
        f"{p}:2: no initiative matches 'Nowhere'",
        f"{p}:3: 'Twin' names several initiatives; use the IRI",
    ]
