"""Amounts and grants: who gives how much to whom (``bevilger 2 mio. kr.
til``), budgets and investment rounds with their investors.
"""

from __future__ import annotations

import re

from graph.danish import find_amounts
from graph.gazetteer import find_focus_terms
from graph.ingest.clusters import _Cluster
from graph.ingest.lexicon import _TRIGGERS
from graph.ingest.mentions import _Sentence, _trigger_type
from graph.ingest.model import _ORG_TYPES
from graph.ingest.statements import _Builder, _several

__all__ = ["rule_amounts", "rule_round_investors"]


def rule_amounts(builder: _Builder, sent: _Sentence) -> None:
    text = builder.ctx.text
    amounts = find_amounts(text[sent.start : sent.end])
    for a in amounts:
        a_s, a_e = sent.start + a.start, sent.start + a.end
        before = text[sent.start : a_s]
        after = text[a_e : sent.end]
        if a.currency != "DKK":
            continue
        if re.search(r"\b(budget|omsætning)\w*\s*(?:er\s+|lyder\s+)?(på|af|:)\s*(ca\.|cirka|omkring)?\s*$", before, re.I):
            subj = builder.subject_before(sent, a_s)
            if subj is not None:
                builder.add(subj, "eco:budget", str(a.value), sent, amount=a.value)
            continue
        # "N fra X", "N kommer fra X"; not a second clause's "fra" ("N og løber fra 1. april …")
        fm = re.match(r"^\s*(?!(?:og|samt|men|mens)\s)(?:\w+\s+){0,2}?(?:kommer\s+|stammer\s+)?fra\s+(?!\d)", after)
        giver = re.search(r"\b(støtter|bevilger|giver|tildeler|yder|afsætter|har bevilget|har givet|har tildelt|har afsat|bevilgede|gav|tildelte|afsatte)\b[^.,]*$", before, re.I)
        if fm and giver and builder.in_range(sent.start, sent.start + giver.start()):
            fm = None  # "Ministeriet støtter projektet med N fra puljen X": the ministry gives
        if fm:
            funder_ms = builder.in_range(a_e + fm.end(), min(sent.end, a_e + fm.end() + 80))
            funder_ms = [m for m in funder_ms if m.start <= a_e + fm.end() + 2]
            recipient = _recipient(builder, sent, a_s, before)
            if funder_ms:
                tm_ = re.match(r"\s+til\s+(?:(?:det|den|de)\s+)?(?:[\wæøå-]+\s+)?", text[funder_ms[0].end : sent.end])
                if tm_:
                    at_ = funder_ms[0].end + tm_.end()
                    rec_ = [x for x in builder.in_range(at_ - 1, sent.end) if x.start <= at_ + 1]
                    words_ = text[funder_ms[0].end : at_].split()[1:]  # after "til"
                    if rec_ and (not words_ or _trigger_type(words_[-1]) not in (None, "none")):
                        recipient = builder.cluster(rec_[0])  # "… fra Innovationsfonden til projektet ReHome"
                funder = builder.cluster(funder_ms[0])
                builder.add(recipient, "schema:funder", funder, sent, amount=a.value)
            else:
                phrase = re.match(r"[^,.;]+?(?=\s+og\s+\d|,|\.|;|$)", text[a_e + fm.end() : sent.end])
                if phrase and recipient is not None:
                    builder.add(recipient, "schema:funder", phrase.group(0).strip(), sent, amount=a.value)
            continue
        pm_ = re.search(r"\b(?:er|blev|bliver|var)\s+(?:\w+\s+)?(?:støttet|finansieret|medfinansieret|sponsoreret)\s+af\s+([^.]*?)\s*(?:med|på)\s*$", before, re.I)
        if pm_:  # "Projektet er støttet af Sundhedsstyrelsen med 6,8 mio. kr."
            funders = builder.items_after(sent.start + pm_.start(1), a_s)
            recipient = builder.subject_before(sent, sent.start + pm_.start())
            for f_ in funders:
                builder.add(recipient, "schema:funder", builder.cluster(f_), sent, amount=a.value)
            continue
        pv = re.search(r"\b(?:er|blev|bliver)\s+(?:blevet\s+|nu\s+|netop\s+)?(?:tildelt|bevilget|givet|bevilliget)\s*$", before)
        pa = re.match(r"^\s*(?:[\wæøå]+\s+){0,4}?af\s+", after) if pv else None
        pf = [x for x in builder.in_range(a_e + pa.end(), sent.end) if x.start == a_e + pa.end()] if pa else []
        if pf:  # "Centret … er blevet tildelt 1,2 mia. kr. over ti år af Novo Nordisk Fonden"
            recipient = builder.subject_before(sent, sent.start + pv.start())
            builder.add(recipient, "schema:funder", builder.cluster(pf[0]), sent, amount=a.value)
            continue
        vms = [
            x
            for x in re.finditer(r"\b(støtter|bevilger|bevilliger|giver|afsætter|har afsat|afsatte|donerer|investerer|tildeler|yder|bidrager|skyder|betaler|finansierer|lægger|har bevilget|har bevilliget|har givet|har doneret|har investeret|har tildelt|har ydet|bevilgede|gav|donerede|investerede|tildelte|bevilge|bevillige|støtte|donere|investere|tildele|bidrage|bevilget|givet|doneret|investeret|tildelt|ydet)\b", before, re.I)
            if not re.search(r"\d\s*(?:mio|mia|kr|kroner|millioner|milliarder)\b|[.!?]\s", before[x.end() :])
        ]
        vm = vms[-1] if vms else None  # the verb of the amount's own clause
        if vm:
            funders = builder.in_range(sent.start, sent.start + vm.start())
            # clause-local: "…, mens Innovationsfonden støtter projektet med …"
            cl = max((x.end() for x in re.finditer(r",\s*(?:mens|og|samt|hvor|hvoraf|hvorimod|imens)\s", text[sent.start : sent.start + vm.start()])), default=0)
            funders = [f for f in funders if f.start >= sent.start + cl]
            right0 = builder.in_range(sent.start + vm.end(1), a_s)
            imm = right0[0] if right0 and re.fullmatch(r"\s*", text[sent.start + vm.end(1) : right0[0].start]) else None
            in_pp = bool(funders) and bool(re.search(r"\b(?:fra|af|til|med|hos|ved|for|over|under|i|om)\s+$", text[max(sent.start, funders[-1].start - 12) : funders[-1].start]))
            sv = bool(funders) and not in_pp and bool(re.fullmatch(r"\s*(?:,\s*(?:der|som)\s*)?(?:(?:nu|også|desuden|igen|derfor|i dag|har|har nu|har i dag)\s*)*", text[funders[-1].end : sent.start + vm.start()]))
            if imm is not None and not sv:
                funders = []  # V2 order after a fronted phrase: "Ud over … bidrager Region Midtjylland med 6 mio. kr."
            if not funders or len(text[sent.start + cl : funders[-1].start].split()) > 4:
                # V2 order: "Desuden bidrager Innovationsfonden med 3,5 mio. kr."
                right = builder.in_range(sent.start + vm.end(1), a_s)
                if right and re.fullmatch(r"\s*", text[sent.start + vm.end(1) : right[0].start]):
                    funders = [right[0]]
                    vm_end = right[0].end
                    tm = re.match(r"^\s*til\s+", after)
                    rec_ms = builder.in_range(a_e, sent.end)
                    recipient = builder.cluster(rec_ms[0]) if tm and rec_ms else _funded_item(builder, sent, text[vm_end:a_s])
                    if recipient is not None:
                        builder.add(recipient, "schema:funder", builder.cluster(funders[0]), sent, amount=a.value)
                    continue
            tm = re.match(r"^\s*til\s+", after)
            rec_ms = builder.in_range(a_e, sent.end)
            recipient = None
            tm2 = re.match(r"^\s*til\s+(?:etableringen|oprettelsen|udviklingen|driften|opstarten|udvidelsen)\s+af\s+", after)
            if tm2 and rec_ms and rec_ms[0].start - (a_e + tm2.end()) <= 2:
                recipient = builder.cluster(rec_ms[0])
            elif tm and rec_ms and (rec_ms[0].start - (a_e + tm.end()) <= 2 or (
                len(text[a_e + tm.end() : rec_ms[0].start].split()) == 1 and _trigger_type(text[a_e + tm.end() : rec_ms[0].start].strip()) not in (None, "none")
            )):  # "til Sund Vækst Syd", "til innovationsprogrammet Sund Vækst Syd"
                recipient = builder.cluster(rec_ms[0])
            elif tm and _purpose(after[tm.end() :]):
                recipient = None  # "giver 21,3 mio. kr. til unges mentale sundhed": a purpose, no recipient
            elif tm:
                recipient = builder.anaphor(sent, after[tm.end() :], strict=True) or _funded_item(builder, sent, "")
            else:
                between = builder.in_range(sent.start + vm.end(1), a_s)
                recipient = builder.cluster(between[0]) if between else _funded_item(builder, sent, text[sent.start + vm.end(1) : a_s])
            funder = builder.cluster(funders[-1]) if funders else builder.anaphor(sent, text[sent.start + cl : sent.start + vm.start()])
            if recipient is not None and funder is not None:
                builder.add(recipient, "schema:funder", funder, sent, amount=a.value)
            continue
        if re.search(r"\b(?:investerings|kapital|finansierings|seed|serie-?\w)?runde\s+på\s*(?:ca\.|cirka|omkring)?\s*$", before, re.I) or re.match(
            r"\s+i\s+(?:en|den)\s+(?:ny\s+|første\s+)?(?:investerings|kapital|finansierings|seed|serie-?\w)?runde\b", after, re.I
        ):
            # "X har afsluttet en investeringsrunde på 30 mio. kr.", "X har rejst N i en
            # investeringsrunde" (its investors may follow)
            rec = builder.subject_before(sent, a_s)
            if rec is not None:
                builder.rounds.append((rec, a.value, sent))
        rm = re.search(r"\b(modtager|får|har fået|har modtaget|fået|rejser|har rejst|henter|har hentet|rejst|hentet|sikret sig|har sikret sig|afsluttet|har afsluttet|lukket|har lukket|gennemført|har gennemført)\b[^.]*$", before, re.I)
        if rm:
            recipient = builder.subject_before(sent, sent.start + rm.start())
            if recipient is None:
                continue
            # every organisation introduced by "fra", "af", "ledet af", "deltagelse af"
            for fm2 in re.finditer(r"\b(?:fra|af)\s+", after):
                for it in builder.items_after(a_e + fm2.end(), sent.end):
                    if it.start - (a_e + fm2.end()) > 2 and it is not None and not re.fullmatch(
                        r"[\s,]*(?:og|samt)?\s*", text[a_e + fm2.end() : it.start]
                    ):
                        break
                    builder.add(recipient, "schema:funder", builder.cluster(it), sent, amount=a.value)


