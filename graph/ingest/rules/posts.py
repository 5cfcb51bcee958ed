"""People's posts (``siger Navn Navnesen, direktør i X``, contact lines,
``henholdsvis CEO og CTO``), with the unit, party or organisation they hold
them in.
"""

from __future__ import annotations

import re

from graph.danish import find_emails, find_phones
from graph.ingest.clusters import _Cluster
from graph.ingest.lexicon import (
    _FOUNDER_TITLES,
    _HEAD_TITLES,
    _KIND_HEAD,
    _MAIL_DOMAINS,
    _PARTIES,
    _REL_TITLE,
    _SPEECH,
    _TITLE_RE,
    _UNIT_NAME,
)
from graph.ingest.mentions import _Mention, _Sentence, _trigger_type
from graph.ingest.model import _ORG_TYPES
from graph.ingest.people import _title_phrase, _title_word
from graph.ingest.statements import _Builder

__all__ = ["rule_respectively", "rule_people", "rule_mail_domains"]


_RESPECTIVELY = re.compile(r"(?:,\s*)?(?:der|som)\s+(?:(?:i dag|nu|begge)\s+)?(?:er|var|bliver)\s+henholdsvis\s+(.+?)\s+og\s+(.+?)(?:\s+(?:i|hos|for|ved)\s+(.+?))?\s*[.,;]")
_TITLE_ORG_TYPE = (
    (re.compile(r"^regions(råds)?(formand|næstformand|direktør)$|^regionsrådsmedlem$", re.I), "Region"),
    (re.compile(r"^(borgmester|\w+borgmester|rådmand|kommunaldirektør|byrådsmedlem)$", re.I), "Municipality"),
    (re.compile(r"^(rektor|prorektor|dekan)$", re.I), "University"),
)


def rule_respectively(builder: _Builder, sent: _Sentence) -> None:
    """"… af A og B, der i dag er henholdsvis CEO og CTO": A is CEO, B is CTO of
    the organisation the sentence is about (or named after "i/hos")."""
    text = builder.ctx.text
    rm = _RESPECTIVELY.search(text, sent.start, sent.end + 1)
    if not rm:
        return
    people = [builder.cluster(x) for x in builder.in_range(sent.start, rm.start(), persons=True) if builder.cluster(x).type == "Person"][-2:]
    titles = [rm.group(1).strip(), rm.group(2).strip()]
    if len(people) != 2 or not all(_title_phrase(t) or _TITLE_RE.match(t.split()[-1]) for t in titles):
        return
    org = None
    if rm.group(3):
        oms = builder.in_range(rm.start(3), rm.end(3))
        org = builder.cluster(oms[0]) if oms else None
    if org is None:
        org = builder.subject_before(sent, sent.start + 1) if builder.in_range(sent.start, sent.start + 40) else None
    if org is None or org.type not in _ORG_TYPES:
        return
    for person, title in zip(people, titles):
        builder.add(person, "schema:worksFor", org, sent, post=title)
        if _HEAD_TITLES.match(title):
            builder.add(person, "org:headOf", org, sent, post=title)


