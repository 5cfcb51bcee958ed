"""Import CORDIS Horizon Europe projects with Danish participants as RDF.

Source: ``../shared/data/cordis-dk/`` (CORDIS, © European Union,
https://cordis.europa.eu/; see the README there). Terms from EURIO
(``eurio:Project``) and ``docs/model.md``.

Mapping:

==========================================  ===================================================
source                                      triples
==========================================  ===================================================
project ``id``                              ``ecoid:cordis/project/<id> a eurio:Project,
                                            eco:Initiative``; ``dcterms:identifier
                                            "CORDIS:<id>"``; ``schema:url`` the CORDIS page
``acronym``, ``title``                      ``skos:prefLabel "ACRONYM: title"@en``,
                                            ``skos:altLabel "ACRONYM"``
``objective``                               ``dcterms:description "..."@en``
``startDate``, ``endDate``                  ``schema:startDate``, ``schema:endDate``
``ecMaxContribution``, ``totalCost`` (EUR)  a ``schema:MonetaryGrant``/``frapo:Grant`` from the
                                            European Commission (``schema:funder``) with
                                            ``schema:amount`` in DKK at the fixed rate
                                            ``EUR_DKK`` = 7.46 and ``schema:currency "DKK"``;
                                            the EUR figures are kept as
                                            ``attr:ec-max-contribution-eur`` and
                                            ``attr:total-cost-eur``; ``eco:budget`` = total
                                            cost in DKK
``keywords``, ``fundingScheme``,            ``attr:`` literals
``healthFlags``, ``legalBasis``
euroscivoc.csv                              ``dcterms:subject`` concepts
                                            ``ecoid:euroscivoc/<code>`` (``skos:Concept`` in
                                            ``ecoid:scheme/euroscivoc``, ``skos:broader`` up the
                                            path)
topics.csv                                  ``dcterms:subject`` ``ecoid:cordis/topic/<code>``
                                            (``skos:Concept`` in ``ecoid:scheme/cordis-topics``)
organisation ``organisationID`` (PIC)       ``ecoid:cordis/org/<PIC>``, typed by
                                            ``activityType``: HES University, REC Research
                                            Institute, PRC Company, PUB Public Authority, OTH
                                            Association; ``dcterms:identifier "PIC:<pic>"``
``name``, ``shortName``                     ``skos:prefLabel`` (first name seen for the PIC),
                                            ``skos:altLabel`` (short name, other spellings)
``vatNumber``                               ``schema:vatID``; for ``DK`` + 8 digits also
                                            ``dcterms:identifier "CVR:<cvr>"`` (the CVR
                                            convention of ``docs/model.md``)
``country``, ``city``, ``postCode``         ``schema:address [ a schema:PostalAddress ;
                                            schema:addressCountry ; schema:addressLocality ;
                                            schema:postalCode ]``
``nutsLevel2Code`` DK01..DK05               ``schema:location ecoid:region-...``
``role``, ``order``, ``ecContribution``     ``org eco:partnerIn project`` and a qualified
                                            ``rdf:Statement`` with ``schema:roleName`` (coordinator,
                                            participant, associatedPartner, thirdParty),
                                            ``attr:order``, ``attr:ec-contribution-eur``
``SME``                                     ``attr:sme`` boolean
==========================================  ===================================================

Each project's triples sit in its own evidence graph ``ecoid:ev/cordis-<id>``
(an ``eco:Evidence`` derived from ``ecoid:doc/cordis-dk`` whose quote is the
project title as CORDIS gives it).

Run ``python -m graph.importers.cordis OUT.trig [--all] [--danish-only]
[FOLDER]``.

Examples
--------
>>> import tempfile
>>> d = Path(tempfile.mkdtemp())
>>> _ = (d / "projects.csv").write_text(
...     "id,acronym,title,startDate,endDate,totalCost,ecMaxContribution,healthFlags,objective\\n"
...     "1,CARE,Better care,2023-01-01,2025-12-31,100,100,topic:HORIZON-HLTH,Care.\\n"
...     "2,ROCK,Rocks,2023-01-01,2025-12-31,50,50,,Geology.\\n", encoding="utf-8")
>>> _ = (d / "organizations.csv").write_text(
...     "projectID,organisationID,vatNumber,name,shortName,activityType,role,order,ecContribution,country,nutsLevel2Code\\n"
...     "1,999991043,DK29979812,KOBENHAVNS UNIVERSITET,UCPH,HES,coordinator,1,100,DK,DK01\\n", encoding="utf-8")
>>> ds = import_cordis(d)
>>> from graph.vocab import EURIO
>>> [str(ds.value(p, SKOS.prefLabel)) for p in ds.subjects(RDF.type, EURIO.Project)]
['CARE: Better care']
>>> ds.value(ID["cordis/project/1/grant"], SCHEMA.amount)
rdflib.term.Literal('746.00', datatype=rdflib.term.URIRef('http://www.w3.org/2001/XMLSchema#decimal'))
>>> ds.value(ID["cordis/org/999991043"], SCHEMA.location) == NUTS_REGIONS["DK01"]
True
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Sequence

from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import RDF, XSD

from graph.errors import InputError, Problem
from graph.vocab import ATTR, DCTERMS, ECO, EURIO, FOAF, FRAPO, ID, OA, ORG, PROV, SCHEMA, SKOS

__all__ = [
    "DEFAULT_DIR",
    "EUR_DKK",
    "ACTIVITY_TYPES",
    "NUTS_REGIONS",
    "EUROPEAN_COMMISSION",
    "import_cordis",
    "write_trig",
    "main",
]

DEFAULT_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "cordis-dk"
if not DEFAULT_DIR.is_dir():  # the repo checked out elsewhere
    DEFAULT_DIR = Path("/work/shared/data/cordis-dk")

#: fixed conversion rate used for every CORDIS amount (DKK per EUR; the krone
#: is pegged to the euro in ERM II at 7.46038, so one fixed rate is honest)
EUR_DKK = Decimal("7.46")

#: CORDIS activityType -> class
ACTIVITY_TYPES: dict[str, URIRef] = {
    "HES": ECO.University,
    "REC": ECO.ResearchInstitute,
    "PRC": ECO.Company,
    "PUB": ECO.PublicAuthority,
    "OTH": ECO.Association,
}

#: Danish NUTS-2 code -> reference region
NUTS_REGIONS: dict[str, URIRef] = {
    "DK01": ID["region-hovedstaden"],
    "DK02": ID["region-sjaelland"],
    "DK03": ID["region-syddanmark"],
    "DK04": ID["region-midtjylland"],
    "DK05": ID["region-nordjylland"],
}

EUROPEAN_COMMISSION = ID["europa-kommissionen"]
DOC = ID["doc/cordis-dk"]


def _read(folder: Path, name: str) -> list[dict]:
    path = folder / name
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh))
    except FileNotFoundError:
        raise InputError([Problem(str(path), None, "file not found")]) from None
    except (UnicodeDecodeError, csv.Error) as err:
        raise InputError([Problem(str(path), None, f"cannot read CSV: {err}")]) from None


def _decimal(text: str, where: str, row: int, problems: list[Problem]) -> Decimal | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        problems.append(Problem(where, row, f"not a number: {text!r}"))
        return None
    if value < 0:
        problems.append(Problem(where, row, f"negative amount: {text!r}"))
        return None
    return value


def _dkk(eur: Decimal) -> Decimal:
    return (eur * EUR_DKK).quantize(Decimal("0.01"))


def _date(text: str, where: str, row: int, problems: list[Problem]) -> Literal | None:
    text = (text or "").strip()
    if not text:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        problems.append(Problem(where, row, f"not an ISO date: {text!r}"))
        return None
    return Literal(text, datatype=XSD.date)


def import_cordis(
    folder: str | Path = DEFAULT_DIR,
    *,
    health_only: bool = True,
    danish_only: bool = False,
    limit: int | None = None,
    dataset: Dataset | None = None,
) -> Dataset:
    """Map the CORDIS CSV files in ``folder`` onto the ecokg vocabulary.

    Parameters
    ----------
    folder : path-like
        A folder with ``projects.csv``, ``organizations.csv``, ``topics.csv``
        and ``euroscivoc.csv`` (the last two optional).
    health_only : bool
        Only projects with a health flag (``healthFlags`` not empty).
    danish_only : bool
        Only the Danish participants of each project (``country == "DK"``).
    limit : int, optional
        Stop after this many projects (in file order), for quick looks and tests.
    dataset : rdflib.Dataset, optional
        Add to this dataset instead of a new one.

    Returns
    -------
    rdflib.Dataset
        One evidence graph per project; the European Commission, the
        document and the concept schemes in the default graph.

    Raises
    ------
    graph.errors.InputError
        A file is missing or unreadable, or a value is malformed (one problem
        per bad cell, naming file and row; the header is row 1).
    """
    folder = Path(folder)
    problems: list[Problem] = []
    projects = _read(folder, "projects.csv")
    orgs = _read(folder, "organizations.csv")
    topics = _read(folder, "topics.csv") if (folder / "topics.csv").exists() else []
    fields = _read(folder, "euroscivoc.csv") if (folder / "euroscivoc.csv").exists() else []

    keep: list[tuple[int, dict]] = []
    for n, p in enumerate(projects, start=2):
        if health_only and not (p.get("healthFlags") or "").strip():
            continue
        keep.append((n, p))
        if limit is not None and len(keep) >= limit:
            break
    wanted = {p["id"] for _n, p in keep}

    parts: dict[str, list[tuple[int, dict]]] = defaultdict(list)
    names: dict[str, list[str]] = defaultdict(list)
    for n, o in enumerate(orgs, start=2):
        if o.get("projectID") not in wanted:
            continue
        if danish_only and o.get("country") != "DK":
            continue
        parts[o["projectID"]].append((n, o))
        name = " ".join((o.get("name") or "").split())
        if name and name not in names[o["organisationID"]]:
            names[o["organisationID"]].append(name)
    topics_of = defaultdict(list)
    for t in topics:
        if t.get("projectID") in wanted:
            topics_of[t["projectID"]].append(t)
    fields_of = defaultdict(list)
    for f in fields:
        if f.get("projectID") in wanted:
            fields_of[f["projectID"]].append(f)

    ds = dataset if dataset is not None else Dataset(default_union=True)
    for prefix, ns in (("eco", ECO), ("ecoid", ID), ("eurio", EURIO), ("schema", SCHEMA), ("skos", SKOS),
                       ("dcterms", DCTERMS), ("org", ORG), ("prov", PROV), ("oa", OA), ("frapo", FRAPO)):
        ds.bind(prefix, ns)
    meta = ds.default_graph
    _declare_shared(meta)
    proj_file = str(folder / "projects.csv")
    org_file = str(folder / "organizations.csv")
    for row, p in keep:
        pid = p["id"].strip()
        if not pid.isdigit():
            problems.append(Problem(proj_file, row, f"project id is not a number: {pid!r}"))
            continue
        ev = ID[f"ev/cordis-{pid}"]
        g = ds.graph(ev)
        proj = ID[f"cordis/project/{pid}"]
        acronym = (p.get("acronym") or "").strip()
        title = " ".join((p.get("title") or "").split())
        label = f"{acronym}: {title}" if acronym and title else (acronym or title or f"CORDIS project {pid}")
        g.add((proj, RDF.type, EURIO.Project))
        g.add((proj, RDF.type, ECO.Initiative))
        g.add((proj, SKOS.prefLabel, Literal(label, lang="en")))
        if acronym:
            g.add((proj, SKOS.altLabel, Literal(acronym)))
        g.add((proj, DCTERMS.identifier, Literal(f"CORDIS:{pid}")))
        g.add((proj, SCHEMA.url, URIRef(f"https://cordis.europa.eu/project/id/{pid}")))
        objective = (p.get("objective") or "").strip()
        if objective:
            g.add((proj, DCTERMS.description, Literal(objective, lang="en")))
        start = _date(p.get("startDate"), proj_file, row, problems)
        end = _date(p.get("endDate"), proj_file, row, problems)
        if start is not None:
            g.add((proj, SCHEMA.startDate, start))
        if end is not None:
            g.add((proj, SCHEMA.endDate, end))
        if start is not None and end is not None and str(end) < str(start):
            problems.append(Problem(proj_file, row, f"end date {end} before start date {start}"))
        for col, attr in (("keywords", "keywords"), ("fundingScheme", "funding-scheme"),
                          ("healthFlags", "health-flags"), ("legalBasis", "legal-basis"), ("status", "status")):
            v = (p.get(col) or "").strip()
            if v:
                g.add((proj, ATTR[attr], Literal(v)))
        contribution = _decimal(p.get("ecMaxContribution"), proj_file, row, problems)
        total = _decimal(p.get("totalCost"), proj_file, row, problems)
        if total is not None:
            g.add((proj, ECO.budget, Literal(_dkk(total), datatype=XSD.decimal)))
            g.add((proj, ATTR["total-cost-eur"], Literal(total, datatype=XSD.decimal)))
        g.add((proj, SCHEMA.funder, EUROPEAN_COMMISSION))
        if contribution is not None:
            grant = ID[f"cordis/project/{pid}/grant"]
            g.add((grant, RDF.type, SCHEMA.MonetaryGrant))
            g.add((grant, RDF.type, FRAPO.Grant))
            g.add((grant, SCHEMA.fundedItem, proj))
            g.add((grant, SCHEMA.funder, EUROPEAN_COMMISSION))
            g.add((grant, SCHEMA.amount, Literal(_dkk(contribution), datatype=XSD.decimal)))
            g.add((grant, SCHEMA.currency, Literal("DKK")))
            g.add((grant, ATTR["ec-max-contribution-eur"], Literal(contribution, datatype=XSD.decimal)))
            g.add((grant, DCTERMS.description, Literal(
                f"Maximum EU contribution EUR {contribution}, converted at {EUR_DKK} DKK/EUR", lang="en")))
            if start is not None:
                g.add((grant, SCHEMA.startDate, start))
            if end is not None:
                g.add((grant, SCHEMA.endDate, end))
        for t in topics_of.get(pid, ()):
            code = (t.get("topic") or "").strip()
            if not code:
                continue
            concept = ID[f"cordis/topic/{_segment(code)}"]
            g.add((proj, DCTERMS.subject, concept))
            meta.add((concept, RDF.type, SKOS.Concept))
            meta.add((concept, SKOS.inScheme, ID["scheme/cordis-topics"]))
            meta.add((concept, SKOS.notation, Literal(code)))
            if (t.get("title") or "").strip() and (concept, SKOS.prefLabel, None) not in meta:
                meta.add((concept, SKOS.prefLabel, Literal(" ".join(t["title"].split()), lang="en")))
        for f in fields_of.get(pid, ()):
            concept = _euroscivoc(meta, f)
            if concept is not None:
                g.add((proj, DCTERMS.subject, concept))
        for orow, o in parts.get(pid, ()):
            _participant(g, proj, o, names, org_file, orow, problems)
        sel = ID[f"ev/cordis-{pid}/quote"]
        meta.add((ev, RDF.type, ECO.Evidence))
        meta.add((ev, PROV.wasDerivedFrom, DOC))
        meta.add((ev, OA.hasSelector, sel))
        meta.add((sel, RDF.type, OA.TextQuoteSelector))
        meta.add((sel, OA.exact, Literal(title or label)))
    if problems:
        raise InputError(problems)
    return ds


def _segment(code: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", code).strip("-")


def _declare_shared(meta) -> None:
    meta.add((EUROPEAN_COMMISSION, RDF.type, ECO.PublicAuthority))
    meta.add((EUROPEAN_COMMISSION, SKOS.prefLabel, Literal("Europa-Kommissionen", lang="da")))
    meta.add((EUROPEAN_COMMISSION, SKOS.prefLabel, Literal("European Commission", lang="en")))
    meta.add((EUROPEAN_COMMISSION, SKOS.altLabel, Literal("EU-Kommissionen", lang="da")))
    meta.add((DOC, RDF.type, FOAF.Document))
    meta.add((DOC, DCTERMS.title, Literal(
        "CORDIS – EU research projects under Horizon Europe (2021-2027), projects with Danish participants", lang="en")))
    meta.add((DOC, DCTERMS.date, Literal("2025-12-06", datatype=XSD.date)))
    meta.add((DOC, DCTERMS.publisher, Literal("European Commission — CORDIS")))
    meta.add((DOC, DCTERMS.source, Literal("https://cordis.europa.eu/")))
    meta.add((DOC, DCTERMS.rights, Literal("Source: CORDIS, © European Union, https://cordis.europa.eu/")))
    for scheme, label in ((ID["scheme/euroscivoc"], "EuroSciVoc"), (ID["scheme/cordis-topics"], "CORDIS call topics")):
        meta.add((scheme, RDF.type, SKOS.ConceptScheme))
        meta.add((scheme, SKOS.prefLabel, Literal(label, lang="en")))


def _euroscivoc(meta, f: dict) -> URIRef | None:
    codes = [c for c in (f.get("euroSciVocCode") or "").split("/") if c]
    labels = [x for x in (f.get("euroSciVocPath") or "").split("/") if x]
    if not codes:
        return None
    parent = None
    node = None
    for k, code in enumerate(codes):
        node = ID[f"euroscivoc/{code}"]
        if (node, RDF.type, SKOS.Concept) not in meta:
            meta.add((node, RDF.type, SKOS.Concept))
            meta.add((node, SKOS.inScheme, ID["scheme/euroscivoc"]))
            if len(labels) == len(codes):
                meta.add((node, SKOS.prefLabel, Literal(labels[k], lang="en")))
            elif k == len(codes) - 1 and f.get("euroSciVocTitle"):
                meta.add((node, SKOS.prefLabel, Literal(f["euroSciVocTitle"], lang="en")))
            else:
                meta.add((node, SKOS.prefLabel, Literal(f"EuroSciVoc {code}", lang="en")))
            if parent is not None:
                meta.add((node, SKOS.broader, parent))
        parent = node
    return node


def _participant(g, proj, o: dict, names: dict, where: str, row: int, problems: list[Problem]) -> None:
    pic = (o.get("organisationID") or "").strip()
    if not pic.isdigit():
        problems.append(Problem(where, row, f"organisationID (PIC) is not a number: {pic!r}"))
        return
    org = ID[f"cordis/org/{pic}"]
    activity = (o.get("activityType") or "").strip()
    cls = ACTIVITY_TYPES.get(activity, ECO.Association)
    g.add((org, RDF.type, cls))
    all_names = names.get(pic) or [f"PIC {pic}"]
    g.add((org, SKOS.prefLabel, Literal(all_names[0])))
    for other in all_names[1:]:
        g.add((org, SKOS.altLabel, Literal(other)))
    short = (o.get("shortName") or "").strip()
    if short:
        g.add((org, SKOS.altLabel, Literal(short)))
    g.add((org, DCTERMS.identifier, Literal(f"PIC:{pic}")))
    vat = re.sub(r"\s", "", o.get("vatNumber") or "")
    if vat:
        g.add((org, SCHEMA.vatID, Literal(vat)))
        if re.fullmatch(r"DK\d{8}", vat):
            g.add((org, DCTERMS.identifier, Literal(f"CVR:{vat[2:]}")))
    url = (o.get("organizationURL") or "").strip()
    if re.match(r"https?://\S+$", url):
        g.add((org, SCHEMA.url, URIRef(url)))
    country = (o.get("country") or "").strip()
    if country:
        addr = ID[f"cordis/org/{pic}/address"]
        g.add((org, SCHEMA.address, addr))
        g.add((addr, RDF.type, SCHEMA.PostalAddress))
        g.add((addr, SCHEMA.addressCountry, Literal(country)))
    region = NUTS_REGIONS.get((o.get("nutsLevel2Code") or "").strip())
    if region is not None and country == "DK":
        g.add((org, SCHEMA.location, region))
    if (o.get("SME") or "").strip() in ("true", "false"):
        g.add((org, ATTR.sme, Literal(o["SME"].strip() == "true")))
    g.add((org, ECO.partnerIn, proj))
    role = (o.get("role") or "").strip() or "participant"
    st = ID[f"cordis/participation/{proj.rsplit('/', 1)[-1]}-{pic}-{role}"]
    g.add((st, RDF.type, RDF.Statement))
    g.add((st, RDF.subject, org))
    g.add((st, RDF.predicate, ECO.partnerIn))
    g.add((st, RDF.object, proj))
    g.add((st, SCHEMA.roleName, Literal(role)))
    order = (o.get("order") or "").strip()
    if order.isdigit():
        g.add((st, ATTR.order, Literal(int(order))))
    contribution = _decimal(o.get("ecContribution"), where, row, problems)
    if contribution is not None:
        g.add((st, ATTR["ec-contribution-eur"], Literal(contribution, datatype=XSD.decimal)))


def write_trig(ds: Dataset, out: str | Path) -> None:
    """Write a Dataset as TriG quickly (rdflib N-Quads -> pyoxigraph TriG writer).

    rdflib's own TriG writer takes minutes on the full CORDIS import; this
    takes seconds and writes the same quads.
    """
    import pyoxigraph as ox

    nq = ds.serialize(format="nquads", encoding="utf-8")
    quads = ox.parse(nq, format=ox.RdfFormat.N_QUADS)
    prefixes = {p: str(ns) for p, ns in ds.namespaces() if p}
    tmp = Path(str(out) + ".tmp")
    ox.serialize(quads, output=str(tmp), format=ox.RdfFormat.TRIG, prefixes=prefixes)
    tmp.replace(out)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m graph.importers.cordis OUT.trig [--all] [--danish-only] [FOLDER]``."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m graph.importers.cordis", description=__doc__.splitlines()[0])
    ap.add_argument("out", help="output TriG file")
    ap.add_argument("folder", nargs="?", default=str(DEFAULT_DIR), help="the cordis-dk folder")
    ap.add_argument("--all", action="store_true", help="all projects, not only those with a health flag")
    ap.add_argument("--danish-only", action="store_true", help="only Danish participants")
    args = ap.parse_args(argv)
    try:
        ds = import_cordis(args.folder, health_only=not args.all, danish_only=args.danish_only)
    except InputError as err:
        for line in err.lines():
            print(line, file=sys.stderr)
        return 2
    write_trig(ds, args.out)
    n_proj = len(set(ds.subjects(RDF.type, EURIO.Project)))
    n_org = len({s for s in ds.subjects(ECO.partnerIn, None)})
    print(f"{n_proj} projects, {n_org} organisations, {len(ds)} triples -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
