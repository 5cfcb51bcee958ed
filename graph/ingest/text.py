"""Reading a press release (:func:`read_text`) and proposing its entities
and statements (:func:`ingest_text`): the pipeline from mentions to
clusters, statement rules and the :class:`Ingested` result.
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz
from rdflib import Dataset, URIRef
from rdflib.namespace import RDF, SKOS

from graph.danish import find_amounts, find_dates, find_emails, find_phones
from graph.gazetteer import Gazetteer, find_focus_terms
from graph.ids import entity_iri
from graph.ingest.clusters import _Cluster, _best_label, _cluster, _label_of, _match_known, _squash
from graph.ingest.lexicon import _REGION_ADJECTIVES, _REGION_MUNICIPALITIES
from graph.ingest.mentions import _Ctx, _Mention, _find_mentions, _lower_words, _sentences, _tokens, _trigger_type
from graph.ingest.lowercase import lowercase_names
from graph.ingest.model import Entity, Ingested, Statement, _SINGLE_VALUED, _curie
from graph.ingest.policies import policy_names
from graph.ingest.recurring import recurring_names
from graph.ingest.people import _classify_people
from graph.ingest.rules import run_rules
from graph.ingest.statements import _Builder, _St
from graph.vocab import ECO, SCHEMA

__all__ = ["ingest_text", "read_text", "MAX_LINE", "MAX_CHARS"]


#: limits of :func:`read_text` (a press release is a few thousand characters)
MAX_LINE = 100_000
MAX_CHARS = 2_000_000


def read_text(path) -> str:
    """Read a press release from ``path`` (UTF-8 plain text), or raise
    :class:`graph.errors.InputError` naming the file and line of the problem:
    unreadable, empty, not UTF-8, binary (NUL or other control bytes), a line
    longer than :data:`MAX_LINE` characters, more than :data:`MAX_CHARS`.

    Examples
    --------
    >>> import tempfile, os
    >>> from graph.errors import InputError
    >>> d = tempfile.mkdtemp()
    >>> p = os.path.join(d, "x.txt")
    >>> _ = open(p, "wb").write(b"linje 1" + bytes([10]) + b"linje 2 " + bytes([0xE6, 10]))
    >>> try:
    ...     read_text(p)
    ... except InputError as e:
    ...     print(e.problems[0].line, e.problems[0].message[:26])
    2 not UTF-8 text (byte 0xe6)
    """
    from graph.errors import InputError, Problem

    name = str(path)
    try:
        with open(path, "rb") as fh:
            data = fh.read(4 * MAX_CHARS + 1)
    except OSError as exc:
        raise InputError([Problem(name, None, f"cannot read text: {exc.strerror or exc}")]) from None

    def line_of(offset: int) -> int:
        return data.count(b"\n", 0, offset) + 1

    if not data.strip():
        raise InputError([Problem(name, 1, "empty file: no text to read")])
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError([Problem(name, line_of(nul), "binary file (NUL byte), not plain text")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError([Problem(name, line_of(exc.start), f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as UTF-8")]) from None
    text = text.removeprefix("\ufeff")
    if len(text) > MAX_CHARS:
        raise InputError([Problem(name, text.count("\n", 0, MAX_CHARS) + 1, f"text longer than {MAX_CHARS:,} characters: not a press release")])
    pos = 0
    for k, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE:
            raise InputError([Problem(name, k, f"line of {len(line):,} characters (at most {MAX_LINE:,})")])
        bad = re.search(r"[\x01-\x08\x0b\x0e-\x1f\x7f]", line)
        if bad:
            raise InputError([Problem(name, k, f"control character {bad.group(0)!r} in the text: a binary file?")])
        pos += len(line) + 1
    return text


def ingest_text(
    text: str,
    *,
    source: str,
    known: Dataset | None = None,
    gazetteer: Gazetteer | None = None,
) -> Ingested:
    """Propose entities and statements from a Danish press release.

    Parameters
    ----------
    text : str
        The press release, plain text.
    source : str
        Where the text came from (file name); recorded as the document.
    known : rdflib.Dataset, optional
        The graph to match entities against (its labels, alt labels and
        acronyms, plus a built-in list of national actors).
    gazetteer : Gazetteer, optional
        A ready gazetteer (overrides ``known``).

    Returns
    -------
    Ingested
        Entities (first-mention offsets, every mention, matched or candidate
        IRI) and statements (with the exact quote and its offsets).

    Notes
    -----
    Rule-based and deterministic: spaCy's blank Danish tokenizer, patterns
    for organisation names (suffixes such as ``A/S``, ``Universitet``,
    ``Kommune``, ``Region X``, trigger nouns such as ``erhvervsklyngen``),
    people in quotes (``siger Navn Navnesen, titel, Organisation``) and
    contact lines, Danish amounts and dates (:mod:`graph.danish`), and cue
    phrases for statements (``består af``, ``stiftet af``, ``sammenlægning
    af``, ``bevilling på … fra``).

    Examples
    --------
    >>> res = ingest_text("Den 3. maj 2021 siger Anna Holm, direktør, Odense Robotics.", source="x.txt")
    >>> [(e.label, e.type) for e in res.entities if e.type in ("Person", "Company", "Cluster")]
    [('Anna Holm', 'Person'), ('Odense Robotics', 'Company')]
    >>> [(s.subject, s.predicate, s.object, s.post) for s in res.statements if s.predicate == "org:headOf"]
    [('Anna Holm', 'org:headOf', 'Odense Robotics', 'direktør')]
    """
    if not isinstance(text, str):
        raise TypeError("text must be a str")
    gz = gazetteer or Gazetteer.from_graph(known)
    ctx = _Ctx(text, gz, _tokens(text), _sentences(text), lower_words=_lower_words(text))
    _find_mentions(ctx)
    recurring_names(ctx)
    lowercase_names(ctx)
    policy_names(ctx)
    _focus_names(ctx)
    _appositions(ctx)
    _drop_dateline(ctx)
    _classify_people(ctx)
    _drop_overlaps(ctx)
    if known is not None:
        _regional_municipalities(ctx, known)
    clusters = _cluster(ctx)
    _merge_om_sections(ctx, clusters)
    for c in clusters:
        _match_known(c, gz)
        if c.known is not None and c.known.type:
            c.type = c.known.type if c.type != "Person" or c.known.type == "Person" else c.type
    builder = _Builder(ctx, clusters)
    raw = run_rules(builder)
    clusters = builder.clusters
    for c in clusters:
        if c.known is None:
            _match_known(c, gz)
    # the document's date: a day-precise date on the first non-empty line
    first_line = next((ln for ln in text.splitlines() if ln.strip()), "")
    header = [d for d in find_dates(first_line[:160], years=False) if d.precision == "day"]
    entities, iri_of = _entities(ctx, clusters, header[0].value if header else None)
    statements = _statements(ctx, raw, iri_of)
    if known is not None:
        statements = [_mark_known(st, known) for st in statements]
    title = next((s.text for s in ctx.sentences if not find_dates(s.text, years=False) and len(s.text.split()) >= 3), None)
    return Ingested(source, text, tuple(entities), tuple(statements), header[0].value if header else None, title)


def _regional_municipalities(ctx: _Ctx, known: Dataset) -> None:
    """"de nordjyske kommuner", "kommunerne i Region Syddanmark": every
    municipality the known graph places in that region (``schema:containedInPlace``),
    each a mention at the phrase's offsets, when the phrase is an item of a
    list of named actors ("stiftet af Region Nordjylland, de nordjyske
    kommuner, Aalborg Universitet"); elsewhere ("hvor regionen og de
    nordjyske kommuner har koordineret …") it is a collective reference, no
    mention of each member."""
    named = [x for x in ctx.mentions if x.type not in (None, "Focus Area", "Person", "Person?")]
    for m in _REGION_MUNICIPALITIES.finditer(ctx.text):
        if not _in_named_list(ctx.text, m.start(), m.end(), named):
            continue
        name = _REGION_ADJECTIVES.get((m.group("adj") or "").lower()) or m.group("region")
        hits = [e for e in ctx.gz.lookup(name) if e.type == "Region"]
        if not hits:
            continue
        members = sorted(
            {s for s in known.subjects(SCHEMA.containedInPlace, hits[0].iri) if (s, RDF.type, ECO.Municipality) in known},
            key=str,
        )
        for muni in members:
            label = known.value(muni, SKOS.prefLabel)
            entry = next((e for e in ctx.gz.lookup(str(label)) if e.iri == muni), None) if label is not None else None
            if entry is not None:
                ctx.mentions.append(_Mention(m.start(), m.end(), entry.label, "Municipality", "gazetteer", entry))
    ctx.mentions.sort(key=lambda x: (x.start, x.label))


def _in_named_list(text: str, a: int, b: int, named: list[_Mention]) -> bool:
    """Is ``text[a:b]`` next to a named actor in an enumeration (", ", " og ", " samt ")?"""
    before = any(re.fullmatch(r",\s*|\s+(?:og|samt)\s+", text[x.end : a]) for x in named if x.end <= a)
    after = any(re.fullmatch(r",\s*|\s+(?:og|samt)\s+", text[b : x.start]) for x in named if x.start >= b)
    return before or after


def _focus_names(ctx: _Ctx) -> None:
    """A capitalised name that is, as a whole, a term of the focus thesaurus
    (a heading "Offentlig-Privat Innovationssamarbejde") names the focus area,
    not an actor."""
    for m in ctx.mentions:
        if m.origin not in ("suffix", "guess"):
            continue
        terms = find_focus_terms(ctx.text[m.start : m.end])
        if len(terms) == 1 and terms[0].start == 0 and terms[0].end == m.end - m.start:
            m.type, m.label, m.origin = "Focus Area", terms[0].label, "focus"


def _appositions(ctx: _Ctx) -> None:
    """"X, et toårigt program, der …", "X, en ny forening for …": the noun of an
    indefinite apposition right after a name of unknown kind (or a guessed
    company) types it, as a trigger noun before it would; "X, en app …" is no
    actor."""
    keep = []
    for m in ctx.mentions:
        am = re.match(r",\s+(?:et|en)\s+((?:[a-zæøå0-9-]+\s+){0,3}[a-zæøå-]+)", ctx.text[m.end : m.end + 80])
        guessed = m.type in (None, "Person?") or (m.type == "Company" and m.origin == "guess")
        typ = None
        if am and guessed and m.origin in ("guess", "suffix", "person"):
            for w in am.group(1).split():
                typ = next((t for f in (w, w + "n", w + "en", w + "et") if (t := _trigger_type(f)) is not None), None)
                if typ is not None:
                    break
        if typ == "none" and m.origin in ("guess", "person"):
            continue
        if typ not in (None, "none"):
            m.type = typ
        keep.append(m)
    ctx.mentions = keep


def _drop_dateline(ctx: _Ctx) -> None:
    """"København, 28. november 2024" opening the release: where it was issued,
    not an actor of the text (the place stays an entity if the text names it again)."""
    m = re.match(r"\s*([A-ZÆØÅ][\wæøå. -]{1,40}?),\s+(?:den\s+|d\.\s+)?\d", ctx.text)
    if m and "\n" not in m.group(0):
        a, b = m.start(1), m.end(1)
        ctx.mentions = [x for x in ctx.mentions if not (x.start >= a and x.end <= b)]


def _drop_overlaps(ctx: _Ctx) -> None:
    ms = sorted(ctx.mentions, key=lambda m: (m.start, -(m.end - m.start)))
    out: list[_Mention] = []
    for m in ms:
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    ctx.mentions = out


def _merge_om_sections(ctx: _Ctx, clusters: list[_Cluster]) -> None:
    """In an "Om X" section, a differently written name opening the first
    sentence ("Life Science Innovation North Denmark er ...") is X's full name."""
    sents = ctx.sentences
    for i, s in enumerate(sents):
        if not re.match(r"^(Om|About)\s+\S", s.text) or i + 1 >= len(sents):
            continue
        nxt = sents[i + 1]
        head = [c for c in clusters for m in c.mentions if s.start <= m.start < s.end]
        first = [c for c in clusters for m in c.mentions if nxt.start <= m.start < nxt.start + 3]
        if head and first and head[0] is not first[0] and head[0].type != "Person" and first[0].type != "Person":
            a, b = head[0], first[0]
            if a.known is not None and b.known is not None:
                continue
            if fuzz.partial_ratio(_squash(a.label), _squash(b.label)) < 80:
                continue
            a.mentions.extend(b.mentions)
            a.aliases |= b.aliases
            if len(b.label) > len(a.label):
                a.label = b.label
            a.known = a.known or b.known
            if a.type is None or (a.type == "Company" and b.type and b.type != "Company"):
                a.type = b.type
            clusters.remove(b)


# a date the model keeps on no entity: an application deadline ("kan søge om optagelse frem til
# 15. januar"), an expected result ("Resultaterne ventes offentliggjort i 2028")
_NO_FACT_DATE = re.compile(
    r"\b(?:(?:an)?søge\w*|tilmeld\w*|ansøgningsfrist\w*)\b[^,;]*\b(?:frem\s+til|senest|inden|til\s+og\s+med)\s*(?:den\s+)?$"
    r"|\b[Rr]esultate\w*\s+(?:for)?ventes\b[^,;]*$"
)


def _entities(ctx: _Ctx, clusters: list[_Cluster], ref=None):
    text = ctx.text
    entities: list[Entity] = []
    iri_of: dict[int, URIRef] = {}
    for c in clusters:
        ms = sorted(c.mentions, key=lambda m: m.start)
        start, end = (ms[0].start, ms[0].end) if ms else _literal_parent(ctx, c)
        label = c.known.label if c.known is not None else (c.label if c.type == "Focus Area" else _best_label(c))
        if c.type == "Person":
            iri = c.known.iri if c.known is not None else entity_iri(label)
        elif c.type == "Focus Area":
            iri = c.known.iri if c.known is not None else entity_iri(label, kind="focus")
        else:
            iri = c.known.iri if c.known is not None else entity_iri(label)
        iri_of[id(c)] = iri
        aliases = tuple(sorted(a for a in c.aliases if a != label))
        if start < 0:  # a parent named only inside another name
            continue
        entities.append(
            Entity(
                label,
                c.type or "Company",
                start,
                end,
                c.known.iri if c.known is not None else None,
                iri,
                c.score,
                tuple((m.start, m.end) for m in ms) or ((start, end),),
                aliases,
            )
        )
    for a in find_amounts(text):
        entities.append(Entity(a.text, "Amount", a.start, a.end, value=a.value))
    for d in find_dates(text, ref=ref):  # "fra 1/2": the year from the release's date
        if _NO_FACT_DATE.search(text[max(0, d.start - 120) : d.start].split(".\n")[-1].rsplit(". ", 1)[-1]):
            continue
        entities.append(Entity(d.text, "Date", d.start, d.end, value=d.value, precision=d.precision))
    for e in find_emails(text):
        entities.append(Entity(e.text, "Email", e.start, e.end, value=e.value))
    for p in find_phones(text):
        entities.append(Entity(p.text, "Phone", p.start, p.end, value=p.value))
    entities.sort(key=lambda e: (e.start, e.label))
    return entities, iri_of


def _literal_parent(ctx: _Ctx, c: _Cluster) -> tuple[int, int]:
    """A parent known only from a unit's name is an entity of the text when
    one of its names stands in it as a word ("DTU" in "DTU Sundhedsteknologi"):
    its first such offsets, else (-1, -1)."""
    if c.known is None:
        return -1, -1
    names = {e.name for e in ctx.gz.entries if e.iri == c.known.iri}
    hits = [m for n in names for m in re.finditer(rf"(?<![\w-]){re.escape(n)}(?![\w])", ctx.text)]
    return min(((m.start(), m.end()) for m in hits), default=(-1, -1))


def _statements(ctx: _Ctx, raw: list[_St], iri_of: dict[int, URIRef]) -> list[Statement]:
    text = ctx.text
    out: list[Statement] = []
    seen = set()
    with_amount = {(id(st.s), id(st.o)) for st in raw if st.p == "schema:funder" and st.amount is not None}
    for st in raw:
        if st.p == "schema:funder" and st.amount is None and (id(st.s), id(st.o)) in with_amount:
            continue  # "støttet af X med N kr." also gives the grant with its amount
        subj_label = _label_of(st.s)
        if isinstance(st.o, _Cluster):
            obj_label, obj_iri = _label_of(st.o), iri_of.get(id(st.o))
        else:
            obj_label, obj_iri = str(st.o), None
        key = (subj_label, st.p, obj_label, st.amount, st.post)
        if key in seen or subj_label == obj_label:
            continue
        seen.add(key)
        a, b = st.sent
        quote = text[a:b].strip()
        a = text.find(quote, a)
        out.append(
            Statement(
                subj_label,
                st.p,
                obj_label,
                quote,
                a,
                a + len(quote),
                iri_of.get(id(st.s)),
                obj_iri,
                st.amount,
                st.start_date,
                st.end_date,
                st.post,
            )
        )
    return out


def _mark_known(st: Statement, known: Dataset) -> Statement:
    """Flag a statement the known graph already holds (for a single-valued
    property: any value), so that ``to_dataset`` does not restate it."""
    from dataclasses import replace

    s = st.subject_iri
    if s is None:
        return st
    if st.predicate in _SINGLE_VALUED:
        hit = (s, _SINGLE_VALUED[st.predicate], None) in known
    elif st.object_iri is not None and st.predicate in ("schema:funder",) and st.amount is not None:
        hit = False  # a grant with its amount is new information even if the funder is known
    elif st.object_iri is not None:
        hit = (s, _curie(st.predicate), st.object_iri) in known
    else:
        hit = False
    return replace(st, known=True) if hit else st
