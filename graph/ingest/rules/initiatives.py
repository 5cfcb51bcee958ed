"""Initiatives the text describes without naming them: a nominalised activity
given as an example of a collaboration (``et godt eksempel på et
tværregionalt samarbejde er udviklingen af en ny app til …``) and an unnamed
model or programme of a place (``modellen for etablering af … i Region X``,
``Region Xs program for udvikling af …``). The label is the text's own noun
phrase; focus terms inside it are the initiative's subjects, and a region or
municipality closing it is where the initiative is.
"""

from __future__ import annotations

import re

from graph.ingest.clusters import _Cluster, _label_of
from graph.ingest.mentions import _Mention, _Sentence
from graph.ingest.statements import _Builder

__all__ = ["rule_described_initiatives"]


#: nominalised activities that make a noun phrase an undertaking ("udvikling af …")
_ACTIVITY = r"(?:udvikling|etablering|indførelse|implementering|afprøvning|opbygning|oprettelse|udbredelse|omlægning|digitalisering)(?:en|n)?"
_ACTIVITY_RE = re.compile(rf"(?<![\w-]){_ACTIVITY}\s+af\s", re.I)
# "et (godt) eksempel på et (allerede eksisterende tværregionalt) samarbejde"
_EXAMPLE = re.compile(
    r"\beksempel\s+på\s+(?:et|en)\s+(?:[\wæøå-]+\s+){0,4}?(?:samarbejde|projekt|initiativ|tilbud|indsats|partnerskab|tiltag|forløb)\b",
    re.I,
)
_PLAN_NOUNS = r"model|program|indsats|ordning|koncept|satsning"
# "modellen for udvikling af … i <place>" (definite head noun, the place closes it)
_PLAN_OF_PLACE = re.compile(rf"(?<![\w-])(?:{_PLAN_NOUNS})(?:len|met|en|et)\s+for\s+{_ACTIVITY}\s+af\s+[^.,;:!?”\"]{{1,90}}?\s+i\s+$", re.I)
# "<place>s model for udvikling af …" (the place's genitive)
_PLACE_PLAN = re.compile(rf"(s?)\s+(?:{_PLAN_NOUNS})\s+for\s+(?={_ACTIVITY}\s+af\s)", re.I)
# words that end the noun phrase: verbs, participles, relative pronouns, conjunctions of clauses
_NP_END = frozenset(
    "er var blev bliver har havde kan kunne skal skulle vil ville må bør nævnt nævnes fremhævet fremhæves omtalt "
    "præsenteret præsenteres vist fremlagt som der hvor hvis hvilket men mens fordi så når".split()
)
_MAX_WORDS = 12


def rule_described_initiatives(builder: _Builder) -> None:
    """Propose the unnamed initiatives the sentences describe (see the module
    docstring); each is an Initiative labelled with its noun phrase."""
    for sent in builder.ctx.sentences:
        if builder.in_quotation(sent):
            continue
        for a, b in _example_phrases(builder, sent):
            _propose(builder, sent, a, b, _closing_place(builder, a, b))
        for a, b, place in _plans_of_places(builder, sent):
            _propose(builder, sent, a, b, place)


def _np_end(text: str, start: int, limit: int) -> int | None:
    """End offset of the noun phrase opening at ``start`` (an activity
    ``udvikling af …``): before the first verb, relative pronoun or clause
    conjunction, or at a punctuation mark; None if it runs on too long."""
    end = None
    for k, w in enumerate(re.finditer(r"[^\s]+", text[start:limit])):
        word = w.group(0)
        core = word.rstrip(".,;:!?”\"')")
        if core.lower() in _NP_END:
            return end if k >= 3 else None
        if k >= _MAX_WORDS:
            return None
        end = start + w.start() + len(core)
        if core != word:
            return end
    return end


def _example_phrases(builder: _Builder, sent: _Sentence) -> list[tuple[int, int]]:
    """"Som et godt eksempel på et tværregionalt samarbejde blev udvikling af X
    nævnt", "Udviklingen af X er et eksempel på et projekt …": the activity."""
    text = builder.ctx.text
    ex = _EXAMPLE.search(text, sent.start, sent.end)
    if not ex:
        return []
    act = _ACTIVITY_RE.search(text, ex.end(), sent.end)
    if act is None:
        act = _ACTIVITY_RE.match(text, sent.start, ex.start())  # the activity opens the sentence
        limit = ex.start()
    else:
        limit = sent.end
    if act is None:
        return []
    end = _np_end(text, act.start(), limit)
    return [(act.start(), end)] if end else []


def _plans_of_places(builder: _Builder, sent: _Sentence) -> list[tuple[int, int, _Mention]]:
    """"modellen for udvikling af … i Region X" and "Region Xs program for
    udvikling af …": a region's or municipality's own plan (with its place)."""
    text = builder.ctx.text
    out = []
    for m in builder.in_range(sent.start, sent.end):
        if builder.cluster(m).type not in ("Region", "Municipality"):
            continue
        before = _PLAN_OF_PLACE.search(text, sent.start, m.start)
        if before and not _stops_phrase(text[before.start() : m.start]):
            out.append((before.start(), m.end, m))
        after = _PLACE_PLAN.match(text, m.end, sent.end)
        if after and (after.group(1) or text[m.end - 1] == "s"):
            end = _np_end(text, after.end(), sent.end)
            if end:
                out.append((m.start, end, m))
    return out


def _closing_place(builder: _Builder, a: int, b: int) -> _Mention | None:
    """The region or municipality closing the phrase ``text[a:b]`` (``… i Vejle``)."""
    places = [m for m in builder.in_range(a, b) if builder.cluster(m).type in ("Region", "Municipality")]
    if places and places[-1].end == b and re.search(r"\si\s+$", builder.ctx.text[a : places[-1].start]):
        return places[-1]
    return None


def _stops_phrase(phrase: str) -> bool:
    return any(w.lower() in _NP_END for w in re.findall(r"[\wæøå]+", phrase)[3:])


def _propose(builder: _Builder, sent: _Sentence, a: int, b: int, place: _Mention | None) -> None:
    """Add the initiative ``text[a:b]`` (located at ``place``, if any)."""
    text = builder.ctx.text
    if any(m.start < b and a < m.end and m.origin == "described" for c in builder.clusters for m in c.mentions):
        return
    surface = text[a:b]
    label = surface
    if place is not None and place.end == b and builder.cluster(place).score < 100:
        # a place matched only fuzzily ("Region Syddanmar"): written as its known name
        label = text[a : place.start] + _label_of(builder.cluster(place))
    label = label[0].upper() + label[1:]
    m = _Mention(a, b, label, "Initiative", "described")
    c = _Cluster(label, "Initiative", [m], {label, surface})
    builder.clusters.append(c)
    builder.of_mention[id(m)] = c
    builder.np_focus.append((c, a, b, sent))
    if place is not None:
        builder.add(c, "schema:location", builder.cluster(place), sent)
