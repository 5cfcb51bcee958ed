"""Grouping mentions of one name into clusters (legal forms, genitives,
acronyms and near-identical spellings) and matching a cluster against the
known graph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz
from rdflib import URIRef

from graph.gazetteer import Gazetteer, is_acronym, normalise
from graph.ingest.lexicon import _COMPATIBLE, _TITLE_RE
from graph.ingest.mentions import _Ctx, _Mention

__all__: list[str] = []  # private to graph.ingest


@dataclass
class _Cluster:
    label: str
    type: str | None
    mentions: list[_Mention]
    aliases: set[str]
    known: object = None
    score: float = 0.0


def _squash(s: str) -> str:
    return normalise(s).replace(" ", "")


def _legal_key(s: str) -> str:
    """Squashed name without a legal-form suffix (``Liva Healthcare A/S`` = ``Liva Healthcare``)."""
    return re.sub(r"(as|aps|is|ps|ks|amba)$", "", _squash(s)) if re.search(r"\s(A/S|ApS|I/S|P/S|K/S|a\.m\.b\.a\.?)$", s) else _squash(s)


def _cluster(ctx: _Ctx) -> list[_Cluster]:
    text = ctx.text
    clusters: list[_Cluster] = []
    by_key: dict[str, int] = {}
    by_iri: dict[URIRef, int] = {}
    acr_def: dict[str, int] = {}
    ms = sorted(ctx.mentions, key=lambda m: m.start)

    def key_of(m: _Mention) -> str:
        return _legal_key(m.label)

    for m in ms:
        idx = None
        if m.known is not None and m.known.iri in by_iri:
            idx = by_iri[m.known.iri]
        if idx is None and m.origin == "acronym" and m.label in acr_def:
            idx = acr_def[m.label]
        k = key_of(m)
        if idx is None and k in by_key:
            idx = by_key[k]
        if idx is None and k.endswith("s") and k[:-1] in by_key:
            idx = by_key[k[:-1]]
        if idx is None and m.type != "Person":
            for ci, c in enumerate(clusters):
                if c.type == "Person" or len(k) < 6:
                    continue
                if any(fuzz.ratio(k, _squash(a)) >= 92 for a in c.aliases | {c.label}):
                    idx = ci
                    break
        if idx is None:
            clusters.append(_Cluster(m.label, m.type, [], {m.label}, m.known))
            idx = len(clusters) - 1
        c = clusters[idx]
        c.mentions.append(m)
        c.aliases.add(m.label)
        surface = text[m.start : m.end]
        if m.origin == "gazetteer" and normalise(surface) != normalise(m.label) and not surface.endswith("s"):
            c.aliases.add(surface)
        if c.type in (None, "Person?") and m.type:
            c.type = m.type
        if m.known is not None and c.known is None:
            c.known = m.known
        by_key.setdefault(k, idx)
        if m.known is not None:
            by_iri.setdefault(m.known.iri, idx)
        # "Name (ACR)" defines an acronym
        after = text[m.end : m.end + 14]
        am = re.match(r"^\s*\(([A-ZÆØÅ][A-ZÆØÅ0-9&-]{1,7})\)", after)
        if am:
            acr_def[am.group(1)] = idx
            c.aliases.add(am.group(1))
            by_key.setdefault(_squash(am.group(1)), idx)
    # acronym-only clusters without definition: the initials of a name in the
    # text ("SDSI" = Syddansk Sundhedsinnovation), else dropped
    out = []
    named = [c for c in clusters if c.type not in ("Person", "Person?", "Focus Area") and not all(m.origin == "acronym" for m in c.mentions)]
    for c in list(clusters):
        if c.type is None and all(m.origin == "acronym" for m in c.mentions):
            fits = [n for n in named if len(c.label) >= 3 and any(_acronym_fits(c.label, a) for a in n.aliases | {n.label})]
            if len(fits) == 1:
                fits[0].mentions.extend(c.mentions)
                fits[0].aliases.add(c.label)
                continue
            if not (len(c.label) >= 3 and not _TITLE_RE.match(c.label) and any(_acting(text, m, ms) for m in c.mentions)):
                continue  # an unexplained acronym (e.g. "EU", "OPI") is not proposed
        if c.type is None:
            c.type = "Company"
        out.append(c)
    return out


_AGENT_CUE = re.compile(
    r"\b(?:ledet|ledes|drevet|drives|støttet|støttes|finansieret|finansieres|ejet|ejes|etableret|stiftet|deltagelse)\s+af\s+$"
)
_LIST_SEP = re.compile(r",\s*|\s+(?:og|samt)\s+|\s+med\s+deltagelse\s+af\s+")


def _acting(text: str, m: _Mention, ms: list[_Mention]) -> bool:
    """Does an unexplained acronym act in the sentence, as the agent of a
    participle ("ledet af EIFO", "støttet af VAEKST") or listed with a named
    organisation ("EIFO med deltagelse af Novo Holdings", "Novo Holdings og
    EIFO")?"""
    if _AGENT_CUE.search(text[max(0, m.start - 40) : m.start]):
        return True
    named = [x for x in ms if x.type not in ("Person", "Person?", "Focus Area") and x.origin != "acronym"]
    return any(_LIST_SEP.fullmatch(text[m.end : x.start]) or _LIST_SEP.fullmatch(text[x.end : m.start]) for x in named)


_ACRONYM_SKIP = frozenset({"og", "for", "i", "af", "til", "of", "and", "the", "&", "-"})


def _acronym_fits(acr: str, name: str) -> bool:
    """Can ``acr`` be the initials of ``name``? Every word gives its first
    letter and, in order, maybe more of its letters (parts of a compound).

    >>> _acronym_fits("SDSI", "Syddansk Sundhedsinnovation"), _acronym_fits("CHC", "Copenhagen Healthtech Cluster")
    (True, True)
    >>> _acronym_fits("SDSI", "Region Syddanmark"), _acronym_fits("AB", "Anders Bøgh Hansen")
    (False, False)
    """
    words = [w.lower() for w in re.split(r"[\s/]+", name) if w and w.lower() not in _ACRONYM_SKIP]
    a = acr.lower()
    if not words or len(words) > len(a):
        return False

    @lru_cache(maxsize=None)
    def fit(ai: int, wi: int) -> bool:
        if wi == len(words):
            return ai == len(a)
        w = words[wi]
        if ai >= len(a) or w[0] != a[ai]:
            return False
        # take the first letter, then 0.. more letters of the word in order
        options = [(ai + 1, 1)]
        k, pos = ai + 1, 1
        while k < len(a):
            nxt = w.find(a[k], pos)
            if nxt < 0:
                break
            options.append((k + 1, nxt + 1))
            k, pos = k + 1, nxt + 1
        return any(fit(na, wi + 1) for na, _p in options)

    return fit(0, 0)


def _match_known(c: _Cluster, gz: Gazetteer) -> None:
    if c.known is not None:
        c.score = 100.0
        return
    for name in sorted(c.aliases, key=len, reverse=True):
        hits = gz.lookup(name)
        if hits:
            c.known, c.score = hits[0], 100.0
            return
    if c.type == "Person":
        best = gz.fuzzy(c.label, threshold=95, type="Person")
    else:
        best = None
        for name in c.aliases:
            if is_acronym(name):
                continue
            hit = gz.fuzzy(name, threshold=90)
            if hit and (best is None or hit[1] > best[1]):
                best = hit
    if best:
        kt = best[0].type
        if c.type not in (None, "Company", kt) and kt not in _COMPATIBLE.get(c.type, {c.type}):
            return  # "plejecentret Sønderbo" is no misspelt "Sønderborg Kommune"
        c.known, c.score = best


def _best_label(c: _Cluster) -> str:
    names = [a for a in c.aliases if not is_acronym(a)] or list(c.aliases)
    # the longest full name, without a genitive s if the bare form also occurs
    names.sort(key=lambda a: (-len(a), a))
    best = names[0]
    if best.endswith("s") and any(n == best[:-1] for n in names):
        best = best[:-1]
    return best


def _label_of(c: _Cluster) -> str:
    if c.known is not None:
        return c.known.label
    return c.label if c.type == "Focus Area" else _best_label(c)
