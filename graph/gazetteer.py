"""A gazetteer of known entity names, built from the graph.

Every typed entity contributes its ``skos:prefLabel``, ``skos:altLabel`` and
``rdfs:label`` values. Acronyms (all upper-case alt labels such as ``AAU``,
``SDU``, ``DTU``, ``KU``, ``AU``, ``CHC``, ``MTIC``, ``USE``, ``SDSI``,
``UCN``) are matched case-sensitively; other names by a normalised key
(lower case, Danish letters transliterated, punctuation collapsed). A small
built-in list of national actors (the universities and their acronyms, the
regions, Danske Regioner, KL, the GTS institutes) is used when no graph is
given, and for entries the graph does not have.

Examples
--------
>>> gz = Gazetteer.builtin()
>>> gz.lookup("AAU")[0].label
'Aalborg Universitet'
>>> gz.lookup("aalborg universitet")[0].type
'University'
>>> gz.lookup("use")
()
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from graph.ids import entity_iri, slug
from graph.vocab import ECO, FOAF, ORG, TYPE_LABELS

__all__ = ["Entry", "Gazetteer", "normalise", "is_acronym", "BUILTIN", "FOCUS_TERMS", "FocusTerm", "find_focus_terms", "FIRST_NAMES"]

#: (preferred label, type label, alternative names) of national actors
BUILTIN: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Københavns Universitet", "University", ("KU", "University of Copenhagen", "UCPH")),
    ("Aarhus Universitet", "University", ("AU", "Aarhus University")),
    ("Syddansk Universitet", "University", ("SDU", "University of Southern Denmark")),
    ("Aalborg Universitet", "University", ("AAU", "Aalborg University")),
    ("Danmarks Tekniske Universitet", "University", ("DTU", "Technical University of Denmark")),
    ("Roskilde Universitet", "University", ("RUC", "Roskilde University")),
    ("IT-Universitetet i København", "University", ("ITU", "IT University of Copenhagen")),
    ("Copenhagen Business School", "University", ("CBS", "Handelshøjskolen i København")),
    ("Professionshøjskolen UCN", "University College", ("UCN", "University College Nordjylland")),
    ("VIA University College", "University College", ("VIA",)),
    ("UC SYD", "University College", ("University College Syddanmark",)),
    ("UCL Erhvervsakademi og Professionshøjskole", "University College", ("UCL",)),
    ("Københavns Professionshøjskole", "University College", ("KP",)),
    ("Professionshøjskolen Absalon", "University College", ("Absalon",)),
    ("Teknologisk Institut", "Research Institute", ("DTI", "Danish Technological Institute")),
    ("FORCE Technology", "Research Institute", ()),
    ("Alexandra Instituttet", "Research Institute", ("Alexandra Institute",)),
    ("DHI", "Research Institute", ()),
    ("Region Hovedstaden", "Region", ("Capital Region of Denmark",)),
    ("Region Sjælland", "Region", ("Region Zealand",)),
    ("Region Syddanmark", "Region", ("Region of Southern Denmark",)),
    ("Region Midtjylland", "Region", ("Central Denmark Region",)),
    ("Region Nordjylland", "Region", ("North Denmark Region",)),
    ("Region Østdanmark", "Region", ()),
    ("Danske Regioner", "Public Authority", ("Danish Regions",)),
    ("KL", "Association", ("Kommunernes Landsforening", "Local Government Denmark")),
    ("Uddannelses- og Forskningsministeriet", "Public Authority", ("Ministry of Higher Education and Science",)),
    ("Sundhedsministeriet", "Public Authority", ("Indenrigs- og Sundhedsministeriet",)),
    ("Erhvervsministeriet", "Public Authority", ()),
    ("Erhvervsstyrelsen", "Public Authority", ("Danish Business Authority",)),
    ("Innovationsfonden", "Investor", ("Innovation Fund Denmark",)),
    ("Danmarks Erhvervsfremmebestyrelse", "Public Authority", ()),
    ("Novo Nordisk Fonden", "Investor", ("Novo Nordisk Foundation",)),
    ("Rigshospitalet", "Hospital", ()),
    ("Odense Universitetshospital", "Hospital", ("OUH",)),
    ("Aarhus Universitetshospital", "Hospital", ("AUH",)),
    ("Aalborg Universitetshospital", "Hospital", ("AAUH",)),
    ("Europa-Kommissionen", "Public Authority", ("EU-Kommissionen", "European Commission")),
)

#: (Danish label, English label, surface forms) of the health-innovation
#: domain's focus areas: fields, technologies and patient groups that press
#: releases name in running text. Forms are matched case-insensitively as
#: whole words (inflected and adjective forms included), except all-capital
#: acronyms, which must match exactly. A general domain thesaurus, not a list
#: of any one text's terms.
FOCUS_TERMS: tuple[tuple[str, str, str], ...] = (
    ("Velfærdsteknologi", "Welfare technology", r"velfærdsteknologi(?:en|er|erne|ske?)?"),
    ("Sundhedsteknologi", "Health technology", r"sundhedsteknologi(?:en|er|erne|ske?)?"),
    ("Medicoteknologi", "Medical technology", r"medicoteknologi(?:en|er|ske?)?|medicotekni(?:k|kken|ske?)|medtech"),
    ("Sundheds-it", "Health IT", r"sundheds-it|sundheds-IT|sundhedsit"),
    ("Telemedicin", "Telemedicine", r"telemedicin(?:en|ske?)?"),
    ("Telesundhed", "Telehealth", r"telesundhed(?:en)?"),
    ("Hjemmemonitorering", "Home monitoring", r"hjemmemonitorering(?:en)?|monitorering i hjemmet"),
    ("Hjælpemidler", "Assistive devices", r"hjælpemid(?:del|lerne|ler|let)"),
    ("Sundhedsdata", "Health data", r"sundhedsdata(?:en)?"),
    ("Sundhedsinnovation", "Health innovation", r"sundhedsinnovation(?:en)?"),
    ("Velfærdsinnovation", "Welfare innovation", r"velfærdsinnovation(?:en)?"),
    ("Digital sundhed", "Digital health", r"digitale? sundhed"),
    ("Sundhedsøkonomi", "Health economics", r"sundhedsøkonomi(?:en|ske?)?"),
    ("Psykiatri", "Psychiatry", r"psykiatri(?:en|ske?)?"),
    ("Mental sundhed", "Mental health", r"mentale? sundhed|mental trivsel"),
    ("KOL", "COPD", r"KOL|kronisk obstruktiv lungesygdom"),
    ("Hjertesvigt", "Heart failure", r"hjertesvigt(?:et)?"),
    ("Hjerte-kar-sygdomme", "Cardiovascular disease", r"hjerte-?kar-?sygdom(?:me|mene)?"),
    ("Diabetes", "Diabetes", r"diabetes|sukkersyge"),
    ("Kræft", "Cancer", r"kræft(?:en|sygdomme)?|cancer"),
    ("Demens", "Dementia", r"demens(?:sygdomme)?"),
    ("Apopleksi", "Stroke", r"apopleksi(?:en)?|blodprop(?:pen|per)?\s+i\s+hjernen|hjerneblødning(?:en|er)?|slagtilfælde(?:t)?"),
    ("Sepsis", "Sepsis", r"sepsis|blodforgiftning(?:en)?"),
    ("Astma", "Asthma", r"astma"),
    ("Overvægt", "Obesity", r"overvægt|fedme"),
    ("Infektionssygdomme", "Infectious diseases", r"infektionssygdom(?:me|mene)?"),
    ("Antibiotikaresistens", "Antimicrobial resistance", r"antibiotikaresistens(?:en)?|antimikrobiel resistens"),
    ("Rehabilitering", "Rehabilitation", r"rehabilitering(?:en)?"),
    ("Genoptræning", "Physical rehabilitation", r"genoptræning(?:en)?"),
    ("Faldforebyggelse", "Fall prevention", r"faldforebyggelse(?:n)?|forebyggelse af fald(?:ulykker)?"),
    ("Forebyggelse", "Prevention", r"forebyggelse(?:n)?|sygdomsforebyggelse(?:n)?"),
    ("Folkesundhed", "Public health", r"folkesundhed(?:en)?"),
    ("Ensomhed", "Loneliness", r"ensomhed(?:en)?"),
    ("Ernæring", "Nutrition", r"ernæring(?:en)?"),
    ("Fysisk aktivitet", "Physical activity", r"fysisk aktivitet(?:en)?|motion(?:en)?"),
    ("Spiseforstyrrelser", "Eating disorders", r"spiseforstyrrelse(?:n|r|rne)?"),
    # older people as a group ("blandt ældre", "de ældre", "ældre borgere"), not the comparative "ældre end"
    ("Ældre", "Older people", r"(?<=blandt )ældre|(?<=de )ældre(?! end)|(?<=mange )ældre|(?<=for )ældre|(?<=til )ældre|ældre(?= (?:borgere|mennesker|medborgere|patienter))"),
    ("Ældrepleje", "Elderly care", r"ældrepleje(?:n)?"),
    ("Personlig medicin", "Personalised medicine", r"personli(?:g|ge) medicin|personaliseret medicin|præcisionsmedicin"),
    ("Lægemidler", "Medicines", r"lægemid(?:del|lerne|ler|let)"),
    ("Diagnostik", "Diagnostics", r"diagnostik(?:ken)?"),
    ("Biomedicinsk forskning", "Biomedical research", r"biomedicinske?\s+forskning(?:en)?"),
    ("Bioteknologi", "Biotechnology", r"bioteknologi(?:en|ske?)?|biotek"),
    ("Life science", "Life science", r"life science"),
    ("Kunstig intelligens", "Artificial intelligence", r"kunstig intelligens"),
    ("Robotteknologi", "Robotics", r"robotteknologi(?:en|ske?)?"),
    ("Velfærdsrobotter", "Welfare robots", r"velfærdsrobot(?:ter|terne|ten)?"),
    ("Patientsikkerhed", "Patient safety", r"patientsikkerhed(?:en)?"),
    # innovation-policy topics (how the ecosystem works, not a field)
    ("Videnspredning", "Knowledge dissemination", r"videns?spredning(?:en)?"),
    (
        "Offentlig-privat innovationssamarbejde",
        "Public-private innovation partnership",
        r"offentlig-private?\s+innovation(?:ssamarbejde(?:t|r|rne)?)?",
    ),
    (
        "Koordinering mellem initiativer",
        "Coordination between initiatives",
        r"koordinering(?:en)?\s+(?:mellem|af|på\s+tværs\s+af)\s+(?:de\s+|alle\s+)?(?:[a-zæøå]+e\s+)?(?:initiativer|indsatser|tiltag|projekter)(?:ne)?",
    ),
    ("Sundhed", "Health", r"(?<=inden for )sundhed|(?<=indenfor )sundhed|(?<=området )sundhed"),
)


#: Common Danish first names (women's and men's, the most frequent in
#: Denmark's name statistics, plus frequent Nordic ones): a capitalised
#: two-to-four-word name opening with one of them is a person's name.
FIRST_NAMES: frozenset[str] = frozenset(
    """
    Anne Kirsten Mette Hanne Anna Helle Susanne Lene Maria Marianne Lone Camilla Pia Louise Charlotte Inge
    Bente Tina Gitte Karen Ida Julie Emma Sofie Sophie Laura Line Rikke Birgitte Jette Dorte Dorthe Tove
    Eva Lise Lisbeth Ulla Hanna Ellen Grethe Kirsten Karin Annette Janne Heidi Trine Malene Mia Katrine
    Christina Kristina Cecilie Signe Sara Sarah Amalie Caroline Emilie Freja Isabella Mathilde Clara Ella
    Josefine Nanna Stine Pernille Lotte Vibeke Merete Margrethe Kamilla Maja Nina Anja Tanja Britt Gunhild
    Birthe Ruth Lis Jytte Henriette Marie Sanne Lena Lærke Agnete Astrid Alberte Natasja Nadia Ditte Tine
    Gry Hege Ingrid Sigrid Solveig Randi Liv Silje Kari Maiken Mette-Marie Anne-Marie Lene-Marie Stephanie
    Peter Jens Lars Michael Henrik Thomas Søren Jan Niels Christian Martin Jørgen Hans Anders Morten Jesper
    Ole Per Erik Mads Rasmus Kim Mikkel Frederik Jakob Jacob Kristian Torben Carsten Steen Poul Bo Klaus
    Claus Kenneth Brian Finn Flemming Allan Johannes Jonas Emil Oliver William Lucas Magnus Victor Viktor
    Noah Oscar Alexander Sebastian Mathias Simon Tobias Nikolaj Nicolai Andreas Anton Carl Karl Daniel
    David Philip Philipp Benjamin Jeppe Kasper Casper Esben Troels Ulrik Ib Knud Kurt Bent Svend Sven Palle
    Preben Leif Arne Bjarne Ejvind Erling Gunnar Helge John Jon Kaj Keld Kjeld Preben Tage Uffe Vagn
    Aksel Axel Asger Bjørn Dan Dennis Gustav Hjalte Holger Ivan Jeppe Johan Jon Kristoffer Christoffer
    Lasse Mogens Nicklas Niklas Rune Sune Stig Tommy Tom Tue Villads Vilhelm Aage Bertel Birger Eigil
    Georg Harald Henning Jakob Jørn Lauge Malthe Max Nils Otto Paw Rolf Sten Thor Tor Valdemar Gorm
    Ahmed Ahmad Ali Mohammad Mohammed Muhammad Fatima Aisha Omar Hassan Yusuf Leila Sami Amir Mustafa Zainab Amira Yasmin Layla Nour Hamza Ibrahim Mariam Sofia Noor
    """.split()
)


@dataclass(frozen=True)
class FocusTerm:
    """A focus-area term found in text: offsets, the surface form and the concept's labels."""

    start: int
    end: int
    text: str
    label: str
    label_en: str


