"""Roles stated after the actor: "A og B deltager også som partnere", "X,
som er med som virksomhedspartner", "Også X er med som partner" (partners
in the entity the sentence is about), and "Den daglige drift varetages af X"
(X runs it: ``org:headOf`` and a partner).
"""

from __future__ import annotations

import re

from graph.ingest.lexicon import _HEAD_TITLES
from graph.ingest.mentions import _Sentence
from graph.ingest.model import _ORG_TYPES
from graph.ingest.people import _title_phrase
from graph.ingest.statements import _Builder

__all__ = ["rule_partner_roles", "rule_day_to_day_running", "rule_fellow_members", "rule_pronoun_posts", "rule_appointed_head", "rule_responsible_person", "rule_starting_together", "rule_own_project", "rule_committee_parent", "rule_heads_initiative"]

_AS_PARTNER = re.compile(r"\b(?:er|deltager|indgår)\s+(?:også\s+|desuden\s+|nu\s+)?(?:med\s+)?som\s+[\wæøå-]*partner(?:e|ne)?\b")
_FELLOWS = re.compile(r"^\s+sammen\s+med\s+(?:blandt\s+andre\s+|bl\.\s?a\.\s+|blandt\s+andet\s+|bl\.a\.\s+)?")
_PRONOUN = re.compile(r"^(?:Hun|Han)\s+(?:er|var|bliver)\s+(?:(?:i dag|nu|også|desuden|til daglig)\s+)?")
_POST_AT = re.compile(r"(?:^|\s+og\s+|,\s*)((?:[a-zæøå.-]+\s+){0,2}[a-zæøå.-]+)\s+(?:ved|på|i|hos|for)\s+$")
_APPOINTED = re.compile(r"^\W*(?:Som|Ny)\s+(?:leder|direktør|formand|chef|centerleder)\s+(?:af|for)\s+([\wæøå-]+)\s+(?:er|bliver|er blevet)\s+(?:[a-zæøå]+\s+){0,2}?$")
_RESPONSIBLE = re.compile(r"\s+er\s+(?:overordnet\s+|fagligt?\s+|klinisk\s+)?ansvarlig\s+for\s+((?:det|den)\s+)?([a-zæøå-]+(?:et|en))\b")
_RUNNING = re.compile(r"\b(?:drift(?:en)?|ledelse(?:n)?)\s+(?:\w+\s+)?varetages\s+(?:\w+\s+)?af\s+")


def rule_partner_roles(builder: _Builder, sent: _Sentence) -> None:
    text = builder.ctx.text
    m = _AS_PARTNER.search(text, sent.start, sent.end)
    if m is None:
        return
    actors = [x for x in builder.in_range(sent.start, m.start()) if builder.cluster(x).type in _ORG_TYPES]
    if not actors:
        return
    if re.search(r",\s*(?:der|som)\s+$", text[actors[-1].end : m.start()]):
        actors = actors[-1:]  # "…, startup X, som er med som partner": the name the clause hangs on
    elif not all(re.fullmatch(r",\s*|\s+(?:og|samt)\s+", text[a.end : b.start]) for a, b in zip(actors, actors[1:])):
        return  # the actors must be one list: "A og B deltager som partnere"
    target = builder.latest_collective(sent) or builder.anaphor(sent)  # a partner in the collaboration last named
    if target is None or target.type in ("Person", "Focus Area", "Municipality", "Region"):
        return
    for a in actors:
        builder.add(builder.cluster(a), "eco:partnerIn", target, sent)


_AT_THE_HEAD = re.compile(r"\b(?:står|stod)\s+(?:nu\s+|også\s+)?i\s+spidsen\s+for\s+")


def rule_heads_initiative(builder: _Builder, sent: _Sentence) -> None:
    """"X står i spidsen for Y" with Y a named initiative: X runs it (``org:headOf``) and is a partner."""
    text = builder.ctx.text
    for m in _AT_THE_HEAD.finditer(text, sent.start, sent.end):
        after = [x for x in builder.in_range(m.end(), sent.end) if x.start == m.end()]
        if not after or builder.cluster(after[0]).type not in ("Initiative", "Partnership"):
            continue
        head = builder.subject_before(sent, m.start())
        if head is None or head.type not in _ORG_TYPES:
            continue
        builder.add(head, "org:headOf", builder.cluster(after[0]), sent)
        builder.add(head, "eco:partnerIn", builder.cluster(after[0]), sent)


