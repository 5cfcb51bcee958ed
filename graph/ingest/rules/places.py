"""Places: location adjectives (``den nordjyske virksomhed``), regions an
entity gathers, address lines, sites and offices; and an organisation's
own contact line (its e-mail).
"""

from __future__ import annotations

import re

from graph.danish import find_emails
from graph.ingest.clusters import _Cluster, _label_of
from graph.ingest.lexicon import _PLACE_ADJECTIVES, _REGION_ADJECTIVES, _STREET
from graph.ingest.mentions import _Mention, _Sentence
from graph.ingest.model import _ORG_TYPES
from graph.ingest.statements import _Builder

__all__ = ["rule_place_adjectives", "rule_gathers_region", "rule_from_town", "rule_org_contact_lines", "rule_address_lines", "rule_sites"]


_GATHERS = re.compile(r"\bsamler\s+(?:alle\s+|de\s+|en\s+række\s+)?([a-zæøå]+ske)\s+(?:aktører|virksomheder|kommuner|parter|organisationer|klynger)\b", re.I)
_SITE_NOUN = re.compile(
    r"s?((?:\s+[a-zæøå]+(?:\s+og\s+[a-zæøå]+)?){0,3}?)\s+(faciliteter|lokaler|laboratorium|laboratorier|testfaciliteter|testcenter|showroom|værksted)\b"
)
_OFFICE_CUE = re.compile(r"\b(?:har|med)\s+(?:sine\s+|sit\s+|et\s+|to\s+|tre\s+)?(kontor(?:er)?|afdeling(?:er)?)\s+i\s+")


def rule_place_adjectives(builder: _Builder, sent: _Sentence) -> None:
    """"Københavnske GlucoLog ApS", "den nordjyske virksomhed X": X is located there."""
    text = builder.ctx.text
    for m in builder.in_range(sent.start, sent.end):
        c = builder.cluster(m)
        if c.type not in ("Company", "Association", "Cluster", "Innovation Network", "Research Institute", "Investor"):
            continue
        am = re.search(r"([A-Za-zæøåÆØÅ]+ske)\s+(?:(?:virksomhed|virksomheden|startup|start-up|klynge|klyngen|forening|foreningen|selskab|selskabet)\s+)?$", text[max(sent.start, m.start - 40) : m.start])
        if not am or am.group(1).lower() not in _PLACE_ADJECTIVES:
            continue
        place = builder.find_cluster(_PLACE_ADJECTIVES[am.group(1).lower()])
        if place is not None and place.type in ("Municipality", "Region"):
            if not place.mentions:
                pm = _Mention(m.start - len(am.group(0)), m.start - len(am.group(0)) + len(am.group(1)), place.label, place.type, "adjective", place.known)
                place.mentions.append(pm)
                builder.of_mention[id(pm)] = place
            builder.add(c, "schema:location", place, sent)


def rule_from_town(builder: _Builder, sent: _Sentence) -> None:
    """"virksomhederne CareSense ApS fra Vejle og …": a company, association or
    cluster named with the town it comes from is located there (a town's bare
    name only: "… fra Aarhus Kommune" may be who gives the money)."""
    text = builder.ctx.text
    ms = builder.in_range(sent.start, sent.end)
    for a, b in zip(ms, ms[1:]):
        org, town = builder.cluster(a), builder.cluster(b)
        if org.type not in ("Company", "Association", "Cluster", "Innovation Network") or town.type != "Municipality":
            continue
        if re.fullmatch(r"\s+fra\s+", text[a.end : b.start]) and not text[b.start : b.end].endswith("Kommune"):
            builder.add(org, "schema:location", town, sent)


def rule_gathers_region(builder: _Builder, sent: _Sentence) -> None:
    """"X samler (alle) nordjyske aktører": X is located in that region."""
    gm = _GATHERS.search(builder.ctx.text, sent.start, sent.end)
    if not gm or gm.group(1).lower() not in _REGION_ADJECTIVES:
        return
    subj = builder.subject_before(sent, gm.start())
    region = builder.find_cluster(_REGION_ADJECTIVES[gm.group(1).lower()])
    if subj is not None and region is not None and subj.type in _ORG_TYPES and region.type == "Region":
        if not region.mentions:
            rm_ = _Mention(gm.start(1), gm.end(1), region.label, "Region", "adjective", region.known)
            region.mentions.append(rm_)
            builder.of_mention[id(rm_)] = region
        builder.add(subj, "schema:location", region, sent)


def rule_org_contact_lines(builder: _Builder) -> None:
    """"Presseafdelingen, Radiomatic A/S, presse@radiomatic.dk": a contact line
    with an organisation and an e-mail but no person gives the organisation's address."""
    text = builder.ctx.text
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip("\n"))
        pos += len(line)
        emails = find_emails(text[start:end])
        if not emails or "|" in line:
            continue
        ms = builder.in_range(start, end, persons=True)
        if any(builder.cluster(x).type == "Person" for x in ms):
            continue
        orgs = [builder.cluster(x) for x in ms if builder.cluster(x).type in _ORG_TYPES]
        if len(orgs) > 1:
            orgs = [o for o in orgs if o.type != "Organizational Unit"] or orgs
        if len(orgs) == 1 and len(emails) == 1:
            sent = _Sentence(start, end, text[start:end], start, builder.section_of(start))
            builder.add(orgs[0], "vcard:hasEmail", emails[0].value, sent)