def rule_people(builder: _Builder) -> None:
    text = builder.ctx.text
    done: set[tuple] = set()
    for m in builder.mentions:
        c = builder.cluster(m)
        if c.type != "Person":
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        line_end = text.find("\n", m.end)
        line_end = len(text) if line_end < 0 else line_end
        sent = next((s for s in builder.ctx.sentences if s.start <= m.start < s.end), None)
        if sent is None:
            continue
        # contact data on the same line (or the lines just below a name on its own line)
        block_end = line_end
        # contact lines right below: "Mail: …", "Telefon: …"
        nxt = line_end
        while nxt < len(text):
            n2 = text.find("\n", nxt + 1)
            n2 = len(text) if n2 < 0 else n2
            line2 = text[nxt:n2].strip()
            bare_contact = bool(line2) and (
                (find_emails(line2) and find_emails(line2)[0].text == line2) or (find_phones(line2) and len(line2) <= 20)
            )
            if not bare_contact and not re.match(r"^\s*(e-?mail|mail|tlf\.?|telefon|mobil|mob\.?|direkte|phone)\s*:?", line2, re.I):
                break
            block_end = nxt = n2
        own_line = text[line_start:line_end].strip()
        if own_line == m.label or (own_line.endswith(m.label) and _title_phrase(own_line[: -len(m.label)].strip())):
            nxt = line_end  # the name alone (or after its title) on its line: contact lines and organisation below
            for _ in range(4):
                n2 = text.find("\n", nxt + 1)
                n2 = len(text) if n2 < 0 else n2
                line_ms = builder.in_range(nxt, n2, persons=True)
                if not text[nxt:n2].strip() or any(builder.cluster(x).type == "Person" for x in line_ms):
                    break
                line2 = text[nxt:n2].strip()
                if line_ms and (line2 == text[line_ms[0].start : line_ms[-1].end].strip() or (
                    line2.startswith(text[line_ms[0].start : line_ms[0].end] + ",") and len(line2.split()) <= 6 and "." not in line2
                )):  # "Aarhus Universitet", "Aarhus Universitet, Health"
                    below_org = builder.cluster(line_ms[0])  # "Navn\nOrganisation\nTlf.: …"
                    if below_org.type in _ORG_TYPES:
                        builder.below_org[id(m)] = below_org
                block_end = n2
                nxt = n2
        block = text[line_start:block_end]
        for e in find_emails(block):
            builder.add(c, "vcard:hasEmail", e.value, _Sentence(line_start, block_end, block, line_start, sent.section))
        for ph in find_phones(block):
            builder.add(c, "vcard:hasTelephone", ph.value, _Sentence(line_start, block_end, block, line_start, sent.section))
        # posts: "Name, title, Org" / "Title, Name, Org" / "title for Org"
        after = text[m.end : sent.end]
        before_line = text[max(line_start, sent.start) : m.start]  # this sentence only
        titles: list[tuple[str, _Cluster | None]] = []
        lp = re.match(r"\s*\(([A-ZÆØÅ])\)(?=\s*,)", after)  # "Navn (S), formand for …": the party, then the title
        if lp and lp.group(1) in _PARTIES:
            builder.add(c, "org:memberOf", _party(builder, _PARTIES[lp.group(1)], lp.group(1), m.end + lp.start(1)), sent)
            after = after[lp.end() :]
        am = re.match(r"^\s*,\s*(.+)$", after, re.S)
        segs = []
        if am:
            segs = [_REL_TITLE.sub("", x.strip()) for x in re.split(r",\s*", am.group(1))]
        # "Kontaktperson: Projektchef Navn, …": the label of a contact line is no title
        before_line = re.sub(r"^\s*(?:kontakt\w*|pressekontakt|(?:for\s+)?yderligere\s+(?:information|oplysninger))\s*:\s*", "", before_line, flags=re.I)
        lead_part = re.split(r"[”\"“»«]", before_line)[-1]
        sv = re.search(r"\b(siger|sagde|fortæller|udtaler|forklarer|mener|understreger|tilføjer|påpeger|lyder det fra)\s+(.*)$", lead_part, re.I | re.S)
        if sv:
            lead_part = sv.group(2)
        elif (led := re.search(r"\b(?:ledes|ledet|drives)\s+af\s+(\w+\s+)?$", lead_part)) and lead_part == before_line:
            # "… og ledes af professor X, SDU": the clause before is no title line, the title is
            lead_part = led.group(1) if led.group(1) and _TITLE_RE.match(led.group(1).strip()) else ""
        elif lead_part != before_line or _SPEECH.search(lead_part):
            lead_part = ""
        gt = re.search(r"(?:^|\s)([\wæøåÆØÅ.&/-]+s)\s+((?:[\wæøå.-]+\s+){0,2}[\wæøå.-]+)\s+(?:er|bliver|var|hedder)\s*$", lead_part)
        if gt and (_title_phrase(gt.group(2)) or _TITLE_RE.match(gt.group(2).split()[-1])):
            # "Virksomhedens administrerende direktør er Henriette Sørup", "Klyngens formand er X"
            gpos = m.start - len(lead_part) + gt.start(1) if lead_part else -1
            g_ms = [x for x in builder.in_range(max(sent.start, gpos - 1), m.start) if x.start <= gpos + len(gt.group(1))] if gpos >= 0 else []
            g_org = builder.cluster(g_ms[0]) if g_ms else (builder.anaphor(sent, gt.group(1), strict=True) if _trigger_type(gt.group(1)) not in (None, "none") else None)
            if g_org is not None and g_org.type in _ORG_TYPES:
                titles.append((gt.group(2), g_org))
            lead_part = ""
        if lead_part.strip(" •·-–*\t,"):
            segs = [x.strip() for x in re.split(r",\s*", lead_part.strip(" •·-–*\t,"))] + segs
        if text[line_start:line_end].strip() == m.label:  # name alone on its line: title on the line above
            pl_end = line_start - 1
            pl_start = text.rfind("\n", 0, max(0, pl_end)) + 1
            prev = text[pl_start:pl_end].strip()
            if prev and _title_phrase(prev):
                segs = [prev] + segs
            pp_end = pl_start - 1
            pp_start = text.rfind("\n", 0, max(0, pp_end)) + 1
            org_ms = builder.in_range(pp_start, max(pp_start, pp_end))
            if org_ms:
                segs.append(text[pp_start:pp_end].strip())
        orgs_in_segs: list[_Cluster] = []
        pending: list[str] = []
        unit_parents: set[int] = set()
        for k_seg, seg in enumerate(segs):
            if not seg:
                continue
            seg_clean = re.sub(r"\s*\(\w{1,3}\)\.?$", "", seg).rstrip(". ")
            pos = text.find(seg_clean, line_start if seg_clean in before_line else m.end)
            if pos < 0:
                pos = text.find(seg_clean, max(0, line_start - 200))
            seg_ms = builder.in_range(pos, pos + len(seg_clean)) if pos >= 0 else []
            seg_orgs = [builder.cluster(x) for x in seg_ms if builder.cluster(x).type in _ORG_TYPES]
            if _title_phrase(seg_clean):
                # "formand for Danske Regioner og regionsrådsformand i Region Syddanmark"
                seg_titles: list[tuple[str, _Cluster | None]] = []
                for part in re.split(r"\s+og\s+(?=[a-zæøå]+\.?(?:\s|$))", seg_clean):
                    pm = re.match(r"^(.*?)(?:\s+(?:for|i|hos|ved|på|af|in|at|of)\s+(.+))?$", part)
                    title = pm.group(1).strip()
                    if not _title_phrase(title):
                        continue
                    org = None
                    if pm.group(2):
                        ppos = text.find(pm.group(2), pos if pos >= 0 else 0)
                        oms = builder.in_range(ppos, ppos + len(pm.group(2))) if ppos >= 0 else []
                        org = builder.cluster(oms[0]) if oms else None
                        w1 = pm.group(2).split()[0]
                        if org is None and _trigger_type(w1) not in (None, "none"):
                            # "Leder af centret bliver professor X": the organisation referred to
                            org = builder.anaphor(sent, w1, strict=True)
                            org = org if org is not None and org.type in _ORG_TYPES | {"Initiative", "Partnership"} else None
                    seg_titles.append((title, org))
                    # "rådmand for Sundheds- og Kulturforvaltningen i Aalborg Kommune": a unit and its organisation
                    if org is not None and org.type == "Organizational Unit" and len(oms) >= 2:
                        par = builder.cluster(oms[1])
                        if par.type in ("Municipality", "Region", "University", "Hospital", "Company", "Public Authority") and re.fullmatch(
                            r"\s+(?:i|på|ved|under|hos)\s+", text[oms[0].end : oms[1].start]
                        ):
                            builder.add(org, "org:subOrganizationOf", par, sent)
                            titles.append((title, par))
                            unit_parents.add(id(par))  # the chair of a committee works for, but does not head, its body
                # "overlæge og klinikchef på Rigshospitalet": both posts are at Rigshospitalet
                later = None
                for title, org in reversed(seg_titles):
                    later = org or later
                    if org is None and later is None:
                        pending.append(title)
                    else:
                        titles.append((title, org or later))
                continue
            last_word = seg_clean.split()[-1] if seg_clean.split() else ""
            if seg_orgs and _TITLE_RE.match(last_word) and len(seg_clean.split()) >= 2:
                titles.append((last_word, seg_orgs[0]))  # "BioInnovation Institutes CEO, Jens Nielsen"
                continue
            first_w = seg_clean.split()[0] if seg_clean.split() else ""
            if not seg_orgs and _TITLE_RE.match(last_word) and len(seg_clean.split()) >= 2 and first_w.endswith("s") and _trigger_type(first_w) not in (None, "none"):
                # "Kommunens sundheds- og omsorgsborgmester, Mia Nyegaard": the organisation referred to
                org = builder.anaphor(sent, first_w, strict=True)
                if org is not None and org.type in _ORG_TYPES:
                    titles.append((seg_clean.split(None, 1)[1], org))
                    continue
            if not seg_orgs and (pending or titles) and not orgs_in_segs and pos >= 0 and k_seg + 1 < len(segs) and _UNIT_NAME.fullmatch(seg_clean):
                # "overlæge, Lungesygdomme, Aarhus Universitetshospital": a department between title and organisation
                nxt = re.sub(r"\s*\(\w{1,3}\)\.?$", "", segs[k_seg + 1]).rstrip(". ")
                npos = text.find(nxt, pos + len(seg_clean))
                n_orgs = [builder.cluster(x) for x in builder.in_range(npos, npos + len(nxt))] if npos >= 0 else []
                if n_orgs and n_orgs[0].type in ("Hospital", "University", "Municipality", "Region", "Company", "Research Institute", "University College", "Public Authority"):
                    seg_orgs = [_unit(builder, seg_clean, pos)]
            if seg_orgs:
                orgs_in_segs.extend(seg_orgs)
            elif find_emails(seg) or find_phones(seg):
                break
        if id(m) in builder.below_org and not orgs_in_segs:
            orgs_in_segs.append(builder.below_org[id(m)])
        if pending:
            org = orgs_in_segs[0] if orgs_in_segs else None
            for t in pending:
                if org is None:
                    # "siger regionsrådsformand Bo Libergren": the one region of the text; "Navn, CTO og
                    # medstifter" with no organisation: the one the text says the person founded
                    org = _implied_org(builder, t) or _founded_by(builder, c)
                titles.append((t, org))
                if len(orgs_in_segs) >= 2 and org is orgs_in_segs[0] and org.type == "Organizational Unit" and orgs_in_segs[1].type in _ORG_TYPES:
                    titles.append((t, orgs_in_segs[1]))  # "Projektleder X, Sundhed og Omsorg, Silkeborg Kommune": works for both
                    unit_parents.add(id(orgs_in_segs[1]))
        # "… og er samtidig tilknyttet Aarhus Universitet som klinisk lektor"
        for tk in re.finditer(r"\ber\s+(?:samtidig\s+|også\s+|desuden\s+)?(?:tilknyttet|ansat\s+(?:på|ved|hos|i))\s+", text[m.end : sent.end]):
            t_ms = builder.in_range(m.end + tk.end(), sent.end)
            if t_ms and t_ms[0].start == m.end + tk.end() and builder.cluster(t_ms[0]).type in _ORG_TYPES:
                som = re.match(r"\s+som\s+((?:[\wæøå.-]+\s+)?[\wæøå.-]+?)(?=[\s,.;]|$)", text[t_ms[0].end : sent.end])
                titles.append((som.group(1) if som else "ansat", builder.cluster(t_ms[0])))
        # "X har ansat Signe Kragh som ny direktør": a post at the organisation that hires
        hire = re.search(r"\b(?:har\s+)?(?:ansat|ansætter|udnævnt|udnævner|ansatte|udnævnte)\s+$", text[sent.start : m.start])
        as_ = re.match(r"\s+som\s+(?:(?:ny|nyt|nye|sin|sit|sine|konstitueret)\s+)?((?:[\wæøå.-]+\s+)?[\wæøå.-]+?)(?=[\s,.;]|$)", text[m.end : sent.end])
        if hire and as_ and (_title_phrase(as_.group(1)) or _TITLE_RE.match(as_.group(1).split()[-1])):
            emp = builder.subject_before(sent, sent.start + hire.start())
            if emp is not None and emp.type in _ORG_TYPES:
                titles.append((as_.group(1), emp))
        # "direktør Mads Holm bliver alliancens første leder": a post at the organisation in the genitive
        gp = re.match(r"\s+(?:bliver|er)\s+(?:nu\s+)?([\wæøåÆØÅ-]+s)\s+(?:(?:første|nye|kommende|nuværende)\s+)?([\wæøå-]+)(?=[\s,.;]|$)", text[m.end : sent.end])
        if gp and _TITLE_RE.match(gp.group(2)):
            g_ms = builder.in_range(m.end + gp.start(1), m.end + gp.end(1))
            g_org = builder.cluster(g_ms[0]) if g_ms else (builder.anaphor(sent, gp.group(1), strict=True) if _trigger_type(gp.group(1)) not in (None, "none") else None)
            if g_org is not None and g_org.type in _ORG_TYPES | {"Initiative", "Partnership"}:
                titles.append((gp.group(2), g_org))
        # "… hvor lektor X fra Institut for Y er projektleder": X leads the sentence's project
        pl_ = re.match(r"\s+(?:fra\s+[^,.]{1,60}?\s+)?(?:er|bliver)\s+(?:ny\s+)?(projektleder|programleder|projektchef|projektkoordinator)\b", text[m.end : sent.end])
        if pl_:
            proj = builder.anaphor(sent, text[sent.start : min(sent.end, sent.start + 40)], strict=True) or builder.latest_collective(sent)
            if proj is not None and proj.type in ("Initiative", "Partnership"):
                builder.add(c, "org:headOf", proj, sent, post=pl_.group(1))
        # a politician's party letter closing the description: "…, regionsrådsformand i Region Syddanmark (V)."
        pl = re.search(r"\(([A-ZÆØÅ])\)\s*[.,;]?\s*$", text[m.end : sent.end])
        if pl and pl.group(1) in _PARTIES and not [x for x in builder.in_range(m.end, m.end + pl.start(), persons=True) if builder.cluster(x).type == "Person"]:
            ps = m.end + pl.start(1)
            party = _party(builder, _PARTIES[pl.group(1)], pl.group(1), ps)
            builder.add(c, "org:memberOf", party, sent)
        # "professor Henrik Dalsgaard fra Aarhus Universitet", "overlæge Eva Lund ved OUH"
        fw = re.match(r"^\s+(?:fra|hos|ved)\s+", text[m.end : sent.end])
        tw = re.search(r"([\w.-]+)\s+$", text[max(sent.start, m.start - 40) : m.start])
        if fw and tw and _title_word(tw.group(1)):
            oms = builder.in_range(m.end + fw.end(), min(sent.end, m.end + fw.end() + 80))
            if oms and oms[0].start == m.end + fw.end() and builder.cluster(oms[0]).type in _ORG_TYPES:
                titles.append((tw.group(1), builder.cluster(oms[0])))
        # unit followed by its parent: "AAU Innovation, Aalborg Universitet"
        if len(orgs_in_segs) >= 2 and orgs_in_segs[0].type == "Organizational Unit" or (
            len(orgs_in_segs) >= 2 and orgs_in_segs[1].type == "University" and orgs_in_segs[0].type != "University"
        ):
            builder.add(orgs_in_segs[0], "org:subOrganizationOf", orgs_in_segs[1], sent)
        for title, org in titles:
            if org is None:
                continue
            key = (id(c), re.sub(r"^(med)?stifter og ", "", title.lower()), id(org))
            if key in done:
                continue
            done.add(key)
            q = sent
            if _FOUNDER_TITLES.search(title):
                builder.add(org, "schema:founder", c, q)
                if title.lower() in ("medstifter", "stifter", "founder", "co-founder"):
                    continue
            builder.add(c, "schema:worksFor", org, q, post=title)
            bare = re.sub(r"^.*\bog\s+", "", title)
            if id(org) in unit_parents:
                continue
            if _HEAD_TITLES.match(bare) or _KIND_HEAD.match(bare) or (
                # "innovationsdirektør, AAU Innovation": the director of a unit heads it
                org.type == "Organizational Unit"
                and re.search(r"(direktør|chef|leder|rådmand)$", bare, re.I)
                and not (bare.lower().endswith("leder") and not re.fullmatch(r"(?:center|centre|klinik|enheds?|sekretariats|afdelings|instituts?|klynge|netværks|daglig\s)?leder", bare.lower()))
                and not re.match(r"^(vice|sous|under|afdelings|projekt|team|gruppe|kommunikations|presse)", bare, re.I)
            ):
                builder.add(c, "org:headOf", org, q, post=title)