def rule_day_to_day_running(builder: _Builder, sent: _Sentence) -> None:
    text = builder.ctx.text
    m = _RUNNING.search(text, sent.start, sent.end)
    if m is None:
        return
    after = [x for x in builder.in_range(m.end(), sent.end) if x.start == m.end()]
    if not after or builder.cluster(after[0]).type not in _ORG_TYPES:
        return
    target = builder.subject_before(sent, m.start())
    if target is None or target.type in ("Person", "Focus Area", "Municipality", "Region"):
        return
    builder.add(builder.cluster(after[0]), "org:headOf", target, sent)
    builder.add(builder.cluster(after[0]), "eco:partnerIn", target, sent)


def rule_fellow_members(builder: _Builder, sent: _Sentence) -> None:
    """"X er medlem af Y sammen med (blandt andre) A og B": A and B are members of Y too."""
    text = builder.ctx.text
    here = (sent.start, sent.end)
    for st in [x for x in builder.out if x.p == "org:memberOf" and x.sent == here]:
        obj_ms = [x for x in builder.in_range(sent.start, sent.end) if builder.cluster(x) is st.o]
        if not obj_ms:
            continue
        fm = _FELLOWS.match(text[obj_ms[-1].end : sent.end])
        if fm is None:
            continue
        for it in builder.items_after(obj_ms[-1].end + fm.end(), sent.end):
            builder.add(builder.cluster(it), "org:memberOf", st.o, sent)


def _last_person(builder: _Builder, sent: _Sentence):
    people = [x for x in builder.in_range(builder.ctx.sentences[0].start, sent.start, persons=True) if builder.cluster(x).type == "Person"]
    return builder.cluster(people[-1]) if people and builder.section_of(people[-1].start) == sent.section else None


def rule_pronoun_posts(builder: _Builder, sent: _Sentence) -> None:
    """"Hun er i dag klinisk professor ved X og overlæge på Y": the posts of
    the person named last before the sentence."""
    text = builder.ctx.text
    pm = _PRONOUN.match(sent.text)
    if pm is None:
        return
    person = _last_person(builder, sent)
    if person is None:
        return
    cursor = sent.start + pm.end()
    for it in builder.in_range(cursor, sent.end):
        org = builder.cluster(it)
        tm = _POST_AT.search(text[cursor : it.start]) if org.type in _ORG_TYPES | {"Facility"} else None
        if tm and (_title_phrase(tm.group(1)) or _title_phrase(tm.group(1).split()[-1])):  # "klinisk professor"
            builder.add(person, "schema:worksFor", org, sent, post=tm.group(1))
            if _HEAD_TITLES.match(tm.group(1)):
                builder.add(person, "org:headOf", org, sent, post=tm.group(1))
        cursor = it.end


def rule_appointed_head(builder: _Builder, sent: _Sentence) -> None:
    """"Som leder af centret er professor X udpeget": X heads (and works for)
    the entity the definite noun refers to."""
    text = builder.ctx.text
    people = [x for x in builder.in_range(sent.start, sent.end, persons=True) if builder.cluster(x).type == "Person"]
    if not people:
        return
    am = _APPOINTED.match(text[sent.start : people[0].start])
    if am is None:
        return
    org = builder.anaphor(sent, am.group(1), strict=True)
    if org is None or org.type in ("Person", "Focus Area"):
        return
    person = builder.cluster(people[0])
    title = am.group(0).split()[1]
    builder.add(person, "schema:worksFor", org, sent, post=title)
    builder.add(person, "org:headOf", org, sent, post=title)


def rule_responsible_person(builder: _Builder, sent: _Sentence) -> None:
    """"Overlæge X fra Y er ansvarlig for forsøget": X leads what the definite noun refers to."""
    text = builder.ctx.text
    rm = _RESPONSIBLE.search(text, sent.start, sent.end)
    if rm is None:
        return
    people = [x for x in builder.in_range(sent.start, rm.start(), persons=True) if builder.cluster(x).type == "Person"]
    if not people:
        return
    target = builder.anaphor(sent, rm.group(2), strict=True) or _named_after(builder, sent, rm.group(2))
    if target is not None and target.type in ("Initiative", "Partnership"):
        builder.add(builder.cluster(people[0]), "org:headOf", target, sent)