def _focus_regex():
    parts = []
    for k, (_da, _en, forms) in enumerate(FOCUS_TERMS):
        parts.append(f"(?P<t{k}>{forms})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


_FOCUS_RE = _focus_regex()
_COORD_RE = re.compile(r"(?<![\w-])([a-zæøå]{3,})- og $", re.IGNORECASE)


def find_focus_terms(text: str) -> list[FocusTerm]:
    """Focus-area terms of :data:`FOCUS_TERMS` in ``text``.

    A coordinated compound (``sundheds- og velfærdsteknologier``) is one
    concept when both halves are known terms: ``Sundheds- og velfærdsteknologi``.

    Examples
    --------
    >>> [(t.text, t.label) for t in find_focus_terms("telemedicinske løsninger til borgere med KOL")]
    [('telemedicinske', 'Telemedicin'), ('KOL', 'KOL')]
    >>> [t.label for t in find_focus_terms("udvikling af sundheds- og velfærdsteknologier")]
    ['Sundheds- og velfærdsteknologi']
    >>> [t.label for t in find_focus_terms("aktører inden for sundhed, men ikke bedre sundhed")]
    ['Sundhed']
    >>> find_focus_terms("Kol er ikke et akronym her")
    []
    """
    out = []
    for m in _FOCUS_RE.finditer(text):
        k = int(m.lastgroup[1:])
        da, en, _forms = FOCUS_TERMS[k]
        surface = m.group(0)
        if any(c.isupper() for c in da[1:]) or da.isupper():  # acronyms: exact case only
            if not re.fullmatch(FOCUS_TERMS[k][2].split("|")[0], surface):
                continue
        start = m.start()
        cm = _COORD_RE.search(text[max(0, m.start() - 30) : m.start()])
        if cm:
            first = cm.group(1).lower()
            for cut in range(1, len(da)):
                head = da[cut:].lower()
                if len(head) >= 5 and _FOCUS_RE.fullmatch(first + head):
                    start = m.start() - len(cm.group(0))
                    da = f"{first.capitalize()}- og {da.lower()}"
                    en = ""
                    break
        out.append(FocusTerm(start, m.end(), text[start : m.end()], da, en))
    return out


_ACRONYM = re.compile(r"^[A-ZÆØÅ][A-ZÆØÅ0-9&-]{1,7}$")


def is_acronym(text: str) -> bool:
    """True for an all-capitals short name such as ``AAU`` or ``MTIC``.

    Examples
    --------
    >>> is_acronym("SDSI"), is_acronym("Sdu"), is_acronym("DENMARK2025X")
    (True, False, False)
    """
    return bool(_ACRONYM.match(text))


def normalise(name: str) -> str:
    """The key used to compare names: a slug with spaces, genitive ``s`` kept.

    Examples
    --------
    >>> normalise("  Københavns   Universitet ")
    'koebenhavns universitet'
    >>> normalise("MedTech Innovation Consortium") == normalise("Medtech Innovation Consortium")
    True
    """
    return slug(name).replace("-", " ")


@dataclass(frozen=True)
class Entry:
    """One name of one entity.

    Attributes
    ----------
    name : str
        The surface form (a label, alt label or acronym).
    iri : rdflib.URIRef
        The entity.
    label : str
        The entity's preferred label (Danish first).
    type : str
        English type label (``"University"``, ``"Organizational Unit"``...).
    kind : str
        ``"label"``, ``"alt"`` or ``"acronym"``.
    """

    name: str
    iri: URIRef
    label: str
    type: str
    kind: str


def _type_of(graph: Graph, node) -> str | None:
    best = None
    for cls in graph.objects(node, RDF.type):
        if cls in TYPE_LABELS and cls not in (
            ECO.Evidence,
            FOAF.Document,
            ORG.Membership,
            ORG.Post,
            ORG.ChangeEvent,
        ):
            lab = TYPE_LABELS[cls]
            if best is None or cls != ECO.Initiative:
                best = lab
    return best


@dataclass(frozen=True)
class Gazetteer:
    """Known names of entities; look them up exactly or fuzzily.

    Build one with :meth:`from_graph` (or :meth:`builtin`). Lookups never
    raise; they return ``()`` or ``None`` when nothing is known.
    """

    entries: tuple[Entry, ...]
    _by_key: dict = field(default_factory=dict, compare=False, repr=False)
    _by_acronym: dict = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for e in self.entries:
            if e.kind == "acronym":
                self._by_acronym.setdefault(e.name, []).append(e)
            else:
                self._by_key.setdefault(normalise(e.name), []).append(e)

    # -- construction -------------------------------------------------
    @classmethod
    def builtin(cls) -> "Gazetteer":
        """The built-in list of national actors only."""
        return cls(tuple(_builtin_entries()))

    @classmethod
    def from_graph(cls, graph: Graph | Dataset | None, *, builtin: bool = True) -> "Gazetteer":
        """Collect the names of every typed entity in ``graph``.

        Parameters
        ----------
        graph : rdflib.Graph or rdflib.Dataset or None
            With a Dataset, all named graphs are read.
        builtin : bool
            Add the built-in national actors the graph does not already name.

        Examples
        --------
        >>> from rdflib import Graph, Literal
        >>> from graph.vocab import ECO, ID, SKOS, RDF
        >>> g = Graph()
        >>> _ = g.add((ID.chc, RDF.type, ECO.Cluster))
        >>> _ = g.add((ID.chc, SKOS.prefLabel, Literal("Copenhagen Healthtech Cluster", lang="da")))
        >>> _ = g.add((ID.chc, SKOS.altLabel, Literal("CHC")))
        >>> gz = Gazetteer.from_graph(g, builtin=False)
        >>> [(e.label, e.kind) for e in gz.lookup("CHC")]
        [('Copenhagen Healthtech Cluster', 'acronym')]
        """
        entries: list[Entry] = []
        if graph is not None:
            triples = graph.triples((None, RDF.type, None))
            if isinstance(graph, Dataset):
                triples = ((s, p, o) for s, p, o, _g in graph.quads((None, RDF.type, None, None)))
                graph = _UnionView(graph)
            seen = set()
            for s, _p, _o in triples:
                if s in seen or not isinstance(s, URIRef):
                    continue
                seen.add(s)
                typ = _type_of(graph, s)
                if typ is None or typ in ("Grant", "Event", "Quality Label"):
                    continue
                pref = _pref_label(graph, s)
                if pref is None:
                    continue
                names = {(str(pref), "label")}
                for p in (SKOS.prefLabel, RDFS.label, SKOS.altLabel):
                    for lit in graph.objects(s, p):
                        kind = "alt" if p == SKOS.altLabel else "label"
                        if is_acronym(str(lit)):
                            kind = "acronym"
                        names.add((str(lit), kind))
                for name, kind in names:
                    if len(name.strip()) < 2:  # "V" (a party letter) would match any lone capital
                        continue
                    entries.append(Entry(name, s, str(pref), typ, kind))
        if builtin:
            known = {normalise(e.name) for e in entries} | {e.name for e in entries if e.kind == "acronym"}
            for e in _builtin_entries():
                key = e.name if e.kind == "acronym" else normalise(e.name)
                if key not in known:
                    entries.append(e)
        return cls(tuple(entries))

    # -- queries -------------------------------------------------------
    def lookup(self, name: str) -> tuple[Entry, ...]:
        """Entries whose name equals ``name`` (acronyms case-sensitively).

        A Danish genitive ``s`` is tried off as well (``Region Syddanmarks``).

        Examples
        --------
        >>> [e.label for e in Gazetteer.builtin().lookup("Region Syddanmarks")]
        ['Region Syddanmark']
        """
        name = name.strip()
        if is_acronym(name):
            hits = self._by_acronym.get(name)
            if hits:
                return tuple(hits)
        key = normalise(name)
        hits = self._by_key.get(key)
        if not hits and key.endswith("s"):
            hits = self._by_key.get(key[:-1])
        return tuple(_dedupe(hits or ()))

    def fuzzy(self, name: str, *, threshold: float = 90.0, type: str | None = None) -> tuple[Entry, float] | None:
        """The best fuzzy match (rapidfuzz ``ratio`` on normalised names).

        Acronyms are never matched fuzzily.

        Examples
        --------
        >>> e, score = Gazetteer.builtin().fuzzy("Aalborg Universitets")
        >>> e.label, score >= 90
        ('Aalborg Universitet', True)
        >>> Gazetteer.builtin().fuzzy("Aarhus Kommune") is None
        True
        """
        key = normalise(name)
        if not key or len(key) < 4:
            return None
        choices = {k: k for k, v in self._by_key.items() if type is None or any(e.type == type for e in v)}
        if not choices:
            return None
        hit = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=threshold)
        if hit is None:
            return None
        entries = self._by_key[hit[0]]
        return entries[0], float(hit[1])

    def names(self) -> list[Entry]:
        """All entries, longest name first (for phrase matching)."""
        return sorted(self.entries, key=lambda e: -len(e.name))


class _UnionView:
    """Read-only union of a Dataset's graphs with the Graph methods used here."""

    def __init__(self, ds: Dataset):
        self.ds = ds

    def objects(self, s, p):
        seen = set()
        for _s, _p, o, _g in self.ds.quads((s, p, None, None)):
            if o not in seen:
                seen.add(o)
                yield o


def _pref_label(graph, node):
    labels = list(graph.objects(node, SKOS.prefLabel)) or list(graph.objects(node, RDFS.label))
    if not labels:
        return None
    for lang in ("da", None, "en"):
        for lit in labels:
            if getattr(lit, "language", None) == lang:
                return lit
    return labels[0]


def _dedupe(entries) -> list[Entry]:
    out, seen = [], set()
    for e in entries:
        if e.iri not in seen:
            seen.add(e.iri)
            out.append(e)
    return out


def _builtin_entries() -> list[Entry]:
    out = []
    for label, typ, alts in BUILTIN:
        iri = entity_iri(label)
        out.append(Entry(label, iri, label, typ, "label"))
        for alt in alts:
            out.append(Entry(alt, iri, label, typ, "acronym" if is_acronym(alt) else "alt"))
    return out
