"""Finding names in the text: tokens and sentences, capitalised spans typed by
their words, trigger nouns and the gazetteer, quoted names, short and
repeated names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from graph.gazetteer import FIRST_NAMES, Gazetteer, is_acronym, normalise
from graph.ingest.branches import _branch_name, _place_prefixed_trigger
from graph.ingest.lexicon import (
    _COMPANYISH,
    _CONNECTORS,
    _EXTRA_STOP,
    _FIRST_TYPES,
    _MONTH_WORDS,
    _NAMED_ONLY,
    _NAME_PARTICLES,
    _ORGISH,
    _STREET,
    _SUFFIX_TYPES,
    _TITLE_RE,
    _TRIGGERS,
    _nlp,
    _stop_words,
)
from graph.ingest.model import _SOFT_TYPES

__all__: list[str] = []  # private to graph.ingest


@dataclass
class _Mention:
    start: int
    end: int
    label: str
    type: str | None
    origin: str  # gazetteer | suffix | trigger | person | guess | acronym | focus
    known: object = None  # gazetteer Entry
    cluster: int = -1
    parent: object = None  # gazetteer Entry of the organisation a unit belongs to


@dataclass
class _Sentence:
    start: int
    end: int
    text: str
    line_start: int
    section: int


@dataclass
class _Ctx:
    text: str
    gz: Gazetteer
    tokens: list  # (start, end, text)
    sentences: list[_Sentence]
    mentions: list[_Mention] = field(default_factory=list)
    lower_words: frozenset = frozenset()


def _tokens(text: str) -> list[tuple[int, int, str]]:
    """Tokens as (start, end, text); ``A/S.`` keeps its sentence period apart."""
    out = []
    for t in _nlp().make_doc(text):
        if t.is_space:
            continue
        s, tx = t.idx, t.text
        if len(tx) > 1 and tx.endswith(".") and tx[0].isupper() and tx[:-1] not in _CAP_ABBREVIATIONS and not re.fullmatch(r"(?:[A-ZÆØÅ]\.){2,}", tx):
            nxt = text[s + len(tx) : s + len(tx) + 3]
            initial = len(tx) == 2 and not (out and out[-1][2] == "/")  # "Jens K. Hansen"
            if (out and out[-1][2] == "/") or not nxt.strip() or (re.match(r"\s+[A-ZÆØÅ”\"]", nxt) and not initial):
                out.append((s, s + len(tx) - 1, tx[:-1]))
                out.append((s + len(tx) - 1, s + len(tx), "."))
                continue
        out.append((s, s + len(tx), tx))
    return out


_CAP_ABBREVIATIONS = frozenset({"Dr", "St", "Kbh", "Hr", "Fr", "Mr", "Ms", "Prof", "Adm", "Tlf", "Nr", "Jf"})


_SENT_SPLIT = re.compile(r"(?<=[.!?])(?<!\s[A-ZÆØÅ]\.)(?<![A-ZÆØÅ]\.[A-ZÆØÅ]\.)[”\"’]?\s+(?=[”\"“«]?[A-ZÆØÅ0-9])")


def _sentences(text: str) -> list[_Sentence]:
    out = []
    section = 0
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        lstart = pos + (len(line) - len(line.lstrip()))
        pos += len(line)
        if not stripped:
            continue
        if re.match(r"^(Om|About)\s+\S", stripped) and len(stripped) < 90 and not stripped.endswith("."):
            section += 1
        elif re.match(r"^(Kontakt\w*|Yderligere (?:information|oplysninger)|For yderligere|Pressekontakt|Fakta\b|Faktaboks)", stripped):
            section += 1
        cursor = lstart
        for part in _SENT_SPLIT.split(stripped):
            if not part:
                continue
            idx = text.find(part, cursor)
            if idx < 0:
                continue
            # protect abbreviations that end a "sentence" (adm. , mio. , kr. , tlf.)
            out.append(_Sentence(idx, idx + len(part), part, lstart, section))
            cursor = idx + len(part)
    # merge splits after common abbreviations
    merged: list[_Sentence] = []
    for s in out:
        prev = merged[-1].text if merged else ""
        if merged and merged[-1].line_start == s.line_start and (
            re.search(r"\b(adm|ca|bl\.a|f\.eks|nr|pr|dr|jf|inkl|evt|tlf|tel|ph\.d|dr\.med|cand\.\w+|mag\.art|lic\.\w+)\.$", prev, re.I)
            or (re.search(r"\b(mio|mia|kr)\.$", prev, re.I) and s.text[:1].isdigit())
        ):
            m = merged[-1]
            merged[-1] = _Sentence(m.start, s.end, text[m.start : s.end], m.line_start, m.section)
        else:
            merged.append(s)
    return merged


def _is_cap(tok: str) -> bool:
    return bool(tok) and (tok[0].isupper() or (tok[0].isdigit() and any(c.isalpha() for c in tok)))


#: a naming verb right before a name: "hedder X", "fået navnet ”X”", "kaldet X"
_NAMING_CUE = re.compile(r"(?:hedder|navnet|kaldet)\s*[”“\"']?$")


def _cap_spans(ctx: _Ctx) -> list[tuple[int, int]]:
    """Maximal runs of capitalised tokens (token index ranges), with connectors."""
    toks = ctx.tokens
    sent_starts = {s.start for s in ctx.sentences}
    spans = []
    i = 0
    n = len(toks)
    while i < n:
        s, e, t = toks[i]
        if not _is_cap(t) or not any(c.isalpha() for c in t):
            i += 1
            continue
        j = i + 1
        saw_for = False
        while j < n:
            ps, pe, pt = toks[j - 1]
            s2, e2, t2 = toks[j]
            if "\n" in ctx.text[pe:s2] or s2 in sent_starts or pt == ".":
                break
            if t2 == "/" and j + 1 < n and toks[j + 1][2] in ("S", "s") and pt in ("A", "I", "P", "K", "a", "i", "p"):
                j += 2
                continue
            if t2 in ("A/S", "ApS", "I/S", "P/S"):
                j += 1
                continue
            if _is_cap(t2) and t2 not in ("”", "“"):
                j += 1
                continue
            if t2.isdigit() and len(t2) <= 4 and _named_by_trigger(toks, i):
                j += 1  # "programmet Velfærd 2030", "strategien Sundhed 2025"
                continue
            if t2.lower() in _CONNECTORS and j + 1 < n and _is_cap(toks[j + 1][2]) and "\n" not in ctx.text[e2 : toks[j + 1][0]]:
                low = t2.lower()
                # "Bispebjerg og Frederiksberg Hospital", "Herlev og Gentofte Hospital": one hospital
                if low == "og" and not (pt.endswith("-") or saw_for or (j == i + 1 and j + 2 < n and toks[j + 2][2] == "Hospital") or _couples_fund(ctx, i, j)):
                    break
                nxt = toks[j + 1][2]  # "Center for AI i Sundhed", not "Center for X i Region Y" or "… i Aarhus"
                unit_of_region = nxt == "Region" and j == i + 1 and pt.endswith(("en", "et")) and s not in sent_starts  # "Psykiatrien i Region Syddanmark"
                not_place = nxt != "Region" and not any(h.type in ("Region", "Municipality") for h in ctx.gz.lookup(nxt))
                # a given name with a noun in the definite form: 'navnet AI i Blodet', 'projektet Liv i Hjemmet'
                named_noun = not_place and re.search(r"(?:et|en|ne)$", nxt) and (
                    _named_by_trigger(toks, i) or _NAMING_CUE.search(ctx.text[max(0, s - 20) : s])
                )
                if low == "i" and not pt.lower().startswith("it-universitet") and not unit_of_region and not (
                    saw_for and not_place
                ) and not named_noun:
                    break
                if low == "til" and not (saw_for or _named_by_trigger(toks, i)):  # "projektet Data til Borgeren"
                    break
                if low == "om" and not _NAMING_CUE.search(ctx.text[max(0, toks[i][0] - 20) : toks[i][0]]):
                    break  # "Samarbejdet hedder Sammen om Udskrivelsen"
                if low == "for":
                    saw_for = True
                j += 2
                continue
            if pt.endswith("-") and t2 == "og" and j + 1 < n:
                j += 1
                continue
            break
        spans.append((i, j))
        i = j
    return spans


_FUND_HEAD = re.compile(r"(?:Fond|Fonden|Legat|Legatet|Mindefond)$")


def _couples_fund(ctx: _Ctx, i: int, j: int) -> bool:
    """"Ingrid og Poul Lassens Fond": a first name, "og", a first name and a
    surname in the genitive before ``Fond`` is one foundation named after a
    couple (not "TrygFonden og Augustinus Fonden", two foundations)."""
    toks = ctx.tokens
    first = toks[i][2]
    if j != i + 1 or not first[:1].isupper() or not first[1:].islower() or first.lower().endswith(("fond", "fonden")) or ctx.gz.lookup(first):
        return False
    words = [t for _s, _e, t in toks[j + 1 : j + 6]]
    for k in range(2, len(words)):
        if _FUND_HEAD.match(words[k]):
            return words[k - 1].endswith("s") and all(w[:1].isupper() and w[1:].islower() for w in words[:k])
        if not (words[k][:1].isupper() and words[k][1:].islower()):
            return False
    return False


def _named_by_trigger(toks, i: int) -> bool:
    """Does an initiative-like trigger noun open the name at token ``i`` (or stand right before it)?"""
    for k in (i, i - 1):
        if 0 <= k < len(toks):
            low = toks[k][2].lower()
            if any(pat.match(low) and typ == "Initiative" for pat, typ in _TRIGGERS):
                return True
    return False


def _classify(words: list[str]) -> str | None:
    lowered = [w.lower() for w in words]
    if "for" in lowered[1:]:  # the head noun comes before "for": "Center for ...", "Udvalg for ..."
        head = words[: lowered.index("for", 1)]
        typ = _classify(head)
        if typ is not None:
            return typ
        if head[-1].lower() in _FIRST_TYPES:
            return _FIRST_TYPES[head[-1].lower()]
        if len(head) == 1 and re.search(r"(?:hal|hallen|lab|labbet|laboratorium|huset|parken)$", head[0].lower()):
            return "Facility"  # "Testhal for Velfærdsrobotik", "Laboratorium for X": a place by its head noun
    last = words[-1].lower().rstrip(".")
    first = words[0].lower()
    if len(words) >= 2 and " ".join(w.lower() for w in words[-2:]) == "university college":
        return "University College"
    if first == "region" and len(words) >= 2:
        # "Region Syddanmarks Innovationsudvalg" is a unit, below
        if len(words) == 2:
            return "Region"
    for pat, typ in _SUFFIX_TYPES:
        if pat.search(last):
            if typ in ("Municipality", "University", "Research Institute", "Company") and len(words) < 2:
                return None
            if typ == "Facility" and (len(words) == 1 and not last.endswith(("parken", "huset")) or (last.endswith("hus") and len(last) < 8)):
                return None  # not a bare noun, nor a town ending in -hus ("Marts Aarhus")
            return typ
    if first in _FIRST_TYPES and len(words) >= 2:
        return _FIRST_TYPES[first]
    return None


def _person_like(words: list[str]) -> bool:
    core = [w for w in words if w.lower() not in _NAME_PARTICLES]
    if not 2 <= len(core) <= 4:
        return False
    for w in core:
        if re.fullmatch(r"[A-ZÆØÅ]\.", w):  # an initial: "Jens K. Hansen"
            continue
        if not (w[0].isupper() and w.replace("-", "").replace("'", "").isalpha()):
            return False
        if w.isupper() and len(w) > 1:
            return False
    return _classify(words) is None


def _lower_words(text: str) -> frozenset[str]:
    # words written in lower case in running text (not inside e-mail addresses or URLs)
    return frozenset(m.group(0) for m in re.finditer(r"(?<![\w@./])[a-zæøå][a-zæøå-]+(?![\w@]|\.\w)", text))


def _trigger_before(ctx: _Ctx, tok_index: int) -> str | None:
    """The type named by a trigger noun right before token ``tok_index`` (or
    before the list the name is part of)."""
    k = tok_index - 1
    steps = 0
    while k >= 0 and steps < 40:
        t = ctx.tokens[k][2]
        low = t.lower()
        if "\n" in ctx.text[ctx.tokens[k][1] : ctx.tokens[k + 1][0]]:
            return None
        if not _is_cap(t) or low.startswith("gts-"):
            for pat, typ in _TRIGGERS:
                if pat.match(low):
                    return typ
        if low in (",", "og", "samt", ":", "&") or _is_cap(t) or low in _NAME_PARTICLES or low in (
            "for", "/", "-", "to", "tre", "fire", "fem", "seks", "de", "danske", "nationale", "regionale",
        ) or t.isdigit() or low.endswith("-"):
            k -= 1
            steps += 1
            continue
        if low in ("til", "i", "af", "of", "and") and k > 0 and _is_cap(ctx.tokens[k - 1][2]):
            k -= 1
            steps += 1
            continue
        return None
    return None


def _stem_in(stem: str, name: str) -> bool:
    """Is a definite noun's stem part of ``name``? ("centr" of "centret" in "Center for …", "klyng" in "Sundhedsklyngen")."""
    if len(stem) < 4:
        return False
    low = name.lower()
    variants = {stem}
    if stem.endswith("er"):
        variants.add(stem[:-2] + "r")  # "testcenter" / "testcentret"
    if stem.endswith("r") and not stem.endswith("er"):
        variants.add(stem[:-1] + "er")  # "centr" / "center"
    if stem[-1] == stem[-2]:
        variants.add(stem[:-1])  # "testlabb(et)" / "testlab"
    if stem.startswith("laboratori"):
        variants.add("lab")  # "laboratoriet" / "Testlab"
    return any(v in low for v in variants)


