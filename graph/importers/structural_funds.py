"""Import the Danish EU structural-fund project lists (ERDF/ESF) as RDF.

Source: ``../shared/data/dk-eu-structural-funds/`` (Erhvervsstyrelsen's public
beneficiary lists, 2007-2013 and early 2014-2020; see the README there).

Mapping (one project per row; ``docs/model.md`` terms):

=========================================  =====================================================
column                                     triples
=========================================  =====================================================
``projekttitel`` / Operation name          ``?p a eco:Initiative ; skos:prefLabel "..."@da``
``tas_projekt_besk`` / Projektbeskrivelse  ``dcterms:description "..."@da``
``region`` (else ``ordning``'s last        ``schema:location ecoid:region-...``; Bornholm (B) is
letter) / Region                           Region Hovedstaden; the national pool (K, "National
                                           pulje", "EURES", "Bæredygtig, grøn byudvikling") has
                                           no region
``start_dato``, ``slut_dato`` (dd.mm.yyyy)  ``schema:startDate``, ``schema:endDate`` (``xsd:date``)
``budget``                                 ``eco:budget`` (``xsd:decimal``, DKK)
``ordning`` (ERDF*/ESF*) / Fond (R/S)      ``schema:funder`` Regionalfonden or Socialfonden
                                           (``eco:Investor``), plus a ``schema:MonetaryGrant``
                                           with the EU co-financing (``eu``) as ``schema:amount``
``navn``, ``cvr`` / Beneficiary name       the lead beneficiary ``eco:partnerIn`` the project;
                                           CVR as ``dcterms:identifier`` and ``schema:vatID``
                                           ``DK<cvr>`` (as CORDIS writes it)
``Indsatsområde`` / Priority axis          ``<https://w3id.org/ecokg/attr/indsatsomraade>``
                                           literal (a programme priority, not a focus area)
``parter`` / Project partners              ``<https://w3id.org/ecokg/attr/parter>`` literal (free
                                           text, left for entity resolution to parse)
``Kontaktperson / Contacts``               **dropped** (personal data)
addresses, coordinates                     dropped
=========================================  =====================================================

The lead beneficiary's type is guessed from its name: a municipality's or a
region's name (as in ``data/reference/``) is that reference entity,
``Universitet`` a university, ``Professionshøjskole``/``University College``
a university college, ``A/S``, ``ApS``, ``I/S``, ``P/S``, ``K/S`` a company,
anything else an ``eco:Association`` (most lead beneficiaries are public or
non-profit bodies: business houses, foundations, schools).

Each row's triples sit in the named graph ``ecoid:ev/<doc>-<row>``, an
``eco:Evidence`` derived from the document ``ecoid:doc/<doc>`` whose quote is
the row exactly as written in the file (so that it is a substring of the
source), cut before the contact column where there is one. Rows are numbered as in the file (header = row 1).

Run ``python -m graph.importers.structural_funds OUT.trig [CSV ...]``; with no
CSV both files in ``../shared/data/dk-eu-structural-funds/`` are read.

Examples
--------
>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "dk_structural_funds_2007-2013.csv"
>>> _ = p.write_text(
...     "projekttitel,start_dato,slut_dato,ordning,budget,eu,tas_projekt_besk,region,cvr,navn\\n"
...     "Telemedicin Nord,01.02.2010,31.12.2012,ERDFN,\\"1000000,50\\",500000,Hjemmemonitorering.,Nordjylland,12345678,Aalborg Kommune\\n",
...     encoding="utf-8")
>>> ds = import_structural_funds([p])
>>> from graph.vocab import ECO, SKOS
>>> [str(o) for s in ds.subjects(RDF.type, ECO.Initiative) for o in ds.objects(s, SKOS.prefLabel)]
['Telemedicin Nord']
"""

from __future__ import annotations

import csv
import re
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Sequence

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph.errors import InputError, Problem
from graph.ids import entity_iri, slug
from graph.partners import guess_class
from graph.vocab import ATTR, DCTERMS, ECO, FOAF, FRAPO, ID, OA, PROV, SCHEMA, SKOS

