"""Build the reference data: the Danish regions and the 98 municipalities.

Reads the shared municipality list (``kommunerne.csv``, ISO-8859-1, 97 rows:
it leaves out Helsingør), adds Helsingør to Region Hovedstaden in code, and
writes two Turtle files that are committed to the repository:

- ``data/reference/regions.ttl``: the five regions (NUTS DK01-DK05), Region
  Østdanmark (from 2027-01-01), the dissolution of Region Hovedstaden and
  Region Sjælland on 2026-12-31 and the ``org:ChangeEvent`` of that merger.
- ``data/reference/municipalities.ttl``: the 98 municipalities, each
  ``schema:containedInPlace`` its region, and the source document.

Run from the repository root::

    python scripts/build_reference.py [--source PATH/kommunerne.csv] [--out data/reference]

The output is deterministic, so running it again on the same input gives the
same files (tests/test_reference.py checks this).
"""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import dataclass
from pathlib import Path

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, SKOS, XSD

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from graph.ids import entity_iri  # noqa: E402
from graph.vocab import ECO, ID, NUTS, SCHEMA  # noqa: E402

__all__ = ["Municipality", "read_municipalities", "regions_graph", "municipalities_graph", "main"]

DEFAULT_SOURCE = ROOT.parent / "shared" / "data" / "dk-municipalities" / "kommunerne.csv"
DEFAULT_OUT = ROOT / "data" / "reference"

#: short region name (as in the CSV) -> (NUTS code, English name, website)
REGIONS: dict[str, tuple[str, str, str]] = {
    "Hovedstaden": ("DK01", "Capital Region of Denmark", "https://www.regionh.dk"),
    "Sjælland": ("DK02", "Region Zealand", "https://www.regionsjaelland.dk"),
    "Syddanmark": ("DK03", "Region of Southern Denmark", "https://www.regionsyddanmark.dk"),
    "Midtjylland": ("DK04", "Central Denmark Region", "https://www.rm.dk"),
    "Nordjylland": ("DK05", "North Denmark Region", "https://rn.dk"),
}
#: the regions created by the 2007 structural reform
REGIONS_FOUNDED = "2007-01-01"
#: Region Hovedstaden and Region Sjælland merge into Region Østdanmark
MERGED_REGIONS = ("Hovedstaden", "Sjælland")
NEW_REGION = "Østdanmark"
MERGER_DATE = "2027-01-01"
DISSOLUTION_DATE = "2026-12-31"

#: municipalities the shared list leaves out: (name, short region name)
MISSING = [("Helsingør", "Hovedstaden")]

#: name in the CSV -> (canonical short name, official Danish name); every other
#: municipality is officially "<name> Kommune"
IRREGULAR = {
    "København": ("København", "Københavns Kommune"),
    "Bornholm": ("Bornholm", "Bornholms Regionskommune"),
    "Århus": ("Aarhus", "Aarhus Kommune"),  # spelled Aarhus officially since 2011
}
#: extra alternative labels (old spellings, non-genitive forms of the name)
EXTRA_ALT_LABELS = {
    "Aarhus": ["Århus"],
    "Nordfyns": ["Nordfyn"],
    "Vesthimmerlands": ["Vesthimmerland"],
}

MUNICIPALITY_DOC = ID["doc/dk-municipalities"]
REFORM_DOC = ID["doc/sundhedsreform-2024"]
MERGER_EVENT = ID["event/region-oestdanmark-2027"]
KOMMUNE = Namespace(str(ID) + "kommune/")
EVENT = Namespace(str(ID) + "event/")
DOC = Namespace(str(ID) + "doc/")


@dataclass(frozen=True)
class Municipality:
    """One municipality: its canonical short name, official name and region."""

    name: str
    official_name: str
    region: str
    alt_labels: tuple[str, ...]

    @property
    def iri(self) -> URIRef:
        return entity_iri(self.name, kind="kommune")


def region_iri(short_name: str) -> URIRef:
    """``ecoid:region-<slug>`` for a short region name such as ``"Sjælland"``."""
    return entity_iri(f"Region {short_name}")


