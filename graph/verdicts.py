"""Curator verdicts on pairs of initiatives: a small CSV/TSV file that is data.

A verdict file has a header row and the columns ``a``, ``b`` (labels or IRIs
of two initiatives), ``verdict`` and an optional ``note`` (header names are
case-insensitive; ``,``, ``;`` or tab separated; UTF-8)::

    a,b,verdict,note
    TeleKOL Nord,KOL i eget hjem Syd,duplicate,same offer; merge in 2025
    Sundhedsinnovation Fyn,Welfare Tech,complementary,

Verdicts (Danish words accepted too):

* ``duplicate`` (``dublet``): a confirmed overlap. :mod:`graph.overlaps`
  always reports it, marked, whatever its score.
* ``complementary`` (``komplementær``, ``supplerende``): same theme, different
  offers that work together. Dismissed: the pair is hidden.
* ``unrelated`` (``urelateret``, ``ikke relateret``): a false alarm.
  Dismissed: the pair is hidden.

The same file format is the gold standard of the evaluation
(:mod:`graph.evaluate`): ``duplicate`` rows are the true pairs.

Bad rows (missing column, unknown verdict, a pair of one initiative with itself,
two different verdicts for one pair, a label that matches no initiative or
several) raise :class:`graph.errors.InputError` naming the file and row (the
header is row 1).

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "verdicts.csv"
>>> _ = p.write_text("a,b,verdict\\nA,B,duplicate\\nA,C,unrelated\\n", encoding="utf-8")
>>> [(v.a, v.b, v.verdict, v.row) for v in read_verdicts(p)]
[('A', 'B', 'duplicate', 2), ('A', 'C', 'unrelated', 3)]
>>> table = resolve_verdicts(read_verdicts(p), [("ex:a", "A"), ("ex:b", "B"), ("ex:c", "C")])
>>> table[frozenset({"ex:a", "ex:b"})].verdict
'duplicate'
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Mapping

from graph.errors import InputError, Problem

__all__ = ["VERDICTS", "DISMISSED", "Verdict", "read_verdicts", "resolve_verdicts"]

#: the three verdicts
VERDICTS = ("duplicate", "complementary", "unrelated")
#: verdicts that hide a pair from the overlap list
DISMISSED = frozenset({"complementary", "unrelated"})

_ALIASES = {
    "duplicate": "duplicate",
    "duplicates": "duplicate",
    "dublet": "duplicate",
    "dubletter": "duplicate",
    "duplikat": "duplicate",
    "complementary": "complementary",
    "komplementær": "complementary",
    "komplementaer": "complementary",
    "supplerende": "complementary",
    "unrelated": "unrelated",
    "urelateret": "unrelated",
    "ikke relateret": "unrelated",
    "uafhængig": "unrelated",
}


@dataclass(frozen=True)
class Verdict:
    """One curator verdict on a pair.

    Attributes
    ----------
    a, b : str
        The two initiatives as written in the file (label or IRI).
    verdict : str
        ``duplicate``, ``complementary`` or ``unrelated``.
    note : str or None
        Free text.
    file : str
        The file it was read from.
    row : int
        Its row in the file (header = 1).
    """

    a: str
    b: str
    verdict: str
    note: str | None
    file: str
    row: int

    @property
    def dismissed(self) -> bool:
        """Whether the verdict hides the pair (complementary or unrelated)."""
        return self.verdict in DISMISSED


def _delimiter(header: str, path: Path) -> str:
    if path.suffix.lower() == ".tsv" or "\t" in header:
        return "\t"
    if header.count(";") > header.count(","):
        return ";"
    return ","


def read_verdicts(path: str | Path) -> list[Verdict]:
    """Read a verdict file.

    Parameters
    ----------
    path : str or pathlib.Path
        A ``.csv`` or ``.tsv`` file (UTF-8, header row).

    Returns
    -------
    list of Verdict
        In file order.

    Raises
    ------
    InputError
        Unreadable file, missing columns, or bad rows (one problem per row).
    """
    path = Path(path)
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        raise InputError([Problem(name, None, f"cannot read verdict file: {err.strerror or err}")]) from None
    except UnicodeDecodeError as err:
        raise InputError([Problem(name, None, f"not UTF-8 text ({err.reason})")]) from None
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise InputError([Problem(name, 1, "empty verdict file: expected a header a, b, verdict[, note]")])
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(lines[0], path))
    header = [h.strip().lower() for h in next(reader)]
    missing = [c for c in ("a", "b", "verdict") if c not in header]
    if missing:
        raise InputError([Problem(name, 1, f"missing column(s): {', '.join(missing)} (header must name a, b, verdict[, note])")])
    col = {h: n for n, h in enumerate(header)}
    problems: list[Problem] = []
    verdicts: list[Verdict] = []
    seen: dict[frozenset[str], Verdict] = {}
    for row_no, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(key: str) -> str:
            n = col.get(key)
            return row[n].strip() if n is not None and n < len(row) else ""

        a, b, raw = cell("a"), cell("b"), cell("verdict")
        note = cell("note") or None
        if not a or not b:
            problems.append(Problem(name, row_no, "both a and b must name an initiative"))
            continue
        verdict = _ALIASES.get(" ".join(raw.lower().split()))
        if verdict is None:
            problems.append(
                Problem(name, row_no, f"unknown verdict {raw!r} (expected one of: {', '.join(VERDICTS)})")
            )
            continue
        if a.casefold() == b.casefold():
            problems.append(Problem(name, row_no, f"a and b are the same initiative: {a!r}"))
            continue
        v = Verdict(a, b, verdict, note, name, row_no)
        key = frozenset({a.casefold(), b.casefold()})
        if key in seen and seen[key].verdict != verdict:
            problems.append(
                Problem(name, row_no, f"conflicting verdicts for {a!r} / {b!r}: {seen[key].verdict} (row {seen[key].row}) and {verdict}")
            )
            continue
        seen[key] = v
        verdicts.append(v)
    if problems:
        raise InputError(problems)
    return verdicts


def resolve_verdicts(
    verdicts: Iterable[Verdict], initiatives: Iterable[tuple[str, str]] | Mapping[str, str]
) -> dict[frozenset[str], Verdict]:
    """Map each verdict to the pair of initiative IRIs it is about.

    Parameters
    ----------
    verdicts : iterable of Verdict
    initiatives : iterable of (iri, label) or mapping iri -> label
        The initiatives that references may name; a reference matches an IRI
        exactly or a label case-insensitively.

    Returns
    -------
    dict
        ``frozenset({iri_a, iri_b}) -> Verdict``.

    Raises
    ------
    InputError
        A reference that matches no initiative, or a label shared by several
        (use the IRI then), with the verdict's file and row.
    """
    items = initiatives.items() if isinstance(initiatives, Mapping) else initiatives
    iris: set[str] = set()
    by_label: dict[str, set[str]] = {}
    for iri, lab in items:
        iri = str(iri)
        iris.add(iri)
        if lab:
            by_label.setdefault(" ".join(str(lab).casefold().split()), set()).add(iri)
    problems: list[Problem] = []
    table: dict[frozenset[str], Verdict] = {}

    def find(text: str, v: Verdict) -> str | None:
        if text in iris:
            return text
        hits = by_label.get(" ".join(text.casefold().split()), set())
        if len(hits) == 1:
            return next(iter(hits))
        if hits:
            problems.append(Problem(v.file, v.row, f"{text!r} names several initiatives; use the IRI", focus=text))
        else:
            problems.append(Problem(v.file, v.row, f"no initiative matches {text!r}", focus=text))
        return None

    for v in verdicts:
        a, b = find(v.a, v), find(v.b, v)
        if a is None or b is None:
            continue
        if a == b:
            problems.append(Problem(v.file, v.row, f"a and b are the same initiative: {a}"))
            continue
        key = frozenset({a, b})
        if key in table and table[key].verdict != v.verdict:
            old = table[key]
            problems.append(
                Problem(v.file, v.row, f"conflicting verdicts for one pair: {old.verdict} (row {old.row}) and {v.verdict}")
            )
            continue
        table[key] = v
    if problems:
        raise InputError(problems)
    return table