__all__ = ["DEFAULT_DIR", "FUNDS", "REGIONS", "import_structural_funds", "write_structural_funds", "main"]

#: where the shared data lives (next to the repository)
DEFAULT_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "dk-eu-structural-funds"

#: fund code -> (IRI, Danish label, English label, acronym)
FUNDS: dict[str, tuple[URIRef, str, str, str]] = {
    "ERDF": (ID["fund/regionalfonden"], "Regionalfonden", "European Regional Development Fund", "ERDF"),
    "ESF": (ID["fund/socialfonden"], "Socialfonden", "European Social Fund", "ESF"),
}
_FUND_LETTER = {"R": "ERDF", "S": "ESF"}
# dates of the documents: the 2007-2013 extract is dated 2016-06-01; the early
# 2014-2020 export was retrieved in 2016 and last changed at the source on 2016-12-23
_DOC_DATES = {"eu-strukturfonde-2007-2013": "2016-06-01", "eu-strukturfonde-2014-2020": "2016-12-23"}

#: region name or ordning letter -> region IRI (None: national, no region)
REGIONS: dict[str, URIRef | None] = {
    "hovedstaden": ID["region-hovedstaden"],
    "h": ID["region-hovedstaden"],
    "bornholm": ID["region-hovedstaden"],
    "b": ID["region-hovedstaden"],
    "sjælland": ID["region-sjaelland"],
    "s": ID["region-sjaelland"],
    "syddanmark": ID["region-syddanmark"],
    "d": ID["region-syddanmark"],
    "midtjylland": ID["region-midtjylland"],
    "m": ID["region-midtjylland"],
    "nordjylland": ID["region-nordjylland"],
    "n": ID["region-nordjylland"],
    "k": None,
    "konkurrenceudsat pulje": None,
    "national pulje": None,
    "eures": None,
    "bæredygtig, grøn byudvikling": None,
}

# logical field -> accepted headers (lower-case)
_COLUMNS = {
    "title": ("projekttitel", "projektitel / operation name"),
    "start": ("start_dato", "startdato / operation start date"),
    "end": ("slut_dato", "slutdato / operation end date"),
    "ordning": ("ordning",),
    "fund": ("fond / fund",),
    "priority": ("indsatsområde", "prioritetsakse / priority axis"),
    "budget": ("budget", "budget / budget"),
    "eu": ("eu", "eu-medfinansiering / union co-financing"),
    "description": ("tas_projekt_besk", "projektbeskrivelse"),
    "region": ("region", "region / region"),
    "cvr": ("cvr",),
    "name": ("navn", "kontraktansvarlig partner / beneficiary name"),
    "partners": ("parter", "partere / project partners"),
}
_DROPPED = ("kontaktperson / contacts",)
def _municipalities() -> dict[str, URIRef]:
    """Municipality and region labels (lower-case) -> IRI, from the reference data."""
    from graph.load import repo_root

    path = repo_root() / "data" / "reference" / "municipalities.ttl"
    out: dict[str, URIRef] = {}
    if not path.is_file():
        return out
    from rdflib import Graph

    g = Graph()
    for name in ("municipalities.ttl", "regions.ttl"):
        if (path.parent / name).is_file():
            g.parse(path.parent / name, format="turtle")
    for cls_ in (ECO.Municipality, ECO.Region):
        for s in g.subjects(RDF.type, cls_):
            for o in g.objects(s, SKOS.prefLabel):
                out[str(o).lower()] = s
            if cls_ == ECO.Municipality:  # "Aalborg" alone is the municipality too
                for o in g.objects(s, SKOS.altLabel):
                    out.setdefault(str(o).lower(), s)
    return out


def _date(text: str) -> date:
    day, month, year = (int(x) for x in re.fullmatch(r"\s*(\d{1,2})\.(\d{1,2})\.(\d{4})\s*", text).groups())
    return date(year, month, day)