def read_municipalities(path: Path = DEFAULT_SOURCE) -> list[Municipality]:
    """Read ``kommunerne.csv`` (latin-1) and add the municipalities it leaves out.

    Raises ``ValueError`` naming the row when a row is malformed or names an
    unknown region, or when a municipality occurs twice.
    """
    rows: list[tuple[str, str]] = []
    with open(path, encoding="latin-1", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader, None)
        if header is None or [h.strip() for h in header] != ["Kommune", "Region"]:
            raise ValueError(f"{path}:1: expected the header 'Kommune,Region', got {header!r}")
        for rowno, row in enumerate(reader, start=2):
            if not row or not "".join(row).strip():
                continue
            if len(row) != 2:
                raise ValueError(f"{path}:{rowno}: expected 2 columns, got {len(row)}")
            name, region = (cell.strip() for cell in row)
            if region not in REGIONS:
                raise ValueError(f"{path}:{rowno}: unknown region {region!r}")
            rows.append((name, region))
    known = {name for name, _ in rows}
    rows.extend((name, region) for name, region in MISSING if name not in known)

    result: list[Municipality] = []
    seen: set[str] = set()
    for csv_name, region in rows:
        name, official = IRREGULAR.get(csv_name, (csv_name, f"{csv_name} Kommune"))
        if name in seen:
            raise ValueError(f"{path}: municipality {name!r} occurs twice")
        seen.add(name)
        alts = [name] + ([csv_name] if csv_name != name else []) + EXTRA_ALT_LABELS.get(name, [])
        result.append(Municipality(name, official, region, tuple(dict.fromkeys(alts))))
    return sorted(result, key=lambda m: m.iri)


def _new_graph() -> Graph:
    g = Graph()
    for prefix, ns in [
        ("eco", ECO),
        ("ecoid", ID),
        ("kommune", KOMMUNE),
        ("event", EVENT),
        ("doc", DOC),
        ("org", ORG),
        ("skos", SKOS),
        ("prov", PROV),
        ("dcterms", DCTERMS),
        ("schema", SCHEMA),
        ("foaf", FOAF),
        ("nuts", NUTS),
        ("xsd", XSD),
    ]:
        g.bind(prefix, ns, override=True)
    return g


def _date(text: str) -> Literal:
    return Literal(text, datatype=XSD.date)


def regions_graph() -> Graph:
    """The five regions, Region Østdanmark and the 2027 merger."""
    g = _new_graph()
    new = region_iri(NEW_REGION)
    for short, (nuts, english, url) in REGIONS.items():
        r = region_iri(short)
        g.add((r, RDF.type, ECO.Region))
        g.add((r, SKOS.prefLabel, Literal(f"Region {short}", lang="da")))
        g.add((r, SKOS.prefLabel, Literal(english, lang="en")))
        g.add((r, SKOS.altLabel, Literal(short, lang="da")))
        g.add((r, SKOS.notation, Literal(nuts)))
        g.add((r, SCHEMA.sameAs, NUTS[nuts]))
        g.add((r, SCHEMA.url, URIRef(url)))
        g.add((r, SCHEMA.foundingDate, _date(REGIONS_FOUNDED)))
        if short in MERGED_REGIONS:
            g.add((r, SCHEMA.dissolutionDate, _date(DISSOLUTION_DATE)))
            g.add((r, ECO.mergedInto, new))
    g.add((new, RDF.type, ECO.Region))
    g.add((new, SKOS.prefLabel, Literal(f"Region {NEW_REGION}", lang="da")))
    g.add((new, SKOS.altLabel, Literal(NEW_REGION, lang="da")))
    g.add((new, SCHEMA.foundingDate, _date(MERGER_DATE)))
    g.add(
        (
            new,
            DCTERMS.description,
            Literal(
                "Ny region fra 1. januar 2027, dannet ved sammenlægning af Region Hovedstaden og Region Sjælland.",
                lang="da",
            ),
        )
    )

    ev = MERGER_EVENT
    g.add((ev, RDF.type, ORG.ChangeEvent))
    g.add((ev, SKOS.prefLabel, Literal("Sammenlægning af Region Hovedstaden og Region Sjælland", lang="da")))
    g.add((ev, SKOS.prefLabel, Literal("Merger of Region Hovedstaden and Region Sjælland", lang="en")))
    for short in MERGED_REGIONS:
        g.add((ev, ORG.originalOrganization, region_iri(short)))
    g.add((ev, ORG.resultingOrganization, new))
    g.add((ev, PROV.atTime, Literal(f"{MERGER_DATE}T00:00:00", datatype=XSD.dateTime)))
    g.add((ev, SCHEMA.startDate, _date(MERGER_DATE)))
    g.add((ev, DCTERMS.source, REFORM_DOC))

    d = REFORM_DOC
    g.add((d, RDF.type, FOAF.Document))
    g.add((d, DCTERMS.title, Literal("Aftale om sundhedsreform 2024", lang="da")))
    g.add((d, DCTERMS.date, _date("2024-11-18")))
    g.add((d, DCTERMS.publisher, Literal("Regeringen", lang="da")))
    g.add((d, DCTERMS.language, Literal("da")))
    g.add(
        (
            d,
            DCTERMS.description,
            Literal(
                "The political agreement on the Danish health reform under which Region Hovedstaden and "
                "Region Sjælland merge into Region Østdanmark on 1 January 2027.",
                lang="en",
            ),
        )
    )
    return g


