"""Names that contain a place: a local branch or unit named after its town
or region ("DGI Midtjylland", "Ældre Sagen Silkeborg", "Sundhedscenter
Silkeborg", "Psykiatrien i Region Syddanmark") is one organisation, not the
place; and a place prefixed to a trigger noun ("Kongens Lyngby-virksomheden
X ApS") is where the named entity is, not part of its name.
"""

from __future__ import annotations

import re

from graph.gazetteer import FIRST_NAMES
from graph.ingest.lexicon import _FIRST_TYPES, _MONTH_WORDS, _TITLE_RE, _TRIGGERS

__all__: list[str] = []  # private to graph.ingest

_PLACE_TYPES = ("Region", "Municipality")


def _prefix_type(words: list[str]) -> str | None:
    """The type the words before the place give ("Sundhedscenter" a facility,
    "Psykiatrien" none), else None."""
    last = words[-1].lower()
    if last in _FIRST_TYPES:
        return _FIRST_TYPES[last]
    for pat, typ in _TRIGGERS:
        if pat.match(last) and typ != "none":
            return typ
    return None


def _branch_name(ctx, i: int, j: int, parts: list) -> tuple[str, str | None, object] | None:
    """A capitalised span ``toks[i:j]`` whose known parts end in a place (a
    region or municipality closing the span) after an organisation's own
    name: the whole span names one organisation. Returns (label, type,
    gazetteer entry of the national body or None), else None.

    Not a branch: a place after a place ("Region Midtjylland Silkeborg"), a
    person's name or a title before it, a span whose first word opens the
    sentence as a common word, or a month ("Marts Aarhus").
    """
    toks = ctx.tokens
    if not parts:
        return None
    a, b, entry = parts[-1]
    if b != j or entry.type not in _PLACE_TYPES or a <= i:
        return None
    if any(p[2].type in _PLACE_TYPES + ("Person",) for p in parts[:-1]):
        return None
    if len(parts) == 2 and (parts[0][0] != i or parts[0][1] != a):
        return None  # the national body must be the whole prefix: "Ældre Sagen Silkeborg"
    if len(parts) > 2:
        return None
    pre = [t[2] for t in toks[i:a]]
    if pre and pre[-1] == "i":  # "Psykiatrien i Region Syddanmark"
        if len(pre) != 2 or ctx.text[toks[a][0] : toks[a][0] + 6] != "Region" or not re.search(r"(en|et)$", pre[0]):
            return None
        pre = pre[:1]
        return ctx.text[toks[i][0] : toks[j - 1][1]], _prefix_type(pre) or "Organizational Unit", None
    if not pre or any(not w[:1].isupper() and not w.isupper() for w in pre):
        return None
    if pre[0] in FIRST_NAMES or any(_TITLE_RE.match(w) or w.lower() in _MONTH_WORDS for w in pre):
        return None
    if "\n" in ctx.text[toks[i][0] : toks[j - 1][1]]:
        return None
    label = ctx.text[toks[i][0] : toks[j - 1][1]]
    national = parts[0][2] if len(parts) == 2 else None
    typ = national.type if national is not None else _prefix_type(pre)
    if ctx.gz.lookup(label):
        return None
    return label, typ, national


def _place_prefixed_trigger(ctx, i: int, j: int) -> tuple[int, str] | None:
    """"Kongens Lyngby-virksomheden VitaPulse ApS", "Odense-firmaet X": the
    token index where the name after a place-prefixed trigger noun begins and
    the type the noun gives (the place and the noun are no part of the name),
    else None."""
    toks = ctx.tokens
    for k in range(i, min(j - 1, i + 3)):
        t = toks[k][2]
        if t.count("-") != 1 or not t[0].isupper():
            continue
        noun = t.split("-")[1]
        if not noun[:1].islower():
            continue
        typ = next((typ for pat, typ in _TRIGGERS if pat.match(noun)), None)
        if typ not in (None, "none") and all(w[2][:1].isupper() for w in toks[i:k]):
            return k + 1, typ
    return None
