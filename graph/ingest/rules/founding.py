"""Founding: ``A og B etablerer X``, ``der stiftede virksomheden sammen
med``, and founding dates (``stiftet i 2019``).
"""

from __future__ import annotations

import re

from graph.danish import find_dates
from graph.ingest.clusters import _Cluster
from graph.ingest.mentions import _Sentence, _stem_in, _trigger_type
from graph.ingest.model import _ORG_TYPES
from graph.ingest.statements import _Builder

__all__ = ["rule_founding_clause", "rule_founder_clauses", "rule_founding_date"]


_FOUNDING_VERB = re.compile(
    r"\s(?:har\s+(?:nu\s+|i dag\s+|netop\s+)?)?(?:etablerer|etableret|etablerede|stifter|stiftet|stiftede|grundlægger|grundlagt|grundlagde|"
    r"opretter|oprettet|oprettede|åbner|åbnet|åbnede|indgår|indgik|indgået|går\s+(?:nu\s+)?sammen|gik\s+sammen|er\s+gået\s+sammen)\s+(?:(?:nu|i dag|netop|officielt)\s+)?"
)
_INDEFINITE_NP = re.compile(
    r"^(?:et|en)\s+(?:(?:nyt?|ny|nationalt?|regionalt?|fælles|stort?|dansk|danske?|strategisk[e]?|tværregionalt?|landsdækkende|tæt|formelt?)\s+)*([\wæøå-]+)"
)
_FOUNDER_CLAUSE = re.compile(
    r"(?:,\s*|\s)(?:der|som)\s+(?:(?:også|selv|i\s+(?P<year>\d{4}))\s+)*(?:har\s+|havde\s+)?"
    r"(?:var\s+med\s+til\s+at\s+)?(?:stiftede|grundlagde|etablerede|startede|stiftet|grundlagt|etableret|startet|stifte|grundlægge|etablere|starte)\s+",
    re.I,
)
_FOUNDED_DATE = re.compile(
    r"\b(stiftet|etableret|grundlagt|startet|oprettet|dannet|åbner|åbnede|åbnet|starter|startede|begynder|går i gang)\s+(?:(?:officielt|formelt)\s+)?(?:(?:i|den|d\.)\s|(?=\d{1,2}\.\s*[a-zæøå]))",
    re.I,
)


def rule_founding_clause(builder: _Builder, sent: _Sentence) -> None:
    """"A og B etablerer (sammen med C) et testcenter/netværket X …": A, B and C
    found X; an object named only as "et testcenter" is the entity the next
    sentences name ("Testcentret får navnet X")."""
    text = builder.ctx.text
    fm = _FOUNDING_VERB.search(text, sent.start, sent.end)
    if not fm or re.match(r"\s(?:har\s+)?(?:etableret|stiftet|grundlagt|oprettet|åbnet)\b", fm.group(0)) and not fm.group(0).lstrip().startswith("har"):
        return  # a passive participle ("er etableret af"): the other rule
    leading = builder.items_after(sent.start, fm.start())
    if not leading or len(text[sent.start : leading[0].start].split()) > 3 or any(builder.cluster(x).type == "Person" for x in leading[:1]):
        return
    founders = [builder.cluster(x) for x in leading]
    pos = fm.end()
    sm = re.match(r"(?:sammen\s+)?med\s+", text[pos : sent.end]) if "sammen" in fm.group(0) else re.match(r"sammen\s+med\s+", text[pos : sent.end])
    if sm:
        co = builder.items_after(pos + sm.end(), sent.end)
        co = [x for x in co if not re.search(r"\bom\b", text[pos + sm.end() : x.start])]  # "… sammen med B om projektet X"
        founders += [builder.cluster(x) for x in co]
        pos = co[-1].end if co else pos + sm.end()
    rest = text[pos : sent.end].lstrip()
    rest_at = sent.end - len(text[pos : sent.end].lstrip()) if rest else pos
    obj = None
    named = builder.in_range(rest_at, min(sent.end, rest_at + 80))
    if named and len(text[rest_at : named[0].start].split()) <= 4 and not re.search(r"[,.]", text[rest_at : named[0].start]):
        obj = builder.cluster(named[0])  # "etablerer netværket X", "åbner Center for X"
    else:
        np_ = _INDEFINITE_NP.match(rest)
        if np_:
            obj = _cataphor(builder, sent, np_.group(1))
            if obj is None and re.fullmatch(r"[\wæøå-]*aftale", np_.group(1)):
                obj = _cataphor(builder, sent, None)  # "indgået en aftale om …. Samarbejdet hedder X"
        elif "sammen" in fm.group(0) and re.match(r"om\s", rest):
            obj = _cataphor(builder, sent, None)  # "går sammen om at …. Samarbejdet hedder X"
        if obj is not None:  # "et testcenter for velfærdsrobotter": the focus of what is founded
            builder.np_focus.append((obj, rest_at, sent.end, sent))
    if obj is None or obj.type == "Person" or obj in founders:
        return
    builder.introduced.append(obj)
    # "A og B indgår et partnerskab": partners of it; the other verbs found it
    joins = re.search(r"indgår|indgik|indgået|sammen", fm.group(0))
    for f_ in founders:
        if joins:
            builder.add(f_, "eco:partnerIn", obj, sent)
        else:
            builder.add(obj, "schema:founder", f_, sent)


_PASSIVE_FOUNDING = re.compile(r"\s(?:etableres|oprettes|stiftes|grundlægges|etableredes|oprettedes)\s+(?:nu\s+|i dag\s+)?af\s+")