def municipalities_graph(municipalities: list[Municipality]) -> Graph:
    """The municipalities with their regions, and the source document."""
    g = _new_graph()
    for m in municipalities:
        g.add((m.iri, RDF.type, ECO.Municipality))
        g.add((m.iri, SKOS.prefLabel, Literal(m.official_name, lang="da")))
        for alt in m.alt_labels:
            g.add((m.iri, SKOS.altLabel, Literal(alt, lang="da")))
        g.add((m.iri, SCHEMA.containedInPlace, region_iri(m.region)))
        g.add((m.iri, DCTERMS.source, MUNICIPALITY_DOC))

    d = MUNICIPALITY_DOC
    commit = "e13b71aa5f6df8935973bf3674b99950efe9620b"
    g.add((d, RDF.type, FOAF.Document))
    g.add((d, DCTERMS.title, Literal("kommunerne.csv: de danske kommuner og deres regioner", lang="da")))
    g.add((d, DCTERMS.title, Literal("kommunerne.csv: the Danish municipalities and their regions", lang="en")))
    g.add((d, DCTERMS.date, _date("2020-05-08")))
    g.add((d, DCTERMS.creator, Literal("Igor Holas")))
    g.add((d, DCTERMS.publisher, Literal("GitHub iholas/dk_municipalities")))
    g.add((d, DCTERMS.source, URIRef(f"https://github.com/iholas/dk_municipalities/blob/{commit}/kommunerne.csv")))
    g.add((d, DCTERMS.license, URIRef("https://spdx.org/licenses/MIT")))
    g.add((d, DCTERMS.rights, Literal("© 2020 Igor Holas, MIT licence")))
    g.add((d, DCTERMS.language, Literal("da")))
    g.add((d, DCTERMS.format, Literal("text/csv")))
    g.add(
        (
            d,
            DCTERMS.description,
            Literal(
                f"97 municipalities with their regions, commit {commit} (2020-05-08), copied unchanged to "
                "shared/data/dk-municipalities/. It leaves out Helsingør (Region Hovedstaden), which "
                "scripts/build_reference.py adds.",
                lang="en",
            ),
        )
    )
    return g


_HEADER = "# Generated by scripts/build_reference.py; do not edit by hand.\n# {what}\n"


def _write(g: Graph, path: Path, what: str) -> None:
    text = g.serialize(format="turtle")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_HEADER.format(what=what) + text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="kommunerne.csv (latin-1)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    try:
        municipalities = read_municipalities(args.source)
    except (OSError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    _write(regions_graph(), args.out / "regions.ttl", "The Danish regions, Region Østdanmark and the 2027 merger.")
    _write(
        municipalities_graph(municipalities),
        args.out / "municipalities.ttl",
        f"The {len(municipalities)} Danish municipalities and their regions.",
    )
    print(f"wrote {len(municipalities)} municipalities and {len(REGIONS) + 1} regions to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