def rule_round_investors(builder: _Builder, sent: _Sentence) -> None:
    """"Runden er ledet af X med deltagelse af Y og Z", "Også Y og Z deltager i
    runden": the investors of the round the previous sentences announced ("…
    en investeringsrunde på N")."""
    if not builder.rounds:
        return
    rec, amount, _s = builder.rounds[-1]
    text = builder.ctx.text
    joins = re.search(r"\b(?:deltager|investerer|er med)\s+(?:også\s+)?i\s+(?:runden|investeringsrunden|kapitalrunden|finansieringsrunden)\b", sent.text)
    if joins:
        for it in builder.items_after(sent.start, sent.start + joins.start()):
            if builder.cluster(it).type in _ORG_TYPES:
                builder.add(rec, "schema:funder", builder.cluster(it), sent, amount=amount)
    if not re.match(r"^\W*(?:Runden|Investeringsrunden|Kapitalrunden|Finansieringsrunden)\b", sent.text):
        return
    for fm in re.finditer(r"\b(?:ledet af|ledes af|anført af|med deltagelse af|deltager|består af)\s+", text[sent.start : sent.end]):
        for it in builder.items_after(sent.start + fm.end(), sent.end):
            c = builder.cluster(it)
            if c.type in _ORG_TYPES:
                builder.add(rec, "schema:funder", c, sent, amount=amount)


