"""Seeded synthetic ecosystems in the ecokg vocabulary, at about 100k, 1M or 5M triples.

Actors of every contract type spread over the five regions, initiatives with
Danish-sounding descriptions, periods, budgets and focus areas, memberships
(qualified, with intervals), partnerships, grants (qualified, with amounts and
funders), source documents and evidence quotes, plus a few near-duplicate
initiatives so that the overlap analysis has work to do. Everything uses the
terms of ``docs/model.md`` (``graph.vocab``) and passes the loader's strict
checks. Files are N-Triples, cached under ``bench/data/`` (git-ignored).

Usage::

    python -m bench.generate 1m            # writes bench/data/eco-1m-s0.nt (cached)
    python -m bench.generate 100k --seed 7 --force
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

from graph.vocab import DCTERMS, ECO, FOAF, ID, OA, ORG, PROV, RDF, SCHEMA, SKOS, TIME, XSD

__all__ = ["parse_size", "generate", "dataset_path", "DATA_DIR", "TRIPLES_PER_INITIATIVE"]

DATA_DIR = Path(__file__).resolve().parent / "data"
_VERSION = 2  # bump when the generator's output changes

#: measured average: triples written per initiative (with its share of actors)
TRIPLES_PER_INITIATIVE = 27.7

REGIONS = ["hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland"]
REGION_NAMES = {
    "hovedstaden": "Hovedstaden",
    "sjaelland": "Sjælland",
    "syddanmark": "Syddanmark",
    "midtjylland": "Midtjylland",
    "nordjylland": "Nordjylland",
}
CITIES = ["København", "Roskilde", "Odense", "Aarhus", "Aalborg", "Esbjerg", "Vejle", "Kolding",
          "Herning", "Næstved", "Hillerød", "Viborg", "Randers", "Horsens", "Holbæk", "Hjørring"]
FOCUS = [
    "personaliseret behandling", "velfærdsteknologi", "telemedicin", "sundhedsdata", "kunstig intelligens",
    "medicinsk udstyr", "diagnostik", "psykiatri", "genoptræning", "hjemmepleje", "digital sundhed",
    "life science", "bioteknologi", "forebyggelse", "kronisk sygdom", "ældrepleje", "sygehusbyggeri",
    "robotteknologi", "sensorer", "klinisk forskning", "patientinddragelse", "innovation i kommuner",
    "offentligt-privat samarbejde", "eksport", "iværksætteri", "kompetenceudvikling", "testfaciliteter",
    "medicinsk billeddannelse", "høreteknologi", "diabetes", "kræft", "hjertesygdomme", "rehabilitering",
    "fødevarer og sundhed", "mental sundhed", "cybersikkerhed", "cloud", "wearables", "apoteker", "tandpleje",
]
STEMS = ["Med", "Sund", "Bio", "Care", "Vita", "Nord", "Dan", "Helse", "Tek", "Puls", "Nova", "Cura",
         "Scan", "Data", "Robo", "Gen", "Neuro", "Cardio", "Klar", "Viden"]
TAILS = ["tech", "lab", "care", "med", "data", "vision", "logic", "gen", "sense", "works", "link", "sys"]
WORDS = ["samarbejde", "udvikling", "afprøvning", "implementering", "borgere", "patienter", "klinikere",
         "virksomheder", "forskning", "uddannelse", "data", "løsninger", "markedet", "regionerne",
         "kommunerne", "sygehusene", "teknologi", "viden", "partnerskab", "test", "skalering", "kvalitet"]
VERBS = ["styrker", "udvikler", "afprøver", "samler", "understøtter", "accelererer", "modner", "skalerer"]
INIT_KINDS = ["Projekt", "Program", "Partnerskab", "Netværk", "Initiativ", "Forløb", "Testcenter", "Akademi"]

# (class, share of actors, Danish name stem)
ACTOR_TYPES = [
    (ECO.Company, 0.46, "ApS"),
    (ECO.Hospital, 0.08, "Hospital"),
    (ECO.Municipality, 0.07, "Kommune"),
    (ECO.University, 0.03, "Universitet"),
    (ECO.UniversityCollege, 0.03, "Professionshøjskole"),
    (ECO.ResearchInstitute, 0.03, "Institut"),
    (ECO.Investor, 0.05, "Fond"),
    (ECO.Association, 0.06, "Forening"),
    (ECO.PublicAuthority, 0.03, "Styrelse"),
    (ECO.Cluster, 0.02, "Klynge"),
    (ECO.InnovationNetwork, 0.02, "Innovationsnetværk"),
    (FOAF.Person, 0.10, ""),
    (ECO.Facility, 0.02, "Testfacilitet"),
]
FIRST = ["Anne", "Mette", "Lars", "Søren", "Hanne", "Jens", "Pia", "Ole", "Kirsten", "Mads", "Line", "Rasmus"]
LAST = ["Jensen", "Nielsen", "Hansen", "Pedersen", "Andersen", "Christensen", "Larsen", "Sørensen", "Møller"]


def parse_size(text: str) -> int:
    """``"100k"`` → 100000, ``"1m"`` → 1000000, ``"5M"`` → 5000000, ``"2500"`` → 2500.

    Examples
    --------
    >>> parse_size("100k"), parse_size("1m"), parse_size("1.5M"), parse_size("2500")
    (100000, 1000000, 1500000, 2500)
    """
    t = text.strip().lower()
    mult = {"k": 1_000, "m": 1_000_000}.get(t[-1:], 1)
    if mult != 1:
        t = t[:-1]
    return int(float(t) * mult)


def dataset_path(size: str, seed: int = 0) -> Path:
    """Where the cached file for ``size`` and ``seed`` lives."""
    return DATA_DIR / f"eco-{size.lower()}-s{seed}.nt"


def _iri(term) -> str:
    return f"<{term}>"


def _lit(text: str, lang: str | None = None, dtype=None) -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    if lang:
        return f'"{text}"@{lang}'
    if dtype is not None:
        return f'"{text}"^^<{dtype}>'
    return f'"{text}"'


def _date(y: int, m: int, d: int) -> str:
    return _lit(f"{y:04d}-{m:02d}-{d:02d}", dtype=XSD.date)


class _Writer:
    def __init__(self, fh):
        self.fh = fh
        self.n = 0
        self.buf: list[str] = []

    def t(self, s: str, p, o: str) -> None:
        self.buf.append(f"{s} <{p}> {o} .\n")
        self.n += 1
        if len(self.buf) >= 50_000:
            self.flush()

    def flush(self) -> None:
        self.fh.write("".join(self.buf))
        self.buf.clear()


def _description(rng: random.Random, focus: list[str], region: str) -> str:
    w = rng.sample(WORDS, 4)
    return (
        f"{rng.choice(VERBS).capitalize()} {focus[0]} i Region {REGION_NAMES[region]} gennem {w[0]} "
        f"mellem {w[1]} og {w[2]}, med vægt på {focus[-1]} og {w[3]}."
    )


def generate(n_triples: int, path: Path, *, seed: int = 0, progress: bool = False) -> int:
    """Write a synthetic ecosystem of about ``n_triples`` triples to ``path`` (N-Triples).

    Returns the exact number of triples written.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "tiny.nt"
    >>> n = generate(2000, p, seed=1)
    >>> 1500 < n < 2600 and n == sum(1 for _ in p.open(encoding="utf-8"))
    True
    """
    rng = random.Random(seed)
    n_init = max(10, int(n_triples / TRIPLES_PER_INITIATIVE))
    n_actor = max(len(ACTOR_TYPES) * 2, n_init // 2)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "w", encoding="utf-8") as fh:
        w = _Writer(fh)
        regions = [_iri(ID[f"region-{r}"]) for r in REGIONS]  # defined by the reference data

        focus_iris = []
        for i, name in enumerate(FOCUS):
            f = _iri(ID[f"focus/synth-{i}"])
            focus_iris.append(f)
            w.t(f, RDF.type, _iri(ECO.FocusArea))
            w.t(f, SKOS.prefLabel, _lit(name, "da"))
            w.t(f, SKOS.inScheme, _iri(ID["scheme/focus-areas"]))

        n_docs = max(5, n_init // 200)
        docs = []
        for d in range(n_docs):
            doc = _iri(ID[f"doc/synth-{d}"])
            docs.append(doc)
            w.t(doc, RDF.type, _iri(FOAF.Document))
            w.t(doc, DCTERMS.title, _lit(f"Pressemeddelelse {d}: nyt om sundhedsinnovation", "da"))
            w.t(doc, DCTERMS.date, _date(2015 + d % 10, 1 + d % 12, 1 + d % 28))
            w.t(doc, DCTERMS.language, _lit("da"))

        # actors, by type
        weights = [share for _c, share, _n in ACTOR_TYPES]
        by_type: dict = {c: [] for c, _s, _n in ACTOR_TYPES}
        actor_region: dict[str, str] = {}
        for a in range(n_actor):
            cls, _share, stem = rng.choices(ACTOR_TYPES, weights)[0] if a >= len(ACTOR_TYPES) else ACTOR_TYPES[a]
            iri = _iri(ID[f"synth/actor-{a}"])
            region = rng.randrange(5)
            by_type[cls].append(iri)
            actor_region[iri] = regions[region]
            if cls == FOAF.Person:
                label = f"{rng.choice(FIRST)} {rng.choice(LAST)} {a}"
            else:
                label = f"{rng.choice(STEMS)}{rng.choice(TAILS)} {rng.choice(CITIES)} {stem} {a}".strip()
            w.t(iri, RDF.type, _iri(cls))
            w.t(iri, SKOS.prefLabel, _lit(label, "da"))
            w.t(iri, SCHEMA.location, regions[region])
            if cls != FOAF.Person:
                w.t(iri, SKOS.altLabel, _lit(label.split()[0].upper()[:6] + str(a)))
                w.t(iri, SCHEMA.url, _iri(f"https://example.org/synth/{a}"))
                w.t(iri, SCHEMA.foundingDate, _date(1950 + a % 70, 1 + a % 12, 1 + a % 28))
        orgs = [i for c, lst in by_type.items() if c not in (FOAF.Person, ECO.Facility) for i in lst]
        hubs = by_type[ECO.Cluster] + by_type[ECO.InnovationNetwork]
        funders = by_type[ECO.Investor] + by_type[ECO.PublicAuthority]
        people = by_type[FOAF.Person]

        # people work for organisations; organisations join clusters and networks
        for p_iri in people:
            w.t(p_iri, SCHEMA.worksFor, rng.choice(orgs))
        for a_iri in orgs:
            if a_iri in hubs or rng.random() > 0.6:
                continue
            hub = rng.choice(hubs)
            w.t(a_iri, ORG.memberOf, hub)
            m = f"_:m{w.n}"
            y = rng.randrange(2008, 2024)
            w.t(m, RDF.type, _iri(ORG.Membership))
            w.t(m, ORG.member, a_iri)
            w.t(m, ORG.organization, hub)
            iv, b = f"_:i{w.n}", f"_:b{w.n}"
            w.t(m, ORG.memberDuring, iv)
            w.t(iv, RDF.type, _iri(TIME.Interval))
            w.t(iv, TIME.hasBeginning, b)
            w.t(b, TIME.inXSDDate, _date(y, 1 + rng.randrange(12), 1 + rng.randrange(28)))

        # initiatives
        previous: list[tuple] = []
        for i in range(n_init):
            iri = _iri(ID[f"synth/initiative-{i}"])
            dup = previous and rng.random() < 0.02
            if dup:  # a near-duplicate of an earlier initiative: same focus, region, similar text
                base = rng.choice(previous)
                region, focus, kind, name = base[1], base[2], base[3], base[4]
                label = f"{name} {rng.choice(['2.0', 'II', 'Plus', 'Syd', 'Nord'])}"
            else:
                region = rng.randrange(5)
                focus = rng.sample(range(len(FOCUS)), rng.choice([1, 2, 2, 3]))
                kind = rng.choice(INIT_KINDS)
                name = f"{kind} for {FOCUS[focus[0]]} {i}"
                label = name
            previous.append((iri, region, focus, kind, name))
            if len(previous) > 500:
                previous.pop(0)
            w.t(iri, RDF.type, _iri(ECO.Initiative))
            w.t(iri, SKOS.prefLabel, _lit(label, "da"))
            w.t(iri, DCTERMS.description, _lit(_description(rng, [FOCUS[f] for f in focus], REGIONS[region]), "da"))
            y = rng.randrange(2012, 2026)
            w.t(iri, SCHEMA.startDate, _date(y, 1 + rng.randrange(12), 1))
            w.t(iri, SCHEMA.endDate, _date(y + 1 + rng.randrange(4), 1 + rng.randrange(12), 28))
            w.t(iri, ECO.budget, _lit(f"{rng.randrange(2, 400) * 50000}", dtype=XSD.decimal))
            w.t(iri, SCHEMA.location, regions[region])
            for f in focus:
                w.t(iri, DCTERMS.subject, focus_iris[f])
            lead = rng.choice(orgs)
            w.t(iri, SCHEMA.founder, lead)
            for _ in range(rng.randrange(1, 6)):
                w.t(rng.choice(orgs), ECO.partnerIn, iri)
            if rng.random() < 0.7:
                funder = rng.choice(funders)
                w.t(iri, SCHEMA.funder, funder)
                g = f"_:g{w.n}"
                w.t(g, RDF.type, _iri(SCHEMA.MonetaryGrant))
                w.t(g, SCHEMA.fundedItem, iri)
                w.t(g, SCHEMA.funder, funder)
                w.t(g, SCHEMA.amount, _lit(f"{rng.randrange(1, 300) * 100000}", dtype=XSD.decimal))
                w.t(g, SCHEMA.startDate, _date(y, 1, 1))
                w.t(g, SCHEMA.endDate, _date(y + 1, 12, 31))
            ev = _iri(ID[f"ev/synth-{i}"])
            w.t(ev, RDF.type, _iri(ECO.Evidence))
            w.t(ev, PROV.wasDerivedFrom, rng.choice(docs))
            sel = f"_:q{w.n}"
            w.t(ev, OA.hasSelector, sel)
            w.t(sel, RDF.type, _iri(OA.TextQuoteSelector))
            w.t(sel, OA.exact, _lit(f"{label} skal styrke {FOCUS[focus[0]]}"))
            if progress and i % 20000 == 0:
                print(f"\r{w.n:,} triples", end="", file=sys.stderr)
        w.flush()
    tmp.replace(path)
    if progress:
        print(f"\r{w.n:,} triples", file=sys.stderr)
    return w.n


def ensure(size: str, *, seed: int = 0, force: bool = False, progress: bool = False) -> tuple[Path, int]:
    """The cached file for ``size`` (generated on first use) and its triple count."""
    path = dataset_path(size, seed)
    meta = path.with_suffix(".json")
    if not force and path.exists() and meta.exists():
        info = json.loads(meta.read_text(encoding="utf-8"))
        if info.get("version") == _VERSION and info.get("seed") == seed:
            return path, int(info["triples"])
    n = generate(parse_size(size), path, seed=seed, progress=progress)
    meta.write_text(json.dumps({"version": _VERSION, "seed": seed, "triples": n}), encoding="utf-8")
    return path, n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sizes", nargs="+", help="e.g. 100k 1m 5m")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--force", action="store_true", help="regenerate even if cached")
    args = ap.parse_args(argv)
    for size in args.sizes:
        t = time.perf_counter()
        path, n = ensure(size, seed=args.seed, force=args.force, progress=sys.stderr.isatty())
        print(f"{path}  {n:,} triples  ({time.perf_counter() - t:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
