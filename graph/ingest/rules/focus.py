"""Focus areas: ``fokus på``, and the focus terms of
:mod:`graph.gazetteer` in the sentences about an entity.
"""

from __future__ import annotations

import re

from graph.gazetteer import find_focus_terms, normalise
from graph.ingest.clusters import _Cluster
from graph.ingest.lexicon import _BULLET, _COMPATIBLE, _TRIGGERS
from graph.ingest.mentions import _Mention, _Sentence, _trigger_type
from graph.ingest.rules.founding import _INDEFINITE_NP, _cataphor
from graph.ingest.statements import _Builder

__all__ = ["rule_focus", "rule_focus_terms"]


_FOCUS_SUBJECT_TYPES = frozenset(
    {"Cluster", "Innovation Network", "Association", "Company", "Initiative", "Partnership", "Research Institute", "Organizational Unit"}
)


def rule_focus(builder: _Builder) -> None:
    text = builder.ctx.text
    sents = builder.ctx.sentences
    for i, s in enumerate(sents):
        if not s.text.rstrip().endswith(":") or not re.search(r"fokus|indsatsområder|temaer|(?<!sam)arbejder med|satser på", s.text, re.I):
            continue
        subj = builder.subject_before(s, s.end)
        k = i + 1
        while k < len(sents) and _BULLET.match(text[sents[k].line_start : sents[k].end]) and sents[k].section == s.section:
            b = sents[k]
            label = b.text.strip().lstrip("•·▪●◦-–* ").rstrip(".;, ")
            off = text.find(label, b.start)
            if label and off >= 0:
                m = _Mention(off, off + len(label), label, "Focus Area", "focus")
                fc = _Cluster(label, "Focus Area", [m], {label})
                builder.clusters.append(fc)
                builder.of_mention[id(m)] = fc
                builder.add(subj, "dcterms:subject", fc, _Sentence(s.start, b.end, text[s.start : b.end], s.line_start, s.section))
            k += 1


def _explicit_subject(builder: _Builder, sent: _Sentence, pos: int) -> _Cluster | None:
    """The entity a sentence is about when the text says it: a name
    opening the sentence, the name a relative clause hangs on, an indefinite
    noun the next sentence names ("Et nyt partnerskab …. Partnerskabet har
    fået navnet X"), a definite noun ("Netværket", "Projektet") referring
    back, or the entity of an "Om X" section. None otherwise (no guessing from the main entity)."""
    text = builder.ctx.text
    ms = [m for m in builder.in_range(sent.start, pos) if builder.cluster(m).type not in ("Focus Area",)]
    # a relative clause on a name (a quoted one too: 'projektet ”X”, som skal …'), within the clause
    # (through a list of terms: "…, som har demens, ensomhed og ernæring som indsatsområder")
    if ms and re.fullmatch(r"[”\"’']?\s*,?\s*(?:der|som|hvor)\s*(?:[\w-]+\s+){0,10}(?:[\w-]+,\s+){0,6}(?:[\w-]+\s+(?:og|eller)\s+)?", text[ms[-1].end : pos]) and builder.cluster(ms[-1]).type != "Person":
        return builder.cluster(ms[-1])
    if ms and len(text[sent.start : ms[0].start].split()) <= 1:
        c = builder.cluster(ms[0])
        return c if c.type != "Person" else None
    lead = text[sent.start : pos][:60]
    np_ = _INDEFINITE_NP.match(lead.lower())
    named = _cataphor(builder, sent, np_.group(1)) if np_ and _trigger_type(np_.group(1)) not in (None, "none") else None
    if named is not None:
        return named  # "Et nyt partnerskab vil … om demens. Partnerskabet har fået navnet X": X
    words = re.findall(r"[\wæøåÆØÅ-]+", lead.lower())[:2]
    want = [t for w in words for pat, t in _TRIGGERS if pat.match(w) and t != "none"]
    if want:
        a = builder.anaphor(sent, lead, strict=True)
        if a is not None and a.type in _COMPATIBLE.get(want[0], {want[0]}):
            return a
    if sent.section in builder.section_entity and sent.section > 0:
        return builder.section_entity[sent.section]
    return None


def rule_focus_terms(builder: _Builder) -> None:
    """Focus-area terms in running text (``graph.gazetteer.FOCUS_TERMS``):
    each is a Focus Area; the entity a sentence is explicitly about has
    the terms of that sentence as ``dcterms:subject`` (not in quotations)."""
    text = builder.ctx.text
    # a described initiative ("udvikling af en ny seng til psykiatrien") leaves its focus terms free
    taken = [(m.start, m.end) for c in builder.clusters for m in c.mentions if m.origin != "described"]
    by_key = {normalise(c.label): c for c in builder.clusters if c.type == "Focus Area"}
    for t in find_focus_terms(text):
        if any(a < t.end and t.start < b for a, b in taken):
            continue
        key = normalise(t.label)
        fc = by_key.get(key)
        m = _Mention(t.start, t.end, t.label, "Focus Area", "focus")
        if fc is None:
            fc = _Cluster(t.label, "Focus Area", [], {t.label})
            builder.clusters.append(fc)
            by_key[key] = fc
        fc.mentions.append(m)
        if t.label_en:
            fc.aliases.add(t.label_en)
        builder.of_mention[id(m)] = fc
        taken.append((t.start, t.end))
        for ent_, a_, b_, s_ in builder.np_focus:
            if a_ <= t.start < b_ and ent_.type in _FOCUS_SUBJECT_TYPES:
                builder.add(ent_, "dcterms:subject", fc, s_)
        sent = next((x for x in builder.ctx.sentences if x.start <= t.start < x.end), None)
        if sent is None or builder.in_quotation(sent):
            continue
        subj = _explicit_subject(builder, sent, t.start)
        if subj is None or subj.type not in _FOCUS_SUBJECT_TYPES or "udvalg" in subj.label.lower():
            continue
        builder.add(subj, "dcterms:subject", fc, sent)