def _trigger_type(word: str) -> str | None:
    """The type a trigger noun names (also in the genitive: "alliancens", "projektets"), else None."""
    w = word.lower().strip(",.:;”“\"'")
    forms = [w] + ([w[:-1]] if len(w) > 5 and re.search(r"(ens|ets|ns)$", w) else [])
    for f in forms:
        for pat, typ in _TRIGGERS:
            if pat.match(f):
                return typ
    return None


def _named_as(ctx: _Ctx, start: int) -> str | None:
    """"Partnerskabet har fået navnet X", "Netværket hedder X", "et projekt kaldet X":
    X has the type of the trigger noun that opens the sentence (or stands before the verb)."""
    before = ctx.text[max(0, start - 40) : start]
    if not re.search(r"\b(?:navnet|kaldet|kaldes|hedder|døbt|døbes|overskriften|titlen)\s*[”“\"']?$", before):
        return None
    sent = next((x for x in ctx.sentences if x.start <= start < x.end), None)
    if sent is None:
        return None
    words = re.findall(r"[\wæøåÆØÅ-]+", ctx.text[sent.start : start].lower())
    # the noun nearest before the naming verb ("… et landsdækkende innovationsnetværk under
    # navnet X"), else the sentence's opening noun ("Samarbejdet hedder X")
    for w in reversed(words[-8:]):
        for pat, typ in _TRIGGERS:
            if pat.match(w) and typ != "none":
                return typ
    for w in words[:6]:
        for pat, typ in _TRIGGERS:
            if pat.match(w) and typ != "none":
                return typ
    return "Initiative" if any(_NAMED_ONLY.match(w) for w in words[:6]) else None