def rule_mail_domains(builder: _Builder) -> None:
    """A contact who writes from a region's or a university's domain
    (``…@rsyd.dk``, ``…@ph.au.dk``; ``lexicon._MAIL_DOMAINS``) for an
    organisation the text does not otherwise place works in a unit of that
    body: the organisation is its ``org:subOrganizationOf`` (and a unit, if
    nothing typed it). Only for an organisation that is not known, has no
    parent yet and is no body of its own by its name (a company with a legal
    form, a hospital, a municipality …), and only when that is the contact's
    one organisation besides the body itself."""
    text = builder.ctx.text
    works: dict[int, list[_Cluster]] = {}
    for st in builder.out:
        if st.p == "schema:worksFor" and isinstance(st.o, _Cluster):
            works.setdefault(id(st.s), []).append(st.o)
    placed = {id(st.s) for st in builder.out if st.p == "org:subOrganizationOf"}
    for st in list(builder.out):
        if st.p != "vcard:hasEmail" or st.s.type != "Person":
            continue
        domain = str(st.o).rsplit("@", 1)[-1].lower()
        name = next((n for d, n in _MAIL_DOMAINS.items() if domain == d or domain.endswith("." + d)), None)
        # the contact's organisations other than the body itself ("lektor fra Institut X …, Aalborg Universitet")
        others = list({id(o): o for o in works.get(id(st.s), []) if (o.known.label if o.known is not None else o.label) != name}.values())
        if name is None or len(others) != 1:
            continue
        org = others[0]
        if org.known is not None or id(org) in placed or org.type not in ("Organizational Unit", "Company"):
            continue
        if re.search(r"\s(?:A/S|ApS|I/S|P/S|K/S|IVS)$", org.label):
            continue
        body = builder.find_cluster(name)
        if body is None or body is org:
            continue
        hit = re.search(re.escape(str(st.o)), text[st.sent[0] : st.sent[1]], re.I)
        end = st.sent[0] + hit.end() if hit else st.sent[1]
        before = [m for m in org.mentions if m.start < end and end - m.start < 400]
        start = before[-1].start if before else st.sent[0]
        if org.type == "Company" and all(m.origin in ("guess", "acronym") for m in org.mentions):
            org.type = "Organizational Unit"  # nothing in the text said it was a company
        builder.add(org, "org:subOrganizationOf", body, _Sentence(start, end, text[start:end], start, builder.section_of(start)))
        placed.add(id(org))


