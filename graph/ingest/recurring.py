"""Names found again: a quoted name after a trigger noun (and its later
unquoted occurrences), a multi-word name typed where it was introduced and
repeated later, and the bare form of a company name ("CardioAI" after
"CardioAI ApS"). Each pass adds to ``ctx.mentions`` after
:func:`graph.ingest.mentions._find_mentions`.
"""

from __future__ import annotations

import re

from graph.ingest.lexicon import _TRIGGERS
from graph.ingest.mentions import _Ctx, _Mention, _named_as

__all__: list[str] = []  # private to graph.ingest


def recurring_names(ctx: _Ctx) -> None:
    """Run the three passes below, in this order, on ``ctx.mentions``."""
    _quoted_names(ctx, ctx.mentions)
    _repeat_names(ctx, ctx.mentions)
    _short_names(ctx, ctx.mentions)


def _repeat_names(ctx: _Ctx, found: list[_Mention]) -> None:
    """A multi-word name typed where it was introduced ("innovationsprogrammet Sund
    Sjælland") is the same name wherever it recurs, even where a known name
    inside it ("Sjælland") would otherwise split it."""
    names = {m.label: m for m in found if m.origin in ("suffix", "quoted") and m.type and len(m.label.split()) >= 2}
    for name, src in names.items():
        for hit in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", ctx.text):
            s, e = hit.start(), hit.end()
            over = [x for x in found if x.start < e and s < x.end]
            if not over or any(x.start < s or x.end > e for x in over) or any(x.start == s and x.end == e for x in over):
                continue
            for x in over:
                found.remove(x)
            found.append(_Mention(s, e, name, src.type, src.origin, src.known))
    found.sort(key=lambda x: x.start)


_QUOTED_NAME = re.compile(
    r"(?<![\w-])(?P<trig>[\w-]+)\s+[”“\"«»‘’'](?P<name>[^”“\"«»‘’'\n]{2,80}?)[”“\"«»’']"
)


def _quoted_names(ctx: _Ctx, found: list[_Mention]) -> None:
    """A quoted name after a trigger noun is a name of that kind, however it
    is capitalised: ``projektet ”Sikker overgang”``, ``netværket 'Sund By'``;
    a quoted name a sum is given to is an initiative (``får 2 mio. kr. til ”X”``).
    Later unquoted occurrences of the same name are mentions too."""
    text = ctx.text
    names: dict[str, str] = {}
    for m in _QUOTED_NAME.finditer(text):
        trig = m.group("trig").lower()
        typ = next((t for pat, t in _TRIGGERS if pat.match(trig)), None)
        if typ is None and trig in ("navnet", "overskriften", "titlen", "kaldet"):
            typ = _named_as(ctx, m.start("name"))  # 'en uddelingsrunde under overskriften "Tidlig hjælp til unge"'
        if typ is None and trig == "til" and re.search(r"\b(?:kr\.?|kroner|DKK)\s*$", text[max(0, m.start() - 30) : m.start()]):
            typ = "Initiative"  # 'får 450.000 kroner til ”Gå med Glæde”': what a grant pays for, named
        name = m.group("name").strip()
        if typ in (None, "none") or not name[:1].isupper() or len(name.split()) > 8 or name.endswith((".", ",")):
            continue
        names.setdefault(name, typ)
    for name, typ in names.items():
        for hit in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text):
            s, e = hit.start(), hit.end()
            over = [x for x in found if x.start < e and s < x.end]
            if any(x.end - x.start > e - s for x in over):
                continue
            for x in over:
                found.remove(x)
            found.append(_Mention(s, e, name, typ, "quoted"))
    found.sort(key=lambda x: x.start)


def _short_names(ctx: _Ctx, found: list[_Mention]) -> None:
    """"CardioAI ApS" introduced, then "CardioAI": add the bare name's mentions."""
    short: dict[str, _Mention] = {}
    for m in found:
        bare = re.sub(r"\s+(A/S|ApS|I/S|P/S|K/S|IVS|Holding)$", "", m.label)
        if bare != m.label and len(bare) >= 3:
            short.setdefault(bare, m)
    if not short:
        return
    taken = [(m.start, m.end) for m in found]
    for name, m in short.items():
        for hit in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-]|\s+(?:A/S|ApS|I/S|P/S|K/S|IVS))", ctx.text):
            s, e = hit.start(), hit.end()
            if any(a < e and s < b for a, b in taken):
                continue
            found.append(_Mention(s, e, name, m.type, m.origin, m.known))
            taken.append((s, e))
    found.sort(key=lambda x: x.start)
