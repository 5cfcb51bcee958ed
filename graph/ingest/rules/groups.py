"""Groups named by a plural noun: "Blandt de første deltagere er A og B"
(partners in the collaboration last named), "Begge virksomheder er
medlemmer af X" (the two entities of that kind the previous sentence
named), and the actors of a "hvor" clause after a project's name
("projektet X, hvor A, B og tre virksomheder udvikler …").
"""

from __future__ import annotations

import re

from graph.ingest.mentions import _Sentence
from graph.ingest.model import _ORG_TYPES
from graph.ingest.statements import _Builder

__all__ = ["rule_among_participants", "rule_both_members", "rule_where_partners"]

_AMONG = re.compile(
    r"^\W*Blandt\s+(?:de\s+)?(?:første\s+|nye\s+|øvrige\s+)?(?:deltagere|deltagerne|partnere|partnerne)\s+(?:i\s+[\wæøå]+\s+)?er\s+(?:blandt\s+andre\s+|bl\.\s?a\.\s+)?"
)
_BOTH = re.compile(r"^\W*(?:Begge|De\s+to)\s+(virksomheder|kommuner|universiteter|hospitaler|organisationer|parter|partnere)\s+er\s+(?:også\s+|desuden\s+)?medlem(?:mer)?\s+af\s+")
_KIND = {"virksomheder": {"Company"}, "kommuner": {"Municipality"}, "universiteter": {"University"}, "hospitaler": {"Hospital"}}


def rule_among_participants(builder: _Builder, sent: _Sentence) -> None:
    """"Blandt de første deltagere er A fra X, der …, og B": each is a partner
    in the initiative or collaboration named last."""
    m = _AMONG.match(sent.text)
    if m is None:
        return
    target = builder.latest_collective(sent)
    if target is None or target.type not in ("Initiative", "Partnership"):
        return
    text = builder.ctx.text
    for i, it in enumerate(builder.in_range(sent.start + m.end(), sent.end)):
        # an item of the list: the first name, or one after a comma or "og" (also after an
        # item's relative clause: "A fra X, der laver senge, og B"), not "fra X"
        if i > 0 and not re.search(r"(?:,\s*|\s)og\s+$|,\s+$", text[max(sent.start, it.start - 8) : it.start]):
            continue
        c = builder.cluster(it)
        if c.type in _ORG_TYPES and c is not target:
            builder.add(c, "eco:partnerIn", target, sent)


def rule_both_members(builder: _Builder, sent: _Sentence) -> None:
    """"Begge virksomheder er medlemmer af klyngen X": the two entities of
    that kind the previous sentence named are members (not the sentence's
    default subject)."""
    m = _BOTH.match(sent.text)
    if m is None:
        return
    prev = [s for s in builder.ctx.sentences if s.end <= sent.start and s.section == sent.section]
    if not prev:
        return
    kinds = _KIND.get(m.group(1), _ORG_TYPES)
    two: list = []
    for x in builder.in_range(prev[-1].start, prev[-1].end):
        c = builder.cluster(x)
        if c.type in kinds and c not in two:
            two.append(c)
    groups = [builder.cluster(x) for x in builder.in_range(sent.start + m.end(), sent.end)][:1]
    if len(two) != 2 or not groups:
        return
    here = (sent.start, sent.end)
    builder.out[:] = [st for st in builder.out if not (st.sent == here and st.p == "org:memberOf" and st.s not in two)]
    for c in two:
        builder.add(c, "org:memberOf", groups[0], sent)


_WHERE = re.compile(r"^\s*,\s*hvor\s+")
_WHERE_VERB = re.compile(r"^\s+(?:og\s+(?:[\wæøå-]+\s+){0,3})?(?:udvikler|afprøver|tester|samarbejder|arbejder|forsker|undersøger|skal\s+udvikle|vil\s+udvikle)\b")


def rule_where_partners(builder: _Builder, sent: _Sentence) -> None:
    """"… i forskningsprojektet X, hvor A, B og tre virksomheder udvikler …":
    the organisations listed as the clause's subject are partners in X."""
    text = builder.ctx.text
    ms = builder.in_range(sent.start, sent.end)
    for k, x in enumerate(ms):
        proj = builder.cluster(x)
        wm = _WHERE.match(text[x.end : sent.end])
        if proj.type not in ("Initiative", "Partnership") or wm is None:
            continue
        items = []
        for y in ms[k + 1 :]:
            gap = text[(items[-1].end if items else x.end + wm.end()) : y.start]
            if items and not re.fullmatch(r",\s*|\s+og\s+", gap) or not items and gap:
                break
            items.append(y)
        if not items or not _WHERE_VERB.match(text[items[-1].end : sent.end]):
            continue
        for y in items:
            if builder.cluster(y).type in _ORG_TYPES:
                builder.add(builder.cluster(y), "eco:partnerIn", proj, sent)