def _named_after(builder: _Builder, sent: _Sentence, noun: str):
    """The entity an earlier sentence opening with the same definite noun named
    ('Forsøget, der har fået navnet "X", …' for "forsøget")."""
    for s_ in builder.ctx.sentences:
        if s_.start >= sent.start or not s_.text.lower().startswith(noun.lower()):
            continue
        for m in builder.in_range(s_.start, s_.end):
            if re.search(r"navnet\s*[”“\"']?$", builder.ctx.text[max(s_.start, m.start - 12) : m.start]):
                return builder.cluster(m)
    return None


_STARTS_WITH = re.compile(r"\s+(?:(?:kan|skal|vil|kunne)\s+(?:nu\s+)?)?(?:gå|går|gik)\s+i\s+gang\s+med\s+(?:(?:det|den)\s+(?:nye\s+)?)?(?:[\wæøå-]+(?:et|en)\s+)?[”“\"']?")


def rule_starting_together(builder: _Builder, sent: _Sentence) -> None:
    """"Med N kan A og B gå i gang med projektet X", "A og B går i gang med X":
    A and B are partners in X."""
    text = builder.ctx.text
    for gm in _STARTS_WITH.finditer(text, sent.start, sent.end):
        named = [x for x in builder.in_range(gm.end(), sent.end) if x.start <= gm.end() + 1]
        before = builder.in_range(sent.start, gm.start())
        if not named or not before or before[-1].end != gm.start():
            continue
        actors = [before[-1]]
        for a in reversed(before[:-1]):
            if not re.fullmatch(r",\s*|\s+(?:og|samt)\s+", text[a.end : actors[0].start]):
                break
            actors.insert(0, a)
        target = builder.cluster(named[0])
        for a in actors:
            if builder.cluster(a).type in _ORG_TYPES:
                builder.add(builder.cluster(a), "eco:partnerIn", target, sent)


_WITH_PROJECT = re.compile(r"^\W*Med\s+(?:det\s+nye\s+|den\s+nye\s+)?(?:projektet|initiativet|programmet|indsatsen|satsningen)\s+[”“\"']?$")


def rule_own_project(builder: _Builder, sent: _Sentence) -> None:
    """"Med projektet X vil kommunen …": the actor of the clause runs its project X (head and partner)."""
    text = builder.ctx.text
    ms = builder.in_range(sent.start, sent.end)
    if not ms or not _WITH_PROJECT.match(text[sent.start : ms[0].start]) or builder.cluster(ms[0]).type not in ("Initiative", "Partnership"):
        return
    am = re.match(r"[”“\"']?\s+(?:vil|skal|kan|ønsker|håber|sætter|går)\s+(?:(?:nu|derfor)\s+)?(\S+)", text[ms[0].end : sent.end])
    if am is None:
        return
    at = ms[0].end + am.start(1)
    named = [x for x in ms[1:] if x.start == at]
    actor = builder.cluster(named[0]) if named else (builder.anaphor(sent, am.group(1), strict=True) if re.fullmatch(r"[a-zæøå]+(?:en|et)", am.group(1)) else None)
    if actor is not None and actor.type in _ORG_TYPES:
        builder.add(actor, "org:headOf", builder.cluster(ms[0]), sent)
        builder.add(actor, "eco:partnerIn", builder.cluster(ms[0]), sent)


def rule_committee_parent(builder: _Builder) -> None:
    """A political committee (``…udvalget``, ``Udvalg for …``) the text gives no
    parent belongs to the one municipality or region the text names; its
    members work for that body too."""
    bodies = [c for c in builder.clusters if c.type in ("Municipality", "Region") and c.mentions]
    if len(bodies) != 1:
        return
    body = bodies[0]
    for c in builder.clusters:
        if c.type != "Organizational Unit" or not re.search(r"udvalg(?:et)?\b", c.label, re.I):
            continue
        if any(st.s is c and st.p == "org:subOrganizationOf" for st in builder.out):
            continue
        m = min(c.mentions, key=lambda x: x.start)
        sent = next(s for s in builder.ctx.sentences if s.start <= m.start < s.end)
        builder.add(c, "org:subOrganizationOf", body, sent)
        for st in [x for x in builder.out if x.p == "schema:worksFor" and x.o is c]:
            builder.add(st.s, "schema:worksFor", body, _Sentence(st.sent[0], st.sent[1], builder.ctx.text[st.sent[0] : st.sent[1]], sent.line_start, sent.section), post=st.post)