def _number(text: str) -> Decimal:
    from graph.danish import parse_number

    value = parse_number(text.strip().replace(" ", ""))
    if value is None:
        raise ValueError(text)
    return Decimal(value)


def _doc_name(path: Path) -> str:
    m = re.search(r"(\d{4})-(\d{4})", path.name)
    return f"eu-strukturfonde-{m.group(1)}-{m.group(2)}" if m else f"eu-strukturfonde-{slug(path.stem)}"


def import_structural_funds(
    paths: Iterable[str | Path] = (), *, ds: Dataset | None = None, partners: bool = True
) -> Dataset:
    """Map structural-fund CSV files onto the ecokg vocabulary.

    Parameters
    ----------
    paths : iterable of path
        CSV files as published (UTF-8, ``,``). Default: both files in
        :data:`DEFAULT_DIR`.
    ds : rdflib.Dataset, optional
        Add to this dataset instead of a new one.
    partners : bool
        Parse each project's free-text partner list into ``eco:partnerIn``
        links through entity resolution (:func:`graph.partners.link_partners`).

    Returns
    -------
    rdflib.Dataset
        ``default_union=True``; each row in its own evidence graph.

    Raises
    ------
    InputError
        Unreadable file, missing title column, a date that is not dd.mm.yyyy,
        an end before its start, or an amount that is not a number
        (one problem per row, ``file:row``).
    """
    paths = [Path(p) for p in paths] or sorted(DEFAULT_DIR.glob("*.csv"))
    ds = ds if ds is not None else Dataset(default_union=True)
    from graph.vocab import PREFIXES

    for prefix, ns in PREFIXES.items():
        ds.bind(prefix, ns)
    ds.bind("attr", ATTR)
    municipalities = _municipalities()
    problems: list[Problem] = []
    quads: list[tuple] = []
    used: set[URIRef] = set()
    named: set[URIRef] = set()
    for path in paths:
        quads.extend(_read_file(path, municipalities, used, problems, named))
    if problems:
        raise InputError(problems)
    for s, p, o, g in quads:
        ds.graph(g).add((s, p, o))
    for code, (iri, da, en, acronym) in FUNDS.items():
        g = ds.graph(ID["graph/eu-strukturfonde"])
        g.add((iri, RDF.type, ECO.Investor))
        g.add((iri, SKOS.prefLabel, Literal(da, lang="da")))
        g.add((iri, SKOS.prefLabel, Literal(en, lang="en")))
        g.add((iri, SKOS.altLabel, Literal(acronym)))
    if partners:
        from graph.partners import link_partners

        link_partners(ds)
    return ds


def _row_quote(raw: str, dropped: Sequence[str]) -> str:
    """The row as written in the file, cut before the first dropped (personal) cell."""
    cut = len(raw)
    for value in dropped:
        value = value.strip()
        if value:
            pos = raw.find(value.replace('"', '""'))
            if pos >= 0:
                cut = min(cut, pos)
    return raw[:cut].rstrip().rstrip('"').rstrip(",").strip()