def _implied_org(builder: _Builder, title: str) -> _Cluster | None:
    """A title that names its kind of organisation ("regionsrådsformand",
    "borgmester", "rektor") without naming it: the one such entity of the text."""
    bare = title.strip().split()[-1] if title.strip() else ""
    for pat, typ in _TITLE_ORG_TYPE:
        if pat.match(bare):
            cands = [c for c in builder.clusters if c.type == typ and c.mentions]
            return cands[0] if len(cands) == 1 else None
    return None


def _founded_by(builder: _Builder, person: _Cluster) -> _Cluster | None:
    """The one organisation the text says ``person`` founded, else None."""
    orgs = {id(st.s): st.s for st in builder.out if st.p == "schema:founder" and st.o is person}
    return next(iter(orgs.values())) if len(orgs) == 1 else None


def _unit(builder: _Builder, label: str, pos: int) -> _Cluster:
    """A unit named only in a post ("Lungesygdomme"), as an entity with its mention."""
    for c in builder.clusters:
        if c.label == label and c.type == "Organizational Unit":
            break
    else:
        c = _Cluster(label, "Organizational Unit", [], {label})
        builder.clusters.append(c)
    m = _Mention(pos, pos + len(label), label, "Organizational Unit", "post")
    c.mentions.append(m)
    builder.of_mention[id(m)] = c
    builder.mentions.append(m)
    builder.mentions.sort(key=lambda x: x.start)
    return c


def _party(builder: _Builder, name: str, letter: str, pos: int) -> _Cluster:
    for c in builder.clusters:
        if c.label == name:
            break
    else:
        c = _Cluster(name, "Association", [], {name, letter})
        builder.clusters.append(c)
    m = _Mention(pos, pos + 1, letter, "Association", "party")
    c.mentions.append(m)
    builder.of_mention[id(m)] = c
    return c