def rule_address_lines(builder: _Builder) -> None:
    """Footer lines "Organisation | Gade 1, By | ...": the organisation is located in each town."""
    text = builder.ctx.text
    pos = 0
    for line in text.splitlines(keepends=True):
        start, end = pos, pos + len(line.rstrip("\n"))
        pos += len(line)
        if line.count("|") < 1:
            continue
        cells = []
        c0 = start
        for cell in line.rstrip("\n").split("|"):
            cells.append((c0, c0 + len(cell)))
            c0 += len(cell) + 1
        orgs = [builder.cluster(m) for m in builder.in_range(*cells[0]) if builder.cluster(m).type in _ORG_TYPES]
        if len(orgs) != 1:
            continue
        sent = _Sentence(start, end, text[start:end], start, builder.section_of(start))
        org = orgs[0]
        for a, b in cells[1:]:
            cell = text[a:b]
            for e in find_emails(cell):
                builder.add(org, "vcard:hasEmail", e.value, sent)
            towns = [builder.cluster(m) for m in builder.in_range(a, b) if builder.cluster(m).type == "Municipality"]
            parts = [x.strip() for x in cell.split(",") if x.strip()]
            if not towns and parts and re.match(r"^Kbh\.?\b", parts[-1]):
                kbh = builder.find_cluster("København")  # "Kbh V": København
                if kbh is not None and kbh.type == "Municipality":
                    towns = [kbh]
            for town in towns:
                builder.add(org, "schema:location", town, sent)
            # "Havnen 66, Lemvig": a site of the organisation at that address
            if len(parts) >= 2 and towns and re.search(r"\d", parts[0]) and _STREET.search(parts[0].split()[0] if len(parts[0].split()) == 2 else parts[0].rsplit(" ", 1)[0]):
                town_txt = re.sub(r"^Kbh\.?(?=\s|$)", "København", parts[-1])
                site = _facility(builder, f"{_label_of(org)}, {parts[0]}, {town_txt}", a + cell.find(parts[0]), a + cell.find(parts[0]) + len(parts[0]))
                builder.add(org, "org:hasSite", site, sent)
                builder.add(site, "schema:location", towns[0], sent)


def _facility(builder: _Builder, label: str, start: int, end: int) -> _Cluster:
    """A facility (site) of an organisation, named by the rules; ``start:end`` is its mention."""
    for c in builder.clusters:
        if c.type == "Facility" and c.label == label:
            break
    else:
        c = _Cluster(label, "Facility", [], {label})
        builder.clusters.append(c)
    m = _Mention(start, end, label, "Facility", "site")
    c.mentions.append(m)
    builder.of_mention[id(m)] = c
    return c


def rule_sites(builder: _Builder) -> None:
    """Sites named in the text: "Syddansk Sundhedsinnovations … faciliteter",
    "X har kontorer i Odense og København" (one office per town)."""
    text = builder.ctx.text
    for m in list(builder.mentions):
        c = builder.cluster(m)
        if c.type not in _ORG_TYPES:
            continue
        surface = text[m.start : m.end]
        sm = _SITE_NOUN.match(text, m.end) if (surface.endswith("s") or text[m.end : m.end + 1] == "s") else None
        if not sm:
            continue
        sent = next((x for x in builder.ctx.sentences if x.start <= m.start < x.end), None)
        if sent is None:
            continue
        gen = surface if surface.endswith("s") else surface + "s"
        site = _facility(builder, f"{gen} {sm.group(2)}", m.start, sm.end())
        builder.add(c, "org:hasSite", site, sent)
    for sent in builder.ctx.sentences:
        for om in _OFFICE_CUE.finditer(text, sent.start, sent.end):
            subj = builder.subject_before(sent, om.start())
            if subj is None or subj.type not in _ORG_TYPES:
                continue
            noun = "kontor" if om.group(1).startswith("kontor") else "afdeling"
            for it in builder.items_after(om.end(), sent.end):
                town = builder.cluster(it)
                if town.type != "Municipality":
                    break
                label = f"{_genitive(_label_of(subj))} {noun} i {text[it.start : it.end]}"
                site = _facility(builder, label, it.start, it.end)
                builder.add(subj, "org:hasSite", site, sent)
                builder.add(site, "schema:location", town, sent)


def _genitive(name: str) -> str:
    """Danish genitive: ``Welfare Tech`` -> ``Welfare Techs``, ``Novo Nordisk Fonden`` -> ``Novo Nordisk Fondens``, ``DTU Aqua's``."""
    if name.endswith(("s", "x", "z")):
        return name + "'"
    return name + ("'s" if name[-1:].isupper() and name.split()[-1].isupper() else "s")