def _find_mentions(ctx: _Ctx) -> None:
    text, gz, toks = ctx.text, ctx.gz, ctx.tokens
    stop = _stop_words()
    sent_starts = {s.start for s in ctx.sentences}
    found: list[_Mention] = []
    for i, j in _cap_spans(ctx):
        # trim leading sentence-initial common words and trailing connectors
        while i < j:
            t = toks[i][2]
            low = t.lower()
            at_start = toks[i][0] in sent_starts or (i > 0 and toks[i - 1][2] in ("”", "“", '"', "(", "•", "-", "–", ":"))
            is_trigger = any(p.match(low) for p, _ in _TRIGGERS)
            if is_acronym(t) and not at_start:
                break
            heads_name = i + 1 < j and toks[i + 1][2].lower() in ("for", "og", "i")  # "Center for ..."
            if ((low in stop or low in _EXTRA_STOP) and (at_start or not _is_cap(t))) or (
                at_start and (low in ctx.lower_words or (is_trigger and not heads_name)) and not gz.lookup(t)
            ):
                i += 1
                continue
            if is_trigger and not heads_name and j - i > 1 and (at_start or re.search(r"(et|en|ne)$", low)) and not gz.lookup(" ".join(x[2] for x in toks[i:j])):
                i += 1
                continue
            # a capitalised adjective of place opening a sentence: "Københavnske CardioAI ApS"
            if at_start and j - i > 1 and re.search(r"(ske|iske|nske)$", low) and low not in ("danske", "nordiske", "europæiske") and not gz.lookup(text[toks[i][0] : toks[j - 1][1]]):
                i += 1
                continue
            break
        while j > i and toks[j - 1][2].lower() in _CONNECTORS:
            j -= 1
        if i >= j:
            continue
        trig = None  # a capitalised trigger noun just stripped: "Rapporten Fremtidens Sundhed"
        if i > 0 and _is_cap(toks[i - 1][2]) and toks[i - 1][1] <= toks[i][0]:
            trig = next((typ for pat, typ in _TRIGGERS if pat.match(toks[i - 1][2].lower())), None)
        if (cut := _place_prefixed_trigger(ctx, i, j)) is not None:
            i, trig = cut  # "Kongens Lyngby-virksomheden VitaPulse ApS"
        _add_span_mentions(ctx, i, j, found, trig)
    ctx.mentions = found  # then graph.ingest.recurring: quoted, repeated and short names


