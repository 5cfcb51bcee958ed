"""Cue phrases (``består af``, ``i samarbejde med``, ``stiftet af``, ``ledes
af``, ``sammenlægning af``): membership, partnership, founding, funding,
leadership and merger statements between a subject and a list of names; and
member lists, elaborations, steering groups and units named in the genitive.
"""

from __future__ import annotations

import re

from graph.gazetteer import find_focus_terms, normalise
from graph.ingest.clusters import _Cluster
from graph.ingest.lexicon import _BULLET, _CONNECTORS
from graph.ingest.mentions import _Mention, _Sentence, _classify, _is_cap, _split_genitive, _trigger_type
from graph.ingest.model import _ORG_TYPES
from graph.ingest.rules.focus import _FOCUS_SUBJECT_TYPES
from graph.ingest.rules.founding import _FOUNDING_VERB
from graph.ingest.statements import _Builder

__all__ = ["rule_cues", "rule_steering_groups", "rule_responsible_for", "rule_genitive_units", "rule_elaborations", "rule_member_lists"]


_STEERING = re.compile(r"\b(?:sidder|er|indgår)\s+(?:med\s+|også\s+)*i\s+([\wæøå-]+s)\s+(?:styregruppe|bestyrelse|følgegruppe|styrekomité|advisory board)\b", re.I)
_ELABORATION = re.compile(
    r"^(?:Det|Der|Heriblandt|Blandt\s+(?:dem|disse))\s+(?:drejer|drejede|handler|handlede|er|var)?\s*(?:sig\s+)?"
    r"(?:(?:blandt andet|bl\.\s?a\.|især|eksempelvis|fx|for eksempel|navnlig)\s+)?(?:om\s+)?",
    re.I,
)
_GROUP_PLACE = re.compile(r"\b(?:som|der)\s+(?:alle|begge|hver især)\s+(?:har\s+(?:adresse|kontor(?:er)?|til huse)|ligger|holder til|bor)\s+i\s+", re.I)
_PREDICATE_CUES: list[tuple[re.Pattern, str, str]] = [
    # (cue, predicate, direction) direction "list->subject": items P subject
    (re.compile(r"\b(består af|bestående af|medlemmer(ne)?(?: af (?:[\w-]+ ){0,3}?[\w-]+)? (er|tæller|omfatter)|samler|tæller|har som medlemmer)\b", re.I), "org:memberOf", "items->subject"),
    (re.compile(r"\b((?:er|været|blevet|bliver|blev)\s+(?:[a-zæøå]+\.?\s+|\d{1,4}\.?\s+){0,5}?medlem(mer)? af(?!\s+(?:bestyrelsen|styregruppen|direktionen|følgegruppen|repræsentantskabet|advisory board))|er med i|indgår\s+(?:desuden\s+|også\s+|nu\s+)?i)\b", re.I), "org:memberOf", "subject->items"),
    (re.compile(r"\bmedlemmer(?:ne)?\b[^.]{0,30}?\b(herunder|heriblandt|blandt andet|bl\.a\.|som fx|fx|f\.eks\.|eksempelvis|blandt dem|bl\.\s?a\.)\b", re.I), "org:memberOf", "items->subject"),
    (re.compile(r"\b(omfatter|partnerne ((?:bag|i) [^.]{0,60} )?er|partnere er|partnere(?:ne)?(?=\s*:)|parterne(?=\s*:)|i (?:tæt |nært )?samarbejde med|i partnerskab med|(?<!går )(?<!gået )sammen med|gået sammen med|går sammen med)\b", re.I), "eco:partnerIn", "items->subject"),
    (re.compile(r"\b(er (?:lead |ledende |koordinerende )?partner(e)? i|deltager i|driver|står bag)\b", re.I), "eco:partnerIn", "subject->items"),
    (re.compile(r"\b(driver|står i spidsen for|leder)\s+(?=(?:det|den)?\s*\w*(?:partnerskab|projekt|program|initiativ|samarbejde)\w*\s+[A-ZÆØÅ])", re.I), "org:headOf", "subject->items"),
    (re.compile(r"\b(etableret|stiftet|grundlagt|startet|oprettet)\b(?:(?:(?!\bog\s+(?:er|har|blev|var)\b)[^.]){0,40}?[\s–-])?(?<!\bet )(?<!\bén )(?<!\bét )(?<!\ben )af\b", re.I), "schema:founder", "subject<-items"),
    (re.compile(r"\b(støttet|finansieret|medfinansieret|sponsoreret|bevilget) af\b", re.I), "schema:funder", "subject<-items"),
    (re.compile(r"\b(med|modtager|får|har fået) (?:økonomisk |finansiel )?(støtte|midler|en bevilling|bevilling|tilskud|finansiering) fra\b", re.I), "schema:funder", "subject<-items"),
    (re.compile(r"\b(har|havde)\s+(etableret|stiftet|grundlagt|oprettet|startet)\b", re.I), "schema:founder", "items<-leading"),
    (re.compile(r"\b(går|gik|er gået|var gået|slår sig)\s+sammen\s+(i|om)\b", re.I), "eco:partnerIn", "leading->items"),
    (re.compile(r"\b(lancerer|lancerede|har lanceret|igangsætter|har igangsat|starter nu|søsætter)\b(?:\s+nu)?", re.I), "eco:partnerIn", "leading->items"),
    (re.compile(r"\b[Bb]ag\s+(?:det\s+\w+\s+)?\w+(?:et|en)\s+står\b"), "eco:partnerIn", "items->anaphor"),
    (re.compile(r"\bdeltager(?:\s+også)?\s+(?:(?:virksomheden|virksomhederne|firmaet|kommunen|kommunerne|klyngen|foreningen|organisationen|universitetet)\s+)?(?=[A-ZÆØÅ])"), "eco:partnerIn", "items->main"),
    (re.compile(r"\bsamarbejde[r]?\s+(?:tæt\s+|blandt andet\s+|bl\.a\.\s+)?med\b", re.I), "eco:partnerIn", "items->subject"),
    (re.compile(r"\b(ledes|ledet|bliver ledet|vil blive ledet)\s+af\b", re.I), "org:headOf", "items->subject"),
    (re.compile(r"\b(drives|bliver drevet|er drevet|vil blive drevet)\s+af\b", re.I), "org:headOf", "items->subject"),
    (re.compile(r"\b(koordineres|bliver koordineret|er koordineret|vil blive koordineret)\s+af\b", re.I), "org:headOf", "items->subject"),
    (re.compile(r"\b(drives|bliver drevet|er drevet|vil blive drevet)\s+af\b", re.I), "eco:partnerIn", "items->subject"),
    (re.compile(r"\b(sammenlægning af|fusion(en)? af|fusionen mellem|sammenlægningen af)\b", re.I), "eco:mergedInto", "items->subject"),
    (re.compile(r"\b(kontor(er)?|(?<=en )afdeling|sekretariat|adresse|hovedsæde|hjemsted|ligger|placeret|beliggende|baseret|bor|til huse|holder til)\s+i\b|\b(?:ligger|placeret|beliggende|til huse|holder til)\s+på\b|\ber\s+en\s+(?:[\wæøå-]+\s+){0,2}?(?:virksomhed|startup|start-up|forening|klynge|organisation|fond|iværksættervirksomhed|medtech-virksomhed)\s+fra\b", re.I), "schema:location", "subject->items"),
    # "Projektet gennemføres i Esbjerg, Kolding og Sønderborg kommuner": where it is carried out
    (re.compile(r"\b(?:gennemføres|afvikles|udføres|afprøves|testes)\s+i\b(?!\s+(?:samarbejde|partnerskab|regi|fællesskab))"), "schema:location", "subject->items"),
    # "X åbner (den 1. marts 2025) på plejecentret Y": where X opens is where it is
    (re.compile(r"\b(?:åbner|åbnede|åbnes|slår dørene op)\s+(?:(?:den|d\.)\s+\d{1,2}\.\s*[a-zæøå]+(?:\s+\d{4})?\s+)?(?:på|i)\s+(?=(?:[a-zæøå]+(?:et|en)\s+)?[A-ZÆØÅ])"), "schema:location", "subject->items"),
    (re.compile(r"\b(en del af|hører under|er en enhed (i|under)|(?:er|bliver|blive)\s+forankret\s+(?:ved|i|på|hos|under))\b", re.I), "org:subOrganizationOf", "subject->first"),
]


