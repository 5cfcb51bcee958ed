"""The state the statement rules share (:class:`_Builder`: the clusters, the
statements found so far) and its helpers for what a sentence is about: the
subject before a position, the entity an anaphor ("klyngen", "projektet")
refers to, the items of a list. The rules themselves are in
:mod:`graph.ingest.rules`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from graph.ingest.clusters import _Cluster, _squash
from graph.ingest.lexicon import _COMPATIBLE, _FIRST_ITEM_BREAKERS, _LIST_BREAKERS, _TRIGGERS, _stop_words
from graph.ingest.mentions import _Ctx, _Mention, _Sentence, _stem_in, _trigger_type
from graph.ingest.model import _ORG_TYPES

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


def _several(lead: str) -> bool:
    """Does ``lead`` open with a number of things ("Tre projekter", "12 virksomheder")?"""
    return bool(re.match(r"^\W*(?:to|tre|fire|fem|seks|syv|otte|ni|ti|\d+)\s+[a-zæøå-]+(?:er|e)\b", lead, re.I))


class _Builder:
    """What the rules of :mod:`graph.ingest.rules` share while they read one
    text: its clusters (a rule may add one, e.g. a unit or a site), the
    cluster of each mention, the statements found so far (``out``) and what
    earlier rules noted for later ones (``introduced``, ``rounds``,
    ``np_focus``, ``below_org``)."""

    def __init__(self, ctx: _Ctx, clusters: list[_Cluster]):
        self.ctx = ctx
        self.clusters = clusters
        self.of_mention: dict[int, _Cluster] = {}
        for c in clusters:
            for m in c.mentions:
                self.of_mention[id(m)] = c
        self.mentions = sorted((m for c in clusters for m in c.mentions), key=lambda m: m.start)
        self.out: list[_St] = []
        self.np_focus: list[tuple] = []  # (entity, start, end, sentence): focus terms there describe the entity
        self.introduced: list[_Cluster] = []  # entities a founding clause introduced
        self.rounds: list[tuple] = []  # (recipient, amount, sentence) of investment rounds
        self.below_org: dict[int, _Cluster] = {}  # a contact name's organisation on the line below
        self.main = self._main_entity()
        self.section_entity = self._section_entities()

    def in_range(self, a: int, b: int, *, persons: bool = False) -> list[_Mention]:
        return [m for m in self.mentions if m.start >= a and m.end <= b and (persons or self.of_mention[id(m)].type != "Person")]

    def cluster(self, m: _Mention) -> _Cluster:
        return self.of_mention[id(m)]

    def _main_entity(self) -> _Cluster | None:
        counts: dict[int, int] = {}
        for c_i, c in enumerate(self.clusters):
            if c.type in ("Person", "Focus Area", "Facility", "Municipality", "Region", "Public Authority", "University", "Investor"):
                continue
            # an acronym defined right after the name, "X (XY)", is no second mention
            n = sum(
                1
                for m in c.mentions
                if self.section_of(m.start) == 0 and not any(o.end <= m.start and re.fullmatch(r"\s*\(", self.ctx.text[o.end : m.start]) for o in c.mentions)
            )
            n += sum(5 for m in c.mentions if re.search(r"(under navnet|hedder|kaldet|med navnet|navnet)\s*$", self.ctx.text[max(0, m.start - 20) : m.start]))
            # "Centret …", "Projektet …" opening sentences of the body refer to it too
            for s_ in self.ctx.sentences:
                if s_.section != 0:
                    continue
                w0 = re.match(r"^[^\wæøåÆØÅ]*([\wæøåÆØÅ-]+)", s_.text)
                typ = _trigger_type(w0.group(1)) if w0 and w0.group(1)[:1].isupper() else None
                if typ not in (None, "none"):
                    stem = re.sub(r"(erne|ene|et|en|n|t)$", "", w0.group(1).lower())
                    if _stem_in(stem, c.label) and c.type not in ("Person", "Focus Area"):
                        n += 1  # "Testlabbet …" for "Velfærdsteknologisk Testlab Vendsyssel", whatever its type
                    elif c.type in _COMPATIBLE.get(typ, {typ}) and any(_stem_in(stem, self._noun_before(m)) for m in c.mentions):
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

    def section_of(self, pos: int) -> int:
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
            r"^\W*([A-ZÆØÅ][a-zæøå]+(?:en|et|erne|ene|ne))\s+(?:er|var|blev|bliver|skal|vil|kan|har|ledes|ledet|i|for|om|af|til|på|ved|hos|fra|bag|[a-zæøå]*(?:går|får|står|gør)|[a-zæøå]+(?:er|es))\b",
            self.ctx.text[sent.start : sent.end],
        )
        if not ms and re.match(r"^\W*Det\s+(?:bliver|er|blev|skal|vil|får)\b", sent.text):
            prev = [x for x in self.ctx.sentences if x.end <= sent.start and x.section == sent.section]
            if prev:  # "Centret får hovedsæde i Aarhus. Det bliver forankret ved …": the previous sentence's subject
                return self.subject_before(prev[-1], prev[-1].end)
        if not ms and re.match(r"^\W*(?:Hun|Han)\s", self.ctx.text[sent.start : pos]):
            return None  # "Hun er også medlem af …": a person the sentence does not name, not an organisation
        if not ms and _several(self.ctx.text[sent.start : pos]):
            return None  # "Tre projekter … modtager i alt N": several things, no one entity
        if head and not ms and (named := self._named_earlier(sent, head.group(1))) is not None:
            return named  # 'Forsøget hedder "X" …. Forsøget løber til …': X
        if head and not ms and _trigger_type(head.group(1)) in (None, "none") and head.group(1).lower() not in _stop_words():
            # "Forskningen i projektet ledes af …", "Forsøget blev finansieret af …", "Runden er
            # ledet af …": the sentence is about a thing the text does not name, not an entity
            return None
        # a relative clause: "innovationsnetværket Sundhed Midt, hvis medlemmer er …",
        # "Klyngen X, der består af …": the name the clause hangs on
        if ms and re.fullmatch(r"\s*,?\s*(?:der|som|hvis(?:\s+[\w-]+)?)(?:\s+(?:er|var|blev|bliver|har været|hører))?(?:\s+(?:også|blandt andet|bl\.a\.|nu|i dag|allerede))?\s*", self.ctx.text[ms[-1].end : pos]):
            return self.cluster(ms[-1])
        # "Projektet gennemføres i Esbjerg … og ledes af …": the definite noun opening the
        # sentence is its subject, not a name in a prepositional phrase after the verb
        if head and ms and _trigger_type(head.group(1)) not in (None, "none") and re.search(
            r"\b(?:i|på|med|til|fra|hos|ved|for|blandt)\s+(?:[a-zæøå]+s\s+)?$", self.ctx.text[sent.start : ms[0].start]
        ):
            ref = self.anaphor(sent, head.group(1), strict=True)
            if ref is not None:
                return ref
        # 'Forsøget, der har fået navnet "X", gennemføres …': the name the opening noun is given
        if ms and re.match(r"^\W*[A-ZÆØÅ][a-zæøå]+(?:en|et)\s*,\s*(?:der|som)\s+(?:har\s+)?(?:fået|får)\s+navnet\s*[”“\"']?$", self.ctx.text[sent.start : ms[0].start]):
            return self.cluster(ms[0])
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
            main_named = False
            for m in self.mentions:
                if m.start >= sent.start:
                    break
                c = self.cluster(m)
                if c.type not in want and c.type not in ("Person", "Focus Area") and _stem_in(stem, c.label) and self.section_of(m.start) == sent.section:
                    named = c  # "Testlabbet" -> "Velfærdsteknologisk Testlab Vendsyssel", whatever its type
                elif c.type in want and self.section_of(m.start) == sent.section:
                    best = c
                    if _stem_in(stem, c.label) or _stem_in(stem, self._noun_before(m)) or _stem_in(stem, self._apposition_noun(m)):
                        # "Centeret" -> "Center for ...", "Klyngen" -> "... klynge",
                        # "Projektet" -> "projektet Sikker Hjemme" (not "programmet Grand Solutions")
                        named = c
                        main_named = main_named or c is self.main
            if main_named:
                return self.main  # "Centret": the text's own centre, not a centre it is placed at
            if named is None and best is not None and self.main is not None and self.main is not best and self.main.type in want and any(
                mm.type for mm in self.main.mentions  # typed by the text, not a company by default
            ) and any(
                mm.start < sent.start and self.section_of(mm.start) == sent.section for mm in self.main.mentions
            ):
                return self.main  # "Projektet" is the text's own project, not a programme named in passing
            if named is not None or best is not None:
                return named or best
            # "Projektet" after "… etablerer et testcenter. Testcentret får navnet X": X
            for c in reversed(self.introduced):
                if min(m.start for m in c.mentions) < sent.start and self.section_of(min(m.start for m in c.mentions)) == sent.section:
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
            if (c.type in ("Initiative", "Partnership", "Innovation Network", "Cluster") or c in self.introduced) and self.section_of(m.start) == sent.section:
                best = c
        return best

    def _noun_before(self, m: _Mention) -> str:
        """The word right before a mention (quotes skipped), lower case: the
        trigger noun that introduced it ("projektet", "programmet")."""
        w = re.search(r"([\w-]+)[\s”“\"«»‘’']*$", self.ctx.text[max(0, m.start - 40) : m.start])
        return w.group(1).lower() if w else ""

    def _named_earlier(self, sent: _Sentence, noun: str) -> _Cluster | None:
        """The name an earlier sentence gave the definite ``noun`` ("Forsøget
        hedder ”X”", "Studiet har fået navnet X"), else None."""
        rx = re.compile(rf"^\W*{re.escape(noun)}\s*,?\s*(?:(?:der|som)\s+)?(?:hedder|kaldes|har\s+fået\s+navnet|får\s+navnet)\s*[”“\"']?$")
        for prev in self.ctx.sentences:
            if prev.start >= sent.start:
                break
            for m in self.in_range(prev.start, prev.end):
                if rx.match(self.ctx.text[prev.start : m.start]):
                    return self.cluster(m)
        return None

    def _apposition_noun(self, m: _Mention) -> str:
        """The words of an indefinite apposition right after a mention ("X, et
        tilbud hvor …"), lower case: the noun a later "Tilbuddet" refers by."""
        w = re.match(r",\s+(?:et|en)\s+((?:[\wæøå-]+\s+){0,2}[\wæøå-]+)", self.ctx.text[m.end : m.end + 60])
        return w.group(1).lower() if w else ""

    def items_after(self, pos: int, end: int, *, persons: bool = False) -> list[_Mention]:
        ms = self.in_range(pos, end, persons=persons)
        out: list[_Mention] = []
        cursor = pos
        for m in ms:
            gap = self.ctx.text[cursor : m.start]
            words = [w for w in re.split(r"[\s,:;–-]+", gap) if w and w.lower() not in ("og", "samt", "&", "and", "plus")]
            if out and re.fullmatch(r"\s*,\s*(?:der|som)\s+[^.!?,;:]{3,80},\s*(?:og|samt)\s+", gap):
                out.append(m)  # "B, der står for evalueringen, og C, som …": the list goes on after an item's relative clause
                cursor = m.end
                continue
            if out and (len(words) > 4 or re.search(r"[.!?]", gap)):
                break
            if out and re.fullmatch(r"\s+(?:på|ved|i)\s+", gap) and self.cluster(out[-1]).type == "Organizational Unit" and self.cluster(m).type in _ORG_TYPES:
                cursor = m.end  # "Hjertecentret på Rigshospitalet og Herlev og Gentofte Hospital": the unit's parent, and the list goes on
                continue
            if out and (re.match(r"\s*,\s*(?:som|der|hvis|hvor|hvilket)\b", gap) or any(w.lower() in _LIST_BREAKERS for w in words)):
                break  # "A, som består af B", "A og B i samarbejde med C": B and C are not in A's list
            if not out and (len(words) > 6 or any(w.lower() in _FIRST_ITEM_BREAKERS for w in words)):
                break  # "… sammen med kommunerne, siger direktør i X": X is not what the cue introduces
            out.append(m)
            cursor = m.end
        return out

    def add(self, s, p, o, sent, **kw) -> None:
        if s is None or o is None or s is o:
            return
        if p == "org:memberOf" and isinstance(o, _Cluster) and o.type in ("Initiative", "Partnership"):
            # "Konsortiet (projektet) består af A, B": members of an initiative are its partners;
            # "Projektet indgår i kommunens Ældrepolitik 2023-2027": an initiative is part of one
            p = "org:subOrganizationOf" if s.type == "Initiative" else "eco:partnerIn"
        post = kw.get("post")
        if post and not post.split()[0].isupper():  # "Adm. direktør" -> "adm. direktør"
            kw["post"] = post[0].lower() + post[1:]
        self.out.append(_St(s, p, o, (sent.start, sent.end), **kw))

    def find_cluster(self, name: str) -> _Cluster | None:
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

    def in_quotation(self, sent: _Sentence) -> bool:
        """Is the sentence part of a quotation (speech)?"""
        text = self.ctx.text
        para = text.rfind("\n", 0, sent.start) + 1
        return text[sent.start : sent.start + 1] in "”“\"«" or text.count("”", para, sent.start) % 2 == 1 or text.count("“", para, sent.start) > text.count("”", para, sent.start)