def _purpose(phrase: str) -> bool:
    """Is the phrase after "til" a field (a focus term among its first words, no trigger noun), not a recipient?"""
    head = " ".join(phrase.split()[:5])
    words = re.findall(r"[\wæøå-]+", head.lower())
    return bool(find_focus_terms(head)) and not any(pat.match(w) and t != "none" for w in words for pat, t in _TRIGGERS)


def _funded_item(builder: _Builder, sent: _Sentence, lead: str) -> _Cluster | None:
    """What "bidrager X med N kr." funds when the sentence does not say:
    a definite noun in it ("projektet"), else the item of the latest grant
    in the section, else the collaboration named last."""
    words = re.findall(r"[\wæøå-]+", lead.lower())
    if any(pat.match(w) and t != "none" for w in words for pat, t in _TRIGGERS):
        a = builder.anaphor(sent, lead, strict=True)
        if a is not None:
            return a
    for st in reversed(builder.out):
        if st.p == "schema:funder" and st.sent[0] <= sent.start and builder.section_of(st.sent[0]) == sent.section:
            return st.s  # an earlier grant, also earlier in this sentence
    return builder.latest_collective(sent) or builder.anaphor(sent, lead)


def _recipient(builder: _Builder, sent: _Sentence, a_s: int, before: str) -> _Cluster | None:
    tm = re.search(r"\btil\s+([^,.]*)$", before)
    if tm:
        ms = builder.in_range(a_s - len(tm.group(1)), a_s)
        if ms:
            return builder.cluster(ms[0])
    # "… til alliancen, der også modtager 4,5 mio. kr. fra Y": what the relative clause hangs on
    rel = list(re.finditer(r",\s*(?:der|som)\s+(?:\w+\s+){0,2}?(?:modtager|får|har fået|fik|har modtaget|modtog)\b[^,]*$", before))
    if rel:
        head = before[: rel[-1].start()]
        hs = sent.start + len(head)
        near = [m for m in builder.in_range(sent.start, hs) if re.fullmatch(r"\s*", builder.ctx.text[m.end : hs])]
        if near:
            return builder.cluster(near[-1])
        np_ = re.search(r"([\wæøå-]+)\s*$", head)
        if np_ and _trigger_type(np_.group(1)) not in (None, "none"):
            a = builder.anaphor(sent, np_.group(1), strict=True)
            if a is not None:
                return a
    # the clause holding the amount: "…, og initiativet X har fået 1,5 mio. kr. fra Y"
    cl = max((x.end() for x in re.finditer(r"(?:,\s*(?:og|mens|samt|hvor|imens)|;)\s", before)), default=0)
    ms = [m for m in builder.in_range(sent.start + cl, a_s) if builder.cluster(m).type not in ("Public Authority", "Investor")]
    if ms and len(builder.ctx.text[sent.start + cl : ms[0].start].split()) <= 3:
        return builder.cluster(ms[0])
    if not ms and _several(before[cl:]):
        return None  # "Tre projekter … modtager i alt N fra F": no one recipient
    return builder.anaphor(sent, before[cl:])