def _apposition_parents(builder: _Builder, items: list[_Mention], sent: _Sentence) -> list[_Mention]:
    """"Center for Telemedicin, Region Midtjylland, og VIA University College":
    a unit followed by its organisation in apposition is one item, a unit
    of that organisation."""
    out: list[_Mention] = []
    skip = set()
    for k, it in enumerate(items):
        if id(it) in skip:
            continue
        out.append(it)
        if k + 1 >= len(items) or builder.cluster(it).type != "Organizational Unit":
            continue
        nxt = items[k + 1]
        if not re.fullmatch(r",\s*", builder.ctx.text[it.end : nxt.start]):
            continue
        if builder.cluster(nxt).type not in ("Region", "Municipality", "University", "Hospital", "Company", "Research Institute", "University College", "Public Authority"):
            continue
        after = builder.ctx.text[nxt.end : nxt.end + 12]
        if not re.match(r"\s*(?:,|\.|$|og\b|samt\b)", after) or (k + 2 < len(items) and not re.match(r"\s*,\s*(?:og|samt)\b", after)):
            continue  # in a plain list ("…, Steno Diabetes Center Aarhus, Region Midtjylland, Region Nordjylland og …") no apposition
        builder.add(builder.cluster(it), "org:subOrganizationOf", builder.cluster(nxt), sent)
        skip.add(id(nxt))
    return out