def _split_genitive(words: list[str]) -> int | None:
    for k, w in enumerate(words[:-1]):
        if w.endswith("s") and k + 1 < len(words) and len(w) > 2:
            return k
    return None


def _add_span_mentions(ctx: _Ctx, i: int, j: int, found: list[_Mention], lead_trigger: str | None = None) -> None:
    toks, gz, text = ctx.tokens, ctx.gz, ctx.text
    start, end = toks[i][0], toks[j - 1][1]
    label = text[start:end]
    words = label.split()
    if len(words) >= 3 and _TITLE_RE.match(words[0]) and _person_like(words[1:]):
        _add_span_mentions(ctx, i + 1, j, found)  # "Projektleder Lene Mortensen"
        return
    if len(words) >= 2 and _TITLE_RE.match(words[0]) and not gz.lookup(label):
        return  # "Dekan for Health": a title, not a name
    if len(words) >= 2 and _TITLE_RE.match(words[-1]) and words[-1].isupper() and not gz.lookup(label):
        _add_span_mentions(ctx, i, j - 1, found)  # "BioInnovation Institutes CEO"
        return
    # "Aalborg Kommune Thomas Kastrup-Larsen": an organisation name glued to a person's
    for k in range(1, len(words) - 2):
        if _classify(words[: k + 1]) in ("Municipality", "University", "Company", "Hospital", "Public Authority", "Region") and _person_like(words[k + 1 :]):
            cut = i
            while cut < j and toks[cut][1] <= start + len(" ".join(words[: k + 1])):
                cut += 1
            _add_span_mentions(ctx, i, cut, found)
            _add_span_mentions(ctx, cut, j, found)
            return
    # 1. the whole span is known (a known focus area only as a multi-word name: "Health" in
    # "Corvita Healths" is no mention of the focus area)
    hits = tuple(h for h in gz.lookup(label) if h.type != "Focus Area" or len(words) > 1)
    if hits:
        found.append(_Mention(start, end, hits[0].label if hits[0].kind == "acronym" else _strip_gen(label, hits[0]), hits[0].type, "gazetteer", hits[0]))
        return
    if len(words) == 1 and any((mm := pat.search(words[0].lower())) is not None and mm.start() == 0 for pat, _t in _SUFFIX_TYPES):
        return  # a generic noun alone ("Samarbejdet", "Projektet", "Centret"), not a name
    if len(words) == 1 and re.match(r"(presse|kommunikations|hr-|it-|økonomi|personale)", words[0].lower()):
        return  # "Presseafdelingen": the press office, not an actor
    typ = _classify(words)
    trig = lead_trigger or _trigger_before(ctx, i) or _named_as(ctx, start)
    if typ is None and len(words) >= 2 and words[0].lower() == "region":
        k = _split_genitive(words)
        if k is not None:
            typ = _classify(words[k + 1 :]) or "Organizational Unit"
    if typ is None and len(words) > 1:
        k = _split_genitive(words)
        if k is not None:
            tail = words[k + 1 :]
            if _classify(tail) or tail[0].lower().endswith(("udvalg", "center", "centre", "afdeling", "sekretariat")):
                typ = _classify(tail) or "Organizational Unit"
                if tail[0].lower() in _FIRST_TYPES:
                    typ = _FIRST_TYPES[tail[0].lower()]
    if trig == "none" and (typ is None or typ in _SOFT_TYPES):
        return  # "rapporten Fremtidens Sundhed", "konferencen X": not an actor
    if trig not in (None, "none") and typ is None and words[0] in FIRST_NAMES and _person_like(words) and text[:start].rstrip().endswith(","):
        trig = None  # "formand for netværket, Pia Kjær": a person in apposition
    if trig is not None and (typ is None or typ in _SOFT_TYPES):
        typ = trig
    if typ is not None:
        found.append(_Mention(start, end, label, typ, "suffix"))
        return
    # 2. a known name inside the span (longest first): split it
    parts = _known_parts(ctx, i, j)
    if parts and parts[0][0] == i and parts[0][2].kind == "acronym" and len(parts) == 1 and 1 <= j - parts[0][1] <= 3:
        # "AAU Innovation", "SDU Health": a unit of the organisation the acronym names
        found.append(_Mention(start, end, label, "Organizational Unit", "unit", None))
        found[-1].parent = parts[0][2]
        return
    if (branch := _branch_name(ctx, i, j, parts)) is not None:  # "DGI Midtjylland", "Ældre Sagen Silkeborg"
        found.append(_Mention(start, end, branch[0], branch[1], "suffix", None, parent=branch[2]))
        return
    if parts:
        cursor = i
        for a, b, entry in parts:
            if a - cursor >= 2:  # "Aalborg Kommune Thomas Kastrup-Larsen": the rest is a name too
                _add_span_mentions(ctx, cursor, a, found)
            s2, e2 = toks[a][0], toks[b - 1][1]
            found.append(_Mention(s2, e2, entry.label if entry.kind == "acronym" else _strip_gen(text[s2:e2], entry), entry.type, "gazetteer", entry))
            cursor = b
        if j - cursor >= 2:
            _add_span_mentions(ctx, cursor, j, found)
        return
    # 3. unknown names: acronyms, people, company-like names
    if len(words) == 1:
        w = words[0]
        if is_acronym(w) and len(w) >= 2:
            found.append(_Mention(start, end, w, None, "acronym"))
        elif (gm := re.search(r"(ministeriet|styrelsen|fonden|hospitalet|sygehus|instituttet|universitetet|parken|puljen|afdelingen|klinikken|centret|centeret|foreningen|industrien|forbundet)(s?)$", w.lower())) and w.lower() not in ctx.lower_words and len(w) > 9 and not re.match(
            r"(presse|kommunikations|hr-|it-|økonomi|personale|sekretariats)", w.lower()
        ):  # "Hjerteafdelingen", "Sundhedsinnovationspuljen", genitive "Sundhedsstyrelsens"; not the press office
            w = w[: len(w) - len(gm.group(2))]
            found.append(_Mention(start, start + len(w), w, _classify([w]) or _classify(["x", w]), "suffix"))
        return
    stop = _stop_words()
    if any(w[:1].isupper() and w.lower() in stop and w.lower() not in _NAME_PARTICLES for w in words[1:]):
        return  # Title Case heading ("Hovedaktiviteter På Skolen"), not a name
    if len(set(w.lower() for w in words)) < len(words):
        return  # "Afklaring Afklaring"
    if _STREET.search(words[-1]) or words[-1].isdigit() or any(w.lower() in _MONTH_WORDS for w in words):
        return
    if re.search(r"(ions|ets|ens)$", words[-1]) and j < len(toks) and toks[j][2][:1].islower():
        label = label[:-1]  # genitive: "Syddansk Sundhedsinnovations inspirerende faciliteter"
        end -= 1
    if any(len(w) == 1 and w.isalpha() for w in words) or any(not re.fullmatch(r"[\w.&'’-]+", w) for w in words):
        return
    if _person_like(words) and not any(w.lower() in _COMPANYISH or w.lower() in _ORGISH for w in words):
        # a common first name makes it a person's name in any context ("af Jonas Friis og Maria Skov")
        first_name = words[0] in FIRST_NAMES or words[0].split("-")[0] in FIRST_NAMES
        found.append(_Mention(start, end, label, "Person" if first_name else "Person?", "person"))
        return
    found.append(_Mention(start, end, label, None, "guess"))


def _strip_gen(label: str, entry) -> str:
    if normalise(label) != normalise(entry.name) and normalise(label).endswith("s"):
        return entry.label
    return label


def _known_parts(ctx: _Ctx, i: int, j: int):
    toks, gz = ctx.tokens, ctx.gz
    out = []
    a = i
    while a < j:
        hit = None
        for b in range(j, a, -1):
            name = ctx.text[toks[a][0] : toks[b - 1][1]]
            e = tuple(x for x in gz.lookup(name) if x.type not in ("Focus Area", "Person"))
            if e:
                hit = (a, b, e[0])
                break
        if hit:
            out.append(hit)
            a = hit[1]
        else:
            a += 1
    return out
