"""Grants whose giver the sentence does not name: "Den største bevilling på
12 mio. kr. går til foreningen X", "Med 6,4 mio. kr. kan A og B gå i gang
med projektet X", "Y modtager N til X" (X an initiative). The giver is the text's one funder: the single funder of
the grants found so far, else the one investor (foundation, fund) the text
names; with none or several, no statement.
"""

from __future__ import annotations

import re

from graph.danish import find_amounts
from graph.ingest.clusters import _Cluster
from graph.ingest.mentions import _Sentence, _trigger_type
from graph.ingest.rules.funding import _funded_item
from graph.ingest.statements import _Builder

__all__ = ["rule_unattributed_grants", "rule_funders_programmes", "rule_owned_programmes", "rule_respective_amounts"]

_GOES_TO = re.compile(r"\bbevilling(?:en)?\s+på\s+$")
_TO_NAME = re.compile(r"^\s+går\s+til\s+(?:[a-zæøå]+\s+)?[”“\"']?$")
# "modtager 1,8 mio. kr. til X", "får 450.000 kroner til ”X”": the initiative the sum pays for
_PAYS_FOR = re.compile(r"^\s+til\s+(?:[a-zæøå]+(?:et|en)\s+)?[”“\"']?$")
_WITH_AMOUNT = re.compile(r"^\W*Med\s+$")
_STARTS = re.compile(r"\s+(?:gå|går)\s+i\s+gang\s+med\s+(?:[a-zæøå]+(?:et|en)\s+)?[”“\"']?$")


def _text_funder(builder: _Builder) -> _Cluster | None:
    givers = {id(st.o): st.o for st in builder.out if st.p == "schema:funder" and isinstance(st.o, _Cluster)}
    if len(givers) == 1:
        return next(iter(givers.values()))
    investors = [c for c in builder.clusters if c.type == "Investor" and c.mentions]
    return investors[0] if len(investors) == 1 and not givers else None


def rule_unattributed_grants(builder: _Builder, sent: _Sentence) -> None:
    text = builder.ctx.text
    for a in find_amounts(sent.text):
        if a.currency != "DKK":
            continue
        a_s, a_e = sent.start + a.start, sent.start + a.end
        recipient = None
        if _GOES_TO.search(text[sent.start : a_s]):
            after = builder.in_range(a_e, sent.end)
            if after and _TO_NAME.fullmatch(text[a_e : after[0].start]):
                recipient = builder.cluster(after[0])
        elif (after := builder.in_range(a_e, sent.end)) and _PAYS_FOR.fullmatch(text[a_e : after[0].start]):
            if builder.cluster(after[0]).type in ("Initiative", "Partnership") and not any(
                st.p == "schema:funder" and st.sent == (sent.start, sent.end) for st in builder.out
            ):
                recipient = builder.cluster(after[0])  # the sentence names no giver
        elif _WITH_AMOUNT.fullmatch(text[sent.start : a_s]):
            for x in builder.in_range(a_e, sent.end):
                if _STARTS.search(text[a_e : x.start]) and builder.cluster(x).type in ("Initiative", "Partnership"):
                    recipient = builder.cluster(x)
                    break
        funder = _text_funder(builder) if recipient is not None else None
        if funder is not None and funder is not recipient:
            builder.add(recipient, "schema:funder", funder, sent, amount=a.value)


_THROUGH = re.compile(r"^\s+(?:gennem|via|under|fra)\s+(?:(?:sit|sin|fondens|dets|dens)\s+)?(?:[\wæøå-]*(?:programmet|puljen|ordningen|programmerne))\s+[”“\"']?$")


def rule_funders_programmes(builder: _Builder, sent: _Sentence) -> None:
    """"N kr. fra Innovationsfonden gennem programmet InnoBooster": the funder
    runs the programme it gives through (``org:headOf``)."""
    text = builder.ctx.text
    ms = builder.in_range(sent.start, sent.end)
    for f_, p_ in zip(ms, ms[1:]):
        funder, prog = builder.cluster(f_), builder.cluster(p_)
        if funder.type != "Investor" and funder.type != "Public Authority" or prog.type not in ("Initiative", "Partnership"):
            continue
        if re.search(r"\bfra\s+$", text[max(sent.start, f_.start - 6) : f_.start]) and _THROUGH.match(text[f_.end : p_.start]):
            builder.add(funder, "org:headOf", prog, sent)


_OWNED = re.compile(
    r"(?<![\wæøå-])(?P<owner>[\wæøåÆØÅ-]+s)\s+(?:nye\s+|egen\s+|eget\s+|store\s+)?(?P<noun>[\wæøå-]+)\s+"
    r"(?:under\s+overskriften\s+|med\s+navnet\s+|kaldet\s+)?[”“\"']?$"
)


def rule_owned_programmes(builder: _Builder, sent: _Sentence) -> None:
    """"fondens nye uddelingsrunde under overskriften "X"", "Innovationsfondens
    program X": the owner in the genitive runs the named programme or round."""
    text = builder.ctx.text
    for p_ in builder.in_range(sent.start, sent.end):
        prog = builder.cluster(p_)
        if prog.type not in ("Initiative", "Partnership"):
            continue
        om = _OWNED.search(text[max(sent.start, p_.start - 80) : p_.start])
        if om is None or _trigger_type(om.group("noun")) != "Initiative":
            continue
        owner_at = p_.start - (om.end() - om.start("owner"))
        named = [x for x in builder.in_range(owner_at, owner_at + len(om.group("owner"))) if x.start == owner_at]
        owner = builder.cluster(named[0]) if named else (
            builder.anaphor(sent, om.group("owner")[:-1], strict=True) if _trigger_type(om.group("owner")[:-1]) not in (None, "none") else None
        )
        if owner is not None and owner is not prog and owner.type in ("Investor", "Public Authority", "Association", "Region", "Municipality"):
            builder.add(owner, "org:headOf", prog, sent)


_RESPECTIVELY = re.compile(
    r"\b(?:med)?(?:finansierer|bidrager|støtter|giver|yder|bevilger|investerer|har\s+bevilget|har\s+givet)\s+"
    r"(?:(?:også|desuden|projektet|det|den)\s+)*(?:med\s+)?henholdsvis\s+"
)


def rule_respective_amounts(builder: _Builder, sent: _Sentence) -> None:
    """"A og B medfinansierer med henholdsvis N1 og N2": the givers named
    before the verb give the sums in order, to the item the sentence or the
    section funds (``projektet``, the latest grant's item)."""
    text = builder.ctx.text
    rm = _RESPECTIVELY.search(sent.text)
    if rm is None:
        return
    givers = [builder.cluster(x) for x in builder.items_after(sent.start, sent.start + rm.start())]
    sums = [a for a in find_amounts(sent.text[rm.end() :]) if a.currency == "DKK"]
    if len(givers) < 2 or len(givers) != len(sums):
        return
    item = _funded_item(builder, sent, text[sent.start + rm.end() + sums[-1].end : sent.end])
    if item is None or any(g is item for g in givers):
        return
    for g, a in zip(givers, sums):
        builder.add(item, "schema:funder", g, sent, amount=a.value)