def _lead_list(builder: _Builder, sent: _Sentence, cue_at: int) -> list:
    """The list of several names opening the sentence right before a cue
    ("A, B og C står bag X"), else []."""
    text = builder.ctx.text
    lead = builder.items_after(sent.start, cue_at)
    if len(lead) > 1 and len(text[sent.start : lead[0].start].split()) <= 1 and re.fullmatch(r"\s*(?:\([^()]{1,20}\)\s*)?", text[lead[-1].end : cue_at]):
        return lead
    return []


def rule_cues(builder: _Builder, sent: _Sentence) -> None:
    text = builder.ctx.text
    for pat, pred, direction in _PREDICATE_CUES:
        for m in pat.finditer(text, sent.start, sent.end):
            cue_end = m.end()
            items = builder.items_after(cue_end, sent.end, persons=pred in ("schema:founder", "org:headOf"))
            if not items and direction in ("subject->items", "leading->items"):
                # "er partner i projektet": the object is a definite noun phrase
                follow = text[cue_end : min(sent.end, cue_end + 40)]
                if re.match(r"^\s*(?:det|den|de)?\s*(?:\w+\s+)?\w+(?:et|en|ne)\b", follow, re.I):
                    obj = builder.anaphor(sent, follow, strict=True)
                    if obj is not None:
                        lead = _lead_list(builder, sent, m.start()) if pred == "eco:partnerIn" else []
                        subjects = (
                            [builder.cluster(x) for x in builder.items_after(sent.start, m.start())]
                            if direction == "leading->items"
                            else [builder.cluster(x) for x in lead] or [builder.subject_before(sent, m.start())]
                        )  # "A (X) og B er partnere i projektet": each of them
                        for sj in subjects:
                            builder.add(sj, pred, obj, sent)
                continue
            if pred == "eco:partnerIn" and re.search(r"sammen med", m.group(0), re.I) and (
                _FOUNDING_VERB.search(text[max(sent.start, m.start() - 40) : m.end()]) or _STEERING.search(text, sent.start, m.start())
            ):
                continue  # "A etablerer sammen med B et …", "A sidder i X's styregruppe sammen med B": other rules
            items = _apposition_parents(builder, items, sent)
            if pred == "org:headOf" and direction == "items->subject":
                # "ledes af professor X fra Y": the person; "ledet af Center for X": the organisation
                people = [x for x in items if builder.cluster(x).type == "Person"][:1]
                finite = re.match(r"(?:ledes|drives|koordineres|bliver|vil blive)\b", m.group(0), re.I) or re.search(
                    r"\b(?:bliver|er|blev|vil blive|skal)\s+(?:\w+\s+)?$", text[max(sent.start, m.start() - 25) : m.start()]
                )
                items = people or [x for x in items[:1] if builder.cluster(x).type in _ORG_TYPES and finite]  # not "en runde ledet af X"
            if not items:
                continue
            subj = builder.subject_before(sent, m.start())
            of = re.search(r"\baf\s+(.+?)\s+(?:er|tæller|omfatter)$", m.group(0)) if pred == "org:memberOf" else re.search(r"^partnerne\s+(?:bag|i)\s+(.+?)\s+er$", m.group(0), re.I)
            if of:  # "Medlemmerne af klyngen er …", "Medlemmerne af Sund Vækst er …", "Partnerne i X er …"
                named = builder.in_range(m.start() + of.start(1), m.start() + of.end(1))
                subj = builder.cluster(named[0]) if named else (builder.anaphor(sent, of.group(1), strict=True) or subj)
            elif pred in ("eco:partnerIn", "org:memberOf") and direction == "items->subject" and not builder.in_range(sent.start, m.start()):
                lead_words = re.findall(r"[\wæøå-]+", text[sent.start : m.end()].lower())[:4]
                if not any(_trigger_type(w) not in (None, "none") for w in lead_words):
                    # "Partnere er desuden A og B": the collaboration last named (in a
                    # "Fakta om X" or "Om X" section: X)
                    if sent.section > 0 and sent.section in builder.section_entity:
                        subj = builder.section_entity[sent.section]
                    else:
                        subj = builder.latest_collective(sent) or subj
            if pred == "schema:location" and re.search(r"\bsom\b[^,]*$", text[sent.start : m.start()]) and not builder.in_range(sent.start, m.start()):
                continue
            if pred == "org:subOrganizationOf":
                items = items[:1]
                if "forankret" in m.group(0).lower():  # anchored in an organisation's hierarchy, not in a network
                    items = [x for x in items if builder.cluster(x).type in ("Organizational Unit", "University", "Hospital", "Research Institute", "Region", "Municipality", "University College")]
            if direction == "items->main":
                target = builder.anaphor(sent)
                for it in items[:1]:
                    builder.add(builder.cluster(it), pred, target, sent)
                continue
            if direction == "items->anaphor":
                target = builder.anaphor(sent, m.group(0)[4:], strict=True)
                for it in items:
                    builder.add(builder.cluster(it), pred, target, sent)
                continue
            if direction in ("items<-leading", "leading->items"):
                leading = builder.items_after(sent.start, m.start())
                if not leading or len(text[sent.start : leading[0].start].split()) > 3:
                    continue
                for it in items[:1]:
                    for ld in leading:
                        if direction == "items<-leading":
                            builder.add(builder.cluster(it), pred, builder.cluster(ld), sent)
                        else:
                            builder.add(builder.cluster(ld), pred, builder.cluster(it), sent)
                continue
            joint = re.fullmatch(r"(?:i (?:tæt |nært )?samarbejde med|i partnerskab med|sammen med)|(samarbejder?\s+(?:tæt\s+|blandt andet\s+|bl\.a\.\s+)?med)", m.group(0), re.I)
            collective = ("Initiative", "Partnership", "Cluster", "Innovation Network", "Facility") + (("Organizational Unit",) if joint and joint.group(1) else ())
            if pred == "eco:partnerIn" and joint and subj is not None and subj.type not in collective:
                continue  # "Vejle Kommune har sammen med SDU fået …": co-actors, not partners in the municipality (a centre's collaborators are)
            if direction == "subject->items" and pred == "eco:partnerIn":
                lead = _lead_list(builder, sent, m.start())
                if lead:
                    for ld in lead:  # "A, B og C står bag X": each of them
                        for it in items:
                            builder.add(builder.cluster(ld), pred, builder.cluster(it), sent)
                    continue
            for it in items:
                obj = builder.cluster(it)
                if pred == "org:memberOf" and direction == "subject->items" and "medlem" in m.group(0).lower() and obj.type in ("Initiative", "Partnership"):
                    obj.type = "Association"  # "X er medlem af Partnerskabet for Y": a body with members, an organisation
                if direction == "items->subject":
                    builder.add(obj, pred, subj, sent)
                elif direction == "subject<-items":
                    builder.add(subj, pred, obj, sent)
                else:
                    builder.add(subj, pred, obj, sent)