def rule_passive_founding(builder: _Builder, sent: _Sentence) -> None:
    """"Et nyt forskningscenter … etableres af A og B (i samarbejde med C).
    Centret, der får navnet X, …": A and B found X (C takes part, not founds)."""
    text = builder.ctx.text
    pm = _PASSIVE_FOUNDING.search(text, sent.start, sent.end)
    np_ = _INDEFINITE_NP.match(text[sent.start : sent.end].lower()) if pm else None
    if np_ is None:
        return
    obj = _cataphor(builder, sent, np_.group(1))
    if obj is None or obj.type == "Person":
        return
    builder.introduced.append(obj)
    builder.np_focus.append((obj, sent.start, pm.start(), sent))
    for f_ in builder.items_after(pm.end(), sent.end):
        builder.add(obj, "schema:founder", builder.cluster(f_), sent)


def _cataphor(builder: _Builder, sent: _Sentence, noun: str | None) -> _Cluster | None:
    """The entity that the next sentences name for "et <noun>": "Testcentret får navnet X",
    "Netværket hedder X", "Det nye netværk, X, …" (``noun`` None: any collective noun,
    "… går sammen om at …. Samarbejdet hedder X")."""
    stem = re.sub(r"(erne|ene|et|en|n|t)$", "", noun.lower()) if noun else ""
    sents = [x for x in builder.ctx.sentences if x.start >= sent.end][:2]
    for s2 in sents:
        first = re.match(r"^\W*([\wæøå-]+)", s2.text.lower())
        if not first:
            continue
        if noun is None:
            if _trigger_type(first.group(1)) not in ("Initiative", "Partnership", "Innovation Network", "Cluster", "Association"):
                continue
        elif not (_stem_in(stem, first.group(1)) or _stem_in(re.sub(r"(erne|ene|et|en|n|t)$", "", first.group(1)), noun.lower())):
            continue  # "et testcenter …. Testcentret …", "et forskningscenter …. Centret …"
        for m in builder.in_range(s2.start, s2.end):
            if re.search(r"(?:navnet|hedder|kaldet|kaldes|døbt)\s*[”“\"']?$", builder.ctx.text[max(s2.start, m.start - 20) : m.start]):
                return builder.cluster(m)
    return None


def rule_founder_clauses(builder: _Builder, sent: _Sentence) -> None:
    """"siger Sofie Lindberg, der stiftede virksomheden (i 2019) sammen med
    ingeniøren Anders Bøgh": the person (and those "sammen med" them) founded
    the organisation named or referred to after the verb."""
    text = builder.ctx.text
    for fm in _FOUNDER_CLAUSE.finditer(text, sent.start, sent.end):
        before = builder.in_range(sent.start, fm.start(), persons=True)
        if not before or builder.cluster(before[-1]).type != "Person":
            continue
        gap = text[before[-1].end : fm.start()]
        if len(gap.split()) > 1 or re.search(r"[.!?]", gap):
            continue
        founders = [builder.cluster(before[-1])]
        rest = text[fm.end() : sent.end]
        named = builder.in_range(fm.end(), min(sent.end, fm.end() + 60))
        org = None
        if named and len(text[fm.end() : named[0].start].split()) <= 1 and builder.cluster(named[0]).type in _ORG_TYPES | {"Initiative", "Partnership"}:
            org = builder.cluster(named[0])
        else:
            org = builder.anaphor(sent, rest[:40], strict=True)
        if org is None or org.type == "Person":
            continue
        sm = re.search(r"\bsammen\s+med\s+", rest)
        if sm:
            for it in builder.items_after(fm.end() + sm.end(), sent.end, persons=True):
                if builder.cluster(it).type == "Person":
                    founders.append(builder.cluster(it))
        for f_ in founders:
            builder.add(org, "schema:founder", f_, sent)
        year = fm.group("year") or (re.search(r"^[^,.]*?\bi\s+(\d{4})\b", rest) or [None, None])[1]
        if year:
            builder.add(org, "schema:foundingDate", year, sent)


_STARTS = re.compile(r"start|begynd|går i gang", re.I)


def rule_founding_date(builder: _Builder, sent: _Sentence) -> None:
    text = builder.ctx.text
    for m in _FOUNDED_DATE.finditer(text, sent.start, sent.end):
        dates = find_dates(text[m.start() : min(sent.end, m.end() + 25)])
        if not dates or dates[0].start > m.end() - m.start() + 1:
            continue
        if _unnamed_clause_subject(builder, sent, m.start()):
            continue  # "…, og de første ti virksomheder starter 1. april": not an entity's start
        subj = builder.subject_before(sent, m.start())
        if subj is not None:
            d = dates[0]
            value = d.value.isoformat() if d.precision == "day" else d.value.isoformat()[: 4 if d.precision == "year" else 7]
            # an initiative starts ("starter i april 2026": from the month's first day); an organisation is founded
            pred = "schema:foundingDate"
            if subj.type in ("Initiative", "Partnership") and (d.precision == "day" or _STARTS.match(m.group(1))):
                pred, value = "schema:startDate", d.value.isoformat()
            builder.add(subj, pred, value, sent)


def _unnamed_clause_subject(builder: _Builder, sent: _Sentence, pos: int) -> bool:
    """Does the verb at ``pos`` stand in a second clause (``…, og …``) whose
    subject is neither a name nor a noun referring back (``netværket``)?"""
    text = builder.ctx.text
    clauses = list(re.finditer(r",\s+(?:og|men|mens)\s+", text[sent.start : pos]))
    if not clauses:
        return False
    start = sent.start + clauses[-1].end()
    first = re.match(r"[\wæøå-]+", text[start:pos])
    return not builder.in_range(start, pos) and (first is None or _trigger_type(first.group(0)) in (None, "none"))
