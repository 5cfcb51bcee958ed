"""The statement rules: cue phrases (``består af``, ``stiftet af``), amounts
and grants, founding clauses and dates, people's posts, contact and address
lines, sites, focus areas, member lists and periods. :class:`_Builder` runs
them over the sentences and clusters of one text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from graph.danish import find_amounts, find_dates, find_emails, find_phones
from graph.gazetteer import find_focus_terms, normalise
from graph.ingest.clusters import _Cluster, _label_of, _squash
from graph.ingest.lexicon import (
    _BULLET,
    _COMPATIBLE,
    _CONNECTORS,
    _FIRST_ITEM_BREAKERS,
    _FOUNDER_TITLES,
    _HEAD_TITLES,
    _KIND_HEAD,
    _LIST_BREAKERS,
    _PARTIES,
    _PLACE_ADJECTIVES,
    _REGION_ADJECTIVES,
    _REL_TITLE,
    _SPEECH,
    _STREET,
    _TITLE_RE,
    _TRIGGERS,
    _UNIT_NAME,
    _stop_words,
)
from graph.ingest.mentions import (
    _Ctx,
    _Mention,
    _Sentence,
    _classify,
    _is_cap,
    _split_genitive,
    _stem_in,
    _trigger_type,
)
from graph.ingest.model import _ORG_TYPES
from graph.ingest.people import _title_phrase, _title_word

__all__: list[str] = []  # private to graph.ingest


@dataclass
class _St:
    s: _Cluster
    p: str
    o: object  # _Cluster | str
    sent: tuple[int, int]
    amount: Decimal | None = None
    start_date: date | None = None
    end_date: date | None = None
    post: str | None = None


_PREDICATE_CUES: list[tuple[re.Pattern, str, str]] = [
    # (cue, predicate, direction) direction "list->subject": items P subject
    (re.compile(r"\b(består af|bestående af|medlemmer(ne)?(?: af (?:[\w-]+ ){0,3}?[\w-]+)? (er|tæller|omfatter)|samler|tæller|har som medlemmer)\b", re.I), "org:memberOf", "items->subject"),
    (re.compile(r"\b(er medlem(mer)? af|er med i|indgår i)\b", re.I), "org:memberOf", "subject->items"),
    (re.compile(r"\bmedlemmer(?:ne)?\b[^.]{0,30}?\b(herunder|heriblandt|blandt andet|bl\.a\.|som fx|fx|f\.eks\.|eksempelvis|blandt dem|bl\.\s?a\.)\b", re.I), "org:memberOf", "items->subject"),
    (re.compile(r"\b(omfatter|partnerne (bag [^.]{0,60} )?er|partnere er|partnere(?:ne)?(?=\s*:)|parterne(?=\s*:)|i samarbejde med|i partnerskab med|(?<!går )(?<!gået )sammen med|gået sammen med|går sammen med)\b", re.I), "eco:partnerIn", "items->subject"),
    (re.compile(r"\b(er partner(e)? i|deltager i|driver|står bag)\b", re.I), "eco:partnerIn", "subject->items"),
    (re.compile(r"\b(driver|står i spidsen for|leder)\s+(?=(?:det|den)?\s*\w*(?:partnerskab|projekt|program|initiativ|samarbejde)\w*\s+[A-ZÆØÅ])", re.I), "org:headOf", "subject->items"),
    (re.compile(r"\b(etableret|stiftet|grundlagt|startet|oprettet)\b(?:(?:(?!\bog\s+(?:er|har|blev|var)\b)[^.]){0,40}?[\s–-])?(?<!\bet )(?<!\bén )(?<!\bét )(?<!\ben )af\b", re.I), "schema:founder", "subject<-items"),
    (re.compile(r"\b(støttet|finansieret|medfinansieret|sponsoreret|bevilget) af\b", re.I), "schema:funder", "subject<-items"),
    (re.compile(r"\b(med|modtager|får|har fået) (?:økonomisk |finansiel )?(støtte|midler|en bevilling|bevilling|tilskud|finansiering) fra\b", re.I), "schema:funder", "subject<-items"),
    (re.compile(r"\b(har|havde)\s+(etableret|stiftet|grundlagt|oprettet|startet)\b", re.I), "schema:founder", "items<-leading"),
    (re.compile(r"\b(går|gik|er gået|var gået|slår sig)\s+sammen\s+(i|om)\b", re.I), "eco:partnerIn", "leading->items"),
    (re.compile(r"\b(lancerer|lancerede|har lanceret|igangsætter|har igangsat|starter nu|søsætter)\b(?:\s+nu)?", re.I), "eco:partnerIn", "leading->items"),
    (re.compile(r"\b[Bb]ag\s+(?:det\s+\w+\s+)?\w+(?:et|en)\s+står\b"), "eco:partnerIn", "items->anaphor"),
    (re.compile(r"\bdeltager(?:\s+også)?\s+(?=[A-ZÆØÅ])"), "eco:partnerIn", "items->main"),
    (re.compile(r"\bsamarbejde[r]?\s+(?:tæt\s+|blandt andet\s+|bl\.a\.\s+)?med\b", re.I), "eco:partnerIn", "items->subject"),
    (re.compile(r"\b(ledes|ledet|bliver ledet|vil blive ledet)\s+af\b", re.I), "org:headOf", "items->subject"),
    (re.compile(r"\b(drives|bliver drevet|er drevet|vil blive drevet)\s+af\b", re.I), "org:headOf", "items->subject"),
    (re.compile(r"\b(koordineres|bliver koordineret|er koordineret|vil blive koordineret)\s+af\b", re.I), "org:headOf", "items->subject"),
    (re.compile(r"\b(drives|bliver drevet|er drevet|vil blive drevet)\s+af\b", re.I), "eco:partnerIn", "items->subject"),
    (re.compile(r"\b(sammenlægning af|fusion(en)? af|fusionen mellem|sammenlægningen af)\b", re.I), "eco:mergedInto", "items->subject"),
    (re.compile(r"\b(kontor(er)?|sekretariat|adresse|hovedsæde|hjemsted|ligger|placeret|beliggende|bor|til huse|holder til)\s+i\b|\ber\s+en\s+(?:[\wæøå-]+\s+){0,2}?(?:virksomhed|startup|start-up|forening|klynge|organisation|fond|iværksættervirksomhed|medtech-virksomhed)\s+fra\b", re.I), "schema:location", "subject->items"),
    (re.compile(r"\b(en del af|hører under|er en enhed (i|under))\b", re.I), "org:subOrganizationOf", "subject->first"),
]
_FOUNDED_DATE = re.compile(r"\b(stiftet|etableret|grundlagt|startet|oprettet|dannet|åbner|åbnede|åbnet|starter|startede|begynder|går i gang)\s+(?:(?:i|den|d\.)\s|(?=\d{1,2}\.\s*[a-zæøå]))", re.I)


class _Builder:
    def __init__(self, ctx: _Ctx, clusters: list[_Cluster]):
        self.ctx = ctx
        self.clusters = clusters
        self.of_mention: dict[int, _Cluster] = {}
        for c in clusters:
            for m in c.mentions:
                self.of_mention[id(m)] = c
        self.mentions = sorted((m for c in clusters for m in c.mentions), key=lambda m: m.start)
        self.out: list[_St] = []
        self._np_focus: list[tuple] = []  # (entity, start, end, sentence): focus terms there describe the entity
        self._introduced: list[_Cluster] = []  # entities a founding clause introduced
        self._rounds: list[tuple] = []  # (recipient, amount, sentence) of investment rounds
        self._below_org: dict[int, _Cluster] = {}  # a contact name's organisation on the line below
        self.main = self._main_entity()
        self.section_entity = self._section_entities()

    # -- helpers
    def in_range(self, a: int, b: int, *, persons: bool = False) -> list[_Mention]:
        return [m for m in self.mentions if m.start >= a and m.end <= b and (persons or self.of_mention[id(m)].type != "Person")]

    def cluster(self, m: _Mention) -> _Cluster:
        return self.of_mention[id(m)]

    def _main_entity(self) -> _Cluster | None:
        counts: dict[int, int] = {}
        for c_i, c in enumerate(self.clusters):
            if c.type in ("Person", "Focus Area", "Facility", "Municipality", "Region", "Public Authority", "University", "Investor"):
                continue
            n = sum(1 for m in c.mentions if self._section_of(m.start) == 0)
            n += sum(5 for m in c.mentions if re.search(r"(under navnet|hedder|kaldet|med navnet|navnet)\s*$", self.ctx.text[max(0, m.start - 20) : m.start]))
            # "Centret …", "Projektet …" opening sentences of the body refer to it too
            for s_ in self.ctx.sentences:
                if s_.section != 0:
                    continue
                w0 = re.match(r"^[^\wæøåÆØÅ]*([\wæøåÆØÅ-]+)", s_.text)
                typ = _trigger_type(w0.group(1)) if w0 and w0.group(1)[:1].isupper() else None
                if typ not in (None, "none") and c.type in _COMPATIBLE.get(typ, {typ}):
                    stem = re.sub(r"(erne|ene|et|en|n|t)$", "", w0.group(1).lower())
                    if _stem_in(stem, c.label) or any(_stem_in(stem, self._noun_before(m)) for m in c.mentions):
                        n += 1
            # a press release announces a project, partnership, network or cluster
            if n and c.type in ("Initiative", "Partnership", "Innovation Network", "Cluster"):
                n += 1
            first = min(m.start for m in c.mentions)
            if n:
                counts[c_i] = n * 1000 - first / 10**6
        if not counts:
            return None
        return self.clusters[max(counts, key=counts.get)]

    def _section_of(self, pos: int) -> int:
        sec = 0
        for s in self.ctx.sentences:
            if s.start <= pos:
                sec = s.section
        return sec

    def _section_entities(self) -> dict[int, _Cluster]:
        out: dict[int, _Cluster] = {}
        for s in self.ctx.sentences:
            m = re.match(r"^(Om|About|Fakta om)\s+(.+)$", s.text) or (
                len(s.text) < 90 and not s.text.endswith((".", ":")) and re.search(r"\bom\b", s.text) and s.line_start == s.start
            )
            if m and s.section not in out:
                ms = self.in_range(s.start, s.end)
                if ms:
                    out[s.section] = self.cluster(ms[0])
        return out

    def subject_before(self, sent: _Sentence, pos: int) -> _Cluster | None:
        ms = [m for m in self.in_range(sent.start, pos) if self.cluster(m).type not in ("Focus Area",)]
        head = re.match(
            r"^\W*([A-ZÆØÅ][a-zæøå]+(?:en|et|erne|ene|ne))\s+(?:er|var|blev|bliver|skal|vil|kan|har|ledes|ledet|i|for|om|af|til|på|ved|hos|fra|bag|[a-zæøå]+er)\b",
            self.ctx.text[sent.start : sent.end],
        )
        if head and not ms and _trigger_type(head.group(1)) in (None, "none") and head.group(1).lower() not in _stop_words():
            # "Forskningen i projektet ledes af …", "Forsøget blev finansieret af …", "Runden er
            # ledet af …": the sentence is about a thing the text does not name, not an entity
            return None
        # a relative clause: "innovationsnetværket Sundhed Midt, hvis medlemmer er …",
        # "Klyngen X, der består af …": the name the clause hangs on
        if ms and re.fullmatch(r"\s*,?\s*(?:der|som|hvis(?:\s+[\w-]+)?)(?:\s+(?:er|var|blev|bliver|har været|hører))?(?:\s+(?:også|blandt andet|bl\.a\.|nu|i dag|allerede))?\s*", self.ctx.text[ms[-1].end : pos]):
            return self.cluster(ms[-1])
        # prefer a mention at the start of the sentence (the grammatical subject)
        if ms:
            first = ms[0]
            lead = self.ctx.text[sent.start : first.start]
            if len(lead.split()) <= 3:
                return self.cluster(first)
            # "Partnerskabet har fået navnet X og bliver ledet af …": the subject noun names X
            want = _trigger_type(lead.split()[0]) if lead.split() else None
            if want not in (None, "none"):
                fit = [m for m in ms if self.cluster(m).type in _COMPATIBLE.get(want, {want})]
                if fit:
                    return self.cluster(fit[0])
        return self.anaphor(sent, self.ctx.text[sent.start : pos])

    def anaphor(self, sent: _Sentence, lead: str = "", strict: bool = False) -> _Cluster | None:
        """What "netværket", "klyngen", "foreningen" ... at the start of a
        sentence refer to: the latest entity of a fitting type in the same
        section; otherwise the section's entity or the text's main entity."""
        words = re.findall(r"[\wæøåÆØÅ-]+", lead.lower())[:4]
        want = None
        stem = ""
        for w in words:
            if len(w) > 5 and re.search(r"(ens|ets|ns)$", w):
                w = w[:-1]  # a genitive: "Alliancens partnere", "projektets leder"
            for pat, typ in _TRIGGERS:
                if pat.match(w) and re.search(r"(en|et|n|t)$", w):
                    want = _COMPATIBLE.get(typ, {typ})
                    stem = re.sub(r"(erne|ene|et|en|n|t)$", "", w)
                    break
            if want:
                break
        if want:
            best = named = None
            for m in self.mentions:
                if m.start >= sent.start:
                    break
                c = self.cluster(m)
                if c.type in want and self._section_of(m.start) == sent.section:
                    best = c
                    if _stem_in(stem, c.label) or _stem_in(stem, self._noun_before(m)):
                        # "Centeret" -> "Center for ...", "Klyngen" -> "... klynge",
                        # "Projektet" -> "projektet Sikker Hjemme" (not "programmet Grand Solutions")
                        named = c
            if named is None and best is not None and self.main is not None and self.main is not best and self.main.type in want and any(
                mm.start < sent.start and self._section_of(mm.start) == sent.section for mm in self.main.mentions
            ):
                return self.main  # "Projektet" is the text's own project, not a programme named in passing
            if named is not None or best is not None:
                return named or best
            # "Projektet" after "… etablerer et testcenter. Testcentret får navnet X": X
            for c in reversed(self._introduced):
                if min(m.start for m in c.mentions) < sent.start and self._section_of(min(m.start for m in c.mentions)) == sent.section:
                    return c
        if strict and not want:
            return None
        if sent.section in self.section_entity:
            return self.section_entity[sent.section]
        return self.main

    def latest_collective(self, sent: _Sentence) -> _Cluster | None:
        """The initiative, partnership, network or cluster named last before ``sent`` in its section."""
        best = None
        for m in self.mentions:
            if m.start >= sent.start:
                break
            c = self.cluster(m)
            if (c.type in ("Initiative", "Partnership", "Innovation Network", "Cluster") or c in self._introduced) and self._section_of(m.start) == sent.section:
                best = c
        return best

    def _noun_before(self, m: _Mention) -> str:
        """The word right before a mention (quotes skipped), lower case: the
        trigger noun that introduced it ("projektet", "programmet")."""
        w = re.search(r"([\w-]+)[\s”“\"«»‘’']*$", self.ctx.text[max(0, m.start - 40) : m.start])
        return w.group(1).lower() if w else ""

    def items_after(self, pos: int, end: int, *, persons: bool = False) -> list[_Mention]:
        ms = self.in_range(pos, end, persons=persons)
        out: list[_Mention] = []
        cursor = pos
        for m in ms:
            gap = self.ctx.text[cursor : m.start]
            words = [w for w in re.split(r"[\s,:;–-]+", gap) if w and w.lower() not in ("og", "samt", "&", "and", "plus")]
            if out and (len(words) > 4 or re.search(r"[.!?]", gap)):
                break
            if out and (re.match(r"\s*,\s*(?:som|der|hvis|hvor|hvilket)\b", gap) or any(w.lower() in _LIST_BREAKERS for w in words)):
                break  # "A, som består af B", "A og B i samarbejde med C": B and C are not in A's list
            if not out and (len(words) > 6 or any(w.lower() in _FIRST_ITEM_BREAKERS for w in words)):
                break  # "… sammen med kommunerne, siger direktør i X": X is not what the cue introduces
            out.append(m)
            cursor = m.end
        return out

    def _apposition_parents(self, items: list[_Mention], sent: _Sentence) -> list[_Mention]:
        """"Center for Telemedicin, Region Midtjylland, og VIA University College":
        a unit followed by its organisation in apposition is one item, a unit
        of that organisation."""
        out: list[_Mention] = []
        skip = set()
        for k, it in enumerate(items):
            if id(it) in skip:
                continue
            out.append(it)
            if k + 1 >= len(items) or self.cluster(it).type != "Organizational Unit":
                continue
            nxt = items[k + 1]
            if not re.fullmatch(r",\s*", self.ctx.text[it.end : nxt.start]):
                continue
            if self.cluster(nxt).type not in ("Region", "Municipality", "University", "Hospital", "Company", "Research Institute", "University College", "Public Authority"):
                continue
            after = self.ctx.text[nxt.end : nxt.end + 6]
            if not re.match(r"\s*(?:,|\.|$|og\b|samt\b)", after) or (k + 2 < len(items) and not re.match(r"\s*,", after)):
                continue
            self.add(self.cluster(it), "org:subOrganizationOf", self.cluster(nxt), sent)
            skip.add(id(nxt))
        return out

    def add(self, s, p, o, sent, **kw) -> None:
        if s is None or o is None or s is o:
            return
        if p == "org:memberOf" and isinstance(o, _Cluster) and o.type in ("Initiative", "Partnership"):
            p = "eco:partnerIn"  # "Konsortiet (projektet) består af A, B": members of an initiative are its partners
        post = kw.get("post")
        if post and not post.split()[0].isupper():  # "Adm. direktør" -> "adm. direktør"
            kw["post"] = post[0].lower() + post[1:]
        self.out.append(_St(s, p, o, (sent.start, sent.end), **kw))

    # -- rules
    def run(self) -> list[_St]:
        for sent in self.ctx.sentences:
            self.rule_cues(sent)
            self.rule_amounts(sent)
            self.rule_founding_date(sent)
            self.rule_genitive_units(sent)
            self.rule_founder_clauses(sent)
            self.rule_founding_clause(sent)
            self.rule_place_adjectives(sent)
            self.rule_respectively(sent)
            self.rule_round_investors(sent)
            self.rule_steering_groups(sent)
            self.rule_gathers_region(sent)
            self.rule_responsible_for(sent)
        self.rule_people()
        self.rule_address_lines()
        self.rule_org_contact_lines()
        self.rule_sites()
        self.rule_focus()
        self.rule_focus_terms()
        self.rule_elaborations()
        self.rule_member_lists()
        self.rule_periods()
        return self.out

    def rule_cues(self, sent: _Sentence) -> None:
        text = self.ctx.text
        for pat, pred, direction in _PREDICATE_CUES:
            for m in pat.finditer(text, sent.start, sent.end):
                cue_end = m.end()
                items = self.items_after(cue_end, sent.end, persons=pred in ("schema:founder", "org:headOf"))
                if not items and direction in ("subject->items", "leading->items"):
                    # "er partner i projektet": the object is a definite noun phrase
                    follow = text[cue_end : min(sent.end, cue_end + 40)]
                    if re.match(r"^\s*(?:det|den|de)?\s*(?:\w+\s+)?\w+(?:et|en|ne)\b", follow, re.I):
                        obj = self.anaphor(sent, follow, strict=True)
                        if obj is not None:
                            subjects = (
                                [self.cluster(x) for x in self.items_after(sent.start, m.start())]
                                if direction == "leading->items"
                                else [self.subject_before(sent, m.start())]
                            )
                            for sj in subjects:
                                self.add(sj, pred, obj, sent)
                    continue
                if pred == "eco:partnerIn" and re.match(r"sammen med", m.group(0), re.I) and (
                    self._FOUNDING_VERB.search(text[max(sent.start, m.start() - 40) : m.end()]) or self._STEERING.search(text, sent.start, m.start())
                ):
                    continue  # "A etablerer sammen med B et …", "A sidder i X's styregruppe sammen med B": other rules
                items = self._apposition_parents(items, sent)
                if pred == "org:headOf" and direction == "items->subject":
                    # "ledes af professor X fra Y": the person; "ledet af Center for X": the organisation
                    people = [x for x in items if self.cluster(x).type == "Person"][:1]
                    finite = re.match(r"(?:ledes|drives|koordineres|bliver|vil blive)\b", m.group(0), re.I) or re.search(
                        r"\b(?:bliver|er|blev|vil blive|skal)\s+(?:\w+\s+)?$", text[max(sent.start, m.start() - 25) : m.start()]
                    )
                    items = people or [x for x in items[:1] if self.cluster(x).type in _ORG_TYPES and finite]  # not "en runde ledet af X"
                if not items:
                    continue
                subj = self.subject_before(sent, m.start())
                of = re.search(r"\baf\s+(.+?)\s+(?:er|tæller|omfatter)$", m.group(0))
                if of and pred == "org:memberOf":  # "Medlemmerne af klyngen er …", "Medlemmerne af Sund Vækst er …"
                    named = self.in_range(m.start() + of.start(1), m.start() + of.end(1))
                    subj = self.cluster(named[0]) if named else (self.anaphor(sent, of.group(1), strict=True) or subj)
                elif pred in ("eco:partnerIn", "org:memberOf") and direction == "items->subject" and not self.in_range(sent.start, m.start()):
                    lead_words = re.findall(r"[\wæøå-]+", text[sent.start : m.end()].lower())[:4]
                    if not any(_trigger_type(w) not in (None, "none") for w in lead_words):
                        # "Partnere er desuden A og B": the collaboration last named (in a
                        # "Fakta om X" or "Om X" section: X)
                        if sent.section > 0 and sent.section in self.section_entity:
                            subj = self.section_entity[sent.section]
                        else:
                            subj = self.latest_collective(sent) or subj
                if pred == "schema:location" and re.search(r"\bsom\b[^,]*$", text[sent.start : m.start()]) and not self.in_range(sent.start, m.start()):
                    continue
                if pred == "org:subOrganizationOf":
                    items = items[:1]
                if direction == "items->main":
                    target = self.anaphor(sent)
                    for it in items[:1]:
                        self.add(self.cluster(it), pred, target, sent)
                    continue
                if direction == "items->anaphor":
                    target = self.anaphor(sent, m.group(0)[4:], strict=True)
                    for it in items:
                        self.add(self.cluster(it), pred, target, sent)
                    continue
                if direction in ("items<-leading", "leading->items"):
                    leading = self.items_after(sent.start, m.start())
                    if not leading or len(text[sent.start : leading[0].start].split()) > 3:
                        continue
                    for it in items[:1]:
                        for ld in leading:
                            if direction == "items<-leading":
                                self.add(self.cluster(it), pred, self.cluster(ld), sent)
                            else:
                                self.add(self.cluster(ld), pred, self.cluster(it), sent)
                    continue
                for it in items:
                    obj = self.cluster(it)
                    if direction == "items->subject":
                        self.add(obj, pred, subj, sent)
                    elif direction == "subject<-items":
                        self.add(subj, pred, obj, sent)
                    else:
                        self.add(subj, pred, obj, sent)

    def rule_amounts(self, sent: _Sentence) -> None:
        text = self.ctx.text
        amounts = find_amounts(text[sent.start : sent.end])
        for a in amounts:
            a_s, a_e = sent.start + a.start, sent.start + a.end
            before = text[sent.start : a_s]
            after = text[a_e : sent.end]
            if a.currency != "DKK":
                continue
            if re.search(r"\b(budget|omsætning)\w*\s*(?:er\s+|lyder\s+)?(på|af|:)\s*(ca\.|cirka|omkring)?\s*$", before, re.I):
                subj = self.subject_before(sent, a_s)
                if subj is not None:
                    self.add(subj, "eco:budget", str(a.value), sent, amount=a.value)
                continue
            fm = re.match(r"^\s*(?:\w+\s+){0,2}?(?:kommer\s+|stammer\s+)?fra\s+", after)
            giver = re.search(r"\b(støtter|bevilger|giver|tildeler|yder|har bevilget|har givet|har tildelt|bevilgede|gav|tildelte)\b[^.,]*$", before, re.I)
            if fm and giver and self.in_range(sent.start, sent.start + giver.start()):
                fm = None  # "Ministeriet støtter projektet med N fra puljen X": the ministry gives
            if fm:
                funder_ms = self.in_range(a_e + fm.end(), min(sent.end, a_e + fm.end() + 80))
                funder_ms = [m for m in funder_ms if m.start <= a_e + fm.end() + 2]
                recipient = self._recipient(sent, a_s, before)
                if funder_ms:
                    tm_ = re.match(r"\s+til\s+(?:(?:det|den|de)\s+)?(?:[\wæøå-]+\s+)?", text[funder_ms[0].end : sent.end])
                    if tm_:
                        at_ = funder_ms[0].end + tm_.end()
                        rec_ = [x for x in self.in_range(at_ - 1, sent.end) if x.start <= at_ + 1]
                        words_ = text[funder_ms[0].end : at_].split()[1:]  # after "til"
                        if rec_ and (not words_ or _trigger_type(words_[-1]) not in (None, "none")):
                            recipient = self.cluster(rec_[0])  # "… fra Innovationsfonden til projektet ReHome"
                    funder = self.cluster(funder_ms[0])
                    self.add(recipient, "schema:funder", funder, sent, amount=a.value)
                else:
                    phrase = re.match(r"[^,.;]+?(?=\s+og\s+\d|,|\.|;|$)", text[a_e + fm.end() : sent.end])
                    if phrase and recipient is not None:
                        self.add(recipient, "schema:funder", phrase.group(0).strip(), sent, amount=a.value)
                continue
            pm_ = re.search(r"\b(?:er|blev|bliver|var)\s+(?:\w+\s+)?(?:støttet|finansieret|medfinansieret|sponsoreret)\s+af\s+([^.]*?)\s*(?:med|på)\s*$", before, re.I)
            if pm_:  # "Projektet er støttet af Sundhedsstyrelsen med 6,8 mio. kr."
                funders = self.items_after(sent.start + pm_.start(1), a_s)
                recipient = self.subject_before(sent, sent.start + pm_.start())
                for f_ in funders:
                    self.add(recipient, "schema:funder", self.cluster(f_), sent, amount=a.value)
                continue
            vms = [
                x
                for x in re.finditer(r"\b(støtter|bevilger|bevilliger|giver|donerer|investerer|tildeler|yder|bidrager|skyder|har bevilget|har bevilliget|har givet|har doneret|har investeret|har tildelt|har ydet|bevilgede|gav|donerede|investerede|tildelte|bevilge|bevillige|støtte|donere|investere|tildele|bidrage|bevilget|givet|doneret|investeret|tildelt|ydet)\b", before, re.I)
                if not re.search(r"\d\s*(?:mio|mia|kr|kroner|millioner|milliarder)\b|[.!?]\s", before[x.end() :])
            ]
            vm = vms[-1] if vms else None  # the verb of the amount's own clause
            if vm:
                funders = self.in_range(sent.start, sent.start + vm.start())
                # clause-local: "…, mens Innovationsfonden støtter projektet med …"
                cl = max((x.end() for x in re.finditer(r",\s*(?:mens|og|samt|hvor|hvorimod|imens)\s", text[sent.start : sent.start + vm.start()])), default=0)
                funders = [f for f in funders if f.start >= sent.start + cl]
                right0 = self.in_range(sent.start + vm.end(1), a_s)
                imm = right0[0] if right0 and re.fullmatch(r"\s*", text[sent.start + vm.end(1) : right0[0].start]) else None
                in_pp = bool(funders) and bool(re.search(r"\b(?:fra|af|til|med|hos|ved|for|over|under|i|om)\s+$", text[max(sent.start, funders[-1].start - 12) : funders[-1].start]))
                sv = bool(funders) and not in_pp and bool(re.fullmatch(r"\s*(?:,\s*(?:der|som)\s*)?(?:(?:nu|også|desuden|igen|derfor|i dag|har|har nu|har i dag)\s*)*", text[funders[-1].end : sent.start + vm.start()]))
                if imm is not None and not sv:
                    funders = []  # V2 order after a fronted phrase: "Ud over … bidrager Region Midtjylland med 6 mio. kr."
                if not funders or len(text[sent.start + cl : funders[-1].start].split()) > 4:
                    # V2 order: "Desuden bidrager Innovationsfonden med 3,5 mio. kr."
                    right = self.in_range(sent.start + vm.end(1), a_s)
                    if right and re.fullmatch(r"\s*", text[sent.start + vm.end(1) : right[0].start]):
                        funders = [right[0]]
                        vm_end = right[0].end
                        tm = re.match(r"^\s*til\s+", after)
                        rec_ms = self.in_range(a_e, sent.end)
                        recipient = self.cluster(rec_ms[0]) if tm and rec_ms else self._funded_item(sent, text[vm_end:a_s])
                        if recipient is not None:
                            self.add(recipient, "schema:funder", self.cluster(funders[0]), sent, amount=a.value)
                        continue
                tm = re.match(r"^\s*til\s+", after)
                rec_ms = self.in_range(a_e, sent.end)
                recipient = None
                tm2 = re.match(r"^\s*til\s+(?:etableringen|oprettelsen|udviklingen|driften|opstarten|udvidelsen)\s+af\s+", after)
                if tm2 and rec_ms and rec_ms[0].start - (a_e + tm2.end()) <= 2:
                    recipient = self.cluster(rec_ms[0])
                elif tm and rec_ms and (rec_ms[0].start - (a_e + tm.end()) <= 2 or (
                    len(text[a_e + tm.end() : rec_ms[0].start].split()) == 1 and _trigger_type(text[a_e + tm.end() : rec_ms[0].start].strip()) not in (None, "none")
                )):  # "til Sund Vækst Syd", "til innovationsprogrammet Sund Vækst Syd"
                    recipient = self.cluster(rec_ms[0])
                elif tm:
                    recipient = self.anaphor(sent, after[tm.end() :], strict=True) or self._funded_item(sent, "")
                else:
                    between = self.in_range(sent.start + vm.end(1), a_s)
                    recipient = self.cluster(between[0]) if between else self._funded_item(sent, text[sent.start + vm.end(1) : a_s])
                funder = self.cluster(funders[-1]) if funders else self.anaphor(sent, text[sent.start + cl : sent.start + vm.start()])
                if recipient is not None and funder is not None:
                    self.add(recipient, "schema:funder", funder, sent, amount=a.value)
                continue
            if re.search(r"\b(?:investerings|kapital|finansierings|seed|serie-?\w)?runde\s+på\s*(?:ca\.|cirka|omkring)?\s*$", before, re.I):
                # "X har afsluttet en investeringsrunde på 30 mio. kr." (its investors may follow)
                rec = self.subject_before(sent, a_s)
                if rec is not None:
                    self._rounds.append((rec, a.value, sent))
            rm = re.search(r"\b(modtager|får|har fået|har modtaget|fået|rejser|har rejst|henter|har hentet|rejst|hentet|sikret sig|har sikret sig|afsluttet|har afsluttet|lukket|har lukket|gennemført|har gennemført)\b[^.]*$", before, re.I)
            if rm:
                recipient = self.subject_before(sent, sent.start + rm.start())
                if recipient is None:
                    continue
                # every organisation introduced by "fra", "af", "ledet af", "deltagelse af"
                for fm2 in re.finditer(r"\b(?:fra|af)\s+", after):
                    for it in self.items_after(a_e + fm2.end(), sent.end):
                        if it.start - (a_e + fm2.end()) > 2 and it is not None and not re.fullmatch(
                            r"[\s,]*(?:og|samt)?\s*", text[a_e + fm2.end() : it.start]
                        ):
                            break
                        self.add(recipient, "schema:funder", self.cluster(it), sent, amount=a.value)

    _STEERING = re.compile(r"\b(?:sidder|er|indgår)\s+(?:med\s+|også\s+)*i\s+([\wæøå-]+s)\s+(?:styregruppe|bestyrelse|følgegruppe|styrekomité|advisory board)\b", re.I)

    def rule_steering_groups(self, sent: _Sentence) -> None:
        """"X sidder med i partnerskabets styregruppe sammen med Y": X and Y take part in it."""
        sm = self._STEERING.search(self.ctx.text, sent.start, sent.end)
        if not sm or _trigger_type(sm.group(1)) in (None, "none"):
            return
        target = self.anaphor(sent, sm.group(1), strict=True)
        if target is None or target.type not in ("Initiative", "Partnership", "Innovation Network", "Cluster"):
            return
        members = [self.subject_before(sent, sm.start())]
        tm = re.match(r"\s+sammen\s+med\s+", self.ctx.text[sm.end() : sent.end])
        if tm:
            members += [self.cluster(x) for x in self.items_after(sm.end() + tm.end(), sent.end)]
        for c in members:
            if c is not None and c is not target and c.type in _ORG_TYPES:
                self.add(c, "eco:partnerIn", target, sent)

    def rule_responsible_for(self, sent: _Sentence) -> None:
        """"Hjerteafdelingen på X står for den kliniske del": a part of the collaboration
        the text is about, so a partner in it."""
        rm = re.search(r"\bstår\s+for\s+(?:den|det|de)\s+[a-zæøå]", self.ctx.text[sent.start : sent.end])
        if not rm:
            return
        subj = self.subject_before(sent, sent.start + rm.start())
        target = self.latest_collective(sent) or (self.main if self.main is not None and self.main.type in ("Initiative", "Partnership") else None)
        if subj is not None and target is not None and subj is not target and subj.type in _ORG_TYPES:
            self.add(subj, "eco:partnerIn", target, sent)

    def rule_round_investors(self, sent: _Sentence) -> None:
        """"Runden er ledet af X med deltagelse af Y og Z": the investors of the
        round the previous sentences announced ("… en investeringsrunde på N")."""
        if not self._rounds or not re.match(r"^\W*(?:Runden|Investeringsrunden|Kapitalrunden|Finansieringsrunden)\b", sent.text):
            return
        rec, amount, _s = self._rounds[-1]
        text = self.ctx.text
        for fm in re.finditer(r"\b(?:ledet af|ledes af|anført af|med deltagelse af|deltager|består af)\s+", text[sent.start : sent.end]):
            for it in self.items_after(sent.start + fm.end(), sent.end):
                c = self.cluster(it)
                if c.type in _ORG_TYPES:
                    self.add(rec, "schema:funder", c, sent, amount=amount)

    def _funded_item(self, sent: _Sentence, lead: str) -> _Cluster | None:
        """What "bidrager X med N kr." funds when the sentence does not say:
        a definite noun in it ("projektet"), else the item of the latest grant
        in the section, else the collaboration named last."""
        words = re.findall(r"[\wæøå-]+", lead.lower())
        if any(pat.match(w) and t != "none" for w in words for pat, t in _TRIGGERS):
            a = self.anaphor(sent, lead, strict=True)
            if a is not None:
                return a
        for st in reversed(self.out):
            if st.p == "schema:funder" and st.sent[0] <= sent.start and self._section_of(st.sent[0]) == sent.section:
                return st.s  # an earlier grant, also earlier in this sentence
        return self.latest_collective(sent) or self.anaphor(sent, lead)

    def _recipient(self, sent: _Sentence, a_s: int, before: str) -> _Cluster | None:
        tm = re.search(r"\btil\s+([^,.]*)$", before)
        if tm:
            ms = self.in_range(a_s - len(tm.group(1)), a_s)
            if ms:
                return self.cluster(ms[0])
        # "… til alliancen, der også modtager 4,5 mio. kr. fra Y": what the relative clause hangs on
        rel = list(re.finditer(r",\s*(?:der|som)\s+(?:\w+\s+){0,2}?(?:modtager|får|har fået|fik|har modtaget|modtog)\b[^,]*$", before))
        if rel:
            head = before[: rel[-1].start()]
            hs = sent.start + len(head)
            near = [m for m in self.in_range(sent.start, hs) if re.fullmatch(r"\s*", self.ctx.text[m.end : hs])]
            if near:
                return self.cluster(near[-1])
            np_ = re.search(r"([\wæøå-]+)\s*$", head)
            if np_ and _trigger_type(np_.group(1)) not in (None, "none"):
                a = self.anaphor(sent, np_.group(1), strict=True)
                if a is not None:
                    return a
        # the clause holding the amount: "…, og initiativet X har fået 1,5 mio. kr. fra Y"
        cl = max((x.end() for x in re.finditer(r"(?:,\s*(?:og|mens|samt|hvor|imens)|;)\s", before)), default=0)
        ms = [m for m in self.in_range(sent.start + cl, a_s) if self.cluster(m).type not in ("Public Authority", "Investor")]
        if ms and len(self.ctx.text[sent.start + cl : ms[0].start].split()) <= 3:
            return self.cluster(ms[0])
        return self.anaphor(sent, before[cl:])

    _FOUNDING_VERB = re.compile(
        r"\s(?:har\s+(?:nu\s+|i dag\s+|netop\s+)?)?(?:etablerer|etableret|etablerede|stifter|stiftet|stiftede|grundlægger|grundlagt|grundlagde|"
        r"opretter|oprettet|oprettede|åbner|åbnet|åbnede|indgår|indgik|indgået|går\s+(?:nu\s+)?sammen|gik\s+sammen|er\s+gået\s+sammen)\s+(?:(?:nu|i dag|netop|officielt)\s+)?"
    )
    _INDEFINITE_NP = re.compile(
        r"^(?:et|en)\s+(?:(?:nyt?|ny|nationalt?|regionalt?|fælles|stort?|dansk|danske?|strategisk[e]?|tværregionalt?|landsdækkende|tæt|formelt?)\s+)*([\wæøå-]+)"
    )

    def rule_founding_clause(self, sent: _Sentence) -> None:
        """"A og B etablerer (sammen med C) et testcenter/netværket X …": A, B and C
        found X; an object named only as "et testcenter" is the entity the next
        sentences name ("Testcentret får navnet X")."""
        text = self.ctx.text
        fm = self._FOUNDING_VERB.search(text, sent.start, sent.end)
        if not fm or re.match(r"\s(?:har\s+)?(?:etableret|stiftet|grundlagt|oprettet|åbnet)\b", fm.group(0)) and not fm.group(0).lstrip().startswith("har"):
            return  # a passive participle ("er etableret af"): the other rule
        leading = self.items_after(sent.start, fm.start())
        if not leading or len(text[sent.start : leading[0].start].split()) > 3 or any(self.cluster(x).type == "Person" for x in leading[:1]):
            return
        founders = [self.cluster(x) for x in leading]
        pos = fm.end()
        sm = re.match(r"(?:sammen\s+)?med\s+", text[pos : sent.end]) if "sammen" in fm.group(0) else re.match(r"sammen\s+med\s+", text[pos : sent.end])
        if sm:
            co = self.items_after(pos + sm.end(), sent.end)
            founders += [self.cluster(x) for x in co]
            pos = co[-1].end if co else pos + sm.end()
        rest = text[pos : sent.end].lstrip()
        rest_at = sent.end - len(text[pos : sent.end].lstrip()) if rest else pos
        obj = None
        named = self.in_range(rest_at, min(sent.end, rest_at + 80))
        if named and len(text[rest_at : named[0].start].split()) <= 4 and not re.search(r"[,.]", text[rest_at : named[0].start]):
            obj = self.cluster(named[0])  # "etablerer netværket X", "åbner Center for X"
        else:
            np_ = self._INDEFINITE_NP.match(rest)
            if np_:
                obj = self._cataphor(sent, np_.group(1))
            elif "sammen" in fm.group(0) and re.match(r"om\s", rest):
                obj = self._cataphor(sent, None)  # "går sammen om at …. Samarbejdet hedder X"
            if obj is not None:  # "et testcenter for velfærdsrobotter": the focus of what is founded
                self._np_focus.append((obj, rest_at, sent.end, sent))
        if obj is None or obj.type == "Person" or obj in founders:
            return
        self._introduced.append(obj)
        # "A og B indgår et partnerskab": partners of it; the other verbs found it
        joins = re.search(r"indgår|indgik|indgået|sammen", fm.group(0))
        for f_ in founders:
            if joins:
                self.add(f_, "eco:partnerIn", obj, sent)
            else:
                self.add(obj, "schema:founder", f_, sent)

    def _cataphor(self, sent: _Sentence, noun: str | None) -> _Cluster | None:
        """The entity that the next sentences name for "et <noun>": "Testcentret får navnet X",
        "Netværket hedder X", "Det nye netværk, X, …" (``noun`` None: any collective noun,
        "… går sammen om at …. Samarbejdet hedder X")."""
        stem = re.sub(r"(erne|ene|et|en|n|t)$", "", noun.lower()) if noun else ""
        sents = [x for x in self.ctx.sentences if x.start >= sent.end][:2]
        for s2 in sents:
            first = re.match(r"^\W*([\wæøå-]+)", s2.text.lower())
            if not first:
                continue
            if noun is None:
                if _trigger_type(first.group(1)) not in ("Initiative", "Partnership", "Innovation Network", "Cluster", "Association"):
                    continue
            elif not _stem_in(stem, first.group(1)):
                continue
            for m in self.in_range(s2.start, s2.end):
                if re.search(r"(?:navnet|hedder|kaldet|kaldes|døbt)\s*[”“\"']?$", self.ctx.text[max(s2.start, m.start - 20) : m.start]):
                    return self.cluster(m)
        return None

    _FOUNDER_CLAUSE = re.compile(
        r"(?:,\s*|\s)(?:der|som)\s+(?:(?:også|selv|i\s+(?P<year>\d{4}))\s+)*(?:har\s+|havde\s+)?"
        r"(?:var\s+med\s+til\s+at\s+)?(?:stiftede|grundlagde|etablerede|startede|stiftet|grundlagt|etableret|startet|stifte|grundlægge|etablere|starte)\s+",
        re.I,
    )

    def rule_founder_clauses(self, sent: _Sentence) -> None:
        """"siger Sofie Lindberg, der stiftede virksomheden (i 2019) sammen med
        ingeniøren Anders Bøgh": the person (and those "sammen med" them) founded
        the organisation named or referred to after the verb."""
        text = self.ctx.text
        for fm in self._FOUNDER_CLAUSE.finditer(text, sent.start, sent.end):
            before = self.in_range(sent.start, fm.start(), persons=True)
            if not before or self.cluster(before[-1]).type != "Person":
                continue
            gap = text[before[-1].end : fm.start()]
            if len(gap.split()) > 1 or re.search(r"[.!?]", gap):
                continue
            founders = [self.cluster(before[-1])]
            rest = text[fm.end() : sent.end]
            named = self.in_range(fm.end(), min(sent.end, fm.end() + 60))
            org = None
            if named and len(text[fm.end() : named[0].start].split()) <= 1 and self.cluster(named[0]).type in _ORG_TYPES | {"Initiative", "Partnership"}:
                org = self.cluster(named[0])
            else:
                org = self.anaphor(sent, rest[:40], strict=True)
            if org is None or org.type == "Person":
                continue
            sm = re.search(r"\bsammen\s+med\s+", rest)
            if sm:
                for it in self.items_after(fm.end() + sm.end(), sent.end, persons=True):
                    if self.cluster(it).type == "Person":
                        founders.append(self.cluster(it))
            for f_ in founders:
                self.add(org, "schema:founder", f_, sent)
            year = fm.group("year") or (re.search(r"^[^,.]*?\bi\s+(\d{4})\b", rest) or [None, None])[1]
            if year:
                self.add(org, "schema:foundingDate", year, sent)

    def rule_place_adjectives(self, sent: _Sentence) -> None:
        """"Københavnske GlucoLog ApS", "den nordjyske virksomhed X": X is located there."""
        text = self.ctx.text
        for m in self.in_range(sent.start, sent.end):
            c = self.cluster(m)
            if c.type not in ("Company", "Association", "Cluster", "Innovation Network", "Research Institute", "Investor"):
                continue
            am = re.search(r"([A-Za-zæøåÆØÅ]+ske)\s+(?:(?:virksomhed|virksomheden|startup|start-up|klynge|klyngen|forening|foreningen|selskab|selskabet)\s+)?$", text[max(sent.start, m.start - 40) : m.start])
            if not am or am.group(1).lower() not in _PLACE_ADJECTIVES:
                continue
            place = self._find_cluster(_PLACE_ADJECTIVES[am.group(1).lower()])
            if place is not None and place.type in ("Municipality", "Region"):
                if not place.mentions:
                    pm = _Mention(m.start - len(am.group(0)), m.start - len(am.group(0)) + len(am.group(1)), place.label, place.type, "adjective", place.known)
                    place.mentions.append(pm)
                    self.of_mention[id(pm)] = place
                self.add(c, "schema:location", place, sent)

    _GATHERS = re.compile(r"\bsamler\s+(?:alle\s+|de\s+|en\s+række\s+)?([a-zæøå]+ske)\s+(?:aktører|virksomheder|kommuner|parter|organisationer|klynger)\b", re.I)

    def rule_gathers_region(self, sent: _Sentence) -> None:
        """"X samler (alle) nordjyske aktører": X is located in that region."""
        gm = self._GATHERS.search(self.ctx.text, sent.start, sent.end)
        if not gm or gm.group(1).lower() not in _REGION_ADJECTIVES:
            return
        subj = self.subject_before(sent, gm.start())
        region = self._find_cluster(_REGION_ADJECTIVES[gm.group(1).lower()])
        if subj is not None and region is not None and subj.type in _ORG_TYPES and region.type == "Region":
            if not region.mentions:
                rm_ = _Mention(gm.start(1), gm.end(1), region.label, "Region", "adjective", region.known)
                region.mentions.append(rm_)
                self.of_mention[id(rm_)] = region
            self.add(subj, "schema:location", region, sent)

    _RESPECTIVELY = re.compile(r"(?:,\s*)?(?:der|som)\s+(?:(?:i dag|nu|begge)\s+)?(?:er|var|bliver)\s+henholdsvis\s+(.+?)\s+og\s+(.+?)(?:\s+(?:i|hos|for|ved)\s+(.+?))?\s*[.,;]")

    def rule_respectively(self, sent: _Sentence) -> None:
        """"… af A og B, der i dag er henholdsvis CEO og CTO": A is CEO, B is CTO of
        the organisation the sentence is about (or named after "i/hos")."""
        text = self.ctx.text
        rm = self._RESPECTIVELY.search(text, sent.start, sent.end + 1)
        if not rm:
            return
        people = [self.cluster(x) for x in self.in_range(sent.start, rm.start(), persons=True) if self.cluster(x).type == "Person"][-2:]
        titles = [rm.group(1).strip(), rm.group(2).strip()]
        if len(people) != 2 or not all(_title_phrase(t) or _TITLE_RE.match(t.split()[-1]) for t in titles):
            return
        org = None
        if rm.group(3):
            oms = self.in_range(rm.start(3), rm.end(3))
            org = self.cluster(oms[0]) if oms else None
        if org is None:
            org = self.subject_before(sent, sent.start + 1) if self.in_range(sent.start, sent.start + 40) else None
        if org is None or org.type not in _ORG_TYPES:
            return
        for person, title in zip(people, titles):
            self.add(person, "schema:worksFor", org, sent, post=title)
            if _HEAD_TITLES.match(title):
                self.add(person, "org:headOf", org, sent, post=title)

    def rule_founding_date(self, sent: _Sentence) -> None:
        text = self.ctx.text
        for m in _FOUNDED_DATE.finditer(text, sent.start, sent.end):
            dates = find_dates(text[m.start() : min(sent.end, m.end() + 25)])
            if not dates or dates[0].start > m.end() - m.start() + 1:
                continue
            subj = self.subject_before(sent, m.start())
            if subj is not None:
                d = dates[0]
                value = d.value.isoformat() if d.precision == "day" else d.value.isoformat()[: 4 if d.precision == "year" else 7]
                # an initiative starts; an organisation is founded
                pred = "schema:startDate" if subj.type in ("Initiative", "Partnership") and d.precision == "day" else "schema:foundingDate"
                self.add(subj, pred, value, sent)

    def rule_genitive_units(self, sent: _Sentence) -> None:
        text = self.ctx.text
        for m in self.in_range(sent.start, sent.end):
            c = self.cluster(m)
            if c.type == "Facility":  # "Forskerparken i Odense"
                nxt = [x for x in self.in_range(m.end, min(sent.end, m.end + 40)) if re.fullmatch(r"\s+i\s+", text[m.end : x.start])]
                if nxt and self.cluster(nxt[0]).type in ("Municipality", "Region"):
                    self.add(c, "schema:location", self.cluster(nxt[0]), sent)
                continue
            if c.type not in ("Organizational Unit", "Research Institute", "Hospital"):
                continue
            # "Klinisk Institut på Syddansk Universitet", "Afdeling for X ved Rigshospitalet"
            nxt = [x for x in self.in_range(m.end, min(sent.end, m.end + 80)) if re.fullmatch(r"\s+(?:på|ved|under|hos)\s+", text[m.end : x.start])]
            if nxt and self.cluster(nxt[0]).type in ("University", "Hospital", "Region", "Municipality", "University College", "Company") and c.known is None:
                c.type = "Organizational Unit"  # an institute at a university, a clinic at a hospital: a department
                self.add(c, "org:subOrganizationOf", self.cluster(nxt[0]), sent)
                continue
            if c.type != "Organizational Unit":
                continue
            if m.parent is not None:
                parent = self._find_cluster(m.parent.label)
                if parent is not None and parent is not c:
                    self.add(c, "org:subOrganizationOf", parent, sent)
                continue
            words = m.label.split()
            k = _split_genitive(words)
            if k is None:
                continue
            parent_name = " ".join(words[: k + 1])
            parent = self._find_cluster(parent_name) or self._find_cluster(parent_name[:-1])
            if parent is not None and not parent.mentions:
                pm = _Mention(m.start, m.start + len(parent_name) - 1, parent.label, parent.type, "gazetteer", parent.known)
                parent.mentions.append(pm)
                self.of_mention[id(pm)] = parent
            if parent is not None and parent is not c:
                self.add(c, "org:subOrganizationOf", parent, sent)

    def _find_cluster(self, name: str) -> _Cluster | None:
        key = _squash(name)
        for c in self.clusters:
            if any(_squash(a) == key for a in c.aliases):
                return c
        hits = self.ctx.gz.lookup(name)
        if hits:
            for c in self.clusters:
                if c.known is not None and c.known.iri == hits[0].iri:
                    return c
            # a known parent not mentioned on its own: add it as an entity
            c = _Cluster(hits[0].label, hits[0].type, [], {hits[0].label}, hits[0], 100.0)
            self.clusters.append(c)
            return c
        return None

    def rule_people(self) -> None:
        text = self.ctx.text
        done: set[tuple] = set()
        for m in self.mentions:
            c = self.cluster(m)
            if c.type != "Person":
                continue
            line_start = text.rfind("\n", 0, m.start) + 1
            line_end = text.find("\n", m.end)
            line_end = len(text) if line_end < 0 else line_end
            sent = next((s for s in self.ctx.sentences if s.start <= m.start < s.end), None)
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
            if text[line_start:line_end].strip() == m.label:
                nxt = line_end
                for _ in range(4):
                    n2 = text.find("\n", nxt + 1)
                    n2 = len(text) if n2 < 0 else n2
                    line_ms = self.in_range(nxt, n2, persons=True)
                    if not text[nxt:n2].strip() or any(self.cluster(x).type == "Person" for x in line_ms):
                        break
                    if line_ms and text[nxt:n2].strip() == text[line_ms[0].start : line_ms[-1].end].strip():
                        below_org = self.cluster(line_ms[0])  # "Navn\nOrganisation\nTlf.: …"
                        if below_org.type in _ORG_TYPES:
                            self._below_org[id(m)] = below_org
                    block_end = n2
                    nxt = n2
            block = text[line_start:block_end]
            for e in find_emails(block):
                self.add(c, "vcard:hasEmail", e.value, _Sentence(line_start, block_end, block, line_start, sent.section))
            for ph in find_phones(block):
                self.add(c, "vcard:hasTelephone", ph.value, _Sentence(line_start, block_end, block, line_start, sent.section))
            # posts: "Name, title, Org" / "Title, Name, Org" / "title for Org"
            after = text[m.end : sent.end]
            before_line = text[max(line_start, sent.start) : m.start]  # this sentence only
            titles: list[tuple[str, _Cluster | None]] = []
            am = re.match(r"^\s*,\s*(.+)$", after, re.S)
            segs = []
            if am:
                segs = [_REL_TITLE.sub("", x.strip()) for x in re.split(r",\s*", am.group(1))]
            lead_part = re.split(r"[”\"“»«]", before_line)[-1]
            sv = re.search(r"\b(siger|sagde|fortæller|udtaler|forklarer|mener|understreger|tilføjer|påpeger|lyder det fra)\s+(.*)$", lead_part, re.I | re.S)
            if sv:
                lead_part = sv.group(2)
            elif lead_part != before_line or _SPEECH.search(lead_part):
                lead_part = ""
            gt = re.search(r"(?:^|\s)([\wæøåÆØÅ.&/-]+s)\s+((?:[\wæøå.-]+\s+){0,2}[\wæøå.-]+)\s+(?:er|bliver|var|hedder)\s*$", lead_part)
            if gt and (_title_phrase(gt.group(2)) or _TITLE_RE.match(gt.group(2).split()[-1])):
                # "Virksomhedens administrerende direktør er Henriette Sørup", "Klyngens formand er X"
                gpos = m.start - len(lead_part) + gt.start(1) if lead_part else -1
                g_ms = [x for x in self.in_range(max(sent.start, gpos - 1), m.start) if x.start <= gpos + len(gt.group(1))] if gpos >= 0 else []
                g_org = self.cluster(g_ms[0]) if g_ms else (self.anaphor(sent, gt.group(1), strict=True) if _trigger_type(gt.group(1)) not in (None, "none") else None)
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
                org_ms = self.in_range(pp_start, max(pp_start, pp_end))
                if org_ms:
                    segs.append(text[pp_start:pp_end].strip())
            orgs_in_segs: list[_Cluster] = []
            pending: list[str] = []
            for k_seg, seg in enumerate(segs):
                if not seg:
                    continue
                seg_clean = re.sub(r"\s*\(\w{1,3}\)\.?$", "", seg).rstrip(". ")
                pos = text.find(seg_clean, line_start if seg_clean in before_line else m.end)
                if pos < 0:
                    pos = text.find(seg_clean, max(0, line_start - 200))
                seg_ms = self.in_range(pos, pos + len(seg_clean)) if pos >= 0 else []
                seg_orgs = [self.cluster(x) for x in seg_ms if self.cluster(x).type in _ORG_TYPES]
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
                            oms = self.in_range(ppos, ppos + len(pm.group(2))) if ppos >= 0 else []
                            org = self.cluster(oms[0]) if oms else None
                            w1 = pm.group(2).split()[0]
                            if org is None and _trigger_type(w1) not in (None, "none"):
                                # "Leder af centret bliver professor X": the organisation referred to
                                org = self.anaphor(sent, w1, strict=True)
                                org = org if org is not None and org.type in _ORG_TYPES | {"Initiative", "Partnership"} else None
                        seg_titles.append((title, org))
                        # "rådmand for Sundheds- og Kulturforvaltningen i Aalborg Kommune": a unit and its organisation
                        if org is not None and org.type == "Organizational Unit" and len(oms) >= 2:
                            par = self.cluster(oms[1])
                            if par.type in ("Municipality", "Region", "University", "Hospital", "Company", "Public Authority") and re.fullmatch(
                                r"\s+(?:i|på|ved|under|hos)\s+", text[oms[0].end : oms[1].start]
                            ):
                                self.add(org, "org:subOrganizationOf", par, sent)
                                titles.append((title, par))
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
                    org = self.anaphor(sent, first_w, strict=True)
                    if org is not None and org.type in _ORG_TYPES:
                        titles.append((seg_clean.split(None, 1)[1], org))
                        continue
                if not seg_orgs and (pending or titles) and not orgs_in_segs and pos >= 0 and k_seg + 1 < len(segs) and _UNIT_NAME.fullmatch(seg_clean):
                    # "overlæge, Lungesygdomme, Aarhus Universitetshospital": a department between title and organisation
                    nxt = re.sub(r"\s*\(\w{1,3}\)\.?$", "", segs[k_seg + 1]).rstrip(". ")
                    npos = text.find(nxt, pos + len(seg_clean))
                    n_orgs = [self.cluster(x) for x in self.in_range(npos, npos + len(nxt))] if npos >= 0 else []
                    if n_orgs and n_orgs[0].type in ("Hospital", "University", "Municipality", "Region", "Company", "Research Institute", "University College", "Public Authority"):
                        seg_orgs = [self._unit(seg_clean, pos)]
                if seg_orgs:
                    orgs_in_segs.extend(seg_orgs)
                elif find_emails(seg) or find_phones(seg):
                    break
            if id(m) in self._below_org and not orgs_in_segs:
                orgs_in_segs.append(self._below_org[id(m)])
            if pending:
                org = orgs_in_segs[0] if orgs_in_segs else None
                for t in pending:
                    if org is None:
                        # "siger regionsrådsformand Bo Libergren": the one region of the text
                        org = self._implied_org(t)
                    titles.append((t, org))
            # "… og er samtidig tilknyttet Aarhus Universitet som klinisk lektor"
            for tk in re.finditer(r"\ber\s+(?:samtidig\s+|også\s+|desuden\s+)?(?:tilknyttet|ansat\s+(?:på|ved|hos|i))\s+", text[m.end : sent.end]):
                t_ms = self.in_range(m.end + tk.end(), sent.end)
                if t_ms and t_ms[0].start == m.end + tk.end() and self.cluster(t_ms[0]).type in _ORG_TYPES:
                    som = re.match(r"\s+som\s+((?:[\wæøå.-]+\s+)?[\wæøå.-]+?)(?=[\s,.;]|$)", text[t_ms[0].end : sent.end])
                    titles.append((som.group(1) if som else "ansat", self.cluster(t_ms[0])))
            # "X har ansat Signe Kragh som ny direktør": a post at the organisation that hires
            hire = re.search(r"\b(?:har\s+)?(?:ansat|ansætter|udnævnt|udnævner|ansatte|udnævnte)\s+$", text[sent.start : m.start])
            as_ = re.match(r"\s+som\s+(?:(?:ny|nyt|nye|sin|sit|sine|konstitueret)\s+)?((?:[\wæøå.-]+\s+)?[\wæøå.-]+?)(?=[\s,.;]|$)", text[m.end : sent.end])
            if hire and as_ and (_title_phrase(as_.group(1)) or _TITLE_RE.match(as_.group(1).split()[-1])):
                emp = self.subject_before(sent, sent.start + hire.start())
                if emp is not None and emp.type in _ORG_TYPES:
                    titles.append((as_.group(1), emp))
            # "… hvor lektor X fra Institut for Y er projektleder": X leads the sentence's project
            pl_ = re.match(r"\s+(?:fra\s+[^,.]{1,60}?\s+)?(?:er|bliver)\s+(?:ny\s+)?(projektleder|programleder|projektchef|projektkoordinator)\b", text[m.end : sent.end])
            if pl_:
                proj = self.anaphor(sent, text[sent.start : min(sent.end, sent.start + 40)], strict=True) or self.latest_collective(sent)
                if proj is not None and proj.type in ("Initiative", "Partnership"):
                    self.add(c, "org:headOf", proj, sent, post=pl_.group(1))
            # a politician's party letter closing the description: "…, regionsrådsformand i Region Syddanmark (V)."
            pl = re.search(r"\(([A-ZÆØÅ])\)\s*[.,;]?\s*$", text[m.end : sent.end])
            if pl and pl.group(1) in _PARTIES and not [x for x in self.in_range(m.end, m.end + pl.start(), persons=True) if self.cluster(x).type == "Person"]:
                ps = m.end + pl.start(1)
                party = self._party(_PARTIES[pl.group(1)], pl.group(1), ps)
                self.add(c, "org:memberOf", party, sent)
            # "professor Henrik Dalsgaard fra Aarhus Universitet", "overlæge Eva Lund ved OUH"
            fw = re.match(r"^\s+(?:fra|hos|ved)\s+", text[m.end : sent.end])
            tw = re.search(r"([\w.-]+)\s+$", text[max(sent.start, m.start - 40) : m.start])
            if fw and tw and _title_word(tw.group(1)):
                oms = self.in_range(m.end + fw.end(), min(sent.end, m.end + fw.end() + 80))
                if oms and oms[0].start == m.end + fw.end() and self.cluster(oms[0]).type in _ORG_TYPES:
                    titles.append((tw.group(1), self.cluster(oms[0])))
            # unit followed by its parent: "AAU Innovation, Aalborg Universitet"
            if len(orgs_in_segs) >= 2 and orgs_in_segs[0].type == "Organizational Unit" or (
                len(orgs_in_segs) >= 2 and orgs_in_segs[1].type == "University" and orgs_in_segs[0].type != "University"
            ):
                self.add(orgs_in_segs[0], "org:subOrganizationOf", orgs_in_segs[1], sent)
            for title, org in titles:
                if org is None:
                    continue
                key = (id(c), re.sub(r"^(med)?stifter og ", "", title.lower()), id(org))
                if key in done:
                    continue
                done.add(key)
                q = sent
                if _FOUNDER_TITLES.search(title):
                    self.add(org, "schema:founder", c, q)
                    if title.lower() in ("medstifter", "stifter", "founder", "co-founder"):
                        continue
                self.add(c, "schema:worksFor", org, q, post=title)
                bare = re.sub(r"^.*\bog\s+", "", title)
                if _HEAD_TITLES.match(bare) or _KIND_HEAD.match(bare) or (
                    # "innovationsdirektør, AAU Innovation": the director of a unit heads it
                    org.type == "Organizational Unit"
                    and re.search(r"(direktør|chef|leder|rådmand)$", bare, re.I)
                    and not (bare.lower().endswith("leder") and not re.fullmatch(r"(?:center|centre|klinik|enheds?|sekretariats|afdelings|instituts?|klynge|netværks|daglig\s)?leder", bare.lower()))
                    and not re.match(r"^(vice|sous|under|afdelings|projekt|team|gruppe|kommunikations|presse)", bare, re.I)
                ):
                    self.add(c, "org:headOf", org, q, post=title)

    _TITLE_ORG_TYPE = (
        (re.compile(r"^regions(råds)?(formand|næstformand|direktør)$|^regionsrådsmedlem$", re.I), "Region"),
        (re.compile(r"^(borgmester|\w+borgmester|rådmand|kommunaldirektør|byrådsmedlem)$", re.I), "Municipality"),
        (re.compile(r"^(rektor|prorektor|dekan)$", re.I), "University"),
    )

    def _implied_org(self, title: str) -> _Cluster | None:
        """A title that names its kind of organisation ("regionsrådsformand",
        "borgmester", "rektor") without naming it: the one such entity of the text."""
        bare = title.strip().split()[-1] if title.strip() else ""
        for pat, typ in self._TITLE_ORG_TYPE:
            if pat.match(bare):
                cands = [c for c in self.clusters if c.type == typ and c.mentions]
                return cands[0] if len(cands) == 1 else None
        return None

    def _unit(self, label: str, pos: int) -> _Cluster:
        """A unit named only in a post ("Lungesygdomme"), as an entity with its mention."""
        for c in self.clusters:
            if c.label == label and c.type == "Organizational Unit":
                break
        else:
            c = _Cluster(label, "Organizational Unit", [], {label})
            self.clusters.append(c)
        m = _Mention(pos, pos + len(label), label, "Organizational Unit", "post")
        c.mentions.append(m)
        self.of_mention[id(m)] = c
        self.mentions.append(m)
        self.mentions.sort(key=lambda x: x.start)
        return c

    def _party(self, name: str, letter: str, pos: int) -> _Cluster:
        for c in self.clusters:
            if c.label == name:
                break
        else:
            c = _Cluster(name, "Association", [], {name, letter})
            self.clusters.append(c)
        m = _Mention(pos, pos + 1, letter, "Association", "party")
        c.mentions.append(m)
        self.of_mention[id(m)] = c
        return c

    def rule_org_contact_lines(self) -> None:
        """"Presseafdelingen, Radiomatic A/S, presse@radiomatic.dk": a contact line
        with an organisation and an e-mail but no person gives the organisation's address."""
        text = self.ctx.text
        pos = 0
        for line in text.splitlines(keepends=True):
            start, end = pos, pos + len(line.rstrip("\n"))
            pos += len(line)
            emails = find_emails(text[start:end])
            if not emails or "|" in line:
                continue
            ms = self.in_range(start, end, persons=True)
            if any(self.cluster(x).type == "Person" for x in ms):
                continue
            orgs = [self.cluster(x) for x in ms if self.cluster(x).type in _ORG_TYPES]
            if len(orgs) > 1:
                orgs = [o for o in orgs if o.type != "Organizational Unit"] or orgs
            if len(orgs) == 1 and len(emails) == 1:
                sent = _Sentence(start, end, text[start:end], start, self._section_of(start))
                self.add(orgs[0], "vcard:hasEmail", emails[0].value, sent)

    def rule_address_lines(self) -> None:
        """Footer lines "Organisation | Gade 1, By | ...": the organisation is located in each town."""
        text = self.ctx.text
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
            orgs = [self.cluster(m) for m in self.in_range(*cells[0]) if self.cluster(m).type in _ORG_TYPES]
            if len(orgs) != 1:
                continue
            sent = _Sentence(start, end, text[start:end], start, self._section_of(start))
            org = orgs[0]
            for a, b in cells[1:]:
                cell = text[a:b]
                for e in find_emails(cell):
                    self.add(org, "vcard:hasEmail", e.value, sent)
                towns = [self.cluster(m) for m in self.in_range(a, b) if self.cluster(m).type == "Municipality"]
                parts = [x.strip() for x in cell.split(",") if x.strip()]
                if not towns and parts and re.match(r"^Kbh\.?\b", parts[-1]):
                    kbh = self._find_cluster("København")  # "Kbh V": København
                    if kbh is not None and kbh.type == "Municipality":
                        towns = [kbh]
                for town in towns:
                    self.add(org, "schema:location", town, sent)
                # "Havnen 66, Lemvig": a site of the organisation at that address
                if len(parts) >= 2 and towns and re.search(r"\d", parts[0]) and _STREET.search(parts[0].split()[0] if len(parts[0].split()) == 2 else parts[0].rsplit(" ", 1)[0]):
                    town_txt = re.sub(r"^Kbh\.?(?=\s|$)", "København", parts[-1])
                    site = self._facility(f"{_label_of(org)}, {parts[0]}, {town_txt}", a + cell.find(parts[0]), a + cell.find(parts[0]) + len(parts[0]))
                    self.add(org, "org:hasSite", site, sent)
                    self.add(site, "schema:location", towns[0], sent)

    def _facility(self, label: str, start: int, end: int) -> _Cluster:
        """A facility (site) of an organisation, named by the rules; ``start:end`` is its mention."""
        for c in self.clusters:
            if c.type == "Facility" and c.label == label:
                break
        else:
            c = _Cluster(label, "Facility", [], {label})
            self.clusters.append(c)
        m = _Mention(start, end, label, "Facility", "site")
        c.mentions.append(m)
        self.of_mention[id(m)] = c
        return c

    _SITE_NOUN = re.compile(
        r"s?((?:\s+[a-zæøå]+(?:\s+og\s+[a-zæøå]+)?){0,3}?)\s+(faciliteter|lokaler|laboratorium|laboratorier|testfaciliteter|testcenter|showroom|værksted)\b"
    )
    _OFFICE_CUE = re.compile(r"\b(?:har|med)\s+(?:sine\s+|sit\s+|et\s+|to\s+|tre\s+)?(kontor(?:er)?|afdeling(?:er)?)\s+i\s+")

    def rule_sites(self) -> None:
        """Sites named in the text: "Syddansk Sundhedsinnovations … faciliteter",
        "X har kontorer i Odense og København" (one office per town)."""
        text = self.ctx.text
        for m in list(self.mentions):
            c = self.cluster(m)
            if c.type not in _ORG_TYPES:
                continue
            surface = text[m.start : m.end]
            sm = self._SITE_NOUN.match(text, m.end) if (surface.endswith("s") or text[m.end : m.end + 1] == "s") else None
            if not sm:
                continue
            sent = next((x for x in self.ctx.sentences if x.start <= m.start < x.end), None)
            if sent is None:
                continue
            gen = surface if surface.endswith("s") else surface + "s"
            site = self._facility(f"{gen} {sm.group(2)}", m.start, sm.end())
            self.add(c, "org:hasSite", site, sent)
        for sent in self.ctx.sentences:
            for om in self._OFFICE_CUE.finditer(text, sent.start, sent.end):
                subj = self.subject_before(sent, om.start())
                if subj is None or subj.type not in _ORG_TYPES:
                    continue
                noun = "kontor" if om.group(1).startswith("kontor") else "afdeling"
                for it in self.items_after(om.end(), sent.end):
                    town = self.cluster(it)
                    if town.type != "Municipality":
                        break
                    label = f"{_genitive(_label_of(subj))} {noun} i {text[it.start : it.end]}"
                    site = self._facility(label, it.start, it.end)
                    self.add(subj, "org:hasSite", site, sent)
                    self.add(site, "schema:location", town, sent)

    def rule_focus(self) -> None:
        text = self.ctx.text
        sents = self.ctx.sentences
        for i, s in enumerate(sents):
            if not s.text.rstrip().endswith(":") or not re.search(r"fokus|indsatsområder|temaer|(?<!sam)arbejder med|satser på", s.text, re.I):
                continue
            subj = self.subject_before(s, s.end)
            k = i + 1
            while k < len(sents) and _BULLET.match(text[sents[k].line_start : sents[k].end]) and sents[k].section == s.section:
                b = sents[k]
                label = b.text.strip().lstrip("•·▪●◦-–* ").rstrip(".;, ")
                off = text.find(label, b.start)
                if label and off >= 0:
                    m = _Mention(off, off + len(label), label, "Focus Area", "focus")
                    fc = _Cluster(label, "Focus Area", [m], {label})
                    self.clusters.append(fc)
                    self.of_mention[id(m)] = fc
                    self.add(subj, "dcterms:subject", fc, _Sentence(s.start, b.end, text[s.start : b.end], s.line_start, s.section))
                k += 1

    _FOCUS_SUBJECT_TYPES = frozenset(
        {"Cluster", "Innovation Network", "Association", "Company", "Initiative", "Partnership", "Research Institute", "Organizational Unit"}
    )

    def _in_quotation(self, sent: _Sentence) -> bool:
        """Is the sentence part of a quotation (speech)?"""
        text = self.ctx.text
        para = text.rfind("\n", 0, sent.start) + 1
        return text[sent.start : sent.start + 1] in "”“\"«" or text.count("”", para, sent.start) % 2 == 1 or text.count("“", para, sent.start) > text.count("”", para, sent.start)

    def _explicit_subject(self, sent: _Sentence, pos: int) -> _Cluster | None:
        """The entity a sentence is about when the text says it: a name
        opening the sentence, the name a relative clause hangs on, a definite
        noun ("Netværket", "Projektet") referring back, or the entity of an
        "Om X" section. None otherwise (no guessing from the main entity)."""
        text = self.ctx.text
        ms = [m for m in self.in_range(sent.start, pos) if self.cluster(m).type not in ("Focus Area",)]
        if ms and re.fullmatch(r"\s*,?\s*(?:der|som)\s*(?:\w+\s+){0,6}", text[ms[-1].end : pos]) and self.cluster(ms[-1]).type != "Person":
            return self.cluster(ms[-1])
        if ms and len(text[sent.start : ms[0].start].split()) <= 1:
            c = self.cluster(ms[0])
            return c if c.type != "Person" else None
        lead = text[sent.start : pos][:60]
        words = re.findall(r"[\wæøåÆØÅ-]+", lead.lower())[:2]
        want = [t for w in words for pat, t in _TRIGGERS if pat.match(w) and t != "none"]
        if want:
            a = self.anaphor(sent, lead, strict=True)
            if a is not None and a.type in _COMPATIBLE.get(want[0], {want[0]}):
                return a
        if sent.section in self.section_entity and sent.section > 0:
            return self.section_entity[sent.section]
        return None

    def rule_focus_terms(self) -> None:
        """Focus-area terms in running text (``graph.gazetteer.FOCUS_TERMS``):
        each is a Focus Area; the entity a sentence is explicitly about has
        the terms of that sentence as ``dcterms:subject`` (not in quotations)."""
        text = self.ctx.text
        taken = [(m.start, m.end) for c in self.clusters for m in c.mentions]
        by_key = {normalise(c.label): c for c in self.clusters if c.type == "Focus Area"}
        for t in find_focus_terms(text):
            if any(a < t.end and t.start < b for a, b in taken):
                continue
            key = normalise(t.label)
            fc = by_key.get(key)
            m = _Mention(t.start, t.end, t.label, "Focus Area", "focus")
            if fc is None:
                fc = _Cluster(t.label, "Focus Area", [], {t.label})
                self.clusters.append(fc)
                by_key[key] = fc
            fc.mentions.append(m)
            if t.label_en:
                fc.aliases.add(t.label_en)
            self.of_mention[id(m)] = fc
            taken.append((t.start, t.end))
            for ent_, a_, b_, s_ in self._np_focus:
                if a_ <= t.start < b_ and ent_.type in self._FOCUS_SUBJECT_TYPES:
                    self.add(ent_, "dcterms:subject", fc, s_)
            sent = next((x for x in self.ctx.sentences if x.start <= t.start < x.end), None)
            if sent is None or self._in_quotation(sent):
                continue
            subj = self._explicit_subject(sent, t.start)
            if subj is None or subj.type not in self._FOCUS_SUBJECT_TYPES or "udvalg" in subj.label.lower():
                continue
            self.add(subj, "dcterms:subject", fc, sent)

    _ELABORATION = re.compile(
        r"^(?:Det|Der|Heriblandt|Blandt\s+(?:dem|disse))\s+(?:drejer|drejede|handler|handlede|er|var)?\s*(?:sig\s+)?"
        r"(?:(?:blandt andet|bl\.\s?a\.|især|eksempelvis|fx|for eksempel|navnlig)\s+)?(?:om\s+)?",
        re.I,
    )
    _GROUP_PLACE = re.compile(r"\b(?:som|der)\s+(?:alle|begge|hver især)\s+(?:har\s+(?:adresse|kontor(?:er)?|til huse)|ligger|holder til|bor)\s+i\s+", re.I)

    def rule_elaborations(self) -> None:
        """"… satsninger på det velfærdsteknologiske område, som alle har adresse i
        Forskerparken. Det drejede sig blandt andet om A, B og C.": the listed
        items share the group's place and the focus terms that describe it."""
        text = self.ctx.text
        sents = self.ctx.sentences
        for k in range(1, len(sents)):
            s, prev = sents[k], sents[k - 1]
            em = self._ELABORATION.match(s.text)
            if not em or not re.match(r"^(?:Det|Der)\s+(?:drejer|drejede|handler|handlede)\s+sig|^Heriblandt|^Blandt\s+(?:dem|disse)", s.text, re.I):
                continue
            items = [self.cluster(m) for m in self.items_after(s.start + em.end(), s.end)]
            items = [c for c in items if c.type in _ORG_TYPES | {"Initiative", "Partnership"}]
            if not items or self._in_quotation(s):
                continue
            quote = _Sentence(prev.start, s.end, text[prev.start : s.end], prev.line_start, s.section)
            gp = self._GROUP_PLACE.search(text, prev.start, prev.end)
            if gp:
                place = self.items_after(gp.end(), prev.end)
                if place and self.cluster(place[0]).type in ("Facility", "Municipality", "Region"):
                    for c in items:
                        self.add(c, "schema:location", self.cluster(place[0]), quote)
            for t in find_focus_terms(text[prev.start : gp.start() if gp else prev.end]):
                fcs = [c for c in self.clusters if c.type == "Focus Area" and normalise(c.label) == normalise(t.label)]
                for c in items:
                    if fcs and c.type in self._FOCUS_SUBJECT_TYPES and "udvalg" not in c.label.lower():
                        self.add(c, "dcterms:subject", fcs[0], quote)

    def rule_member_lists(self) -> None:
        """A bullet list after "Partnerne bag X er:", "Medlemmerne er:", "Konsortiet består af:"."""
        text = self.ctx.text
        sents = self.ctx.sentences
        for i, s in enumerate(sents):
            head = s.text.rstrip()
            if not head.endswith(":"):
                continue
            cue = re.search(r"\b(partnere|partnerne|parterne|deltagere|deltagerne|medlemmer|medlemmerne|består af|bestående af|samarbejder med|i samarbejde med|sammen med)\b", head, re.I)
            if not cue:
                continue
            pred = "org:memberOf" if re.search(r"medlem|består|bestående", cue.group(1), re.I) else "eco:partnerIn"
            subj = self.subject_before(s, s.start + cue.start()) if cue.start() > 0 else self.anaphor(s, head)
            if re.match(r"^(partnerne|parterne|deltagerne|medlemmerne)\b", head, re.I):
                subj = self.anaphor(s, head[cue.end() :]) or subj
            k = i + 1
            if not (k < len(sents) and _BULLET.match(text[sents[k].line_start : sents[k].end]) and sents[k].section == s.section):
                # no list under the colon, and "Om A", "Om B" … sections follow: those are the list
                sec = s.section + 1
                quote = _Sentence(s.start, s.end, s.text, s.line_start, s.section)
                follows = k < len(sents) and sents[k].section == sec
                while follows and sec in self.section_entity:
                    item = self.section_entity[sec]
                    if item is not subj and item.type in _ORG_TYPES:
                        self.add(item, pred, subj, quote)
                    sec += 1
                continue
            while k < len(sents) and _BULLET.match(text[sents[k].line_start : sents[k].end]) and sents[k].section == s.section:
                b = sents[k]
                ms = self.in_range(b.start, b.end)
                item = self.cluster(ms[0]) if ms else None
                if item is None:
                    label = b.text.strip().lstrip("•·▪●◦-–* ").rstrip(".;, ")
                    words = label.split()
                    off = text.find(label, b.start)
                    if off >= 0 and 1 <= len(words) <= 6 and all(_is_cap(w) or w.lower() in _CONNECTORS for w in words):
                        m = _Mention(off, off + len(label), label, _classify(words) or "Company", "list")
                        item = _Cluster(label, m.type, [m], {label})
                        self.clusters.append(item)
                        self.of_mention[id(m)] = item
                        self.mentions.append(m)
                        self.mentions.sort(key=lambda x: x.start)
                if item is not None:
                    self.add(item, pred, subj, _Sentence(s.start, b.end, text[s.start : b.end], s.line_start, s.section))
                k += 1

    def rule_periods(self) -> None:
        for sent in self.ctx.sentences:
            pm = re.search(r"\b(?:fra|løber fra|gælder fra|i perioden|perioden|i årene)\s+(?=\d)", sent.text)
            if not pm:
                continue
            ds = find_dates(sent.text[pm.end() :], years=False)
            year_range = False
            if len(ds) < 2 or ds[0].start != 0:
                # "perioden 2023-2028", "fra 2025 til 2027": years only
                ym = re.match(r"((?:19|20)\d{2})\s*(?:-|–|til)\s*((?:19|20)\d{2})\b", sent.text[pm.end() :])
                if not ym or int(ym.group(1)) > int(ym.group(2)):
                    continue
                year_range = True
                start, end = date(int(ym.group(1)), 1, 1), date(int(ym.group(2)), 12, 31)
            elif not re.fullmatch(r"\s*(?:til|-|–)\s*", sent.text[pm.end() + ds[0].end : pm.end() + ds[1].start]):
                # "fra 1. april 2025 til 31. marts 2028": two dates joined by "til" or a dash
                continue
            else:
                start, end = ds[0].value, ds[1].value
            grants = [st for st in self.out if st.p == "schema:funder"]
            same = [st for st in grants if st.sent == (sent.start, sent.end)]
            for st in same:
                st.start_date, st.end_date = start, end
            if re.search(r"bevilling|tilskud|støtte|finansiering", sent.text, re.I) and grants:
                undated = [st for st in grants if st.start_date is None]
                if re.search(r"\b(?:Bevillingen|bevillingen|Tilskuddet|tilskuddet|Støtten|støtten)\b", sent.text) and undated:
                    undated = undated[:1]  # "Bevillingen": the (first) grant, not every co-financing
                for st in undated:
                    st.start_date, st.end_date = start, end
            else:
                subj = self.subject_before(sent, sent.start + pm.start())
                if subj is not None:
                    self.add(subj, "schema:startDate", start.isoformat()[:4] if year_range else start.isoformat(), sent)
                    self.add(subj, "schema:endDate", end.isoformat()[:4] if year_range else end.isoformat(), sent)


def _genitive(name: str) -> str:
    """Danish genitive: ``Welfare Tech`` -> ``Welfare Techs``, ``Novo Nordisk Fonden`` -> ``Novo Nordisk Fondens``, ``DTU Aqua's``."""
    if name.endswith(("s", "x", "z")):
        return name + "'"
    return name + ("'s" if name[-1:].isupper() and name.split()[-1].isupper() else "s")