def rule_steering_groups(builder: _Builder, sent: _Sentence) -> None:
    """"X sidder med i partnerskabets styregruppe sammen med Y": X and Y take part in it."""
    sm = _STEERING.search(builder.ctx.text, sent.start, sent.end)
    if not sm or _trigger_type(sm.group(1)) in (None, "none"):
        return
    target = builder.anaphor(sent, sm.group(1), strict=True)
    if target is None or target.type not in ("Initiative", "Partnership", "Innovation Network", "Cluster"):
        return
    members = [builder.subject_before(sent, sm.start())]
    tm = re.match(r"\s+sammen\s+med\s+", builder.ctx.text[sm.end() : sent.end])
    if tm:
        members += [builder.cluster(x) for x in builder.items_after(sm.end() + tm.end(), sent.end)]
    for c in members:
        if c is not None and c is not target and c.type in _ORG_TYPES:
            builder.add(c, "eco:partnerIn", target, sent)


def rule_responsible_for(builder: _Builder, sent: _Sentence) -> None:
    """"Hjerteafdelingen på X står for den kliniske del": a part of the collaboration
    the text is about, so a partner in it."""
    rm = re.search(r"\bstår\s+for\s+(?:den|det|de)\s+[a-zæøå]", builder.ctx.text[sent.start : sent.end])
    if not rm:
        return
    subj = builder.subject_before(sent, sent.start + rm.start())
    target = builder.latest_collective(sent) or (builder.main if builder.main is not None and builder.main.type in ("Initiative", "Partnership") else None)
    if subj is not None and target is not None and subj is not target and subj.type in _ORG_TYPES:
        builder.add(subj, "eco:partnerIn", target, sent)