def _read_file(path: Path, municipalities: dict[str, URIRef], used: set[URIRef], problems: list[Problem],
               named: set[URIRef]):
    name = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as err:
        problems.append(Problem(name, None, f"cannot read: {err.strerror or err}"))
        return []
    except UnicodeDecodeError as err:
        problems.append(Problem(name, None, f"not UTF-8 text ({err.reason})"))
        return []
    lines = text.splitlines(keepends=True)
    reader = csv.reader(lines)
    rows, raws = [], []
    consumed = 0
    for record in reader:
        rows.append(record)
        raws.append("".join(lines[consumed : reader.line_num]))
        consumed = reader.line_num
    if not rows:
        problems.append(Problem(name, 1, "empty file"))
        return []
    header = [h.strip() for h in rows[0]]
    lower = [h.lower() for h in header]
    col = {}
    for key, names in _COLUMNS.items():
        for n in names:
            if n in lower:
                col[key] = lower.index(n)
                break
    if "title" not in col:
        problems.append(Problem(name, 1, "no project title column (projekttitel / Projektitel / Operation name)"))
        return []
    dropped = {lower.index(h) for h in _DROPPED if h in lower}
    docname = _doc_name(path)
    doc = ID[f"doc/{docname}"]
    quads: list[tuple] = []
    meta = ID["graph/eu-strukturfonde"]
    quads += [
        (doc, RDF.type, FOAF.Document, meta),
        (doc, DCTERMS.title, Literal(f"EU-strukturfondsprojekter i Danmark ({path.name})", lang="da"), meta),
        (doc, DCTERMS.publisher, Literal("Erhvervsstyrelsen"), meta),
        (doc, DCTERMS.language, Literal("da"), meta),
        (doc, DCTERMS.date, Literal(_DOC_DATES.get(docname, "2016-12-23"), datatype=XSD.date), meta),
        (doc, DCTERMS.source, Literal(f"../shared/data/dk-eu-structural-funds/{path.name}"), meta),
    ]
    for rec_no, (record, raw_row) in enumerate(zip(rows[1:], raws[1:]), start=2):
        if not any(c.strip() for c in record):
            continue
        row_problems: list[str] = []

        def cell(key: str) -> str:
            n = col.get(key)
            return record[n].strip() if n is not None and n < len(record) else ""

        title = " ".join(cell("title").split())
        if not title:
            problems.append(Problem(name, rec_no, "project without a title"))
            continue
        start = end = None
        for key in ("start", "end"):
            raw = cell(key)
            if not raw:
                continue
            try:
                value = _date(raw)
            except (AttributeError, ValueError):
                row_problems.append(f"{key} date is not dd.mm.yyyy: {raw!r}")
                continue
            if key == "start":
                start = value
            else:
                end = value
        if start and end and end < start:
            row_problems.append(f"end {end} is before start {start}")
        amounts = {}
        for key in ("budget", "eu"):
            raw = cell(key)
            if not raw:
                continue
            try:
                amounts[key] = _number(raw.rstrip("%"))
            except (ValueError, ArithmeticError):
                row_problems.append(f"{key} is not an amount: {raw!r}")
                continue
            if amounts[key] < 0:
                row_problems.append(f"{key} is negative: {raw!r}")
        fund = None
        ordning = cell("ordning").upper()
        if ordning:
            fund = next((f for f in FUNDS if ordning.startswith(f)), None)
        elif cell("fund"):
            fund = _FUND_LETTER.get(cell("fund").upper())
        if (ordning or cell("fund")) and fund is None:
            row_problems.append(f"unknown fund {ordning or cell('fund')!r} (expected ERDF*/ESF* or R/S)")
        region_text = " ".join(cell("region").lower().split())
        if region_text in REGIONS:
            region = REGIONS[region_text]
        elif ordning and fund and ordning[len(fund):].lower() in REGIONS:
            region = REGIONS[ordning[len(fund):].lower()]
        elif region_text:
            row_problems.append(f"unknown region {cell('region')!r}")
            region = None
        else:
            region = None
        if row_problems:
            problems.extend(Problem(name, rec_no, m) for m in row_problems)
            continue
        g = ID[f"ev/{docname}-{rec_no}"]
        base = entity_iri(title, f"strukturfond/{docname[len('eu-strukturfonde-'):]}")
        iri, n = base, 2
        while iri in used:
            iri, n = URIRef(f"{base}-{n}"), n + 1
        used.add(iri)
        q = [
            (iri, RDF.type, ECO.Initiative),
            (iri, SKOS.prefLabel, Literal(title, lang="da")),
        ]
        desc = cell("description").replace("\u00ad", "")
        if desc:
            q.append((iri, DCTERMS.description, Literal(desc, lang="da")))
        if region is not None:
            q.append((iri, SCHEMA.location, region))
        if start:
            q.append((iri, SCHEMA.startDate, Literal(start.isoformat(), datatype=XSD.date)))
        if end:
            q.append((iri, SCHEMA.endDate, Literal(end.isoformat(), datatype=XSD.date)))
        if "budget" in amounts:
            q.append((iri, ECO.budget, Literal(str(amounts["budget"]), datatype=XSD.decimal)))
        if cell("priority"):
            q.append((iri, ATTR.indsatsomraade, Literal(" ".join(cell("priority").split()), lang="da")))
        if cell("partners"):
            q.append((iri, ATTR.parter, Literal(cell("partners"), lang="da")))
        if fund:
            fund_iri = FUNDS[fund][0]
            q.append((iri, SCHEMA.funder, fund_iri))
            grant = URIRef(f"{iri}/grant")
            q += [
                (grant, RDF.type, SCHEMA.MonetaryGrant),
                (grant, RDF.type, FRAPO.Grant),
                (grant, SCHEMA.fundedItem, iri),
                (grant, SCHEMA.funder, fund_iri),
            ]
            if "eu" in amounts:
                q.append((grant, SCHEMA.amount, Literal(str(amounts["eu"]), datatype=XSD.decimal)))
            if start:
                q.append((grant, SCHEMA.startDate, Literal(start.isoformat(), datatype=XSD.date)))
            if end:
                q.append((grant, SCHEMA.endDate, Literal(end.isoformat(), datatype=XSD.date)))
        lead = " ".join(cell("name").split())
        if lead:
            org = municipalities.get(lead.lower())
            if org is None:
                cls_ = guess_class(lead)
                org = entity_iri(lead)
                q.append((org, RDF.type, cls_))
                if org not in named:  # one preferred label, the first spelling met
                    named.add(org)
                    q.append((org, SKOS.prefLabel, Literal(lead, lang="da")))
            q.append((org, ECO.partnerIn, iri))
            cvr = re.sub(r"\D", "", cell("cvr"))
            if len(cvr) == 8:
                q.append((org, DCTERMS.identifier, Literal(cvr)))
                q.append((org, SCHEMA.vatID, Literal(f"DK{cvr}")))
        quote = _row_quote(raw_row, [record[n] for n in dropped if n < len(record)])
        sel = URIRef(f"{g}/quote")
        q += [
            (g, RDF.type, ECO.Evidence),
            (g, PROV.wasDerivedFrom, doc),
            (g, OA.hasSelector, sel),
            (sel, RDF.type, OA.TextQuoteSelector),
            (sel, OA.exact, Literal(quote)),
        ]
        quads.extend((s, p, o, g) for s, p, o in q)
    return quads


def write_structural_funds(out: str | Path, paths: Sequence[str | Path] = ()) -> int:
    """Import and write a TriG (or any RDF format by extension) file; returns the number of projects."""
    ds = import_structural_funds(paths)
    out = Path(out)
    fmt = {".trig": "trig", ".nq": "nquads", ".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld"}.get(
        out.suffix.lower(), "trig"
    )
    if fmt in ("turtle", "nt"):
        from rdflib import Graph

        g = Graph()
        for t in ds.triples((None, None, None)):
            g.add(t)
        data = g.serialize(format=fmt)
    else:
        data = ds.serialize(format=fmt)
    out.write_text(data, encoding="utf-8")
    return len(set(ds.subjects(RDF.type, ECO.Initiative)))


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m graph.importers.structural_funds OUT.trig [CSV ...]``"""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in ("-h", "--help"):
        print(main.__doc__.strip("`"))
        print("Import the Danish EU structural-fund project lists as RDF (default: ../shared/data/dk-eu-structural-funds/*.csv).")
        return 0 if argv else 2
    try:
        n = write_structural_funds(argv[0], argv[1:])
    except InputError as err:
        for line in err.lines():
            print(line, file=sys.stderr)
        return 2
    print(f"{n} projects written to {argv[0]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