def rule_genitive_units(builder: _Builder, sent: _Sentence) -> None:
    text = builder.ctx.text
    for m in builder.in_range(sent.start, sent.end):
        c = builder.cluster(m)
        if c.type == "Facility":  # "Forskerparken i Odense"
            nxt = [x for x in builder.in_range(m.end, min(sent.end, m.end + 40)) if re.fullmatch(r"\s+i\s+", text[m.end : x.start])]
            if nxt and builder.cluster(nxt[0]).type in ("Municipality", "Region"):
                builder.add(c, "schema:location", builder.cluster(nxt[0]), sent)
            continue
        if c.type not in ("Organizational Unit", "Research Institute", "Hospital"):
            continue
        # "Klinisk Institut på Syddansk Universitet", "Afdeling for X ved Rigshospitalet"
        nxt = [x for x in builder.in_range(m.end, min(sent.end, m.end + 80)) if re.fullmatch(r"\s+(?:på|ved|under|hos)\s+", text[m.end : x.start])]
        if nxt and builder.cluster(nxt[0]).type in ("University", "Hospital", "Region", "Municipality", "University College", "Company") and c.known is None:
            c.type = "Organizational Unit"  # an institute at a university, a clinic at a hospital: a department
            builder.add(c, "org:subOrganizationOf", builder.cluster(nxt[0]), sent)
            continue
        if c.type != "Organizational Unit":
            continue
        if m.parent is not None:
            parent = builder.find_cluster(m.parent.label)
            if parent is not None and parent is not c:
                builder.add(c, "org:subOrganizationOf", parent, sent)
            continue
        words = m.label.split()
        k = _split_genitive(words)
        if k is None:
            continue
        parent_name = " ".join(words[: k + 1])
        parent = builder.find_cluster(parent_name) or builder.find_cluster(parent_name[:-1])
        if parent is not None and not parent.mentions:
            pm = _Mention(m.start, m.start + len(parent_name) - 1, parent.label, parent.type, "gazetteer", parent.known)
            parent.mentions.append(pm)
            builder.of_mention[id(pm)] = parent
        if parent is not None and parent is not c:
            builder.add(c, "org:subOrganizationOf", parent, sent)


def rule_elaborations(builder: _Builder) -> None:
    """"… satsninger på det velfærdsteknologiske område, som alle har adresse i
    Forskerparken. Det drejede sig blandt andet om A, B og C.": the listed
    items share the group's place and the focus terms that describe it."""
    text = builder.ctx.text
    sents = builder.ctx.sentences
    for k in range(1, len(sents)):
        s, prev = sents[k], sents[k - 1]
        em = _ELABORATION.match(s.text)
        if not em or not re.match(r"^(?:Det|Der)\s+(?:drejer|drejede|handler|handlede)\s+sig|^Heriblandt|^Blandt\s+(?:dem|disse)", s.text, re.I):
            continue
        items = [builder.cluster(m) for m in builder.items_after(s.start + em.end(), s.end)]
        items = [c for c in items if c.type in _ORG_TYPES | {"Initiative", "Partnership"}]
        if not items or builder.in_quotation(s):
            continue
        quote = _Sentence(prev.start, s.end, text[prev.start : s.end], prev.line_start, s.section)
        gp = _GROUP_PLACE.search(text, prev.start, prev.end)
        if gp:
            place = builder.items_after(gp.end(), prev.end)
            if place and builder.cluster(place[0]).type in ("Facility", "Municipality", "Region"):
                for c in items:
                    builder.add(c, "schema:location", builder.cluster(place[0]), quote)
        for t in find_focus_terms(text[prev.start : gp.start() if gp else prev.end]):
            fcs = [c for c in builder.clusters if c.type == "Focus Area" and normalise(c.label) == normalise(t.label)]
            for c in items:
                if fcs and c.type in _FOCUS_SUBJECT_TYPES and "udvalg" not in c.label.lower():
                    builder.add(c, "dcterms:subject", fcs[0], quote)


def rule_member_lists(builder: _Builder) -> None:
    """A bullet list after "Partnerne bag X er:", "Medlemmerne er:", "Konsortiet består af:"."""
    text = builder.ctx.text
    sents = builder.ctx.sentences
    for i, s in enumerate(sents):
        head = s.text.rstrip()
        if not head.endswith(":"):
            continue
        cue = re.search(r"\b(partnere|partnerne|parterne|deltagere|deltagerne|medlemmer|medlemmerne|består af|bestående af|samarbejder med|i samarbejde med|sammen med)\b", head, re.I)
        if not cue:
            continue
        pred = "org:memberOf" if re.search(r"medlem|består|bestående", cue.group(1), re.I) else "eco:partnerIn"
        subj = builder.subject_before(s, s.start + cue.start()) if cue.start() > 0 else builder.anaphor(s, head)
        if re.match(r"^(partnerne|parterne|deltagerne|medlemmerne)\b", head, re.I):
            subj = builder.anaphor(s, head[cue.end() :]) or subj
        k = i + 1
        if not (k < len(sents) and _BULLET.match(text[sents[k].line_start : sents[k].end]) and sents[k].section == s.section):
            # no list under the colon, and "Om A", "Om B" … sections follow: those are the list
            sec = s.section + 1
            quote = _Sentence(s.start, s.end, s.text, s.line_start, s.section)
            follows = k < len(sents) and sents[k].section == sec
            while follows and sec in builder.section_entity:
                item = builder.section_entity[sec]
                if item is not subj and item.type in _ORG_TYPES:
                    builder.add(item, pred, subj, quote)
                sec += 1
            continue
        while k < len(sents) and _BULLET.match(text[sents[k].line_start : sents[k].end]) and sents[k].section == s.section:
            b = sents[k]
            ms = builder.in_range(b.start, b.end)
            item = builder.cluster(ms[0]) if ms else None
            if item is None:
                label = b.text.strip().lstrip("•·▪●◦-–* ").rstrip(".;, ")
                words = label.split()
                off = text.find(label, b.start)
                if off >= 0 and 1 <= len(words) <= 6 and all(_is_cap(w) or w.lower() in _CONNECTORS for w in words):
                    m = _Mention(off, off + len(label), label, _classify(words) or "Company", "list")
                    item = _Cluster(label, m.type, [m], {label})
                    builder.clusters.append(item)
                    builder.of_mention[id(m)] = item
                    builder.mentions.append(m)
                    builder.mentions.sort(key=lambda x: x.start)
            if item is not None:
                builder.add(item, pred, subj, _Sentence(s.start, b.end, text[s.start : b.end], s.line_start, s.section))
            k += 1
